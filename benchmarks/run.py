"""The plugin's build against plain MkDocs, on synthetic sites of three sizes: `./dev bench`.

    python benchmarks/run.py [--sizes S,M,L] [--runs 3] [--l-runs 1] [--serve] [--variants M] [--no-write]

For each size it writes a synthetic project (`synthetic.py`) and its floor (`floor.py`: the same pages as static
Markdown with their SVGs, same theme, nav and extensions, no plugin), then measures, each in a fresh process:

- cold: `mkdocs build` of the plugin's site with an empty diagram cache;
- warm: the same build again, every diagram in the cache (what CI with a kept cache and `mkdocs serve` see);
- floor: `mkdocs build` of the floor project;
- load+validate: reading and checking the YAML alone (`load_catalog`), with the parse cache the builds filled
  (what every rebuild sees) and, in brackets, without it (a first build);
- diagrams: drawing every diagram with an empty cache (DOT, `dot`, SVG preparation), per diagram.

Times are wall-clock medians of `--runs` runs (builds of a size run interleaved, so a busy machine slows all three
alike), with the CPU time beside them; memory is the peak resident size of the build process. It prints a table
and, unless `--no-write`, puts it with a chart into docs/benchmarks.md between the `benchmark:` markers.
`--serve` also measures `mkdocs serve` and `mkdocs serve --dirty` on the M site: the time from saving a journey
file to the rebuilt page being served. `--variants M` builds the floor of M again under other theme settings and nav layouts, to see what MkDocs
and the theme themselves cost.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import SIZES, generate

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- benchmark:start -->", "<!-- benchmark:end -->"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}

# Targets of issue 8, on a 2-core machine.
WARM_OVER_FLOOR = 1.15
LOAD_L_SECONDS = 1.0
DIAGRAM_MS = 3.0
MEMORY_OVER_FLOOR = 2.0


@dataclass
class Run:
    seconds: float
    cpu: float
    peak_mb: float


@dataclass
class Measures:
    size: str
    pages: int = 0
    diagrams: int = 0
    runs: dict[str, list[Run]] = field(default_factory=dict)
    diagram_seconds: list[float] = field(default_factory=list)

    def median(self, kind: str) -> Run:
        runs = self.runs[kind]
        return Run(
            statistics.median(r.seconds for r in runs),
            statistics.median(r.cpu for r in runs),
            max(r.peak_mb for r in runs),
        )

    @property
    def diagram_ms(self) -> float:
        return statistics.median(self.diagram_seconds) * 1000 / max(1, self.diagrams)


def measured(command: list[str], cwd: Path | None = None) -> tuple[Run, str]:
    """Run `command`, return its wall time, CPU time (its own and its children's) and peak memory, and its stdout."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr[-3000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024), stdout


def floor(config: Path, folder: Path, *, theme: dict[str, Any] | None = None, grouped: bool = False) -> Path:
    """`floor.write_floor` in its own process: the plugin's data would otherwise stay in this one, and a child
    process starts with its parent's memory, which would count as the peak memory of the builds measured later."""
    command = [sys.executable, str(Path(__file__).parent / "floor.py"), str(config), str(folder)]
    if theme is not None:
        command += ["--theme", json.dumps(theme)]
    if grouped:
        command.append("--grouped")
    _, stdout = measured(command)
    return Path(stdout.strip().splitlines()[-1])


def build(config: Path, site: Path) -> Run:
    return measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)])[0]


def probe(config: Path, what: str) -> tuple[Run, dict[str, Any]]:
    """This script's `--probe` mode in a fresh process: one phase of the plugin alone."""
    run, stdout = measured([sys.executable, __file__, "--probe", what, str(config)])
    return run, json.loads(stdout.strip().splitlines()[-1])


def probe_main(what: str, config_file: Path) -> None:
    """Time one phase in this process and print it as JSON (the caller measures memory)."""
    from mkdocs_journeys.data.layout import DataLayout
    from mkdocs_journeys.data.load import load_catalog
    from mkdocs_journeys.drawing.figures import DiagramOptions
    from mkdocs_journeys.site.pages import PAGE_KIND_NAMES
    from mkdocs_journeys.site.plan import plan_site

    root = config_file.parent
    folders = DataLayout.at(root)
    start = time.perf_counter()
    # `load-cached` reads the parse cache that the site's builds left in its cache_dir (see `generate`).
    result = load_catalog(folders, root / ".cache" / "journeys" if what == "load-cached" else None)
    load_seconds = time.perf_counter() - start
    assert result.journey_map is not None, result.diagnostics[:5]
    if what in ("load", "load-cached"):
        print(json.dumps({"seconds": load_seconds, "diagnostics": len(result.diagnostics)}))
        return
    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        site = plan_site(
            result.journey_map,
            prefix="journeys",
            kinds=list(PAGE_KIND_NAMES),
            templates_dir=None,
            diagrams=DiagramOptions(True, Path(cache)),
        )
        seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "diagrams": len(site.build.figures), "pages": len(site.pages)}))


def measure_size(name: str, work: Path, runs: int) -> Measures:
    size = SIZES[name]
    project, floor_project = work / name / "site", work / name / "floor"
    config = generate(size, project)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    floor_config = floor(config, floor_project)
    measures = Measures(name)
    output = work / name / "out"
    say(f"{name}: {size.personas} personas, {size.journeys} journeys, {size.touchpoints} touchpoints; {runs} run(s)")
    for number in range(runs):
        shutil.rmtree(project / ".cache", ignore_errors=True)
        for kind, run in (
            ("cold", lambda: build(config, output)),
            ("warm", lambda: build(config, output)),
            ("floor", lambda: build(floor_config, output)),
        ):
            result = run()
            measures.runs.setdefault(kind, []).append(result)
            say(
                f"  run {number + 1}: {kind:5} {result.seconds:7.2f} s  cpu {result.cpu:7.2f} s  {result.peak_mb:6.0f} MB"
            )
        for kind in ("load", "load-cached"):
            load, data = probe(config, kind)
            measures.runs.setdefault(kind, []).append(Run(data["seconds"], load.cpu, load.peak_mb))
        _, data = probe(config, "diagrams")
        measures.diagram_seconds.append(data["seconds"])
        measures.diagrams, measures.pages = data["diagrams"], data["pages"]
        say(
            f"  run {number + 1}: load  {measures.runs['load-cached'][-1].seconds:7.2f} s  "
            f"without the parse cache {measures.runs['load'][-1].seconds:.2f} s  plan, cold: {data['seconds']:.2f} s"
        )
    shutil.rmtree(output, ignore_errors=True)
    return measures


# --- mkdocs serve ---------------------------------------------------------------------------------------------


def serve_reload(work: Path, edits: int = 3, size: str = "M", dirty: bool = False) -> list[float]:
    """Seconds from saving a journey file to `mkdocs serve` (`--dirty`: rebuilding only changed pages) serving the
    rebuilt page, for each of `edits` edits. The edit renames the journey, which changes every page naming it."""
    project = work / size / "site"
    config = generate(SIZES[size], project)
    port = _free_port()
    journey = project / "journeys" / "journey-0001.yml"
    url = f"http://127.0.0.1:{port}/journeys/maps/journey-0001/"
    original = journey.read_text(encoding="utf-8")
    log = (work / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(config)]
        + (["--dirty"] if dirty else []),
        env=ENV,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    times = []
    try:
        if not _wait_for(lambda: "Journey 1" in _page(url), 600):
            raise SystemExit(f"mkdocs serve did not start: see {work / 'serve.log'}")
        time.sleep(2)  # let the watcher settle
        for number in range(edits):
            marker = f"Edited journey {number} {time.time_ns()}"  # nothing in it is escaped on the page
            edited = re.sub(r"^name: .*$", f"name: {marker}", original, count=1, flags=re.MULTILINE)
            start = time.perf_counter()
            journey.write_text(edited, encoding="utf-8")
            if not _wait_for(lambda marker=marker: marker in _page(url), 600, interval=0.05):
                raise SystemExit(f"the edit was not served: see {work / 'serve.log'}")
            times.append(time.perf_counter() - start)
            say(f"  serve{' --dirty' if dirty else ''}: edit {number + 1} served after {times[-1]:.2f} s")
            time.sleep(1)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        journey.write_text(original, encoding="utf-8")
    return times


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(condition: Any, seconds: float, interval: float = 0.3) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


# --- theme settings on the same pages ------------------------------------------------------------------------

MATERIAL_FEATURES = ["navigation.tabs", "navigation.sections", "navigation.indexes"]
VARIANTS: dict[str, tuple[dict[str, Any] | None, bool]] = {
    "material, the example's features (with navigation.prune)": (None, False),
    "material, the same, sections of over 40 pages split into groups": (None, True),
    "material, without navigation.prune": ({"name": "material", "features": MATERIAL_FEATURES}, False),
    "material, without navigation.prune, groups of 40": ({"name": "material", "features": MATERIAL_FEATURES}, True),
    "mkdocs (the built-in theme)": ({"name": "mkdocs"}, False),
}
"""Theme settings and nav layouts tried on the floor: `(theme, split large sections)`."""


def measure_variants(work: Path, name: str) -> list[tuple[str, Run]]:
    config = work / name / "site" / "mkdocs.yml"
    results = []
    for label, (theme, grouped) in VARIANTS.items():
        floor_config = floor(config, work / name / "variant", theme=theme, grouped=grouped)
        run = build(floor_config, work / name / "variant-out")
        say(f"  {name} floor, {label}: {run.seconds:.2f} s, {run.peak_mb:.0f} MB")
        results.append((label, run))
    return results


# --- the report ---------------------------------------------------------------------------------------------


def table(results: list[Measures]) -> str:
    rows = [
        "| size | pages | diagrams | cold build | warm build | floor (plain MkDocs) | warm ÷ floor (CPU time ÷) "
        "| load+validate (no parse cache) | cold diagrams | peak memory warm / floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for m in results:
        size = SIZES[m.size]
        cold, warm, floor, load, cached = (m.median(k) for k in ("cold", "warm", "floor", "load", "load-cached"))
        rows.append(
            f"| {m.size} ({size.personas} personas, {size.journeys} journeys, {size.touchpoints} touchpoints) "
            f"| {m.pages} | {m.diagrams} | {cold.seconds:.1f} s | {warm.seconds:.1f} s | {floor.seconds:.1f} s "
            f"| {warm.seconds / floor.seconds:.2f}× ({warm.cpu / floor.cpu:.2f}×) | {cached.seconds:.2f} s ({load.seconds:.2f} s) | {m.diagram_ms:.1f} ms each "
            f"| {warm.peak_mb:.0f} / {floor.peak_mb:.0f} MB |"
        )
    return "\n".join(rows)


def verdicts(results: list[Measures]) -> list[str]:
    lines = []
    for m in results:
        warm, floor = m.median("warm"), m.median("floor")
        ratio = warm.seconds / floor.seconds
        lines.append(
            _verdict(f"{m.size}: warm build ≤ {WARM_OVER_FLOOR}× the floor", ratio <= WARM_OVER_FLOOR, f"{ratio:.2f}×")
        )
        memory = warm.peak_mb / floor.peak_mb
        lines.append(
            _verdict(
                f"{m.size}: peak memory ≤ {MEMORY_OVER_FLOOR:g}× the floor's",
                memory <= MEMORY_OVER_FLOOR,
                f"{memory:.2f}×",
            )
        )
        if m.size == "L":
            cached, load = m.median("load-cached").seconds, m.median("load").seconds
            lines.append(
                _verdict(
                    f"L: load+validate under {LOAD_L_SECONDS:g} s",
                    cached < LOAD_L_SECONDS,
                    f"{cached:.2f} s with the parse cache, {load:.2f} s without",
                )
            )
            lines.append(
                _verdict(
                    f"L: cold diagrams ≤ {DIAGRAM_MS:g} ms each", m.diagram_ms <= DIAGRAM_MS, f"{m.diagram_ms:.1f} ms"
                )
            )
    if len(results) > 1:
        first, last = results[0], results[-1]
        growth = last.median("warm").seconds / first.median("warm").seconds
        floor_growth = last.median("floor").seconds / first.median("floor").seconds
        lines.append(
            _verdict(
                f"warm build grows no faster than the floor from {first.size} to {last.size}",
                growth <= floor_growth * 1.05,
                f"{growth:.1f}× against the floor's {floor_growth:.1f}×",
            )
        )
    return lines


def _verdict(what: str, met: bool, value: str) -> str:
    return f"- {'✅ met' if met else '❌ not met'}: {what} ({value})"


def chart(results: list[Measures]) -> str:
    """Horizontal bars, one group per size: cold, warm and floor build times, each scaled to its size's longest."""
    kinds = (("cold", "#ef6c00", "cold build"), ("warm", "#3f51b5", "warm build"), ("floor", "#9e9e9e", "floor"))
    bar, gap, label_width, width = 16, 14, 70, 420
    height = len(results) * (3 * bar + gap) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="bench-title" viewBox="0 0 {label_width + width + 80} {height}" '
        f'width="{label_width + width + 80}" height="{height}" style="max-width:100%;height:auto;font:12px sans-serif">',
        '<title id="bench-title">Build time per size: cold, warm and plain MkDocs</title>',
    ]
    y = 0
    for m in results:
        longest = max(m.median(k).seconds for k, _, _ in kinds)
        parts.append(f'<text x="0" y="{y + bar * 1.5 + 4}" fill="currentColor">{m.size} ({m.pages} pages)</text>')
        for number, (kind, colour, _) in enumerate(kinds):
            seconds = m.median(kind).seconds
            length = max(1.0, width * seconds / longest)
            top = y + number * bar
            parts.append(
                f'<rect x="{label_width + 20}" y="{top}" width="{length:.1f}" height="{bar - 3}" fill="{colour}"/>'
            )
            parts.append(
                f'<text x="{label_width + 24 + length:.1f}" y="{top + bar - 5}" fill="currentColor">{seconds:.1f} s</text>'
            )
        y += 3 * bar + gap
    x = label_width + 20
    for _, colour, label in kinds:
        parts.append(f'<rect x="{x}" y="{y + 4}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14}" y="{y + 13}" fill="currentColor">{label}</text>')
        x += 110
    parts.append("</svg>")
    return "".join(parts)


def report(
    results: list[Measures],
    serve: dict[str, list[float]] | None,
    variants: list[tuple[str, Run]] | None,
    variant_size: str,
    serve_size: str = "M",
) -> str:
    lines = [
        f"Measured on {platform.system()} with {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{_versions()}; median of " + ", ".join(f"{len(m.runs['warm'])} run(s) for {m.size}" for m in results) + ", "
        f"each build in a fresh process, on {time.strftime('%Y-%m-%d')}. Reproduce with `./dev bench`.",
        "",
        table(results),
        "",
        f'<div class="journeys-chart-figure">\n{chart(results)}\n</div>',
        "",
        *verdicts(results),
    ]
    for command, times in (serve or {}).items():
        lines += [
            "",
            f"`{command}` on the {serve_size} site: from saving a journey file (renaming the journey) to the "
            f"rebuilt page being served, {statistics.median(times):.1f} s (median of {len(times)} edits: "
            + ", ".join(f"{s:.1f}" for s in times)
            + " s).",
        ]
    if variants:
        lines += [
            "",
            f"The {variant_size} floor (the same pages, no plugin) under other theme settings:",
            "",
            "| theme settings and navigation | build | CPU |",
            "| --- | ---: | ---: |",
            *(f"| {label} | {run.seconds:.1f} s | {run.cpu:.1f} s |" for label, run in variants),
        ]
    return "\n".join(lines)


def _versions() -> str:
    from importlib.metadata import version

    dot = subprocess.run(["dot", "-V"], capture_output=True, text=True, check=False).stderr.strip()
    dot_version = re.search(r"version (\S+)", dot)
    return (
        f"MkDocs {version('mkdocs')}, Material for MkDocs {version('mkdocs-material')}, "
        f"Graphviz {dot_version.group(1) if dot_version else 'unknown'}"
    )


def write_report(text: str) -> None:
    current = REPORT.read_text(encoding="utf-8") if REPORT.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    before, _, rest = current.partition(START)
    _, _, after = rest.partition(END)
    REPORT.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")


def say(text: str) -> None:
    print(text, flush=True)


@contextlib.contextmanager
def workdir(path: str | None) -> Iterator[Path]:
    if path:
        Path(path).mkdir(parents=True, exist_ok=True)
        yield Path(path)
    else:
        with tempfile.TemporaryDirectory(prefix="journeys-bench-") as folder:
            yield Path(folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="S,M,L", help="comma-separated, of S, M, L (default: all)")
    parser.add_argument("--runs", type=int, default=3, help="runs per size, median shown (default: 3)")
    parser.add_argument("--l-runs", type=int, default=1, help="runs for L, whose builds take minutes (default: 1)")
    parser.add_argument("--serve", action="store_true", help="also time mkdocs serve's save-to-reload on M")

    parser.add_argument("--variants", metavar="SIZE", help="also build this size's floor under other themes and navs")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    parser.add_argument("--workdir", help="keep the generated projects here (default: a temporary folder)")
    parser.add_argument("--probe", nargs=2, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.probe:
        probe_main(options.probe[0], Path(options.probe[1]))
        return 0
    sizes = [s.strip().upper() for s in options.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size {', '.join(unknown)}; choose from {', '.join(SIZES)}")
    with workdir(options.workdir) as work:
        results = [measure_size(s, work, options.l_runs if s == "L" else options.runs) for s in sizes]
        serve_size = "M" if "M" in sizes else sizes[-1]
        serve = None
        if options.serve:
            serve = {
                f"mkdocs serve{' --dirty' if dirty else ''}": serve_reload(work, size=serve_size, dirty=dirty)
                for dirty in (False, True)
            }
        variants = None
        if options.variants:
            if not (work / options.variants / "site").is_dir():
                generate(SIZES[options.variants], work / options.variants / "site")
            variants = measure_variants(work, options.variants)
    text = report(results, serve, variants, options.variants or "", "M" if "M" in sizes else sizes[-1])
    print()
    print(text.split("<div")[0].rstrip())
    print("\n".join(verdicts(results)))
    if not options.no_write:
        write_report(text)
        print(f"\nWritten to {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
