"""A team's Markdown note (a file beside a folder journey's `journey.yml`) as HTML safe to publish.

Notes arrive in pull requests like the YAML, so they are untrusted: their Markdown is converted here and the HTML
checked against an allow-list (nh3, the binding of the Rust sanitiser ammonia), so that no raw HTML, script, event
handler, `javascript:` link or style reaches a reader, whatever engine builds the site. Relative links and pictures
are rewritten to the final URLs of the files and notes they name, which MkDocs would otherwise do for Markdown.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from urllib.parse import urlsplit

import markdown
import nh3

EXTENSIONS = ("tables", "fenced_code", "sane_lists", "toc")

TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em", "h1", "h2",
        "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small",
        "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
    }
)  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align"},
    "th": {"align"},
    "ol": {"start"},
    **{f"h{level}": {"id"} for level in range(1, 7)},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
_OTHER_HOST = re.compile(r"^[/\\]{2}")

Resolve = Callable[[str], str | None]
"""A path relative to the note's folder (`raw/day-one.md`, `wall.png`) → its URL relative to the note's page, or None
when the note names nothing that is published."""


def note_html(text: str, resolve: Resolve) -> str:
    """The note's Markdown as sanitised HTML, one block with no blank line (Markdown passes it through whole)."""
    converted = markdown.markdown(text, extensions=list(EXTENSIONS), output_format="html")

    def rewrite(tag: str, attribute: str, value: str) -> str | None:
        if attribute not in ("href", "src"):
            return value
        if _OTHER_HOST.match(value):  # `//host/x`, `/\\host/x`: browsers read both as another site, so say so
            return "https://" + value.lstrip("/\\").replace("\\", "/")
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or value.startswith(("#", "/")):
            return value  # absolute (nh3 keeps only the allowed schemes), on the page, or from the site's root
        target = resolve(posixpath.normpath(parts.path)) if parts.path else None
        if target is None:
            return None
        return target + (f"#{parts.fragment}" if parts.fragment else "")

    cleaned = nh3.clean(
        converted,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=rewrite,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return f'<div class="journeys-note">{_one_block(_inert_braces(cleaned))}</div>'


def _inert_braces(html: str) -> str:
    """`{` and `}` as character references, which read the same: a plugin that runs page Markdown as a template
    (mkdocs-macros, Jinja) finds no `{{ … }}` or `{% … %}` in a note. nh3's output has no script or style, where a
    reference would read differently."""
    return html.replace("{", "&#123;").replace("}", "&#125;")


def _one_block(html: str) -> str:
    """No blank line (which would end a raw HTML block in Markdown) and no line break inside a `<pre>` (whose line
    breaks are written `&#10;`, which renders the same): the HTML reaches the page whole with any Markdown engine."""
    parts = _PRE.split(html)
    for index in range(len(parts)):
        if index % 2:  # a <pre> element
            parts[index] = parts[index].replace("\n", "&#10;")
        else:
            parts[index] = "\n".join(line for line in parts[index].splitlines() if line.strip())
    return "".join(parts)


_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL)
