"""The benchmark's own parts work: its synthetic data is valid, its floor mirrors the plugin's site, it runs end to end.

Speed itself is measured by `./dev bench`, never asserted here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from floor import PARAGRAPH, write_floor  # noqa: E402
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


def test_the_floor_has_a_simple_page_for_every_generated_page_under_the_plugins_nav(tmp_path: Path) -> None:
    config = generate(SIZES["XS"], tmp_path / "site")
    plugin_config = load_config(str(config))
    plugin_config.plugins.on_startup(command="build", dirty=False)
    plugin_config = plugin_config.plugins.on_config(plugin_config)
    plugin_config.plugins.on_files(get_files(plugin_config), config=plugin_config)

    floor = write_floor(config, tmp_path / "floor")

    docs = floor.parent / "docs"
    raw = yaml.safe_load(floor.read_text(encoding="utf-8"))
    assert raw["nav"] == plugin_config.nav, "the same sections, nesting and entries"
    assert raw["plugins"] == ["search"], "the floor is built without the plugin"
    assert raw["theme"] == yaml.safe_load(config.read_text(encoding="utf-8"))["theme"]
    assert {"tables", "attr_list", "md_in_html", "admonition"} <= set(map(str, raw["markdown_extensions"]))
    journey = (docs / "journeys/maps/journey-0000.md").read_text(encoding="utf-8")
    assert journey == f"# Journey 0: Fee late install accountant\n\n{PARAGRAPH}\n"
    pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    nav_paths = set(re.findall(r"[\w/-]+\.md", floor.read_text(encoding="utf-8").split("nav:")[1]))
    assert nav_paths <= pages
    assert len(pages) == 41
    assert (docs / "index.md").read_text(encoding="utf-8").startswith("# Synthetic site XS"), "the user's page as is"
    assert (docs / "assets/mkdocs-journeys/journeys.css").exists()


def test_the_floor_of_a_map_past_the_nav_limit_leaves_out_and_places_the_pages_the_plugin_does(tmp_path: Path) -> None:
    config = generate(SIZES["XS"], tmp_path / "site")
    raw = yaml.safe_load(config.read_text(encoding="utf-8"))
    raw["plugins"] = [
        {"journeys": {**p["journeys"], "nav_max_pages": 10}} if "journeys" in p else p for p in raw["plugins"]
    ]
    config.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    plugin_config = load_config(str(config))
    plugin_config.plugins.on_startup(command="build", dirty=False)
    plugin_config = plugin_config.plugins.on_config(plugin_config)
    plugin_config.plugins.on_files(get_files(plugin_config), config=plugin_config)

    floor = write_floor(config, tmp_path / "floor")

    floor_raw = yaml.safe_load(floor.read_text(encoding="utf-8"))
    assert floor_raw["nav"] == plugin_config.nav, "the plugin's own short nav"
    assert "journeys/maps/index.md" in floor.read_text(encoding="utf-8")
    assert "journeys/maps/journey-0000.md" not in floor.read_text(encoding="utf-8")
    site = tmp_path / "floor-site"
    build(load_config(str(floor), strict=True, site_dir=str(site)))
    journey = (site / "journeys/maps/journey-0000/index.html").read_text(encoding="utf-8")
    # The journey page's section is marked as the reader's place, as in the plugin's build.
    assert re.search(r"md-nav__item--active(?:(?!</a>).)*?Journey maps", journey, re.DOTALL)


def test_the_benchmark_runs_end_to_end_on_a_tiny_site_and_keeps_the_previous_figures(tmp_path: Path) -> None:
    report = tmp_path / "benchmarks.md"
    report.write_text(
        "# Benchmarks\n\n<!-- benchmark:start -->\nThe last run, on 2026-01-01.\n"
        '<svg aria-labelledby="bench-title"><title id="bench-title">Old</title></svg>\n'
        "<!-- benchmark:end -->\n\n## Settings\n",
        encoding="utf-8",
    )

    result = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "run.py"),
            *("--sizes", "XS", "--runs", "1", "--serve-edits", "1"),
            "--report",
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    text = report.read_text(encoding="utf-8")
    current, previous = text.split("<!-- benchmark:end -->")
    assert re.search(
        r"\| XS \| 41 \(40 generated\) \| [\d.]+ s \([\d.]+ s\) \| [\d.]+ s \([\d.]+ s\) \| [\d.]+ s \([\d.]+ s\) \|",
        current,
    )
    assert "XS: 3 personas, 4 journeys, 12 touchpoints." in current
    assert re.search(r"\| XS \| \d+ KB \| \d+ KB \(`journeys/[\w/-]+/index.html`\) \| [\d.]+ MB \|", current)
    assert re.search(
        r"`mkdocs serve --dirty` on the XS site, from saving a journey file \(rename\) .*: [\d.]+ s", current
    )
    assert "| XS | 3 / 3 | 4 / 4 | 8 / 8 | 12 / 12 | " in current, "search finds every name"
    for target in ("XS: warm build ≤ 3× the floor", "XS: warm build ≤ 2× (stretch)", "XS: cold build ≤ 5× the floor"):
        assert re.search(
            rf"\| {re.escape(target)} \| (✅ met|❌ not met): [\d.]+× \(CPU time [\d.]+×\)( ⚠️ [^|]+)? \|", current
        )
    assert re.search(r"\| XS: search finds every persona.* \| ✅ met: ", current)
    assert current.count('<title id="bench-title">') == 1
    assert "## Previous run" in previous
    assert "The last run, on 2026-01-01." in previous
    assert 'id="previous-bench-title"' in previous, "the old chart's ids no longer clash with the new one's"
    assert previous.rstrip().endswith("## Settings"), "the rest of the page stays"


def test_the_profile_says_where_a_warm_builds_time_goes(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "run.py"),
            *("--profile", "--profile-size", "XS", "--no-write", "--profile-output", str(tmp_path / "warm.prof")),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    parts = re.findall(r"^\| (.+?) \| ([\d.]+) s \| (\d+)% \|$", result.stdout, flags=re.MULTILINE)
    shares = {label: int(share) for label, _, share in parts}
    seconds = {label: float(value) for label, value, _ in parts}
    for part in ("Python-Markdown", "search plugin", "templates", "the plugin's `on_config`", "everything else"):
        assert any(part in label for label in shares), part
    assert 95 <= sum(shares.values()) <= 105
    assert all(seconds[label] > 0 for label in seconds if "Python-Markdown" in label or "`on_config`" in label)
    assert (tmp_path / "warm.prof").stat().st_size > 0


def test_the_engines_benchmark_builds_a_site_with_each_engine(tmp_path: Path) -> None:
    command = [sys.executable, str(BENCHMARKS / "engines.py"), "--sites", "XS", "--runs", "1", "--no-write"]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=tmp_path)

    assert completed.returncode == 0, completed.stderr
    header, _, cold, warm = completed.stdout.strip().splitlines()
    assert header == "| site | build | MkDocs | ProperDocs | Zensical |"
    assert cold.startswith("| XS | cold | ") and warm.startswith("| XS | warm | ")
    assert cold.count(" s") == 3
    assert cold.rstrip(" |").endswith(")")  # Zensical's cell has the generate and build steps too


def test_the_suggestions_benchmark_prints_precision_and_recall_overall_and_per_industry() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "suggestions.py")], capture_output=True, text=True, check=True, timeout=300
    )

    rows = {line.split("|")[1].strip(): line for line in done.stdout.splitlines() if line.startswith("| ")}
    assert {"all", "hospitality", "financial-services", "b2c-retail", "public-services", "b2b-software"} <= set(rows)
    precision, recall = (float(cell) for cell in rows["all"].split("|")[3:5])
    assert 0 < recall <= 1 and 0 < precision <= 1
