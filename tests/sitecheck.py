"""Helpers for tests that build a site and look at it as a visitor would: pages, links, anchors."""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import shutil
import signal
import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_journeys.data.cache_folder import seal

REPO = Path(__file__).resolve().parent.parent

SMALL_STAGES = """\
stages:
  - id: awareness
    name: Awareness
    customer_goal: Understand the problem
  - id: consideration
    name: Consideration
  - id: decision
    name: Decision
"""
SMALL_TOUCHPOINTS = """\
touchpoints:
  - id: blog
    name: Blog
    channel: web
    url: "https://example.com/blog?a=1&b=2"
  - id: demo
    name: Sales demo
    channel: phone
    survey:
      questions: [How helpful was the demo?]
"""
SMALL_PERSONA = """\
name: Sam Rivera
role: Bakery owner
summary: Runs a small bakery and hates paperwork.
preferred_channels: [web]
"""
SMALL_JOURNEY = """\
name: Sam buys invoicing software
personas: sam
stages:
  - stage: awareness
    touchpoints: [blog]
    emotion: {score: 1, note: curious}
    questions: How does it compare with spreadsheets?
  - stage: decision
    touchpoints: [demo, blog]
    emotion: -1
    pain_points: The pricing page hides the per-user cost
"""


def write_files(root: Path, files: Mapping[str, str | None]) -> Path:
    """Write `files` (relative path → text, dedented) under `root`; None removes a file. Returns `root`."""
    for relative, text in files.items():
        path = root / relative
        if text is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


SMALL_PROJECT: dict[str, str | None] = {
    "journeys/stages.yml": SMALL_STAGES,
    "journeys/touchpoints.yml": SMALL_TOUCHPOINTS,
    "personas/sam.yml": SMALL_PERSONA,
    "journeys/sam-buys.yml": SMALL_JOURNEY,
    "docs/index.md": "# Home\n\nWelcome.\n",
}


def write_project(
    root: Path,
    files: Mapping[str, str | None] | None = None,
    plugin_options: dict[str, Any] | None = None,
    *,
    data: Mapping[str, str | None] = SMALL_PROJECT,
    site_name: str = "Test site",
    search: bool = True,
    **mkdocs_options: Any,
) -> Path:
    """A valid project in `root`: `data` (the small project unless a test needs data of another shape), then
    `files` added or replaced (None as content deletes), and the one `mkdocs.yml` writer of the tests."""
    write_files(root, {**data, **(files or {})})
    return write_config(root, plugin_options, site_name=site_name, search=search, **mkdocs_options)


def write_config(
    root: Path,
    plugin_options: dict[str, Any] | None = None,
    *,
    site_name: str = "Test site",
    search: bool = True,
    **mkdocs_options: Any,
) -> Path:
    """`root/mkdocs.yml` with the journeys plugin (and search, unless told not to) and the plain mkdocs theme."""
    plugins: list[Any] = ["search"] if search else []
    config = {
        "site_name": site_name,
        "plugins": [*plugins, {"journeys": plugin_options or {}}],
        "theme": {"name": "mkdocs"},
        **mkdocs_options,
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root / "mkdocs.yml"


def build_site(config_file: Path, site_dir: Path | None = None, **overrides: Any) -> Path:
    """Build in-process like `mkdocs build --strict`; returns the site folder."""
    config = load_config(config_file=str(config_file), **{"strict": True, **overrides})
    if site_dir is not None:
        config.site_dir = str(site_dir)
    build(config)
    return Path(config.site_dir)


def copy_example_project(target: Path) -> Path:
    """The repository's own example site (data, docs, mkdocs.yml), copied so tests never write into the repo."""
    for name in ("personas", "journeys", "docs"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target / "mkdocs.yml"


HOSTILE_SITE = REPO / "tests" / "hostile" / "site"


def copy_hostile_project(target: Path, plugin_options: dict[str, Any] | None = None, **mkdocs_options: Any) -> Path:
    """The hostile site of `tests/hostile/site/` (every text field an injection), with its own mkdocs.yml."""
    for name in ("personas", "journeys", "docs"):
        shutil.copytree(HOSTILE_SITE / name, target / name)
    theme = {"theme": {"name": "material"}, **mkdocs_options}
    return write_config(target, plugin_options, site_name="Hostile site", **theme)


# Attributes that hold a URL, on any element (HTML or inline SVG); `srcset` holds several.
URL_ATTRIBUTES = ("href", "src", "xlink:href", "poster", "action", "formaction", "data", "cite")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""")
_SVG_REFERENCE = re.compile(r"url\(#([^)]+)\)")


class _LinkParser(HTMLParser):
    """Links and ids of one page, read as a browser reads them (`<title>` and `<textarea>` hold only text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("title", "textarea"):
            self.set_cdata_mode(tag)  # type: ignore[attr-defined]  # RCDATA: markup inside is text, as in browsers
        values = {name: value for name, value in attrs if value is not None}
        for name in URL_ATTRIBUTES:
            if values.get(name):
                self.hrefs.append(values[name])
        for candidate in values.get("srcset", "").split(","):
            if candidate.strip():
                self.hrefs.append(candidate.split()[0])
        self.hrefs += [f"#{target}" for value in values.values() for target in _SVG_REFERENCE.findall(value)]
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])  # browsers scroll to <a name> too


def parse_page(path: Path) -> _LinkParser:
    parser = _LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


@dataclass
class LinkReport:
    """What `check_links` looked at: how many internal links and anchors, and those that lead nowhere."""

    checked: int = 0
    problems: list[str] = field(default_factory=list)


def check_links(site: Path) -> LinkReport:
    """Every internal link and anchor of the built site: in pages (HTML and inline SVG: href, src, xlink:href,
    srcset, url(#…)), in stylesheets (url(…)) and in the search index (each result's page and anchor)."""
    site = site.resolve()
    pages = {path.resolve(): parse_page(path) for path in site.rglob("*.html")}
    report = LinkReport()

    def check(source: Path, href: str, base: Path) -> None:
        parts = urlsplit(href.strip())
        if parts.scheme or parts.netloc:
            return  # external, or mailto:/data: (the hostile corpus checks that no javascript: URL is a link)
        report.checked += 1
        where = f"{source.relative_to(site)} -> {href}"
        if parts.path.startswith("/"):
            report.problems.append(f"{where} (absolute path breaks sites under a sub-path)")
            return
        target = (base.parent / unquote(parts.path)).resolve() if parts.path else source
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file() or site not in target.parents:
            report.problems.append(where)
        elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in pages[target].ids:
            report.problems.append(f"{where} (no such anchor)")

    for page, parsed in pages.items():
        if page.name == "404.html":
            continue  # MkDocs gives the error page absolute links on purpose: it is served at any depth
        for href in parsed.hrefs:
            check(page, href, page)
    for stylesheet in site.rglob("*.css"):
        text = stylesheet.read_text(encoding="utf-8", errors="replace")
        for _, href in _CSS_URL.findall(text):
            if href and not href.startswith("#"):
                check(stylesheet, href, stylesheet)
    index = site / "search" / "search_index.json"
    if index.is_file():
        for document in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            # Search results link to `location`, relative to the site's root.
            check(index, str(document["location"]) or "./", site / "index.html")
    return report


def broken_links(site: Path) -> list[str]:
    """Every internal link or anchor in the built site that leads nowhere, as 'page -> href'."""
    return check_links(site).problems


def page_html(site: Path, src_path: str, use_directory_urls: bool = True) -> str:
    stem = src_path.removesuffix(".md")
    if stem.endswith("index"):
        path = site / stem.removesuffix("index") / "index.html"
    else:
        path = site / (f"{stem}/index.html" if use_directory_urls else f"{stem}.html")
    return path.read_text(encoding="utf-8")


class TookTooLong(Exception):
    """Raised in the test's own thread when `time_limit` runs out: a hang is a failure, not a stuck CI job."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail the block with `TookTooLong` after `seconds` (a timer signal, so it must run in the main thread)."""

    def expire(signum: int, frame: object) -> None:
        raise TookTooLong(f"took longer than {seconds:g} s: a hang")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- a diagram cache that is not what the build wrote ---------------------------------------------------------

POISON = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(\'cache\')">'
    "<script>alert('cache-script')</script>"
    '<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:alert(1)"></iframe></foreignObject>'
    "<a xlink:href=\"javascript:alert('cache-link')\"><text>Forged by the cache</text></a>"
    '<image href="https://tracker.example/pixel.png"/></svg>'
)


def poison_cache(cache: Path, key: bytes | None) -> int:
    """Every diagram entry (dot's output and the prepared SVG) replaced by `POISON`, sealed with `key` (this machine's:
    as if it had leaked) or, without one, with the plain checksum that anyone can compute. Returns how many."""
    entries = sorted([*cache.glob("*.svg"), *cache.glob("*.inline")])
    for entry in entries:
        body = POISON.encode("utf-8")
        mark = hashlib.sha256(body).hexdigest() if key is None else seal(key, entry.name.encode("utf-8"), body).hex()
        entry.write_bytes(b"mkdocs-journeys-svg " + mark.encode("ascii") + b"\n" + body)
    return len(entries)


# --- what could run in a browser -------------------------------------------------------------------------------

SCRIPT_URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "poster", "data", "srcset", "background"}
DANGEROUS_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
JS_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
"""A double-quoted JavaScript string literal, as `tojson` writes one."""
DANGEROUS_TAGS = {"iframe", "frame", "object", "embed", "base", "math"}  # a form is only a risk by its action


class SafetyParser(HTMLParser):
    """Reads a page as a browser does and notes everything that could run: scripts, handlers, script URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_script = False
        self.text: list[str] = []
        self.h1: list[str] = []
        self.in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        where = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in attrs)[:120]}>"
        if tag in ("title", "textarea"):
            self.set_cdata_mode(tag)  # type: ignore[attr-defined]  # RCDATA, as in browsers
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"element {where}")
        self.in_script = tag == "script"
        self.in_h1 = self.in_h1 or tag == "h1"
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name} in {where}")
            if name in SCRIPT_URL_ATTRIBUTES and value:
                compact = re.sub(r"[\x00-\x20]", "", value)  # browsers skip these inside a scheme
                if DANGEROUS_SCHEME.match(compact) or (tag == "img" and value == "x"):
                    self.problems.append(f"script URL in {where}")
            if name == "style" and value and re.search(r"expression\(|javascript:|url\(", value, re.IGNORECASE):
                self.problems.append(f"style that loads or runs something in {where}")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False
        if tag == "h1":
            self.in_h1 = False

    def handle_data(self, data: str) -> None:
        # A theme may put a title in a script as a JSON string (`var mkdocs_page_name = "…"` in readthedocs): the
        # data is safe as long as it stays inside string literals.
        if self.in_script and "alert" in JS_STRING.sub('""', data):
            self.problems.append(f"script from the data: {data[:120]!r}")
        self.text.append(data)
        if self.in_h1:
            self.h1.append(data)


def read_page(html: str) -> SafetyParser:
    parser = SafetyParser()
    parser.feed(html)
    parser.close()
    return parser
