"""Relative links and pictures in the data, checked against the docs folder before anything is built.

A persona's `picture`, a touchpoint's or a content asset's `url` can be a path in the docs folder (`images/ana.png`):
each page that shows it writes it relative to itself (`links.from_page`), and MkDocs warns when nothing is there.
That warning came late (`build --strict` failed after MkDocs had cleaned the last good site) and named a generated
page, not the YAML. Here the same rule as MkDocs' is applied to the data when it is loaded, in `validate` and in the
plugin, and each broken path is reported at its YAML line with the path that would work.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.diagnostics import Diagnostic, Severity
from mkdocs_journeys.data.kinds import ENTITY_KINDS
from mkdocs_journeys.data.schema import site_schema_files
from mkdocs_journeys.site.links import normalise_prefix
from mkdocs_journeys.site.pages import PAGE_KINDS, PageKind

SHOWN_ON: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("persona", "picture", ("persona",)),
    ("touchpoint", "url", ("touchpoint",)),
    ("content", "url", ("journey", "stage", "persona", "coverage")),
)
"""(entity kind, field, the kinds of page that show it): the paths in the data, and the pages they are read from."""


def docs_files(docs_dir: Path) -> frozenset[str]:
    """The files of the docs folder as MkDocs names them (`images/ana.png`), except hidden ones, as MkDocs does."""
    found: set[str] = set()
    for folder, subfolders, files in os.walk(docs_dir):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        relative = Path(folder).relative_to(docs_dir)
        found.update((relative / name).as_posix() for name in files if not name.startswith("."))
    return frozenset(found)


def check_local_links(
    catalog: Catalog, docs_dir: Path, prefix: str, pages: Iterable[str], *, docs_shown: str = "docs"
) -> list[Diagnostic]:
    """A warning (as MkDocs' own) at each relative path in the data that leads to no file of the docs folder
    `docs_dir` nor of the generated site, from a page that shows it; `pages` are the page kinds generated.

    `docs_dir` must be inside the project: the callers do not check against one anywhere else (`docs_dir: /` would
    list the whole disk)."""
    prefix = normalise_prefix(prefix)
    kinds = {kind.name: kind for kind in PAGE_KINDS if kind.name in set(pages)}
    existing = docs_files(docs_dir) | set(_generated(catalog, prefix, kinds)) if docs_dir.is_dir() else frozenset()
    problems = []
    for kind, field, shown_on in SHOWN_ON:
        if not any(name in kinds for name in shown_on):
            continue
        for entity_id, entity in catalog.collection(ENTITY_KINDS[kind]).items():
            url = getattr(entity, field, None)
            problem = _broken(url, existing, docs_shown) if url else None
            origin = catalog.origin(kind, entity_id)
            if problem is not None and origin is not None:
                message, hint = problem
                diagnostic = origin.source.diagnostic(
                    (*origin.location, field), "missing-file", message, hint, Severity.WARNING
                )
                problems.append(diagnostic)
    return problems


def _broken(url: str, existing: frozenset[str], docs_shown: str) -> tuple[str, str] | None:
    """What MkDocs would warn about `url` on a page that shows it, as a message and a hint; None when fine.

    MkDocs leaves alone links with a scheme or a host, absolute paths, and paths without a file extension (an
    'unrecognized link', which it only mentions); it looks the others up among the files of the site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("/", "\\")) or not parts.path:
        return None
    path = unquote(parts.path)
    target = posixpath.normpath(path)
    if not posixpath.splitext(path)[1] or target in existing:
        return None
    outside = target == ".." or target.startswith("../")
    where = "outside the docs folder" if outside else f"{docs_shown}/{target}, which does not exist"
    same_name = sorted(f for f in existing if posixpath.basename(f) == posixpath.basename(target))
    hint = f"did you mean '{same_name[0]}'? " if same_name else "add the file, or correct the path: "
    return f"{url!r} leads to {where}", hint + f"paths are relative to the docs folder, {docs_shown}/"


def _generated(catalog: Catalog, prefix: str, kinds: dict[str, type[PageKind]]) -> Iterator[str]:
    """The files the plugin adds to the site: every generated page, the JSON Schemas."""
    yield from site_schema_files()
    for page in kinds.values():
        entity = page.entity
        ids = [""] if entity is None else list(catalog.collection(entity))
        for entity_id in ids:
            yield posixpath.join(prefix, page.path(entity_id)) if prefix else page.path(entity_id)
