"""Nodes that several diagrams draw the same way: the entity a page is about, a journey, a persona."""

from __future__ import annotations

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.model import Journey
from mkdocs_journeys.drawing import dot, theme


def subject_node(
    kind: str, entity_id: str, name: str, name_lines: int, detail: str, about: str, links: dot.DiagramLinks
) -> dict[str, dot.AttrValue]:
    """The entity the page is about, in the stage colour: its kind in capitals, its name, and `detail` (already
    escaped label text)."""
    return {
        "label": dot.Html(
            f"{dot.small(kind.upper(), theme.STAGE_FG, 9)}<BR/><B>{dot.lines(name, 22, name_lines)}</B><BR/>"
            f"{dot.small(detail, theme.STAGE_FG)}"
        ),
        "fillcolor": theme.STAGE_BG,
        "fontcolor": theme.STAGE_FG,
        "color": theme.STAGE_BG,
        "URL": dot.href(links, kind, entity_id),
        "tooltip": dot.tooltip(about),
        "class": f"jd-{kind}",
    }


def journey_node(catalog: Catalog, links: dot.DiagramLinks, journey: Journey) -> dict[str, dot.AttrValue]:
    scored = [(step.emotion.score, catalog.stages[step.stage].name) for step in journey.stages if step.emotion]
    low = min(scored, key=lambda s: s[0]) if scored else None
    detail = f"{len(journey.stages)} stages"
    if low is not None and low[0] < 0:
        detail += f" · low {dot.score_text(low[0])} in {low[1]}"
    return {
        "label": dot.Html(
            f"{dot.small('JOURNEY', theme.MUTED, 9)}<BR/><B>{dot.lines(journey.name, 24, 3)}</B><BR/>{dot.small(dot.text(detail))}"
        ),
        "fillcolor": theme.BG,
        "URL": dot.href(links, "journey", journey.id),
        "tooltip": dot.tooltip(journey.summary or journey.name),
        "class": "jd-journey",
    }


def persona_node(catalog: Catalog, links: dot.DiagramLinks, persona_id: str) -> dict[str, dot.AttrValue]:
    persona = catalog.personas[persona_id]
    return {
        "label": dot.Html(f"<B>{dot.lines(persona.name, 22, 2)}</B><BR/>{dot.small(dot.lines(persona.role, 28, 3))}"),
        "fillcolor": theme.BG,
        "URL": dot.href(links, "persona", persona_id),
        "tooltip": dot.tooltip(persona.summary or persona.name),
        "class": "jd-persona",
    }
