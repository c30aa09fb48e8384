"""The product's suggestion engine, run on the labelled evaluation set through the adapter (adapter.py).

Precision is the issue's target (at least 0.85 over all cases, with no `must_not` format ever suggested); recall is
reported beside it, and held above a floor so that an engine that says nothing cannot pass. The benchmark script
`benchmarks/suggestions.py` prints the same figures per industry.
"""

from __future__ import annotations

import pytest
from adapter import case_site, engine
from scoring import Case, Score, load_cases, load_formats, score

CASES = load_cases()
PRECISION_TARGET = 0.85
RECALL_FLOOR = 0.75
"""Below the recall measured when the target was met (see docs/benchmarks.md), so that a change that makes the
engine quieter to gain precision fails here and has to argue for itself."""


@pytest.fixture(scope="module")
def result() -> Score:
    return score(CASES, engine, load_formats())


def test_precision_meets_the_target_with_no_forbidden_format_and_recall_is_reported(
    result: Score, capsys: pytest.CaptureFixture[str]
) -> None:
    with capsys.disabled():
        print(
            f"\nsuggestions on the evaluation set: precision {result.precision:.3f}, recall {result.recall:.3f}, "
            f"{len(result.violations)} violations, {len(result.channel_errors)} channel errors"
        )
    assert result.violations == []
    assert result.precision >= PRECISION_TARGET
    assert result.recall >= RECALL_FLOOR


def test_with_moments_folded_into_the_stage_the_target_still_holds() -> None:
    """What today's journeys record (a touchpoint's pain points written on the stage) until issue 15's moments."""
    folded = score(CASES, lambda case: engine(case, fold_moments=True), load_formats())

    assert folded.violations == []
    assert folded.precision >= PRECISION_TARGET


@pytest.mark.parametrize("case", [c for c in CASES if not c["fit"]], ids=lambda c: c["id"])
def test_a_case_where_nothing_earns_a_suggestion_gets_none(case: Case) -> None:
    assert engine(case) == []


def test_every_suggestion_on_the_set_is_placed_on_one_of_its_formats_channels_and_quotes_what_calls_for_it() -> None:
    for case in CASES:
        for suggestion in case_site(case).suggestions():
            assert suggestion.channel in suggestion.format.channels, (case["id"], suggestion.format.id)
            lead = suggestion.signals[0]
            quoted = " ".join(lead.text.split()).rstrip(".")
            assert quoted in suggestion.title or quoted in suggestion.reason or lead.measure in suggestion.reason, (
                case["id"],
                suggestion.format.id,
            )
