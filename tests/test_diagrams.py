"""Diagrams as staff get them: inline SVG in the built pages, linked, escaped, cached, and explained when they fail.

Layouts depend on the fonts installed, so these tests check structure (nodes, links, ids, text), never bytes.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from mkdocs.exceptions import Abort

import sitecheck
from mkdocs_journeys.data.cache_folder import machine_key
from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.layout import DataLayout
from mkdocs_journeys.data.load import load_catalog
from mkdocs_journeys.data.model import BUILTIN_CHANNELS, Journey, JourneyStep, Persona, Stage, Touchpoint
from mkdocs_journeys.data.view import JourneyMap
from mkdocs_journeys.drawing import dot as dot_syntax
from mkdocs_journeys.drawing import render as graphviz_render
from mkdocs_journeys.drawing.dot import Diagram, Html, element_prefix
from mkdocs_journeys.drawing.figures import FITS_STEP, fits_class, fits_stylesheet, fits_width
from mkdocs_journeys.drawing.overview import overview_dot
from mkdocs_journeys.drawing.persona import PERSONA_MAX_TOUCHPOINTS, persona_dot
from mkdocs_journeys.drawing.render import Graphviz, SvgCache, find_dot
from mkdocs_journeys.drawing.svg import prepare_svg
from mkdocs_journeys.drawing.theme import THEME_COLORS
from mkdocs_journeys.drawing.touchpoint import TOUCHPOINT_MAX_JOURNEYS, TOUCHPOINT_MAX_PERSONAS, touchpoint_dot
from mkdocs_journeys.site.links import LinkIndex
from mkdocs_journeys.site.pages import PAGE_KIND_NAMES
from mkdocs_journeys.site.plan import plan_site
from sitecheck import build_site

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"

HOSTILE = 'Ann "Quote" <b>bold</b> & co \\N "]; a -> b [ label="x'

STAGES = """\
stages:
  - id: awareness
    name: Awareness
    customer_goal: Find out that help exists
  - id: consideration
    name: Consideration
  - id: purchase
    name: Purchase
"""
TOUCHPOINTS = """\
touchpoints:
  - id: blog
    name: Blog
    channel: web
    url: "https://example.com/blog?a=1&b=2"
  - id: demo
    name: Sales demo
    channel: phone
  - id: newsletter
    name: Monthly newsletter with a rather long name that has to wrap
    channel: email
  - id: checkout
    name: Checkout
    channel: web
"""
PERSONAS = {
    "personas/sam.yml": "name: Sam Rivera\nrole: Bakery owner\n",
    "personas/kim.yml": "name: Kim Lee\nrole: Office manager\n",
}
JOURNEYS = {
    "journeys/sam-buys.yml": """\
        name: Sam buys
        personas: [sam]
        stages:
          - stage: awareness
            touchpoints: [blog, newsletter]
            emotion: {score: 1, note: curious}
          - stage: consideration
            touchpoints: [demo, blog]
            emotion: -2
            pain_points: [The pricing page hides the per-user cost]
            decision: Books a demo
          - stage: purchase
            touchpoints: [checkout]
            emotion: 0
        """,
    "journeys/kim-renews.yml": """\
        name: Kim renews
        personas: [kim, sam]
        stages:
          - stage: consideration
            touchpoints: [newsletter]
          - stage: purchase
            touchpoints: [checkout, demo]
            emotion: 2
        """,
}


def write_project(root: Path, files: dict[str, str | None] | None = None, **plugin_options: Any) -> Path:
    data = {"journeys/stages.yml": STAGES, "journeys/touchpoints.yml": TOUCHPOINTS, **PERSONAS, **JOURNEYS}
    pages = ["overview", "persona", "journey", "stage", "touchpoint", "channel"]
    return sitecheck.write_project(
        root,
        files,
        {"pages": pages, **plugin_options},
        data={**data, "docs/index.md": "# Home\n"},
        site_name="Diagrams",
        search=False,
    )


@pytest.fixture
def dot_runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many graphs each `dot` process was given, one entry per process started."""
    runs: list[int] = []
    real = graphviz_render.run_dot

    def counting(executable: str, arguments: Any, stdin: str | bytes, timeout: float) -> Any:
        text = stdin.decode("utf-8") if isinstance(stdin, bytes) else stdin
        runs.append(len(re.findall(r"^digraph ", text, re.MULTILINE)))
        return real(executable, arguments, stdin, timeout)

    monkeypatch.setattr(graphviz_render, "run_dot", counting)
    yield runs


def svgs_of(page: Path, form: str | None = "wide") -> list[ET.Element]:
    """Every inline diagram of a built page in one form (`wide`, `narrow`, or both: None), parsed as XML (which fails
    on any escaping mistake). Content charts (the funnel: `class="journeys-chart …"`) are SVG too, but not diagrams."""
    html = page.read_text(encoding="utf-8")
    forms = form or "(?:wide|narrow)"
    found = re.findall(rf'journeys-diagram__form--{forms}">(<svg\b.*?</svg>)', html, re.DOTALL)
    return [ET.fromstring(match) for match in found]


def nodes(svg: ET.Element, kind: str) -> list[ET.Element]:
    return [g for g in svg.iter(f"{SVG}g") if {"node", f"jd-{kind}"} <= set(g.get("class", "").split())]


def link_of(element: ET.Element) -> str:
    return next(a.get(XLINK_HREF, "") for a in element.iter(f"{SVG}a") if a.get(XLINK_HREF))


def words(element: ET.Element) -> str:
    return " ".join(" ".join(t.text or "" for t in element.iter(f"{SVG}text")).split())


def page_file(site: Path, path: str, use_directory_urls: bool = True) -> Path:
    return site / (f"{path}/index.html" if use_directory_urls or path.endswith("journeys") else f"{path}.html")


# --- what the diagrams show ---------------------------------------------------------------------------------------


def test_journey_diagram_has_a_node_per_stage_and_per_touchpoint_of_each_stage(tmp_path: Path) -> None:
    site = build_site(write_project(tmp_path))
    [svg] = svgs_of(page_file(site, "journeys/maps/sam-buys"))
    stages = nodes(svg, "stage")
    assert [words(s).split()[-1] for s in stages] == ["Awareness", "Consideration", "Purchase"]
    assert [link_of(s) for s in stages] == [f"../../stages/{s}/" for s in ("awareness", "consideration", "purchase")]
    touchpoints = [link_of(t).split("/")[-2] for t in nodes(svg, "touchpoint")]
    assert sorted(touchpoints) == sorted(["blog", "newsletter", "demo", "blog", "checkout"])
    emotions = [words(e) for e in nodes(svg, "emotion")]
    assert emotions == ["+1 Satisfied ▲ high point", "-2 Frustrated ▼ low point", "0 Neutral"]
    assert "1 pain point" in words(nodes(svg, "pain")[0])
    assert "Sam Rivera" in words(svg) and "LEGEND" in words(svg)


def test_diagrams_are_named_groups_described_by_what_they_show(tmp_path: Path) -> None:
    site = build_site(write_project(tmp_path))
    [svg] = svgs_of(page_file(site, "journeys/maps/sam-buys"))
    assert svg.get("role") == "group"
    title_id, desc_id = svg.get("aria-labelledby"), svg.get("aria-describedby")
    assert svg[0].tag == f"{SVG}title" and svg[0].get("id") == title_id and svg[0].text == "Journey diagram: Sam buys"
    assert svg[1].tag == f"{SVG}desc" and svg[1].get("id") == desc_id and "Consideration (-2 Frustrated)" in svg[1].text
    tooltips = [t.text for a in svg.iter(f"{SVG}a") for t in a.findall(f"{SVG}title")]
    assert "Awareness\nCustomer goal: Find out that help exists" in tooltips


@pytest.mark.parametrize(
    ("use_directory_urls", "site_url"),
    [(True, None), (False, None), (True, "https://example.org/team/journeys/"), (False, "https://example.org/sub/")],
)
def test_every_link_in_every_diagram_leads_to_a_page_of_the_site(
    tmp_path: Path, use_directory_urls: bool, site_url: str | None
) -> None:
    overrides: dict[str, Any] = {"use_directory_urls": use_directory_urls}
    if site_url:
        overrides["site_url"] = site_url
    site = build_site(write_project(tmp_path), **overrides)
    checked = 0
    for page in site.rglob("*.html"):
        for svg in svgs_of(page, form=None):
            for link in svg.iter(f"{SVG}a"):
                href = link.get(XLINK_HREF)
                assert href, f"a link without a target in {page.relative_to(site)}"
                parts = urlsplit(href)
                assert not parts.scheme and not parts.path.startswith("/"), href
                target = (page.parent / unquote(parts.path)).resolve()
                if target.is_dir():
                    target = target / "index.html"
                assert target.is_file(), f"{page.relative_to(site)} -> {href}"
                if parts.fragment:  # a pain note: to its stage's section, on the same page
                    assert f'id="{parts.fragment}"' in target.read_text(encoding="utf-8"), href
                checked += 1
    assert checked > 40


def test_element_ids_are_unique_on_every_page(tmp_path: Path) -> None:
    site = build_site(write_project(tmp_path))
    for page in site.rglob("*.html"):
        ids = re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8"))
        assert len(ids) == len(set(ids)), f"duplicate ids in {page.relative_to(site)}"


def test_two_diagrams_on_one_page_keep_their_ids_apart(tmp_path: Path) -> None:
    journey_map, links = _linked(_small_catalog(personas=3, touchpoints=4))
    graphviz = Graphviz(find_dot())
    first, second = (persona_dot(journey_map, links.for_page("journeys/index.md"), p) for p in ("p0", "p1"))
    svgs = graphviz.render([first.dot, second.dot])
    page = "".join(
        prepare_svg(svg, prefix=element_prefix(d), title=d.title, description=d.description, colours={})
        for d, svg in zip((first, second), svgs, strict=True)
    )
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) > 6 and len(ids) == len(set(ids))
    references = re.findall(r'(?:url\(#|href="#)([^")]+)', page)
    assert all(reference in ids for reference in references)


def test_colours_follow_the_theme_through_css_variables(tmp_path: Path) -> None:
    site = build_site(write_project(tmp_path))
    html = page_file(site, "journeys/maps/sam-buys").read_text(encoding="utf-8")
    svg = re.search(r"<svg\b.*?</svg>", html, re.DOTALL)
    assert svg is not None
    assert re.search(r'(?:fill|stroke)="#000a', svg.group()) is None, "a placeholder colour was left in the SVG"
    assert "fill:var(--jd-stage-bg,#3f51b5)" in svg.group()
    css = (site / "assets/mkdocs-journeys/journeys.css").read_text(encoding="utf-8")
    for colour in THEME_COLORS.values():
        assert f"{colour.variable}:" in css, f"{colour.variable} is not set by journeys.css"


# --- escaping -------------------------------------------------------------------------------------------------------


def test_hostile_labels_render_as_text_and_the_svg_still_parses(tmp_path: Path) -> None:
    hostile_touchpoints = TOUCHPOINTS.replace("name: Sales demo", f"name: {json.dumps(HOSTILE)}")
    files = {
        "personas/sam.yml": f"name: {json.dumps(HOSTILE)}\nrole: 'Owner of <script>x</script>'\n",
        "journeys/touchpoints.yml": hostile_touchpoints,
    }
    site = build_site(write_project(tmp_path, files))
    for path in ("journeys/maps/sam-buys", "journeys/personas/sam", "journeys/touchpoints/demo", "journeys"):
        [svg] = svgs_of(page_file(site, path))  # parses: nothing broke out of a label or an attribute
        flat = words(svg)
        assert "<b>bold</b>" in flat or "<b>bold</b>" in " ".join(t.text or "" for t in svg.iter(f"{SVG}title"))
        titles = [t.text for t in svg.iter(f"{SVG}title")]
        assert any(title and HOSTILE in title for title in titles), f"hostile tooltip mangled on {path}"
        assert not any(e.tag.endswith("script") or e.tag.endswith("}b") for e in svg.iter())
    html = page_file(site, "journeys/maps/sam-buys").read_text(encoding="utf-8")
    assert "<b>bold</b>" not in html.split("<svg", 1)[1].split("</svg>")[0]


@pytest.mark.parametrize("value", [HOSTILE, "a\\b \\\\ c \\", "&amp; &lt;x&gt; &#39;", "tab\there"])
def test_text_url_and_tooltip_survive_graphviz_exactly(value: str) -> None:
    url = f"../x/?q={value}&r=1#frag"
    dot = (
        "digraph g {\n"
        f'  n [label=<{dot_syntax.text(value)}> tooltip="{dot_syntax.tooltip(value)}" URL="{dot_syntax.url(url)}"]\n'
        f'  m [label=<<TABLE><TR><TD HREF="{dot_syntax.cell_url(url)}" TOOLTIP="{dot_syntax.cell_tooltip(value)}">'
        f"{dot_syntax.text(value)}</TD></TR></TABLE>>]\n}}\n"
    )
    [raw] = Graphviz(find_dot()).render([dot])
    svg = ET.fromstring(prepare_svg(raw, prefix="t", title="t", description="t", colours={}))
    flat = " ".join(value.split())
    assert [" ".join((t.text or "").split()) for t in svg.iter(f"{SVG}text")] == [flat, flat]
    links = list(svg.iter(f"{SVG}a"))
    assert [a.find(f"{SVG}title").text for a in links] == [flat, flat]  # type: ignore[union-attr]
    assert {unquote(a.get(XLINK_HREF, "")) for a in links} == {f"../x/?q={value}&r=1#frag"}


def test_long_labels_wrap() -> None:
    assert dot_syntax.lines("Monthly newsletter with a rather long name that has to wrap", 16).count("<BR/>") >= 2
    assert dot_syntax.wrap("word " * 100, 10, max_lines=3)[-1].endswith("…")


# --- growing maps stay readable ---------------------------------------------------------------------------------------


def test_overview_draws_personas_and_touchpoints_up_to_twenty_and_sixty() -> None:
    journey_map, links = _linked(_small_catalog(personas=20, touchpoints=60))
    dot = overview_dot(journey_map, links.for_page("journeys/index.md")).dot
    assert len(re.findall(r'^\s*"persona_p\d+" \[', dot, re.MULTILINE)) == 20
    assert all(f"Touchpoint {n}" in dot for n in range(60))


def test_overview_summarises_past_twenty_personas_and_sixty_touchpoints() -> None:
    journey_map, links = _linked(_small_catalog(personas=21, touchpoints=61))
    dot = overview_dot(journey_map, links.for_page("journeys/index.md")).dot
    assert not re.search(r'^\s*"persona_', dot, re.MULTILINE), "persona nodes past the limit"
    assert " -> " not in dot, "edges past the limit make a hairball"
    assert "Touchpoint 7<" not in dot and "touchpoints</FONT>" in dot
    assert "PERSONAS" in dot  # a personas column in the grid instead


def test_persona_diagram_counts_touchpoints_per_channel_past_its_limit() -> None:
    journey_map, links = _linked(_small_catalog(personas=1, touchpoints=PERSONA_MAX_TOUCHPOINTS + 1))
    dot = persona_dot(journey_map, links.for_page("journeys/personas/p0.md"), "p0").dot
    assert "Touchpoint 3<" not in dot and re.search(r"\d+ touchpoints", dot)


def test_touchpoint_diagram_draws_every_journey_up_to_its_limit() -> None:
    limit = TOUCHPOINT_MAX_JOURNEYS
    journey_map, links = _linked(_busy_touchpoint_catalog(journeys=limit, personas=3))
    diagram = touchpoint_dot(journey_map, links.for_page(KIOSK_PAGE), "kiosk")
    ids = _node_ids(diagram.dot)
    assert {f"journey_j{n}" for n in range(limit)} <= ids
    assert len([i for i in ids if i.startswith("use_")]) == len(journey_map.uses_of_touchpoint("kiosk"))
    assert "Summarised" not in diagram.description


def test_touchpoint_diagram_past_its_limit_has_the_same_nodes_however_many_journeys() -> None:
    drawn = []
    for journeys in (TOUCHPOINT_MAX_JOURNEYS + 1, 10 * TOUCHPOINT_MAX_JOURNEYS):
        journey_map, links = _linked(_busy_touchpoint_catalog(journeys=journeys, personas=3))
        drawn.append(_node_ids(touchpoint_dot(journey_map, links.for_page(KIOSK_PAGE), "kiosk").dot))
    stages = {"stage_awareness", "stage_consideration", "stage_purchase"}  # not retention: no journey uses it there
    assert drawn[0] == drawn[1] == {"touchpoint", "persona_p0", "persona_p1", "persona_p2", *stages}


def test_touchpoint_summary_shows_each_stage_with_its_journeys_and_average_emotion() -> None:
    journey_map, links = _linked(_busy_touchpoint_catalog(journeys=13, personas=3))
    diagram = touchpoint_dot(journey_map, links.for_page(KIOSK_PAGE), "kiosk")
    svg = _drawn(diagram)
    stages = nodes(svg, "stage")
    assert [words(s) for s in stages] == [
        "Awareness 13 journeys average -0.5 Unhappy",  # -1, 0 in turn: -7 / 13; a half leans away from Neutral
        "Consideration 5 journeys no emotion score",
        "Purchase 7 journeys average +1.6 Delighted",  # four +2 and three +1: 11 / 7
    ]
    tops = [float(next(s.iter(f"{SVG}text")).get("y", "")) for s in stages]
    assert tops == sorted(tops), "stages read top to bottom in stage order"
    fills = [re.findall(r"fill:var\((--jd-[a-z0-9-]+)", ET.tostring(s, encoding="unicode")) for s in stages]
    assert [f[0] for f in fills] == ["--jd-emotion-m1", "--jd-bg", "--jd-emotion-p2"]
    assert [link_of(s) for s in stages] == [f"../../stages/{s}/" for s in ("awareness", "consideration", "purchase")]
    assert "Purchase: 7 journeys, average +1.6 Delighted\nfrom +1 Satisfied to +2 Delighted" in _tooltips(svg)
    assert "summarised" in diagram.description.lower() and diagram.description.endswith("lists every journey.")
    assert "Awareness, 13 journeys, average -0.5 Unhappy" in diagram.description


def test_touchpoint_summary_links_each_persona_to_the_stages_their_journeys_use_it_at_once() -> None:
    journey_map, links = _linked(_busy_touchpoint_catalog(journeys=13, personas=3))
    dot = touchpoint_dot(journey_map, links.for_page(KIOSK_PAGE), "kiosk").dot
    edges = re.findall(r'^\s*"(persona_p\d)" -> "stage_(\w+)"', dot, re.MULTILINE)
    assert sorted(edges) == [  # p0 takes journeys 0, 3, 6, 9, 12; p1 1, 4, 7, 10; p2 2, 5, 8, 11
        ("persona_p0", "awareness"),
        ("persona_p0", "consideration"),
        ("persona_p0", "purchase"),
        ("persona_p1", "awareness"),
        ("persona_p1", "purchase"),
        ("persona_p2", "awareness"),
        ("persona_p2", "purchase"),
    ]


def test_touchpoint_summary_lists_many_personas_in_one_box_every_node_and_name_a_link() -> None:
    personas = TOUCHPOINT_MAX_PERSONAS + 10
    journey_map, links = _linked(_busy_touchpoint_catalog(journeys=2 * personas, personas=personas))
    diagram = touchpoint_dot(journey_map, links.for_page(KIOSK_PAGE), "kiosk")
    assert _node_ids(diagram.dot) == {
        "touchpoint",
        "personas",
        "stage_awareness",
        "stage_consideration",
        "stage_purchase",
    }
    svg = _drawn(diagram)
    every_node = [g for g in svg.iter(f"{SVG}g") if "node" in g.get("class", "").split()]
    assert len(every_node) == 5 and all(link_of(g) for g in every_node)
    [box] = nodes(svg, "persona")
    targets = {a.get(XLINK_HREF) for a in box.iter(f"{SVG}a")}
    assert targets == {f"../../personas/p{n}/" for n in range(personas)}
    assert f"{personas} PERSONAS" in words(box) and "Persona 29" in words(box)


def test_touchpoint_summary_shows_hostile_names_as_text() -> None:
    personas = TOUCHPOINT_MAX_PERSONAS + 1
    catalog = _busy_touchpoint_catalog(journeys=personas, personas=personas)
    catalog.stages["awareness"] = Stage(id="awareness", name=HOSTILE)
    catalog.personas["p0"] = Persona(id="p0", name=HOSTILE, role=HOSTILE, summary=HOSTILE)
    journey_map, links = _linked(catalog)
    diagram = touchpoint_dot(journey_map, links.for_page(KIOSK_PAGE), "kiosk")
    svg = _drawn(diagram)  # parses: nothing broke out of a label or an attribute
    shown = 'Ann "Quote" <b>bold</b> & co'  # labels wrap onto two lines, the rest is in the tooltips
    assert shown in words(nodes(svg, "stage")[0]) and shown in words(nodes(svg, "persona")[0])
    tooltips = _tooltips(svg)
    assert f"{HOSTILE}, {HOSTILE}\n{HOSTILE}" in tooltips  # the persona's cell in the box
    assert any(t.startswith(f"{HOSTILE}: ") for t in tooltips)  # the stage's node


# --- cache and speed ----------------------------------------------------------------------------------------------------


def test_rebuild_without_changes_runs_dot_zero_times(tmp_path: Path, dot_runs: list[int]) -> None:
    config = write_project(tmp_path)
    build_site(config)
    cores = graphviz_render.available_cores()
    assert 0 < len(dot_runs) <= 1 + 2 * cores, "one dot per core (SVG, then PNG), not one per diagram"
    # Both forms of the overview, personas, journeys and touchpoints, then the PNG of each wide form (dot -V has none).
    assert sum(dot_runs) == 2 * (1 + 2 + 2 + 4) + (1 + 2 + 2 + 4)
    dot_runs.clear()
    build_site(config)
    assert dot_runs == []
    assert (tmp_path / ".cache/journeys/.gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_a_change_renders_only_the_diagrams_it_touches(tmp_path: Path, dot_runs: list[int]) -> None:
    config = write_project(tmp_path)
    build_site(config)
    dot_runs.clear()
    changed = JOURNEYS["journeys/sam-buys.yml"].replace("decision: Books a demo", "decision: Asks for a demo")
    write_project(tmp_path, {"journeys/sam-buys.yml": changed})  # the decision shows in the journey diagram only
    build_site(config)
    assert sum(dot_runs) == 3  # its two forms as SVG, then the wide one as PNG


def test_a_damaged_or_truncated_cache_entry_is_drawn_again(tmp_path: Path, dot_runs: list[int]) -> None:
    config = write_project(tmp_path)
    build_site(config)
    entries = sorted((tmp_path / ".cache/journeys").glob("*.svg"))
    truncated, damaged = entries[0], entries[1]
    truncated.write_bytes(truncated.read_bytes()[: truncated.stat().st_size // 2])
    damaged.write_text(damaged.read_text(encoding="utf-8").replace("<text", "<txet", 1), encoding="utf-8")
    dot_runs.clear()
    site = build_site(config)
    assert sum(dot_runs) == 2
    for page in site.rglob("*.html"):
        svgs_of(page)
    assert all(SvgCache(truncated.parent, machine_key(tmp_path)).read(entry.stem) for entry in entries)


def test_builds_sharing_a_cache_at_the_same_time_leave_it_intact(tmp_path: Path) -> None:
    config = write_project(tmp_path)
    cache = tmp_path / ".cache/journeys"
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(tmp_path / name)],
            stderr=subprocess.PIPE,
        )
        for name in ("one", "two", "three")
    ]
    for run in runs:
        _, stderr = run.communicate(timeout=60)
        assert run.returncode == 0, stderr.decode()
    entries = list(cache.glob("*.svg"))
    assert len(entries) == 2 * 9 and all(SvgCache(cache, machine_key(tmp_path)).read(e.stem) for e in entries)
    assert len(list(cache.glob("*.png"))) == 9
    assert not list(cache.glob(".tmp-*"))


# --- without Graphviz, and when dot fails ----------------------------------------------------------------------------


def test_without_dot_the_build_stops_with_install_instructions(tmp_path: Path) -> None:
    config = write_project(tmp_path)
    empty = tmp_path / "empty-path"
    empty.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config)],
        capture_output=True,
        text=True,
        env={"PATH": str(empty), "NO_MKDOCS_2_WARNING": "1", **_python_path()},
        timeout=60,
    )
    assert result.returncode != 0
    assert "Graphviz's `dot` program was not found on PATH" in result.stderr
    for instruction in (
        "apt-get install graphviz",
        "brew install graphviz",
        "winget install graphviz",
        "sudo apt-get install -y graphviz",
        "diagrams: false",
    ):
        assert instruction in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists(), "nothing is written when dot is missing"


def test_with_diagrams_disabled_the_site_builds_without_dot_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    site = build_site(write_project(tmp_path, diagrams=False))
    html = page_file(site, "journeys/maps/sam-buys").read_text(encoding="utf-8")
    assert "Diagrams are disabled" in html and not svgs_of(page_file(site, "journeys/maps/sam-buys"))
    assert "Diagrams are disabled" not in page_file(site, "journeys/stages/awareness").read_text(encoding="utf-8")


def test_a_dot_error_shows_the_dot_line_and_the_yaml_it_came_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real_lines = dot_syntax.lines

    def broken(value: object, width: int, max_lines: int = 4, align: str = "") -> str:
        text = real_lines(value, width, max_lines, align)
        return text.replace("pricing page", "pricing</I> page")  # an unbalanced tag: dot rejects the label

    monkeypatch.setattr(dot_syntax, "lines", broken)
    caplog.set_level(logging.ERROR)
    with pytest.raises(Abort):
        build_site(write_project(tmp_path))
    message = caplog.text
    assert "Graphviz could not draw the journey diagram: Sam buys." in message
    assert "dot said:\n  Error: mismatched tag" in message
    # The wide form's pain note, or the narrow form's card of the stage: whichever of the two dot reports first.
    assert re.search(r'DOT line \d+: "(pain_1|stage_1)" \[', message)
    assert re.search(r"It was drawn from journeys/sam-buys.yml:(10:18|7:5) \(journey 'sam-buys'\)", message)
    assert "Traceback" not in message


def test_html_labels_are_marked_so_dot_reads_them_as_labels() -> None:
    assert (
        dot_syntax.attributes({"label": Html("<B>x</B>"), "tooltip": 'a "b"'})
        == '[label=<<B>x</B>> tooltip="a \\"b\\""]'
    )


# --- helpers ------------------------------------------------------------------------------------------------------------


def _small_catalog(*, personas: int, touchpoints: int) -> Catalog:
    """Personas each taking one journey through three stages that together use every touchpoint."""
    catalog = Catalog()
    for stage_id in ("awareness", "consideration", "purchase"):
        catalog.stages[stage_id] = Stage(id=stage_id, name=stage_id.title())
    channels = ("web", "email", "phone", "social", "events")
    for channel in channels:
        catalog.channels[channel] = next(c for c in BUILTIN_CHANNELS if c.id == channel)
    for n in range(touchpoints):
        catalog.touchpoints[f"t{n}"] = Touchpoint(id=f"t{n}", name=f"Touchpoint {n}", channel=channels[n % 5])
    ids = list(catalog.touchpoints)
    for n in range(personas):
        catalog.personas[f"p{n}"] = Persona(id=f"p{n}", name=f"Persona {n}", role="Buyer")
        steps = [
            JourneyStep(stage=stage, touchpoints=ids[i::3], emotion=(n + i) % 5 - 2)  # type: ignore[arg-type]
            for i, stage in enumerate(catalog.stages)
        ]
        catalog.journeys[f"j{n}"] = Journey(id=f"j{n}", name=f"Journey {n}", personas=[f"p{n}"], stages=steps)
    return catalog


KIOSK_PAGE = "journeys/touchpoints/kiosk.md"


def _linked(catalog: Catalog) -> tuple[JourneyMap, LinkIndex]:
    """The catalog's journey map, and the links of a site with every kind of page that has entities."""
    kinds = ["overview", "persona", "journey", "stage", "touchpoint", "channel"]
    site = plan_site(JourneyMap(catalog), prefix="journeys", kinds=kinds, templates_dir=None)
    return site.build.map, site.links


def _busy_touchpoint_catalog(*, journeys: int, personas: int) -> Catalog:
    """Journeys taken by the personas in turn (journey n by persona n mod `personas`), all using the kiosk.

    Journey n uses it at Awareness, scoring -1 and 0 in turn; at Consideration (unscored) when n is a
    multiple of 3; at Purchase when n is even, scoring +2 when n is a multiple of 4, else +1. Every journey goes
    through Retention, with another touchpoint.
    """
    catalog = Catalog()
    for stage_id in ("awareness", "consideration", "purchase", "retention"):
        catalog.stages[stage_id] = Stage(id=stage_id, name=stage_id.title())
    catalog.channels["web"] = next(c for c in BUILTIN_CHANNELS if c.id == "web")
    for touchpoint_id in ("kiosk", "help"):
        catalog.touchpoints[touchpoint_id] = Touchpoint(id=touchpoint_id, name=touchpoint_id.title(), channel="web")
    for n in range(personas):
        catalog.personas[f"p{n}"] = Persona(id=f"p{n}", name=f"Persona {n}", role="Buyer")
    for n in range(journeys):
        steps = [
            JourneyStep(stage="awareness", touchpoints=["kiosk"], emotion=n % 2 - 1),  # type: ignore[arg-type]
            JourneyStep(stage="consideration", touchpoints=["kiosk"] if n % 3 == 0 else ["help"]),
            JourneyStep(
                stage="purchase",
                touchpoints=["kiosk"] if n % 2 == 0 else [],
                emotion=2 if n % 4 == 0 else 1,  # type: ignore[arg-type]
            ),
            JourneyStep(stage="retention", touchpoints=["help"]),
        ]
        catalog.journeys[f"j{n}"] = Journey(
            id=f"j{n}", name=f"Journey {n:03d}", personas=[f"p{n % personas}"], stages=steps
        )
    return catalog


def _node_ids(dot: str) -> set[str]:
    return set(re.findall(r'^\s*"([^"]+)" \[', dot, re.MULTILINE))


def _drawn(diagram: Diagram) -> ET.Element:
    """The diagram as it appears on its page: drawn by the real `dot`, colours turned into theme variables."""
    [raw] = Graphviz(find_dot()).render([diagram.dot])
    prefix = element_prefix(diagram)
    prepared = prepare_svg(
        raw, prefix=prefix, title=diagram.title, description=diagram.description, colours=THEME_COLORS
    )
    return ET.fromstring(prepared)


def _tooltips(svg: ET.Element) -> list[str]:
    return [t.text or "" for a in svg.iter(f"{SVG}a") for t in a.findall(f"{SVG}title")]


def _python_path() -> dict[str, str]:
    return {"PYTHONPATH": os.environ["PYTHONPATH"]} if "PYTHONPATH" in os.environ else {}


# --- two forms: the wide one where it fits, the narrow one on phones ------------------------------------------------


def _example_drawings() -> list[tuple[str, dot_syntax.Drawing]]:
    project = Path(__file__).resolve().parent.parent
    result = load_catalog(DataLayout.at(project))
    assert result.journey_map is not None
    site = plan_site(result.journey_map, prefix="journeys", kinds=list(PAGE_KIND_NAMES), templates_dir=None)
    return [(page.src_uri, drawing) for page in site.pages if (drawing := site.drawing(page)) is not None]


def _size(svg: ET.Element) -> tuple[float, float]:
    width, height = svg.get("width", ""), svg.get("height", "")
    return float(width), float(height)


def test_no_diagram_text_is_smaller_than_11_points_and_every_narrow_form_fits_a_phone() -> None:
    drawings = _example_drawings()
    assert {src_uri.split("/")[1] for src_uri, _ in drawings} >= {"index.md", "maps", "personas", "touchpoints"}
    for _, drawing in drawings:
        for diagram in drawing.forms:
            svg = _drawn(diagram)
            # A text's own size, or the one it inherits from the root (where the size most texts have is said once).
            texts = [t for t in svg.iter(f"{SVG}text") if (t.text or "").strip()]
            sizes = {float(t.get("font-size") or svg.get("font-size", "0")) for t in texts}
            assert min(sizes) >= dot_syntax.SMALLEST, diagram.name
        assert _size(_drawn(drawing.narrow))[0] <= dot_syntax.NARROW_WIDTH, drawing.narrow.name
        assert _size(_drawn(drawing.wide))[0] <= 688, f"{drawing.wide.name} is wider than Material's text column"


def test_narrow_journey_runs_top_to_bottom_with_its_emotion_curve_beside_the_stages(tmp_path: Path) -> None:
    site = build_site(write_project(tmp_path))
    [svg] = svgs_of(page_file(site, "journeys/maps/sam-buys"), form="narrow")

    cards = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "node" and "STAGE" in words(g)]
    tops = [_top(card) for card in cards]
    assert [words(card).split()[2] for card in cards] == ["Awareness", "Consideration", "Purchase"]
    assert tops == sorted(tops), "stages from top to bottom"
    marks = nodes(svg, "emotion")
    scores = [int(words(mark).replace("+", "")) for mark in marks]
    assert scores == [1, -2, 0]
    lefts = [_left(mark) for mark in marks]
    assert sorted(zip(scores, lefts, strict=True)) == sorted(zip(sorted(scores), sorted(lefts), strict=True))
    for mark, card, following in zip(marks, cards, [*tops[1:], math.inf], strict=True):
        assert _top(card) <= _top(mark) < following, "each mark beside its stage"
    curve = [p for p in svg.iter(f"{SVG}path") if "--jd-curve" in (p.get("style") or "")]
    assert len(curve) == 2
    pain = next(a for a in svg.iter(f"{SVG}a") if "pain point" in words(a))
    assert pain.get(XLINK_HREF) == "./#stage-consideration"


def test_narrow_journey_shows_a_touchpoints_own_emotion_its_forks_loops_and_continuations(tmp_path: Path) -> None:
    routes = (
        JOURNEYS["journeys/sam-buys.yml"]
        .replace(
            "            touchpoints: [demo, blog]\n",
            """\
            touchpoints:
              - {touchpoint: demo, emotion: {score: -1, note: A script}}
            paths:
              - id: online
                name: Reads the blog
                entering: 300
                touchpoints: [{touchpoint: blog, emotion: 2}]
              - {id: call, name: Calls sales, entering: 100, touchpoints: [newsletter]}
""",
        )
        .replace(
            "            emotion: 0\n",
            "            emotion: 0\n            loops_back: {to: consideration, when: Buys more seats}\n"
            "            continues_into: {journey: kim-renews, when: A year later}\n",
        )
    )
    site = build_site(write_project(tmp_path, {"journeys/sam-buys.yml": routes}))
    [svg] = svgs_of(page_file(site, "journeys/maps/sam-buys"), form="narrow")
    cards = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "node" and "STAGE" in words(g)]
    consideration, purchase = cards[1], cards[2]

    demo = next(a for a in consideration.iter(f"{SVG}a") if "Sales demo" in words(a))
    assert "-1 Unhappy here" in words(demo)  # its own emotion, not the stage's -2
    assert "var(--jd-emotion-m1" in ET.tostring(demo, encoding="unicode")
    text = words(consideration)
    assert "PATH 1 OF 2 Reads the blog 300 customers (75%) ↳ Blog Web +2 Delighted here" in text
    assert "PATH 2 OF 2 Calls sales 100 customers (25%) ↳ Monthly newsletter" in text
    back = next(a for a in purchase.iter(f"{SVG}a") if "Back to" in words(a))
    assert words(back) == "↺ Back to Consideration: Buys more seats"
    assert back.get(XLINK_HREF) == "../../stages/consideration/"
    onward = next(a for a in purchase.iter(f"{SVG}a") if "Continues in" in words(a))
    assert words(onward) == "⇢ Continues in Kim renews: A year later"
    assert onward.get(XLINK_HREF) == "../kim-renews/"
    description = svg.findtext(f"{SVG}desc") or ""
    assert "Consideration forks into 2 paths: Reads the blog, Calls sales" in description
    assert "After Purchase, customers may go back to Consideration" in description
    legend = " ".join(words(svg).split("LEGEND", 1)[1:])
    assert "its own emotion there" in legend and "↺ goes back to a stage" in legend


def _points_of(element: ET.Element) -> list[tuple[float, float]]:
    found = []
    for shape in element.iter():
        for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", shape.get("points", "") + " " + shape.get("d", "")):
            found.append((float(x), float(y)))
    return found


def _top(element: ET.Element) -> float:
    return min(y for _, y in _points_of(element))


def _left(element: ET.Element) -> float:
    return min(x for x, _ in _points_of(element))


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_each_figure_offers_its_diagram_as_svg_and_png_beside_the_page(
    tmp_path: Path, use_directory_urls: bool
) -> None:
    site = build_site(write_project(tmp_path), use_directory_urls=use_directory_urls)
    page = page_file(site, "journeys/maps/sam-buys", use_directory_urls)

    hrefs = re.findall(r'<a href="([^"]+)" download>', page.read_text(encoding="utf-8"))

    assert hrefs == ["journey-sam-buys.svg", "journey-sam-buys.png"]
    svg_file, png_file = (page.parent / href for href in hrefs)
    standalone = svg_file.read_text(encoding="utf-8")
    assert standalone.startswith('<?xml version="1.0"') and "var(--" not in standalone and "#000a" not in standalone
    root = ET.fromstring(standalone.split("\n", 1)[1])
    assert root.find(f"{SVG}title").text == "Journey diagram: Sam buys"  # type: ignore[union-attr]
    assert "#3f51b5" in standalone, "the stage colour, resolved to the light palette's"
    links = [a.get(XLINK_HREF, "") for a in root.iter(f"{SVG}a")]
    assert "../../stages/awareness/" in links if use_directory_urls else "../stages/awareness.html" in links
    assert png_file.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    overview = page_file(site, "journeys", use_directory_urls)
    assert (overview.parent / "overview.png").is_file()


def test_downloads_can_be_turned_off(tmp_path: Path) -> None:
    site = build_site(write_project(tmp_path, diagram_downloads=False))
    assert not list((site / "journeys").rglob("*.png")) and not list((site / "journeys").rglob("*.svg"))
    assert "download>" not in page_file(site, "journeys").read_text("utf-8")


@pytest.mark.parametrize(("setting", "expected"), [("auto", ["svg"]), ("svg", ["svg"]), (True, ["svg", "png"])])
def test_past_the_nav_limit_diagrams_download_as_svg_only_unless_png_is_asked_for(
    tmp_path: Path, setting: bool | str, expected: list[str]
) -> None:
    """On a large map a PNG of every diagram would be most of the site: `auto` keeps SVG, which slides open."""
    site = build_site(write_project(tmp_path, nav_max_pages=5, diagram_downloads=setting))
    page = page_file(site, "journeys/maps/sam-buys").read_text(encoding="utf-8")

    assert re.findall(r'<a href="journey-sam-buys\.(\w+)" download>', page) == expected
    assert bool(list((site / "journeys").rglob("*.png"))) == ("png" in expected)


def test_a_figure_names_the_width_its_wide_form_needs_and_the_stylesheet_knows_it(tmp_path: Path) -> None:
    site = build_site(write_project(tmp_path))
    html = page_file(site, "journeys/maps/sam-buys").read_text(encoding="utf-8")
    [needs] = re.findall(r'class="journeys-diagram journeys-diagram--fits-(\d+)"', html)
    [wide] = svgs_of(page_file(site, "journeys/maps/sam-buys"))
    assert float(needs) - FITS_STEP < _size(wide)[0] <= float(needs)
    css = (site / "assets/mkdocs-journeys/journeys.css").read_text(encoding="utf-8")
    assert f"@container journeys-diagram (width < {needs}px) {{ .journeys-diagram--fits-{needs} >" in css


def test_wide_forms_beyond_the_largest_width_always_show_the_narrow_one() -> None:
    assert fits_class(fits_width('<svg xmlns="x" width="2400.5" height="10">')) == "journeys-diagram--narrow-only"
    assert fits_class(fits_width('<svg xmlns="x" width="661.3" height="10">')) == "journeys-diagram--fits-664"
    # A diagram drawn to fit mkdocs-material's text column (688 px) shows its wide form there.
    assert fits_width('<svg xmlns="x" width="686.9" height="10">') == 688


def test_the_stylesheet_has_one_rule_per_width_the_figures_name() -> None:
    css = fits_stylesheet([688, 664, 688])
    assert css.count("@container") == 2 and css.index("664px") < css.index("688px")
