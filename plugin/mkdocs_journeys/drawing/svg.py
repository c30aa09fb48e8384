"""Graphviz's SVG made fit to sit inside an HTML page, several per page, in any palette of the theme.

- the XML prolog, doctype, comments and processing instructions go; the SVG is a `role="group"` (its links stay
  links for screen readers and the keyboard), named by a `<title>` and described by a `<desc>` that says what the
  diagram shows;
- every element id, and every reference to one (`url(#…)`, `href="#…"`), gets the diagram's prefix, so ids stay
  unique when several diagrams share a page;
- tooltips become `<title>` children, which every browser shows and screen readers read; Graphviz's own titles
  (node names such as `tp_3_blog`) go; links without a target stop being links;
- theme colours (placeholders in DOT, see `theme.THEME_COLORS`) become `var(--jd-…, fallback)` styles, so
  `assets/journeys.css` can follow the theme's light and dark palettes;
- what the page does not need goes (`_slim`): attributes that say what is the default anyway (`text-anchor="start"`,
  `stroke="transparent"`, an identity scale and rotation), a font family and size repeated on every text (said once
  on the root, which its texts inherit), and digits finer than a tenth of a pixel; links, titles, descriptions and ids
  stay as they are;
- the result is one line of markup: no blank line can end the raw HTML block in Markdown.

How: lxml parses the document (entities are neither expanded nor fetched), the few changes to its structure are made
on the tree, and lxml writes it out. The changes to attributes (tooltips, ids, references, colours) are then made on
the markup lxml wrote, with regular expressions: they touch most of the ~700 elements of a large diagram, and making
them element by element through lxml took longer than parsing and writing together. The markup lxml writes makes this
safe: attribute values are always in double quotes, with `"`, `<` and `>` escaped, and text has `<` and `>` escaped.
So `<` and `>` only ever open and close tags, and what is followed by `[^<>]*>` is inside a tag, never in text.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

from mkdocs_journeys.drawing.theme import ThemeColor

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

_SVG = f"{{{SVG_NS}}}"
_XLINK_HREF = f"{{{XLINK_NS}}}href"
_XLINK_TITLE = f"{{{XLINK_NS}}}title"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_PT = re.compile(r"^([\d.]+)pt$")
_LABEL_LINK_ID = re.compile(r"^a_(.+)_\d+$")

_PARSER = etree.XMLParser(
    resolve_entities=False,  # what is left of entities is dropped (`_structure`)
    no_network=True,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
    # Whitespace between elements goes; whitespace that is all an element holds (a label of spaces) stays.
    remove_blank_text=True,
)


# Characters XML 1.0 cannot hold. YAML lets them into text as escapes (`"\x14"`, `"\0"`); Graphviz refuses them in
# labels and XML parsers in SVG, so wherever text enters DOT or SVG they are shown as U+FFFD instead.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


class SvgError(ValueError):
    """Graphviz's output could not be read as SVG (a truncated or damaged document)."""


def _graphviz_svg(svg: str) -> etree._Element:
    """The root of the SVG document Graphviz wrote; `SvgError` when it is not one."""
    try:
        root = etree.fromstring(svg.encode("utf-8"), _PARSER)
    except etree.XMLSyntaxError as error:
        raise SvgError(f"Graphviz wrote an SVG that cannot be read: {error}") from None
    if root.tag != f"{_SVG}svg":
        raise SvgError("Graphviz did not write an SVG document")
    return root


def prepare_svg(svg: str, *, prefix: str, title: str, description: str, colours: Mapping[str, ThemeColor]) -> str:
    """The SVG `svg` from Graphviz, ready to be placed inline in a page (see the module's description)."""
    root = _graphviz_svg(svg)
    prefix = xml_safe(prefix)
    _structure(root, title, description)
    _size(root)
    root.set("role", "group")
    root.set("aria-labelledby", f"{prefix}-title")
    root.set("aria-describedby", f"{prefix}-desc")
    root.set("class", "journeys-svg")
    markup: bytes = etree.tostring(root, encoding="utf-8")
    markup = _renumber_anchors(markup)
    markup = _namespaced_attributes(markup)
    markup = _slim(markup)
    markup = _rewrite(colours).apply(markup, _escape(prefix).encode("utf-8"))
    # lxml writes line breaks in attribute values as `&#10;`: those left are in text.
    return markup.replace(b"\n", b"&#10;").decode("utf-8")


def standalone_svg(svg: str, *, title: str, description: str, colours: Mapping[str, ThemeColor]) -> str:
    """The SVG `svg` from Graphviz as a file of its own (a download, for slides): theme colours resolved to the light
    palette's (no CSS variables outside the site), a white background, a title and description, Graphviz's titles
    (node names) gone and its tooltips as `<title>`s, which viewers show. Links stay as they are: relative to the
    page, which the file sits beside. Slimmed like the page's (`_slim`), and checked by `clean_svg` like it: a file opened
    on its own runs what it holds."""
    root = _graphviz_svg(svg)
    _structure(root, title, description)
    for element in root.iter():
        tooltip = element.attrib.pop(_XLINK_TITLE, None)
        if tooltip:
            child = element.makeelement(f"{_SVG}title", {})
            child.text = tooltip
            element.insert(0, child)
    root.set(_XML_SPACE, "preserve")  # leading spaces in Graphviz's text spans are part of the layout
    background = root.makeelement(f"{_SVG}rect", {"width": "100%", "height": "100%", "fill": "white"})
    root.insert(2, background)  # after the title and description: dot draws no background for `transparent`
    resolved = {key.lower(): colour.fallback for key, colour in colours.items() if key.startswith("#")}
    for element in root.iter():
        for name in ("fill", "stroke"):
            value = element.get(name)
            if value is not None and value.lower() in resolved:
                element.set(name, resolved[value.lower()])
    markup = _slim(etree.tostring(root, encoding="utf-8")).decode("utf-8")
    return f'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n{clean_svg(markup)}\n'


def _structure(root: etree._Element, title: str, description: str) -> None:
    """Graphviz's titles go: every group is titled with its node or edge name, which is noise for people; so do
    entity references. Links without a target become groups. The diagram gets its title and description, whose ids
    get the diagram's prefix with all the others."""
    etree.strip_elements(root, f"{_SVG}title", etree.Entity, with_tail=False)
    etree.strip_attributes(root, "target")
    for link in root.iter(f"{_SVG}a"):
        if link.get(_XLINK_HREF) is None and link.get("href") is None:
            link.tag = f"{_SVG}g"  # a tooltip without a link: keep the tooltip, lose the link
    for group in root.iterchildren(f"{_SVG}g"):
        if group.get("class") == "graph":
            # dot numbers pages across the graphs of one run (`page0,1_graph0` for the second of a batch): the same
            # diagram gets the same id however it was batched, so warm and cold builds give the same page.
            group.set("id", "graph0")
    # Likewise the links of HTML-like labels (`a_node1_16`): dot counts them across the graphs of one run.
    for number, anchor in enumerate(root.iter(f"{_SVG}g")):
        match = _LABEL_LINK_ID.match(anchor.get("id", ""))
        if match:
            anchor.set("id", f"a_{match.group(1)}_{number}")
    for tag, text in (("desc", description), ("title", title)):
        element = root.makeelement(f"{_SVG}{tag}", {"id": tag})
        element.text = xml_safe(text)
        root.insert(0, element)


def _size(root: etree._Element) -> None:
    """One Graphviz point per CSS pixel. The page shows a form of the diagram where it fits whole (a narrower column
    shrinks it: `assets/journeys.css`), so nothing scrolls sideways."""
    view = root.get("viewBox", "").split()
    for position, attribute in ((2, "width"), (3, "height")):
        match = _PT.match(root.get(attribute, ""))
        if match:
            # The view box's size, which Graphviz rounds into `width` and `height`: exactly one unit per pixel.
            size = float(view[position]) if len(view) == 4 else float(match.group(1))
            root.set(attribute, f"{size:g}")
    # Graphviz positions each span of a label; leading spaces in a span are part of the layout.
    root.set(_XML_SPACE, "preserve")


# --- on the markup lxml wrote (UTF-8) --------------------------------------------------------------------------------

_IN_TAG = b"(?=[^<>]*>)"
"""Followed by the end of a tag before the start of any other: inside a tag (in text, `<` comes first)."""

_PREFIXED = re.compile(
    rb' x(?:link:title="([^"]*)"([^<>]*?)(/?)>|(?:link:(?!href=)|ml:(?!space=)|mlns:(?!xlink=))[^\s<>="/]+="[^"]*"'
    + _IN_TAG
    + b")"
)
"""A tooltip, or an xlink, xml or xmlns attribute other than the ones HTML knows inline."""
_FOREIGN = re.compile(rb' (?!xlink:href=|xml:space=|xmlns:xlink=)[^\s<>="/:]+:[^\s<>="/]+="[^"]*"' + _IN_TAG)
"""Any namespaced attribute but those, for documents that declare namespaces other than xlink."""
_NAME = re.compile(rb"<([^\s/>]+)")

_QUICKLY = re.compile(rb' (?:id="|xlink:href="#|href="#|fill="[^"]*"(?: stroke="[^"]*")?|stroke=")' + _IN_TAG)
"""An id, a reference to one, `fill` alone or followed by `stroke` (as Graphviz writes them), or a `stroke` that is
not: the only thing `_Rewrite.quickly` cannot rewrite."""
_FILL_OR_STROKE = re.compile(rb' (fill|stroke)="([^"]*)"')
_ID = re.compile(b' id="' + _IN_TAG)
_HREF_REFERENCE = re.compile(rb'(?<=[ :]href=")#' + _IN_TAG)
_URL_REFERENCE = re.compile(rb"url\(#" + _IN_TAG)
_START_TAG = re.compile(rb"<[^<>/!?][^<>]*>")
_STYLE = re.compile(rb' style="([^"]*)"')


_ANCHOR = re.compile(rb' id="a_((?:node|edge|clust)\d+)_\d+"' + _IN_TAG)


def _renumber_anchors(markup: bytes) -> bytes:
    """dot numbers the links of table cells (`a_node3_9`) across all the graphs of one run, like pages: numbered again
    per diagram, they are the same however the diagram was batched, and a warm build gives the page a cold one does."""
    counter = itertools.count()
    return _ANCHOR.sub(lambda match: b' id="a_' + match[1] + b"_%d" % next(counter) + b'"', markup)


def _namespaced_attributes(markup: bytes) -> bytes:
    """Tooltips become titles; namespaced attributes other than xlink:href and xml:space go."""
    other_namespaces = False

    def replace(match: re.Match[bytes]) -> bytes:
        nonlocal other_namespaces
        tooltip, rest, empty = match.groups()
        if tooltip is not None:
            return _tooltip_as_title(match, tooltip, rest, empty)
        other_namespaces = other_namespaces or match[0].startswith(b" xmlns:")
        return b""

    markup = _PREFIXED.sub(replace, markup)
    return _FOREIGN.sub(b"", markup) if other_namespaces else markup


def _tooltip_as_title(match: re.Match[bytes], tooltip: bytes, rest: bytes, empty: bytes) -> bytes:
    """`xlink:title="…"` as a `<title>` first child: an attribute value as lxml escapes it reads the same as text."""
    start = rest + b">" + (b"<title>" + tooltip + b"</title>" if tooltip else b"")
    if not empty:
        return start
    name = _NAME.match(match.string, match.string.rfind(b"<", 0, match.start()))
    assert name is not None  # the attribute is inside a tag
    return start + b"</" + name[1] + b">"


_DEFAULTS = re.compile(rb' (?:text-anchor="start"|stroke="transparent")' + _IN_TAG)
"""What Graphviz writes that is the default anyway: text starts at its `x`; a transparent stroke is none (a hovered
link's shape still gets the stroke `assets/journeys.css` gives it)."""
_IDENTITY = b'transform="scale(1 1) rotate(0) translate('
_TRANSLATION = b'transform="translate('
"""The graph's identity scale and rotation go, its translation stays."""
_GEOMETRY = re.compile(rb' (?:d|points|x|y|x1|y1|x2|y2|cx|cy|rx|ry|r|transform|font-size)="([^"]*)"' + _IN_TAG)
"""Geometry, but not the diagram's size and view box: exactly equal, they show one unit as one pixel (`_size`)."""
_FINE_NUMBER = re.compile(rb"(-?\d+)\.(\d)\d*")
_FONT = re.compile(rb' (font-family|font-size)="([^"]*)"' + _IN_TAG)


def _slim(markup: bytes) -> bytes:
    """`markup` without what the page does not need (see the module's description). Geometry is kept to a tenth of a
    pixel (one unit is one CSS pixel); the font family and size most texts have move to the
    root, the few texts with another keep theirs."""
    markup = _DEFAULTS.sub(b"", markup).replace(_IDENTITY, _TRANSLATION)
    markup = _GEOMETRY.sub(lambda match: _tenths(match[0]), markup)
    root_end = markup.index(b">")
    if markup[root_end - 1 : root_end] == b"/":
        return markup  # an empty diagram
    root, body = markup[:root_end], markup[root_end:]
    fonts: dict[tuple[bytes, bytes], int] = {}
    for name, value in _FONT.findall(body):
        fonts[name, value] = fonts.get((name, value), 0) + 1
    inherited: dict[bytes, bytes] = {}
    for name, value in sorted(fonts, key=lambda font: -fonts[font]):
        inherited.setdefault(name, value)
    if not inherited or _FONT.search(root + b">"):
        return markup
    body = _FONT.sub(lambda match: b"" if inherited.get(match[1]) == match[2] else match[0], body)
    return root + b"".join(b" " + name + b'="' + value + b'"' for name, value in sorted(inherited.items())) + body


def _tenths(attribute: bytes) -> bytes:
    """Every number of a geometry attribute to one decimal (`12.34` is `12.3`, `12.00` is `12`)."""

    def shorter(match: re.Match[bytes]) -> bytes:
        number = round(float(match[0]), 1)
        return (b"%.1f" % number).rstrip(b"0").rstrip(b".") if number else b"0"

    return _FINE_NUMBER.sub(shorter, attribute)


def _escape(value: str) -> str:
    """`value` inside an attribute, escaped as lxml escapes it."""
    for character, reference in _REFERENCES:
        value = value.replace(character, reference)
    return value


_REFERENCES = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("\n", "&#10;"),
    ("\r", "&#13;"),
    ("\t", "&#9;"),
)


def _literal(text: bytes) -> bytes:
    """`text` as the replacement of `re.sub`, taken as it is (and so replaced without calling back into Python)."""
    return text.replace(b"\\", b"\\\\")


@dataclass
class _Rewrite:
    """Ids and references to them get the diagram's prefix; placeholder colours in `fill` and `stroke` become one
    `style` per element."""

    variables: dict[bytes, bytes]
    """`var(--jd-…,fallback)` by placeholder (lower case), both as lxml writes them in attributes."""
    placeholder: re.Pattern[bytes]
    """A `fill` or `stroke` attribute with a placeholder colour."""
    colours: dict[bytes, bytes] = field(default_factory=dict)
    """`fill` and `stroke` attributes as `_QUICKLY` finds them, and what they become; a few dozen for all diagrams."""

    def apply(self, markup: bytes, prefix: bytes) -> bytes:
        rewritten = self.quickly(markup, prefix)
        if rewritten is None:
            rewritten = _ID.sub(_literal(b' id="' + prefix + b"-"), markup)
            rewritten = _HREF_REFERENCE.sub(_literal(b"#" + prefix + b"-"), rewritten)
            rewritten = self.carefully(rewritten)
        if b"url(#" in rewritten:
            rewritten = _URL_REFERENCE.sub(_literal(b"url(#" + prefix + b"-"), rewritten)
        return rewritten

    def quickly(self, markup: bytes, prefix: bytes) -> bytes | None:
        """All in one pass; None where that could give an element two styles: an element other than the root has a
        style already (Graphviz writes them in gradients only; the root has one of ours), the root has a placeholder
        colour, or a `stroke` does not follow a `fill`."""
        root_end = markup.index(b">") + 1
        if markup.find(b' style="', root_end) != -1 or self.placeholder.search(markup, 0, root_end):
            return None
        replacements = _Replacements(self)
        replacements[b' id="'] = b' id="' + prefix + b"-"
        replacements[b' href="#'] = b' href="#' + prefix + b"-"
        replacements[b' xlink:href="#'] = b' xlink:href="#' + prefix + b"-"
        try:
            return _QUICKLY.sub(lambda match: replacements[match[0]], markup)
        except _StrokeAlone:
            return None

    def carefully(self, markup: bytes) -> bytes:
        """Colours of any tag, in any order, with or without a style of its own."""

        def tag(match: re.Match[bytes]) -> bytes:
            found = self.placeholder.findall(match[0])
            if not found:
                return match[0]
            style = b";".join(name + b":" + self.variables[value.lower()] for name, value in found)
            rest = self.placeholder.sub(b"", match[0])
            existing = _STYLE.search(rest)
            if existing is None:
                end = -2 if rest.endswith(b"/>") else -1
                return rest[:end] + b' style="' + style + b'"' + rest[end:]
            if existing[1]:
                style = existing[1] + b";" + style
            return rest[: existing.start(1)] + style + rest[existing.end(1) :]

        return _START_TAG.sub(tag, markup)

    def colour(self, attributes: bytes) -> bytes:
        """` fill="…" stroke="…"` as it is if neither colour is a placeholder, else with them in a `style`."""
        kept, styles = b"", []
        for name, value in _FILL_OR_STROKE.findall(attributes):
            variable = self.variables.get(value.lower())
            if variable is None:
                kept += b" " + name + b'="' + value + b'"'
            else:
                styles.append(name + b":" + variable)
        colour = kept + b' style="' + b";".join(styles) + b'"' if styles else attributes
        if len(self.colours) > 1000:  # only colours that are not placeholders could be that many
            self.colours.clear()
        self.colours[attributes] = colour
        return colour


class _StrokeAlone(Exception):
    """A `stroke` that does not follow a `fill`: its element could get two styles."""


class _Replacements(dict[bytes, bytes]):
    """What `_QUICKLY` finds in one diagram, and what it becomes."""

    def __init__(self, rewrite: _Rewrite) -> None:
        super().__init__(rewrite.colours)
        self.rewrite = rewrite

    def __missing__(self, found: bytes) -> bytes:
        if found == b' stroke="':
            raise _StrokeAlone
        colour = self[found] = self.rewrite.colour(found)
        return colour


def _rewrite(colours: Mapping[str, ThemeColor]) -> _Rewrite:
    return _rewrite_for(tuple((key.lower(), colour.variable, colour.fallback) for key, colour in colours.items()))


@functools.lru_cache(maxsize=8)
def _rewrite_for(colours: tuple[tuple[str, str, str], ...]) -> _Rewrite:
    variables = {
        _escape(key).encode("utf-8"): _escape(f"var({variable},{fallback})").encode("utf-8")
        for key, variable, fallback in colours
    }
    keys = b"|".join(re.escape(key) for key in sorted(variables, key=len, reverse=True)) or b"(?!)"  # (?!): none
    return _Rewrite(variables, placeholder=re.compile(b' (fill|stroke)="((?i:' + keys + b'))"'))


# --- the last check before a diagram reaches a page -------------------------------------------------------------------
#
# What Graphviz writes and `prepare_svg` makes of it, and nothing else: anything that could run a script (`<script>`,
# `on…` handlers, `javascript:` links), load something (`<image>`, `<use>`, `url(http…)` in a style), or embed another
# document (`<foreignObject>`) is refused. The tree is written out again by lxml, whose escaping is the same for the
# HTML parser that reads the SVG inline in a page and for XML (comments, processing instructions, CDATA and entities
# are gone), so what the browser reads is exactly what was checked.

_ELEMENTS = frozenset(
    f"{_SVG}{name}"
    for name in (
        "svg", "g", "a", "title", "desc", "text", "tspan", "path", "polygon", "polyline", "ellipse", "circle",
        "rect", "line", "defs", "linearGradient", "radialGradient", "stop",
    )
)  # fmt: skip
_NUMBERS = re.compile(r"[A-Za-z0-9\s.,()+\-%]*")
"""Coordinates, sizes, paths, transforms: letters only as path commands and transform names, no quotes or colons."""
_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]+|url\(#[\w.\-]+\)")
_STYLE_VALUE = re.compile(r"var\(--jd-[a-z0-9\-]+,#[0-9a-fA-F]{3,8}\)|#[0-9a-fA-F]{3,8}|[a-zA-Z]+|[\d.]+(?:px)?")
_STYLE_PROPERTIES = frozenset({"fill", "stroke", "min-width", "stop-color", "stop-opacity"})
_ID_VALUE = re.compile(r"[\w.:\-]+")
_ID_LIST = re.compile(r"[\w.:\- ]*")
_URL_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.\-]*:")
_NO_SPACE = re.compile(r"[^\x00-\x20\"'<>\\`]*")


def _link(value: str) -> bool:
    """A link of a node: diagrams link only to pages of the site, relative to the page (`dot.href`), so nothing with a
    scheme (`javascript:`, `data:`, `https:`) or a host (`//elsewhere`) belongs here."""
    return _NO_SPACE.fullmatch(value) is not None and not _URL_SCHEME.match(value) and not value.startswith("//")


def _style(value: str) -> bool:
    for declaration in value.split(";"):
        if not declaration:
            continue
        name, _, setting = declaration.partition(":")
        if name.strip() not in _STYLE_PROPERTIES or not _STYLE_VALUE.fullmatch(setting.strip()):
            return False
    return True


_ATTRIBUTES: dict[str, re.Pattern[str] | frozenset[str] | None] = {
    # name: what its value may be (a pattern to match whole, a set of words, None: checked by a function below)
    "id": _ID_VALUE,
    "class": _ID_LIST,
    "aria-labelledby": _ID_LIST,
    "aria-describedby": _ID_LIST,
    "role": frozenset({"group", "img"}),
    "style": None,
    _XLINK_HREF: None,
    "href": None,
    _XML_SPACE: frozenset({"preserve", "default"}),
    "fill": _COLOUR,
    "stroke": _COLOUR,
    "stop-color": _COLOUR,
    "font-family": re.compile(r"[\w\s,\-]*"),
    "font-weight": re.compile(r"bold|normal|\d+"),
    "font-style": frozenset({"italic", "normal", "oblique"}),
    "text-anchor": frozenset({"start", "middle", "end"}),
    "text-decoration": re.compile(r"[a-z\- ]*"),
    "stroke-linecap": frozenset({"butt", "round", "square"}),
    "stroke-linejoin": frozenset({"miter", "round", "bevel"}),
    "gradientUnits": frozenset({"userSpaceOnUse", "objectBoundingBox"}),
    **dict.fromkeys(
        (
            "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "width", "height", "d", "points",
            "transform", "viewBox", "font-size", "stroke-width", "stroke-dasharray", "fill-opacity", "stroke-opacity",
            "opacity", "offset", "stop-opacity", "baseline-shift", "gradientTransform", "fx", "fy",
        ),
        _NUMBERS,
    ),
}  # fmt: skip


def clean_svg(markup: str) -> str:
    """`markup` (a prepared diagram) written again from its tree if every element and attribute is on the allow-list
    above; raises `SvgError` naming the first that is not. Used on every diagram, above all on those read from the
    cache, which is an optimisation and never an input: a file there may have come from anywhere."""
    try:
        root = etree.fromstring(markup.encode("utf-8"), _PARSER)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise SvgError(f"not an SVG document: {error}") from None
    if root.tag != f"{_SVG}svg":
        raise SvgError("not an SVG document")
    for element in root.iter():
        if element.tag not in _ELEMENTS:
            raise SvgError(f"element <{element.tag}> is not allowed in a diagram")
        for name, value in element.items():
            if name not in _ATTRIBUTES:
                raise SvgError(f"attribute {name} is not allowed on <{element.tag}> in a diagram")
            allowed = _ATTRIBUTES[name]
            if allowed is None:
                fits = _style(value) if name == "style" else element.tag == _SVG_A and _link(value)
            elif isinstance(allowed, frozenset):
                fits = value in allowed
            else:
                fits = allowed.fullmatch(value) is not None
            if not fits:
                raise SvgError(f"attribute {name}={value[:60]!r} is not allowed on <{element.tag}> in a diagram")
    written: bytes = etree.tostring(root, encoding="utf-8")
    return written.replace(b"\n", b"&#10;").decode("utf-8")


_SVG_A = f"{_SVG}a"
