"""MkDocs hook of this site's user guide: the YAML reference is written from the data model at build time.

Listed under `hooks:` in mkdocs.yml; the work is done by `mkdocs_journeys.site.reference`, so that the reference says
exactly what the installed version accepts and cannot fall behind the model.
"""

from __future__ import annotations

from typing import Any

from mkdocs_journeys.site.reference import fill_markers


def on_page_markdown(markdown: str, **_: Any) -> str:
    return fill_markers(markdown)
