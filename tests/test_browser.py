"""The built sites in a real browser: the example site and the hostile site, in headless Chromium.

Every page of each site is opened: no dialog opens (every payload of the hostile site calls `alert`), nothing
logs an error, and nothing from the data became a script, an event handler or a script URL in the live page.
Then what a visitor does: click a node of a journey diagram and land on its page, find a persona with the theme's
search, and search the hostile site for its hostile names. Then staff reading the example: every kind of page on a
390 px phone and a 1400 px desktop, light and dark (no sideways scrolling but inside a table, every diagram link on
screen, no diagram text under 11 px, journey pages at most 6,000 px tall on the desktop, no serious or critical
axe-core violation), diagram links reached with the keyboard, a journey printed, diagrams downloaded. Screenshots of
every page, light and dark, phone and desktop, go to `tests/screenshots/` (ignored by git) for a look by eye.

axe-core comes from npm, pinned in `tests/a11y/package-lock.json`; `./dev test` installs it.

Chromium is Debian's (`./dev test` installs it); Playwright drives it, and downloads no browser of its own. Without
Chromium these tests fail under CI and are skipped elsewhere. Requests to other hosts (the theme's web fonts, a
persona's picture) never leave the machine: they are answered with an empty response and listed.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from mkdocs_journeys.data import cache_folder
from sitecheck import build_site, copy_example_project, copy_hostile_project, poison_cache

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"
SCHEMES = ("light", "dark")
# One page of each kind, also opened in the dark palette: of the entity kinds, one that shows what is newest on its kind
# of page (a stage's roll-up of its touchpoints' and personas' pain points, KPIs and opportunities; a touchpoint's own
# moments and how many leave there); the per-persona emotion curves are on the security evaluation's journey page.
EXAMPLE_PAGES_IN_DARK = [
    "journeys/", "journeys/personas/small-business-owner/", "journeys/maps/first-ebike-online/",
    "journeys/stages/purchase/", "journeys/touchpoints/checkout/", "journeys/channels/web/",
    "journeys/persona-touchpoint-matrix/", "journeys/content-coverage/", "journeys/opportunity-portfolio/",
    "journeys/opportunities/full-price-upfront/", "journeys/research/security-win-loss/",
    "journeys/notes/security-evaluation/research-notes/", "journeys/blueprints/first-ebike-online/",
    "journeys/comparisons/security-evaluation-to-be/",
]  # fmt: skip

try:
    from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
except ImportError:  # pragma: no cover - the test extras install it
    sync_playwright = None


def _browser_missing() -> str | None:
    if sync_playwright is None:
        return "the Python package playwright is not installed: `./dev test` installs the test extras"
    if not Path(CHROMIUM).exists():
        return f"Chromium is not installed ({CHROMIUM}): `./dev test` installs it with apt-get (package chromium)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    missing = _browser_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"The browser tests cannot run: {missing}")
        pytest.skip(missing)
    assert sync_playwright is not None
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# --- the sites, served on localhost ---------------------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: a page and its assets over one connection

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")  # the theme's assets are fetched once per context
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the browser hung up (it moved on to the next page before a font or a script arrived)


@dataclass
class ServedSite:
    name: str
    folder: Path
    url: str

    def pages(self) -> list[str]:
        """Every page of the site, as paths relative to its root (`journeys/` for `journeys/index.html`)."""
        paths = []
        for page in sorted(self.folder.rglob("*.html")):
            relative = page.relative_to(self.folder).as_posix()
            if relative == "404.html":
                continue  # its links are absolute to `site_url` on purpose: it is served at any depth
            paths.append(relative.removesuffix("index.html"))
        return paths


def _serve(name: str, folder: Path) -> Iterator[ServedSite]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield ServedSite(name, folder, f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    root = tmp_path_factory.mktemp("browser-example")
    yield from _serve("example", build_site(copy_example_project(root), site_dir=root / "site"))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    root = tmp_path_factory.mktemp("browser-hostile")
    yield from _serve("hostile", build_site(copy_hostile_project(root), site_dir=root / "site"))


# Every theme MkDocs ships, and the one this project uses: each writes titles into its pages in its own places (the
# readthedocs theme into `title="…"` attributes of its previous and next buttons, and into a script).
THEMES = ("material", "mkdocs", "readthedocs")


@pytest.fixture(scope="module", params=THEMES)
def hostile_site_in_theme(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServedSite]:
    theme = request.param
    root = tmp_path_factory.mktemp(f"browser-hostile-{theme}")
    # The built-in themes load highlight.js from a CDN, which the offline visitor answers empty: leave it out.
    options = {"features": ["navigation.footer"]} if theme == "material" else {"highlightjs": False}
    config = copy_hostile_project(root, theme={"name": theme, **options})
    yield from _serve(f"hostile-{theme}", build_site(config, site_dir=root / "site"))


# --- a visitor who notes everything that goes wrong ------------------------------------------------------------------

# Run in each page once it has loaded: whatever in the live page could run code that the site did not ship.
FIND_INJECTED = """() => {
  const found = [];
  const urls = ["href", "src", "xlink:href", "action", "formaction", "srcset", "data", "poster", "background"];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
      if (name.startsWith("on")) found.push(`<${element.tagName} ${name}>`);
      if (urls.includes(name) && /^(javascript|vbscript|data):/.test(value))
        found.push(`<${element.tagName} ${name}="${attribute.value.slice(0, 60)}">`);
    }
    if (["IFRAME", "FRAME", "OBJECT", "EMBED", "BASE"].includes(element.tagName)) found.push(`<${element.tagName}>`);
  }
  for (const script of document.querySelectorAll("script")) {
    // Data may sit in a script only inside a string literal (the readthedocs theme's page name, as JSON).
    const code = script.textContent.replace(/"(?:[^"\\\\\\n]|\\\\.)*"/g, '""');
    if (/alert|onerror|onload/.test(code)) found.push(`script: ${script.textContent.slice(0, 80)}`);
  }
  return found;
}"""

# Hosts the theme itself asks for (web fonts, the repository's stars); nothing from the data may add one.
THEME_HOSTS = {"fonts.googleapis.com", "fonts.gstatic.com", "api.github.com"}
OPENED: dict[str, int] = {}  # pages opened per site, for the report at the end


@dataclass
class Visitor:
    """One tab in one colour scheme that goes from page to page, noting dialogs, errors and injected code."""

    context: BrowserContext
    page: Page
    site: ServedSite
    scheme: str
    problems: list[str] = field(default_factory=list)
    elsewhere: set[str] = field(default_factory=set)
    at: str = ""

    @classmethod
    def start(
        cls, browser: Browser, site: ServedSite, scheme: str = "light", viewport: tuple[int, int] = (1280, 900)
    ) -> Visitor:
        size = {"width": viewport[0], "height": viewport[1]}
        context = browser.new_context(color_scheme=scheme, viewport=size)  # type: ignore[arg-type]
        visitor = cls(context, context.new_page(), site, scheme)
        context.route("**/*", visitor._route)
        visitor.page.on("dialog", visitor._dialog)
        visitor.page.on("console", lambda m: m.type == "error" and visitor._problem(f"console error: {m.text}"))
        visitor.page.on("pageerror", lambda error: visitor._problem(f"script error: {error}"))
        visitor.page.on("requestfailed", visitor._request_failed)
        return visitor

    def _problem(self, text: str) -> None:
        self.problems.append(f"{self.site.name}/{self.at} ({self.scheme}): {text}")

    def _request_failed(self, request: Any) -> None:
        # A request still under way when the visitor moves on to the next page (the theme's search worker) is
        # cancelled by the browser: that is the visitor leaving, not the site failing.
        if request.failure != "net::ERR_ABORTED":
            self._problem(f"request failed: {request.url} ({request.failure})")

    def _dialog(self, dialog: Any) -> None:
        self._problem(f"a {dialog.type} dialog opened: {dialog.message!r}")
        dialog.dismiss()

    def _route(self, route: Any) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
            return
        self.elsewhere.add(url.split("?")[0])  # web fonts, a persona's picture: answered here, offline
        content_type = "text/css" if "css" in url else "application/octet-stream"
        route.fulfill(status=200, body=b"", content_type=content_type)

    def open(self, path: str) -> Page:
        self.at = path
        # The built-in themes' search fetches its index as soon as a page loads: wait for it, or moving on to the
        # next page would cut the request off.
        settled = "load" if self.site.name in ("example", "hostile", "hostile-material") else "networkidle"
        response = self.page.goto(self.site.url + path, wait_until=settled)
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        OPENED[self.site.name] = OPENED.get(self.site.name, 0) + 1
        return self.page

    def check(self) -> None:
        """Nothing in the live page (after the theme's scripts ran) can run code the site did not ship."""
        for found in self.page.evaluate(FIND_INJECTED):
            self._problem(found)

    def screenshot(self, name: str, *, full_page: bool = False, folder: str = "") -> None:
        name = name.strip("/").replace("/", "__") or "home"
        target = SCREENSHOTS / self.site.name / (folder or self.scheme) / f"{name}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(target), full_page=full_page)

    def visit_all(self, paths: list[str], *, full_page: bool = False) -> None:
        for path in paths:
            self.open(path)
            self.check()
            self.screenshot(path, full_page=full_page)

    def close(self) -> None:
        self.context.close()


# --- every page: nothing runs, nothing fails ---------------------------------------------------------------------


def test_every_page_of_the_example_site_opens_without_errors(browser: Browser, example_site: ServedSite) -> None:
    pages = example_site.pages()
    assert len(pages) > 40
    for scheme, paths in (("light", pages), ("dark", EXAMPLE_PAGES_IN_DARK)):
        visitor = Visitor.start(browser, example_site, scheme)
        visitor.visit_all(paths, full_page=scheme == "dark")
        visitor.close()
        assert visitor.problems == []
        assert {urlsplit(u).hostname for u in visitor.elsewhere} <= THEME_HOSTS


def test_no_hostile_text_runs_on_any_page_in_any_theme(browser: Browser, hostile_site_in_theme: ServedSite) -> None:
    for scheme in SCHEMES:
        visitor = Visitor.start(browser, hostile_site_in_theme, scheme)
        visitor.visit_all(hostile_site_in_theme.pages(), full_page=True)
        visitor.close()
        assert visitor.problems == []


def test_hovering_every_diagram_node_and_chart_of_the_hostile_site_runs_nothing(
    browser: Browser, hostile_site: ServedSite
) -> None:
    # Tooltips show the hostile text; a handler smuggled into them would fire on hover. Each form of the diagrams
    # (and of the funnel chart) is shown at its own screen width.
    for viewport in VIEWPORTS.values():
        visitor = Visitor.start(browser, hostile_site, viewport=viewport)
        for path in (
            "journeys/",
            "journeys/maps/agent-journey/",
            "journeys/personas/sam/",
            "journeys/touchpoints/blog/",
        ):
            page = visitor.open(path)
            targets = page.locator("svg .node, svg a, svg rect[class] >> visible=true")
            assert targets.count() > 0, path
            for index in range(min(targets.count(), 40)):
                targets.nth(index).hover(force=True, timeout=2000)
            visitor.check()
        visitor.close()
        assert visitor.problems == []


# --- what a visitor does -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["stages", "touchpoints", "personas"])
def test_clicking_a_diagram_node_lands_on_its_page(browser: Browser, example_site: ServedSite, kind: str) -> None:
    visitor = Visitor.start(browser, example_site)
    page = visitor.open("journeys/maps/first-ebike-online/")
    links = page.locator("svg.journeys-svg a")
    hrefs = [links.nth(i).get_attribute("xlink:href") or "" for i in range(links.count())]
    index = next(i for i, href in enumerate(hrefs) if f"/{kind}/" in href)
    node_text = " ".join(links.nth(index).locator("text").all_text_contents())  # the label, not the tooltip
    expected = urljoin(page.url, hrefs[index])

    with page.expect_navigation():
        links.nth(index).click()

    assert page.url == expected
    heading = page.locator("h1").first.inner_text().removesuffix("¶").strip()
    assert heading.split()[0] in node_text.split(), f"{heading!r} is not the node {node_text!r}"
    visitor.check()
    visitor.screenshot(f"clicked-{kind}")
    visitor.close()
    assert visitor.problems == []


def _search(page: Page, words: str) -> Any:
    page.locator("input.md-search__input").click()
    page.keyboard.type(words, delay=20)
    results = page.locator("a.md-search-result__link")
    results.first.wait_for(timeout=15_000)
    return results


def test_the_themes_search_finds_a_persona_by_name(browser: Browser, example_site: ServedSite) -> None:
    visitor = Visitor.start(browser, example_site)
    page = visitor.open("")

    results = _search(page, "Nadia Okafor")

    hrefs = [
        urljoin(page.url, results.nth(i).get_attribute("href") or "").split("?")[0] for i in range(results.count())
    ]
    assert example_site.url + "journeys/personas/small-business-owner/" in hrefs
    visitor.screenshot("search-persona")
    visitor.close()
    assert visitor.problems == []


# Names of the hostile site, words of its payloads, and a payload typed into the search box itself.
@pytest.mark.parametrize("words", ["Sam", "Pigeons", "onerror", '"><img src=x onerror=alert(1)>'])
def test_search_results_of_the_hostile_site_show_hostile_names_as_text(
    browser: Browser, hostile_site: ServedSite, words: str
) -> None:
    visitor = Visitor.start(browser, hostile_site)
    page = visitor.open("")

    results = _search(page, words)
    page.wait_for_timeout(300)  # every result rendered, highlighted and shown

    assert results.count() > 0
    shown = page.locator(".md-search-result").inner_text()
    assert "<script>" in shown or "<img" in shown or "Pigeons" in shown  # the names, as text
    visitor.check()
    visitor.screenshot(f"search-{re.sub(r'[^a-z]+', '-', words.lower())}")
    visitor.close()
    assert visitor.problems == []


def test_a_poisoned_diagram_cache_runs_nothing_in_the_browser(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # Cache entries whose names anyone can compute, holding <script>, onload, foreignObject and javascript: links,
    # sealed with this machine's key as if it had leaked: they are checked on every read and drawn again.
    root = tmp_path_factory.mktemp("browser-poisoned")
    config = copy_hostile_project(root, plugin_options={"cache_dir": ".cache/journeys"})
    build_site(config, site_dir=root / "site")
    assert poison_cache(root / ".cache/journeys", cache_folder.machine_key(root)) > 10
    for served in _serve("poisoned", build_site(config, site_dir=root / "site")):
        visitor = Visitor.start(browser, served)
        visitor.visit_all(served.pages())
        visitor.close()
        assert visitor.problems == []


def test_report_pages_opened(example_site: ServedSite, hostile_site: ServedSite) -> None:
    print(f"\nbrowser: opened {sum(OPENED.values())} pages ({OPENED})")


# --- staff reading the example: on a phone, on a desktop, with a screen reader, on paper --------------------------

AXE = Path(__file__).parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"phone": (390, 844), "desktop": (1400, 1000)}
JOURNEY_PAGES = ["journeys/maps/first-ebike-online/", "journeys/maps/invoicing-software-adoption/",
                 "journeys/maps/security-evaluation/"]  # fmt: skip
LONGEST_JOURNEY_PAGE = 6000  # px on a 1400 px desktop, everything still reachable
SMALLEST_DIAGRAM_TEXT = 11  # px at 100% zoom

# What a reader of the page meets: how tall it is, what scrolls sideways, and every diagram as shown (its text's
# size on screen, where its links are).
MEASURE_PAGE = """() => {
  const width = document.documentElement.clientWidth;
  const result = {height: document.documentElement.scrollHeight,
                  sideways: document.documentElement.scrollWidth - width, wide: [], diagrams: [], tables: []};
  const content = document.querySelector("article") || document.body;
  for (const element of content.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    if (element.closest(".md-typeset__scrollwrap")) continue;  // inside a table's own scroll box
    result.wide.push(`${element.tagName.toLowerCase()}.${element.className.baseVal ?? element.className}`);
  }
  for (const svg of content.querySelectorAll("svg.journeys-svg")) {
    if (svg.getBoundingClientRect().width === 0) continue;  // the form not shown
    let smallest = Infinity, links = 0, offscreen = [];
    for (const text of svg.querySelectorAll("text")) {
      if (!text.textContent.trim()) continue;
      const matrix = text.getScreenCTM();
      smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * Math.hypot(matrix.a, matrix.b));
    }
    for (const link of svg.querySelectorAll("a")) {
      links++;
      const box = link.getBoundingClientRect();
      if (box.left < 0 || box.right > width + 0.5) offscreen.push(link.textContent.trim().slice(0, 40));
    }
    result.diagrams.push({name: svg.getAttribute("aria-labelledby"), smallest, links, offscreen});
  }
  for (const wrap of content.querySelectorAll(".md-typeset__scrollwrap")) {
    if (wrap.scrollWidth <= wrap.clientWidth) continue;
    const first = wrap.querySelector("td");
    result.tables.push({sticky: first ? getComputedStyle(first).position : "none",
                        cue: getComputedStyle(wrap).backgroundImage.includes("radial-gradient")});
  }
  return result;
}"""


def _axe(page: Page) -> list[str]:
    """Serious and critical axe-core violations in the page's content, as 'rule: element'."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => {
          const results = await axe.run(document.querySelector("article") || document.body,
                                        {resultTypes: ["violations"]});
          return results.violations.filter(v => ["serious", "critical"].includes(v.impact))
            .flatMap(v => v.nodes.map(n => `${v.id}: ${n.target.join(" ")}`));
        }"""
    )
    return list(violations)


@pytest.fixture(scope="module")
def axe_installed() -> None:
    if not AXE.is_file():
        missing = f"axe-core is not installed ({AXE}): `./dev test` installs it with npm"
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_page_kind_reads_on_a_phone_and_a_desktop_and_passes_axe(
    browser: Browser, example_site: ServedSite, axe_installed: None, viewport: str, scheme: str
) -> None:
    visitor = Visitor.start(browser, example_site, scheme, VIEWPORTS[viewport])
    failures: list[str] = []
    measured: dict[str, Any] = {}
    for path in dict.fromkeys([*EXAMPLE_PAGES_IN_DARK, *JOURNEY_PAGES]):
        page = visitor.open(path)
        visitor.check()
        found = measured[path] = page.evaluate(MEASURE_PAGE)
        failures += [f"{path}: axe {violation}" for violation in _axe(page)]
        if found["sideways"] > 0 or found["wide"]:
            failures.append(f"{path}: scrolls sideways by {found['sideways']} px ({found['wide'][:3]})")
        for diagram in found["diagrams"]:
            if diagram["smallest"] < SMALLEST_DIAGRAM_TEXT - 0.01:  # 11 pt scaled by 1.0 can read 10.9999
                failures.append(f"{path}: diagram text of {diagram['smallest']:.1f} px in {diagram['name']}")
            if diagram["offscreen"]:
                failures.append(f"{path}: diagram links off-screen: {diagram['offscreen'][:3]}")
        for table in found["tables"]:
            if table != {"sticky": "sticky", "cue": True}:
                failures.append(f"{path}: a table scrolls without a sticky first column or a cue: {table}")
        if viewport == "desktop" and path in JOURNEY_PAGES and found["height"] > LONGEST_JOURNEY_PAGE:
            failures.append(f"{path}: {found['height']} px tall")
        visitor.screenshot(path, full_page=True, folder=f"{viewport}-{scheme}")
    visitor.close()
    print(f"\n{viewport} {scheme}: " + ", ".join(f"{p.strip('/')} {m['height']} px" for p, m in measured.items()))
    assert visitor.problems == []
    assert failures == []
    assert all(measured[path]["diagrams"] for path in JOURNEY_PAGES), "every journey page shows its map"
    if viewport == "phone":  # the matrices are wider than a phone: their tables scroll, and were checked above
        assert measured["journeys/persona-touchpoint-matrix/"]["tables"]


def test_diagram_links_are_reached_with_the_keyboard_and_show_where_the_focus_is(
    browser: Browser, example_site: ServedSite
) -> None:
    visitor = Visitor.start(browser, example_site, viewport=VIEWPORTS["phone"])
    page = visitor.open("journeys/maps/first-ebike-online/")
    page.locator(".journeys-diagram").first.scroll_into_view_if_needed()
    page.locator("h1").first.click()  # start from the page's heading, as a reader tabbing through would
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const e = document.activeElement; if (!e || !e.closest("svg")) return null;
                const style = getComputedStyle(e); const box = e.getBoundingClientRect();
                return {visible: box.width > 0 && box.right <= innerWidth, outline: style.outlineStyle,
                        width: parseFloat(style.outlineWidth), href: e.getAttribute("xlink:href")}; }"""
        )
        if focused:
            break
    assert focused is not None, "Tab never reached a link of the diagram"
    assert focused["visible"] and focused["outline"] == "solid" and focused["width"] >= 2, focused
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/journeys/" in page.url
    visitor.close()
    assert visitor.problems == []


def test_printing_a_journey_gives_the_map_whole_on_landscape_pages_without_navigation(
    browser: Browser, example_site: ServedSite, tmp_path: Path
) -> None:
    visitor = Visitor.start(browser, example_site, viewport=VIEWPORTS["desktop"])
    page = visitor.open("journeys/maps/invoicing-software-adoption/")
    page.emulate_media(media="print")
    printed = page.evaluate(
        """() => { const shown = s => [...document.querySelectorAll(s)].some(e => e.getBoundingClientRect().width > 0);
            const wide = document.querySelector(".journeys-diagram__form--wide svg").getBoundingClientRect();
            const article = document.querySelector("article").getBoundingClientRect();
            return {navigation: shown(".md-sidebar, .md-header, .md-tabs, .md-footer"),
                    narrow: shown(".journeys-diagram__form--narrow svg"), downloads: shown(".journeys-diagram__downloads"),
                    whole: wide.width > 0 && wide.left >= article.left - 1 && wide.right <= article.right + 1}; }"""
    )
    assert printed == {"navigation": False, "narrow": False, "downloads": False, "whole": True}
    pdf = page.pdf(prefer_css_page_size=True)
    sizes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert sizes and all(float(width) > float(height) for width, height in sizes), "landscape pages"
    (SCREENSHOTS / "example").mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "example" / "journey-print.pdf").write_bytes(pdf)
    visitor.close()


def test_each_diagram_downloads_as_svg_and_png_from_its_page(browser: Browser, example_site: ServedSite) -> None:
    visitor = Visitor.start(browser, example_site)
    for path in ("journeys/", "journeys/maps/first-ebike-online/", "journeys/personas/first-time-shopper/"):
        page = visitor.open(path)
        links = page.locator(".journeys-diagram__downloads a[download]")
        assert links.all_inner_texts() == ["SVG", "PNG"]
        for index in range(2):
            url = urljoin(page.url, links.nth(index).get_attribute("href") or "")
            response = page.request.get(url)
            assert response.ok, url
            body = response.body()
            if url.endswith(".png"):
                assert body.startswith(b"\x89PNG\r\n\x1a\n") and len(body) > 10_000
            else:
                svg = body.decode("utf-8")
                assert svg.startswith("<?xml") and "<title" in svg and "var(--" not in svg and "#000a" not in svg
    visitor.close()
    assert visitor.problems == []


# --- a large map's navigation: each section's index page, with its filters -----------------------------------------

INDEX_PAGES = ["journeys/maps/", "journeys/touchpoints/", "journeys/personas/"]


@pytest.fixture(scope="module")
def indexed_example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The example site with a navigation limit below its size: sections and their index pages, as a large map has."""
    root = tmp_path_factory.mktemp("browser-indexed")
    config = copy_example_project(root)
    text = config.read_text(encoding="utf-8").replace(
        "journeys_dir: journeys", "journeys_dir: journeys\n      nav_max_pages: 10"
    )
    config.write_text(text, encoding="utf-8")
    yield from _serve("indexed", build_site(config, site_dir=root / "site"))


def _shown(page: Page) -> list[str]:
    return page.locator(".journeys-filter__list > li:visible > a").all_inner_texts()


def test_a_section_index_filters_its_list_with_the_keyboard_and_says_how_many_are_shown(
    browser: Browser, indexed_example_site: ServedSite
) -> None:
    visitor = Visitor.start(browser, indexed_example_site, viewport=VIEWPORTS["phone"])
    page = visitor.open("journeys/maps/")
    count = page.locator(".journeys-filter__count")
    assert page.locator(".journeys-filter__form").is_visible()
    assert count.inner_text() == "5 pages" and len(_shown(page)) == 5

    page.get_by_label("Persona", exact=True).select_option(label="Jamie Chen")
    assert count.inner_text() == "2 of 5 pages shown"
    assert _shown(page) == ["E-bike servicing and repairs", "First e-bike bought online"]

    page.get_by_label("Name or text", exact=True).focus()
    page.keyboard.type("servicing")
    page.wait_for_function("document.querySelector('.journeys-filter__count').textContent.startsWith('1 of')")
    assert _shown(page) == ["E-bike servicing and repairs"]
    page.keyboard.type(" nowhere")
    page.wait_for_function("document.querySelector('.journeys-filter__count').textContent.startsWith('0 of')")
    assert page.locator(".journeys-filter__empty").is_visible()

    page.get_by_role("button", name="Clear filters").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.journeys-filter__count').textContent === '5 pages'")
    assert len(_shown(page)) == 5 and not page.locator(".journeys-filter__empty").is_visible()

    page = visitor.open("journeys/touchpoints/")
    page.get_by_label("Channel", exact=True).select_option(label="Email")
    page.get_by_label("Owner", exact=True).select_option(label="Customer insights")
    assert _shown(page) == ["Relationship NPS survey"]
    visitor.close()
    assert visitor.problems == []


def test_without_javascript_a_section_index_lists_every_page(
    browser: Browser, indexed_example_site: ServedSite
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(indexed_example_site.url + "journeys/touchpoints/")
    items = page.locator(".journeys-filter__list > li")
    assert items.count() > 20 and len(page.locator(".journeys-filter__list > li:visible").all()) == items.count()
    assert not page.locator(".journeys-filter__form").is_visible()  # controls that could do nothing are not shown
    assert page.locator(".journeys-filter__count").inner_text() == f"{items.count()} pages"
    context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_section_index_pages_read_on_a_phone_and_a_desktop_and_pass_axe(
    browser: Browser, indexed_example_site: ServedSite, axe_installed: None, viewport: str, scheme: str
) -> None:
    visitor = Visitor.start(browser, indexed_example_site, scheme, VIEWPORTS[viewport])
    failures: list[str] = []
    for path in INDEX_PAGES:
        page = visitor.open(path)
        visitor.check()
        found = page.evaluate(MEASURE_PAGE)
        failures += [f"{path}: axe {violation}" for violation in _axe(page)]
        if found["sideways"] > 0 or found["wide"]:
            failures.append(f"{path}: scrolls sideways by {found['sideways']} px ({found['wide'][:3]})")
        visitor.screenshot(path, full_page=True, folder=f"{viewport}-{scheme}")
    visitor.close()
    assert visitor.problems == []
    assert failures == []
