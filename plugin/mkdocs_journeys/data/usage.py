"""Who uses what: the reverse links between personas, journeys, stages, touchpoints, channels and content.

Computed once from the catalog, then read by validation (unused things are warnings), pages (every page lists
what points at it) and diagrams. Pure data in, pure data out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from mkdocs_journeys.data.catalog import Catalog


@dataclass(frozen=True, order=True)
class Use:
    """One use of a touchpoint (or channel): in this stage of this journey."""

    journey: str
    stage: str


@dataclass
class UsageIndex:
    journeys_by_persona: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    journeys_by_stage: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    uses_by_touchpoint: dict[str, list[Use]] = field(default_factory=lambda: defaultdict(list))
    touchpoints_by_persona: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    touchpoints_by_channel: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    content_by_stage: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    content_by_persona: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def personas_of_touchpoint(self, touchpoint_id: str, catalog: Catalog) -> list[str]:
        journeys = {use.journey for use in self.uses_by_touchpoint.get(touchpoint_id, [])}
        return sorted(
            {p for j in journeys for p in catalog.journeys[j].personas}, key=lambda p: catalog.personas[p].name
        )


def build_index(catalog: Catalog) -> UsageIndex:
    """Lists come out sorted the way pages show them: journeys and personas by name, stages in stage order."""
    index = UsageIndex()
    by_name = sorted(catalog.journeys.values(), key=lambda j: (j.name.lower(), j.id))
    met: set[tuple[str, str]] = set()  # (persona, touchpoint) already listed
    for journey in by_name:
        for persona_id in journey.personas:
            index.journeys_by_persona[persona_id].append(journey.id)
        for step in journey.stages:
            index.journeys_by_stage[step.stage].append(journey.id)
            for touchpoint_id in step.touchpoints:
                index.uses_by_touchpoint[touchpoint_id].append(Use(journey.id, step.stage))
                for persona_id in journey.personas:
                    if (persona_id, touchpoint_id) not in met:
                        met.add((persona_id, touchpoint_id))
                        index.touchpoints_by_persona[persona_id].append(touchpoint_id)
    for touchpoint_ids in index.touchpoints_by_persona.values():
        touchpoint_ids.sort(key=lambda t: catalog.touchpoints[t].name.lower())
    for touchpoint in sorted(catalog.touchpoints.values(), key=lambda t: t.name.lower()):
        index.touchpoints_by_channel[touchpoint.channel].append(touchpoint.id)
    for asset in sorted(catalog.content.values(), key=lambda a: a.title.lower()):
        for stage_id in asset.stages:
            index.content_by_stage[stage_id].append(asset.id)
        for persona_id in asset.personas or list(catalog.personas):
            index.content_by_persona[persona_id].append(asset.id)
    return index
