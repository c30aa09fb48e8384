"""The persona diagram: the persona, their journeys, and the touchpoints of those journeys by channel; and its narrow
form for phones, the same as one card read from top to bottom."""

from __future__ import annotations

from collections.abc import Sequence

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.view import JourneyMap
from mkdocs_journeys.drawing import dot, theme
from mkdocs_journeys.drawing.nodes import card_drawing, card_row, journey_node, more_node, subject_node, subject_row

# A persona diagram counts touchpoints per channel instead of naming them past this many, and draws this many
# journeys and channels at most (then a node says how many more).
PERSONA_MAX_TOUCHPOINTS = 40
PERSONA_MAX_JOURNEYS = 20
PERSONA_MAX_CHANNELS = 20


def persona_drawing(journey_map: JourneyMap, links: dot.DiagramLinks, persona_id: str) -> dot.Drawing:
    return dot.Drawing(persona_dot(journey_map, links, persona_id), narrow_persona_dot(journey_map, links, persona_id))


def persona_dot(journey_map: JourneyMap, links: dot.DiagramLinks, persona_id: str) -> dot.Diagram:
    """The persona, the journeys they take, and the touchpoints of those journeys grouped by channel.

    Journeys point at channels, each box listing the persona's touchpoints in it (linked), or only how many past
    `PERSONA_MAX_TOUCHPOINTS`, so a persona with many touchpoints does not become a hairball.
    """
    catalog = journey_map.catalog
    persona = catalog.personas[persona_id]
    journeys = [catalog.journeys[j] for j in journey_map.journeys_of_persona(persona_id)]
    graph = dot.start(f"persona-{persona.id}", "LR", ranksep=0.6, nodesep=0.12)
    role = dot.lines(persona.role, 26, 3)
    subject = subject_node("persona", persona.id, persona.name, 2, role, persona.summary or persona.name, links)
    graph.node("persona", dot.YamlRef("persona", persona.id), **subject)
    touchpoint_ids = journey_map.touchpoints_of_persona(persona_id)
    channels: dict[str, list[str]] = {}
    for touchpoint_id in touchpoint_ids:
        channels.setdefault(catalog.touchpoints[touchpoint_id].channel, []).append(touchpoint_id)
    ordered = sorted(channels, key=lambda c: catalog.channels[c].name.lower())
    drawn = set(ordered[:PERSONA_MAX_CHANNELS])
    if len(journeys) > PERSONA_MAX_JOURNEYS:
        more_node(graph, "more_journeys", "journeys", [j.name for j in journeys[PERSONA_MAX_JOURNEYS:]], "jd-journey")
        graph.edge("persona", "more_journeys")
    for journey in journeys[:PERSONA_MAX_JOURNEYS]:
        node = f"journey_{journey.id}"
        graph.node(node, dot.YamlRef("journey", journey.id), **journey_node(catalog, links, journey))
        graph.edge("persona", node)
        stages_by_channel: dict[str, list[str]] = {}
        for step in journey.stages:
            for touchpoint_id in step.touchpoint_ids:
                if touchpoint_id in catalog.touchpoints:
                    channel_id = catalog.touchpoints[touchpoint_id].channel
                    stages_by_channel.setdefault(channel_id, []).append(catalog.stages[step.stage].name)
        if set(stages_by_channel) - drawn:
            graph.edge(node, "more_channels")
        for channel_id, stage_names in stages_by_channel.items():
            if channel_id not in drawn:
                continue
            graph.edge(
                node,
                f"channel_{channel_id}",
                penwidth=min(1 + 0.4 * (len(stage_names) - 1), 3.5),
                tooltip=dot.tooltip(
                    f"{journey.name} → {catalog.channels[channel_id].name}, in " + ", ".join(dict.fromkeys(stage_names))
                ),
            )
    names_shown = len(touchpoint_ids) <= PERSONA_MAX_TOUCHPOINTS
    if len(ordered) > PERSONA_MAX_CHANNELS:
        hidden = [catalog.channels[c].name for c in ordered[PERSONA_MAX_CHANNELS:]]
        more_node(graph, "more_channels", "channels", hidden, "jd-channel")
    for channel_id in ordered[:PERSONA_MAX_CHANNELS]:
        graph.node(
            f"channel_{channel_id}",
            dot.YamlRef("channel", channel_id),
            shape="plain",
            style="",
            label=dot.Html(_channel_table(catalog, links, channel_id, channels[channel_id], names_shown)),
            **{"class": "jd-channel"},
        )
    names = [j.name for j in journeys]
    description = (
        f"{persona.name} takes {len(journeys)} journey{'s' if len(journeys) != 1 else ''}"
        + (f" ({dot.join_names(names)})" if names else "")
        + f" and meets {len(touchpoint_ids)} touchpoints. The tables on this page give the details."
    )
    return graph.diagram(f"Persona diagram: {persona.name}", description)


def _channel_table(
    catalog: Catalog, links: dot.DiagramLinks, channel_id: str, touchpoint_ids: Sequence[str], names: bool
) -> str:
    """A channel box: its name (linking to the channel's page), then its touchpoints, or only how many."""
    channel = catalog.channels[channel_id]
    about = dot.cell_tooltip(f"Channel: {channel.name}" + (f"\n{channel.description}" if channel.description else ""))
    rows = [
        f'<TR><TD ALIGN="LEFT"{dot.cell_href(links, "channel", channel_id)} TOOLTIP="{about}">'
        f"{dot.small(dot.text(channel.name.upper()), theme.MUTED)}</TD></TR>"
    ]
    if names:
        for touchpoint_id in touchpoint_ids:
            touchpoint = catalog.touchpoints[touchpoint_id]
            details = "\n".join(x for x in (touchpoint.name, touchpoint.owner and f"Owner: {touchpoint.owner}") if x)
            rows.append(
                f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"{dot.cell_href(links, "touchpoint", touchpoint_id)} '
                f'TOOLTIP="{dot.cell_tooltip(details)}">{dot.lines(touchpoint.name, 24, 2)}</TD></TR>'
            )
    else:
        count = len(touchpoint_ids)
        rows.append(f'<TR><TD ALIGN="LEFT">{dot.text(f"{count} touchpoint" + ("s" if count != 1 else ""))}</TD></TR>')
    return (
        f'<TABLE BORDER="1" STYLE="ROUNDED" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3" '
        f'COLOR="{theme.LINE.placeholder}" BGCOLOR="{theme.SURFACE.placeholder}">{"".join(rows)}</TABLE>'
    )


def narrow_persona_dot(journey_map: JourneyMap, links: dot.DiagramLinks, persona_id: str) -> dot.Diagram:
    """The persona, then each journey they take with the channels and touchpoints it meets them at, as one card."""
    catalog = journey_map.catalog
    persona = catalog.personas[persona_id]
    journeys = [catalog.journeys[j] for j in journey_map.journeys_of_persona(persona_id)]
    names_shown = len(journey_map.touchpoints_of_persona(persona_id)) <= PERSONA_MAX_TOUCHPOINTS
    rows = [
        subject_row(
            "persona",
            persona.name,
            dot.lines(persona.role, 44, 3),
            dot.cell_href(links, "persona", persona.id),
            dot.cell_tooltip(persona.summary or persona.name),
        )
    ]
    channels_drawn = 0  # at most `PERSONA_MAX_CHANNELS` channel headings in all, as the wide form draws
    for journey in journeys[:PERSONA_MAX_JOURNEYS]:
        node = journey_node(catalog, links, journey)
        rows.append(
            card_row(str(node["label"]), href=dot.cell_href(links, "journey", journey.id), tooltip=str(node["tooltip"]))
        )
        channels: dict[str, list[str]] = {}
        for step in journey.stages:
            for touchpoint_id in step.touchpoint_ids:
                if touchpoint_id in catalog.touchpoints:
                    channel_touchpoints = channels.setdefault(catalog.touchpoints[touchpoint_id].channel, [])
                    if touchpoint_id not in channel_touchpoints:
                        channel_touchpoints.append(touchpoint_id)
        ordered = sorted(channels, key=lambda c: catalog.channels[c].name.lower())
        shown = ordered[: max(0, PERSONA_MAX_CHANNELS - channels_drawn)]
        channels_drawn += len(shown)
        if len(shown) < len(ordered):
            others = ", ".join(catalog.channels[c].name for c in ordered[len(shown) :])
            rows.append(
                card_row(
                    dot.small(f"… and {len(ordered) - len(shown)} more channels"), tooltip=dot.cell_tooltip(others)
                )
            )
        for channel_id in shown:
            channel = catalog.channels[channel_id]
            count = len(channels[channel_id])
            heading = dot.text(channel.name.upper()) + ("" if names_shown else f" · {count} TOUCHPOINTS")
            rows.append(
                card_row(
                    dot.small(heading),
                    href=dot.cell_href(links, "channel", channel_id),
                    tooltip=dot.cell_tooltip(f"Channel: {channel.name}"),
                    fill=theme.SURFACE,
                )
            )
            for touchpoint_id in channels[channel_id] if names_shown else ():
                touchpoint = catalog.touchpoints[touchpoint_id]
                rows.append(
                    card_row(
                        dot.lines(touchpoint.name, 40, 2),
                        href=dot.cell_href(links, "touchpoint", touchpoint_id),
                        tooltip=dot.cell_tooltip(touchpoint.name),
                        fill=theme.SURFACE,
                    )
                )
    if len(journeys) > PERSONA_MAX_JOURNEYS:
        rest = journeys[PERSONA_MAX_JOURNEYS:]
        rows.append(
            card_row(
                dot.small(f"… and {len(rest)} more journeys, listed below", theme.FG),
                tooltip=dot.cell_tooltip("Also: " + ", ".join(j.name for j in rest)),
            )
        )
    graph = card_drawing(f"persona-{persona.id}-narrow", rows)
    names = [j.name for j in journeys]
    description = (
        f"{persona.name}, {persona.role}, takes {len(journeys)} journey{'s' if len(journeys) != 1 else ''}"
        + (f" ({dot.join_names(names)})" if names else "")
        + "; under each journey, the channels and touchpoints where it meets them."
    )
    return graph.diagram(f"Persona diagram: {persona.name}", description)
