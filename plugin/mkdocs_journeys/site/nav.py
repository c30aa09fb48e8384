"""The generated navigation section, and where it goes in the user's `nav`.

Works on MkDocs' `nav` configuration (titles → paths) before MkDocs builds its navigation, so the theme,
search and previous/next links treat generated pages like any other.
"""

from __future__ import annotations

import html
from typing import Any

from mkdocs.utils import nest_paths

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.usage import UsageIndex
from mkdocs_journeys.site.links import LinkIndex
from mkdocs_journeys.site.markdown import WORD_JOINER

NavItem = Any  # a MkDocs nav entry: "path.md", {"Title": "path.md"} or {"Title": [entries]}


def generated_section(catalog: Catalog, usage: UsageIndex, links: LinkIndex) -> list[NavItem]:
    """Overview first, then personas and journeys by name, stages in customer order, touchpoints by channel."""
    section: list[NavItem] = []

    def entry(kind: str, entity_id: str = "") -> NavItem | None:
        page = links.page(kind, entity_id)
        return {_title(page.title): page.src_uri} if page else None

    def group(title: str, entries: list[NavItem | None]) -> None:
        present = [e for e in entries if e is not None]
        if present:
            section.append({title: present})

    overview = entry("overview")
    if overview:
        section.append(overview)
    group("Personas", [entry("persona", p.id) for p in _by_name(catalog.personas.values())])
    group("Journey maps", [entry("journey", j.id) for j in _by_name(catalog.journeys.values())])
    group("Stages", [entry("stage", s) for s in catalog.stages])
    channels = sorted(
        (c for c in usage.touchpoints_by_channel if usage.touchpoints_by_channel[c]),
        key=lambda c: catalog.channels[c].name.lower(),
    )
    touchpoints_by_channel = [
        {
            _title(catalog.channels[c].name): [
                entry("touchpoint", t) for t in usage.touchpoints_by_channel[c] if links.page("touchpoint", t)
            ]
        }
        for c in channels
    ]
    group("Touchpoints", [g for g in touchpoints_by_channel if next(iter(g.values()))])
    group("Channels", [entry("channel", c) for c in channels])
    for single in (entry("matrix"), entry("coverage")):
        if single:
            section.append(single)
    return section


def place_section(
    user_nav: list[NavItem] | None, section: list[NavItem], title: str, placeholder: str, user_pages: list[str]
) -> list[NavItem]:
    """Put the section where the user's nav names `placeholder` (the overview page), else at the end.

    Without a `nav` in mkdocs.yml, MkDocs would list the user's pages by folder; we build that same listing so
    the generated pages can be added as one section instead of scattered by file name.
    """
    nav = list(user_nav) if user_nav is not None else nest_paths(user_pages)
    placed, nav = _replace_placeholder(nav, section, title, placeholder)
    if not placed:
        nav.append({_title(title): section})
    return nav


def _replace_placeholder(
    items: list[NavItem], section: list[NavItem], title: str, placeholder: str
) -> tuple[bool, list[NavItem]]:
    placed = False
    result: list[NavItem] = []
    for item in items:
        if item == placeholder:
            result.append({_title(title): section})
            placed = True
        elif isinstance(item, dict) and len(item) == 1:
            ((item_title, value),) = item.items()
            if value == placeholder:
                result.append({item_title: section})
                placed = True
            elif isinstance(value, list):
                found, children = _replace_placeholder(value, section, title, placeholder)
                placed = placed or found
                result.append({item_title: children})
            else:
                result.append(item)
        else:
            result.append(item)
    return placed, result


def _title(text: str) -> str:
    # Themes insert nav titles into HTML unescaped; names come from YAML, so they are escaped here. mkdocs-material
    # also writes the title into <title> through `striptags`, which unescapes it: see `markdown.WORD_JOINER`.
    return html.escape(text, quote=False).replace("&lt;/", f"&lt;{WORD_JOINER}/")


def _by_name(items: Any) -> list[Any]:
    return sorted(items, key=lambda item: (item.name.lower(), item.id))
