"""How long diagrams take: 200 journey diagrams of 6 stages, rendered cold (empty cache) and warm.

    python benchmarks/bench_diagrams.py [--journeys 200] [--stages 6] [--workers N]

Prints the time to write the DOT, to render it cold (every `dot` process included), to prepare the SVG for the
page, and to render again warm (everything from the cache, no `dot` at all). Target: cold under 1.5 s on 2 cores.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from mkdocs_journeys.data.cache_folder import process_key
from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.model import BUILTIN_CHANNELS, Emotion, Journey, JourneyStep, Persona, Stage, Touchpoint
from mkdocs_journeys.data.view import JourneyMap
from mkdocs_journeys.drawing.dot import element_prefix
from mkdocs_journeys.drawing.render import Graphviz, SvgCache, available_cores, find_dot
from mkdocs_journeys.drawing.svg import prepare_svg
from mkdocs_journeys.drawing.theme import THEME_COLORS
from mkdocs_journeys.site.plan import plan_site

STAGE_NAMES = ("Awareness", "Consideration", "Decision", "Purchase", "Retention", "Advocacy", "Loyalty", "Renewal")


def example_catalog(journeys: int, stages: int) -> Catalog:
    """A map the size of a large company's: 20 personas, 60 touchpoints, `journeys` journeys through `stages`."""
    catalog = Catalog()
    for n in range(stages):
        name = STAGE_NAMES[n % len(STAGE_NAMES)] + ("" if n < len(STAGE_NAMES) else f" {n}")
        catalog.stages[f"s{n}"] = Stage(id=f"s{n}", name=name)
    for channel in BUILTIN_CHANNELS:
        catalog.channels[channel.id] = channel
    for n in range(60):
        channel = BUILTIN_CHANNELS[n % len(BUILTIN_CHANNELS)].id
        catalog.touchpoints[f"t{n}"] = Touchpoint(id=f"t{n}", name=f"Touchpoint number {n}", channel=channel)
    for n in range(20):
        catalog.personas[f"p{n}"] = Persona(id=f"p{n}", name=f"Persona {n}", role="A buyer with a long role text")
    for n in range(journeys):
        steps = [
            JourneyStep(
                stage=f"s{s}",
                touchpoints=[f"t{(n * 7 + s * 3 + k) % 60}" for k in range(2 + (n + s) % 3)],
                emotion=Emotion(score=(n + s * 2) % 5 - 2),
                pain_points=["Prices are hard to compare across plans and options"] if (n + s) % 3 == 0 else [],
                decision="Books a demo",
            )
            for s in range(stages)
        ]
        catalog.journeys[f"j{n}"] = Journey(
            id=f"j{n}", name=f"Journey number {n}", personas=[f"p{n % 20}"], stages=steps
        )
    return catalog


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", type=int, default=200)
    parser.add_argument("--stages", type=int, default=6)
    parser.add_argument("--workers", type=int, default=None, help="dot processes at once (default: cores)")
    parser.add_argument("--repeat", type=int, default=3, help="cold runs, each with an empty cache (best is shown)")
    options = parser.parse_args()

    catalog = example_catalog(options.journeys, options.stages)
    site = plan_site(JourneyMap(catalog), prefix="journeys", kinds=["journey"], templates_dir=None)

    start = time.perf_counter()
    diagrams = [diagram for page in site.pages if (drawing := site.drawing(page)) for diagram in drawing.forms]
    dot_seconds = time.perf_counter() - start

    # Cold: an empty cache each time; the best of --repeat runs, since other processes on the machine add noise.
    cold_times = []
    for _ in range(options.repeat):
        with tempfile.TemporaryDirectory() as folder:
            graphviz = Graphviz(find_dot(), SvgCache(Path(folder) / "cache", process_key()), options.workers)
            graphviz.version()  # asked once per executable, then remembered in the cache: not part of rendering
            start = time.perf_counter()
            svgs = graphviz.render([d.dot for d in diagrams])
            cold_times.append(time.perf_counter() - start)
            cold = graphviz.stats
            warm_times = []
            for _ in range(3):
                start = time.perf_counter()
                graphviz.render([d.dot for d in diagrams])
                warm_times.append(time.perf_counter() - start)
            warm = graphviz.stats
    cold_seconds = min(cold_times)

    start = time.perf_counter()
    for diagram, svg in zip(diagrams, svgs, strict=True):
        prepare_svg(
            svg,
            prefix=element_prefix(diagram),
            title=diagram.title,
            description=diagram.description,
            colours=THEME_COLORS,
        )
    prepare_seconds = time.perf_counter() - start

    count = len(diagrams)
    print(
        f"{count} journey diagrams (wide and narrow forms) of {options.stages} stages, {graphviz.workers} dot process(es) "
        f"at once on {available_cores()} core(s), {graphviz.version()}"
    )
    print(f"  write DOT            {dot_seconds:6.3f} s")
    print(
        f"  cold render          {cold_seconds:6.3f} s  ({cold.rendered} rendered in {cold.processes} dot runs, "
        f"{cold_seconds / count * 1000:.1f} ms per diagram; best of {len(cold_times)}, worst {max(cold_times):.3f} s)"
    )
    print(f"  prepare SVG          {prepare_seconds:6.3f} s  ({prepare_seconds / count * 1000:.1f} ms per diagram)")
    print(f"  cold total           {dot_seconds + cold_seconds + prepare_seconds:6.3f} s")
    print(
        f"  warm render          {statistics.median(warm_times):6.3f} s  ({warm.cached} from the cache, "
        f"{warm.processes} dot runs)"
    )
    target = 1.5
    print(f"  target: cold render under {target} s -> {'met' if cold_seconds < target else 'NOT met'}")
    return 0 if cold_seconds < target else 1


if __name__ == "__main__":
    sys.exit(main())
