"""The example site on the three engines the guide names: MkDocs 1.6 with the plugin, ProperDocs with the plugin,
and Zensical after `mkdocs-journeys generate`.

Each engine builds its own copy of the example with `--strict`, as each one's own command line does it; the tests
compare what a visitor gets: the same pages, a page for every persona, journey, stage and touchpoint, no broken link
(diagram links included), and the generated section in the navigation.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO_ROOT
from guideblocks import commands, titled
from mkdocs_journeys.data.load import load_catalog
from mkdocs_journeys.data.project import find_layout
from mkdocs_journeys.site.links import page_url
from mkdocs_journeys.site.pages import PAGE_KIND_NAMES as PAGE_KINDS
from mkdocs_journeys.site.plan import MARKDOWN_EXTENSIONS, STYLESHEET, plan_site
from sitecheck import build_site, check_links, copy_example_project, copy_hostile_project, read_page

ENGINES = ("mkdocs", "properdocs", "zensical")
BIN = Path(sys.executable).parent
ZENSICAL_CONFIG = REPO_ROOT / "zensical.toml"


def run(*command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "DISABLE_MKDOCS_2_WARNING")}
    completed = subprocess.run(
        list(command), cwd=cwd, env={**environment, "NO_COLOR": "1"}, capture_output=True, text=True, timeout=300
    )
    assert completed.returncode == 0, f"{command}\n{completed.stdout}\n{completed.stderr}"
    return completed


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example built by each engine, each from its own copy of the project."""
    built = {}
    for engine in ENGINES:
        config = copy_example_project(tmp_path_factory.mktemp(engine))
        project = config.parent
        if engine == "mkdocs":
            built[engine] = build_site(config)
        elif engine == "properdocs":
            run(str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml", cwd=project)
            built[engine] = project / "site"
        else:
            shutil.copy(ZENSICAL_CONFIG, project / ZENSICAL_CONFIG.name)
            run(str(BIN / "mkdocs-journeys"), "generate", "--strict", cwd=project)
            run(str(BIN / "zensical"), "build", "--strict", cwd=project)
            built[engine] = project / "site"
    return built


def pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html") if path.name != "404.html"}


def journey_pages() -> dict[str, str]:
    """Every generated page of the example, as the built file a visitor reaches: {kind:id: path}."""
    journey_map = load_catalog(find_layout(REPO_ROOT)).journey_map
    assert journey_map is not None
    site = plan_site(journey_map, prefix="journeys", kinds=list(PAGE_KINDS), templates_dir=None)
    return {f"{page.kind}:{page.entity_id}": page_url(page.src_uri, True) + "index.html" for page in site.pages}


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_each_engine_builds_the_same_pages_as_mkdocs(engine: str, sites: dict[str, Path]) -> None:
    assert pages(sites[engine]) == pages(sites["mkdocs"])


@pytest.mark.parametrize("engine", ENGINES)
def test_every_persona_journey_stage_and_touchpoint_has_a_page(engine: str, sites: dict[str, Path]) -> None:
    expected = journey_pages()
    built = pages(sites[engine])

    assert {key.split(":")[0] for key in expected} >= {"persona", "journey", "stage", "touchpoint"}
    assert [key for key, path in expected.items() if path not in built] == []


@pytest.mark.parametrize("engine", ENGINES)
def test_no_link_is_broken(engine: str, sites: dict[str, Path]) -> None:
    report = check_links(sites[engine])

    assert report.checked > 5000
    assert report.problems == []


def diagram_links(html: str) -> list[str]:
    return re.findall(r'<a [^>]*xlink:href="([^"]*)"', html)


def test_zensical_journey_maps_have_the_same_clickable_diagrams_as_mkdocs(sites: dict[str, Path]) -> None:
    maps = [path for path in journey_pages().values() if path.startswith("journeys/maps/")]

    assert maps
    for path in maps:
        zensical = (sites["zensical"] / path).read_text(encoding="utf-8")
        mkdocs = (sites["mkdocs"] / path).read_text(encoding="utf-8")
        assert diagram_links(zensical), path
        assert diagram_links(zensical) == diagram_links(mkdocs), path  # they lead where they lead under MkDocs
        for href in diagram_links(zensical):  # and there is a page there (check_links covers the whole site)
            target, _, fragment = href.partition("#")  # a pain note links to its stage's section of the page
            page = (sites["zensical"] / path).parent.joinpath(target, "index.html").resolve()
            assert page.is_file(), href
            assert not fragment or f'id="{fragment}"' in page.read_text(encoding="utf-8"), href


def nav_links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)" class="md-nav__link', html)


def test_zensical_shows_the_generated_section_in_the_navigation(sites: dict[str, Path]) -> None:
    overview = (sites["zensical"] / "journeys" / "index.html").read_text(encoding="utf-8")

    linked = {os.path.normpath(f"journeys/{href}") for href in nav_links(overview)}
    for key, path in journey_pages().items():
        if key.split(":")[0] in ("persona", "journey", "stage", "channel"):
            assert os.path.normpath(path.removesuffix("index.html")) in linked, key


@pytest.mark.parametrize("engine", ENGINES)
def test_journey_pages_use_the_journeys_stylesheet(engine: str, sites: dict[str, Path]) -> None:
    page = sites[engine] / "journeys" / "index.html"

    stylesheets = re.findall(r'<link [^>]*href="([^"]*journeys\.css)"', page.read_text(encoding="utf-8"))

    assert len(stylesheets) == 1
    assert (page.parent / stylesheets[0]).resolve().is_file()
    assert stylesheets[0].endswith(STYLESHEET)


def test_the_mkdocs_command_points_to_properdocs_and_properdocs_does_not(tmp_path: Path) -> None:
    """ProperDocs' way for a plugin to declare support: `mkdocs` then tells users that `properdocs` runs it."""
    project = copy_example_project(tmp_path / "example").parent

    with_mkdocs = run(str(BIN / "mkdocs"), "build", cwd=project)
    with_properdocs = run(str(BIN / "properdocs"), "build", "-f", "mkdocs.yml", cwd=project)

    assert "pip install properdocs" in with_mkdocs.stderr
    assert "pip install properdocs" not in with_properdocs.stderr


# --- the example's Zensical configuration ---------------------------------------------------------------------


def mkdocs_yml() -> dict[str, Any]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return dict(yaml.load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader))


def zensical_toml() -> dict[str, Any]:
    return dict(tomllib.loads(ZENSICAL_CONFIG.read_text(encoding="utf-8"))["project"])


def names(entries: list[Any]) -> list[str]:
    return [next(iter(entry)) if isinstance(entry, dict) else entry for entry in entries]


def test_the_zensical_config_says_what_mkdocs_yml_says() -> None:
    mkdocs, zensical = mkdocs_yml(), zensical_toml()

    for key in ("site_name", "site_description", "site_url", "repo_url", "edit_uri"):
        assert zensical[key] == mkdocs[key], key
    assert zensical["theme"]["features"] == mkdocs["theme"]["features"]
    assert zensical["theme"]["palette"] == mkdocs["theme"]["palette"]
    assert sorted(zensical["markdown_extensions"]) == sorted(names(mkdocs["markdown_extensions"]))
    assert zensical["extra_css"] == [f"journeys/{STYLESHEET}"]


def test_the_zensical_nav_is_the_mkdocs_nav_with_the_generated_folder() -> None:
    """Under MkDocs the plugin puts its section where the nav names journeys/index.md; literate-nav expands a
    folder, from the .nav.md that `generate` writes there."""
    mkdocs_nav = [
        {"Customer journeys": "journeys/"} if entry == {"Customer journeys": "journeys/index.md"} else entry
        for entry in mkdocs_yml()["nav"]
    ]
    plugins = zensical_toml()["plugins"]

    assert zensical_toml()["nav"] == mkdocs_nav
    assert plugins["literate-nav"] == {"nav_file": ".nav.md"}


# --- names from YAML under Zensical -----------------------------------------------------------------------------

HOSTILE_ZENSICAL = {
    # literate-nav titles are Markdown: `generate` writes them as character references.
    "literate-nav": 'nav = [{ "Journeys" = "journeys/" }]\n\n[project.plugins.literate-nav]\nnav_file = ".nav.md"\n',
    # Zensical inserts awesome-nav titles as they are: `generate` writes them HTML-escaped.
    "awesome-nav": "\n[project.plugins.awesome-nav]\n",
}


@pytest.mark.parametrize("navigation", HOSTILE_ZENSICAL)
def test_nothing_from_the_data_can_run_on_a_zensical_page(navigation: str, tmp_path: Path) -> None:
    project = copy_hostile_project(tmp_path).parent
    config = f'[project]\nsite_name = "Hostile site"\nextra_css = ["journeys/{STYLESHEET}"]\n'
    extensions = "".join(f"[project.markdown_extensions.{name}]\n" for name in MARKDOWN_EXTENSIONS)
    (project / "zensical.toml").write_text(config + HOSTILE_ZENSICAL[navigation] + extensions, encoding="utf-8")

    run(str(BIN / "mkdocs-journeys"), "generate", cwd=project)
    run(str(BIN / "zensical"), "build", cwd=project)

    site = project / "site"
    built = sorted(site.rglob("*.html"))
    assert len(built) > 10
    problems = [f"{p.relative_to(site)}: {problem}" for p in built for problem in read_page(p.read_text()).problems]
    assert problems == []


# --- the guide's "Choosing an engine" -----------------------------------------------------------------------------


def test_the_guide_runs_the_commands_these_tests_run() -> None:
    assert commands("engines.md", "zensical") == ["zensical build --strict", "zensical serve"]
    assert commands("engines.md", "properdocs") == [
        "properdocs build --strict -f mkdocs.yml",
        "properdocs serve -f mkdocs.yml",
    ]
    assert commands("engines.md", "mkdocs-journeys") == [
        "mkdocs-journeys generate --strict",
        "mkdocs-journeys generate --watch",
    ]
    build_step = yaml.safe_load(titled("engines.md", "the build step (Zensical)"))[0]
    assert build_step["run"].split("\n")[:2] == ["mkdocs-journeys generate --strict", "zensical build --strict"]


def test_the_guide_shows_the_settings_of_this_repositorys_zensical_config() -> None:
    shown = tomllib.loads(titled("engines.md", "zensical.toml (the journeys settings)"))["project"]
    ours = zensical_toml()

    assert shown["extra_css"] == ours["extra_css"]
    assert shown["plugins"]["literate-nav"] == ours["plugins"]["literate-nav"]
    assert {"Customer journeys": "journeys/"} in shown["nav"] and {"Customer journeys": "journeys/"} in ours["nav"]
