"""The content advice on generated pages, plugged in through the renderer's `Sections` seam.

Journey pages get the emotion curve, the funnel and, after each stage, what is published and what to publish;
persona and stage pages get their content coverage and the suggestions for it. Python gathers the data (from the
pure modules `suggestions`, `coverage`, `funnel`, `charts`); templates under `templates/content/` lay it out, so
teams can override them by name like any page template.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import jinja2
from markupsafe import Markup

from mkdocs_journeys.advice.coverage import CoverageMatrix, CoverageStatus, coverage_matrix
from mkdocs_journeys.advice.funnel import Funnel, journey_funnel, percent
from mkdocs_journeys.advice.inventory import assets_serving
from mkdocs_journeys.advice.library import format_name, formats_for
from mkdocs_journeys.advice.suggestions import suggestions_for_step
from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.formats import format_registry
from mkdocs_journeys.data.model import ContentFormat, Journey, JourneyStep
from mkdocs_journeys.data.usage import UsageIndex
from mkdocs_journeys.drawing.charts import EmotionPoint, emotion_curve_svg, emotion_extremes, funnel_svg
from mkdocs_journeys.site.deferred import DeferredHtml
from mkdocs_journeys.site.links import LinkIndex, PageRef
from mkdocs_journeys.site.pages import Sections, emotion_text, kpi_status


@dataclass
class ContentSections:
    catalog: Catalog
    usage: UsageIndex
    links: LinkIndex
    environment: jinja2.Environment
    deferred: DeferredHtml

    def add_to(self, sections: Sections, page: PageRef) -> Sections:
        """`sections` with this module's parts filled in for `page` (others, such as the diagram, are kept)."""
        if page.kind == "journey":
            journey = self.catalog.journeys[page.entity_id]
            return replace(
                sections,
                stage_content=lambda step: self._stage_content(page, journey, step),
                funnel=self._funnel(page, journey),
                emotion_curve=self._emotion_curve(page, journey),
            )
        if page.kind == "persona":
            return replace(sections, content=self._persona_content(page))
        if page.kind == "stage":
            return replace(sections, content=self._stage_page_content(page))
        return sections

    @cached_property
    def coverage(self) -> CoverageMatrix:
        return coverage_matrix(self.catalog)

    @cached_property
    def registry(self) -> dict[str, ContentFormat]:
        return format_registry(self.catalog)

    # --- journey pages ------------------------------------------------------------------------------------------

    def _stage_content(self, page: PageRef, journey: Journey, step: JourneyStep) -> Markup:
        listed = set(step.content.existing) if step.content else set()
        per_persona = [
            (
                self.catalog.personas[persona_id],
                [a for a in assets_serving(self.catalog, persona_id, step.stage) if a.id not in listed],
                suggestions_for_step(self.catalog, journey, step, persona_id),
            )
            for persona_id in journey.personas
        ]
        funnel = self._journey_funnel(journey)
        return self._render(
            "content/journey-stage.md.j2",
            page,
            journey=journey,
            step=step,
            stage=self.catalog.stages[step.stage],
            funnel_stage=funnel.stage(step.stage) if funnel else None,
            per_persona=per_persona,
        )

    def _funnel(self, page: PageRef, journey: Journey) -> Markup:
        funnel = self._journey_funnel(journey)
        if funnel is None:
            return Markup("")
        svg = funnel_svg(
            funnel, self._stage_names(), id_prefix=self._chart_id(page, "funnel"), title=f"Funnel of {journey.name}"
        )
        return self._render(
            "content/journey-funnel.md.j2", page, journey=journey, funnel=funnel, chart=self.deferred.hold(_figure(svg))
        )

    def _emotion_curve(self, page: PageRef, journey: Journey) -> Markup:
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
        svg = emotion_curve_svg(
            points, id_prefix=self._chart_id(page, "emotion"), title=f"Emotion curve of {journey.name}"
        )
        extremes = emotion_extremes(points)
        steps = {s.stage: s for s in journey.stages}
        return self._render(
            "content/journey-emotion.md.j2",
            page,
            journey=journey,
            chart=self.deferred.hold(_figure(svg)),
            peak=steps[extremes.peak.stage] if extremes.peak else None,
            valley=steps[extremes.valley.stage] if extremes.valley else None,
        )

    # --- persona and stage pages ----------------------------------------------------------------------------

    def _persona_content(self, page: PageRef) -> Markup:
        rows = [(self.catalog.stages[cell.stage], cell) for cell in self.coverage.row(page.entity_id)]
        return self._render("content/persona.md.j2", page, persona=self.catalog.personas[page.entity_id], rows=rows)

    def _stage_page_content(self, page: PageRef) -> Markup:
        stage = self.catalog.stages[page.entity_id]
        cells = [
            (self.catalog.personas[p], self.coverage.cell(p, stage.id))
            for p in self.coverage.personas
            if self.coverage.cell(p, stage.id).status is not CoverageStatus.NOT_MAPPED
        ]
        return self._render(
            "content/stage.md.j2", page, stage=stage, formats=formats_for(self.catalog, stage), cells=cells
        )

    # --- helpers ----------------------------------------------------------------------------------------------

    def _journey_funnel(self, journey: Journey) -> Funnel | None:
        """Built once per journey, not once per stage of its page."""
        return self.catalog.remember(
            ("journey_funnel", journey.id), lambda: journey_funnel([(s.stage, s.entering) for s in journey.stages])
        )

    def _render(self, template: str, page: PageRef, **context: Any) -> Markup:
        text = self.environment.get_template(template).render(
            {**template_context(self.catalog, self.links, page, self.registry), **context}
        )
        return Markup(text)

    def _stage_names(self) -> dict[str, str]:
        return {stage_id: stage.name for stage_id, stage in self.catalog.stages.items()}

    def _chart_id(self, page: PageRef, kind: str) -> str:
        """Unique on the page: one chart of each kind per journey page."""
        return f"journeys-{kind}-{page.entity_id}"


def template_context(
    catalog: Catalog, links: LinkIndex, page: PageRef, registry: dict[str, ContentFormat]
) -> dict[str, Any]:
    """What the content templates (and `coverage.md.j2`) use besides their own data."""
    return {
        "page": page,
        "catalog": catalog,
        "link": lambda kind, entity_id="", text=None: links.link(page.src_uri, kind, entity_id, text),
        "emotion": emotion_text,
        "kpi_status": kpi_status,
        "format_name": lambda format_id: format_name(registry, format_id),
        "percent": percent,
    }


def _figure(svg: str) -> Markup:
    """Raw HTML that Markdown passes through untouched: one block, no blank line inside."""
    return Markup(f'<div class="journeys-chart-figure">\n{svg}\n</div>')
