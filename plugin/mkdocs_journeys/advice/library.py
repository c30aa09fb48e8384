"""Which content formats serve the customer at a stage: the built-in library with each team's changes applied.

The built-in library (`data/formats.py`) is the product's own marketing knowledge, written as data. A team changes
it at three levels,
each applied on top of the one before (see `FormatChanges` in `model.py`):

1. site: `library:` in `journeys/content.yml`, per common stage type;
2. stage: `content_formats:` on a stage in `journeys/stages.yml`;
3. journey stage: `content: {formats: …}` on one stage of one journey.

A stage takes the built-in formats of its type (`Stage.stage_type`: declared, or its id when that is a common
stage name). Everything here is pure: catalog in, ordered formats out.
"""

from __future__ import annotations

from collections.abc import Mapping

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.formats import BUILTIN_LIBRARY
from mkdocs_journeys.data.model import ContentFormat, FormatChanges, JourneyStep, Stage


def formats_for(
    catalog: Catalog, registry: Mapping[str, ContentFormat], stage: Stage, step: JourneyStep | None = None
) -> list[ContentFormat]:
    """The formats suggested for `stage` (in `step` of a journey, when given), after every level's changes;
    `registry` is every known format (`data.formats.format_registry`)."""
    stage_type = stage.stage_type
    formats = list(BUILTIN_LIBRARY.get(stage_type, ())) if stage_type else []
    levels = [
        catalog.library.get(stage_type) if stage_type else None,
        stage.content_formats,
        step.content.formats if step and step.content else None,
    ]
    for changes in levels:
        if changes is not None:
            formats = apply_changes(formats, changes, registry)
    return formats


def apply_changes(
    formats: list[ContentFormat], changes: FormatChanges, registry: Mapping[str, ContentFormat]
) -> list[ContentFormat]:
    """One level's changes: `replace` empties the list, `formats` redefine in place or append, `include` appends
    known formats not yet present, `exclude` removes. Unknown ids are left out (validation reports them)."""
    result = [] if changes.replace else list(formats)
    for definition in changes.formats:
        position = next((i for i, f in enumerate(result) if f.id == definition.id), None)
        if position is None:
            result.append(definition)
        else:
            result[position] = definition
    for format_id in changes.include:
        if format_id in registry and all(f.id != format_id for f in result):
            result.append(registry[format_id])
    excluded = set(changes.exclude)
    return [f for f in result if f.id not in excluded]


def format_name(registry: Mapping[str, ContentFormat], format_id: str) -> str:
    """The name of a format for display; an unknown id (a team's own format) becomes words: `white-paper` → `White paper`."""
    known = registry.get(format_id)
    return known.name if known else format_id.replace("-", " ").capitalize()
