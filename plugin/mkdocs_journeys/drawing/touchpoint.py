"""The touchpoint diagram: who reaches a touchpoint, through which journeys, at which stages; and its narrow form for
phones, the same as one card read from top to bottom."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.model import EMOTION_SCALE, Emotion, Journey, JourneyStep, Stage
from mkdocs_journeys.data.view import JourneyMap, Use
from mkdocs_journeys.drawing import dot, theme
from mkdocs_journeys.drawing.nodes import (
    card_drawing,
    card_row,
    journey_node,
    more_node,
    persona_node,
    subject_node,
    subject_row,
)

# A touchpoint diagram sums its journeys up by stage past this many journeys (or uses: a journey at a stage), boxes
# its personas past that many, and draws that many stages at most (then a node says how many more).
TOUCHPOINT_MAX_JOURNEYS = 12
TOUCHPOINT_MAX_USES = 40
TOUCHPOINT_MAX_PERSONAS = 20
TOUCHPOINT_MAX_STAGES = 30
TOUCHPOINT_MAX_PERSONAS_LISTED = 60
"""Names in the box of personas; past it, how many more."""


def touchpoint_drawing(journey_map: JourneyMap, links: dot.DiagramLinks, touchpoint_id: str) -> dot.Drawing:
    return dot.Drawing(
        touchpoint_dot(journey_map, links, touchpoint_id), narrow_touchpoint_dot(journey_map, links, touchpoint_id)
    )


def touchpoint_dot(journey_map: JourneyMap, links: dot.DiagramLinks, touchpoint_id: str) -> dot.Diagram:
    """Who reaches the touchpoint: personas → journeys → the stages where it is used (with the emotion there).

    Past `TOUCHPOINT_MAX_JOURNEYS` journeys (or `TOUCHPOINT_MAX_USES` uses) it draws one node per stage instead, with
    how many journeys use the touchpoint there and how they feel on average (`_touchpoint_by_stage`), at most
    `TOUCHPOINT_MAX_STAGES` of them, and past `TOUCHPOINT_MAX_PERSONAS` one box of personas: a busy touchpoint stays
    readable, and as quick to lay out as any other.
    """
    catalog = journey_map.catalog
    touchpoint = catalog.touchpoints[touchpoint_id]
    channel = catalog.channels[touchpoint.channel]
    uses = journey_map.uses_of_touchpoint(touchpoint_id)
    graph = dot.start(f"touchpoint-{touchpoint.id}", "LR", ranksep=0.5, nodesep=0.12)
    about = touchpoint.description or touchpoint.name
    subject = subject_node("touchpoint", touchpoint.id, touchpoint.name, 3, dot.text(channel.name), about, links)
    graph.node("touchpoint", dot.YamlRef("touchpoint", touchpoint.id), **subject)
    persona_ids = journey_map.personas_of_touchpoint(touchpoint_id)
    journey_count = len({u.journey for u in uses})
    if journey_count > TOUCHPOINT_MAX_JOURNEYS or len(uses) > TOUCHPOINT_MAX_USES:
        stages = _uses_by_stage(journey_map, uses)
        _touchpoint_by_stage(graph, catalog, links, stages, persona_ids)
        by_stage = "; ".join(
            f"{s.stage.name}, {_counted(len(s.journeys), 'journey')}, {_average_words(s)}" for s in stages
        )
        description = (
            f"{touchpoint.name} ({channel.name}) is used in {_counted(journey_count, 'journey')} at "
            f"{_counted(len(stages), 'stage')}, reaching {_counted(len(persona_ids), 'persona')}. "
            f"Summarised by stage: {by_stage}. The table below lists every journey."
        )
    else:
        _touchpoint_by_journey(graph, catalog, links, uses, persona_ids)
        description = (
            f"{touchpoint.name} ({channel.name}) is used in {len(uses)} stage{'s' if len(uses) != 1 else ''} of "
            f"{journey_count} journeys, reaching "
            + (dot.join_names([catalog.personas[p].name for p in persona_ids]) if persona_ids else "no persona yet")
            + ". The table below gives the details."
        )
    return graph.diagram(f"Touchpoint diagram: {touchpoint.name}", description)


def _touchpoint_by_journey(
    graph: dot.DotWriter, catalog: Catalog, links: dot.DiagramLinks, uses: Sequence[Use], persona_ids: Sequence[str]
) -> None:
    """Every persona, every journey and every (journey, stage) use, each a node pointing at the touchpoint."""
    for persona_id in persona_ids:
        graph.node(
            f"persona_{persona_id}",
            dot.YamlRef("persona", persona_id),
            **persona_node(catalog, links, persona_id),
        )
    for journey_id in dict.fromkeys(use.journey for use in uses):
        journey = catalog.journeys[journey_id]
        node = f"journey_{journey_id}"
        graph.node(node, dot.YamlRef("journey", journey_id), **journey_node(catalog, links, journey))
        for persona_id in journey.personas:
            if persona_id in catalog.personas:
                graph.edge(f"persona_{persona_id}", node)
    for use in uses:
        journey = catalog.journeys[use.journey]
        position = next(i for i, step in enumerate(journey.stages) if step.stage == use.stage)
        step = journey.stages[position]
        stage = catalog.stages[use.stage]
        node = f"use_{use.journey}_{use.stage}" + (f"_{use.path}" if use.path else "")
        emotion = _felt(use, step)
        feeling = (
            dot.small(dot.text(dot.emotion_words(emotion.score)), theme.EMOTION_FG)
            if emotion
            else dot.small("no emotion score")
        )
        graph.node(
            node,
            dot.YamlRef("journey", use.journey, ("stages", position)),
            label=dot.Html(f"<B>{dot.lines(stage.name, 20, 2)}</B><BR/>{feeling}"),
            fillcolor=theme.EMOTION_BG[emotion.score] if emotion else theme.BG,
            fontcolor=theme.EMOTION_FG if emotion else theme.FG,
            color=theme.EMOTION_BG[emotion.score] if emotion else theme.LINE,
            URL=dot.href(links, "stage", stage.id),
            tooltip=dot.tooltip(
                f"{stage.name} in {journey.name}"
                + (f": {dot.emotion_words(emotion.score)}" if emotion else "")
                + (f"\n{emotion.note}" if emotion and emotion.note else "")
            ),
            **{"class": "jd-stage"},
        )
        graph.edge(f"journey_{use.journey}", node)
        graph.edge(node, "touchpoint")


@dataclass(frozen=True)
class _StageUse:
    """The journeys that use a touchpoint at one stage, and their emotion scores there (some have none)."""

    stage: Stage
    journeys: tuple[Journey, ...]
    scores: tuple[int, ...]

    @property
    def average(self) -> float | None:
        """To one decimal, as shown: the colour and the word follow the figure the reader sees."""
        return round(sum(self.scores) / len(self.scores), 1) if self.scores else None


def _felt(use: Use, step: JourneyStep) -> Emotion | None:
    """How customers feel at the touchpoint there: the moment's own emotion, else the stage's."""
    return use.moment.emotion if use.moment.emotion is not None else step.emotion


def _uses_by_stage(journey_map: JourneyMap, uses: Iterable[Use]) -> list[_StageUse]:
    """The uses grouped by stage, in stage order; a journey counts once per stage (its emotion there, once per use:
    the touchpoint's own where the moment records one, else the stage's)."""
    catalog = journey_map.catalog
    journeys: dict[str, dict[str, Journey]] = {}
    by_stage: dict[str, list[Use]] = {}
    for use in uses:
        journeys.setdefault(use.stage, {})[use.journey] = catalog.journeys[use.journey]
        by_stage.setdefault(use.stage, []).append(use)
    grouped = []
    for stage_id in sorted(journeys, key=journey_map.stage_position):
        felt = [_felt(use, journey_map.step(catalog.journeys[use.journey], stage_id)) for use in by_stage[stage_id]]
        scores = tuple(emotion.score for emotion in felt if emotion is not None)
        grouped.append(_StageUse(catalog.stages[stage_id], tuple(journeys[stage_id].values()), scores))
    return grouped


def _nearest_score(average: float) -> int:
    """The score an average is nearest to, halves away from 0. Python's `round` takes halves to the even number,
    which would make -0.5 Neutral but -1.5 Frustrated."""
    return int(math.copysign(math.floor(abs(average) + 0.5), average))


def _average_words(use: _StageUse) -> str:
    """'average -1.1 Unhappy', or 'no emotion score' when none of the journeys scores the stage."""
    if use.average is None:
        return "no emotion score"
    figure = f"{use.average:+.1f}" if use.average else "0.0"
    return f"average {figure} {EMOTION_SCALE[_nearest_score(use.average)]}"


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _touchpoint_by_stage(
    graph: dot.DotWriter,
    catalog: Catalog,
    links: dot.DiagramLinks,
    stages: Sequence[_StageUse],
    persona_ids: Sequence[str],
) -> None:
    """A node per stage where the touchpoint is used, coloured by the average emotion there; personas point at
    the stages their journeys use it at, or, past `TOUCHPOINT_MAX_PERSONAS`, one box of them at every stage."""
    persona_nodes = len(persona_ids) <= TOUCHPOINT_MAX_PERSONAS
    if persona_nodes:
        for persona_id in persona_ids:
            graph.node(
                f"persona_{persona_id}",
                dot.YamlRef("persona", persona_id),
                **persona_node(catalog, links, persona_id),
            )
    else:
        graph.node(
            "personas",
            None,  # names from many persona files: no one place in the YAML to point an error at
            shape="plain",
            style="",
            label=dot.Html(_persona_box(catalog, links, persona_ids)),
            **{"class": "jd-persona"},
        )
    column = [f"stage_{use.stage.id}" for use in stages[:TOUCHPOINT_MAX_STAGES]]
    for use in stages[:TOUCHPOINT_MAX_STAGES]:
        node = f"stage_{use.stage.id}"
        _stage_use_node(graph, links, node, use)
        if persona_nodes:
            reaching = (p for journey in use.journeys for p in journey.personas if p in catalog.personas)
            for persona_id in dict.fromkeys(reaching):
                graph.edge(f"persona_{persona_id}", node)
        else:
            graph.edge("personas", node)
        graph.edge(node, "touchpoint")
    if len(stages) > TOUCHPOINT_MAX_STAGES:
        more_node(
            graph, "more_stages", "stages", [use.stage.name for use in stages[TOUCHPOINT_MAX_STAGES:]], "jd-stage"
        )
        graph.edge("more_stages", "touchpoint")
        column.append("more_stages")
    # One column, top to bottom in stage order: invisible edges within a rank fix the order of its nodes.
    graph.same_rank(column)
    for above, below in pairwise(column):
        graph.edge(above, below, style="invis")


def _stage_use_node(graph: dot.DotWriter, links: dot.DiagramLinks, node: str, use: _StageUse) -> None:
    stage = use.stage
    count, feeling = _counted(len(use.journeys), "journey"), _average_words(use)
    score = _nearest_score(use.average) if use.average is not None else None
    about = f"{stage.name}: {count}, {feeling}"
    if use.scores and len(use.scores) < len(use.journeys):
        about += f"\n{len(use.scores)} of the {count} score the emotion here"
    if len(set(use.scores)) > 1:
        about += f"\nfrom {dot.emotion_words(min(use.scores))} to {dot.emotion_words(max(use.scores))}"
    colour = theme.EMOTION_FG if score is not None else theme.MUTED
    graph.node(
        node,
        dot.YamlRef("stage", stage.id),
        label=dot.Html(
            f"<B>{dot.lines(stage.name, 20, 2)}</B><BR/>{dot.small(dot.text(count), colour)}<BR/>{dot.small(dot.text(feeling), colour)}"
        ),
        fillcolor=theme.EMOTION_BG[score] if score is not None else theme.BG,
        fontcolor=theme.EMOTION_FG if score is not None else theme.FG,
        color=theme.EMOTION_BG[score] if score is not None else theme.LINE,
        URL=dot.href(links, "stage", stage.id),
        tooltip=dot.tooltip(about),
        **{"class": "jd-stage"},
    )


def _persona_box(catalog: Catalog, links: dot.DiagramLinks, persona_ids: Sequence[str]) -> str:
    """Every persona who reaches the touchpoint, three to a row, each name linking to their page."""
    per_row = 3
    rows = [
        f'<TR><TD ALIGN="LEFT" COLSPAN="{per_row}">{dot.small(f"{len(persona_ids)} PERSONAS", theme.MUTED)}</TD></TR>'
    ]
    listed = persona_ids[:TOUCHPOINT_MAX_PERSONAS_LISTED]
    for first in range(0, len(listed), per_row):
        cells = []
        for persona_id in listed[first : first + per_row]:
            persona = catalog.personas[persona_id]
            about = f"{persona.name}, {persona.role}" + (f"\n{persona.summary}" if persona.summary else "")
            cells.append(
                f'<TD ALIGN="LEFT" BALIGN="LEFT"{dot.cell_href(links, "persona", persona_id)} '
                f'TOOLTIP="{dot.cell_tooltip(about)}">{dot.small(dot.lines(persona.name, 20, 2), theme.FG, 11)}</TD>'
            )
        rows.append("<TR>" + "".join(cells) + "</TR>")
    if len(persona_ids) > len(listed):
        more = f"… and {len(persona_ids) - len(listed)} more, listed below"
        rows.append(f'<TR><TD ALIGN="LEFT" COLSPAN="{per_row}">{dot.small(dot.text(more), theme.MUTED)}</TD></TR>')
    return (
        f'<TABLE BORDER="1" STYLE="ROUNDED" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3" '
        f'COLOR="{theme.LINE.placeholder}" BGCOLOR="{theme.BG.placeholder}">{"".join(rows)}</TABLE>'
    )


def narrow_touchpoint_dot(journey_map: JourneyMap, links: dot.DiagramLinks, touchpoint_id: str) -> dot.Diagram:
    """The touchpoint, then each journey that uses it (with its personas) and the stages it is used at, coloured by
    the emotion there; past `TOUCHPOINT_MAX_JOURNEYS` journeys or `TOUCHPOINT_MAX_USES` uses, one row per stage
    instead (`TOUCHPOINT_MAX_STAGES` at most), as the wide form does."""
    catalog = journey_map.catalog
    touchpoint = catalog.touchpoints[touchpoint_id]
    channel = catalog.channels[touchpoint.channel]
    uses = journey_map.uses_of_touchpoint(touchpoint_id)
    rows = [
        subject_row(
            "touchpoint",
            touchpoint.name,
            dot.text(channel.name),
            dot.cell_href(links, "touchpoint", touchpoint.id),
            dot.cell_tooltip(touchpoint.description or touchpoint.name),
        )
    ]
    journey_ids = list(dict.fromkeys(use.journey for use in uses))
    by_stage = len(journey_ids) > TOUCHPOINT_MAX_JOURNEYS or len(uses) > TOUCHPOINT_MAX_USES
    if by_stage:
        stage_uses = _uses_by_stage(journey_map, uses)
        for stage_use in stage_uses[:TOUCHPOINT_MAX_STAGES]:
            score = _nearest_score(stage_use.average) if stage_use.average is not None else None
            words = f"{_counted(len(stage_use.journeys), 'journey')}, {_average_words(stage_use)}"
            rows.append(_stage_row(links, stage_use.stage, words, score))
        if len(stage_uses) > TOUCHPOINT_MAX_STAGES:
            rest = stage_uses[TOUCHPOINT_MAX_STAGES:]
            rows.append(
                card_row(
                    dot.small(f"… and {len(rest)} more stages, listed below", theme.FG),
                    tooltip=dot.cell_tooltip("Also: " + ", ".join(use.stage.name for use in rest)),
                )
            )
    for journey_id in journey_ids if not by_stage else ():
        journey = catalog.journeys[journey_id]
        personas = [catalog.personas[p].name for p in journey.personas if p in catalog.personas]
        rows.append(
            card_row(
                f"{dot.small('JOURNEY')}<BR/><B>{dot.lines(journey.name, 40, 2)}</B><BR/>"
                f"{dot.small(dot.lines(dot.join_names(personas) if personas else 'no persona', 48, 2))}",
                href=dot.cell_href(links, "journey", journey_id),
                tooltip=dot.cell_tooltip(journey.summary or journey.name),
            )
        )
        for use in uses:
            if use.journey == journey_id:
                emotion = _felt(use, journey_map.step(journey, use.stage))
                score = emotion.score if emotion else None
                words = dot.emotion_words(score) if score is not None else "no emotion score"
                if use.path is not None:
                    path = next(p for p in journey_map.step(journey, use.stage).paths if p.id == use.path)
                    words = f"{words} · on the path {path.name}"
                rows.append(_stage_row(links, catalog.stages[use.stage], words, score))
    graph = card_drawing(f"touchpoint-{touchpoint.id}-narrow", rows)
    persona_ids = journey_map.personas_of_touchpoint(touchpoint_id)
    description = (
        f"{touchpoint.name} ({channel.name}), used in {_counted(len(uses), 'stage')} of "
        f"{_counted(len(journey_ids), 'journey')}, reaching {_counted(len(persona_ids), 'persona')}: each journey "
        "with the stages where it is used, coloured by how customers feel there."
    )
    return graph.diagram(f"Touchpoint diagram: {touchpoint.name}", description)


def _stage_row(links: dot.DiagramLinks, stage: Stage, words: str, score: int | None) -> str:
    fill = theme.EMOTION_BG[score] if score is not None else theme.SURFACE
    colour = theme.EMOTION_FG if score is not None else theme.FG
    return card_row(
        f'<FONT COLOR="{colour.placeholder}"><B>{dot.lines(stage.name, 40, 2)}</B></FONT><BR/>'
        f"{dot.small(dot.text(words), colour)}",
        href=dot.cell_href(links, "stage", stage.id),
        tooltip=dot.cell_tooltip(f"{stage.name}: {words}"),
        fill=fill,
    )
