"""The journey map as pages, diagrams and checks read it: the catalog, and everything derived from it, computed once.

Who uses what (the journeys of a persona, the uses of a touchpoint, the content of a stage) and in which order things
are shown (personas, journeys and touchpoints by name, stages in customer order) are decided here and nowhere else.
A `JourneyMap` is built once a catalog is complete, in time linear in the data, and never changes afterwards; every
page, diagram and check of a build reads the same one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.model import (
    OPPORTUNITY_STATUSES,
    Channel,
    EvidenceLevel,
    Journey,
    JourneyStep,
    Opportunity,
    OpportunityReference,
    PainPoint,
    Persona,
    Stage,
    StageInsight,
    Touchpoint,
    TouchpointMoment,
)


@dataclass(frozen=True)
class Use:
    """One use of a touchpoint: in this stage of this journey (on one of its paths, when it forks), and the moment
    written there (what happens at the touchpoint in that stage, which may be nothing more than its id)."""

    journey: str
    stage: str
    path: str | None
    moment: TouchpointMoment = field(compare=False)


@dataclass(frozen=True)
class Citation:
    """Something that rests on a research source: a stage's insight, or a whole journey or persona."""

    journey: str | None = None
    stage: str | None = None
    insight: StageInsight | None = None
    persona: str | None = None
    touchpoint: str | None = None
    """A touchpoint whose survey result cites the source (`insight` is then None)."""


@dataclass(frozen=True)
class Evidence:
    """What a journey's insights rest on: how many were observed, assumed or left unstated, and the sources cited."""

    observed: int = 0
    assumed: int = 0
    unstated: int = 0
    sources: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return self.observed + self.assumed + self.unstated


@dataclass(frozen=True)
class PainPointPlace:
    """Where a pain point with an id is written."""

    journey: str
    stage: str
    pain_point: PainPoint
    touchpoint: str | None = None
    persona: str | None = None


class _Named(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


N = TypeVar("N", bound=_Named)
K = TypeVar("K")
V = TypeVar("V")


def by_name(items: Iterable[N]) -> tuple[N, ...]:
    """The one order of things shown by name: case-insensitive name, then id (two 'Website's keep one order)."""
    return tuple(sorted(items, key=lambda item: (item.name.lower(), item.id)))


_STATUS_RANK = {"in-progress": 0, "planned": 1, "idea": 2, "done": 3, "dropped": 4}


def by_priority(opportunities: Iterable[Opportunity]) -> tuple[Opportunity, ...]:
    """Opportunities as a team works through them: those under way, then planned ones, then ideas (done and dropped
    last); within each, the highest impact first, then the least effort, then by title."""
    return tuple(
        sorted(
            opportunities,
            key=lambda o: (_STATUS_RANK[o.status], -(o.impact or 0), o.effort or 6, o.title.lower(), o.id),
        )
    )


class Lookup(Generic[K, V]):
    """A read-only index: `lookup(key)` is what is recorded for `key`, in order, or nothing."""

    def __init__(self, lists: Mapping[K, Iterable[V]]) -> None:
        self._values = {key: tuple(values) for key, values in lists.items()}

    def __call__(self, key: K) -> tuple[V, ...]:
        return self._values.get(key, ())

    def items(self) -> Iterable[tuple[K, tuple[V, ...]]]:
        return self._values.items()


class JourneyMap:
    """A complete catalog with its reverse links and orders. Read-only: the catalog must not change after this.

    The lookups, each by id, in the order pages show them:
    - `journeys_of_persona`, `journeys_through_stage`, `journeys_of((persona, stage))`: journey ids, by name;
    - `uses_of_touchpoint`: where a touchpoint is used, journeys by name and, within one, stages in customer order;
    - `touchpoints_of_persona`, `touchpoints_of_channel`: touchpoint ids, by name;
    - `personas_of_touchpoint`: ids of the personas whose journeys use it, by name;
    - `content_of_stage`, `content_of_persona`: ids of the assets `content.yml` lists for them (an asset for no
      persona in particular is everyone's), by title;
    - `moments_of_touchpoint`: the uses of a touchpoint in customer order, each with its moment;
    - `opportunities_of_step((journey, stage))`, `opportunities_of_journey`, `…_of_stage`, `…_of_touchpoint`,
      `…_of_persona`, `opportunities_by_status`, `opportunities_by_owner`, `opportunities_addressing` (a pain point
      id): opportunity ids, by title; `places_of_opportunity`: the stages that define or name it;
    - `citations_of_source`: what rests on a research source; `evidence_of_journey(id)`: what a journey rests on;
    - `improved_by`, `continued_from`, `notes_of_journey`: future journeys, continuations, a folder journey's notes.
    """

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.personas: tuple[Persona, ...] = by_name(catalog.personas.values())
        self.journeys: tuple[Journey, ...] = by_name(catalog.journeys.values())
        self.stages: tuple[Stage, ...] = tuple(catalog.stages.values())
        self.touchpoints: tuple[Touchpoint, ...] = by_name(catalog.touchpoints.values())
        self._stage_position = {stage_id: position for position, stage_id in enumerate(catalog.stages)}

        journeys_of_persona: dict[str, list[str]] = defaultdict(list)
        journeys_through_stage: dict[str, list[str]] = defaultdict(list)
        uses: dict[str, list[Use]] = defaultdict(list)
        touchpoints_of_persona: dict[str, dict[str, None]] = defaultdict(dict)
        journeys_of: dict[tuple[str, str], list[str]] = defaultdict(list)
        journey_order = {journey.id: position for position, journey in enumerate(self.journeys)}
        for journey in self.journeys:
            for persona_id in dict.fromkeys(journey.personas):
                journeys_of_persona[persona_id].append(journey.id)
                for stage_id in dict.fromkeys(step.stage for step in journey.stages):
                    journeys_of[(persona_id, stage_id)].append(journey.id)
            for step in journey.stages:
                journeys_through_stage[step.stage].append(journey.id)
                for path, moment in _moments(step):
                    uses[moment.touchpoint].append(Use(journey.id, step.stage, path, moment))
                    for persona_id in journey.personas:
                        touchpoints_of_persona[persona_id][moment.touchpoint] = None
        touchpoint_order = {t.id: i for i, t in enumerate(self.touchpoints)}
        self.journeys_of_persona = Lookup(journeys_of_persona)
        self.journeys_through_stage = Lookup(journeys_through_stage)
        self.journeys_of = Lookup(journeys_of)
        # The first step through each stage, as a search from the start of the journey would find it.
        self._steps = {(journey.id, step.stage): step for journey in self.journeys for step in reversed(journey.stages)}
        self.uses_of_touchpoint = Lookup(uses)
        self.touchpoints_of_persona = Lookup(
            {
                p: sorted(ids, key=lambda t: touchpoint_order.get(t, len(touchpoint_order)))
                for p, ids in touchpoints_of_persona.items()
            }
        )
        self.personas_of_touchpoint = Lookup(self._reach(uses))

        touchpoints_of_channel: dict[str, list[str]] = defaultdict(list)
        for touchpoint in self.touchpoints:
            touchpoints_of_channel[touchpoint.channel].append(touchpoint.id)
        self.touchpoints_of_channel = Lookup(touchpoints_of_channel)
        channels = [catalog.channels[c] for c in touchpoints_of_channel if c in catalog.channels]
        self.channels_with_touchpoints: tuple[Channel, ...] = by_name(channels)
        referred = dict.fromkeys(touchpoints_of_channel)
        referred.update(dict.fromkeys(c for persona in self.personas for c in persona.preferred_channels))
        self.channels: tuple[Channel, ...] = by_name(catalog.channels[c] for c in referred if c in catalog.channels)
        """The channels something refers to (a touchpoint, or a persona's preferences): each has a page."""

        content_of_stage: dict[str, list[str]] = defaultdict(list)
        content_of_persona: dict[str, list[str]] = defaultdict(list)
        for asset in sorted(catalog.content.values(), key=lambda a: (a.title.lower(), a.id)):
            for stage_id in asset.stages:
                content_of_stage[stage_id].append(asset.id)
            for persona_id in asset.personas or catalog.personas:
                content_of_persona[persona_id].append(asset.id)
        self.content_of_stage = Lookup(content_of_stage)
        self.content_of_persona = Lookup(content_of_persona)

        self.moments_of_touchpoint = Lookup(
            {
                t: sorted(used, key=lambda use: (self._stage_position.get(use.stage, 0), journey_order[use.journey]))
                for t, used in uses.items()
            }
        )
        """Where a touchpoint is used, with what happens there, in customer order: by stage, then journey by name."""
        self._opportunities(catalog)
        self._evidence(catalog)
        improved_by: dict[str, list[str]] = defaultdict(list)
        continued_from: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for journey in self.journeys:
            if journey.improves is not None:
                improved_by[journey.improves].append(journey.id)
            for step in journey.stages:
                for continuation in step.continues_into:
                    continued_from[continuation.journey].append((journey.id, step.stage))
        self.improved_by = Lookup(improved_by)
        """The future journeys that improve a journey, by name."""
        self.continued_from = Lookup(continued_from)
        """(journey, stage) pairs after which customers continue in a journey."""
        self.notes_of_journey = Lookup(
            {j: [f for f in files if f.is_note] for j, files in catalog.journey_files.items()}
        )

    # --- opportunities ----------------------------------------------------------------------------------------

    def _opportunities(self, catalog: Catalog) -> None:
        """Where each opportunity stands: in the stages that define or name it, and what it addresses."""
        self.opportunities: tuple[Opportunity, ...] = tuple(
            sorted(catalog.opportunities.values(), key=lambda o: (o.title.lower(), o.id))
        )
        order = {o.id: i for i, o in enumerate(self.opportunities)}
        pain_points: dict[str, PainPointPlace] = {}
        for journey in self.journeys:
            for step in journey.stages:
                for insight in step.insights:
                    if isinstance(insight.item, PainPoint) and insight.item.id is not None:
                        place = PainPointPlace(
                            journey.id, step.stage, insight.item, insight.touchpoint, insight.persona
                        )
                        pain_points.setdefault(insight.item.id, place)
        self.pain_point = pain_points.get
        """Where the pain point with an id is written, or None."""

        of_step: dict[tuple[str, str], dict[str, None]] = defaultdict(dict)
        placed: dict[str, dict[tuple[str, str], None]] = defaultdict(dict)
        for journey in self.journeys:
            for step in journey.stages:
                for item in step.opportunities:
                    named = item.opportunity if isinstance(item, OpportunityReference) else getattr(item, "id", None)
                    if named is not None:
                        of_step[(journey.id, step.stage)][named] = None
                        placed[named][(journey.id, step.stage)] = None
        addressed_by: dict[str, list[str]] = defaultdict(list)
        of_journey: dict[str, dict[str, None]] = defaultdict(dict)
        of_stage: dict[str, dict[str, None]] = defaultdict(dict)
        of_touchpoint: dict[str, dict[str, None]] = defaultdict(dict)
        for opportunity in self.opportunities:
            targets = opportunity.addresses
            for journey_id, stage_id in placed.get(opportunity.id, {}):
                of_journey[journey_id][opportunity.id] = None
                of_stage[stage_id][opportunity.id] = None
            if targets is None:
                continue
            for journey_id in targets.journeys:
                of_journey[journey_id][opportunity.id] = None
            for stage_id in targets.stages:
                of_stage[stage_id][opportunity.id] = None
            for touchpoint_id in targets.touchpoints:
                of_touchpoint[touchpoint_id][opportunity.id] = None
            for pain_id in targets.pain_points:
                written = pain_points.get(pain_id)
                addressed_by[pain_id].append(opportunity.id)
                if written is not None:
                    of_step[(written.journey, written.stage)][opportunity.id] = None
                    of_journey[written.journey][opportunity.id] = None
                    of_stage[written.stage][opportunity.id] = None
                    if written.touchpoint is not None:
                        of_touchpoint[written.touchpoint][opportunity.id] = None
        of_persona: dict[str, dict[str, None]] = defaultdict(dict)
        for journey in self.journeys:
            for persona_id in journey.personas:
                of_persona[persona_id].update(of_journey.get(journey.id, {}))

        def ordered(lists: Mapping[K, Iterable[str]]) -> Lookup[K, str]:
            return Lookup({key: sorted(ids, key=order.__getitem__) for key, ids in lists.items()})

        self.opportunities_of_step = ordered(of_step)
        """By (journey, stage): the opportunities a stage defines or names, and those addressing its pain points."""
        self.opportunities_of_journey = ordered(of_journey)
        self.opportunities_of_stage = ordered(of_stage)
        self.opportunities_of_touchpoint = ordered(of_touchpoint)
        self.opportunities_of_persona = ordered(of_persona)
        self.opportunities_addressing = ordered(addressed_by)
        """By pain point id."""
        self.places_of_opportunity = Lookup({o: list(places) for o, places in placed.items()})
        """The (journey, stage) pairs whose `opportunities:` define or name an opportunity."""
        by_status: dict[str, list[str]] = {status: [] for status in OPPORTUNITY_STATUSES}
        by_owner: dict[str, list[str]] = defaultdict(list)
        for opportunity in self.opportunities:
            by_status[opportunity.status].append(opportunity.id)
            by_owner[opportunity.owner or ""].append(opportunity.id)
        self.opportunities_by_status = Lookup(by_status)
        """In the order of the statuses: idea, planned, in-progress, done, dropped."""
        self.owners: tuple[str, ...] = tuple(sorted((o for o in by_owner if o), key=str.lower))
        """The owners of opportunities, by name ("" for those without one is left out)."""
        self.opportunities_by_owner = Lookup(by_owner)

    # --- evidence ---------------------------------------------------------------------------------------------

    def _evidence(self, catalog: Catalog) -> None:
        """What rests on each research source, and what each journey's insights rest on."""
        citations: dict[str, list[Citation]] = defaultdict(list)
        evidence: dict[str, Evidence] = {}
        for persona in self.personas:
            for source_id in persona.sources:
                citations[source_id].append(Citation(persona=persona.id))
        for touchpoint in self.touchpoints:
            for result in touchpoint.survey.results if touchpoint.survey else []:
                for source_id in result.sources:
                    citations[source_id].append(Citation(touchpoint=touchpoint.id))
        for journey in self.journeys:
            for source_id in journey.sources:
                citations[source_id].append(Citation(journey=journey.id))
            levels: Counter[EvidenceLevel] = Counter()
            cited: dict[str, None] = dict.fromkeys(journey.sources)
            for step in journey.stages:
                for insight in step.insights:
                    levels[insight.evidence] += 1
                    for source_id in insight.item.sources:
                        cited[source_id] = None
                        citations[source_id].append(Citation(journey.id, step.stage, insight))
            evidence[journey.id] = Evidence(
                levels["observed"],
                levels["assumed"],
                levels["unstated"],
                tuple(c for c in cited if c in catalog.sources),
            )
        self.citations_of_source = Lookup(citations)
        """What rests on a source: personas and touchpoint surveys, then journeys by name, stages in their order."""
        self._journey_evidence = evidence

    def evidence_of_journey(self, journey_id: str) -> Evidence:
        return self._journey_evidence.get(journey_id, Evidence())

    def _reach(self, uses: Mapping[str, list[Use]]) -> dict[str, list[str]]:
        persona_order = {p.id: i for i, p in enumerate(self.personas)}
        reach: dict[str, dict[str, None]] = defaultdict(dict)
        for touchpoint_id, used in uses.items():
            for journey_id in dict.fromkeys(use.journey for use in used):
                for persona_id in self.catalog.journeys[journey_id].personas:
                    if persona_id in persona_order:
                        reach[touchpoint_id][persona_id] = None
        return {t: sorted(ids, key=persona_order.__getitem__) for t, ids in reach.items()}

    def stage_position(self, stage_id: str) -> int:
        return self._stage_position[stage_id]

    def step(self, journey: Journey, stage_id: str) -> JourneyStep:
        """The journey's step in the stage (the journey goes through it): found by id, since a page per stage asks for
        it, and searching each journey's steps made a journey of 1,600 stages cost 1,600 x 1,600 comparisons."""
        return self._steps[(journey.id, stage_id)]


def _moments(step: JourneyStep) -> Iterable[tuple[str | None, TouchpointMoment]]:
    """The stage's touchpoint moments, its own first (path None), then each path's."""
    for moment in step.touchpoints:
        yield None, moment
    for path in step.paths:
        for moment in path.touchpoints:
            yield path.id, moment
