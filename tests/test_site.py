"""The generated site as staff see it: every entity has a page, links work, the user's own site is respected."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from sitecheck import broken_links, build_site, copy_example_project, page_html, write_project


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("example")
    config = copy_example_project(project)
    return build_site(config, site_dir=project / "site")


def _export() -> dict[str, list[dict[str, object]]]:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_journeys.commands.cli", "export", "--format", "json", "."],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return json.loads(result.stdout)


def test_every_exported_entity_of_the_example_has_its_page(example_site: Path) -> None:
    exported = _export()
    folders = {
        "personas": "personas",
        "journeys": "maps",
        "stages": "stages",
        "touchpoints": "touchpoints",
        "opportunities": "opportunities",
        "sources": "research",
    }
    for kind, folder in folders.items():
        assert exported[kind], f"the example data has no {kind}"
        for entity in exported[kind]:
            page = example_site / "journeys" / folder / str(entity["id"]) / "index.html"
            assert page.is_file(), f"no page for {kind} {entity['id']}"
            name = str(entity.get("name") or entity.get("title"))
            assert name.split()[0] in page.read_text(encoding="utf-8")


def test_example_site_has_no_broken_internal_links(example_site: Path) -> None:
    assert broken_links(example_site) == []


def test_touchpoint_page_lists_every_persona_journey_and_stage_that_uses_it(tmp_path: Path) -> None:
    site = build_site(write_project(tmp_path))
    html = page_html(site, "journeys/touchpoints/blog.md")
    assert 'href="../../personas/sam/"' in html
    assert 'href="../../maps/sam-buys/"' in html
    assert 'href="../../stages/awareness/"' in html and 'href="../../stages/decision/"' in html


def test_persona_page_reaches_its_journeys_and_touchpoints(tmp_path: Path) -> None:
    site = build_site(write_project(tmp_path))
    html = page_html(site, "journeys/personas/sam.md")
    for target in ("maps/sam-buys/", "touchpoints/blog/", "touchpoints/demo/", "channels/web/"):
        assert f'href="../../{target}"' in html


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_links_resolve_with_either_url_style(tmp_path: Path, use_directory_urls: bool) -> None:
    site = build_site(write_project(tmp_path, use_directory_urls=use_directory_urls))
    assert (
        site / ("journeys/maps/sam-buys/index.html" if use_directory_urls else "journeys/maps/sam-buys.html")
    ).exists()
    assert broken_links(site) == []


def test_site_under_a_sub_path_uses_only_relative_links(tmp_path: Path) -> None:
    site = build_site(write_project(tmp_path, site_url="https://org.github.io/repo/"))
    assert broken_links(site) == []  # also rejects links starting with "/", which would leave /repo/
    assert "https://org.github.io/repo/journeys/maps/sam-buys/" in (site / "sitemap.xml").read_text()


def test_nav_placeholder_places_the_section_with_the_users_title(tmp_path: Path) -> None:
    nav = [{"Home": "index.md"}, {"Our customers": "journeys/index.md"}, {"About": "about.md"}]
    site = build_site(write_project(tmp_path, {"docs/about.md": "# About\n"}, nav=nav))
    html = page_html(site, "index.md")
    titles = [m for m in re.findall(r">\s*(Home|Our customers|About|Customer journeys)\s*<", html)]
    assert titles.index("Our customers") < titles.index("About")
    assert "Customer journeys" not in titles


def test_nav_without_placeholder_appends_the_section(tmp_path: Path) -> None:
    site = build_site(
        write_project(tmp_path, {"docs/about.md": "# About\n"}, nav=[{"About": "about.md"}, {"Home": "index.md"}])
    )
    html = page_html(site, "index.md")
    assert html.index(">About<") < html.index("Customer journeys")


@pytest.mark.parametrize("prefix", ["cj", "cj/", "/cj", "./cj"])
def test_nav_placeholder_is_found_however_the_prefix_is_written_without_an_overview(
    tmp_path: Path, prefix: str
) -> None:
    nav = [{"Home": "index.md"}, {"Our customers": "cj/index.md"}, {"About": "about.md"}]
    options = {"prefix": prefix, "pages": ["persona", "journey", "stage", "touchpoint", "channel"]}
    site = build_site(write_project(tmp_path, {"docs/about.md": "# About\n"}, plugin_options=options, nav=nav))
    html = page_html(site, "index.md")
    assert html.index(">Our customers<") < html.index("Sam Rivera") < html.index(">About<")
    assert broken_links(site) == []


def test_a_channel_only_a_persona_prefers_has_its_page_in_the_nav(tmp_path: Path) -> None:
    persona = "name: Sam Rivera\nrole: Bakery owner\npreferred_channels: [chat, web]\n"
    site = build_site(write_project(tmp_path, {"personas/sam.yml": persona}))
    html = page_html(site, "journeys/channels/chat.md")
    nav = html[: html.index("<h1")]
    assert 'href="./"' in nav or "channels/chat/" in nav, "the Chat page is not in the navigation"
    assert "Chat" in nav
    assert ">Chat<" in page_html(site, "index.md") or "channels/chat/" in page_html(site, "index.md")


def test_stages_are_listed_in_customer_order_not_alphabetically(tmp_path: Path) -> None:
    site = build_site(write_project(tmp_path))
    html = page_html(site, "journeys/index.md")
    nav = html[html.index("Stages") :]
    assert nav.index("Awareness") < nav.index("Consideration") < nav.index("Decision")


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


def test_build_leaves_users_docs_and_data_untouched(tmp_path: Path) -> None:
    config = write_project(tmp_path, {"docs/guide.md": "# Guide\n"})
    before = {name: _digest(tmp_path / name) for name in ("docs", "personas", "journeys")}
    site = build_site(config)
    assert {name: _digest(tmp_path / name) for name in before} == before
    assert "Guide" in page_html(site, "guide.md")


def test_template_override_replaces_the_shipped_template_by_name(tmp_path: Path) -> None:
    override = "# {{ persona.name }}\n\nOur own persona layout for {{ persona.role }}.\n"
    config = write_project(
        tmp_path, {"overrides/persona.md.j2": override}, plugin_options={"templates_dir": "overrides"}
    )
    html = page_html(build_site(config), "journeys/personas/sam.md")
    assert "Our own persona layout for Bakery owner." in html


def test_invalid_data_fails_the_build_with_the_diagnostic_and_writes_nothing(tmp_path: Path) -> None:
    config = write_project(tmp_path, {"personas/sam.yml": "name: Sam\nrole: Owner\npain_point: paperwork\n"})
    site = tmp_path / "site"
    site.mkdir()
    (site / "previous.html").write_text("the last good site")
    result = subprocess.run(["mkdocs", "build", "--strict", "-f", str(config)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "personas/sam.yml:3:1: error[unknown-key]: unknown key 'pain_point'" in result.stderr
    assert "did you mean 'pain_points'?" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in site.iterdir()] == ["previous.html"]


def test_unknown_stage_in_a_journey_fails_the_build_suggesting_the_nearest(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = write_project(
        tmp_path, {"journeys/sam-buys.yml": "name: J\npersonas: [sam]\nstages: [{stage: awarenes}]\n"}
    )
    with pytest.raises(Abort):
        build_site(config)
    assert "journeys/sam-buys.yml:3:18: error[unknown-stage]: unknown stage 'awarenes'" in caplog.text
    assert "did you mean 'awareness'?" in caplog.text
    assert "unused" not in caplog.text  # warnings that follow from the error would only be noise


def test_warnings_fail_a_strict_build(tmp_path: Path) -> None:
    config = write_project(tmp_path, {"personas/lee.yml": "name: Lee\nrole: Shopper\n"})
    with pytest.raises(Abort, match="strict mode"):
        build_site(config)


def test_hostile_text_is_shown_as_text_never_as_markup(tmp_path: Path) -> None:
    persona = (
        'name: "Sam <script>alert(1)</script>"\n'
        'role: "[click](javascript:alert(1)) ![x](data:x) *bold* | cell"\n'
        "summary: '\"><img src=x onerror=alert(1)> :smile: {: .x}'\n"
    )
    site = build_site(write_project(tmp_path, {"personas/sam.yml": persona}))
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html
        assert "<img src=x" not in html and 'href="javascript:' not in html
    html = page_html(site, "journeys/personas/sam.md")
    assert "&#60;script&#62;alert&#40;1&#41;" in html  # shown to the reader as the literal text


def test_builtin_mkdocs_theme_and_material_both_build_strict(tmp_path: Path) -> None:
    build_site(write_project(tmp_path / "mkdocs"))
    site = build_site(write_project(tmp_path / "material", theme={"name": "material"}))
    assert "md-nav" in page_html(site, "journeys/index.md")


def test_disabled_page_kind_leaves_plain_names_and_no_broken_links(tmp_path: Path) -> None:
    options = {"pages": ["overview", "persona", "journey", "stage"]}
    site = build_site(write_project(tmp_path, plugin_options=options))
    assert not (site / "journeys/touchpoints").exists()
    html = page_html(site, "journeys/maps/sam-buys.md")
    assert "Sales demo" in html and "touchpoints/demo" not in html
    assert broken_links(site) == []


def test_diagrams_and_charts_reach_the_page_whole_and_stay_out_of_search(example_site: Path) -> None:
    """They are put in after Markdown (deferred.py): the reader must see every one, exactly once, and search must
    not index diagram labels."""
    page = (example_site / "journeys/maps/first-ebike-online/index.html").read_text(encoding="utf-8")
    assert "data-journeys-deferred" not in page
    assert page.count('class="journeys-svg"') == 2  # the journey diagram, wide and narrow
    assert page.count('<div class="journeys-chart-figure">') == 1  # the funnel (the emotion curve is in the map)
    assert page.count("Journey diagram: ") == 2
    for html in (example_site / "journeys").rglob("*.html"):
        assert "data-journeys-deferred" not in html.read_text(encoding="utf-8"), html
    index = (example_site / "search/search_index.json").read_text(encoding="utf-8")
    assert "<svg" not in index and "LEGEND" not in index


def test_rebuilds_read_unchanged_yaml_from_the_cache_and_see_every_edit(tmp_path: Path) -> None:
    config = write_project(tmp_path, plugin_options={"cache_dir": "build-cache"})
    build_site(config)
    cache = tmp_path / "build-cache" / "parsed-yaml.marshal"
    assert cache.is_file() and (tmp_path / "build-cache" / ".gitignore").is_file()
    persona = tmp_path / "personas/sam.yml"
    persona.write_text(persona.read_text(encoding="utf-8").replace("Sam", "Samira"), encoding="utf-8")
    site = build_site(config)
    assert "Samira Rivera" in page_html(site, "journeys/personas/sam.md")
    cache.write_bytes(b"damaged")
    persona.write_text(persona.read_text(encoding="utf-8").replace("Samira", "Sami"), encoding="utf-8")
    assert "Sami Rivera" in page_html(build_site(config), "journeys/personas/sam.md")


def test_a_users_page_at_the_address_of_a_generated_page_is_named_not_dropped_silently(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # docs/journeys/maps/sam-buys/index.md and the generated journeys/maps/sam-buys.md both write
    # journeys/maps/sam-buys/index.html: the nav listed "Mine" and opened the journey map, and --strict passed.
    config = write_project(tmp_path, {"docs/journeys/maps/sam-buys/index.md": "# Mine\n\nOur own notes.\n"})

    with pytest.raises(Abort, match="strict mode"):
        build_site(config, site_dir=tmp_path / "site")
    site = build_site(config, site_dir=tmp_path / "site", strict=False)

    assert "docs/journeys/maps/sam-buys/index.md is not published" in caplog.text
    assert "journeys/maps/sam-buys.md has the same address, journeys/maps/sam-buys/" in caplog.text
    html = page_html(site, "journeys/maps/sam-buys.md")
    assert "Sam buys invoicing software" in html and ">Mine<" not in html
    assert broken_links(site) == []
