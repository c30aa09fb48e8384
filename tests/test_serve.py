"""`mkdocs serve` while a team edits: a broken edit is reported and the server survives to serve the fix; with
`--dirty`, a reload rebuilds only the generated pages the edit changed."""

from __future__ import annotations

import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config

from sitecheck import copy_example_project, write_project


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(condition: Callable[[], bool], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def test_serve_reports_a_broken_edit_keeps_running_and_recovers_when_fixed(tmp_path: Path) -> None:
    config = write_project(tmp_path)
    port = _free_port()
    log = tmp_path / "serve.log"
    url = f"http://127.0.0.1:{port}/journeys/personas/sam/"
    with log.open("w") as output:
        server = subprocess.Popen(
            ["mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(config)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        assert _wait_for(lambda: "Sam Rivera" in _page(url)), log.read_text()
        persona = tmp_path / "personas" / "sam.yml"
        good = persona.read_text()
        persona.write_text(good + "pain_point: paperwork\n")
        assert _wait_for(lambda: "error[unknown-key]" in log.read_text()), log.read_text()
        assert "personas/sam.yml:5:1" in log.read_text()
        assert server.poll() is None, "the server stopped on a data error"
        persona.write_text(good.replace("Sam Rivera", "Sam Rivera-Lopez"))
        assert _wait_for(lambda: "Sam Rivera-Lopez" in _page(url)), log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_dirty_rebuild_rewrites_only_the_generated_pages_an_edit_changed(tmp_path: Path) -> None:
    """What `mkdocs serve --dirty` does on each reload, in one process, as the server does."""
    config_file = copy_example_project(tmp_path)
    site = tmp_path / "site"

    def dirty_build() -> dict[Path, int]:
        build(load_config(config_file=str(config_file), site_dir=str(site)), dirty=True)
        return {page: page.stat().st_mtime_ns for page in (site / "journeys").rglob("*.html")}

    first = dirty_build()
    assert dirty_build() == first  # nothing edited: no generated page is written again
    journey = tmp_path / "journeys/security-evaluation/journey.yml"
    old = "Hears a talk on ransomware recovery"
    journey.write_text(journey.read_text(encoding="utf-8").replace(old, "Hears a keynote on recovery"), "utf-8")
    time.sleep(0.01)
    after = dirty_build()
    rewritten = {page.relative_to(site).as_posix() for page in after if after[page] != first[page]}
    assert rewritten == {"journeys/maps/security-evaluation/index.html"}
    page = (site / "journeys/maps/security-evaluation/index.html").read_text(encoding="utf-8")
    assert "Hears a keynote on recovery" in page and old not in page
    assert "<svg" in page and "data-journeys-deferred" not in page


def test_a_serve_reload_redraws_only_the_diagram_an_edit_changed_and_rewrites_only_its_downloads(
    tmp_path: Path,
) -> None:
    """As `mkdocs serve --dirty` runs it: the plugin kept from build to build (`on_startup`), a new config each time."""
    config_file = copy_example_project(tmp_path)
    site = tmp_path / "site"
    journey_page = site / "journeys/maps/security-evaluation/index.html"
    download = site / "journeys/maps/security-evaluation/journey-security-evaluation.svg"

    def config() -> Any:
        return load_config(config_file=str(config_file), site_dir=str(site))

    def dirty_build() -> dict[Path, int]:
        build(config(), dirty=True)
        return {file: file.stat().st_mtime_ns for file in (site / "journeys").rglob("*") if file.is_file()}

    config().plugins.on_startup(command="serve", dirty=True)
    try:
        first = dirty_build()
        assert dirty_build() == first  # nothing edited: no page and no download is written again
        journey = tmp_path / "journeys/security-evaluation/journey.yml"
        old = "Mid-size company evaluates endpoint security"
        journey.write_text(journey.read_text(encoding="utf-8").replace(old, "Midsize firm weighs endpoint security"))
        time.sleep(0.01)
        after = dirty_build()
    finally:
        config().plugins.on_shutdown()
    rewritten = {file.relative_to(site).as_posix() for file in after if after[file] != first[file]}
    assert {
        "journeys/maps/security-evaluation/index.html",
        "journeys/maps/security-evaluation/journey-security-evaluation.svg",
    } <= rewritten  # not its PNG: the journey's name is its title, which the PNG does not draw
    unchanged = {
        "journeys/maps/ebike-servicing/journey-ebike-servicing.svg",
        "journeys/maps/ebike-servicing/journey-ebike-servicing.png",
    }
    assert unchanged <= {file.relative_to(site).as_posix() for file in first} and not unchanged & rewritten
    diagrams = re.findall(r"<svg\b.*?</svg>", journey_page.read_text(encoding="utf-8"), re.DOTALL)
    assert any("Midsize firm weighs endpoint security" in svg for svg in diagrams)
    assert not any(old in svg for svg in diagrams)
    assert "Midsize firm weighs endpoint security" in download.read_text(encoding="utf-8")
