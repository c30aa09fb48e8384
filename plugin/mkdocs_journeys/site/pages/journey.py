"""A journey's page: its diagram, the stage-by-stage map, the emotion curve, the funnel and content per stage."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from mkdocs_journeys.data.kinds import JOURNEY
from mkdocs_journeys.data.model import Journey, JourneyStep
from mkdocs_journeys.drawing.charts import EmotionPoint, emotion_curve_svg, emotion_extremes, funnel_svg
from mkdocs_journeys.drawing.dot import Diagram
from mkdocs_journeys.drawing.journey import journey_dot
from mkdocs_journeys.site.links import PageLinks, PageRef
from mkdocs_journeys.site.pages.base import PageKind, Sections


class JourneyPage(PageKind, name="journey", entity=JOURNEY, nav_title="Journey maps"):
    def context(self, page: PageRef) -> dict[str, Any]:
        journey = self.catalog.journeys[page.entity_id]
        return {"journey": journey, "steps": [(step, self.catalog.stages[step.stage]) for step in journey.stages]}

    def diagram(self, page: PageRef, links: PageLinks) -> Diagram | None:
        return journey_dot(self.map, links, page.entity_id)

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
            svg = funnel_svg(funnel, names, id_prefix=_chart_id(page, "funnel"), title=f"Funnel of {journey.name}")
            chart = self.build.deferred.hold(_figure(svg))
        return self.part("content/journey-funnel.md.j2", page, links, journey=journey, funnel=funnel, chart=chart)

    def _emotion_curve(self, page: PageRef, links: PageLinks, journey: Journey) -> Markup:
        points = [
            EmotionPoint(
                s.stage,
                self.catalog.stages[s.stage].name,
                s.emotion.score if s.emotion else None,
                s.emotion.note if s.emotion else None,
                tuple(s.pain_points),
            )
            for s in journey.stages
        ]
        if sum(1 for p in points if p.score is not None) < 2:
            return Markup("")
        svg = emotion_curve_svg(points, id_prefix=_chart_id(page, "emotion"), title=f"Emotion curve of {journey.name}")
        extremes = emotion_extremes(points)
        steps = {s.stage: s for s in journey.stages}
        return self.part(
            "content/journey-emotion.md.j2",
            page,
            links,
            journey=journey,
            chart=self.build.deferred.hold(_figure(svg)),
            peak=steps[extremes.peak.stage] if extremes.peak else None,
            valley=steps[extremes.valley.stage] if extremes.valley else None,
        )


def _chart_id(page: PageRef, kind: str) -> str:
    """Unique on the page: one chart of each kind per journey page."""
    return f"journeys-{kind}-{page.entity_id}"


def _figure(svg: str) -> Markup:
    """Raw HTML that Markdown passes through untouched: one block, no blank line inside."""
    return Markup(f'<div class="journeys-chart-figure">\n{svg}\n</div>')
