"""JSON Schemas for editors, generated from the data model so that they always say what the loader accepts.

A data file that starts with `# yaml-language-server: $schema=../schemas/persona.schema.json` gets completion,
hover help (the field descriptions in `model.py`) and red squiggles in VS Code and other editors using the YAML
language server. The files in the repository's `schemas/` folder are the output of
`mkdocs-journeys schema --output-dir schemas`; a test checks that they match this module.
"""

from __future__ import annotations

import inspect
import json
import os
from pathlib import Path
from typing import Any

from mkdocs_journeys.data.confine import create_file, replace_file, writable
from mkdocs_journeys.data.kinds import DATA_FILES, DataFile

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FOLDER = "schemas"
REGENERATE_COMMAND = f"mkdocs-journeys schema --output-dir {SCHEMA_FOLDER}"


SCHEMAS: dict[str, DataFile] = {file.schema: file for file in DATA_FILES}
"""Every kind of data file by the name of its schema (`persona` → `persona.schema.json`)."""


def schema_file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one file kind, with a title and description for editors."""
    file = SCHEMAS[kind]
    generated = file.model.model_json_schema(mode="validation")
    generated.pop("title", None)
    generated.pop("description", None)
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$comment": f"Generated from the mkdocs-journeys data model by `{REGENERATE_COMMAND}`; do not edit.",
        "title": f"mkdocs-journeys {kind} file",
        "description": inspect.cleandoc(file.model.__doc__ or f"{file.folder}/{file.pattern}"),
        **generated,
    }


def all_schemas() -> dict[str, dict[str, Any]]:
    return {kind: json_schema(kind) for kind in SCHEMAS}


def site_schema_files() -> dict[str, str]:
    """The schemas as files of the built site, `schemas/<kind>.schema.json`: a stable URL editors can point at."""
    return {f"{SCHEMA_FOLDER}/{schema_file_name(kind)}": to_json(json_schema(kind)) for kind in SCHEMAS}


def to_json(schema: dict[str, Any]) -> str:
    """The text written to a `.schema.json` file: stable, readable, diff-friendly."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path, project: Path, kinds: list[str] | None = None, *, overwrite: bool = True) -> list[Path]:
    """Write `<kind>.schema.json` files into `folder` (created if needed); returns the files written.

    Only inside `project`, and never through a link (`confine.writable`): raises `OutsideProject` otherwise.
    """
    written = []
    for kind in kinds or list(SCHEMAS):
        path = folder / schema_file_name(kind)
        if not overwrite and os.path.lexists(path):
            continue
        target = writable(path, project, "the schema file")
        text = to_json(json_schema(kind)).encode("utf-8")
        if overwrite:
            replace_file(target, text)
        else:
            create_file(target, text)
        written.append(path)
    return written


def schema_comment(data_file: Path, schema_folder: Path, kind: str) -> str:
    """The first line of a data file that tells the YAML language server which schema to use."""
    relative = Path(os.path.relpath(schema_folder / schema_file_name(kind), data_file.parent)).as_posix()
    return f"# yaml-language-server: $schema={relative}"
