"""The suggestion engine: a format is suggested to a persona at a stage only when something recorded there calls for
it, fits the business, reaches the persona on a channel that can carry it, and says why."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_journeys.advice.advisor import Advisor
from mkdocs_journeys.advice.library import BusinessContext, apply_changes, business_context, formats_for
from mkdocs_journeys.advice.signals import Signal, stage_signals
from mkdocs_journeys.advice.suggestions import KeywordMatcher, keyword_score, suggest
from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.formats import BUILTIN_FORMATS, BUILTIN_INDUSTRIES, format_registry, industry_registry
from mkdocs_journeys.data.model import (
    BUILTIN_CHANNELS,
    STAGE_TYPES,
    Business,
    ContentAsset,
    ContentFormat,
    FormatChanges,
    FormatWording,
    Industry,
    Journey,
    JourneyStep,
    Kpi,
    Persona,
    Stage,
    StageContent,
    Touchpoint,
    TouchpointMoment,
)
from mkdocs_journeys.data.view import JourneyMap

SAM = Persona(
    id="sam",
    name="Sam Rivera",
    role="Runner",
    preferred_channels=["social", "search", "email"],
    pain_points=["Returning things cost me money last time."],
)
CONSIDERATION = Stage(id="consideration", name="Consideration")
PURCHASE = Stage(id="purchase", name="Purchase")
AWARENESS = Stage(id="awareness", name="Awareness")
INSTAGRAM = Touchpoint(id="instagram", name="Instagram", channel="social")
SEO = Touchpoint(id="seo", name="SEO landing pages", channel="search")
RETAIL = BusinessContext(industry_registry(Catalog())["retail"], "consumers")
ANY = BusinessContext()


def _catalog(**fields: Any) -> Catalog:
    catalog = Catalog(**fields)
    catalog.channels = {c.id: c for c in BUILTIN_CHANNELS}
    return catalog


def _step(stage: str = "consideration", **fields: Any) -> JourneyStep:
    return JourneyStep(stage=stage, **fields)


def _format(format_id: str, **fields: Any) -> ContentFormat:
    return ContentFormat(id=format_id, name=fields.pop("name", format_id.title()), purpose="Helps.", **fields)


def _suggest(
    stage: Stage,
    step: JourneyStep | None,
    *,
    persona: Persona = SAM,
    business: BusinessContext = RETAIL,
    touchpoints: tuple[Touchpoint, ...] = (),
    **options: Any,
) -> list[Any]:
    """The built-in library for `business`, applied to what `step` records."""
    catalog = _catalog()
    formats = formats_for(catalog, format_registry(catalog), stage, step, business)
    signals = options.pop("signals", None) or stage_signals(step, persona=persona)
    return suggest(formats, persona=persona, stage=stage, signals=signals, touchpoints=touchpoints, **options)


def _ids(suggestions: list[Any]) -> list[str]:
    return [s.format.id for s in suggestions]


# --- earned: something recorded calls for each suggestion ----------------------------------------------------------


def test_a_stage_where_nothing_is_recorded_gets_no_suggestion() -> None:
    assert _suggest(CONSIDERATION, _step()) == []
    assert _suggest(CONSIDERATION, None) == []


def test_the_persona_question_becomes_the_title_and_their_preferred_channel_the_place() -> None:
    step = _step(questions=["Which size should I order?"], touchpoints=["seo"])

    (size,) = _suggest(CONSIDERATION, step, touchpoints=(SEO,), channel_names={"search": "search"})

    assert size.format.id == "size-guide"
    assert size.title == "Size and fit guide answering “Which size should I order?”"
    assert (size.channel, size.preferred_rank, size.touchpoint) == ("web", None, None)
    assert size.reason == "Sam asks this at Consideration."


def test_a_pain_point_goes_to_the_format_whose_keywords_it_matches() -> None:
    step = _step("purchase", pain_points=["The delivery fee only appears at the last step of checkout."])

    suggestions = _suggest(PURCHASE, step)

    checkout = next(s for s in suggestions if s.format.id == "checkout-help")
    assert checkout.title == "Checkout help addressing “The delivery fee only appears at the last step of checkout”"
    assert checkout.reason.startswith("Sam runs into this at Purchase")


def test_a_question_that_matches_no_keyword_goes_to_the_stage_catch_all_format() -> None:
    (faq,) = _suggest(CONSIDERATION, _step(questions=["Zyx qwv?"]))

    assert faq.format.id == "faq" and faq.format.catch_all
    assert faq.title == "FAQ answering “Zyx qwv?”"


def test_a_kpi_off_target_calls_for_the_format_it_names_and_the_reason_gives_its_figures() -> None:
    kpi = Kpi(name="Checkout abandonment", target=60, actual=71, unit="%", higher_is_better=False)

    (checkout,) = _suggest(PURCHASE, _step("purchase", kpis=[kpi]))

    assert checkout.format.id == "checkout-help"
    assert checkout.reason.startswith("“Checkout abandonment” is 71% against a target of 60% at Purchase")
    assert checkout.shortfall == pytest.approx(11 / 60)


def test_a_kpi_on_target_calls_for_nothing() -> None:
    kpi = Kpi(name="Checkout abandonment", target=60, actual=55, unit="%", higher_is_better=False)

    assert _suggest(PURCHASE, _step("purchase", kpis=[kpi])) == []


def test_a_large_drop_off_calls_for_formats_that_bring_people_back_and_a_small_one_for_nothing() -> None:
    basket = Stage(id="basket", name="Basket", type="intent")
    checkout = Stage(id="checkout", name="Checkout", type="purchase")
    large = Journey(
        id="large",
        name="Large",
        personas=["sam"],
        stages=[_step("basket", entering=1000), _step("checkout", entering=200)],
    )
    small = Journey(
        id="small",
        name="Small",
        personas=["sam"],
        stages=[_step("basket", entering=1000), _step("checkout", entering=950)],
    )
    catalog = _catalog(
        stages={"basket": basket, "checkout": checkout},
        personas={"sam": SAM},
        journeys={"large": large, "small": small},
        business=Business(industry="retail", model="b2c"),
    )
    advisor = Advisor(JourneyMap(catalog))

    won_back = advisor.suggestions_for_step(large, large.stages[1], "sam")

    assert set(_ids(list(won_back))) == {"checkout-help", "basket-reminder"}
    assert won_back[0].reason.startswith("80% (800) of those who entered Basket did not go on to Checkout")
    assert advisor.suggestions_for_step(small, small.stages[1], "sam") == ()


def test_a_coverage_gap_calls_for_the_staple_of_the_stage_only_where_an_inventory_is_kept() -> None:
    advocacy = Stage(id="advocacy", name="Advocacy")
    journey = Journey(id="j", name="J", personas=["sam"], stages=[_step("advocacy")])
    other = ContentAsset(id="elsewhere", title="Elsewhere", format="faq", stages=["advocacy"], personas=["ana"])
    ana = Persona(id="ana", name="Ana", role="Other")
    fields: dict[str, Any] = {
        "stages": {"advocacy": advocacy},
        "personas": {"sam": SAM, "ana": ana},
        "journeys": {"j": journey},
        "business": Business(industry="retail", model="b2c"),
    }

    with_inventory = Advisor(JourneyMap(_catalog(content={"elsewhere": other}, **fields)))
    without = Advisor(JourneyMap(_catalog(**fields)))

    (staple,) = with_inventory.suggestions_for_step(journey, journey.stages[0], "sam")
    assert staple.format.id == "review-request"
    assert staple.reason.startswith("Nothing is published for Sam at Advocacy yet")
    assert without.suggestions_for_step(journey, journey.stages[0], "sam") == ()


def test_a_persona_frustration_supports_a_suggestion_but_never_earns_one_alone() -> None:
    returns = _step("decision", questions=["Are returns free?"])
    unrelated = _step("decision", questions=["Can I pay in instalments?"])
    decision = Stage(id="decision", name="Decision")

    (page,) = [s for s in _suggest(decision, returns) if s.format.id == "delivery-returns"]
    assert [s.kind for s in page.signals] == ["question", "frustration"]
    assert "delivery-returns" not in _ids(_suggest(decision, unrelated))


def test_frustrations_alone_on_a_stage_with_nothing_recorded_earn_nothing() -> None:
    signals = stage_signals(_step("decision"), persona=SAM)

    assert signals == []


def test_a_pain_point_at_a_touchpoint_calls_for_the_content_of_that_touchpoint() -> None:
    """A pain point written at a touchpoint moment; the listing is fixed on the marketplace itself."""
    marketplace = Touchpoint(id="marketplace", name="Marketplace", channel="partner")
    moment = TouchpointMoment(touchpoint="marketplace", pain_points=["The photos there are three seasons old."])
    step = _step(touchpoints=[moment])
    journey = Journey(id="j", name="J", personas=["sam"], stages=[step])
    catalog = _catalog(
        stages={"consideration": CONSIDERATION},
        personas={"sam": SAM},
        journeys={"j": journey},
        touchpoints={"marketplace": marketplace},
        business=Business(industry="retail", model="b2c"),
    )
    advisor = Advisor(JourneyMap(catalog))

    (listing,) = advisor.suggestions_for_step(journey, step, "sam")

    assert listing.format.id == "marketplace-listing"
    assert (listing.channel, listing.touchpoint) == ("partner", "marketplace")
    assert listing.reason.startswith("Sam runs into this at Marketplace at Consideration")


def test_opportunities_and_content_wishes_call_for_formats_and_are_quoted() -> None:
    step = _step(
        opportunities=["Publish a size guide with real measurements."], content=StageContent(wishes=["A video"])
    )

    (size,) = _suggest(CONSIDERATION, step)

    assert size.format.id == "size-guide"
    assert size.title == "Size and fit guide: “Publish a size guide with real measurements”"
    assert size.reason.startswith("The team's open opportunity at Consideration")


# --- it fits the business -----------------------------------------------------------------------------------------


def test_with_no_business_declared_only_formats_for_any_business_and_anyone_are_suggested() -> None:
    step = _step(questions=["Which size should I order?", "Is there a free trial?", "What will it cost per month?"])

    suggestions = _suggest(CONSIDERATION, step, business=ANY)

    assert suggestions
    assert all(not s.format.industries and s.format.audience == "any" for s in suggestions)


def test_a_word_in_a_question_does_not_make_a_software_format_for_a_hotel_guest() -> None:
    hotel = BusinessContext(industry_registry(Catalog())["hospitality"], "consumers")
    decision = Stage(id="decision", name="Decision")
    step = _step("decision", questions=["Is there a free trial of the spa?", "Can we pilot the menu?"])

    ids = _ids(_suggest(decision, step, business=hotel))

    assert not {"free-trial", "pricing-page", "roi-calculator", "procurement-pack"} & set(ids)


def test_formats_for_businesses_are_never_offered_to_consumers() -> None:
    step = _step(questions=["Do other companies like us use you?"])
    businesses = BusinessContext(industry_registry(Catalog())["retail"], "businesses")

    assert "case-study" in _ids(_suggest(CONSIDERATION, step, business=businesses))
    assert "case-study" not in _ids(_suggest(CONSIDERATION, step, business=RETAIL))


def test_a_persona_declares_its_own_business_key_by_key() -> None:
    site = _catalog(business=Business(industry="hospitality", model="b2c"))
    traveller = Persona(id="marcus", name="Marcus", role="Sales director", business=Business(model="b2b"))

    context = business_context(site, industry_registry(site), traveller)

    assert (context.industry and context.industry.id, context.audience) == ("hospitality", "businesses")


def test_software_words_appear_only_where_the_business_is_software() -> None:
    words = ("software", "trial", "setup", "configuration", "procurement", "integration", "api", "saas")
    for industry in BUILTIN_INDUSTRIES:
        if industry.id == "software":
            continue
        for audience in ("consumers", "businesses"):
            context = BusinessContext(industry, audience)  # type: ignore[arg-type]
            for stage_type in STAGE_TYPES:
                stage = Stage(id=stage_type, name=stage_type)
                for f in formats_for(_catalog(), format_registry(_catalog()), stage, business=context):
                    text = f"{f.name} {f.purpose}".lower()
                    assert not [w for w in words if w in text.split() or f"{w}s" in text.split()], (industry.id, f.id)


def test_an_industry_preset_names_shared_formats_in_its_own_words() -> None:
    hotel = BusinessContext(industry_registry(Catalog())["hospitality"], "consumers")

    formats = {f.id: f for f in formats_for(_catalog(), format_registry(_catalog()), PURCHASE, business=hotel)}

    assert formats["order-confirmation"].name == "Booking confirmation"
    assert formats["checkout-help"].name == "Booking engine help"


def test_a_teams_own_definition_of_a_format_keeps_its_words_under_a_preset() -> None:
    own = ContentFormat(id="order-confirmation", name="Our receipt", purpose="Ours.", stages=["purchase"])
    catalog = _catalog(formats=[own])
    hotel = BusinessContext(industry_registry(catalog)["hospitality"], "consumers")

    formats = {f.id: f for f in formats_for(catalog, format_registry(catalog), PURCHASE, business=hotel)}

    assert formats["order-confirmation"].name == "Our receipt"


def test_a_teams_own_industry_brings_its_words_and_its_formats() -> None:
    school = Industry(id="education", name="Education", wording={"faq": FormatWording(name="Questions parents ask")})
    open_evening = ContentFormat(
        id="open-evening", name="Open evening", purpose="Visit.", stages=["consideration"], industries=["education"]
    )
    catalog = _catalog(industries=[school], formats=[open_evening], business=Business(industry="education"))
    context = business_context(catalog, industry_registry(catalog), None)

    formats = {f.id: f for f in formats_for(catalog, format_registry(catalog), CONSIDERATION, business=context)}

    assert formats["faq"].name == "Questions parents ask"
    assert "open-evening" in formats and "size-guide" not in formats


# --- it reaches the persona, on a channel that can carry it ----------------------------------------------------------


def test_a_format_is_only_ever_placed_on_a_channel_that_can_carry_it() -> None:
    step = _step("awareness", questions=["Do I need trail shoes on gravel?"], touchpoints=["instagram"])

    suggestions = _suggest(AWARENESS, step, touchpoints=(INSTAGRAM,))

    blog = next(s for s in suggestions if s.format.id == "blog-post")
    assert blog.channel in blog.format.channels and blog.channel != "social"
    assert all(s.channel in s.format.channels for s in suggestions)
    assert {"social-post", "video"} <= set(_ids(suggestions))


def test_a_format_is_never_placed_on_a_channel_the_site_does_not_know() -> None:
    """Status updates go by text message first where a site has that channel; here it has none."""
    bank = BusinessContext(industry_registry(Catalog())["financial-services"], "consumers")
    step = _step("purchase", questions=["Where is my application?"])
    known = {c.id for c in BUILTIN_CHANNELS}

    (status,) = _suggest(PURCHASE, step, business=bank, persona=SAM.model_copy(update={"preferred_channels": []}))
    (on_this_site,) = _suggest(
        PURCHASE, step, business=bank, persona=SAM.model_copy(update={"preferred_channels": []}), channels=known
    )

    assert status.channel == "sms"
    assert on_this_site.channel in known


def test_a_format_that_reaches_the_persona_nowhere_is_left_out() -> None:
    offline = SAM.model_copy(update={"preferred_channels": ["post", "phone"]})
    step = _step("awareness", questions=["Do I need trail shoes on gravel?"])

    ids = _ids(_suggest(AWARENESS, step, persona=offline))

    assert "social-post" not in ids and "video" not in ids
    assert "blog-post" in ids  # the open web reaches anyone


def test_a_format_on_a_touchpoint_of_the_stage_reaches_them_off_their_preferred_channels() -> None:
    email_only = SAM.model_copy(update={"preferred_channels": ["email"]})
    step = _step("awareness", questions=["Do I need trail shoes?"], touchpoints=["instagram"])

    post = next(
        s
        for s in _suggest(AWARENESS, step, persona=email_only, touchpoints=(INSTAGRAM,))
        if s.format.id == "social-post"
    )

    assert (post.touchpoint, post.preferred_rank) == ("instagram", None)
    assert post.reason.endswith("they meet you on Instagram in this stage.")


# --- what is published, order, and wording --------------------------------------------------------------------------


def test_a_published_format_is_suggested_again_only_when_a_complaint_says_it_falls_short() -> None:
    guide = ContentAsset(id="guide", title="Size guide", format="size-guide", stages=["consideration"])
    asked = _step(questions=["Which size should I order?"])
    complained = _step(pain_points=["The size guide says 43, the reviews say size up."])

    assert _suggest(CONSIDERATION, asked, published=[guide]) == []
    (again,) = [s for s in _suggest(CONSIDERATION, complained, published=[guide]) if s.format.id == "size-guide"]
    assert again.published == ("guide",) and not again.is_open


def test_suggestions_are_ranked_by_how_far_they_fall_short_then_by_what_calls_for_them() -> None:
    step = _step(
        "purchase",
        questions=["Can I choose a delivery day?"],
        kpis=[
            Kpi(name="Checkout completion", target=70, actual=60, unit="%"),
            Kpi(name="Order confirmations opened", target=80, actual=20, unit="%"),
        ],
    )

    ids = _ids(_suggest(PURCHASE, step))

    assert ids[:2] == ["order-confirmation", "checkout-help"]  # misses its target by 75%, then by 14%


def test_the_same_words_recorded_twice_are_one_signal() -> None:
    step = _step(questions=["Which size?", "which  SIZE?"], pain_points=["Which size?"])

    (size,) = _suggest(CONSIDERATION, step)

    assert [s.kind for s in size.signals] == ["pain point"]


def test_every_reason_is_one_sentence_on_one_line() -> None:
    step = _step(
        "purchase",
        questions=["When will it\narrive?", "Can I pay by card?"],
        pain_points=["Returns cost money."],
        kpis=[Kpi(name="Checkout\ncompletion", target=70, actual=60, unit="%")],
    )

    for suggestion in _suggest(PURCHASE, step, touchpoints=(SEO, INSTAGRAM)):
        assert "\n" not in suggestion.reason and "\n" not in suggestion.title
        assert suggestion.reason.endswith(".") and suggestion.reason.count(". ") == 0


def test_order_is_deterministic_and_each_format_appears_once() -> None:
    catalog = _catalog()
    formats = formats_for(catalog, format_registry(catalog), CONSIDERATION, business=RETAIL)
    step = _step(questions=["Which size?", "Which model is lighter?"], pain_points=["Reviews are hard to trust."])
    signals = stage_signals(step, persona=SAM)

    first = suggest([*formats, formats[0]], persona=SAM, stage=CONSIDERATION, signals=signals)
    second = suggest([*formats, formats[0]], persona=SAM, stage=CONSIDERATION, signals=signals)

    assert first == second
    assert len(_ids(first)) == len(set(_ids(first)))


def test_signals_of_a_stage_come_measured_first_and_the_persona_last() -> None:
    step = _step(
        questions=["Which size?"],
        pain_points=["Sizes differ."],
        opportunities=["A size finder."],
        kpis=[Kpi(name="Size finder completion", target=35, actual=22)],
        content=StageContent(wishes=["A fitting video."]),
    )

    kinds = [s.kind for s in stage_signals(step, persona=SAM)]

    assert kinds == ["kpi", "pain point", "question", "opportunity", "wish", "frustration"]


def test_how_many_personas_need_a_format_is_counted_across_the_journeys_through_the_stage() -> None:
    ana = Persona(id="ana", name="Ana", role="Runner")
    step = _step(questions=["Which size should I order?"])
    journey = Journey(id="j", name="J", personas=["sam", "ana"], stages=[step])
    catalog = _catalog(
        stages={"consideration": CONSIDERATION},
        personas={"sam": SAM, "ana": ana},
        journeys={"j": journey},
        business=Business(industry="retail", model="b2c"),
    )

    (size,) = Advisor(JourneyMap(catalog)).suggestions_for_step(journey, step, "sam")

    assert size.personas == 2


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


# --- the library and its changes ------------------------------------------------------------------------------------


def test_the_builtin_library_is_data_that_says_where_each_format_applies() -> None:
    ids = [f.id for f in BUILTIN_FORMATS]
    known_channels = {c.id for c in BUILTIN_CHANNELS} | {"sms", "post"}
    industries = {i.id for i in BUILTIN_INDUSTRIES}
    assert len(ids) == len(set(ids))
    for f in BUILTIN_FORMATS:
        assert f.stages and f.channels and f.purpose, f.id
        assert set(f.channels) <= known_channels, f.id
        assert set(f.industries) <= industries, f.id
        assert f.keywords or f.catch_all, f.id
    for stage_type in STAGE_TYPES:
        stage = Stage(id=stage_type, name=stage_type)
        assert formats_for(_catalog(), format_registry(_catalog()), stage, business=ANY), stage_type
    for industry in BUILTIN_INDUSTRIES:
        assert set(industry.wording) <= set(ids)


def test_a_stage_takes_the_formats_of_its_declared_type_or_of_its_id() -> None:
    onboarding = Stage(id="onboarding", name="Onboarding", type="purchase")
    custom = Stage(id="renewal", name="Renewal")
    catalog = _catalog()

    assert formats_for(catalog, format_registry(catalog), onboarding, business=RETAIL) == formats_for(
        catalog, format_registry(catalog), PURCHASE, business=RETAIL
    )
    assert "order-confirmation" in [
        f.id for f in formats_for(catalog, format_registry(catalog), PURCHASE, business=RETAIL)
    ]
    assert formats_for(catalog, format_registry(catalog), custom, business=RETAIL) == []


def test_a_teams_own_format_is_suggested_where_its_stages_and_keywords_fit() -> None:
    podcast = ContentFormat(
        id="podcast",
        name="Podcast",
        purpose="Listen.",
        stages=["consideration"],
        channels=["web"],
        keywords=["listen*"],
    )
    catalog = _catalog(formats=[podcast])
    formats = formats_for(catalog, format_registry(catalog), CONSIDERATION, business=RETAIL)
    step = _step(questions=["Is there something I can listen to on the train?"])

    (suggestion,) = suggest(formats, persona=SAM, stage=CONSIDERATION, signals=stage_signals(step))

    assert suggestion.format.id == "podcast"


def test_a_format_switched_off_for_the_site_is_never_suggested() -> None:
    catalog = _catalog(excluded_formats=["size-guide"])
    formats = formats_for(catalog, format_registry(catalog), CONSIDERATION, business=RETAIL)

    assert "size-guide" not in [f.id for f in formats]


def test_site_level_library_changes_redefine_extend_and_remove() -> None:
    podcast = _format("podcast")
    better_faq = _format("faq", name="Questions and answers")
    catalog = _catalog(library={"consideration": FormatChanges(formats=[better_faq, podcast], exclude=["size-guide"])})

    formats = formats_for(catalog, format_registry(catalog), CONSIDERATION, business=RETAIL)
    ids = [f.id for f in formats]

    assert ids[-1] == "podcast" and "size-guide" not in ids
    assert next(f for f in formats if f.id == "faq").name == "Questions and answers"


def test_replace_drops_the_formats_of_the_level_above() -> None:
    podcast = _format("podcast")
    catalog = _catalog(library={"consideration": FormatChanges(replace=True, formats=[podcast])})

    assert formats_for(catalog, format_registry(catalog), CONSIDERATION, business=RETAIL) == [podcast]


def test_a_format_named_at_a_level_is_kept_whatever_its_industries() -> None:
    stage = CONSIDERATION.model_copy(update={"content_formats": FormatChanges(include=["roi-calculator"])})
    catalog = _catalog()

    assert "roi-calculator" in [f.id for f in formats_for(catalog, format_registry(catalog), stage, business=RETAIL)]


def test_journey_stage_level_changes_apply_last_and_only_to_that_journey_stage() -> None:
    step = _step(content=StageContent(formats=FormatChanges(replace=True, include=["size-guide"])))
    catalog = _catalog()

    assert [f.id for f in formats_for(catalog, format_registry(catalog), CONSIDERATION, step, RETAIL)] == ["size-guide"]
    assert len(formats_for(catalog, format_registry(catalog), CONSIDERATION, _step(), RETAIL)) > 1


def test_unknown_included_format_is_left_out() -> None:
    assert apply_changes([], FormatChanges(include=["no-such-format"]), format_registry(_catalog())) == []


def test_registry_knows_builtin_site_stage_and_journey_formats() -> None:
    stage = CONSIDERATION.model_copy(update={"content_formats": FormatChanges(formats=[_format("stage-made")])})
    step = _step(content=StageContent(formats=FormatChanges(formats=[_format("journey-made")])))
    journey = Journey(id="j", name="J", personas=["sam"], stages=[step])
    catalog = _catalog(
        stages={"consideration": stage},
        journeys={"j": journey},
        formats=[_format("own")],
        library={"awareness": FormatChanges(formats=[_format("site-made")])},
    )

    assert {"blog-post", "own", "site-made", "stage-made", "journey-made"} <= set(format_registry(catalog))


# --- across journeys ----------------------------------------------------------------------------------------------


def test_persona_suggestions_merge_their_journeys_without_duplicate_formats() -> None:
    first = Journey(id="a", name="A", personas=["sam"], stages=[_step(questions=["Which size for trail shoes?"])])
    second = Journey(id="b", name="B", personas=["sam"], stages=[_step(questions=["Which size for a jacket?"])])
    catalog = _catalog(
        stages={"consideration": CONSIDERATION},
        personas={"sam": SAM},
        journeys={"a": first, "b": second},
        business=Business(industry="retail", model="b2c"),
    )

    suggestions = Advisor(JourneyMap(catalog)).suggestions_for_persona("sam", "consideration")

    assert _ids(suggestions) == ["size-guide"]
    assert "trail shoes" in suggestions[0].title  # the first journey by name wins


def test_a_stage_no_journey_of_the_persona_goes_through_gets_no_suggestion() -> None:
    catalog = _catalog(stages={"consideration": CONSIDERATION}, personas={"sam": SAM})

    assert Advisor(JourneyMap(catalog)).suggestions_for_persona("sam", "consideration") == []


def test_signal_summaries_quote_the_words_and_give_the_figures() -> None:
    kpi = Signal("kpi", "Checkout completion", 0.2, "52% against a target of 70%")

    assert kpi.summary == "“Checkout completion” is 52% against a target of 70%"
    assert Signal("question", "Which size?").summary == "“Which size?”"
