"""Content advice on the built site: suggestions with reasons, coverage gaps, funnel, emotion curve and surveys."""

from __future__ import annotations

import html
import json
import re
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort, PluginError

from mkdocs_journeys.data.layout import DataLayout
from mkdocs_journeys.data.load import load_catalog
from sitecheck import build_site, write_project

REPO = Path(__file__).resolve().parent.parent

FILES = {
    "docs/index.md": "# Home\n",
    "journeys/stages.yml": """\
        stages:
          - id: awareness
            name: Awareness
            customer_goal: Find out that the problem can be solved.
          - id: consideration
            name: Consideration
          - id: decision
            name: Decision
          - id: retention
            name: Retention
        """,
    "journeys/touchpoints.yml": """\
        touchpoints:
          - id: linkedin
            name: LinkedIn
            channel: social
          - id: pricing
            name: Pricing page
            channel: web
          - id: help
            name: Help centre
            channel: web
            survey:
              name: Article rating
              questions: [Was this article helpful?, What were you looking for?]
        """,
    "personas/sam.yml": """\
        name: Sam Rivera
        role: Bakery owner
        preferred_channels: [social, web]
        pain_points: ["Every tool claims to be easy."]
        """,
    "journeys/content.yml": """\
        business:
          industry: software
          model: b2b
        assets:
          - id: late-payments
            title: Why invoices are paid late
            format: blog-post
            url: https://example.com/late
            stages: [awareness]
            personas: [sam]
        """,
    "journeys/sam-buys.yml": """\
        name: Sam buys invoicing software
        personas: [sam]
        stages:
          - stage: awareness
            touchpoints: [linkedin]
            questions: [Is it normal that clients pay late?]
            pain_points: [Articles about late payment are full of jargon.]
            emotion: 0
            entering: 1000
          - stage: consideration
            touchpoints: [linkedin, pricing]
            questions: [How does it compare with spreadsheets?]
            pain_points: [Reviews are paid listings.]
            emotion: {score: -2, note: Lost in jargon}
            entering: 300
          - stage: decision
            touchpoints: [pricing]
            questions: [What does it cost per month?]
            emotion: 1
            entering: 30
          - stage: retention
            touchpoints: [help]
            questions: [How do I add an employee?]
            emotion: 2
            entering: 27
        """,
}


def _project(root: Path, files: dict[str, str | None] | None = None, **plugin_options: Any) -> Path:
    return write_project(root, files, plugin_options, data=FILES, site_name="Content test")


def _text(site: Path, page: str) -> str:
    """The page's main text as a visitor reads it: tags dropped, character references resolved."""
    raw = (site / page / "index.html").read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.DOTALL)
    return _plain(raw)


def _plain(markup: str) -> str:
    """Inline tags vanish, block tags separate words."""
    inline = re.sub(r"</?(a|strong|em|code|span)\b[^>]*>", "", markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline)).split())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(_project(tmp_path_factory.mktemp("content")))


def test_journey_page_suggests_content_for_every_stage_with_reasons(site: Path) -> None:
    text = _text(site, "journeys/maps/sam-buys")

    assert text.count("Suggested content for Sam Rivera") == 4
    assert "Comparison guide answering “How does it compare with spreadsheets?”" in text
    assert "Why: Sam asks this at Consideration" in text
    assert "Pricing page answering “What does it cost per month?”" in text
    assert "Tutorial answering “How do I add an employee?” · on Help centre (Web)" in text


def test_journey_page_shows_what_is_published_next_to_the_suggestion(site: Path) -> None:
    text = _text(site, "journeys/maps/sam-buys")

    assert (
        "⚠️ Published, and what is recorded here says it falls short: Why invoices are paid late: improve it before "
        "starting another." in text
    )
    assert "Educational blog post addressing “Articles about late payment are full of jargon”" in text


def test_journey_page_shows_the_funnel_with_its_largest_drop_off(site: Path) -> None:
    raw = (site / "journeys/maps/sam-buys/index.html").read_text(encoding="utf-8")
    text = _text(site, "journeys/maps/sam-buys")

    assert 'class="journeys-chart journeys-chart--funnel journeys-chart--wide"' in raw
    assert 'class="journeys-chart journeys-chart--funnel journeys-chart--narrow"' in raw
    assert "Largest drop-off: from Consideration to Decision, 90.0% of customers (270) do not go on." in text
    assert "Funnel: 300 entered, 30.0% of those who entered Awareness; 700 lost (70.0%)." in text


def test_stages_after_the_purchase_are_their_own_rates_not_the_end_of_the_funnel(site: Path) -> None:
    text = _text(site, "journeys/maps/sam-buys")

    # Retention's type puts it after the purchase: a rate of those who converted, not a drop-off from Decision.
    assert "After the purchase, each stage as its own rate of the 30 customers who entered Decision:" in text
    assert "Retention: 27 customers, 90.0%" in text
    assert "After the purchase: 27 entered, 90.0% of the 30 who entered Decision." in text
    assert not any(row.startswith("| Retention | 27 |") for row in _table_rows(site, "journeys/maps/sam-buys"))


def test_funnel_phases_option_puts_every_phase_in_the_funnel(tmp_path: Path) -> None:
    config = _project(tmp_path, funnel_phases=["before", "during", "after"])

    text = _text(build_site(config), "journeys/maps/sam-buys")

    assert "Retention 27 90.0% of Decision 10.0% (3)" in text
    assert "After the purchase" not in text


def test_example_funnels_stop_at_the_purchase(example: Path) -> None:
    for page in (example / "journeys/maps").glob("*/index.html"):
        text = _plain(page.read_text(encoding="utf-8"))
        assert "to Retention" not in text and "to Advocacy" not in text, page.parent.name
        assert "−0.0%" not in text and "-0.0%" not in text
    text = _text(example, "journeys/maps/invoicing-software-adoption")
    assert "Largest drop-off: from Consideration to Decision, 92.0% of customers (15,450) do not go on." in text
    assert "Retention: 370 customers, 90.2% Advocacy: 130 customers, 31.7%" in text


def test_the_example_funnel_shows_where_people_leave_and_why(example: Path) -> None:
    text = _text(example, "journeys/maps/first-ebike-online")
    summary = text[text.index("6 stages") :]
    funnel = summary[summary.index("Where people leave") :]

    assert "Where most leave: 71% at Online checkout in Purchase (Checkout abandonment rate)" in summary
    assert "KPIs: 0 of 13 on target" in summary  # the checkout's abandonment rate counts with the stages' twelve
    assert funnel.replace("¶", "").startswith(
        "Where people leave 71% leave at Online checkout in Purchase: Checkout abandonment rate, 2025-Q1 "
        "(target 60%, ⚠️ above target). What goes wrong there: Delivery fee and assembly cost appear only on the "
        "last checkout step."
    )
    raw = (example / "journeys/maps/first-ebike-online/index.html").read_text(encoding="utf-8")
    assert 'href="#where-people-leave"' in raw and 'id="where-people-leave"' in raw


def test_a_touchpoint_page_says_how_many_leave_there_beside_its_own_moment(example: Path) -> None:
    text = _text(example, "journeys/touchpoints/checkout")
    moment = text[text.index("Purchase in First e-bike bought online") :]

    assert "Emotion: 😣 Frustrated (-2) — The delivery fee appears at the last step" in moment  # not the stage's note
    assert "Leave here: 71% of those who reach it (Checkout abandonment rate, 2025-Q1; target 60%)" in moment
    assert "Delivery fee and assembly cost appear only on the last checkout step" in moment
    assert (
        "Measured here: Checkout abandonment rate: 71% (target 60%, ⚠️ above target) · 2025-Q1 · Web analytics"
    ) in moment  # a list that a phone shows whole, not a table of five columns


def test_journey_page_draws_one_emotion_curve_and_names_its_lowest_and_highest_points(site: Path) -> None:
    raw = (site / "journeys/maps/sam-buys/index.html").read_text(encoding="utf-8")
    text = _text(site, "journeys/maps/sam-buys")

    assert "journeys-chart--emotion" not in raw  # the curve is drawn in the map, not again as a chart
    assert "Lowest point: Consideration, 😣 Frustrated (-2): Lost in jargon" in text
    assert "Highest point: Retention, 😄 Delighted (+2)" in text
    assert "Top pain points Reviews are paid listings. (Consideration)" in text


def test_folded_stage_details_are_in_the_page_and_the_search_index(site: Path) -> None:
    raw = (site / "journeys/maps/sam-buys/index.html").read_text(encoding="utf-8")
    section = raw[raw.index('id="stage-consideration"') : raw.index('id="stage-decision"')]
    assert re.search(
        r'<details class="journeys-stage">\s*<summary>Consideration in detail: 1 pain point</summary>', section
    )
    assert "How does it compare with spreadsheets?" in section  # folded, not left out
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    found = [doc["location"] for doc in index["docs"] if "How does it compare with spreadsheets?" in doc["text"]]
    assert "journeys/maps/sam-buys/#stage-consideration" in found


def test_coverage_page_marks_covered_cells_and_gaps(site: Path) -> None:
    text = _text(site, "journeys/content-coverage")

    assert "| Sam Rivera | ✅ 1 | ❌ gap | ❌ gap | ❌ gap |" in _table_rows(site, "journeys/content-coverage")
    assert "Sam Rivera in Decision" in text
    assert "1 covered · 3 gaps · 0 not mapped" in text
    assert "Why invoices are paid late Educational blog post Awareness Sam Rivera" in text


def test_persona_and_stage_pages_show_coverage_and_what_to_publish_next(site: Path) -> None:
    persona = _text(site, "journeys/personas/sam")
    stage = _text(site, "journeys/stages/consideration")

    assert "Content" in persona and "❌ gap" in persona
    assert "| Consideration | ❌ gap | — | Retargeting ad |" in _table_rows(site, "journeys/personas/sam")  # 70% lost
    assert "The formats that can serve the customers of Consideration" in stage
    assert "Comparison guide" in stage and "Size and fit guide" not in stage  # software, not retail
    assert "Sam Rivera: ❌ gap; publish next: Retargeting ad" in stage


def test_survey_is_shown_where_its_touchpoint_is_used(site: Path) -> None:
    for page in ("journeys/touchpoints/help", "journeys/stages/retention", "journeys/maps/sam-buys"):
        text = _text(site, page)
        assert "Was this article helpful?" in text and "What were you looking for?" in text, page
    assert "Was this article helpful?" not in _text(site, "journeys/stages/awareness")


def test_content_coverage_is_in_the_navigation(site: Path) -> None:
    assert 'href="journeys/content-coverage/"' in (site / "index.html").read_text(encoding="utf-8")


def test_site_library_in_content_yml_replaces_the_builtin_formats(tmp_path: Path) -> None:
    library = textwrap.dedent(FILES["journeys/content.yml"]) + textwrap.dedent("""\
        library:
          consideration:
            replace: true
            formats:
              - id: bakery-podcast
                name: Bakery podcast episode
                purpose: Bakers tell each other what worked.
                channels: [social]
                catch_all: true
        """)

    site = build_site(_project(tmp_path, {"journeys/content.yml": library}))

    text = _text(site, "journeys/maps/sam-buys")
    assert "Bakery podcast episode answering “How does it compare with spreadsheets?” · on LinkedIn" in text
    assert "Comparison guide" not in text


def test_hostile_question_stays_text_in_suggestions_and_charts(tmp_path: Path) -> None:
    hostile = '<img src=x onerror="alert(1)"> **bold** [link](javascript:alert(2))'
    journey = FILES["journeys/sam-buys.yml"].replace("[How does it compare with spreadsheets?]", json.dumps([hostile]))
    journey = journey.replace("note: Lost in jargon", f"note: {json.dumps(hostile)}")

    site = build_site(_project(tmp_path, {"journeys/sam-buys.yml": journey}))

    raw = (site / "journeys/maps/sam-buys/index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in raw and "<strong>bold</strong>" not in raw and 'href="javascript' not in raw
    assert f"answering “{hostile}”" in _text(site, "journeys/maps/sam-buys")


def test_unknown_content_format_is_an_error_with_did_you_mean(tmp_path: Path) -> None:
    stages = FILES["journeys/stages.yml"].replace(
        "    name: Consideration\n",
        "    name: Consideration\n            content_formats:\n              include: [comparision-guide]\n",
    )
    _project(tmp_path, {"journeys/stages.yml": stages})

    result = load_catalog(DataLayout.at(tmp_path))

    (error,) = result.errors
    assert error.code == "unknown-content-format"
    assert "did you mean 'comparison-guide'" in error.hint
    assert (error.path, error.line) == ("journeys/stages.yml", 8)
    with pytest.raises((Abort, PluginError)):
        build_site(tmp_path / "mkdocs.yml")


def test_an_unknown_asset_format_is_an_error_with_did_you_mean_and_a_teams_own_format_is_declared(
    tmp_path: Path,
) -> None:
    content = textwrap.dedent(FILES["journeys/content.yml"]).replace("format: blog-post", "format: blog-posts")
    content += "  - id: show\n    title: Our show\n    format: podcast\n    stages: [retention]\n"
    _project(tmp_path, {"journeys/content.yml": content})

    result = load_catalog(DataLayout.at(tmp_path))

    assert [(d.code, d.is_error, d.line) for d in result.diagnostics] == [
        ("unknown-content-format", True, 7),
        ("unknown-content-format", True, 13),
    ]
    assert "did you mean 'blog-post'" in result.diagnostics[0].hint

    declared = content + "formats:\n  - {id: podcast, name: Podcast, purpose: Bakers talk., stages: [awareness]}\n"
    _project(tmp_path, {"journeys/content.yml": declared.replace("format: blog-posts", "format: blog-post")})
    assert load_catalog(DataLayout.at(tmp_path)).diagnostics == []


def test_an_unknown_industry_is_an_error_with_did_you_mean(tmp_path: Path) -> None:
    content = textwrap.dedent(FILES["journeys/content.yml"]).replace("industry: software", "industry: hospitalty")
    _project(tmp_path, {"journeys/content.yml": content})

    (error,) = load_catalog(DataLayout.at(tmp_path)).errors

    assert (error.code, error.path, error.line) == ("unknown-industry", "journeys/content.yml", 2)
    assert "did you mean 'hospitality'" in error.hint


# --- the repository's example site ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("example")
    for name in ("personas", "journeys", "docs"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return build_site(root / "mkdocs.yml")


def test_example_every_journey_page_suggests_content_with_reasons_for_every_stage(example: Path) -> None:
    journeys = sorted((example / "journeys/maps").iterdir())
    assert journeys
    for page in journeys:
        text = _text(example, f"journeys/maps/{page.name}")
        stages = len(re.findall(r"<h2 id=\"stage-", (page / "index.html").read_text(encoding="utf-8")))
        assert text.count("Suggested content for") >= stages > 0, page.name  # every stage says what it calls for
        unearned = text.count("nothing recorded here calls for new content")
        assert text.count("Why:") >= 1 and text.count("Why:") + unearned >= stages, page.name


def test_example_coverage_page_shows_real_gaps(example: Path) -> None:
    assert "❌ gap" in " ".join(_table_rows(example, "journeys/content-coverage"))
    assert "nothing is published for them there" in _text(example, "journeys/content-coverage")


def test_example_has_a_journey_with_funnel_drop_off_and_emotion_curve(example: Path) -> None:
    pages = [p.read_text(encoding="utf-8") for p in (example / "journeys/maps").glob("*/index.html")]
    assert any("journeys-chart--funnel" in p and "jd-emotion" in p and "Largest drop-off" in p for p in pages)


def _table_rows(site: Path, page: str) -> list[str]:
    """Table rows as '| a | b |' text, for asserting on a matrix."""
    raw = (site / page / "index.html").read_text(encoding="utf-8")
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", raw, flags=re.DOTALL):
        cells = [_plain(cell) for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.DOTALL)]
        rows.append("| " + " | ".join(cells) + " |")
    return rows
