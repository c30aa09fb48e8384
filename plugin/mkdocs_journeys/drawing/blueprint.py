"""The service blueprint of a journey: its stages as columns, and in rows what the customer does and meets, what staff
do in front of them, what happens out of their sight, and the processes and systems behind it all; and its narrow form
for phones, the stages one below the other, each with its lanes from top to bottom.

Drawn as one table, so that lanes and columns line up whatever their text; the three lines service design draws
between the lanes (interaction, visibility, internal interaction) are dashed rules across the table, each labelled.
Stages and touchpoints link to their pages.
"""

from __future__ import annotations

from collections.abc import Sequence

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.model import BlueprintAction, Journey, JourneyStep, SupportItem
from mkdocs_journeys.data.view import JourneyMap
from mkdocs_journeys.drawing import dot, theme
from mkdocs_journeys.drawing.nodes import CARD_WIDTH, card, card_row

# Width of a stage's column and of the lanes' names, in points: six stages fit the text column of mkdocs-material at
# full size (where they do not, the page shows the narrow form).
COLUMN_WIDTH = 88
LANE_WIDTH = 62
# Text per cell, before it is cut ("…" and the rest in the tooltip): enough for a few short actions.
LINE_CHARACTERS = 14
LINES_PER_ENTRY = 3
ENTRIES_SHOWN = 4
BLUEPRINT_MAX_STAGES = 30
"""Stages drawn in either form; past it, a note says how many more there are (the page lists them all)."""

LINES = {
    "interaction": "LINE OF INTERACTION",
    "visibility": "LINE OF VISIBILITY",
    "internal": "LINE OF INTERNAL INTERACTION",
}


def blueprint_drawing(journey_map: JourneyMap, links: dot.DiagramLinks, journey_id: str) -> dot.Drawing:
    return dot.Drawing(
        blueprint_dot(journey_map, links, journey_id), narrow_blueprint_dot(journey_map, links, journey_id)
    )


def blueprint_dot(journey_map: JourneyMap, links: dot.DiagramLinks, journey_id: str) -> dot.Diagram:
    catalog = journey_map.catalog
    journey = catalog.journeys[journey_id]
    steps = journey.stages[:BLUEPRINT_MAX_STAGES]
    columns = len(steps) + 1
    rows = [_header(catalog, links, steps)]
    rows.append(_lane("Customer actions", [_texts(step.actions) for step in steps]))
    rows.append(_lane("Touchpoints", [_touchpoints(catalog, links, step) for step in steps], shaded=True))
    rows.append(_line(LINES["interaction"], columns))
    rows.append(_lane("Frontstage", [_actions(step.frontstage) for step in steps]))
    rows.append(_line(LINES["visibility"], columns))
    rows.append(_lane("Backstage", [_actions(step.backstage) for step in steps]))
    rows.append(_line(LINES["internal"], columns))
    rows.append(_lane("Support: processes and systems", [_support(step.support) for step in steps], shaded=True))
    if len(journey.stages) > len(steps):
        more = dot.small(_more_stages(catalog, journey), theme.FG)
        rows.append(f'<TR><TD COLSPAN="{columns}" ALIGN="LEFT">{more}</TD></TR>')
    table = (
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="5" BGCOLOR="{theme.BG.placeholder}">'
        + "".join(rows)
        + "</TABLE>"
    )
    graph = dot.start(f"blueprint-{journey.id}", "TB")
    graph.node(
        "blueprint", dot.YamlRef("journey", journey.id, ("stages",)), shape="plain", style="", label=dot.Html(table)
    )
    return graph.diagram(f"Service blueprint: {journey.name}", _description(catalog, journey))


def _header(catalog: Catalog, links: dot.DiagramLinks, steps: Sequence[JourneyStep]) -> str:
    cells = [f'<TD WIDTH="{LANE_WIDTH}" ALIGN="LEFT">{dot.small("LANE", theme.MUTED)}</TD>']
    for position, step in enumerate(steps):
        stage = catalog.stages[step.stage]
        cells.append(
            f'<TD WIDTH="{COLUMN_WIDTH}" BGCOLOR="{theme.STAGE_BG.placeholder}"{dot.cell_href(links, "stage", stage.id)} '
            f'TOOLTIP="{dot.cell_tooltip(stage.name)}">{dot.small(f"STAGE {position + 1}", theme.STAGE_FG)}<BR/>'
            f'<FONT COLOR="{theme.STAGE_FG.placeholder}"><B>{dot.lines(stage.name, 14, 2)}</B></FONT></TD>'
        )
    return "<TR>" + "".join(cells) + "</TR>"


Cell = tuple[str, str]
"""A cell of a lane: its label (HTML-like, escaped) and its tooltip (the whole text, plain)."""


def _lane(name: str, cells: Sequence[Cell], *, shaded: bool = False) -> str:
    background = f' BGCOLOR="{theme.SURFACE.placeholder}"' if shaded else ""
    label = f'<TD ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT"{background}><B>{dot.lines(name, 11, 3)}</B></TD>'
    values = "".join(
        f'<TD ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT"{background}'
        + (f' TOOLTIP="{dot.cell_tooltip(about)}"' if about else "")
        + f">{markup}</TD>"
        for markup, about in cells
    )
    return "<TR>" + label + values + "</TR>"


def _line(words: str, columns: int) -> str:
    """A dashed rule across the table, with its name at the left."""
    return (
        f'<TR><TD COLSPAN="{columns}" HEIGHT="14" ALIGN="LEFT" BORDER="1" SIDES="B" STYLE="dashed" '
        f'COLOR="{theme.LINE.placeholder}">{dot.small(words, theme.MUTED)}</TD></TR>'
    )


def _entries(items: Sequence[str], width: int = LINE_CHARACTERS) -> Cell:
    """Items one under the other, each wrapped at `width` characters; past `ENTRIES_SHOWN`, how many more there are.
    The tooltip holds every item in full."""
    if not items:
        return dot.small("—"), ""
    shown = items[:ENTRIES_SHOWN]
    text = "".join(dot.lines(f"• {item}", width, LINES_PER_ENTRY, "LEFT") for item in shown)
    rest = len(items) - len(shown)
    more = dot.small(f"and {rest} more") + '<BR ALIGN="LEFT"/>' if rest else ""
    return text + more, "\n".join(f"• {item}" for item in items)


def _texts(items: Sequence[str], width: int = LINE_CHARACTERS) -> Cell:
    return _entries(list(items), width)


def _actions(actions: Sequence[BlueprintAction], width: int = LINE_CHARACTERS) -> Cell:
    return _entries([a.action + (f" ({a.owner})" if a.owner else "") for a in actions], width)


def _support(items: Sequence[SupportItem], width: int = LINE_CHARACTERS) -> Cell:
    return _entries([s.name + (f" ({s.kind})" if s.kind else "") for s in items], width)


def _touchpoints(catalog: Catalog, links: dot.DiagramLinks, step: JourneyStep) -> Cell:
    """One linked cell per touchpoint of the stage (its paths' too)."""
    found = [t for t in step.touchpoint_ids if t in catalog.touchpoints]
    if not found:
        return dot.small("—"), ""
    cells = "".join(
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"{dot.cell_href(links, "touchpoint", t)} '
        f'TOOLTIP="{dot.cell_tooltip(catalog.touchpoints[t].name)}">'
        f"{dot.lines(catalog.touchpoints[t].name, LINE_CHARACTERS - 2, 2, 'LEFT')}</TD></TR>"
        for t in found[:ENTRIES_SHOWN]
    )
    rest = len(found) - ENTRIES_SHOWN
    more = f'<TR><TD ALIGN="LEFT">{dot.small(f"and {rest} more")}</TD></TR>' if rest > 0 else ""
    return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{cells}{more}</TABLE>', ""


def _description(catalog: Catalog, journey: Journey, *, narrow: bool = False) -> str:
    counts = []
    for step in journey.stages:
        counts.append(
            f"{catalog.stages[step.stage].name}: {len(step.frontstage)} frontstage and {len(step.backstage)} "
            f"backstage actions, {len(step.support)} supporting processes or systems"
        )
    layout = "its stages one below the other, each with its lanes from top to bottom" if narrow else "stage by stage"
    return (
        f"Service blueprint of {journey.name}, {layout}, with the lines of interaction, visibility and "
        f"internal interaction. {'; '.join(counts)}. The lists below give the details."
    )


# --- the narrow form ---------------------------------------------------------------------------------------------

# Characters per line of the narrow form's entries: its rows are `CARD_WIDTH` points wide.
NARROW_CHARACTERS = 46


def narrow_blueprint_dot(journey_map: JourneyMap, links: dot.DiagramLinks, journey_id: str) -> dot.Diagram:
    """A card per stage, one below the other: the stage's lanes from top to bottom (the customer's actions and
    touchpoints, then what staff do in front of them and out of sight, then what supports it), the three lines between
    them as dashed rules.

    One card per stage, not one card for all: Graphviz 2.43 crashes writing JSON or xdot (`dot -Tjson`) for a table in
    which a filled cell with a link follows a dashed one, as the next stage's heading would."""
    catalog = journey_map.catalog
    journey = catalog.journeys[journey_id]
    graph = dot.start(f"blueprint-{journey.id}-narrow", "TB", pad=0.06, ranksep=0.12)
    previous = None
    for position, step in enumerate(journey.stages[:BLUEPRINT_MAX_STAGES]):
        stage = catalog.stages[step.stage]
        rows = [
            card_row(
                f"{dot.small(f'STAGE {position + 1}', theme.STAGE_FG)}<BR/>"
                f'<FONT COLOR="{theme.STAGE_FG.placeholder}"><B>{dot.lines(stage.name, 36, 2)}</B></FONT>',
                href=dot.cell_href(links, "stage", stage.id),
                tooltip=dot.cell_tooltip(stage.name),
                fill=theme.STAGE_BG,
            ),
            _narrow_lane("Customer actions", _texts(step.actions, NARROW_CHARACTERS)),
        ]
        touchpoints = [t for t in step.touchpoint_ids if t in catalog.touchpoints]
        rows.append(_narrow_lane("Touchpoints", (dot.small("—"), "") if not touchpoints else ("", ""), shaded=True))
        for touchpoint_id in touchpoints:
            name = catalog.touchpoints[touchpoint_id].name
            rows.append(
                card_row(
                    dot.lines(name, NARROW_CHARACTERS, 2),
                    href=dot.cell_href(links, "touchpoint", touchpoint_id),
                    tooltip=dot.cell_tooltip(name),
                    fill=theme.SURFACE,
                )
            )
        rows += [
            _narrow_line(LINES["interaction"]),
            _narrow_lane("Frontstage", _actions(step.frontstage, NARROW_CHARACTERS)),
            _narrow_line(LINES["visibility"]),
            _narrow_lane("Backstage", _actions(step.backstage, NARROW_CHARACTERS)),
            _narrow_line(LINES["internal"]),
            _narrow_lane("Support", _support(step.support, NARROW_CHARACTERS), shaded=True),
        ]
        node = f"stage_{position}"
        graph.node(
            node,
            dot.YamlRef("journey", journey.id, ("stages", position)),
            shape="plain",
            style="",
            label=dot.Html(card(rows)),
        )
        if previous is not None:
            graph.edge(previous, node, style="invis")
        previous = node
    if len(journey.stages) > BLUEPRINT_MAX_STAGES:
        graph.node(
            "more_stages",
            None,
            shape="plain",
            style="",
            label=dot.Html(card([card_row(_more_stages(catalog, journey))])),
        )
        if previous is not None:
            graph.edge(previous, "more_stages", style="invis")
    return graph.diagram(f"Service blueprint: {journey.name}", _description(catalog, journey, narrow=True))


def _more_stages(catalog: Catalog, journey: Journey) -> str:
    return dot.text(f"… and {len(journey.stages) - BLUEPRINT_MAX_STAGES} more stages, listed below")


def _narrow_lane(name: str, cell: Cell, *, shaded: bool = False) -> str:
    """A lane of one stage: its name, then its entries (`cell`; none for the touchpoints, which get rows of their
    own, each a link)."""
    markup, about = cell
    content = f"{dot.small(dot.text(name.upper()))}" + (f"<BR/>{markup}" if markup else "")
    return card_row(content, tooltip=dot.cell_tooltip(about) if about else "", fill=theme.SURFACE if shaded else None)


def _narrow_line(words: str) -> str:
    """A dashed rule across the card, with its name."""
    return (
        f'<TR><TD WIDTH="{CARD_WIDTH}" HEIGHT="14" ALIGN="LEFT" BORDER="1" SIDES="B" STYLE="dashed" '
        f'COLOR="{theme.LINE.placeholder}">{dot.small(words, theme.MUTED)}</TD></TR>'
    )
