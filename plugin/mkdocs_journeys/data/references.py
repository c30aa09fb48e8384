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
from mkdocs_journeys.data.model import (
    Business,
    ContentFormat,
    Continuation,
    FormatChanges,
    Journey,
    JourneyStep,
    OpportunityReference,
    PainPoint,
    Quote,
)
from mkdocs_journeys.data.nearest import Names, did_you_mean
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
        *_journey_links(catalog, known),
        *_evidence_references(catalog, known),
        *_opportunity_references(catalog, known),
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
        # A journey with errors may hide pain point ids: none is called unknown until it is fixed.
        self.journeys_broken = any(kind == "journey" for kind, _ in broken)
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
            f"{hint} ({ENTITY_KINDS[kind].plural} are defined in {self.layout.where_defined(ENTITY_KINDS[kind])})",
        )


def _listed(
    origin: Origin, location: PathKey, kind: str, values: list[str], known: _Known, key: str | None = None
) -> Iterator[Diagnostic]:
    """Unknown and repeated ids in one list of references; `key` names the id in entries that are mappings
    (`touchpoints: [{touchpoint: blog, …}]`)."""
    seen: set[str] = set()
    for index, value in enumerate(values):
        at = (*location, index, key) if key else (*location, index)
        if known.is_unknown(kind, value):
            yield known.unknown(origin, at, kind, value)
        elif value in seen:
            yield origin.source.diagnostic(
                (*origin.location, *at),
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
            yield from _step_touchpoints(origin, here, step, known)
            yield from _step_personas(origin, here, journey, step, known)
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


def _step_touchpoints(origin: Origin, here: PathKey, step: JourneyStep, known: _Known) -> Iterator[Diagnostic]:
    """The stage's touchpoints and its paths': known ids, each once per list, a path's not the stage's again; path
    ids once per stage, and path counts that fit the stage's."""
    stage_wide = [moment.touchpoint for moment in step.touchpoints]
    yield from _listed(origin, (*here, "touchpoints"), "touchpoint", stage_wide, known, "touchpoint")
    paths: dict[str, int] = {}
    for number, path in enumerate(step.paths):
        at = (*here, "paths", number)
        if path.id in paths:
            yield origin.source.diagnostic(
                (*origin.location, *at, "id"),
                "duplicate-id",
                f"path id '{path.id}' is already used by path {paths[path.id] + 1} of this stage",
                "every path of a stage needs its own id: rename one of them",
            )
        paths.setdefault(path.id, number)
        ids = [moment.touchpoint for moment in path.touchpoints]
        yield from _listed(origin, (*at, "touchpoints"), "touchpoint", ids, known, "touchpoint")
        for index, touchpoint_id in enumerate(ids):
            if touchpoint_id in stage_wide:
                yield origin.source.diagnostic(
                    (*origin.location, *at, "touchpoints", index),
                    "repeated-reference",
                    f"touchpoint '{touchpoint_id}' is already listed for the whole stage, in its `touchpoints:`",
                    "list it in one place: on the stage when every path uses it, else on each path that does",
                )
    counts = [path.entering for path in step.paths if path.entering is not None]
    if step.entering is not None and sum(counts) > step.entering:
        yield origin.source.diagnostic(
            (*origin.location, *here, "entering"),
            "path-counts",
            f"the paths of this stage count {sum(counts):,} customers, more than the {step.entering:,} entering it",
            "each customer takes one path, so the paths' counts add up to the stage's at most: check the counts",
            Severity.WARNING,
        )


def _step_personas(
    origin: Origin, here: PathKey, journey: Journey, step: JourneyStep, known: _Known
) -> Iterator[Diagnostic]:
    """`by_persona:` and quotes name personas of this journey."""
    named = [((*here, "by_persona", persona_id), persona_id) for persona_id in step.by_persona]
    named += [
        ((*here, *insight.location, "persona"), insight.item.persona)
        for insight in step.insights
        if isinstance(insight.item, Quote) and insight.item.persona is not None
    ]
    for location, persona_id in named:
        if known.is_unknown("persona", persona_id):
            yield known.unknown(origin, location, "persona", persona_id)
        elif persona_id not in journey.personas:
            yield origin.source.diagnostic(
                (*origin.location, *location),
                "persona-not-in-journey",
                f"persona '{persona_id}' does not take this journey",
                f"{did_you_mean(persona_id, journey.personas, kind='persona ids of this journey')} "
                "(or add it to the journey's `personas:`)",
                prefer_key=location[-2] == "by_persona",
            )


def _journey_links(catalog: Catalog, known: _Known) -> Iterator[Diagnostic]:
    """Loops go back to a stage of the same journey; continuations and `improves` name other journeys."""
    for journey in catalog.journeys.values():
        origin = _origin(catalog, "journey", journey.id)
        order = [step.stage for step in journey.stages]
        for index, step in enumerate(journey.stages):
            for number, loop in enumerate(step.loops_back):
                at = ("stages", index, "loops_back", number, "to")
                if loop.to not in order:
                    yield origin.source.diagnostic(
                        (*origin.location, *at),
                        "loop-target",
                        f"stage '{loop.to}' is not a stage of this journey, so customers cannot go back to it",
                        did_you_mean(loop.to, order[: index + 1], kind="stages of this journey up to here"),
                    )
                elif order.index(loop.to) > index:
                    yield origin.source.diagnostic(
                        (*origin.location, *at),
                        "loop-target",
                        f"stage '{loop.to}' comes after '{step.stage}': a loop goes back to this stage or an earlier one",
                        "customers move on to later stages by themselves; remove the loop, or name an earlier stage",
                    )
            for number, continuation in enumerate(step.continues_into):
                yield from _continuation(
                    catalog, known, origin, journey, ("stages", index, "continues_into", number), continuation
                )
        yield from _improves(catalog, known, origin, journey)
    yield from _improvement_circles(catalog)


def _improvement_circles(catalog: Catalog) -> Iterator[Diagnostic]:
    """Journeys that improve each other in a circle (A improves B, B improves A): each comparison page would call the
    other "today". Reported once per circle, at the `improves:` of its last journey by id. Each journey is walked
    once: `improves` names one journey, so the journeys form chains, and a chain already walked is not walked again."""
    done: set[str] = set()
    for start in sorted(catalog.journeys):
        chain: list[str] = []
        current: str | None = start
        while current is not None and current not in done and current not in chain:
            chain.append(current)
            journey = catalog.journeys.get(current)
            current = journey.improves if journey is not None and journey.improves != current else None
        done.update(chain)
        if current is None or current not in chain:
            continue
        circle = chain[chain.index(current) :]
        if len(circle) < 2:
            continue
        last = max(circle)
        at = circle.index(last)
        ordered = circle[at:] + circle[:at]  # from `last`, in the order each improves the next
        origin = _origin(catalog, "journey", last)
        words = ", which improves ".join(f"'{journey_id}'" for journey_id in [*ordered[1:], last])
        yield origin.source.diagnostic(
            (*origin.location, "improves"),
            "improves-circle",
            f"this journey improves {words}: the journeys improve each other in a circle",
            "only the future journey names the current one it improves: remove `improves:` from the current journey",
        )


def _continuation(
    catalog: Catalog, known: _Known, origin: Origin, journey: Journey, at: PathKey, continuation: Continuation
) -> Iterator[Diagnostic]:
    target_id = continuation.journey
    if known.is_unknown("journey", target_id):
        yield known.unknown(origin, (*at, "journey"), "journey", target_id)
        return
    if target_id == journey.id:
        yield origin.source.diagnostic(
            (*origin.location, *at, "journey"),
            "continues-into-itself",
            "a journey cannot continue into itself",
            "to show customers going round again, use `loops_back: <stage id>` instead",
        )
        return
    target = catalog.journeys.get(target_id)
    stages = [step.stage for step in target.stages] if target is not None else []
    if continuation.stage is not None and target is not None and continuation.stage not in stages:
        yield origin.source.diagnostic(
            (*origin.location, *at, "stage"),
            "stage-not-in-journey",
            f"journey '{target_id}' has no stage '{continuation.stage}'",
            did_you_mean(continuation.stage, stages, kind=f"stages of {target_id}"),
        )


def _improves(catalog: Catalog, known: _Known, origin: Origin, journey: Journey) -> Iterator[Diagnostic]:
    if journey.improves is None:
        return
    if journey.state == "current":
        yield origin.source.diagnostic(
            (*origin.location, "state"),
            "state-conflict",
            "a journey that improves another is a future one, but this one says `state: current`",
            "write `state: future`, or remove `improves:` if this is how customers live it today",
        )
    if known.is_unknown("journey", journey.improves):
        yield known.unknown(origin, ("improves",), "journey", journey.improves)
    elif journey.improves == journey.id:
        yield origin.source.diagnostic(
            (*origin.location, "improves"),
            "improves-itself",
            "a journey cannot improve itself",
            "name the current journey this future one improves",
        )


def _evidence_references(catalog: Catalog, known: _Known) -> Iterator[Diagnostic]:
    """Every cited source is defined; a source's notes file is a note of a folder journey."""
    for persona in catalog.personas.values():
        yield from _listed(_origin(catalog, "persona", persona.id), ("sources",), "source", persona.sources, known)
        for index, role in enumerate(persona.buying_group):
            if role.persona is not None and known.is_unknown("persona", role.persona):
                origin = _origin(catalog, "persona", persona.id)
                yield known.unknown(origin, ("buying_group", index, "persona"), "persona", role.persona)
    for touchpoint in catalog.touchpoints.values():
        results = touchpoint.survey.results if touchpoint.survey else []
        for index, result in enumerate(results):
            at = ("survey", "results", index, "sources")
            yield from _listed(_origin(catalog, "touchpoint", touchpoint.id), at, "source", result.sources, known)
    for journey in catalog.journeys.values():
        origin = _origin(catalog, "journey", journey.id)
        yield from _listed(origin, ("sources",), "source", journey.sources, known)
        for index, step in enumerate(journey.stages):
            for insight in step.insights:
                cited: PathKey = ("stages", index, *insight.location, "sources")
                yield from _listed(origin, cited, "source", insight.item.sources, known)
    notes = {f"{journey_id}/{file.name}": file for journey_id, files in catalog.journey_files.items() for file in files}
    for source in catalog.sources.values():
        if source.file is not None and not (source.file in notes and notes[source.file].is_note):
            origin = _origin(catalog, "source", source.id)
            published = sorted(name for name, file in notes.items() if file.is_note)
            yield origin.source.diagnostic(
                (*origin.location, "file"),
                "unknown-file",
                f"'{source.file}' is not a Markdown note of a folder journey",
                did_you_mean(source.file, published, kind="notes")
                + " (notes are .md files beside a journey's journey.yml, in journeys/<id>/, written relative to "
                "the journeys folder)",
            )


def _opportunity_references(catalog: Catalog, known: _Known) -> Iterator[Diagnostic]:
    """Stages name known opportunities; what an opportunity addresses exists, pain points by their ids (once each)."""
    pain_points: dict[str, tuple[Origin, PathKey]] = {}
    for journey in catalog.journeys.values():
        origin = _origin(catalog, "journey", journey.id)
        for index, step in enumerate(journey.stages):
            for number, item in enumerate(step.opportunities):
                if isinstance(item, OpportunityReference) and known.is_unknown("opportunity", item.opportunity):
                    at = ("stages", index, "opportunities", number, "opportunity")
                    yield known.unknown(origin, at, "opportunity", item.opportunity)
            for insight in step.insights:
                if isinstance(insight.item, PainPoint) and insight.item.id is not None:
                    named: PathKey = ("stages", index, *insight.location, "id")
                    first = pain_points.setdefault(insight.item.id, (origin, named))
                    if first != (origin, named):
                        where = first[0].source.locate((*first[0].location, *first[1]))
                        yield origin.source.diagnostic(
                            (*origin.location, *named),
                            "duplicate-id",
                            f"pain point id '{insight.item.id}' is already used at {first[0].path}:{where.line}",
                            "every pain point id names one pain point in the whole map: rename one of them",
                        )
    for opportunity in catalog.opportunities.values():
        targets = opportunity.addresses
        if targets is None:
            continue
        origin = _origin(catalog, "opportunity", opportunity.id)
        yield from _listed(origin, ("addresses", "journeys"), "journey", targets.journeys, known)
        yield from _listed(origin, ("addresses", "stages"), "stage", targets.stages, known)
        yield from _listed(origin, ("addresses", "touchpoints"), "touchpoint", targets.touchpoints, known)
        for index, pain_id in enumerate(targets.pain_points):
            if pain_id not in pain_points and not known.journeys_broken:
                yield origin.source.diagnostic(
                    (*origin.location, "addresses", "pain_points", index),
                    "unknown-pain-point",
                    f"unknown pain point '{pain_id}'",
                    did_you_mean(pain_id, pain_points, kind="pain point ids")
                    + " (a pain point gets an id in a journey: `- {id: slow-quotes, text: …}`)",
                )


def _content_references(catalog: Catalog, known: _Known) -> Iterator[Diagnostic]:
    for asset in catalog.content.values():
        origin = _origin(catalog, "content", asset.id)
        yield from _listed(origin, ("stages",), "stage", asset.stages, known)
        yield from _listed(origin, ("personas",), "persona", asset.personas, known)


def _content_format_references(catalog: Catalog, layout: DataLayout) -> Iterator[Diagnostic]:
    """Every format id named anywhere (`include`, `exclude`, an asset's `format`) must be a known format: a typo
    would silently change suggestions and coverage. A team's own format is known once it is defined (`formats:` in
    content.yml, or at a level of the library)."""
    registry = format_registry(catalog)
    known, known_ids = Names(registry), frozenset(registry)
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
            f"{known.did_you_mean(format_id, kind='content format ids')} {where}",
        )

    def changes_at(origin: Origin, location: PathKey, changes: FormatChanges | None) -> Iterator[Diagnostic]:
        for key in ("include", "exclude"):
            for index, format_id in enumerate(getattr(changes, key) if changes else ()):
                if format_id not in known_ids:
                    yield unknown_format(origin, (*location, key, index), format_id)

    content_source = catalog.files.get(CONTENT_FILE.schema)
    if content_source is not None:
        content_file = Origin(content_source)
        for stage_type, changes in catalog.library.items():
            yield from changes_at(content_file, ("library", stage_type), changes)
        for index, format_id in enumerate(catalog.excluded_formats):
            if format_id not in known_ids:
                yield unknown_format(content_file, ("exclude", index), format_id)
    for stage in catalog.stages.values():
        yield from changes_at(_origin(catalog, "stage", stage.id), ("content_formats",), stage.content_formats)
    for journey in catalog.journeys.values():
        origin = _origin(catalog, "journey", journey.id)
        for index, step in enumerate(journey.stages):
            formats = step.content.formats if step.content else None
            yield from changes_at(origin, ("stages", index, "content", "formats"), formats)
    for asset in catalog.content.values():
        if asset.format not in known_ids:
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

    content_source = catalog.files.get(CONTENT_FILE.schema)
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
