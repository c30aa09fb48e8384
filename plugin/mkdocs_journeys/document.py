"""Validate one loaded YAML document against its model, turning pydantic's errors into located diagnostics.

Pydantic reports *where* in the data a problem is (`('stages', 2, 'emotion', 'score')`); the source map turns that
into `file:line:column`, and this module turns pydantic's terse messages into sentences with a hint.
"""

from __future__ import annotations

import re
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .diagnostics import Diagnostic
from .model import EMOTION_SCALE, SLUG_PATTERN
from .suggest import did_you_mean
from .yaml_loader import LoadedDocument, PathKey

ModelT = TypeVar("ModelT", bound=BaseModel)


def validate_document(
    document: LoadedDocument, model: type[ModelT], implied: dict[str, Any] | None = None
) -> tuple[ModelT | None, list[Diagnostic]]:
    """Build `model` from the document; `implied` holds values that come from the file name, such as the id."""
    data = document.data
    if not isinstance(data, dict):
        return None, [
            document.source.diagnostic(
                (),
                "not-a-mapping",
                f"expected `key: value` pairs at the top of the file, found {describe_value(data)}",
                f"a {_kind_name(model)} file starts with keys such as {_example_keys(model)}",
            )
        ]
    if implied:
        clashes = [
            document.source.diagnostic(
                (key,),
                "implied-key",
                f"'{key}' is not written in this file: it is taken from the file name",
                f"remove the '{key}' line, or rename the file to change the {key}",
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
        return None, [_to_diagnostic(document, model, detail, implied or {}) for detail in error.errors()]


def _to_diagnostic(
    document: LoadedDocument, model: type[BaseModel], error: ErrorDetails, implied: dict[str, Any]
) -> Diagnostic:
    location: PathKey = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    context = error.get("ctx") or {}
    field = _field_label(location)
    source = document.source

    if location[:1] and location[0] in implied:
        # The value came from the file name, so the file name is what needs fixing.
        return source.diagnostic(
            (),
            "invalid-file-name",
            f"file name gives the {location[0]} {value!r}, which is not a valid id",
            f"rename the file to lower-case letters, digits and hyphens, e.g. '{slugify(str(value))}.yml'",
        )
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
            f"add `{location[-1]}: …`",
        )
    if kind == "string_pattern_mismatch" and context.get("pattern") == SLUG_PATTERN:
        return source.diagnostic(
            location,
            "invalid-id",
            f"{value!r} is not a valid id ({field})",
            f"ids use lower-case letters, digits and single hyphens, e.g. '{slugify(str(value))}'",
        )
    if kind in {"greater_than_equal", "less_than_equal"} and location[-1] == "score":
        scale = ", ".join(f"{score:+d} {label.lower()}".replace("+0", "0") for score, label in EMOTION_SCALE.items())
        return source.diagnostic(
            location, "out-of-range", f"emotion score {value!r} is outside the scale -2 to +2", f"use one of: {scale}"
        )
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        return source.diagnostic(location, "out-of-range", f"{field} is {value!r}: {error['msg'].lower()}", "")
    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'", str(context.get("expected", "")))
        return source.diagnostic(
            location,
            "not-allowed",
            f"{value!r} is not an allowed value for {field}",
            did_you_mean(str(value), expected, kind="values") + f" (allowed: {', '.join(expected)})",
        )
    if kind == "too_short":
        return source.diagnostic(
            location, "empty-list", f"{field} needs at least {context.get('min_length', 1)} entry", "add an entry"
        )
    if kind == "string_too_short":
        return source.diagnostic(location, "empty-value", f"{field} is empty", "write a value or remove the key")
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
        return source.diagnostic(location, "invalid-value", f"{field}: {message}", hint)
    if kind.endswith("_type") or kind in {"model_attributes_type", "dict_type", "list_type"}:
        return source.diagnostic(
            location,
            "wrong-type",
            f"{field} should be {_expected(kind)}, found {describe_value(value)}",
            _type_hint(value),
        )
    return source.diagnostic(location, "invalid-value", f"{field}: {error['msg']}", "")


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


def _type_hint(value: Any) -> str:
    if isinstance(value, bool):
        return "YAML reads yes/no/on/off/true/false as true or false: put the text in quotes"
    if value is None:
        return "write a value after the colon, or remove the key"
    if isinstance(value, list):
        return "remove the '-' list markers, or check the indentation"
    if isinstance(value, dict):
        return "a ': ' inside text makes a mapping: put the text in quotes"
    return "check the value against the YAML reference"


def _field_label(location: PathKey) -> str:
    if not location:
        return "the file"
    parts = []
    for part in location:
        parts.append(f"[{part + 1}]" if isinstance(part, int) else ("." if parts else "") + str(part))
    return "'" + "".join(parts) + "'"


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:80] or "my-id"


def _allowed_keys(model: type[BaseModel], location: PathKey) -> list[str]:
    """The keys allowed at `location`, found by following the model's field types along the path."""
    current: Any = model
    for part in location:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return []
        current = _model_in(current.model_fields[part].annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [name for name in current.model_fields if name != "id" or location]
    return []


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


def _example_keys(model: type[BaseModel]) -> str:
    keys = [name for name, info in model.model_fields.items() if info.is_required() and name != "id"]
    return ", ".join(f"`{k}:`" for k in (keys or list(model.model_fields)[:3]))
