"""The journey data model: what teams write in YAML, as typed classes.

These classes are the single source of truth for the file format. Validation (`validation.py`), the JSON Schema
that editors use (`schema.py`) and the YAML reference in the user guide are all derived from them, so they
cannot drift apart. Field descriptions are written for the people who edit the YAML: editors show them on hover.

References between files are ids (URL-safe slugs); `references.py` checks them once every file is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    StringConstraints,
    Tag,
)
from pydantic.json_schema import SkipJsonSchema

from mkdocs_journeys.data.numbers import percent

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(description="An id: lower-case letters, digits and single hyphens, e.g. `small-business-owner`."),
]

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]

# Numbers are what they say: YAML numbers only (never `true`, `"1_000"` or `"nan"`), finite, and no larger than every
# JSON reader keeps exactly (JavaScript's numbers are exact up to 2**53, about 9e15).
MAX_NUMBER = 10**15
Count = Annotated[int, Strict(), Field(ge=0, le=MAX_NUMBER)]
"""How many of something: a whole number from 0."""
Number = Annotated[float, Strict(), Field(allow_inf_nan=False, ge=-MAX_NUMBER, le=MAX_NUMBER)]
"""A measured value: a whole or decimal number."""
Flag = Annotated[bool, Strict()]
"""`true` or `false` as YAML writes them, never the text `"no"` or the number 0."""


def _one_or_many(value: Any) -> Any:
    """Forgiving lists: `touchpoints: blog` means `touchpoints: [blog]`."""
    if value is None:
        return []
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [value]
    return value


TextList = Annotated[list[Text], BeforeValidator(_one_or_many, json_schema_input_type=Text | list[Text] | None)]

MAX_KEYWORD = 100
"""A keyword is a word or a phrase; matching costs grow with the longest one (`advice/suggestions.py`)."""
Keyword = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_KEYWORD)]
KeywordList = Annotated[
    list[Keyword], BeforeValidator(_one_or_many, json_schema_input_type=Keyword | list[Keyword] | None)
]
SlugList = Annotated[list[Slug], BeforeValidator(_one_or_many, json_schema_input_type=Slug | list[Slug] | None)]

# Links end up in `href` attributes on a public site: only schemes that cannot run code are accepted.
_ALLOWED_URL = re.compile(
    r"""^(https?://[^\s"'<>\\`]+|mailto:[^\s"'<>\\`]+|/[^\s"'<>\\`]*|\.{0,2}/?[\w\-./%#?=&~+]+)$""", re.IGNORECASE
)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)


_OTHER_HOST = re.compile(r"^[/\\]{2}")
"""`//evil.example/x` (and `/\\host`, `\\\\host`, which browsers read the same) is a link to another site that looks
like a path of this one."""


def _check_url(value: str) -> str:
    if _OTHER_HOST.match(value):
        raise ValueError(f"{value[:60]!r} leads to another site (the host after '//'), not to a path of this one")
    scheme = _SCHEME.match(value)
    if scheme and scheme.group(1).lower() not in {"http", "https", "mailto"}:
        raise ValueError(f"URL scheme '{scheme.group(1)}:' is not allowed; use http, https or mailto")
    if not _ALLOWED_URL.match(value):
        raise ValueError("not a valid URL or relative path (spaces and quotes are not allowed; encode them)")
    return value


Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=2000),
    BeforeValidator(lambda v: _check_url(v.strip()) if isinstance(v, str) else v),
    Field(description="An http(s) or mailto URL, or a path in the docs folder, e.g. `images/ana.png`."),
]

EMOTION_SCALE: dict[int, str] = {
    -2: "Frustrated",
    -1: "Unhappy",
    0: "Neutral",
    1: "Satisfied",
    2: "Delighted",
}
"""The one emotion scale: -2 (frustrated) to +2 (delighted). Documented in the guide and the schema."""

StageType = Literal[
    "awareness", "favorability", "consideration", "intent", "decision", "purchase", "retention", "advocacy"
]
STAGE_TYPES: tuple[str, ...] = StageType.__args__  # type: ignore[attr-defined]

Phase = Literal["before", "during", "after"]


class DataModel(BaseModel):
    """Strict where a typo would lose data (unknown keys are errors), forgiving where it costs nothing."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    shorthand: ClassVar[str | None] = None
    """The key a plain value stands for, in lists that accept one (`touchpoints: [blog]` means
    `[{touchpoint: blog}]`); None when the model has no short form."""


def entries(model: type[DataModel], short: Any, forms: Any = None) -> BeforeValidator:
    """Forgiving lists of entries that also have a short form: nothing is no entry, one value or mapping is a list of
    one, and a plain value `v` is the entry `{<model.shorthand>: v}` (`pain_points: Slow quotes` means
    `pain_points: [{text: Slow quotes}]`). `short` is the type of the plain value, `forms` what a mapping may be (the
    model by default), both for the JSON Schema."""
    assert model.shorthand is not None, f"{model.__name__} has no short form"
    key = model.shorthand

    def normalise(value: Any) -> Any:
        if value is None:
            return []
        items = value if isinstance(value, list) else [value]
        return [{key: item} if _is_plain(item) else item for item in items]

    written: Any = short | (forms if forms is not None else model)
    return BeforeValidator(normalise, json_schema_input_type=written | list[written] | None)


def _is_plain(value: Any) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def _keyword(value: Any) -> Any:
    """Choices are written as words: `In progress`, `in_progress` and `in-progress` are the same status."""
    if isinstance(value, str):
        return re.sub(r"[\s_]+", "-", value.strip().lower())
    return value


def keyword(choices: Any) -> BeforeValidator:
    """For `Annotated[Choice, keyword(Choice)]`: a choice among `choices` (a `Literal`) written in any case, with
    spaces or underscores for its hyphens. The JSON Schema offers the choices and accepts the other spellings too,
    as the loader does."""
    words: tuple[str, ...] = choices.__args__
    spelled = "|".join(
        "".join(f"[{c}{c.upper()}]" if c.isalpha() else "[-_ ]+" if c == "-" else re.escape(c) for c in word)
        for word in words
    )
    spelling = Annotated[str, StringConstraints(pattern=rf"^\s*(?:{spelled})\s*$")]
    return BeforeValidator(_keyword, json_schema_input_type=choices | spelling)


# --- evidence: research sources, and what rests on them ---------------------------------------------------------

Confidence = Literal["observed", "assumed"]
EvidenceLevel = Literal["observed", "assumed", "unstated"]
"""What an insight rests on: research (`observed`), the team's belief (`assumed`), or nobody said (`unstated`)."""

Sources = Annotated[
    list[Slug],
    BeforeValidator(_one_or_many, json_schema_input_type=Slug | list[Slug] | None),
    Field(description="Ids of the research sources (in `sources.yml`) this rests on."),
]
ConfidenceField = Annotated[
    Confidence | None,
    Field(
        description="`observed` (seen in research) or `assumed` (the team's belief, still to be checked). "
        "Citing a source makes it `observed` unless it says `assumed`."
    ),
]


def evidence_level(sources: list[str], confidence: str | None) -> EvidenceLevel:
    """An insight that cites a source was observed, unless the team marks it assumed all the same."""
    if confidence == "assumed":
        return "assumed"
    if confidence == "observed" or sources:
        return "observed"
    return "unstated"


SourceKind = Literal[
    "interviews",
    "survey",
    "analytics",
    "support-tickets",
    "usability-test",
    "field-study",
    "diary-study",
    "sales-notes",
    "reviews",
    "desk-research",
    "workshop",
    "other",
]

NotesFile = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9_.\-]+(?:/[A-Za-z0-9_.\-]+)*\.md$", max_length=300),
    Field(
        description="A Markdown note beside a folder journey, relative to the journeys folder, e.g. "
        "`security-evaluation/research-notes.md`; it is published, and the source links to it."
    ),
]


class ResearchSource(DataModel):
    """Research a map rests on, defined once: interviews, a survey, analytics, support tickets, a usability test…"""

    id: Slug
    title: Name = Field(description="E.g. `Win/loss interviews, spring 2024`.")
    kind: Annotated[SourceKind, keyword(SourceKind)] = Field(description="What kind of research it is.")
    date: Name | None = Field(None, description="When: a date, a month (`2024-05`) or a period (`Q2 2024`).")
    size: Count | None = Field(
        None, ge=1, description="How many: interviews held, responses, tickets read, sessions measured."
    )
    owner: Name | None = Field(None, description="Who ran it, or who to ask about it.")
    url: Url | None = Field(None, description="Where the report or the raw data is.")
    file: NotesFile | None = None
    description: Text | None = Field(None, description="What was done and what it covers, in a few lines.")


class SourcesFile(DataModel):
    """`journeys/sources.yml`: the research sources that insights cite by id (`sources: [win-loss-interviews]`)."""

    sources: list[ResearchSource] = Field(min_length=1)


# --- content formats (the built-in library in `formats.py`, and each team's changes to it) -------------------


Audience = Literal["any", "consumers", "businesses"]
"""Whom a content format is written for: private people (`consumers`), people buying for a business, or both."""

BusinessModel = Literal["b2b", "b2c", "g2b", "g2c"]
"""How the business and its customers deal with each other: a business (`b2…`) or a public body (`g2…`) serving
businesses (`…2b`) or consumers (`…2c`)."""

BUSINESS_AUDIENCE: dict[str, Audience] = {
    "b2b": "businesses",
    "g2b": "businesses",
    "b2c": "consumers",
    "g2c": "consumers",
}


class ContentFormat(DataModel):
    """A kind of content (blog post, comparison guide, webinar, …): what it does for the customer, where it applies,
    which channels can carry it and which recorded words call for it."""

    id: Slug
    name: Name = Field(description="What marketers call it, e.g. `Comparison guide`.")
    purpose: Text = Field(description="What it does for the customer, in one sentence.")
    stages: list[StageType] = Field(
        default_factory=list,
        description="The common stage types where it serves the customer. Empty: only where a level of the library "
        "lists it (`library:`, a stage's `content_formats:` or a journey stage's `content: formats:`).",
    )
    industries: SlugList = Field(
        default_factory=list,
        description="Industry ids of the businesses that publish it (see `business:`). Empty: any business.",
    )
    audience: Audience = Field(
        "any", description="`consumers`, `businesses` or `any`: whom it is written for (see `business: model`)."
    )
    channels: SlugList = Field(
        default_factory=list,
        description="Channel ids that can carry it, most usual first. A suggestion is only ever placed on one of "
        "them: a blog post is not published on Instagram.",
    )
    keywords: KeywordList = Field(
        default_factory=list,
        description="Words or phrases that mark a question, pain point, KPI, opportunity or wish this format answers, "
        "e.g. `how much`; `fee` also matches `fees`, and a trailing `*` matches any ending: `compar*` (compare, "
        "comparison).",
    )
    catch_all: Flag = Field(
        False,
        description="Also answers the questions of its stage that no other format answers (an FAQ). A pain point, "
        "a KPI or a wish still needs a keyword.",
    )
    every_question_in: list[StageType] = Field(
        default_factory=list,
        description="Stage types where it answers every question recorded, beside the formats made for each: people "
        "search their first questions word for word (a blog post), or ask them where they scroll (a social post).",
    )
    staple_in: list[StageType] = Field(
        default_factory=list,
        description="Stage types where it is the first thing to publish when nothing is published for a persona yet: "
        "a coverage gap there calls for it.",
    )
    recovers_drop_off: Flag = Field(
        False,
        description="Brings back people who left before this stage (a reminder, help where people pay): a large "
        "drop-off into the stage calls for it.",
    )
    content_of_touchpoint: Flag = Field(
        False,
        description="It is what people see at a touchpoint on its channels (a marketplace listing, a social "
        "account's posts): a pain point recorded at such a touchpoint calls for it.",
    )


class FormatWording(DataModel):
    """How an industry names a format and says what it does: a hotel's order confirmation is a booking confirmation."""

    name: Name | None = None
    purpose: Text | None = None


class Industry(DataModel):
    """A kind of business, with its own formats (those that name it in `industries`) and its own words for others."""

    id: Slug
    name: Name = Field(description="E.g. `Hospitality and travel`.")
    description: Text | None = None
    wording: dict[Slug, FormatWording] = Field(
        default_factory=dict, description="By format id: the name and purpose this industry gives that format."
    )


class Business(DataModel):
    """What kind of business this is and whom it serves, so that suggestions fit a hotel or a bank, not only
    software. Set for the site in `content.yml`; a persona may set either key for itself."""

    industry: Slug | None = Field(
        None,
        description="An industry id: built in `software`, `retail`, `hospitality`, `financial-services`, "
        "`public-services`, or one under `industries:` in `content.yml`. Unset: only formats that fit any business.",
    )
    model: BusinessModel | None = Field(
        None,
        description="`b2b` or `g2b` (customers buy for a business), `b2c` or `g2c` (private people). Unset: only "
        "formats written for anyone.",
    )

    @property
    def audience(self) -> Audience | None:
        return BUSINESS_AUDIENCE[self.model] if self.model else None


class FormatChanges(DataModel):
    """Changes to the content formats suggested for a stage, applied to those of the level above.

    Levels: the built-in library, then `library:` in `content.yml`, then the stage in `stages.yml`, then the stage
    in a journey. Applied in this order: `replace`, `formats`, `include`, `exclude`.
    """

    replace: Flag = Field(False, description="Start from no format at all instead of those of the level above.")
    formats: list[ContentFormat] = Field(
        default_factory=list, description="Formats to suggest here; one with a known id redefines it here."
    )
    include: SlugList = Field(
        default_factory=list, description="Ids of known formats (built in or defined elsewhere) to suggest here too."
    )
    exclude: SlugList = Field(default_factory=list, description="Ids of formats not to suggest here.")


# --- stages --------------------------------------------------------------------------------------------------


class Stage(DataModel):
    """A step of the customer's life cycle, shared by every journey. Journeys keep the order of `stages.yml`."""

    id: Slug
    name: Name = Field(description="What staff call the stage, e.g. `Consideration`.")
    type: StageType | None = Field(
        None,
        description="Which common stage this one is, for the built-in content suggestions. "
        "Defaults to the id when the id is a common stage name.",
    )
    phase: Phase | None = Field(None, description="Before, during or after the purchase.")
    description: Text | None = Field(None, description="What the stage means for this business.")
    customer_goal: Text | None = Field(None, description="What the customer wants to achieve in this stage.")
    content_formats: FormatChanges | None = Field(
        None, description="Changes to the content formats suggested in this stage (all journeys)."
    )

    @property
    def stage_type(self) -> str | None:
        return self.type or (self.id if self.id in STAGE_TYPES else None)


class StagesFile(DataModel):
    """`journeys/stages.yml`: every stage, in the order customers go through them."""

    stages: list[Stage] = Field(min_length=1, description="The stages, in customer order.")


# --- touchpoints and channels ----------------------------------------------------------------------------------


class Channel(DataModel):
    """A kind of medium (web, email, phone, …). Common channels are built in; teams may add their own."""

    id: Slug
    name: Name
    description: Text | None = None


class SurveyResult(DataModel):
    """What a survey gave over one period."""

    period: Name = Field(description="When the answers were given, e.g. `2024-Q2` or `May 2024`.")
    score: Number = Field(description="The result on the survey's scale, e.g. `4.3` (stars) or `41` (NPS).")
    scale: Name | None = Field(None, description="The scale of this score when it is not the survey's, e.g. `1-5`.")
    responses: Count | None = Field(None, description="How many people answered.")
    sources: Sources = Field(default_factory=list)

    @property
    def evidence(self) -> EvidenceLevel:
        return evidence_level(self.sources, None)


class Survey(DataModel):
    """A satisfaction survey asked at a touchpoint."""

    name: Name | None = Field(None, description="E.g. `Post-call CSAT`.")
    scale: Text | None = Field(None, description="How answers are given, e.g. `1-5 stars` or `NPS 0-10`.")
    questions: TextList = Field(min_length=1, description="The questions, in the order asked.")
    results: list[SurveyResult] = Field(
        default_factory=list, description="What the survey gave, one entry per period, oldest first."
    )


class Touchpoint(DataModel):
    """A place where the customer meets the company."""

    id: Slug
    name: Name
    channel: Slug = Field(description="The channel id, e.g. `web`, `email`, `social`, `phone`, `in-person`.")
    owner: Name | None = Field(None, description="The team responsible, e.g. `Marketing`.")
    url: Url | None = None
    description: Text | None = None
    survey: Survey | None = None


BUILTIN_CHANNELS: tuple[Channel, ...] = (
    Channel(id="web", name="Web", description="The company's websites and web apps."),
    Channel(id="search", name="Search", description="Search engines, organic (SEO) and paid."),
    Channel(id="advertising", name="Advertising", description="Paid ads: display, video, print, outdoor."),
    Channel(id="social", name="Social media", description="Social networks and online communities."),
    Channel(id="email", name="Email", description="Newsletters, campaigns and transactional email."),
    Channel(id="phone", name="Phone", description="Sales and support calls."),
    Channel(id="chat", name="Chat", description="Live chat, chatbots and messaging apps."),
    Channel(id="in-person", name="In person", description="Stores, visits and face-to-face meetings."),
    Channel(id="events", name="Events", description="Webinars, conferences and trade shows."),
    Channel(id="word-of-mouth", name="Word of mouth", description="Referrals, reviews and recommendations."),
    Channel(id="mobile-app", name="Mobile app", description="The company's apps and push notifications."),
    Channel(id="product", name="Product", description="Inside the product itself: onboarding, in-app messages."),
    Channel(id="partner", name="Partners", description="Resellers, integrators and marketplaces."),
)
"""Channels every site knows; `touchpoints.yml` may add more under `channels:`."""


class TouchpointsFile(DataModel):
    """`journeys/touchpoints.yml`: every touchpoint, and any channels beyond the built-in ones."""

    channels: list[Channel] = Field(default_factory=list, description="Extra channels beyond the built-in ones.")
    touchpoints: list[Touchpoint] = Field(min_length=1)


# --- personas -------------------------------------------------------------------------------------------------


class Demographics(DataModel):
    age: Count | None = Field(
        None, le=130, description="An age in years, e.g. `38`; for a range, write `age_range: 35-44` instead"
    )
    age_range: Name | None = Field(None, description="E.g. `35-44`.")
    gender: Name | None = None
    location: Name | None = None
    income_band: Name | None = Field(None, description="E.g. `£40-60k a year` or `upper middle`.")
    household: Name | None = Field(None, description="Who they live with, e.g. `Couple, two children`.")
    status: Name | None = Field(None, description="Family or professional status.")
    socio_professional_category: Name | None = None


Influence = Literal["decides", "approves", "influences", "uses", "blocks"]


class BuyingRole(DataModel):
    """One member of a B2B buying group: who they are in the deal and what they care about."""

    shorthand: ClassVar[str | None] = "role"

    role: Name = Field(description="Their job in the deal or the company, e.g. `Chief financial officer`.")
    influence: Annotated[Influence, keyword(Influence)] | None = Field(
        None, description="What they do in the decision: decides, approves, influences, uses or blocks."
    )
    persona: Slug | None = Field(None, description="The id of a persona file that describes this role in full.")
    cares_about: TextList = Field(default_factory=list, description="What this role looks for, in their words.")


def _attribute_value(value: Any) -> Any:
    """A team's own attribute may be yes or no: YAML reads those as true and false, the page shows them as written."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


AttributeValue = Annotated[Name, BeforeValidator(_attribute_value, json_schema_input_type=Name | float | bool)]


class Persona(DataModel):
    """`personas/<id>.yml`: a fictitious composite customer of one target group. The id is the file name."""

    id: SkipJsonSchema[Slug] = Field(description="Taken from the file name.")
    name: Name = Field(description="A first name and last name that staff will remember.")
    role: Name = Field(description="Role or occupation.")
    summary: Text | None = Field(None, description="One line: who they are and what they want.")
    demographics: Demographics | None = None
    goals: TextList = Field(default_factory=list)
    needs: TextList = Field(default_factory=list)
    expectations: TextList = Field(default_factory=list)
    pain_points: TextList = Field(default_factory=list, description="Frustrations, in their own words.")
    preferred_channels: SlugList = Field(default_factory=list, description="Channel ids, most preferred first.")
    quote: Text | None = Field(None, description="A representative quote.")
    picture: Url | None = Field(None, description="An image URL or a path relative to the site.")
    desires: TextList = Field(default_factory=list, description="What they dream of, beyond the job to be done.")
    motivations: TextList = Field(default_factory=list, description="Why they act: what drives their choices.")
    buying_group: Annotated[list[BuyingRole], entries(BuyingRole, Name)] = Field(
        default_factory=list,
        description="For B2B: the people who take part in the purchase, and what each cares about.",
    )
    attributes: dict[Name, AttributeValue] = Field(
        default_factory=dict,
        description="The team's own facts about the persona, as `name: value` pairs, e.g. `Devices: phone and laptop`; "
        "shown as a table.",
    )
    sources: Sources = Field(
        default_factory=list, description="Ids of the research sources this persona is built from."
    )
    business: Business | None = Field(
        None,
        description="This persona's own business context, where it differs from the site's (`business:` in "
        "`content.yml`): e.g. `model: b2b` for a business traveller of a hotel.",
    )


# --- content --------------------------------------------------------------------------------------------------


class ContentAsset(DataModel):
    """A piece of published marketing or help content."""

    id: Slug
    title: Name
    format: Slug = Field(description="E.g. `blog-post`, `comparison-guide`, `case-study`, `webinar`.")
    url: Url | None = None
    description: Text | None = None
    stages: SlugList = Field(default_factory=list, description="Stage ids this content serves.")
    personas: SlugList = Field(default_factory=list, description="Persona ids; empty means every persona.")


class ContentFile(DataModel):
    """`journeys/content.yml`: the content inventory, the business the site is for, and the team's content library."""

    business: Business | None = Field(
        None,
        description="The industry and business model of the site, so that suggested content fits the business.",
    )
    assets: list[ContentAsset] = Field(default_factory=list)
    formats: list[ContentFormat] = Field(
        default_factory=list,
        description="The team's own content formats, or built-in ones redefined (same id); suggested like the "
        "built-in ones wherever their `stages`, `industries` and `audience` fit.",
    )
    exclude: SlugList = Field(
        default_factory=list, description="Ids of formats never to suggest on this site (switched off)."
    )
    industries: list[Industry] = Field(
        default_factory=list, description="Industries beyond the built-in ones, for `business: industry`."
    )
    library: dict[StageType, FormatChanges] = Field(
        default_factory=dict,
        description="Changes to the content formats of one common stage type (e.g. `consideration:`).",
    )


# --- journeys -------------------------------------------------------------------------------------------------


EmotionScore = Annotated[int, Strict(), Field(ge=-2, le=2)]


def _emotion_shorthand(value: Any) -> Any:
    """`emotion: 1` means `emotion: {score: 1}`."""
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        return {"score": value}
    return value


class Emotion(DataModel):
    score: EmotionScore = Field(description="-2 frustrated, -1 unhappy, 0 neutral, 1 satisfied, 2 delighted.")
    note: Text | None = Field(None, description="How it feels, in a few words.")
    sources: Sources = Field(default_factory=list)
    confidence: ConfidenceField = None

    @property
    def label(self) -> str:
        return EMOTION_SCALE[self.score]

    @property
    def evidence(self) -> EvidenceLevel:
        return evidence_level(self.sources, self.confidence)


EmotionField = (
    Annotated[Emotion, BeforeValidator(_emotion_shorthand, json_schema_input_type=EmotionScore | Emotion)] | None
)
EMOTION_DESCRIPTION = "A score from -2 (frustrated) to +2 (delighted), or `{score, note, sources, confidence}`."


class PainPoint(DataModel):
    """Friction the customer meets. Written as text, or as a mapping to give it an id or cite research."""

    shorthand: ClassVar[str | None] = "text"

    text: Text = Field(description="The pain point, in the customer's words where possible.")
    id: Slug | None = Field(
        None, description="An id, so that opportunities can name it in `addresses: {pain_points: […]}`."
    )
    sources: Sources = Field(default_factory=list)
    confidence: ConfidenceField = None

    def __str__(self) -> str:
        return self.text

    @property
    def evidence(self) -> EvidenceLevel:
        return evidence_level(self.sources, self.confidence)


class Insight(DataModel):
    """Something the team learnt: text, or a mapping to cite research."""

    shorthand: ClassVar[str | None] = "text"

    text: Text
    sources: Sources = Field(default_factory=list)
    confidence: ConfidenceField = None

    def __str__(self) -> str:
        return self.text

    @property
    def evidence(self) -> EvidenceLevel:
        return evidence_level(self.sources, self.confidence)


class Quote(DataModel):
    """Words a real customer said or wrote, verbatim: text, or a mapping to say who and cite research."""

    shorthand: ClassVar[str | None] = "text"

    text: Text = Field(description="The words, as said or written.")
    who: Name | None = Field(None, description="Who said it, anonymised, e.g. `Head of IT, 600 employees`.")
    persona: Slug | None = Field(None, description="The id of the journey's persona the speaker belongs to.")
    sources: Sources = Field(default_factory=list)
    confidence: ConfidenceField = None

    def __str__(self) -> str:
        return self.text

    @property
    def evidence(self) -> EvidenceLevel:
        return evidence_level(self.sources, self.confidence)


PainPoints = Annotated[list[PainPoint], entries(PainPoint, Text)]
Insights = Annotated[list[Insight], entries(Insight, Text)]
Quotes = Annotated[list[Quote], entries(Quote, Text)]


class Kpi(DataModel):
    """A key performance indicator measured at a stage."""

    name: Name
    target: Number | None = None
    actual: Number | None = None
    unit: Name | None = Field(None, description="E.g. `%`, `visits`, `days`.")
    higher_is_better: Flag = Field(True, description="False for KPIs such as cost or time to resolve.")
    period: Name | None = Field(None, description="When `actual` was measured, e.g. `2024-Q2` or `last 12 months`.")
    data_source: Name | None = Field(
        None, description="The system or report the figure comes from, e.g. `Web analytics` or `CRM`."
    )
    owner: Name | None = Field(None, description="Who is accountable for this KPI.")
    sources: Sources = Field(default_factory=list)
    confidence: ConfidenceField = None

    @property
    def evidence(self) -> EvidenceLevel:
        return evidence_level(self.sources, self.confidence)

    @property
    def described(self) -> bool:
        """Says when, from where or by whom it is measured, or what it rests on."""
        return any((self.period, self.data_source, self.owner, self.sources, self.confidence))


def _share(value: Any) -> Any:
    """`55%` means 0.55; a share is written as a fraction from 0 to 1 or as a percentage."""
    if isinstance(value, str) and value.strip().endswith("%"):
        number = value.strip().removesuffix("%").strip()
        try:
            return float(number) / 100
        except ValueError:
            raise ValueError(f"{value!r} is not a percentage; write e.g. `55%` or `0.55`")
    return value


Share = Annotated[
    float,
    Strict(),
    BeforeValidator(_share, json_schema_input_type=Annotated[float, Field(ge=0, le=1)] | str),
    Field(ge=0, le=1),
]


class TouchpointMoment(DataModel):
    """A touchpoint as used at one stage of one journey: its id, and what happens there that is its own."""

    shorthand: ClassVar[str | None] = "touchpoint"

    touchpoint: Slug = Field(description="The touchpoint id from `touchpoints.yml`.")
    emotion: EmotionField = Field(
        None, description="How customers feel at this touchpoint here. " + EMOTION_DESCRIPTION
    )
    pain_points: PainPoints = Field(default_factory=list, description="Friction at this touchpoint here.")
    delights: Insights = Field(default_factory=list, description="What customers like at this touchpoint here.")
    kpis: list[Kpi] = Field(default_factory=list, description="What is measured at this touchpoint here.")
    share: Share | None = Field(
        None, description="How much of `share_of` passes through this touchpoint: `0.55` or `55%`."
    )
    share_of: Name | None = Field(None, description="What `share` is a share of, e.g. `resort bookings`.")
    quotes: Quotes = Field(default_factory=list, description="What customers said about this touchpoint here.")
    sources: Sources = Field(default_factory=list, description="Ids of the research sources behind the share.")
    confidence: ConfidenceField = None

    @property
    def evidence(self) -> EvidenceLevel:
        """What its share rests on."""
        return evidence_level(self.sources, self.confidence)

    @property
    def own(self) -> bool:
        """Says something of its own, beyond naming the touchpoint."""
        return any((self.emotion, self.pain_points, self.delights, self.kpis, self.share is not None, self.quotes))


Moments = Annotated[list[TouchpointMoment], entries(TouchpointMoment, Slug)]
MOMENTS_DESCRIPTION = (
    "Touchpoint ids from `touchpoints.yml`; an entry may be a mapping `{touchpoint: id, emotion, pain_points, …}` "
    "to record what happens at that touchpoint here."
)


class StageContent(DataModel):
    existing: SlugList = Field(default_factory=list, description="Ids of assets in `content.yml` used here.")
    wishes: TextList = Field(default_factory=list, description="Content the team would like to have here.")
    formats: FormatChanges | None = Field(
        None, description="Changes to the content formats suggested in this stage of this journey only."
    )


# --- opportunities --------------------------------------------------------------------------------------------

OpportunityStatus = Literal["idea", "planned", "in-progress", "done", "dropped"]
OPPORTUNITY_STATUSES: tuple[str, ...] = OpportunityStatus.__args__  # type: ignore[attr-defined]
Rating = Annotated[int, Strict(), Field(ge=1, le=5)]


class OpportunityTargets(DataModel):
    """What an opportunity improves. A stage's own opportunities address that stage of that journey already."""

    journeys: SlugList = Field(default_factory=list, description="Journey ids.")
    stages: SlugList = Field(default_factory=list, description="Stage ids, in every journey that goes through them.")
    touchpoints: SlugList = Field(default_factory=list, description="Touchpoint ids.")
    pain_points: SlugList = Field(
        default_factory=list, description="Ids of pain points (pain points written with an `id:` in a journey)."
    )


class Opportunity(DataModel):
    """An improvement the team could make: the bridge from the map to the work."""

    id: Slug
    title: Name = Field(description="What to do, in a few words, e.g. `Show the full price on the product page`.")
    description: Text | None = None
    owner: Name | None = Field(None, description="The team or person who owns it.")
    status: Annotated[OpportunityStatus, keyword(OpportunityStatus)] = Field(
        "idea", description="Where it stands: idea, planned, in-progress, done or dropped."
    )
    impact: Rating | None = Field(None, description="How much it would improve the journey: 1 (little) to 5 (a lot).")
    effort: Rating | None = Field(None, description="How much work it takes: 1 (little) to 5 (a lot).")
    tracker: Url | None = Field(None, description="The issue, ticket or epic where the work is tracked.")
    addresses: OpportunityTargets | None = None


class OpportunityNote(DataModel):
    """An opportunity written as plain text in a stage: no owner, no status."""

    shorthand: ClassVar[str | None] = "text"

    text: Text

    def __str__(self) -> str:
        return self.text


class OpportunityReference(DataModel):
    """An opportunity defined elsewhere (in `opportunities.yml` or another stage), named by its id."""

    opportunity: Slug = Field(description="The opportunity's id.")


def _opportunity_form(value: Any) -> str:
    """Which of the three forms a stage's opportunity is written in; plain text was made `{text: …}` before."""
    if isinstance(value, dict):
        if "opportunity" in value:
            return "opportunity reference"
        if "text" in value and "id" not in value:
            return "opportunity text"
        return "opportunity definition"
    if isinstance(value, BaseModel):
        return {
            OpportunityNote: "opportunity text",
            OpportunityReference: "opportunity reference",
            Opportunity: "opportunity definition",
        }.get(type(value), "opportunity definition")
    return "opportunity text"


StageOpportunity = Annotated[
    Annotated[OpportunityNote, Tag("opportunity text")]
    | Annotated[OpportunityReference, Tag("opportunity reference")]
    | Annotated[Opportunity, Tag("opportunity definition")],
    Discriminator(_opportunity_form),
]
"""Tags are written into error locations by pydantic; `validation.py` takes them out again (they hold a space, so
they are never a key of the model)."""

StageOpportunities = Annotated[
    list[StageOpportunity], entries(OpportunityNote, Text, OpportunityReference | Opportunity)
]


class OpportunitiesFile(DataModel):
    """`journeys/opportunities.yml`: opportunities defined once, which stages name by id."""

    opportunities: list[Opportunity] = Field(min_length=1)


# --- the parts of a journey stage -------------------------------------------------------------------------------


class Competitor(DataModel):
    """Another company the customer considers at this stage."""

    shorthand: ClassVar[str | None] = "name"

    name: Name
    note: Text | None = Field(None, description="Why customers look at them here, or what they do better.")
    url: Url | None = None


class BlueprintAction(DataModel):
    """A step staff take for the customer in this stage (a service blueprint lane)."""

    shorthand: ClassVar[str | None] = "action"

    action: Text = Field(description="What is done, e.g. `Reception checks the guest in`.")
    owner: Name | None = Field(None, description="The team or role that does it.")


SupportKind = Literal["process", "system"]


class SupportItem(DataModel):
    """A process or system that makes the stage work, out of the customer's sight."""

    shorthand: ClassVar[str | None] = "name"

    name: Name = Field(description="E.g. `Property management system` or `Nightly rate update`.")
    kind: Annotated[SupportKind, keyword(SupportKind)] | None = Field(None, description="A process or a system.")
    owner: Name | None = Field(None, description="The team that runs it.")


class StagePath(DataModel):
    """One of the alternative ways customers go through a stage (a fork), with its own touchpoints."""

    id: Slug = Field(description="An id for the path, unique in this stage, e.g. `online-travel-agency`.")
    name: Name = Field(description="E.g. `Books through an online travel agency`.")
    summary: Text | None = None
    touchpoints: Moments = Field(default_factory=list, description=MOMENTS_DESCRIPTION)
    entering: Count | None = Field(None, description="How many customers take this path (for the funnel).")


class LoopBack(DataModel):
    """After this stage, some customers go back to an earlier stage of the same journey (or repeat this one)."""

    shorthand: ClassVar[str | None] = "to"

    to: Slug = Field(description="The stage id they go back to: this stage or an earlier one of this journey.")
    when: Text | None = Field(None, description="What makes them go back, e.g. `Books the next stay`.")


class Continuation(DataModel):
    """After this stage, customers go on in another journey."""

    shorthand: ClassVar[str | None] = "journey"

    journey: Slug = Field(description="The id of the journey they continue in.")
    stage: Slug | None = Field(None, description="The stage of that journey they join; its first stage by default.")
    when: Text | None = Field(None, description="What takes them there, e.g. `Joins the loyalty programme`.")


class PersonaMoment(DataModel):
    """How one of the journey's personas lives a stage, when the personas of a journey differ."""

    emotion: EmotionField = Field(None, description=EMOTION_DESCRIPTION)
    pain_points: PainPoints = Field(default_factory=list, description="This persona's own pain points here.")
    delights: Insights = Field(default_factory=list)
    quotes: Quotes = Field(default_factory=list)


InsightKind = Literal["emotion", "pain point", "delight", "quote", "KPI", "share"]


def _insights_of(
    holder: JourneyStep | TouchpointMoment | PersonaMoment,
    at: tuple[str | int, ...],
    touchpoint: str | None = None,
    persona: str | None = None,
    path: str | None = None,
) -> Iterator[StageInsight]:
    if holder.emotion is not None:
        yield StageInsight("emotion", holder.emotion, (*at, "emotion"), touchpoint, persona, path)
    lists: list[tuple[InsightKind, str, list[Any]]] = [
        ("pain point", "pain_points", holder.pain_points),
        ("delight", "delights", holder.delights),
        ("quote", "quotes", holder.quotes),
    ]
    if not isinstance(holder, PersonaMoment):
        lists.append(("KPI", "kpis", holder.kpis))
    for kind, key, items in lists:
        for index, item in enumerate(items):
            yield StageInsight(kind, item, (*at, key, index), touchpoint, persona, path)


def _moment_insights(moment: TouchpointMoment, at: tuple[str | int, ...], path: str | None) -> Iterator[StageInsight]:
    yield from _insights_of(moment, at, moment.touchpoint, path=path)
    if moment.share is not None:
        yield StageInsight("share", moment, (*at, "share"), moment.touchpoint, path=path)


class JourneyStep(DataModel):
    """What one journey's personas do, think and feel in one stage."""

    stage: Slug = Field(description="The stage id from `stages.yml`.")
    summary: Text | None = None
    actions: TextList = Field(default_factory=list, description="What the customer does.")
    questions: TextList = Field(default_factory=list, description="What the customer asks or thinks.")
    decision: Text | None = Field(None, description="The micro-conversion that moves them to the next stage.")
    touchpoints: Moments = Field(default_factory=list, description=MOMENTS_DESCRIPTION)
    paths: list[StagePath] = Field(
        default_factory=list,
        min_length=2,
        description="Alternative ways through this stage (a fork, so two or more), each with its own touchpoints and "
        "count.",
    )
    emotion: EmotionField = Field(None, description=EMOTION_DESCRIPTION)
    by_persona: dict[Slug, PersonaMoment] = Field(
        default_factory=dict,
        json_schema_extra={"additionalProperties": False},  # keys are persona ids, as the loader checks
        description="Per persona id of this journey: their own emotion, pain points, delights and quotes here.",
    )
    pain_points: PainPoints = Field(
        default_factory=list,
        description="Friction the customer meets here: text, or `{text, id, sources, confidence}` to give it an id "
        "(for opportunities) or cite research.",
    )
    delights: Insights = Field(default_factory=list, description="What customers enjoy here: the positive moments.")
    quotes: Quotes = Field(default_factory=list, description="What customers said here, verbatim.")
    opportunities: StageOpportunities = Field(
        default_factory=list,
        description="Plain text, `{opportunity: id}` for one defined elsewhere, or a definition `{id, title, …}`.",
    )
    competitors: Annotated[list[Competitor], entries(Competitor, Name)] = Field(
        default_factory=list, description="Other companies customers consider here."
    )
    kpis: list[Kpi] = Field(default_factory=list, description="What is measured in this stage.")
    entering: Count | None = Field(None, description="How many customers enter this stage (for the funnel).")
    frontstage: Annotated[list[BlueprintAction], entries(BlueprintAction, Text)] = Field(
        default_factory=list, description="What staff do in front of the customer (service blueprint)."
    )
    backstage: Annotated[list[BlueprintAction], entries(BlueprintAction, Text)] = Field(
        default_factory=list, description="What staff do out of the customer's sight (service blueprint)."
    )
    support: Annotated[list[SupportItem], entries(SupportItem, Name)] = Field(
        default_factory=list, description="Processes and systems that support the stage (service blueprint)."
    )
    loops_back: Annotated[list[LoopBack], entries(LoopBack, Slug)] = Field(
        default_factory=list, description="Where customers go back to after this stage: a stage id, or `{to, when}`."
    )
    continues_into: Annotated[list[Continuation], entries(Continuation, Slug)] = Field(
        default_factory=list,
        description="Journeys customers go on in after this stage: a journey id, or `{journey, stage, when}`.",
    )
    content: StageContent | None = None

    @property
    def touchpoint_ids(self) -> list[str]:
        """Every touchpoint used in the stage, its own and its paths', once each, in the order written."""
        ids = [moment.touchpoint for moment in self.touchpoints]
        ids += [moment.touchpoint for path in self.paths for moment in path.touchpoints]
        return list(dict.fromkeys(ids))

    @property
    def counted(self) -> int | None:
        """Customers entering the stage: `entering`, or the sum of its paths' counts when every path has one."""
        if self.entering is not None:
            return self.entering
        if self.paths and all(path.entering is not None for path in self.paths):
            return sum(path.entering or 0 for path in self.paths)
        return None

    @property
    def has_blueprint(self) -> bool:
        return bool(self.frontstage or self.backstage or self.support)

    @cached_property
    def insights(self) -> tuple[StageInsight, ...]:
        """Everything recorded here that may cite research, wherever it is written in the stage: its own, each
        touchpoint's (paths' too) and each persona's. Worked out once per stage: the checks between files, the view
        and the pages all ask."""
        found = list(_insights_of(self, ()))
        for index, moment in enumerate(self.touchpoints):
            found += _moment_insights(moment, ("touchpoints", index), None)
        for number, path in enumerate(self.paths):
            for index, moment in enumerate(path.touchpoints):
                found += _moment_insights(moment, ("paths", number, "touchpoints", index), path.id)
        for persona_id, lived in self.by_persona.items():
            found += _insights_of(lived, ("by_persona", persona_id), persona=persona_id)
        return tuple(found)


@dataclass(frozen=True)
class StageInsight:
    """One thing the team recorded about a stage that may rest on research: an emotion, a pain point, a delight, a
    quote, a KPI or a touchpoint's share, with where it is written (`location`, below the stage) and what it is
    about (a touchpoint, a persona, a path)."""

    kind: InsightKind
    item: Emotion | PainPoint | Insight | Quote | Kpi | TouchpointMoment
    location: tuple[str | int, ...]
    touchpoint: str | None = None
    persona: str | None = None
    path: str | None = None

    @property
    def evidence(self) -> EvidenceLevel:
        return evidence_level(self.item.sources, self.item.confidence)

    @property
    def text(self) -> str:
        """What the insight says, in a few words (for lists of what a source supports)."""
        item = self.item
        if isinstance(item, Emotion):
            return f"{item.label} ({item.score:+d})".replace("(+0)", "(0)") + (f": {item.note}" if item.note else "")
        if isinstance(item, Kpi):
            return item.name
        if isinstance(item, TouchpointMoment):
            share = percent(item.share, 0)
            return f"{share} of {item.share_of}" if item.share_of else f"a share of {share}"
        return item.text


JourneyState = Literal["current", "future"]


class Journey(DataModel):
    """`journeys/<id>.yml` (or `journeys/<id>/journey.yml`): personas going through ordered stages."""

    id: SkipJsonSchema[Slug] = Field(description="Taken from the file or folder name.")
    name: Name
    personas: SlugList = Field(min_length=1, description="Persona ids taking this journey.")
    summary: Text | None = None
    owner: Name | None = Field(None, description="The team that maintains this journey map.")
    state: Annotated[JourneyState, keyword(JourneyState)] | None = Field(
        None,
        description="`current` (as customers live it today, the default) or `future` (the improved journey the team "
        "is building).",
    )
    improves: Slug | None = Field(
        None,
        description="For a future journey: the id of the current journey it improves (a comparison page shows both).",
    )
    sources: Sources = Field(default_factory=list, description="Ids of the research sources this map is built from.")
    stages: list[JourneyStep] = Field(min_length=1, description="The stages, in the order of `stages.yml`.")

    @property
    def is_future(self) -> bool:
        """A journey that improves another is a future one, whether or not it says `state: future`."""
        return self.state == "future" or self.improves is not None

    @property
    def current_state(self) -> JourneyState:
        """`future` for a future journey; every other journey describes how customers live it today."""
        return "future" if self.is_future else "current"
