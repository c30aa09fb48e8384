"""What a reader of the site now learns: each new part of the format, end to end through a built site.

One project records everything issue 15 added (touchpoint moments, opportunities, research sources and notes,
paths, loops and continuations, blueprint lanes, per-persona emotions, a to-be journey, survey results, the fuller
persona); it is built once, strict, and each test reads the pages a member of staff would open.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mkdocs_journeys.data.layout import DataLayout
from mkdocs_journeys.data.load import load_catalog
from mkdocs_journeys.site.notes import note_html
from sitecheck import broken_links, build_site, page_html, read_page, write_project
from test_validation import BASE
from test_validation_of_research import FILES, RICH

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"

PURCHASE = """\
  - stage: purchase
    emotion: -1
    touchpoints: [blog]
    delights: [The contract arrives the same day]
    competitors:
      - {name: Acme Invoicing, note: Cheaper for one user}
    kpis:
      - {name: Orders, target: 100, actual: 80, period: 2025-Q1, data_source: CRM, owner: Sales ops}
    frontstage: [Sales sends the contract]
    backstage: [{action: Legal checks the terms, owner: Legal}]
    support: [{name: CRM, kind: system}]
"""
JOURNEY = RICH.replace("  - stage: purchase\n", PURCHASE).replace(
    "  - stage: consideration\n", "  - stage: consideration\n    emotion: 0\n"
)
SURVEY = """\
    survey:
      name: Call CSAT
      scale: 1-5 stars
      questions: [How was the call?]
      results:
        - {period: 2025-Q1, score: 4.2, responses: 87, sources: [interviews]}
"""

PROJECT = {
    **BASE,
    **FILES,
    "journeys/first-purchase.yml": JOURNEY,
    "journeys/second-purchase.yml": None,
    "journeys/second-purchase/journey.yml": """\
        name: Second purchase
        personas: [ana]
        improves: first-purchase
        stages:
          - stage: awareness
            emotion: 1
            touchpoints: [blog]
          - stage: purchase
            emotion: 1
        """,
    "journeys/second-purchase/interview-notes.md": "# What customers told us\n\n![The wall](wall.png)\n\n"
    "See [the raw notes](raw/day-one.md).\n",
    "journeys/second-purchase/raw/day-one.md": 'Day one: <div data-journeys-deferred="0"></div> stays text.\n',
    "journeys/second-purchase/wall.png": "a picture\n",
    "journeys/sources.yml": FILES["journeys/sources.yml"] + "    file: second-purchase/interview-notes.md\n",
    "journeys/touchpoints.yml": BASE["journeys/touchpoints.yml"] + SURVEY,
    "personas/ben.yml": """\
        name: Ben Ode
        role: Finance director
        demographics: {age: 49, gender: Man, income_band: High, household: Couple}
        desires: [To be asked for advice]
        motivations: [Keeping the company out of the news]
        buying_group:
          - {role: Finance director, influence: approves, cares_about: [Cost over three years]}
          - {role: Office manager, influence: decides, persona: ana}
        attributes: {Reports to: The owner, Works from home: yes}
        sources: [interviews]
        """,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("research")
    config = write_project(
        root,
        {**PROJECT, "journeys/sam-buys.yml": None, "personas/sam.yml": None},
        theme={"name": "material"},
    )
    return build_site(config)


def text_of(site: Path, page: str) -> str:
    """The page's article as a reader sees it: tags out, entities decoded, spaces collapsed (and none left before
    punctuation that followed a link)."""
    raw = page_html(site, page)
    body = raw[raw.index("<article") : raw.index("</article>")]
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    return re.sub(r"\( ", "(", re.sub(r" ([,.;:)])", r"\1", words))


def svgs(site: Path, page: str) -> list[ET.Element]:
    """The diagrams and charts of a page in their wide form (not their narrow one, nor the theme's icons)."""
    wide = re.sub(
        r'<div class="journeys-diagram__form journeys-diagram__form--narrow">.*?</div>',
        "",
        page_html(site, page),
        flags=re.DOTALL,
    )
    found = [ET.fromstring(markup) for markup in re.findall(r"<svg\b.*?</svg>", wide, re.DOTALL)]
    drawn = [svg for svg in found if svg.get("role") == "img" or "journeys-svg" in (svg.get("class") or "")]
    return [svg for svg in drawn if "journeys-chart--narrow" not in (svg.get("class") or "")]


def test_the_project_builds_strict_without_a_broken_link(site: Path) -> None:
    assert broken_links(site) == []


# --- touchpoint moments -------------------------------------------------------------------------------------------


def test_a_touchpoint_page_shows_its_own_emotion_and_pain_points_not_the_stages(site: Path) -> None:
    text = text_of(site, "journeys/touchpoints/sales-call.md")

    assert "🙁 Unhappy (-1)" in text  # the moment's own emotion at awareness
    assert "The caller reads a script" in text
    assert "55% of first contacts" in text
    assert "Consideration (Through an agent)" in text  # used on one path of a forked stage
    (diagram,) = svgs(site, "journeys/touchpoints/sales-call.md")
    awareness = next(
        g
        for g in diagram.iter(f"{SVG}g")
        if "jd-stage" in (g.get("class") or "") and (g.findtext(f".//{SVG}title") or "").startswith("Awareness in")
    )
    assert "-1 Unhappy" in " ".join(" ".join(awareness.itertext()).split())  # the touchpoint's own, in the diagram too


def test_a_touchpoint_without_its_own_emotion_says_the_stages_is_the_stages(site: Path) -> None:
    text = text_of(site, "journeys/touchpoints/blog.md")

    assert "not recorded here (the whole stage: 🙁 Unhappy (-1))" in text


def test_a_touchpoint_page_lists_its_uses_in_customer_order(site: Path) -> None:
    text = text_of(site, "journeys/touchpoints/blog.md")
    table = text[text.index("Emotion here") :][:400]

    assert table.index("Awareness in First purchase") < table.index("Consideration (Books direct) in First purchase")
    assert "Share" not in table  # no use of the blog records a share: no column of dashes


def test_the_journey_diagram_colours_a_touchpoint_by_its_own_emotion(site: Path) -> None:
    (diagram, *_) = svgs(site, "journeys/maps/first-purchase.md")
    call = next(
        node
        for node in diagram.iter(f"{SVG}g")
        if "jd-touchpoint" in (node.get("class") or "") and "Sales call" in "".join(node.itertext())
    )

    assert "-1 Unhappy" in " ".join("".join(call.itertext()).split())
    assert "var(--jd-emotion-m1" in ET.tostring(call, encoding="unicode")


# --- opportunities ------------------------------------------------------------------------------------------------


def test_the_portfolio_charts_rated_opportunities_and_lists_them_by_status_and_owner(site: Path) -> None:
    text = text_of(site, "journeys/opportunity-portfolio.md")
    (chart,) = [
        svg for svg in svgs(site, "journeys/opportunity-portfolio.md") if "portfolio" in (svg.get("class") or "")
    ]

    links = [a.get(f"{XLINK}href") for a in chart.iter(f"{SVG}a")]
    assert links == ["../opportunities/chat-rota/"]
    assert chart.get("role") == "img"
    assert "1. A chat rota on Saturdays: impact 4, effort 2 (quick wins), in progress." in (
        chart.findtext(f"{SVG}desc") or ""
    )
    assert "Not on the chart yet" in text and "A call guide instead of a script" in text
    assert "By status" in text and "By owner" in text and "No owner yet" in text


def test_an_opportunity_page_says_what_it_addresses_and_who_owns_it(site: Path) -> None:
    text = text_of(site, "journeys/opportunities/call-guide.md")

    assert "Status: 💡 idea · Owner: Sales" in text
    assert "“The caller reads a script”" in text
    assert "Personas who would notice: Ana Souza, Ben Ode" in text


@pytest.mark.parametrize(
    "page",
    [
        "journeys/maps/first-purchase.md",
        "journeys/stages/awareness.md",
        "journeys/touchpoints/sales-call.md",
        "journeys/personas/ana.md",
    ],
)
def test_journey_stage_touchpoint_and_persona_pages_roll_up_their_opportunities(site: Path, page: str) -> None:
    text = text_of(site, page)
    roll_up = text[text.index("See every opportunity, by impact and effort") :]

    assert "A call guide instead of a script" in roll_up
    assert 'href="../../opportunities/call-guide/"' in page_html(site, page)


def test_a_journey_summary_lists_its_tracked_opportunities_linked_and_its_touchpoints_pain_points(site: Path) -> None:
    raw = page_html(site, "journeys/maps/first-purchase.md")
    text = text_of(site, "journeys/maps/first-purchase.md")
    summary = text[text.index("At a glance") : text.index("Funnel")]

    assert "At Sales call: The caller reads a script (Awareness)" in summary  # a touchpoint's own, named by it
    assert (
        "Opportunities A chat rota on Saturdays · 🚧 in progress · impact 4, effort 2 (Awareness) "
        "A call guide instead of a script · 💡 idea · owner: Sales (Awareness) "
        "And 1 idea written in the stages, with no owner or status yet"
    ) in summary  # under way first; the plain text is counted, not listed as if it were tracked
    listed = raw[raw.index('id="top-opportunities"') : raw.index('id="funnel"')]
    assert re.findall(r'href="../../opportunities/([a-z-]+)/"', listed) == ["chat-rota", "call-guide"]
    assert "See every opportunity" not in text[text.index("Funnel") : text.index("Awareness in detail")]


def test_a_stage_shows_plain_defined_and_named_opportunities_and_the_pain_point_they_address(site: Path) -> None:
    text = text_of(site, "journeys/maps/first-purchase.md")

    assert "A chat rota on Saturdays · 🚧 in progress · impact 4, effort 2" in text
    assert "Write shorter articles" in text
    assert "The caller reads a script · addressed by A call guide instead of a script" in text


# --- evidence -----------------------------------------------------------------------------------------------------


def test_pages_say_what_rests_on_research_and_what_is_assumed(site: Path) -> None:
    text = text_of(site, "journeys/maps/first-purchase.md")

    assert "Pushy — observed (Twelve customer interviews)" in text
    assert "Nobody answers the chat — assumed" in text
    assert re.search(r"Evidence: \d+ of \d+ insights observed in research, 1 assumed", text)


def test_a_source_page_lists_everything_that_rests_on_it(site: Path) -> None:
    text = text_of(site, "journeys/research/interviews.md")

    assert "Kind: interviews · How many: 12" in text
    assert "Personas built from it: Ben Ode" in text
    assert "Journey maps built from it: First purchase" in text
    assert "Survey results at: Sales call" in text
    assert "emotion at Sales call" in text and "Unhappy (-1): Pushy" in text
    assert "Notes: What customers told us" in text


def test_a_folder_journeys_notes_are_published_with_their_pictures_and_links(site: Path) -> None:
    note = page_html(site, "journeys/notes/second-purchase/interview-notes.md")
    raw = page_html(site, "journeys/notes/second-purchase/raw/day-one.md")

    assert "<h1" in note and "What customers told us" in note
    assert 'src="../wall.png"' in note
    assert (site / "journeys/notes/second-purchase/wall.png").is_file()
    assert 'href="../raw/day-one/"' in note
    assert "<svg" not in raw.split("<article", 1)[1]  # a placeholder in a note is the team's text, not a diagram
    assert "Research notes: What customers told us" in text_of(site, "journeys/maps/second-purchase.md")


HOSTILE_NOTE = """# Notes

<script>alert(1)</script>
<img src=x onerror="alert(2)">
<a href="javascript:alert(3)">click</a> [link](javascript:alert(4)) <iframe src="https://evil.example"></iframe>
<div style="background:url(javascript:alert(5))" onmouseover="alert(6)">hover</div>

![ok](wall.png) [elsewhere](../../../etc/passwd) [script](evil.svg)
"""


def test_a_note_from_a_pull_request_runs_no_script_and_links_only_to_what_is_published(tmp_path: Path) -> None:
    files = {
        **PROJECT,
        "journeys/sam-buys.yml": None,
        "personas/sam.yml": None,
        "journeys/second-purchase/interview-notes.md": HOSTILE_NOTE,
    }
    site = build_site(write_project(tmp_path, files, theme={"name": "material"}))
    note = page_html(site, "journeys/notes/second-purchase/interview-notes.md")
    article = note[note.index("<article") : note.index("</article>")]

    assert read_page(note).problems == []
    for gone in ("<script", "onerror", "onmouseover", "javascript:", "<iframe", "style="):
        assert gone not in article, gone
    assert 'src="../wall.png"' in article and "hover" in article and ">click</a>" in article
    assert "passwd" not in article and "evil.svg" not in article


def test_an_svg_or_html_file_beside_the_notes_is_not_published(tmp_path: Path) -> None:
    evil = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"/>\n'
    files = {
        **PROJECT,
        "journeys/sam-buys.yml": None,
        "personas/sam.yml": None,
        "journeys/second-purchase/evil.svg": evil,
        "journeys/second-purchase/page.html": "<script>alert(1)</script>\n",
    }
    project = write_project(tmp_path, files)

    warnings = [d for d in load_catalog(DataLayout.at(tmp_path)).diagnostics if d.code == "ignored-file"]
    site = build_site(project, strict=False)

    assert {d.path for d in warnings} == {"journeys/second-purchase/evil.svg", "journeys/second-purchase/page.html"}
    assert all("can run script" in d.message and d.hint for d in warnings)
    assert not list(site.rglob("evil.svg")) and not list(site.rglob("page.html"))


# --- paths, loops, continuations ------------------------------------------------------------------------------------


def test_a_forked_stage_shows_its_paths_with_their_counts_and_the_funnel_counts_them(site: Path) -> None:
    text = text_of(site, "journeys/maps/first-purchase.md")

    assert "2 paths through this stage" in text
    assert "Books direct: 30 customers (33.3%) · Blog" in text
    assert "Through an agent: 60 customers (66.7%) · Sales call" in text
    assert "Funnel: 90 entered" in text


def test_the_diagram_draws_forks_loops_and_continuations(site: Path) -> None:
    (diagram, *_) = svgs(site, "journeys/maps/first-purchase.md")
    classes = [g.get("class") or "" for g in diagram.iter(f"{SVG}g")]
    words = " ".join(" ".join(diagram.itertext()).split())

    assert sum("jd-path" in c for c in classes) == 2
    assert sum("jd-fork" in c for c in classes) == 2
    assert any("jd-loop" in c for c in classes)
    assert "↺ Starts again next year" in words
    assert "CONTINUES IN Second purchase" in words
    assert "../second-purchase/" in [a.get(f"{XLINK}href") or a.get("href") for a in diagram.iter(f"{SVG}a")]
    assert "Consideration forks into 2 paths" in (diagram.findtext(f"{SVG}desc") or "")


def test_the_stage_says_where_customers_go_back_to_and_continue_in(site: Path) -> None:
    text = text_of(site, "journeys/maps/first-purchase.md")

    assert "Goes back to: Awareness, when: Starts again next year" in text
    assert "Continues in: Second purchase" in text
    assert "Customers arrive from: First purchase after Purchase" in text_of(site, "journeys/maps/second-purchase.md")


# --- blueprint ----------------------------------------------------------------------------------------------------


def test_a_journey_with_blueprint_lanes_has_a_blueprint_page_with_the_lines_drawn(site: Path) -> None:
    (diagram,) = svgs(site, "journeys/blueprints/first-purchase.md")
    words = " ".join(" ".join(diagram.itertext()).split())
    text = text_of(site, "journeys/blueprints/first-purchase.md")

    for line in ("LINE OF INTERACTION", "LINE OF VISIBILITY", "LINE OF INTERNAL INTERACTION"):
        assert line in words
    assert "Legal checks the terms (Legal)" in words
    assert any(p.get("stroke-dasharray") for p in diagram.iter(f"{SVG}polyline"))
    assert "Backstage Legal checks the terms (Legal)" in text
    assert "what staff and systems do at each stage" in text_of(site, "journeys/maps/first-purchase.md")


def test_a_journey_without_blueprint_lanes_has_no_blueprint_page(site: Path) -> None:
    assert not (site / "journeys/blueprints/second-purchase").exists()


# --- several personas, to-be, measures ------------------------------------------------------------------------------


def test_personas_who_feel_a_stage_differently_get_one_curve_each(site: Path) -> None:
    (chart,) = [
        svg for svg in svgs(site, "journeys/maps/first-purchase.md") if "emotion-curves" in (svg.get("class") or "")
    ]
    description = chart.findtext(f"{SVG}desc") or ""

    assert "Ana Souza:" in description and "Ben Ode: Awareness Delighted (+2)" in description
    assert len(list(chart.iter(f"{SVG}polyline"))) >= 2
    assert "Emotion by persona: Ben Ode: 😄 Delighted (+2)" in text_of(site, "journeys/maps/first-purchase.md")


def test_a_to_be_journey_is_compared_with_the_one_it_improves(site: Path) -> None:
    text = text_of(site, "journeys/comparisons/second-purchase.md")
    (curves, *_) = svgs(site, "journeys/comparisons/second-purchase.md")

    assert (
        "Second purchase is the improved journey the team is building; First purchase is how customers live it" in text
    )
    assert "Today: First purchase" in (curves.findtext(f"{SVG}desc") or "")
    assert "To be: Second purchase" in (curves.findtext(f"{SVG}desc") or "")
    assert "Purchase 🙁 Unhappy (-1) 🙂 Satisfied (+1) ▲ +2" in text
    assert "✅ Pain point gone: Too many articles" in text
    assert "A new stage" not in text and "The to-be journey leaves this stage out" in text
    assert "compare the two" in text_of(site, "journeys/maps/first-purchase.md")


def test_measures_show_survey_results_kpi_details_delights_quotes_and_competitors(site: Path) -> None:
    touchpoint = text_of(site, "journeys/touchpoints/sales-call.md")
    journey = text_of(site, "journeys/maps/first-purchase.md")

    assert "Answered on: 1-5 stars" in touchpoint
    assert "Period Score Responses Research 2025-Q1 4.2 87 Twelve customer interviews" in touchpoint  # scale said once
    assert "2025-Q1 · CRM · owner: Sales ops" in journey
    assert "The contract arrives the same day" in journey
    assert "Competitors considered here: Acme Invoicing (Cheaper for one user)" in journey


def test_a_persona_page_shows_demographics_motives_buying_group_and_own_attributes(site: Path) -> None:
    text = text_of(site, "journeys/personas/ben.md")

    for row in ("Age: 49", "Gender: Man", "Income band: High", "Household: Couple", "Reports to: The owner"):
        assert row in text
    assert "Works from home: yes" in text
    assert "Desires To be asked for advice" in text
    assert "Motivations Keeping the company out of the news" in text
    assert "Office manager decides" in text
    assert 'href="../ana/"' in page_html(site, "journeys/personas/ben.md")
    assert "Built from: Twelve customer interviews" in text


def test_a_persona_page_lists_their_own_pain_points_and_those_at_touchpoints_not_the_other_personas(
    site: Path,
) -> None:
    ben = text_of(site, "journeys/personas/ben.md")
    ana = text_of(site, "journeys/personas/ana.md")

    assert "Nothing to complain about (First purchase)" in ben
    assert "Nothing to complain about" not in ana
    assert "The caller reads a script (First purchase)" in ana


def test_a_notes_link_to_another_host_written_like_a_path_is_shown_as_the_external_link_it_is() -> None:
    # `//host/x` and `/\host/x` look like paths of the site in review; browsers open another site with both.
    html = note_html("[a](//evil.example/x) [b](/\\evil.example/y) ![p](//evil.example/p.png) [c](/docs/x)", _nowhere)

    assert re.findall(r'(?:href|src)="([^"]*)"', html) == [
        "https://evil.example/x",
        "https://evil.example/y",
        "https://evil.example/p.png",
        "/docs/x",
    ]


def _nowhere(path: str) -> None:
    return None
