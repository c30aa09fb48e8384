"""Every diagram of a build, drawn in one go, and the figure each generated page shows.

`draw_figures` runs once per build, before any page is written and before MkDocs writes anything: it renders the
DOT of every page's diagram at once (`render.py`) and prepares each SVG for inline use (`svg.py`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from mkdocs_journeys.data.cache_folder import process_key
from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.drawing.dot import Diagram, YamlRef, element_prefix
from mkdocs_journeys.drawing.render import (
    DOT_TIMEOUT_SECONDS,
    DotFailed,
    DotTimedOut,
    Graphviz,
    GraphvizNotFound,
    SvgCache,
    find_dot,
)
from mkdocs_journeys.drawing.svg import SvgError, clean_svg, prepare_svg
from mkdocs_journeys.drawing.theme import THEME_COLORS

DISABLED_NOTICE = Markup(
    '<div class="admonition note journeys-diagram-disabled">'
    '<p class="admonition-title">Diagrams are disabled</p>'
    "<p>This site was built with <code>diagrams: false</code>; the tables below hold the same information.</p>"
    "</div>"
)


class DiagramError(Exception):
    """A diagram could not be drawn; the message is for the person running the build."""


@dataclass(frozen=True)
class DiagramOptions:
    enabled: bool = True
    cache_dir: Path | None = None
    """Where rendered SVGs are kept between builds (a folder `cache_folder.checked_folder` accepted); None renders
    every diagram every build."""
    cache_key: bytes | None = None
    """The key that seals cache entries (`cache_folder.machine_key`); None: a key of this process."""
    workers: int | None = None
    """How many `dot` processes run at once; the number of cores by default."""
    timeout: float = DOT_TIMEOUT_SECONDS
    """How long one `dot` run may take, in seconds."""


def draw_figures(diagrams: Mapping[str, Diagram], options: DiagramOptions, catalog: Catalog) -> dict[str, Markup]:
    """The figure of each diagram, by the same key (a page's `src_uri`). Raises `DiagramError` with a readable
    message, which points at the YAML a failing diagram was drawn from (`catalog`)."""
    if not options.enabled:
        return dict.fromkeys(diagrams, DISABLED_NOTICE)
    try:
        executable = find_dot()
    except GraphvizNotFound as error:
        raise DiagramError(str(error))
    secret = options.cache_key if options.cache_key is not None else process_key()
    cache = SvgCache(options.cache_dir, secret) if options.cache_dir is not None else None
    graphviz = Graphviz(executable, cache, options.workers, options.timeout)
    ordered = list(diagrams.values())
    try:
        svgs = graphviz.render([d.dot for d in ordered])
    except DotFailed as failure:
        diagram = next(d for d in ordered if d.dot == failure.source)
        raise DiagramError(explain_failure(diagram, failure.stderr, catalog))
    except DotTimedOut as late:
        raise DiagramError(explain_timeout(late, ordered, catalog))
    except GraphvizNotFound as error:
        raise DiagramError(str(error))
    figures = {}
    for (key, diagram), svg in zip(diagrams.items(), svgs, strict=True):
        try:
            figures[key] = figure(diagram, svg, cache)
        except SvgError as error:
            if cache is None:
                raise DiagramError(f"The {diagram.title.lower()} could not be prepared: {error}")
            # What the cache gave is not what dot and `prepare_svg` make: it is not an input, draw it again.
            try:
                figures[key] = figure(diagram, Graphviz(executable, None, 1, options.timeout).render([diagram.dot])[0])
            except SvgError as again:
                raise DiagramError(f"The {diagram.title.lower()} could not be prepared: {again}")
            except DotTimedOut as late:
                raise DiagramError(explain_timeout(late, [diagram], catalog))
    return figures


def figure(diagram: Diagram, svg: str, cache: SvgCache | None = None) -> Markup:
    """The SVG inline in a block that scrolls sideways on narrow screens, and is left out of the search index.

    Preparing takes longer than reading from the cache, so the prepared SVG is cached too, by dot's output, what
    preparing adds to it, and the code that prepares it. Whichever it comes from, it passes `clean_svg` on its way to
    the page: raises `SvgError` when it does not.
    """
    key = _prepared_key(diagram, svg) if cache is not None else ""
    inline = cache.read(key, PREPARED_SUFFIX) if cache is not None else None
    if inline is None:
        inline = prepare_svg(
            svg,
            prefix=element_prefix(diagram),
            title=diagram.title,
            description=diagram.description,
            colours=THEME_COLORS,
        )
        if cache is not None:
            cache.write(key, inline, PREPARED_SUFFIX)
    return Markup(f'<div class="journeys-diagram" data-search-exclude>\n{clean_svg(inline)}\n</div>')


PREPARED_SUFFIX = ".inline"
_PREPARATION = hashlib.sha256(
    Path(prepare_svg.__code__.co_filename).read_bytes() + repr(sorted(THEME_COLORS.items())).encode("utf-8")
).hexdigest()
"""Prepared SVGs made by another `svg.py`, or for other theme colours, are prepared again."""


def _prepared_key(diagram: Diagram, svg: str) -> str:
    digest = hashlib.sha256()
    for part in ("prepared", _PREPARATION, element_prefix(diagram), diagram.title, diagram.description, svg):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


_DOT_LINE = re.compile(r"\bline (\d+)")
_LABEL_OF_NODE = re.compile(r"in label of node (\S+)")


def explain_failure(diagram: Diagram, stderr: str, catalog: Catalog) -> str:
    """What dot said, the DOT line it complained about, and the YAML that line was drawn from."""
    line = None
    node = _LABEL_OF_NODE.search(stderr)
    if node:
        line = diagram.line_of_node(node.group(1))
    elif "in label of graph" in stderr:
        line = 2
    else:
        match = _DOT_LINE.search(stderr)
        line = int(match.group(1)) if match else None
    said = "\n  ".join(line.rstrip() for line in stderr.strip().splitlines())
    message = [f"Graphviz could not draw the {diagram.title[0].lower()}{diagram.title[1:]}.", f"dot said:\n  {said}"]
    if line is not None:
        dot_lines = diagram.dot.splitlines()
        if 0 < line <= len(dot_lines):
            shown = dot_lines[line - 1].strip()
            message.append(f"DOT line {line}: {shown[:300]}{' …' if len(shown) > 300 else ''}")
        ref = diagram.ref_at(line)
        if ref is not None:
            message.append(f"It was drawn from {_yaml_place(ref, catalog)}.")
    message.append(
        "This is a bug in mkdocs-journeys: please report it with the YAML above. "
        "To build meanwhile, set `diagrams: false` under the `journeys` plugin in mkdocs.yml."
    )
    return "\n".join(message)


def explain_timeout(late: DotTimedOut, diagrams: Sequence[Diagram], catalog: Catalog) -> str:
    """Which diagrams dot was drawing when it ran out of time, the largest first, and what to do about it."""
    drawing = sorted((d for d in diagrams if d.dot in set(late.sources)), key=lambda d: -len(d.dot))
    largest = drawing[0] if drawing else None
    message = [f"Graphviz did not finish drawing {len(drawing) or 'the'} diagram(s) within {late.seconds:g} s."]
    if largest is not None:
        ref = next((ref for ref in largest.refs if ref is not None), None)
        where = f" ({_yaml_place(ref, catalog)})" if ref is not None else ""
        message.append(f"The largest: the {largest.title[0].lower()}{largest.title[1:]}{where}.")
    message.append(
        "Set `dot_timeout` (seconds) higher under the `journeys` plugin in mkdocs.yml, split very large journeys, or "
        "set `diagrams: false` to build without diagrams."
    )
    return "\n".join(message)


def _yaml_place(ref: YamlRef, catalog: Catalog) -> str:
    origin = catalog.origin(ref.kind, ref.entity_id)
    what = f"{ref.kind} '{ref.entity_id}'"
    if origin is None:
        return what
    position = origin.source.locate((*origin.location, *ref.location))
    return f"{origin.path}:{position.line}:{position.column} ({what})"
