"""`mkdocs-journeys validate` and the project discovery every command shares, as a user sees them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from mkdocs_journeys.data.diagnostics import DiagnosticsError
from mkdocs_journeys.data.project import find_layout

RunCli = Callable[..., Result]

BROKEN = {
    "personas/ana.yml": """\
        name: Ana Souza
        role: Office manager
        favourite_colour: blue
        """,
    "journeys/first-purchase.yml": """\
        name: First purchase
        personas: [ana]
        stages:
          - stage: awareness
            emotion: 5
        """,
    "journeys/repeat-purchase.yml": """\
        name: Repeat purchase
        personas: [anna]
        stages:
          - stage: consideraton
            touchpoints: [blog, weekly-show, sales-call]
        """,
}


# --- validate -------------------------------------------------------------------------------------------------


def test_validate_accepts_a_valid_project(valid_project: Path, run_cli: RunCli) -> None:
    result = run_cli("validate", cwd=valid_project)

    assert result.exit_code == 0, result.output
    assert "No problems found." in result.stdout
    assert "Checked 1 persona, 1 journey, 3 stages, 3 touchpoints and 1 content asset." in result.stdout


def test_validate_reports_every_error_with_file_line_col(make_project: Callable[..., Path], run_cli: RunCli) -> None:
    project = make_project(BROKEN)

    result = run_cli("validate", cwd=project)

    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "personas/ana.yml:3:1: error[unknown-key]: unknown key 'favourite_colour'" in lines
    assert (
        "journeys/first-purchase.yml:5:14: error[out-of-range]: emotion score 5 is outside the scale -2 to +2" in lines
    )
    assert "journeys/repeat-purchase.yml:2:12: error[unknown-persona]: unknown persona 'anna'" in lines
    assert "journeys/repeat-purchase.yml:4:12: error[unknown-stage]: unknown stage 'consideraton'" in lines
    assert "    hint: did you mean 'consideration'? (stages are defined in journeys/stages.yml)" in lines
    assert lines[-1] == "Found 4 errors and 0 warnings."


def test_validate_github_format_is_default_under_github_actions(
    make_project: Callable[..., Path], run_cli: RunCli
) -> None:
    project = make_project(BROKEN)

    result = run_cli("validate", cwd=project, env={"GITHUB_ACTIONS": "true"})

    assert result.exit_code == 1
    assert (
        "::error file=personas/ana.yml,line=3,col=1,title=unknown-key::unknown key 'favourite_colour'%0A"
        in result.stdout
    )
    assert "error[" not in result.stdout


def test_validate_format_option_wins_over_github_actions(make_project: Callable[..., Path], run_cli: RunCli) -> None:
    project = make_project(BROKEN)

    result = run_cli("validate", "--format", "text", cwd=project, env={"GITHUB_ACTIONS": "true"})

    assert "personas/ana.yml:3:1: error[unknown-key]" in result.stdout
    assert "::error" not in result.stdout


def test_validate_json_format_is_one_json_document(make_project: Callable[..., Path], run_cli: RunCli) -> None:
    project = make_project(BROKEN)

    result = run_cli("validate", "--format", "json", cwd=project)

    report = json.loads(result.stdout)
    assert result.exit_code == 1
    assert {(d["path"], d["line"], d["column"], d["code"]) for d in report["diagnostics"]} >= {
        ("personas/ana.yml", 3, 1, "unknown-key"),
        ("journeys/repeat-purchase.yml", 4, 12, "unknown-stage"),
    }


def test_strict_fails_on_warnings(make_project: Callable[..., Path], run_cli: RunCli) -> None:
    project = make_project({"personas/ben.yml": "name: Ben Okafor\nrole: IT manager\n"})  # takes no journey

    relaxed = run_cli("validate", cwd=project)
    strict = run_cli("validate", "--strict", cwd=project)

    assert relaxed.exit_code == 0
    assert "personas/ben.yml:1:1: warning[unused-persona]: persona 'ben' takes no journey" in relaxed.stdout
    assert strict.exit_code == 1
    assert "Failing because --strict treats warnings as errors." in strict.stdout


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"name: Ana\n\trole: Office manager\n", "tab-indent"),
        (b"name: Ana\nrole: [Office manager\n", "yaml-syntax"),
        (b"name: 'Ana\n", "yaml-syntax"),
        (b"\xff\xfeA\x00", "not-utf8"),
        (b"name: Ana \xe9\n", "not-utf8"),
        (b"\x00\x01\x02", "binary-file"),
        (b"", "empty-file"),
        (b"- name: Ana\n", "not-a-mapping"),
        (b"name: !!python/object/apply:os.system [echo hacked]\nrole: x\n", "unsafe-tag"),
        (b"name: Ana\nname: Ann\nrole: x\n", "duplicate-key"),
        (b"name: &a [*a]\nrole: x\n", "too-deep"),
        (b"id: ana\nname: Ana\nrole: x\n", "implied-key"),
    ],
)
def test_validate_never_shows_a_traceback_for_bad_data(
    make_project: Callable[..., Path], run_cli: RunCli, content: bytes, code: str
) -> None:
    project = make_project()
    (project / "personas" / "ana.yml").write_bytes(content)

    result = run_cli("validate", cwd=project)

    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"error[{code}]" in result.stdout, result.stdout


def test_validate_explains_missing_data_folders(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("validate", cwd=tmp_path)

    assert result.exit_code == 1
    assert "error[missing-folder]: the personas folder 'personas' does not exist" in result.stdout
    assert "hint: create it, or set `personas_dir`" in result.stdout


def test_validate_paths_are_relative_to_the_current_folder(make_project: Callable[..., Path], run_cli: RunCli) -> None:
    project = make_project(BROKEN, name="site")

    result = run_cli("validate", "site", cwd=project.parent)

    assert "site/personas/ana.yml:3:1: error[unknown-key]" in result.stdout


def test_validate_reads_the_data_folders_from_mkdocs_yml(tmp_path: Path, valid_project: Path, run_cli: RunCli) -> None:
    site = tmp_path / "site"
    shutil.copytree(valid_project / "personas", site / "data" / "people")
    shutil.copytree(valid_project / "journeys", site / "data" / "maps")
    (site / "mkdocs.yml").write_text(
        "site_name: !ENV [SITE_NAME, 'Journeys']\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n"
        "  - search\n"
        "  - journeys:\n"
        "      personas_dir: data/people\n"
        "      journeys_dir: data/maps\n",
        encoding="utf-8",
    )

    result = run_cli("validate", cwd=site)

    assert result.exit_code == 0, result.stdout
    assert "No problems found." in result.stdout


def test_validate_reports_a_broken_mkdocs_yml_with_its_position(tmp_path: Path, run_cli: RunCli) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - journeys:\n    personas_dir: [\n")

    result = run_cli("validate", cwd=tmp_path)

    assert result.exit_code == 1
    assert "mkdocs.yml:5:1: error[mkdocs-config]: YAML syntax error" in result.stdout
    assert "Traceback" not in result.output


def test_validate_of_a_missing_path_is_a_clear_usage_error(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("validate", "no-such-folder", cwd=tmp_path)

    assert result.exit_code == 2
    assert "'no-such-folder' does not exist" in result.stderr


def test_console_script_runs_validate(make_project: Callable[..., Path]) -> None:
    project = make_project(BROKEN)
    script = shutil.which("mkdocs-journeys") or pytest.skip("the mkdocs-journeys script is not installed")

    env = {name: value for name, value in os.environ.items() if name != "GITHUB_ACTIONS"}

    result = subprocess.run([script, "validate", str(project)], capture_output=True, text=True, env=env, check=False)

    assert result.returncode == 1
    assert "personas/ana.yml:3:1: error[unknown-key]" in result.stdout
    assert result.stderr == ""


def test_console_script_prints_help_and_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_journeys.commands.cli", "--help"], capture_output=True, text=True, check=False
    )
    script = shutil.which("mkdocs-journeys") or pytest.skip("the mkdocs-journeys script is not installed")
    version = subprocess.run([script, "--version"], capture_output=True, text=True, check=False)

    assert result.returncode == 0
    for command in ("validate", "schema", "new", "export"):
        assert command in result.stdout
    assert version.stdout.startswith("mkdocs-journeys, version ")


# --- finding the data folders ---------------------------------------------------------------------------------


def test_find_layout_defaults_to_personas_and_journeys(tmp_path: Path) -> None:
    folders = find_layout(tmp_path)

    assert (folders.personas, folders.journeys, folders.root) == (
        tmp_path / "personas",
        tmp_path / "journeys",
        tmp_path,
    )


@pytest.mark.parametrize(
    "plugins",
    [
        "plugins:\n  - search\n  - journeys:\n      personas_dir: people\n      journeys_dir: maps\n",
        "plugins:\n  search: {}\n  journeys:\n    personas_dir: people\n    journeys_dir: maps\n",
        "plugins:\n  - journeys: {personas_dir: people, journeys_dir: maps}\n  - search\n",
    ],
    ids=["list-of-mappings", "mapping", "flow-mapping"],
)
def test_find_layout_reads_every_shape_of_plugins(tmp_path: Path, plugins: str) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n" + plugins)

    folders = find_layout(tmp_path)

    assert (folders.personas, folders.journeys) == (tmp_path / "people", tmp_path / "maps")


@pytest.mark.parametrize("plugins", ["plugins:\n  - journeys\n", "plugins:\n  - search\n", "plugins:\n", ""])
def test_find_layout_uses_defaults_when_the_plugin_has_no_options(tmp_path: Path, plugins: str) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n" + plugins)

    assert find_layout(tmp_path).personas == tmp_path / "personas"


def test_find_layout_accepts_the_path_of_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - journeys:\n      journeys_dir: maps\n")

    folders = find_layout(tmp_path / "mkdocs.yml")

    assert (folders.root, folders.journeys) == (tmp_path, tmp_path / "maps")


def test_find_layout_follows_inherit(tmp_path: Path) -> None:
    (tmp_path / "base.yml").write_text("plugins:\n  - journeys:\n      personas_dir: people\n")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "mkdocs.yml").write_text("INHERIT: ../base.yml\nsite_name: x\n")

    assert find_layout(tmp_path / "site").personas == tmp_path / "site" / "people"


def test_find_layout_never_runs_code_from_mkdocs_yml(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    (tmp_path / "mkdocs.yml").write_text(
        f"hook: !!python/object/apply:os.system ['touch {marker}']\n"
        "other: !!python/object/new:pathlib.Path ['x']\n"
        "env: !ENV HOME\n"
        "plugins: [journeys]\n"
    )

    find_layout(tmp_path)

    assert not marker.exists()


def test_find_layout_rejects_an_option_that_is_not_a_path(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - journeys:\n      personas_dir: [a, b]\n")

    with pytest.raises(DiagnosticsError) as raised:
        find_layout(tmp_path)

    problem = raised.value.diagnostics[0]
    assert (problem.line, problem.code) == (3, "mkdocs-config")
    assert "`personas_dir` should be a folder path" in problem.message


def test_an_unexpected_failure_is_one_line_asking_for_a_bug_report(
    valid_project: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr("mkdocs_journeys.commands.cli.load_catalog", broken)
    monkeypatch.delenv("MKDOCS_JOURNEYS_DEBUG")

    result = run_cli("validate", cwd=valid_project)

    assert result.exit_code == 1
    assert "Error: internal error: RuntimeError: something nobody expected" in result.stderr
    assert "please report it" in result.stderr
    assert "Traceback" not in result.output
