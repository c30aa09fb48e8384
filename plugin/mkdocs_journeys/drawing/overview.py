"""The overview diagram: personas, their journeys as rows of emotion by stage, and the touchpoints by channel; and
its narrow form for phones: the rows of emotion under numbered stages, then the channels, as one card."""

from __future__ import annotations

from collections.abc import Sequence

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.model import Journey
from mkdocs_journeys.data.view import JourneyMap
from mkdocs_journeys.drawing import dot, theme
from mkdocs_journeys.drawing.nodes import card_drawing, card_row

# Past these sizes the overview summarises instead of drawing every persona and touchpoint.
OVERVIEW_MAX_PERSONAS = 20
OVERVIEW_MAX_TOUCHPOINTS = 60
OVERVIEW_MAX_JOURNEYS = 60
OVERVIEW_MAX_STAGES = 20
OVERVIEW_MAX_CHANNELS = 30
NARROW_MAX_STAGES = 9
"""Stage columns of the narrow form's grid: what a phone holds beside the journeys' names."""


def overview_drawing(journey_map: JourneyMap, links: dot.DiagramLinks) -> dot.Drawing:
    return dot.Drawing(overview_dot(journey_map, links), narrow_overview_dot(journey_map, links))


def overview_dot(journey_map: JourneyMap, links: dot.DiagramLinks) -> dot.Diagram:
    """Personas → journeys, each journey a row of emotion by stage, and the touchpoints by channel below.

    Stays readable as the map grows: rows and lists instead of nodes and edges, persona nodes only up to
    `OVERVIEW_MAX_PERSONAS` (then a personas column), touchpoint names only up to `OVERVIEW_MAX_TOUCHPOINTS`
    (then counts per channel), at most `OVERVIEW_MAX_JOURNEYS` rows and `OVERVIEW_MAX_STAGES` columns (then a count
    of the rest).
    """
    catalog = journey_map.catalog
    personas = journey_map.personas
    journeys = _journeys_in_persona_order(journey_map)
    shown = journeys[:OVERVIEW_MAX_JOURNEYS]
    persona_nodes = len(personas) <= OVERVIEW_MAX_PERSONAS
    graph = dot.start("overview", "LR", ranksep=0.35, nodesep=0.1)
    stages = [s.id for s in journey_map.stages if journey_map.journeys_through_stage(s.id)]
    hidden = (len(journeys) - len(shown), len(stages) - OVERVIEW_MAX_STAGES)
    parts = [_emotion_grid(catalog, links, shown, stages[:OVERVIEW_MAX_STAGES], hidden, persona_nodes)]
    if catalog.touchpoints:
        parts.append(_touchpoint_table(journey_map, links))
    # One node: the grid with the touchpoints below it, both aligned left; persona edges end at the grid's rows.
    rows = "".join(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{part}</TD></TR>' for part in parts)
    graph.node(
        "grid",
        shape="plain",
        style="",
        label=dot.Html(f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">{rows}</TABLE>'),
    )
    if persona_nodes:
        for persona in personas:
            graph.node(
                f"persona_{persona.id}",
                dot.YamlRef("persona", persona.id),
                label=dot.Html(f"<B>{dot.lines(persona.name, 14, 2)}</B>"),
                fillcolor=theme.BG,
                URL=dot.href(links, "persona", persona.id),
                tooltip=dot.tooltip(
                    f"{persona.name}, {persona.role}" + (f"\n{persona.summary}" if persona.summary else "")
                ),
                **{"class": "jd-persona"},
            )
        for journey in shown:
            for persona_id in journey.personas:
                if persona_id in catalog.personas:
                    graph.edge(f"persona_{persona_id}", f"grid:j_{journey.id}:w", arrowhead="none", headclip=True)
    description = (
        f"{len(personas)} personas take {len(journeys)} journeys through {len(stages)} stages; "
        "each journey is a row of emotion scores by stage, with its lowest point marked. "
        f"Below, {len(catalog.touchpoints)} touchpoints by channel. The lists on this page give the details."
    )
    return graph.diagram("Overview diagram: personas, journeys and touchpoints", description)


def _journeys_in_persona_order(journey_map: JourneyMap) -> list[Journey]:
    """Journeys by their first persona (in the order of personas), then by name: rows near their persona's node."""
    personas = journey_map.personas
    persona_order = {p.id: i for i, p in enumerate(personas)}
    return sorted(
        journey_map.catalog.journeys.values(),
        key=lambda j: (min((persona_order.get(p, len(personas)) for p in j.personas), default=0), j.name.lower()),
    )


def _emotion_grid(
    catalog: Catalog,
    links: dot.DiagramLinks,
    journeys: Sequence[Journey],
    stage_ids: Sequence[str],
    hidden: tuple[int, int],
    persona_nodes: bool,
) -> str:
    """`hidden`: how many journeys (rows) and stages (columns) are not drawn."""
    line = theme.LINE.placeholder
    head = [f'<TD ALIGN="LEFT" BGCOLOR="{theme.BG.placeholder}">{dot.small("JOURNEY", theme.MUTED)}</TD>']
    if not persona_nodes:
        head.append(f'<TD ALIGN="LEFT" BGCOLOR="{theme.BG.placeholder}">{dot.small("PERSONAS", theme.MUTED)}</TD>')
    for stage_id in stage_ids:
        stage = catalog.stages[stage_id]
        head.append(
            f'<TD BGCOLOR="{theme.STAGE_BG.placeholder}"{dot.cell_href(links, "stage", stage_id)} '
            f'TOOLTIP="{dot.cell_tooltip(stage.customer_goal or stage.name)}">'
            f'<FONT COLOR="{theme.STAGE_FG.placeholder}" POINT-SIZE="{dot.SMALLEST}"><B>{dot.lines(stage.name, 14, 2)}</B></FONT></TD>'
        )
    rows = ["<TR>" + "".join(head) + "</TR>"]
    for journey in journeys:
        scores = [step.emotion.score for step in journey.stages if step.emotion]
        low = min(scores) if len(set(scores)) > 1 else None
        high = max(scores) if len(set(scores)) > 1 else None
        cells = [
            f'<TD PORT="j_{journey.id}" ALIGN="LEFT" BGCOLOR="{theme.BG.placeholder}"'
            f'{dot.cell_href(links, "journey", journey.id)} TOOLTIP="{dot.cell_tooltip(journey.summary or journey.name)}">'
            f"<B>{dot.lines(journey.name, 20, 3)}</B></TD>"
        ]
        if not persona_nodes:
            names = [catalog.personas[p].name for p in journey.personas if p in catalog.personas]
            more = f" +{len(names) - 1}" if len(names) > 1 else ""
            first = journey.personas[0]
            cells.append(
                f'<TD ALIGN="LEFT" BGCOLOR="{theme.BG.placeholder}"{dot.cell_href(links, "persona", first)} '
                f'TOOLTIP="{dot.cell_tooltip(", ".join(names))}">{dot.lines(names[0] if names else first, 22, 1)}{more}</TD>'
            )
        steps = {step.stage: step for step in journey.stages}
        for stage_id in stage_ids:
            step = steps.get(stage_id)
            stage_name = catalog.stages[stage_id].name
            if step is None:
                absent = dot.cell_tooltip(f"{journey.name} does not go through {stage_name}")
                cells.append(
                    f'<TD BGCOLOR="{theme.BG.placeholder}" TOOLTIP="{absent}">{dot.small("—", theme.MUTED)}</TD>'
                )
                continue
            touchpoints = [catalog.touchpoints[t].name for t in step.touchpoint_ids if t in catalog.touchpoints]
            about = f"{journey.name}, {stage_name}: " + (
                dot.emotion_words(step.emotion.score) if step.emotion else "no emotion score"
            )
            if step.pain_points:
                about += f"\n{len(step.pain_points)} pain point(s)"
            if touchpoints:
                about += "\nTouchpoints: " + ", ".join(touchpoints)
            href = dot.cell_href(links, "journey", journey.id)
            if step.emotion is None:
                cells.append(
                    f'<TD BGCOLOR="{theme.BG.placeholder}"{href} TOOLTIP="{dot.cell_tooltip(about)}">{dot.small("–")}</TD>'
                )
                continue
            score = step.emotion.score
            mark = " ▼" if score == low else " ▲" if score == high else ""
            pain = " ⚠" if step.pain_points else ""
            cells.append(
                f'<TD BGCOLOR="{theme.EMOTION_BG[score].placeholder}"{href} TOOLTIP="{dot.cell_tooltip(about)}">'
                f'<FONT COLOR="{theme.EMOTION_FG.placeholder}"><B>{dot.score_text(score)}</B>{mark}{pain}</FONT></TD>'
            )
        rows.append("<TR>" + "".join(cells) + "</TR>")
    not_drawn = [
        f"{count} more {what}" for count, what in zip(hidden, ("journeys", "stages"), strict=True) if count > 0
    ]
    if not_drawn:
        span = len(stage_ids) + (1 if persona_nodes else 2)
        note = dot.small(dot.text(f"… and {' and '.join(not_drawn)}, listed below"))
        rows.append(f'<TR><TD COLSPAN="{span}" ALIGN="LEFT">{note}</TD></TR>')
    legend = (
        f"emotion by stage, from {dot.emotion_words(-2)} to {dot.emotion_words(2)} · ▼ low point · ▲ high point · "
        "⚠ pain points · — not in the journey"
    )
    span = len(stage_ids) + (1 if persona_nodes else 2)
    words = dot.lines(legend, 90, 3, "LEFT")
    rows.append(f'<TR><TD COLSPAN="{span}" ALIGN="LEFT" BALIGN="LEFT" BORDER="0">{dot.small(words)}</TD></TR>')
    return f'<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="5" COLOR="{line}">{"".join(rows)}</TABLE>'


def _touchpoint_table(journey_map: JourneyMap, links: dot.DiagramLinks) -> str:
    """Touchpoints by channel; past `OVERVIEW_MAX_TOUCHPOINTS`, only how many each channel has."""
    per_row = 4
    catalog = journey_map.catalog
    names_shown = len(catalog.touchpoints) <= OVERVIEW_MAX_TOUCHPOINTS
    rows = [
        f'<TR><TD ALIGN="LEFT" COLSPAN="{per_row + 1}" BORDER="0" HEIGHT="28" VALIGN="BOTTOM">'
        f"{dot.small(f'{len(catalog.touchpoints)} TOUCHPOINTS BY CHANNEL', theme.MUTED)}</TD></TR>"
    ]
    channels = journey_map.channels_with_touchpoints
    for channel in channels[:OVERVIEW_MAX_CHANNELS]:
        channel_id = channel.id
        touchpoint_ids = journey_map.touchpoints_of_channel(channel_id)
        chunks = (
            [touchpoint_ids[i : i + per_row] for i in range(0, len(touchpoint_ids), per_row)] if names_shown else [()]
        )
        head = (
            f'<TD ROWSPAN="{len(chunks)}" ALIGN="LEFT" BGCOLOR="{theme.BG.placeholder}"'
            f'{dot.cell_href(links, "channel", channel_id)} TOOLTIP="{dot.cell_tooltip(channel.description or channel.name)}">'
            f"<B>{dot.lines(channel.name, 18, 2)}</B></TD>"
        )
        for number, chunk in enumerate(chunks):
            cells = [head] if number == 0 else []
            if not names_shown:
                cells.append(
                    f'<TD ALIGN="LEFT" COLSPAN="{per_row}"{dot.cell_href(links, "channel", channel_id)}>'
                    f"{dot.small(f'{len(touchpoint_ids)} touchpoints', theme.FG)}</TD>"
                )
            for touchpoint_id in chunk:
                touchpoint = catalog.touchpoints[touchpoint_id]
                cells.append(
                    f'<TD ALIGN="LEFT" BALIGN="LEFT"{dot.cell_href(links, "touchpoint", touchpoint_id)} '
                    f'TOOLTIP="{dot.cell_tooltip(touchpoint.name)}">{dot.small(dot.lines(touchpoint.name, 20, 2), theme.FG, 11)}</TD>'
                )
            if names_shown and len(chunk) < per_row:
                cells.append(f'<TD COLSPAN="{per_row - len(chunk)}" BORDER="0"></TD>')
            rows.append("<TR>" + "".join(cells) + "</TR>")
    if len(channels) > OVERVIEW_MAX_CHANNELS:
        more = dot.small(dot.text(f"… and {len(channels) - OVERVIEW_MAX_CHANNELS} more channels, listed below"))
        rows.append(f'<TR><TD ALIGN="LEFT" COLSPAN="{per_row + 1}" BORDER="0">{more}</TD></TR>')
    return (
        f'<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="5" COLOR="{theme.LINE.placeholder}">'
        f"{''.join(rows)}</TABLE>"
    )


def narrow_overview_dot(journey_map: JourneyMap, links: dot.DiagramLinks) -> dot.Diagram:
    """One card: each journey a row of emotion scores under the stages, numbered (their names are listed below the
    grid, each a link); then the personas, and the channels with how many touchpoints each has. At most
    `NARROW_MAX_STAGES` stage columns (what a phone holds), `OVERVIEW_MAX_JOURNEYS` rows and `OVERVIEW_MAX_CHANNELS`
    channels, then a count of the rest."""
    catalog = journey_map.catalog
    journeys = _journeys_in_persona_order(journey_map)
    shown = journeys[:OVERVIEW_MAX_JOURNEYS]
    mapped = [s.id for s in journey_map.stages if journey_map.journeys_through_stage(s.id)]
    stages = mapped[:NARROW_MAX_STAGES]
    line = theme.LINE.placeholder
    head = [f'<TD ALIGN="LEFT">{dot.small("JOURNEY")}</TD>']
    for number, stage_id in enumerate(stages, 1):
        stage = catalog.stages[stage_id]
        head.append(
            f'<TD BGCOLOR="{theme.STAGE_BG.placeholder}"{dot.cell_href(links, "stage", stage_id)} '
            f'TOOLTIP="{dot.cell_tooltip(stage.name)}"><FONT COLOR="{theme.STAGE_FG.placeholder}"><B>{number}</B>'
            "</FONT></TD>"
        )
    grid = ["<TR>" + "".join(head) + "</TR>"]
    for journey in shown:
        cells = [
            f'<TD ALIGN="LEFT" BALIGN="LEFT"{dot.cell_href(links, "journey", journey.id)} '
            f'TOOLTIP="{dot.cell_tooltip(journey.summary or journey.name)}"><B>{dot.lines(journey.name, 16, 3)}</B></TD>'
        ]
        steps = {step.stage: step for step in journey.stages}
        for stage_id in stages:
            step = steps.get(stage_id)
            stage_name = catalog.stages[stage_id].name
            if step is None or step.emotion is None:
                absent = "does not go through" if step is None else "has no emotion score in"
                cells.append(
                    f'<TD TOOLTIP="{dot.cell_tooltip(f"{journey.name} {absent} {stage_name}")}">{dot.small("–")}</TD>'
                )
                continue
            score = step.emotion.score
            pain = "⚠" if step.pain_points else ""
            about = f"{journey.name}, {stage_name}: {dot.emotion_words(score)}"
            cells.append(
                f'<TD BGCOLOR="{theme.EMOTION_BG[score].placeholder}"{dot.cell_href(links, "journey", journey.id)} '
                f'TOOLTIP="{dot.cell_tooltip(about)}"><FONT COLOR="{theme.EMOTION_FG.placeholder}">'
                f"<B>{dot.score_text(score)}</B>{pain}</FONT></TD>"
            )
        grid.append("<TR>" + "".join(cells) + "</TR>")
    not_drawn = [
        f"{count} more {what}"
        for count, what in ((len(journeys) - len(shown), "journeys"), (len(mapped) - len(stages), "stages"))
        if count > 0
    ]
    if not_drawn:
        more = dot.lines(f"… and {' and '.join(not_drawn)}, listed below", 40, 2)
        grid.append(f'<TR><TD COLSPAN="{len(stages) + 1}" ALIGN="LEFT" BALIGN="LEFT">{dot.small(more)}</TD></TR>')
    table = f'<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="4" COLOR="{line}">{"".join(grid)}</TABLE>'
    rows = [card_row(table)]
    legend = f"emotion by stage, from {dot.emotion_words(-2)} to {dot.emotion_words(2)}; ⚠ pain points"
    rows.append(card_row(dot.small(dot.lines(legend, 50, 2), theme.FG)))
    for number, stage_id in enumerate(stages, 1):
        stage = catalog.stages[stage_id]
        rows.append(
            card_row(
                f"<B>{number}</B> {dot.lines(stage.name, 40, 1)}",
                href=dot.cell_href(links, "stage", stage_id),
                tooltip=dot.cell_tooltip(stage.customer_goal or stage.name),
            )
        )
    if len(journey_map.personas) <= OVERVIEW_MAX_PERSONAS:
        rows.append(card_row(dot.small("PERSONAS"), fill=theme.SURFACE))
        for persona in journey_map.personas:
            rows.append(
                card_row(
                    f"{dot.lines(persona.name, 40, 1)} {dot.small(dot.lines(persona.role, 30, 1))}",
                    href=dot.cell_href(links, "persona", persona.id),
                    tooltip=dot.cell_tooltip(persona.summary or persona.name),
                    fill=theme.SURFACE,
                )
            )
    if catalog.touchpoints:
        rows.append(card_row(dot.small(f"{len(catalog.touchpoints)} TOUCHPOINTS BY CHANNEL")))
        channels = journey_map.channels_with_touchpoints
        for channel in channels[:OVERVIEW_MAX_CHANNELS]:
            count = len(journey_map.touchpoints_of_channel(channel.id))
            rows.append(
                card_row(
                    f"{dot.lines(channel.name, 30, 1)} {dot.small(f'{count} touchpoint' + ('s' if count != 1 else ''))}",
                    href=dot.cell_href(links, "channel", channel.id),
                    tooltip=dot.cell_tooltip(channel.description or channel.name),
                )
            )
        if len(channels) > OVERVIEW_MAX_CHANNELS:
            rows.append(card_row(dot.small(f"… and {len(channels) - OVERVIEW_MAX_CHANNELS} more channels")))
    graph = card_drawing("overview-narrow", rows)
    description = (
        f"{len(journey_map.personas)} personas take {len(journeys)} journeys through {len(mapped)} stages; each journey "
        "is a row of emotion scores under the numbered stages, whose names follow. Then the personas, and the channels "
        f"of the {len(catalog.touchpoints)} touchpoints."
    )
    return graph.diagram("Overview diagram: personas, journeys and touchpoints", description)
