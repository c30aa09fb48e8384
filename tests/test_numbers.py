"""Numbers from the data as the site shows them: never a bare trailing dot, never a small rate rounded to zero."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mkdocs_journeys.data.numbers import format_number, percent
from sitecheck import SMALL_JOURNEY, build_site, page_html, write_project


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (1200, None, "1,200"),
        (12.5, None, "12.5"),
        (1234.567, None, "1,234.57"),
        (0.004, None, "0.004"),  # was "0."
        (0.0025, None, "0.0025"),  # was "0."
        (1e-6, None, "0.000001"),  # was "0."
        (0.999999, None, "0.999999"),  # was "1."
        (12.001, None, "12.001"),  # was "12."
        (-0.0, None, "0"),  # was "-0"
        (-0.004, None, "-0.004"),
        (0.004, "%", "0.004%"),  # was "0.%"
        (78, "%", "78%"),
        (1150, "calls a week", "1,150 calls a week"),
        (None, "%", "—"),
    ],
)
def test_a_number_is_shown_with_its_significant_digits_and_no_trailing_dot(
    value: float | None, unit: str | None, text: str
) -> None:
    assert format_number(value, unit) == text


def test_a_share_that_is_not_quite_zero_or_all_says_so() -> None:
    assert (percent(-0.0), percent(0.004, 0), percent(0.996, 0)) == ("0.0%", "<1%", ">99%")


KPIS = """\
    kpis:
      - {name: Complaint rate, target: 0.003, actual: 0.004, higher_is_better: false}
      - {name: Approval probability, target: 0.95, actual: 0.999999}
      - {name: Balance change, target: 0, actual: -0.0}
"""


def test_small_kpi_values_reach_every_page_that_shows_them_whole(tmp_path: Path) -> None:
    journey = SMALL_JOURNEY.replace("    questions: How does", KPIS + "    questions: How does")
    config = write_project(tmp_path, {"journeys/sam-buys.yml": journey})

    site = build_site(config, site_dir=tmp_path / "site")

    for page in ("journeys/maps/sam-buys.md", "journeys/stages/awareness.md"):
        html = re.sub(r"&#46;|\\\.", ".", page_html(site, page))
        # The journey shows its KPIs in a table; a stage lists each journey's: "Name: actual (target t, status)".
        listed = re.findall(r"<li>[^<:]+: (-?[^ (<]+) \(target (-?[^,)]+)", html)
        cells = re.findall(r"<td>([^<]*)</td>", html) + [value for pair in listed for value in pair]
        assert "0.004" in cells and "0.003" in cells and "0.999999" in cells, (page, cells)
        assert not [cell for cell in cells if re.fullmatch(r"-?[\d,]+\.%?|-0", cell)], (page, cells)
