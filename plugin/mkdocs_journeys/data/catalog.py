"""The whole journey map of a site once loaded: every entity by id, in the order staff expect to see them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mkdocs_journeys.data.kinds import EntityKind
from mkdocs_journeys.data.model import (
    Business,
    Channel,
    ContentAsset,
    ContentFormat,
    FormatChanges,
    Industry,
    Journey,
    Persona,
    Stage,
    Touchpoint,
)
from mkdocs_journeys.data.yaml_source import PathKey, SourceMap


@dataclass(frozen=True)
class Origin:
    """Where an entity is defined, so later checks (references, diagrams) can point back at the YAML."""

    source: SourceMap
    location: PathKey = ()

    @property
    def path(self) -> str:
        return self.source.path


@dataclass
class Catalog:
    """Stages keep the order of `stages.yml`; everything else is sorted by name when shown."""

    stages: dict[str, Stage] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=dict)
    touchpoints: dict[str, Touchpoint] = field(default_factory=dict)
    personas: dict[str, Persona] = field(default_factory=dict)
    journeys: dict[str, Journey] = field(default_factory=dict)
    content: dict[str, ContentAsset] = field(default_factory=dict)
    library: dict[str, FormatChanges] = field(default_factory=dict)  # `library:` in content.yml, by stage type
    business: Business | None = None  # `business:` in content.yml
    formats: list[ContentFormat] = field(default_factory=list)  # `formats:` in content.yml: the team's own
    excluded_formats: list[str] = field(default_factory=list)  # `exclude:` in content.yml: switched off
    industries: list[Industry] = field(default_factory=list)  # `industries:` in content.yml: beyond the built-in
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    sources: dict[str, SourceMap] = field(default_factory=dict)
    """The shared files read, by schema name (`content`), for checks that point into a file with no entity to name."""

    def collection(self, kind: EntityKind) -> dict[str, Any]:
        """The entities of `kind`, by id."""
        return getattr(self, kind.collection)  # type: ignore[no-any-return]

    def origin(self, kind: str, entity_id: str) -> Origin | None:
        return self.origins.get((kind, entity_id))
