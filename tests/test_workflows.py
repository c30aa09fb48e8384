"""The GitHub workflows, the pre-commit hook and requirements.txt: valid, complete, and saying what the docs say.

The workflows in .github/workflows/ are the ones this repository runs and the ones the guide tells users to copy,
so the guide must show them verbatim and the README must name the commands they run.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]
from click.testing import Result

from conftest import REPO_ROOT, VALID_FILES
from guideblocks import GUIDE, titled
from mkdocs_journeys import __version__
from mkdocs_journeys.config import JourneysConfig

RunCli = Callable[..., Result]
WORKFLOWS = REPO_ROOT / ".github" / "workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
PUBLISH = WORKFLOWS / "publish.yml"
NEWEST = WORKFLOWS / "newest-releases.yml"
DEV_LOCK = REPO_ROOT / "requirements-dev.lock"
SITE_LOCK = REPO_ROOT / "requirements.lock"

ACTIONS = {
    "actions/checkout": "v4",
    "actions/setup-python": "v5",
    "actions/cache": "v4",
    "actions/upload-artifact": "v4",
    "actions/configure-pages": "v5",
    "actions/upload-pages-artifact": "v3",
    "actions/deploy-pages": "v4",
    "actions/github-script": "v7",
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


@pytest.mark.parametrize("path", [PULL_REQUEST, PUBLISH, NEWEST], ids=lambda p: p.name)
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
    assert "if [ -f requirements.lock ]; then pip install --require-hashes -r requirements.lock; fi" in runs
    assert runs.index("requirements.lock") < runs.index("pip install -r requirements.txt")  # the pins win
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


# --- the locks and the weekly run against the newest releases ---------------------------------------------------


def pins(lock: Path) -> set[tuple[str, str]]:
    """(name, version) of each package a lock pins, names normalized as pip compares them. A universal lock may pin
    two versions of a package, each for the Python versions that need it."""
    found = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", lock.read_text(encoding="utf-8"), re.MULTILINE)
    return {(re.sub(r"[-_.]+", "-", name).lower(), version) for name, version in found}


def names(lock: Path) -> set[str]:
    return {name for name, _ in pins(lock)}


def requirement_names(requirements: list[str]) -> set[str]:
    return {re.sub(r"[-_.]+", "-", re.split(r"[<>=!~;\[ ]", line, maxsplit=1)[0]).lower() for line in requirements}


@pytest.mark.parametrize("lock", [DEV_LOCK, SITE_LOCK], ids=lambda p: p.name)
def test_every_locked_package_has_its_hashes(lock: Path) -> None:
    entries = re.split(r"\n(?=[A-Za-z0-9])", lock.read_text(encoding="utf-8").split("\n", 2)[2])

    assert len(names(lock)) > 10
    for entry in entries:  # one per package, or per version where Python versions need different ones
        assert re.match(r"[A-Za-z0-9._-]+==\S+", entry), entry.splitlines()[0]
        assert "--hash=sha256:" in entry, entry.splitlines()[0]


def test_the_locks_pin_what_pyproject_asks_for_at_the_same_versions() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]

    assert requirement_names(project["dependencies"]) <= names(SITE_LOCK)
    assert requirement_names(project["dependencies"] + extras["test"] + extras["dev"]) <= names(DEV_LOCK)
    assert pins(SITE_LOCK) - pins(DEV_LOCK) == set()  # the site is built with the versions the tests ran with
    assert {"pytest", "playwright", "properdocs", "zensical", "uv"} <= names(DEV_LOCK)
    assert not {"pytest", "playwright", "zensical", "uv"} & names(SITE_LOCK)  # only what the site needs


def test_the_package_keeps_open_ranges_with_an_upper_bound_where_a_major_version_breaks_it() -> None:
    dependencies = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]

    assert "mkdocs>=1.6,<2" in dependencies  # MkDocs 2 has no plugin system
    assert not [d for d in dependencies if "==" in d]


@pytest.mark.skipif(bool(os.environ.get("JOURNEYS_UNLOCKED")), reason="`./dev newest` installs the newest releases")
def test_the_environment_the_tests_run_in_is_the_locked_one() -> None:
    """`./dev test` installs requirements-dev.lock: every installed package is pinned there, at its version."""
    locked = pins(DEV_LOCK)
    installed = {
        re.sub(r"[-_.]+", "-", dist.metadata["Name"]).lower(): dist.version
        for dist in importlib.metadata.distributions()
    }
    installed.pop("mkdocs-journeys")
    installed.pop("pip", None)  # comes with the virtual environment

    assert {name: version for name, version in installed.items() if (name, version) not in locked} == {}


def test_the_locks_are_written_by_the_documented_command() -> None:
    dev_script = (REPO_ROOT / "dev").read_text(encoding="utf-8")
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")

    for lock in (DEV_LOCK, SITE_LOCK):
        header = lock.read_text(encoding="utf-8").splitlines()[1]
        assert header.startswith("#    uv pip compile pyproject.toml"), lock.name
        assert "--universal" in header and "--generate-hashes" in header
        assert f"-o {lock.name}" in header
    assert 'pip install -q --require-hashes -r "$DEV_LOCK"' in dev_script
    assert "`./dev lock`" in readme


def test_ci_runs_the_test_command_the_readme_gives() -> None:
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")

    assert ci.rstrip().splitlines()[-1] == "exec ./dev test"
    assert "./dev test     # installs what is needed and runs the whole test suite" in readme


def test_the_weekly_workflow_tests_the_newest_releases_and_opens_an_issue_when_they_break() -> None:
    data = workflow(NEWEST)
    job = data["jobs"]["test"]
    run_steps = steps(NEWEST, "test")
    newest = step(NEWEST, "test", "newest")
    issue = next(s for s in run_steps if s.get("uses", "").startswith("actions/github-script"))

    assert set(data["on"]) == {"schedule", "workflow_dispatch"}
    assert data["on"]["schedule"][0]["cron"].split()[2:] == ["*", "*", "1"]  # weekly
    assert data["permissions"] == {"contents": "read", "issues": "write"}
    assert job["container"].endswith("-bookworm")  # Debian, where ./dev installs Graphviz and Chromium with apt-get
    assert newest["run"] == "./dev newest"
    assert issue["if"] == "failure() && steps.newest.outcome == 'failure'"
    assert ".venv-newest/report.md" in issue["with"]["script"]
    assert "issues.create" in issue["with"]["script"] and "createComment" in issue["with"]["script"]


def newest_report_module() -> Any:
    spec = importlib.util.spec_from_file_location("newest", REPO_ROOT / ".ci" / "newest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_weekly_report_names_the_newer_packages_and_the_failed_tests(tmp_path: Path) -> None:
    newest = newest_report_module()
    junit = tmp_path / "junit.xml"
    junit.write_text(
        '<testsuites><testsuite><testcase classname="tests.test_site" name="test_ok"/>'
        '<testcase classname="tests.test_site" name="test_builds"><failure message="AssertionError: no page&#10;more">'
        "trace</failure></testcase></testsuite></testsuites>",
        encoding="utf-8",
    )
    locked = newest.locked_versions("mkdocs==1.6.1 \\\n    --hash=sha256:aa\nPyYAML==6.0.3 ; python_version >= '3.8'\n")

    text = newest.report(locked, {"mkdocs": "1.6.1", "pyyaml": "6.0.4", "rich": "14"}, newest.failures(junit), 1)

    assert text.startswith("# The tests against the newest releases fail (pytest exit status 1)")
    assert "| pyyaml | 6.0.3 | 6.0.4 |" in text
    assert "| mkdocs |" not in text  # unchanged
    assert "- `tests.test_site::test_builds: AssertionError: no page`" in text
    assert "test_ok" not in text
