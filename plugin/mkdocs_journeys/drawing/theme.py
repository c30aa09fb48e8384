"""The colours of every diagram: theme tokens that follow the site's light and dark palettes.

Diagrams are drawn with placeholder colours (`ThemeColor.placeholder`); `svg.py` turns each into a CSS custom property
with a fallback (`var(--jd-fg, #1f2328)`), and `assets/journeys.css` sets the properties for each palette.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ThemeColor:
    """A colour of the theme: written into DOT as `placeholder`, shown as `var(variable, fallback)` in SVG."""

    placeholder: str
    variable: str
    fallback: str


def _colour(number: int, variable: str, fallback: str) -> ThemeColor:
    return ThemeColor(f"#000a{number:02x}", variable, fallback)


FG = _colour(1, "--jd-fg", "#1f2328")
MUTED = _colour(2, "--jd-muted", "#57606a")
LINE = _colour(3, "--jd-line", "#8c959f")
BG = _colour(4, "--jd-bg", "#ffffff")
SURFACE = _colour(5, "--jd-surface", "#f6f8fa")
STAGE_BG = _colour(6, "--jd-stage-bg", "#3f51b5")
STAGE_FG = _colour(7, "--jd-stage-fg", "#ffffff")
PAIN_BG = _colour(8, "--jd-pain-bg", "#fff4e5")
PAIN_FG = _colour(9, "--jd-pain-fg", "#6b3a00")
PAIN_LINE = _colour(10, "--jd-pain-line", "#f59f00")
CURVE = _colour(11, "--jd-curve", "#3f51b5")
EMOTION_FG = _colour(12, "--jd-emotion-fg", "#1a1a1a")
EMOTION_BG = {
    -2: _colour(16, "--jd-emotion-m2", "#f4a3a3"),
    -1: _colour(17, "--jd-emotion-m1", "#fcd0a1"),
    0: _colour(18, "--jd-emotion-0", "#e3e6ea"),
    1: _colour(19, "--jd-emotion-p1", "#c3ebc9"),
    2: _colour(20, "--jd-emotion-p2", "#7fd197"),
}

_COLOURS = (FG, MUTED, LINE, BG, SURFACE, STAGE_BG, STAGE_FG, PAIN_BG, PAIN_FG, PAIN_LINE, CURVE, EMOTION_FG)
THEME_COLORS: dict[str, ThemeColor] = {colour.placeholder: colour for colour in (*_COLOURS, *EMOTION_BG.values())}
THEME_COLORS["black"] = FG  # Graphviz's default, should a table border or arrowhead be left uncoloured
"""Every colour a diagram uses, by its placeholder in DOT. `assets/journeys.css` sets the variables per palette."""
