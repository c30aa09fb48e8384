"""The opportunity portfolio: impact against effort, as inline SVG like the other charts (`charts.py`).

Each rated opportunity is a numbered marker in its cell of a 5 × 5 grid (effort left to right, impact bottom to
top), linking to its page; the page's table under the chart says what each number is. Several opportunities in one
cell stand around its centre. The shape of a marker, not only its colour, tells its status, and a legend names the
shapes; the quadrants are named as teams name them (quick wins, big bets, fill-ins, thankless tasks).
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

from mkdocs_journeys.drawing.charts import BAR_FILL, PEAK_FILL, escape_text, svg_document

_LEFT = 58
_RIGHT = 12
_TOP = 16
_CELL = 88
_BOTTOM = 100
_WIDTH = _LEFT + 5 * _CELL + _RIGHT
_MARKER = 13
_FONT = "font-family: inherit; font-size: 14px"
_STATUS_STROKE = {
    "idea": BAR_FILL,
    "planned": BAR_FILL,
    "in-progress": BAR_FILL,
    "done": PEAK_FILL,
    "dropped": "currentColor",
}
_STATUS_WORDS = {
    "idea": "idea",
    "planned": "planned",
    "in-progress": "in progress",
    "done": "done",
    "dropped": "dropped",
}
QUADRANTS = {
    (True, False): "Quick wins",
    (True, True): "Big bets",
    (False, False): "Fill-ins",
    (False, True): "Thankless tasks",
}
"""By (high impact, high effort): what teams call each quarter of the chart."""


@dataclass(frozen=True)
class PortfolioPoint:
    number: int
    title: str
    impact: int
    effort: int
    status: str
    owner: str | None = None
    url: str | None = None
    """The opportunity's page, relative to the page the chart is on."""


def quadrant(impact: int, effort: int) -> str:
    """The quarter an opportunity falls in; a 3 counts as high, so the middle cell is a big bet."""
    return QUADRANTS[(impact >= 3, effort >= 3)]


def portfolio_svg(points: Sequence[PortfolioPoint], *, id_prefix: str, title: str) -> str:
    height = _TOP + 5 * _CELL + _BOTTOM
    plot_right = _LEFT + 5 * _CELL
    parts = [_grid(plot_right)]
    cells: dict[tuple[int, int], list[PortfolioPoint]] = {}
    for point in points:
        cells.setdefault((point.effort, point.impact), []).append(point)
    for (effort, impact), found in cells.items():
        cx, cy = _x(effort), _y(impact)
        for index, point in enumerate(found):
            dx, dy = _spread(index, len(found))
            parts.append(_marker(point, cx + dx, cy + dy))
    parts.append(_legend(height))
    description = " ".join(_sentence(point) for point in points)
    return svg_document(_WIDTH, height, id_prefix, title, description, parts, "journeys-chart--portfolio")


def svg_text(x: float, y: float, text: str, *, anchor: str, bold: bool = False, opacity: float | None = None) -> str:
    """Text a size larger than the other charts': this chart is often read on a phone, scaled down."""
    weight = ' font-weight="bold"' if bold else ""
    fade = f' fill-opacity="{opacity}"' if opacity is not None else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="currentColor" style="{_FONT}"{weight}{fade}>'
        f"{escape_text(text)}</text>"
    )


def _x(effort: int) -> float:
    return _LEFT + (effort - 0.5) * _CELL


def _y(impact: int) -> float:
    return _TOP + (5.5 - impact) * _CELL


def _grid(plot_right: float) -> str:
    """The cells, the quadrant lines through the middle, the axes and the quadrants' names."""
    parts = []
    for step in range(6):
        x, y = _LEFT + step * _CELL, _TOP + step * _CELL
        parts.append(
            f'<line x1="{x}" y1="{_TOP}" x2="{x}" y2="{_TOP + 5 * _CELL}" stroke="currentColor" stroke-opacity="0.12"/>'
        )
        parts.append(
            f'<line x1="{_LEFT}" y1="{y}" x2="{plot_right}" y2="{y}" stroke="currentColor" stroke-opacity="0.12"/>'
        )
    middle_x, middle_y = _LEFT + 2 * _CELL, _TOP + 3 * _CELL  # between 2 and 3: a 3 is high
    parts.append(
        f'<line x1="{middle_x}" y1="{_TOP}" x2="{middle_x}" y2="{_TOP + 5 * _CELL}" stroke="currentColor" '
        'stroke-opacity="0.5" stroke-dasharray="6 4"/>'
    )
    parts.append(
        f'<line x1="{_LEFT}" y1="{middle_y}" x2="{plot_right}" y2="{middle_y}" stroke="currentColor" '
        'stroke-opacity="0.5" stroke-dasharray="6 4"/>'
    )
    for value in range(1, 6):
        parts.append(svg_text(_x(value), _TOP + 5 * _CELL + 20, str(value), anchor="middle"))
        parts.append(svg_text(_LEFT - 10, _y(value) + 5, str(value), anchor="end"))
    parts.append(svg_text(_LEFT + 2.5 * _CELL, _TOP + 5 * _CELL + 42, "Effort →", anchor="middle", bold=True))
    parts.append(
        f'<text x="18" y="{_TOP + 2.5 * _CELL:.1f}" text-anchor="middle" fill="currentColor" '
        f'style="{_FONT}" font-weight="bold" transform="rotate(-90 18 {_TOP + 2.5 * _CELL:.1f})">Impact →</text>'
    )
    corners: list[tuple[tuple[bool, bool], float, float, str]] = [
        ((True, False), _LEFT + 6, _TOP + 18, "start"),
        ((True, True), plot_right - 6, _TOP + 18, "end"),
        ((False, False), _LEFT + 6, _TOP + 5 * _CELL - 8, "start"),
        ((False, True), plot_right - 6, _TOP + 5 * _CELL - 8, "end"),
    ]
    for key, corner_x, corner_y, anchor in corners:
        parts.append(svg_text(corner_x, corner_y, QUADRANTS[key], anchor=anchor, opacity=0.75))
    return "".join(parts)


def _spread(index: int, count: int) -> tuple[float, float]:
    """Where the `index`-th of `count` markers of one cell stands, around the cell's centre."""
    if count == 1:
        return 0.0, 0.0
    # Far enough apart that neighbours do not touch, yet inside the cell; past about seven they overlap.
    radius = min(_CELL / 2 - _MARKER - 3, (_MARKER + 3) / math.sin(math.pi / count))
    angle = 2 * math.pi * index / count - math.pi / 2
    return radius * math.cos(angle), radius * math.sin(angle)


def _shape(status: str, cx: float, cy: float, size: float = _MARKER) -> str:
    """The marker's outline: circle (idea), diamond (planned), square (in progress), triangle (done), or a dashed
    circle (dropped)."""
    stroke = _STATUS_STROKE[status]
    style = f'style="fill: var(--md-default-bg-color, #ffffff); stroke: {stroke}" stroke-width="2.5"'
    if status == "planned":
        points = f"{cx:.1f},{cy - size - 2:.1f} {cx + size + 2:.1f},{cy:.1f} {cx:.1f},{cy + size + 2:.1f} {cx - size - 2:.1f},{cy:.1f}"
        return f'<polygon points="{points}" {style}/>'
    if status == "in-progress":
        return f'<rect x="{cx - size:.1f}" y="{cy - size:.1f}" width="{2 * size:.1f}" height="{2 * size:.1f}" {style}/>'
    if status == "done":
        points = f"{cx:.1f},{cy - size - 3:.1f} {cx + size + 3:.1f},{cy + size:.1f} {cx - size - 3:.1f},{cy + size:.1f}"
        return f'<polygon points="{points}" {style}/>'
    if status == "dropped":
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{size:.1f}" {style} stroke-dasharray="3 3"/>'
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{size:.1f}" {style}/>'


def _marker(point: PortfolioPoint, cx: float, cy: float) -> str:
    shape = _shape(point.status, cx, cy)
    number = svg_text(cx, cy + 5, str(point.number), anchor="middle", bold=True)
    body = f"<title>{escape_text(_sentence(point))}</title>{shape}{number}"
    css = f"journeys-chart__opportunity journeys-chart__opportunity--{point.status}"
    if point.url is None:
        return f'<g class="{css}">{body}</g>'
    return f'<a class="{css}" xlink:href="{html.escape(point.url, quote=True)}">{body}</a>'


def _legend(height: float) -> str:
    """The shapes of the statuses, in two rows under the effort axis."""
    parts = []
    for index, (status, words) in enumerate(_STATUS_WORDS.items()):
        x = _LEFT + (index % 3) * (5 * _CELL / 3)
        y = height - 44 + (index // 3) * 24
        parts.append(_shape(status, x + 8, y, size=7))
        parts.append(svg_text(x + 22, y + 5, words, anchor="start"))
    return "".join(parts)


def _sentence(point: PortfolioPoint) -> str:
    owner = f", owned by {point.owner}" if point.owner else ""
    return (
        f"{point.number}. {point.title}: impact {point.impact}, effort {point.effort} "
        f"({quadrant(point.impact, point.effort).lower()}), {_STATUS_WORDS[point.status]}{owner}."
    )
