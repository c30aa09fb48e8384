"""`mkdocs-journeys export`: the checked journey map as JSON, references resolved, nothing on stdout when broken."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from conftest import write_files
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
