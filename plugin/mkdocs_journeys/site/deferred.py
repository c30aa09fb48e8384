"""Large raw HTML (the SVG of diagrams and charts) kept out of the Markdown, and put into the page once it is HTML.

A diagram is tens of kilobytes of SVG. Written inline in a page's Markdown, Python-Markdown reads every tag of it to
find where the raw HTML block ends, and the search plugin reads every tag again, only to skip the block it is told
to exclude: a large share of a big site's build, and of every reload of `mkdocs serve` (`docs/benchmarks.md`). So
generated pages hold a small placeholder element instead, and `insert` swaps each SVG in when MkDocs has made
the page's final HTML (`on_post_page`). Readers get the same page; the search index, as before, has no diagram
labels in it (they repeat the page's tables).

The heavy parts of page bodies written as HTML (`templates.html_part`) are held the same way, in a `DeferredHtml` of
their own, so that Python-Markdown does not read them either; they are put in when MkDocs has converted the page's
Markdown (`on_page_content`), before the search plugin reads the page, which has to index their text.

Placeholders cannot be forged by journey data: text from YAML is escaped wherever it lands, so it never holds a `<`.
"""

from __future__ import annotations

import hashlib
import re

from markupsafe import Markup


class DeferredHtml:
    """The blocks held back during one build, each behind its own placeholder; `kind` names its placeholders
    (`<div data-journeys-deferred="3">`), so that blocks held for different moments of the build keep apart."""

    def __init__(self, kind: str = "deferred") -> None:
        self._attribute = f"data-journeys-{kind}"
        self._placeholder = re.compile(rf'<div {self._attribute}="(\d+)">\s*</div>')
        self._blocks: list[str] = []
        self._numbers: dict[str, int] = {}
        self._digests: list[str] = []

    def hold(self, html: str) -> Markup:
        """The placeholder to write in the Markdown instead of `html` (nothing for no HTML)."""
        if not html:
            return Markup("")
        number = self._numbers.get(html)
        if number is None:
            number = self._numbers[html] = len(self._blocks)
            self._blocks.append(html)
            self._digests.append(hashlib.sha256(html.encode("utf-8")).hexdigest())
        return Markup(f'<div {self._attribute}="{number}"></div>')

    def insert(self, text: str) -> str:
        """`text` (a page's HTML, or its Markdown) with every placeholder replaced by the block it stands for."""
        return self._placeholder.sub(lambda match: self._blocks[int(match.group(1))], text)

    def fingerprint(self, text: str) -> str:
        """A digest of `text` as `insert` would complete it, without building it: a placeholder counts as the digest
        of its block (numbers differ from build to build; blocks are hashed once, however many pages show them)."""
        resolved = self._placeholder.sub(lambda match: self._digests[int(match.group(1))], text)
        return hashlib.sha256(resolved.encode("utf-8")).hexdigest()
