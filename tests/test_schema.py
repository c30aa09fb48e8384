"""The JSON Schemas editors use: generated from the model, committed, and in agreement with the loader."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from jsonschema import Draft202012Validator

from mkdocs_journeys.data.kinds import JOURNEY_FILE, SHARED_FILES
from mkdocs_journeys.data.schema import (
    JSON_SCHEMA_DIALECT,
    REGENERATE_COMMAND,
    SCHEMAS,
    json_schema,
    schema_file_name,
    to_json,
)
from mkdocs_journeys.data.validation import validate_document
from mkdocs_journeys.data.yaml_source import load_bytes, load_file

RunCli = Callable[..., Result]
REPO_ROOT = Path(__file__).resolve().parent.parent
COMMITTED = REPO_ROOT / "schemas"
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(json_schema(kind))


def kind_of(path: Path, data_root: Path) -> str:
    """Which kind of file this example is, by the layout of `kinds.py`."""
    relative = path.relative_to(data_root)
    if relative.parts[0] == "personas":
        return "persona"
    if relative.name in {file.name for file in SHARED_FILES} and len(relative.parts) == 2:
        return relative.stem
    return "journey"


def example_files() -> list[Path]:
    personas = sorted((REPO_ROOT / "personas").glob("*.yml"))
    journeys = sorted((REPO_ROOT / "journeys").glob("*.yml"))
    folders = sorted((REPO_ROOT / "journeys").glob(f"*/{JOURNEY_FILE.folder_file}"))
    return personas + journeys + folders


EXAMPLES = example_files()


# --- generated, committed, and the same ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_schema_matches_committed_files(kind: str) -> None:
    committed = COMMITTED / schema_file_name(kind)

    assert committed.is_file(), f"{committed} is missing: run `{REGENERATE_COMMAND}` in the repository root"
    assert committed.read_text(encoding="utf-8") == to_json(json_schema(kind)), (
        f"{committed.relative_to(REPO_ROOT)} is out of date with the model: "
        f"run `{REGENERATE_COMMAND}` in the repository root and commit the result"
    )


def test_committed_folder_holds_only_generated_schemas() -> None:
    assert sorted(p.name for p in COMMITTED.iterdir()) == sorted(schema_file_name(k) for k in SCHEMAS)


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_every_schema_is_a_valid_draft_2020_12_schema_with_title_and_description(kind: str) -> None:
    schema = json_schema(kind)

    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == JSON_SCHEMA_DIALECT
    assert "$id" not in schema
    assert kind in schema["title"]
    assert schema["description"]


# --- the command --------------------------------------------------------------------------------------------------


def test_schema_command_prints_every_kind_as_one_object(run_cli: RunCli) -> None:
    result = run_cli("schema")

    assert result.exit_code == 0
    assert json.loads(result.stdout) == {kind: json_schema(kind) for kind in SCHEMAS}


def test_schema_command_prints_one_kind(run_cli: RunCli) -> None:
    result = run_cli("schema", "journey")

    assert json.loads(result.stdout) == json_schema("journey")


def test_schema_command_refuses_an_unknown_kind(run_cli: RunCli) -> None:
    result = run_cli("schema", "personas")

    assert result.exit_code == 2
    assert "'personas' is not one of 'persona', 'journey', 'stages', 'touchpoints', 'content'" in result.stderr


def test_schema_output_dir_writes_a_file_per_kind(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("schema", "--output-dir", "schemas", cwd=tmp_path)

    assert result.exit_code == 0
    assert "Wrote schemas/persona.schema.json" in result.stdout
    for kind in SCHEMAS:
        assert json.loads((tmp_path / "schemas" / schema_file_name(kind)).read_text()) == json_schema(kind)


# --- the schemas accept what the loader accepts, and reject what it rejects ---------------------------------------

VALID_DOCUMENTS: list[tuple[str, str]] = [
    ("persona", "name: Ana Souza\nrole: Office manager\n"),
    (
        "persona",
        "name: Ana\nrole: Buyer\ngoals: Save time\npreferred_channels: email\ndemographics: {age_range: 35-44}\n",
    ),
    ("journey", "name: First purchase\npersonas: [ana]\nstages:\n  - stage: awareness\n    emotion: -2\n"),
    ("journey", "name: J\npersonas: ana\nstages:\n  - stage: decision\n    emotion: {score: 2, note: Delighted}\n"),
    ("journey", "name: J\npersonas: [ana]\nstages:\n  - stage: a\n    kpis: [{name: Visits, target: 10.5}]\n"),
    ("stages", "stages:\n  - id: awareness\n    name: Awareness\n    phase: before\n    type: awareness\n"),
    ("touchpoints", "touchpoints:\n  - {id: blog, name: Blog, channel: web, url: 'https://example.com/blog'}\n"),
    (
        "touchpoints",
        "channels: [{id: podcast, name: Podcast}]\ntouchpoints:\n  - {id: show, name: Show, channel: podcast}\n",
    ),
    ("content", "assets:\n  - {id: guide, title: Guide, format: comparison-guide, stages: [consideration]}\n"),
    ("content", "assets: []\n"),
    ("persona", "name: Ana\nrole: Buyer\ndemographics: {age: 40, gender: Woman, income_band: High}\n"),
    (
        "persona",
        "name: Ana\nrole: Buyer\nsources: interviews\nbuying_group: [CFO, {role: IT lead, influence: decides}]\n"
        "attributes: {Devices: phone, Team size: 6}\ndesires: Calm\nmotivations: [Time]\n",
    ),
    (
        "journey",
        "name: J\npersonas: [ana]\nstate: future\nimproves: today\nsources: [x]\nstages:\n  - stage: a\n"
        "    touchpoints: [blog, {touchpoint: call, emotion: -1, share: 55%, share_of: calls, pain_points: Slow}]\n"
        "    opportunities: [Plain text, {opportunity: x}, {id: y, title: Y, status: planned, impact: 4}]\n"
        "    pain_points: [P, {id: p, text: Q, sources: [x], confidence: observed}]\n"
        "    by_persona: {ana: {emotion: 2, quotes: [Great]}}\n"
        "    paths: [{id: a, name: A, touchpoints: blog, entering: 3}, {id: b, name: B}]\n"
        "    frontstage: [Greets]\n    backstage: [{action: Cleans, owner: Housekeeping}]\n    support: PMS\n"
        "    loops_back: a\n    continues_into: {journey: k, when: Later}\n    competitors: [Acme]\n",
    ),
    ("opportunities", "opportunities:\n  - {id: x, title: X, status: In progress, addresses: {pain_points: [p]}}\n"),
    ("sources", "sources:\n  - {id: x, title: X, kind: Support tickets, size: 40, file: j/notes.md}\n"),
    (
        "touchpoints",
        "touchpoints:\n  - id: t\n    name: T\n    channel: web\n    survey:\n      questions: [Q]\n"
        "      results: [{period: 2024-Q2, score: 4.2, responses: 80}]\n",
    ),
]

INVALID_DOCUMENTS: list[tuple[str, str]] = [
    ("persona", "name: Ana\nrole: Buyer\nfavourite_colour: blue\n"),
    ("persona", "id: ana\nname: Ana\nrole: Buyer\n"),  # the id is the file name
    ("persona", "name: Ana\n"),
    ("persona", "name: Ana\nrole: Buyer\ndemographics: {age: 35-44}\n"),
    ("persona", "name: Ana\nrole: Buyer\nbuying_group: [{role: CFO, influence: everything}]\n"),
    ("journey", "name: J\npersonas: [ana]\nstages:\n  - stage: a\n    emotions: 1\n"),
    ("journey", "name: J\npersonas: [ana]\nstages:\n  - stage: a\n    touchpoints: [{touchpoint: b, share: 55}]\n"),
    ("journey", "name: J\npersonas: [ana]\nstages:\n  - stage: a\n    opportunities: [{opportunity: x, owner: S}]\n"),
    ("journey", "name: J\npersonas: [ana]\nstages:\n  - stage: a\n    opportunities: [{id: x, owner: S}]\n"),
    ("journey", "name: J\npersonas: [ana]\nstages:\n  - stage: a\n    paths: [{id: x, name: X}]\n"),
    ("journey", "name: J\npersonas: [ana]\nstages:\n  - stage: a\n    pain_points: [{text: P, confidence: sure}]\n"),
    ("journey", "name: J\npersonas: [ana]\nstate: planned\nstages: [{stage: a}]\n"),
    ("opportunities", "opportunities:\n  - {id: x, title: X, impact: 6}\n"),
    ("sources", "sources:\n  - {id: x, title: X, kind: gossip}\n"),
    ("sources", "sources:\n  - {id: x, title: X, kind: survey, file: ../../etc/passwd}\n"),
    ("journey", "name: J\npersonas: [ana]\nstages:\n  - stage: a\n    emotion: {score: 3}\n"),
    ("journey", "name: J\npersonas: [Ana Souza]\nstages: [{stage: a}]\n"),
    ("journey", "name: J\npersonas: [ana]\nstages: []\n"),
    ("stages", "stages:\n  - id: awareness\n    name: Awareness\n    phase: later\n"),
    ("stages", "stages:\n  - id: awareness\n    title: Awareness\n"),
    ("touchpoints", "touchpoints:\n  - {id: blog, name: Blog, channel: web, colour: red}\n"),
    ("content", "assets:\n  - {id: guide, title: Guide, format: guide, audience: all}\n"),
    ("content", "asset: []\n"),
]


def loader_accepts(kind: str, text: str) -> bool:
    document = load_bytes(text.encode(), f"example.{kind}.yml")
    implied = {"id": "example"} if kind in ("persona", "journey") else None
    instance, problems = validate_document(document, SCHEMAS[kind].model, implied)
    return instance is not None and not problems


@pytest.mark.parametrize(("kind", "text"), VALID_DOCUMENTS)
def test_schemas_accept_what_the_loader_accepts(kind: str, text: str) -> None:
    data = load_bytes(text.encode(), "example.yml").data

    assert loader_accepts(kind, text)
    assert list(validator(kind).iter_errors(data)) == []


@pytest.mark.parametrize(("kind", "text"), INVALID_DOCUMENTS)
def test_schemas_reject_what_the_loader_rejects(kind: str, text: str) -> None:
    data = load_bytes(text.encode(), "example.yml").data

    assert not loader_accepts(kind, text)
    assert list(validator(kind).iter_errors(data)) != []


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_schemas_reject_an_unknown_top_level_key(kind: str) -> None:
    errors = list(validator(kind).iter_errors({"unexpected_key": 1}))

    assert any("unexpected_key" in error.message for error in errors)


# --- the repository's example data ----------------------------------------------------------------------------


@pytest.mark.skipif(not EXAMPLES, reason="the example personas/ and journeys/ folders are empty")
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.relative_to(REPO_ROOT).as_posix())
def test_schemas_accept_the_example_data(path: Path) -> None:
    kind = kind_of(path, REPO_ROOT)
    data: Any = load_file(path, path.name).data

    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(kind).iter_errors(data)]

    assert errors == [], f"{path.relative_to(REPO_ROOT)} does not match the {kind} schema"


@pytest.mark.skipif(not EXAMPLES, reason="the example personas/ and journeys/ folders are empty")
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.relative_to(REPO_ROOT).as_posix())
def test_example_files_point_editors_at_their_schema(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    match = SCHEMA_LINE.match(first_line)

    assert match, f"{path.relative_to(REPO_ROOT)} should start with `# yaml-language-server: $schema=…`"
    target = (path.parent / match.group(1)).resolve()
    assert target == COMMITTED / schema_file_name(kind_of(path, REPO_ROOT))


def test_schema_bounds_the_emotion_shorthand_like_the_loader() -> None:
    text = "name: J\npersonas: [ana]\nstages:\n  - stage: a\n    emotion: 5\n"

    assert not loader_accepts("journey", text)
    assert list(validator("journey").iter_errors(load_bytes(text.encode(), "j.yml").data)) != []
