"""Checks that span files: every id refers to something, stage order is respected, nothing is left unused.

Runs only once every file is valid on its own, so it can rely on the typed model.
"""

from __future__ import annotations

from collections.abc import Iterator

from mkdocs_journeys.data.catalog import Catalog, Origin
from mkdocs_journeys.data.diagnostics import Diagnostic, Severity
from mkdocs_journeys.data.formats import format_registry
from mkdocs_journeys.data.kinds import CONTENT_FILE, ENTITY_KINDS, STAGES_FILE
from mkdocs_journeys.data.layout import DataLayout
from mkdocs_journeys.data.model import FormatChanges
from mkdocs_journeys.data.nearest import Names
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
        self._names: dict[str, Names] = {}  # indexed for 'did you mean' when a first id of the kind is unknown

    def is_unknown(self, kind: str, entity_id: str) -> bool:
        return kind not in self.unavailable and entity_id not in self._ids[kind]

    def ids(self, kind: str) -> frozenset[str]:
        return self._ids[kind]

    def unknown(self, origin: Origin, location: PathKey, kind: str, value: str) -> Diagnostic:
        """`unknown-<kind>`, with the nearest known ids and where ids of that kind are defined."""
        names = self._names.get(kind)
        if names is None:
            names = self._names[kind] = Names(self._ids[kind])
        hint = names.did_you_mean(value, kind=f"{kind} ids")
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
    """`include`/`exclude` must name known content formats (errors: a typo would silently change suggestions).

    An asset's `format` may be a team's own, but one a letter or two away from a known format is likely a typo
    (a warning: the asset then never counts as that format being published).
    """
    known = Names(format_registry(catalog))
    known_ids = frozenset(known.pool)
    content_shown = layout.shown(CONTENT_FILE)

    def changes_at(origin: Origin, location: PathKey, changes: FormatChanges | None) -> Iterator[Diagnostic]:
        for key in ("include", "exclude"):
            for index, format_id in enumerate(getattr(changes, key) if changes else ()):
                if format_id not in known_ids:
                    yield origin.source.diagnostic(
                        (*origin.location, *location, key, index),
                        "unknown-content-format",
                        f"unknown content format '{format_id}'",
                        f"{known.did_you_mean(format_id, kind='content format ids')} (formats are built in, "
                        f"or defined under `formats:` in `library:` of {content_shown}, a stage or a journey)",
                    )

    content_origin = next((catalog.origin("content", a) for a in catalog.content), None)
    if content_origin is not None:
        content_file = Origin(content_origin.source)
        for stage_type, changes in catalog.library.items():
            yield from changes_at(content_file, ("library", stage_type), changes)
    for stage in catalog.stages.values():
        yield from changes_at(_origin(catalog, "stage", stage.id), ("content_formats",), stage.content_formats)
    for journey in catalog.journeys.values():
        origin = _origin(catalog, "journey", journey.id)
        for index, step in enumerate(journey.stages):
            formats = step.content.formats if step.content else None
            yield from changes_at(origin, ("stages", index, "content", "formats"), formats)
    for asset in catalog.content.values():
        near = known.nearest(asset.format, 1, cutoff=0.85, containing=False) if asset.format not in known_ids else []
        if near:
            yield _origin(catalog, "content", asset.id).source.diagnostic(
                (*_origin(catalog, "content", asset.id).location, "format"),
                "unknown-content-format",
                f"content format '{asset.format}' is not a known format",
                f"did you mean '{near[0]}'? (a team's own format is fine; define it under `library:` to have it "
                "suggested)",
                Severity.WARNING,
            )


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
