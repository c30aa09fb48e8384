"""The same site built by each engine the guide names, in one run: `python benchmarks/engines.py`.

    python benchmarks/engines.py [--sites example,M] [--runs 3] [--no-write]

For each site (`example`: this repository's example; a size of `synthetic.py`: that synthetic project), each engine
builds its own copy, each command in a fresh process:

- MkDocs: `mkdocs build --strict` (the plugin makes the pages during the build);
- ProperDocs: `properdocs build --strict` (the same plugin);
- Zensical: `mkdocs-journeys generate --strict`, then `zensical build --strict`, timed apart and together.

Cold builds start without any cache (the plugin's diagram and parse caches, Zensical's own); warm builds keep them,
as CI with a kept cache and a rebuild while serving do. Times are wall-clock medians of `--runs` runs, builds of
the three engines interleaved so that a busy machine slows them alike. The table goes into docs/benchmarks.md
between the `engines:` markers unless `--no-write`.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from run import measured
from synthetic import SIZES, generate

REPO = Path(__file__).resolve().parent.parent
REPORT = REPO / "docs" / "benchmarks.md"
START, END = "<!-- engines:start -->", "<!-- engines:end -->"
BIN = Path(sys.executable).parent
ENGINES = ("MkDocs", "ProperDocs", "Zensical")

ZENSICAL_CONFIG = """\
[project]
site_name = "Synthetic journeys"
site_url = "https://example.com/"
extra_css = ["journeys/assets/mkdocs-journeys/journeys.css"]
nav = [{ "Home" = "index.md" }, { "Customer journeys" = "journeys/" }]

[project.theme]
features = ["navigation.tabs", "navigation.sections", "navigation.indexes", "navigation.prune", "navigation.top",
  "navigation.footer", "search.suggest", "search.highlight", "content.tooltips", "toc.follow"]

[project.plugins.search]

[project.plugins.literate-nav]
nav_file = ".nav.md"

[project.markdown_extensions.admonition]
[project.markdown_extensions.attr_list]
[project.markdown_extensions.md_in_html]
[project.markdown_extensions.tables]
[project.markdown_extensions.toc]
permalink = true
[project.markdown_extensions."pymdownx.highlight"]
[project.markdown_extensions."pymdownx.superfences"]
"""
"""The synthetic sites' `mkdocs.yml` (`synthetic.site_config`) for Zensical: the generated folder in the nav."""


def project(site: str, folder: Path) -> Path:
    """A copy of the site to build, with its Zensical configuration."""
    if site == "example":
        for name in ("personas", "journeys", "docs"):
            shutil.copytree(REPO / name, folder / name)
        shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
        shutil.copy(REPO / "zensical.toml", folder / "zensical.toml")
    else:
        generate(SIZES[site], folder)
        (folder / "zensical.toml").write_text(ZENSICAL_CONFIG, encoding="utf-8")
    return folder


def clean(folder: Path) -> None:
    """No site and no cache: the plugin's (.cache/journeys), Zensical's (.cache), the generated folder."""
    for name in ("site", ".cache", "docs/journeys"):
        shutil.rmtree(folder / name, ignore_errors=True)


def build(engine: str, folder: Path) -> dict[str, float]:
    """Seconds of each step of one build."""
    if engine == "MkDocs":
        return {"build": measured([str(BIN / "mkdocs"), "build", "--strict", "-q"], cwd=folder)[0].seconds}
    if engine == "ProperDocs":
        command = [str(BIN / "properdocs"), "build", "--strict", "-q", "-f", "mkdocs.yml"]
        return {"build": measured(command, cwd=folder)[0].seconds}
    generated = measured([str(BIN / "mkdocs-journeys"), "generate", "--strict"], cwd=folder)[0].seconds
    built = measured([str(BIN / "zensical"), "build", "--strict"], cwd=folder)[0].seconds
    return {"generate": generated, "build": built}


def measure(site: str, work: Path, runs: int) -> dict[tuple[str, str], list[dict[str, float]]]:
    folders = {engine: project(site, work / site / engine) for engine in ENGINES}
    times: dict[tuple[str, str], list[dict[str, float]]] = {}
    for _ in range(runs):
        for engine, folder in folders.items():
            clean(folder)
            times.setdefault((engine, "cold"), []).append(build(engine, folder))
        for engine, folder in folders.items():
            times.setdefault((engine, "warm"), []).append(build(engine, folder))
    return times


def cell(runs: list[dict[str, float]]) -> str:
    total = statistics.median(sum(run.values()) for run in runs)
    if "generate" not in runs[0]:
        return f"{total:.2f} s"
    generated = statistics.median(run["generate"] for run in runs)
    built = statistics.median(run["build"] for run in runs)
    return f"{total:.2f} s ({generated:.2f} + {built:.2f})"


def table(results: dict[str, dict[tuple[str, str], list[dict[str, float]]]]) -> str:
    lines = ["| site | build | " + " | ".join(ENGINES) + " |", "| --- | --- |" + " --- |" * len(ENGINES)]
    for site, times in results.items():
        for kind in ("cold", "warm"):
            cells = " | ".join(cell(times[(engine, kind)]) for engine in ENGINES)
            lines.append(f"| {site} | {kind} | {cells} |")
    return "\n".join(lines)


def write(text: str) -> None:
    current = REPORT.read_text(encoding="utf-8")
    before, found, rest = current.partition(START)
    if not found:
        raise SystemExit(f"{REPORT} has no {START} marker")
    _, _, after = rest.partition(END)
    REPORT.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sites", default="example,M", help="example and/or synthetic sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print the table without writing docs/benchmarks.md")
    options = parser.parse_args(argv)
    sites = [s.strip() for s in options.sites.split(",") if s.strip()]
    unknown = [s for s in sites if s != "example" and s not in SIZES]
    if unknown:
        parser.error(f"unknown site {', '.join(unknown)}; choose example or {', '.join(SIZES)}")
    with tempfile.TemporaryDirectory(prefix="journeys-engines-") as work:
        results = {site: measure(site, Path(work), max(1, options.runs)) for site in sites}
    text = table(results)
    print(text)
    if not options.no_write:
        write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
