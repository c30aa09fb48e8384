"""Formatting diagnostics: the same problem reads the same in a terminal, a pull request (GitHub) and a tool (JSON)."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest

from mkdocs_journeys.data.diagnostics import (
    FORMATTERS,
    Diagnostic,
    DiagnosticsError,
    Severity,
    format_github,
    format_json,
    format_one,
    format_text,
    sort_diagnostics,
    summary,
)
from mkdocs_journeys.data.layout import DataLayout
from mkdocs_journeys.data.load import load_catalog

ERROR = Diagnostic(
    "journeys/first-purchase.yml",
    4,
    12,
    "unknown-stage",
    "unknown stage 'consideraton'",
    "did you mean 'consideration'? (stages are defined in journeys/stages.yml)",
)
WARNING = Diagnostic(
    "personas/ben.yml",
    1,
    1,
    "unused-persona",
    "persona 'ben' takes no journey",
    "add it to a journey's `personas:`, or remove the file if the persona is retired",
    Severity.WARNING,
)


def error(**changes: Any) -> Diagnostic:
    return dataclasses.replace(ERROR, **changes)


# --- text -------------------------------------------------------------------------------------------------------


def test_text_format_is_location_severity_code_message_then_the_hint_indented() -> None:
    assert format_one(ERROR).splitlines() == [
        "journeys/first-purchase.yml:4:12: error[unknown-stage]: unknown stage 'consideraton'",
        "    hint: did you mean 'consideration'? (stages are defined in journeys/stages.yml)",
    ]


def test_text_format_names_warnings_as_warnings() -> None:
    assert format_one(WARNING).startswith("personas/ben.yml:1:1: warning[unused-persona]: persona 'ben'")


def test_text_format_without_a_hint_is_one_line() -> None:
    assert (
        format_one(error(hint=""))
        == "journeys/first-purchase.yml:4:12: error[unknown-stage]: unknown stage 'consideraton'"
    )


def test_text_report_ends_with_the_summary() -> None:
    lines = format_text([ERROR, WARNING]).splitlines()

    assert lines[0].startswith("journeys/first-purchase.yml:4:12: error[unknown-stage]")
    assert lines[2].startswith("personas/ben.yml:1:1: warning[unused-persona]")
    assert lines[-1] == "Found 1 error and 1 warning."


def test_diagnostics_error_reads_like_the_text_report() -> None:
    raised = DiagnosticsError([ERROR])

    assert str(raised) == format_text([ERROR])
    assert raised.diagnostics == [ERROR]


# --- summary ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("diagnostics", "expected"),
    [
        ([], "No problems found."),
        ([ERROR], "Found 1 error and 0 warnings."),
        ([WARNING], "Found 0 errors and 1 warning."),
        ([ERROR, error(line=5), WARNING], "Found 2 errors and 1 warning."),
        ([WARNING, WARNING, WARNING], "Found 0 errors and 3 warnings."),
    ],
)
def test_summary_counts_errors_and_warnings(diagnostics: list[Diagnostic], expected: str) -> None:
    assert summary(diagnostics) == expected


def test_sorting_orders_by_file_line_and_column_and_drops_repeats() -> None:
    later = error(line=10)
    other_file = error(path="a.yml", line=99)

    assert sort_diagnostics([later, ERROR, other_file, ERROR]) == [other_file, ERROR, later]


# --- GitHub annotations -----------------------------------------------------------------------------------------


def test_github_format_is_a_workflow_command_per_diagnostic_and_the_summary() -> None:
    lines = format_github([ERROR, WARNING]).splitlines()

    assert lines == [
        "::error file=journeys/first-purchase.yml,line=4,col=12,title=unknown-stage::unknown stage 'consideraton'"
        "%0Adid you mean 'consideration'? (stages are defined in journeys/stages.yml)",
        "::warning file=personas/ben.yml,line=1,col=1,title=unused-persona::persona 'ben' takes no journey"
        "%0Aadd it to a journey's `personas:`, or remove the file if the persona is retired",
        "Found 1 error and 1 warning.",
    ]


def test_github_message_escapes_percent_and_line_breaks_but_keeps_colons_and_commas() -> None:
    line = format_github([error(message="50% drop: a, b\r\nnext", hint="")]).splitlines()[0]

    assert line.endswith("::50%25 drop: a, b%0D%0Anext")


def test_github_properties_escape_percent_colon_comma_and_line_breaks() -> None:
    line = format_github([error(path="journeys/a,b:c%d.yml", code="odd:code,1\n")]).splitlines()[0]

    assert line.startswith("::error file=journeys/a%2Cb%3Ac%25d.yml,line=4,col=12,title=odd%3Acode%2C1%0A::")


@pytest.mark.parametrize(
    "control",
    [
        "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",  # OSC 8: a hidden link in the CI log
        "\x07",  # BEL
        "wrong\x08\x08\x08\x08\x08right",  # backspaces that erase what was printed
        "\x1b[2K\r::error::forged",  # erase the line, then a workflow command of its own
        "\u202eevil.yml",  # a right-to-left override: shown in another order than read
        "\x9b31m",  # CSI in one byte (C1)
    ],
)
@pytest.mark.parametrize("output", ["text", "github", "json"])
def test_every_format_escapes_control_characters_from_the_data(control: str, output: str) -> None:
    text = FORMATTERS[output]([error(path=f"personas/{control}.yml", message=f"unknown key '{control}'", hint=control)])

    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text), repr(text)
    if output == "github":  # every line is one workflow command, or the summary
        assert all(line.startswith("::error file=") for line in text.splitlines()[:-1]), text


def test_github_escapes_percent_before_the_escapes_it_introduces() -> None:
    line = format_github([error(message="%0A is not a line break", hint="")]).splitlines()[0]

    assert line.endswith("::%250A is not a line break")


GITHUB_COMMAND = re.compile(
    r"^::(?P<severity>error|warning) file=(?P<file>[^,:]*),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"title=(?P<title>[^,:]*)::(?P<data>.*)$"
)


def unescape(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_github_annotations_of_a_broken_project_parse_back_to_the_diagnostics(tmp_path: Path) -> None:
    (tmp_path / "personas").mkdir()
    (tmp_path / "journeys").mkdir()
    (tmp_path / "personas" / "ana,souza.yml").write_text("name: Ana\nrole: 100%: yes\n")
    (tmp_path / "journeys" / "stages.yml").write_text("stages:\n  - id: a\n    name: A\n    phase: durin\n")
    result = load_catalog(DataLayout.at(tmp_path))

    lines = format_github(result.diagnostics).splitlines()

    assert len(lines) == len(result.diagnostics) + 1
    for line, diagnostic in zip(lines, result.diagnostics, strict=False):
        match = GITHUB_COMMAND.match(line)
        assert match, line
        assert unescape(match["file"]) == diagnostic.path
        assert (int(match["line"]), int(match["col"])) == (diagnostic.line, diagnostic.column)
        assert unescape(match["title"]) == diagnostic.code
        assert unescape(match["data"]) == f"{diagnostic.message}\n{diagnostic.hint}"


# --- JSON -------------------------------------------------------------------------------------------------------


def test_json_format_parses_and_carries_every_field() -> None:
    document = json.loads(format_json([ERROR, WARNING]))

    assert document["summary"] == "Found 1 error and 1 warning."
    assert document["diagnostics"] == [
        {
            "path": "journeys/first-purchase.yml",
            "line": 4,
            "column": 12,
            "code": "unknown-stage",
            "message": "unknown stage 'consideraton'",
            "hint": "did you mean 'consideration'? (stages are defined in journeys/stages.yml)",
            "severity": "error",
        },
        {
            "path": "personas/ben.yml",
            "line": 1,
            "column": 1,
            "code": "unused-persona",
            "message": "persona 'ben' takes no journey",
            "hint": "add it to a journey's `personas:`, or remove the file if the persona is retired",
            "severity": "warning",
        },
    ]


def test_json_keeps_non_ascii_text_and_quotes_readable() -> None:
    text = format_json([error(message='unknown persona "zoë"')])

    assert 'unknown persona \\"zoë\\"' in text
    assert json.loads(text)["diagnostics"][0]["message"] == 'unknown persona "zoë"'


def test_json_of_no_diagnostics_says_so() -> None:
    assert json.loads(format_json([])) == {"diagnostics": [], "summary": "No problems found."}


def test_every_format_is_registered_by_name() -> None:
    assert dict(FORMATTERS) == {"text": format_text, "github": format_github, "json": format_json}
    for formatter in FORMATTERS.values():
        assert "1 error" in formatter([ERROR])
