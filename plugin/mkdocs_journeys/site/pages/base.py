"""What every kind of generated page shares: the build it is written from, its parts, and how it is written.

A `PageKind` owns one kind of page: which pages of it exist, what its template is given, its diagram, the parts
other features add to it (`Sections`) and its place in the navigation. Kinds are declared in `pages/__init__.py`.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import jinja2
from markupsafe import Markup

from mkdocs_journeys.advice.advisor import Advisor
from mkdocs_journeys.data.kinds import EntityKind
from mkdocs_journeys.data.model import JourneyStep
from mkdocs_journeys.data.view import JourneyMap, by_name, by_priority
from mkdocs_journeys.drawing.dot import Drawing
from mkdocs_journeys.site.deferred import DeferredHtml
from mkdocs_journeys.site.links import LinkIndex, PageLinks, PageRef
from mkdocs_journeys.site.markdown import WORD_JOINER
from mkdocs_journeys.site.templates import TemplateLinks

NavItem = Any  # a MkDocs nav entry: "path.md", {"Title": "path.md"} or {"Title": [entries]}


PAGE_MARKER = '<div class="journeys-page" hidden></div>\n\n'
"""What every generated page starts with, whatever its template: the stylesheet styles a page's content by it
(`:has(> .journeys-page)`: links underlined, tables, print), in any theme."""


@dataclass
class Sections:
    """Page parts that templates place (or leave out) by name: `{{ sections.diagram }}`, `{{ sections.content }}`,
    `{{ sections.funnel }}`, `{{ sections.emotion_curve }}`, `{{ sections.opportunities }}` and
    `{{ sections.stage_content(step) }}`."""

    diagram: Markup = field(default_factory=Markup)
    content: Markup = field(default_factory=Markup)
    stage_content: Callable[[JourneyStep], Markup] = lambda _step: Markup("")
    funnel: Markup = field(default_factory=Markup)
    emotion_curve: Markup = field(default_factory=Markup)
    """The lowest and highest points of the curve, in words (the curve itself is drawn in the journey's map), and the
    personas' own curves when they feel a stage differently."""
    opportunities: Markup = field(default_factory=Markup)


@dataclass
class Build:
    """What every page of one build is written from. `figures` (each page's diagram, ready to hold in its Markdown)
    is filled once every diagram is drawn, before any page is written."""

    map: JourneyMap
    advisor: Advisor
    links: LinkIndex
    environment: jinja2.Environment
    deferred: DeferredHtml
    """Diagrams and charts, put in the final HTML of a page (`on_post_page`), out of the search index."""
    parts: DeferredHtml
    """The parts of pages written as HTML (`templates.html_part`), put in once Markdown is converted, before search."""
    section_title: str
    """What the navigation calls the generated section (the overview's heading)."""
    figures: dict[str, Markup] = field(default_factory=dict)
    fits_widths: set[int] = field(default_factory=set)
    """The widths the build's figures need to show their wide form (`figures.fits_width`), for the stylesheet."""


class PageKind:
    """One kind of generated page. Pages of an entity kind (`entity`) live in its page folder, one per entity;
    other kinds are one page of the whole map (`file_name`, `title`)."""

    name: ClassVar[str]
    entity: ClassVar[EntityKind | None] = None
    file_name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    nav_title: ClassVar[str] = ""
    """The title of the navigation group of an entity kind's pages."""

    def __init_subclass__(
        cls, *, name: str, entity: EntityKind | None = None, file: str = "", title: str = "", nav_title: str = ""
    ) -> None:
        """`class PersonaPage(PageKind, name="persona", entity=PERSONA, nav_title="Personas")`, or for a page of
        the whole map `class MatrixPage(PageKind, name="matrix", file="….md", title="…")`."""
        super().__init_subclass__()
        cls.name, cls.entity, cls.file_name, cls.title, cls.nav_title = name, entity, file, title, nav_title

    def __init__(self, build: Build) -> None:
        self.build = build
        self.map = build.map
        self.catalog = build.map.catalog

    # --- which pages --------------------------------------------------------------------------------------------

    @classmethod
    def entries(cls, journey_map: JourneyMap) -> Iterator[tuple[str, str]]:
        """(entity id, title) of each page of this kind, in the catalog's order."""
        if cls.entity is None:
            yield "", cls.title
            return
        for entity_id, entity in journey_map.catalog.collection(cls.entity).items():
            yield entity_id, entity.name

    @classmethod
    def path(cls, entity_id: str) -> str:
        """The page's file below the plugin's prefix."""
        if cls.entity is None:
            return cls.file_name
        return f"{cls.entity.page_folder}/{entity_id}.md"

    # --- what a page shows --------------------------------------------------------------------------------------

    def context(self, page: PageRef) -> dict[str, Any]:
        """The values this kind's template is given, besides those every template gets."""
        return {}

    def drawing(self, page: PageRef, links: PageLinks) -> Drawing | None:
        """The page's diagram in both its forms, drawn with links relative to the page; None for kinds without one."""
        return None

    def sections(self, page: PageRef, links: PageLinks) -> Sections:
        return Sections(diagram=self.build.figures.get(page.src_uri, Markup("")))

    def render(self, page: PageRef) -> str:
        """The page's Markdown, from `<name>.md.j2`, after the marker of a generated page (`PAGE_MARKER`)."""
        links = self.build.links.for_page(page.src_uri)
        text = self.write(f"{self.name}.md.j2", page, links, sections=self.sections(page, links), **self.context(page))
        return PAGE_MARKER + text

    def write(self, template: str, page: PageRef, links: PageLinks, **values: Any) -> str:
        """A template of this page (the page's own, or a part of it under `content/`) with the values every template
        gets: `page`, `catalog`, `journey_map` (what is derived from it), `link`, and the environment's helpers."""
        link = TemplateLinks(links)
        context = {"page": page, "catalog": self.catalog, "journey_map": self.map, "link": link, **values}
        return self.build.environment.get_template(template).render(context)

    def part(self, template: str, page: PageRef, links: PageLinks, **values: Any) -> Markup:
        return Markup(self.write(template, page, links, **values))

    def opportunities(self, page: PageRef, links: PageLinks, ids: Iterable[str], subject: str) -> Markup:
        """The opportunities that concern the page's subject (`subject`: "this journey"), the ones under way and the
        most promising first, from `content/opportunities.md.j2`; nothing when there are none."""
        found = by_priority(self.catalog.opportunities[i] for i in ids)
        if not found:
            return Markup("")
        return self.part("content/opportunities.md.j2", page, links, opportunities=found, subject=subject)

    def files(self) -> Iterator[tuple[str, Path]]:
        """Files this kind publishes as they are, besides its pages: (path below the prefix, file on disk)."""
        return iter(())

    @property
    def holds_deferred_html(self) -> bool:
        """Whether its pages hold placeholders of diagrams and charts (`deferred.py`) to fill in; False for pages of
        the team's own Markdown, in which a placeholder is text to leave alone."""
        return True

    # --- where it goes in the navigation ------------------------------------------------------------------------

    def nav(self, pages: Mapping[str, PageRef]) -> NavItem | None:
        """This kind's part of the generated navigation, given its pages by entity id (None: it has none)."""
        if self.entity is None:
            page = pages.get("")
            return {nav_title(page.title): page.src_uri} if page else None
        entries = [{nav_title(pages[e].title): pages[e].src_uri} for e in self.nav_order() if e in pages]
        return {self.nav_title: entries} if entries else None

    def nav_order(self) -> list[str]:
        """Entity ids in the order the navigation lists them: by name, unless the kind keeps its file's order."""
        assert self.entity is not None
        collection = self.catalog.collection(self.entity)
        if self.entity.ordered:
            return list(collection)
        return [entity.id for entity in by_name(collection.values())]


def nav_title(text: str) -> Markup:
    """A title for the nav: themes insert nav titles into HTML unescaped, as text and inside attributes (the
    readthedocs theme writes `title="{{ page.next_page.title }}"`); names come from YAML, so they are escaped here,
    quotes included. As `Markup`, a theme that escapes again (`| e`, as mkdocs-material does in `aria-label`) leaves
    it as it is instead of showing `&amp;lt;`. mkdocs-material also writes the title into <title> through
    `striptags`, which unescapes it: see `markdown.WORD_JOINER`."""
    return Markup(html.escape(text, quote=True).replace("&lt;/", f"&lt;{WORD_JOINER}/"))
