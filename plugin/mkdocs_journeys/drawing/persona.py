"""The persona diagram: the persona, their journeys, and the touchpoints of those journeys by channel."""

from __future__ import annotations

from collections.abc import Sequence

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.view import JourneyMap
from mkdocs_journeys.drawing.dot import (
    Diagram,
    DiagramLinks,
    Html,
    YamlRef,
    cell_href,
    cell_tooltip,
    href,
    join_names,
    lines,
    small,
    start,
    text,
    tooltip,
)
from mkdocs_journeys.drawing.nodes import journey_node
from mkdocs_journeys.drawing.theme import LINE, MUTED, STAGE_BG, STAGE_FG, SURFACE

# A persona diagram counts touchpoints per channel instead of naming them past this many.
PERSONA_MAX_TOUCHPOINTS = 40


def persona_dot(journey_map: JourneyMap, links: DiagramLinks, persona_id: str) -> Diagram:
    """The persona, the journeys they take, and the touchpoints of those journeys grouped by channel.

    Journeys point at channels, each box listing the persona's touchpoints in it (linked), or only how many past
    `PERSONA_MAX_TOUCHPOINTS`, so a persona with many touchpoints does not become a hairball.
    """
    catalog = journey_map.catalog
    persona = catalog.personas[persona_id]
    journeys = [catalog.journeys[j] for j in journey_map.journeys_of_persona(persona_id)]
    dot = start(f"persona-{persona.id}", "LR", ranksep=0.6, nodesep=0.12)
    dot.node(
        "persona",
        YamlRef("persona", persona.id),
        label=Html(
            f"{small('PERSONA', STAGE_FG, 9)}<BR/><B>{lines(persona.name, 22, 2)}</B><BR/>"
            f"{small(lines(persona.role, 26, 3), STAGE_FG)}"
        ),
        fillcolor=STAGE_BG,
        fontcolor=STAGE_FG,
        color=STAGE_BG,
        URL=href(links, "persona", persona.id),
        tooltip=tooltip(persona.summary or persona.name),
        **{"class": "jd-persona"},
    )
    touchpoint_ids = journey_map.touchpoints_of_persona(persona_id)
    channels: dict[str, list[str]] = {}
    for touchpoint_id in touchpoint_ids:
        channels.setdefault(catalog.touchpoints[touchpoint_id].channel, []).append(touchpoint_id)
    for journey in journeys:
        node = f"journey_{journey.id}"
        dot.node(node, YamlRef("journey", journey.id), **journey_node(catalog, links, journey))
        dot.edge("persona", node)
        stages_by_channel: dict[str, list[str]] = {}
        for step in journey.stages:
            for touchpoint_id in step.touchpoints:
                if touchpoint_id in catalog.touchpoints:
                    channel_id = catalog.touchpoints[touchpoint_id].channel
                    stages_by_channel.setdefault(channel_id, []).append(catalog.stages[step.stage].name)
        for channel_id, stage_names in stages_by_channel.items():
            dot.edge(
                node,
                f"channel_{channel_id}",
                penwidth=min(1 + 0.4 * (len(stage_names) - 1), 3.5),
                tooltip=tooltip(
                    f"{journey.name} → {catalog.channels[channel_id].name}, in " + ", ".join(dict.fromkeys(stage_names))
                ),
            )
    names_shown = len(touchpoint_ids) <= PERSONA_MAX_TOUCHPOINTS
    for channel_id in sorted(channels, key=lambda c: catalog.channels[c].name.lower()):
        dot.node(
            f"channel_{channel_id}",
            YamlRef("channel", channel_id),
            shape="plain",
            style="",
            label=Html(_channel_table(catalog, links, channel_id, channels[channel_id], names_shown)),
            **{"class": "jd-channel"},
        )
    names = [j.name for j in journeys]
    description = (
        f"{persona.name} takes {len(journeys)} journey{'s' if len(journeys) != 1 else ''}"
        + (f" ({join_names(names)})" if names else "")
        + f" and meets {len(touchpoint_ids)} touchpoints. The tables on this page give the details."
    )
    return dot.diagram(f"Persona diagram: {persona.name}", description)


def _channel_table(
    catalog: Catalog, links: DiagramLinks, channel_id: str, touchpoint_ids: Sequence[str], names: bool
) -> str:
    """A channel box: its name (linking to the channel's page), then its touchpoints, or only how many."""
    channel = catalog.channels[channel_id]
    about = cell_tooltip(f"Channel: {channel.name}" + (f"\n{channel.description}" if channel.description else ""))
    rows = [
        f'<TR><TD ALIGN="LEFT"{cell_href(links, "channel", channel_id)} TOOLTIP="{about}">'
        f"{small(text(channel.name.upper()), MUTED, 9)}</TD></TR>"
    ]
    if names:
        for touchpoint_id in touchpoint_ids:
            touchpoint = catalog.touchpoints[touchpoint_id]
            details = "\n".join(x for x in (touchpoint.name, touchpoint.owner and f"Owner: {touchpoint.owner}") if x)
            rows.append(
                f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"{cell_href(links, "touchpoint", touchpoint_id)} '
                f'TOOLTIP="{cell_tooltip(details)}">{lines(touchpoint.name, 24, 2)}</TD></TR>'
            )
    else:
        count = len(touchpoint_ids)
        rows.append(f'<TR><TD ALIGN="LEFT">{text(f"{count} touchpoint" + ("s" if count != 1 else ""))}</TD></TR>')
    return (
        f'<TABLE BORDER="1" STYLE="ROUNDED" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3" '
        f'COLOR="{LINE.placeholder}" BGCOLOR="{SURFACE.placeholder}">{"".join(rows)}</TABLE>'
    )
