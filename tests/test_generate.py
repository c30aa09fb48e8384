"""`mkdocs-journeys generate`: the journey pages as files in docs/<prefix>/, for engines that run no MkDocs plugins.

These tests write small projects and look at the folder the command leaves: its pages, navigation and manifest,
that it never replaces a folder holding someone's own files, that a failed run leaves the last good pages, and that
`--watch` follows the data. `tests/test_engines.py` builds what it writes with Zensical.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from conftest import VALID_FILES
from mkdocs_journeys.commands.generate import AWESOME_NAV, LITERATE_NAV, MANIFEST, watch
from mkdocs_journeys.data.schema import SCHEMAS
from mkdocs_journeys.site.markdown import WORD_JOINER
from mkdocs_journeys.site.plan import STYLESHEET, STYLESHEET_SOURCE
from sitecheck import build_site

RunCli = Callable[..., Result]
MakeProject = Callable[..., Path]

MKDOCS_YML = """\
site_name: Test
docs_dir: pages
plugins:
  - journeys:
      prefix: customers/journeys
markdown_extensions: [tables, attr_list, md_in_html, admonition]
"""


def files_in(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def test_generate_writes_every_page_with_its_diagram_the_stylesheet_schemas_and_navigation(
    make_project: MakeProject, run_cli: RunCli
) -> None:
    project = make_project({"mkdocs.yml": MKDOCS_YML})

    result = run_cli("generate", cwd=project)

    folder = project / "pages" / "customers" / "journeys"
    assert result.exit_code == 0, result.output
    assert "Wrote " in result.stdout and "pages/customers/journeys/" in result.stdout
    written = files_in(folder)
    assert {"index.md", "personas/ana.md", "maps/first-purchase.md", "stages/awareness.md"} <= written
    assert "touchpoints/blog.md" in written
    journey = (folder / "maps" / "first-purchase.md").read_text(encoding="utf-8")
    assert "<svg" in journey and "data-journeys-deferred" not in journey  # the diagram itself, not a placeholder
    assert 'xlink:href="../../personas/ana/"' in journey  # a final URL, relative to the page
    # The diagram's downloads beside the page's Markdown, where Zensical resolves the page's links to them from.
    assert {"maps/journey-first-purchase.svg", "maps/journey-first-purchase.png"} <= written
    assert '<a href="journey-first-purchase.svg" download>SVG</a>' in journey
    assert (folder / "maps/journey-first-purchase.png").read_bytes().startswith(b"\x89PNG")
    css = (folder / STYLESHEET).read_text(encoding="utf-8")
    assert css.startswith(STYLESHEET_SOURCE.read_text(encoding="utf-8"))
    assert "@container journeys-diagram (width < " in css  # the rules that choose each diagram's form
    assert {f"schemas/{kind}.schema.json" for kind in SCHEMAS} <= written
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["files"]) == written
    assert "note: the pages use the Markdown extensions" not in result.stderr


def test_generate_writes_the_navigation_for_literate_nav_and_awesome_nav(
    make_project: MakeProject, run_cli: RunCli
) -> None:
    project = make_project()

    assert run_cli("generate", cwd=project).exit_code == 0

    folder = project / "docs" / "journeys"
    literate = (folder / LITERATE_NAV).read_text(encoding="utf-8").splitlines()
    assert "- [Overview](index.md)" in literate
    assert "- Personas" in literate
    assert "    - [Ana Souza](personas/ana.md)" in literate
    awesome = yaml.safe_load((folder / AWESOME_NAV).read_text(encoding="utf-8"))
    assert awesome["title"] == "Customer journeys"
    assert awesome["nav"][0] == {"Overview": "index.md"}
    assert {"Personas": [{"Ana Souza": "personas/ana.md"}]} in awesome["nav"]


def test_names_from_yaml_are_plain_text_in_the_navigation(make_project: MakeProject, run_cli: RunCli) -> None:
    name = "Ana [boss](javascript:alert(1)) <b>*x*</b> & co"
    persona = VALID_FILES["personas/ana.yml"].replace("name: Ana Souza", f"name: '{name}'")
    project = make_project({"personas/ana.yml": persona})

    assert run_cli("generate", cwd=project).exit_code == 0

    folder = project / "docs" / "journeys"
    literate = (folder / LITERATE_NAV).read_text(encoding="utf-8")
    assert "[boss]" not in literate and "<b>" not in literate and "javascript:alert(1))" not in literate
    entry = next(line for line in literate.splitlines() if "personas/ana.md" in line)
    assert entry.startswith("    - [Ana &#91;boss&#93;&#40;javascript:alert&#40;1&#41;&#41; &#60;b&#62;")
    awesome = yaml.safe_load((folder / AWESOME_NAV).read_text(encoding="utf-8"))
    ((title, target),) = next(entry for entry in awesome["nav"] if "Personas" in entry)["Personas"][0].items()
    assert target == "personas/ana.md"
    assert "<" not in title  # Zensical inserts awesome-nav titles into the page as they are
    assert html.unescape(title).replace(WORD_JOINER, "") == name


def test_a_folder_holding_someone_elses_files_is_never_replaced(make_project: MakeProject, run_cli: RunCli) -> None:
    project = make_project({"docs/journeys/notes.md": "# Our own notes\n"})

    result = run_cli("generate", cwd=project)

    assert result.exit_code == 1
    assert "docs/journeys holds files that mkdocs-journeys generate did not write (notes.md)" in result.stderr
    assert "prefix" in result.stderr  # the hint
    assert files_in(project / "docs" / "journeys") == {"notes.md"}
    assert [p.name for p in (project / "docs").iterdir()] == ["journeys"]  # no staging folder left behind


def test_a_file_added_to_the_generated_folder_stops_the_next_run(make_project: MakeProject, run_cli: RunCli) -> None:
    project = make_project()
    assert run_cli("generate", cwd=project).exit_code == 0
    added = project / "docs" / "journeys" / "personas" / "extra.md"
    added.write_text("# Written by hand\n", encoding="utf-8")

    result = run_cli("generate", cwd=project)

    assert result.exit_code == 1
    assert "(personas/extra.md)" in result.stderr
    assert added.read_text(encoding="utf-8") == "# Written by hand\n"


def test_a_manifest_that_is_not_ours_does_not_make_the_folder_ours(make_project: MakeProject, run_cli: RunCli) -> None:
    forged = json.dumps({"generator": "something else", "files": ["index.md", MANIFEST]})
    project = make_project({f"docs/journeys/{MANIFEST}": forged, "docs/journeys/index.md": "# Mine\n"})

    assert run_cli("generate", cwd=project).exit_code == 1
    assert (project / "docs" / "journeys" / "index.md").read_text(encoding="utf-8") == "# Mine\n"


def test_regenerating_replaces_the_folder_whole(make_project: MakeProject, run_cli: RunCli) -> None:
    project = make_project({"personas/ben.yml": "name: Ben\nrole: Buyer\nsummary: Buys.\n"})
    assert run_cli("generate", cwd=project).exit_code == 0
    assert (project / "docs" / "journeys" / "personas" / "ben.md").is_file()
    (project / "personas" / "ben.yml").unlink()

    result = run_cli("generate", cwd=project)

    assert result.exit_code == 0, result.output
    assert not (project / "docs" / "journeys" / "personas" / "ben.md").exists()
    assert sorted(p.name for p in (project / "docs").iterdir()) == ["journeys"]  # no staging or old folder left


def test_data_with_errors_writes_nothing_and_keeps_the_last_good_pages(
    make_project: MakeProject, run_cli: RunCli
) -> None:
    project = make_project()
    assert run_cli("generate", cwd=project).exit_code == 0
    before = (project / "docs" / "journeys" / "personas" / "ana.md").read_text(encoding="utf-8")
    (project / "personas" / "ana.yml").write_text(VALID_FILES["personas/ana.yml"] + "age: 40\n", encoding="utf-8")

    result = run_cli("generate", cwd=project)

    assert result.exit_code == 1
    assert "personas/ana.yml:" in result.stderr and "error[unknown-key]" in result.stderr
    assert (project / "docs" / "journeys" / "personas" / "ana.md").read_text(encoding="utf-8") == before


def test_strict_fails_on_warnings_like_mkdocs_build_strict(make_project: MakeProject, run_cli: RunCli) -> None:
    project = make_project({"personas/ben.yml": "name: Ben\nrole: Buyer\nsummary: Buys.\n"})  # in no journey

    relaxed = run_cli("generate", cwd=project)
    strict = run_cli("generate", "--strict", cwd=project)

    assert relaxed.exit_code == 0 and "warning[" in relaxed.stderr
    assert strict.exit_code == 1


@pytest.mark.parametrize("prefix", ["", "/", "..", "../elsewhere"])
def test_a_prefix_that_is_not_a_folder_inside_the_docs_folder_is_refused(
    prefix: str, make_project: MakeProject, run_cli: RunCli
) -> None:
    project = make_project({"mkdocs.yml": f"site_name: T\nplugins:\n  - journeys:\n      prefix: '{prefix}'\n"})

    result = run_cli("generate", cwd=project)

    assert result.exit_code == 1
    # `..` is refused where it is set, in mkdocs.yml, like any plugin option that leaves the site; an empty prefix
    # is a folder of the site, but not one `generate` may own.
    refusal = "is not a folder of the site" if ".." in prefix else "does not name a folder inside docs/"
    assert refusal in result.stderr
    assert not (project / "docs").exists() and not (project / "elsewhere").exists()


def test_missing_markdown_extensions_are_named(make_project: MakeProject, run_cli: RunCli) -> None:
    project = make_project({"mkdocs.yml": "site_name: T\nmarkdown_extensions:\n  - toc:\n      permalink: true\n"})

    result = run_cli("generate", cwd=project)

    assert result.exit_code == 0
    assert "note: the pages use the Markdown extensions tables, attr_list, md_in_html, admonition" in result.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_ignores_the_generated_folder(make_project: MakeProject, run_cli: RunCli) -> None:
    project = make_project()
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    assert run_cli("generate", cwd=project).exit_code == 0

    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=project, capture_output=True, text=True
    )

    assert "docs/" not in status.stdout
    assert "personas/ana.yml" in status.stdout  # git sees the rest of the project


def test_watch_regenerates_after_a_change_and_reports_a_broken_file_once(make_project: MakeProject) -> None:
    project = make_project()
    page = project / "docs" / "journeys" / "personas" / "ana.md"
    outcomes: list[object] = []
    persona = project / "personas" / "ana.yml"

    def report(outcome: object) -> None:
        outcomes.append(outcome)
        if len(outcomes) == 1:  # first run done: change the data
            persona.write_text(VALID_FILES["personas/ana.yml"].replace("Ana Souza", "Ana Lima"), encoding="utf-8")
        elif len(outcomes) == 2:  # second run done: break it
            persona.write_text("name: [\n", encoding="utf-8")

    watch(project, 0.2, report, rounds=6)

    kinds = [type(outcome).__name__ for outcome in outcomes]
    assert kinds == ["Generated", "Generated", "DiagnosticsError"]  # the broken file is reported once, not per round
    assert "Ana Lima" in page.read_text(encoding="utf-8")  # the last good pages stay


def test_generate_watch_keeps_pages_current_while_it_runs(make_project: MakeProject) -> None:
    """The command itself, as `zensical serve` users run it beside the server; stopped like Ctrl+C would."""
    project = make_project()
    page = project / "docs" / "journeys" / "personas" / "ana.md"
    # faulthandler: if it ever fails to stop, SIGABRT makes it print where each of its threads is.
    command = [sys.executable, "-X", "faulthandler", "-m", "mkdocs_journeys.commands.cli", "generate", "--watch"]
    environment = {**os.environ, "NO_COLOR": "1"}
    process = subprocess.Popen(
        [*command, "--interval", "0.2"],
        cwd=project,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # Ctrl+C reaches it as in a terminal, even where the suite runs in the background (`cmd &`, some CI
        # runners): there the shell starts it with SIGINT ignored, and Python then never raises KeyboardInterrupt.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        started = _eventually(lambda: page.is_file())
        if started:
            persona = project / "personas" / "ana.yml"
            persona.write_text(VALID_FILES["personas/ana.yml"].replace("Ana Souza", "Ana Lima"), encoding="utf-8")
        updated = started and _eventually(lambda: page.is_file() and "Ana Lima" in page.read_text(encoding="utf-8"))
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl+C
        try:
            stdout, stderr = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGABRT)
            stdout, stderr = process.communicate(timeout=60)
            pytest.fail(f"generate --watch went on for 60 s after Ctrl+C:\n{stderr.decode()[-4000:]}")
    assert started and updated, f"the pages were {'not updated' if started else 'never written'}: {stderr.decode()}"
    assert process.returncode == 0, stderr
    # The second run's "Wrote …" line may not be out yet: the pages are swapped in before the report is printed,
    # and Ctrl+C can come in between. The first report, and the updated page, are what the user sees for sure.
    assert stdout.decode().count("Wrote ") >= 1
    assert "Traceback" not in stderr.decode()


def _eventually(condition: Callable[[], bool], seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_mkdocs_builds_the_same_checkout_after_generate_without_cleaning(
    make_project: MakeProject, run_cli: RunCli
) -> None:
    """One checkout, both engines: the plugin leaves the folder `generate` wrote out of an MkDocs build."""
    project = make_project({"mkdocs.yml": "site_name: T\nplugins:\n  - journeys\n", "docs/index.md": "# Home\n"})
    assert run_cli("generate", cwd=project).exit_code == 0

    site = build_site(project / "mkdocs.yml")

    assert "Ana Souza" in (site / "journeys" / "personas" / "ana" / "index.html").read_text(encoding="utf-8")
    assert not (site / "journeys" / "SUMMARY").exists()
    assert (project / "docs" / "journeys" / "personas" / "ana.md").is_file()  # left as it was


def test_a_page_of_your_own_in_the_generated_folder_still_reaches_mkdocs(
    make_project: MakeProject, run_cli: RunCli
) -> None:
    project = make_project({"mkdocs.yml": "site_name: T\nplugins:\n  - journeys\n", "docs/index.md": "# Home\n"})
    assert run_cli("generate", cwd=project).exit_code == 0
    (project / "docs" / "journeys" / "notes.md").write_text("# Our notes\n", encoding="utf-8")

    site = build_site(project / "mkdocs.yml")

    assert "Our notes" in (site / "journeys" / "notes" / "index.html").read_text(encoding="utf-8")
