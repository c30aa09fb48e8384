"""The two non-software example projects (tests/projects/hotel and tests/projects/bank) pass the CI gate as they are.

They were written from the customer-journey literature, as a hotel chain's and a retail bank's teams would write
them in today's format; the suggestion and model work (issues 15 and 16) is measured on them. Here: each
validates with `--strict`, builds with `mkdocs build --strict`, and has a page for every persona, journey, stage
and touchpoint its files define, with no broken link.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from sitecheck import broken_links, build_site

PROJECTS = Path(__file__).resolve().parent / "projects"
NAMES = ("hotel", "bank")
DATA_FILES = {"stages.yml", "touchpoints.yml", "content.yml"}


def _ids(project: Path) -> dict[str, list[str]]:
    """What the project's files define, read from the files themselves, keyed by the site folder of its pages."""
    journeys = project / "journeys"
    return {
        "personas": sorted(path.stem for path in (project / "personas").glob("*.yml")),
        "maps": sorted(
            path.stem if path.is_file() else path.name
            for path in journeys.iterdir()
            if (path.suffix == ".yml" and path.name not in DATA_FILES) or (path / "journey.yml").is_file()
        ),
        "stages": [stage["id"] for stage in yaml.safe_load((journeys / "stages.yml").read_text())["stages"]],
        "touchpoints": [t["id"] for t in yaml.safe_load((journeys / "touchpoints.yml").read_text())["touchpoints"]],
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each project copied out of the repository (a build writes a cache beside mkdocs.yml) and built once."""
    sites = {}
    for name in NAMES:
        project = tmp_path_factory.mktemp(name) / name
        shutil.copytree(PROJECTS / name, project)
        sites[name] = (project, build_site(project / "mkdocs.yml"))
    return sites


@pytest.mark.parametrize("name", NAMES)
def test_the_example_project_validates_strictly(name: str, tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    project = tmp_path / name
    shutil.copytree(PROJECTS / name, project)
    ids = _ids(project)
    result = run_cli("validate", "--strict", cwd=project)
    assert result.exit_code == 0, result.output
    assert "No problems found." in result.output
    assert f"Checked {len(ids['personas'])} personas, {len(ids['maps'])} journeys" in result.output


@pytest.mark.parametrize("name", NAMES)
def test_every_persona_journey_stage_and_touchpoint_of_the_example_has_its_page(
    name: str, built: dict[str, tuple[Path, Path]]
) -> None:
    project, site = built[name]
    ids = _ids(project)
    assert len(ids["personas"]) == 5 and len(ids["maps"]) == 5 and len(ids["touchpoints"]) >= 30
    missing = [
        f"{folder}/{item}"
        for folder, items in ids.items()
        for item in items
        if not (site / "journeys" / folder / item / "index.html").is_file()
    ]
    assert missing == []
    assert broken_links(site) == []
