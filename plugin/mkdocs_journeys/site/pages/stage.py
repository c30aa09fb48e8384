"""A stage's page: what it means, its pain points, KPIs and opportunities across journeys (those of its touchpoints
and personas too), where it appears, and its content."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from mkdocs_journeys.advice.coverage import CoverageStatus
from mkdocs_journeys.data.kinds import STAGE
from mkdocs_journeys.data.model import Journey, JourneyStep, Kpi, OpportunityNote, PainPoint
from mkdocs_journeys.site.links import PageLinks, PageRef
from mkdocs_journeys.site.pages.base import PageKind, Sections

T = TypeVar("T")


@dataclass(frozen=True)
class Recorded(Generic[T]):
    """Something a journey records in the stage, and where in it: the stage as a whole, one of its touchpoints (on one
    of its paths), or one of its personas."""

    journey: Journey
    item: T
    touchpoint: str | None = None
    path: str | None = None
    """The name of the path the touchpoint is on, when the stage forks."""
    persona: str | None = None


@dataclass(frozen=True)
class StageRollup:
    """What the journeys through a stage record there, journeys by name; within one, the stage's own first, then its
    touchpoints' and its personas', as written. A touchpoint's pain point (the checkout's hidden fee) is what its
    owner has to fix, so it is listed with the stage's, named by its touchpoint."""

    pain_points: tuple[Recorded[PainPoint], ...]
    kpis: tuple[Recorded[Kpi], ...]
    opportunity_notes: tuple[Recorded[OpportunityNote], ...]
    """Opportunities written as plain text (no owner, no status); those with an id are on the page's own list."""


def stage_rollup(appearances: Sequence[tuple[Journey, JourneyStep]]) -> StageRollup:
    pains: list[Recorded[PainPoint]] = []
    kpis: list[Recorded[Kpi]] = []
    notes: list[Recorded[OpportunityNote]] = []
    for journey, step in appearances:
        path_names = {path.id: path.name for path in step.paths}
        for insight in step.insights:
            where = {
                "touchpoint": insight.touchpoint,
                "path": path_names.get(insight.path or ""),
                "persona": insight.persona,
            }
            if isinstance(insight.item, PainPoint):
                pains.append(Recorded(journey, insight.item, **where))
            elif isinstance(insight.item, Kpi):
                kpis.append(Recorded(journey, insight.item, **where))
        notes += [Recorded(journey, item) for item in step.opportunities if isinstance(item, OpportunityNote)]
    return StageRollup(tuple(pains), tuple(kpis), tuple(notes))


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
            "rollup": stage_rollup(appearances),
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
