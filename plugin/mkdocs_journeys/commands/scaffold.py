"""`mkdocs-journeys new`: commented skeletons that validate as written, so a team starts from a working file.

Personas and journeys get a file of their own; stages, touchpoints, opportunities and research sources are entries
appended to the shared `stages.yml`, `touchpoints.yml`, `opportunities.yml` and `sources.yml`. Every key is shown once with a comment saying what it is for, and placeholder
values read like a real business so that the generated site already looks right. Existing files are never
overwritten, and an append that would break a file is undone and handed to the user as a snippet to paste.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml

from mkdocs_journeys.data.confine import OutsideProject, create_file, replace_file, writable
from mkdocs_journeys.data.diagnostics import DiagnosticsError, format_one
from mkdocs_journeys.data.formats import BUILTIN_INDUSTRIES
from mkdocs_journeys.data.kinds import (
    CONTENT,
    CONTENT_FILE,
    JOURNEY,
    JOURNEY_FILE,
    OPPORTUNITIES_FILE,
    OPPORTUNITY,
    PERSONA,
    PERSONA_FILE,
    SHARED_FILES,
    SOURCE,
    SOURCES_FILE,
    STAGE,
    STAGES_FILE,
    TOUCHPOINT,
    TOUCHPOINTS_FILE,
    DataFile,
)
from mkdocs_journeys.data.layout import YAML_SUFFIXES, DataLayout, windows_reserved
from mkdocs_journeys.data.model import BUILTIN_CHANNELS, SLUG_PATTERN, STAGE_TYPES, SourceKind
from mkdocs_journeys.data.schema import schema_comment, write_schemas
from mkdocs_journeys.data.validation import slugify
from mkdocs_journeys.data.yaml_source import load_bytes, load_file

EXAMPLE_STAGES = ("awareness", "consideration", "decision")
SOURCE_KINDS: tuple[str, ...] = SourceKind.__args__  # type: ignore[attr-defined]
EXAMPLE_PERSONA = "example-persona"


class ScaffoldError(Exception):
    """A refusal the user can act on: one line, a hint, and optionally a snippet to paste by hand."""

    def __init__(self, message: str, hint: str = "", snippet: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.snippet = snippet


@dataclass
class Scaffolded:
    """What `new` did: the file it created or changed, and notes for the user (schemas written, examples used)."""

    path: Path
    created: bool
    notes: list[str] = field(default_factory=list)


def check_id(value: str, kind: str) -> str:
    """Ids are URL-safe slugs; refuse anything else with a suggestion."""
    if re.fullmatch(SLUG_PATTERN, value) and windows_reserved(value):
        _refuse(
            f"'{value}' cannot be a {kind} id: Windows keeps the name for a device, so its file or page folder could "
            "not be checked out or built there",
            f"choose another id, e.g. '{value}-{kind}'",
        )
    if re.fullmatch(SLUG_PATTERN, value) and len(value) <= 80:
        return value
    _refuse(
        f"{value!r} is not a valid {kind} id",
        f"ids use lower-case letters, digits and single hyphens, e.g. '{slugify(value)}'",
    )


def new_entity(kind: str, entity_id: str, layout: DataLayout, schema_folder: Path) -> Scaffolded:
    """Create the persona or journey file, or append the stage or touchpoint; the one entry point of `new`.

    New files point their editors at `schema_folder` (the project's `schemas/`), which is written if missing.
    Messages name files with `folders.display`.
    """
    check_id(entity_id, kind)
    return _NEW[kind](entity_id, layout, schema_folder)


# --- personas and journeys -----------------------------------------------------------------------------------


def new_persona(persona_id: str, layout: DataLayout, schema_folder: Path) -> Scaffolded:
    candidates = layout.entity_paths(PERSONA_FILE, persona_id)
    _refuse_existing("persona", persona_id, layout, candidates)
    target = candidates[0]
    notes = _ensure_schemas(layout, schema_folder)
    _create(layout, target, persona_skeleton(persona_id, schema_comment(target, schema_folder, "persona")))
    return Scaffolded(target, True, notes)


def new_journey(journey_id: str, layout: DataLayout, schema_folder: Path) -> Scaffolded:
    if any(journey_id == file.stem for file in SHARED_FILES):
        _refuse(
            f"'{journey_id}' cannot be a journey id: {layout.display(layout.journeys)}/{journey_id}.yml holds the "
            f"shared {journey_id}",
            f"choose another id, e.g. '{journey_id}-journey'",
        )
    candidates = layout.entity_paths(JOURNEY_FILE, journey_id)
    _refuse_existing("journey", journey_id, layout, candidates)
    target = candidates[0]
    notes = _ensure_schemas(layout, schema_folder)

    stages = _existing_stages(layout)
    files = [] if layout.outside(layout.personas) else list(layout.personas.glob("*"))
    personas = sorted(p.stem for p in files if p.suffix in YAML_SUFFIXES and _is_slug(p.stem))
    touchpoints = _existing_ids(layout, layout.path(TOUCHPOINTS_FILE), "touchpoints")
    if not stages:
        stages = [(stage_id, stage_id) for stage_id in EXAMPLE_STAGES]
        notes.append(
            f"no stages are defined yet, so the journey uses the example stages {', '.join(EXAMPLE_STAGES)}: "
            f"add them with `mkdocs-journeys new stage {EXAMPLE_STAGES[0]}` (and so on), or change the journey"
        )
    if not personas:
        personas = [EXAMPLE_PERSONA]
        notes.append(
            f"no personas exist yet, so the journey names '{EXAMPLE_PERSONA}': "
            "create your persona with `mkdocs-journeys new persona <id>` and put its id there"
        )
    schema_line = schema_comment(target, schema_folder, "journey")
    _create(layout, target, journey_skeleton(journey_id, schema_line, stages, personas[:1], touchpoints))
    return Scaffolded(target, True, notes)


def persona_skeleton(persona_id: str, schema_line: str) -> str:
    role = _title(persona_id)
    return f"""{schema_line}
# Persona '{persona_id}' (the id is the file name): a fictitious composite customer of one target group.
# Replace the example values with what your research says. Only `name` and `role` are required.

# A first and last name that staff will remember.
name: Alex Morgan
# Their role or occupation.
role: {_scalar(role)}
# One line: who they are and what they want.
summary: Runs a busy team, wants tools that save time, and buys only after asking peers.
# Optional facts about the target group; remove the ones you do not use.
demographics:
  age_range: 35-44                         # e.g. 25-34
  # age: 38                                # one age in years, instead of a range
  gender: Woman
  location: Lyon, France
  income_band: 40,000 to 60,000 euros a year
  household: Couple, two children          # who they live with
  status: Married, two children            # family or professional status
  socio_professional_category: Manager
# What they want to achieve.
goals:
  - Spend less time on admin and more with customers
# What they need from a supplier to get there.
needs:
  - Clear prices they can compare
# What they expect from us along the way.
expectations:
  - An answer within one working day
# Frustrations, in their own words.
pain_points:
  - "I never know what the final price will be."
# Channel ids, most preferred first. Built in: {", ".join(c.id for c in BUILTIN_CHANNELS)}.
preferred_channels:
  - web
  - email
# A representative quote.
quote: "If I can't try it for free, I won't buy it."
# An image URL, or a path in the docs folder.
# picture: images/personas/{persona_id}.jpg
# What they dream of, beyond the job to be done.
desires:
  - A business that runs without them for a week
# Why they act: what drives their choices.
motivations:
  - Looking professional in front of bigger clients
# For B2B: the people who take part in the purchase, and what each cares about.
# influence: decides, approves, influences, uses or blocks; persona: the id of a persona file for that role.
# buying_group:
#   - role: Finance director
#     influence: approves
#     persona: finance-director
#     cares_about: [Cost over three years]
# Your team's own facts about the persona, shown as a table.
attributes:
  Devices: Phone and laptop
# Ids of the research sources (in journeys/sources.yml) this persona is built from.
# sources: [customer-interviews]
# This persona's own business context, where it differs from the site's (`business:` in content.yml), so that
# suggested content fits them: e.g. a business traveller of a hotel buys for a company.
# business:
#   industry: hospitality  # built in: {", ".join(i.id for i in BUILTIN_INDUSTRIES)}
#   model: b2b  # b2b or g2b: buys for a business; b2c or g2c: a private person
"""


@dataclass(frozen=True)
class _StepExample:
    """Placeholder text for a journey step, by common stage type: a journey map that reads like a real one."""

    summary: str
    action: str
    question: str
    decision: str
    emotion: int
    feeling: str
    pain_point: str
    opportunity: str
    kpi: tuple[str, float, float, str]
    wish: str


_GENERIC_STEP = _StepExample(
    "What happens for the customer in this stage, in one line.",
    "Reads the page that answers their question",
    "Is this worth my time?",
    "Moves on to the next stage",
    0,
    "Neutral, still deciding",
    "Has to look in several places for the answer",
    "Answer the question on the page they land on",
    ("Customers reaching the next stage", 40, 35, "%"),
    "A short guide for this stage",
)

_STEP_EXAMPLES: dict[str, _StepExample] = {
    "awareness": _StepExample(
        "Realises there is a problem worth solving and comes across us.",
        "Searches the web for ways to solve the problem",
        "Is there a better way to do this?",
        "Subscribes to the newsletter",
        0,
        "Curious but unsure",
        "Too many articles say the same thing",
        "Publish a practical guide that ranks for the problem",
        ("Newsletter sign-ups", 500, 420, "sign-ups"),
        "A checklist to download in exchange for an email",
    ),
    "favorability": _StepExample(
        "Forms a first opinion of us from what others say.",
        "Reads reviews and asks colleagues",
        "Do people like them?",
        "Follows us on social media",
        1,
        "Reassured by reviews",
        "Few recent reviews",
        "Ask happy customers for reviews",
        ("Average review rating", 4.5, 4.2, "stars"),
        "Customer stories with names and numbers",
    ),
    "consideration": _StepExample(
        "Compares a shortlist of solutions, ours included.",
        "Compares features and prices of three suppliers",
        "Which option fits my budget?",
        "Books a demo",
        0,
        "Overwhelmed by options",
        "Prices are hard to compare",
        "Publish a clear comparison page",
        ("Demo requests", 120, 95, "requests"),
        "A comparison guide against the main alternatives",
    ),
    "intent": _StepExample(
        "Shows they mean to buy: a trial, a demo or a quote.",
        "Starts a free trial",
        "Will it work with what I already use?",
        "Asks for a quote",
        1,
        "Hopeful",
        "Set-up takes longer than expected",
        "Guide the first steps of the trial",
        ("Trials activated", 60, 48, "%"),
        "An onboarding email series for trial users",
    ),
    "decision": _StepExample(
        "Chooses a supplier and gets approval.",
        "Asks sales for a quote and checks the contract",
        "What happens if it does not work out?",
        "Signs the order",
        1,
        "Confident but cautious",
        "Waiting days for a quote",
        "Send quotes the same day",
        ("Quote-to-order rate", 30, 24, "%"),
        "A page answering the questions buyers ask before signing",
    ),
    "purchase": _StepExample(
        "Buys and pays.",
        "Fills in the order form and pays online",
        "Is my payment secure?",
        "Completes the payment",
        1,
        "Relieved it was quick",
        "The form asks for the same details twice",
        "Shorten checkout to one page",
        ("Checkout completion", 85, 78, "%"),
        "A clear order confirmation email",
    ),
    "retention": _StepExample(
        "Uses the product, gets value from it and renews.",
        "Uses the product every week and contacts support when stuck",
        "How do I get more out of it?",
        "Renews the subscription",
        1,
        "Satisfied when support is quick",
        "Long waits on the support line",
        "Offer a help centre with short videos",
        ("Renewal rate", 90, 86, "%"),
        "Monthly tips by email",
    ),
    "advocacy": _StepExample(
        "Recommends us to others.",
        "Writes a review and refers a colleague",
        "What do I get for recommending them?",
        "Refers a new customer",
        2,
        "Proud of the choice",
        "No easy way to refer someone",
        "Launch a referral programme",
        ("Net Promoter Score", 50, 42, "points"),
        "A referral programme page",
    ),
}


def journey_skeleton(
    journey_id: str,
    schema_line: str,
    stages: list[tuple[str, str]],
    personas: list[str],
    touchpoints: list[str],
) -> str:
    """`stages` holds (id, type) pairs in the order of `stages.yml`; references are used as given."""
    lines = [
        schema_line,
        f"# Journey '{journey_id}' (the id is the file name): personas going through the shared stages in order.",
        "# Replace the example values. Required: `name`, `personas` and, for each stage, `stage`.",
        "",
        "# What staff call this journey.",
        f"name: {_scalar(_title(journey_id))}",
        "# Persona ids (file names in personas/) taking this journey.",
        "personas:",
        *(f"  - {_scalar(persona)}" for persona in personas),
        "# One line: what this journey covers.",
        "summary: How a new customer finds us, compares offers and buys for the first time.",
        "# The team that maintains this journey map.",
        "owner: Marketing",
        "# `current` (how customers live it today, the default) or `future` (the improved journey being built).",
        "# state: future",
        "# For a future journey: the id of the current journey it improves (a comparison page shows both).",
        "# improves: first-purchase",
        "# Ids of the research sources (in sources.yml) this map is built from.",
        "# sources: [customer-interviews]",
        "# One entry per stage, in the order of stages.yml. Only `stage` is required; remove what you do not know yet.",
        "stages:",
    ]
    entering = 10_000
    for position, (stage_id, stage_type) in enumerate(stages):
        lines += _journey_step(stage_id, _STEP_EXAMPLES.get(stage_type, _GENERIC_STEP), position, entering, touchpoints)
        entering //= 4
    return "\n".join(lines) + "\n"


def _journey_step(
    stage_id: str, example: _StepExample, position: int, entering: int, touchpoints: list[str]
) -> list[str]:
    first = position == 0

    def comment(text: str) -> str:
        return f"  # {text}" if first else ""

    kpi_name, target, actual, unit = example.kpi
    lines = [
        f"  - stage: {_scalar(stage_id)}" + comment("a stage id from stages.yml"),
        f"    summary: {_scalar(example.summary)}" + comment("what happens in this stage, in one line"),
        "    actions:" + comment("what the customer does"),
        f"      - {_scalar(example.action)}",
        "    questions:" + comment("what the customer asks or thinks"),
        f"      - {_scalar(example.question)}",
        f"    decision: {_scalar(example.decision)}" + comment("the micro-conversion that moves them on"),
    ]
    if touchpoints:
        touchpoint = touchpoints[position % len(touchpoints)]
        lines.append(f"    touchpoints: [{_scalar(touchpoint)}]" + comment("touchpoint ids from touchpoints.yml"))
    elif first:
        lines.append("    # touchpoints: [website]  # touchpoint ids from touchpoints.yml (none are defined yet)")
    if first:
        lines += _MOMENT_EXAMPLE
    lines += [
        "    emotion:" + comment("-2 frustrated, -1 unhappy, 0 neutral, 1 satisfied, 2 delighted"),
        f"      score: {example.emotion}",
        f"      note: {_scalar(example.feeling)}" + comment("how it feels, in a few words"),
        "    pain_points:" + comment("friction the customer meets here"),
        f"      - {_scalar(example.pain_point)}",
        "    opportunities:" + comment("what the team could improve"),
        f"      - {_scalar(example.opportunity)}",
    ]
    if first:
        lines += _STEP_EXAMPLE
    if first:
        lines += [
            "    kpis:  # key performance indicators measured in this stage",
            f"      - name: {_scalar(kpi_name)}",
            f"        target: {target:g}",
            f"        actual: {actual:g}",
            f"        unit: {_scalar(unit)}",
            "        higher_is_better: true  # false for KPIs such as cost or time to resolve",
            "        period: last 3 months  # when `actual` was measured",
            "        data_source: Web analytics  # the system or report the figure comes from",
            "        owner: Marketing  # who is accountable for it",
            "        # sources: [web-analytics]  # research sources (ids) behind the figure",
            "        # confidence: observed  # observed (seen in research) or assumed (to be checked)",
        ]
    lines.append(f"    entering: {entering}" + comment("customers entering this stage, for the funnel"))
    if first:
        lines += [
            "    content:",
            "      existing: []  # ids of assets in content.yml used in this stage",
            "      wishes:  # content the team would like to have here",
            f"        - {_scalar(example.wish)}",
            "      # formats:  # changes to the content formats suggested in this stage of this journey only",
            "      #   replace: false  # true starts from no format at all",
            "      #   include: [roi-calculator]  # format ids to suggest here too",
            "      #   exclude: [webinar]  # format ids not to suggest here",
            "      #   formats:  # formats of your own, defined like those of the library",
            "      #     - id: product-tour",
            "      #       name: Product tour",
            "      #       purpose: Shows the product doing the customer's job in two minutes.",
            "      #       industries: [software]  # industry ids that publish it; empty: any business",
            "      #       audience: businesses  # consumers, businesses or any",
            "      #       channels: [web]",
            "      #       keywords: [how does it work]  # words in what is recorded here that call for it",
            "      #       catch_all: false",
            "      #       every_question_in: []  # stage types where it answers every question recorded",
            "      #       staple_in: []  # stage types where a coverage gap calls for it",
            "      #       recovers_drop_off: false  # a large drop-off into the stage calls for it",
            "      #       content_of_touchpoint: false  # a pain point at a touchpoint on its channels calls for it",
        ]
    return lines


# What the first stage of a new journey shows beyond the basics, much of it commented out: each key once, with what
# it is for.
_MOMENT_EXAMPLE = [
    "    # A touchpoint entry may also say what happens at that touchpoint in this stage:",
    "    # touchpoints:",
    "    #   - touchpoint: pricing-page",
    "    #     emotion: {score: -1, note: Cannot find the yearly price}  # its own emotion here",
    "    #     pain_points: [The yearly price is hidden]",
    "    #     delights: [The plan comparison table]",
    '    #     kpis: [{name: Visits to sign-up, actual: 4.2, unit: "%"}]',
    "    #     share: 55%  # of `share_of`: 0.55 or 55%",
    "    #     share_of: visits that end in a trial",
    '    #     quotes: ["Why is the yearly price not on the page?"]',
    "    #     sources: [web-analytics]",
    "    #     confidence: observed",
    "    # Alternative ways through this stage (a fork, two or more), each with its own touchpoints and count:",
    "    # paths:",
    "    #   - id: self-serve",
    "    #     name: Signs up on their own",
    "    #     summary: Finds the answer on the website.",
    "    #     touchpoints: [pricing-page]",
    "    #     entering: 700",
    "    #   - {id: with-sales, name: Talks to sales first, touchpoints: [sales-call], entering: 300}",
]

_STEP_EXAMPLE = [
    "    # A pain point may be a mapping: an id (so opportunities can address it), research sources, a confidence.",
    "    #   - id: hidden-price",
    "    #     text: The price after the first year is hidden.",
    "    #     sources: [customer-interviews]  # ids of research sources in sources.yml",
    "    #     confidence: observed  # observed (seen in research) or assumed (the team's belief)",
    "    # An opportunity may also name one defined in opportunities.yml, or be defined here:",
    "    #   - opportunity: clear-pricing",
    "    #   - id: price-table",
    "    #     title: A price table with the yearly price",
    "    #     description: One table with every plan's monthly and yearly price.",
    "    #     owner: Product marketing",
    "    #     status: idea  # idea, planned, in-progress, done or dropped",
    "    #     impact: 4  # 1 (little) to 5 (a lot)",
    "    #     effort: 2  # 1 (little work) to 5 (a lot)",
    "    #     tracker: https://tracker.example.com/browse/WEB-12",
    "    #     addresses:  # what it improves besides this stage: ids of each",
    "    #       pain_points: [hidden-price]",
    "    #       stages: [consideration]",
    "    #       touchpoints: [pricing-page]",
    "    #       journeys: [first-purchase]",
    "    delights:  # what customers enjoy here: the positive moments",
    "      - A friendly, clear answer on the first page they read",
    "    quotes:  # what customers said here, verbatim",
    "      - text: I just want to know what it costs.",
    "        who: Owner of a bakery  # who said it, anonymised",
    "        # persona: example-persona  # the persona the speaker belongs to",
    "        # sources: [customer-interviews]",
    "        # confidence: observed",
    "    competitors:  # other companies customers consider here",
    "      - name: Another supplier",
    "        note: Cheaper, but slower to answer",
    "        # url: https://www.example.com/",
    "    # Per persona of this journey, when they live the stage differently:",
    "    # by_persona:",
    "    #   example-persona:",
    "    #     emotion: 1",
    "    #     pain_points: [Waits for the finance director]",
    "    #     delights: []",
    "    #     quotes: []",
    "    # Service blueprint: what staff do in front of the customer, out of sight, and what supports both.",
    "    frontstage:",
    "      - action: Answers questions on chat",
    "        owner: Customer support  # the team or role that does it",
    "    backstage:",
    "      - Updates the prices on the website",
    "    support:",
    "      - name: Content management system",
    "        kind: system  # a process or a system",
    "        owner: Web team",
    "    # Where customers go after this stage besides the next one: back (to this stage or an earlier one), or on",
    "    # into another journey.",
    "    # loops_back:",
    "    #   - to: awareness",
    "    #     when: Looks again next year",
    "    # continues_into:",
    "    #   - journey: renewal",
    "    #     stage: retention",
    "    #     when: Becomes a customer",
]


# --- stages and touchpoints ----------------------------------------------------------------------------------

_STAGE_EXAMPLES: dict[str, tuple[str, str, str]] = {
    "awareness": (
        "before",
        "The customer realises they have a need and first hears of us.",
        "Understand the problem and the ways to solve it.",
    ),
    "favorability": ("before", "The customer forms a first opinion of us.", "Find out whether we are credible."),
    "consideration": (
        "before",
        "The customer compares solutions, ours included.",
        "Shortlist the options that fit their needs and budget.",
    ),
    "intent": (
        "before",
        "The customer shows they mean to buy: a trial, a demo, a quote.",
        "Make sure it works for them before committing.",
    ),
    "decision": ("before", "The customer chooses a supplier.", "Choose with confidence and get approval."),
    "purchase": ("during", "The customer orders and pays.", "Buy quickly, without surprises."),
    "retention": ("after", "The customer uses the product and renews.", "Get value from the product every week."),
    "advocacy": ("after", "The customer recommends us to others.", "Share a good experience and be thanked for it."),
}


def stage_entry(stage_id: str, indent: int = 2) -> str:
    """One commented entry of the `stages:` list, indented to sit in a list whose '-' is at column `indent`."""
    phase, description, goal = _STAGE_EXAMPLES.get(
        stage_id, (None, "What this stage means for our business.", "What the customer wants to achieve here.")
    )
    lines = [
        f"- id: {_scalar(stage_id)}  # used by journeys and content; keep it once published",
        f"  name: {_scalar(_title(stage_id))}  # what staff call the stage",
    ]
    types = ", ".join(STAGE_TYPES)
    if stage_id in STAGE_TYPES:
        lines.append(f"  # type: {stage_id}  # the common stage it is, for content suggestions; defaults to the id")
    else:
        lines.append(f"  # type: consideration  # the common stage it is, for content suggestions: {types}")
    if phase:
        lines.append(f"  phase: {phase}  # before, during or after the purchase")
    else:
        lines.append("  # phase: before  # before, during or after the purchase")
    lines += [
        f"  description: {_scalar(description)}  # what the stage means for this business",
        f"  customer_goal: {_scalar(goal)}  # what the customer wants to achieve in it",
        "  # content_formats: {include: [roi-calculator], exclude: [webinar]}  # change the suggested content",
    ]
    return _indent(lines, indent)


_CHANNEL_WORDS: dict[str, tuple[str, ...]] = {
    "email": ("email", "newsletter", "mail"),
    "search": ("seo", "search", "google"),
    "advertising": ("ad", "ads", "advert", "banner", "billboard"),
    "social": ("social", "linkedin", "instagram", "facebook", "twitter", "youtube", "tiktok"),
    "phone": ("phone", "call", "calls", "hotline"),
    "chat": ("chat", "chatbot", "whatsapp"),
    "in-person": ("store", "shop", "showroom", "branch", "visit"),
    "events": ("webinar", "event", "conference", "fair", "meetup"),
    "word-of-mouth": ("referral", "review", "reviews", "recommendation"),
    "mobile-app": ("app", "push"),
    "product": ("onboarding", "in-app", "dashboard"),
}

_CHANNEL_OWNERS = {"phone": "Sales", "in-person": "Sales", "chat": "Customer service", "product": "Product"}


def guess_channel(touchpoint_id: str) -> str:
    """A likely channel from the words of the id (`sales-call` → phone), else `web`."""
    words = touchpoint_id.split("-")
    for channel, hints in _CHANNEL_WORDS.items():
        if any(word in hints for word in words):
            return channel
    return "web"


def touchpoint_entry(touchpoint_id: str, channels: list[str], indent: int = 2) -> str:
    """One commented entry of the `touchpoints:` list; `channels` are the ids the file may use."""
    channel = guess_channel(touchpoint_id)
    lines = [
        f"- id: {_scalar(touchpoint_id)}  # used by journeys; keep it once published",
        f"  name: {_scalar(_title(touchpoint_id))}  # what staff call the touchpoint",
        f"  channel: {channel}  # one of: {', '.join(channels)}",
        f"  owner: {_CHANNEL_OWNERS.get(channel, 'Marketing')}  # the team responsible",
        "  # url: https://www.example.com/  # an http(s) or mailto URL, or a path in the docs folder",
        "  description: What customers find or do here.",
        "  # survey:  # a satisfaction survey asked here",
        "  #   name: Post-visit survey",
        "  #   scale: 1-5 stars  # how answers are given",
        "  #   questions:",
        "  #     - How easy was it to find what you were looking for?",
    ]
    return _indent(lines, indent)


def opportunity_entry(opportunity_id: str, indent: int = 2) -> str:
    """One commented entry of the `opportunities:` list."""
    lines = [
        f"- id: {_scalar(opportunity_id)}  # stages name it with `- {{opportunity: {opportunity_id}}}`",
        f"  title: {_scalar(_title(opportunity_id))}  # what to do, in a few words",
        "  description: What would change for the customer, and how.",
        "  owner: Marketing  # the team or person who owns it",
        "  status: idea  # idea, planned, in-progress, done or dropped",
        "  impact: 3  # how much it would improve the journey: 1 (little) to 5 (a lot)",
        "  effort: 3  # how much work it takes: 1 (little) to 5 (a lot)",
        "  # tracker: https://tracker.example.com/browse/WEB-12  # where the work is tracked",
        "  # addresses:  # what it improves: ids of each",
        "  #   pain_points: [hidden-price]  # pain points written with an `id:` in a journey",
        "  #   stages: [consideration]",
        "  #   touchpoints: [pricing-page]",
        "  #   journeys: [first-purchase]",
    ]
    return _indent(lines, indent)


def content_entry(asset_id: str, stages: list[str], personas: list[str], indent: int = 2) -> str:
    """One commented entry of the `assets:` list; `stages` and `personas` are ids the project has (may be empty)."""
    lines = [
        f"- id: {_scalar(asset_id)}  # used by journeys under `content: existing:`; keep it once published",
        f"  title: {_scalar(_title(asset_id))}  # what readers see",
        "  format: faq  # a content format id: built in (blog-post, faq, case-study, …) or yours under `formats:`",
        f"  url: https://www.example.com/{asset_id}  # an http(s) or mailto URL, or a path on the site",
        "  description: What it covers, in one line.",
        f"  stages: [{', '.join(_scalar(s) for s in stages)}]  # ids of the stages it serves",
        f"  personas: [{', '.join(_scalar(p) for p in personas)}]  # ids of the personas it serves; empty: everyone",
    ]
    return _indent(lines, indent)


def source_entry(source_id: str, indent: int = 2) -> str:
    """One commented entry of the `sources:` list."""
    kinds = ", ".join(SOURCE_KINDS)
    lines = [
        f"- id: {_scalar(source_id)}  # insights cite it with `sources: [{source_id}]`",
        f"  title: {_scalar(_title(source_id))}  # what staff call this research",
        f"  kind: {'interviews' if 'interview' in source_id else 'survey' if 'survey' in source_id else 'other'}"
        f"  # one of: {kinds}",
        "  date: 2025-03  # a date, a month or a period",
        "  size: 12  # how many: interviews, responses, tickets, sessions",
        "  owner: Research team  # who ran it, or who to ask",
        "  # url: https://research.example.com/report  # where the report or the data is",
        "  # file: first-purchase/research-notes.md  # a Markdown note beside a folder journey, published with it",
        "  description: What was done and what it covers.",
    ]
    return _indent(lines, indent)


def new_opportunity(opportunity_id: str, layout: DataLayout, schema_folder: Path) -> Scaffolded:
    return _append_entry(
        layout,
        schema_folder,
        OPPORTUNITIES_FILE,
        kind="opportunity",
        entry_id=opportunity_id,
        list_key="opportunities",
        make_entry=lambda indent: opportunity_entry(opportunity_id, indent),
        header="# Improvements the team could make. Stages name them with `- {opportunity: <id>}`.\n",
    )


def new_source(source_id: str, layout: DataLayout, schema_folder: Path) -> Scaffolded:
    return _append_entry(
        layout,
        schema_folder,
        SOURCES_FILE,
        kind="source",
        entry_id=source_id,
        list_key="sources",
        make_entry=lambda indent: source_entry(source_id, indent),
        header="# The research the journey maps rest on. Insights cite them with `sources: [<id>]`.\n",
    )


_CONTENT_HEADER = f"""# The content inventory: what is published, for which stages and personas. Coverage counts it, together with
# the assets journeys list under `content: existing:`, and suggestions leave out what is already published.

# What kind of business this is, so that suggested content fits it (a hotel is not offered software trials).
# Unset, only formats that fit any business and any customer are suggested. A persona may set its own.
# business:
#   # Built-in industries: {", ".join(i.id for i in BUILTIN_INDUSTRIES)}; or one under `industries:`.
#   industry: retail
#   model: b2c  # b2b or g2b: customers buy for a business; b2c or g2c: private people

# Your own content formats, or a built-in one redefined (same id). `mkdocs-journeys suggest PERSONA STAGE --explain`
# lists the built-in ones; the guide's "How suggestions work" explains every key.
# formats:
#   - id: podcast
#     name: Podcast episode
#     purpose: An expert talks through the problem for people who listen on the way to work.
#     stages: [awareness]  # the common stage types where it serves the customer
#     industries: []  # industry ids that publish it; empty: any business
#     audience: any  # consumers, businesses or any
#     channels: [web, social]  # the channels that can carry it, most usual first
#     keywords: [podcast, listen*]  # words in a question, pain point, KPI or wish that call for it
#     catch_all: false  # also answers the questions of its stages no other format answers
#     every_question_in: []  # stage types where it answers every question recorded
#     staple_in: []  # stage types where a coverage gap calls for it
#     recovers_drop_off: false  # a large drop-off into its stages calls for it
#     content_of_touchpoint: false  # a pain point at a touchpoint on its channels calls for it

# Formats never to suggest on this site (switched off).
# exclude: [webinar]

# Industries beyond the built-in ones, with their own words for some formats.
# industries:
#   - id: education
#     name: Education
#     description: Schools and training providers.
#     wording: {{faq: {{name: Questions parents ask}}}}

# Changes to the formats of one common stage type: replace, formats, include, exclude.
# library:
#   consideration: {{exclude: [ebook]}}
"""


def new_content(asset_id: str, layout: DataLayout, schema_folder: Path) -> Scaffolded:
    stages = [stage_id for stage_id, _ in _existing_stages(layout)][:1]
    personas = sorted(p.stem for s in YAML_SUFFIXES for p in layout.personas.glob(f"*{s}") if _is_slug(p.stem))[:1]
    return _append_entry(
        layout,
        schema_folder,
        CONTENT_FILE,
        kind="content asset",
        entry_id=asset_id,
        list_key="assets",
        make_entry=lambda indent: content_entry(asset_id, stages, personas, indent),
        header=_CONTENT_HEADER,
    )


def new_stage(stage_id: str, layout: DataLayout, schema_folder: Path) -> Scaffolded:
    return _append_entry(
        layout,
        schema_folder,
        STAGES_FILE,
        kind="stage",
        entry_id=stage_id,
        list_key="stages",
        make_entry=lambda indent: stage_entry(stage_id, indent),
        header="# The stages of the customer's life cycle, in the order customers go through them.\n"
        "# Journeys list their stages in this order; ids are used in journeys and content.\n",
    )


def new_touchpoint(touchpoint_id: str, layout: DataLayout, schema_folder: Path) -> Scaffolded:
    path = layout.path(TOUCHPOINTS_FILE)
    channels = [c.id for c in BUILTIN_CHANNELS] + [
        c for c in _existing_ids(layout, path, "channels") if c not in {b.id for b in BUILTIN_CHANNELS}
    ]
    return _append_entry(
        layout,
        schema_folder,
        TOUCHPOINTS_FILE,
        kind="touchpoint",
        entry_id=touchpoint_id,
        list_key="touchpoints",
        make_entry=lambda indent: touchpoint_entry(touchpoint_id, channels, indent),
        header="# Where customers meet the company. Journeys refer to these ids in each stage's `touchpoints:`.\n"
        "# Channels beyond the built-in ones go in a `channels:` list of {id, name} before this one.\n",
    )


def _append_entry(
    layout: DataLayout,
    schema_folder: Path,
    file: DataFile,
    *,
    kind: str,
    entry_id: str,
    list_key: str,
    make_entry: Any,
    header: str,
) -> Scaffolded:
    """Append to the file as it is on disk (`stages.yaml` too), or create it."""
    path = layout.path(file)
    display = layout.display(path)
    if not os.path.lexists(path):
        notes = _ensure_schemas(layout, schema_folder)
        text = f"{schema_comment(path, schema_folder, file.schema)}\n{header}\n{list_key}:\n"
        _create(layout, path, text + make_entry(2))
        return Scaffolded(path, True, notes)
    try:
        path = writable(path, layout.home, f"the {kind} file")
    except OutsideProject as error:
        _refuse(f"cannot add the {kind}: {error.message}", f"{error.hint}; this is the entry to add:", make_entry(2))

    try:
        original = path.read_bytes()
        document = load_bytes(original, display)
    except OSError as error:
        _refuse(f"cannot add the {kind}: cannot read {display} ({error.strerror})", "check the file's permissions")
    except DiagnosticsError as error:
        if error.diagnostics[0].code != "empty-file":
            _refuse(
                f"cannot add the {kind}: {display} has an error ({format_one(error.diagnostics[0]).splitlines()[0]})",
                f"fix {display} first (`mkdocs-journeys validate` lists the problems), or add this entry by hand:",
                make_entry(2),
            )
        document = None  # only comments so far: the list goes after them
    data = document.data if document is not None and isinstance(document.data, dict) else {}
    entries = data.get(list_key)
    existing = _ids_in(entries)
    if document is not None and entry_id in existing:
        index = next(
            i for i, item in enumerate(entries or []) if isinstance(item, dict) and str(item.get("id")) == entry_id
        )
        line = document.source.locate((list_key, index, "id")).line
        _refuse(
            f"{kind} '{entry_id}' already exists in {display}:{line}",
            f"choose another id, or edit the existing {kind} there",
        )

    indent = _list_indent(original, list_key)
    newline = "\r\n" if b"\r\n" in original else "\n"
    addition = make_entry(indent) if list_key in data else f"{list_key}:\n{make_entry(2)}"
    separator = b"" if not original or original.endswith(b"\n") else newline.encode()
    updated = original + separator + addition.replace("\n", newline).encode("utf-8")

    replace_file(path, updated)
    if not _appended_cleanly(updated, display, list_key, [*existing, entry_id]):
        replace_file(path, original)
        _refuse(
            f"could not add the {kind} to {display} automatically: the `{list_key}:` list is not a block list "
            "at the end of the file, so the file was left unchanged",
            f"paste this entry at the end of the `{list_key}:` list:",
            make_entry(indent if list_key in data else 2),
        )
    return Scaffolded(path, False, [])


def _appended_cleanly(raw: bytes, display: str, list_key: str, expected_ids: list[str]) -> bool:
    """The file still parses and its list holds exactly the old ids and then the new one."""
    try:
        document = load_bytes(raw, display)
    except DiagnosticsError:
        return False
    data = document.data if isinstance(document.data, dict) else {}
    return _ids_in(data.get(list_key)) == expected_ids


def _list_indent(raw: bytes, list_key: str) -> int:
    """The column of the '-' of the existing list's items, so the new entry lines up with them."""
    try:
        root = yaml.compose(raw.decode("utf-8-sig"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError):
        return 2
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            is_list = (
                isinstance(key, yaml.ScalarNode) and key.value == list_key and isinstance(value, yaml.SequenceNode)
            )
            if is_list and value.value and not value.flow_style:
                return int(value.start_mark.column)
    return 2


# --- helpers --------------------------------------------------------------------------------------------------


def _ensure_schemas(layout: DataLayout, folder: Path) -> list[str]:
    """Write the schema files the new file's first line points at, when the project does not have them yet."""
    try:
        written = write_schemas(folder, layout.home, overwrite=False)
    except OutsideProject as error:
        _refuse(f"cannot write the JSON Schemas: {error.message}", error.hint)
    if not written:
        return []
    names = ", ".join(path.name for path in written)
    return [f"wrote the JSON Schemas for editors to {layout.display(folder)}/ ({names})"]


def _existing_stages(layout: DataLayout) -> list[tuple[str, str]]:
    """(id, type) of the stages in stages.yml, in order; tolerant of a file with errors elsewhere."""
    path = layout.path(STAGES_FILE)
    stages = []
    for item in _entries(layout, path, "stages"):
        stage_id = item.get("id")
        if isinstance(stage_id, str) and _is_slug(stage_id):
            stage_type = item.get("type")
            stages.append((stage_id, stage_type if isinstance(stage_type, str) else stage_id))
    return stages


def _existing_ids(layout: DataLayout, path: Path, list_key: str) -> list[str]:
    return [i for i in _ids_in(_entries(layout, path, list_key)) if _is_slug(i)]


def _entries(layout: DataLayout, path: Path, list_key: str) -> list[dict[str, Any]]:
    """The entries of a shared file, read as the loader reads it: not at all when it is a link that leaves the data."""
    if not path.is_file() or not layout.readable(path):
        return []
    try:
        data = load_file(path, path.name).data
    except DiagnosticsError:
        return []
    items = data.get(list_key) if isinstance(data, dict) else None
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _ids_in(entries: Any) -> list[str]:
    if not isinstance(entries, list):
        return []
    return [str(item["id"]) for item in entries if isinstance(item, dict) and "id" in item]


def _is_slug(value: str) -> bool:
    return re.fullmatch(SLUG_PATTERN, value) is not None


def _refuse_existing(kind: str, entity_id: str, layout: DataLayout, candidates: list[Path]) -> None:
    for candidate in candidates:
        if os.path.lexists(candidate):  # a link counts, even one to nothing
            _refuse(
                f"{kind} '{entity_id}' already exists: {layout.display(candidate)}",
                "edit that file, or choose another id (nothing was overwritten)",
            )


def _create(layout: DataLayout, path: Path, text: str) -> None:
    """A new file inside the project, never through a link, never over an existing file (even one made meanwhile)."""
    try:
        create_file(writable(path, layout.home, "the new file"), text.encode("utf-8"))
    except OutsideProject as error:
        _refuse(f"cannot create {layout.display(path)}: {error.message}", error.hint)


_NEW: dict[str, Callable[[str, DataLayout, Path], Scaffolded]] = {
    PERSONA.name: new_persona,
    JOURNEY.name: new_journey,
    STAGE.name: new_stage,
    TOUCHPOINT.name: new_touchpoint,
    OPPORTUNITY.name: new_opportunity,
    SOURCE.name: new_source,
    CONTENT.name: new_content,
}
KINDS_OF_NEW = tuple(_NEW)
"""The kinds `new` writes a skeleton of."""


def _refuse(message: str, hint: str = "", snippet: str = "") -> NoReturn:
    raise ScaffoldError(message, hint, snippet)


def _title(slug: str) -> str:
    """`small-business-owner` → `Small business owner`."""
    words = slug.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def _scalar(text: str) -> str:
    """`text` as a YAML scalar: plain when YAML reads it back unchanged, else double-quoted (`"Yes"`, `"1-5"`)."""
    plain = "\n" not in text and not text.startswith(("'", '"'))
    if plain:
        try:
            plain = yaml.safe_load(f"key: {text}") == {"key": text} and " #" not in text
        except yaml.YAMLError:
            plain = False
    if plain:
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _indent(lines: list[str], indent: int) -> str:
    return "".join(" " * indent + line + "\n" for line in lines)
