"""`mkdocs-journeys export`: the checked journey map as JSON, references resolved, nothing on stdout when broken."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from mkdocs_journeys.data.model import BUILTIN_CHANNELS, ContentAsset, Journey, Persona, Stage, Touchpoint

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


def test_export_resolves_references(valid_project: Path, run_cli: RunCli) -> None:
    data = exported(valid_project, run_cli)

    journey = by_id(data["journeys"])["first-purchase"]
    awareness, consideration, _ = journey["stages"]
    assert journey["personas"] == [{"id": "ana", "name": "Ana Souza"}]
    assert awareness["stage"] == {"id": "awareness", "name": "Awareness"}
    assert awareness["touchpoints"] == [
        {"id": "blog", "name": "Blog", "channel": {"id": "web", "name": "Web"}},
        {"id": "weekly-show", "name": "Weekly show", "channel": {"id": "podcast", "name": "Podcast"}},
    ]
    assert awareness["emotion"] == {"score": 1, "note": None, "label": "Satisfied"}
    assert consideration["touchpoints"] == [
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

    assert list(data) == ["personas", "journeys", "stages", "touchpoints", "channels", "content"]
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
    assert kpi == {"name": "Orders", "target": 100.0, "actual": 80.0, "unit": None, "higher_is_better": True}


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
