"""A journey's page: summary first (the map, the key numbers, the top pain points and opportunities, the funnel),
then each stage with its details folded away, where search still finds them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from mkdocs_journeys.data.kinds import JOURNEY
from mkdocs_journeys.data.model import (
    EMOTION_SCALE,
    Journey,
    JourneyStep,
    Kpi,
    Opportunity,
    OpportunityNote,
    PainPoint,
)
from mkdocs_journeys.data.view import JourneyMap, by_priority
from mkdocs_journeys.drawing.charts import EmotionPoint, EmotionSeries, emotion_curves_svg, emotion_extremes, funnel_svg
from mkdocs_journeys.drawing.dot import Drawing
from mkdocs_journeys.drawing.journey import journey_drawing
from mkdocs_journeys.site.links import PageLinks, PageRef
from mkdocs_journeys.site.pages.base import PageKind, Sections
from mkdocs_journeys.site.templates import kpi_on_target

TOP = 5
"""How many pain points and opportunities the summary of a journey page lists (the stages list them all)."""


@dataclass(frozen=True)
class GlancePainPoint:
    """A pain point of the summary, with the step it is written in and where there: the stage as a whole, one of its
    touchpoints (the checkout's hidden fee is a pain point at the checkout) or one of its personas."""

    step: JourneyStep
    pain_point: PainPoint
    touchpoint: str | None = None
    persona: str | None = None


@dataclass(frozen=True)
class GlanceOpportunity:
    """An opportunity of the summary: one with an id (its own page, owner and status), and the journey's stages that
    name it or whose pain points it addresses, in journey order."""

    opportunity: Opportunity
    stages: tuple[str, ...]


@dataclass(frozen=True)
class Glance:
    """A journey at a glance: what its summary shows before the stages."""

    pain_point_count: int
    top_pain_points: list[GlancePainPoint]
    """Up to `TOP`, from the stages where the customer feels worst first (then in journey order); within a stage, its
    own, then its touchpoints', then its personas'."""
    opportunity_count: int
    """Every opportunity of the journey: those with an id and those written as plain text in a stage."""
    top_opportunities: list[GlanceOpportunity]
    """Up to `TOP` of those with an id, as a team works through them (`by_priority`: under way, planned, ideas)."""
    opportunity_notes: int
    """How many are written as plain text in the stages (listed there, not in the summary)."""
    kpis_measured: int
    kpis_on_target: int

    @property
    def opportunities_left_out(self) -> int:
        """Opportunities with an id that the summary does not list: the page then lists them all as well."""
        return self.opportunity_count - self.opportunity_notes - len(self.top_opportunities)


EVIDENCE_FIRST = {"observed": 0, "unstated": 1, "assumed": 2}
"""Within a stage, what research observed comes first, what the team assumes last."""


def glance(journey_map: JourneyMap, journey: Journey) -> Glance:
    """The pain points of the stages where the customer feels worst come first: they are what to fix first (within a
    stage, the observed ones first). Stages without an emotion score come last. The opportunities are the tracked ones, linked to their pages: plain text
    in a stage has no owner or status to put it in an order."""
    unscored = max(EMOTION_SCALE) + 1
    worst_first = sorted(
        enumerate(journey.stages), key=lambda item: (item[1].emotion.score if item[1].emotion else unscored, item[0])
    )
    pains = [
        GlancePainPoint(step, insight.item, insight.touchpoint, insight.persona)
        for _, step in worst_first
        for insight in sorted(step.insights, key=lambda insight: EVIDENCE_FIRST[insight.evidence])
        if isinstance(insight.item, PainPoint)
    ]
    stages_of: dict[str, list[str]] = {}
    for step in journey.stages:
        for opportunity_id in journey_map.opportunities_of_step((journey.id, step.stage)):
            stages_of.setdefault(opportunity_id, []).append(step.stage)
    for opportunity_id in journey_map.opportunities_of_journey(journey.id):
        stages_of.setdefault(opportunity_id, [])
    tracked = by_priority(journey_map.catalog.opportunities[o] for o in stages_of)
    notes = sum(isinstance(item, OpportunityNote) for step in journey.stages for item in step.opportunities)
    measured = [  # the stages' KPIs and those measured at their touchpoints
        kpi_on_target(insight.item)
        for step in journey.stages
        for insight in step.insights
        if isinstance(insight.item, Kpi)
    ]
    kpis = [on_target for on_target in measured if on_target is not None]
    return Glance(
        len(pains),
        pains[:TOP],
        len(tracked) + notes,
        [GlanceOpportunity(o, tuple(dict.fromkeys(stages_of[o.id]))) for o in tracked[:TOP]],
        notes,
        len(kpis),
        sum(kpis),
    )


class JourneyPage(PageKind, name="journey", entity=JOURNEY, nav_title="Journey maps"):
    def context(self, page: PageRef) -> dict[str, Any]:
        journey = self.catalog.journeys[page.entity_id]
        return {
            "journey": journey,
            "steps": [(step, self.catalog.stages[step.stage]) for step in journey.stages],
            "glance": glance(self.map, journey),
            "funnel": self.build.advisor.funnel(journey),
        }

    def drawing(self, page: PageRef, links: PageLinks) -> Drawing | None:
        return journey_drawing(self.map, links, page.entity_id)

    def sections(self, page: PageRef, links: PageLinks) -> Sections:
        sections = super().sections(page, links)
        journey = self.catalog.journeys[page.entity_id]
        sections.stage_content = lambda step: self._stage_content(page, links, journey, step)
        sections.funnel = self._funnel(page, links, journey)
        sections.emotion_curve = self._emotion_curve(page, links, journey)
        ids = self.map.opportunities_of_journey(journey.id)
        sections.opportunities = self.opportunities(page, links, ids, "this journey")
        return sections

    def _stage_content(self, page: PageRef, links: PageLinks, journey: Journey, step: JourneyStep) -> Markup:
        """After each stage: the funnel there, what is published and what to publish, for each persona."""
        advisor = self.build.advisor
        listed = set(step.content.existing) if step.content else set()
        per_persona = [
            (
                self.catalog.personas[persona_id],
                [a for a in advisor.published_for(persona_id, step.stage) if a.id not in listed],
                advisor.suggestions_for_step(journey, step, persona_id),
            )
            for persona_id in journey.personas
        ]
        funnel = advisor.funnel(journey)
        return self.part(
            "content/journey-stage.html.j2",
            page,
            links,
            journey=journey,
            step=step,
            stage=self.catalog.stages[step.stage],
            funnel_stage=funnel.stage(step.stage) if funnel else None,
            after_conversion=funnel.after_stage(step.stage) if funnel else None,
            per_persona=per_persona,
        )

    def _funnel(self, page: PageRef, links: PageLinks, journey: Journey) -> Markup:
        funnel = self.build.advisor.funnel(journey)
        if funnel is None:
            return Markup("")
        chart = Markup("")
        if funnel.has_counts:
            names = {stage.id: stage.name for stage in self.map.stages}
            title = f"Funnel of {journey.name}"
            wide = funnel_svg(funnel, names, id_prefix=_chart_id(page, "funnel"), title=title)
            narrow = funnel_svg(funnel, names, id_prefix=_chart_id(page, "funnel-narrow"), title=title, narrow=True)
            chart = self.build.deferred.hold(_figure(wide, narrow))
        return self.part("content/journey-funnel.md.j2", page, links, journey=journey, funnel=funnel, chart=chart)

    def _emotion_curve(self, page: PageRef, links: PageLinks, journey: Journey) -> Markup:
        """The high and low points of the emotion curve, in words (the curve itself is drawn in the map); and a chart of
        each persona's curve when the journey's personas feel a stage differently."""
        points = [
            EmotionPoint(s.stage, self.catalog.stages[s.stage].name, s.emotion.score if s.emotion else None)
            for s in journey.stages
        ]
        chart = Markup("")
        series = self._persona_curves(journey)
        if series:
            names = [self.catalog.stages[s.stage].name for s in journey.stages]
            title = f"Emotion curves of {journey.name}, one per persona"
            svg = emotion_curves_svg(names, series, id_prefix=_chart_id(page, "emotion"), title=title)
            chart = self.build.deferred.hold(_figure(svg))
        extremes = emotion_extremes(points)
        if (extremes.peak is None or extremes.valley is None) and not series:
            return Markup("")
        steps = {s.stage: s for s in journey.stages}
        return self.part(
            "content/journey-emotion.md.j2",
            page,
            links,
            journey=journey,
            chart=chart,
            peak=steps[extremes.peak.stage] if extremes.peak else None,
            valley=steps[extremes.valley.stage] if extremes.valley else None,
        )

    def _persona_curves(self, journey: Journey) -> list[EmotionSeries]:
        """One curve per persona when the personas of the journey feel a stage differently (`by_persona`): each
        persona's own emotion where given, the stage's elsewhere. None when they all share the stage's emotion."""
        if not any(lived.emotion for step in journey.stages for lived in step.by_persona.values()):
            return []
        curves = []
        for persona_id in journey.personas:
            scores = []
            for step in journey.stages:
                lived = step.by_persona.get(persona_id)
                emotion = lived.emotion if lived is not None and lived.emotion is not None else step.emotion
                scores.append(emotion.score if emotion is not None else None)
            curves.append(EmotionSeries(self.catalog.personas[persona_id].name, tuple(scores)))
        return curves


def _chart_id(page: PageRef, kind: str) -> str:
    """Unique on the page: one chart of each kind per journey page."""
    return f"journeys-{kind}-{page.entity_id}"


def _figure(*forms: str) -> Markup:
    """Raw HTML that Markdown passes through untouched: one block, no blank line inside. The stylesheet shows the
    form of the chart that fits."""
    return Markup('<div class="journeys-chart-figure">\n' + "\n".join(forms) + "\n</div>")
