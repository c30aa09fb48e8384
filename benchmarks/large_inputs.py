"""What one pull request can make a build cost: `validate` and `build` on large generated inputs.

    python benchmarks/large_inputs.py [--cases ids,keywords,...] [--scale 1] [--timeout 900] [--write]

Each case is a small valid project with one thing made large, the way a hostile or careless pull request would:

- ids: 2,000 touchpoints with similar ids, and a journey naming 2,000 unknown ones one letter off (did-you-mean);
- keywords: a content library of 16,000 keywords and a journey stage asking 16,000 questions (content suggestions);
- stages: a journey going through 1,600 stages (the journey diagram);
- personas: a journey taken by 2,000 personas (the journey diagram's table of personas);
- pain-points: a stage with 55 pain points of 1,000 characters (a diagram tooltip of 55,000 characters);
- texts: every text of a journey at its longest, 10,000 characters of '&' and '"' (escaping makes them longer).

For each, `mkdocs-journeys validate` and `mkdocs build` run in a fresh process with a time limit; the table gives wall
time, peak memory and how each ended (ok, the data's errors, or a failure). `--scale 2` doubles the sizes (4,000 x
4,000 ids). `--write` puts the table into docs/benchmarks.md between the `large-inputs:` markers. Speed is measured
here, never asserted in the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- large-inputs:start -->", "<!-- large-inputs:end -->"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def _dump(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")


def _project(root: Path, *, stages: int = 3, touchpoints: int = 2, personas: int = 1) -> None:
    """A valid project to make one thing large in: `stage-0…`, `tp-0…`, `persona-0…`."""
    _dump(root / "journeys/stages.yml", {"stages": [{"id": f"stage-{n}", "name": f"Stage {n}"} for n in range(stages)]})
    _dump(
        root / "journeys/touchpoints.yml",
        {"touchpoints": [{"id": f"tp-{n}", "name": f"Touchpoint {n}", "channel": "web"} for n in range(touchpoints)]},
    )
    for n in range(personas):
        _dump(root / f"personas/persona-{n}.yml", {"name": f"Persona {n}", "role": "Buyer"})
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    config = {"site_name": "Large inputs", "plugins": ["search", "journeys"], "theme": {"name": "mkdocs"}}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")


def _journey(root: Path, steps: list[dict[str, object]], personas: list[str] | None = None) -> None:
    _dump(root / "journeys/large.yml", {"name": "Large", "personas": personas or ["persona-0"], "stages": steps})


# --- the cases -------------------------------------------------------------------------------------------------------


def unknown_ids(root: Path, scale: float) -> str:
    count = int(2000 * scale)
    _project(root)
    known = [f"touchpoint-{word}-{n:05d}" for n, word in zip(range(count), _words(count), strict=True)]
    _dump(
        root / "journeys/touchpoints.yml",
        {"touchpoints": [{"id": tp, "name": tp, "channel": "web"} for tp in known]},
    )
    typos = [tp[:-1] + ("x" if tp[-1] != "x" else "y") for tp in known]  # one letter off each
    _journey(root, [{"stage": "stage-0", "touchpoints": typos}])
    return f"{count:,} touchpoints, {count:,} unknown ids"


def keywords(root: Path, scale: float) -> str:
    count = int(16_000 * scale)
    _project(root, touchpoints=1)
    words = _words(count)
    formats = [
        {
            "id": f"format-{n}",
            "name": f"Format {n}",
            "purpose": "Answers questions.",
            "keywords": [f"{word} {n}" for word in words[n::16]] + [f"{words[n]}*"],
        }
        for n in range(16)
    ]
    _dump(root / "journeys/content.yml", {"library": {"awareness": {"formats": formats}}})
    _dump(
        root / "journeys/stages.yml",
        {"stages": [{"id": "stage-0", "name": "Stage 0", "type": "awareness"}]},
    )
    questions = [f"How does {words[n]} {n % 16} work with {words[-n - 1]}?" for n in range(count)]
    _journey(root, [{"stage": "stage-0", "touchpoints": ["tp-0"], "questions": questions}])
    return f"{count:,} keywords, {count:,} questions"


def many_stages(root: Path, scale: float) -> str:
    count = int(1600 * scale)
    _project(root, stages=count, touchpoints=3)
    steps: list[dict[str, object]] = [
        {"stage": f"stage-{n}", "touchpoints": [f"tp-{n % 3}"], "emotion": (n % 5) - 2, "pain_points": [f"Pain {n}"]}
        for n in range(count)
    ]
    _journey(root, steps)
    return f"a journey through {count:,} stages"


def many_personas(root: Path, scale: float) -> str:
    count = int(2000 * scale)
    _project(root, personas=count)
    _journey(root, [{"stage": "stage-0", "touchpoints": ["tp-0", "tp-1"]}], [f"persona-{n}" for n in range(count)])
    return f"a journey taken by {count:,} personas"


def long_pain_points(root: Path, scale: float) -> str:
    count = int(55 * scale)
    _project(root)
    pains = [f"Pain {n}: " + "the invoice is late again and nobody answers " * 22 for n in range(count)]
    _journey(root, [{"stage": "stage-0", "touchpoints": ["tp-0", "tp-1"], "pain_points": pains}])
    return f"{count} pain points of {len(pains[0]):,} characters in one stage"


def long_texts(root: Path, scale: float) -> str:
    _project(root)
    text = '&"' * 5000
    name = '&"' * 100
    _dump(
        root / "personas/persona-0.yml",
        {"name": name, "role": name, "summary": text, "goals": [text] * 5, "pain_points": [text] * 5},
    )
    _dump(
        root / "journeys/touchpoints.yml",
        {"touchpoints": [{"id": f"tp-{n}", "name": name, "channel": "web", "description": text} for n in range(2)]},
    )
    steps: list[dict[str, object]] = [
        {
            "stage": f"stage-{n}",
            "summary": text,
            "touchpoints": ["tp-0", "tp-1"],
            "emotion": {"score": 1, "note": text},
            "decision": text,
            "pain_points": [text] * 5,
            "questions": [text] * 5,
        }
        for n in range(3)
    ]
    _dump(root / "journeys/large.yml", {"name": name, "personas": ["persona-0"], "summary": text, "stages": steps})
    return "every text at its longest, of '&' and '\"'"


def _words(count: int) -> list[str]:
    """`count` different made-up words, the same every run."""
    syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "pe", "su"]
    return ["".join(syllables[(n // 10**k) % 10] for k in range(5)) for n in range(count)]


CASES: dict[str, Callable[[Path, float], str]] = {
    "ids": unknown_ids,
    "keywords": keywords,
    "stages": many_stages,
    "personas": many_personas,
    "pain-points": long_pain_points,
    "texts": long_texts,
}


# --- measuring -------------------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    seconds: float
    peak_mb: float
    ended: str


def measured(command: list[str], cwd: Path, timeout: float) -> Outcome:
    """Wall time, peak memory and how `command` ended: ok, errors in the data (exit 1, no traceback), or a failure."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                _, status, usage = os.wait4(process.pid, 0)
                return Outcome(timeout, usage.ru_maxrss / 1024, f"stopped after {timeout:.0f} s")
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    if code == 0:
        ended = "ok"
    elif "Traceback" in output or "This is a bug" in output or "internal error" in output:
        ended = "failed: " + next((line for line in reversed(output.splitlines()) if line.strip()), "")[:80]
    else:
        ended = "stopped with the data's errors"
    return Outcome(seconds, usage.ru_maxrss / 1024, ended)


def run_case(name: str, scale: float, timeout: float, work: Path) -> tuple[str, Outcome, Outcome]:
    root = work / name
    shutil.rmtree(root, ignore_errors=True)
    what = CASES[name](root, scale)
    validate = measured([sys.executable, "-m", "mkdocs_journeys.commands.cli", "validate", "."], root, timeout)
    build = measured([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(work / "site")], root, timeout)
    shutil.rmtree(work / "site", ignore_errors=True)
    return what, validate, build


def table(rows: list[tuple[str, str, Outcome, Outcome]]) -> str:
    lines = [
        "| case | validate | build | build ended |",
        "| --- | ---: | ---: | --- |",
    ]
    for name, what, validate, build in rows:
        lines.append(
            f"| {name}: {what} | {validate.seconds:.1f} s, {validate.peak_mb:.0f} MB | "
            f"{build.seconds:.1f} s, {build.peak_mb:.0f} MB | {build.ended} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(CASES), help=f"comma-separated, of: {', '.join(CASES)}")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size (2: 4,000 x 4,000 ids)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a command is stopped")
    parser.add_argument("--write", action="store_true", help="put the table into docs/benchmarks.md")
    options = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="mkdocs-journeys-large-") as folder:
        for name in options.cases.split(","):
            what, validate, build = run_case(name, options.scale, options.timeout, Path(folder))
            print(
                f"{name}: {what}: validate {validate.seconds:.1f} s ({validate.ended}), build {build.seconds:.1f} s "
                f"({build.ended})",
                flush=True,
            )
            rows.append((name, what, validate, build))
    result = table(rows)
    print(result)
    if options.write:
        heading = (
            f"Measured on {platform.system()} with {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"scale {options.scale:g}, on {time.strftime('%Y-%m-%d')}. Reproduce with "
            f"`python benchmarks/large_inputs.py --write`."
        )
        text = REPORT.read_text(encoding="utf-8")
        before, _, rest = text.partition(START)
        _, _, after = rest.partition(END)
        REPORT.write_text(f"{before}{START}\n{heading}\n\n{result}\n{END}{after}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
