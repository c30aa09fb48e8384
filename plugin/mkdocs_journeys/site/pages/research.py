"""Research: a page for each research source (what it is, and everything that rests on it), and a folder journey's
Markdown notes, with the pictures and files beside them."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.utils import get_relative_url

from mkdocs_journeys.data.kinds import SOURCE
from mkdocs_journeys.data.view import Citation, JourneyMap, by_name
from mkdocs_journeys.site.links import PageRef, page_url
from mkdocs_journeys.site.notes import note_html
from mkdocs_journeys.site.pages.base import PAGE_MARKER, NavItem, PageKind, nav_title

RESEARCH_NAV_TITLE = "Research"


class SourcePage(PageKind, name="source", entity=SOURCE, nav_title=RESEARCH_NAV_TITLE):
    @classmethod
    def entries(cls, journey_map: JourneyMap) -> Iterator[tuple[str, str]]:
        for source_id, source in journey_map.catalog.sources.items():
            yield source_id, source.title

    def nav(self, pages: Mapping[str, PageRef]) -> NavItem | None:
        """One group: the sources by title, then the journeys' notes."""
        ordered = sorted(self.catalog.sources.values(), key=lambda s: (s.title.lower(), s.id))
        entries = [{nav_title(pages[s.id].title): pages[s.id].src_uri} for s in ordered if s.id in pages]
        entries += _note_entries(self)
        return {self.nav_title: entries} if entries else None

    def context(self, page: PageRef) -> dict[str, Any]:
        source = self.catalog.sources[page.entity_id]
        citations = self.map.citations_of_source(source.id)
        by_journey: dict[str, list[Citation]] = {}
        for citation in citations:
            if citation.journey is not None and citation.insight is not None:
                by_journey.setdefault(citation.journey, []).append(citation)
        note = None
        if source.file is not None:
            journey_id, _, name = source.file.partition("/")
            note = f"{journey_id}/{name}"
        return {
            "source": source,
            "note": note,
            "personas": [self.catalog.personas[c.persona] for c in citations if c.persona is not None],
            "touchpoints": [self.catalog.touchpoints[c.touchpoint] for c in citations if c.touchpoint is not None],
            "journeys": [
                self.catalog.journeys[c.journey] for c in citations if c.journey is not None and c.insight is None
            ],
            "insights": [
                (journey, by_journey[journey.id]) for journey in self.map.journeys if journey.id in by_journey
            ],
        }


class NotePage(PageKind, name="note", nav_title=RESEARCH_NAV_TITLE):
    """A Markdown note beside a folder journey's `journey.yml`, below `notes/<journey id>/`, where the files it shows
    or links to are published too. Its Markdown arrives in pull requests like the YAML, so it is published as
    sanitised HTML (`site/notes.py`), its relative links and pictures pointing at those files."""

    @classmethod
    def entries(cls, journey_map: JourneyMap) -> Iterator[tuple[str, str]]:
        for journey in by_name(journey_map.journeys):
            for note in journey_map.notes_of_journey(journey.id):
                yield f"{journey.id}/{note.name}", note.title

    @classmethod
    def path(cls, entity_id: str) -> str:
        return f"notes/{entity_id}"

    def nav(self, pages: Mapping[str, PageRef]) -> NavItem | None:
        """With the research sources when they have pages; a group of their own otherwise."""
        if any(self.build.links.page(SourcePage.name, s) for s in self.catalog.sources):
            return None
        entries = _note_entries(self)
        return {self.nav_title: entries} if entries else None

    def render(self, page: PageRef) -> str:
        journey_id, _, name = page.entity_id.partition("/")
        files = {f.name: f for f in self.catalog.journey_files[journey_id]}
        note = files[name]
        links = self.build.links.for_page(page.src_uri)
        here = page_url(page.src_uri, self.build.links.use_directory_urls)

        def resolve(path: str) -> str | None:
            """A note's relative link or picture, by the file it names beside the notes (`../` included)."""
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
            if target not in files:
                return None
            if files[target].is_note:
                return links.url(NotePage.name, f"{journey_id}/{target}")
            return get_relative_url(self.build.links.src_uri(self.path(f"{journey_id}/{target}")), here)

        html = Markup(note_html(note.text or "", resolve))
        return PAGE_MARKER + self.write("note.md.j2", page, links, note=note, html=html)

    def files(self) -> Iterator[tuple[str, Path]]:
        """The other files beside the notes (pictures, PDFs), where the notes' relative links expect them."""
        for journey_id, files in self.catalog.journey_files.items():
            if self.map.notes_of_journey(journey_id):
                for file in files:
                    if not file.is_note:
                        yield self.path(f"{journey_id}/{file.name}"), file.path

    @property
    def holds_deferred_html(self) -> bool:
        return False


def _note_entries(kind: PageKind) -> list[NavItem]:
    entries = []
    for journey in by_name(kind.map.journeys):
        for note in kind.map.notes_of_journey(journey.id):
            page = kind.build.links.page(NotePage.name, f"{journey.id}/{note.name}")
            if page is not None:
                entries.append({nav_title(f"{journey.name}: {page.title}"): page.src_uri})
    return entries
