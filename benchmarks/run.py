"""The plugin's build against the fair floor, on synthetic sites of three sizes: `./dev bench`.

    python benchmarks/run.py [--sizes S,M,L] [--runs 3] [--l-runs 1] [--no-serve] [--variants M] [--no-write]
    python benchmarks/run.py --profile [--profile-size M]

For each size it writes a synthetic project (`synthetic.py`) and its fair floor (`floor.py`: plain MkDocs building as
many simple pages, a title and a paragraph each, under a nav of the same shape, with the same theme settings and
Markdown extensions), then measures, each build in a fresh process:

- cold: `mkdocs build` of the plugin's site with an empty cache (every diagram drawn, every file parsed);
- warm: the same build again with the cache full (CI with a kept cache, every `mkdocs serve` rebuild);
- floor: `mkdocs build` of the floor project;
- the weight of the warm build's output: the median and largest generated page, the whole site, the search index;
- whether its search index holds every persona, journey, stage and touchpoint by name, and the text of a sample of
  pain points and questions.

Times are wall-clock medians of `--runs` runs (the three builds of a size run interleaved, so a busy machine slows
them alike), with the CPU time beside them; memory is the peak resident size of the build process. Then, unless
`--no-serve`, it times `mkdocs serve --dirty` on M (or the largest size measured): from saving a journey file to
the rebuilt page being served, for an edit that renames the journey and one that changes its summary. `--variants
SIZE` builds that size's plugin site (warm) and floor again under other Material features. It prints the report and,
unless `--no-write`, writes it with a chart into docs/benchmarks.md between the `benchmark:` markers, moving the
figures that were there into the "Previous run" section below them.

`--profile` instead profiles one warm build (cProfile), writes the profile to a file and prints where the time goes:
Python-Markdown, the search plugin, the theme's templates, the plugin's `on_config`, and the rest.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import os
import platform
import pstats
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import MATERIAL_FEATURES, SIZES

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- benchmark:start -->", "<!-- benchmark:end -->"
PREVIOUS_START, PREVIOUS_END = "<!-- benchmark-previous:start -->", "<!-- benchmark-previous:end -->"
PROFILE_START, PROFILE_END = "<!-- profile:start -->", "<!-- profile:end -->"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
PREFIX = "journeys"
"""Where the synthetic sites' generated pages live (the plugin's default `prefix`)."""

# The targets of issue 18, on a 2-core machine.
WARM_OVER_FLOOR = 3.0
WARM_OVER_FLOOR_STRETCH = 2.0
COLD_OVER_FLOOR = 5.0
MEDIAN_PAGE_KB = 60
LARGEST_PAGE_KB = 300
SITE_MB = 40
RELOAD_SECONDS = 3.0
BUSY = 0.2
"""How far the wall-clock ratio may stray from the CPU-time one before the report says the machine was busy."""
TARGET_SIZE = "M"
"""The size the page-weight, site-size and reload targets are set for."""


@dataclass
class Run:
    seconds: float
    cpu: float
    peak_mb: float


@dataclass
class Weight:
    """What a build's output weighs: its generated pages (HTML files) and the whole site."""

    median_kb: float
    largest_kb: float
    largest_page: str
    site_mb: float
    search_kb: float


@dataclass
class SearchCheck:
    """Which names and phrases the search index holds: `found[kind] = (found, total, a few missing)`."""

    found: dict[str, tuple[int, int, list[str]]] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return all(found == total for found, total, _ in self.found.values())


@dataclass
class Measures:
    size: str
    pages: int = 0
    generated: int = 0
    runs: dict[str, list[Run]] = field(default_factory=dict)
    weight: Weight | None = None
    floor_weight: Weight | None = None
    search: SearchCheck | None = None

    def median(self, kind: str) -> Run:
        runs = self.runs[kind]
        return Run(
            statistics.median(r.seconds for r in runs),
            statistics.median(r.cpu for r in runs),
            max(r.peak_mb for r in runs),
        )

    def ratio(self, kind: str) -> float:
        return self.median(kind).seconds / self.median("floor").seconds

    def cpu_ratio(self, kind: str) -> float:
        return self.median(kind).cpu / self.median("floor").cpu


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


def generate(size: str, folder: Path) -> Path:
    """`synthetic.generate` in its own process, for the same reason as `floor`."""
    _, stdout = measured([sys.executable, str(Path(__file__).parent / "synthetic.py"), size, str(folder)])
    return Path(stdout.strip().splitlines()[-1])


def floor(config: Path, folder: Path) -> Path:
    """`floor.write_floor` in its own process: the plugin's data would otherwise stay in this one, and a child
    process starts with its parent's memory, which would count as the peak memory of the builds measured later."""
    _, stdout = measured([sys.executable, str(Path(__file__).parent / "floor.py"), str(config), str(folder)])
    return Path(stdout.strip().splitlines()[-1])


def build(config: Path, site: Path) -> Run:
    return measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)])[0]


def measure_size(name: str, work: Path, runs: int) -> Measures:
    size = SIZES[name]
    project = work / name / "site"
    config = generate(name, project)
    floor_config = floor(config, work / name / "floor")
    listing = json.loads((work / name / "floor" / "pages.json").read_text(encoding="utf-8"))
    measures = Measures(name, pages=len(listing["pages"]), generated=len(listing["generated"]))
    output, floor_output = work / name / "out", work / name / "floor-out"
    say(
        f"{name}: {size.personas} personas, {size.journeys} journeys, {size.touchpoints} touchpoints, "
        f"{measures.pages} pages; {runs} run(s)"
    )
    for number in range(runs):
        shutil.rmtree(project / ".cache", ignore_errors=True)
        for kind, run in (
            ("cold", lambda: build(config, output)),
            ("warm", lambda: build(config, output)),
            ("floor", lambda: build(floor_config, floor_output)),
        ):
            result = run()
            measures.runs.setdefault(kind, []).append(result)
            say(
                f"  run {number + 1}: {kind:5} {result.seconds:7.2f} s  cpu {result.cpu:7.2f} s  {result.peak_mb:6.0f} MB"
            )
    pages = work / name / "floor" / "pages.json"
    measures.weight, measures.search = inspect(output, pages, project)
    measures.floor_weight, _ = inspect(floor_output, pages)
    say(
        f"  output: median generated page {measures.weight.median_kb:.0f} KB, largest {measures.weight.largest_kb:.0f} KB "
        f"({measures.weight.largest_page}), site {measures.weight.site_mb:.1f} MB; search finds "
        + ", ".join(f"{found}/{total} {kind}" for kind, (found, total, _) in measures.search.found.items())
    )
    return measures


# --- what the output weighs, and what search finds ----------------------------------------------------------


def inspect(site: Path, pages: Path, project: Path | None = None) -> tuple[Weight, SearchCheck]:
    """`weigh` the built `site` and, given its `project`, `check_search`, in a fresh process: reading a large
    search index would grow this one, and a child process counts its parent's peak memory as its own."""
    command = [sys.executable, __file__, "--inspect", str(site), str(pages)] + ([str(project)] if project else [])
    data = json.loads(measured(command)[1].strip().splitlines()[-1])
    search = SearchCheck({kind: (found, total, missing) for kind, (found, total, missing) in data["search"].items()})
    return Weight(**data["weight"]), search


def inspect_main(site: Path, pages: Path, project: Path | None) -> None:
    generated = json.loads(pages.read_text(encoding="utf-8"))["generated"]
    search = check_search(site, project) if project else SearchCheck()
    print(json.dumps({"weight": asdict(weigh(site, generated)), "search": search.found}))


def weigh(site: Path, generated: list[str]) -> Weight:
    """The generated pages' HTML (each page's own file: the theme's scripts and styles are shared by all pages)."""
    from mkdocs.structure.files import File

    sizes = {}
    for src_uri in generated:
        dest = File(src_uri, None, None, use_directory_urls=True).dest_uri
        sizes[dest] = (site / dest).stat().st_size / 1024
    largest = max(sizes, key=lambda dest: sizes[dest])
    search = site / "search" / "search_index.json"
    return Weight(
        median_kb=statistics.median(sizes.values()),
        largest_kb=sizes[largest],
        largest_page=largest,
        site_mb=sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 1024 / 1024,
        search_kb=search.stat().st_size / 1024 if search.exists() else 0.0,
    )


SAMPLE = 100
"""Pain points and questions checked in the search index per size (every n-th, so the sample spans the data)."""


def check_search(site: Path, project: Path) -> SearchCheck:
    """Look up, in the built search index, the name of every persona, journey, stage and touchpoint of the project's
    YAML, and the words of a sample of pain points and questions (the whole text, as one phrase)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {_words(doc["title"]) for doc in index["docs"]}
    text = "\n".join(_words(doc["title"]) + "\n" + _words(doc["text"]) for doc in index["docs"])

    def found(phrase: str) -> bool:
        words = _words(phrase)
        return words in titles or words in text

    names, phrases = _searchable(project)
    check = SearchCheck()
    for kind, wanted in (*names.items(), ("pain points and questions", _every_nth(phrases, SAMPLE))):
        missing = [phrase for phrase in wanted if not found(phrase)]
        check.found[kind] = (len(wanted) - len(missing), len(wanted), missing[:3])
    return check


def _searchable(project: Path) -> tuple[dict[str, list[str]], list[str]]:
    """The names of the project's personas, journeys, stages and touchpoints, and the text of its pain points and
    questions, read from its YAML as a person reading the files would."""

    def load(path: Path) -> Any:
        return yaml.safe_load(path.read_text(encoding="utf-8"))

    personas = [load(p) for p in sorted((project / "personas").glob("*.yml"))]
    journeys = [load(p) for p in sorted((project / "journeys").glob("journey-*.yml"))]
    stages = load(project / "journeys" / "stages.yml")["stages"]
    touchpoints = load(project / "journeys" / "touchpoints.yml")["touchpoints"]
    names = {
        "personas": [p["name"] for p in personas],
        "journeys": [j["name"] for j in journeys],
        "stages": [s["name"] for s in stages],
        "touchpoints": [t["name"] for t in touchpoints],
    }
    phrases = [pain for p in personas for pain in p.get("pain_points", [])]
    for journey in journeys:
        for step in journey["stages"]:
            phrases += step.get("pain_points", []) + step.get("questions", [])
    phrases += [q for t in touchpoints for q in t.get("survey", {}).get("questions", [])]
    return names, list(dict.fromkeys(phrases))


def _words(text: str) -> str:
    """Text as search sees it: tags out, entities decoded, spaces collapsed, case folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", text)).split()).casefold()


def _every_nth(items: list[str], count: int) -> list[str]:
    step = max(1, len(items) // count)
    return items[::step][:count]


# --- mkdocs serve --dirty -----------------------------------------------------------------------------------

EDITS: dict[str, tuple[str, str]] = {
    "rename": (r"^name: .*$", "name: {marker}"),
    "summary": (r"^summary: .*(?:\n  .*)*$", "summary: {marker}"),
}
"""The edits timed, as (the line of the journey file replaced, its new text): renaming a journey changes every page
naming it (its personas', stages' and touchpoints' pages, the overview); a new summary changes fewer."""


def serve_reload(project: Path, work: Path, edits: int) -> dict[str, list[float]]:
    """Seconds from saving a journey file to `mkdocs serve --dirty` serving the rebuilt page, `edits` times for
    each kind of edit, taken in turns."""
    config = project / "mkdocs.yml"
    port = _free_port()
    journey = project / "journeys" / "journey-0001.yml"
    url = f"http://127.0.0.1:{port}/{PREFIX}/maps/journey-0001/"
    original = journey.read_text(encoding="utf-8")
    log_path = work / "serve.log"
    times: dict[str, list[float]] = {kind: [] for kind in EDITS}
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}", "-f", str(config)],
            env=ENV,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            if not _wait_for(lambda: "Journey 1" in _page(url), 900):
                raise SystemExit(f"mkdocs serve did not start:\n{_tail(log_path)}")
            time.sleep(2)  # let the watcher settle
            current = original
            for number in range(edits):
                for kind, (line, replacement) in EDITS.items():
                    marker = f"Edited {kind} {number} {time.time_ns()}"  # plain words: nothing escaped on the page
                    current = re.sub(line, replacement.format(marker=marker), current, count=1, flags=re.MULTILINE)
                    start = time.perf_counter()
                    journey.write_text(current, encoding="utf-8")
                    if not _wait_for(lambda marker=marker: marker in _page(url), 600, interval=0.05):
                        raise SystemExit(f"the edit was not served:\n{_tail(log_path)}")
                    times[kind].append(time.perf_counter() - start)
                    say(f"  serve --dirty: {kind} {number + 1} served after {times[kind][-1]:.2f} s")
                    time.sleep(1)
        finally:
            server.terminate()
            server.wait(timeout=30)
            journey.write_text(original, encoding="utf-8")
    return times


def _tail(log: Path) -> str:
    return log.read_text(encoding="utf-8", errors="replace")[-3000:]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(condition: Callable[[], bool], seconds: float, interval: float = 0.3) -> bool:
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


# --- theme settings, for the plugin and the floor -----------------------------------------------------------


def _without(*features: str) -> list[str]:
    return [f for f in MATERIAL_FEATURES if f not in features]


VARIANTS: dict[str, list[str]] = {
    "the example's features (navigation.tabs, .sections, .indexes, .prune, …)": list(MATERIAL_FEATURES),
    "without navigation.prune": _without("navigation.prune"),
    "without navigation.sections (sections collapse, so prune leaves their pages out)": _without("navigation.sections"),
    "without navigation.tabs and navigation.sections": _without("navigation.tabs", "navigation.sections"),
}
"""Material features tried on both sites, by what changes from the example's `mkdocs.yml`."""


def measure_variants(work: Path, name: str, runs: int) -> dict[str, Measures]:
    """Each variant is a second config file beside the site's and the floor's own, differing in `theme.features`
    only, so the plugin finds the same data and its full cache. The variants' builds are taken in turns."""
    project, floor_project = work / name / "site", work / name / "floor"
    if not (floor_project / "pages.json").exists():
        floor(generate(name, project), floor_project)
        build(project / "mkdocs.yml", work / name / "variant-out")  # fill the cache: the variants are warm builds
    pages = floor_project / "pages.json"
    configs: dict[str, list[Path]] = {}
    for number, (label, features) in enumerate(VARIANTS.items()):
        for folder in (project, floor_project):
            raw = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
            raw["theme"]["features"] = features
            config = folder / f"variant-{number}.yml"
            config.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
            configs.setdefault(label, []).append(config)
    results = {label: Measures(name) for label in VARIANTS}
    output, floor_output = work / name / "variant-out", work / name / "variant-floor-out"
    for number in range(runs):
        for label, (config, floor_config) in configs.items():
            measures = results[label]
            measures.runs.setdefault("warm", []).append(build(config, output))
            measures.runs.setdefault("floor", []).append(build(floor_config, floor_output))
            if measures.weight is None:
                measures.weight, measures.floor_weight = inspect(output, pages)[0], inspect(floor_output, pages)[0]
            say(
                f"  run {number + 1}: {name}, {label}: warm {measures.runs['warm'][-1].seconds:.1f} s, "
                f"floor {measures.runs['floor'][-1].seconds:.1f} s, median page {measures.weight.median_kb:.0f} KB "
                f"(floor {measures.floor_weight.median_kb:.0f} KB)"
            )
    return results


# --- where a warm build's time goes -------------------------------------------------------------------------

Key = tuple[str, int, str]


@dataclass
class Profile:
    """A cProfile of one build, read as the share of the parts the issue names."""

    path: Path
    seconds: float
    unprofiled: float
    parts: list[tuple[str, float]]
    top: dict[str, list[tuple[str, float, float]]]
    """Per package, its functions with the most cumulative time: (where, cumulative, own time)."""


def _is(path_end: str, *names: str) -> Callable[[Key], bool]:
    return lambda key: key[0].replace(os.sep, "/").endswith(path_end) and (not names or key[2] in names)


def _in_plugin_module(key: Key) -> bool:
    """In the module that holds the plugin's MkDocs events, wherever the package puts it."""
    path = key[0].replace(os.sep, "/")
    return "/mkdocs_journeys/" in path and path.endswith("/plugin.py")


PARTS: list[tuple[str, Callable[[Key], bool], Callable[[Key], bool] | None]] = [
    (
        "Python-Markdown (MkDocs' `Page.render`: Markdown to HTML, links checked)",
        _is("mkdocs/structure/pages.py", "render"),
        None,
    ),
    (
        "Material's search plugin (parsing each page's HTML, writing the index)",
        lambda key: "material/plugins/search/plugin.py" in key[0].replace(os.sep, "/") and key[2].startswith("on_"),
        None,
    ),
    (
        "the theme's templates (each page's navigation, header and footer)",
        _is("jinja2/environment.py", "render"),
        _is("mkdocs/commands/build.py", "_build_page", "_build_template"),
    ),
    (
        "the plugin's `on_config` (load, plan, the pages' Markdown, diagrams)",
        lambda key: _in_plugin_module(key) and key[2] == "on_config",
        None,
    ),
    (
        "the plugin's other events (`on_files`, `on_post_page`: diagrams put in)",
        lambda key: _in_plugin_module(key) and key[2].startswith("on_") and key[2] != "on_config",
        None,
    ),
    (
        "writing the pages' HTML",
        _is("mkdocs/utils/__init__.py", "write_file"),
        _is("mkdocs/commands/build.py", "_build_page"),
    ),
]
"""Each part: (label, the functions whose cumulative time it is, and the callers counted, or None for all)."""


def profile_build(work: Path, name: str, output: Path) -> Profile:
    """Profile one warm build of size `name` (the first build fills the cache) and read the profile."""
    config = generate(name, work / name / "site")
    site = work / name / "out"
    say(f"profile: {name}, filling the cache with one build")
    build(config, site)
    unprofiled = build(config, site).seconds
    command = ["-m", "cProfile", "-o", str(output), "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    measured([sys.executable, *command])
    stats = pstats.Stats(str(output))
    raw: dict[Key, Any] = stats.stats  # type: ignore[attr-defined]
    total: float = stats.total_tt  # type: ignore[attr-defined]
    parts = []
    for label, function, caller in PARTS:
        seconds = 0.0
        for key, (_, _, _, cumulative, callers) in raw.items():
            if function(key):
                seconds += cumulative if caller is None else sum(c[3] for k, c in callers.items() if caller(k))
        parts.append((label, seconds))
    parts.append(
        ("everything else (starting Python, imports, config, nav, copying the theme)", total - sum(s for _, s in parts))
    )
    functions = sorted(((_where(key), value[3], value[2]) for key, value in raw.items()), key=lambda f: -f[1])
    top = {package: [f for f in functions if f[0].startswith(folders)][:8] for package, folders in PACKAGES.items()}
    return Profile(output, total, unprofiled, parts, top)


PACKAGES: dict[str, tuple[str, ...]] = {
    "Python-Markdown and its extensions": ("markdown/", "pymdownx/"),
    "Material's search plugin": ("material/plugins/search/",),
    "the theme's templates": ("material/templates/", "jinja2/"),
    "the plugin": ("mkdocs_journeys/",),
    "MkDocs": ("mkdocs/",),
}
"""The packages whose functions `--profile` lists, by the start of their path."""


def _where(key: Key) -> str:
    path = key[0].replace(os.sep, "/")
    for marker in ("site-packages/", "/lib/python3", "/plugin/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{path}:{key[1]} {key[2]}"


def profile_report(profile: Profile, name: str) -> str:
    lines = [
        f"One warm build of {name}, profiled with cProfile on {time.strftime('%Y-%m-%d')} "
        f"({profile.seconds:.1f} s profiled, {profile.unprofiled:.1f} s without the profiler; the profiler slows "
        "Python code with many small calls, such as Python-Markdown's, more than the rest). "
        "Reproduce with `./dev bench --profile`.",
        "",
        "| where the time goes | seconds | share |",
        "| --- | ---: | ---: |",
        *(f"| {label} | {seconds:.1f} s | {seconds / profile.seconds:.0%} |" for label, seconds in profile.parts),
    ]
    return "\n".join(lines)


# --- the report ---------------------------------------------------------------------------------------------


def _time(run: Run) -> str:
    return f"{run.seconds:.1f} s ({run.cpu:.1f} s)"


def table(results: list[Measures]) -> str:
    rows = [
        "| size | pages | cold build | warm build | fair floor | warm ÷ floor | cold ÷ floor | peak memory warm / floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for m in results:
        cold, warm, floor_run = (m.median(k) for k in ("cold", "warm", "floor"))
        rows.append(
            f"| {m.size} | {m.pages} ({m.generated} generated) | {_time(cold)} | {_time(warm)} | {_time(floor_run)} "
            f"| {m.ratio('warm'):.1f}× ({m.cpu_ratio('warm'):.1f}×) | {m.ratio('cold'):.1f}× ({m.cpu_ratio('cold'):.1f}×) "
            f"| {warm.peak_mb:.0f} / {floor_run.peak_mb:.0f} MB |"
        )
    return "\n".join(rows)


def _kb(kb: float) -> str:
    return f"{kb:.0f} KB" if kb < 1024 else f"{kb / 1024:.1f} MB"


def weight_table(results: list[Measures]) -> str:
    rows = [
        "| size | median generated page | largest generated page | site | search index "
        "| floor: median page, site, search index |",
        "| --- | ---: | --- | ---: | ---: | ---: |",
    ]
    for m in results:
        w, f = m.weight, m.floor_weight
        assert w is not None and f is not None
        rows.append(
            f"| {m.size} | {w.median_kb:.0f} KB | {w.largest_kb:.0f} KB (`{w.largest_page}`) | {w.site_mb:.1f} MB "
            f"| {_kb(w.search_kb)} | {f.median_kb:.0f} KB, {f.site_mb:.1f} MB, {_kb(f.search_kb)} |"
        )
    return "\n".join(rows)


def search_table(results: list[Measures]) -> str:
    kinds = list(results[0].search.found) if results[0].search else []
    rows = [
        "| size | " + " | ".join(kinds) + " |",
        "| --- |" + " ---: |" * len(kinds),
    ]
    for m in results:
        assert m.search is not None
        cells = []
        for kind in kinds:
            found, total, missing = m.search.found[kind]
            cells.append(f"{found} / {total}" + (f" (missing: {'; '.join(missing)})" if missing else ""))
        rows.append(f"| {m.size} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def targets(results: list[Measures], serve: dict[str, list[float]] | None, serve_size: str) -> list[str]:
    """The targets of issue 18, each with the figure measured and whether it is met."""
    rows = ["| target | result |", "| --- | --- |"]

    def row(what: str, met: bool, value: str) -> None:
        rows.append(f"| {what} | {'✅ met' if met else '❌ not met'}: {value} |")

    def ratio(m: Measures, kind: str) -> str:
        wall, cpu = m.ratio(kind), m.cpu_ratio(kind)
        text = f"{wall:.1f}× (CPU time {cpu:.1f}×)"
        if abs(wall / cpu - 1) > BUSY:
            text += " ⚠️ wall clock and CPU time disagree: the machine was busy, judge by CPU time"
        return text

    for m in results:
        warm, cold = m.ratio("warm"), m.ratio("cold")
        row(f"{m.size}: warm build ≤ {WARM_OVER_FLOOR:g}× the floor", warm <= WARM_OVER_FLOOR, ratio(m, "warm"))
        row(
            f"{m.size}: warm build ≤ {WARM_OVER_FLOOR_STRETCH:g}× (stretch)",
            warm <= WARM_OVER_FLOOR_STRETCH,
            ratio(m, "warm"),
        )
        row(f"{m.size}: cold build ≤ {COLD_OVER_FLOOR:g}× the floor", cold <= COLD_OVER_FLOOR, ratio(m, "cold"))
    for m in results:
        if m.size == TARGET_SIZE and m.weight is not None:
            w = m.weight
            row(
                f"{m.size}: median generated page ≤ {MEDIAN_PAGE_KB} KB",
                w.median_kb <= MEDIAN_PAGE_KB,
                f"{w.median_kb:.0f} KB",
            )
            row(
                f"{m.size}: no generated page over {LARGEST_PAGE_KB} KB",
                w.largest_kb <= LARGEST_PAGE_KB,
                f"largest {w.largest_kb:.0f} KB, `{w.largest_page}`",
            )
            row(f"{m.size}: site ≤ {SITE_MB} MB", w.site_mb <= SITE_MB, f"{w.site_mb:.1f} MB")
    if serve and serve_size == TARGET_SIZE:
        for kind, times in serve.items():
            median = statistics.median(times)
            row(
                f"{serve_size}: `mkdocs serve --dirty`, save to reload ({kind}) ≤ {RELOAD_SECONDS:g} s",
                median <= RELOAD_SECONDS,
                f"{median:.1f} s",
            )
    for m in results:
        if m.search is not None:
            counts = ", ".join(f"{found}/{total} {kind}" for kind, (found, total, _) in m.search.found.items())
            row(
                f"{m.size}: search finds every persona, journey, stage and touchpoint by name, and the words of their pain points and questions",
                m.search.complete,
                counts,
            )
    return rows


def chart(results: list[Measures]) -> str:
    """Horizontal bars, one group per size: cold, warm and floor build times, each scaled to its size's longest."""
    kinds = (("cold", "#ef6c00", "cold build"), ("warm", "#3f51b5", "warm build"), ("floor", "#9e9e9e", "fair floor"))
    bar, gap, label_width, width = 16, 14, 70, 420
    height = len(results) * (3 * bar + gap) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="bench-title" viewBox="0 0 {label_width + width + 80} {height}" '
        f'width="{label_width + width + 80}" height="{height}" style="max-width:100%;height:auto;font:12px sans-serif">',
        '<title id="bench-title">Build time per size: cold, warm and the fair floor (plain MkDocs)</title>',
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


def variants_table(variants: dict[str, Measures], name: str) -> str:
    runs = len(next(iter(variants.values())).runs["warm"])
    rows = [
        f"The {name} site (warm builds) and its floor under other Material features, median of {runs} run(s):",
        "",
        "| Material features | warm build | fair floor | warm ÷ floor (CPU time ÷) | median generated page (floor's) "
        "| largest generated page | site (floor's) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, m in variants.items():
        w, f = m.weight, m.floor_weight
        assert w is not None and f is not None
        rows.append(
            f"| {label} | {_time(m.median('warm'))} | {_time(m.median('floor'))} "
            f"| {m.ratio('warm'):.1f}× ({m.cpu_ratio('warm'):.1f}×) | {w.median_kb:.0f} KB ({f.median_kb:.0f} KB) "
            f"| {w.largest_kb:.0f} KB | {w.site_mb:.1f} MB ({f.site_mb:.1f} MB) |"
        )
    return "\n".join(rows)


def report(
    results: list[Measures],
    serve: dict[str, list[float]] | None,
    serve_size: str,
    variants: dict[str, Measures] | None,
    variant_size: str,
    load: tuple[tuple[float, float, float], tuple[float, float, float]],
) -> str:
    before, after = (f"{figures[0]:.1f}" for figures in load)
    lines = [
        f"Measured on {time.strftime('%Y-%m-%d')}, on {platform.system()} with {os.cpu_count()} cores (load average "
        f"{before} at the start, {after} at the end, of which the benchmark's own builds are about 1), Python {platform.python_version()}, {_versions()}; "
        "median of " + ", ".join(f"{len(m.runs['warm'])} run(s) for {m.size}" for m in results) + ", "
        "each build in a fresh process. Times are wall clock, CPU time in brackets. Reproduce with `./dev bench`. "
        + "; ".join(
            f"{m.size}: {SIZES[m.size].personas} personas, {SIZES[m.size].journeys} journeys, "
            f"{SIZES[m.size].touchpoints} touchpoints"
            for m in results
        )
        + ".",
        "",
        table(results),
        "",
        f'<div class="journeys-chart-figure">\n{chart(results)}\n</div>',
        "",
        "What the warm build writes (the generated pages' own HTML files; the floor's pages stand in for the same pages):",
        "",
        weight_table(results),
    ]
    for kind, times in (serve or {}).items():
        lines += [
            "",
            f"`mkdocs serve --dirty` on the {serve_size} site, from saving a journey file ({kind}) to the rebuilt page "
            f"being served: {statistics.median(times):.1f} s (median of {len(times)}: "
            + ", ".join(f"{s:.1f}" for s in times)
            + " s).",
        ]
    lines += [
        "",
        "Search: the names found in the built search index, of those in the YAML, and of a sample of pain points and questions:",
        "",
        search_table(results),
        "",
        "The targets of issue 18:",
        "",
        *targets(results, serve, serve_size),
    ]
    if variants:
        lines += ["", variants_table(variants, variant_size)]
    return "\n".join(lines)


def _versions() -> str:
    from importlib.metadata import version

    dot = subprocess.run(["dot", "-V"], capture_output=True, text=True, check=False).stderr.strip()
    dot_version = re.search(r"version (\S+)", dot)
    return (
        f"MkDocs {version('mkdocs')}, Material for MkDocs {version('mkdocs-material')}, "
        f"Graphviz {dot_version.group(1) if dot_version else 'unknown'}"
    )


def write_report(text: str, report_file: Path) -> None:
    """Put `text` between the benchmark markers, and what was there between the previous-run markers (replacing
    the run before it), so the page always shows the last two runs."""
    current = report_file.read_text(encoding="utf-8") if report_file.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    before, _, rest = current.partition(START)
    last, _, after = rest.partition(END)
    # The charts' ids must stay unique on the page.
    last = re.sub(r'(id|aria-labelledby)="bench-', r'\1="previous-bench-', last.strip())
    if PREVIOUS_START in after:
        middle, _, rest = after.partition(PREVIOUS_START)
        _, _, after = rest.partition(PREVIOUS_END)
    else:
        middle, after = "\n\n## Previous run\n\n", after
    report_file.write_text(
        f"{before}{START}\n{text}\n{END}{middle}{PREVIOUS_START}\n{last}\n{PREVIOUS_END}{after}", encoding="utf-8"
    )


def write_section(text: str, start: str, end: str, report_file: Path) -> None:
    current = report_file.read_text(encoding="utf-8")
    if start not in current:
        current += f"\n{start}\n{end}\n"
    before, _, rest = current.partition(start)
    _, _, after = rest.partition(end)
    report_file.write_text(f"{before}{start}\n{text}\n{end}{after}", encoding="utf-8")


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
    parser.add_argument("--no-serve", action="store_true", help="skip timing mkdocs serve --dirty")
    parser.add_argument("--serve-edits", type=int, default=2, help="edits of each kind timed in serve (default: 2)")
    parser.add_argument("--variants", metavar="SIZE", help="also build this size under other Material features")
    parser.add_argument("--profile", action="store_true", help="only profile one warm build and say where time goes")
    parser.add_argument("--profile-size", default="M", help="the size --profile builds (default: M)")
    parser.add_argument("--profile-output", type=Path, help="where --profile writes the profile (pstats format)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    parser.add_argument("--report", type=Path, default=REPORT, help="the page to write (default: docs/benchmarks.md)")
    parser.add_argument("--workdir", help="keep the generated projects here (default: a temporary folder)")
    parser.add_argument("--inspect", nargs="+", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.inspect:
        inspect_main(options.inspect[0], options.inspect[1], options.inspect[2] if len(options.inspect) > 2 else None)
        return 0
    sizes = [s.strip().upper() for s in options.sizes.split(",") if s.strip()]
    unknown = [s for s in [*sizes, options.variants or "M", options.profile_size] if s not in SIZES]
    if unknown:
        parser.error(f"unknown size {', '.join(unknown)}; choose from {', '.join(SIZES)}")
    if options.profile:
        return profile_main(options)
    load_before = os.getloadavg()
    with workdir(options.workdir) as work:
        results = [measure_size(s, work, options.l_runs if s == "L" else options.runs) for s in sizes]
        serve_size = TARGET_SIZE if TARGET_SIZE in sizes else sizes[-1]
        serve = None if options.no_serve else serve_reload(work / serve_size / "site", work, options.serve_edits)
        variants = measure_variants(work, options.variants, options.runs) if options.variants else None
    text = report(results, serve, serve_size, variants, options.variants or "", (load_before, os.getloadavg()))
    print()
    print(re.sub(r'<div class="journeys-chart-figure">.*?</div>\n\n', "", text, flags=re.DOTALL))
    if not options.no_write:
        write_report(text, options.report)
        print(f"\nWritten to {options.report}")
    return 0


def profile_main(options: argparse.Namespace) -> int:
    name = options.profile_size.upper()
    output = options.profile_output or Path(tempfile.gettempdir()) / f"mkdocs-journeys-warm-{name}.prof"
    with workdir(options.workdir) as work:
        profile = profile_build(work, name, output.resolve())
    text = profile_report(profile, name)
    print()
    print(text)
    print("\nThe functions with the most cumulative time, by package (seconds with the profiler; own time beside):")
    for package, functions in profile.top.items():
        print(f"\n{package}:")
        for where, cumulative, own in functions:
            print(f"  {cumulative:7.2f}  {own:6.2f}  {where}")
    print(f"\nThe profile: {profile.path} (python -m pstats {profile.path}, or snakeviz)")
    if not options.no_write:
        write_section(text, PROFILE_START, PROFILE_END, options.report)
        print(f"Written to {options.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
