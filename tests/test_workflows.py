"""The GitHub workflows, the pre-commit hook and requirements.txt: valid, complete, and saying what the docs say.

The workflows in .github/workflows/ are the ones this repository runs and the ones the guide tells users to copy,
so the guide must show them verbatim and the README must name the commands they run.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from conftest import REPO_ROOT, VALID_FILES
from guideblocks import GUIDE, titled
from mkdocs_journeys import __version__
from mkdocs_journeys.config import JourneysConfig

RunCli = Callable[..., Result]
WORKFLOWS = REPO_ROOT / ".github" / "workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
PUBLISH = WORKFLOWS / "publish.yml"

ACTIONS = {
    "actions/checkout": "v4",
    "actions/setup-python": "v5",
    "actions/cache": "v4",
    "actions/upload-artifact": "v4",
    "actions/configure-pages": "v5",
    "actions/upload-pages-artifact": "v3",
    "actions/deploy-pages": "v4",
}
PROGRAMS = ("mkdocs-journeys", "mkdocs")


def workflow(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(path: Path, job: str) -> list[dict[str, Any]]:
    return list(workflow(path)["jobs"][job]["steps"])


def step(path: Path, job: str, step_id: str) -> dict[str, Any]:
    return next(s for s in steps(path, job) if s.get("id") == step_id)


def uses(path: Path) -> dict[str, str]:
    """Each action the workflow uses, with its version."""
    found = {}
    for job in workflow(path)["jobs"].values():
        for s in job["steps"]:
            if "uses" in s:
                name, version = s["uses"].split("@")
                found[name] = version
    return found


def commands(path: Path) -> list[str]:
    """The mkdocs and mkdocs-journeys command lines the workflow runs."""
    lines = []
    for job in workflow(path)["jobs"].values():
        for s in job["steps"]:
            for line in str(s.get("run", "")).splitlines():
                if line.split(" ", 1)[0] in PROGRAMS:
                    lines.append(line.strip())
    return lines


# --- the pull-request workflow ----------------------------------------------------------------------------------


def test_pull_request_workflow_runs_on_pull_requests_with_read_only_permissions() -> None:
    data = workflow(PULL_REQUEST)

    assert set(data["on"]) == {"pull_request"}
    assert data["permissions"] == {"contents": "read"}


def test_pull_request_workflow_checks_builds_and_keeps_the_site() -> None:
    assert step(PULL_REQUEST, "check", "validate")["run"] == "mkdocs-journeys validate --format github"
    assert step(PULL_REQUEST, "check", "build")["run"] == "mkdocs build --strict"
    upload = next(s for s in steps(PULL_REQUEST, "check") if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "site/"


def test_pull_request_workflow_writes_the_review_summary_before_the_checks_can_fail() -> None:
    names = [s.get("id") for s in steps(PULL_REQUEST, "check")]
    summary = step(PULL_REQUEST, "check", "summary")

    assert names.index("summary") < names.index("validate") < names.index("build")
    assert summary["run"].startswith("mkdocs-journeys diff ")
    assert summary["run"].endswith('>> "$GITHUB_STEP_SUMMARY"')
    assert summary["continue-on-error"] is True
    checkout = steps(PULL_REQUEST, "check")[0]
    assert checkout["uses"].startswith("actions/checkout") and checkout["with"]["fetch-depth"] == 0


# --- the publishing workflow ------------------------------------------------------------------------------------


def test_publish_workflow_runs_on_pushes_to_main_with_pages_permissions_and_one_deployment_at_a_time() -> None:
    data = workflow(PUBLISH)

    assert data["on"]["push"] == {"branches": ["main"]}
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert data["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_publish_workflow_builds_then_deploys_with_the_official_pages_actions() -> None:
    data = workflow(PUBLISH)
    build_uses = [s.get("uses", "").split("@")[0] for s in steps(PUBLISH, "build")]

    assert step(PUBLISH, "build", "build")["run"] == "mkdocs build --strict"
    assert build_uses.index("actions/configure-pages") < build_uses.index("actions/upload-pages-artifact")
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    assert [s["uses"] for s in deploy["steps"]] == ["actions/deploy-pages@v4"]
    assert deploy["steps"][0]["id"] == "deployment"


# --- both -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [PULL_REQUEST, PUBLISH], ids=lambda p: p.name)
def test_workflow_uses_the_expected_action_versions(path: Path) -> None:
    for action, version in uses(path).items():
        assert ACTIONS.get(action) == version, f"{action}@{version}"


@pytest.mark.parametrize("path", [PULL_REQUEST, PUBLISH], ids=lambda p: p.name)
def test_workflow_installs_graphviz_and_the_requirements_and_caches_pip_and_diagrams(path: Path) -> None:
    job = steps(path, "check" if path == PULL_REQUEST else "build")
    runs = "\n".join(str(s.get("run", "")) for s in job)
    python = next(s for s in job if s.get("uses", "").startswith("actions/setup-python"))
    cache = next(s for s in job if s.get("uses", "").startswith("actions/cache"))

    assert "sudo apt-get install -y graphviz" in runs
    assert "pip install -r requirements.txt" in runs
    assert python["with"]["cache"] == "pip"
    # The cache folder, and the key that seals its entries (kept outside the project: data/cache_folder.py).
    assert cache["with"]["path"].split() == [
        dict(JourneysConfig._schema)["cache_dir"].default,
        "~/.cache/mkdocs-journeys",
    ]
    assert "hashFiles('personas/**', 'journeys/**')" in cache["with"]["key"]
    assert cache["with"]["restore-keys"]


def test_readme_names_every_command_the_workflows_run() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")

    for command in commands(PULL_REQUEST) + commands(PUBLISH):
        assert command in readme, f"README.md does not show `{command}`"


@pytest.mark.parametrize("path", [PULL_REQUEST, PUBLISH], ids=lambda p: p.name)
def test_the_guide_shows_the_workflow_exactly(path: Path) -> None:
    shown = titled("deploy.md", f".github/workflows/{path.name}")

    assert shown == path.read_text(encoding="utf-8")


def test_the_guide_explains_every_command_the_workflows_run() -> None:
    text = "\n".join(page.read_text(encoding="utf-8") for page in GUIDE.glob("*.md"))
    prose = re.sub(r"^```.*?^```$", "", text, flags=re.MULTILINE | re.DOTALL)

    for command in commands(PULL_REQUEST) + commands(PUBLISH):
        assert f"`{command}`" in prose


def test_requirements_install_this_repository_from_source_and_users_install_the_package() -> None:
    ours = [line for line in (REPO_ROOT / "requirements.txt").read_text().splitlines() if not line.startswith("#")]

    assert ours == ["."]
    assert titled("getting-started.md", "requirements.txt").split() == ["mkdocs-journeys"]


# --- pre-commit -------------------------------------------------------------------------------------------------


def pre_commit_hook() -> dict[str, Any]:
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert len(hooks) == 1
    return dict(hooks[0])


def test_pre_commit_hook_runs_validate_on_the_whole_project_when_data_changes() -> None:
    hook = pre_commit_hook()
    files = re.compile(hook["files"])

    assert hook["id"] == "mkdocs-journeys-validate"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    for path in (
        "personas/ana.yml",
        "journeys/stages.yml",
        "journeys/first/journey.yml",
        "mkdocs.yml",
        "site/mkdocs.yaml",
    ):
        assert files.search(path), path
    for path in ("docs/index.md", "README.md", ".github/workflows/publish.yml", "personas/notes.md"):
        assert not files.search(path), path


def test_pre_commit_hook_entry_is_the_command_line(make_project: Callable[..., Path], run_cli: RunCli) -> None:
    program, *arguments = shlex.split(pre_commit_hook()["entry"])
    assert program == "mkdocs-journeys"

    valid = run_cli(*arguments, cwd=make_project())
    broken = run_cli(*arguments, cwd=make_project({"personas/ana.yml": VALID_FILES["personas/ana.yml"] + "age: 40\n"}))

    assert valid.exit_code == 0
    assert broken.exit_code == 1
    assert "error[unknown-key]" in broken.stdout


def test_the_guide_shows_how_to_use_the_pre_commit_hook() -> None:
    config = yaml.safe_load(titled("deploy.md", ".pre-commit-config.yaml"))
    (repository,) = config["repos"]

    assert [hook["id"] for hook in repository["hooks"]] == [pre_commit_hook()["id"]]
    assert repository["rev"] == f"v{__version__}"
