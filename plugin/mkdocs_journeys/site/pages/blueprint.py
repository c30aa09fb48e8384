"""A journey's service blueprint: its own page, for the journeys whose stages record blueprint lanes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mkdocs_journeys.data.kinds import JOURNEY
from mkdocs_journeys.data.view import JourneyMap
from mkdocs_journeys.drawing.blueprint import LINES, blueprint_drawing
from mkdocs_journeys.drawing.dot import Drawing
from mkdocs_journeys.site.links import PageLinks, PageRef
from mkdocs_journeys.site.pages.base import PageKind


class BlueprintPage(PageKind, name="blueprint", entity=JOURNEY, nav_title="Service blueprints"):
    @classmethod
    def entries(cls, journey_map: JourneyMap) -> Iterator[tuple[str, str]]:
        for journey_id, journey in journey_map.catalog.journeys.items():
            if any(step.has_blueprint for step in journey.stages):
                yield journey_id, journey.name

    @classmethod
    def path(cls, entity_id: str) -> str:
        return f"blueprints/{entity_id}.md"

    def context(self, page: PageRef) -> dict[str, Any]:
        journey = self.catalog.journeys[page.entity_id]
        return {
            "journey": journey,
            "steps": [(step, self.catalog.stages[step.stage]) for step in journey.stages],
            "lines": LINES,
        }

    def drawing(self, page: PageRef, links: PageLinks) -> Drawing | None:
        return blueprint_drawing(self.map, links, page.entity_id)
