"""The stages of a journey page are written as HTML, out of Python-Markdown's way: they read the same, link to the
same pages, are escaped for HTML, are indexed by search, and a team's own template of them is used."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sitecheck import build_site, page_html, write_project

JOURNEY = """\
name: Sam buys invoicing software
personas: sam
stages:
  - stage: awareness
    touchpoints: [blog]
    emotion: {score: 1, note: curious}
    questions: ["Is *this* [really](javascript:alert(1)) cheaper than <b>spreadsheets</b>?"]
  - stage: decision
    touchpoints: [demo, blog]
    emotion: -1
    decision: Signs up after the demo
    pain_points: The pricing page hides the per-user cost
    kpis:
      - {name: Demo bookings, target: 40, actual: 31}
"""


def _project(root: Path, files: dict[str, str] | None = None, **options: object) -> Path:
    return write_project(root, {"journeys/sam-buys.yml": JOURNEY, **(files or {})}, **options)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(_project(tmp_path_factory.mktemp("parts")))


def test_a_stage_reads_as_before_with_its_links_and_facts(site: Path) -> None:
    page = page_html(site, "journeys/maps/sam-buys.md")
    decision = page[page.index('id="stage-decision"') :]

    assert '<a href="../../stages/decision/">About Decision</a>' in decision
    assert '<a href="../../touchpoints/demo/">Sales demo</a>' in decision
    assert "<strong>Moves on when:</strong> Signs up after the demo" in decision
    assert '<div class="admonition warning">' in decision and "The pricing page hides the per-user cost" in decision
    assert re.search(r"<td>Demo bookings</td><td>40</td><td>31</td>", decision)
    assert "data-journeys-part" not in page  # every placeholder was filled


def test_text_from_yaml_stays_text_in_the_html_parts(site: Path) -> None:
    page = page_html(site, "journeys/maps/sam-buys.md")

    assert "Is *this* [really](javascript:alert(1)) cheaper than &lt;b&gt;spreadsheets&lt;/b&gt;?" in page
    assert "<b>spreadsheets" not in page and 'href="javascript' not in page and "<em>this</em>" not in page


def test_search_indexes_a_stage_by_its_heading_without_the_content_advice(tmp_path: Path) -> None:
    site = build_site(_project(tmp_path, theme={"name": "material"}))  # its search plugin reads data-search-exclude
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {entry["location"]: entry for entry in index["docs"]}
    decision = entries["journeys/maps/sam-buys/#stage-decision"]

    assert "The pricing page hides the per-user cost" in decision["text"]
    assert "Signs up after the demo" in decision["text"]
    assert "spreadsheets" in entries["journeys/maps/sam-buys/#stage-awareness"]["text"]
    journey = [entry["text"] for location, entry in entries.items() if location.startswith("journeys/maps/sam-buys/")]
    assert not any("Suggested content for" in text for text in journey)
    stage = entries["journeys/stages/decision/#pain-points-across-journeys"]["text"]
    assert "The pricing page hides the per-user cost" in stage  # a stage's pain points are found on its page too
    touchpoints = entries["journeys/personas/sam/#touchpoints"]["text"]
    # The table of links is left out: each touchpoint is found by its own page.
    assert "In the order Sam Rivera first meets them" in touchpoints and "Sales demo" not in touchpoints


def test_links_in_html_parts_follow_use_directory_urls(tmp_path: Path) -> None:
    site = build_site(_project(tmp_path), use_directory_urls=False)
    page = page_html(site, "journeys/maps/sam-buys.md", use_directory_urls=False)

    assert '<a href="../stages/decision.html">About Decision</a>' in page


def test_a_team_template_of_a_stage_replaces_the_shipped_one(tmp_path: Path) -> None:
    override = '<p class="team-stage">{{ stage.name }}: {{ step.decision }} ({{ link("stage", stage.id) }})</p>\n'
    options = {"templates_dir": "overrides"}
    config = _project(tmp_path, {"overrides/content/journey-stage-body.html.j2": override}, plugin_options=options)

    page = page_html(build_site(config), "journeys/maps/sam-buys.md")

    expected = '<p class="team-stage">Decision: Signs up after the demo (<a href="../../stages/decision/">Decision</a>)'
    assert expected in page
    assert "in detail" not in page
