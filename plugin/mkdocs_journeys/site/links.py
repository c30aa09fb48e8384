"""The one index from (kind, id) to generated page, used for every cross-link and every diagram link.

Pages link to each other with relative `.md` paths, which MkDocs turns into URLs for either
`use_directory_urls` setting and checks under `--strict`. Diagrams, which MkDocs does not rewrite, ask for
final URLs relative to the page they sit on (`url_from`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from mkdocs.utils import get_relative_url

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.site.markdown import escape_inline, link

# Folder of each kind of page below the prefix. Journeys are "maps" so `journeys/journeys/` never happens.
KIND_FOLDERS = {
    "persona": "personas",
    "journey": "maps",
    "stage": "stages",
    "touchpoint": "touchpoints",
    "channel": "channels",
}
SINGLE_PAGES = {
    "overview": "index.md",
    "matrix": "persona-touchpoint-matrix.md",
    "coverage": "content-coverage.md",
}


@dataclass(frozen=True)
class PageRef:
    kind: str
    entity_id: str
    src_uri: str
    title: str


class LinkIndex:
    def __init__(self, catalog: Catalog, prefix: str, kinds: Iterable[str], *, use_directory_urls: bool = True) -> None:
        self.prefix = prefix.strip("/")
        self.use_directory_urls = use_directory_urls
        self.kinds = set(kinds)
        self.pages: dict[tuple[str, str], PageRef] = {}
        self.titles: dict[tuple[str, str], str] = {}  # for every entity, also those whose kind has no pages
        self._paths: dict[tuple[str, str], str] = {}  # (folder of the linking page, target) -> relative path
        for kind, file_name in SINGLE_PAGES.items():
            self._add(kind, "", file_name, _SINGLE_TITLES[kind])
        entities: dict[str, Mapping[str, Any]] = {
            "persona": catalog.personas,
            "journey": catalog.journeys,
            "stage": catalog.stages,
            "touchpoint": catalog.touchpoints,
            "channel": {k: v for k, v in catalog.channels.items() if k in _used_channels(catalog)},
        }
        for kind, collection in entities.items():
            for entity_id, entity in collection.items():
                title = getattr(entity, "name", entity_id)
                self._add(kind, entity_id, f"{KIND_FOLDERS[kind]}/{entity_id}.md", title)

    def _add(self, kind: str, entity_id: str, path: str, title: str) -> None:
        self.titles[(kind, entity_id)] = title
        if kind in self.kinds:
            src_uri = posixpath.join(self.prefix, path) if self.prefix else path
            self.pages[(kind, entity_id)] = PageRef(kind, entity_id, src_uri, title)

    def page(self, kind: str, entity_id: str = "") -> PageRef | None:
        return self.pages.get((kind, entity_id))

    def link(self, from_src_uri: str, kind: str, entity_id: str = "", text: object = None) -> Markup:
        """A Markdown link to the entity's page, or its plain escaped name when that page is not generated."""
        target = self.page(kind, entity_id)
        label = text if text is not None else self.titles.get((kind, entity_id), entity_id)
        if target is None:
            return escape_inline(label)
        key = (posixpath.dirname(from_src_uri), target.src_uri)
        path = self._paths.get(key)
        if path is None:
            path = self._paths[key] = _relative_to_folder(*key)
        return link(label, path)

    def url_from(self, from_src_uri: str, kind: str, entity_id: str = "") -> str | None:
        """The URL of the entity's page relative to the page `from_src_uri`, as a browser needs it (diagrams)."""
        target = self.page(kind, entity_id)
        if target is None:
            return None
        return get_relative_url(
            page_url(target.src_uri, self.use_directory_urls), page_url(from_src_uri, self.use_directory_urls)
        )


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives a Markdown file: `a/b.md` → `a/b/` (or `a/b.html`), `a/index.md` → `a/`."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def relative_path(from_src_uri: str, to_src_uri: str) -> str:
    """`posixpath.relpath` for the clean relative paths pages have, without its `abspath` calls (which ask the
    operating system for the working directory: a tenth of a millisecond a link, and pages have hundreds)."""
    return _relative_to_folder(posixpath.dirname(from_src_uri), to_src_uri)


def _relative_to_folder(start: str, to_src_uri: str) -> str:
    start_parts = start.split("/") if start else []
    to_parts = to_src_uri.split("/")
    if any(part in _UNCLEAN for part in (*start_parts, *to_parts)):
        return posixpath.relpath(to_src_uri, start or ".")
    common = 0
    while common < min(len(start_parts), len(to_parts)) and start_parts[common] == to_parts[common]:
        common += 1
    parts = [".."] * (len(start_parts) - common) + to_parts[common:]
    return "/".join(parts) if parts else "."


_UNCLEAN = {"", ".", ".."}


def _used_channels(catalog: Catalog) -> set[str]:
    """Channel pages exist for channels that something refers to; an unused built-in channel gets none."""
    used = {t.channel for t in catalog.touchpoints.values()}
    used.update(c for p in catalog.personas.values() for c in p.preferred_channels)
    return used


_SINGLE_TITLES = {
    "overview": "Overview",
    "matrix": "Persona × touchpoint matrix",
    "coverage": "Content coverage",
}
