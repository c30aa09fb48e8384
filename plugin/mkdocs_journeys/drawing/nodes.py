"""Nodes that several diagrams draw the same way: the entity a page is about, a journey, a persona."""

from __future__ import annotations

from collections.abc import Sequence

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
            f"{dot.small(kind.upper(), theme.STAGE_FG)}<BR/><B>{dot.lines(name, 22, name_lines)}</B><BR/>"
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
            f"{dot.small('JOURNEY', theme.MUTED)}<BR/><B>{dot.lines(journey.name, 24, 3)}</B><BR/>{dot.small(dot.text(detail))}"
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


# --- cards: the narrow forms of the persona, touchpoint and overview diagrams ---------------------------------------

CARD_WIDTH = 300
"""Width of a card's rows, in points: a card fits `dot.NARROW_WIDTH` with its border and padding."""


def card(rows: list[str]) -> str:
    """A narrow form drawn as one box of rows (an HTML-like table): nothing to lay out, so nothing sticks out."""
    return (
        f'<TABLE BORDER="1" STYLE="ROUNDED" CELLBORDER="0" CELLSPACING="0" CELLPADDING="4" '
        f'COLOR="{theme.LINE.placeholder}" BGCOLOR="{theme.BG.placeholder}">{"".join(rows)}</TABLE>'
    )


def card_row(content: str, *, href: str = "", tooltip: str = "", fill: theme.ThemeColor | None = None) -> str:
    """One row of a card: `content` is escaped label text; `href` a cell's ` HREF="…"` (`dot.cell_href`)."""
    background = f' BGCOLOR="{fill.placeholder}"' if fill is not None else ""
    about = f' TOOLTIP="{tooltip}"' if tooltip else ""
    return f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" WIDTH="{CARD_WIDTH}"{background}{href}{about}>{content}</TD></TR>'


def subject_row(kind: str, name: str, detail: str, href: str, tooltip: str) -> str:
    """The card's first row: the entity the page is about, in the stage colour, as `subject_node` draws it."""
    return card_row(
        f"{dot.small(kind.upper(), theme.STAGE_FG)}<BR/>"
        f'<FONT COLOR="{theme.STAGE_FG.placeholder}"><B>{dot.lines(name, 36, 2)}</B></FONT><BR/>'
        f"{dot.small(detail, theme.STAGE_FG)}",
        href=href,
        tooltip=tooltip,
        fill=theme.STAGE_BG,
    )


def card_drawing(name: str, rows: list[str]) -> dot.DotWriter:
    """The graph of a card: one node, the card."""
    graph = dot.start(name, "TB", pad=0.06)
    graph.node("card", shape="plain", style="", label=dot.Html(card(rows)))
    return graph


def more_node(graph: dot.DotWriter, name: str, noun: str, left_out: Sequence[str], css_class: str) -> None:
    """The node that stands for what a diagram leaves out past its limit ("… and 4 more journeys, listed below"),
    naming each in its tooltip: the page lists them all."""
    graph.node(
        name,
        None,
        label=dot.Html(dot.small(f"… and {len(left_out)} more {noun}, listed below", theme.FG, 11)),
        tooltip=dot.tooltip("Also: " + ", ".join(left_out)),
        **{"class": css_class},
    )
