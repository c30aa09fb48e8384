"""Every diagram of a build, drawn in one go, and the figure each generated page shows.

`draw_figures` runs once per build, before any page is written and before MkDocs writes anything: it renders the
DOT of both forms of every page's diagram at once (`render.py`), prepares each SVG for inline use (`svg.py`), and
makes the files the figure's download links point at: the wide form as a standalone SVG and as a PNG, both in the
light palette.

A figure holds both forms; the stylesheet shows the wide one where it fits at full size, the narrow one elsewhere:
the figure names the width its wide form needs (`fits_width`, rounded up to `FITS_STEP` pixels), and the build's
stylesheet gets a container query for each width its figures name (`fits_stylesheet`). So no diagram text is ever
shown smaller than it is drawn.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from mkdocs_journeys.data.cache_folder import process_key
from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.drawing.dot import Diagram, Drawing, YamlRef, element_prefix
from mkdocs_journeys.drawing.render import (
    DOT_TIMEOUT_SECONDS,
    DotFailed,
    DotTimedOut,
    Graphviz,
    GraphvizNotFound,
    SvgCache,
    find_dot,
)
from mkdocs_journeys.drawing.svg import SvgError, clean_svg, prepare_svg, standalone_svg
from mkdocs_journeys.drawing.theme import THEME_COLORS

DISABLED_NOTICE = Markup(
    '<div class="admonition note journeys-diagram-disabled">'
    '<p class="admonition-title">Diagrams are disabled</p>'
    "<p>This site was built with <code>diagrams: false</code>; the text below holds the same information.</p>"
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
    downloads: bool | str = "auto"
    """Which files of each diagram to make for download (`DOWNLOAD_SETTINGS`, `download_formats`); PNG is rendered by
    `dot` too, once, then cached."""
    memo: FigureMemo | None = None
    """The figures of the previous build of this process, reused where nothing they are drawn from changed (`mkdocs
    serve`); None draws every figure from the cache or Graphviz."""


@dataclass(frozen=True)
class Download:
    """A file a figure's download link points at: `name` is a file name, written beside the page."""

    name: str
    content: bytes


@dataclass(frozen=True)
class Figure:
    """A page's diagram as the page shows it (`html`: both forms, and download links), the files to download, and
    the width the wide form needs (`fits_width`; None when it is only ever shown narrow, or drawn not at all)."""

    html: Markup
    downloads: tuple[Download, ...] = ()
    fits: int | None = None


class FigureMemo:
    """The figures of the last build, by a digest of everything each is made from (`figure_key`), kept from one build
    to the next by `mkdocs serve`. A reload then prepares and checks only the diagrams an edit changed, instead of
    reading, preparing and checking every diagram and download again: the figure of an unchanged drawing is the same
    figure. Only the last build's figures are kept, so it never holds more than one site's diagrams."""

    def __init__(self) -> None:
        self.figures: dict[str, Figure] = {}


DOWNLOAD_SETTINGS = (True, False, "svg", "auto")
"""What the `diagram_downloads` option takes (see `download_formats`)."""


def download_formats(setting: bool | str, large_map: bool) -> tuple[str, ...]:
    """The files each diagram offers: `true` SVG and PNG, `svg` SVG only, `false` none; `auto` both, except on a map
    past `nav_max_pages`, where a PNG of each of hundreds of diagrams would be most of what the site weighs and of
    what a first build draws, and SVG alone is offered (it opens in the tools slides are made with)."""
    if setting == "auto":
        return ("svg",) if large_map else ("svg", "png")
    if setting == "svg":
        return ("svg",)
    return ("svg", "png") if setting else ()


def figure_key(drawing: Drawing, downloads: tuple[str, ...]) -> str:
    """A digest of what a drawing's figure is made from: both forms' DOT, names, titles and descriptions, and the
    files it offers. The rest (the theme's colours, how SVG is prepared, Graphviz) is the same for a process."""
    digest = hashlib.sha256(("downloads " + " ".join(downloads)).encode("ascii"))
    for diagram in drawing.forms:
        for part in (diagram.name, diagram.title, diagram.description, diagram.dot):
            digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


FITS_STEP = 4
FITS_LARGEST = 2000
"""Figures name the width their wide form needs, rounded up to a multiple of `FITS_STEP` px (so that a build's
figures name few widths, and each gets one rule), up to this; a wider one always shows its narrow form."""


def draw_figures(
    drawings: Mapping[str, Drawing], options: DiagramOptions, catalog: Catalog, *, large_map: bool = False
) -> dict[str, Figure]:
    """The figure of each drawing, by the same key (a page's `src_uri`). Raises `DiagramError` with a readable
    message, which points at the YAML a failing diagram was drawn from (`catalog`)."""
    if not options.enabled:
        return {key: Figure(DISABLED_NOTICE) for key in drawings}
    formats = download_formats(options.downloads, large_map)
    if options.memo is None:
        return _draw_figures(drawings, options, formats, catalog)
    keys = {key: figure_key(drawing, formats) for key, drawing in drawings.items()}
    previous = options.memo.figures
    new = {key: drawing for key, drawing in drawings.items() if keys[key] not in previous}
    drawn = _draw_figures(new, options, formats, catalog) if new else {}
    figures = {key: drawn[key] if key in drawn else previous[keys[key]] for key in drawings}
    options.memo.figures = {keys[key]: figure for key, figure in figures.items()}
    return figures


def _draw_figures(
    drawings: Mapping[str, Drawing], options: DiagramOptions, formats: tuple[str, ...], catalog: Catalog
) -> dict[str, Figure]:
    try:
        executable = find_dot()
    except GraphvizNotFound as error:
        raise DiagramError(str(error))
    secret = options.cache_key if options.cache_key is not None else process_key()
    cache = SvgCache(options.cache_dir, secret) if options.cache_dir is not None else None
    graphviz = Graphviz(executable, cache, options.workers, options.timeout)
    forms = [diagram for drawing in drawings.values() for diagram in drawing.forms]
    wide = [drawing.wide for drawing in drawings.values()]
    try:
        svgs = graphviz.render([d.dot for d in forms])
        pngs = graphviz.render_png([export_dot(d) for d in wide]) if "png" in formats else []
    except DotFailed as failure:
        diagram = next(d for d in forms if failure.source in (d.dot, export_dot(d)))
        raise DiagramError(explain_failure(diagram, failure.stderr, catalog))
    except DotTimedOut as late:
        raise DiagramError(explain_timeout(late, forms, catalog))
    except GraphvizNotFound as error:
        raise DiagramError(str(error))
    figures = {}
    for number, (key, drawing) in enumerate(drawings.items()):
        try:
            wide_inline, narrow_inline, standalone = _prepared(drawing, svgs[2 * number : 2 * number + 2], cache)
        except SvgError as error:
            if cache is None:
                raise DiagramError(f"The {drawing.wide.title.lower()} could not be prepared: {error}")
            # What the cache gave is not what dot and `prepare_svg` make: it is not an input, draw it again.
            try:
                again = Graphviz(executable, None, 1, options.timeout).render([d.dot for d in drawing.forms])
                wide_inline, narrow_inline, standalone = _prepared(drawing, again, None)
            except SvgError as still:
                raise DiagramError(f"The {drawing.wide.title.lower()} could not be prepared: {still}")
            except DotTimedOut as late:
                raise DiagramError(explain_timeout(late, drawing.forms, catalog))
        downloads: tuple[Download, ...] = ()
        if "svg" in formats:
            downloads += (Download(f"{drawing.wide.name}.svg", standalone.encode("utf-8")),)
        if "png" in formats:
            downloads += (Download(f"{drawing.wide.name}.png", pngs[number]),)
        figures[key] = make_figure(wide_inline, narrow_inline, downloads)
    return figures


def _prepared(drawing: Drawing, svgs: Sequence[str], cache: SvgCache | None) -> tuple[str, str, str]:
    """Both forms of `drawing` prepared for the page from dot's SVGs `svgs` (wide, narrow), and the wide one as a file
    of its own; each checked by `clean_svg`, which raises `SvgError` for anything dot and this module do not make."""
    wide_svg, narrow_svg = svgs
    standalone = standalone_svg(
        wide_svg, title=drawing.wide.title, description=drawing.wide.description, colours=THEME_COLORS
    )
    return inline_svg(drawing.wide, wide_svg, cache), inline_svg(drawing.narrow, narrow_svg, cache), standalone


def make_figure(wide: str, narrow: str, downloads: tuple[Download, ...] = ()) -> Figure:
    """Both forms of a diagram, inline, in a block that the search index leaves out, with its download links."""
    links = " · ".join(
        f'<a href="{html.escape(d.name)}" download>{d.name.rsplit(".", 1)[-1].upper()}</a>' for d in downloads
    )
    download = f'\n<p class="journeys-diagram__downloads">Download this diagram: {links}</p>' if links else ""
    fits = fits_width(wide)
    markup = Markup(
        f'<div class="journeys-diagram {fits_class(fits)}" data-search-exclude>\n'
        f'<div class="journeys-diagram__form journeys-diagram__form--wide">{wide}</div>\n'
        f'<div class="journeys-diagram__form journeys-diagram__form--narrow">{narrow}</div>{download}\n</div>'
    )
    return Figure(markup, downloads, fits)


_WIDTH = re.compile(r'<svg\b[^>]*? width="([\d.]+)"')


def fits_width(svg: str) -> int | None:
    """How wide a column must be to show the prepared SVG `svg` at full size, in px (rounded up to `FITS_STEP`);
    None past `FITS_LARGEST`."""
    match = _WIDTH.match(svg)
    width = float(match.group(1)) if match else math.inf
    if width > FITS_LARGEST:
        return None
    return max(FITS_STEP, math.ceil(width / FITS_STEP) * FITS_STEP)


def fits_class(width: int | None) -> str:
    """The class that names the width a figure's wide form needs (`fits_width`)."""
    return "journeys-diagram--narrow-only" if width is None else f"journeys-diagram--fits-{width}"


def fits_stylesheet(widths: Iterable[int]) -> str:
    """A container query for each width the build's figures name: in a narrower column, the narrow form is shown."""
    rules = []
    for width in sorted(set(widths)):
        figure = f".journeys-diagram--fits-{width}"
        rules.append(
            f"@container journeys-diagram (width < {width}px) {{ {figure} > .journeys-diagram__form--wide "
            f"{{ display: none; }} {figure} > .journeys-diagram__form--narrow {{ display: block; }} }}"
        )
    return "\n".join(rules) + "\n"


def export_dot(diagram: Diagram) -> str:
    """The diagram's DOT for files of its own (PNG): theme colours resolved to the light palette, a white
    background. Placeholders are only ever written as quoted attribute values, which text from YAML never is."""
    source = diagram.dot.replace('bgcolor="transparent"', 'bgcolor="white"')
    for placeholder, colour in THEME_COLORS.items():
        if placeholder.startswith("#"):
            source = source.replace(f'"{placeholder}"', f'"{colour.fallback}"')
    return source


def inline_svg(diagram: Diagram, svg: str, cache: SvgCache | None = None) -> str:
    """The SVG `svg` of `diagram`, prepared to sit in the page.

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
    return clean_svg(inline)


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
    sources = set(late.sources)  # SVGs are drawn from the DOT, PNGs from its export
    drawing = sorted((d for d in diagrams if {d.dot, export_dot(d)} & sources), key=lambda d: -len(d.dot))
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
