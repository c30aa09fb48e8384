"""Files in today's format stay valid unchanged: the example as it was before the format grew still loads and builds.

`tests/fixtures/example-v1/` is the repository's example data (personas/, journeys/ and the data part of mkdocs.yml)
copied byte for byte before issue 15 added touchpoint moments, opportunities, evidence, paths, blueprint lanes and
the rest. Nothing may ever be changed in it: a team's files written in that format must keep working.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from jsonschema import Draft202012Validator

from mkdocs_journeys.data.layout import DataLayout
from mkdocs_journeys.data.load import load_catalog
from mkdocs_journeys.data.schema import json_schema
from mkdocs_journeys.data.yaml_source import load_file
from sitecheck import broken_links, build_site, page_html

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "example-v1"


def test_the_example_in_the_first_format_loads_without_a_single_problem() -> None:
    result = load_catalog(DataLayout.at(FIXTURE))

    assert result.diagnostics == []
    assert result.catalog is not None
    assert sorted(result.catalog.journeys) == [
        "first-ebike-online",
        "invoicing-software-adoption",
        "security-evaluation",
    ]


def test_the_example_in_the_first_format_matches_the_json_schemas() -> None:
    files = [(path, "persona") for path in sorted((FIXTURE / "personas").glob("*.yml"))]
    for path in sorted((FIXTURE / "journeys").rglob("*.yml")):
        shared = path.stem in {"stages", "touchpoints", "content"} and path.parent.name == "journeys"
        files.append((path, path.stem if shared else "journey"))
    for path, kind in files:
        data = load_file(path, path.name).data
        errors = list(Draft202012Validator(json_schema(kind)).iter_errors(data))
        assert errors == [], f"{path.relative_to(FIXTURE)}: {errors[0].message}"


def test_the_example_in_the_first_format_builds_strict(tmp_path: Path) -> None:
    project = tmp_path / "example-v1"
    shutil.copytree(FIXTURE, project)

    site = build_site(project / "mkdocs.yml")

    journey = html.unescape(page_html(site, "journeys/maps/first-ebike-online.md"))
    assert "First e-bike bought online" in journey
    assert "Show the full price, delivery included, on the product page and in the basket." in journey
    touchpoint = page_html(site, "journeys/touchpoints/checkout.md")
    assert "Online checkout" in touchpoint
    assert broken_links(site) == []
