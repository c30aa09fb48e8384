"""Graphviz DOT as text: escaping for each place text enters DOT, a writer that keeps each line's YAML, shared
pieces of labels, and the links diagrams carry.

Every diagram is drawn for the page it sits on, so its links are final URLs relative to that page (`DiagramLinks`):
MkDocs does not rewrite links inside raw SVG.

Escaping happens here, once, for each place text from YAML can enter DOT. Graphviz 2.43 treats them differently:

- label text is an HTML-like label: XML-escaped, and `\\` doubled because Graphviz reads `\\N`, `\\G`… in it;
- node and edge `tooltip`s are XML-escaped (Graphviz decodes entities, then escapes again when writing SVG) and
  their backslashes quadrupled (two rounds of `\\`-escape processing);
- `URL`s are written into the SVG as they are, so they are percent-encoded where a character could break the
  quoting and XML-escaped beforehand (`&` → `&amp;`); inside HTML-like labels (`HREF`) they are escaped twice,
  because the label is XML-decoded once before the URL is written raw.
"""

from __future__ import annotations

import functools
import html
import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import quote

from mkdocs_journeys.data.model import EMOTION_SCALE
from mkdocs_journeys.drawing.svg import xml_safe
from mkdocs_journeys.drawing.theme import FG, LINE, MUTED, SURFACE, ThemeColor

FONT = "Helvetica,Arial,sans-serif"
SMALLEST = 11
"""The smallest text of any diagram, in points. Diagrams are shown at one point per CSS pixel (the wide form only
where it fits whole, the narrow form designed to fit a phone), so no text is under 11 px at 100% zoom."""


class DiagramLinks(Protocol):
    """Links from the page a diagram sits on: the URL of an entity's page relative to it, None when it has none."""

    def url(self, kind: str, entity_id: str = "") -> str | None: ...


# --- escaping: once, for each way text enters DOT -------------------------------------------------------------


class Html(str):
    """An HTML-like label, written between `<` and `>` instead of quotes."""


MAX_TEXT = 1000
"""Characters of one text or tooltip in a diagram; a longer one is cut with '…' (the page shows it whole). Graphviz
refuses a run of text, a tag or a quoted string of more than 16,384 characters, and escaping can make a text six
times longer (`"` is `&quot;`)."""


def _cut(value: object) -> str:
    text = str(value)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rstrip() + "…"


def text(value: object) -> str:
    """Text inside an HTML-like label (also a cell's TOOLTIP): XML-escaped, Graphviz's `\\` escapes disarmed."""
    flat = " ".join(xml_safe(_cut(value)).split())
    return html.escape(flat, quote=True).replace("\\", "\\\\")


def tooltip(value: object) -> str:
    """A node or edge `tooltip` attribute; line breaks are kept."""
    lines = (" ".join(line.split()) for line in xml_safe(_cut(value)).splitlines())
    escaped = "&#10;".join(html.escape(line, quote=True) for line in lines if line)
    return escaped.replace("\\", "\\\\\\\\")


def cell_tooltip(value: object) -> str:
    """A `TOOLTIP` inside an HTML-like label; line breaks are kept."""
    lines = (" ".join(line.split()) for line in xml_safe(_cut(value)).splitlines())
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


@dataclass(frozen=True)
class Drawing:
    """A page's diagram in its two forms, drawn from the same data: `wide` for wide screens, print and downloads,
    `narrow` for phones (laid out top to bottom). The page shows the form that fits (`assets/journeys.css`)."""

    wide: Diagram
    narrow: Diagram

    @property
    def forms(self) -> tuple[Diagram, Diagram]:
        return (self.wide, self.narrow)


NARROW_WIDTH = 340
"""What a narrow form is designed to fit, in points (= CSS px): the text column of a 390 px phone, with room."""


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


def start(name: str, rankdir: str, **graph: AttrValue) -> DotWriter:
    dot = DotWriter(name)
    dot.add(f"digraph {_quoted(name)} {{")
    dot.add(
        "  graph "
        + attributes(
            {
                "rankdir": rankdir,
                "bgcolor": "transparent",
                "fontname": FONT,
                "fontsize": SMALLEST,
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
        "  edge "
        + attributes({"color": LINE, "fontname": FONT, "fontsize": SMALLEST, "fontcolor": MUTED, "arrowsize": 0.6})
    )
    return dot


def small(value: str, colour: ThemeColor = MUTED, size: int = SMALLEST) -> str:
    """Already escaped label text, set small and muted."""
    return f'<FONT POINT-SIZE="{size}" COLOR="{colour.placeholder}">{value}</FONT>'


def score_text(score: int) -> str:
    return f"{score:+d}" if score else "0"


def emotion_words(score: int) -> str:
    return f"{score_text(score)} {EMOTION_SCALE[score]}"


def href(links: DiagramLinks, kind: str, entity_id: str = "", fragment: str = "") -> str | None:
    """A node's `URL` to the entity's page (at `fragment`, an id on it), or None when it has none."""
    target = links.url(kind, entity_id)
    return url(target + (f"#{fragment}" if fragment else "")) if target is not None else None


def cell_href(links: DiagramLinks, kind: str, entity_id: str = "", fragment: str = "") -> str:
    """A cell's ` HREF="…"` to the entity's page (at `fragment`), or nothing when it has none."""
    target = links.url(kind, entity_id)
    if target is None:
        return ""
    return f' HREF="{cell_url(target + (f"#{fragment}" if fragment else ""))}"'


def stage_anchor(stage_id: str) -> str:
    """The id of a stage's section on a journey page (`journey.md.j2` sets it), for links from its diagram."""
    return f"stage-{stage_id}"


def join_names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


_ID_SAFE = re.compile(r"[^a-z0-9-]+")


def element_prefix(diagram: Diagram) -> str:
    """The prefix of every element id of a diagram: unique per diagram, so several can share a page."""
    return "jd-" + _ID_SAFE.sub("-", diagram.name.lower()).strip("-")
