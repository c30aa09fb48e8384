"""`mkdocs serve` while a team edits: a broken edit is reported and the server survives to serve the fix."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from sitecheck import write_project


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
