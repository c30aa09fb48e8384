"""A persona's page: who they are, their journeys, the touchpoints they meet, their pain points and content."""

from __future__ import annotations

from typing import Any

from mkdocs_journeys.data.kinds import PERSONA
from mkdocs_journeys.data.model import Journey, PainPoint, Persona
from mkdocs_journeys.drawing.dot import Diagram
from mkdocs_journeys.drawing.persona import persona_dot
from mkdocs_journeys.site.links import PageLinks, PageRef
from mkdocs_journeys.site.pages.base import PageKind, Sections


class PersonaPage(PageKind, name="persona", entity=PERSONA, nav_title="Personas"):
    def context(self, page: PageRef) -> dict[str, Any]:
        catalog, journey_map = self.catalog, self.map
        persona_id = page.entity_id
        journeys = [catalog.journeys[j] for j in journey_map.journeys_of_persona(persona_id)]
        journey_ids = {j.id for j in journeys}
        touchpoint_rows = [
            (
                catalog.touchpoints[touchpoint_id],
                [use for use in journey_map.uses_of_touchpoint(touchpoint_id) if use.journey in journey_ids],
            )
            for touchpoint_id in journey_map.touchpoints_of_persona(persona_id)
        ]
        return {
            "persona": catalog.personas[persona_id],
            "journeys": journeys,
            "touchpoint_rows": touchpoint_rows,
            "pain_points_by_stage": self._pain_points_by_stage(journeys, persona_id),
            "profile": _profile(catalog.personas[persona_id]),
        }

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

    def diagram(self, page: PageRef, links: PageLinks) -> Diagram | None:
        return persona_dot(self.map, links, page.entity_id)

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
