"""Everything the plugin generates for one build, planned from a checked catalog and the plugin's options."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .catalog import Catalog
from .index import UsageIndex, build_index
from .links import LinkIndex, PageRef
from .pages import PageRenderer, template_environment

STYLESHEET = "assets/mkdocs-journeys/journeys.css"
STYLESHEET_SOURCE = Path(__file__).parent / "assets" / "journeys.css"


@dataclass
class GeneratedSite:
    catalog: Catalog
    usage: UsageIndex
    links: LinkIndex
    renderer: PageRenderer
    pages: list[PageRef] = field(default_factory=list)

    def markdown(self, page: PageRef) -> str:
        return self.renderer.render(page)


def plan_site(
    catalog: Catalog, *, prefix: str, kinds: list[str], templates_dir: Path | None, use_directory_urls: bool = True
) -> GeneratedSite:
    usage = build_index(catalog)
    links = LinkIndex(catalog, prefix, kinds, use_directory_urls=use_directory_urls)
    renderer = PageRenderer(catalog, usage, links, template_environment(templates_dir))
    return GeneratedSite(catalog, usage, links, renderer, list(links.pages.values()))
