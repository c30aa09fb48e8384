"""Charts as inline SVG: the funnel of a journey and its emotion curve.

Pure functions from data to an SVG string that works offline (no script, no web font, no CDN) and reads in light
and dark themes: text and lines use `currentColor` (the page's text colour), fills use the theme's CSS variables
(mkdocs-material's `--md-accent-fg-color`, …) with fixed fallbacks for other themes, and shapes and words, not only
colour, tell the largest drop-off, the peak and the valley apart. Every chart has `role="img"` with a `<title>` and
a `<desc>` for screen readers; ids start with a prefix the caller makes unique on the page. All text from YAML is
escaped with `html.escape` (after `svg.xml_safe`, as in diagrams).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from mkdocs_journeys.advice.funnel import Funnel, FunnelStage, percent
from mkdocs_journeys.data.model import EMOTION_SCALE
from mkdocs_journeys.drawing.svg import xml_safe

SVG_NAMESPACE = "http://www.w3.org/2000/svg"

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
    note: str | None = None
    pain_points: tuple[str, ...] = ()


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

_FUNNEL_WIDTH = 640
_LABEL_WIDTH = 150
_VALUE_WIDTH = 150
_ROW = 30
_GAP = 10


def funnel_svg(funnel: Funnel, labels: dict[str, str], *, id_prefix: str, title: str) -> str:
    """Horizontal bars, centred like a funnel, one row per stage; uncounted stages are dashed outlines."""
    rows = funnel.stages
    height = len(rows) * (_ROW + _GAP) + _GAP
    bar_area = _FUNNEL_WIDTH - _LABEL_WIDTH - _VALUE_WIDTH - 20  # 10 px clear on either side
    left = _LABEL_WIDTH + 10
    centre = left + bar_area / 2
    largest = max((s.entering or 0 for s in rows), default=0)
    parts = []
    for index, row in enumerate(rows):
        y = _GAP + index * (_ROW + _GAP)
        middle = y + _ROW / 2 + 4
        label = labels.get(row.stage, row.stage)
        parts.append(_text(0, middle, _shorten(label, 22), anchor="start"))
        if row.entering is None:
            parts.append(
                f'<rect class="journeys-chart__bar journeys-chart__bar--uncounted" x="{left}" y="{y}" '
                f'width="{bar_area}" height="{_ROW}" rx="3" fill="none" stroke="currentColor" '
                f'stroke-opacity="0.45" stroke-dasharray="4 4"/>'
            )
            parts.append(_text(centre, middle, "not counted", anchor="middle", opacity=0.7))
            continue
        width = max(3.0, bar_area * row.entering / largest) if largest else 3.0
        parts.append(  # a faint track the width of the largest count, so that small bars keep their scale
            f'<rect x="{left}" y="{y}" width="{bar_area}" height="{_ROW}" rx="3" '
            'fill="currentColor" fill-opacity="0.06"/>'
        )
        fill = DROP_FILL if row.largest_drop else BAR_FILL
        css = "journeys-chart__bar" + (" journeys-chart__bar--largest-drop" if row.largest_drop else "")
        parts.append(
            f'<rect class="{css}" x="{centre - width / 2:.1f}" y="{y}" width="{width:.1f}" height="{_ROW}" rx="3" '
            f'style="fill: {fill}"><title>{_escape(_funnel_sentence(row, labels))}</title></rect>'
        )
        parts.append(_text(_FUNNEL_WIDTH, middle, _funnel_value(row), anchor="end", bold=row.largest_drop))
    description = " ".join(_funnel_sentence(row, labels) for row in rows)
    return _svg(_FUNNEL_WIDTH, height, id_prefix, title, description, parts, "journeys-chart--funnel")


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


# --- emotion curve ------------------------------------------------------------------------------------------------

_CURVE_WIDTH = 640
_CURVE_LEFT = 100
_CURVE_RIGHT = 20
_CURVE_TOP = 24
_CURVE_PLOT = 160
_CURVE_BOTTOM = 64


def emotion_curve_svg(points: Sequence[EmotionPoint], *, id_prefix: str, title: str) -> str:
    """A line through each stage's emotion score (-2 to +2), broken where a stage has no score."""
    count = max(len(points), 1)
    step = (_CURVE_WIDTH - _CURVE_LEFT - _CURVE_RIGHT) / count
    height = _CURVE_TOP + _CURVE_PLOT + _CURVE_BOTTOM

    def x(index: int) -> float:
        return _CURVE_LEFT + step * (index + 0.5)

    def y(score: int) -> float:
        return _CURVE_TOP + (2 - score) * _CURVE_PLOT / 4

    parts = []
    for score, word in sorted(EMOTION_SCALE.items(), reverse=True):
        parts.append(
            f'<line x1="{_CURVE_LEFT}" y1="{y(score)}" x2="{_CURVE_WIDTH - _CURVE_RIGHT}" y2="{y(score)}" '
            f'stroke="currentColor" stroke-opacity="{0.35 if score == 0 else 0.12}"/>'
        )
        parts.append(_text(_CURVE_LEFT - 8, y(score) + 4, f"{score:+d} {word}" if score else f"0 {word}", anchor="end"))
    segments: list[list[str]] = [[]]
    for index, point in enumerate(points):
        if point.score is None:
            segments.append([])
        else:
            segments[-1].append(f"{x(index):.1f},{y(point.score):.1f}")
    for segment in segments:
        if len(segment) > 1:
            parts.append(
                f'<polyline class="journeys-chart__line" points="{" ".join(segment)}" fill="none" '
                f'style="stroke: {BAR_FILL}" stroke-width="3" stroke-linejoin="round"/>'
            )
    extremes = emotion_extremes(points)
    for index, point in enumerate(points):
        words = _shorten(point.label, max(6, int(step / 6)))
        parts.append(_text(x(index), _CURVE_TOP + _CURVE_PLOT + 44, words, anchor="middle"))
        if point.score is None:
            parts.append(_text(x(index), _CURVE_TOP + _CURVE_PLOT + 58, "no score", anchor="middle", opacity=0.7))
            continue
        cx, cy = x(index), y(point.score)
        tooltip = _escape(_emotion_sentence(point))
        if point is extremes.peak:
            parts.append(_marker(cx, cy, up=True, css="peak", fill=PEAK_FILL, tooltip=tooltip))
            parts.append(_text(cx, cy - 14, "Peak", anchor="middle", bold=True))
        elif point is extremes.valley:
            parts.append(_marker(cx, cy, up=False, css="valley", fill=VALLEY_FILL, tooltip=tooltip))
            parts.append(_text(cx, cy + 22, "Valley", anchor="middle", bold=True))
        else:
            parts.append(
                f'<circle class="journeys-chart__point" cx="{cx:.1f}" cy="{cy:.1f}" r="5" '
                f'style="fill: {BAR_FILL}"><title>{tooltip}</title></circle>'
            )
    description = " ".join(_emotion_sentence(p) for p in points)
    if extremes.peak and extremes.valley:
        description += f" Peak: {extremes.peak.label}. Valley: {extremes.valley.label}."
    return _svg(_CURVE_WIDTH, height, id_prefix, title, description, parts, "journeys-chart--emotion")


def _emotion_sentence(point: EmotionPoint) -> str:
    if point.score is None:
        return f"{point.label}: no emotion score."
    score = f"{point.score:+d}" if point.score else "0"
    sentence = f"{point.label}: {EMOTION_SCALE[point.score]} ({score})"
    if point.note:
        sentence += f", {point.note.rstrip('.')}"
    if point.pain_points:
        sentence += ". Pain points: " + "; ".join(p.rstrip(".") for p in point.pain_points)
    return sentence + "."


def _marker(cx: float, cy: float, *, up: bool, css: str, fill: str, tooltip: str) -> str:
    """A triangle pointing up (peak) or down (valley): shape as well as colour."""
    size = 8
    tip = cy - size if up else cy + size
    base = cy + size * 0.7 if up else cy - size * 0.7
    points = f"{cx:.1f},{tip:.1f} {cx - size:.1f},{base:.1f} {cx + size:.1f},{base:.1f}"
    return (
        f'<polygon class="journeys-chart__{css}" points="{points}" style="fill: {fill}" stroke="currentColor" '
        f'stroke-width="1"><title>{tooltip}</title></polygon>'
    )


# --- shared -------------------------------------------------------------------------------------------------------


def _svg(width: int, height: float, id_prefix: str, title: str, description: str, parts: list[str], css: str) -> str:
    ident = _escape(id_prefix)
    return (
        f'<svg xmlns="{SVG_NAMESPACE}" class="journeys-chart {css}" role="img" viewBox="0 0 {width} {height:.0f}" '
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
