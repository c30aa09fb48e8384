"""The one index from (kind, id) to generated page, used for every cross-link and every diagram link.

Pages link to each other with relative `.md` paths, which MkDocs turns into URLs for either `use_directory_urls`
setting and checks under `--strict`. Diagrams and the parts of pages written as HTML, which MkDocs does not
rewrite, need final URLs relative to the page they sit on. A page asks for both through its own `PageLinks` (`LinkIndex.for_page`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url

from mkdocs_journeys.site.html import html_link
from mkdocs_journeys.site.markdown import escape_inline, link


@dataclass(frozen=True)
class PageRef:
    """A generated page: its kind, the entity it is about ("" for pages of the whole map), its file and title."""

    kind: str
    entity_id: str
    src_uri: str
    title: str


def normalise_prefix(prefix: str) -> str:
    """The folder of the generated pages as MkDocs paths write it: `cj/`, `/cj` and `cj` are all `cj`."""
    return "/".join(part for part in prefix.replace("\\", "/").split("/") if part and part != ".")


class LinkIndex:
    """Every generated page by (kind, id), and the title of every entity, also of kinds that have no pages."""

    def __init__(
        self,
        prefix: str,
        pages: Iterable[PageRef],
        titles: Mapping[tuple[str, str], str],
        *,
        use_directory_urls: bool = True,
        html_links_to_files: bool = False,
    ) -> None:
        self.prefix = normalise_prefix(prefix)
        self.use_directory_urls = use_directory_urls
        self.html_links_to_files = html_links_to_files
        """Whether links in HTML parts of pages name the target's `.md` file, as Markdown links do: for site generators
        that resolve every link of a page from its Markdown file, raw HTML's too (Zensical, after `generate`)."""
        self.pages: dict[tuple[str, str], PageRef] = {(page.kind, page.entity_id): page for page in pages}
        self.titles = titles
        self._paths: dict[tuple[str, str], str] = {}  # (folder of the linking page, target) -> relative path
        self._urls: dict[tuple[str, str], str] = {}  # (linking page, target) -> relative URL

    def src_uri(self, path: str) -> str:
        """The path of a generated file below the prefix: `personas/ana.md` → `journeys/personas/ana.md`."""
        return posixpath.join(self.prefix, path) if self.prefix else path

    def page(self, kind: str, entity_id: str = "") -> PageRef | None:
        return self.pages.get((kind, entity_id))

    def for_page(self, src_uri: str) -> PageLinks:
        return PageLinks(self, src_uri)

    def markdown(self, from_src_uri: str, kind: str, entity_id: str = "", text: object = None) -> Markup:
        """A Markdown link to the entity's page, or its plain escaped name when that page is not generated."""
        target = self.page(kind, entity_id)
        label = text if text is not None else self.titles.get((kind, entity_id), entity_id)
        if target is None:
            return escape_inline(label)
        return link(label, self._path(from_src_uri, target))

    def _path(self, from_src_uri: str, target: PageRef) -> str:
        key = (posixpath.dirname(from_src_uri), target.src_uri)
        path = self._paths.get(key)
        if path is None:
            path = self._paths[key] = _relative_to_folder(*key)
        return path

    def html(self, from_src_uri: str, kind: str, entity_id: str = "", text: object = None) -> Markup:
        """An HTML link to the entity's page (its final URL, relative to `from_src_uri`), or its plain escaped name."""
        label = text if text is not None else self.titles.get((kind, entity_id), entity_id)
        target = self.page(kind, entity_id)
        if target is None:
            return escape(label)
        if self.html_links_to_files:
            return html_link(label, quote(self._path(from_src_uri, target), safe="/#.-_~%"))
        return html_link(label, self.url(from_src_uri, kind, entity_id) or "")

    def data_url(self, from_src_uri: str, url: str) -> str:
        """A URL from the data as an HTML part of the page `from_src_uri` must write it: a path in the docs folder
        (`guides/pricing.md`, `images/ana.png`) becomes the URL of that page or file relative to the page's own URL,
        which MkDocs does not work out for raw HTML; other URLs stay as they are. Like `from_page` where HTML links
        name files (`html_links_to_files`)."""
        if self.html_links_to_files:
            return from_page(url, from_src_uri)
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith(("/", "\\")) or not parts.path:
            return url
        path = posixpath.normpath(parts.path)
        target = page_url(path, self.use_directory_urls) if path.endswith(".md") else path
        relative = get_relative_url(target, page_url(from_src_uri, self.use_directory_urls))
        if parts.path.endswith("/") and not relative.endswith("/"):
            relative += "/"
        return urlunsplit(("", "", relative, parts.query, parts.fragment))

    def url(self, from_src_uri: str, kind: str, entity_id: str = "") -> str | None:
        """The URL of the entity's page relative to the page `from_src_uri`, as a browser needs it (diagrams)."""
        target = self.page(kind, entity_id)
        if target is None:
            return None
        key = (from_src_uri, target.src_uri)
        url = self._urls.get(key)
        if url is None:
            url = self._urls[key] = get_relative_url(
                page_url(target.src_uri, self.use_directory_urls), page_url(from_src_uri, self.use_directory_urls)
            )
        return url


@dataclass(frozen=True)
class PageLinks:
    """Links from one page: `links("persona", "ana")` in Markdown, `links.html(…)` in HTML (templates call either
    as `link`), `links.url(…)` in diagrams."""

    index: LinkIndex
    src_uri: str

    def __call__(self, kind: str, entity_id: str = "", text: object = None) -> Markup:
        return self.index.markdown(self.src_uri, kind, entity_id, text)

    def html(self, kind: str, entity_id: str = "", text: object = None) -> Markup:
        return self.index.html(self.src_uri, kind, entity_id, text)

    def data_url(self, url: str) -> str:
        return self.index.data_url(self.src_uri, url)

    def url(self, kind: str, entity_id: str = "") -> str | None:
        return self.index.url(self.src_uri, kind, entity_id)


def from_page(url: str, src_uri: str) -> str:
    """A URL from the data as the page `src_uri` must write it: a path is relative to the docs folder (`images/ana.png`
    is docs/images/ana.png on every page), and MkDocs reads a page's links from the page's own folder."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("/", "\\")) or not parts.path:
        return url
    path = posixpath.relpath(posixpath.normpath(parts.path), posixpath.dirname(src_uri) or ".")
    return urlunsplit(("", "", path + ("/" if parts.path.endswith("/") else ""), parts.query, parts.fragment))


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives a Markdown file: `a/b.md` → `a/b/` (or `a/b.html`), `a/index.md` → `a/`."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def beside_page(src_uri: str, name: str, use_directory_urls: bool) -> str:
    """Where a file named `name` goes so that the page links to it as `name`: in the folder of the page's URL
    (`a/b.md` → `a/b/name`, or `a/name` without directory URLs). Relative links inside it then work as on the page."""
    url = page_url(src_uri, use_directory_urls)
    return url[: url.rfind("/") + 1] + name


def _relative_to_folder(start: str, to_src_uri: str) -> str:
    """`posixpath.relpath` for the clean relative paths pages have, without its `abspath` calls (which ask the
    operating system for the working directory, for each of the hundreds of links of a page)."""
    start_parts = start.split("/") if start else []
    to_parts = to_src_uri.split("/")
    if any(part in _UNCLEAN for part in (*start_parts, *to_parts)):
        return posixpath.relpath(to_src_uri, start or ".")
    common = 0
    while common < min(len(start_parts), len(to_parts)) and start_parts[common] == to_parts[common]:
        common += 1
    parts = [".."] * (len(start_parts) - common) + to_parts[common:]
    return "/".join(parts) if parts else "."


_UNCLEAN = {"", ".", ".."}
