"""A section's index page: every page of one navigation section in one list, with filters, for large maps.

Past the plugin's `nav_max_pages`, the navigation lists only the sections and these pages (`site/nav.py`): a
sidebar of hundreds of links is written into every page and read by nobody. The list is plain HTML, complete
without JavaScript; `journeys-filter.js`, which the page loads, filters it by persona, stage, channel, owner and
text. The list goes into the page once it is HTML (`deferred.py`): Markdown has nothing to do in it, and the search
index gets the page's title and introduction, not hundreds of names that have pages of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url

from mkdocs_journeys.data.model import Journey
from mkdocs_journeys.site.links import PageLinks, PageRef, page_url
from mkdocs_journeys.site.pages.base import Build, NavItem, PageKind, Sections

FILTER_SCRIPT = "journeys-filter.js"
"""The script that filters the lists, published below the plugin's prefix."""
FILTER_SCRIPT_SOURCE = Path(__file__).parent.parent / "assets" / FILTER_SCRIPT

FACETS: tuple[tuple[str, str], ...] = (
    ("persona", "Persona"),
    ("stage", "Stage"),
    ("channel", "Channel"),
    ("owner", "Owner"),
)
"""The filters a list may offer, in the order of its controls; a list offers those that tell its pages apart."""


@dataclass
class Row:
    """One page of the list: its link, a line about it, and the values it has of each facet (ids, or owners' names)."""

    page: PageRef
    about: list[str] = field(default_factory=list)
    facets: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Facet → (value, its name) pairs: `{"persona": [("ana", "Ana Souza")]}`."""


def plan_sections(
    kinds: Iterable[type[PageKind]], pages: list[PageRef], src_uri: Callable[[str], str]
) -> list[tuple[PageRef, list[PageRef]]]:
    """The index pages of a large map: one per section of the navigation (the kinds sharing a `nav_title`), each
    listing the section's pages about one entity; pages of the whole map (the portfolio) stay in the nav.

    An index goes to `<folder>/index.md` of its section's first kind (`personas/index.md`), which themes show as
    the section's own page; when an entity's id is `index` and holds that path, to `<folder>-index/index.md`.
    `src_uri` turns a path below the prefix into the page's `src_uri`."""
    kind_of = {kind.name: kind for kind in kinds}
    groups: dict[str, list[PageRef]] = {}
    order = {kind.name: position for position, kind in enumerate(kind_of.values())}
    for page in pages:
        kind = kind_of[page.kind]
        if page.entity_id and kind.nav_title:
            groups.setdefault(kind.nav_title, []).append(page)
    taken = {page.src_uri for page in pages}
    position = {page.src_uri: number for number, page in enumerate(pages)}
    sections = []
    for title, members in groups.items():
        members.sort(key=lambda page: (order[page.kind], _sort_key(kind_of[page.kind], page, position)))
        first = kind_of[members[0].kind]
        folder = first.path(members[0].entity_id).split("/", 1)[0]
        path = src_uri(f"{folder}/index.md")
        if path in taken:
            path = src_uri(f"{folder}-index/index.md")
        sections.append((PageRef(SectionIndexPage.name, folder, path, title), members))
    return sections


def _sort_key(kind: type[PageKind], page: PageRef, position: Mapping[str, int]) -> tuple[int, str]:
    """Stages keep their customer order (the catalog's, as `pages` has it); everything else goes by title."""
    if kind.entity is not None and kind.entity.ordered:
        return position[page.src_uri], ""
    return 0, page.title.casefold()


class SectionIndexPage(PageKind, name="section"):
    """The index page of one section (its `entity_id` is the section's folder). Not one of the kinds a site chooses
    (`PAGE_KINDS`): `plan_site` adds these pages when the map is too large for a navigation of every page."""

    def __init__(self, build: Build, listed: Mapping[str, list[PageRef]] | None = None) -> None:
        super().__init__(build)
        self.listed = dict(listed or {})

    def nav(self, pages: Mapping[str, PageRef]) -> NavItem | None:
        return None  # the collapsed navigation places them (`nav.collapsed_section`)

    def context(self, page: PageRef) -> dict[str, Any]:
        members = self.listed.get(page.src_uri, [])
        return {"title": page.title, "count": len(members)}

    def sections(self, page: PageRef, links: PageLinks) -> Sections:
        members = self.listed.get(page.src_uri, [])
        stage_order = {stage_id: number for number, stage_id in enumerate(self.catalog.stages)}
        html = filter_list(page, [self._row(member) for member in members], self._url(page), stage_order)
        return Sections(content=self.build.deferred.hold(html))

    def files(self) -> Iterator[tuple[str, Path]]:
        if self.listed:
            yield FILTER_SCRIPT, FILTER_SCRIPT_SOURCE

    def _url(self, page: PageRef) -> Callable[[PageRef | None], str]:
        links = self.build.links
        here = page_url(page.src_uri, links.use_directory_urls)
        script = get_relative_url(links.src_uri(FILTER_SCRIPT), here)

        def url(target: PageRef | None) -> str:
            """The URL of a listed page, or of the script (None), relative to the index page."""
            if target is None:
                return script
            return links.url(page.src_uri, target.kind, target.entity_id) or ""

        return url

    # --- what each kind of page is filtered by ------------------------------------------------------------------

    def _row(self, page: PageRef) -> Row:
        catalog, view = self.catalog, self.map
        row = Row(page)
        if page.kind in ("journey", "blueprint", "comparison"):
            journey = catalog.journeys[page.entity_id]
            row.about = [", ".join(catalog.personas[p].name for p in journey.personas)]
            self._journey_facets(row, journey)
        elif page.kind == "persona":
            persona = catalog.personas[page.entity_id]
            row.about = [persona.role]
            journeys = [catalog.journeys[j] for j in view.journeys_of_persona(persona.id)]
            row.facets["stage"] = self._stages(step.stage for j in journeys for step in j.stages)
            row.facets["channel"] = self._channels(view.touchpoints_of_persona(persona.id))
        elif page.kind == "stage":
            journeys = [catalog.journeys[j] for j in view.journeys_through_stage(page.entity_id)]
            row.facets["persona"] = self._personas(p for j in journeys for p in j.personas)
            steps = [view.step(j, page.entity_id) for j in journeys]
            row.facets["channel"] = self._channels(t for step in steps for t in step.touchpoint_ids)
        elif page.kind == "touchpoint":
            touchpoint = catalog.touchpoints[page.entity_id]
            channel = catalog.channels[touchpoint.channel].name
            row.about = [channel, touchpoint.owner or ""]
            row.facets["persona"] = self._personas(view.personas_of_touchpoint(touchpoint.id))
            row.facets["stage"] = self._stages(use.stage for use in view.uses_of_touchpoint(touchpoint.id))
            row.facets["channel"] = [(touchpoint.channel, channel)]
            row.facets["owner"] = _owners([touchpoint.owner])
        elif page.kind == "channel":
            reached = {p for t in view.touchpoints_of_channel(page.entity_id) for p in view.personas_of_touchpoint(t)}
            row.facets["persona"] = self._personas(reached)
        elif page.kind == "opportunity":
            opportunity = catalog.opportunities[page.entity_id]
            row.about = [opportunity.status.replace("-", " "), opportunity.owner or ""]
            places = view.places_of_opportunity(opportunity.id)
            row.facets["stage"] = self._stages(stage for _, stage in places)
            row.facets["persona"] = self._personas(p for j, _ in places for p in catalog.journeys[j].personas)
            row.facets["owner"] = _owners([opportunity.owner])
        elif page.kind == "source":
            source = catalog.sources[page.entity_id]
            row.about = [source.kind.replace("-", " "), source.date or ""]
            row.facets["owner"] = _owners([source.owner])
        elif page.kind == "note":
            journey_id = page.entity_id.partition("/")[0]
            row.about = [catalog.journeys[journey_id].name]
        row.about = [text for text in row.about if text]
        return row

    def _journey_facets(self, row: Row, journey: Journey) -> None:
        touchpoints = [t for step in journey.stages for t in step.touchpoint_ids]
        row.facets["persona"] = self._personas(journey.personas)
        row.facets["stage"] = self._stages(step.stage for step in journey.stages)
        row.facets["channel"] = self._channels(touchpoints)
        row.facets["owner"] = _owners([journey.owner])

    def _personas(self, ids: Iterable[str]) -> list[tuple[str, str]]:
        personas = self.catalog.personas
        return [(p, personas[p].name) for p in dict.fromkeys(ids) if p in personas]

    def _stages(self, ids: Iterable[str]) -> list[tuple[str, str]]:
        stages = self.catalog.stages
        return [(s, stages[s].name) for s in dict.fromkeys(ids) if s in stages]

    def _channels(self, touchpoint_ids: Iterable[str]) -> list[tuple[str, str]]:
        touchpoints, channels = self.catalog.touchpoints, self.catalog.channels
        ids = dict.fromkeys(touchpoints[t].channel for t in touchpoint_ids if t in touchpoints)
        return [(c, channels[c].name) for c in ids if c in channels]


def _owners(names: Iterable[str | None]) -> list[tuple[str, str]]:
    return [(name.casefold(), name) for name in names if name]


def filter_list(
    page: PageRef, rows: list[Row], url: Callable[[PageRef | None], str], stage_order: Mapping[str, int]
) -> Markup:
    """The list as HTML, with its filters: a form the script reveals (hidden without JavaScript, where it could do
    nothing), a live region with the count, and one item per page. Each control offers the values found in the
    list, by name (stages in customer order), and only facets with at least two values are offered. Values are
    numbered in the HTML (`data-stage="0 3"`), which keeps a list of hundreds of pages light."""
    ident = f"journeys-filter-{page.entity_id}"
    values: dict[str, dict[str, str]] = {facet: {} for facet, _ in FACETS}
    for row in rows:
        for facet, found in row.facets.items():
            for value, name in found:
                values[facet].setdefault(value, name)
    numbers: dict[str, dict[str, int]] = {}
    controls = []
    for facet, label in FACETS:
        options = values[facet]
        if len(options) < 2:
            continue
        if facet == "stage":
            ordered = sorted(options, key=lambda v: stage_order.get(v, len(stage_order)))
        else:
            ordered = sorted(options, key=lambda v: (options[v].casefold(), v))
        numbers[facet] = {value: number for number, value in enumerate(ordered)}
        choices = "".join(f'<option value="{numbers[facet][v]}">{escape(options[v])}</option>' for v in ordered)
        controls.append(
            f'<div class="journeys-filter__field"><label for="{ident}-{facet}">{label}</label>'
            f'<select id="{ident}-{facet}" name="{facet}"><option value="">Any {label.casefold()}</option>'
            f"{choices}</select></div>"
        )
    items = []
    for row in rows:
        attributes = "".join(
            f' data-{facet}="{" ".join(str(numbers[facet][v]) for v, _ in row.facets.get(facet, []))}"'
            for facet in numbers
        )
        about = f' <span class="journeys-filter__about">{escape(" · ".join(row.about))}</span>' if row.about else ""
        items.append(f'<li{attributes}><a href="{escape(url(row.page))}">{escape(row.page.title)}</a>{about}</li>')
    count = f"{len(rows)} page" if len(rows) == 1 else f"{len(rows)} pages"
    return Markup(
        '<div class="journeys-filter">\n'
        f'<form class="journeys-filter__form" role="search" aria-label="Filter the list of {escape(page.title)}" hidden>'
        f'<div class="journeys-filter__field journeys-filter__field--text"><label for="{ident}-text">Name or text'
        f'</label><input type="search" id="{ident}-text" name="text" autocomplete="off"></div>'
        + "".join(controls)
        + '<button type="reset">Clear filters</button></form>\n'
        f'<p class="journeys-filter__count" role="status" aria-live="polite">{count}</p>\n'
        f'<ul class="journeys-filter__list">\n' + "\n".join(items) + "\n</ul>\n"
        f'<p class="journeys-filter__empty" hidden>No page matches these filters.</p>\n'
        f'<script src="{escape(url(None))}" defer></script>\n</div>'
    )
