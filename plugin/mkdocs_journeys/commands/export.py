"""`mkdocs-journeys export`: the checked journey map as JSON, for dashboards and other tools (CSV: `tables.py`).

Every entity keeps its id and all its fields (absent optional fields are `null`, absent lists `[]`, so consumers
see one stable shape). References are resolved: where the YAML says `persona: ana`, the export says
`{"id": "ana", "name": "Ana Souza"}` (`{id, title}` for content, opportunities and research sources), so a
consumer never has to join the lists itself.

What the first format had keeps its shape: a stage's touchpoint entry is `{id, name, channel}` with what happens
there added (`emotion`, `pain_points`, …); a pain point, delight or quote is a string, or an object
`{text, sources, confidence, …}` when it cites research or has an id; a stage's plain-text opportunity is a string,
one defined or named there `{id, title}` (defined in full in the top-level `opportunities`). The guide's YAML
reference documents the export under "Export".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.diagnostics import json_text
from mkdocs_journeys.data.kinds import CONTENT, ENTITY_KINDS, JOURNEY, OPPORTUNITY, PERSONA, STAGE, TOUCHPOINT
from mkdocs_journeys.data.model import (
    ContentAsset,
    Insight,
    Journey,
    JourneyStep,
    Opportunity,
    OpportunityNote,
    OpportunityReference,
    PainPoint,
    Persona,
    PersonaMoment,
    Quote,
    Stage,
    Touchpoint,
    TouchpointMoment,
)
from mkdocs_journeys.data.view import JourneyMap

EXPORT_FORMATS = ("json", "csv")
"""`json`: this module, on stdout; `csv`: one file per table (`tables.py`)."""
Exporter = Callable[[Any, "_References"], dict[str, Any]]


def export_catalog(catalog: Catalog) -> dict[str, Any]:
    """Plain data, in the order of the catalog: stages as in `stages.yml`, the rest as loaded."""
    refs = _References(catalog)
    exported: dict[str, Any] = {}
    for kind in ENTITY_KINDS.values():
        exporter: Exporter = _EXPORTERS.get(kind.name, _plain)
        exported[kind.collection] = [exporter(entity, refs) for entity in catalog.collection(kind).values()]
    return exported


def export_json(catalog: Catalog) -> str:
    return json_text(export_catalog(catalog)) + "\n"


class _References:
    """`{id, name}` for each kind of reference. The catalog is checked, so every id is known."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.journey_map = JourneyMap(catalog)

    def persona(self, persona_id: str) -> dict[str, Any]:
        return {"id": persona_id, "name": self.catalog.personas[persona_id].name}

    def journey(self, journey_id: str) -> dict[str, Any]:
        return {"id": journey_id, "name": self.catalog.journeys[journey_id].name}

    def stage(self, stage_id: str) -> dict[str, Any]:
        return {"id": stage_id, "name": self.catalog.stages[stage_id].name}

    def channel(self, channel_id: str) -> dict[str, Any]:
        return {"id": channel_id, "name": self.catalog.channels[channel_id].name}

    def touchpoint(self, touchpoint_id: str) -> dict[str, Any]:
        touchpoint = self.catalog.touchpoints[touchpoint_id]
        return {"id": touchpoint_id, "name": touchpoint.name, "channel": self.channel(touchpoint.channel)}

    def content(self, asset_id: str) -> dict[str, Any]:
        return {"id": asset_id, "title": self.catalog.content[asset_id].title}

    def source(self, source_id: str) -> dict[str, Any]:
        return {"id": source_id, "title": self.catalog.sources[source_id].title}

    def opportunity(self, opportunity_id: str) -> dict[str, Any]:
        return {"id": opportunity_id, "title": self.catalog.opportunities[opportunity_id].title}

    def sources(self, data: dict[str, Any]) -> dict[str, Any]:
        """A dumped insight (or anything that cites research) with its `sources` resolved."""
        if "sources" in data:
            data["sources"] = [self.source(s) for s in data["sources"]]
        return data


def _persona(persona: Persona, refs: _References) -> dict[str, Any]:
    data = persona.model_dump(mode="json")
    data["preferred_channels"] = [refs.channel(c) for c in persona.preferred_channels]
    for role in data["buying_group"]:
        role["persona"] = refs.persona(role["persona"]) if role["persona"] else None
    return refs.sources(data)


def _plain(entity: BaseModel, _refs: _References) -> dict[str, Any]:
    return entity.model_dump(mode="json")


def _stage(stage: Stage, _refs: _References) -> dict[str, Any]:
    data = stage.model_dump(mode="json")
    data["type"] = stage.stage_type  # the effective type: written, or implied by a common id
    return data


def _touchpoint(touchpoint: Touchpoint, refs: _References) -> dict[str, Any]:
    data = touchpoint.model_dump(mode="json")
    data["channel"] = refs.channel(touchpoint.channel)
    if data["survey"] is not None:
        data["survey"]["results"] = [refs.sources(result) for result in data["survey"]["results"]]
    return data


def _content(asset: ContentAsset, refs: _References) -> dict[str, Any]:
    data = asset.model_dump(mode="json")
    data["stages"] = [refs.stage(s) for s in asset.stages]
    data["personas"] = [refs.persona(p) for p in asset.personas]
    return data


def _journey(journey: Journey, refs: _References) -> dict[str, Any]:
    data = journey.model_dump(mode="json")
    data["personas"] = [refs.persona(p) for p in journey.personas]
    data["state"] = journey.current_state  # the effective state: a journey that improves another is a future one
    data["improves"] = refs.journey(journey.improves) if journey.improves else None
    data["stages"] = [_step(step, refs) for step in journey.stages]
    return refs.sources(data)


def _step(step: JourneyStep, refs: _References) -> dict[str, Any]:
    """Today's shape for what the first format had (a touchpoint entry is an object, a plain pain point or
    opportunity a string) and objects for what cites research, names an id or is new."""
    data = step.model_dump(mode="json")
    data["stage"] = refs.stage(step.stage)
    data["touchpoints"] = [_moment(moment, refs) for moment in step.touchpoints]
    for path, dumped in zip(step.paths, data["paths"], strict=True):
        dumped["touchpoints"] = [_moment(moment, refs) for moment in path.touchpoints]
    _insights(data, step, refs)
    data["by_persona"] = [
        {"persona": refs.persona(persona_id), **_insights(lived.model_dump(mode="json"), lived, refs)}
        for persona_id, lived in step.by_persona.items()
    ]
    data["opportunities"] = [
        item.text if isinstance(item, OpportunityNote) else refs.opportunity(_opportunity_id(item))
        for item in step.opportunities
    ]
    data["loops_back"] = [{"to": refs.stage(loop.to), "when": loop.when} for loop in step.loops_back]
    data["continues_into"] = [
        {
            "journey": refs.journey(c.journey),
            "stage": refs.stage(c.stage) if c.stage else None,
            "when": c.when,
        }
        for c in step.continues_into
    ]
    if step.content is not None:
        data["content"]["existing"] = [refs.content(a) for a in step.content.existing]
    return data


def _opportunity_id(item: OpportunityReference | Opportunity) -> str:
    return item.opportunity if isinstance(item, OpportunityReference) else item.id


def _moment(moment: TouchpointMoment, refs: _References) -> dict[str, Any]:
    """A touchpoint entry: the touchpoint (`{id, name, channel}`, as it always was) and what happens there."""
    dumped = moment.model_dump(mode="json", exclude={"touchpoint"})
    return {**refs.touchpoint(moment.touchpoint), **_insights(dumped, moment, refs)}


def _insights(
    data: dict[str, Any], holder: JourneyStep | TouchpointMoment | PersonaMoment, refs: _References
) -> dict[str, Any]:
    """Emotions with their label; pain points, delights and quotes as strings, or objects when they say more; KPIs
    and everything else that cites research with its sources resolved."""
    if holder.emotion is not None:
        data["emotion"] = {**refs.sources(data["emotion"]), "label": holder.emotion.label}
    for key in ("pain_points", "delights", "quotes"):
        data[key] = [_text_or_object(item, refs) for item in getattr(holder, key)]
    if "kpis" in data:
        data["kpis"] = [refs.sources(kpi) for kpi in data["kpis"]]
    return refs.sources(data)


def _text_or_object(item: PainPoint | Insight | Quote, refs: _References) -> Any:
    dumped = item.model_dump(mode="json")
    if all(not value for key, value in dumped.items() if key != "text"):
        return item.text
    return refs.sources(dumped)


def _opportunity(opportunity: Opportunity, refs: _References) -> dict[str, Any]:
    data = opportunity.model_dump(mode="json")
    targets = opportunity.addresses
    journey_map = refs.journey_map
    data["addresses"] = {
        "journeys": [refs.journey(j) for j in targets.journeys] if targets else [],
        "stages": [refs.stage(s) for s in targets.stages] if targets else [],
        "touchpoints": [refs.touchpoint(t) for t in targets.touchpoints] if targets else [],
        "pain_points": [_pain_point(pain_id, journey_map, refs) for pain_id in targets.pain_points] if targets else [],
    }
    data["in_stages"] = [
        {"journey": refs.journey(journey_id), "stage": refs.stage(stage_id)}
        for journey_id, stage_id in journey_map.places_of_opportunity(opportunity.id)
    ]
    return data


def _pain_point(pain_id: str, journey_map: JourneyMap, refs: _References) -> dict[str, Any]:
    place = journey_map.pain_point(pain_id)
    assert place is not None, f"pain point {pain_id} was checked"
    return {
        "id": pain_id,
        "text": place.pain_point.text,
        "journey": refs.journey(place.journey),
        "stage": refs.stage(place.stage),
    }


_EXPORTERS: dict[str, Exporter] = {
    PERSONA.name: _persona,
    JOURNEY.name: _journey,
    STAGE.name: _stage,
    TOUCHPOINT.name: _touchpoint,
    CONTENT.name: _content,
    OPPORTUNITY.name: _opportunity,
}
"""Kinds whose export resolves references or adds derived fields; the others are exported as they are."""
