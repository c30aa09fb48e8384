"""The YAML reference of the user guide, written from the JSON Schemas so that it says what the loader accepts.

`yaml_reference()` turns the schema of every file kind (`schema.py`, itself generated from `model.py`) into
Markdown: a table of keys per file, and one per nested value (a journey stage, an emotion, a KPI, …), each shown
once and linked from wherever it is used. The site's guide renders it at build time (`docs/guide/hooks.py`), so a
field added to the model appears in the guide with its description without anyone editing the guide.
"""

from __future__ import annotations

import ast
import inspect
import json
from typing import Any

from mkdocs_journeys import config
from mkdocs_journeys.data.formats import BUILTIN_FORMATS, BUILTIN_INDUSTRIES
from mkdocs_journeys.data.model import SLUG_PATTERN, ContentFormat
from mkdocs_journeys.data.schema import SCHEMAS, json_schema

REF_PREFIX = "#/$defs/"


def yaml_reference() -> str:
    """Markdown sections: one per file kind, each followed by the nested values it introduces."""
    writer = _ReferenceWriter()
    for kind in SCHEMAS:
        writer.file_kind(kind)
    return "\n".join(writer.lines).rstrip() + "\n"


def plugin_options_reference() -> str:
    """A table of the plugin's options in `mkdocs.yml`, from `config.py`: names, defaults and their docstrings."""
    docs = _option_docstrings()
    lines = ["| Option | Default | What it does |", "| --- | --- | --- |"]
    for name, option in config.JourneysConfig._schema:
        default = getattr(option, "default", None)
        shown = "none" if default is None else f"`{json.dumps(default)}`"
        lines.append(f"| `{name}` | {shown} | {_cell(docs.get(name, ''))} |")
    return "\n".join(lines) + "\n"


def _option_docstrings() -> dict[str, str]:
    """The string written under each option in `config.py`, which Python keeps only in the source."""
    tree = ast.parse(inspect.getsource(config))
    docs: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == config.JourneysConfig.__name__:
            for statement, following in zip(node.body, node.body[1:], strict=False):
                if (
                    isinstance(statement, ast.Assign)
                    and isinstance(statement.targets[0], ast.Name)
                    and isinstance(following, ast.Expr)
                    and isinstance(following.value, ast.Constant)
                    and isinstance(following.value.value, str)
                ):
                    docs[statement.targets[0].id] = inspect.cleandoc(following.value.value)
    return docs


def anchor(name: str) -> str:
    """The anchor of a file kind's or a nested value's section."""
    return name.lower()


class _ReferenceWriter:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.written: set[str] = set()

    def file_kind(self, kind: str) -> None:
        schema = json_schema(kind)
        definitions: dict[str, Any] = schema.get("$defs", {})
        self.lines += [f"## {SCHEMAS[kind].title} {{#{anchor(kind)}}}", ""]
        self.lines += [_cell(schema.get("description", "")), ""]
        self.table(schema)
        for name in self.nested(schema, definitions):
            if name in self.written:
                continue
            self.written.add(name)
            definition = definitions[name]
            self.lines += [f"### {definition.get('title', name)} {{#{anchor(name)}}}", ""]
            if definition.get("description"):
                self.lines += [_cell(definition["description"]), ""]
            self.table(definition)

    def table(self, schema: dict[str, Any]) -> None:
        properties: dict[str, Any] = schema.get("properties", {})
        required = set(schema.get("required", []))
        self.lines += ["| Key | Value | Description |", "| --- | --- | --- |"]
        for key, prop in properties.items():
            needed = "required" if key in required else _default(prop)
            value = describe(prop) + (f"; {needed}" if needed else "")
            self.lines.append(f"| `{key}` | {value} | {_cell(_description(prop))} |")
        self.lines.append("")

    def nested(self, schema: dict[str, Any], definitions: dict[str, Any]) -> list[str]:
        """The definitions a schema uses, in the order a reader meets them, deepest last."""
        found: list[str] = []

        def visit(node: Any) -> None:
            if isinstance(node, dict):
                ref = node.get("$ref")
                if isinstance(ref, str) and ref.startswith(REF_PREFIX):
                    name = ref[len(REF_PREFIX) :]
                    if name not in found:
                        found.append(name)
                        visit(definitions[name])
                for key, value in node.items():
                    if key != "$defs":
                        visit(value)
            elif isinstance(node, list):
                for item in node:
                    visit(item)

        visit(schema.get("properties", {}))
        return found


def describe(node: dict[str, Any]) -> str:
    """What a value may be, in words: `text`, `list of ids (or one id)`, `whole number from -2 to 2`, …"""
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith(REF_PREFIX):
        name = ref[len(REF_PREFIX) :]
        return f"[{name}](#{anchor(name)})"
    if "anyOf" in node:
        options = [option for option in node["anyOf"] if option.get("type") != "null"]
        choices = [option for option in options if "enum" in option]
        spellings = [option for option in options if "pattern" in option and option.get("type") == "string"]
        if choices and spellings and len(choices) + len(spellings) == len(options):
            # A choice, and the pattern of its other spellings (`In progress` for `in-progress`).
            return describe(choices[0]) + " (in any case, with spaces for hyphens)"
        if len(options) == 2 and options[1].get("type") == "array" and options[1].get("items") == options[0]:
            return f"{_plural(options[0])} (or a single {describe(options[0])})"
        if len(options) > 2 and options[-1].get("type") == "array":
            # Entries with a short form: `pain_points: Slow` or `[Slow, {text: Slow, id: slow}]`.
            items = options[-1].get("items", {}).get("anyOf")
            if items == options[:-1]:
                one = " or ".join(describe(option) for option in items)
                return f"list of entries, each {one} (or a single entry)"
        return " or ".join(describe(option) for option in options)
    if "enum" in node:
        return "one of " + ", ".join(f"`{value}`" for value in node["enum"])
    kind = node.get("type")
    if kind == "string":
        return "id" if node.get("pattern") == SLUG_PATTERN else "text"
    if kind == "integer":
        return "whole number" + _bounds(node)
    if kind == "number":
        return "number" + _bounds(node)
    if kind == "boolean":
        return "`true` or `false`"
    if kind == "array":
        return _plural(node.get("items", {}))
    if kind == "object":
        values = node.get("additionalProperties")
        keys = node.get("propertyNames", {})
        patterns = node.get("patternProperties", {})
        if not isinstance(values, dict) and len(patterns) == 1:  # keys that must be ids
            ((pattern, values),) = patterns.items()
            keys = {"type": "string", "pattern": pattern}
        if isinstance(values, dict):
            key_text = describe(keys) if keys.get("type") or keys.get("pattern") else "text"
            return f"mapping: keys {key_text}, values {describe(values)}"
    return "value"


def _plural(items: dict[str, Any]) -> str:
    single = describe(items)
    if single in ("id", "text"):
        return f"list of {single}s" if single == "id" else "list of texts"
    return f"list of {single}"


def _bounds(node: dict[str, Any]) -> str:
    low, high = node.get("minimum"), node.get("maximum")
    if low is not None and high is not None:
        return f" from {low} to {high}"
    if low is not None:
        return f", {low} or more"
    if high is not None:
        return f", {high} or less"
    return ""


def _description(prop: dict[str, Any]) -> str:
    """A key's description, else that of its type (a URL, an id), which the schema keeps inside `anyOf`."""
    if prop.get("description"):
        return str(prop["description"])
    options = [option for option in prop.get("anyOf", []) if option.get("type") != "null"]
    return str(options[0].get("description", "")) if len(options) == 1 else ""


def _default(prop: dict[str, Any]) -> str:
    default = prop.get("default")
    if default is None or default == [] or default == {}:
        return ""
    return f"default `{json.dumps(default)}`"


def _cell(text: str) -> str:
    """Model descriptions are Markdown written by us; only what would break a table row is changed."""
    return " ".join(text.split()).replace("|", "\\|")


def content_formats_reference() -> str:
    """The built-in library as the guide shows it, from `data/formats.py`: the formats every business may be offered,
    then each industry's preset (its own formats, and its words for shared ones)."""
    lines: list[str] = []
    shared = [f for f in BUILTIN_FORMATS if not f.industries]
    lines += ["### Any business {#formats-any-business}", "", _formats_table(shared), ""]
    for industry in BUILTIN_INDUSTRIES:
        lines += [f"### {industry.name} (`{industry.id}`) {{#formats-{industry.id}}}", ""]
        if industry.description:
            lines += [_cell(industry.description), ""]
        own = [f for f in BUILTIN_FORMATS if industry.id in f.industries]
        lines += [_formats_table(own), ""]
        if industry.wording:
            lines += ["Its words for formats of other lists:", ""]
            for format_id, wording in industry.wording.items():
                said = " ".join(
                    part for part in (f"**{wording.name}**" if wording.name else "", wording.purpose or "") if part
                )
                lines.append(f"- `{format_id}`: {_cell(said)}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _formats_table(formats: list[ContentFormat]) -> str:
    rows = [
        "| Format | Stage types | For | Channels | What calls for it |",
        "| --- | --- | --- | --- | --- |",
    ]
    for f in formats:
        also = f" (also {', '.join(i for i in f.industries)})" if len(f.industries) > 1 else ""
        rows.append(
            f"| **{_cell(f.name)}** `{f.id}`<br>{_cell(f.purpose)} | {', '.join(f.stages)} | {f.audience}{also} "
            f"| {', '.join(f.channels)} | {_cell(_calls(f))} |"
        )
    return "\n".join(rows)


def _calls(content_format: ContentFormat) -> str:
    """What calls for a format, in words: its flags, then its keywords."""
    calls = []
    if content_format.every_question_in:
        calls.append(f"every question at {', '.join(content_format.every_question_in)}")
    if content_format.catch_all:
        calls.append("questions no other format answers")
    if content_format.staple_in:
        calls.append(f"a coverage gap at {', '.join(content_format.staple_in)}")
    if content_format.recovers_drop_off:
        calls.append("a large drop-off")
    if content_format.content_of_touchpoint:
        calls.append("a pain point at a touchpoint on its channels")
    if content_format.keywords:
        calls.append("words: " + ", ".join(f"`{k}`" for k in content_format.keywords))
    return "; ".join(calls)


MARKERS = {
    "<!-- generated: yaml-reference -->": yaml_reference,
    "<!-- generated: plugin-options -->": plugin_options_reference,
    "<!-- generated: content-formats -->": content_formats_reference,
}
"""What a guide page writes where the generated reference goes (see `docs/guide/hooks.py`)."""


def fill_markers(markdown: str) -> str:
    """The page's Markdown with each marker replaced by what it stands for."""
    for marker, render in MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, render())
    return markdown
