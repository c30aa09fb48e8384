"""A navigation that scales: past `nav_max_pages`, the nav lists the sections and their index pages, each index
lists its section's pages (a plain HTML list, complete without JavaScript), and every page stays reachable, titled
and placed in its section. Under the limit, the nav lists every page as before. The filter itself is tried in
Chromium in `test_browser.py`."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import yaml
from click.testing import Result

from mkdocs_journeys.commands.generate import AWESOME_NAV, LITERATE_NAV
from sitecheck import broken_links, build_site, copy_hostile_project, page_html, read_page, write_project

MATERIAL = {
    "name": "material",
    "features": ["navigation.tabs", "navigation.sections", "navigation.indexes", "navigation.prune"],
}
MKDOCS_YML = """\
site_name: Test
plugins:
  - journeys:
      nav_max_pages: 3
markdown_extensions: [tables, attr_list, md_in_html, admonition]
"""
RunCli = Callable[..., Result]
MakeProject = Callable[..., Path]


def _primary_nav(html: str) -> str:
    """The theme's navigation of a Material page: the primary sidebar."""
    start = html.index('<nav class="md-nav md-nav--primary')
    return html[start : html.index('<div class="md-content"', start)]


def _hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_past_the_limit_the_nav_shows_the_sections_and_their_index_pages(tmp_path: Path) -> None:
    config = write_project(tmp_path, plugin_options={"nav_max_pages": 3}, theme=MATERIAL)

    site = build_site(config)  # strict: no page left out of the nav is a warning

    overview = page_html(site, "journeys/index.md")
    nav = _primary_nav(overview)
    assert "personas/" in _hrefs(nav) and "maps/" in _hrefs(nav) and "touchpoints/" in _hrefs(nav)
    assert not any(href.startswith(("personas/sam", "maps/sam-buys", "stages/awareness")) for href in _hrefs(nav))
    assert "Sam Rivera" not in nav  # no page of a persona in the navigation
    # Each section's index lists every page of the section, as plain links.
    personas = page_html(site, "journeys/personas/index.md")
    assert '<a href="sam/">Sam Rivera</a>' in personas
    stages = page_html(site, "journeys/stages/index.md")
    assert stages.index(">Awareness</a>") < stages.index(">Consideration</a>") < stages.index(">Decision</a>")
    assert broken_links(site) == []


def test_a_page_only_its_index_lists_keeps_its_title_and_its_place_in_the_section(tmp_path: Path) -> None:
    config = write_project(tmp_path, plugin_options={"nav_max_pages": 3}, theme=MATERIAL)

    site = build_site(config)

    journey = page_html(site, "journeys/maps/sam-buys.md")
    assert "<title>Sam buys invoicing software - Test site</title>" in journey
    nav = _primary_nav(journey)
    active = re.findall(r"md-nav__item--active[^>]*>\s*(?:<input[^>]*>\s*)?<(?:div|label|a)[^>]*>(.*?)</", nav, re.S)
    assert any("Journey maps" in item for item in active), active  # the section is the reader's place
    assert "md-tabs__item--active" in journey


def test_under_the_limit_the_nav_lists_every_page_and_there_are_no_index_pages(tmp_path: Path) -> None:
    config = write_project(tmp_path, theme=MATERIAL)  # the default limit, far above this small map

    site = build_site(config)

    nav = _primary_nav(page_html(site, "journeys/index.md"))
    assert "personas/sam/" in _hrefs(nav) and "maps/sam-buys/" in _hrefs(nav)
    assert not (site / "journeys" / "personas" / "index.html").exists()
    assert not (site / "journeys" / "journeys-filter.js").exists()


def test_the_index_list_is_complete_without_javascript_and_its_filters_wait_for_the_script(tmp_path: Path) -> None:
    config = write_project(tmp_path, plugin_options={"nav_max_pages": 3})

    site = build_site(config)

    html = page_html(site, "journeys/touchpoints/index.md")
    items = re.findall(r"<li[^>]*><a href=\"([^\"]+)\">([^<]+)</a>", html)
    assert [title for _, title in items] == ["Blog", "Sales demo"]  # every touchpoint, by name
    assert '<form class="journeys-filter__form" role="search"' in html and " hidden>" in html
    assert '<p class="journeys-filter__count" role="status" aria-live="polite">2 pages</p>' in html
    assert '<script src="../journeys-filter.js" defer></script>' in html
    assert (site / "journeys" / "journeys-filter.js").read_text(encoding="utf-8").startswith("/* mkdocs-journeys")
    # The filters that tell these pages apart: their channels and stages differ, they share a persona and no owner.
    labels = re.findall(r"<label [^>]*>([^<]+)</label>", html)
    assert labels == ["Name or text", "Stage", "Channel"]
    assert '<option value="0">Phone</option><option value="1">Web</option>' in html


def test_an_entity_called_index_keeps_its_page_and_the_list_moves_aside(tmp_path: Path) -> None:
    config = write_project(tmp_path, plugin_options={"nav_max_pages": 3})
    (tmp_path / "journeys" / "sam-buys.yml").rename(tmp_path / "journeys" / "index.yml")

    site = build_site(config)

    assert "Sam buys invoicing software" in page_html(site, "journeys/maps/index.md").split("<h1", 1)[1][:200]
    listing = page_html(site, "journeys/maps-index/index.md")
    assert '<a href="../maps/">Sam buys invoicing software</a>' in listing
    assert broken_links(site) == []


def test_generate_writes_the_same_short_navigation_for_zensical(make_project: MakeProject, run_cli: RunCli) -> None:
    project = make_project({"mkdocs.yml": MKDOCS_YML})

    result = run_cli("generate", cwd=project)

    assert result.exit_code == 0, result.output
    folder = project / "docs" / "journeys"
    awesome = yaml.safe_load((folder / AWESOME_NAV).read_text(encoding="utf-8"))
    assert {"Personas": [{"Personas": "personas/index.md"}]} in awesome["nav"]
    literate = (folder / LITERATE_NAV).read_text(encoding="utf-8")
    assert "personas/index.md" in literate and "personas/ana.md" not in literate
    listing = (folder / "personas" / "index.md").read_text(encoding="utf-8")
    assert '<a href="ana/">Ana Souza</a>' in listing and "data-journeys-deferred" not in listing
    assert (folder / "journeys-filter.js").is_file()


def test_hostile_names_in_the_index_lists_and_their_filters_stay_text(tmp_path: Path) -> None:
    site = build_site(copy_hostile_project(tmp_path, {"nav_max_pages": 0}))

    for section in ("personas", "maps", "stages", "touchpoints", "channels"):
        index = site / "journeys" / section / "index.html"
        html = index.read_text(encoding="utf-8")
        assert 'class="journeys-filter__list"' in html, index
        assert read_page(html).problems == [], index
    assert broken_links(site) == []
