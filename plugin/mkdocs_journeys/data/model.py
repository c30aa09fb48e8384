"""The journey data model: what teams write in YAML, as typed classes.

These classes are the single source of truth for the file format. Validation (`validation.py`), the JSON Schema
that editors use (`schema.py`) and the YAML reference in the user guide are all derived from them, so they
cannot drift apart. Field descriptions are written for the people who edit the YAML: editors show them on hover.

References between files are ids (URL-safe slugs); `references.py` checks them once every file is loaded.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints
from pydantic.json_schema import SkipJsonSchema

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


def _check_url(value: str) -> str:
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


# --- content formats (the built-in library in `formats.py`, and each team's changes to it) -------------------


class ContentFormat(DataModel):
    """A kind of content (blog post, comparison guide, webinar, …) and what it does for the customer at a stage."""

    id: Slug
    name: Name = Field(description="What marketers call it, e.g. `Comparison guide`.")
    purpose: Text = Field(description="What it does for the customer at this stage, in one sentence.")
    channels: SlugList = Field(
        default_factory=list, description="Channel ids where this format is published, most usual first."
    )
    keywords: KeywordList = Field(
        default_factory=list,
        description="Words or phrases that mark a question or pain point this format answers, e.g. `how much`; "
        "`fee` also matches `fees`, and a trailing `*` matches any ending: `compar*` (compare, comparison).",
    )
    catch_all: Flag = Field(
        False, description="Also answers the questions that no other format of the stage matches (an FAQ)."
    )


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


class Survey(DataModel):
    """A satisfaction survey asked at a touchpoint."""

    name: Name | None = Field(None, description="E.g. `Post-call CSAT`.")
    scale: Text | None = Field(None, description="How answers are given, e.g. `1-5 stars` or `NPS 0-10`.")
    questions: TextList = Field(min_length=1, description="The questions, in the order asked.")


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
    age_range: Name | None = Field(None, description="E.g. `35-44`.")
    location: Name | None = None
    status: Name | None = Field(None, description="Family or professional status.")
    socio_professional_category: Name | None = None


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
    picture: Url | None = Field(
        None, description="An image URL, or a path in the docs folder, e.g. `images/personas/ana.jpg`."
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
    """`journeys/content.yml`: the content inventory."""

    assets: list[ContentAsset] = Field(default_factory=list)
    library: dict[StageType, FormatChanges] = Field(
        default_factory=dict,
        description="Changes to the built-in content formats, per common stage type (e.g. `consideration:`).",
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

    @property
    def label(self) -> str:
        return EMOTION_SCALE[self.score]


class Kpi(DataModel):
    """A key performance indicator measured at a stage."""

    name: Name
    target: Number | None = None
    actual: Number | None = None
    unit: Name | None = Field(None, description="E.g. `%`, `visits`, `days`.")
    higher_is_better: Flag = Field(True, description="False for KPIs such as cost or time to resolve.")


class StageContent(DataModel):
    existing: SlugList = Field(default_factory=list, description="Ids of assets in `content.yml` used here.")
    wishes: TextList = Field(default_factory=list, description="Content the team would like to have here.")
    formats: FormatChanges | None = Field(
        None, description="Changes to the content formats suggested in this stage of this journey only."
    )


class JourneyStep(DataModel):
    """What one journey's personas do, think and feel in one stage."""

    stage: Slug = Field(description="The stage id from `stages.yml`.")
    summary: Text | None = None
    actions: TextList = Field(default_factory=list, description="What the customer does.")
    questions: TextList = Field(default_factory=list, description="What the customer asks or thinks.")
    decision: Text | None = Field(None, description="The micro-conversion that moves them to the next stage.")
    touchpoints: SlugList = Field(default_factory=list, description="Touchpoint ids used in this stage.")
    emotion: (
        Annotated[Emotion, BeforeValidator(_emotion_shorthand, json_schema_input_type=EmotionScore | Emotion)] | None
    ) = Field(None, description="A score from -2 (frustrated) to +2 (delighted), or `{score, note}`.")
    pain_points: TextList = Field(default_factory=list)
    opportunities: TextList = Field(default_factory=list)
    kpis: list[Kpi] = Field(default_factory=list)
    entering: Count | None = Field(None, description="How many customers enter this stage (for the funnel).")
    content: StageContent | None = None


class Journey(DataModel):
    """`journeys/<id>.yml` (or `journeys/<id>/journey.yml`): personas going through ordered stages."""

    id: SkipJsonSchema[Slug] = Field(description="Taken from the file or folder name.")
    name: Name
    personas: SlugList = Field(min_length=1, description="Persona ids taking this journey.")
    summary: Text | None = None
    owner: Name | None = Field(None, description="The team that maintains this journey map.")
    stages: list[JourneyStep] = Field(min_length=1, description="The stages, in the order of `stages.yml`.")
