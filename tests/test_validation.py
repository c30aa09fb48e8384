"""Validation: every problem in the journey data, in every file, in one run, each located and with a way to fix it.

Small projects are written into temporary folders: `BASE` is a complete project without a single diagnostic, and
each test changes a file or two of it. Single-file checks call `validate_document` directly.
"""

from __future__ import annotations

import gc
import tempfile
import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from mkdocs_journeys.data.diagnostics import Diagnostic, DiagnosticsError, Severity
from mkdocs_journeys.data.layout import DataLayout
from mkdocs_journeys.data.load import LoadResult, load_catalog
from mkdocs_journeys.data.model import ContentFile, Journey, Persona, StagesFile, TouchpointsFile
from mkdocs_journeys.data.nearest import did_you_mean
from mkdocs_journeys.data.validation import validate_document
from mkdocs_journeys.data.yaml_source import LoadedDocument, SourceMap, load_bytes

_BASE: dict[str, str] = {
    "personas/ana.yml": """\
        name: Ana Souza
        role: Office manager
        goals: [Spend less time on admin]
        preferred_channels: [email, web]
        """,
    "journeys/stages.yml": """\
        stages:
          - id: awareness
            name: Awareness
            phase: before
          - id: consideration
            name: Consideration
            phase: before
          - id: purchase
            name: Purchase
            phase: during
        """,
    "journeys/touchpoints.yml": """\
        touchpoints:
          - id: blog
            name: Blog
            channel: web
          - id: sales-call
            name: Sales call
            channel: phone
        """,
    "journeys/content.yml": """\
        assets:
          - id: pricing-guide
            title: Pricing guide
            format: comparison-guide
            stages: [consideration]
        """,
    "journeys/first-purchase.yml": """\
        name: First purchase
        personas: [ana]
        stages:
          - stage: awareness
            touchpoints: [blog]
            emotion: 1
          - stage: consideration
            touchpoints: [sales-call]
            content:
              existing: [pricing-guide]
          - stage: purchase
        """,
}
BASE = {path: textwrap.dedent(text) for path, text in _BASE.items()}


def assert_well_formed(diagnostics: list[Diagnostic]) -> None:
    """What every diagnostic owes its reader: a place, a code, a message and, for errors, a way to fix it."""
    for d in diagnostics:
        assert d.path and d.line >= 1 and d.column >= 1, d
        assert d.code and d.message.strip(), d
        assert "\n" not in d.message and "\n" not in d.hint, d
        if d.is_error:
            assert d.hint.strip(), f"{d.code} has no hint: {d}"


def load(
    tmp_path: Path,
    files: Mapping[str, str | None] | None = None,
    *,
    base: bool = True,
    raw: dict[str, bytes] | None = None,
) -> LoadResult:
    """Write BASE (unless `base=False`) changed by `files` (None deletes) and `raw` bytes, and load it."""
    contents: dict[str, bytes | None] = {path: text.encode() for path, text in (BASE if base else {}).items()}
    contents |= {path: None if text is None else textwrap.dedent(text).encode() for path, text in (files or {}).items()}
    for relative, content in {**contents, **(raw or {})}.items():
        path = tmp_path / relative
        if content is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    result = load_catalog(DataLayout.at(tmp_path))
    assert_well_formed(result.diagnostics)
    return result


def codes(result: LoadResult) -> list[tuple[str, str]]:
    return [(d.path, d.code) for d in result.diagnostics]


def one(result: LoadResult, code: str | None = None) -> Diagnostic:
    """The only diagnostic (of `code`, when given)."""
    found = [d for d in result.diagnostics if code is None or d.code == code]
    assert len(found) == 1, result.diagnostics
    return found[0]


def check(model: type[BaseModel], text: str, implied: dict[str, Any] | None = None) -> list[Diagnostic]:
    """Validate one file's text against `model`; its diagnostics (none when it is valid)."""
    document = load_bytes(textwrap.dedent(text).encode(), "journeys/file.yml")
    instance, problems = validate_document(document, model, implied)
    assert (instance is None) == bool(problems)
    assert_well_formed(problems)
    return list(problems)


def persona(text: str) -> list[Diagnostic]:
    return check(Persona, text, {"id": "ana"})


def journey(text: str) -> list[Diagnostic]:
    return check(Journey, text, {"id": "first-purchase"})


def single(problems: list[Diagnostic]) -> Diagnostic:
    assert len(problems) == 1, problems
    return problems[0]


# --- the whole project in one pass ----------------------------------------------------------------------------


def test_valid_project_loads_without_a_single_diagnostic(tmp_path: Path) -> None:
    result = load(tmp_path)

    assert result.diagnostics == []
    assert result.catalog is not None
    assert list(result.catalog.stages) == ["awareness", "consideration", "purchase"]
    assert result.catalog.journeys["first-purchase"].stages[0].emotion is not None


def test_every_error_is_reported_at_once_across_files(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        {
            "personas/ana.yml": "name: Ana\nrole: Buyer\nfavourite_colour: blue\n",
            "journeys/stages.yml": BASE["journeys/stages.yml"].replace("phase: during", "phase: sometime"),
            "journeys/first-purchase.yml": "name: First\npersonas: [ana]\nstages:\n  - stage: awareness\n"
            "    emotion: 7\n",
            "journeys/second.yml": "name: Second\npersonas: [bob]\nstages:\n  - stage: awarenes\n",
        },
    )

    assert result.catalog is None
    assert {path for path, _ in codes(result)} == {
        "personas/ana.yml",
        "journeys/stages.yml",
        "journeys/first-purchase.yml",
        "journeys/second.yml",
    }
    assert set(codes(result)) == {
        ("personas/ana.yml", "unknown-key"),
        ("journeys/stages.yml", "not-allowed"),
        ("journeys/first-purchase.yml", "out-of-range"),
        ("journeys/second.yml", "unknown-persona"),
        ("journeys/second.yml", "unknown-stage"),
    }


def test_diagnostics_come_sorted_by_file_line_and_column(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        {
            "journeys/first-purchase.yml": "name: First\npersonas: [anna]\nstages:\n  - stage: awarenes\n",
            "personas/ana.yml": "name: Ana\nrole: Buyer\nsumary: x\ngoal: y\n",
        },
    )

    keys = [(d.path, d.line, d.column) for d in result.diagnostics]
    assert keys == sorted(keys)
    assert len(keys) == 4


def test_warnings_alone_still_give_a_catalog(tmp_path: Path) -> None:
    result = load(tmp_path, {"personas/ben.yml": "name: Ben\nrole: Buyer\n"})

    assert result.catalog is not None
    assert "ben" in result.catalog.personas
    assert result.errors == []


def test_persona_that_takes_no_journey_is_a_warning_at_the_top_of_its_file(tmp_path: Path) -> None:
    result = load(tmp_path, {"personas/ben.yml": "# a comment\nname: Ben\nrole: Buyer\n"})

    warning = one(result)
    assert (warning.path, warning.code, warning.severity) == ("personas/ben.yml", "unused-persona", Severity.WARNING)
    assert warning.line == 2
    assert "journey" in warning.hint


def test_touchpoint_used_in_no_stage_is_a_warning_at_its_id(tmp_path: Path) -> None:
    touchpoints = BASE["journeys/touchpoints.yml"] + "  - id: webinar\n    name: Webinar\n    channel: events\n"

    result = load(tmp_path, {"journeys/touchpoints.yml": touchpoints})

    warning = one(result)
    assert (warning.code, warning.severity, warning.line) == ("unused-touchpoint", Severity.WARNING, 8)
    assert result.catalog is not None


def test_unused_warnings_wait_until_every_error_is_fixed(tmp_path: Path) -> None:
    result = load(tmp_path, {"personas/ben.yml": "name: Ben\nrole: Buyer\n", "personas/cy.yml": "name: Cy\n"})

    assert codes(result) == [("personas/cy.yml", "missing-key")]


# --- keys -----------------------------------------------------------------------------------------------------


def test_unknown_key_suggests_the_nearest_real_key_located_at_the_key() -> None:
    problem = single(persona("name: Ana\nrole: Buyer\npain_point: Prices\n"))

    assert (problem.code, problem.line, problem.column) == ("unknown-key", 3, 1)
    assert problem.message == "unknown key 'pain_point'"
    assert problem.hint.startswith("did you mean 'pain_points'?")


def test_unknown_nested_key_names_where_it_is_and_suggests_the_nearest() -> None:
    problem = single(journey("name: J\npersonas: ana\nstages:\n  - stage: awareness\n    emotions: 1\n"))

    assert (problem.code, problem.line, problem.column) == ("unknown-key", 5, 5)
    assert "'stages[1]'" in problem.message
    assert "'emotion'" in problem.hint


def test_unknown_key_in_a_mapping_inside_a_mapping_suggests_from_that_mapping() -> None:
    problem = single(persona("name: Ana\nrole: Buyer\ndemographics:\n  agerange: 35-44\n"))

    assert (problem.line, problem.column) == (4, 3)
    assert "'age_range'" in problem.hint


def test_an_age_range_written_as_the_age_names_the_key_for_ranges() -> None:
    problem = single(persona("name: Ana\nrole: Buyer\ndemographics:\n  age: 35-44\n"))

    assert (problem.code, problem.line, problem.column) == ("wrong-type", 4, 8)
    assert "`age_range: 35-44`" in problem.hint


def test_unknown_key_far_from_any_lists_the_known_keys() -> None:
    problem = single(check(StagesFile, "stages:\n  - id: a\n    name: A\n    colour: red\n"))

    assert problem.code == "unknown-key"
    assert "known keys:" in problem.hint and "customer_goal" in problem.hint


def test_id_written_in_a_file_whose_name_is_the_id_is_refused_at_the_key() -> None:
    problem = single(persona("name: Ana\nid: ana\nrole: Buyer\n"))

    assert (problem.code, problem.line, problem.column) == ("implied-key", 2, 1)
    assert "file name" in problem.message


def test_missing_required_key_names_it_and_says_what_it_is() -> None:
    problem = single(persona("name: Ana\ngoals: [x]\n"))

    assert problem.code == "missing-key"
    assert problem.message == "missing required key 'role'"
    assert problem.hint.startswith("add `role: …`")
    assert "occupation" in problem.hint.lower()


def test_missing_key_in_a_list_entry_points_at_the_entry() -> None:
    problem = single(
        check(TouchpointsFile, "touchpoints:\n  - {id: blog, name: Blog, channel: web}\n  - id: call\n    name: Call\n")
    )

    assert problem.code == "missing-key"
    assert (problem.line, problem.column) == (3, 5)
    assert "'touchpoints[2]'" in problem.message


def test_empty_required_value_asks_for_a_value_without_suggesting_to_remove_the_key() -> None:
    problem = single(persona("name: '  '\nrole: Buyer\n"))

    assert problem.code == "empty-value"
    assert "remove" not in problem.hint


# --- types ----------------------------------------------------------------------------------------------------


def test_list_where_text_is_expected_says_to_remove_the_dashes() -> None:
    problem = single(persona("name: Ana\nrole:\n  - Buyer\n  - Owner\n"))

    assert (problem.code, problem.line, problem.column) == ("wrong-type", 3, 3)
    assert problem.message == "'role' should be text, found a list"
    assert "'-'" in problem.hint


def test_text_where_a_list_of_mappings_is_expected_shows_the_shape() -> None:
    problem = single(journey("name: J\npersonas: [ana]\nstages: awareness\n"))

    assert (problem.code, problem.line, problem.column) == ("wrong-type", 3, 9)
    assert problem.message == "'stages' should be a list, found the text 'awareness'"
    assert "'- '" in problem.hint and "`stage:`" in problem.hint


def test_text_where_a_mapping_is_expected_shows_its_keys() -> None:
    problem = single(journey("name: J\npersonas: [ana]\nstages:\n  - awareness\n"))

    assert (problem.code, problem.line, problem.column) == ("wrong-type", 4, 5)
    assert "`stage:`" in problem.hint


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "true"])
def test_yes_where_text_is_expected_hints_at_quoting(word: str) -> None:
    problem = single(persona(f"name: Ana\nrole: {word}\n"))

    assert problem.code == "wrong-type"
    assert "quotes" in problem.hint


def test_yes_in_a_list_of_text_is_located_at_the_entry() -> None:
    problem = single(persona("name: Ana\nrole: Buyer\ngoals:\n  - Save time\n  - yes\n"))

    assert (problem.line, problem.column) == (5, 5)
    assert "'goals[2]'" in problem.message
    assert "quotes" in problem.hint


def test_numbers_where_text_is_expected_are_kept_as_text() -> None:
    assert persona("name: 2024\nrole: 3.5\nquote: 0123\n") == []


def test_empty_value_of_an_optional_key_is_no_value() -> None:
    assert check(TouchpointsFile, "touchpoints:\n  - id: blog\n    name: Blog\n    channel: web\n    survey:\n") == []


def test_empty_required_list_asks_for_a_value() -> None:
    problem = single(journey("name: J\npersonas: [ana]\nstages:\n"))

    assert problem.code == "wrong-type"
    assert problem.hint == "write the entries under it, each on its own line starting with '- '"


def test_text_where_a_number_is_expected_asks_for_a_number_only() -> None:
    problem = single(journey("name: J\npersonas: [ana]\nstages:\n  - stage: a\n    entering: 400 visitors\n"))

    assert (problem.code, problem.line) == ("wrong-type", 5)
    assert "whole number" in problem.message
    assert "without units" in problem.hint


def test_negative_count_is_out_of_range_with_the_bound_in_the_hint() -> None:
    problem = single(journey("name: J\npersonas: [ana]\nstages:\n  - stage: a\n    entering: -5\n"))

    assert problem.code == "out-of-range"
    assert "greater than or equal to 0" in problem.hint


def test_text_where_true_or_false_is_expected() -> None:
    problem = single(
        journey(
            "name: J\npersonas: [ana]\nstages:\n  - stage: a\n    kpis:\n      - {name: x, higher_is_better: maybe}\n"
        )
    )

    assert problem.code == "wrong-type"
    assert "true or false" in problem.hint


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("goals", "Save time", ["Save time"]),
        ("pain_points", "'I never know the final price.'", ["I never know the final price."]),
        ("preferred_channels", "email", ["email"]),
    ],
)
def test_single_text_is_accepted_where_a_list_is_expected(key: str, value: str, expected: list[str]) -> None:
    document = load_bytes(f"name: Ana\nrole: Buyer\n{key}: {value}\n".encode(), "personas/ana.yml")

    instance, problems = validate_document(document, Persona, {"id": "ana"})

    assert problems == []
    assert getattr(instance, key) == expected


def test_single_ids_are_accepted_for_personas_and_touchpoints_of_a_journey() -> None:
    text = "name: J\npersonas: ana\nstages:\n  - stage: a\n    touchpoints: blog\n"
    instance, problems = validate_document(load_bytes(text.encode(), "j.yml"), Journey, {"id": "j"})

    assert problems == []
    assert instance is not None
    assert (instance.personas, instance.stages[0].touchpoint_ids) == (["ana"], ["blog"])


# --- values ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("emotion", ["5", "-3", "{score: 3, note: Thrilled}"])
def test_emotion_out_of_range_gives_the_scale_in_the_hint(emotion: str) -> None:
    problem = single(journey(f"name: J\npersonas: [ana]\nstages:\n  - stage: a\n    emotion: {emotion}\n"))

    assert problem.code == "out-of-range"
    assert problem.line == 5
    assert "-2 to +2" in problem.message
    assert problem.hint == "use one of: -2 frustrated, -1 unhappy, 0 neutral, +1 satisfied, +2 delighted"


@pytest.mark.parametrize("emotion", ["happy", "1.5", "[1]", "yes"])
def test_emotion_that_is_not_a_score_gives_the_scale_in_the_hint(emotion: str) -> None:
    problem = single(journey(f"name: J\npersonas: [ana]\nstages:\n  - stage: a\n    emotion: {emotion}\n"))

    assert problem.code == "wrong-type"
    assert problem.line == 5
    assert "-2 to +2" in problem.hint and "emotion: 1" in problem.hint


def test_invalid_phase_suggests_the_nearest_allowed_value() -> None:
    problem = single(check(StagesFile, "stages:\n  - id: a\n    name: A\n    phase: durin\n"))

    assert (problem.code, problem.line, problem.column) == ("not-allowed", 4, 12)
    assert problem.message == "'durin' is not an allowed value for 'stages[1].phase'"
    assert problem.hint == "did you mean 'during'? (allowed: before, during, after)"


def test_invalid_stage_type_lists_the_allowed_types() -> None:
    problem = single(check(StagesFile, "stages:\n  - id: a\n    name: A\n    type: loyalty\n"))

    assert problem.code == "not-allowed"
    assert "retention" in problem.hint and "advocacy" in problem.hint


@pytest.mark.parametrize(
    ("stage_id", "suggested"),
    [
        ("Awareness", "awareness"),
        ("first contact", "first-contact"),
        ("zoë", "zoe"),
        ("..", "my-id"),
        ("a--b", "a-b"),
        ("-a", "a"),
        ("stage_1", "stage-1"),
    ],
)
def test_invalid_id_suggests_a_valid_one(stage_id: str, suggested: str) -> None:
    problem = single(check(StagesFile, f"stages:\n  - id: '{stage_id}'\n    name: A\n"))

    assert (problem.code, problem.line, problem.column) == ("invalid-id", 2, 9)
    assert problem.message == f"{stage_id!r} is not a valid id ('stages[1].id')"
    assert problem.hint.endswith(f"e.g. '{suggested}'")


def test_invalid_id_in_a_list_of_references_is_located_at_the_entry() -> None:
    problem = single(journey("name: J\npersonas: [ana, Ben Smith]\nstages:\n  - stage: a\n"))

    assert (problem.code, problem.line, problem.column) == ("invalid-id", 2, 17)
    assert "'ben-smith'" in problem.hint


@pytest.mark.parametrize(
    ("file_name", "suggested"),
    [("Bea.yml", "bea.yml"), ("bea souza.yml", "bea-souza.yml"), ("zoë.yml", "zoe.yml"), ("a..b.yml", "a-b.yml")],
)
def test_invalid_file_name_is_reported_at_the_top_of_the_file(tmp_path: Path, file_name: str, suggested: str) -> None:
    result = load(tmp_path, {f"personas/{file_name}": "# the persona\n\nname: Ana\nrole: Buyer\n"})

    problem = one(result)
    assert (problem.path, problem.code) == (f"personas/{file_name}", "invalid-file-name")
    assert (problem.line, problem.column) == (1, 1)
    assert "the file name gives the id" in problem.message
    assert problem.hint == f"rename the file to lower-case letters, digits and single hyphens, e.g. '{suggested}'"


def test_invalid_journey_folder_name_says_to_rename_the_folder(tmp_path: Path) -> None:
    text = "name: J\npersonas: [ana]\nstages:\n  - stage: awareness\n"

    problem = one(load(tmp_path, {"journeys/First Purchase/journey.yml": text}))

    assert problem.code == "invalid-file-name"
    assert "folder name" in problem.message
    assert problem.hint.endswith("e.g. 'first-purchase'")


def test_too_long_text_gives_the_limit() -> None:
    problem = single(persona(f"name: {'x' * 300}\nrole: Buyer\n"))

    assert problem.code == "too-long"
    assert "200" in problem.message
    assert len(problem.message) < 120


def test_messages_quote_long_values_shortly() -> None:
    problem = single(check(StagesFile, f"stages:\n  - id: {'X' * 5000}\n    name: A\n"))

    assert len(problem.message) < 150


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        " javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox",
        "file:///etc/passwd",
    ],
)
def test_url_with_a_scheme_that_can_run_code_is_refused(url: str) -> None:
    problem = single(
        check(TouchpointsFile, f"touchpoints:\n  - id: blog\n    name: Blog\n    channel: web\n    url: '{url}'\n")
    )

    assert (problem.code, problem.line) == ("invalid-value", 5)
    assert "is not allowed" in problem.message
    assert "http(s), mailto or relative" in problem.hint


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/pricing?plan=team#faq",
        "http://example.com",
        "mailto:sales@example.com",
        "/pricing/",
        "../images/ana.png",
        "images/ana.png",
        "pricing.md#plans",
    ],
)
def test_http_https_mailto_and_relative_urls_are_accepted(url: str) -> None:
    assert persona(f"name: Ana\nrole: Buyer\npicture: '{url}'\n") == []


def test_url_with_spaces_is_refused_with_a_hint() -> None:
    problem = single(persona("name: Ana\nrole: Buyer\npicture: my picture.png\n"))

    assert problem.code == "invalid-value"
    assert problem.hint


# --- files that are not a mapping -----------------------------------------------------------------------------


def test_top_level_list_where_a_mapping_is_expected_names_the_keys_to_write() -> None:
    problem = single(persona("- name: Ana\n  role: Buyer\n"))

    assert (problem.code, problem.line, problem.column) == ("not-a-mapping", 1, 1)
    assert "found a list" in problem.message
    assert "`name:`" in problem.hint and "'- '" in problem.hint


def test_top_level_text_where_a_mapping_is_expected() -> None:
    problem = single(check(StagesFile, "awareness, consideration\n"))

    assert problem.code == "not-a-mapping"
    assert "`stages:`" in problem.hint


def test_file_with_only_a_document_marker_has_no_data() -> None:
    problem = single(persona("---\n"))

    assert problem.code == "empty-file"


def test_unreadable_files_are_reported_with_everything_else(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        {
            "personas/ben.yml": "name: Ben\n\trole: Buyer\n",
            "personas/cy.yml": "",
            "journeys/first-purchase.yml": BASE["journeys/first-purchase.yml"].replace("[ana]", "[ana, ben, cy]"),
        },
    )

    assert codes(result) == [("personas/ben.yml", "tab-indent"), ("personas/cy.yml", "empty-file")]


# --- ids, duplicates and references ---------------------------------------------------------------------------


def test_duplicate_id_in_one_file_is_reported_at_the_second_naming_the_first(tmp_path: Path) -> None:
    touchpoints = BASE["journeys/touchpoints.yml"] + "  - id: blog\n    name: Company blog\n    channel: web\n"

    problem = one(load(tmp_path, {"journeys/touchpoints.yml": touchpoints}))

    assert (problem.code, problem.line, problem.column) == ("duplicate-id", 8, 9)
    assert problem.message == "touchpoint id 'blog' is already used at journeys/touchpoints.yml:2"


def test_duplicate_stage_id_keeps_the_first_definition(tmp_path: Path) -> None:
    stages = BASE["journeys/stages.yml"] + "  - id: awareness\n    name: Awareness again\n"

    result = load(tmp_path, {"journeys/stages.yml": stages})

    problem = one(result)
    assert problem.code == "duplicate-id"
    assert "journeys/stages.yml:2" in problem.message


def test_journey_file_and_journey_folder_with_the_same_id_are_duplicates(tmp_path: Path) -> None:
    result = load(tmp_path, {"journeys/first-purchase/journey.yml": BASE["journeys/first-purchase.yml"]})

    problem = one(result)
    assert (problem.path, problem.code) == ("journeys/first-purchase.yml", "duplicate-id")
    assert "journeys/first-purchase/journey.yml:1" in problem.message
    assert "file or folder name" in problem.hint


def test_persona_written_as_yml_and_yaml_is_a_duplicate(tmp_path: Path) -> None:
    problem = one(load(tmp_path, {"personas/ana.yaml": BASE["personas/ana.yml"]}))

    assert problem.code == "duplicate-id"


def test_unknown_persona_reference_suggests_nearest_id(tmp_path: Path) -> None:
    text = BASE["journeys/first-purchase.yml"].replace("[ana]", "[anna]")

    problem = one(load(tmp_path, {"journeys/first-purchase.yml": text}))

    assert (problem.code, problem.line, problem.column) == ("unknown-persona", 2, 12)
    assert problem.message == "unknown persona 'anna'"
    assert problem.hint == "did you mean 'ana'? (personas are defined in personas/)"


def test_unknown_stage_reference_suggests_nearest_id(tmp_path: Path) -> None:
    text = BASE["journeys/first-purchase.yml"].replace("stage: consideration", "stage: consideraton")

    problem = one(load(tmp_path, {"journeys/first-purchase.yml": text}))

    assert (problem.code, problem.line, problem.column) == ("unknown-stage", 7, 12)
    assert problem.hint == "did you mean 'consideration'? (stages are defined in journeys/stages.yml)"


def test_unknown_touchpoint_reference_suggests_nearest_id(tmp_path: Path) -> None:
    text = BASE["journeys/first-purchase.yml"].replace("[sales-call]", "[sales-calls]")

    problem = one(load(tmp_path, {"journeys/first-purchase.yml": text}))

    assert (problem.code, problem.line) == ("unknown-touchpoint", 8)
    assert "did you mean 'sales-call'?" in problem.hint
    assert "journeys/touchpoints.yml" in problem.hint


def test_unknown_channel_of_a_touchpoint_suggests_nearest_id(tmp_path: Path) -> None:
    text = BASE["journeys/touchpoints.yml"].replace("channel: phone", "channel: phon")

    problem = one(load(tmp_path, {"journeys/touchpoints.yml": text}))

    assert (problem.code, problem.line, problem.column) == ("unknown-channel", 7, 14)
    assert "did you mean 'phone'?" in problem.hint


def test_unknown_preferred_channel_of_a_persona_suggests_nearest_id(tmp_path: Path) -> None:
    text = BASE["personas/ana.yml"].replace("[email, web]", "[emails, web]")

    problem = one(load(tmp_path, {"personas/ana.yml": text}))

    assert (problem.code, problem.line) == ("unknown-channel", 4)
    assert "'email'" in problem.hint


def test_channel_defined_in_touchpoints_file_is_known(tmp_path: Path) -> None:
    touchpoints = "channels:\n  - id: podcast\n    name: Podcast\n" + BASE["journeys/touchpoints.yml"].replace(
        "channel: phone", "channel: podcast"
    )

    assert load(tmp_path, {"journeys/touchpoints.yml": touchpoints}).diagnostics == []


def test_unknown_content_reference_suggests_nearest_id(tmp_path: Path) -> None:
    text = BASE["journeys/first-purchase.yml"].replace("[pricing-guide]", "[pricing-guid]")

    problem = one(load(tmp_path, {"journeys/first-purchase.yml": text}))

    assert (problem.code, problem.line) == ("unknown-content", 10)
    assert "'pricing-guide'" in problem.hint


def test_unknown_stage_of_a_content_asset_suggests_nearest_id(tmp_path: Path) -> None:
    text = BASE["journeys/content.yml"].replace("[consideration]", "[considerations]")

    problem = one(load(tmp_path, {"journeys/content.yml": text}))

    assert problem.code == "unknown-stage"
    assert "'consideration'" in problem.hint


def test_unknown_id_far_from_every_known_id_lists_the_known_ids(tmp_path: Path) -> None:
    text = BASE["journeys/first-purchase.yml"].replace("[ana]", "[zzz]")

    problem = one(load(tmp_path, {"journeys/first-purchase.yml": text}))

    assert problem.hint == "known persona ids: ana (personas are defined in personas/)"


def test_reference_listed_twice_is_reported_at_the_second(tmp_path: Path) -> None:
    text = BASE["journeys/first-purchase.yml"].replace("[blog]", "[blog, blog]")

    problem = one(load(tmp_path, {"journeys/first-purchase.yml": text}))

    assert (problem.code, problem.line, problem.column) == ("repeated-reference", 5, 25)


def test_journey_naming_the_same_stage_twice_is_reported_at_the_second(tmp_path: Path) -> None:
    text = BASE["journeys/first-purchase.yml"] + "  - stage: awareness\n"

    problem = one(load(tmp_path, {"journeys/first-purchase.yml": text}))

    assert (problem.code, problem.line, problem.column) == ("repeated-stage", 12, 12)
    assert "first as stage 1" in problem.message


def test_stage_order_contradicting_stages_file_gives_the_shared_order(tmp_path: Path) -> None:
    text = "name: J\npersonas: [ana]\nstages:\n  - stage: consideration\n  - stage: awareness\n  - stage: purchase\n"

    problem = one(load(tmp_path, {"journeys/first-purchase.yml": text}), "stage-order")

    assert (problem.line, problem.column) == (5, 12)
    assert problem.message == "stage 'awareness' comes after 'consideration' here, but before it in stages.yml"
    assert problem.hint == "list this journey's stages in the shared order: awareness, consideration"


def test_journey_may_skip_stages(tmp_path: Path) -> None:
    text = "name: J\npersonas: [ana]\nstages:\n  - stage: awareness\n  - stage: purchase\n"

    result = load(tmp_path, {"journeys/second.yml": text})

    assert result.errors == []


@pytest.mark.parametrize("stages", ["stages: []\n", ""])
def test_journey_with_no_stages_is_an_error(tmp_path: Path, stages: str) -> None:
    problem = one(load(tmp_path, {"journeys/second.yml": "name: J\npersonas: [ana]\n" + stages}))

    assert problem.path == "journeys/second.yml"
    assert problem.code in {"empty-list", "missing-key"}
    assert "stages" in problem.message


def test_broken_stage_definition_does_not_make_its_references_unknown(tmp_path: Path) -> None:
    stages = BASE["journeys/stages.yml"].replace("    phase: during\n", "    phase: durring\n")

    result = load(tmp_path, {"journeys/stages.yml": stages})

    assert codes(result) == [("journeys/stages.yml", "not-allowed")]


def test_stage_referenced_twice_is_still_repeated_when_its_definition_is_broken(tmp_path: Path) -> None:
    stages = BASE["journeys/stages.yml"].replace("    phase: during\n", "    phase: durring\n")
    text = BASE["journeys/first-purchase.yml"] + "  - stage: purchase\n"

    result = load(tmp_path, {"journeys/stages.yml": stages, "journeys/first-purchase.yml": text})

    assert [code for _, code in codes(result)] == ["repeated-stage", "not-allowed"]


def test_broken_persona_file_does_not_make_its_references_unknown(tmp_path: Path) -> None:
    result = load(tmp_path, {"personas/ana.yml": "name: Ana\n"})

    assert codes(result) == [("personas/ana.yml", "missing-key")]


def test_loading_leaves_the_cycle_collector_as_it_found_it(tmp_path: Path) -> None:
    """The loader pauses the cycle collector and moves what it made to the oldest generation; objects another part
    of the program froze (a server about to fork, say) must stay frozen."""
    gc.freeze()
    frozen = gc.get_freeze_count()
    try:
        assert load(tmp_path).catalog is not None
        assert gc.isenabled()
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
    assert load(tmp_path).catalog is not None
    assert (gc.isenabled(), gc.get_freeze_count()) == (True, 0)


def test_a_broken_persona_is_known_as_a_persona_only(tmp_path: Path) -> None:
    journey = BASE["journeys/first-purchase.yml"].replace("[ana]", "[ana, ben]").replace("[blog]", "[ben]")

    result = load(tmp_path, {"personas/ben.yml": "name: Ben\n", "journeys/first-purchase.yml": journey})

    assert codes(result) == [("journeys/first-purchase.yml", "unknown-touchpoint"), ("personas/ben.yml", "missing-key")]
    assert "'ben'" not in result.diagnostics[0].hint


def test_references_of_a_journey_with_other_errors_are_checked_in_the_same_run(tmp_path: Path) -> None:
    text = BASE["journeys/first-purchase.yml"].replace("[ana]", "[anna]").replace("emotion: 1", "emotion: 7")

    result = load(tmp_path, {"journeys/first-purchase.yml": text})

    assert [code for _, code in codes(result)] == ["unknown-persona", "out-of-range"]
    assert result.catalog is None


def test_references_of_a_persona_with_a_wrong_role_are_checked_in_the_same_run(tmp_path: Path) -> None:
    text = BASE["personas/ana.yml"].replace("role: Office manager", "role: yes").replace("email,", "emial,")

    result = load(tmp_path, {"personas/ana.yml": text})

    assert [code for _, code in codes(result)] == ["wrong-type", "unknown-channel"]
    assert "'email'" in result.diagnostics[1].hint


def test_channel_of_a_touchpoint_with_a_bad_url_is_checked_in_the_same_run(tmp_path: Path) -> None:
    text = BASE["journeys/touchpoints.yml"].replace("channel: web", "channel: webb\n    url: 'javascript:x'")

    result = load(tmp_path, {"journeys/touchpoints.yml": text})

    assert [code for _, code in codes(result)] == ["unknown-channel", "invalid-value"]


def test_references_to_the_id_an_invalid_id_should_be_are_not_unknown(tmp_path: Path) -> None:
    stages = BASE["journeys/stages.yml"].replace("id: purchase", "id: Purchase")

    journey = BASE["journeys/first-purchase.yml"].replace("[ana]", "[ana, ben]")

    result = load(
        tmp_path,
        {
            "journeys/stages.yml": stages,
            "personas/Ben.yml": "name: Ben\nrole: Buyer\n",
            "journeys/first-purchase.yml": journey,
        },
    )

    assert codes(result) == [("journeys/stages.yml", "invalid-id"), ("personas/Ben.yml", "invalid-file-name")]


def test_unreadable_stages_file_does_not_make_every_stage_unknown(tmp_path: Path) -> None:
    result = load(tmp_path, {"journeys/stages.yml": "stages:\n  - id: awareness\n   name: x\n"})

    assert codes(result) == [("journeys/stages.yml", "yaml-syntax")]


def test_stages_file_without_its_list_does_not_make_every_stage_unknown(tmp_path: Path) -> None:
    result = load(tmp_path, {"journeys/stages.yml": "stage:\n  - id: awareness\n    name: Awareness\n"})

    assert [code for _, code in codes(result)] == ["missing-key", "unknown-key"]
    assert "'stages'" in result.diagnostics[1].hint


def test_unreadable_touchpoints_file_does_not_make_every_touchpoint_unknown(tmp_path: Path) -> None:
    result = load(tmp_path, raw={"journeys/touchpoints.yml": "touchpoints: []\n".encode("utf-16")})

    assert [code for _, code in codes(result)] == ["not-utf8"]


def test_missing_stages_file_is_one_located_error_with_a_hint(tmp_path: Path) -> None:
    result = load(tmp_path, {"journeys/stages.yml": None})

    problem = one(result)
    assert (problem.path, problem.code, problem.line, problem.column) == ("journeys", "missing-stages", 1, 1)
    assert "journeys/stages.yml does not exist" in problem.message
    assert "mkdocs-journeys new stage" in problem.hint


def test_missing_touchpoints_file_makes_touchpoint_references_unknown(tmp_path: Path) -> None:
    result = load(tmp_path, {"journeys/touchpoints.yml": None})

    assert [code for _, code in codes(result)] == ["unknown-touchpoint", "unknown-touchpoint"]
    assert "no touchpoint ids are defined yet" in result.diagnostics[0].hint


@pytest.mark.parametrize("folder", ["personas", "journeys"])
def test_missing_folder_is_a_located_error_with_a_hint(tmp_path: Path, folder: str) -> None:
    present = {path: text for path, text in BASE.items() if not path.startswith(folder)}

    result = load(tmp_path, present, base=False)

    problem = one(result, "missing-folder")
    assert (problem.path, problem.line, problem.column) == (folder, 1, 1)
    assert f"`{folder}_dir`" in problem.hint


def test_empty_data_folders_need_a_stages_file(tmp_path: Path) -> None:
    (tmp_path / "personas").mkdir()
    (tmp_path / "journeys").mkdir()

    assert codes(load(tmp_path, base=False)) == [("journeys", "missing-stages")]


@pytest.mark.parametrize(
    ("word", "candidates", "hint"),
    [
        ("consideraton", ["awareness", "consideration"], "did you mean 'consideration'?"),
        ("Awareness", ["awareness", "advocacy"], "did you mean 'awareness'?"),
        ("Sales Call", ["blog", "sales-call"], "did you mean 'sales-call'?"),
        ("pain_point", ["goals", "pain_points"], "did you mean 'pain_points'?"),
        ("pricing", ["blog", "pricing-guide"], "did you mean 'pricing-guide'?"),
        ("a", ["advocacy", "awareness", "purchase"], "known stage ids: advocacy, awareness, purchase"),
        ("x", [], "no stage ids are defined yet"),
        ("zzz", [f"stage-{n:02}" for n in range(20)], "known stage ids: stage-00, stage-01, "),
    ],
)
def test_did_you_mean_finds_typos_case_and_spacing_but_not_single_letters(
    word: str, candidates: list[str], hint: str
) -> None:
    assert did_you_mean(word, candidates, kind="stage ids").startswith(hint)


def test_did_you_mean_shortens_a_long_list_of_known_ids() -> None:
    assert did_you_mean("zzz", [f"stage-{n:02}" for n in range(20)]).endswith("stage-11, …")


def test_content_library_changes_are_kept_in_the_catalog(tmp_path: Path) -> None:
    content = BASE["journeys/content.yml"] + "library:\n  consideration:\n    exclude: [webinar]\n"

    result = load(tmp_path, {"journeys/content.yml": content})

    assert result.diagnostics == []
    assert result.catalog is not None
    assert result.catalog.library["consideration"].exclude == ["webinar"]


def test_unknown_format_in_the_content_library_suggests_the_nearest(tmp_path: Path) -> None:
    content = BASE["journeys/content.yml"] + "library:\n  consideration:\n    include: [webinarr]\n"

    problem = one(load(tmp_path, {"journeys/content.yml": content}))

    assert (problem.code, problem.line) == ("unknown-content-format", 8)
    assert "did you mean 'webinar'?" in problem.hint


# --- where files are read from ----------------------------------------------------------------------------------


def test_journey_folder_is_read_with_the_id_from_the_folder(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        {
            "journeys/first-purchase.yml": None,
            "journeys/first-purchase/journey.yml": BASE["journeys/first-purchase.yml"],
            "journeys/first-purchase/notes.md": "Research notes",
        },
    )

    assert result.diagnostics == []
    assert result.catalog is not None
    assert list(result.catalog.journeys) == ["first-purchase"]
    assert result.catalog.origins[("journey", "first-purchase")].path == "journeys/first-purchase/journey.yml"


def test_id_written_in_a_journey_folder_file_names_the_folder(tmp_path: Path) -> None:
    text = "id: other\n" + BASE["journeys/first-purchase.yml"]

    problem = one(load(tmp_path, {"journeys/first-purchase.yml": None, "journeys/first-purchase/journey.yml": text}))

    assert (problem.code, problem.line) == ("implied-key", 1)
    assert "folder name" in problem.message
    assert "rename the folder" in problem.hint


def test_journey_folder_file_may_end_in_yaml(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        {
            "journeys/first-purchase.yml": None,
            "journeys/first-purchase/journey.yaml": BASE["journeys/first-purchase.yml"],
        },
    )

    assert result.diagnostics == []


def test_shared_files_may_end_in_yaml(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        {
            "journeys/stages.yml": None,
            "journeys/stages.yaml": BASE["journeys/stages.yml"],
            "journeys/touchpoints.yml": None,
            "journeys/touchpoints.yaml": BASE["journeys/touchpoints.yml"],
        },
    )

    assert result.diagnostics == []
    assert result.catalog is not None
    assert "stages" not in result.catalog.journeys


def test_shared_file_written_twice_reads_the_yml_and_warns_about_the_other(tmp_path: Path) -> None:
    result = load(tmp_path, {"journeys/stages.yaml": "stages: []\n"})

    warning = one(result)
    assert (warning.path, warning.code, warning.severity) == ("journeys/stages.yaml", "ignored-file", Severity.WARNING)
    assert "stages.yml is read instead" in warning.message


def test_shared_file_with_an_upper_case_suffix_is_not_read_as_a_journey(tmp_path: Path) -> None:
    result = load(tmp_path, {"journeys/stages.yml": None, "journeys/stages.YML": BASE["journeys/stages.yml"]})

    assert codes(result) == [("journeys", "missing-stages"), ("journeys/stages.YML", "ignored-file")]
    assert result.diagnostics[1].hint == "rename it to stages.yml"


@pytest.mark.parametrize(
    "stray",
    [
        "journeys/first-purchase/notes.yml",
        "journeys/archive/old/journey.yml",
        "journeys/archive/2023/old.yml",
        "personas/archive/bob.yml",
    ],
)
def test_stray_yaml_file_in_a_subfolder_gives_an_ignored_file_warning(tmp_path: Path, stray: str) -> None:
    result = load(tmp_path, {stray: "name: Bob\nrole: Buyer\n"})

    warning = one(result)
    assert (warning.path, warning.code, warning.severity) == (stray, "ignored-file", Severity.WARNING)
    assert (warning.line, warning.column) == (1, 1)
    assert warning.hint
    assert result.catalog is not None


def test_hidden_files_are_not_read(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        {"personas/.draft.yml": "name: [unfinished\n", "journeys/.backup/x.yml": "x: 1\n"},
        raw={"personas/._ana.yml": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X"},
    )

    assert result.diagnostics == []


def test_upper_case_suffix_is_read_and_its_name_reported(tmp_path: Path) -> None:
    problem = one(load(tmp_path, {"personas/Ben.YML": "name: Ben\nrole: Buyer\n"}))

    assert (problem.path, problem.code) == ("personas/Ben.YML", "invalid-file-name")


# --- whatever the data, diagnostics and never an exception ----------------------------------------------------

MODELS: list[tuple[type[BaseModel], dict[str, Any] | None]] = [
    (Persona, {"id": "ana"}),
    (Journey, {"id": "first-purchase"}),
    (StagesFile, None),
    (TouchpointsFile, None),
    (ContentFile, None),
]
KEYS = st.sampled_from(
    [
        "id", "name", "role", "goals", "stages", "stage", "touchpoints", "emotion", "score", "note", "personas",
        "channel", "url", "picture", "kpis", "target", "entering", "content", "existing", "demographics", "phase",
        "type", "assets", "survey", "questions", "channels", "pain_points", "unknown", "Name", "ïd",
    ]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(),
    st.text(max_size=30),
    st.sampled_from(["awareness", "ana", "blog", "web", "javascript:x", "https://e.com", "before", "durin", "-2", ""]),
)
DATA = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=6),
    max_leaves=15,
)


@settings(max_examples=200, deadline=1000)
@given(st.sampled_from(MODELS), st.dictionaries(KEYS, DATA, max_size=8) | DATA)
def test_any_data_gives_a_model_or_well_formed_diagnostics(model: tuple[type[BaseModel], Any], data: Any) -> None:
    document = LoadedDocument(data, SourceMap("journeys/file.yml"))

    instance, problems = validate_document(document, model[0], model[1])

    assert (instance is None) == bool(problems)
    assert_well_formed(problems)


YAMLISH_LINES = st.sampled_from(
    [
        "name: Ana", "role: Buyer", "goals:", "  - Save time", "  - yes", "stages:", "  - stage: awareness",
        "    emotion: 5", "    emotion: {score: 1}", "    touchpoints: blog", "personas: [ana, Ana]", "id: x",
        "  - id: awareness", "    name: Awareness", "    phase: durin", "touchpoints:", "    channel: web",
        "    url: javascript:alert(1)", "assets: []", "no: 1", "- a", "  kpis:", "    - name: Visits", "  x: &a [1]",
        "  y: *a", "\tname: x", "name: !!int x", "'", "---", "",
    ]
)  # fmt: skip


@settings(max_examples=200, deadline=1000)
@given(st.sampled_from(MODELS), st.lists(YAMLISH_LINES, max_size=12).map("\n".join))
def test_any_yamlish_document_gives_a_model_or_well_formed_diagnostics(model: tuple[Any, Any], text: str) -> None:
    try:
        document = load_bytes(text.encode(), "journeys/file.yml")
    except DiagnosticsError as error:
        assert_well_formed(error.diagnostics)
        return
    instance, problems = validate_document(document, model[0], model[1])

    assert (instance is None) == bool(problems)
    assert_well_formed(problems)


PROJECT_FILES = st.sampled_from(
    ["personas/ana.yml", "personas/ben.yml", "journeys/stages.yml", "journeys/touchpoints.yml",
     "journeys/content.yml", "journeys/first-purchase.yml", "journeys/second/journey.yml"]
)  # fmt: skip
BASE_LINES = [line for text in BASE.values() for line in text.splitlines()]


@settings(max_examples=60, deadline=2000)
@given(st.dictionaries(PROJECT_FILES, st.lists(YAMLISH_LINES | st.sampled_from(BASE_LINES), max_size=15), max_size=4))
def test_any_project_gives_a_catalog_or_well_formed_diagnostics(changes: dict[str, list[str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        result = load(Path(folder), {path: "\n".join(lines) + "\n" for path, lines in changes.items()})

    assert (result.catalog is None) == bool(result.errors)


def test_a_persona_may_name_built_in_channels_before_any_journeys_folder_exists(tmp_path: Path) -> None:
    files = {"personas/ana.yml": "name: Ana\nrole: Office manager\npreferred_channels: [web, email]\n"}
    result = load(tmp_path, files, base=False)

    assert codes(result) == [("journeys", "missing-folder")]


def test_a_data_file_linking_outside_the_project_is_refused_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yml").write_text("name: Secret\nrole: Token holder\n")
    project = tmp_path / "project"
    result = load(project)
    (project / "personas" / "leak.yml").symlink_to(outside / "secret.yml")
    result = load_catalog(DataLayout.at(project))

    assert ("personas/leak.yml", "outside-project") in codes(result)
    assert result.catalog is None
