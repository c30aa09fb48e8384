"""`mkdocs-journeys new`: skeletons that validate, never overwrite, and never leave a shared file broken."""

from __future__ import annotations

import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from pydantic import BaseModel

from mkdocs_journeys.data.diagnostics import Diagnostic
from mkdocs_journeys.data.layout import DataLayout
from mkdocs_journeys.data.load import load_catalog
from mkdocs_journeys.data.model import (
    Business,
    ContentAsset,
    ContentFile,
    ContentFormat,
    Industry,
    Journey,
    Opportunity,
    Persona,
    ResearchSource,
    Stage,
    Touchpoint,
)
from mkdocs_journeys.data.schema import SCHEMAS, schema_file_name

RunCli = Callable[..., Result]


def problems_in(project: Path, relative: str) -> list[Diagnostic]:
    """The errors a full load reports in one file."""
    folders = DataLayout.at(project)
    return [d for d in load_catalog(folders).diagnostics if d.path == relative and d.is_error]


def keys_written(text: str) -> set[str]:
    """Every `key:` in a YAML text, commented out or not."""
    keys = set()
    for line in text.splitlines():
        stripped = line.split("#", 1)[1] if line.lstrip().startswith("#") else line
        head = stripped.strip().removeprefix("- ").split(":", 1)[0].strip()
        if ":" in stripped and head.isidentifier():
            keys.add(head)
    return keys


# --- personas -------------------------------------------------------------------------------------------------


def test_new_persona_skeleton_validates_and_has_schema_line(tmp_path: Path, run_cli: RunCli) -> None:
    (tmp_path / "journeys").mkdir()

    result = run_cli("new", "persona", "small-business-owner", cwd=tmp_path)

    created = tmp_path / "personas" / "small-business-owner.yml"
    assert result.exit_code == 0, result.output
    assert "Created personas/small-business-owner.yml" in result.stdout
    assert created.read_text().splitlines()[0] == "# yaml-language-server: $schema=../schemas/persona.schema.json"
    assert problems_in(tmp_path, "personas/small-business-owner.yml") == []


def models_within(model: type[BaseModel]) -> list[type[BaseModel]]:
    """`model` and every model its fields hold, however deep (lists, mappings, unions, the forms of a value)."""
    found: list[type[BaseModel]] = []

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in found:
                found.append(annotation)
                for info in annotation.model_fields.values():
                    visit(info.annotation)
            return
        for argument in typing.get_args(annotation):
            visit(argument)

    visit(model)
    return found


def unexplained_keys(model: type[BaseModel], text: str) -> dict[str, set[str]]:
    """The keys of `model` and of the models inside it that the skeleton `text` does not show."""
    written = keys_written(text)
    missing = {
        m.__name__: set(m.model_fields) - written - ({"id"} if m is model else set()) for m in models_within(model)
    }
    return {name: keys for name, keys in missing.items() if keys}


def test_new_persona_skeleton_explains_every_key_of_the_model(tmp_path: Path, run_cli: RunCli) -> None:
    run_cli("new", "persona", "ana", cwd=tmp_path)

    text = (tmp_path / "personas" / "ana.yml").read_text()

    assert unexplained_keys(Persona, text) == {}
    assert "role: Ana" in text


def test_new_writes_the_schemas_when_the_project_has_none_and_says_so(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("new", "persona", "ana", cwd=tmp_path)

    assert "note: wrote the JSON Schemas for editors to schemas/" in result.stdout
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == sorted(schema_file_name(k) for k in SCHEMAS)

    again = run_cli("new", "persona", "ben", cwd=tmp_path)

    assert "JSON Schemas" not in again.stdout


def test_new_schema_line_is_relative_to_the_new_file(tmp_path: Path, run_cli: RunCli) -> None:
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - journeys:\n      personas_dir: data/people\n")

    result = run_cli("new", "persona", "ana", "--path", str(tmp_path), cwd=tmp_path.parent)

    first_line = (tmp_path / "data" / "people" / "ana.yml").read_text().splitlines()[0]
    assert result.exit_code == 0, result.output
    assert first_line == "# yaml-language-server: $schema=../../schemas/persona.schema.json"
    assert (tmp_path / "schemas" / "persona.schema.json").is_file()


def test_new_refuses_to_overwrite(valid_project: Path, run_cli: RunCli) -> None:
    persona = valid_project / "personas" / "ana.yml"
    before = persona.read_text()

    result = run_cli("new", "persona", "ana", cwd=valid_project)

    assert result.exit_code == 1
    assert "Error: persona 'ana' already exists: personas/ana.yml" in result.stderr
    assert "nothing was overwritten" in result.stderr
    assert persona.read_text() == before


def test_new_refuses_a_journey_that_exists_as_a_folder(valid_project: Path, run_cli: RunCli) -> None:
    folder = valid_project / "journeys" / "renewal"
    folder.mkdir()
    (folder / "journey.yml").write_text("name: Renewal\n")

    result = run_cli("new", "journey", "renewal", cwd=valid_project)

    assert result.exit_code == 1
    assert "journey 'renewal' already exists: journeys/renewal/journey.yml" in result.stderr
    assert not (valid_project / "journeys" / "renewal.yml").exists()


@pytest.mark.parametrize(("given", "suggested"), [("Ana Souza", "ana-souza"), ("sales_call", "sales-call")])
def test_new_rejects_an_id_that_is_not_a_slug(tmp_path: Path, run_cli: RunCli, given: str, suggested: str) -> None:
    result = run_cli("new", "touchpoint", given, cwd=tmp_path)

    assert result.exit_code == 1
    assert f"Error: '{given}' is not a valid touchpoint id" in result.stderr
    assert f"e.g. '{suggested}'" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "journeys").exists()


def test_new_journey_cannot_take_the_name_of_a_shared_file(valid_project: Path, run_cli: RunCli) -> None:
    result = run_cli("new", "journey", "touchpoints", cwd=valid_project)

    assert result.exit_code == 1
    assert "'touchpoints' cannot be a journey id" in result.stderr


@pytest.mark.parametrize("entity_id", ["yes", "no", "on", "null", "true", "2024"])
def test_new_ids_that_yaml_would_read_as_something_else_still_validate(
    tmp_path: Path, run_cli: RunCli, entity_id: str
) -> None:
    (tmp_path / "journeys").mkdir()
    assert run_cli("new", "persona", entity_id, cwd=tmp_path).exit_code == 0
    assert run_cli("new", "stage", entity_id, cwd=tmp_path).exit_code == 0
    assert run_cli("new", "touchpoint", entity_id, cwd=tmp_path).exit_code == 0
    assert run_cli("new", "journey", f"j{entity_id}", cwd=tmp_path).exit_code == 0

    for relative in ("personas/" + entity_id + ".yml", "journeys/stages.yml", "journeys/touchpoints.yml"):
        assert problems_in(tmp_path, relative) == [], relative


# --- journeys -------------------------------------------------------------------------------------------------


def test_new_journey_uses_the_existing_stages_persona_and_touchpoints(valid_project: Path, run_cli: RunCli) -> None:
    result = run_cli("new", "journey", "renewal", cwd=valid_project)

    text = (valid_project / "journeys" / "renewal.yml").read_text()
    assert result.exit_code == 0, result.output
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schemas/journey.schema.json"
    assert "personas:\n  - ana\n" in text
    assert [line.split("#")[0].strip() for line in text.splitlines() if "- stage:" in line] == [
        "- stage: awareness",
        "- stage: consideration",
        "- stage: purchase",
    ]
    assert problems_in(valid_project, "journeys/renewal.yml") == []
    assert "no stages are defined" not in result.stdout
    assert "no personas exist" not in result.stdout


def test_new_journey_skeleton_explains_every_key_of_the_model(valid_project: Path, run_cli: RunCli) -> None:
    run_cli("new", "journey", "renewal", cwd=valid_project)

    text = (valid_project / "journeys" / "renewal.yml").read_text()

    assert unexplained_keys(Journey, text) == {}


def test_new_journey_without_stages_or_personas_uses_clear_examples_and_says_so(
    tmp_path: Path, run_cli: RunCli
) -> None:
    result = run_cli("new", "journey", "first-purchase", cwd=tmp_path)

    text = (tmp_path / "journeys" / "first-purchase.yml").read_text()
    assert result.exit_code == 0
    assert "- stage: awareness" in text
    assert "- example-persona" in text
    assert "no stages are defined yet" in result.stdout
    assert "mkdocs-journeys new stage awareness" in result.stdout
    assert "no personas exist yet" in result.stdout
    # The file itself is valid; only the example references wait for their definitions.
    assert {d.code for d in problems_in(tmp_path, "journeys/first-purchase.yml")} <= {
        "unknown-stage",
        "unknown-persona",
    }


def test_a_project_scaffolded_from_nothing_validates(tmp_path: Path, run_cli: RunCli) -> None:
    for kind, entity_id in [
        ("stage", "awareness"),
        ("stage", "consideration"),
        ("stage", "loyalty"),
        ("touchpoint", "pricing-page"),
        ("touchpoint", "sales-call"),
        ("persona", "small-business-owner"),
        ("journey", "first-purchase"),
    ]:
        assert run_cli("new", kind, entity_id, cwd=tmp_path).exit_code == 0

    result = run_cli("validate", "--strict", cwd=tmp_path)

    assert result.exit_code == 0, result.stdout


# --- stages and touchpoints -----------------------------------------------------------------------------------


def test_new_stage_appends_and_refuses_duplicate(valid_project: Path, run_cli: RunCli) -> None:
    stages = valid_project / "journeys" / "stages.yml"
    before = stages.read_text()

    added = run_cli("new", "stage", "retention", cwd=valid_project)
    duplicate = run_cli("new", "stage", "retention", cwd=valid_project)

    assert added.exit_code == 0, added.output
    assert "Added stage 'retention' to journeys/stages.yml" in added.stdout
    after = stages.read_text()
    assert after.startswith(before)
    assert "  - id: retention" in after
    assert "    phase: after" in after
    assert problems_in(valid_project, "journeys/stages.yml") == []
    assert duplicate.exit_code == 1
    assert "Error: stage 'retention' already exists in journeys/stages.yml:11" in duplicate.stderr
    assert stages.read_text() == after


@pytest.mark.parametrize(
    ("kind", "entry_id", "shared"), [("stage", "loyalty-club", "stages"), ("touchpoint", "kiosk", "touchpoints")]
)
def test_new_adds_to_the_yaml_file_the_project_has(
    valid_project: Path, run_cli: RunCli, kind: str, entry_id: str, shared: str
) -> None:
    (valid_project / "journeys" / f"{shared}.yml").rename(valid_project / "journeys" / f"{shared}.yaml")

    added = run_cli("new", kind, entry_id, cwd=valid_project)

    assert added.exit_code == 0, added.output
    assert f"Added {kind} '{entry_id}' to journeys/{shared}.yaml" in added.stdout
    assert not (valid_project / "journeys" / f"{shared}.yml").exists()
    assert f"id: {entry_id}" in (valid_project / "journeys" / f"{shared}.yaml").read_text()
    assert [d for d in load_catalog(DataLayout.at(valid_project)).diagnostics if d.is_error] == []


def test_hints_name_the_data_files_where_the_project_keeps_them(tmp_path: Path, run_cli: RunCli) -> None:
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - journeys:\n      journeys_dir: data/cj\n")
    run_cli("new", "stage", "awareness", cwd=tmp_path)
    run_cli("new", "persona", "sam", cwd=tmp_path)
    run_cli("new", "journey", "sam-buys", cwd=tmp_path)
    journey = tmp_path / "data" / "cj" / "sam-buys.yml"
    journey.write_text(journey.read_text().replace("stage: awareness", "stage: awarenes", 1))

    result = run_cli("validate", cwd=tmp_path)

    assert "(stages are defined in data/cj/stages.yml)" in result.stdout, result.stdout


def test_new_stage_explains_every_key_of_the_model(tmp_path: Path, run_cli: RunCli) -> None:
    run_cli("new", "stage", "loyalty", cwd=tmp_path)

    assert set(Stage.model_fields) <= keys_written((tmp_path / "journeys" / "stages.yml").read_text())


def test_new_stage_creates_the_stages_file_with_a_header(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("new", "stage", "awareness", cwd=tmp_path)

    lines = (tmp_path / "journeys" / "stages.yml").read_text().splitlines()
    assert "Created journeys/stages.yml" in result.stdout
    assert lines[0] == "# yaml-language-server: $schema=../schemas/stages.schema.json"
    assert lines[1].startswith("# The stages of the customer's life cycle")
    assert problems_in(tmp_path, "journeys/stages.yml") == []


def test_new_stage_lines_up_with_a_list_that_is_not_indented(valid_project: Path, run_cli: RunCli) -> None:
    stages = valid_project / "journeys" / "stages.yml"
    stages.write_text("stages:\n- id: awareness\n  name: Awareness\n- id: consideration\n  name: Consideration\n")

    run_cli("new", "stage", "purchase", cwd=valid_project)

    assert "\n- id: purchase" in stages.read_text()
    assert problems_in(valid_project, "journeys/stages.yml") == []


def test_new_stage_keeps_windows_line_endings(valid_project: Path, run_cli: RunCli) -> None:
    stages = valid_project / "journeys" / "stages.yml"
    stages.write_bytes(stages.read_bytes().replace(b"\n", b"\r\n"))

    run_cli("new", "stage", "retention", cwd=valid_project)

    raw = stages.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n")
    assert problems_in(valid_project, "journeys/stages.yml") == []


def test_new_stage_adds_the_list_to_a_file_of_comments_only(valid_project: Path, run_cli: RunCli) -> None:
    stages = valid_project / "journeys" / "stages.yml"
    stages.write_text("# yaml-language-server: $schema=../schemas/stages.schema.json\n# Our stages\n")

    result = run_cli("new", "stage", "awareness", cwd=valid_project)

    assert result.exit_code == 0, result.output
    assert stages.read_text().startswith(
        "# yaml-language-server: $schema=../schemas/stages.schema.json\n# Our stages\n"
    )
    assert problems_in(valid_project, "journeys/stages.yml") == []


def test_new_touchpoint_guesses_its_channel_and_validates(valid_project: Path, run_cli: RunCli) -> None:
    result = run_cli("new", "touchpoint", "spring-webinar", cwd=valid_project)

    text = (valid_project / "journeys" / "touchpoints.yml").read_text()
    assert result.exit_code == 0, result.output
    assert "  - id: spring-webinar" in text
    assert "    channel: events" in text
    assert "podcast" in text.split("spring-webinar", 1)[1]  # the project's own channel is offered too
    assert problems_in(valid_project, "journeys/touchpoints.yml") == []
    assert set(Touchpoint.model_fields) <= keys_written(text)


def test_new_touchpoint_restores_the_file_when_the_list_is_not_last(valid_project: Path, run_cli: RunCli) -> None:
    touchpoints = valid_project / "journeys" / "touchpoints.yml"
    original = "touchpoints:\n  - {id: blog, name: Blog, channel: web}\nchannels:\n  - {id: podcast, name: Podcast}\n"
    touchpoints.write_text(original)

    result = run_cli("new", "touchpoint", "sales-chat", cwd=valid_project)

    assert result.exit_code == 1
    assert touchpoints.read_text() == original
    assert "could not add the touchpoint to journeys/touchpoints.yml automatically" in result.stderr
    assert "hint: paste this entry at the end of the `touchpoints:` list:" in result.stderr
    assert "  - id: sales-chat" in result.stdout
    assert "    channel: chat" in result.stdout


def test_new_stage_in_a_broken_file_refuses_and_prints_the_entry(valid_project: Path, run_cli: RunCli) -> None:
    stages = valid_project / "journeys" / "stages.yml"
    stages.write_text("stages:\n  - id: awareness\n    name: [Awareness\n")

    result = run_cli("new", "stage", "retention", cwd=valid_project)

    assert result.exit_code == 1
    assert "cannot add the stage: journeys/stages.yml has an error (journeys/stages.yml:4:1" in result.stderr
    assert "- id: retention" in result.stdout
    assert stages.read_text() == "stages:\n  - id: awareness\n    name: [Awareness\n"


@pytest.mark.parametrize(
    ("kind", "entity_id", "file", "model"),
    [
        ("opportunity", "clear-pricing", "opportunities.yml", Opportunity),
        ("source", "customer-interviews", "sources.yml", ResearchSource),
    ],
)
def test_new_opportunity_and_source_create_then_append_entries_that_validate(
    valid_project: Path, run_cli: RunCli, kind: str, entity_id: str, file: str, model: type[BaseModel]
) -> None:
    first = run_cli("new", kind, entity_id, cwd=valid_project)
    second = run_cli("new", kind, f"{entity_id}-2", cwd=valid_project)
    again = run_cli("new", kind, entity_id, cwd=valid_project)

    text = (valid_project / "journeys" / file).read_text()
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert f"Created journeys/{file}" in first.stdout
    assert f"Added {kind} '{entity_id}-2' to journeys/{file}" in second.stdout
    assert again.exit_code == 1 and f"{kind} '{entity_id}' already exists in journeys/{file}" in again.stderr
    assert text.startswith(f"# yaml-language-server: $schema=../schemas/{file.replace('.yml', '')}.schema.json\n")
    assert problems_in(valid_project, f"journeys/{file}") == []
    assert unexplained_keys(model, text) == {}


# --- content ----------------------------------------------------------------------------------------------------


def test_new_content_creates_the_inventory_explaining_every_key_and_it_validates(
    tmp_path: Path, run_cli: RunCli
) -> None:
    run_cli("new", "stage", "awareness", cwd=tmp_path)
    run_cli("new", "persona", "ana", cwd=tmp_path)

    result = run_cli("new", "content", "pricing-faq", cwd=tmp_path)

    text = (tmp_path / "journeys" / "content.yml").read_text()
    assert result.exit_code == 0, result.output
    assert "Created journeys/content.yml" in result.stdout
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schemas/content.schema.json"
    written = keys_written(text)
    for model in (ContentFile, ContentAsset, ContentFormat, Business, Industry):
        assert set(model.model_fields) <= written, model.__name__
    assert "stages: [awareness]" in text and "personas: [ana]" in text
    assert problems_in(tmp_path, "journeys/content.yml") == []


def test_new_content_leaves_the_business_undeclared_so_nothing_is_assumed(tmp_path: Path, run_cli: RunCli) -> None:
    run_cli("new", "content", "pricing-faq", cwd=tmp_path)

    text = (tmp_path / "journeys" / "content.yml").read_text()

    assert "# business:" in text and "\nbusiness:" not in text


def test_new_content_appends_an_asset_and_refuses_a_duplicate(valid_project: Path, run_cli: RunCli) -> None:
    first = run_cli("new", "content", "welcome-email", cwd=valid_project)
    again = run_cli("new", "content", "welcome-email", cwd=valid_project)

    assert "Added content 'welcome-email' to journeys/content.yml" in first.stdout
    assert (
        again.exit_code == 1 and "content asset 'welcome-email' already exists in journeys/content.yml:" in again.stderr
    )
    assert problems_in(valid_project, "journeys/content.yml") == []
    assert (valid_project / "journeys" / "content.yml").read_text().count("id: welcome-email") == 1
