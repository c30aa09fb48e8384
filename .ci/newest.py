"""What the weekly run against the newest releases found, as Markdown: for the run's summary and the issue it opens.

`./dev newest` installs the newest release of every dependency (unlocked), runs the tests, and then this script
compares what got installed with requirements-dev.lock and lists the tests that failed, so that whoever reads the
issue sees at once which new release is the likely cause.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)
MAX_FAILURES = 50


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_versions(lock_text: str) -> dict[str, str]:
    return {normalized(name): version for name, version in _PIN.findall(lock_text)}


def installed_versions() -> dict[str, str]:
    listed = subprocess.run(
        [sys.executable, "-m", "pip", "list", "--format=json"], capture_output=True, text=True, check=True
    ).stdout
    return {normalized(entry["name"]): entry["version"] for entry in json.loads(listed)}


def failures(junit_xml: Path) -> list[str]:
    """`test id: first line of the failure` for each failed or erroring test of a pytest `--junitxml` report."""
    if not junit_xml.is_file():
        return []
    found = []
    for case in ElementTree.parse(junit_xml).iter("testcase"):
        for problem in (*case.findall("failure"), *case.findall("error")):
            name = f"{case.get('classname', '')}::{case.get('name', '')}"
            first = (problem.get("message") or problem.text or "").strip().splitlines()
            found.append(f"{name}: {first[0][:200] if first else problem.tag}")
    return found


def report(locked: dict[str, str], installed: dict[str, str], failed: list[str], status: int) -> str:
    changed = sorted((name, locked[name], installed[name]) for name in locked.keys() & installed.keys())
    changed = [(name, old, new) for name, old, new in changed if old != new]
    verdict = "pass" if status == 0 else f"fail (pytest exit status {status})"
    lines = [f"# The tests against the newest releases {verdict}", ""]
    if changed:
        lines += ["Newer than requirements-dev.lock:", "", "| package | locked | newest |", "| --- | --- | --- |"]
        lines += [f"| {name} | {old} | {new} |" for name, old, new in changed]
    else:
        lines.append("Every package is at the version requirements-dev.lock pins.")
    if failed:
        lines += ["", f"Failed ({len(failed)}):", ""]
        lines += [f"- `{line}`" for line in failed[:MAX_FAILURES]]
        if len(failed) > MAX_FAILURES:
            lines.append(f"- and {len(failed) - MAX_FAILURES} more")
    lines += ["", "Reproduce with `./dev newest`; once fixed, `./dev lock` moves the pins to these releases."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lock", type=Path, required=True)
    parser.add_argument("--junit", type=Path, required=True)
    parser.add_argument("--status", type=int, required=True)
    arguments = parser.parse_args()
    locked = locked_versions(arguments.lock.read_text(encoding="utf-8"))
    sys.stdout.write(report(locked, installed_versions(), failures(arguments.junit), arguments.status))


if __name__ == "__main__":
    main()
