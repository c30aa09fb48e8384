"""Journey, persona, touchpoint and overview diagrams as Graphviz DOT: pure functions, data in, DOT text out.

Every diagram is drawn for the page it sits on (`src_uri`), so its links are final URLs relative to that page
(`LinkIndex.url_from`): MkDocs does not rewrite links inside raw SVG.

Escaping happens here, once, for each place text from YAML can enter DOT. Graphviz 2.43 treats them differently:

- label text is an HTML-like label: XML-escaped, and `\\` doubled because Graphviz reads `\\N`, `\\G`… in it;
- node and edge `tooltip`s are XML-escaped (Graphviz decodes entities, then escapes again when writing SVG) and
  their backslashes quadrupled (two rounds of `\\`-escape processing);
- `URL`s are written into the SVG as they are, so they are percent-encoded where a character could break the
  quoting and XML-escaped beforehand (`&` → `&amp;`); inside HTML-like labels (`HREF`) they are escaped twice,
  because the label is XML-decoded once before the URL is written raw.

Colours are theme tokens (see `THEME_COLORS`): placeholder colours in DOT that `svg.py` turns into CSS custom
properties, so the theme's light and dark palettes apply to the finished SVG.
"""

from __future__ import annotations

import functools
import html
import math
import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from urllib.parse import quote

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.model import EMOTION_SCALE, Journey, JourneyStep, Stage
from mkdocs_journeys.data.usage import UsageIndex, Use
from mkdocs_journeys.drawing.svg import xml_safe
from mkdocs_journeys.site.links import LinkIndex, PageRef

FONT = "Helvetica,Arial,sans-serif"
DIAGRAM_KINDS = ("overview", "persona", "journey", "touchpoint")

# Past these sizes the overview summarises instead of drawing every persona and touchpoint.
OVERVIEW_MAX_PERSONAS = 20
OVERVIEW_MAX_TOUCHPOINTS = 60
OVERVIEW_MAX_JOURNEYS = 60
# A persona diagram counts touchpoints per channel instead of naming them past this many.
PERSONA_MAX_TOUCHPOINTS = 40
# A touchpoint diagram sums its journeys up by stage past this many, and boxes its personas past that many.
TOUCHPOINT_MAX_JOURNEYS = 12
TOUCHPOINT_MAX_PERSONAS = 20
# Pain points written out in a journey column; the rest are counted (all of them are in the tooltip).
PAIN_POINTS_SHOWN = 1
# Width of a journey's stage columns, in inches: six stages fit the text column of mkdocs-material.
COLUMN_WIDTH = 1.5


# --- theme colours --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeColor:
    """A colour of the theme: written into DOT as `placeholder`, shown as `var(variable, fallback)` in SVG."""

    placeholder: str
    variable: str
    fallback: str


def _colour(number: int, variable: str, fallback: str) -> ThemeColor:
    return ThemeColor(f"#000a{number:02x}", variable, fallback)


FG = _colour(1, "--jd-fg", "#1f2328")
MUTED = _colour(2, "--jd-muted", "#57606a")
LINE = _colour(3, "--jd-line", "#8c959f")
BG = _colour(4, "--jd-bg", "#ffffff")
SURFACE = _colour(5, "--jd-surface", "#f6f8fa")
STAGE_BG = _colour(6, "--jd-stage-bg", "#3f51b5")
STAGE_FG = _colour(7, "--jd-stage-fg", "#ffffff")
PAIN_BG = _colour(8, "--jd-pain-bg", "#fff4e5")
PAIN_FG = _colour(9, "--jd-pain-fg", "#6b3a00")
PAIN_LINE = _colour(10, "--jd-pain-line", "#f59f00")
CURVE = _colour(11, "--jd-curve", "#3f51b5")
EMOTION_FG = _colour(12, "--jd-emotion-fg", "#1a1a1a")
EMOTION_BG = {
    -2: _colour(16, "--jd-emotion-m2", "#f4a3a3"),
    -1: _colour(17, "--jd-emotion-m1", "#fcd0a1"),
    0: _colour(18, "--jd-emotion-0", "#e3e6ea"),
    1: _colour(19, "--jd-emotion-p1", "#c3ebc9"),
    2: _colour(20, "--jd-emotion-p2", "#7fd197"),
}

_COLOURS = (FG, MUTED, LINE, BG, SURFACE, STAGE_BG, STAGE_FG, PAIN_BG, PAIN_FG, PAIN_LINE, CURVE, EMOTION_FG)
THEME_COLORS: dict[str, ThemeColor] = {colour.placeholder: colour for colour in (*_COLOURS, *EMOTION_BG.values())}
THEME_COLORS["black"] = FG  # Graphviz's default, should a table border or arrowhead be left uncoloured
"""Every colour a diagram uses, by its placeholder in DOT. `assets/journeys.css` sets the variables per palette."""


# --- escaping: once, for each way text enters DOT -------------------------------------------------------------


class Html(str):
    """An HTML-like label, written between `<` and `>` instead of quotes."""


def text(value: object) -> str:
    """Text inside an HTML-like label (also a cell's TOOLTIP): XML-escaped, Graphviz's `\\` escapes disarmed."""
    flat = " ".join(xml_safe(str(value)).split())
    return html.escape(flat, quote=True).replace("\\", "\\\\")


def tooltip(value: object) -> str:
    """A node or edge `tooltip` attribute; line breaks are kept."""
    lines = (" ".join(line.split()) for line in xml_safe(str(value)).splitlines())
    escaped = "&#10;".join(html.escape(line, quote=True) for line in lines if line)
    return escaped.replace("\\", "\\\\\\\\")


def cell_tooltip(value: object) -> str:
    """A `TOOLTIP` inside an HTML-like label; line breaks are kept."""
    lines = (" ".join(line.split()) for line in xml_safe(str(value)).splitlines())
    return "&#10;".join(text(line) for line in lines if line)


def _safe_url(url: str) -> str:
    """Percent-encode what could end an attribute or start a Graphviz escape; keep the URL's own syntax."""
    return quote(url, safe="/:?#[]@!$&'()*+,;=%~.-_")


def url(value: str) -> str:
    """A node, edge or graph `URL` attribute: Graphviz 2.43 writes it into SVG without escaping it."""
    return html.escape(_safe_url(value), quote=True)


def cell_url(value: str) -> str:
    """An `HREF` inside an HTML-like label: XML-decoded once by Graphviz, then written into SVG unescaped."""
    return html.escape(url(value), quote=True)


def wrap(value: object, width: int, max_lines: int = 4) -> list[str]:
    """Long labels wrap onto lines of about `width` characters; very long ones end with '…'."""
    flat = " ".join(str(value).split())
    return textwrap.wrap(flat, width, max_lines=max_lines, placeholder=" …", break_on_hyphens=False) or [""]


def lines(value: object, width: int, max_lines: int = 4, align: str = "") -> str:
    """Escaped, wrapped label text joined with HTML-like line breaks."""
    return _lines(str(value), width, max_lines, align)


@functools.lru_cache(maxsize=16_384)
def _lines(value: str, width: int, max_lines: int, align: str) -> str:
    """Remembered: the same names are wrapped in many diagrams (a journey's in the diagram of each of its
    touchpoints); at 200 journeys, 29,000 labels held 1,800 different texts."""
    separator = f'<BR ALIGN="{align}"/>' if align else "<BR/>"
    joined = separator.join(text(line) for line in wrap(value, width, max_lines))
    return joined + separator if align else joined


def _quoted(value: str) -> str:
    # Values reaching here are already escaped for their attribute (no raw quotes or odd backslashes remain),
    # except plain values such as colours and ids, which are safe; quotes are escaped for DOT all the same.
    return '"' + value.replace('"', '\\"').replace("\n", " ") + '"'


AttrValue = str | Html | int | float | bool | ThemeColor | None


def attributes(attrs: dict[str, AttrValue]) -> str:
    parts = []
    for name, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, Html):
            parts.append(f"{name}=<{value}>")
        elif isinstance(value, ThemeColor):
            parts.append(f'{name}="{value.placeholder}"')
        elif isinstance(value, bool):
            parts.append(f"{name}={'true' if value else 'false'}")
        elif isinstance(value, (int, float)):
            parts.append(f"{name}={value:g}")
        else:
            parts.append(f"{name}={_quoted(value)}")
    return f"[{' '.join(parts)}]" if parts else ""


# --- the DOT text and where each line came from ---------------------------------------------------------------


@dataclass(frozen=True)
class YamlRef:
    """The YAML an element of a diagram was drawn from, so a Graphviz error can point back at it."""

    kind: str
    entity_id: str
    location: tuple[str | int, ...] = ()


@dataclass(frozen=True)
class Diagram:
    """One diagram: its DOT source, what it shows (for screen readers) and the YAML behind each DOT line."""

    name: str
    title: str
    description: str
    dot: str
    refs: tuple[YamlRef | None, ...] = ()

    def ref_at(self, line: int) -> YamlRef | None:
        """The YAML behind DOT line `line` (1-based), or None for structural lines."""
        return self.refs[line - 1] if 0 < line <= len(self.refs) else None

    def line_of_node(self, node: str) -> int | None:
        """The DOT line that defines `node`, for errors Graphviz reports by node name."""
        start = f"{_quoted(node)} ["
        return next((n for n, line in enumerate(self.dot.splitlines(), 1) if line.lstrip().startswith(start)), None)


@dataclass
class DotWriter:
    name: str
    lines: list[str] = field(default_factory=list)
    refs: list[YamlRef | None] = field(default_factory=list)

    def add(self, line: str, ref: YamlRef | None = None) -> None:
        assert "\n" not in line, "one DOT statement per line, so errors map back to the YAML"
        self.lines.append(line)
        self.refs.append(ref)

    def node(self, node: str, ref: YamlRef | None = None, **attrs: AttrValue) -> None:
        self.add(f"  {_quoted(node)} {attributes(attrs)}", ref)

    def edge(self, tail: str, head: str, ref: YamlRef | None = None, **attrs: AttrValue) -> None:
        self.add(f"  {_port(tail)} -> {_port(head)} {attributes(attrs)}", ref)

    def same_rank(self, nodes: Iterable[str]) -> None:
        self.add("  { rank=same; " + " ".join(f"{_quoted(n)};" for n in nodes) + " }")

    def diagram(self, title: str, description: str) -> Diagram:
        return Diagram(self.name, title, description, "\n".join([*self.lines, "}"]) + "\n", (*self.refs, None))


def _port(node: str) -> str:
    """`name`, or `name:port` / `name:port:compass` for a cell of an HTML-like label."""
    name, *port = node.split(":")
    if not port:
        return _quoted(name)
    return ":".join([_quoted(name), _quoted(port[0]), *port[1:]])


def _start(name: str, rankdir: str, **graph: AttrValue) -> DotWriter:
    dot = DotWriter(name)
    dot.add(f"digraph {_quoted(name)} {{")
    dot.add(
        "  graph "
        + attributes(
            {
                "rankdir": rankdir,
                "bgcolor": "transparent",
                "fontname": FONT,
                "fontsize": 10,
                "fontcolor": FG,
                "pad": 0.12,
                "nodesep": 0.2,
                "ranksep": 0.3,
                "newrank": True,
                **graph,
            }
        )
    )
    dot.add(
        "  node "
        + attributes(
            {
                "shape": "box",
                "style": "rounded,filled",
                "fontname": FONT,
                "fontsize": 12,
                "fontcolor": FG,
                "color": LINE,
                "fillcolor": SURFACE,
                "penwidth": 1,
                "margin": "0.1,0.05",
            }
        )
    )
    dot.add(
        "  edge " + attributes({"color": LINE, "fontname": FONT, "fontsize": 9, "fontcolor": MUTED, "arrowsize": 0.6})
    )
    return dot


def _small(value: str, colour: ThemeColor = MUTED, size: int = 10) -> str:
    """Already escaped label text, set small and muted."""
    return f'<FONT POINT-SIZE="{size}" COLOR="{colour.placeholder}">{value}</FONT>'


def _score(score: int) -> str:
    return f"{score:+d}" if score else "0"


def _emotion_words(score: int) -> str:
    return f"{_score(score)} {EMOTION_SCALE[score]}"


def _href(links: LinkIndex, src_uri: str, kind: str, entity_id: str = "") -> str | None:
    target = links.url_from(src_uri, kind, entity_id)
    return url(target) if target is not None else None


def _cell_href(links: LinkIndex, src_uri: str, kind: str, entity_id: str = "") -> str:
    target = links.url_from(src_uri, kind, entity_id)
    return f' HREF="{cell_url(target)}"' if target is not None else ""


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# --- journey ----------------------------------------------------------------------------------------------------


def journey_dot(catalog: Catalog, usage: UsageIndex, links: LinkIndex, journey_id: str, src_uri: str) -> Diagram:
    """Stages as columns left to right; below each, its emotion (on a -2…+2 band), touchpoints and pain points.

    The emotion nodes sit at the height of their score, joined by the emotion curve; the journey's high and low
    points are flagged. The personas stand above the first stage; a legend (with the emotion scale) closes it.
    """
    journey = catalog.journeys[journey_id]
    persona_names = [catalog.personas[p].name for p in journey.personas if p in catalog.personas]
    dot = _start(
        f"journey-{journey.id}",
        "TB",
        label=Html(_journey_legend()),
        labelloc="b",
        labeljust="l",
        nodesep=0.12,
        ranksep=0.25,
    )
    scores = [step.emotion.score for step in journey.stages if step.emotion is not None]
    band = bool(scores)
    high, low = (max(scores), min(scores)) if len(set(scores)) > 1 else (None, None)

    dot.node(
        "personas",
        YamlRef("journey", journey.id, ("personas",)),
        shape="plain",
        style="",
        label=Html(_personas_table(catalog, links, src_uri, journey.personas)),
    )

    headers, pains = [], []
    previous_emotion: str | None = None
    for position, step in enumerate(journey.stages):
        ref = YamlRef("journey", journey.id, ("stages", position))
        column = _journey_column(dot, catalog, links, src_uri, journey, position, step, ref, band, high, low)
        headers.append(column.header)
        pains += [column.pain] if column.pain else []
        if column.emotion is not None:
            if previous_emotion is not None:
                dot.edge(
                    previous_emotion,
                    column.emotion,
                    constraint=False,
                    weight=0,
                    color=CURVE,
                    penwidth=2.5,
                    arrowhead="none",
                    style="dashed" if column.after_gap else None,
                )
            previous_emotion = column.emotion

    dot.same_rank(headers)
    if len(pains) > 1:
        dot.same_rank(pains)
    dot.edge("personas", headers[0], color=LINE, tooltip=tooltip(f"{_join(persona_names)} go through {journey.name}"))
    for position, (tail, head) in enumerate(pairwise(headers)):
        decision = journey.stages[position].decision
        dot.edge(
            tail,
            head,
            YamlRef("journey", journey.id, ("stages", position, "decision")),
            color=LINE,
            penwidth=1.5,
            tooltip=tooltip(f"Moves on when: {decision}" if decision else "Next stage"),
        )

    stage_names = [catalog.stages[s.stage].name for s in journey.stages]
    description = f"{journey.name}, taken by {_join(persona_names)}, in {len(stage_names)} stages: " + ", ".join(
        f"{name} ({_emotion_words(step.emotion.score)})" if step.emotion else name
        for name, step in zip(stage_names, journey.stages, strict=True)
    )
    if high is not None and low is not None:
        description += f". High point {_score(high)}, low point {_score(low)}"
    return dot.diagram(f"Journey diagram: {journey.name}", description + ". The table below gives the details.")


@dataclass(frozen=True)
class _Column:
    header: str
    emotion: str | None
    after_gap: bool
    pain: str | None


def _journey_column(
    dot: DotWriter,
    catalog: Catalog,
    links: LinkIndex,
    src_uri: str,
    journey: Journey,
    position: int,
    step: JourneyStep,
    ref: YamlRef,
    band: bool,
    high: int | None,
    low: int | None,
) -> _Column:
    """One stage's column: header, emotion, touchpoints (by channel), pain points, joined top to bottom."""
    stage = catalog.stages[step.stage]
    header = f"stage_{position}"
    about = [stage.name, stage.customer_goal and f"Customer goal: {stage.customer_goal}", step.summary]
    dot.node(
        header,
        ref,
        label=Html(f"{_small(f'STAGE {position + 1}', STAGE_FG, 9)}<BR/><B>{lines(stage.name, 15, 2)}</B>"),
        fontsize=12,
        fillcolor=STAGE_BG,
        fontcolor=STAGE_FG,
        color=STAGE_BG,
        width=COLUMN_WIDTH,
        URL=_href(links, src_uri, "stage", stage.id),
        tooltip=tooltip("\n".join(a for a in about if a)),
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
            flag = "<BR/>" + _small("▲ high point", EMOTION_FG, 9)
        elif score == low:
            flag = "<BR/>" + _small("▼ low point", EMOTION_FG, 9)
        words = f"{stage.name}: {_emotion_words(score)}"
        dot.node(
            emotion_node,
            YamlRef("journey", journey.id, ("stages", position, "emotion")),
            label=Html(f"<B>{_score(score)}</B> {text(EMOTION_SCALE[score])}{flag}"),
            fillcolor=EMOTION_BG[score],
            fontcolor=EMOTION_FG,
            color=EMOTION_BG[score],
            width=1.1,
            tooltip=tooltip(words + (f"\n{step.emotion.note}" if step.emotion.note else "")),
            **{"class": "jd-emotion"},
        )
        dot.edge(header, emotion_node, style="invis", minlen=3 - score, weight=20)
        above, gap = emotion_node, 3 + score
    else:
        after_gap = position > 0
    by_channel = sorted(
        (t for t in step.touchpoints if t in catalog.touchpoints),
        key=lambda t: (catalog.channels[catalog.touchpoints[t].channel].name.lower(), step.touchpoints.index(t)),
    )
    for touchpoint_id in by_channel:
        touchpoint = catalog.touchpoints[touchpoint_id]
        channel = catalog.channels[touchpoint.channel]
        node = f"tp_{position}_{touchpoint_id}"
        details = [f"{touchpoint.name} ({channel.name})", touchpoint.owner and f"Owner: {touchpoint.owner}"]
        dot.node(
            node,
            YamlRef("journey", journey.id, ("stages", position, "touchpoints", step.touchpoints.index(touchpoint_id))),
            label=Html(f"{lines(touchpoint.name, 16, 3)}<BR/>{_small(text(channel.name))}"),
            fontsize=12,
            width=COLUMN_WIDTH,
            URL=_href(links, src_uri, "touchpoint", touchpoint.id),
            tooltip=tooltip("\n".join([*(d for d in details if d), touchpoint.description or ""])),
            **{"class": "jd-touchpoint"},
        )
        dot.edge(above, node, style="invis", minlen=gap, weight=20)
        above, gap = node, 1
    pain_node = None
    if step.pain_points:
        node = pain_node = f"pain_{position}"
        shown = step.pain_points[:PAIN_POINTS_SHOWN]
        rest = len(step.pain_points) - len(shown)
        items = "".join(lines(pain, 20, 4, "LEFT") for pain in shown)
        more = _small(f"and {rest} more", PAIN_FG) + '<BR ALIGN="LEFT"/>' if rest else ""
        count = len(step.pain_points)
        dot.node(
            node,
            YamlRef("journey", journey.id, ("stages", position, "pain_points")),
            label=Html(f'<B>⚠ {count} pain point{"s" if count > 1 else ""}</B><BR ALIGN="LEFT"/>{items}{more}'),
            fillcolor=PAIN_BG,
            fontcolor=PAIN_FG,
            color=PAIN_LINE,
            fontsize=10,
            width=COLUMN_WIDTH,
            tooltip=tooltip("Pain points:\n" + "\n".join(f"• {pain}" for pain in step.pain_points)),
            **{"class": "jd-pain"},
        )
        # Light, so that when the pain notes line up at the bottom, this edge stretches, not the touchpoints.
        dot.edge(above, node, style="invis", minlen=gap, weight=1)
    return _Column(header, emotion_node, after_gap, pain_node)


def _personas_table(catalog: Catalog, links: LinkIndex, src_uri: str, persona_ids: Sequence[str]) -> str:
    """The journey's personas side by side, each linking to their page."""
    label = "PERSONA" if len(persona_ids) == 1 else "PERSONAS"
    cells = [f'<TD VALIGN="TOP" ALIGN="LEFT">{_small(label, MUTED, 9)}</TD>']
    for persona_id in persona_ids:
        persona = catalog.personas.get(persona_id)
        if persona is None:
            continue
        about = cell_tooltip(f"{persona.name}, {persona.role}" + (f"\n{persona.summary}" if persona.summary else ""))
        cells.append(
            f'<TD ALIGN="LEFT" BALIGN="LEFT"{_cell_href(links, src_uri, "persona", persona.id)} TOOLTIP="{about}">'
            f"<B>{lines(persona.name, 28, 2)}</B><BR/>{_small(lines(persona.role, 36, 2))}</TD>"
        )
    return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3"><TR>{"".join(cells)}</TR></TABLE>'


def _journey_legend() -> str:
    def key(colour: ThemeColor, symbol: str, words: str) -> str:
        return f'<FONT COLOR="{colour.placeholder}">{symbol}</FONT> {_small(text(words), FG)}'

    scale = "".join(
        f'<TD BGCOLOR="{EMOTION_BG[score].placeholder}">{_small(text(_emotion_words(score)), EMOTION_FG)}</TD>'
        for score in sorted(EMOTION_SCALE)
    )
    cells = [
        _small("LEGEND", MUTED, 9),
        key(STAGE_BG, "■", "stage"),
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="2"><TR>{scale}</TR></TABLE>',
        key(CURVE, "━", "emotion curve"),
        key(LINE, "▢", "touchpoint (channel)"),
        key(PAIN_LINE, "⚠", "pain points"),
        _small(text("▲ ▼ highest and lowest emotion"), FG),
    ]
    first = "".join(f'<TD ALIGN="LEFT">{cell}</TD>' for cell in cells[:3])
    second = "".join(f'<TD ALIGN="LEFT">{cell}</TD>' for cell in cells[3:])
    table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="0">'
    return (
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
        f'<TR><TD ALIGN="LEFT">{table}<TR>{first}</TR></TABLE></TD></TR>'
        f'<TR><TD ALIGN="LEFT">{table}<TR>{second}</TR></TABLE></TD></TR></TABLE>'
    )


# --- persona ----------------------------------------------------------------------------------------------------


def persona_dot(catalog: Catalog, usage: UsageIndex, links: LinkIndex, persona_id: str, src_uri: str) -> Diagram:
    """The persona, the journeys they take, and the touchpoints of those journeys grouped by channel.

    Journeys point at channels, each box listing the persona's touchpoints in it (linked), or only how many past
    `PERSONA_MAX_TOUCHPOINTS`, so a persona with many touchpoints does not become a hairball.
    """
    persona = catalog.personas[persona_id]
    journeys = [catalog.journeys[j] for j in usage.journeys_by_persona.get(persona_id, [])]
    dot = _start(f"persona-{persona.id}", "LR", ranksep=0.6, nodesep=0.12)
    dot.node(
        "persona",
        YamlRef("persona", persona.id),
        label=Html(
            f"{_small('PERSONA', STAGE_FG, 9)}<BR/><B>{lines(persona.name, 22, 2)}</B><BR/>"
            f"{_small(lines(persona.role, 26, 3), STAGE_FG)}"
        ),
        fillcolor=STAGE_BG,
        fontcolor=STAGE_FG,
        color=STAGE_BG,
        URL=_href(links, src_uri, "persona", persona.id),
        tooltip=tooltip(persona.summary or persona.name),
        **{"class": "jd-persona"},
    )
    touchpoint_ids = usage.touchpoints_by_persona.get(persona_id, [])
    channels: dict[str, list[str]] = {}
    for touchpoint_id in touchpoint_ids:
        channels.setdefault(catalog.touchpoints[touchpoint_id].channel, []).append(touchpoint_id)
    for journey in journeys:
        node = f"journey_{journey.id}"
        dot.node(node, YamlRef("journey", journey.id), **_journey_node(catalog, links, src_uri, journey))
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
            label=Html(_channel_table(catalog, links, src_uri, channel_id, channels[channel_id], names_shown)),
            **{"class": "jd-channel"},
        )
    names = [j.name for j in journeys]
    description = (
        f"{persona.name} takes {len(journeys)} journey{'s' if len(journeys) != 1 else ''}"
        + (f" ({_join(names)})" if names else "")
        + f" and meets {len(touchpoint_ids)} touchpoints. The tables on this page give the details."
    )
    return dot.diagram(f"Persona diagram: {persona.name}", description)


def _journey_node(catalog: Catalog, links: LinkIndex, src_uri: str, journey: Journey) -> dict[str, AttrValue]:
    scored = [(step.emotion.score, catalog.stages[step.stage].name) for step in journey.stages if step.emotion]
    low = min(scored, key=lambda s: s[0]) if scored else None
    detail = f"{len(journey.stages)} stages"
    if low is not None and low[0] < 0:
        detail += f" · low {_score(low[0])} in {low[1]}"
    return {
        "label": Html(
            f"{_small('JOURNEY', MUTED, 9)}<BR/><B>{lines(journey.name, 24, 3)}</B><BR/>{_small(text(detail))}"
        ),
        "fillcolor": BG,
        "URL": _href(links, src_uri, "journey", journey.id),
        "tooltip": tooltip(journey.summary or journey.name),
        "class": "jd-journey",
    }


def _channel_table(
    catalog: Catalog, links: LinkIndex, src_uri: str, channel_id: str, touchpoint_ids: Sequence[str], names: bool
) -> str:
    """A channel box: its name (linking to the channel's page), then its touchpoints, or only how many."""
    channel = catalog.channels[channel_id]
    about = cell_tooltip(f"Channel: {channel.name}" + (f"\n{channel.description}" if channel.description else ""))
    rows = [
        f'<TR><TD ALIGN="LEFT"{_cell_href(links, src_uri, "channel", channel_id)} TOOLTIP="{about}">'
        f"{_small(text(channel.name.upper()), MUTED, 9)}</TD></TR>"
    ]
    if names:
        for touchpoint_id in touchpoint_ids:
            touchpoint = catalog.touchpoints[touchpoint_id]
            details = "\n".join(x for x in (touchpoint.name, touchpoint.owner and f"Owner: {touchpoint.owner}") if x)
            rows.append(
                f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"{_cell_href(links, src_uri, "touchpoint", touchpoint_id)} '
                f'TOOLTIP="{cell_tooltip(details)}">{lines(touchpoint.name, 24, 2)}</TD></TR>'
            )
    else:
        count = len(touchpoint_ids)
        rows.append(f'<TR><TD ALIGN="LEFT">{text(f"{count} touchpoint" + ("s" if count != 1 else ""))}</TD></TR>')
    return (
        f'<TABLE BORDER="1" STYLE="ROUNDED" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3" '
        f'COLOR="{LINE.placeholder}" BGCOLOR="{SURFACE.placeholder}">{"".join(rows)}</TABLE>'
    )


# --- touchpoint -------------------------------------------------------------------------------------------------


def touchpoint_dot(catalog: Catalog, usage: UsageIndex, links: LinkIndex, touchpoint_id: str, src_uri: str) -> Diagram:
    """Who reaches the touchpoint: personas → journeys → the stages where it is used (with the emotion there).

    Past `TOUCHPOINT_MAX_JOURNEYS` journeys it draws one node per stage instead, with how many journeys use the
    touchpoint there and how they feel on average (`_touchpoint_by_stage`), and past `TOUCHPOINT_MAX_PERSONAS`
    one box of personas: a busy touchpoint stays readable, and as quick to lay out as any other.
    """
    touchpoint = catalog.touchpoints[touchpoint_id]
    channel = catalog.channels[touchpoint.channel]
    uses = sorted(
        usage.uses_by_touchpoint.get(touchpoint_id, []),
        key=lambda u: (catalog.journeys[u.journey].name.lower(), catalog.stage_position(u.stage)),
    )
    dot = _start(f"touchpoint-{touchpoint.id}", "LR", ranksep=0.5, nodesep=0.12)
    dot.node(
        "touchpoint",
        YamlRef("touchpoint", touchpoint.id),
        label=Html(
            f"{_small('TOUCHPOINT', STAGE_FG, 9)}<BR/><B>{lines(touchpoint.name, 22, 3)}</B><BR/>"
            f"{_small(text(channel.name), STAGE_FG)}"
        ),
        fillcolor=STAGE_BG,
        fontcolor=STAGE_FG,
        color=STAGE_BG,
        URL=_href(links, src_uri, "touchpoint", touchpoint.id),
        tooltip=tooltip(touchpoint.description or touchpoint.name),
        **{"class": "jd-touchpoint"},
    )
    persona_ids = usage.personas_of_touchpoint(touchpoint_id, catalog)
    journey_count = len({u.journey for u in uses})
    if journey_count > TOUCHPOINT_MAX_JOURNEYS:
        stages = _uses_by_stage(catalog, uses)
        _touchpoint_by_stage(dot, catalog, links, src_uri, stages, persona_ids)
        by_stage = "; ".join(
            f"{s.stage.name}, {_counted(len(s.journeys), 'journey')}, {_average_words(s)}" for s in stages
        )
        description = (
            f"{touchpoint.name} ({channel.name}) is used in {_counted(journey_count, 'journey')} at "
            f"{_counted(len(stages), 'stage')}, reaching {_counted(len(persona_ids), 'persona')}. "
            f"Summarised by stage: {by_stage}. The table below lists every journey."
        )
    else:
        _touchpoint_by_journey(dot, catalog, links, src_uri, uses, persona_ids)
        description = (
            f"{touchpoint.name} ({channel.name}) is used in {len(uses)} stage{'s' if len(uses) != 1 else ''} of "
            f"{journey_count} journeys, reaching "
            + (_join([catalog.personas[p].name for p in persona_ids]) if persona_ids else "no persona yet")
            + ". The table below gives the details."
        )
    return dot.diagram(f"Touchpoint diagram: {touchpoint.name}", description)


def _touchpoint_by_journey(
    dot: DotWriter, catalog: Catalog, links: LinkIndex, src_uri: str, uses: Sequence[Use], persona_ids: Sequence[str]
) -> None:
    """Every persona, every journey and every (journey, stage) use, each a node pointing at the touchpoint."""
    for persona_id in persona_ids:
        dot.node(
            f"persona_{persona_id}",
            YamlRef("persona", persona_id),
            **_persona_node(catalog, links, src_uri, persona_id),
        )
    for journey_id in dict.fromkeys(use.journey for use in uses):
        journey = catalog.journeys[journey_id]
        node = f"journey_{journey_id}"
        dot.node(node, YamlRef("journey", journey_id), **_journey_node(catalog, links, src_uri, journey))
        for persona_id in journey.personas:
            if persona_id in catalog.personas:
                dot.edge(f"persona_{persona_id}", node)
    for use in uses:
        journey = catalog.journeys[use.journey]
        position = next(i for i, step in enumerate(journey.stages) if step.stage == use.stage)
        step = journey.stages[position]
        stage = catalog.stages[use.stage]
        node = f"use_{use.journey}_{use.stage}"
        emotion = step.emotion
        feeling = _small(text(_emotion_words(emotion.score)), EMOTION_FG) if emotion else _small("no emotion score")
        dot.node(
            node,
            YamlRef("journey", use.journey, ("stages", position)),
            label=Html(f"<B>{lines(stage.name, 20, 2)}</B><BR/>{feeling}"),
            fillcolor=EMOTION_BG[emotion.score] if emotion else BG,
            fontcolor=EMOTION_FG if emotion else FG,
            color=EMOTION_BG[emotion.score] if emotion else LINE,
            URL=_href(links, src_uri, "stage", stage.id),
            tooltip=tooltip(
                f"{stage.name} in {journey.name}"
                + (f": {_emotion_words(emotion.score)}" if emotion else "")
                + (f"\n{emotion.note}" if emotion and emotion.note else "")
            ),
            **{"class": "jd-stage"},
        )
        dot.edge(f"journey_{use.journey}", node)
        dot.edge(node, "touchpoint")


def _persona_node(catalog: Catalog, links: LinkIndex, src_uri: str, persona_id: str) -> dict[str, AttrValue]:
    persona = catalog.personas[persona_id]
    return {
        "label": Html(f"<B>{lines(persona.name, 22, 2)}</B><BR/>{_small(lines(persona.role, 28, 3))}"),
        "fillcolor": BG,
        "URL": _href(links, src_uri, "persona", persona_id),
        "tooltip": tooltip(persona.summary or persona.name),
        "class": "jd-persona",
    }


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


def _uses_by_stage(catalog: Catalog, uses: Iterable[Use]) -> list[_StageUse]:
    """The uses grouped by stage, in stage order; a journey counts once per stage."""
    journeys: dict[str, dict[str, Journey]] = {}
    for use in uses:
        journeys.setdefault(use.stage, {})[use.journey] = catalog.journeys[use.journey]
    grouped = []
    for stage_id in sorted(journeys, key=catalog.stage_position):
        steps = [next(s for s in journey.stages if s.stage == stage_id) for journey in journeys[stage_id].values()]
        scores = tuple(step.emotion.score for step in steps if step.emotion is not None)
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
    dot: DotWriter,
    catalog: Catalog,
    links: LinkIndex,
    src_uri: str,
    stages: Sequence[_StageUse],
    persona_ids: Sequence[str],
) -> None:
    """A node per stage where the touchpoint is used, coloured by the average emotion there; personas point at
    the stages their journeys use it at, or, past `TOUCHPOINT_MAX_PERSONAS`, one box of them at every stage."""
    persona_nodes = len(persona_ids) <= TOUCHPOINT_MAX_PERSONAS
    if persona_nodes:
        for persona_id in persona_ids:
            dot.node(
                f"persona_{persona_id}",
                YamlRef("persona", persona_id),
                **_persona_node(catalog, links, src_uri, persona_id),
            )
    else:
        dot.node(
            "personas",
            None,  # names from many persona files: no one place in the YAML to point an error at
            shape="plain",
            style="",
            label=Html(_persona_box(catalog, links, src_uri, persona_ids)),
            **{"class": "jd-persona"},
        )
    for use in stages:
        node = f"stage_{use.stage.id}"
        _stage_use_node(dot, links, src_uri, node, use)
        if persona_nodes:
            reaching = (p for journey in use.journeys for p in journey.personas if p in catalog.personas)
            for persona_id in dict.fromkeys(reaching):
                dot.edge(f"persona_{persona_id}", node)
        else:
            dot.edge("personas", node)
        dot.edge(node, "touchpoint")
    # One column, top to bottom in stage order: invisible edges within a rank fix the order of its nodes.
    column = [f"stage_{use.stage.id}" for use in stages]
    dot.same_rank(column)
    for above, below in pairwise(column):
        dot.edge(above, below, style="invis")


def _stage_use_node(dot: DotWriter, links: LinkIndex, src_uri: str, node: str, use: _StageUse) -> None:
    stage = use.stage
    count, feeling = _counted(len(use.journeys), "journey"), _average_words(use)
    score = _nearest_score(use.average) if use.average is not None else None
    about = f"{stage.name}: {count}, {feeling}"
    if use.scores and len(use.scores) < len(use.journeys):
        about += f"\n{len(use.scores)} of the {count} score the emotion here"
    if len(set(use.scores)) > 1:
        about += f"\nfrom {_emotion_words(min(use.scores))} to {_emotion_words(max(use.scores))}"
    colour = EMOTION_FG if score is not None else MUTED
    dot.node(
        node,
        YamlRef("stage", stage.id),
        label=Html(
            f"<B>{lines(stage.name, 20, 2)}</B><BR/>{_small(text(count), colour)}<BR/>{_small(text(feeling), colour)}"
        ),
        fillcolor=EMOTION_BG[score] if score is not None else BG,
        fontcolor=EMOTION_FG if score is not None else FG,
        color=EMOTION_BG[score] if score is not None else LINE,
        URL=_href(links, src_uri, "stage", stage.id),
        tooltip=tooltip(about),
        **{"class": "jd-stage"},
    )


def _persona_box(catalog: Catalog, links: LinkIndex, src_uri: str, persona_ids: Sequence[str]) -> str:
    """Every persona who reaches the touchpoint, three to a row, each name linking to their page."""
    per_row = 3
    rows = [f'<TR><TD ALIGN="LEFT" COLSPAN="{per_row}">{_small(f"{len(persona_ids)} PERSONAS", MUTED, 9)}</TD></TR>']
    for start in range(0, len(persona_ids), per_row):
        cells = []
        for persona_id in persona_ids[start : start + per_row]:
            persona = catalog.personas[persona_id]
            about = f"{persona.name}, {persona.role}" + (f"\n{persona.summary}" if persona.summary else "")
            cells.append(
                f'<TD ALIGN="LEFT" BALIGN="LEFT"{_cell_href(links, src_uri, "persona", persona_id)} '
                f'TOOLTIP="{cell_tooltip(about)}">{_small(lines(persona.name, 20, 2), FG, 11)}</TD>'
            )
        rows.append("<TR>" + "".join(cells) + "</TR>")
    return (
        f'<TABLE BORDER="1" STYLE="ROUNDED" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3" '
        f'COLOR="{LINE.placeholder}" BGCOLOR="{BG.placeholder}">{"".join(rows)}</TABLE>'
    )


# --- overview ---------------------------------------------------------------------------------------------------


def overview_dot(catalog: Catalog, usage: UsageIndex, links: LinkIndex, src_uri: str) -> Diagram:
    """Personas → journeys, each journey a row of emotion by stage, and the touchpoints by channel below.

    Stays readable as the map grows: rows and lists instead of nodes and edges, persona nodes only up to
    `OVERVIEW_MAX_PERSONAS` (then a personas column), touchpoint names only up to `OVERVIEW_MAX_TOUCHPOINTS`
    (then counts per channel), at most `OVERVIEW_MAX_JOURNEYS` rows (then a count of the rest).
    """
    personas = sorted(catalog.personas.values(), key=lambda p: (p.name.lower(), p.id))
    persona_order = {p.id: i for i, p in enumerate(personas)}
    journeys = sorted(
        catalog.journeys.values(),
        key=lambda j: (min((persona_order.get(p, len(personas)) for p in j.personas), default=0), j.name.lower()),
    )
    shown = journeys[:OVERVIEW_MAX_JOURNEYS]
    persona_nodes = len(personas) <= OVERVIEW_MAX_PERSONAS
    dot = _start("overview", "LR", ranksep=0.35, nodesep=0.1)
    stages = [s for s in catalog.stages if s in usage.journeys_by_stage]
    parts = [_emotion_grid(catalog, links, src_uri, shown, stages, len(journeys) - len(shown), persona_nodes)]
    if catalog.touchpoints:
        parts.append(_touchpoint_table(catalog, usage, links, src_uri))
    # One node: the grid with the touchpoints below it, both aligned left; persona edges end at the grid's rows.
    rows = "".join(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{part}</TD></TR>' for part in parts)
    dot.node(
        "grid",
        shape="plain",
        style="",
        label=Html(f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">{rows}</TABLE>'),
    )
    if persona_nodes:
        for persona in personas:
            dot.node(
                f"persona_{persona.id}",
                YamlRef("persona", persona.id),
                label=Html(f"<B>{lines(persona.name, 18, 2)}</B>"),
                fillcolor=BG,
                URL=_href(links, src_uri, "persona", persona.id),
                tooltip=tooltip(
                    f"{persona.name}, {persona.role}" + (f"\n{persona.summary}" if persona.summary else "")
                ),
                **{"class": "jd-persona"},
            )
        for journey in shown:
            for persona_id in journey.personas:
                if persona_id in catalog.personas:
                    dot.edge(f"persona_{persona_id}", f"grid:j_{journey.id}:w", arrowhead="none", headclip=True)
    description = (
        f"{len(personas)} personas take {len(journeys)} journeys through {len(stages)} stages; "
        "each journey is a row of emotion scores by stage, with its lowest point marked. "
        f"Below, {len(catalog.touchpoints)} touchpoints by channel. The lists on this page give the details."
    )
    return dot.diagram("Overview diagram: personas, journeys and touchpoints", description)


def _emotion_grid(
    catalog: Catalog,
    links: LinkIndex,
    src_uri: str,
    journeys: Sequence[Journey],
    stage_ids: Sequence[str],
    hidden: int,
    persona_nodes: bool,
) -> str:
    line = LINE.placeholder
    head = [f'<TD ALIGN="LEFT" BGCOLOR="{BG.placeholder}">{_small("JOURNEY", MUTED, 9)}</TD>']
    if not persona_nodes:
        head.append(f'<TD ALIGN="LEFT" BGCOLOR="{BG.placeholder}">{_small("PERSONAS", MUTED, 9)}</TD>')
    for stage_id in stage_ids:
        stage = catalog.stages[stage_id]
        head.append(
            f'<TD BGCOLOR="{STAGE_BG.placeholder}"{_cell_href(links, src_uri, "stage", stage_id)} '
            f'TOOLTIP="{cell_tooltip(stage.customer_goal or stage.name)}">'
            f'<FONT COLOR="{STAGE_FG.placeholder}"><B>{lines(stage.name, 14, 2)}</B></FONT></TD>'
        )
    rows = ["<TR>" + "".join(head) + "</TR>"]
    for journey in journeys:
        scores = [step.emotion.score for step in journey.stages if step.emotion]
        low = min(scores) if len(set(scores)) > 1 else None
        high = max(scores) if len(set(scores)) > 1 else None
        cells = [
            f'<TD PORT="j_{journey.id}" ALIGN="LEFT" BGCOLOR="{BG.placeholder}"'
            f'{_cell_href(links, src_uri, "journey", journey.id)} TOOLTIP="{cell_tooltip(journey.summary or journey.name)}">'
            f"<B>{lines(journey.name, 28, 2)}</B></TD>"
        ]
        if not persona_nodes:
            names = [catalog.personas[p].name for p in journey.personas if p in catalog.personas]
            more = f" +{len(names) - 1}" if len(names) > 1 else ""
            first = journey.personas[0]
            cells.append(
                f'<TD ALIGN="LEFT" BGCOLOR="{BG.placeholder}"{_cell_href(links, src_uri, "persona", first)} '
                f'TOOLTIP="{cell_tooltip(", ".join(names))}">{lines(names[0] if names else first, 22, 1)}{more}</TD>'
            )
        steps = {step.stage: step for step in journey.stages}
        for stage_id in stage_ids:
            step = steps.get(stage_id)
            stage_name = catalog.stages[stage_id].name
            if step is None:
                absent = cell_tooltip(f"{journey.name} does not go through {stage_name}")
                cells.append(
                    f'<TD BGCOLOR="{BG.placeholder}" TOOLTIP="{absent}">{_small("not in journey", MUTED, 9)}</TD>'
                )
                continue
            touchpoints = [catalog.touchpoints[t].name for t in step.touchpoints if t in catalog.touchpoints]
            about = f"{journey.name}, {stage_name}: " + (
                _emotion_words(step.emotion.score) if step.emotion else "no emotion score"
            )
            if step.pain_points:
                about += f"\n{len(step.pain_points)} pain point(s)"
            if touchpoints:
                about += "\nTouchpoints: " + ", ".join(touchpoints)
            href = _cell_href(links, src_uri, "journey", journey.id)
            if step.emotion is None:
                cells.append(f'<TD BGCOLOR="{BG.placeholder}"{href} TOOLTIP="{cell_tooltip(about)}">{_small("–")}</TD>')
                continue
            score = step.emotion.score
            mark = " ▼" if score == low else " ▲" if score == high else ""
            pain = " ⚠" if step.pain_points else ""
            cells.append(
                f'<TD BGCOLOR="{EMOTION_BG[score].placeholder}"{href} TOOLTIP="{cell_tooltip(about)}">'
                f'<FONT COLOR="{EMOTION_FG.placeholder}"><B>{_score(score)}</B>{mark}{pain}</FONT></TD>'
            )
        rows.append("<TR>" + "".join(cells) + "</TR>")
    if hidden:
        span = len(stage_ids) + (1 if persona_nodes else 2)
        rows.append(
            f'<TR><TD COLSPAN="{span}" ALIGN="LEFT">{_small(f"… and {hidden} more journeys, listed below")}</TD></TR>'
        )
    legend = (
        f"emotion by stage, from {_emotion_words(-2)} to {_emotion_words(2)} · "
        "▼ low point · ▲ high point · ⚠ pain points"
    )
    span = len(stage_ids) + (1 if persona_nodes else 2)
    rows.append(f'<TR><TD COLSPAN="{span}" ALIGN="LEFT" BORDER="0">{_small(text(legend))}</TD></TR>')
    return f'<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="5" COLOR="{line}">{"".join(rows)}</TABLE>'


def _touchpoint_table(catalog: Catalog, usage: UsageIndex, links: LinkIndex, src_uri: str) -> str:
    """Touchpoints by channel; past `OVERVIEW_MAX_TOUCHPOINTS`, only how many each channel has."""
    per_row = 4
    names_shown = len(catalog.touchpoints) <= OVERVIEW_MAX_TOUCHPOINTS
    channels = sorted(
        (c for c, t in usage.touchpoints_by_channel.items() if t), key=lambda c: catalog.channels[c].name.lower()
    )
    rows = [
        f'<TR><TD ALIGN="LEFT" COLSPAN="{per_row + 1}" BORDER="0" HEIGHT="28" VALIGN="BOTTOM">'
        f"{_small(f'{len(catalog.touchpoints)} TOUCHPOINTS BY CHANNEL', MUTED, 9)}</TD></TR>"
    ]
    for channel_id in channels:
        channel = catalog.channels[channel_id]
        touchpoint_ids = usage.touchpoints_by_channel[channel_id]
        chunks = (
            [touchpoint_ids[i : i + per_row] for i in range(0, len(touchpoint_ids), per_row)] if names_shown else [[]]
        )
        head = (
            f'<TD ROWSPAN="{len(chunks)}" ALIGN="LEFT" BGCOLOR="{BG.placeholder}"'
            f'{_cell_href(links, src_uri, "channel", channel_id)} TOOLTIP="{cell_tooltip(channel.description or channel.name)}">'
            f"<B>{lines(channel.name, 18, 2)}</B></TD>"
        )
        for number, chunk in enumerate(chunks):
            cells = [head] if number == 0 else []
            if not names_shown:
                cells.append(
                    f'<TD ALIGN="LEFT" COLSPAN="{per_row}"{_cell_href(links, src_uri, "channel", channel_id)}>'
                    f"{_small(f'{len(touchpoint_ids)} touchpoints', FG)}</TD>"
                )
            for touchpoint_id in chunk:
                touchpoint = catalog.touchpoints[touchpoint_id]
                cells.append(
                    f'<TD ALIGN="LEFT" BALIGN="LEFT"{_cell_href(links, src_uri, "touchpoint", touchpoint_id)} '
                    f'TOOLTIP="{cell_tooltip(touchpoint.name)}">{_small(lines(touchpoint.name, 20, 2), FG, 11)}</TD>'
                )
            if names_shown and len(chunk) < per_row:
                cells.append(f'<TD COLSPAN="{per_row - len(chunk)}" BORDER="0"></TD>')
            rows.append("<TR>" + "".join(cells) + "</TR>")
    return (
        f'<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="5" COLOR="{LINE.placeholder}">'
        f"{''.join(rows)}</TABLE>"
    )


# --- which diagram goes on which page ----------------------------------------------------------------------------


def diagram_for(page: PageRef, catalog: Catalog, usage: UsageIndex, links: LinkIndex) -> Diagram | None:
    """The diagram of a generated page, or None for kinds of page that have none."""
    if page.kind == "journey":
        return journey_dot(catalog, usage, links, page.entity_id, page.src_uri)
    if page.kind == "persona":
        return persona_dot(catalog, usage, links, page.entity_id, page.src_uri)
    if page.kind == "touchpoint":
        return touchpoint_dot(catalog, usage, links, page.entity_id, page.src_uri)
    if page.kind == "overview":
        return overview_dot(catalog, usage, links, page.src_uri)
    return None


_ID_SAFE = re.compile(r"[^a-z0-9-]+")


def element_prefix(diagram: Diagram) -> str:
    """The prefix of every element id of a diagram: unique per diagram, so several can share a page."""
    return "jd-" + _ID_SAFE.sub("-", diagram.name.lower()).strip("-")
