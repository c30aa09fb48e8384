"""Packaging: `python -m build` makes a wheel and an sdist with the templates and assets, and the wheel, installed
into a fresh virtual environment, builds the example site.

The slowest test of the suite (about half a minute): it builds both distributions from a copy of the source, so
nothing is written into the repository, then installs the wheel with `--no-deps` into a virtual environment that
sees this environment's packages after its own, so MkDocs and the other dependencies come from here and the only thing
installed is the package itself. It asserts that the code that runs is the wheel's, not the editable checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import REPO_ROOT
from mkdocs_journeys import __version__
from mkdocs_journeys.data.schema import json_schema
from sitecheck import copy_example_project

PACKAGE = REPO_ROOT / "plugin" / "mkdocs_journeys"
SHIPPED_DATA = sorted(
    path.relative_to(PACKAGE).as_posix()
    for folder in ("site/templates", "site/assets")
    for path in (PACKAGE / folder).rglob("*")
    if path.is_file() and "__pycache__" not in path.parts
)

MODULES = sorted(path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py"))


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GITHUB_ACTIONS")}
    environment["NO_MKDOCS_2_WARNING"] = "1"
    completed = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env={**environment, **(env or {})},
        capture_output=True,
        text=True,
        timeout=540,
    )
    assert completed.returncode == 0, f"{command}\n{completed.stdout}\n{completed.stderr}"
    return completed.stdout


@pytest.fixture(scope="module")
def distributions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sdist and the wheel, built from a copy of the source as a release would be."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO_ROOT / name, source / name)
    shutil.copytree(REPO_ROOT / "plugin", source / "plugin", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    dist = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--outdir", dist, source, cwd=source)
    (sdist,) = dist.glob("*.tar.gz")
    (wheel,) = dist.glob("*.whl")
    return {"sdist": sdist, "wheel": wheel}


def test_the_wheel_holds_the_code_templates_and_assets(distributions: dict[str, Path]) -> None:
    wheel = distributions["wheel"]
    names = set(zipfile.ZipFile(wheel).namelist())

    assert wheel.name == f"mkdocs_journeys-{__version__}-py3-none-any.whl"
    for data in SHIPPED_DATA:
        assert f"mkdocs_journeys/{data}" in names
    for module in MODULES:  # every sub-package, not only the top level
        assert f"mkdocs_journeys/{module}" in names
    entry_points = zipfile.ZipFile(wheel).read(f"mkdocs_journeys-{__version__}.dist-info/entry_points.txt").decode()
    assert "journeys = mkdocs_journeys.plugin:JourneysPlugin" in entry_points
    # ProperDocs runs plugins of both groups; its own group is how a plugin declares that it supports ProperDocs.
    for group in ("mkdocs.plugins", "properdocs.plugins"):
        section = entry_points.split(f"[{group}]\n", 1)[1].split("\n\n", 1)[0]
        assert section.strip() == "journeys = mkdocs_journeys.plugin:JourneysPlugin", group
    assert "mkdocs-journeys = mkdocs_journeys.commands.cli:main" in entry_points
    assert not any(name.startswith(("tests/", "docs/")) for name in names)


def test_the_sdist_holds_the_templates_and_assets(distributions: dict[str, Path]) -> None:
    with tarfile.open(distributions["sdist"]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}

    assert {"pyproject.toml", "README.md"} <= names
    for data in SHIPPED_DATA:
        assert f"plugin/mkdocs_journeys/{data}" in names


def test_the_installed_wheel_builds_the_example_site(distributions: dict[str, Path], tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    # The dependencies come from this environment (a venv itself under ./dev, so not `--system-site-packages`),
    # after the new venv's own packages; `.pth` files of this environment, such as the editable install, are not run.
    venv_packages = run(
        bin_dir / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp_path
    )
    parent_packages = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (Path(venv_packages.strip()) / "parent-environment.pth").write_text("\n".join(sorted(parent_packages)) + "\n")
    run(bin_dir / "python", "-m", "pip", "install", "--quiet", "--no-deps", distributions["wheel"], cwd=tmp_path)

    location = run(bin_dir / "python", "-c", "import mkdocs_journeys; print(mkdocs_journeys.__file__)", cwd=tmp_path)
    assert Path(location.strip()).is_relative_to(venv), "the editable checkout was imported instead of the wheel"

    schema = run(bin_dir / "mkdocs-journeys", "schema", "persona", cwd=tmp_path)
    assert json.loads(schema) == json_schema("persona")

    project = copy_example_project(tmp_path / "example").parent
    run(bin_dir / "python", "-m", "mkdocs", "build", "--strict", cwd=project)  # MkDocs itself comes from here

    site = project / "site"
    assert (site / "journeys" / "index.html").is_file()
    assert (site / "assets" / "mkdocs-journeys" / "journeys.css").is_file()
    assert json.loads((site / "schemas" / "journey.schema.json").read_text()) == json_schema("journey")
    assert "JourneyStep" in (site / "guide" / "yaml-reference" / "index.html").read_text()
