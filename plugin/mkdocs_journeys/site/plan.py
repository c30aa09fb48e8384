"""Everything the plugin generates for one build, planned from a checked catalog and the plugin's options.

`plan_site` is the one place a build is put together: the journey map and its advice are derived once, every page
of every kind is listed, linked and its diagram drawn, and pages are then written on demand (`markdown`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_journeys.advice.advisor import Advisor
from mkdocs_journeys.advice.funnel import FUNNEL_PHASES
from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.view import JourneyMap
from mkdocs_journeys.drawing.dot import Drawing
from mkdocs_journeys.drawing.figures import DiagramOptions, Download, draw_figures, fits_stylesheet
from mkdocs_journeys.site.deferred import DeferredHtml
from mkdocs_journeys.site.links import LinkIndex, PageRef, beside_page
from mkdocs_journeys.site.nav import collapsed_section, generated_section
from mkdocs_journeys.site.pages import PAGE_KINDS, Build, NavItem, PageKind
from mkdocs_journeys.site.pages.overview import OverviewPage
from mkdocs_journeys.site.pages.section import SectionIndexPage, plan_sections
from mkdocs_journeys.site.templates import html_part_helper, template_environment

# Markdown features the generated pages use; all ship with Python-Markdown, so every theme renders them.
MARKDOWN_EXTENSIONS = ("tables", "attr_list", "md_in_html", "admonition")
DEFAULT_SECTION_TITLE = "Customer journeys"
DEFAULT_NAV_MAX_PAGES = 100  # about as many links as a sidebar can hold before readers stop scanning it
STYLESHEET = "assets/mkdocs-journeys/journeys.css"
STYLESHEET_SOURCE = Path(__file__).parent / "assets" / "journeys.css"


FRONT_MATTER = "---\nrender_macros: false\n---\n\n"
"""Every generated page opts out of mkdocs-macros, which otherwise runs each page's Markdown and title as a Jinja
template, unsandboxed: a name or a note in a pull request would be code run by the build. Text from the data is also
escaped so that no `{` reaches a page (`markdown.py`, `notes.py`); this keeps the titles inert too, which MkDocs takes
as they are."""


@dataclass
class GeneratedSite:
    build: Build
    kinds: dict[str, PageKind]
    pages: list[PageRef]
    figure_downloads: dict[str, tuple[Download, ...]] = field(default_factory=dict)
    """The files each page's diagram offers for download, by the page's `src_uri` (see `downloads`)."""

    def __post_init__(self) -> None:
        self._by_src_uri = {page.src_uri: page for page in self.pages}

    @property
    def catalog(self) -> Catalog:
        return self.build.map.catalog

    @property
    def links(self) -> LinkIndex:
        return self.build.links

    def markdown(self, page: PageRef) -> str:
        """The page's Markdown, with a placeholder for each diagram and chart (see `deferred.py`), after the
        `FRONT_MATTER` every generated page has."""
        return FRONT_MATTER + self.kinds[page.kind].render(page)

    def drawing(self, page: PageRef) -> Drawing | None:
        """The page's diagram as DOT, in both forms, with links relative to the page; None for kinds without one."""
        return self.kinds[page.kind].drawing(page, self.links.for_page(page.src_uri))

    def content(self, page: PageRef, html: str) -> str:
        """A generated page's HTML as Markdown made it, with the parts written as HTML in place (for search to read)."""
        if not self.kinds[page.kind].holds_deferred_html:
            return html
        return self.build.parts.insert(html)

    def finish(self, page: PageRef, html: str) -> str:
        """A generated page's final HTML (or its Markdown) with its parts written as HTML, diagrams and charts in
        place."""
        if not self.kinds[page.kind].holds_deferred_html:
            return html
        return self.build.deferred.insert(self.build.parts.insert(html))

    def files(self) -> list[tuple[str, Path]]:
        """The files published as they are with the generated pages (a journey's pictures): (src_uri, file)."""
        return [(self.links.src_uri(path), source) for kind in self.kinds.values() for path, source in kind.files()]

    def downloads(self, *, beside_markdown: bool = False) -> dict[str, bytes]:
        """The diagrams' downloads by `src_uri`, where a page's link to one (its bare file name) finds it: beside the
        page's URL, for MkDocs, which leaves links in a page's raw HTML as written; or, with `beside_markdown`, beside
        the page's Markdown file, for site generators that resolve such links from it (Zensical, after `generate`)."""
        directory_urls = self.build.links.use_directory_urls and not beside_markdown
        return {
            beside_page(src_uri, download.name, directory_urls): download.content
            for src_uri, downloads in self.figure_downloads.items()
            for download in downloads
        }

    def stylesheet(self) -> str:
        """The build's stylesheet: `assets/journeys.css`, then a rule for each width the build's figures need to show
        their wide form (`figures.fits_stylesheet`). Written after the pages, whose charts name widths too."""
        rules = fits_stylesheet(self.build.fits_widths)
        return STYLESHEET_SOURCE.read_text(encoding="utf-8") + "\n/* Which form of each diagram fits. */\n" + rules

    def page(self, src_uri: str) -> PageRef | None:
        return self._by_src_uri.get(src_uri)

    def fingerprint(self, page: PageRef, markdown: str) -> str:
        """A digest of a generated page's Markdown with its diagrams and charts: equal digests, equal pages."""
        if not self.kinds[page.kind].holds_deferred_html:
            return hashlib.sha256(markdown.encode("utf-8")).hexdigest()
        return self.build.deferred.fingerprint(self.build.parts.insert(markdown))

    def nav(self) -> list[NavItem]:
        """The generated section of the navigation: every page, or, past `nav_max_pages`, the sections with their
        index pages (and the pages of the whole map)."""
        section = generated_section(self.kinds.values(), self.pages)
        return collapsed_section(section, self.listed_by_index) if self.listed_by_index else section

    @property
    def listed_by_index(self) -> dict[str, list[PageRef]]:
        """Each section index page's `src_uri` → the pages it lists, which the navigation leaves out; empty when the
        navigation lists every page."""
        kind = self.kinds.get(SectionIndexPage.name)
        return dict(kind.listed) if isinstance(kind, SectionIndexPage) else {}

    @property
    def overview_path(self) -> str:
        """Where the overview is, or would be: the placeholder of the generated section in the user's `nav`."""
        return self.links.src_uri(OverviewPage.file_name)


def overview_path(prefix: str) -> str:
    """`GeneratedSite.overview_path` before there is a site: where the user's `nav` names the generated section."""
    return LinkIndex(prefix, [], {}).src_uri(OverviewPage.file_name)


def plan_site(
    journey_map: JourneyMap,
    *,
    prefix: str,
    kinds: list[str],
    templates_dir: Path | None,
    use_directory_urls: bool = True,
    diagrams: DiagramOptions | None = None,
    funnel_phases: Collection[str] = FUNNEL_PHASES,
    section_title: str = DEFAULT_SECTION_TITLE,
    nav_max_pages: int | None = None,
    html_links_to_files: bool = False,
) -> GeneratedSite:
    """`kinds` names the page kinds to generate; `diagrams=None` leaves diagrams out (no Graphviz needed);
    `section_title` is what the navigation calls the generated section, which the overview takes as its heading;
    past `nav_max_pages` generated pages, each section gets an index page and the navigation lists only those
    (None: never); `html_links_to_files` makes the links of the pages' HTML parts name `.md` files (`LinkIndex`).

    Raises `DiagramError` when a diagram cannot be drawn."""
    catalog = journey_map.catalog
    advisor = Advisor(journey_map, funnel_phases)
    # Titles of every entity, also of kinds without pages: a mention of one is then its plain name.
    entries = {kind: list(kind.entries(journey_map)) for kind in PAGE_KINDS}
    titles = {("channel", channel.id): channel.name for channel in catalog.channels.values()}  # pages or not
    titles.update({(kind.name, entity_id): title for kind, listed in entries.items() for entity_id, title in listed})
    generated = [kind for kind in PAGE_KINDS if kind.name in kinds]
    links = LinkIndex(prefix, [], titles, use_directory_urls=use_directory_urls)
    pages = [
        PageRef(kind.name, entity_id, links.src_uri(kind.path(entity_id)), title)
        for kind in sorted(generated, key=lambda kind: kind.entity is not None)  # pages of the whole map first
        for entity_id, title in entries[kind]
    ]
    sections = []
    if nav_max_pages is not None and len(pages) > nav_max_pages:
        sections = plan_sections(generated, pages, links.src_uri)
        pages += [index for index, _ in sections]
    links = LinkIndex(
        prefix, pages, titles, use_directory_urls=use_directory_urls, html_links_to_files=html_links_to_files
    )
    parts = DeferredHtml("part")
    helpers = {"format_name": advisor.format_name, "html_part": html_part_helper(parts)}
    environment = template_environment(templates_dir, helpers)
    build = Build(journey_map, advisor, links, environment, DeferredHtml(), parts, section_title)
    page_kinds = {kind.name: kind(build) for kind in generated}
    if sections:
        page_kinds[SectionIndexPage.name] = SectionIndexPage(
            build, {index.src_uri: listed for index, listed in sections}
        )
    site = GeneratedSite(build, page_kinds, pages)
    if diagrams is not None:
        # Every diagram is drawn here, at once, before any page is written.
        drawings = {page.src_uri: drawing for page in pages if (drawing := site.drawing(page)) is not None}
        figures = draw_figures(drawings, diagrams, catalog, large_map=bool(sections))
        build.figures = {src_uri: build.deferred.hold(figure.html) for src_uri, figure in figures.items()}
        build.fits_widths.update(figure.fits for figure in figures.values() if figure.fits is not None)
        site.figure_downloads = {src_uri: figure.downloads for src_uri, figure in figures.items()}
    return site
