"""A new user's first ten minutes, as the guide tells them, ending with a good pull request and a broken one.

In an empty git repository: the files and commands of "Getting started", the workflows of "Deploying", pushed to
a local stand-in for GitHub. Then two pull requests are checked by running the pull-request workflow's own steps
(read from .github/workflows/pull-request.yml, so the test runs what GitHub runs): a good one passes and leaves a
site and a review summary, a broken one is rejected with annotations on the broken lines. Installing is the one
step left out: the package under test is already installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from guideblocks import commands, titled

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "pull-request.yml"
CHECK_STEPS = ("summary", "validate", "build")
BIN = Path(sys.executable).parent


@dataclass
class StepRun:
    returncode: int
    output: str


def shell(repo: Path, script: str, env: dict[str, str] | None = None) -> StepRun:
    """Run `script` the way a workflow's `run:` is run: bash, stop at the first failing command."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "MKDOCS_JOURNEYS_"))
    }
    environment.update(
        PATH=f"{BIN}{os.pathsep}{environment.get('PATH', '')}",
        GIT_AUTHOR_NAME="New User",
        GIT_AUTHOR_EMAIL="new.user@example.com",
        GIT_COMMITTER_NAME="New User",
        GIT_COMMITTER_EMAIL="new.user@example.com",
        NO_MKDOCS_2_WARNING="1",
        **(env or {}),
    )
    completed = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=repo,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return StepRun(completed.returncode, completed.stdout + completed.stderr)


def ok(repo: Path, script: str) -> str:
    run = shell(repo, script)
    assert run.returncode == 0, f"{script}\n{run.output}"
    return run.output


def write(repo: Path, relative: str, text: str) -> None:
    path = repo / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def pull_request_checks(repo: Path, summary_file: Path) -> dict[str, StepRun]:
    """Each check step of the pull-request workflow, run as GitHub runs it on a pull request into main."""
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["check"]["steps"]
    env = {"GITHUB_ACTIONS": "true", "GITHUB_BASE_REF": "main", "GITHUB_STEP_SUMMARY": str(summary_file)}
    summary_file.write_text("", encoding="utf-8")
    return {s["id"]: shell(repo, s["run"], env) for s in steps if s.get("id") in CHECK_STEPS}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository made by following the guide, with its first commit pushed to `main` of a stand-in remote."""
    root = tmp_path_factory.mktemp("new-user")
    ok(root, "git init --quiet --bare --initial-branch=main github.git")
    repo = root / "our-journeys"
    repo.mkdir()
    ok(repo, "git init --quiet --initial-branch=main && git remote add origin ../github.git")

    write(repo, "requirements.txt", titled("getting-started.md", "requirements.txt"))
    for command in commands("getting-started.md", "mkdocs-journeys"):
        ok(repo, command)
    for name in ("mkdocs.yml", "docs/index.md", ".gitignore"):
        write(repo, name, titled("getting-started.md", name))
    for name in ("pull-request.yml", "publish.yml"):
        write(repo, f".github/workflows/{name}", titled("deploy.md", f".github/workflows/{name}"))
    ok(repo, 'git add . && git commit --quiet -m "Our first customer journey" && git push --quiet -u origin main')
    return repo


def test_the_guide_gives_a_repository_that_validates_and_builds(published: Path) -> None:
    assert "No problems found." in ok(published, "mkdocs-journeys validate")
    ok(published, "mkdocs build --strict")

    site = published / "site"
    assert (site / "journeys" / "personas" / "first-customer" / "index.html").is_file()
    assert (site / "journeys" / "maps" / "first-purchase" / "index.html").is_file()
    assert (site / "schemas" / "persona.schema.json").is_file()
    first_line = (published / "personas" / "first-customer.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schemas/persona.schema.json"
    assert ok(published, "git status --porcelain") == "", "the build leaves files git would pick up"


def test_a_good_pull_request_passes_every_check_and_is_summarised(published: Path, tmp_path: Path) -> None:
    ok(published, "git checkout --quiet -b better-persona main")
    persona = published / "personas" / "first-customer.yml"
    persona.write_text(persona.read_text(encoding="utf-8").replace("name: Alex Morgan", "name: Alex Martin"))
    ok(published, 'git commit --quiet -am "Rename the persona"')

    runs = pull_request_checks(published, tmp_path / "summary.md")

    assert {step: run.returncode for step, run in runs.items()} == {"summary": 0, "validate": 0, "build": 0}
    assert "::error" not in runs["validate"].output
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("## Journey data: `origin/main` → `HEAD`\n\nChanged 1 persona.\n")
    assert "- `name`: “Alex Morgan” → “Alex Martin”" in summary
    assert (published / "site" / "index.html").is_file()


def test_a_broken_pull_request_is_rejected_with_annotations_on_the_broken_lines(
    published: Path, tmp_path: Path
) -> None:
    ok(published, "git checkout --quiet -b broken main")
    persona = published / "personas" / "first-customer.yml"
    lines = persona.read_text(encoding="utf-8").splitlines(keepends=True)
    role_line = next(number for number, line in enumerate(lines, 1) if line.startswith("role:"))
    lines.insert(role_line, "favourite_colour: blue\n")
    persona.write_text("".join(lines), encoding="utf-8")
    journey = published / "journeys" / "first-purchase.yml"
    journey.write_text(journey.read_text(encoding="utf-8").replace("stage: purchase", "stage: purchse"))
    ok(published, 'git commit --quiet -am "Break the data"')

    runs = pull_request_checks(published, tmp_path / "summary.md")

    assert runs["validate"].returncode == 1
    annotations = [line for line in runs["validate"].output.splitlines() if line.startswith("::error ")]
    assert f"::error file=personas/first-customer.yml,line={role_line + 1},col=1,title=unknown-key::" in (
        "\n".join(annotations)
    )
    assert any(a.startswith("::error file=journeys/first-purchase.yml,") and "purchse" in a for a in annotations)
    assert runs["build"].returncode != 0
    assert "unknown-key" in runs["build"].output
    assert runs["summary"].returncode == 0
    assert "**The data at `HEAD` has 2 errors**" in (tmp_path / "summary.md").read_text(encoding="utf-8")
