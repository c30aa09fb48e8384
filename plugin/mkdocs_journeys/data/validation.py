"""Validate one loaded YAML document against its model, turning pydantic's errors into located diagnostics.

Pydantic reports *where* in the data a problem is (`('stages', 2, 'emotion', 'score')`); the source map turns that
into `file:line:column`, and this module turns pydantic's terse messages into sentences with a hint.
"""

from __future__ import annotations

import re
import types
import typing
import unicodedata
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, Tag, ValidationError
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
    kind = error["type"]
    walked = walk(model, tuple(error["loc"]))
    location = walked.location
    value = error.get("input")
    context = error.get("ctx") or {}
    field = _field_label(_as_written(document.data, location, missing=kind == "missing"))
    source = document.source
    target, info = walked.model, walked.field
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
        allowed = [name for name in walked.parent_keys if name != "id" or len(location) > 1]
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
        least = int(context.get("min_length", 1))
        return source.diagnostic(
            location,
            "empty-list",
            f"{field} needs at least {least} {'entry' if least == 1 else 'entries'}",
            "add an entry under it, on its own line starting with '- '"
            + (f" ({about})" if least > 1 and about else ""),
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
        if "another site" in message:
            hint = "write the full https:// URL for another site, or a path in the docs folder such as `images/sam.png`"
        return source.diagnostic(location, "invalid-value", f"{field}: {message}", hint or about or _REFERENCE)
    if kind.endswith(("_type", "_parsing")) or kind == "int_from_float":
        shorthand = getattr(target, "shorthand", None) if kind.startswith("model") else None
        wanted = f"text or a mapping (`{shorthand}: …` and more)" if shorthand else _expected(kind)
        return source.diagnostic(
            location,
            "wrong-type",
            f"{field} should be {wanted}, found {describe_value(value)}",
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
        about = _describe_field(info)
        return (
            "write a number only, without units, quotes, separators (`1_000`, `1,000`) or words (`nan`), e.g. "
            + ("`1000`" if whole else "`1000` or `12.5`")
            + (f" ({about})" if about else "")
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
        example = "`45`" if whole else "`45` or `12.5`"
        about = _describe_field(info)
        return f"write a number only, without units or other text, e.g. {example}" + (f" ({about})" if about else "")
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


@dataclass(frozen=True)
class Walked:
    """Where a location of pydantic's leads in the model: the location as the YAML has it (without the tags pydantic
    writes into it for a value of several forms), the model and the field reached, and the keys allowed where the
    last step was taken (for did-you-mean)."""

    location: PathKey
    model: Any
    field: FieldInfo | None
    parent_keys: tuple[str, ...]


def walk(model: type[BaseModel], location: PathKey) -> Walked:
    """Follow `location` through the model's types: fields of models, list items, mapping values and the forms of a
    value that may be written in several (a stage's opportunity: text, a reference or a definition)."""
    annotation: Any = model
    info: FieldInfo | None = None
    written: list[str | int] = []
    parent_keys: tuple[str, ...] = tuple(model.model_fields)
    for part in location:
        forms = _forms(annotation)
        if isinstance(part, str) and part in forms:
            annotation = forms[part]
            continue
        written.append(part)
        here = _model_in_value(annotation)
        if here is not None and isinstance(part, str):
            parent_keys = tuple(here.model_fields)
            info = here.model_fields.get(part)
            annotation = info.annotation if info is not None else None
        else:
            annotation = _contained(annotation, part)
    return Walked(tuple(written), _model_in(annotation), info, parent_keys)


def _unwrapped(annotation: Any) -> Any:
    """`X` from `Annotated[X, …]` and `X | None`, unless X is a value of several tagged forms."""
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            if _forms(annotation):
                return annotation
            annotation = typing.get_args(annotation)[0]
            continue
        arguments = [a for a in typing.get_args(annotation) if a is not type(None)]
        if _is_union(annotation) and len(arguments) == 1:
            annotation = arguments[0]
            continue
        return annotation


def _is_union(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


def _forms(annotation: Any) -> dict[str, Any]:
    """The tagged forms of a value of several (`Annotated[Union[Annotated[Model, Tag(…)], …], Discriminator]`)."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if not _is_union(annotation):
        return {}
    forms: dict[str, Any] = {}
    for option in typing.get_args(annotation):
        if typing.get_origin(option) is typing.Annotated:
            base, *metadata = typing.get_args(option)
            forms.update({m.tag: base for m in metadata if isinstance(m, Tag)})
    return forms


def _model_in_value(annotation: Any) -> Any:
    value = _unwrapped(annotation)
    return value if _is_model(value) else None


def _contained(annotation: Any, part: str | int) -> Any:
    """The type of an item of a list (`part` an index) or of a value of a mapping (`part` a key)."""
    value = _unwrapped(annotation)
    origin = typing.get_origin(value)
    if origin is list and isinstance(part, int):
        return typing.get_args(value)[0]
    if origin is dict and isinstance(part, str):
        return typing.get_args(value)[1]
    return None


def _as_written(data: Any, location: PathKey, *, missing: bool) -> PathKey:
    """The part of `location` the YAML holds: a plain value written for a mapping (`touchpoints: [blog]` for
    `[{touchpoint: blog}]`) is named as written. A missing key is named in full."""
    kept: list[str | int] = []
    path = location[:-1] if missing else location
    for part in path:
        inside = (isinstance(data, dict) and isinstance(part, str) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        )
        if not inside:
            return tuple(kept)
        kept.append(part)
        data = data[part]
    return (*kept, *location[len(path) :])


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _describe_field(info: FieldInfo | None) -> str:
    description = (info.description or "") if info is not None else ""
    return description.rstrip(".")


def _model_in(annotation: Any) -> Any:
    """The model class inside `list[X]`, `X | None` or `Annotated[X, …]`, if any (the first of several forms)."""
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
