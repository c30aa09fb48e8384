"""Everything the plugin generates for one build, planned from a checked catalog and the plugin's options."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.usage import UsageIndex, build_index
from mkdocs_journeys.drawing.figures import DiagramOptions, Figures, draw_figures
from mkdocs_journeys.site.content_sections import ContentSections
from mkdocs_journeys.site.deferred import DeferredHtml
from mkdocs_journeys.site.links import LinkIndex, PageRef
from mkdocs_journeys.site.pages import PageRenderer, Sections, template_environment

STYLESHEET = "assets/mkdocs-journeys/journeys.css"
STYLESHEET_SOURCE = Path(__file__).parent / "assets" / "journeys.css"


@dataclass
class GeneratedSite:
    catalog: Catalog
    usage: UsageIndex
    links: LinkIndex
    renderer: PageRenderer
    pages: list[PageRef] = field(default_factory=list)
    figures: Figures = field(default_factory=Figures)
    deferred: DeferredHtml = field(default_factory=DeferredHtml)

    def markdown(self, page: PageRef) -> str:
        """The page's Markdown, with a placeholder for each diagram and chart (see `deferred.py`)."""
        return self.renderer.render(page)

    def finish(self, html: str) -> str:
        """A generated page's final HTML (or its Markdown) with its diagrams and charts in place."""
        return self.deferred.insert(html)

    def fingerprint(self, markdown: str) -> str:
        """A digest of a generated page's Markdown with its diagrams and charts: equal digests, equal pages."""
        return self.deferred.fingerprint(markdown)


def plan_site(
    catalog: Catalog,
    *,
    prefix: str,
    kinds: list[str],
    templates_dir: Path | None,
    use_directory_urls: bool = True,
    diagrams: DiagramOptions | None = None,
) -> GeneratedSite:
    """`diagrams=None` leaves diagrams out (no Graphviz needed); the plugin always passes its options."""
    catalog.freeze()
    usage = build_index(catalog)
    links = LinkIndex(catalog, prefix, kinds, use_directory_urls=use_directory_urls)
    pages = list(links.pages.values())
    # Every diagram is drawn here, at once, before any page is rendered (raises DiagramError).
    figures = draw_figures(catalog, usage, links, pages, diagrams) if diagrams is not None else Figures()
    environment = template_environment(templates_dir)
    deferred = DeferredHtml()
    content = ContentSections(catalog, usage, links, environment, deferred)
    renderer = PageRenderer(
        catalog,
        usage,
        links,
        environment,
        sections=lambda page: content.add_to(Sections(diagram=deferred.hold(figures.for_page(page))), page),
    )
    return GeneratedSite(catalog, usage, links, renderer, pages, figures, deferred)
