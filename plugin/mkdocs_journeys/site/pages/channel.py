"""A channel's page: its touchpoints and the personas it reaches or who prefer it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mkdocs_journeys.data.kinds import CHANNEL
from mkdocs_journeys.data.view import JourneyMap
from mkdocs_journeys.site.links import PageRef
from mkdocs_journeys.site.pages.base import PageKind


class ChannelPage(PageKind, name="channel", entity=CHANNEL, nav_title="Channels"):
    @classmethod
    def entries(cls, journey_map: JourneyMap) -> Iterator[tuple[str, str]]:
        """A page for each channel something refers to; an unused built-in channel gets none."""
        referred = {channel.id for channel in journey_map.channels}
        for channel_id, channel in journey_map.catalog.channels.items():
            if channel_id in referred:
                yield channel_id, channel.name

    def nav_order(self) -> list[str]:
        return [channel.id for channel in self.map.channels]

    def context(self, page: PageRef) -> dict[str, Any]:
        catalog, journey_map = self.catalog, self.map
        channel_id = page.entity_id
        touchpoints = journey_map.touchpoints_of_channel(channel_id)
        reached = {p for t in touchpoints for p in journey_map.personas_of_touchpoint(t)}
        return {
            "channel": catalog.channels[channel_id],
            "touchpoints": [catalog.touchpoints[t] for t in touchpoints],
            "reached_personas": [p for p in journey_map.personas if p.id in reached],
            "preferring_personas": [p for p in journey_map.personas if channel_id in p.preferred_channels],
        }
