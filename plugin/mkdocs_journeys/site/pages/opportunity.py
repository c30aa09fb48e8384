"""Opportunities: a page for each one (what it addresses, where it stands), and the portfolio of all of them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from markupsafe import Markup

from mkdocs_journeys.data.kinds import OPPORTUNITY
from mkdocs_journeys.data.model import OPPORTUNITY_STATUSES, Opportunity
from mkdocs_journeys.data.view import JourneyMap, PainPointPlace, by_priority
from mkdocs_journeys.drawing.portfolio import PortfolioPoint, portfolio_svg, quadrant
from mkdocs_journeys.site.links import PageLinks, PageRef
from mkdocs_journeys.site.pages.base import NavItem, PageKind, Sections, nav_title


class OpportunityPage(PageKind, name="opportunity", entity=OPPORTUNITY, nav_title="Opportunities"):
    @classmethod
    def entries(cls, journey_map: JourneyMap) -> Iterator[tuple[str, str]]:
        for opportunity in journey_map.opportunities:
            yield opportunity.id, opportunity.title

    def nav(self, pages: Mapping[str, PageRef]) -> NavItem | None:
        """Under the portfolio's group when there is a portfolio page; a group of their own otherwise."""
        if self.build.links.page(PortfolioPage.name) is not None:
            return None
        entries = [{nav_title(pages[o.id].title): pages[o.id].src_uri} for o in self.map.opportunities if o.id in pages]
        return {self.nav_title: entries} if entries else None

    def context(self, page: PageRef) -> dict[str, Any]:
        journey_map = self.map
        opportunity = self.catalog.opportunities[page.entity_id]
        targets = opportunity.addresses
        pain_points: list[tuple[str, PainPointPlace | None]] = [
            (pain_id, journey_map.pain_point(pain_id)) for pain_id in (targets.pain_points if targets else [])
        ]
        places = journey_map.places_of_opportunity(opportunity.id)
        journeys = dict.fromkeys(
            [journey_id for journey_id, _ in places]
            + (targets.journeys if targets else [])
            + [place.journey for _, place in pain_points if place is not None]
        )
        personas = dict.fromkeys(p for j in journeys for p in self.catalog.journeys[j].personas)
        return {
            "opportunity": opportunity,
            "places": places,
            "pain_points": pain_points,
            "journeys": [self.catalog.journeys[j] for j in journeys],
            "personas": [p for p in journey_map.personas if p.id in personas],
            "quadrant": quadrant,
        }


class PortfolioPage(PageKind, name="portfolio", file="opportunity-portfolio.md", title="Opportunities"):
    """Every opportunity: impact against effort on one chart, then by status and by owner."""

    @classmethod
    def entries(cls, journey_map: JourneyMap) -> Iterator[tuple[str, str]]:
        if journey_map.opportunities:  # no page to say there is nothing
            yield "", cls.title

    def nav(self, pages: Mapping[str, PageRef]) -> NavItem | None:
        """One group: the portfolio, then each opportunity by title."""
        page = pages.get("")
        if page is None:
            return None
        entries = [{nav_title("Portfolio"): page.src_uri}]
        for opportunity in self.map.opportunities:
            listed = self.build.links.page(OpportunityPage.name, opportunity.id)
            if listed is not None:
                entries.append({nav_title(listed.title): listed.src_uri})
        return {nav_title(page.title): entries}

    def context(self, page: PageRef) -> dict[str, Any]:
        journey_map = self.map
        ranked = by_priority(journey_map.opportunities)
        rated = [o for o in ranked if o.impact is not None and o.effort is not None]
        by_status = [
            (status, by_priority(self.catalog.opportunities[o] for o in journey_map.opportunities_by_status(status)))
            for status in OPPORTUNITY_STATUSES
        ]
        owners = [*journey_map.owners, ""]
        by_owner = [
            (owner, by_priority(self.catalog.opportunities[o] for o in journey_map.opportunities_by_owner(owner)))
            for owner in owners
            if journey_map.opportunities_by_owner(owner)
        ]
        return {
            "opportunities": ranked,
            "rated": rated,
            "unrated": [o for o in ranked if o not in rated],
            "by_status": [(status, found) for status, found in by_status if found],
            "by_owner": by_owner,
            "quadrant": quadrant,
        }

    def sections(self, page: PageRef, links: PageLinks) -> Sections:
        sections = super().sections(page, links)
        sections.content = self._chart(page, links)
        return sections

    def _chart(self, page: PageRef, links: PageLinks) -> Markup:
        rated = [o for o in by_priority(self.map.opportunities) if o.impact is not None and o.effort is not None]
        if not rated:
            return Markup("")
        points = [_point(number, o, links) for number, o in enumerate(rated, 1)]
        svg = portfolio_svg(points, id_prefix="journeys-portfolio", title="Opportunities by impact and effort")
        return self.build.deferred.hold(Markup(f'<div class="journeys-chart-figure">\n{svg}\n</div>'))


def _point(number: int, opportunity: Opportunity, links: PageLinks) -> PortfolioPoint:
    assert opportunity.impact is not None and opportunity.effort is not None
    return PortfolioPoint(
        number,
        opportunity.title,
        opportunity.impact,
        opportunity.effort,
        opportunity.status,
        opportunity.owner,
        links.url(OpportunityPage.name, opportunity.id),
    )
