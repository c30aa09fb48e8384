"""The content inventory seen from a persona in a stage: what is published for them there, and where they go.

Shared by the suggestion engine (which marks formats already published) and the coverage matrix (which marks
gaps), so both agree on what "published for this persona at this stage" means.
"""

from __future__ import annotations

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.model import ContentAsset, Journey


def assets_serving(catalog: Catalog, persona_id: str, stage_id: str) -> list[ContentAsset]:
    """Assets that serve the persona at the stage, by title.

    An asset serves them when `content.yml` lists the stage and the persona (an empty `personas` means everyone),
    or when a journey with this persona lists it under `content: existing:` in that stage.
    """
    return list(
        catalog.remember(("assets_serving", persona_id, stage_id), lambda: _serving(catalog, persona_id, stage_id))
    )


def _serving(catalog: Catalog, persona_id: str, stage_id: str) -> tuple[ContentAsset, ...]:
    found = {
        asset.id
        for asset in catalog.content.values()
        if stage_id in asset.stages and (not asset.personas or persona_id in asset.personas)
    }
    for journey in journeys_through(catalog, persona_id, stage_id):
        for step in journey.stages:
            if step.stage == stage_id and step.content:
                found.update(a for a in step.content.existing if a in catalog.content)
    return tuple(sorted((catalog.content[a] for a in found), key=lambda a: (a.title.lower(), a.id)))


def journeys_through(catalog: Catalog, persona_id: str, stage_id: str) -> list[Journey]:
    """The persona's journeys that include the stage, by name."""
    index = catalog.remember(("journeys_through",), lambda: _journeys_by_persona_and_stage(catalog))
    return list(index.get((persona_id, stage_id), ()))


def _journeys_by_persona_and_stage(catalog: Catalog) -> dict[tuple[str, str], tuple[Journey, ...]]:
    found: dict[tuple[str, str], list[Journey]] = {}
    for journey in sorted(catalog.journeys.values(), key=lambda j: (j.name.lower(), j.id)):
        for persona_id in dict.fromkeys(journey.personas):
            for stage_id in dict.fromkeys(step.stage for step in journey.stages):
                found.setdefault((persona_id, stage_id), []).append(journey)
    return {key: tuple(journeys) for key, journeys in found.items()}
