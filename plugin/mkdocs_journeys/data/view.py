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
from typing import Protocol, TypeVar

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


def by_name(items: Iterable[N]) -> tuple[N, ...]:
    """The one order of things shown by name: case-insensitive name, then id (two 'Website's keep one order)."""
    return tuple(sorted(items, key=lambda item: (item.name.lower(), item.id)))


class JourneyMap:
    """A complete catalog with its reverse links and orders. Read-only: the catalog must not change after this."""

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
        named = {t.id: i for i, t in enumerate(self.touchpoints)}
        self._journeys_of_persona = _frozen(journeys_of_persona)
        self._journeys_through_stage = _frozen(journeys_through_stage)
        self._uses = _frozen(uses)
        self._journeys_of = _frozen(journeys_of)
        self._touchpoints_of_persona = {
            persona_id: tuple(sorted(ids, key=lambda t: named.get(t, len(named))))
            for persona_id, ids in touchpoints_of_persona.items()
        }
        self._personas_of_touchpoint = self._reach()

        touchpoints_of_channel: dict[str, list[str]] = defaultdict(list)
        for touchpoint in self.touchpoints:
            touchpoints_of_channel[touchpoint.channel].append(touchpoint.id)
        self._touchpoints_of_channel = _frozen(touchpoints_of_channel)
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
        self._content_of_stage = _frozen(content_of_stage)
        self._content_of_persona = _frozen(content_of_persona)

    def _reach(self) -> dict[str, tuple[str, ...]]:
        persona_order = {p.id: i for i, p in enumerate(self.personas)}
        reach: dict[str, dict[str, None]] = defaultdict(dict)
        for touchpoint_id, uses in self._uses.items():
            for journey_id in dict.fromkeys(use.journey for use in uses):
                for persona_id in self.catalog.journeys[journey_id].personas:
                    if persona_id in persona_order:
                        reach[touchpoint_id][persona_id] = None
        return {t: tuple(sorted(ids, key=persona_order.__getitem__)) for t, ids in reach.items()}

    # --- orders -------------------------------------------------------------------------------------------------

    def stage_position(self, stage_id: str) -> int:
        return self._stage_position[stage_id]

    # --- who uses what ------------------------------------------------------------------------------------------

    def journeys_of_persona(self, persona_id: str) -> tuple[str, ...]:
        """Ids of the journeys the persona takes, by name."""
        return self._journeys_of_persona.get(persona_id, ())

    def journeys_through_stage(self, stage_id: str) -> tuple[str, ...]:
        """Ids of the journeys that go through the stage, by name."""
        return self._journeys_through_stage.get(stage_id, ())

    def journeys_of(self, persona_id: str, stage_id: str) -> tuple[str, ...]:
        """Ids of the persona's journeys that go through the stage, by name."""
        return self._journeys_of.get((persona_id, stage_id), ())

    def uses_of_touchpoint(self, touchpoint_id: str) -> tuple[Use, ...]:
        """Where the touchpoint is used: journeys by name, and within a journey its stages in customer order."""
        return self._uses.get(touchpoint_id, ())

    def touchpoints_of_persona(self, persona_id: str) -> tuple[str, ...]:
        """Ids of the touchpoints the persona's journeys use, by name."""
        return self._touchpoints_of_persona.get(persona_id, ())

    def personas_of_touchpoint(self, touchpoint_id: str) -> tuple[str, ...]:
        """Ids of the personas whose journeys use the touchpoint, by name."""
        return self._personas_of_touchpoint.get(touchpoint_id, ())

    def touchpoints_of_channel(self, channel_id: str) -> tuple[str, ...]:
        """Ids of the touchpoints on the channel, by name."""
        return self._touchpoints_of_channel.get(channel_id, ())

    def content_of_stage(self, stage_id: str) -> tuple[str, ...]:
        """Ids of the assets `content.yml` lists for the stage, by title."""
        return self._content_of_stage.get(stage_id, ())

    def content_of_persona(self, persona_id: str) -> tuple[str, ...]:
        """Ids of the assets `content.yml` lists for the persona (or for everyone), by title."""
        return self._content_of_persona.get(persona_id, ())

    def step(self, journey: Journey, stage_id: str) -> JourneyStep:
        """The journey's step in the stage (the journey goes through it)."""
        return next(step for step in journey.stages if step.stage == stage_id)


K = TypeVar("K")
V = TypeVar("V")


def _frozen(lists: Mapping[K, list[V]]) -> dict[K, tuple[V, ...]]:
    return {key: tuple(values) for key, values in lists.items()}
