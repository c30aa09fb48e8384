"""Checks that span files: every id refers to something, stage order is respected, nothing is left unused.

Runs only once every file is valid on its own, so it can rely on the typed model.
"""

from __future__ import annotations

from collections.abc import Iterator

from mkdocs_journeys.data.catalog import Catalog, Origin
from mkdocs_journeys.data.diagnostics import Diagnostic, Severity
from mkdocs_journeys.data.formats import format_registry, industry_registry
from mkdocs_journeys.data.kinds import CONTENT_FILE, ENTITY_KINDS, STAGES_FILE
from mkdocs_journeys.data.layout import DataLayout
from mkdocs_journeys.data.model import Business, ContentFormat, FormatChanges
from mkdocs_journeys.data.nearest import did_you_mean
from mkdocs_journeys.data.view import JourneyMap
from mkdocs_journeys.data.yaml_source import PathKey


def check_references(
    catalog: Catalog,
    layout: DataLayout,
    *,
    broken: frozenset[tuple[str, str]] = frozenset(),
    unavailable: frozenset[str] = frozenset(),
) -> list[Diagnostic]:
    """`broken` names entities whose own file has errors: they exist, so references to them are not unknown.

    `unavailable` names kinds whose definitions file is missing or unreadable (reported on its own): references to
    them cannot be checked, and reporting every one as unknown would bury the one problem under many.
    """
    known = _Known(catalog, layout, broken, unavailable)
    return [
        *_touchpoint_references(catalog, known),
        *_persona_references(catalog, known),
        *_journey_references(catalog, known),
        *_content_references(catalog, known),
        *_content_format_references(catalog, layout),
        *_business_references(catalog, layout, known),
    ]


def check_unused(journey_map: JourneyMap) -> list[Diagnostic]:
    """Warnings, only meaningful once every reference resolves (before that they are noise)."""
    return list(_unused(journey_map))


class _Known:
    """The ids each reference may name: defined ones and broken ones, gathered once, since the catalog does not change
    while it is checked (a thousand journeys make tens of thousands of lookups)."""

    def __init__(
        self, catalog: Catalog, layout: DataLayout, broken: frozenset[tuple[str, str]], unavailable: frozenset[str]
    ) -> None:
        self.layout = layout
        self.unavailable = unavailable
        self._ids = {
            name: frozenset(catalog.collection(kind)) | {entity_id for of, entity_id in broken if of == name}
            for name, kind in ENTITY_KINDS.items()
        }

    def is_unknown(self, kind: str, entity_id: str) -> bool:
        return kind not in self.unavailable and entity_id not in self._ids[kind]

    def ids(self, kind: str) -> frozenset[str]:
        return self._ids[kind]

    def unknown(self, origin: Origin, location: PathKey, kind: str, value: str) -> Diagnostic:
        """`unknown-<kind>`, with the nearest known ids and where ids of that kind are defined."""
        hint = did_you_mean(value, self._ids[kind], kind=f"{kind} ids")
        return origin.source.diagnostic(
            (*origin.location, *location),
            f"unknown-{kind}",
            f"unknown {kind} '{value}'",
            f"{hint} ({kind}s are defined in {self.layout.where_defined(ENTITY_KINDS[kind])})",
        )


def _listed(origin: Origin, location: PathKey, kind: str, values: list[str], known: _Known) -> Iterator[Diagnostic]:
    """Unknown and repeated ids in one list of references."""
    seen: set[str] = set()
    for index, value in enumerate(values):
        if known.is_unknown(kind, value):
            yield known.unknown(origin, (*location, index), kind, value)
        elif value in seen:
            yield origin.source.diagnostic(
                (*origin.location, *location, index),
                "repeated-reference",
                f"{kind} '{value}' is listed twice",
                "remove the second one",
            )
        seen.add(value)


def _origin(catalog: Catalog, kind: str, entity_id: str) -> Origin:
    origin = catalog.origin(kind, entity_id)
    assert origin is not None, f"{kind} {entity_id} was added without its origin"
    return origin


def _touchpoint_references(catalog: Catalog, known: _Known) -> Iterator[Diagnostic]:
    for touchpoint in catalog.touchpoints.values():
        if known.is_unknown("channel", touchpoint.channel):
            origin = _origin(catalog, "touchpoint", touchpoint.id)
            yield known.unknown(origin, ("channel",), "channel", touchpoint.channel)


def _persona_references(catalog: Catalog, known: _Known) -> Iterator[Diagnostic]:
    for persona in catalog.personas.values():
        origin = _origin(catalog, "persona", persona.id)
        yield from _listed(origin, ("preferred_channels",), "channel", persona.preferred_channels, known)


def _journey_references(catalog: Catalog, known: _Known) -> Iterator[Diagnostic]:
    stage_order = {stage_id: position for position, stage_id in enumerate(catalog.stages)}
    stages_file = known.layout.path(STAGES_FILE).name
    for journey in catalog.journeys.values():
        origin = _origin(catalog, "journey", journey.id)
        yield from _listed(origin, ("personas",), "persona", journey.personas, known)
        seen: dict[str, int] = {}
        previous: tuple[int, str] | None = None
        for index, step in enumerate(journey.stages):
            here = ("stages", index)
            yield from _listed(origin, (*here, "touchpoints"), "touchpoint", step.touchpoints, known)
            if step.content:
                yield from _listed(origin, (*here, "content", "existing"), "content", step.content.existing, known)
            if known.is_unknown("stage", step.stage):
                yield known.unknown(origin, (*here, "stage"), "stage", step.stage)
                continue
            if step.stage in seen:
                yield origin.source.diagnostic(
                    (*origin.location, *here, "stage"),
                    "repeated-stage",
                    f"stage '{step.stage}' appears twice in this journey (first as stage {seen[step.stage] + 1})",
                    "merge the two entries: a journey goes through each stage once",
                )
                continue
            seen[step.stage] = index
            if step.stage not in stage_order:
                continue  # defined, but its definition has errors: no order to check against
            position = stage_order[step.stage]
            if previous is not None and position < previous[0]:
                expected = ", ".join(s for s in catalog.stages if s in seen or s == step.stage)
                yield origin.source.diagnostic(
                    (*origin.location, *here, "stage"),
                    "stage-order",
                    f"stage '{step.stage}' comes after '{previous[1]}' here, but before it in {stages_file}",
                    f"list this journey's stages in the shared order: {expected}",
                )
            else:
                previous = (position, step.stage)


def _content_references(catalog: Catalog, known: _Known) -> Iterator[Diagnostic]:
    for asset in catalog.content.values():
        origin = _origin(catalog, "content", asset.id)
        yield from _listed(origin, ("stages",), "stage", asset.stages, known)
        yield from _listed(origin, ("personas",), "persona", asset.personas, known)


def _content_format_references(catalog: Catalog, layout: DataLayout) -> Iterator[Diagnostic]:
    """Every format id named anywhere (`include`, `exclude`, an asset's `format`) must be a known format: a typo
    would silently change suggestions and coverage. A team's own format is known once it is defined (`formats:` in
    content.yml, or at a level of the library)."""
    known = sorted(format_registry(catalog))
    content_shown = layout.shown(CONTENT_FILE)
    where = (
        f"(formats are built in, or defined under `formats:` in {content_shown}; `mkdocs-journeys suggest PERSONA STAGE "
        "--explain` lists them)"
    )

    def unknown_format(origin: Origin, location: PathKey, format_id: str) -> Diagnostic:
        return origin.source.diagnostic(
            (*origin.location, *location),
            "unknown-content-format",
            f"unknown content format '{format_id}'",
            f"{did_you_mean(format_id, known, kind='content format ids')} {where}",
        )

    def changes_at(origin: Origin, location: PathKey, changes: FormatChanges | None) -> Iterator[Diagnostic]:
        for key in ("include", "exclude"):
            for index, format_id in enumerate(getattr(changes, key) if changes else ()):
                if format_id not in known:
                    yield unknown_format(origin, (*location, key, index), format_id)

    content_source = catalog.sources.get(CONTENT_FILE.schema)
    if content_source is not None:
        content_file = Origin(content_source)
        for stage_type, changes in catalog.library.items():
            yield from changes_at(content_file, ("library", stage_type), changes)
        for index, format_id in enumerate(catalog.excluded_formats):
            if format_id not in known:
                yield unknown_format(content_file, ("exclude", index), format_id)
    for stage in catalog.stages.values():
        yield from changes_at(_origin(catalog, "stage", stage.id), ("content_formats",), stage.content_formats)
    for journey in catalog.journeys.values():
        origin = _origin(catalog, "journey", journey.id)
        for index, step in enumerate(journey.stages):
            formats = step.content.formats if step.content else None
            yield from changes_at(origin, ("stages", index, "content", "formats"), formats)
    for asset in catalog.content.values():
        if asset.format not in known:
            yield unknown_format(_origin(catalog, "content", asset.id), ("format",), asset.format)


def _business_references(catalog: Catalog, layout: DataLayout, known: _Known) -> Iterator[Diagnostic]:
    """Industries named by the business (the site's, a persona's) and by the team's formats must be known, and the
    team's formats and industries must name known channels and formats: a typo would quietly change which formats
    a persona is offered."""
    industries = sorted(industry_registry(catalog))
    formats = sorted(format_registry(catalog))
    content_shown = layout.shown(CONTENT_FILE)

    def industry(origin: Origin, location: PathKey, industry_id: str | None) -> Iterator[Diagnostic]:
        if industry_id is not None and industry_id not in industries:
            yield origin.source.diagnostic(
                (*origin.location, *location),
                "unknown-industry",
                f"unknown industry '{industry_id}'",
                f"{did_you_mean(industry_id, industries, kind='industry ids')} (industries are built in, or added "
                f"under `industries:` in {content_shown})",
            )

    def business(origin: Origin, location: PathKey, declared: Business | None) -> Iterator[Diagnostic]:
        if declared is not None:
            yield from industry(origin, (*location, "industry"), declared.industry)

    def format_definition(origin: Origin, location: PathKey, content_format: ContentFormat) -> Iterator[Diagnostic]:
        for index, industry_id in enumerate(content_format.industries):
            yield from industry(origin, (*location, "industries", index), industry_id)
        for index, channel_id in enumerate(content_format.channels):
            if known.is_unknown("channel", channel_id):
                yield known.unknown(origin, (*location, "channels", index), "channel", channel_id)

    content_source = catalog.sources.get(CONTENT_FILE.schema)
    if content_source is not None:
        content_file = Origin(content_source)
        yield from business(content_file, ("business",), catalog.business)
        for index, content_format in enumerate(catalog.formats):
            yield from format_definition(content_file, ("formats", index), content_format)
        for stage_type, changes in catalog.library.items():
            for index, content_format in enumerate(changes.formats):
                yield from format_definition(content_file, ("library", stage_type, "formats", index), content_format)
        for index, added in enumerate(catalog.industries):
            for format_id in added.wording:
                if format_id not in formats:
                    yield content_file.source.diagnostic(
                        ("industries", index, "wording", format_id),
                        "unknown-content-format",
                        f"unknown content format '{format_id}'",
                        did_you_mean(format_id, formats, kind="content format ids"),
                        prefer_key=True,
                    )
    for persona in catalog.personas.values():
        yield from business(_origin(catalog, "persona", persona.id), ("business",), persona.business)
    for stage in catalog.stages.values():
        for index, content_format in enumerate(stage.content_formats.formats if stage.content_formats else ()):
            origin = _origin(catalog, "stage", stage.id)
            yield from format_definition(origin, ("content_formats", "formats", index), content_format)
    for journey in catalog.journeys.values():
        for step_index, step in enumerate(journey.stages):
            defined = step.content.formats.formats if step.content and step.content.formats else ()
            for index, content_format in enumerate(defined):
                location = ("stages", step_index, "content", "formats", "formats", index)
                yield from format_definition(_origin(catalog, "journey", journey.id), location, content_format)


def _unused(journey_map: JourneyMap) -> Iterator[Diagnostic]:
    """Warnings, not errors: a persona without a journey yet is normal while a team is still mapping."""
    catalog = journey_map.catalog
    for persona_id in catalog.personas:
        if not journey_map.journeys_of_persona(persona_id):
            yield _origin(catalog, "persona", persona_id).source.diagnostic(
                (),
                "unused-persona",
                f"persona '{persona_id}' takes no journey",
                "add it to a journey's `personas:`, or remove the file if the persona is retired",
                Severity.WARNING,
            )
    for touchpoint_id in catalog.touchpoints:
        if not journey_map.uses_of_touchpoint(touchpoint_id):
            origin = _origin(catalog, "touchpoint", touchpoint_id)
            yield origin.source.diagnostic(
                (*origin.location, "id"),
                "unused-touchpoint",
                f"touchpoint '{touchpoint_id}' is used in no journey stage",
                "add it to a stage's `touchpoints:` in a journey, or remove it",
                Severity.WARNING,
            )
