"""The whole journey map of a site once loaded: every entity by id, in the order staff expect to see them."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from mkdocs_journeys.data.kinds import EntityKind
from mkdocs_journeys.data.model import Channel, ContentAsset, FormatChanges, Journey, Persona, Stage, Touchpoint
from mkdocs_journeys.data.yaml_source import PathKey, SourceMap

T = TypeVar("T")


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
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    _remembered: dict[Hashable, Any] | None = field(default=None, init=False, repr=False, compare=False)

    def freeze(self) -> None:
        """Declare the catalog complete: nothing is added, removed or replaced any more (`plan_site` does this).

        From then on, what `remember` computes is computed once. Pages ask the same questions of the catalog many
        times (the formats of a stage, a persona's journeys through a stage), and at a thousand journeys
        answering each from scratch made a build quadratic in the number of journeys.
        """
        if self._remembered is None:
            self._remembered = {}

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`, remembered under `key` once the catalog is frozen; computed every time before."""
        if self._remembered is None:
            return compute()
        if key not in self._remembered:
            self._remembered[key] = compute()
        return self._remembered[key]  # type: ignore[no-any-return]

    def collection(self, kind: EntityKind) -> dict[str, Any]:
        """The entities of `kind`, by id."""
        return getattr(self, kind.collection)  # type: ignore[no-any-return]

    def stage_position(self, stage_id: str) -> int:
        return list(self.stages).index(stage_id)

    def origin(self, kind: str, entity_id: str) -> Origin | None:
        return self.origins.get((kind, entity_id))
