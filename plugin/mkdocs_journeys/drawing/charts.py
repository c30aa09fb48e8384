"""Charts as inline SVG: the funnel of a journey, in a wide form and a narrow one for phones; the high and low points
of an emotion curve (the curve itself is drawn in the journey's map); and several emotion curves on one chart (the
personas of a journey, or a journey today and to be).

Pure functions from data to an SVG string that works offline (no script, no web font, no CDN) and reads in light
and dark themes: text and lines use `currentColor` (the page's text colour), fills use the theme's CSS variables
(mkdocs-material's `--md-accent-fg-color`, …) with fixed fallbacks for other themes, and shapes and words, not only
colour, tell the largest drop-off and the curves apart. Every chart has `role="img"` with a `<title>` and a `<desc>` for screen
readers; ids start with a prefix the caller makes unique on the page. All text from YAML is escaped with
`html.escape` (after `svg.xml_safe`, as in diagrams). Text is 12 px, and a chart is shown at full size or larger:
the page shows the narrow form where the wide one would have to shrink (`assets/journeys.css`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from mkdocs_journeys.advice.funnel import Funnel, FunnelStage
from mkdocs_journeys.data.model import EMOTION_SCALE
from mkdocs_journeys.data.numbers import percent
from mkdocs_journeys.drawing.svg import xml_safe

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XLINK_NAMESPACE = "http://www.w3.org/1999/xlink"
"""Chart links are `xlink:href`, like Graphviz's: site generators that rewrite the relative `href`s of raw HTML
in a page's Markdown (Zensical, for pages written by `generate`) leave them as the final URLs they already are."""

# Theme colours: the theme's variable first, a colour that reads on white and on near-black as fallback.
BAR_FILL = "var(--md-accent-fg-color, #526cfe)"
DROP_FILL = "var(--journeys-warning-color, #e8590c)"
PEAK_FILL = "var(--journeys-peak-color, #2f9e44)"
VALLEY_FILL = "var(--journeys-valley-color, #e03131)"
FONT = "font-family: inherit; font-size: 12px"


@dataclass(frozen=True)
class EmotionPoint:
    stage: str
    label: str
    score: int | None


@dataclass(frozen=True)
class Extremes:
    """The first highest and the first lowest scored stage; none when the curve is flat or has under two points."""

    peak: EmotionPoint | None
    valley: EmotionPoint | None


def emotion_extremes(points: Sequence[EmotionPoint]) -> Extremes:
    scored = [p for p in points if p.score is not None]
    if len(scored) < 2:
        return Extremes(None, None)
    high = max(p.score for p in scored if p.score is not None)
    low = min(p.score for p in scored if p.score is not None)
    if high == low:
        return Extremes(None, None)
    return Extremes(
        next(p for p in scored if p.score == high),
        next(p for p in scored if p.score == low),
    )


# --- funnel -------------------------------------------------------------------------------------------------------

FUNNEL_WIDTH = 640
"""The wide form's width in px; where the column is narrower, the page shows the narrow form (`journeys.css`)."""
NARROW_FUNNEL_WIDTH = 340
_LABEL_WIDTH = 140
_VALUE_WIDTH = 200
_ROW = 30
_GAP = 10


def funnel_svg(funnel: Funnel, labels: dict[str, str], *, id_prefix: str, title: str, narrow: bool = False) -> str:
    """Horizontal bars, centred like a funnel, one row per stage; uncounted stages are dashed outlines. The wide form
    has the stage's name left of its bar and the figures right of it; the narrow form writes both above the bar."""
    rows = funnel.stages
    width = NARROW_FUNNEL_WIDTH if narrow else FUNNEL_WIDTH
    row_height = _ROW + 20 if narrow else _ROW  # the narrow form's words stand above the bar
    height = len(rows) * (row_height + _GAP) + _GAP
    left = 0 if narrow else _LABEL_WIDTH + 10
    bar_area = width if narrow else FUNNEL_WIDTH - _LABEL_WIDTH - _VALUE_WIDTH - 20  # 10 px clear on either side
    centre = left + bar_area / 2
    largest = max((s.entering or 0 for s in rows), default=0)
    parts = []
    for index, row in enumerate(rows):
        top = _GAP + index * (row_height + _GAP)
        y = top + 20 if narrow else top
        words_y = top + 14 if narrow else y + _ROW / 2 + 4
        label = labels.get(row.stage, row.stage)
        parts.append(_text(0, words_y, _shorten(label, 20 if narrow else 22), anchor="start"))
        if row.entering is None:
            parts.append(
                f'<rect class="journeys-chart__bar journeys-chart__bar--uncounted" x="{left}" y="{y}" '
                f'width="{bar_area}" height="{_ROW}" rx="3" fill="none" stroke="currentColor" '
                f'stroke-opacity="0.45" stroke-dasharray="4 4"/>'
            )
            parts.append(_text(centre, y + _ROW / 2 + 4, "not counted", anchor="middle", opacity=0.7))
            continue
        bar = max(3.0, bar_area * row.entering / largest) if largest else 3.0
        parts.append(  # a faint track the width of the largest count, so that small bars keep their scale
            f'<rect x="{left}" y="{y}" width="{bar_area}" height="{_ROW}" rx="3" '
            'fill="currentColor" fill-opacity="0.06"/>'
        )
        fill = DROP_FILL if row.largest_drop else BAR_FILL
        css = "journeys-chart__bar" + (" journeys-chart__bar--largest-drop" if row.largest_drop else "")
        parts.append(
            f'<rect class="{css}" x="{centre - bar / 2:.1f}" y="{y}" width="{bar:.1f}" height="{_ROW}" rx="3" '
            f'style="fill: {fill}"><title>{_escape(_funnel_sentence(row, labels))}</title></rect>'
        )
        parts.append(_text(width, words_y, _funnel_value(row), anchor="end", bold=row.largest_drop))
    description = " ".join(_funnel_sentence(row, labels) for row in rows)
    form = "journeys-chart--narrow" if narrow else "journeys-chart--wide"
    return _svg(width, height, id_prefix, title, description, parts, f"journeys-chart--funnel {form}")


def _funnel_value(row: FunnelStage) -> str:
    """'18,000 · 85.0% lost': what a bar's count means, in words (a loss of nobody is 'none lost', never '−0.0%')."""
    count = f"{row.entering:,}"
    if row.rise:
        return f"{count} · ↑ +{row.rise:,}"
    if row.drop_off is not None and row.compared:
        if not row.lost:
            return f"{count} · none lost"
        marker = "▼ " if row.largest_drop else ""
        span = f" ({len(row.skipped) + 1} steps)" if row.skipped else ""
        return f"{count} · {marker}{percent(row.drop_off)} lost{span}"
    return count


def _funnel_sentence(row: FunnelStage, labels: dict[str, str]) -> str:
    name = labels.get(row.stage, row.stage)
    if row.entering is None:
        return f"{name}: not counted."
    sentence = f"{name}: {row.entering:,} entered"
    if row.previous is not None:
        before = labels.get(row.previous, row.previous)
        across = f" (across {', '.join(labels.get(s, s) for s in row.skipped)}, not counted)" if row.skipped else ""
        if row.rise:
            sentence += f", {row.rise:,} more than {before}{across}: the counts do not line up"
        elif row.conversion is None:
            sentence += f"; nobody entered {before}, so there is no rate"
        else:
            lost = f"{row.lost:,} lost ({percent(row.drop_off)})" if row.lost else "none lost"
            sentence += f", {percent(row.conversion)} of {before}{across}; {lost}"
    if row.largest_drop:
        sentence += ", the largest drop-off"
    return sentence + "."


# --- shared -------------------------------------------------------------------------------------------------------


def _svg(width: int, height: float, id_prefix: str, title: str, description: str, parts: list[str], css: str) -> str:
    ident = _escape(id_prefix)
    return (
        f'<svg xmlns="{SVG_NAMESPACE}" xmlns:xlink="{XLINK_NAMESPACE}" class="journeys-chart {css}" role="img" viewBox="0 0 {width} {height:.0f}" '
        f'width="100%" style="max-width: {width}px; height: auto; color: inherit" '
        f'aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{_escape(title)}</title>'
        f'<desc id="{ident}-desc">{_escape(description)}</desc>' + "".join(parts) + "</svg>"
    )


def _text(x: float, y: float, text: str, *, anchor: str, bold: bool = False, opacity: float | None = None) -> str:
    weight = ' font-weight="bold"' if bold else ""
    fade = f' fill-opacity="{opacity}"' if opacity is not None else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="currentColor" style="{FONT}"{weight}{fade}>'
        f"{_escape(text)}</text>"
    )


def _escape(text: str) -> str:
    return html.escape(xml_safe(text))


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- several emotion curves on one chart: the personas of a journey, or a journey today and to be ------------------


@dataclass(frozen=True)
class EmotionSeries:
    """One curve: a name, and a score (or None) per stage of the chart."""

    label: str
    scores: tuple[int | None, ...]


_CURVE_WIDTH = 640
_CURVE_LEFT = 100
_CURVE_RIGHT = 20
_CURVE_TOP = 24
_CURVE_PLOT = 160
_CURVE_BOTTOM = 64
_SERIES_COLOURS = (BAR_FILL, DROP_FILL, PEAK_FILL, VALLEY_FILL)
_SERIES_DASHES = ("", "9 5", "2 4", "12 4 2 4")
_SERIES_MARKERS = ("circle", "square", "diamond", "triangle")


def emotion_curves_svg(stages: Sequence[str], series: Sequence[EmotionSeries], *, id_prefix: str, title: str) -> str:
    """One line per series through each stage's score, broken where a series has none there. Curves differ by colour,
    dash and marker shape (a legend names them), so they read in greyscale and for colour-blind readers; markers of
    equal scores at one stage stand side by side instead of hiding each other."""
    count = max(len(stages), 1)
    step = (_CURVE_WIDTH - _CURVE_LEFT - _CURVE_RIGHT) / count
    legend_rows = (len(series) + 1) // 2
    top = _CURVE_TOP + 20 * legend_rows
    height = top + _CURVE_PLOT + _CURVE_BOTTOM

    def x(index: int, offset: float) -> float:
        return _CURVE_LEFT + step * (index + 0.5) + offset

    def y(score: int) -> float:
        return top + (2 - score) * _CURVE_PLOT / 4

    parts = []
    for score, word in sorted(EMOTION_SCALE.items(), reverse=True):
        parts.append(
            f'<line x1="{_CURVE_LEFT}" y1="{y(score)}" x2="{_CURVE_WIDTH - _CURVE_RIGHT}" y2="{y(score)}" '
            f'stroke="currentColor" stroke-opacity="{0.35 if score == 0 else 0.12}"/>'
        )
        parts.append(_text(_CURVE_LEFT - 8, y(score) + 4, f"{score:+d} {word}" if score else f"0 {word}", anchor="end"))
    for index, label in enumerate(stages):
        parts.append(
            _text(x(index, 0), top + _CURVE_PLOT + 44, _shorten(label, max(6, int(step / 6))), anchor="middle")
        )
    for number, line in enumerate(series):
        colour = _SERIES_COLOURS[number % len(_SERIES_COLOURS)]
        dash = _SERIES_DASHES[number % len(_SERIES_DASHES)]
        marker = _SERIES_MARKERS[number % len(_SERIES_MARKERS)]
        offset = _side_by_side(number, len(series))
        segments: list[list[str]] = [[]]
        for index, value in enumerate(line.scores):
            if value is None:
                segments.append([])
            else:
                segments[-1].append(f"{x(index, offset):.1f},{y(value):.1f}")
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        for segment in segments:
            if len(segment) > 1:
                parts.append(
                    f'<polyline class="journeys-chart__line" points="{" ".join(segment)}" fill="none" '
                    f'style="stroke: {colour}" stroke-width="3" stroke-linejoin="round"{dashes}/>'
                )
        for index, value in enumerate(line.scores):
            if value is not None:
                sentence = f"{line.label}, {stages[index]}: {EMOTION_SCALE[value]} ({value:+d})".replace("(+0)", "(0)")
                parts.append(_series_marker(marker, x(index, offset), y(value), colour, _escape(sentence)))
        legend_x = _CURVE_LEFT + (number % 2) * (_CURVE_WIDTH - _CURVE_LEFT) / 2
        legend_y = _CURVE_TOP - 6 + 20 * (number // 2)
        parts.append(
            f'<line x1="{legend_x:.1f}" y1="{legend_y}" x2="{legend_x + 34:.1f}" y2="{legend_y}" '
            f'style="stroke: {colour}" stroke-width="3"{dashes}/>'
        )
        parts.append(_series_marker(marker, legend_x + 17, legend_y, colour, _escape(line.label)))
        parts.append(_text(legend_x + 42, legend_y + 4, _shorten(line.label, 34), anchor="start"))
    description = " ".join(_series_sentence(stages, line) for line in series)
    return _svg(_CURVE_WIDTH, height, id_prefix, title, description, parts, "journeys-chart--emotion-curves")


def _side_by_side(number: int, count: int) -> float:
    """The sideways shift of series `number` of `count`, in pixels, so that equal scores do not hide each other."""
    return (number - (count - 1) / 2) * 7


def _series_marker(shape: str, cx: float, cy: float, colour: str, tooltip: str) -> str:
    size = 5.5
    style = f'style="fill: {colour}" stroke="currentColor" stroke-width="0.75"'
    title = f"<title>{tooltip}</title>"
    if shape == "square":
        return f'<rect x="{cx - size:.1f}" y="{cy - size:.1f}" width="{2 * size}" height="{2 * size}" {style}>{title}</rect>'
    if shape == "diamond":
        d = size + 1.5
        points = f"{cx:.1f},{cy - d:.1f} {cx + d:.1f},{cy:.1f} {cx:.1f},{cy + d:.1f} {cx - d:.1f},{cy:.1f}"
        return f'<polygon points="{points}" {style}>{title}</polygon>'
    if shape == "triangle":
        d = size + 1.5
        points = f"{cx:.1f},{cy - d:.1f} {cx + d:.1f},{cy + d * 0.8:.1f} {cx - d:.1f},{cy + d * 0.8:.1f}"
        return f'<polygon points="{points}" {style}>{title}</polygon>'
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{size}" {style}>{title}</circle>'


def _series_sentence(stages: Sequence[str], line: EmotionSeries) -> str:
    felt = [
        f"{stage} {EMOTION_SCALE[score]} ({score:+d})".replace("(+0)", "(0)")
        for stage, score in zip(stages, line.scores, strict=True)
        if score is not None
    ]
    return f"{line.label}: " + ("; ".join(felt) if felt else "no emotion score") + "."


# The shared pieces, for the other charts (`portfolio.py`).
svg_document = _svg
escape_text = _escape
