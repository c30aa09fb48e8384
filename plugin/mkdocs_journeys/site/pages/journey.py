"""A journey's page: summary first (the map, the key numbers, the top pain points and opportunities, the funnel),
then each stage with its details folded away, where search still finds them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from mkdocs_journeys.data.kinds import JOURNEY
from mkdocs_journeys.data.model import EMOTION_SCALE, Journey, JourneyStep
from mkdocs_journeys.drawing.charts import EmotionPoint, emotion_extremes, funnel_svg
from mkdocs_journeys.drawing.dot import Drawing
from mkdocs_journeys.drawing.journey import journey_drawing
from mkdocs_journeys.site.links import PageLinks, PageRef
from mkdocs_journeys.site.pages.base import PageKind, Sections
from mkdocs_journeys.site.templates import kpi_on_target

TOP = 5
"""How many pain points and opportunities the summary of a journey page lists (the stages list them all)."""


@dataclass(frozen=True)
class Glance:
    """A journey at a glance: what its summary shows before the stages."""

    pain_point_count: int
    top_pain_points: list[tuple[JourneyStep, str]]
    """Up to `TOP`, from the stages where the customer feels worst first (then in journey order)."""
    opportunity_count: int
    top_opportunities: list[tuple[JourneyStep, str]]
    """Up to `TOP`, in the same order: where the customer feels worst, the opportunities matter most."""
    kpis_measured: int
    kpis_on_target: int


def glance(journey: Journey) -> Glance:
    """The pain points and opportunities of the stages where the customer feels worst come first: they are what to
    fix first. Stages without an emotion score come last."""
    unscored = max(EMOTION_SCALE) + 1
    worst_first = sorted(
        enumerate(journey.stages), key=lambda item: (item[1].emotion.score if item[1].emotion else unscored, item[0])
    )
    pains = [(step, pain) for _, step in worst_first for pain in step.pain_points]
    opportunities = [(step, text) for _, step in worst_first for text in step.opportunities]
    measured = [kpi_on_target(kpi) for step in journey.stages for kpi in step.kpis]
    kpis = [on_target for on_target in measured if on_target is not None]
    return Glance(len(pains), pains[:TOP], len(opportunities), opportunities[:TOP], len(kpis), sum(kpis))


class JourneyPage(PageKind, name="journey", entity=JOURNEY, nav_title="Journey maps"):
    def context(self, page: PageRef) -> dict[str, Any]:
        journey = self.catalog.journeys[page.entity_id]
        return {
            "journey": journey,
            "steps": [(step, self.catalog.stages[step.stage]) for step in journey.stages],
            "glance": glance(journey),
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
            "content/journey-stage.md.j2",
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
        """The high and low points of the emotion curve, in words: the curve itself is drawn in the map."""
        points = [
            EmotionPoint(s.stage, self.catalog.stages[s.stage].name, s.emotion.score if s.emotion else None)
            for s in journey.stages
        ]
        extremes = emotion_extremes(points)
        if extremes.peak is None or extremes.valley is None:
            return Markup("")
        steps = {s.stage: s for s in journey.stages}
        return self.part(
            "content/journey-emotion.md.j2",
            page,
            links,
            journey=journey,
            peak=steps[extremes.peak.stage],
            valley=steps[extremes.valley.stage],
        )


def _chart_id(page: PageRef, kind: str) -> str:
    """Unique on the page: one chart of each kind per journey page."""
    return f"journeys-{kind}-{page.entity_id}"


def _figure(*forms: str) -> Markup:
    """Raw HTML that Markdown passes through untouched: one block, no blank line inside. The stylesheet shows the
    form of the chart that fits."""
    return Markup('<div class="journeys-chart-figure">\n' + "\n".join(forms) + "\n</div>")
