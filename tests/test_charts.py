"""SVG charts: well-formed, accessible, offline, theme-aware, and never fooled by text from YAML."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from mkdocs_journeys.advice.funnel import build_funnel
from mkdocs_journeys.drawing.charts import (
    NARROW_FUNNEL_WIDTH,
    EmotionPoint,
    EmotionSeries,
    emotion_curves_svg,
    emotion_extremes,
    funnel_svg,
)
from mkdocs_journeys.drawing.portfolio import PortfolioPoint, portfolio_svg

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = 'Buy <script>alert("x")</script> & "quotes" \'here\' ]]> <!--'


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _texts(root: ET.Element) -> list[str]:
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def _points(*scores: int | None) -> list[EmotionPoint]:
    return [EmotionPoint(f"s{index}", f"Stage {index}", score) for index, score in enumerate(scores)]


def _check_accessible(root: ET.Element, prefix: str) -> None:
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert title.get("id") == f"{prefix}-title" and desc.get("id") == f"{prefix}-desc"
    assert root.get("aria-labelledby") == f"{prefix}-title {prefix}-desc"


def _check_offline(svg: str) -> None:
    assert "<script" not in svg.replace("&lt;script", "")
    namespaces = ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink")  # names, never fetched
    assert "http" not in svg.replace(namespaces[0], "").replace(namespaces[1], "")  # no CDN, no web font
    assert "currentColor" in svg  # text follows the page's colour in light and dark


def test_funnel_chart_is_accessible_well_formed_svg_that_works_offline() -> None:
    funnel = build_funnel([("a", 1000), ("b", 100), ("c", 60)])

    svg = funnel_svg(funnel, {"a": "Awareness", "b": "Consideration", "c": "Decision"}, id_prefix="f1", title="Funnel")

    root = _parse(svg)
    _check_accessible(root, "f1")
    _check_offline(svg)
    assert "var(--md-accent-fg-color" in svg
    assert "Consideration" in _texts(root)
    assert "100 · ▼ 90.0% lost" in _texts(root)
    largest = [r for r in root.iter(f"{SVG}rect") if "journeys-chart__bar--largest-drop" in (r.get("class") or "")]
    assert len(largest) == 1


def test_funnel_chart_draws_uncounted_stages_as_outlines_and_rises_without_a_drop() -> None:
    funnel = build_funnel([("a", 100), ("b", None), ("c", 40), ("d", 50)])

    root = _parse(funnel_svg(funnel, {}, id_prefix="f2", title="Funnel"))

    texts = _texts(root)
    assert "not counted" in texts
    assert "40 · 60.0% lost (2 steps)" in texts
    assert "50 · ↑ +10" in texts
    assert not any("−-" in t or "−−" in t for t in texts)
    uncounted = [r for r in root.iter(f"{SVG}rect") if "uncounted" in (r.get("class") or "")]
    assert len(uncounted) == 1 and uncounted[0].get("stroke-dasharray")


def test_funnel_chart_says_none_lost_never_minus_zero_percent() -> None:
    root = _parse(funnel_svg(build_funnel([("a", 2300), ("b", 2300)]), {}, id_prefix="f4", title="Funnel"))

    texts = _texts(root)
    assert "2,300 · none lost" in texts
    assert not any("−0.0%" in t or "-0.0%" in t for t in texts)
    assert "none lost" in "".join(root.itertext())  # the bar's tooltip and the description say it too


def test_funnel_chart_of_zero_counts_has_no_nan_or_negative_width() -> None:
    svg = funnel_svg(build_funnel([("a", 0), ("b", 0)]), {}, id_prefix="f3", title="Funnel")

    root = _parse(svg)
    assert "nan" not in svg.lower() and "inf" not in svg.lower()
    assert all(float(r.get("width", "0")) > 0 for r in root.iter(f"{SVG}rect"))


def test_hostile_text_is_escaped_in_every_chart() -> None:
    funnel = build_funnel([("evil", 10), ("b", 5)])

    for narrow in (False, True):
        svg = funnel_svg(funnel, {"evil": HOSTILE}, id_prefix='x"><script>', title=HOSTILE, narrow=narrow)
        root = _parse(svg)  # would fail on an unescaped < or &
        assert not list(root.iter(f"{SVG}script")) and not list(root.iter("script"))
        title = root.find(f"{SVG}title")
        assert title is not None and title.text == HOSTILE
        assert HOSTILE in (root.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]


def test_narrow_funnel_fits_a_phone_and_says_the_same_as_the_wide_one() -> None:
    funnel = build_funnel([("a", 120000), ("b", 18000), ("c", None), ("d", 540)])
    labels = {"a": "Awareness", "b": "Consideration", "c": "Decision", "d": "Purchase"}

    wide = _parse(funnel_svg(funnel, labels, id_prefix="w", title="Funnel"))
    narrow = _parse(funnel_svg(funnel, labels, id_prefix="n", title="Funnel", narrow=True))

    assert narrow.get("viewBox", "").split()[2] == str(NARROW_FUNNEL_WIDTH)
    assert "journeys-chart--narrow" in (narrow.get("class") or "") and "journeys-chart--wide" in (
        wide.get("class") or ""
    )
    assert _texts(narrow) == _texts(wide)
    assert narrow.find(f"{SVG}desc").text == wide.find(f"{SVG}desc").text  # type: ignore[union-attr]
    _check_accessible(narrow, "n")


def test_flat_curve_or_single_point_has_no_peak_or_valley() -> None:
    assert emotion_extremes(_points(1, 1, 1)) == emotion_extremes(_points(2)) == emotion_extremes([])
    assert emotion_extremes(_points(1, 1, 1)).peak is None


def test_first_of_equal_extremes_is_marked() -> None:
    extremes = emotion_extremes(_points(2, -1, 2, -1))

    assert extremes.peak is not None and extremes.peak.stage == "s0"
    assert extremes.valley is not None and extremes.valley.stage == "s1"


# --- several curves, and the opportunity portfolio ----------------------------------------------------------------


def test_several_emotion_curves_each_get_a_line_a_marker_shape_and_a_legend_entry() -> None:
    series = [EmotionSeries("Ana", (-1, 0, 1)), EmotionSeries("Ben", (1, None, 1)), EmotionSeries(HOSTILE, (0, 0, 0))]

    svg = emotion_curves_svg(["Awareness", "Decision", "Purchase"], series, id_prefix="c1", title=HOSTILE)

    root = _parse(svg)
    _check_accessible(root, "c1")
    _check_offline(svg)
    lines = [line for line in root.iter(f"{SVG}polyline")]
    assert len(lines) == 2  # Ben's curve is broken where he has no score, so only Ana's and the third are lines
    assert {line.get("stroke-dasharray") for line in lines} == {None, "2 4"}  # told apart by more than colour
    assert [t for t in _texts(root) if t in ("Ana", "Ben")] == ["Ana", "Ben"]
    assert "Ben: Awareness Satisfied (+1); Purchase Satisfied (+1)." in (root.findtext(f"{SVG}desc") or "")
    assert HOSTILE in (root.findtext(f"{SVG}desc") or "")


def test_equal_scores_of_two_curves_stand_side_by_side_instead_of_hiding_each_other() -> None:
    svg = emotion_curves_svg(
        ["A", "B"], [EmotionSeries("x", (1, 1)), EmotionSeries("y", (1, 1))], id_prefix="c2", title="t"
    )

    markers = [
        c for c in _parse(svg).iter() if c.tag in (f"{SVG}circle", f"{SVG}rect") and c.find(f"{SVG}title") is not None
    ]
    positions = {(c.get("cx") or c.get("x"), c.get("cy") or c.get("y")) for c in markers}
    assert len(positions) == len(markers)


def test_the_portfolio_places_each_opportunity_by_impact_and_effort_with_a_link_and_a_sentence() -> None:
    points = [
        PortfolioPoint(1, "Quick one", 5, 1, "in-progress", "Web team", "../opportunities/quick/"),
        PortfolioPoint(2, HOSTILE, 5, 1, "idea"),
        PortfolioPoint(3, "Big bet", 4, 5, "dropped", None, 'x" onmouseover="alert(1)'),
    ]

    svg = portfolio_svg(points, id_prefix="p1", title="Opportunities")

    root = _parse(svg)
    _check_accessible(root, "p1")
    _check_offline(svg)
    links = [a.get("{http://www.w3.org/1999/xlink}href") for a in root.iter(f"{SVG}a")]
    assert links == ["../opportunities/quick/", 'x" onmouseover="alert(1)']  # an attribute value, never markup
    description = root.findtext(f"{SVG}desc") or ""
    assert "1. Quick one: impact 5, effort 1 (quick wins), in progress, owned by Web team." in description
    assert "3. Big bet: impact 4, effort 5 (big bets), dropped." in description
    assert HOSTILE in description
    assert {"Quick wins", "Big bets", "Fill-ins", "Thankless tasks"} <= set(_texts(root))


def test_opportunities_in_one_cell_of_the_portfolio_do_not_cover_each_other() -> None:
    points = [PortfolioPoint(n, f"o{n}", 3, 3, "idea") for n in range(1, 6)]

    root = _parse(portfolio_svg(points, id_prefix="p2", title="t"))

    centres = [(float(c.get("cx", 0)), float(c.get("cy", 0))) for c in root.iter(f"{SVG}circle") if c.get("r") != "7.0"]
    assert len(centres) == 5
    for index, (x1, y1) in enumerate(centres):
        for x2, y2 in centres[index + 1 :]:
            assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= 2 * 13  # two markers' radii apart
