"""Nothing lost: the user's files are never written, a failed build writes nothing, the diagram cache can't hurt.

The plugin reads `personas/`, `journeys/`, `docs/` and its templates, and writes only the site and its diagram
cache. A build that fails (bad data, a warning under `--strict`, a broken template, no Graphviz) stops before MkDocs
cleans the site folder, so the last good site stays as it was. The cache is only ever an optimisation: deleted,
truncated, garbled, replaced by a file, shared by builds running at once or deleted while they run, the site that
comes out is the same.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from mkdocs_journeys.data.parse_cache import CACHE_FILE
from sitecheck import build_site, copy_example_project, copy_hostile_project, write_project

OUTPUTS = ("site", ".cache")  # what a build may write, relative to the project


def snapshot(root: Path, leave_out: tuple[str, ...] = OUTPUTS) -> dict[str, str]:
    """Every file and folder under `root` (but `leave_out`): its kind, permissions and content digest."""
    found = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[0] in leave_out:
            continue
        status = path.lstat()
        content = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        found[relative.as_posix()] = f"{oct(status.st_mode)} {content}"
    return found


def site_files(site: Path) -> dict[str, bytes]:
    """What a visitor gets: every file of the site (compressed ones decompressed: gzip stamps the time)."""
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            files[path.relative_to(site).as_posix()] = gzip.decompress(data) if path.suffix == ".gz" else data
    return files


# --- the user's files ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("project", ["example", "hostile"])
def test_builds_write_nothing_but_the_site_and_the_diagram_cache(tmp_path: Path, project: str) -> None:
    config = copy_example_project(tmp_path) if project == "example" else copy_hostile_project(tmp_path)
    before = snapshot(tmp_path)

    for _ in range(2):  # a cold build, then a warm one that reads the cache
        build_site(config, site_dir=tmp_path / "site")

    assert snapshot(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name not in before) == sorted(OUTPUTS)


# --- failed builds ------------------------------------------------------------------------------------------------


def _invalid_data(root: Path) -> None:
    (root / "personas/sam.yml").write_text("name: Sam\nrole: Owner\nemotion: 5\n", encoding="utf-8")


def _warning_under_strict(root: Path) -> None:
    (root / "personas/lee.yml").write_text("name: Lee\nrole: Takes no journey\n", encoding="utf-8")


def _broken_template(root: Path) -> None:
    (root / "overrides/persona.md.j2").write_text("# {{ persona.name }\n", encoding="utf-8")


def _template_naming_a_missing_field(root: Path) -> None:
    (root / "overrides/journey.md.j2").write_text("# {{ journey.name }}\n\n{{ journey.nmae }}\n", encoding="utf-8")


def _no_graphviz(root: Path) -> None:
    (root / "empty-path").mkdir()
    os.environ["PATH"] = str(root / "empty-path")  # restored by the test's monkeypatch


# How to make the build fail, what it must say, and whether the diagram cache may keep what was drawn before the
# failure (templates are filled in after the diagrams are drawn; what the cache keeps is right, and saves time).
FAILURES: dict[str, tuple[Callable[[Path], None], str, bool]] = {
    "invalid data": (_invalid_data, "personas/sam.yml:3:1: error[unknown-key]", False),
    "warning under --strict": (_warning_under_strict, "personas/lee.yml:1:1: warning[unused-persona]", False),
    "broken template": (_broken_template, "overrides/persona.md.j2:1: the page journeys/personas/sam.md cannot", True),
    "template naming a missing field": (_template_naming_a_missing_field, "overrides/journey.md.j2:3: the page", True),
    "no Graphviz": (_no_graphviz, "Graphviz's `dot` program was not found", False),
}


@pytest.fixture(autouse=True)
def reproducible_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # MkDocs stamps pages with the build date otherwise


@pytest.mark.parametrize("failure", sorted(FAILURES))
def test_a_failed_build_says_why_and_leaves_the_last_site_as_it_was(
    tmp_path: Path, failure: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("PATH", os.environ["PATH"])
    config = write_project(tmp_path, plugin_options={"templates_dir": "overrides"})
    (tmp_path / "overrides").mkdir(exist_ok=True)
    last_good = build_site(config, site_dir=tmp_path / "site")
    shutil.rmtree(tmp_path / ".cache")  # a cold cache: the failed build must not leave one behind either
    make_it_fail, message, may_cache = FAILURES[failure]
    make_it_fail(tmp_path)
    before = snapshot(tmp_path, (".cache",))
    caplog.set_level(logging.WARNING)

    with pytest.raises(Abort):
        build_site(config, site_dir=last_good)

    assert message in caplog.text
    assert "Traceback" not in caplog.text
    assert snapshot(tmp_path, (".cache",)) == before
    # What the files parsed to is right whatever failed later, and saves the next build time; diagrams are drawn
    # only once nothing can fail before them.
    cached = {path.relative_to(tmp_path).as_posix() for path in tmp_path.glob(".cache/**/*") if path.is_file()}
    assert may_cache or cached <= {".cache/journeys/.gitignore", f".cache/journeys/{CACHE_FILE}"}


# --- the diagram cache --------------------------------------------------------------------------------------------


@pytest.fixture
def cached_project(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A small project built once: its config, and the site it gives (the reference every test compares with)."""
    config = write_project(tmp_path / "project")
    site = build_site(config, site_dir=tmp_path / "reference")
    return config, site_files(site)


def _cache(config: Path) -> Path:
    return config.parent / ".cache" / "journeys"


def _rebuild(config: Path) -> dict[str, bytes]:
    return site_files(build_site(config, site_dir=config.parent / "site"))


def test_a_deleted_cache_gives_the_same_site(cached_project: tuple[Path, dict[str, bytes]]) -> None:
    config, reference = cached_project
    shutil.rmtree(_cache(config))

    assert _rebuild(config) == reference
    assert list(_cache(config).glob("*.svg"))


def test_truncated_garbled_and_misplaced_cache_entries_give_the_same_site(
    cached_project: tuple[Path, dict[str, bytes]],
) -> None:
    config, reference = cached_project
    entries = sorted(p for p in _cache(config).iterdir() if p.name != ".gitignore")
    assert len(entries) > 4
    entries[0].write_bytes(b"")
    entries[1].write_bytes(entries[1].read_bytes()[:100])
    entries[2].write_bytes(b"\xff\xfe\x00 not a cache entry")
    entries[3].unlink()
    entries[3].mkdir()  # a folder where an entry should be: it cannot be read or replaced
    (_cache(config) / "graphviz-version.json").write_text("[]", encoding="utf-8")

    assert _rebuild(config) == reference


def test_a_file_where_the_cache_folder_should_be_gives_the_same_site(
    cached_project: tuple[Path, dict[str, bytes]], caplog: pytest.LogCaptureFixture
) -> None:
    config, reference = cached_project
    shutil.rmtree(_cache(config))
    _cache(config).write_text("not a folder", encoding="utf-8")
    caplog.set_level(logging.INFO)

    assert _rebuild(config) == reference
    assert "cannot be written" in caplog.text and "drawing without it" in caplog.text
    assert _cache(config).read_text(encoding="utf-8") == "not a folder"


def _build_in_process(config: Path, site: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(config), "-d", str(site)]
    return subprocess.Popen(command, stderr=subprocess.PIPE)


def test_two_builds_sharing_a_cold_cache_at_once_give_the_same_site(tmp_path: Path) -> None:
    config = write_project(tmp_path)
    sites = [tmp_path / "one", tmp_path / "two"]
    runs = [_build_in_process(config, site) for site in sites]
    for run in runs:
        _, stderr = run.communicate(timeout=120)
        assert run.returncode == 0, stderr.decode()

    one, two = (site_files(site) for site in sites)
    assert one == two
    assert not list((tmp_path / ".cache/journeys").glob(".tmp-*"))


def test_deleting_the_cache_while_builds_run_gives_the_same_site(
    cached_project: tuple[Path, dict[str, bytes]],
) -> None:
    config, reference = cached_project
    sites = [config.parent / f"site-{n}" for n in range(3)]
    script = "; ".join(
        [
            "import sys",
            "from mkdocs.commands.build import build",
            "from mkdocs.config import load_config",
            *(f"build(load_config(config_file=sys.argv[1], strict=True, site_dir={str(s)!r}))" for s in sites),
        ]
    )
    shutil.rmtree(_cache(config))
    run = subprocess.Popen([sys.executable, "-c", script, str(config)], stderr=subprocess.PIPE)
    deletions = 0
    while run.poll() is None:  # `rm -rf .cache` again and again while three builds run
        shutil.rmtree(_cache(config), ignore_errors=True)
        deletions += 1
        time.sleep(0.005)
    _, stderr = run.communicate(timeout=120)

    assert run.returncode == 0, stderr.decode()
    assert deletions > 10
    for site in sites:
        assert site_files(site) == reference
