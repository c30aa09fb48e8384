"""The journey diagram: stages as columns, with the emotion curve, touchpoints and pain points below each; and its
narrow form for phones, stages from top to bottom with the emotion curve running down beside them. Both show a
touchpoint's own emotion where its moment records one, and the forks, loops and continuations of the journey."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.model import EMOTION_SCALE, Journey, JourneyStep, PainPoint, StagePath, TouchpointMoment
from mkdocs_journeys.data.numbers import percent
from mkdocs_journeys.data.view import JourneyMap
from mkdocs_journeys.drawing import dot, theme

# Pain points written out in a journey column; the rest are counted (all of them are in the tooltip, and the note
# links to the stage's section of the page, where they are listed).
PAIN_POINTS_SHOWN = 1
# Width of a journey's stage columns, in inches: six stages fit the text column of mkdocs-material at full size.
COLUMN_WIDTH = 1.4
# What one journey diagram draws at most; past it, a node says how many more there are (the page lists them all).
# Graphviz's time grows faster than the number of nodes: a journey of 1,600 stages took it 35 s.
JOURNEY_MAX_STAGES = 30
JOURNEY_MAX_TOUCHPOINTS = 8
"""Touchpoints drawn in one stage's column."""
JOURNEY_MAX_PERSONAS = 8


def journey_drawing(journey_map: JourneyMap, links: dot.DiagramLinks, journey_id: str) -> dot.Drawing:
    return dot.Drawing(journey_dot(journey_map, links, journey_id), narrow_journey_dot(journey_map, links, journey_id))


def journey_dot(journey_map: JourneyMap, links: dot.DiagramLinks, journey_id: str) -> dot.Diagram:
    """Stages as columns left to right; below each, its emotion (on a -2…+2 band), touchpoints and pain points.

    The emotion nodes sit at the height of their score, joined by the emotion curve; the journey's high and low
    points are flagged. The personas stand above the first stage; a legend (with the emotion scale) closes it.
    """
    catalog = journey_map.catalog
    journey = catalog.journeys[journey_id]
    persona_names = [catalog.personas[p].name for p in journey.personas if p in catalog.personas]
    steps = journey.stages[:JOURNEY_MAX_STAGES]
    hidden = len(journey.stages) - len(steps)
    forks = any(step.paths for step in journey.stages)
    loops = any(step.loops_back for step in journey.stages)
    onward = any(step.continues_into for step in journey.stages)
    graph = dot.start(
        f"journey-{journey.id}",
        "TB",
        label=dot.Html(_journey_legend(forks=forks, loops=loops, onward=onward)),
        labelloc="b",
        labeljust="l",
        nodesep=0.12,
        ranksep=0.25,
    )
    band = any(step.emotion is not None for step in journey.stages)
    high, low = _high_and_low(journey)

    _personas_node(graph, catalog, links, journey, 22)

    headers, pains, bottoms = [], [], []
    previous_emotion: str | None = None
    for position, step in enumerate(steps):
        ref = dot.YamlRef("journey", journey.id, ("stages", position))
        column = _journey_column(graph, catalog, links, journey, position, step, ref, band, high, low)
        headers.append(column.header)
        bottoms.append(column.bottom)
        pains += [column.pain] if column.pain else []
        if column.emotion is not None:
            if previous_emotion is not None:
                graph.edge(
                    previous_emotion,
                    column.emotion,
                    constraint=False,
                    weight=0,
                    color=theme.CURVE,
                    penwidth=2.5,
                    arrowhead="none",
                    style="dashed" if column.after_gap else None,
                )
            previous_emotion = column.emotion
    if hidden:
        rest = [catalog.stages[s.stage].name for s in journey.stages[len(steps) :]]
        graph.node(
            "more_stages",
            dot.YamlRef("journey", journey.id, ("stages", len(steps))),
            label=dot.Html(f"<B>{dot.text(f'… and {hidden} more stages')}</B><BR/>{dot.small('listed below')}"),
            fontsize=12,
            width=COLUMN_WIDTH,
            tooltip=dot.tooltip("Also: " + ", ".join(rest)),
            **{"class": "jd-stage"},
        )
        headers.append("more_stages")

    graph.same_rank(headers)
    if len(pains) > 1:
        graph.same_rank(pains)
    graph.edge(
        "personas",
        headers[0],
        minlen=2 if loops else 1,  # room above the stages for the loops' arcs and their words
        color=theme.LINE,
        tooltip=dot.tooltip(f"{dot.join_names(persona_names)} go through {journey.name}"),
    )
    for position, (tail, head) in enumerate(pairwise(headers)):
        decision = journey.stages[position].decision
        graph.edge(
            tail,
            head,
            dot.YamlRef("journey", journey.id, ("stages", position, "decision")),
            color=theme.LINE,
            penwidth=1.5,
            tooltip=dot.tooltip(f"Moves on when: {decision}" if decision else "Next stage"),
        )

    _loops_and_continuations(graph, catalog, links, journey, headers[: len(steps)], bottoms)

    stage_names = [catalog.stages[s.stage].name for s in steps]
    description = (
        f"{journey.name}, taken by {dot.join_names(persona_names)}, in {len(journey.stages)} stages: "
        + ", ".join(
            f"{name} ({dot.emotion_words(step.emotion.score)})" if step.emotion else name
            for name, step in zip(stage_names, steps, strict=True)
        )
        + (f", and {hidden} more not drawn" if hidden else "")
    )
    if high is not None and low is not None:
        description += f". High point {dot.score_text(high)}, low point {dot.score_text(low)}"
    description += "".join(_routes_described(catalog, journey))
    return graph.diagram(
        f"Journey diagram: {journey.name}", description + ". Each stage's section below gives the details."
    )


@dataclass(frozen=True)
class _Column:
    header: str
    emotion: str | None
    after_gap: bool
    pain: str | None
    bottom: str
    """The column's lowest node."""


def _journey_column(
    graph: dot.DotWriter,
    catalog: Catalog,
    links: dot.DiagramLinks,
    journey: Journey,
    position: int,
    step: JourneyStep,
    ref: dot.YamlRef,
    band: bool,
    high: int | None,
    low: int | None,
) -> _Column:
    """One stage's column: header, emotion, touchpoints (by channel), pain points, joined top to bottom."""
    stage = catalog.stages[step.stage]
    header = f"stage_{position}"
    about = [stage.name, stage.customer_goal and f"Customer goal: {stage.customer_goal}", step.summary]
    graph.node(
        header,
        ref,
        label=dot.Html(
            f"{dot.small(f'STAGE {position + 1}', theme.STAGE_FG)}<BR/><B>{dot.lines(stage.name, 13, 2)}</B>"
        ),
        fontsize=12,
        fillcolor=theme.STAGE_BG,
        fontcolor=theme.STAGE_FG,
        color=theme.STAGE_BG,
        width=COLUMN_WIDTH,
        URL=dot.href(links, "stage", stage.id),
        tooltip=dot.tooltip("\n".join(a for a in about if a)),
        **{"class": "jd-stage"},
    )
    # The emotion band spans five ranks below the header: +2 on the first, -2 on the fifth. Invisible edges
    # join the column top to bottom, each `minlen` ranks long, so touchpoints start below the band.
    above, gap, after_gap = header, (6 if band else 1), False
    emotion_node = None
    if step.emotion is not None:
        score = step.emotion.score
        emotion_node = f"emotion_{position}"
        flag = ""
        if score == high:
            flag = "<BR/>" + dot.small("▲ high point", theme.EMOTION_FG)
        elif score == low:
            flag = "<BR/>" + dot.small("▼ low point", theme.EMOTION_FG)
        words = f"{stage.name}: {dot.emotion_words(score)}"
        graph.node(
            emotion_node,
            dot.YamlRef("journey", journey.id, ("stages", position, "emotion")),
            label=dot.Html(f"<B>{dot.score_text(score)}</B> {dot.text(EMOTION_SCALE[score])}{flag}"),
            fillcolor=theme.EMOTION_BG[score],
            fontcolor=theme.EMOTION_FG,
            color=theme.EMOTION_BG[score],
            width=1.1,
            tooltip=dot.tooltip(words + (f"\n{step.emotion.note}" if step.emotion.note else "")),
            **{"class": "jd-emotion"},
        )
        graph.edge(header, emotion_node, style="invis", minlen=3 - score, weight=20)
        above, gap = emotion_node, 3 + score
    else:
        after_gap = position > 0
    moments = {moment.touchpoint: moment for moment in step.touchpoints}
    written = list(moments)
    by_channel = sorted(
        (t for t in written if t in catalog.touchpoints),
        key=lambda t: (catalog.channels[catalog.touchpoints[t].channel].name.lower(), written.index(t)),
    )
    for touchpoint_id in by_channel[:JOURNEY_MAX_TOUCHPOINTS]:
        node = f"tp_{position}_{touchpoint_id}"
        location = ("stages", position, "touchpoints", written.index(touchpoint_id))
        graph.node(
            node,
            dot.YamlRef("journey", journey.id, location),
            **_touchpoint_node(catalog, links, moments[touchpoint_id], stage.name),
        )
        graph.edge(above, node, style="invis", minlen=gap, weight=20)
        above, gap = node, 1
    if len(by_channel) > JOURNEY_MAX_TOUCHPOINTS:
        node, others = f"tp_{position}_more", by_channel[JOURNEY_MAX_TOUCHPOINTS:]
        graph.node(
            node,
            dot.YamlRef("journey", journey.id, ("stages", position, "touchpoints")),
            label=dot.Html(dot.small(f"+{len(others)} more touchpoints", theme.FG)),
            width=COLUMN_WIDTH,
            tooltip=dot.tooltip("Also: " + ", ".join(catalog.touchpoints[t].name for t in others)),
            **{"class": "jd-touchpoint"},
        )
        graph.edge(above, node, style="invis", minlen=gap, weight=20)
        above, gap = node, 1
    fork_from = above
    for number, path in enumerate(step.paths):
        # The paths stand one below the other in the stage's column (side by side, they would widen the map past the
        # page); each is reached from the point where the stage forks, along the column's left side.
        node = f"path_{position}_{number}"
        graph.node(
            node,
            dot.YamlRef("journey", journey.id, ("stages", position, "paths", number)),
            shape="plain",
            style="",
            label=dot.Html(_path_table(catalog, links, path, step, stage.name)),
            tooltip=dot.tooltip(f"{stage.name}, one of {len(step.paths)} paths: {path.name}"),
            **{"class": "jd-path"},
        )
        fork: dict[str, dot.AttrValue] = {"class": "jd-fork"}
        ports: dict[str, dot.AttrValue] = {"tailport": "w", "headport": "w"} if number else {}
        graph.edge(fork_from, node, None, minlen=gap, weight=20, color=theme.LINE, arrowhead="vee", **ports, **fork)
        if number:
            graph.edge(above, node, style="invis", minlen=1, weight=20)
        above, gap = node, 1
    lowest = [above]
    pain_node = None
    if step.pain_points:
        node = pain_node = f"pain_{position}"
        graph.node(
            node,
            dot.YamlRef("journey", journey.id, ("stages", position, "pain_points")),
            label=dot.Html(_pain_note(step.pain_points, 15)),
            fillcolor=theme.PAIN_BG,
            fontcolor=theme.PAIN_FG,
            color=theme.PAIN_LINE,
            fontsize=dot.SMALLEST,
            width=COLUMN_WIDTH,
            URL=dot.href(links, "journey", journey.id, dot.stage_anchor(step.stage)),
            tooltip=dot.tooltip(_pain_tooltip(stage.name, step.pain_points)),
            **{"class": "jd-pain"},
        )
        # Light, so that when the pain notes line up at the bottom, this edge stretches, not the touchpoints.
        for bottom in lowest:
            graph.edge(bottom, node, style="invis", minlen=gap, weight=1)
    return _Column(header, emotion_node, after_gap, pain_node, pain_node or lowest[-1])


def _touchpoint_node(
    catalog: Catalog, links: dot.DiagramLinks, moment: TouchpointMoment, stage_name: str
) -> dict[str, dot.AttrValue]:
    """A touchpoint of a stage; coloured by its own emotion there when the moment records one."""
    touchpoint = catalog.touchpoints[moment.touchpoint]
    channel = catalog.channels[touchpoint.channel]
    details = [f"{touchpoint.name} ({channel.name})", touchpoint.owner and f"Owner: {touchpoint.owner}"]
    label = f"{dot.lines(touchpoint.name, 14, 3)}<BR/>{dot.small(dot.text(channel.name))}"
    attributes: dict[str, dot.AttrValue] = {}
    emotion = moment.emotion
    if emotion is not None:
        label += "<BR/>" + dot.small(
            f"<B>{dot.score_text(emotion.score)}</B> {dot.text(EMOTION_SCALE[emotion.score])}", theme.EMOTION_FG
        )
        details.append(
            f"Here, at {stage_name}: {dot.emotion_words(emotion.score)}" + (f", {emotion.note}" if emotion.note else "")
        )
        attributes = {
            "fillcolor": theme.EMOTION_BG[emotion.score],
            "color": theme.EMOTION_BG[emotion.score],
            "fontcolor": theme.EMOTION_FG,
        }
    if moment.pain_points:
        details.append("Pain points here:\n" + "\n".join(f"• {pain.text}" for pain in moment.pain_points))
    return {
        "label": dot.Html(label),
        "fontsize": 12,
        "width": COLUMN_WIDTH,
        "URL": dot.href(links, "touchpoint", touchpoint.id),
        "tooltip": dot.tooltip("\n".join([*(d for d in details if d), touchpoint.description or ""])),
        **attributes,
        "class": "jd-touchpoint",
    }


def _path_table(catalog: Catalog, links: dot.DiagramLinks, path: StagePath, step: JourneyStep, stage_name: str) -> str:
    """One path of a forked stage: its name and count, then its touchpoints (their own emotion as their colour)."""
    number, of = step.paths.index(path) + 1, len(step.paths)
    count = ""
    if path.entering is not None:
        share = f" ({percent(path.entering / step.counted, 0)})" if step.counted else ""
        count = "<BR/>" + dot.small(dot.lines(f"{path.entering:,} customers{share}", 14, 2, "LEFT"))
    rows = [
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{dot.small(f"PATH {number} OF {of}", theme.MUTED)}<BR/>'
        f"<B>{dot.lines(path.name, 13, 3)}</B>{count}</TD></TR>"
    ]
    for moment in path.touchpoints:
        touchpoint = catalog.touchpoints.get(moment.touchpoint)
        if touchpoint is None:
            continue
        emotion = moment.emotion
        colour = theme.EMOTION_BG[emotion.score] if emotion is not None else theme.SURFACE
        feeling = f"<BR/>{dot.small(dot.text(dot.emotion_words(emotion.score)), theme.EMOTION_FG)}" if emotion else ""
        about = f"{touchpoint.name}, on the path {path.name} at {stage_name}" + (
            f": {dot.emotion_words(emotion.score)}" if emotion else ""
        )
        rows.append(
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="{colour.placeholder}"{dot.cell_href(links, "touchpoint", touchpoint.id)} '
            f'TOOLTIP="{dot.cell_tooltip(about)}">{dot.lines(touchpoint.name, 13, 2)}{feeling}</TD></TR>'
        )
    return (
        f'<TABLE BORDER="1" STYLE="ROUNDED" COLOR="{theme.LINE.placeholder}" BGCOLOR="{theme.BG.placeholder}" '
        f'CELLBORDER="0" CELLSPACING="2" CELLPADDING="4">{"".join(rows)}</TABLE>'
    )


def _loops_and_continuations(
    graph: dot.DotWriter,
    catalog: Catalog,
    links: dot.DiagramLinks,
    journey: Journey,
    headers: Sequence[str],
    bottoms: Sequence[str],
) -> None:
    """Edges back over the stages to where customers loop, and under a stage's column a node for each journey they
    continue in after it (to the right of the last stage, it would widen the map past the page)."""
    drawn = journey.stages[: len(headers)]  # the stages drawn (`JOURNEY_MAX_STAGES`): loops among them only
    index = {step.stage: position for position, step in enumerate(drawn)}
    for position, step in enumerate(drawn):
        for number, loop in enumerate(step.loops_back):
            if loop.to not in index:
                continue
            words = "↺ " + (loop.when or "goes back")
            graph.edge(
                headers[position],
                headers[index[loop.to]],
                dot.YamlRef("journey", journey.id, ("stages", position, "loops_back", number)),
                constraint=False,
                tailport="n",
                headport="n",
                style="dashed",
                color=theme.CURVE,
                penwidth=1.5,
                xlabel=dot.Html(dot.small(dot.lines(words, 18, 3), theme.FG)),
                tooltip=dot.tooltip(
                    f"After {catalog.stages[step.stage].name}, customers go back to "
                    f"{catalog.stages[loop.to].name}" + (f": {loop.when}" if loop.when else "")
                ),
                **{"class": "jd-loop"},
            )
        above = bottoms[position]
        for number, onward in enumerate(step.continues_into):
            target = catalog.journeys.get(onward.journey)
            if target is None:
                continue
            node = f"next_{position}_{number}"
            where = f" at {catalog.stages[onward.stage].name}" if onward.stage in catalog.stages else ""
            graph.node(
                node,
                dot.YamlRef("journey", journey.id, ("stages", position, "continues_into", number)),
                label=dot.Html(
                    f"{dot.small('CONTINUES IN', theme.MUTED)}<BR/><B>{dot.lines(target.name, 15, 3)}</B>"
                    + (f"<BR/>{dot.small(dot.text(where.strip()))}" if where else "")
                ),
                fillcolor=theme.BG,
                style="rounded,filled,dashed",
                width=COLUMN_WIDTH,
                URL=dot.href(links, "journey", target.id),
                tooltip=dot.tooltip(
                    f"After {catalog.stages[step.stage].name}, customers continue in {target.name}{where}"
                    + (f": {onward.when}" if onward.when else "")
                ),
                **{"class": "jd-journey"},
            )
            graph.edge(
                above,
                node,
                style="dashed",
                color=theme.LINE,
                penwidth=1.5,
                weight=20,
                tooltip=dot.tooltip(onward.when or f"Continues in {target.name}"),
            )
            above = node


def _routes_described(catalog: Catalog, journey: Journey) -> list[str]:
    """The forks, loops and continuations, in words, for the diagram's description."""
    parts = []
    for step in journey.stages:
        name = catalog.stages[step.stage].name
        if step.paths:
            parts.append(f". {name} forks into {len(step.paths)} paths: " + ", ".join(p.name for p in step.paths))
        for loop in step.loops_back:
            if loop.to in catalog.stages:
                parts.append(f". After {name}, customers may go back to {catalog.stages[loop.to].name}")
        for onward in step.continues_into:
            if onward.journey in catalog.journeys:
                parts.append(f". After {name}, customers continue in {catalog.journeys[onward.journey].name}")
    return parts


def _pain_note(pain_points: Sequence[PainPoint], width: int) -> str:
    """'⚠ 3 pain points', the first written out, then how many more (the note links to where all of them are)."""
    shown = pain_points[:PAIN_POINTS_SHOWN]
    rest = len(pain_points) - len(shown)
    items = "".join(dot.lines(pain.text, width, 5, "LEFT") for pain in shown)
    more = f'<U>and {rest} more</U><BR ALIGN="LEFT"/>' if rest else ""
    count = len(pain_points)
    return f'<B>⚠ {count} pain point{"s" if count > 1 else ""}</B><BR ALIGN="LEFT"/>{items}{more}'


def _pain_tooltip(stage_name: str, pain_points: Sequence[PainPoint]) -> str:
    return f"Pain points in {stage_name}:\n" + "\n".join(f"• {pain.text}" for pain in pain_points)


def _high_and_low(journey: Journey) -> tuple[int | None, int | None]:
    """The highest and lowest emotion scores of the journey, marked in both forms; none when all are the same."""
    scores = [step.emotion.score for step in journey.stages if step.emotion is not None]
    return (max(scores), min(scores)) if len(set(scores)) > 1 else (None, None)


def _personas_node(
    graph: dot.DotWriter, catalog: Catalog, links: dot.DiagramLinks, journey: Journey, width: int
) -> None:
    """The journey's personas above its first stage, names wrapped at `width` characters."""
    graph.node(
        "personas",
        dot.YamlRef("journey", journey.id, ("personas",)),
        shape="plain",
        style="",
        label=dot.Html(_personas_table(catalog, links, journey.personas, width)),
    )


def _personas_table(catalog: Catalog, links: dot.DiagramLinks, persona_ids: Sequence[str], width: int) -> str:
    """The journey's personas one below the other, each linking to their page; names and roles wrap at `width`
    characters (the table stands above the first stage, and should not stick out much on either side)."""
    label = "PERSONA" if len(persona_ids) == 1 else "PERSONAS"
    cells = [f'<TD ALIGN="LEFT">{dot.small(label, theme.MUTED)}</TD>']
    for persona_id in persona_ids[:JOURNEY_MAX_PERSONAS]:
        persona = catalog.personas.get(persona_id)
        if persona is None:
            continue
        about = dot.cell_tooltip(
            f"{persona.name}, {persona.role}" + (f"\n{persona.summary}" if persona.summary else "")
        )
        cells.append(
            f'<TD ALIGN="LEFT" BALIGN="LEFT"{dot.cell_href(links, "persona", persona.id)} TOOLTIP="{about}">'
            f"<B>{dot.lines(persona.name, width, 2)}</B><BR/>{dot.small(dot.lines(persona.role, width, 3))}</TD>"
        )
    if len(persona_ids) > JOURNEY_MAX_PERSONAS:
        more = f"and {len(persona_ids) - JOURNEY_MAX_PERSONAS} more, listed below"
        cells.append(f'<TD ALIGN="LEFT">{dot.small(dot.text(more), theme.MUTED)}</TD>')
    rows = "".join(f"<TR>{cell}</TR>" for cell in cells)
    return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">{rows}</TABLE>'


def _journey_legend(*, forks: bool = False, loops: bool = False, onward: bool = False) -> str:
    def key(colour: theme.ThemeColor, symbol: str, words: str) -> str:
        return f'<FONT COLOR="{colour.placeholder}">{symbol}</FONT> {dot.small(dot.text(words), theme.FG)}'

    scale = "".join(
        f'<TD BGCOLOR="{theme.EMOTION_BG[score].placeholder}">{dot.small(dot.text(dot.emotion_words(score)), theme.EMOTION_FG)}</TD>'
        for score in sorted(EMOTION_SCALE)
    )
    cells = [
        dot.small("LEGEND", theme.MUTED),
        key(theme.STAGE_BG, "■", "stage"),
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="2"><TR>{scale}</TR></TABLE>',
        key(theme.CURVE, "━", "emotion curve"),
        key(theme.LINE, "▢", "touchpoint (channel; its own emotion as its colour)"),
        key(theme.PAIN_LINE, "⚠", "pain points"),
        dot.small(dot.text("▲ ▼ highest and lowest emotion"), theme.FG),
    ]
    routes = [
        *([key(theme.LINE, "▭", "path: one of the ways through a stage")] if forks else []),
        *([key(theme.CURVE, "↺", "goes back to a stage")] if loops else []),
        *([key(theme.LINE, "⇢", "continues in another journey")] if onward else []),
    ]
    first = "".join(f'<TD ALIGN="LEFT">{cell}</TD>' for cell in cells[:3])
    second = "".join(f'<TD ALIGN="LEFT">{cell}</TD>' for cell in cells[3:])
    third = "".join(f'<TD ALIGN="LEFT">{cell}</TD>' for cell in routes)
    table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="0">'
    rows = f'<TR><TD ALIGN="LEFT">{table}<TR>{first}</TR></TABLE></TD></TR>'
    rows += f'<TR><TD ALIGN="LEFT">{table}<TR>{second}</TR></TABLE></TD></TR>'
    if third:
        rows += f'<TR><TD ALIGN="LEFT">{table}<TR>{third}</TR></TABLE></TD></TR>'
    return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">{rows}</TABLE>'


# --- the narrow form ---------------------------------------------------------------------------------------------

# Width of a stage's card in the narrow form, in points, and of an emotion lane's mark, in inches: five lanes and a
# card fit `dot.NARROW_WIDTH`.
CARD_WIDTH = 184
LANE_MARK = 0.26


def narrow_journey_dot(journey_map: JourneyMap, links: dot.DiagramLinks, journey_id: str) -> dot.Diagram:
    """Stages from top to bottom, one card each (the stage, its emotion, its touchpoints in their own emotion's colour,
    its paths with theirs, where customers go back to or continue, and its pain points), and to their left the emotion
    curve running down through five lanes: -2 on the far left, +2 next to the cards.

    Laid out left to right, so that ranks are the lanes: every card is in the last rank, one below the other, and each
    stage's emotion mark is in the rank of its score, held level with its card by an invisible edge.
    """
    catalog = journey_map.catalog
    journey = catalog.journeys[journey_id]
    persona_names = [catalog.personas[p].name for p in journey.personas if p in catalog.personas]
    graph = dot.start(
        f"journey-{journey.id}-narrow",
        "LR",
        label=dot.Html(_narrow_legend(journey)),
        labelloc="b",
        labeljust="l",
        nodesep=0.14,
        ranksep=0.02,
        pad=0.06,
    )
    high, low = _high_and_low(journey)
    _personas_node(graph, catalog, links, journey, 34)
    cards = ["personas"]
    previous_mark: str | None = None
    steps = journey.stages[:JOURNEY_MAX_STAGES]
    for position, step in enumerate(steps):
        ref = dot.YamlRef("journey", journey.id, ("stages", position))
        card = f"stage_{position}"
        graph.node(
            card, ref, shape="plain", style="", label=dot.Html(_stage_card(catalog, links, journey, position, step))
        )
        decision = journey.stages[position - 1].decision if position else None
        graph.edge(
            cards[-1],
            card,
            color=theme.LINE,
            penwidth=1.5,
            tooltip=dot.tooltip(
                f"Moves on when: {decision}"
                if decision
                else "Next stage"
                if position
                else f"{dot.join_names(persona_names)} go through {journey.name}"
            ),
        )
        cards.append(card)
        if step.emotion is None:
            previous_mark = None  # the curve breaks where a stage has no score
            continue
        score = step.emotion.score
        mark = f"emotion_{position}"
        flag = " ▲ high point" if score == high else " ▼ low point" if score == low else ""
        graph.node(
            mark,
            dot.YamlRef("journey", journey.id, ("stages", position, "emotion")),
            label=dot.score_text(score),
            shape="box",
            fixedsize=True,
            width=LANE_MARK,
            height=LANE_MARK,
            fontsize=dot.SMALLEST,
            fillcolor=theme.EMOTION_BG[score],
            fontcolor=theme.EMOTION_FG,
            color=theme.EMOTION_BG[score],
            tooltip=dot.tooltip(
                f"{catalog.stages[step.stage].name}: {dot.emotion_words(score)}{flag}"
                + (f"\n{step.emotion.note}" if step.emotion.note else "")
            ),
            **{"class": "jd-emotion"},
        )
        graph.edge(mark, card, style="invis", minlen=3 - score, weight=10)
        if previous_mark is not None:
            graph.edge(
                previous_mark, mark, constraint=False, color=theme.CURVE, penwidth=2.5, arrowhead="none", weight=0
            )
        previous_mark = mark
    hidden = len(journey.stages) - len(steps)
    if hidden:
        rest = [catalog.stages[s.stage].name for s in journey.stages[len(steps) :]]
        graph.node(
            "more_stages",
            dot.YamlRef("journey", journey.id, ("stages", len(steps))),
            shape="plain",
            style="",
            label=dot.Html(
                _card([_card_row(f"<B>{dot.text(f'… and {hidden} more stages')}</B> {dot.small('listed below')}")])
            ),
            tooltip=dot.tooltip("Also: " + ", ".join(rest)),
        )
        graph.edge(cards[-1], "more_stages", color=theme.LINE, penwidth=1.5)
        cards.append("more_stages")
    graph.same_rank(cards)
    description = (
        f"{journey.name}, taken by {dot.join_names(persona_names)}, stage by stage from top to bottom: "
        + "; ".join(_stage_words(catalog, step) for step in steps)
        + (f"; and {hidden} more not drawn" if hidden else "")
        + "".join(_routes_described(catalog, journey))
        + ". The emotion curve runs down on the left, further left where the customer feels worse."
    )
    return graph.diagram(f"Journey diagram: {journey.name}", description)


def _stage_words(catalog: Catalog, step: JourneyStep) -> str:
    """'Consideration, -1 Unhappy, 4 touchpoints, 3 pain points': one stage of the narrow form's description."""
    parts = [catalog.stages[step.stage].name]
    if step.emotion is not None:
        parts.append(dot.emotion_words(step.emotion.score))
    for count, noun in ((len(step.touchpoint_ids), "touchpoint"), (len(step.pain_points), "pain point")):
        if count:
            parts.append(f"{count} {noun}{'s' if count > 1 else ''}")
    return ", ".join(parts)


def _stage_card(catalog: Catalog, links: dot.DiagramLinks, journey: Journey, position: int, step: JourneyStep) -> str:
    """One stage of the narrow form: a box of rows, each row a link where there is a page to go to."""
    stage = catalog.stages[step.stage]
    about = dot.cell_tooltip("\n".join(a for a in (stage.name, stage.customer_goal, step.summary) if a))
    rows = [
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="{theme.STAGE_BG.placeholder}" WIDTH="{CARD_WIDTH}"'
        f'{dot.cell_href(links, "stage", stage.id)} TOOLTIP="{about}">'
        f"{dot.small(f'STAGE {position + 1}', theme.STAGE_FG)}<BR/>"
        f'<FONT COLOR="{theme.STAGE_FG.placeholder}"><B>{dot.lines(stage.name, 26, 2)}</B></FONT></TD></TR>'
    ]
    if step.emotion is not None:
        score = step.emotion.score
        note = dot.cell_tooltip(dot.emotion_words(score) + (f"\n{step.emotion.note}" if step.emotion.note else ""))
        rows.append(
            f'<TR><TD ALIGN="LEFT" BGCOLOR="{theme.EMOTION_BG[score].placeholder}" TOOLTIP="{note}">'
            f'<FONT COLOR="{theme.EMOTION_FG.placeholder}"><B>{dot.score_text(score)}</B> '
            f"{dot.text(EMOTION_SCALE[score])}</FONT></TD></TR>"
        )
    rows += _touchpoint_rows(catalog, links, step.touchpoints, stage.name)
    for number, path in enumerate(step.paths, 1):
        # A fork: each path a heading row, its touchpoints below it, indented.
        count = ""
        if path.entering is not None:
            share = f" ({path.entering / step.counted:.0%})" if step.counted else ""
            count = f"<BR/>{dot.small(dot.text(f'{path.entering:,} customers{share}'), theme.FG)}"
        about = dot.cell_tooltip(f"{stage.name}, one of {len(step.paths)} paths: {path.name}")
        rows.append(
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" TOOLTIP="{about}">'
            f"{dot.small(f'PATH {number} OF {len(step.paths)}', theme.MUTED)}<BR/>"
            f"<B>{dot.lines(path.name, 30, 2)}</B>{count}</TD></TR>"
        )
        rows += _touchpoint_rows(catalog, links, path.touchpoints, stage.name, path.name)
    for loop in step.loops_back:
        if loop.to not in catalog.stages:
            continue
        target = catalog.stages[loop.to]
        when = f": {loop.when}" if loop.when else ""
        about = dot.cell_tooltip(f"After {stage.name}, customers go back to {target.name}{when}")
        rows.append(
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"{dot.cell_href(links, "stage", target.id)} TOOLTIP="{about}">'
            f'<FONT COLOR="{theme.FG.placeholder}">{dot.lines(f"↺ Back to {target.name}{when}", 30, 3)}</FONT></TD></TR>'
        )
    for onward in step.continues_into:
        journey_next = catalog.journeys.get(onward.journey)
        if journey_next is None:
            continue
        when = f": {onward.when}" if onward.when else ""
        about = dot.cell_tooltip(f"After {stage.name}, customers continue in {journey_next.name}{when}")
        rows.append(
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"{dot.cell_href(links, "journey", journey_next.id)} TOOLTIP="{about}">'
            f'<FONT COLOR="{theme.FG.placeholder}">{dot.lines(f"⇢ Continues in {journey_next.name}{when}", 30, 3)}'
            "</FONT></TD></TR>"
        )
    if step.pain_points:
        rows.append(
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="{theme.PAIN_BG.placeholder}"'
            f"{dot.cell_href(links, 'journey', journey.id, dot.stage_anchor(stage.id))} "
            f'TOOLTIP="{dot.cell_tooltip(_pain_tooltip(stage.name, step.pain_points))}">'
            f'<FONT COLOR="{theme.PAIN_FG.placeholder}">{_pain_note(step.pain_points, 30)}</FONT></TD></TR>'
        )
    return _card(rows)


def _touchpoint_rows(
    catalog: Catalog,
    links: dot.DiagramLinks,
    moments: Sequence[TouchpointMoment],
    stage_name: str,
    path_name: str | None = None,
) -> list[str]:
    """A card's rows for touchpoints (at most `JOURNEY_MAX_TOUCHPOINTS`, then how many more): each links to its page
    and, where the moment records its own emotion, takes its colour and says it. A path's are indented."""
    known = [m for m in moments if m.touchpoint in catalog.touchpoints]
    indent = "↳ " if path_name else ""
    rows = []
    for moment in known[:JOURNEY_MAX_TOUCHPOINTS]:
        touchpoint = catalog.touchpoints[moment.touchpoint]
        channel = catalog.channels[touchpoint.channel].name
        long = len(touchpoint.name) + len(channel) > 28
        name = dot.lines(touchpoint.name, 28, 2) if long else dot.text(touchpoint.name)
        about = f"{touchpoint.name} ({channel})" + (f", on the path {path_name}" if path_name else "")
        colour, feeling = "", ""
        emotion = moment.emotion
        if emotion is not None:
            colour = f' BGCOLOR="{theme.EMOTION_BG[emotion.score].placeholder}"'
            feeling = "<BR/>" + dot.small(
                f"<B>{dot.score_text(emotion.score)}</B> {dot.text(EMOTION_SCALE[emotion.score])} here",
                theme.EMOTION_FG,
            )
            about += f"\nHere, at {stage_name}: {dot.emotion_words(emotion.score)}"
            about += f", {emotion.note}" if emotion.note else ""
        rows.append(
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"{colour}{dot.cell_href(links, "touchpoint", touchpoint.id)} '
            f'TOOLTIP="{dot.cell_tooltip(about)}">{indent}{name}{"<BR/>" if long else " "}'
            f"{dot.small(dot.text(channel))}{feeling}</TD></TR>"
        )
    if len(known) > JOURNEY_MAX_TOUCHPOINTS:
        others = [catalog.touchpoints[m.touchpoint].name for m in known[JOURNEY_MAX_TOUCHPOINTS:]]
        rows.append(
            f'<TR><TD ALIGN="LEFT" TOOLTIP="{dot.cell_tooltip("Also: " + ", ".join(others))}">'
            f"{indent}{dot.small(f'+{len(others)} more touchpoints', theme.FG)}</TD></TR>"
        )
    return rows


def _card(rows: Sequence[str]) -> str:
    """A box of rows, as a stage's card of the narrow form is drawn."""
    return (
        f'<TABLE BORDER="1" STYLE="ROUNDED" CELLBORDER="0" CELLSPACING="0" CELLPADDING="4" '
        f'COLOR="{theme.LINE.placeholder}" BGCOLOR="{theme.BG.placeholder}">{"".join(rows)}</TABLE>'
    )


def _card_row(content: str) -> str:
    return f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" WIDTH="{CARD_WIDTH}">{content}</TD></TR>'


def _narrow_legend(journey: Journey) -> str:
    chips = "".join(
        f'<TD BGCOLOR="{theme.EMOTION_BG[score].placeholder}" WIDTH="22">'
        f"{dot.small(dot.score_text(score), theme.EMOTION_FG)}</TD>"
        for score in sorted(EMOTION_SCALE)
    )
    words = dot.text(f"emotion, from {dot.emotion_words(-2)} to {dot.emotion_words(2)}")
    keys = ["⚠ pain points: tap for the stage"]
    steps = journey.stages
    if any(moment.emotion for step in steps for moment in step.touchpoints) or any(
        moment.emotion for step in steps for path in step.paths for moment in path.touchpoints
    ):
        keys.append("a touchpoint in colour: its own emotion there")
    if any(step.paths for step in steps):
        keys.append("PATH: one of the ways through a stage, ↳ its touchpoints")
    if any(step.loops_back for step in steps):
        keys.append("↺ goes back to a stage")
    if any(step.continues_into for step in steps):
        keys.append("⇢ continues in another journey")
    rows = "".join(f'<TR><TD ALIGN="LEFT" COLSPAN="5">{dot.small(dot.text(key), theme.FG)}</TD></TR>' for key in keys)
    return (
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2"><TR><TD ALIGN="LEFT" COLSPAN="5">'
        f'{dot.small("LEGEND", theme.MUTED)}</TD></TR><TR>{chips}</TR><TR><TD ALIGN="LEFT" COLSPAN="5">'
        f"{dot.small(words, theme.FG)}</TD></TR>{rows}</TABLE>"
    )
