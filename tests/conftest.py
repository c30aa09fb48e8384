"""Shared fixtures: small example projects written into temporary folders, and a way to run the command line.

Keep these generic; test modules build on them with their own files.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mkdocs_journeys.commands.cli import DEBUG_VARIABLE, main
from sitecheck import write_files

REPO_ROOT = Path(__file__).resolve().parent.parent

# A complete project without a single warning: every persona takes a journey, every touchpoint is used.
VALID_FILES: dict[str, str] = {
    "personas/ana.yml": """\
        name: Ana Souza
        role: Office manager
        summary: Buys the tools for a team of twelve.
        goals: [Spend less time on admin]
        pain_points: ["I never know the final price."]
        preferred_channels: [email, web]
        """,
    "journeys/stages.yml": """\
        stages:
          - id: awareness
            name: Awareness
            phase: before
          - id: consideration
            name: Consideration
            phase: before
          - id: purchase
            name: Purchase
            phase: during
        """,
    "journeys/touchpoints.yml": """\
        channels:
          - id: podcast
            name: Podcast
        touchpoints:
          - id: blog
            name: Blog
            channel: web
            owner: Marketing
          - id: weekly-show
            name: Weekly show
            channel: podcast
          - id: sales-call
            name: Sales call
            channel: phone
            survey:
              questions: [How helpful was the call?]
        """,
    "journeys/content.yml": """\
        assets:
          - id: pricing-guide
            title: Pricing guide
            format: comparison-guide
            stages: [consideration]
            personas: [ana]
        """,
    "journeys/first-purchase.yml": """\
        name: First purchase
        personas: [ana]
        stages:
          - stage: awareness
            touchpoints: [blog, weekly-show]
            emotion: 1
          - stage: consideration
            touchpoints: sales-call
            emotion: {score: -1, note: Prices are unclear}
            content:
              existing: [pricing-guide]
            entering: 400
          - stage: purchase
            kpis:
              - name: Orders
                target: 100
                actual: 80
        """,
}


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """`make_project({"personas/ben.yml": "...", "journeys/content.yml": None})`: the valid project, changed.

    `make_project(valid=False, files={...})` starts from an empty folder instead.
    """

    def make(files: Mapping[str, str | None] | None = None, *, valid: bool = True, name: str = "project") -> Path:
        root = tmp_path / name
        root.mkdir(exist_ok=True)
        return write_files(root, {**(VALID_FILES if valid else {}), **(files or {})})

    return make


@pytest.fixture
def valid_project(make_project: Callable[..., Path]) -> Path:
    return make_project()


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Result]]:
    """Run `mkdocs-journeys ARGS` in-process from `cwd`, outside GitHub Actions unless `env` says otherwise."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv(DEBUG_VARIABLE, "1")  # a bug surfaces as a traceback in the test, not as a message
    runner = CliRunner()

    def run(*args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None) -> Result:
        previous = Path.cwd()
        if cwd is not None:
            os.chdir(cwd)
        try:
            return runner.invoke(main, list(args), env=dict(env or {}), catch_exceptions=False)
        finally:
            os.chdir(previous)

    yield run
