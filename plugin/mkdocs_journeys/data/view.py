"""The journey map as pages, diagrams and checks read it: the catalog, and everything derived from it, computed once.

Who uses what (the journeys of a persona, the uses of a touchpoint, the content of a stage) and in which order things
are shown (personas, journeys and touchpoints by name, stages in customer order) are decided here and nowhere else.
A `JourneyMap` is built once a catalog is complete, in time linear in the data, and never changes afterwards; every
page, diagram and check of a build reads the same one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.model import Channel, Journey, JourneyStep, Persona, Stage, Touchpoint


@dataclass(frozen=True, order=True)
class Use:
    """One use of a touchpoint: in this stage of this journey."""

    journey: str
    stage: str


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
      persona in particular is everyone's), by title.
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
        for journey in self.journeys:
            for persona_id in dict.fromkeys(journey.personas):
                journeys_of_persona[persona_id].append(journey.id)
                for stage_id in dict.fromkeys(step.stage for step in journey.stages):
                    journeys_of[(persona_id, stage_id)].append(journey.id)
            for step in journey.stages:
                journeys_through_stage[step.stage].append(journey.id)
                for touchpoint_id in step.touchpoints:
                    uses[touchpoint_id].append(Use(journey.id, step.stage))
                    for persona_id in journey.personas:
                        touchpoints_of_persona[persona_id][touchpoint_id] = None
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
