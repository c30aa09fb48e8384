"""The persona × touchpoint matrix: which persona meets which touchpoint, and in which stages."""

from __future__ import annotations

from typing import Any

from mkdocs_journeys.site.links import PageRef
from mkdocs_journeys.site.pages.base import PageKind


class MatrixPage(PageKind, name="matrix", file="persona-touchpoint-matrix.md", title="Persona × touchpoint matrix"):
    def context(self, page: PageRef) -> dict[str, Any]:
        catalog, journey_map = self.catalog, self.map
        rows = []
        for channel in journey_map.channels_with_touchpoints:
            for touchpoint_id in journey_map.touchpoints_of_channel(channel.id):
                met = {
                    (persona_id, use.stage)
                    for use in journey_map.uses_of_touchpoint(touchpoint_id)
                    for persona_id in catalog.journeys[use.journey].personas
                }
                cells = [
                    [s for s in journey_map.stages if (persona.id, s.id) in met] for persona in journey_map.personas
                ]
                rows.append((channel, catalog.touchpoints[touchpoint_id], cells))
        return {"personas": journey_map.personas, "rows": rows}
