"""Text from YAML where it enters HTML that the generated pages hold as it is (the `*.html.j2` templates): escaped by
markupsafe, the same escaping Jinja's autoescape gives every `{{ value }}` of those templates.

HTML that Python-Markdown does not read needs no Markdown escaping: `*`, `[` or `:` in a name stay as they are.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_PARAGRAPHS = re.compile(r"\n\s*\n")


def html_link(text: object, url: str) -> Markup:
    """A link to a URL: another page's final URL relative to this page, or a URL from the data (the model admits only
    http(s), mailto and relative URLs), with the characters that would end or split the attribute escaped."""
    return Markup('<a href="{}">{}</a>').format(_escape_url(url), text)


def html_image(url: str, alt: object) -> Markup:
    """An image from a URL in the data (a persona's picture), 160 pixels wide."""
    return Markup('<img alt="{}" src="{}" width="160">').format(alt, _escape_url(url))


def html_paragraphs(text: object) -> Markup:
    """Text that may hold paragraphs (a description): each paragraph (blank lines separate them) a `<p>`."""
    if text is None:
        return Markup("")
    paragraphs = [p.strip() for p in _PARAGRAPHS.split(str(text).strip()) if p.strip()]
    return Markup("\n").join(Markup("<p>{}</p>").format(p) for p in paragraphs)


def _escape_url(url: str) -> Markup:
    return escape(url.replace(" ", "%20"))
