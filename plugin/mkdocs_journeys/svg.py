"""Graphviz's SVG made fit to sit inside an HTML page, several per page, in any palette of the theme.

- the XML prolog, doctype and comments go; the SVG gets `role="img"`, a `<title>` and a `<desc>` that
  `aria-labelledby` names (the page's tables stay the text alternative);
- every element id, and every reference to one (`url(#…)`, `href="#…"`), gets the diagram's prefix, so ids stay
  unique when several diagrams share a page;
- tooltips become `<title>` children, which every browser shows and screen readers read; Graphviz's own titles
  (node names such as `tp_3_blog`) go; links without a target stop being links;
- theme colours (placeholders in DOT, see `diagrams.THEME_COLORS`) become `var(--jd-…, fallback)` styles, so
  `assets/journeys.css` can follow the theme's light and dark palettes;
- the result is one line of markup: no blank line can end the raw HTML block in Markdown.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Protocol

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

_SVG = f"{{{SVG_NS}}}"
_XLINK_HREF = f"{{{XLINK_NS}}}href"
_XLINK_TITLE = f"{{{XLINK_NS}}}title"
_URL_REF = re.compile(r"url\(#([^)]+)\)")
_GRAPHVIZ_GROUPS = {"node", "edge", "cluster", "graph"}
_PT = re.compile(r"^([\d.]+)pt$")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
MIN_SCALE = 0.75
"""Diagrams shrink to fit the page down to this scale (text stays readable), then the page scrolls sideways."""


# Characters XML 1.0 cannot hold. YAML lets them into text as escapes (`"\x14"`, `"\0"`); Graphviz refuses them in
# labels and XML parsers in SVG, so wherever text enters DOT or SVG they are shown as U+FFFD instead.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


class ThemeColour(Protocol):
    @property
    def variable(self) -> str: ...

    @property
    def fallback(self) -> str: ...


class SvgError(ValueError):
    """Graphviz's output could not be read as SVG (a truncated or damaged document)."""


def prepare_svg(svg: str, *, prefix: str, title: str, description: str, colours: Mapping[str, ThemeColour]) -> str:
    """The SVG `svg` from Graphviz, ready to be placed inline in a page (see the module's description)."""
    try:
        root = ET.fromstring(svg.encode("utf-8"))
    except ET.ParseError as error:
        raise SvgError(f"Graphviz wrote an SVG that cannot be read: {error}") from None
    if root.tag != f"{_SVG}svg":
        raise SvgError("Graphviz did not write an SVG document")
    _drop_graphviz_titles(root)
    _tooltips_as_titles(root)
    _attributes(root, prefix, {key.lower(): value for key, value in colours.items()})
    _size(root)
    root.set("role", "img")
    root.set("aria-labelledby", f"{prefix}-title {prefix}-desc")
    root.set("class", "journeys-svg")
    title_element = ET.Element(f"{_SVG}title", {"id": f"{prefix}-title"})
    title_element.text = title
    desc_element = ET.Element(f"{_SVG}desc", {"id": f"{prefix}-desc"})
    desc_element.text = description
    root.insert(0, desc_element)
    root.insert(0, title_element)
    out: list[str] = []
    _serialize(root, out, top=True)
    return "".join(out)


def _drop_graphviz_titles(root: ET.Element) -> None:
    """Graphviz titles every group with the node or edge name, which is noise for people."""
    for group in root.iter(f"{_SVG}g"):
        if group.get("class") == "graph":
            # dot numbers pages across the graphs of one run (`page0,1_graph0` for the second of a batch): the same
            # diagram gets the same id however it was batched, so warm and cold builds give the same page.
            group.set("id", "graph0")
        if _GRAPHVIZ_GROUPS & set(group.get("class", "").split()):
            for child in list(group):
                if child.tag == f"{_SVG}title":
                    group.remove(child)


def _tooltips_as_titles(root: ET.Element) -> None:
    for link in root.iter(f"{_SVG}a"):
        tooltip = link.attrib.pop(_XLINK_TITLE, None)
        link.attrib.pop("target", None)
        if tooltip:
            title = ET.Element(f"{_SVG}title")
            title.text = tooltip
            link.insert(0, title)
        if _XLINK_HREF not in link.attrib and "href" not in link.attrib:
            link.tag = f"{_SVG}g"  # a tooltip without a link: keep the title, lose the link


def _attributes(root: ET.Element, prefix: str, colours: Mapping[str, ThemeColour]) -> None:
    """Prefix ids and references to them; turn placeholder colours (keys of `colours`) into CSS variables."""
    for element in root.iter():
        attributes = element.attrib
        styles = []
        for name, value in list(attributes.items()):
            if name == "id":
                attributes[name] = f"{prefix}-{value}"
            elif name in ("fill", "stroke"):
                colour = colours.get(value.lower())
                if colour is not None:
                    del attributes[name]
                    styles.append(f"{name}:var({colour.variable},{colour.fallback})")
            elif "url(#" in value:
                attributes[name] = _URL_REF.sub(lambda m: f"url(#{prefix}-{m.group(1)})", value)
            elif name in (_XLINK_HREF, "href") and value.startswith("#"):
                attributes[name] = f"#{prefix}-{value[1:]}"
        if styles:
            existing = attributes.get("style")
            attributes["style"] = ";".join([*([existing] if existing else []), *styles])


_NAMES = {_XLINK_HREF: "xlink:href", _XML_SPACE: "xml:space"}


def _serialize(element: ET.Element, out: list[str], top: bool = False) -> None:
    """Compact markup on one line: whitespace between elements goes, text keeps its line breaks as `&#10;`."""
    tag = element.tag.removeprefix(_SVG)
    attributes = "".join(
        f' {_NAMES.get(name, name)}="{_escape(value, attribute=True)}"'
        for name, value in element.attrib.items()
        if name in _NAMES or not name.startswith("{")  # no other namespaced attribute is meaningful inline
    )
    if top:
        attributes = f' xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}"' + attributes
    text = element.text if element.text and (element.text.strip() or not len(element)) else ""
    if not text and not len(element):
        out.append(f"<{tag}{attributes}/>")
    else:
        out.append(f"<{tag}{attributes}>{_escape(text)}")
        for child in element:
            _serialize(child, out)
            if child.tail and child.tail.strip():
                out.append(_escape(child.tail))
        out.append(f"</{tag}>")


def _escape(value: str, attribute: bool = False) -> str:
    value = xml_safe(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "&#10;")
    return value.replace('"', "&quot;") if attribute else value


def _size(root: ET.Element) -> None:
    """One Graphviz point per CSS pixel; narrower pages shrink the diagram down to `MIN_SCALE`, then scroll."""
    for attribute in ("width", "height"):
        match = _PT.match(root.get(attribute, ""))
        if match:
            size = float(match.group(1))
            root.set(attribute, f"{size:g}")
            if attribute == "width":
                root.set("style", f"min-width:{size * MIN_SCALE:.0f}px")
    # Graphviz positions each span of a label; leading spaces in a span are part of the layout.
    root.set(_XML_SPACE, "preserve")
