"""The whole journey map of a site once loaded: every entity by id, in the order staff expect to see them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
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
    Opportunity,
    Persona,
    ResearchSource,
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


@dataclass(frozen=True)
class JourneyFile:
    """A file beside a folder journey's `journey.yml`, published with its pages: a Markdown note (a page of its own,
    `text` holding its Markdown) or a file that notes show or link to (a picture, a PDF)."""

    journey: str
    name: str
    """The path relative to the journey's folder, with forward slashes: `research-notes.md`, `img/wall.jpg`."""
    path: Path
    text: str | None = None

    @property
    def is_note(self) -> bool:
        return self.text is not None

    @property
    def heading(self) -> str | None:
        """The note's first `# ` heading, if it has one."""
        found = _FIRST_HEADING.search(self.text or "")
        return found.group(1).strip().rstrip("#").strip() if found else None

    @property
    def title(self) -> str:
        """The note's first heading, else its file name in words (`research-notes.md` → `Research notes`)."""
        if self.heading:
            return self.heading
        words = PurePosixPath(self.name).stem.replace("-", " ").replace("_", " ").strip()
        return words[:1].upper() + words[1:]


_FIRST_HEADING = re.compile(r"^#[ \t]+(.+)$", re.MULTILINE)


@dataclass
class Catalog:
    """Stages keep the order of `stages.yml`; everything else is sorted by name when shown."""

    stages: dict[str, Stage] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=dict)
    touchpoints: dict[str, Touchpoint] = field(default_factory=dict)
    personas: dict[str, Persona] = field(default_factory=dict)
    journeys: dict[str, Journey] = field(default_factory=dict)
    content: dict[str, ContentAsset] = field(default_factory=dict)
    opportunities: dict[str, Opportunity] = field(default_factory=dict)
    """Those of `opportunities.yml`, then those defined inline in journeys' stages."""
    sources: dict[str, ResearchSource] = field(default_factory=dict)
    library: dict[str, FormatChanges] = field(default_factory=dict)  # `library:` in content.yml, by stage type
    journey_files: dict[str, tuple[JourneyFile, ...]] = field(default_factory=dict)
    """By journey id: the notes and other files beside a folder journey's `journey.yml`, by name."""
    business: Business | None = None  # `business:` in content.yml
    formats: list[ContentFormat] = field(default_factory=list)  # `formats:` in content.yml: the team's own
    excluded_formats: list[str] = field(default_factory=list)  # `exclude:` in content.yml: switched off
    industries: list[Industry] = field(default_factory=list)  # `industries:` in content.yml: beyond the built-in
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    files: dict[str, SourceMap] = field(default_factory=dict)
    """The shared files read, by schema name (`content`), for checks that point into a file with no entity to name."""

    def collection(self, kind: EntityKind) -> dict[str, Any]:
        """The entities of `kind`, by id."""
        return getattr(self, kind.collection)  # type: ignore[no-any-return]

    def origin(self, kind: str, entity_id: str) -> Origin | None:
        return self.origins.get((kind, entity_id))
