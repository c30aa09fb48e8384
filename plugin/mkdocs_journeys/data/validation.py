"""Validate one loaded YAML document against its model, turning pydantic's errors into located diagnostics.

Pydantic reports *where* in the data a problem is (`('stages', 2, 'emotion', 'score')`); the source map turns that
into `file:line:column`, and this module turns pydantic's terse messages into sentences with a hint.
"""

from __future__ import annotations

import re
import typing
import unicodedata
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from mkdocs_journeys.data.diagnostics import Diagnostic
from mkdocs_journeys.data.model import EMOTION_SCALE, MAX_NUMBER, SLUG_PATTERN
from mkdocs_journeys.data.nearest import did_you_mean
from mkdocs_journeys.data.yaml_source import LoadedDocument, PathKey

ModelT = TypeVar("ModelT", bound=BaseModel)


def validate_document(
    document: LoadedDocument,
    model: type[ModelT],
    implied: dict[str, Any] | None = None,
    *,
    implied_from: str = "file name",
) -> tuple[ModelT | None, list[Diagnostic]]:
    """Build `model` from the document; `implied` holds values that come from the file name, such as the id.

    `implied_from` says where they come from in messages: "file name", or "folder name" for `<id>/journey.yml`.
    """
    data = document.data
    if data is None:
        return None, [
            document.source.diagnostic(
                (),
                "empty-file",
                "file has no data",
                f"a {_kind_name(model)} file starts with keys such as {_example_keys(model)}",
            )
        ]
    if not isinstance(data, dict):
        return None, [
            document.source.diagnostic(
                (),
                "not-a-mapping",
                f"expected `key: value` pairs at the top of the file, found {describe_value(data)}",
                f"a {_kind_name(model)} file starts with keys such as {_example_keys(model)}"
                + (" (without '- ' in front)" if isinstance(data, list) else ""),
            )
        ]
    if implied:
        clashes = [
            document.source.diagnostic(
                (key,),
                "implied-key",
                f"'{key}' is not written in this file: it is taken from the {implied_from}",
                f"remove the '{key}' line, or rename the {_thing(implied_from)} to change the {key}",
                prefer_key=True,
            )
            for key in implied
            if key in data
        ]
        if clashes:
            return None, clashes
        data = {**implied, **data}
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        return None, [_to_diagnostic(document, model, detail, implied or {}, implied_from) for detail in error.errors()]


def _thing(implied_from: str) -> str:
    return implied_from.removesuffix(" name")


def _to_diagnostic(
    document: LoadedDocument, model: type[BaseModel], error: ErrorDetails, implied: dict[str, Any], implied_from: str
) -> Diagnostic:
    location: PathKey = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    context = error.get("ctx") or {}
    field = _field_label(location)
    source = document.source
    target, info = _follow(model, location)
    about = _describe_field(info)

    if location[:1] and location[0] in implied:
        # The value came from the file name, so the file name is what needs fixing.
        thing = _thing(implied_from)
        example = slugify(str(value)) + (".yml" if thing == "file" else "")
        return Diagnostic(
            source.path,
            1,
            1,
            "invalid-file-name",
            f"the {implied_from} gives the {location[0]} {_quote(value)}, which is not a valid id",
            f"rename the {thing} to lower-case letters, digits and single hyphens, e.g. '{example}'",
        )
    if location[-1:] in {("score",), ("emotion",)}:
        about = f"the emotion is {_SCALE_TEXT}; write e.g. `emotion: 1` or `emotion: {{score: 1, note: …}}`"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, location[:-1])
        return source.diagnostic(
            location,
            "unknown-key",
            f"unknown key '{location[-1]}'" + (f" in {_field_label(location[:-1])}" if location[:-1] else ""),
            did_you_mean(str(location[-1]), allowed, kind="keys") + " (unknown keys would be silently lost)",
            prefer_key=True,
        )
    if kind == "missing":
        return source.diagnostic(
            location,
            "missing-key",
            f"missing required key '{location[-1]}'" + (f" in {_field_label(location[:-1])}" if location[:-1] else ""),
            f"add `{location[-1]}: …`" + (f": {about}" if about else ""),
        )
    if kind == "string_pattern_mismatch" and context.get("pattern") == SLUG_PATTERN:
        return source.diagnostic(
            location,
            "invalid-id",
            f"{_quote(value)} is not a valid id ({field})",
            f"ids use lower-case letters, digits and single hyphens, e.g. '{slugify(str(value))}'",
        )
    if kind in {"greater_than_equal", "less_than_equal"} and location[-1] == "score":
        return source.diagnostic(
            location,
            "out-of-range",
            f"emotion score {_quote(value)} is outside the scale -2 to +2",
            f"use one of: {_SCALE}",
        )
    if kind in _BOUNDS:
        bound = _BOUNDS[kind] + " " + _number(context.get(_BOUND_KEYS[kind]))
        return source.diagnostic(
            location, "out-of-range", f"{field} is {_quote(value)}; it must be {bound}", f"use a number {bound}"
        )
    if kind == "finite_number":
        return source.diagnostic(
            location,
            "out-of-range",
            f"{field} is " + ("not a number (nan)" if value != value else "infinite: the number is too large"),
            f"write a number such as `12.5`, between -{_number(MAX_NUMBER)} and {_number(MAX_NUMBER)}",
        )
    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'", str(context.get("expected", "")))
        return source.diagnostic(
            location,
            "not-allowed",
            f"{_quote(value)} is not an allowed value for {field}",
            did_you_mean(str(value), expected, kind="values") + f" (allowed: {', '.join(expected)})",
        )
    if kind == "too_short":
        return source.diagnostic(
            location,
            "empty-list",
            f"{field} needs at least {context.get('min_length', 1)} entry",
            "add an entry under it, on its own line starting with '- '",
        )
    if kind == "string_too_short":
        required = info is not None and info.is_required()
        return source.diagnostic(
            location, "empty-value", f"{field} is empty", "write a value" + ("" if required else " or remove the key")
        )
    if kind == "string_too_long":
        return source.diagnostic(
            location,
            "too-long",
            f"{field} is {len(str(value)):,} characters long; the limit is {context.get('max_length'):,}",
            "shorten it; long texts belong in a linked page",
        )
    if kind == "value_error":
        message = str(context.get("error", error["msg"]))
        hint = "links on the published site may only be http(s), mailto or relative paths" if "URL" in message else ""
        return source.diagnostic(location, "invalid-value", f"{field}: {message}", hint or about or _REFERENCE)
    if kind.endswith(("_type", "_parsing")) or kind == "int_from_float":
        return source.diagnostic(
            location,
            "wrong-type",
            f"{field} should be {_expected(kind)}, found {describe_value(value)}",
            _type_hint(value, kind, target, info) if location[-1:] not in {("score",), ("emotion",)} else about,
        )
    return source.diagnostic(location, "invalid-value", f"{field}: {error['msg']}", about or _REFERENCE)


_BOUNDS = {
    "greater_than_equal": "greater than or equal to",
    "less_than_equal": "less than or equal to",
    "greater_than": "greater than",
    "less_than": "less than",
}
_BOUND_KEYS = {"greater_than_equal": "ge", "less_than_equal": "le", "greater_than": "gt", "less_than": "lt"}


def _number(value: Any) -> str:
    """A bound as people write it: `1,000,000,000,000,000`, `-2`, `0.5`."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
    return str(value)


_SCALE = ", ".join(f"{score:+d} {label.lower()}".replace("+0", "0") for score, label in EMOTION_SCALE.items())
_SCALE_TEXT = f"a score from -2 to +2 ({_SCALE})"
_REFERENCE = "check this value against the YAML reference in the user guide"


def _quote(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 42 else shown[:40] + "…"


def describe_value(value: Any) -> str:
    """How a YAML author would describe a value: 'a list', 'the number 3', 'true (yes/no/on/off…)'."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return f"the text {shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (`key: value` pairs)"
    return type(value).__name__


def _expected(kind: str) -> str:
    return {
        "string_type": "text",
        "int_type": "a whole number",
        "int_parsing": "a whole number",
        "int_from_float": "a whole number",
        "float_type": "a number",
        "float_parsing": "a number",
        "bool_type": "true or false",
        "bool_parsing": "true or false",
        "list_type": "a list",
        "dict_type": "a mapping (`key: value` pairs)",
        "model_type": "a mapping (`key: value` pairs)",
        "model_attributes_type": "a mapping (`key: value` pairs)",
    }.get(kind, kind.removesuffix("_type"))


def _type_hint(value: Any, kind: str, target: Any, info: FieldInfo | None) -> str:
    """How to write what was expected, given what was written instead."""
    if isinstance(value, bool) and kind.startswith(("int", "float")):
        return "write a number, e.g. `45`: YAML reads true/false/yes/no/on/off as true or false, not as a number"
    if isinstance(value, bool) and kind != "bool_type":
        return "YAML reads yes/no/on/off/true/false as true or false: put the text in quotes"
    if isinstance(value, str) and kind.startswith("bool"):
        return "write true or false without quotes: in quotes it is text"
    if isinstance(value, str) and kind.startswith(("int", "float")):
        whole = kind.startswith("int")
        return "write a number only, without units, quotes, separators (`1_000`, `1,000`) or words (`nan`), e.g. " + (
            "`1000`" if whole else "`1000` or `12.5`"
        )
    if value is None:
        required = info is not None and info.is_required()
        if kind == "list_type":
            return "write the entries under it, each on its own line starting with '- '" + (
                "" if required else ", or remove the key"
            )
        return "write a value after the colon" + ("" if required else ", or remove the key")
    example = _example_keys(target) if _is_model(target) else ""
    if kind == "list_type":
        if example:
            return f"write one entry per line, each starting with '- ' and keys such as {example}"
        return "write one entry per line, each starting with '- ', or [first, second]"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        shape = "remove the '- ' list markers: " if isinstance(value, list) else ""
        return shape + "write `key: value` lines indented under it" + (f", such as {example}" if example else "")
    if kind in {"bool_type", "bool_parsing"}:
        return "write true or false"
    if isinstance(value, float) and kind.startswith("int"):
        return "write a whole number, without a decimal point or exponent, e.g. `45`"
    if kind.startswith(("int", "float")):
        whole = kind.startswith("int")
        return "write a number only, without units or other text, e.g. " + ("`45`" if whole else "`45` or `12.5`")
    if isinstance(value, list):
        return "remove the '-' list markers, or check the indentation"
    if isinstance(value, dict):
        return "a ': ' inside text makes a mapping: put the text in quotes"
    return _describe_field(info) or _REFERENCE


def _field_label(location: PathKey) -> str:
    if not location:
        return "the file"
    parts: list[str] = []
    for part in location:
        parts.append(f"[{part + 1}]" if isinstance(part, int) else ("." if parts else "") + str(part))
    return "'" + "".join(parts) + "'"


def slugify(text: str) -> str:
    """A valid id close to `text`: 'Zoë Müller' → 'zoe-muller'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:80].strip("-") or "my-id"


def _follow(model: type[BaseModel], location: PathKey) -> tuple[Any, FieldInfo | None]:
    """The model class (if any) and the field reached by following `location` through the model's field types."""
    current: Any = model
    info: FieldInfo | None = None
    dict_key_next = False
    for part in location:
        if isinstance(part, int):
            continue
        if dict_key_next:  # `library: {consideration: …}`: the key is data, not a field
            dict_key_next = False
            continue
        if not _is_model(current) or part not in current.model_fields:
            return None, None
        info = current.model_fields[part]
        current = _model_in(info.annotation)
        dict_key_next = _is_dict(info.annotation)
    return current, info


def _allowed_keys(model: type[BaseModel], location: PathKey) -> list[str]:
    """The keys allowed at `location`, found by following the model's field types along the path."""
    current, _ = _follow(model, location)
    if _is_model(current):
        return [name for name in current.model_fields if name != "id" or location]
    return []


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _is_dict(annotation: Any) -> bool:
    if typing.get_origin(annotation) is dict:
        return True
    return any(_is_dict(argument) for argument in typing.get_args(annotation))


def _describe_field(info: FieldInfo | None) -> str:
    description = (info.description or "") if info is not None else ""
    return description.rstrip(".")


def _model_in(annotation: Any) -> Any:
    """The model class inside `list[X]`, `X | None` or `Annotated[X, …]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def _kind_name(model: type[BaseModel]) -> str:
    return model.__name__.removesuffix("File").lower()


def _example_keys(model: Any) -> str:
    keys = [name for name, info in model.model_fields.items() if info.is_required() and name != "id"]
    return ", ".join(f"`{k}:`" for k in (keys or list(model.model_fields)[:3]))
