"""A touchpoint's page: who meets it, in which journeys and stages, what happens there, and its survey."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mkdocs_journeys.advice.funnel import is_leaving_rate
from mkdocs_journeys.data.kinds import TOUCHPOINT
from mkdocs_journeys.drawing.dot import Drawing
from mkdocs_journeys.drawing.touchpoint import touchpoint_drawing
from mkdocs_journeys.site.links import PageLinks, PageRef
from mkdocs_journeys.site.pages.base import NavItem, PageKind, Sections, nav_title


class TouchpointPage(PageKind, name="touchpoint", entity=TOUCHPOINT, nav_title="Touchpoints"):
    def context(self, page: PageRef) -> dict[str, Any]:
        catalog, journey_map = self.catalog, self.map
        touchpoint = catalog.touchpoints[page.entity_id]
        uses = journey_map.moments_of_touchpoint(touchpoint.id)
        used_stages = {use.stage for use in uses}
        return {
            "touchpoint": touchpoint,
            "channel": catalog.channels[touchpoint.channel],
            "uses": uses,
            "personas": [catalog.personas[p] for p in journey_map.personas_of_touchpoint(touchpoint.id)],
            "stages": [stage for stage in journey_map.stages if stage.id in used_stages],
            "step_of": lambda use: journey_map.step(catalog.journeys[use.journey], use.stage),
            "leaving_rates": lambda moment: [kpi for kpi in moment.kpis if is_leaving_rate(kpi)],
        }

    def drawing(self, page: PageRef, links: PageLinks) -> Drawing | None:
        return touchpoint_drawing(self.map, links, page.entity_id)

    def sections(self, page: PageRef, links: PageLinks) -> Sections:
        sections = super().sections(page, links)
        ids = self.map.opportunities_of_touchpoint(page.entity_id)
        sections.opportunities = self.opportunities(page, links, ids, "this touchpoint")
        return sections

    def nav(self, pages: Mapping[str, PageRef]) -> NavItem | None:
        """Touchpoints grouped by channel, channels and touchpoints by name."""
        groups = []
        for channel in self.map.channels_with_touchpoints:
            entries = [
                {nav_title(pages[t].title): pages[t].src_uri}
                for t in self.map.touchpoints_of_channel(channel.id)
                if t in pages
            ]
            if entries:
                groups.append({nav_title(channel.name): entries})
        return {self.nav_title: groups} if groups else None
