"""The generated navigation section, and where it goes in the user's `nav`.

Works on MkDocs' `nav` configuration (titles → paths) before MkDocs builds its navigation, so the theme,
search and previous/next links treat generated pages like any other. A large map's navigation lists only its
sections' index pages (`collapsed_section`); the pages those list still belong to their section
(`attach_listed_pages`), so the theme shows where a reader is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
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


def collapsed_section(section: list[NavItem], listed_by_index: Mapping[str, list[PageRef]]) -> list[NavItem]:
    """The section with each group of pages replaced by its index page: a group keeps its title, and holds its
    index page first (themes show it as the group's own page) and then the pages of the whole map it held (the
    portfolio), which no index lists."""
    index_of = {listed.src_uri: index for index, pages in listed_by_index.items() for listed in pages}
    collapsed: list[NavItem] = []
    for item in section:
        if not (isinstance(item, dict) and len(item) == 1 and isinstance(next(iter(item.values())), list)):
            collapsed.append(item)
            continue
        ((title, entries),) = item.items()
        leaves = list(_leaves(entries))
        indexes = dict.fromkeys(index_of[path] for _, path in leaves if path in index_of)
        kept = [{leaf_title: path} for leaf_title, path in leaves if path not in index_of]
        collapsed.append({title: [{title: index} for index in indexes] + kept})
    return collapsed


def _leaves(entries: list[NavItem]) -> Iterator[tuple[str, str]]:
    """(title, path) of every page of a group, in the order the group lists them."""
    for entry in entries:
        ((title, value),) = entry.items()
        if isinstance(value, list):
            yield from _leaves(value)
        else:
            yield title, value


def attach_listed_pages(files: Files, listed_by_index: Mapping[str, list[PageRef]]) -> None:
    """Make each page an index lists a child of that index's section, as if the navigation listed it: it is not in
    the section's entries (so no theme writes it into every page), but themes mark its section and tab as the
    reader's place, and breadcrumbs name them. It gets its title as the navigation would have given it: MkDocs
    takes a title only from a first heading, and generated pages start with their marker (`PAGE_MARKER`).
    Runs once MkDocs has built the navigation (`on_nav`)."""
    for index_src_uri, listed in listed_by_index.items():
        index = files.get_file_from_path(index_src_uri)
        section = index.page.parent if index is not None and index.page is not None else None
        if section is None:
            continue  # the user's own `nav` leaves the index page out (the plugin's `nav: none`)
        for page in listed:
            file = files.get_file_from_path(page.src_uri)
            if file is not None and isinstance(file.page, Page) and file.page.parent is None:
                file.page.parent = section
                file.page.title = nav_title(page.title)


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
