"""Funnel arithmetic: conversion and drop-off between stages, and every way real counts go wrong."""

from __future__ import annotations

import pytest

from mkdocs_journeys.advice.funnel import (
    build_funnel,
    funnel_after,
    is_leaving_rate,
    journey_funnel,
    stage_phase,
    where_people_leave,
)
from mkdocs_journeys.data.model import Journey, Kpi, Stage
from mkdocs_journeys.data.numbers import percent


def test_conversion_and_drop_off_between_consecutive_stages() -> None:
    funnel = build_funnel([("awareness", 1000), ("consideration", 250), ("decision", 50)])

    consideration = funnel.stage("consideration")
    assert consideration is not None
    assert consideration.previous == "awareness"
    assert consideration.conversion == pytest.approx(0.25)
    assert consideration.lost == 750
    assert consideration.drop_off == pytest.approx(0.75)
    assert funnel.stage("awareness") == build_funnel([("awareness", 1000)]).stages[0]  # the top: nothing to compare
    assert funnel.overall_conversion == pytest.approx(0.05)


def test_largest_drop_off_is_the_step_losing_the_largest_share_not_the_most_people() -> None:
    # 48,000 → 16,800 loses most people (31,200) but the largest share is lost between 16,800 and 1,350.
    funnel = build_funnel([("a", 48000), ("b", 16800), ("c", 1350), ("d", 410), ("e", 370), ("f", 130)])

    largest = funnel.largest_drop
    assert largest is not None
    assert (largest.previous, largest.stage) == ("b", "c")
    assert largest.drop_off == pytest.approx(15450 / 16800)
    assert [s.stage for s in funnel.stages if s.largest_drop] == ["c"]


def test_equal_drop_offs_flag_the_first() -> None:
    funnel = build_funnel([("a", 100), ("b", 50), ("c", 25)])

    assert funnel.largest_drop is not None
    assert funnel.largest_drop.stage == "b"


def test_zero_entering_a_stage_is_a_full_drop_and_nothing_is_divided_by_zero_after_it() -> None:
    funnel = build_funnel([("a", 200), ("b", 0), ("c", 0), ("d", 3)])

    b, c, d = (funnel.stage(s) for s in "bcd")
    assert b is not None and b.conversion == 0 and b.drop_off == 1 and b.lost == 200
    assert c is not None and c.conversion is None and c.drop_off is None and c.lost == 0
    assert d is not None and d.conversion is None and d.rise == 3  # from zero: a rise, no rate
    assert funnel.largest_drop is b


def test_first_stage_with_zero_gives_no_overall_conversion() -> None:
    funnel = build_funnel([("a", 0), ("b", 0)])

    assert funnel.overall_conversion is None
    assert funnel.largest_drop is None


def test_missing_counts_compare_with_the_last_counted_stage_and_say_what_they_skip() -> None:
    funnel = build_funnel([("a", 120000), ("b", 18000), ("c", None), ("d", 540), ("e", None), ("f", 95)])

    c, d = funnel.stage("c"), funnel.stage("d")
    assert c is not None and not c.counted and c.conversion is None and c.drop_off is None
    assert d is not None and d.previous == "b" and d.skipped == ("c",)
    assert d.conversion == pytest.approx(0.03)
    assert not d.adjacent


def test_steps_across_missing_counts_never_compete_for_largest_drop_off() -> None:
    # b → d loses 97% across the uncounted c; only a → b is one measured step, so it is the largest drop.
    funnel = build_funnel([("a", 1000), ("b", 500), ("c", None), ("d", 15)])

    assert funnel.largest_drop is not None
    assert funnel.largest_drop.stage == "b"


def test_missing_count_at_the_start_or_the_end() -> None:
    funnel = build_funnel([("a", None), ("b", 400), ("c", 100), ("d", None)])

    b, c = funnel.stage("b"), funnel.stage("c")
    assert b is not None and b.previous is None and b.skipped == ()  # nothing counted before: no comparison
    assert c is not None and c.conversion == pytest.approx(0.25)
    assert funnel.stage("d") is not None and not funnel.stage("d").counted  # type: ignore[union-attr]


def test_rising_counts_are_a_rise_never_a_negative_drop_off() -> None:
    funnel = build_funnel([("purchase", 410), ("retention", 450), ("advocacy", 130)])

    retention = funnel.stage("retention")
    assert retention is not None
    assert retention.rise == 40
    assert retention.lost == 0
    assert retention.drop_off is None and retention.conversion is None
    assert all(s.lost >= 0 and (s.drop_off is None or s.drop_off >= 0) for s in funnel.stages)
    advocacy = funnel.stage("advocacy")
    assert advocacy is not None and advocacy.drop_off == pytest.approx(320 / 450)
    assert funnel.overall_conversion == pytest.approx(130 / 410)


def test_overall_conversion_is_not_given_when_the_last_count_is_higher_than_the_first() -> None:
    assert build_funnel([("a", 10), ("b", 20)]).overall_conversion is None


def test_single_stage_has_no_conversion_and_no_largest_drop() -> None:
    funnel = build_funnel([("awareness", 5000)])

    assert funnel.has_counts
    assert funnel.largest_drop is None
    assert funnel.overall_conversion is None
    assert funnel.stages[0].conversion is None


def test_journey_without_any_count_has_no_funnel() -> None:
    assert journey_funnel([("a", None), ("b", None)]) is None
    assert journey_funnel([]) is None


def test_no_drop_at_all_flags_nothing() -> None:
    funnel = build_funnel([("a", 100), ("b", 100)])

    assert funnel.stage("b") is not None and funnel.stage("b").drop_off == 0  # type: ignore[union-attr]
    assert funnel.largest_drop is None


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        build_funnel([("a", -1)])


@pytest.mark.parametrize(
    ("share", "text"),
    [(0.08, "8.0%"), (0.0, "0.0%"), (1.0, "100.0%"), (0.0004, "<0.1%"), (0.99996, ">99.9%"), (None, "—")],
)
def test_percent_never_rounds_a_small_share_to_zero_or_a_loss_to_everything(share: float | None, text: str) -> None:
    assert percent(share) == text


LIFE_CYCLE = [("awareness", 48000), ("consideration", 16800), ("decision", 1350), ("purchase", 410)]


def test_stages_after_the_purchase_get_their_own_rates_and_never_the_largest_drop_off() -> None:
    # 370 → 130 from retention to advocacy is no drop-off: both are shares of the 410 who purchased.
    funnel = journey_funnel([*LIFE_CYCLE, ("retention", 370), ("advocacy", 130)], after={"retention", "advocacy"})

    assert funnel is not None
    assert [s.stage for s in funnel.stages] == ["awareness", "consideration", "decision", "purchase"]
    assert funnel.largest_drop is not None and funnel.largest_drop.stage == "decision"
    retention, advocacy = funnel.after
    assert (retention.stage, retention.base, retention.base_entering) == ("retention", "purchase", 410)
    assert retention.rate == pytest.approx(370 / 410)
    assert advocacy.rate == pytest.approx(130 / 410)  # of those who converted, not of those retained
    assert funnel.overall_conversion == pytest.approx(410 / 48000)


def test_an_after_stage_counting_more_than_converted_has_no_rate_but_says_so() -> None:
    funnel = journey_funnel([("purchase", 100), ("advocacy", 140)], after={"advocacy"})

    assert funnel is not None
    (advocacy,) = funnel.after
    assert advocacy.rate is None and advocacy.exceeds_base


def test_after_stages_without_a_counted_funnel_have_counts_but_no_rate() -> None:
    funnel = journey_funnel([("purchase", None), ("retention", 300)], after={"retention"})

    assert funnel is not None and not funnel.has_counts
    assert funnel.after[0].entering == 300 and funnel.after[0].rate is None and funnel.after[0].base is None


def test_a_journey_entirely_after_the_purchase_is_a_funnel_of_its_own() -> None:
    funnel = journey_funnel([("retention", 1000), ("advocacy", 120)], after={"retention", "advocacy"})

    assert funnel is not None
    assert [s.stage for s in funnel.stages] == ["retention", "advocacy"] and funnel.after == ()
    assert funnel.largest_drop is not None and funnel.largest_drop.stage == "advocacy"


def test_the_phase_of_a_stage_is_written_or_implied_by_its_type() -> None:
    written = Stage(id="renewal", name="Renewal", phase="after")
    typed = Stage(id="loyal", name="Loyal", type="retention")
    by_id = Stage(id="advocacy", name="Advocacy")
    unknown = Stage(id="onboarding", name="Onboarding")
    bought = Stage(id="purchase", name="Purchase")

    stages = [written, typed, by_id, unknown, bought]

    assert [stage_phase(s) for s in stages] == ["after", "after", "after", None, "during"]
    assert funnel_after(stages) == {"renewal", "loyal", "advocacy"}
    assert funnel_after(stages, ("before", "during", "after")) == set()
    assert funnel_after([bought], ("before",)) == {"purchase"}


# --- where people leave ------------------------------------------------------------------------------------------


def _kpi(name: str, actual: float | None = 71, unit: str | None = "%") -> Kpi:
    return Kpi(name=name, actual=actual, unit=unit)


@pytest.mark.parametrize(
    ("kpi", "leaving"),
    [
        (_kpi("Checkout abandonment rate"), True),
        (_kpi("Booking engine abandonment"), True),
        (_kpi("Drop-off at the quote form"), True),
        (_kpi("Bounce rate of the landing page"), True),
        (_kpi("Churn in the first year"), True),
        (_kpi("Abandoned baskets", unit="baskets"), False),  # a count, not a share of those who reach it
        (_kpi("Checkout abandonment rate", actual=None), False),  # not measured
        (_kpi("Checkout completion rate"), False),
        (_kpi("Drop offers sent"), False),
    ],
)
def test_a_leaving_rate_is_a_percentage_whose_name_says_people_leave(kpi: Kpi, leaving: bool) -> None:
    assert is_leaving_rate(kpi) is leaving


def test_where_people_leave_names_the_stage_the_touchpoint_its_path_and_what_goes_wrong_there() -> None:
    journey = Journey.model_validate(
        {
            "id": "buy",
            "name": "Buy",
            "personas": ["ana"],
            "stages": [
                {"stage": "consideration", "kpis": [{"name": "Bounce rate", "actual": 40, "unit": "%"}]},
                {
                    "stage": "purchase",
                    "pain_points": ["Slow"],
                    "touchpoints": [
                        {
                            "touchpoint": "checkout",
                            "pain_points": ["The fee appears at the end"],
                            "kpis": [{"name": "Checkout abandonment", "actual": 71, "unit": "%"}],
                        }
                    ],
                    "paths": [
                        {
                            "id": "agent",
                            "name": "Through an agent",
                            "touchpoints": [
                                {"touchpoint": "agent", "kpis": [{"name": "Drop-off", "actual": 80, "unit": "%"}]}
                            ],
                        },
                        {"id": "direct", "name": "Direct", "touchpoints": ["website"]},
                    ],
                },
            ],
        }
    )

    found = where_people_leave(journey)

    assert [(f.stage, f.touchpoint, f.path, f.kpi.name) for f in found] == [
        ("consideration", None, None, "Bounce rate"),
        ("purchase", "checkout", None, "Checkout abandonment"),
        ("purchase", "agent", "Through an agent", "Drop-off"),
    ]
    assert [p.text for p in found[1].pain_points] == ["The fee appears at the end"]  # the checkout's, not the stage's
    funnel = journey_funnel([("consideration", None), ("purchase", None)], leaving=found)
    assert funnel is not None and not funnel.has_counts  # nothing counted, and still a funnel: people leave
    assert funnel.most_leave == found[2]
