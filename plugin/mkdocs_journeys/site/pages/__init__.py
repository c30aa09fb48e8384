"""Every kind of generated page, declared once: the plugin's `pages` option, the pages, their links, diagrams and
navigation all come from this list, in the order of the generated navigation."""

from __future__ import annotations

from mkdocs_journeys.site.pages.base import Build, NavItem, PageKind, Sections
from mkdocs_journeys.site.pages.blueprint import BlueprintPage
from mkdocs_journeys.site.pages.channel import ChannelPage
from mkdocs_journeys.site.pages.comparison import ComparisonPage
from mkdocs_journeys.site.pages.coverage import CoveragePage
from mkdocs_journeys.site.pages.journey import JourneyPage
from mkdocs_journeys.site.pages.matrix import MatrixPage
from mkdocs_journeys.site.pages.opportunity import OpportunityPage, PortfolioPage
from mkdocs_journeys.site.pages.overview import OverviewPage
from mkdocs_journeys.site.pages.persona import PersonaPage
from mkdocs_journeys.site.pages.research import NotePage, SourcePage
from mkdocs_journeys.site.pages.stage import StagePage
from mkdocs_journeys.site.pages.touchpoint import TouchpointPage

PAGE_KINDS: tuple[type[PageKind], ...] = (
    OverviewPage,
    PersonaPage,
    JourneyPage,
    BlueprintPage,
    ComparisonPage,
    StagePage,
    TouchpointPage,
    ChannelPage,
    PortfolioPage,
    OpportunityPage,
    SourcePage,
    NotePage,
    MatrixPage,
    CoveragePage,
)
PAGE_KIND_NAMES: tuple[str, ...] = tuple(kind.name for kind in PAGE_KINDS)

__all__ = ["PAGE_KINDS", "PAGE_KIND_NAMES", "Build", "NavItem", "PageKind", "Sections"]
