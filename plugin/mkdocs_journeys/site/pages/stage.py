"""A stage's page: what it means, its pain points and KPIs across journeys, where it appears, and its content."""

from __future__ import annotations

from typing import Any

from mkdocs_journeys.advice.coverage import CoverageStatus
from mkdocs_journeys.data.kinds import STAGE
from mkdocs_journeys.site.links import PageLinks, PageRef
from mkdocs_journeys.site.pages.base import PageKind, Sections


class StagePage(PageKind, name="stage", entity=STAGE, nav_title="Stages"):
    def context(self, page: PageRef) -> dict[str, Any]:
        catalog, journey_map = self.catalog, self.map
        stage_id = page.entity_id
        appearances = [
            (catalog.journeys[j], journey_map.step(catalog.journeys[j], stage_id))
            for j in journey_map.journeys_through_stage(stage_id)
        ]
        used = {t for _, step in appearances for t in step.touchpoint_ids}
        position = journey_map.stage_position(stage_id)
        stages = journey_map.stages
        return {
            "stage": catalog.stages[stage_id],
            "appearances": appearances,
            "pain_points": [(journey, pain) for journey, step in appearances for pain in step.pain_points],
            "kpis": [(journey, kpi) for journey, step in appearances for kpi in step.kpis],
            "touchpoints": [t for t in journey_map.touchpoints if t.id in used],
            "previous_stage": stages[position - 1] if position > 0 else None,
            "next_stage": stages[position + 1] if position + 1 < len(stages) else None,
            "assets": self.build.advisor.published_at_stage(stage_id),
        }

    def sections(self, page: PageRef, links: PageLinks) -> Sections:
        """The formats suggested here, and each persona's coverage in this stage."""
        sections = super().sections(page, links)
        stage = self.catalog.stages[page.entity_id]
        coverage = self.build.advisor.coverage
        cells = [
            (self.catalog.personas[p], coverage.cell(p, stage.id))
            for p in coverage.personas
            if coverage.cell(p, stage.id).status is not CoverageStatus.NOT_MAPPED
        ]
        groups = self.build.advisor.formats_at_stage(stage)
        sections.content = self.part("content/stage.md.j2", page, links, stage=stage, groups=groups, cells=cells)
        ids = self.map.opportunities_of_stage(stage.id)
        sections.opportunities = self.opportunities(page, links, ids, "this stage")
        return sections
