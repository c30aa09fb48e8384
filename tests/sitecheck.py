"""Helpers for tests that build a site and look at it as a visitor would: pages, links, anchors."""

from __future__ import annotations

import shutil
import textwrap
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

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


def write_project(
    root: Path, files: dict[str, str] | None = None, plugin_options: dict[str, Any] | None = None, **mkdocs_options: Any
) -> Path:
    """A small valid project in `root`; `files` adds or replaces files (None as content deletes)."""
    defaults = {
        "journeys/stages.yml": SMALL_STAGES,
        "journeys/touchpoints.yml": SMALL_TOUCHPOINTS,
        "personas/sam.yml": SMALL_PERSONA,
        "journeys/sam-buys.yml": SMALL_JOURNEY,
        "docs/index.md": "# Home\n\nWelcome.\n",
    }
    defaults.update(files or {})
    for relative, content in defaults.items():
        path = root / relative
        if content is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content), encoding="utf-8")
    config = {
        "site_name": "Test site",
        "plugins": ["search", {"journeys": plugin_options or {}}],
        "theme": {"name": "mkdocs"},
        **mkdocs_options,
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root / "mkdocs.yml"


def build_site(config_file: Path, site_dir: Path | None = None, **overrides: Any) -> Path:
    """Build in-process like `mkdocs build --strict`; returns the site folder."""
    config = load_config(config_file=str(config_file), strict=True, **overrides)
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


@dataclass(frozen=True)
class Link:
    page: Path
    href: str


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src", "xlink:href"):
            value = values.get(name)
            if value and tag in {"a", "img", "link", "script"}:
                self.hrefs.append(value)
        if values.get("id"):
            self.ids.add(str(values["id"]))


def parse_page(path: Path) -> _LinkParser:
    parser = _LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> list[str]:
    """Every internal link or anchor in the built site that leads nowhere, as 'page -> href'."""
    site = site.resolve()
    pages = {path.resolve(): parse_page(path) for path in site.rglob("*.html")}
    problems = []
    for page, parsed in pages.items():
        if page.name == "404.html":
            continue  # MkDocs gives the error page absolute links on purpose: it is served at any depth
        for href in parsed.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:", "data:")):
                continue
            if parts.path.startswith("/"):
                problems.append(f"{page.relative_to(site)} -> {href} (absolute path breaks sites under a sub-path)")
                continue
            target = (page.parent / unquote(parts.path)) if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{page.relative_to(site)} -> {href}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target.resolve()].ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{page.relative_to(site)} -> {href} (no such anchor)")
    return problems


def page_html(site: Path, src_path: str, use_directory_urls: bool = True) -> str:
    stem = src_path.removesuffix(".md")
    if stem.endswith("index"):
        path = site / stem.removesuffix("index") / "index.html"
    else:
        path = site / (f"{stem}/index.html" if use_directory_urls else f"{stem}.html")
    return path.read_text(encoding="utf-8")
