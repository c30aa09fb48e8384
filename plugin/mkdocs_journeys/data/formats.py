"""Content formats as data: the built-in library per common stage type, and every format a site knows.

The built-in library is the product's own marketing knowledge, written as data; a team adds formats and changes the
library in its own files (see `FormatChanges` in `model.py`). Validation names formats by the ids known here, and
`advice/library.py` decides which formats apply at a stage.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.model import STAGE_TYPES, ContentFormat


def _format(
    id: str, name: str, purpose: str, channels: str, keywords: str, *, catch_all: bool = False
) -> ContentFormat:
    """Compact notation for the table below: channels and keywords are comma-separated."""
    return ContentFormat(
        id=id,
        name=name,
        purpose=purpose,
        channels=[c.strip() for c in channels.split(",") if c.strip()],
        keywords=[k.strip() for k in keywords.split(",") if k.strip()],
        catch_all=catch_all,
    )


# Keywords are words or phrases (`fee` also matches "fees"; `compar*` matches compare and comparison), matched
# case-insensitively in the questions and pain points a journey records; they decide which format answers which
# question. Order matters: formats come in the order a marketer would usually start with, and ties between formats
# go to the earlier one. The catch-all format of a stage takes the questions that match nothing.
BUILTIN_LIBRARY: dict[str, tuple[ContentFormat, ...]] = {
    "awareness": (
        _format(
            "blog-post",
            "Educational blog post",
            "Explains the problem in the customer's own words and shows it can be solved, before they look for a product.",
            "web, search, social",
            "why, what is, normal, is there, way to, how to, how can, problem*, tip*, late, stop",
            catch_all=True,
        ),
        _format(
            "seo-article",
            "SEO article",
            "Ranks for the exact words people search when the problem first bites, so they find you, not a competitor.",
            "search, web",
            "best, how much, under, cheap*, price*, decent, search*, where",
        ),
        _format(
            "social-post",
            "Social media post",
            "Meets people where they scroll, with a tip or a story they recognise and want to share.",
            "social",
            "peer*, colleague*, friend*, everyone, other people, share*, post*",
        ),
        _format(
            "video",
            "Short video",
            "Shows the problem and the outcome in under a minute, in feeds and in search results.",
            "social, web, mobile-app",
            "really, actually, see, look*, feel*, rid*, sweat*, arriv*",
        ),
        _format(
            "partner-kit",
            "Partner kit",
            "Gives the advisers customers already trust (accountants, resellers, installers) something to hand over.",
            "partner",
            "accountant*, advis*, reseller*, partner*, installer*, consultant*",
        ),
        _format(
            "event-talk",
            "Talk at an industry event",
            "Puts an expert in front of the people at the events they already attend, teaching rather than selling.",
            "events",
            "expert*, industr*, insur*, trend*, conference*, regulat*, requirement*, vendor*",
        ),
    ),
    "favorability": (
        _format(
            "customer-story",
            "Customer story",
            "A real customer like them, in their own words, on the outcome they want.",
            "social, web, events",
            "like me, people like, others, someone, real, really, work for",
        ),
        _format(
            "brand-story",
            "Brand story",
            "Shows who you are and why you do it, so the brand is liked and remembered, not only seen.",
            "web, social, advertising",
            "who, trust*, company, brand*, value*, behind",
        ),
        _format(
            "expert-article",
            "Expert article",
            "Practical expertise on the customer's problem that makes the brand a voice worth listening to.",
            "web, social, events",
            "how, why, should, future, trend*, best practice*",
            catch_all=True,
        ),
        _format(
            "newsletter",
            "Newsletter",
            "Keeps the brand in mind with useful tips, in the inbox of people not ready to buy yet.",
            "email",
            "later, not yet, tip, news, update*, remind*",
        ),
    ),
    "consideration": (
        _format(
            "comparison-guide",
            "Comparison guide",
            "Compares the options honestly on what this customer cares about, so you make the shortlist for the right reasons.",
            "web, search",
            "compar*, vs, versus, differ*, alternative*, instead, switch*, competitor*, which one, better, cost*, "
            "price*, after the first year",
        ),
        _format(
            "case-study",
            "Case study",
            "Shows a customer in the same situation who solved the same problem, with numbers.",
            "web, events, email",
            "prov*, proof, evidence, claim*, result*, measur*, work for, like us, like me, similar, really",
        ),
        _format(
            "webinar",
            "Webinar",
            "Shows the product solving the problem live and lets them ask their own questions, without a sales call.",
            "events",
            "see, show*, demo*, setting it up, set up, setup, weekend, how does, how long, in practice, look like",
        ),
        _format(
            "reviews",
            "Customer reviews",
            "Independent voices, which buyers trust more than anything you say about yourself.",
            "word-of-mouth, web",
            "review*, trust*, honest*, rating*, star*, listing*, opinion*",
        ),
        _format(
            "faq",
            "FAQ",
            "Answers the practical questions (compatibility, migration, cost) that otherwise block the shortlist.",
            "web, search, chat",
            "can i, do i, does it, is it, will i, will it, import*, migrat*, integrat*, compatib*, support*, work with, "
            "accept*",
            catch_all=True,
        ),
        _format(
            "ebook",
            "E-book or guide",
            "An in-depth guide worth an email address: it keeps helping after the visit and starts the conversation.",
            "web, email",
            "guide, learn*, understand*, step by step, plan, checklist",
        ),
    ),
    "intent": (
        _format(
            "buying-checklist",
            "Buying checklist",
            "Lists what to check before buying, so the customer feels ready rather than rushed.",
            "web, email",
            "check*, before, need*, ready, size*, fit*, which, right one, choos*",
            catch_all=True,
        ),
        _format(
            "consultation",
            "Consultation booking",
            "Offers a short call, chat or visit with an expert to settle the last doubts.",
            "phone, chat, in-person",
            "talk*, ask*, someone, person, advice, help me, unsure, doubt*",
        ),
        _format(
            "retargeting-ad",
            "Retargeting ad",
            "Reminds people who showed interest, with the answer to whatever held them back.",
            "advertising, social",
            "later, forg*, again, remind*, offer*, deal*",
        ),
        _format(
            "basket-reminder",
            "Basket reminder email",
            "Brings back people who left a quote or a basket, with the information that was missing.",
            "email",
            "basket*, cart*, quote*, left, total*, deliver*",
        ),
    ),
    "decision": (
        _format(
            "pricing-page",
            "Pricing page",
            "Shows the full price and what each plan includes, so cost is never the unanswered question.",
            "web, search",
            "cost*, price*, pay, plan, budget*, fee, cheap*, expensive, per month, how much, discount*, same price, "
            "pound*, number, contact us",
        ),
        _format(
            "free-trial",
            "Free trial or demo",
            "Lets them try it on their own problem, which settles doubts that no page can.",
            "product, web, in-person",
            "try, test*, pilot*, demo*, my own, on my, look professional, in practice, does it work",
            catch_all=True,
        ),
        _format(
            "testimonial",
            "Testimonials",
            "Short quotes from customers like them, placed where the decision is made.",
            "web, word-of-mouth, social",
            "trust*, others, risk*, safe*, sure, confiden*, like me, professional*",
        ),
        _format(
            "roi-calculator",
            "ROI calculator",
            "Turns their own figures into the money and time saved, for them and for whoever signs off.",
            "web, email",
            "worth*, sav*, value*, justif*, roi, return on, cfo, afford*",
        ),
        _format(
            "guarantee",
            "Guarantee and returns page",
            "Takes the risk out of a wrong choice: returns, cancellation, and what happens to their data.",
            "web, chat",
            "what happens, if i, wrong, return*, cancel*, leave, refund*, data, lock*",
        ),
    ),
    "purchase": (
        _format(
            "checkout-help",
            "Checkout help",
            "Answers delivery, payment and returns questions at the moment of paying, so nobody abandons the basket.",
            "web, chat",
            "deliver*, payment*, pay, financ*, fee, checkout*, card, credit, basket*, order*, ship*",
        ),
        _format(
            "procurement-pack",
            "Procurement pack",
            "Hands the buyer's procurement, legal and security teams the standard answers (security questionnaire, "
            "data processing agreement, contract terms), so buying does not stall after the decision.",
            "partner, email",
            "questionnaire*, procure*, contract*, legal, dpa, sign*, signed, compliance, security review, licen*",
        ),
        _format(
            "order-confirmation",
            "Order confirmation",
            "Confirms what was bought and exactly what happens next, which ends the doubt right after paying.",
            "email, mobile-app",
            "when will, when does, arriv*, track*, what next, confirm*, receipt*, status",
        ),
        _format(
            "onboarding-email",
            "Onboarding email",
            "Walks a new customer to their first success, one step per email, in the days after buying.",
            "email, product",
            "first, start*, set up, setup, setting*, connect*, begin*, which one",
            catch_all=True,
        ),
        _format(
            "getting-started-guide",
            "Getting-started guide",
            "Solves the first-week problems (setup, import, configuration) before they become support tickets.",
            "web, product",
            "why, fail*, error*, not match, does not, wrong, fix*, broke*, configur*, install*, assembl*, import*, "
            "scheme*, chat*, support*, night*, evening*",
        ),
    ),
    "retention": (
        _format(
            "tutorial",
            "Tutorial",
            "Teaches the next useful thing, so customers get more value and keep using it.",
            "web, product",
            "how do i, how to, can i, way to, record*, add*, use*, feature*",
            catch_all=True,
        ),
        _format(
            "help-article",
            "Help-centre article",
            "Answers one problem in plain words, so customers fix it without waiting for support.",
            "web, search, chat",
            "why, error*, broke*, fix*, problem*, not work*, stuck, where",
        ),
        _format(
            "newsletter",
            "Newsletter",
            "Keeps customers up to date with tips, new features and what is coming, in a rhythm they choose.",
            "email",
            "new, update*, tip, news, season*, winter, remind*, service*, nobody tells",
        ),
        _format(
            "satisfaction-survey",
            "Satisfaction survey",
            "Asks how it is going and shows you listened, before they think of leaving.",
            "email, product",
            "feedback, listen*, complain*, unhappy, support*",
        ),
        _format(
            "loyalty-programme",
            "Loyalty programme",
            "Rewards staying and buying again, and gives a reason to renew.",
            "email, mobile-app",
            "renew*, discount*, price*, reward*, loyal*, upgrad*, paying, cost*, plan",
        ),
    ),
    "advocacy": (
        _format(
            "referral-programme",
            "Referral programme",
            "Makes recommending easy and rewarding for both sides.",
            "word-of-mouth, email, product",
            "friend*, refer*, link, reward*, recommend*, colleague*",
        ),
        _format(
            "review-request",
            "Review request",
            "Asks happy customers for a review at their best moment, where future buyers read reviews.",
            "email, word-of-mouth",
            "review*, rate, rating*, pester*, star*",
        ),
        _format(
            "community",
            "Customer community",
            "Gives advocates a place to help others and be recognised for it.",
            "social, events",
            "others, group*, shar*, help*, peer*, forum*, meet*",
            catch_all=True,
        ),
        _format(
            "case-study-invitation",
            "Case-study invitation",
            "Invites the most successful customers to tell their story, which becomes your strongest consideration content.",
            "email, phone, events",
            "stor*, proud, show*, recogni*, speak*, present*, reference*",
        ),
    ),
}
"""The built-in formats per common stage type, in the order they are suggested."""

assert set(BUILTIN_LIBRARY) == set(STAGE_TYPES), "every common stage type needs its built-in formats"


def format_registry(catalog: Catalog) -> dict[str, ContentFormat]:
    """Every known format by id: what `include:` can name and what an asset's `format` is matched against.

    Built-in formats first, redefined by the site library; formats that only a stage or a journey defines come
    after, first definition wins (stages in customer order, then journeys by id).
    """
    registry: dict[str, ContentFormat] = {}
    for formats in BUILTIN_LIBRARY.values():
        for content_format in formats:
            registry.setdefault(content_format.id, content_format)
    for stage_type in STAGE_TYPES:
        changes = catalog.library.get(stage_type)
        for content_format in changes.formats if changes else ():
            registry[content_format.id] = content_format
    for content_format in _local_definitions(catalog):
        registry.setdefault(content_format.id, content_format)
    return registry


def _local_definitions(catalog: Catalog) -> Iterable[ContentFormat]:
    for stage in catalog.stages.values():
        if stage.content_formats:
            yield from stage.content_formats.formats
    for journey_id in sorted(catalog.journeys):
        for step in catalog.journeys[journey_id].stages:
            if step.content and step.content.formats:
                yield from step.content.formats.formats
