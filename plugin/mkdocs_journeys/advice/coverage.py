"""Content coverage: for every persona and stage, is something published for them there, or is it a gap?

A cell is
- covered: at least one asset serves the persona in the stage (see `Advisor.published_for`);
- a gap: the persona goes through the stage in a journey, and nothing is published for them there;
- not mapped: nothing is published and no journey of theirs includes the stage: either the journey map is not
  finished, or the stage does not apply to them. Shown apart from gaps, so that a team decides which it is.
Every cell that is not covered carries the content suggested for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from mkdocs_journeys.advice.suggestions import ContentSuggestion

if TYPE_CHECKING:
    from mkdocs_journeys.advice.advisor import Advisor


class CoverageStatus(str, Enum):
    COVERED = "covered"
    GAP = "gap"
    NOT_MAPPED = "not mapped"

    @property
    def symbol(self) -> str:
        """Shown with the word, so a cell reads without colour."""
        return _SYMBOLS[self]


_SYMBOLS = {CoverageStatus.COVERED: "✅", CoverageStatus.GAP: "❌", CoverageStatus.NOT_MAPPED: "○"}


@dataclass(frozen=True)
class CoverageCell:
    persona: str
    stage: str
    status: CoverageStatus
    assets: tuple[str, ...] = ()
    """Ids of the assets published for the persona in the stage, by title."""
    journeys: tuple[str, ...] = ()
    """Ids of the persona's journeys through the stage, by name."""
    suggestions: tuple[ContentSuggestion, ...] = ()
    """What to publish there that is not published yet, best first."""

    @property
    def is_gap(self) -> bool:
        return self.status is CoverageStatus.GAP


@dataclass(frozen=True)
class CoverageMatrix:
    personas: tuple[str, ...]
    stages: tuple[str, ...]
    cells: dict[tuple[str, str], CoverageCell]

    def cell(self, persona_id: str, stage_id: str) -> CoverageCell:
        return self.cells[(persona_id, stage_id)]

    def row(self, persona_id: str) -> list[CoverageCell]:
        return [self.cells[(persona_id, s)] for s in self.stages]

    @property
    def gaps(self) -> list[CoverageCell]:
        """Gaps by persona (in matrix order), then in stage order."""
        return self._with(CoverageStatus.GAP)

    @property
    def not_mapped(self) -> list[CoverageCell]:
        return self._with(CoverageStatus.NOT_MAPPED)

    @property
    def covered(self) -> list[CoverageCell]:
        return self._with(CoverageStatus.COVERED)

    def _with(self, status: CoverageStatus) -> list[CoverageCell]:
        return [self.cells[(p, s)] for p in self.personas for s in self.stages if self.cells[(p, s)].status is status]


def coverage_matrix(advisor: Advisor) -> CoverageMatrix:
    """Personas by name, stages in customer order."""
    journey_map = advisor.map
    personas = tuple(p.id for p in journey_map.personas)
    stages = tuple(s.id for s in journey_map.stages)
    cells = {(p, s): coverage_cell(advisor, p, s) for p in personas for s in stages}
    return CoverageMatrix(personas, stages, cells)


def coverage_cell(advisor: Advisor, persona_id: str, stage_id: str) -> CoverageCell:
    assets = tuple(a.id for a in advisor.published_for(persona_id, stage_id))
    journeys = advisor.map.journeys_of((persona_id, stage_id))
    suggestions = advisor.suggestions_for_persona(persona_id, stage_id)
    if assets:
        status = CoverageStatus.COVERED
    elif journeys:
        status = CoverageStatus.GAP
    else:
        status = CoverageStatus.NOT_MAPPED
    return CoverageCell(persona_id, stage_id, status, assets, journeys, tuple(s for s in suggestions if s.is_open))
