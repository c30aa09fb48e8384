"""The one object pages, diagrams and commands ask for advice: what a journey map calls for, computed once per build.

The advice modules are pure functions (`library`, `signals`, `suggestions`, `coverage`, `funnel`); an `Advisor`
applies them to one `JourneyMap` and keeps each answer, since pages ask the same questions many times (a journey page
and the coverage of each of its personas want the same suggestions, and a thousand journeys made the work quadratic
when every page worked them out again).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from functools import cached_property

from mkdocs_journeys.advice.comparison import Comparison, compare_journeys
from mkdocs_journeys.advice.coverage import CoverageMatrix, coverage_matrix
from mkdocs_journeys.advice.funnel import FUNNEL_PHASES, Funnel, funnel_after, journey_funnel, where_people_leave
from mkdocs_journeys.advice.library import BusinessContext, business_context, format_name, formats_for
from mkdocs_journeys.advice.signals import MomentRecord, Signal, stage_signals
from mkdocs_journeys.advice.suggestions import ContentSuggestion, channel_words, rank, suggest, with_personas
from mkdocs_journeys.data.formats import format_registry, industry_registry
from mkdocs_journeys.data.model import ContentAsset, ContentFormat, Journey, JourneyStep, Stage
from mkdocs_journeys.data.view import JourneyMap

CLOSED_STATUSES = frozenset({"done", "dropped"})
"""Opportunities that no longer call for content."""


class Advisor:
    def __init__(self, journey_map: JourneyMap, funnel_phases: Collection[str] = FUNNEL_PHASES) -> None:
        """`funnel_phases`: the phases whose stages make up a journey's funnel (the others get rates of their own)."""
        self.map = journey_map
        self.after_conversion = funnel_after(journey_map.stages, funnel_phases)
        catalog = journey_map.catalog
        self.industries = industry_registry(catalog)
        self.site = business_context(catalog, self.industries, None)
        self.registry: dict[str, ContentFormat] = {
            format_id: self.site.worded(f) for format_id, f in format_registry(catalog).items()
        }
        self.channel_words = channel_words(catalog)
        self.stage_names = {stage.id: stage.name for stage in journey_map.stages}
        self._business: dict[str, BusinessContext] = {}
        self._formats: dict[tuple[str, int | None, str | None, str | None], list[ContentFormat]] = {}
        self._published: dict[tuple[str, str], tuple[ContentAsset, ...]] = {}
        self._earned: dict[tuple[str, str, str], list[ContentSuggestion]] = {}
        self._suggestions: dict[tuple[str, str, str], tuple[ContentSuggestion, ...]] = {}
        self._funnels: dict[str, Funnel | None] = {}
        self._comparisons: dict[str, Comparison | None] = {}
        self._needs: dict[str, dict[str, int]] = {}

    # --- the business and its formats ---------------------------------------------------------------------------

    def business(self, persona_id: str) -> BusinessContext:
        """The business as this persona meets it: the site's, with what the persona declares for itself."""
        if persona_id not in self._business:
            persona = self.map.catalog.personas[persona_id]
            self._business[persona_id] = business_context(self.map.catalog, self.industries, persona)
        return self._business[persona_id]

    def formats_for(
        self, stage: Stage, step: JourneyStep | None = None, persona_id: str | None = None
    ) -> list[ContentFormat]:
        """The formats that can serve the persona (else the site's customers) at `stage`, in `step` when given; the
        same for every persona of one business, unless the journey stage changes its formats."""
        business = self.business(persona_id) if persona_id else self.site
        own_changes = step is not None and step.content is not None and step.content.formats is not None
        industry = business.industry.id if business.industry else None
        key = (stage.id, id(step) if own_changes else None, industry, business.audience)
        if key not in self._formats:
            self._formats[key] = formats_for(self.map.catalog, self.registry, stage, step, business)
        return self._formats[key]

    def formats_at_stage(self, stage: Stage) -> list[tuple[BusinessContext, tuple[str, ...], list[ContentFormat]]]:
        """The formats that can serve the customers who go through the stage, grouped by the business as they meet
        it (personas of one site can be consumers and businesses), each group with its personas by name; the site's
        business alone when no journey goes through the stage."""
        catalog = self.map.catalog
        through = {p for j in self.map.journeys_through_stage(stage.id) for p in catalog.journeys[j].personas}
        groups: dict[tuple[str | None, str | None], tuple[BusinessContext, list[str]]] = {}
        for persona in self.map.personas:
            if persona.id in through:
                business = self.business(persona.id)
                key = (business.industry.id if business.industry else None, business.audience)
                groups.setdefault(key, (business, []))[1].append(persona.id)
        found = list(groups.values()) or [(self.site, [])]
        return [
            (business, tuple(personas), formats_for(catalog, self.registry, stage, None, business))
            for business, personas in found
        ]

    def format_name(self, format_id: str) -> str:
        return format_name(self.registry, format_id)

    # --- what is published ----------------------------------------------------------------------------------------

    def published_for(self, persona_id: str, stage_id: str) -> tuple[ContentAsset, ...]:
        """Assets that serve the persona at the stage, by title: the one definition of coverage.

        An asset serves them when `content.yml` lists the stage and the persona (an empty `personas` means everyone),
        or when a journey with this persona lists it under `content: existing:` in that stage. The suggestions (which
        leave out formats already published), the coverage (which marks gaps) and the pages all ask here, so they
        agree.
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
            self._published[key] = _by_title(catalog.content[a] for a in found)
        return self._published[key]

    def published_at_stage(self, stage_id: str) -> tuple[ContentAsset, ...]:
        """Every asset published for someone at the stage, by the same definition as `published_for`."""
        catalog = self.map.catalog
        found = set(self.map.content_of_stage(stage_id))
        for journey_id in self.map.journeys_through_stage(stage_id):
            step = self.map.step(catalog.journeys[journey_id], stage_id)
            if step.content:
                found.update(a for a in step.content.existing if a in catalog.content)
        return _by_title(catalog.content[a] for a in found)

    @cached_property
    def keeps_inventory(self) -> bool:
        """A team that lists no content at all keeps no inventory: nothing published then is not a gap."""
        return bool(self.map.catalog.content)

    # --- what calls for content, and what to publish --------------------------------------------------------------

    def signals(self, journey: Journey, step: JourneyStep, persona_id: str) -> list[Signal]:
        """What is recorded for the persona in this stage of the journey that calls for content."""
        catalog = self.map.catalog
        funnel = self.funnel(journey)
        persona = catalog.personas[persona_id]
        gap = None
        if self.keeps_inventory and not self.published_for(persona_id, step.stage):
            first_name = persona.name.split()[0]
            gap = f"Nothing is published for {first_name} at {self.stage_names.get(step.stage, step.stage)} yet"
        moments, opportunities = self._moments(journey, step)
        return stage_signals(
            step,
            moments=moments,
            opportunities=opportunities,
            touchpoints=catalog.touchpoints,
            funnel_stage=funnel.stage(step.stage) if funnel else None,
            stage_names=self.stage_names,
            gap=gap,
            persona=persona,
        )

    def _moments(self, journey: Journey, step: JourneyStep) -> tuple[list[MomentRecord], list[str]]:
        """The step's touchpoint moments (its paths' too) with the open opportunities that address each touchpoint,
        and the words of the step's other open opportunities (plain notes are the signals' own)."""
        catalog = self.map.catalog
        defined = [catalog.opportunities[o] for o in self.map.opportunities_of_step((journey.id, step.stage))]
        open_ones = [o for o in defined if o.status not in CLOSED_STATUSES]
        ids = step.touchpoint_ids
        at: dict[str, list[str]] = {t: [] for t in ids}
        loose: list[str] = []
        for opportunity in open_ones:
            targets = opportunity.addresses.touchpoints if opportunity.addresses else []
            words = opportunity.title + (f". {opportunity.description}" if opportunity.description else "")
            placed = [t for t in targets if t in at]
            for touchpoint_id in placed:
                at[touchpoint_id].append(words)
            if not placed:
                loose.append(words)
        pains: dict[str, list[str]] = {t: [] for t in ids}
        for moment in [*step.touchpoints, *(m for path in step.paths for m in path.touchpoints)]:
            pains[moment.touchpoint] += [str(pain) for pain in moment.pain_points]
        moments = [MomentRecord(t, tuple(pains[t]), tuple(at[t])) for t in ids if pains[t] or at[t]]
        return moments, loose

    def suggestions_for_step(
        self, journey: Journey, step: JourneyStep, persona_id: str
    ) -> tuple[ContentSuggestion, ...]:
        """What to publish for one persona of `journey` (one of the map's) in the stage `step` describes, most
        impact first."""
        key = (journey.id, step.stage, persona_id)
        if key not in self._suggestions:
            needs = self.needs(step.stage)
            found = [with_personas(s, needs.get(s.format.id, 1)) for s in self._suggest(journey, step, persona_id)]
            self._suggestions[key] = tuple(rank(found, self.formats_for(self._stage(step), step, persona_id)))
        return self._suggestions[key]

    def suggestions_for_persona(self, persona_id: str, stage_id: str) -> list[ContentSuggestion]:
        """What to publish for a persona in a stage across all their journeys (first journey by name wins a format);
        nothing where no journey of theirs goes through the stage, since nothing is recorded there."""
        catalog = self.map.catalog
        merged: dict[str, ContentSuggestion] = {}
        for journey_id in self.map.journeys_of((persona_id, stage_id)):
            journey = catalog.journeys[journey_id]
            for suggestion in self.suggestions_for_step(journey, self.map.step(journey, stage_id), persona_id):
                merged.setdefault(suggestion.format.id, suggestion)
        return rank(merged.values())

    def needs(self, stage_id: str) -> dict[str, int]:
        """How many personas each format is suggested for at the stage, across every journey through it."""
        if stage_id not in self._needs:
            catalog = self.map.catalog
            wanted: dict[str, set[str]] = {}
            for journey_id in self.map.journeys_through_stage(stage_id):
                journey = catalog.journeys[journey_id]
                step = self.map.step(journey, stage_id)
                for persona_id in dict.fromkeys(p for p in journey.personas if p in catalog.personas):
                    for suggestion in self._suggest(journey, step, persona_id):
                        wanted.setdefault(suggestion.format.id, set()).add(persona_id)
            self._needs[stage_id] = {format_id: len(personas) for format_id, personas in wanted.items()}
        return self._needs[stage_id]

    def _suggest(self, journey: Journey, step: JourneyStep, persona_id: str) -> list[ContentSuggestion]:
        """The persona's suggestions in the step, before `needs` (which asks this for every persona) ranks them."""
        key = (journey.id, step.stage, persona_id)
        if key not in self._earned:
            catalog = self.map.catalog
            stage = self._stage(step)
            self._earned[key] = suggest(
                self.formats_for(stage, step, persona_id),
                persona=catalog.personas[persona_id],
                stage=stage,
                signals=self.signals(journey, step, persona_id),
                touchpoints=[catalog.touchpoints[t] for t in step.touchpoint_ids if t in catalog.touchpoints],
                published=self.published_for(persona_id, step.stage),
                channel_names=self.channel_words,
                channels=catalog.channels,
            )
        return self._earned[key]

    def _stage(self, step: JourneyStep) -> Stage:
        return self.map.catalog.stages[step.stage]

    @cached_property
    def coverage(self) -> CoverageMatrix:
        """Personas by name, stages in customer order."""
        return coverage_matrix(self)

    def funnel(self, journey: Journey) -> Funnel | None:
        """The journey's funnel, from the counts entering its stages and the rates of people leaving it records; None
        when it records neither."""
        if journey.id not in self._funnels:
            counts = [(s.stage, s.counted) for s in journey.stages]
            leaving = where_people_leave(journey)
            self._funnels[journey.id] = journey_funnel(counts, self.after_conversion, leaving)
        return self._funnels[journey.id]

    def comparison(self, journey: Journey) -> Comparison | None:
        """A to-be journey against the current one it improves, stage by stage; None for other journeys."""
        if journey.id not in self._comparisons:
            current = self.map.catalog.journeys.get(journey.improves or "")
            order = [stage.id for stage in self.map.stages]
            self._comparisons[journey.id] = compare_journeys(current, journey, order) if current else None
        return self._comparisons[journey.id]


def _by_title(assets: Iterable[ContentAsset]) -> tuple[ContentAsset, ...]:
    return tuple(sorted(assets, key=lambda a: (a.title.lower(), a.id)))
