"""`mkdocs-journeys export`: the checked journey map as JSON, references resolved, or as CSV files for spreadsheets;
nothing written when the data is broken."""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from conftest import VALID_FILES, write_files
from mkdocs_journeys.commands.tables import FORMULA_STARTS, TABLES, cell
from mkdocs_journeys.data.layout import DataLayout
from mkdocs_journeys.data.load import load_catalog
from mkdocs_journeys.data.model import BUILTIN_CHANNELS, ContentAsset, Journey, Persona, Stage, Touchpoint
from test_validation import BASE
from test_validation_of_research import FILES

RunCli = Callable[..., Result]


def exported(project: Path, run_cli: RunCli) -> dict[str, Any]:
    result = run_cli("export", "--format", "json", cwd=project)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = strict_json(result.stdout)
    return data


def strict_json(text: str) -> Any:
    """JSON as the standard has it: `NaN`, `Infinity` and `-Infinity` (which Python writes by default) are refused."""

    def refuse(constant: str) -> None:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def by_id(entities: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {entity["id"]: entity for entity in entities}


def first_format(exported: dict[str, Any], *keys: str) -> dict[str, Any]:
    """The keys the export had before the format grew: they keep their names and values."""
    return {key: exported[key] for key in keys}


def test_export_resolves_references(valid_project: Path, run_cli: RunCli) -> None:
    data = exported(valid_project, run_cli)

    journey = by_id(data["journeys"])["first-purchase"]
    awareness, consideration, _ = journey["stages"]
    assert journey["personas"] == [{"id": "ana", "name": "Ana Souza"}]
    assert awareness["stage"] == {"id": "awareness", "name": "Awareness"}
    # Today's shape, kept: a touchpoint entry is the touchpoint, plus what happens there (nothing written here).
    assert [first_format(entry, "id", "name", "channel") for entry in awareness["touchpoints"]] == [
        {"id": "blog", "name": "Blog", "channel": {"id": "web", "name": "Web"}},
        {"id": "weekly-show", "name": "Weekly show", "channel": {"id": "podcast", "name": "Podcast"}},
    ]
    assert awareness["touchpoints"][0]["emotion"] is None
    assert first_format(awareness["emotion"], "score", "note", "label") == {
        "score": 1,
        "note": None,
        "label": "Satisfied",
    }
    assert [first_format(entry, "id", "name", "channel") for entry in consideration["touchpoints"]] == [
        {"id": "sales-call", "name": "Sales call", "channel": {"id": "phone", "name": "Phone"}}
    ]
    assert consideration["content"]["existing"] == [{"id": "pricing-guide", "title": "Pricing guide"}]
    assert by_id(data["touchpoints"])["sales-call"]["channel"] == {"id": "phone", "name": "Phone"}
    assert by_id(data["personas"])["ana"]["preferred_channels"] == [
        {"id": "email", "name": "Email"},
        {"id": "web", "name": "Web"},
    ]
    guide = by_id(data["content"])["pricing-guide"]
    assert guide["stages"] == [{"id": "consideration", "name": "Consideration"}]
    assert guide["personas"] == [{"id": "ana", "name": "Ana Souza"}]


def test_export_lists_every_entity_with_its_id_and_every_field(valid_project: Path, run_cli: RunCli) -> None:
    data = exported(valid_project, run_cli)

    assert list(data) == [
        "personas",
        "journeys",
        "stages",
        "touchpoints",
        "channels",
        "content",
        "opportunities",
        "sources",
    ]
    assert [s["id"] for s in data["stages"]] == ["awareness", "consideration", "purchase"]  # in stages.yml order
    assert [t["id"] for t in data["touchpoints"]] == ["blog", "weekly-show", "sales-call"]
    assert {c["id"] for c in data["channels"]} == {c.id for c in BUILTIN_CHANNELS} | {"podcast"}
    for kind, model in [
        ("personas", Persona),
        ("journeys", Journey),
        ("stages", Stage),
        ("touchpoints", Touchpoint),
        ("content", ContentAsset),
    ]:
        for entity in data[kind]:
            assert set(entity) == set(model.model_fields), kind
    stage = by_id(data["stages"])["awareness"]
    assert stage["type"] == "awareness"  # implied by the id, and written out for consumers
    assert by_id(data["touchpoints"])["sales-call"]["survey"]["questions"] == ["How helpful was the call?"]
    kpi = by_id(data["journeys"])["first-purchase"]["stages"][2]["kpis"][0]
    assert first_format(kpi, "name", "target", "actual", "unit", "higher_is_better") == {
        "name": "Orders",
        "target": 100.0,
        "actual": 80.0,
        "unit": None,
        "higher_is_better": True,
    }


def test_export_fails_with_the_diagnostics_on_stderr(make_project: Callable[..., Path], run_cli: RunCli) -> None:
    project = make_project(
        {"journeys/first-purchase.yml": "name: First purchase\npersonas: [anna]\nstages: [{stage: awareness}]\n"}
    )

    result = run_cli("export", cwd=project)

    assert result.exit_code == 1
    assert result.stdout == ""
    assert "journeys/first-purchase.yml:2:12: error[unknown-persona]: unknown persona 'anna'" in result.stderr


def test_export_reports_warnings_on_stderr_and_keeps_stdout_json(
    make_project: Callable[..., Path], run_cli: RunCli
) -> None:
    project = make_project({"personas/ben.yml": "name: Ben Okafor\nrole: IT manager\n"})

    result = run_cli("export", cwd=project)

    assert result.exit_code == 0
    assert "warning[unused-persona]" in result.stderr
    assert [p["id"] for p in json.loads(result.stdout)["personas"]] == ["ana", "ben"]


def test_export_keeps_text_as_written(make_project: Callable[..., Path], run_cli: RunCli) -> None:
    project = make_project(
        {"personas/ana.yml": 'name: Ana Souza\nrole: "Gérante <PME> & co"\nquote: "Ça dépend: \\"vite\\""\n'}
    )

    persona = by_id(exported(project, run_cli)["personas"])["ana"]

    assert persona["role"] == "Gérante <PME> & co"
    assert persona["quote"] == 'Ça dépend: "vite"'


def test_export_of_the_repository_example_data(run_cli: RunCli) -> None:
    repo = Path(__file__).resolve().parent.parent
    if not any((repo / "personas").glob("*.yml")):
        pytest.skip("the example personas/ folder is empty")

    data = exported(repo, run_cli)

    assert data["personas"] and data["journeys"] and data["stages"]
    # The names other tools read, each present in the example.
    assert len(data["opportunities"]) >= 5 and all({"owner", "status"} <= set(o) for o in data["opportunities"])
    assert len(data["sources"]) >= 2
    journeys = by_id(data["journeys"])
    assert journeys["security-evaluation-to-be"]["state"] == "future"
    assert journeys["security-evaluation-to-be"]["improves"]["id"] == "security-evaluation"
    steps = [step for journey in data["journeys"] for step in journey["stages"]]
    assert all({"paths", "frontstage", "backstage", "support"} <= set(step) for step in steps)
    assert any(step["paths"] for step in steps)
    assert any(step["frontstage"] and step["backstage"] and step["support"] for step in steps)
    entries = [entry for step in steps for entry in step["touchpoints"]]
    assert all("emotion" in entry for entry in entries)
    assert sum(entry["emotion"] is not None for entry in entries) >= 3
    cited = [p for step in steps for p in step["pain_points"] if isinstance(p, dict) and p["sources"]]
    assert cited and all(set(source) == {"id", "title"} for p in cited for source in p["sources"])


def test_export_carries_what_teams_record_under_the_names_other_tools_read(tmp_path: Path, run_cli: RunCli) -> None:
    future = FILES["journeys/second-purchase.yml"] + "improves: first-purchase\n"
    journey = FILES["journeys/first-purchase.yml"].replace(
        "  - stage: purchase\n",
        "  - stage: purchase\n    frontstage: Sales sends the contract\n"
        "    backstage: [{action: Legal checks the terms, owner: Legal}]\n    support: [{name: CRM, kind: system}]\n",
    )
    project = write_files(
        tmp_path, {**BASE, **FILES, "journeys/first-purchase.yml": journey, "journeys/second-purchase.yml": future}
    )

    data = exported(project, run_cli)

    opportunities = by_id(data["opportunities"])
    assert opportunities["call-guide"]["owner"] == "Sales"
    assert opportunities["call-guide"]["status"] == "idea"
    assert opportunities["call-guide"]["addresses"]["pain_points"] == [
        {
            "id": "pushy-call",
            "text": "The caller reads a script",
            "journey": {"id": "first-purchase", "name": "First purchase"},
            "stage": {"id": "awareness", "name": "Awareness"},
        }
    ]
    assert opportunities["chat-rota"]["status"] == "in-progress"
    assert opportunities["chat-rota"]["in_stages"] == [
        {
            "journey": {"id": "first-purchase", "name": "First purchase"},
            "stage": {"id": "awareness", "name": "Awareness"},
        }
    ]
    assert by_id(data["sources"])["interviews"]["size"] == 12
    journeys = by_id(data["journeys"])
    assert (journeys["second-purchase"]["state"], journeys["second-purchase"]["improves"]) == (
        "future",
        {"id": "first-purchase", "name": "First purchase"},
    )
    assert (journeys["first-purchase"]["state"], journeys["first-purchase"]["improves"]) == ("current", None)
    assert journeys["first-purchase"]["sources"] == [{"id": "interviews", "title": "Twelve customer interviews"}]
    awareness, consideration, purchase = journeys["first-purchase"]["stages"]
    call = awareness["touchpoints"][1]
    assert (call["id"], call["emotion"]["score"], call["emotion"]["label"], call["share"]) == (
        "sales-call",
        -1,
        "Unhappy",
        0.55,
    )
    assert call["emotion"]["sources"] == [{"id": "interviews", "title": "Twelve customer interviews"}]
    assert awareness["pain_points"] == [
        "Too many articles",
        {"text": "Nobody answers the chat", "id": None, "sources": [], "confidence": "assumed"},
    ]
    assert awareness["opportunities"] == [
        "Write shorter articles",
        {"id": "call-guide", "title": "A call guide instead of a script"},
        {"id": "chat-rota", "title": "A chat rota on Saturdays"},
    ]
    assert awareness["by_persona"][0]["persona"] == {"id": "ben", "name": "Ben Ode"}
    assert [p["id"] for p in consideration["paths"]] == ["direct", "agent"]
    assert consideration["paths"][1]["touchpoints"][0]["name"] == "Sales call"
    assert consideration["loops_back"] == [
        {"to": {"id": "awareness", "name": "Awareness"}, "when": "Starts again next year"}
    ]
    assert purchase["frontstage"] == [{"action": "Sales sends the contract", "owner": None}]
    assert purchase["backstage"] == [{"action": "Legal checks the terms", "owner": "Legal"}]
    assert purchase["support"] == [{"name": "CRM", "kind": "system", "owner": None}]
    assert purchase["continues_into"][0]["journey"] == {"id": "second-purchase", "name": "Second purchase"}


def test_export_escapes_control_characters_that_json_allows_raw(
    make_project: Callable[..., Path], run_cli: RunCli
) -> None:
    # YAML lets NEL, line separators and bidirectional overrides into text; a terminal showing the export would act on
    # them. Escaped, they read back the same.
    project = make_project({"personas/ana.yml": 'name: "Ana\\u202e So\\Nuza"\nrole: "Line\\Lsep"\n'})

    result = run_cli("export", cwd=project)

    assert "\u202e" not in result.stdout and "\x85" not in result.stdout and "\u2028" not in result.stdout
    persona = by_id(strict_json(result.stdout)["personas"])["ana"]
    assert persona["name"] == "Ana\u202e So\x85uza" and persona["role"] == "Line\u2028sep"


# --- CSV: one file per table, for spreadsheets -----------------------------------------------------------------------


def _csv_rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte order mark, so Excel reads it as UTF-8"
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def test_csv_export_writes_one_file_per_table(valid_project: Path, run_cli: RunCli) -> None:
    out = valid_project / "sheets"

    result = run_cli("export", "--format", "csv", "--output-dir", str(out), cwd=valid_project)

    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(table.file_name for table in TABLES)
    assert [line.split(" (")[0] for line in result.stdout.splitlines()] == [
        f"Wrote {os.path.relpath(out / t.file_name, valid_project)}" for t in TABLES
    ]
    steps = _csv_rows(out / "journey-steps.csv")
    assert [(s["journey_id"], s["position"], s["stage"], s["emotion_score"]) for s in steps] == [
        ("first-purchase", "1", "Awareness", "1"),
        ("first-purchase", "2", "Consideration", "-1"),  # a number stays a number
        ("first-purchase", "3", "Purchase", ""),
    ]
    assert steps[0]["touchpoints"] == "Blog\nWeekly show"  # a list: one item per line of the cell
    assert steps[1]["emotion_note"] == "Prices are unclear" and steps[1]["phase"] == "before"
    [kpi] = _csv_rows(out / "kpis.csv")
    assert (kpi["kpi"], kpi["target"], kpi["actual"], kpi["status"]) == ("Orders", "100", "80", "below target")
    assert _csv_rows(out / "personas.csv")[0]["preferred_channels"] == "Email\nWeb"
    touchpoints = {t["id"]: t for t in _csv_rows(out / "touchpoints.csv")}
    assert touchpoints["sales-call"]["used_in"] == "First purchase: Consideration"
    assert touchpoints["sales-call"]["survey_questions"] == "How helpful was the call?"
    assert _csv_rows(out / "content.csv")[0]["personas"] == "Ana Souza"


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(
    make_project: Callable[..., Path], run_cli: RunCli
) -> None:
    persona = 'name: "=HYPERLINK(\\"http://evil.example\\",\\"Click\\")"\nrole: "@SUM(1+1)"\n'
    persona += 'summary: "+1 555 0100"\npain_points: ["-2+3", "Fine, \\"quoted\\"\\nand two lines"]\n'
    project = make_project({"personas/ana.yml": persona})
    out = project / "sheets"

    result = run_cli("export", "--format", "csv", "--output-dir", str(out), cwd=project)

    assert result.exit_code == 0, result.output
    [row] = _csv_rows(out / "personas.csv")
    assert row["name"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert row["role"] == "'@SUM(1+1)" and row["summary"] == "'+1 555 0100"
    assert row["pain_points"] == '\'-2+3\nFine, "quoted"\nand two lines'
    raw = (out / "personas.csv").read_bytes().decode("utf-8-sig")
    assert '"\'-2+3\nFine, ""quoted""\nand two lines"' in raw, "RFC 4180: quotes doubled inside a quoted cell"
    assert raw.count("\r\n") == 2 and raw.endswith("\r\n"), "CRLF after each record, line breaks in cells kept"
    for file in out.glob("*.csv"):  # numbers such as an emotion score of -1 are numbers, not formulas
        for record in _csv_rows(file):
            formulas = [v for v in record.values() if v.startswith(FORMULA_STARTS) and not re.fullmatch(r"-[\d.]+", v)]
            assert formulas == [], file.name


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_start_of_a_formula_is_neutralised_but_numbers_stay_numbers(start: str) -> None:
    assert cell(f"{start}1+1") == f"'{start}1+1"
    assert cell(f"a{start}1") == f"a{start}1"
    assert (cell(-2), cell(0.74), cell(120000.0), cell(None), cell(False)) == ("-2", "0.74", "120000", "", "no")


def test_csv_export_writes_only_inside_the_current_folder_and_never_through_a_link(
    valid_project: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    secret = elsewhere / "secret.txt"
    secret.write_text("keep me", encoding="utf-8")

    outside = run_cli("export", "--format", "csv", "--output-dir", str(elsewhere), cwd=valid_project)
    assert outside.exit_code == 1 and "is outside the current folder" in outside.stderr

    linked = valid_project / "linked"
    linked.symlink_to(elsewhere, target_is_directory=True)
    refused = run_cli("export", "--format", "csv", "--output-dir", "linked", cwd=valid_project)
    assert refused.exit_code == 1 and "symbolic link" in refused.stderr
    assert sorted(p.name for p in elsewhere.iterdir()) == ["secret.txt"]

    out = valid_project / "sheets"
    out.mkdir()
    (out / "personas.csv").symlink_to(secret)
    through = run_cli("export", "--format", "csv", "--output-dir", "sheets", cwd=valid_project)
    assert through.exit_code == 1 and "is a symbolic link" in through.stderr
    assert secret.read_text(encoding="utf-8") == "keep me", "the link was not written through"
    assert not list(out.glob(".tmp-*"))


def test_csv_export_needs_a_folder_and_writes_nothing_for_broken_data(
    make_project: Callable[..., Path], run_cli: RunCli
) -> None:
    no_folder = run_cli("export", "--format", "csv", cwd=make_project())
    assert no_folder.exit_code == 1 and "hint: add --output-dir DIR" in no_folder.stderr

    broken = make_project({"personas/ana.yml": "name: Ana\n"}, name="broken")
    out = broken / "sheets"
    result = run_cli("export", "--format", "csv", "--output-dir", str(out), cwd=broken)
    assert result.exit_code == 1 and "missing" in result.stderr
    assert not out.exists()


OPPORTUNITIES = {
    "journeys/opportunities.yml": """\
        opportunities:
          - id: price-up-front
            title: "=Show the price up front"
            owner: Sales
            status: planned
            impact: 4
            effort: 2
            addresses:
              pain_points: [no-price]
              touchpoints: [sales-call]
        """,
    "journeys/first-purchase.yml": VALID_FILES["journeys/first-purchase.yml"].replace(
        "            touchpoints: sales-call\n",
        """\
            touchpoints:
              - touchpoint: sales-call
                pain_points: [{id: no-price, text: Nobody says the price}]
                kpis: [{name: Calls abandoned, target: 10, actual: 25, unit: "%", higher_is_better: false}]
            opportunities:
              - opportunity: price-up-front
              - "@Call back within the hour"
""",
    ),
}


def test_csv_export_lists_opportunities_and_the_kpis_of_touchpoints(
    make_project: Callable[..., Path], run_cli: RunCli
) -> None:
    project = make_project(OPPORTUNITIES)
    out = project / "sheets"

    result = run_cli("export", "--format", "csv", "--output-dir", str(out), cwd=project)

    assert result.exit_code == 0, result.output
    defined, written = _csv_rows(out / "opportunities.csv")
    assert (defined["id"], defined["title"], defined["status"], defined["owner"]) == (
        "price-up-front",
        "'=Show the price up front",  # a title a spreadsheet would run is text
        "planned",
        "Sales",
    )
    assert (defined["impact"], defined["effort"]) == ("4", "2")
    assert defined["addresses_pain_points"] == "Nobody says the price"
    assert defined["addresses_touchpoints"] == "Sales call"
    assert defined["written_in"] == "First purchase: Consideration"
    assert (written["id"], written["title"], written["status"]) == ("", "'@Call back within the hour", "")
    assert written["written_in"] == "First purchase: Consideration"
    kpis = _csv_rows(out / "kpis.csv")
    assert [(k["kpi"], k["stage"], k["touchpoint"], k["status"]) for k in kpis] == [
        ("Calls abandoned", "Consideration", "Sales call", "above target"),
        ("Orders", "Purchase", "", "below target"),
    ]


def test_every_table_has_a_column_per_cell_of_its_rows(make_project: Callable[..., Path]) -> None:
    journey_map = load_catalog(DataLayout.at(make_project(OPPORTUNITIES))).journey_map
    assert journey_map is not None
    for table in TABLES:
        rows = list(table.rows(journey_map))
        assert rows, table.name
        assert all(len(row) == len(table.columns) for row in rows), table.name
        assert len(set(table.columns)) == len(table.columns), table.name
