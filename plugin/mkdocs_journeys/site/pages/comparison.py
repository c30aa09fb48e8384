"""A to-be journey against the current one it improves: both emotion curves on one chart, the two funnels side by
side, and what changes stage by stage."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from markupsafe import Markup

from mkdocs_journeys.advice.comparison import Comparison
from mkdocs_journeys.data.kinds import JOURNEY
from mkdocs_journeys.data.model import Journey
from mkdocs_journeys.data.view import JourneyMap
from mkdocs_journeys.drawing.charts import EmotionSeries, emotion_curves_svg, funnel_svg
from mkdocs_journeys.site.links import PageLinks, PageRef
from mkdocs_journeys.site.pages.base import PageKind, Sections


class ComparisonPage(PageKind, name="comparison", entity=JOURNEY, nav_title="To-be journeys"):
    @classmethod
    def entries(cls, journey_map: JourneyMap) -> Iterator[tuple[str, str]]:
        """A page for each future journey that names the journey it improves."""
        for journey_id, journey in journey_map.catalog.journeys.items():
            if journey.improves is not None and journey.improves in journey_map.catalog.journeys:
                yield journey_id, journey.name

    @classmethod
    def path(cls, entity_id: str) -> str:
        return f"comparisons/{entity_id}.md"

    def _comparison(self, page: PageRef) -> Comparison:
        comparison = self.build.advisor.comparison(self.catalog.journeys[page.entity_id])
        assert comparison is not None, "only journeys that improve another have a comparison page"
        return comparison

    def context(self, page: PageRef) -> dict[str, Any]:
        comparison = self._comparison(page)
        return {
            "comparison": comparison,
            "current": comparison.current,
            "future": comparison.future,
            "funnels": tuple(
                funnel if (funnel := self.build.advisor.funnel(journey)) is not None and funnel.has_counts else None
                for journey in (comparison.current, comparison.future)
            ),
        }

    def sections(self, page: PageRef, links: PageLinks) -> Sections:
        """`sections.emotion_curve`: both curves on one chart; `sections.funnel`: the two funnels side by side."""
        sections = super().sections(page, links)
        comparison = self._comparison(page)
        names = {stage.id: stage.name for stage in self.map.stages}
        stages = [change.stage for change in comparison.stages]

        def scores(journey: Journey) -> tuple[int | None, ...]:
            emotions = {step.stage: step.emotion for step in journey.stages}
            return tuple(emotion.score if (emotion := emotions.get(s)) is not None else None for s in stages)

        series = [
            EmotionSeries(f"Today: {comparison.current.name}", scores(comparison.current)),
            EmotionSeries(f"To be: {comparison.future.name}", scores(comparison.future)),
        ]
        if any(value is not None for line in series for value in line.scores):
            svg = emotion_curves_svg(
                [names[s] for s in stages],
                series,
                id_prefix=f"journeys-compare-emotion-{page.entity_id}",
                title=f"Emotion today and to be: {comparison.future.name}",
            )
            sections.emotion_curve = self.build.deferred.hold(
                Markup(f'<div class="journeys-chart-figure">\n{svg}\n</div>')
            )
        figures = []
        for label, journey in (("Today", comparison.current), ("To be", comparison.future)):
            funnel = self.build.advisor.funnel(journey)
            if funnel is not None and funnel.has_counts:  # a funnel of leaving rates only has no bars to draw
                svg = funnel_svg(
                    funnel,
                    names,
                    id_prefix=f"journeys-compare-funnel-{label.lower().replace(' ', '-')}-{page.entity_id}",
                    title=f"{label}: funnel of {journey.name}",
                )
                figures.append(f'<div class="journeys-chart-figure"><p><strong>{label}</strong></p>\n{svg}\n</div>')
        if figures:
            sections.funnel = self.build.deferred.hold(
                Markup('<div class="journeys-side-by-side">\n' + "\n".join(figures) + "\n</div>")
            )
        return sections
