"""Which content formats can serve one persona at a stage: the library, narrowed to the business, with each team's
changes applied.

The built-in library (`data/formats.py`) is the product's own marketing knowledge, written as data; a team adds and
redefines formats under `formats:` in `journeys/content.yml`. A format can serve a persona at a stage when
- its `stages` include the stage's type (`Stage.stage_type`: declared, or its id when that is a common stage name);
- its `industries` are empty (any business) or include the persona's industry;
- its `audience` is `any` or the persona's (consumers or businesses, from the business model).
The business is the site's (`business:` in `content.yml`), where the persona does not declare its own. With nothing
declared, only formats for any business and any audience remain: no software format reaches a hotel's guests
because nobody said what the business is.

A team then changes the list at three levels, each applied on top of the one before (see `FormatChanges`):

1. site: `library:` in `content.yml`, per common stage type;
2. stage: `content_formats:` on a stage in `stages.yml`;
3. journey stage: `content: {formats: …}` on one stage of one journey.

Formats named at a level are the team's explicit choice and are kept whatever their industries. Formats listed
under `exclude:` in `content.yml` are never suggested. Everything here is pure: catalog in, ordered formats out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.formats import BUILTIN_FORMATS, BUILTIN_INDUSTRIES
from mkdocs_journeys.data.model import (
    Audience,
    Business,
    ContentFormat,
    FormatChanges,
    Industry,
    JourneyStep,
    Persona,
    Stage,
)

_BUILTIN = {f.id: f for f in BUILTIN_FORMATS}
_BUILTIN_INDUSTRY_IDS = frozenset(industry.id for industry in BUILTIN_INDUSTRIES)


@dataclass(frozen=True)
class BusinessContext:
    """The business as one persona meets it: its industry (None: not declared) and whom it serves."""

    industry: Industry | None = None
    audience: Audience | None = None

    def fits(self, content_format: ContentFormat) -> bool:
        """Whether the format is published by this kind of business for this kind of customer."""
        industry_fits = not content_format.industries or (
            self.industry is not None and self.industry.id in content_format.industries
        )
        audience_fits = content_format.audience == "any" or content_format.audience == self.audience
        return industry_fits and audience_fits

    def worded(self, content_format: ContentFormat) -> ContentFormat:
        """The format in the industry's own words (a hotel's booking confirmation), unless the team wrote its own
        definition of it: a built-in preset only rewords built-in formats."""
        if self.industry is None:
            return content_format
        wording = self.industry.wording.get(content_format.id)
        own_industry = self.industry.id not in _BUILTIN_INDUSTRY_IDS
        if wording is None or (_BUILTIN.get(content_format.id) is not content_format and not own_industry):
            return content_format
        changes = {key: value for key, value in (("name", wording.name), ("purpose", wording.purpose)) if value}
        return content_format.model_copy(update=changes)


def business_context(catalog: Catalog, industries: Mapping[str, Industry], persona: Persona | None) -> BusinessContext:
    """The site's business, with what the persona declares for itself taking precedence key by key."""
    site = catalog.business or Business()
    own = persona.business if persona and persona.business else Business()
    industry_id = own.industry or site.industry
    model = own.model or site.model
    return BusinessContext(
        industries.get(industry_id) if industry_id else None, Business(model=model).audience if model else None
    )


def library_formats(catalog: Catalog) -> list[ContentFormat]:
    """The site's library: the built-in formats, redefined or extended by `formats:` in `content.yml`, in order."""
    formats = dict(_BUILTIN)
    for content_format in catalog.formats:
        formats[content_format.id] = content_format
    return list(formats.values())


def formats_for(
    catalog: Catalog,
    registry: Mapping[str, ContentFormat],
    stage: Stage,
    step: JourneyStep | None = None,
    business: BusinessContext | None = None,
) -> list[ContentFormat]:
    """The formats that can serve a customer of `business` at `stage` (in `step` of a journey, when given), after
    every level's changes, in the industry's words; `registry` is every known format (`data.formats.format_registry`).
    """
    context = business or BusinessContext()
    stage_type = stage.stage_type
    formats = [f for f in library_formats(catalog) if stage_type in f.stages and context.fits(f)]
    levels = [
        catalog.library.get(stage_type) if stage_type else None,
        stage.content_formats,
        step.content.formats if step and step.content else None,
    ]
    for changes in levels:
        if changes is not None:
            formats = apply_changes(formats, changes, registry)
    excluded = set(catalog.excluded_formats)
    return [context.worded(f) for f in formats if f.id not in excluded]


def apply_changes(
    formats: list[ContentFormat], changes: FormatChanges, registry: Mapping[str, ContentFormat]
) -> list[ContentFormat]:
    """One level's changes: `replace` empties the list, `formats` redefine in place or append, `include` appends
    known formats not yet present, `exclude` removes. Unknown ids are left out (validation reports them)."""
    result = [] if changes.replace else list(formats)
    for definition in changes.formats:
        position = next((i for i, f in enumerate(result) if f.id == definition.id), None)
        if position is None:
            result.append(definition)
        else:
            result[position] = definition
    for format_id in changes.include:
        if format_id in registry and all(f.id != format_id for f in result):
            result.append(registry[format_id])
    excluded = set(changes.exclude)
    return [f for f in result if f.id not in excluded]


def format_name(registry: Mapping[str, ContentFormat], format_id: str) -> str:
    """The name of a format for display; an unknown id becomes words: `white-paper` → `White paper`."""
    known = registry.get(format_id)
    return known.name if known else format_id.replace("-", " ").capitalize()
