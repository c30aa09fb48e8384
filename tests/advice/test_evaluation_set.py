"""The labelled evaluation set for content suggestions is well formed, varied and honest to its own rules.

These tests check the set, not the suggestion engine: the engine is scored against the set with `scoring.score`.
The rules they enforce are those written in the header of evaluation.yml.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
import yaml
from scoring import EVALUATION_FILE, FORMATS_FILE, Case, load_cases, load_formats, score, score_case

from mkdocs_journeys.data.model import BUILTIN_CHANNELS, SLUG_PATTERN, STAGE_TYPES

RAW = yaml.safe_load(EVALUATION_FILE.read_text(encoding="utf-8"))
VOCABULARY = yaml.safe_load(FORMATS_FILE.read_text(encoding="utf-8"))
CASES = load_cases()
FORMATS = load_formats()
INDUSTRIES = {entry["id"] for entry in VOCABULARY["industries"]}
BUSINESS_MODELS = {entry["id"] for entry in VOCABULARY["business_models"]}
CHANNELS = set(VOCABULARY["channels"]["builtin"]) | {entry["id"] for entry in VOCABULARY["channels"]["extra"]}

CASE_KEYS = {"id", "industry", "business_model", "persona", "stage", "recorded", "fit", "must_not"}
RECORDED_KEYS = {
    "actions",
    "questions",
    "pain_points",
    "decision",
    "emotion",
    "kpis",
    "entering",
    "previous",
    "existing",
    "coverage",
    "opportunities",
    "wishes",
    "touchpoints",
}
TEXT_LISTS = ("actions", "questions", "pain_points", "opportunities", "wishes")
FORMAT_KEYS = {"id", "name", "purpose", "industries", "audience", "stages", "channels"}


def _is_slug(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(SLUG_PATTERN, value) is not None


def _texts(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value)


def _case_ids(cases: list[Case]) -> list[str]:
    return [case["id"] for case in cases]


# --- size and variety ---------------------------------------------------------------------------------------------


def test_the_set_has_at_least_60_cases_over_at_least_4_industries_of_12_cases_each() -> None:
    per_industry = Counter(case["industry"] for case in CASES)
    assert len(CASES) >= 60
    assert len(per_industry) >= 4
    assert min(per_industry.values()) >= 12, per_industry


def test_every_industry_that_serves_consumers_also_has_business_customers_in_the_set() -> None:
    for industry in {case["industry"] for case in CASES}:
        kinds = {case["persona"]["consumer"] for case in CASES if case["industry"] == industry}
        assert kinds == {True, False} or kinds == {False}, f"{industry}: only consumer personas"


def test_every_industry_has_a_case_where_nothing_earns_a_suggestion() -> None:
    empty = {case["industry"] for case in CASES if not case["fit"]}
    assert empty == {case["industry"] for case in CASES}


def test_the_hard_cases_are_there() -> None:
    """A KPI as the only signal, a drop-off as the only signal, a gap as the only signal, nothing at all."""

    def only(case: Case, keys: set[str]) -> bool:
        return bool(case["recorded"]) and set(case["recorded"]) <= keys

    assert sum(only(c, {"kpis"}) for c in CASES) >= 5
    assert sum(only(c, {"entering", "previous"}) and bool(c["fit"]) for c in CASES) >= 2
    assert sum(only(c, {"coverage"}) for c in CASES) >= 2
    assert sum(c["recorded"] == {} for c in CASES) >= 4


# --- schema -------------------------------------------------------------------------------------------------------


def test_case_ids_are_unique_slugs() -> None:
    ids = _case_ids(CASES)
    assert all(_is_slug(case_id) for case_id in ids)
    assert [case_id for case_id, n in Counter(ids).items() if n > 1] == []


@pytest.mark.parametrize("case", RAW["cases"], ids=_case_ids(RAW["cases"]))
def test_every_case_has_exactly_the_documented_keys(case: dict[str, Any]) -> None:
    assert CASE_KEYS <= set(case) <= CASE_KEYS | {"note"}
    assert case["industry"] in INDUSTRIES
    assert case["business_model"] in BUSINESS_MODELS
    assert case["persona"] in RAW["personas"]
    assert set(case["stage"]) == {"id", "name", "type"} and _is_slug(case["stage"]["id"]) and case["stage"]["name"]
    assert isinstance(case["recorded"], dict) and set(case["recorded"]) <= RECORDED_KEYS
    for entry in case["fit"]:
        assert set(entry) <= {"format", "because", "channels"} and entry["because"].strip()
    for entry in case["must_not"]:
        assert set(entry) == {"format", "because"} and entry["because"].strip()
    assert case["must_not"], "every case says what would be a mistake"


@pytest.mark.parametrize("case", RAW["cases"], ids=_case_ids(RAW["cases"]))
def test_what_a_case_records_has_the_shape_of_the_journey_yaml(case: dict[str, Any]) -> None:
    recorded = case["recorded"]
    for key in TEXT_LISTS:
        assert key not in recorded or _texts(recorded[key]), key
    for kpi in recorded.get("kpis", []):
        assert set(kpi) <= {"name", "target", "actual", "unit", "higher_is_better"} and kpi["name"]
        assert isinstance(kpi["target"], (int, float)) and isinstance(kpi["actual"], (int, float))
        assert isinstance(kpi.get("higher_is_better", True), bool)
    if "emotion" in recorded:
        assert recorded["emotion"]["score"] in range(-2, 3)
    if "previous" in recorded:
        assert set(recorded["previous"]) == {"stage", "entering"} and isinstance(recorded["entering"], int)
    for asset in recorded.get("existing", []):
        assert set(asset) == {"format", "title"} and asset["format"] in FORMATS
    assert recorded.get("coverage", "gap") == "gap"
    assert not ("coverage" in recorded and recorded.get("existing")), "a gap has nothing published"
    for touchpoint in recorded.get("touchpoints", []):
        assert set(touchpoint) <= {"id", "name", "channel", "pain_points", "emotion"}
        assert _is_slug(touchpoint["id"]) and touchpoint["name"]
        assert "pain_points" not in touchpoint or _texts(touchpoint["pain_points"])
        assert touchpoint.get("emotion", 0) in range(-2, 3)


def test_every_persona_is_described_and_used() -> None:
    for persona_id, persona in RAW["personas"].items():
        assert _is_slug(persona_id)
        assert set(persona) <= {"description", "consumer", "preferred_channels", "pain_points"}
        assert persona["description"].strip() and isinstance(persona["consumer"], bool)
        assert "pain_points" not in persona or _texts(persona["pain_points"])
    assert set(RAW["personas"]) == {case["persona"] for case in RAW["cases"]}


def test_stage_types_are_the_models_stage_types() -> None:
    assert {case["stage"]["type"] for case in CASES} <= set(STAGE_TYPES)
    assert {stage for entry in FORMATS.values() for stage in entry["stages"]} <= set(STAGE_TYPES)


def test_every_channel_named_anywhere_is_a_known_channel() -> None:
    assert VOCABULARY["channels"]["builtin"] == [channel.id for channel in BUILTIN_CHANNELS]
    named = [c for persona in RAW["personas"].values() for c in persona.get("preferred_channels", [])]
    named += [t["channel"] for case in CASES for t in case["recorded"].get("touchpoints", [])]
    named += [c for case in CASES for entry in case["fit"] for c in entry.get("channels", [])]
    named += [c for entry in FORMATS.values() for c in entry["channels"]]
    assert sorted(set(named) - CHANNELS) == []


# --- the formats --------------------------------------------------------------------------------------------------


def test_every_format_has_the_documented_fields() -> None:
    ids = [entry["id"] for entry in VOCABULARY["formats"]]
    assert [format_id for format_id, n in Counter(ids).items() if n > 1] == []
    for entry in VOCABULARY["formats"]:
        assert set(entry) == FORMAT_KEYS and _is_slug(entry["id"]), entry["id"]
        assert entry["name"].strip() and entry["purpose"].strip()
        assert entry["industries"] == "any" or (entry["industries"] and set(entry["industries"]) <= INDUSTRIES)
        assert entry["audience"] in ("any", "consumers", "businesses")
        assert entry["stages"] and entry["channels"], entry["id"]


def test_every_format_a_case_names_is_defined() -> None:
    named = {entry["format"] for case in CASES for entry in case["fit"] + case["must_not"]}
    assert sorted(named - set(FORMATS)) == []


def test_every_format_is_the_right_advice_in_at_least_one_case() -> None:
    """The vocabulary holds no format that the set never asks for."""
    fitting = {entry["format"] for case in CASES for entry in case["fit"]}
    assert sorted(set(FORMATS) - fitting) == []


def test_software_formats_are_for_software_businesses_only() -> None:
    for format_id in ("free-trial", "roi-calculator", "procurement-pack", "partner-kit", "integration-docs"):
        assert FORMATS[format_id]["industries"] == ["b2b-software"], format_id


# --- the labels obey the set's own rules ------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=_case_ids(CASES))
def test_no_format_is_both_fit_and_must_not(case: Case) -> None:
    fit = [entry["format"] for entry in case["fit"]]
    must_not = [entry["format"] for entry in case["must_not"]]
    assert len(set(fit)) == len(fit) and len(set(must_not)) == len(must_not)
    assert set(fit) & set(must_not) == set()


@pytest.mark.parametrize("case", CASES, ids=_case_ids(CASES))
def test_fit_formats_suit_the_industry_the_audience_and_the_stage(case: Case) -> None:
    for entry in case["fit"]:
        definition = FORMATS[entry["format"]]
        assert definition["industries"] == "any" or case["industry"] in definition["industries"], entry["format"]
        audience = "consumers" if case["persona"]["consumer"] else "businesses"
        assert definition["audience"] in ("any", audience), entry["format"]
        assert case["stage"]["type"] in definition["stages"], entry["format"]
        assert set(entry.get("channels", [])) <= set(definition["channels"]), entry["format"]


@pytest.mark.parametrize("case", CASES, ids=_case_ids(CASES))
def test_a_format_already_published_fits_again_only_when_something_says_it_falls_short(case: Case) -> None:
    published = {asset["format"] for asset in case["recorded"].get("existing", [])}
    complaints = case["recorded"].get("pain_points", []) + case["recorded"].get("kpis", [])
    for entry in case["fit"]:
        if entry["format"] in published:
            assert complaints, f"{entry['format']} is published here and nothing recorded says it falls short"


@pytest.mark.parametrize("case", [c for c in CASES if "previous" in c["recorded"]], ids=lambda c: c["id"])
def test_drop_offs_are_clearly_large_or_clearly_small(case: Case) -> None:
    lost = 1 - case["recorded"]["entering"] / case["recorded"]["previous"]["entering"]
    assert lost <= 0.10 or lost > 0.5
    if lost <= 0.10 and set(case["recorded"]) == {"entering", "previous"}:
        assert case["fit"] == [], "a small drop-off calls for nothing"


def test_nothing_recorded_earns_nothing() -> None:
    assert all(case["fit"] == [] for case in CASES if case["recorded"] == {})


def test_kpis_on_target_alone_earn_nothing() -> None:
    def on_target(kpi: dict[str, Any]) -> bool:
        better = kpi.get("higher_is_better", True)
        return bool(kpi["actual"] >= kpi["target"]) if better else bool(kpi["actual"] <= kpi["target"])

    kpi_only = [c for c in CASES if set(c["recorded"]) == {"kpis"}]
    for case in kpi_only:
        if all(on_target(kpi) for kpi in case["recorded"]["kpis"]):
            assert case["fit"] == [], case["id"]
    assert any(all(on_target(k) for k in c["recorded"]["kpis"]) for c in kpi_only), "keep an on-target case"


# --- scoring ------------------------------------------------------------------------------------------------------

TOY_CASES: list[Case] = [
    {
        "id": "toy-one",
        "fit": [{"format": "faq", "because": "."}, {"format": "packages-page", "because": ".", "channels": ["web"]}],
        "must_not": [{"format": "free-trial", "because": "."}],
    },
    {"id": "toy-empty", "fit": [], "must_not": [{"format": "roi-calculator", "because": "."}]},
]


def test_a_perfect_engine_scores_one_and_one_on_the_real_set() -> None:
    result = score(CASES, lambda case: [entry["format"] for entry in case["fit"]], FORMATS)
    assert (result.precision, result.recall, result.violations, result.channel_errors) == (1.0, 1.0, [], [])


def test_unlisted_formats_cost_precision_and_must_not_formats_are_also_violations() -> None:
    answers = {"toy-one": ["faq", "blog-post", "free-trial"], "toy-empty": ["roi-calculator"]}
    result = score(TOY_CASES, lambda case: answers[case["id"]])
    one, empty = result.cases
    assert (one.correct, one.wrong, one.violations, one.missed) == (
        ("faq",),
        ("blog-post", "free-trial"),
        ("free-trial",),
        ("packages-page",),
    )
    assert (one.precision, one.recall) == (pytest.approx(1 / 3), 0.5)
    assert (empty.precision, empty.recall) == (0.0, 1.0)
    assert (result.precision, result.recall) == (0.25, 0.5)  # pooled: 1 of 4 suggestions fit, 1 of 2 fit formats
    assert result.violations == [("toy-one", "free-trial"), ("toy-empty", "roi-calculator")]


def test_saying_nothing_is_precise_and_finds_nothing() -> None:
    result = score(TOY_CASES, lambda case: [])
    assert [(c.precision, c.recall) for c in result.cases] == [(1.0, 0.0), (1.0, 1.0)]
    assert (result.precision, result.recall, result.violations) == (1.0, 0.0, [])


def test_a_format_suggested_twice_counts_once() -> None:
    result = score_case(TOY_CASES[0], ["faq", "faq", ("faq", "chat")])
    assert result.suggested == ("faq",) and result.precision == 1.0


def test_a_suggestion_on_a_channel_the_format_cannot_carry_is_a_channel_error() -> None:
    placed = ["faq", ("packages-page", "web"), ("packages-page", "social"), ("faq", "social")]
    result = score_case(TOY_CASES[0], placed, FORMATS)
    assert result.channel_errors == ("packages-page on social", "faq on social")
    assert result.precision == 1.0  # the formats were right; where they were put is reported apart


def test_a_fit_format_outside_the_channels_its_case_gives_is_a_channel_error() -> None:
    """Packages can be emailed (formats.yml), but this case says the web: the persona is not on the list."""
    assert "email" in FORMATS["packages-page"]["channels"]
    assert score_case(TOY_CASES[0], [("packages-page", "email")], FORMATS).channel_errors == ("packages-page on email",)


def test_an_engine_that_always_offers_a_free_trial_is_caught_wherever_it_is_forbidden() -> None:
    forbidden = [c["id"] for c in CASES if "free-trial" in {e["format"] for e in c["must_not"]}]
    result = score(CASES, lambda case: ["free-trial"])
    assert [case_id for case_id, _ in result.violations] == forbidden
    assert len(forbidden) >= 30
