"""A persona's page: who they are, their journeys, the touchpoints they meet, their pain points and content."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mkdocs_journeys.data.kinds import PERSONA
from mkdocs_journeys.data.model import Journey, PainPoint, Persona, Touchpoint
from mkdocs_journeys.drawing.dot import Drawing
from mkdocs_journeys.drawing.persona import persona_drawing
from mkdocs_journeys.site.links import PageLinks, PageRef
from mkdocs_journeys.site.pages.base import PageKind, Sections


@dataclass(frozen=True)
class TouchpointRow:
    """A touchpoint a persona meets: the stages they meet it in (customer order) and the journeys that use it."""

    touchpoint: Touchpoint
    stages: list[str]
    journeys: list[str]


class PersonaPage(PageKind, name="persona", entity=PERSONA, nav_title="Personas"):
    def context(self, page: PageRef) -> dict[str, Any]:
        catalog, journey_map = self.catalog, self.map
        persona_id = page.entity_id
        journeys = [catalog.journeys[j] for j in journey_map.journeys_of_persona(persona_id)]
        return {
            "persona": catalog.personas[persona_id],
            "journeys": journeys,
            "touchpoint_rows": self._touchpoints_in_customer_order(persona_id, journeys),
            "pain_points_by_stage": self._pain_points_by_stage(journeys, persona_id),
            "profile": _profile(catalog.personas[persona_id]),
        }

    def _touchpoints_in_customer_order(self, persona_id: str, journeys: list[Journey]) -> list[TouchpointRow]:
        """The touchpoints the persona meets, in the order they first meet them: by the first stage they are used in,
        then as that stage lists them. Each with its stages in customer order and, when the persona takes several
        journeys, the journeys that use it."""
        stages: dict[str, dict[str, None]] = {}
        used_in: dict[str, dict[str, None]] = {}
        first: dict[str, tuple[int, int]] = {}
        for journey in journeys:
            for step in journey.stages:
                position = self.map.stage_position(step.stage)
                for order, touchpoint_id in enumerate(step.touchpoint_ids):
                    stages.setdefault(touchpoint_id, {})[step.stage] = None
                    used_in.setdefault(touchpoint_id, {})[journey.id] = None
                    first[touchpoint_id] = min(first.get(touchpoint_id, (position, order)), (position, order))
        ordered = sorted(self.map.touchpoints_of_persona(persona_id), key=lambda t: first.get(t, (len(first), 0)))
        return [
            TouchpointRow(
                self.catalog.touchpoints[t],
                sorted(stages.get(t, {}), key=self.map.stage_position),
                [j.id for j in journeys if j.id in used_in.get(t, {})],
            )
            for t in ordered
        ]

    def _pain_points_by_stage(
        self, journeys: list[Journey], persona_id: str
    ) -> list[tuple[Any, list[tuple[Journey, PainPoint]]]]:
        """Every pain point of their journeys' stages (at a touchpoint too), but those of the other personas."""
        by_stage: dict[str, list[tuple[Journey, PainPoint]]] = {}
        for journey in journeys:
            for step in journey.stages:
                pains = [
                    insight.item
                    for insight in step.insights
                    if isinstance(insight.item, PainPoint) and insight.persona in (None, persona_id)
                ]
                by_stage.setdefault(step.stage, []).extend((journey, pain) for pain in pains)
        return [(stage, by_stage[stage.id]) for stage in self.map.stages if by_stage.get(stage.id)]

    def drawing(self, page: PageRef, links: PageLinks) -> Drawing | None:
        return persona_drawing(self.map, links, page.entity_id)

    def sections(self, page: PageRef, links: PageLinks) -> Sections:
        sections = super().sections(page, links)
        coverage = self.build.advisor.coverage
        rows = [(self.catalog.stages[cell.stage], cell) for cell in coverage.row(page.entity_id)]
        persona = self.catalog.personas[page.entity_id]
        sections.content = self.part("content/persona.md.j2", page, links, persona=persona, rows=rows)
        ids = self.map.opportunities_of_persona(persona.id)
        sections.opportunities = self.opportunities(page, links, ids, f"the journeys of {persona.name}")
        return sections


_DEMOGRAPHICS = {
    "age": "Age",
    "age_range": "Age range",
    "gender": "Gender",
    "location": "Location",
    "income_band": "Income band",
    "household": "Household",
    "status": "Status",
    "socio_professional_category": "Socio-professional category",
}


def _profile(persona: Persona) -> list[tuple[str, str]]:
    """The facts of the profile table: the demographics the persona gives, then the team's own attributes."""
    found = []
    if persona.demographics is not None:
        for key, label in _DEMOGRAPHICS.items():
            value = getattr(persona.demographics, key)
            if value is not None:
                found.append((label, str(value)))
    return found + list(persona.attributes.items())
