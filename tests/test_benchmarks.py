"""The benchmark's own parts work: its synthetic data is valid, its floor holds the plugin's pages, it runs end to end.

Speed itself is measured by `./dev bench`, never asserted here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from floor import grouped_nav, write_floor  # noqa: E402
from synthetic import SIZES, Size, generate  # noqa: E402

from mkdocs_journeys.data.layout import DataLayout  # noqa: E402
from mkdocs_journeys.data.load import LoadResult, load_catalog  # noqa: E402


def _load(root: Path) -> LoadResult:
    return load_catalog(DataLayout.at(root))


def test_synthetic_data_loads_without_a_single_diagnostic_and_is_the_size_asked(tmp_path: Path) -> None:
    size = Size("T", personas=4, journeys=9, touchpoints=15, assets=5)
    generate(size, tmp_path)

    result = _load(tmp_path)

    assert result.diagnostics == []
    assert result.catalog is not None
    catalog = result.catalog
    assert (len(catalog.personas), len(catalog.journeys), len(catalog.touchpoints)) == (4, 9, 15)
    assert all(6 <= len(journey.stages) <= 8 for journey in catalog.journeys.values())
    assert len(catalog.content) == 5


def test_the_same_seed_writes_the_same_files(tmp_path: Path) -> None:
    generate(SIZES["XS"], tmp_path / "one")
    generate(SIZES["XS"], tmp_path / "two")

    first = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*.yml")}
    second = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*.yml")}
    assert first == second


def test_the_floor_holds_every_generated_page_and_no_plugin(tmp_path: Path) -> None:
    config = generate(SIZES["XS"], tmp_path / "site")

    floor = write_floor(config, tmp_path / "floor", nav=grouped_nav)

    pages = {p.relative_to(floor.parent / "docs").as_posix() for p in (floor.parent / "docs").rglob("*.md")}
    assert {
        "index.md",
        "journeys/index.md",
        "journeys/maps/journey-0000.md",
        "journeys/personas/persona-000.md",
    } <= pages
    assert "<svg" in (floor.parent / "docs/journeys/maps/journey-0000.md").read_text(encoding="utf-8")
    text = floor.read_text(encoding="utf-8")
    assert "journeys:" not in text.split("nav:")[0], "the floor is built without the plugin"
    assert "journeys/maps/journey-0000.md" in text.split("nav:")[1]


def test_grouped_nav_splits_only_long_lists_of_pages() -> None:
    pages = [{f"Page {n:02d}": f"p{n}.md"} for n in range(5)]
    nav = [{"Home": "index.md"}, {"Section": [{"Long": pages}, {"Short": pages[:2]}]}]

    grouped = grouped_nav(nav, limit=2)

    long = grouped[1]["Section"][0]["Long"]
    assert [next(iter(g)) for g in long] == ["Page 00 – Page 01", "Page 02 – Page 03", "Page 04 – Page 04"]
    assert grouped[1]["Section"][1] == {"Short": pages[:2]}


def test_the_benchmark_runs_end_to_end_on_a_tiny_site(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--sizes", "XS", "--runs", "1", "--no-write"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    assert "| XS (3 personas, 4 journeys, 12 touchpoints) |" in result.stdout
    assert "warm build ≤ 1.15× the floor" in result.stdout


def test_the_suggestions_benchmark_prints_precision_and_recall_overall_and_per_industry() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "suggestions.py")], capture_output=True, text=True, check=True, timeout=300
    )

    rows = {line.split("|")[1].strip(): line for line in done.stdout.splitlines() if line.startswith("| ")}
    assert {"all", "hospitality", "financial-services", "b2c-retail", "public-services", "b2b-software"} <= set(rows)
    precision, recall = (float(cell) for cell in rows["all"].split("|")[3:5])
    assert 0 < recall <= 1 and 0 < precision <= 1
