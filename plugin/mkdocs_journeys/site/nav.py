"""The generated navigation section, and where it goes in the user's `nav`.

Works on MkDocs' `nav` configuration (titles → paths) before MkDocs builds its navigation, so the theme,
search and previous/next links treat generated pages like any other.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.utils import nest_paths

from mkdocs_journeys.site.links import PageRef
from mkdocs_journeys.site.pages.base import NavItem, PageKind, nav_title


def generated_section(kinds: Iterable[PageKind], pages: Iterable[PageRef]) -> list[NavItem]:
    """Each kind's part, in the order of the page kinds: the overview, personas and journeys by name, stages in
    customer order, touchpoints by channel, channels, then the matrix and the coverage."""
    by_kind: dict[str, dict[str, PageRef]] = {}
    for page in pages:
        by_kind.setdefault(page.kind, {})[page.entity_id] = page
    return [item for kind in kinds if (item := kind.nav(by_kind.get(kind.name, {}))) is not None]


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
        nav.append({nav_title(title): section})
    return nav


def placeholder_title(user_nav: list[NavItem] | None, placeholder: str) -> str | None:
    """The title the user's `nav` gives the generated section (`- Guest journeys: journeys/index.md`), if any."""
    for item in user_nav or []:
        if isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            if value == placeholder and isinstance(title, str):
                return title
            if isinstance(value, list) and (found := placeholder_title(value, placeholder)) is not None:
                return found
    return None


def _replace_placeholder(
    items: list[NavItem], section: list[NavItem], title: str, placeholder: str
) -> tuple[bool, list[NavItem]]:
    placed = False
    result: list[NavItem] = []
    for item in items:
        if item == placeholder:
            result.append({nav_title(title): section})
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
