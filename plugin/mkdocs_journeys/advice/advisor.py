"""The one object pages and diagrams ask for advice: what a journey map calls for, computed once per build.

The advice modules are pure functions (`library`, `suggestions`, `coverage`, `funnel`); an `Advisor` applies them to
one `JourneyMap` and keeps each answer, since pages ask the same questions many times (a journey page and the
coverage of each of its personas want the same suggestions, and a thousand journeys made the work quadratic when
every page worked them out again).
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cached_property

from mkdocs_journeys.advice.coverage import CoverageMatrix, coverage_matrix
from mkdocs_journeys.advice.funnel import FUNNEL_PHASES, Funnel, funnel_after, journey_funnel
from mkdocs_journeys.advice.library import format_name, formats_for
from mkdocs_journeys.advice.suggestions import ContentSuggestion, channel_words, suggest
from mkdocs_journeys.data.formats import format_registry
from mkdocs_journeys.data.model import ContentAsset, ContentFormat, Journey, JourneyStep, Stage
from mkdocs_journeys.data.view import JourneyMap


class Advisor:
    def __init__(self, journey_map: JourneyMap, funnel_phases: Collection[str] = FUNNEL_PHASES) -> None:
        """`funnel_phases`: the phases whose stages make up a journey's funnel (the others get rates of their own)."""
        self.map = journey_map
        self.after_conversion = funnel_after(journey_map.stages, funnel_phases)
        self.registry: dict[str, ContentFormat] = format_registry(journey_map.catalog)
        self.channel_words = channel_words(journey_map.catalog)
        self._published: dict[tuple[str, str], tuple[ContentAsset, ...]] = {}
        self._suggestions: dict[tuple[str, str, str], tuple[ContentSuggestion, ...]] = {}
        self._funnels: dict[str, Funnel | None] = {}

    def formats_for(self, stage: Stage, step: JourneyStep | None = None) -> list[ContentFormat]:
        """The formats suggested for `stage` (in `step` of a journey, when given), after every level's changes."""
        return formats_for(self.map.catalog, self.registry, stage, step)

    def format_name(self, format_id: str) -> str:
        return format_name(self.registry, format_id)

    def published_for(self, persona_id: str, stage_id: str) -> tuple[ContentAsset, ...]:
        """Assets that serve the persona at the stage, by title.

        An asset serves them when `content.yml` lists the stage and the persona (an empty `personas` means everyone),
        or when a journey with this persona lists it under `content: existing:` in that stage. The suggestions (which
        mark formats already published) and the coverage (which marks gaps) both ask here, so they agree.
        """
        key = (persona_id, stage_id)
        if key not in self._published:
            catalog = self.map.catalog
            found = {
                asset_id
                for asset_id in self.map.content_of_stage(stage_id)
                if not catalog.content[asset_id].personas or persona_id in catalog.content[asset_id].personas
            }
            for journey_id in self.map.journeys_of((persona_id, stage_id)):
                step = self.map.step(catalog.journeys[journey_id], stage_id)
                if step.content:
                    found.update(a for a in step.content.existing if a in catalog.content)
            assets = (catalog.content[a] for a in found)
            self._published[key] = tuple(sorted(assets, key=lambda a: (a.title.lower(), a.id)))
        return self._published[key]

    def suggestions_for_step(
        self, journey: Journey, step: JourneyStep, persona_id: str
    ) -> tuple[ContentSuggestion, ...]:
        """What to publish for one persona of `journey` (one of the map's) in the stage `step` describes."""
        key = (journey.id, step.stage, persona_id)
        if key not in self._suggestions:
            catalog = self.map.catalog
            stage = catalog.stages[step.stage]
            self._suggestions[key] = tuple(
                suggest(
                    self.formats_for(stage, step),
                    persona=catalog.personas[persona_id],
                    stage=stage,
                    step=step,
                    touchpoints=[catalog.touchpoints[t] for t in step.touchpoints if t in catalog.touchpoints],
                    published=self.published_for(persona_id, step.stage),
                    channel_names=self.channel_words,
                )
            )
        return self._suggestions[key]

    def suggestions_for_persona(self, persona_id: str, stage_id: str) -> list[ContentSuggestion]:
        """What to publish for a persona in a stage across all their journeys (first journey by name wins a format).

        With no journey through the stage, the library and the persona's profile alone.
        """
        catalog = self.map.catalog
        journeys = self.map.journeys_of((persona_id, stage_id))
        if not journeys:
            stage = catalog.stages[stage_id]
            return suggest(
                self.formats_for(stage),
                persona=catalog.personas[persona_id],
                stage=stage,
                published=self.published_for(persona_id, stage_id),
                channel_names=self.channel_words,
            )
        merged: dict[str, ContentSuggestion] = {}
        for journey_id in journeys:
            journey = catalog.journeys[journey_id]
            for suggestion in self.suggestions_for_step(journey, self.map.step(journey, stage_id), persona_id):
                merged.setdefault(suggestion.format.id, suggestion)
        return sorted(merged.values(), key=lambda s: (not s.is_open, not s.answers))

    @cached_property
    def coverage(self) -> CoverageMatrix:
        """Personas by name, stages in customer order."""
        return coverage_matrix(self)

    def funnel(self, journey: Journey) -> Funnel | None:
        """The journey's funnel, from the counts entering its stages; None when it counts none."""
        if journey.id not in self._funnels:
            counts = [(s.stage, s.entering) for s in journey.stages]
            self._funnels[journey.id] = journey_funnel(counts, self.after_conversion)
        return self._funnels[journey.id]
