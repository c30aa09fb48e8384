"""What each kind of page tells the staff who read it: facts in the order they need them, nothing empty or repeated."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from sitecheck import build_site, page_html, write_project

PERSONA = """\
name: Sam Rivera
role: Bakery owner
demographics:
  age_range: 35-44
  location: Leeds
preferred_channels: [web]
"""
# Listed here by name (Blog before Sales demo), met by Sam in the other order.
JOURNEY = """\
name: Sam buys invoicing software
personas: sam
stages:
  - stage: awareness
    touchpoints: [demo]
    emotion: 1
    pain_points: [The demo is only on Tuesdays]
    kpis:
      - {name: Demo bookings, target: 40, actual: 31}
  - stage: consideration
    touchpoints:
      - blog
      - touchpoint: demo
        pain_points: [The demo shows the enterprise plan]
        kpis: [{name: Demo no-shows, target: 10, actual: 22, unit: "%", higher_is_better: false}]
    pain_points: [Prices hide the per-user cost, Reviews are paid listings]
    opportunities: [Demo the plan the caller would buy]
  - stage: decision
    touchpoints: [blog]
"""
SECOND_JOURNEY = """\
name: Sam renews
personas: sam
stages:
  - stage: consideration
    touchpoints: [blog]
    pain_points: [The renewal price is a surprise]
    kpis:
      - {name: Renewal rate, target: 90, actual: 93, unit: "%"}
"""


def _text(markup: str) -> str:
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.DOTALL)
    inline = re.sub(r"</?(a|strong|em|code|span)\b[^>]*>", "", markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline)).split())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pages")
    files = {"personas/sam.yml": PERSONA, "journeys/sam-buys.yml": JOURNEY, "journeys/sam-renews.yml": SECOND_JOURNEY}
    return build_site(write_project(root, files))


def test_persona_profile_is_a_list_of_facts_without_an_empty_table_header(site: Path) -> None:
    page = page_html(site, "journeys/personas/sam.md")

    assert "<th></th>" not in page and "<th> </th>" not in page
    assert "Age range: 35-44 Location: Leeds" in _text(page)


def test_persona_touchpoints_come_in_the_order_the_persona_meets_them(site: Path) -> None:
    text = _text(page_html(site, "journeys/personas/sam.md"))

    table = text[text.index("Touchpoint Channel Stages") :]
    assert table.index("Sales demo") < table.index("Blog")  # met at Awareness, before the blog
    assert "Sales demo Phone Awareness, Consideration Sam buys invoicing software" in table  # not in all journeys
    assert "Blog Web Consideration, Decision all" in table
    assert " in Sam buys" not in text


def test_persona_with_one_journey_gets_no_journeys_column(tmp_path: Path) -> None:
    text = _text(page_html(build_site(write_project(tmp_path)), "journeys/personas/sam.md"))

    assert "Touchpoint Channel Stages Blog Web Awareness, Decision" in text
    assert "Journeys Blog" not in text


def test_stage_page_rolls_up_pain_points_kpis_and_opportunities_across_journeys(site: Path) -> None:
    page = page_html(site, "journeys/stages/consideration.md")
    text = _text(page)

    assert "; Reviews" not in text
    pains = page[page.index('id="pain-points-across-journeys"') : page.index('id="kpis-across-journeys"')]
    groups = re.findall(r"<p>(.*?)</p>\s*<ul>(.*?)</ul>", pains, flags=re.DOTALL)
    listed = [(_text(journey), re.findall(r"<li>(.*?)</li>", items, flags=re.DOTALL)) for journey, items in groups]
    assert [(journey, [html.unescape(item) for item in items]) for journey, items in listed] == [
        (
            "In Sam buys invoicing software:",
            [
                "Prices hide the per-user cost",
                "Reviews are paid listings",
                'At <a href="../../touchpoints/demo/">Sales demo</a>: The demo shows the enterprise plan',
            ],
        ),
        ("In Sam renews:", ["The renewal price is a surprise"]),
    ]
    kpis = page[page.index('id="kpis-across-journeys"') : page.index('id="opportunities"')]
    assert [_text(item) for item in re.findall(r"<li>(.*?)</li>", kpis, flags=re.DOTALL)] == [
        "Demo no-shows at Sales demo: 22% (target 10%, ⚠️ above target)",
        "Renewal rate: 93% (target 90%, ✅ on target)",
    ]  # one item each, not run together
    assert "KPIs across journeys In Sam buys invoicing software: Demo no-shows" in text
    assert "Demo bookings" not in text  # a KPI of another stage
    assert "In Sam buys invoicing software: Demo bookings: 31 (target 40, ⚠️ below target)" in _text(
        page_html(site, "journeys/stages/awareness.md")
    )
    ideas = text[text.index("Opportunities") :]
    assert "with no owner or status yet: In Sam buys invoicing software: Demo the plan the caller would buy" in ideas


def test_matrix_legend_says_what_an_empty_cell_shows(site: Path) -> None:
    text = _text(page_html(site, "journeys/persona-touchpoint-matrix.md"))

    assert "a dash (—) means never" in text
    assert "·" not in text.split("means never", 1)[1]


def test_coverage_page_lists_its_gaps_before_the_table(site: Path) -> None:
    page = page_html(site, "journeys/content-coverage.md")

    assert page.index('id="gaps"') < page.index("<table")
    assert "Sam Rivera in Decision" in _text(page[: page.index("<table")])


@pytest.mark.parametrize(
    ("nav", "options", "heading"),
    [
        (None, {}, "Customer journeys"),
        (None, {"nav_title": "Guest journeys"}, "Guest journeys"),
        ([{"Home": "index.md"}, {"Our guests": "journeys/index.md"}], {"nav_title": "Unused"}, "Our guests"),
    ],
)
def test_overview_heading_is_what_the_navigation_calls_the_section(
    tmp_path: Path, nav: list[dict[str, str]] | None, options: dict[str, str], heading: str
) -> None:
    extra = {"nav": nav} if nav else {}
    site = build_site(write_project(tmp_path, plugin_options=options, **extra))

    assert re.search(r"<h1[^>]*>(.*?)</h1>", page_html(site, "journeys/index.md")).group(1).startswith(heading)  # type: ignore[union-attr]
