"""The one way numbers from the data are written for people: KPI values, counts, survey scores and shares.

Every page, diagram, chart and piece of advice shows numbers through these two functions, so a value reads the same
wherever it appears. A rate kept as a fraction (a complaint rate of 0.004) must not turn into "0" or "0.", and a value
just below a whole number (0.999999) must not be rounded up to one that reads as reached.
"""

from __future__ import annotations

import math

_MOST_DECIMALS = 12
"""Past this many decimals a value is written in scientific notation (1e-20): a row of zeros is unreadable."""


def format_number(value: float | None, unit: str | None = None) -> str:
    """1200 → '1,200', 12.5 → '12.5', 0.004 → '0.004', 0.999999 → '0.999999', -0.0 → '0'; with the unit ('%'
    sticks to the number); None → '—'.

    Two decimals at most for ordinary values, but at least two significant digits for small ones, and as many
    decimals as it takes for a value that is not whole never to be shown as a whole number.
    """
    if value is None:
        return "—"
    value = float(value) + 0.0  # -0.0 + 0.0 is 0.0: no "-0"
    text = _digits(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def _digits(value: float) -> str:
    if value.is_integer():
        return f"{value:,.0f}"
    decimals = 2
    if abs(value) < 1:
        decimals = max(decimals, 1 - math.floor(math.log10(abs(value))))  # two significant digits
    while decimals <= _MOST_DECIMALS:
        text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
        if "." in text:
            return text
        decimals += 1
    return f"{value:.2g}"


def percent(share: float | None, digits: int = 1) -> str:
    """0.08 → '8.0%'; 0.0004 → '<0.1%' rather than a misleading '0.0%', 0.9999 → '>99.9%' rather than '100.0%';
    None → '—'."""
    if share is None:
        return "—"
    value = share * 100 + 0.0
    smallest = 10**-digits
    if 0 < value < smallest:
        return f"<{smallest:.{digits}f}%"
    if 100 - smallest < value < 100:
        return f">{100 - smallest:.{digits}f}%"
    return f"{value:.{digits}f}%"
