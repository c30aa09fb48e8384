"""`mkdocs-journeys export`: the checked journey map as JSON, for dashboards, spreadsheets and other tools.

Every entity keeps its id and all its fields (absent optional fields are `null`, absent lists `[]`, so consumers
see one stable shape). References are resolved: where the YAML says `persona: ana`, the export says
`{"id": "ana", "name": "Ana Souza"}`, so a consumer never has to join the lists itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.diagnostics import json_text
from mkdocs_journeys.data.kinds import CONTENT, ENTITY_KINDS, JOURNEY, PERSONA, STAGE, TOUCHPOINT
from mkdocs_journeys.data.model import ContentAsset, Journey, JourneyStep, Persona, Stage, Touchpoint

EXPORT_FORMATS = ("json",)
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

    def persona(self, persona_id: str) -> dict[str, Any]:
        return {"id": persona_id, "name": self.catalog.personas[persona_id].name}

    def stage(self, stage_id: str) -> dict[str, Any]:
        return {"id": stage_id, "name": self.catalog.stages[stage_id].name}

    def channel(self, channel_id: str) -> dict[str, Any]:
        return {"id": channel_id, "name": self.catalog.channels[channel_id].name}

    def touchpoint(self, touchpoint_id: str) -> dict[str, Any]:
        touchpoint = self.catalog.touchpoints[touchpoint_id]
        return {"id": touchpoint_id, "name": touchpoint.name, "channel": self.channel(touchpoint.channel)}

    def content(self, asset_id: str) -> dict[str, Any]:
        return {"id": asset_id, "title": self.catalog.content[asset_id].title}


def _persona(persona: Persona, refs: _References) -> dict[str, Any]:
    data = persona.model_dump(mode="json")
    data["preferred_channels"] = [refs.channel(c) for c in persona.preferred_channels]
    return data


def _plain(entity: BaseModel, _refs: _References) -> dict[str, Any]:
    return entity.model_dump(mode="json")


def _stage(stage: Stage, _refs: _References) -> dict[str, Any]:
    data = stage.model_dump(mode="json")
    data["type"] = stage.stage_type  # the effective type: written, or implied by a common id
    return data


def _touchpoint(touchpoint: Touchpoint, refs: _References) -> dict[str, Any]:
    data = touchpoint.model_dump(mode="json")
    data["channel"] = refs.channel(touchpoint.channel)
    return data


def _content(asset: ContentAsset, refs: _References) -> dict[str, Any]:
    data = asset.model_dump(mode="json")
    data["stages"] = [refs.stage(s) for s in asset.stages]
    data["personas"] = [refs.persona(p) for p in asset.personas]
    return data


def _journey(journey: Journey, refs: _References) -> dict[str, Any]:
    data = journey.model_dump(mode="json")
    data["personas"] = [refs.persona(p) for p in journey.personas]
    data["stages"] = [_step(step, refs) for step in journey.stages]
    return data


def _step(step: JourneyStep, refs: _References) -> dict[str, Any]:
    data = step.model_dump(mode="json")
    data["stage"] = refs.stage(step.stage)
    data["touchpoints"] = [refs.touchpoint(t) for t in step.touchpoints]
    if step.emotion is not None:
        data["emotion"]["label"] = step.emotion.label
    if step.content is not None:
        data["content"]["existing"] = [refs.content(a) for a in step.content.existing]
    return data


_EXPORTERS: dict[str, Exporter] = {
    PERSONA.name: _persona,
    JOURNEY.name: _journey,
    STAGE.name: _stage,
    TOUCHPOINT.name: _touchpoint,
    CONTENT.name: _content,
}
"""Kinds whose export resolves references or adds derived fields; the others are exported as they are."""
