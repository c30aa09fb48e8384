"""The service blueprint of a journey: its stages as columns, and in rows what the customer does and meets, what staff
do in front of them, what happens out of their sight, and the processes and systems behind it all.

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

# Width of a stage's column and of the lanes' names, in points.
COLUMN_WIDTH = 124
LANE_WIDTH = 92
# Text per cell, before it is cut ("…" and the rest in the tooltip): enough for a few short actions.
LINE_CHARACTERS = 21
LINES_PER_ENTRY = 3
ENTRIES_SHOWN = 4

LINES = {
    "interaction": "LINE OF INTERACTION",
    "visibility": "LINE OF VISIBILITY",
    "internal": "LINE OF INTERNAL INTERACTION",
}


def blueprint_dot(journey_map: JourneyMap, links: dot.DiagramLinks, journey_id: str) -> dot.Diagram:
    catalog = journey_map.catalog
    journey = catalog.journeys[journey_id]
    steps = journey.stages
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
    table = (
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="6" BGCOLOR="{theme.BG.placeholder}">'
        + "".join(rows)
        + "</TABLE>"
    )
    graph = dot.start(f"blueprint-{journey.id}", "TB")
    graph.node(
        "blueprint", dot.YamlRef("journey", journey.id, ("stages",)), shape="plain", style="", label=dot.Html(table)
    )
    return graph.diagram(f"Service blueprint: {journey.name}", _description(catalog, journey))


def _header(catalog: Catalog, links: dot.DiagramLinks, steps: Sequence[JourneyStep]) -> str:
    cells = [f'<TD WIDTH="{LANE_WIDTH}" ALIGN="LEFT">{dot.small("LANE", theme.MUTED, 9)}</TD>']
    for position, step in enumerate(steps):
        stage = catalog.stages[step.stage]
        cells.append(
            f'<TD WIDTH="{COLUMN_WIDTH}" BGCOLOR="{theme.STAGE_BG.placeholder}"{dot.cell_href(links, "stage", stage.id)} '
            f'TOOLTIP="{dot.cell_tooltip(stage.name)}">{dot.small(f"STAGE {position + 1}", theme.STAGE_FG, 9)}<BR/>'
            f'<FONT COLOR="{theme.STAGE_FG.placeholder}"><B>{dot.lines(stage.name, 15, 2)}</B></FONT></TD>'
        )
    return "<TR>" + "".join(cells) + "</TR>"


Cell = tuple[str, str]
"""A cell of a lane: its label (HTML-like, escaped) and its tooltip (the whole text, plain)."""


def _lane(name: str, cells: Sequence[Cell], *, shaded: bool = False) -> str:
    background = f' BGCOLOR="{theme.SURFACE.placeholder}"' if shaded else ""
    label = f'<TD ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT"{background}><B>{dot.lines(name, 13, 3)}</B></TD>'
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
        f'COLOR="{theme.LINE.placeholder}">{dot.small(words, theme.MUTED, 9)}</TD></TR>'
    )


def _entries(items: Sequence[str]) -> Cell:
    """Items one under the other, each wrapped; past `ENTRIES_SHOWN`, how many more there are. The tooltip holds
    every item in full."""
    if not items:
        return dot.small("—"), ""
    shown = items[:ENTRIES_SHOWN]
    text = "".join(dot.lines(f"• {item}", LINE_CHARACTERS, LINES_PER_ENTRY, "LEFT") for item in shown)
    rest = len(items) - len(shown)
    more = dot.small(f"and {rest} more") + '<BR ALIGN="LEFT"/>' if rest else ""
    return text + more, "\n".join(f"• {item}" for item in items)


def _texts(items: Sequence[str]) -> Cell:
    return _entries(list(items))


def _actions(actions: Sequence[BlueprintAction]) -> Cell:
    return _entries([a.action + (f" ({a.owner})" if a.owner else "") for a in actions])


def _support(items: Sequence[SupportItem]) -> Cell:
    return _entries([s.name + (f" ({s.kind})" if s.kind else "") for s in items])


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


def _description(catalog: Catalog, journey: Journey) -> str:
    counts = []
    for step in journey.stages:
        counts.append(
            f"{catalog.stages[step.stage].name}: {len(step.frontstage)} frontstage and {len(step.backstage)} "
            f"backstage actions, {len(step.support)} supporting processes or systems"
        )
    return (
        f"Service blueprint of {journey.name}, stage by stage, with the lines of interaction, visibility and "
        f"internal interaction. {'; '.join(counts)}. The lists below give the details."
    )
