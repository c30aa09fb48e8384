"""Nodes that several diagrams draw the same way: a journey, a persona."""

from __future__ import annotations

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.model import Journey
from mkdocs_journeys.drawing.dot import AttrValue, DiagramLinks, Html, href, lines, score_text, small, text, tooltip
from mkdocs_journeys.drawing.theme import BG, MUTED


def journey_node(catalog: Catalog, links: DiagramLinks, journey: Journey) -> dict[str, AttrValue]:
    scored = [(step.emotion.score, catalog.stages[step.stage].name) for step in journey.stages if step.emotion]
    low = min(scored, key=lambda s: s[0]) if scored else None
    detail = f"{len(journey.stages)} stages"
    if low is not None and low[0] < 0:
        detail += f" · low {score_text(low[0])} in {low[1]}"
    return {
        "label": Html(
            f"{small('JOURNEY', MUTED, 9)}<BR/><B>{lines(journey.name, 24, 3)}</B><BR/>{small(text(detail))}"
        ),
        "fillcolor": BG,
        "URL": href(links, "journey", journey.id),
        "tooltip": tooltip(journey.summary or journey.name),
        "class": "jd-journey",
    }


def persona_node(catalog: Catalog, links: DiagramLinks, persona_id: str) -> dict[str, AttrValue]:
    persona = catalog.personas[persona_id]
    return {
        "label": Html(f"<B>{lines(persona.name, 22, 2)}</B><BR/>{small(lines(persona.role, 28, 3))}"),
        "fillcolor": BG,
        "URL": href(links, "persona", persona_id),
        "tooltip": tooltip(persona.summary or persona.name),
        "class": "jd-persona",
    }
