"""Escaping text from YAML where it enters Markdown: once, here, so templates cannot forget it.

Every character that Markdown, HTML or the theme's extensions (emoji `:x:`, attribute lists `{…}`, tables `|`,
critic and mark syntax) could read as syntax becomes a numeric character reference. Browsers and the search
index show the character itself; Markdown sees plain text. Templates get this automatically (see `templates.py`):
values are escaped unless they are `Markup` produced by the helpers below.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from markupsafe import Markup

_SPECIAL = "\\`*_{}[]()#+-.!|<>&\"'~=^:$@%"
_REFERENCES = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}
_SPACES = re.compile(r"\s+")
# mkdocs-material writes the page title into <title> with `striptags`, which turns `&lt;` back into `<`: a name
# holding `</title>` would end the element and what follows would run. An invisible word joiner after every `<`
# that precedes `/` keeps the text as it reads, and no theme can make an end tag of it.
WORD_JOINER = "\u2060"


def escape_inline(text: object) -> Markup:
    """Text for one line of Markdown (a list item, a table cell, a heading): line breaks become spaces."""
    if text is None:
        return Markup("")
    if isinstance(text, Markup):
        return text
    flat = _SPACES.sub(" ", str(text))
    escaped = flat.translate(_REFERENCES)
    return Markup(escaped.replace("&#60;/", f"&#60;{WORD_JOINER}/"))


def escape_block(text: object) -> Markup:
    """Text that may hold paragraphs (a description): blank lines separate paragraphs, the rest is inline."""
    if text is None:
        return Markup("")
    paragraphs = [p for p in re.split(r"\n\s*\n", str(text).strip()) if p.strip()]
    return Markup("\n\n".join(escape_inline(p) for p in paragraphs))


def link(text: object, target: str, title: object = None) -> Markup:
    """A Markdown link to another page (`target` is a relative `.md` path MkDocs resolves and checks; characters
    that would end it, such as a space in the name of a team's note, are percent-encoded)."""
    target = quote(target, safe="/#.-_~%")
    label = escape_inline(text)
    if title:
        return Markup(f'[{label}]({target} "{escape_inline(title)}")')
    return Markup(f"[{label}]({target})")


def external_link(text: object, url: str) -> Markup:
    """A link to a URL from the data; the model only admits http(s), mailto and relative URLs."""
    return Markup(f"[{escape_inline(text)}](<{_escape_url(url)}>)")


def image(url: str, alt: object) -> Markup:
    """An image from a URL in the data (a persona's picture), 160 pixels wide; the URL is escaped like a link's."""
    return Markup(f'![{escape_inline(alt)}](<{_escape_url(url)}>){{ width="160" }}')


def _escape_url(url: str) -> str:
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
