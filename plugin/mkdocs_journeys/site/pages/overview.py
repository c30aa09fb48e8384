"""The overview: what is mapped, at a glance, with the overview diagram."""

from __future__ import annotations

from typing import Any

from mkdocs_journeys.drawing.dot import Drawing
from mkdocs_journeys.drawing.overview import overview_drawing
from mkdocs_journeys.site.links import PageLinks, PageRef
from mkdocs_journeys.site.pages.base import PageKind


class OverviewPage(PageKind, name="overview", file="index.md", title="Overview"):
    def context(self, page: PageRef) -> dict[str, Any]:
        journey_map = self.map
        return {
            "section_title": self.build.section_title,
            "personas": journey_map.personas,
            "journeys": journey_map.journeys,
            "stages": journey_map.stages,
            "channels": journey_map.channels_with_touchpoints,
            "touchpoints_by_channel": {
                c.id: journey_map.touchpoints_of_channel(c.id) for c in journey_map.channels_with_touchpoints
            },
            "touchpoint_count": len(self.catalog.touchpoints),
        }

    def drawing(self, page: PageRef, links: PageLinks) -> Drawing | None:
        return overview_drawing(self.map, links)
