"""The suggestion engine: the content library applied to one persona in one stage of a journey."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_journeys.advice.advisor import Advisor
from mkdocs_journeys.advice.library import apply_changes, formats_for
from mkdocs_journeys.advice.suggestions import KeywordMatcher, keyword_score, suggest
from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.formats import BUILTIN_LIBRARY, format_registry
from mkdocs_journeys.data.model import (
    BUILTIN_CHANNELS,
    STAGE_TYPES,
    ContentAsset,
    ContentFormat,
    FormatChanges,
    Journey,
    JourneyStep,
    Persona,
    Stage,
    StageContent,
    Touchpoint,
)
from mkdocs_journeys.data.view import JourneyMap

SAM = Persona(
    id="sam",
    name="Sam Rivera",
    role="Bakery owner",
    preferred_channels=["social", "search"],
    pain_points=["I was burnt once: the price doubled after the first year."],
)
CONSIDERATION = Stage(id="consideration", name="Consideration", customer_goal="Build a shortlist.")
LINKEDIN = Touchpoint(id="linkedin", name="LinkedIn", channel="social")
SEO = Touchpoint(id="seo", name="SEO landing pages", channel="search")


def _step(stage: str = "consideration", **fields: Any) -> JourneyStep:
    return JourneyStep(stage=stage, **fields)


def _format(format_id: str, **fields: Any) -> ContentFormat:
    return ContentFormat(id=format_id, name=fields.pop("name", format_id.title()), purpose="Helps.", **fields)


def _catalog(**fields: Any) -> Catalog:
    catalog = Catalog(**fields)
    catalog.channels = {c.id: c for c in BUILTIN_CHANNELS}
    return catalog


def _consideration(step: JourneyStep, persona: Persona = SAM, **options: Any) -> list[Any]:
    return suggest(BUILTIN_LIBRARY["consideration"], persona=persona, stage=CONSIDERATION, step=step, **options)


# --- what a suggestion says ---------------------------------------------------------------------------------------


def test_persona_question_becomes_the_title_and_their_preferred_channel_the_place() -> None:
    step = _step(questions=["How does it compare with spreadsheets?"], touchpoints=["seo"])

    first = _consideration(step, touchpoints=[SEO], channel_names={"search": "search"})[0]

    assert first.format.id == "comparison-guide"
    assert first.title == "Comparison guide answering “How does it compare with spreadsheets?”"
    assert (first.channel, first.preferred_rank, first.touchpoint) == ("search", 2, "seo")
    assert first.reason == "Sam asks this at Consideration; search is their 2nd preferred channel."


def test_format_is_placed_on_the_touchpoint_of_the_persona_first_choice_channel() -> None:
    formats = [_format("comparison-guide", name="Comparison guide", channels=["web", "social"], keywords=["compar*"])]
    step = _step(questions=["How does it compare with spreadsheets?"], touchpoints=["linkedin"])

    (suggestion,) = suggest(formats, persona=SAM, stage=CONSIDERATION, step=step, touchpoints=[LINKEDIN, SEO])

    assert (suggestion.channel, suggestion.touchpoint, suggestion.preferred_rank) == ("social", "linkedin", 1)
    assert "their first-choice channel" in suggestion.reason


def test_pain_point_goes_to_the_format_whose_keywords_it_matches() -> None:
    step = _step("purchase", pain_points=["The delivery fee only appears at the last step of checkout."])
    purchase = Stage(id="purchase", name="Purchase")

    suggestions = suggest(BUILTIN_LIBRARY["purchase"], persona=SAM, stage=purchase, step=step)

    checkout = next(s for s in suggestions if s.format.id == "checkout-help")
    assert checkout.title == "Checkout help addressing “The delivery fee only appears at the last step of checkout”"
    assert checkout.reason.startswith("Sam runs into this at Purchase")
    assert suggestions[0] is checkout


def test_question_that_matches_no_keyword_goes_to_the_stage_catch_all_format() -> None:
    step = _step(questions=["Zyx qwv?"])

    faq = next(s for s in _consideration(step) if s.answers)

    assert faq.format.id == "faq"
    assert faq.format.catch_all


def test_further_questions_for_the_same_format_are_kept_as_also_answers() -> None:
    step = _step(questions=["Can I import my clients?", "Does it work with my bank?"])

    faq = next(s for s in _consideration(step) if s.format.id == "faq")

    assert [t.text for t in faq.answers] == ["Can I import my clients?", "Does it work with my bank?"]
    assert "“Can I import my clients?”" in faq.title


def test_persona_frustration_fills_a_format_that_no_stage_question_went_to() -> None:
    step = _step(questions=["Can I import my clients?"])
    retention = Stage(id="retention", name="Retention")

    suggestions = suggest(BUILTIN_LIBRARY["retention"], persona=SAM, stage=retention, step=step)

    loyalty = next(s for s in suggestions if s.format.id == "loyalty-programme")
    assert loyalty.answers[0].kind == "frustration"
    assert "price doubled" in loyalty.title
    assert loyalty.reason.startswith("One of Sam's frustrations")


def test_general_suggestion_gives_the_stage_decision_as_its_reason() -> None:
    step = _step(decision="Starts the free trial.")

    suggestions = _consideration(step)

    general = next(s for s in suggestions if not s.answers)
    assert general.title == general.format.name
    assert general.reason.startswith("Moves Sam on to the next stage: starts the free trial")


def test_every_reason_is_one_sentence_on_one_line() -> None:
    step = _step(
        questions=["What will it cost\nafter the first year?", "Can I import?"],
        pain_points=["Reviews are paid listings."],
        decision="Starts a trial.",
    )

    for suggestion in _consideration(step, touchpoints=[SEO, LINKEDIN]):
        assert "\n" not in suggestion.reason and "\n" not in suggestion.title
        assert suggestion.reason.endswith(".")
        assert suggestion.reason.count(". ") == 0


# --- order and duplicates -----------------------------------------------------------------------------------------


def test_order_is_deterministic_and_each_format_appears_once() -> None:
    formats = [*BUILTIN_LIBRARY["consideration"], BUILTIN_LIBRARY["consideration"][0]]
    step = _step(questions=["How does it compare?", "Can I import?"], pain_points=["Reviews are hard to trust."])

    first = suggest(formats, persona=SAM, stage=CONSIDERATION, step=step, touchpoints=[SEO])
    second = suggest(formats, persona=SAM, stage=CONSIDERATION, step=step, touchpoints=[SEO])

    assert first == second
    ids = [s.format.id for s in first]
    assert len(ids) == len(set(ids))


def test_questions_come_first_in_journey_order_then_frustrations_then_general_formats() -> None:
    step = _step(questions=["Can I import my data?", "How does it compare?"], pain_points=["Hard to trust reviews."])

    sam_on_the_web = SAM.model_copy(
        update={"preferred_channels": ["social", "search", "web"], "pain_points": ["Every vendor claims results."]}
    )

    suggestions = _consideration(step, sam_on_the_web, touchpoints=[SEO, LINKEDIN])

    kinds = [s.answers[0].kind if s.answers else "general" for s in suggestions]
    assert kinds[:4] == ["question", "question", "pain point", "frustration"]
    assert kinds[4:] and set(kinds[4:]) == {"general"}
    assert [s.format.id for s in suggestions[:4]] == ["faq", "comparison-guide", "reviews", "case-study"]


def test_same_question_twice_is_suggested_once() -> None:
    step = _step(questions=["How does it compare?", "how  does it COMPARE?"], pain_points=["How does it compare?"])

    comparison = next(s for s in _consideration(step) if s.format.id == "comparison-guide")

    assert len(comparison.answers) == 1


def test_published_format_is_marked_and_comes_after_the_open_ones() -> None:
    step = _step(questions=["How does it compare?", "Can I import?"])
    guide = ContentAsset(id="guide", title="Compared", format="comparison-guide", stages=["consideration"])

    suggestions = _consideration(step, published=[guide])

    comparison = next(s for s in suggestions if s.format.id == "comparison-guide")
    assert comparison.published == ("guide",)
    assert not comparison.is_open
    assert suggestions[-1] is comparison
    assert all(s.is_open for s in suggestions[:-1])


def test_general_format_that_reaches_the_persona_nowhere_is_left_out() -> None:
    event_talk = _format("event-talk", channels=["events"])
    social_post = _format("social-post", channels=["social"])
    email_only = SAM.model_copy(update={"preferred_channels": ["email"], "pain_points": []})
    newsletter = _format("newsletter", channels=["email"])

    suggestions = suggest([event_talk, social_post, newsletter], persona=email_only, stage=CONSIDERATION)

    assert [s.format.id for s in suggestions] == ["newsletter"]


def test_general_format_on_a_touchpoint_used_in_the_stage_is_kept_even_off_the_preferred_channels() -> None:
    social_post = _format("social-post", channels=["social"])
    email_only = SAM.model_copy(update={"preferred_channels": ["email"]})

    (suggestion,) = suggest([social_post], persona=email_only, stage=CONSIDERATION, touchpoints=[LINKEDIN])

    assert suggestion.touchpoint == "linkedin"
    assert suggestion.reason.endswith("they meet you on LinkedIn in this stage.")


def test_when_nothing_reaches_the_persona_every_format_is_still_suggested() -> None:
    nobody = SAM.model_copy(update={"preferred_channels": [], "pain_points": []})

    suggestions = suggest(BUILTIN_LIBRARY["advocacy"], persona=nobody, stage=CONSIDERATION)

    assert len(suggestions) == len(BUILTIN_LIBRARY["advocacy"])


# --- keywords -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "keyword", "score"),
    [
        ("The delivery fee", "fee", 1),
        ("Delivery fees", "fee", 1),
        ("The bank feed disconnects", "fee", 0),
        ("A comparison of tools", "compar*", 1),
        ("Incomparable", "compar*", 0),
        ("How do I add a user?", "how do i", 1),
        ("HOW   DO I add a user?", "how do i", 1),
    ],
)
def test_keywords_match_words_not_parts_of_words(text: str, keyword: str, score: int) -> None:
    assert keyword_score(text, [keyword]) == score


def _one_pattern_per_keyword(text: str, keywords: list[str]) -> int:
    """What keyword matching meant when each keyword was a pattern of its own: the definition the matcher keeps."""
    lowered = " ".join(text.lower().split())
    score = 0
    for keyword in keywords:
        words = " ".join(keyword.lower().split())
        body, ending = (words[:-1], "") if words.endswith("*") else (words, r"(?:s|es)?(?!\w)")
        score += re.search(r"(?<!\w)" + re.escape(body) + ending, lowered) is not None
    return score


LETTERS = st.sampled_from([*"aefsé É_-'?* 1", "\u0663", "\u2028", "İ", "ß"])


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(LETTERS, max_size=30),
    keywords=st.lists(st.text(LETTERS, min_size=1, max_size=6).filter(str.strip), max_size=6),
)
def test_the_keyword_matcher_scores_what_one_pattern_per_keyword_scores(text: str, keywords: list[str]) -> None:
    # Plurals (`s`, `es`), `*`, word boundaries in any script, case (İ and ß change length when lowered), repeats.
    lists = [keywords, keywords[::2], []]

    scores = KeywordMatcher(lists).scores(text)

    assert scores == tuple(_one_pattern_per_keyword(text, keywords) for keywords in lists)


# --- the library and its overrides --------------------------------------------------------------------------------


def test_builtin_library_covers_every_common_stage_with_distinct_formats_and_one_catch_all() -> None:
    assert set(BUILTIN_LIBRARY) == set(STAGE_TYPES)
    for formats in BUILTIN_LIBRARY.values():
        ids = [f.id for f in formats]
        assert len(ids) == len(set(ids))
        assert sum(f.catch_all for f in formats) == 1
        assert all(f.purpose and f.channels and f.keywords for f in formats)
        known_channels = {c.id for c in BUILTIN_CHANNELS}
        assert all(set(f.channels) <= known_channels for f in formats)


def test_stage_takes_the_formats_of_its_declared_type_or_of_its_id() -> None:
    onboarding = Stage(id="onboarding", name="Onboarding", type="purchase")
    custom = Stage(id="renewal", name="Renewal")
    catalog = _catalog(stages={"onboarding": onboarding, "renewal": custom})

    assert formats_for(catalog, format_registry(catalog), onboarding) == list(BUILTIN_LIBRARY["purchase"])
    assert formats_for(catalog, format_registry(catalog), CONSIDERATION) == list(BUILTIN_LIBRARY["consideration"])
    assert formats_for(catalog, format_registry(catalog), custom) == []


def test_site_level_library_extends_and_redefines_the_builtin_formats() -> None:
    podcast = _format("podcast")
    better_faq = _format("faq", name="Questions and answers")
    catalog = _catalog(library={"consideration": FormatChanges(formats=[better_faq, podcast], exclude=["ebook"])})

    ids = [f.id for f in formats_for(catalog, format_registry(catalog), CONSIDERATION)]

    assert ids[-1] == "podcast"
    assert "ebook" not in ids
    assert (
        next(f for f in formats_for(catalog, format_registry(catalog), CONSIDERATION) if f.id == "faq").name
        == "Questions and answers"
    )
    assert ids.index("faq") == [f.id for f in BUILTIN_LIBRARY["consideration"]].index("faq")  # redefined in place


def test_replace_drops_the_formats_of_the_level_above() -> None:
    podcast = _format("podcast")
    catalog = _catalog(library={"consideration": FormatChanges(replace=True, formats=[podcast])})

    assert formats_for(catalog, format_registry(catalog), CONSIDERATION) == [podcast]


def test_stage_level_changes_apply_on_top_of_the_site_level() -> None:
    stage = CONSIDERATION.model_copy(
        update={"content_formats": FormatChanges(include=["roi-calculator"], exclude=["podcast", "webinar"])}
    )
    catalog = _catalog(library={"consideration": FormatChanges(formats=[_format("podcast")])})

    ids = [f.id for f in formats_for(catalog, format_registry(catalog), stage)]

    assert "roi-calculator" in ids  # a decision format, included by id
    assert "podcast" not in ids and "webinar" not in ids


def test_journey_stage_level_changes_apply_last_and_only_to_that_journey_stage() -> None:
    step = _step(content=StageContent(formats=FormatChanges(replace=True, include=["pricing-page"])))
    catalog = _catalog(stages={"consideration": CONSIDERATION})

    assert [f.id for f in formats_for(catalog, format_registry(catalog), CONSIDERATION, step)] == ["pricing-page"]
    assert formats_for(catalog, format_registry(catalog), CONSIDERATION, _step()) == list(
        BUILTIN_LIBRARY["consideration"]
    )


def test_journey_override_changes_what_is_suggested_for_that_step() -> None:
    step = _step(
        questions=["How does it compare?"],
        content=StageContent(formats=FormatChanges(replace=True, formats=[_format("demo-day", catch_all=True)])),
    )
    journey = Journey(id="j", name="J", personas=["sam"], stages=[step])
    catalog = _catalog(stages={"consideration": CONSIDERATION}, personas={"sam": SAM}, journeys={"j": journey})

    (suggestion,) = Advisor(JourneyMap(catalog)).suggestions_for_step(journey, step, "sam")

    assert suggestion.format.id == "demo-day"
    assert suggestion.title == "Demo-Day answering “How does it compare?”"


def test_unknown_included_format_is_left_out_of_suggestions() -> None:
    changes = FormatChanges(include=["no-such-format"])

    assert apply_changes([], changes, format_registry(_catalog())) == []


def test_registry_knows_builtin_site_stage_and_journey_formats() -> None:
    stage = CONSIDERATION.model_copy(update={"content_formats": FormatChanges(formats=[_format("stage-made")])})
    step = _step(content=StageContent(formats=FormatChanges(formats=[_format("journey-made")])))
    journey = Journey(id="j", name="J", personas=["sam"], stages=[step])
    catalog = _catalog(
        stages={"consideration": stage},
        journeys={"j": journey},
        library={"awareness": FormatChanges(formats=[_format("site-made")])},
    )

    registry = format_registry(catalog)

    assert {"blog-post", "site-made", "stage-made", "journey-made"} <= set(registry)


# --- across journeys ----------------------------------------------------------------------------------------------


def test_persona_suggestions_merge_their_journeys_without_duplicate_formats() -> None:
    first = Journey(
        id="a", name="A", personas=["sam"], stages=[_step(questions=["How does it compare with spreadsheets?"])]
    )
    second = Journey(id="b", name="B", personas=["sam"], stages=[_step(questions=["How does it compare with Excel?"])])
    catalog = _catalog(
        stages={"consideration": CONSIDERATION}, personas={"sam": SAM}, journeys={"a": first, "b": second}
    )

    suggestions = Advisor(JourneyMap(catalog)).suggestions_for_persona("sam", "consideration")

    ids = [s.format.id for s in suggestions]
    assert len(ids) == len(set(ids))
    comparison = next(s for s in suggestions if s.format.id == "comparison-guide")
    assert "spreadsheets" in comparison.title  # the first journey by name wins
