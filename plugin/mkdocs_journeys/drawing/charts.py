"""Charts as inline SVG: the funnel of a journey, in a wide form and a narrow one for phones; and the high and low
points of an emotion curve (the curve itself is drawn in the journey's map).

Pure functions from data to an SVG string that works offline (no script, no web font, no CDN) and reads in light
and dark themes: text and lines use `currentColor` (the page's text colour), fills use the theme's CSS variables
(mkdocs-material's `--md-accent-fg-color`, …) with fixed fallbacks for other themes, and shapes and words, not only
colour, tell the largest drop-off apart. Every chart has `role="img"` with a `<title>` and a `<desc>` for screen
readers; ids start with a prefix the caller makes unique on the page. All text from YAML is escaped with
`html.escape` (after `svg.xml_safe`, as in diagrams). Text is 12 px, and a chart is shown at full size or larger:
the page shows the narrow form where the wide one would have to shrink (`assets/journeys.css`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from mkdocs_journeys.advice.funnel import Funnel, FunnelStage, percent
from mkdocs_journeys.drawing.svg import xml_safe

SVG_NAMESPACE = "http://www.w3.org/2000/svg"

# Theme colours: the theme's variable first, a colour that reads on white and on near-black as fallback.
BAR_FILL = "var(--md-accent-fg-color, #526cfe)"
DROP_FILL = "var(--journeys-warning-color, #e8590c)"
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
