"""The journey pages as plain files in the docs folder, for site generators that do not run MkDocs plugins (Zensical).

`mkdocs-journeys generate` plans the same site as the plugin (`site.plan_site`) and writes what the plugin would
hand MkDocs into `<docs_dir>/<prefix>/`: each page's Markdown with its diagrams and charts already in place (their
links are final URLs relative to the page, as the plugin makes them) and its parts written as HTML too (their links
name `.md` files, which Zensical resolves in raw HTML as in Markdown), the diagrams' downloads beside their pages, the
stylesheet, the JSON Schemas, and the navigation twice, as `.nav.md` for literate-nav and `.nav.yml` for awesome-nav,
the two navigation plugins Zensical implements itself. Both are hidden files, so no engine makes a page of them.

The folder belongs to this command: it holds a manifest of what it wrote and a `.gitignore` that keeps all of it out
of version control. It is written in a staging folder beside it and swapped in whole, so a site generator watching
the docs folder sees the old pages or the new ones, never half of each. A folder that holds anything the manifest
does not list (a page a person wrote) is never replaced: the command refuses and says which file is in the way.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jinja2 import TemplateError

from mkdocs_journeys import __version__
from mkdocs_journeys.config import JourneysConfig
from mkdocs_journeys.data.diagnostics import Diagnostic, DiagnosticsError
from mkdocs_journeys.data.layout import DataLayout
from mkdocs_journeys.data.load import load_catalog
from mkdocs_journeys.data.project import _line_of, config_file, find_layout, plugin_options, read_config
from mkdocs_journeys.data.schema import site_schema_files
from mkdocs_journeys.drawing.figures import DiagramError, DiagramOptions
from mkdocs_journeys.site.links import normalise_prefix
from mkdocs_journeys.site.nav import placeholder_title
from mkdocs_journeys.site.pages import NavItem
from mkdocs_journeys.site.plan import MARKDOWN_EXTENSIONS, STYLESHEET, overview_path, plan_site
from mkdocs_journeys.site.templates import template_problem

MANIFEST = ".mkdocs-journeys.json"
LITERATE_NAV = ".nav.md"
AWESOME_NAV = ".nav.yml"
GITIGNORE = ".gitignore"
WATCH_INTERVAL = (0.2, 60.0)
"""The bounds of the polling interval of `generate --watch`, in seconds."""
_HINT = "\n    hint: "
"""How an option's error gives its hint on a line of its own in the MkDocs log (`config.py`)."""


class GenerateError(Exception):
    """Generating cannot start or finish; `message` and `hint` are for the person who ran the command."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Target:
    """Where one project's generated pages go, and the plugin options they are made with."""

    root: Path
    config_path: Path | None
    docs_dir: Path
    folder: Path
    prefix: str
    use_directory_urls: bool
    options: JourneysConfig
    layout: DataLayout
    section_title: str
    """What the navigation calls the generated section: the title of its placeholder in mkdocs.yml's `nav`, or the
    plugin's `nav_title`."""

    def shown(self, path: Path) -> str:
        try:
            return Path(os.path.relpath(path)).as_posix()
        except ValueError:  # another drive on Windows
            return path.as_posix()


@dataclass
class Generated:
    """What one run wrote: the folder, its pages, and the data's warnings (errors stop before anything is written)."""

    folder: Path
    pages: int
    files: int
    warnings: list[Diagnostic] = field(default_factory=list)


def read_target(path: Path) -> Target:
    """The project at `path` (a folder or its mkdocs.yml), with the journeys plugin's options read from mkdocs.yml.

    Raises `DiagnosticsError` when mkdocs.yml or the plugin's options cannot be read, `GenerateError` when the
    target folder would lie outside the docs folder or be the docs folder itself.
    """
    config_path = config_file(path)
    root = (config_path.parent if config_path is not None else path).resolve()
    config: dict[str, Any] = read_config(config_path) if config_path is not None else {}
    options = JourneysConfig(config_file_path=str(config_path) if config_path else None)
    options.load_dict(plugin_options(config.get("plugins")) or {})
    failed, _ = options.validate()
    if failed:
        key, error = failed[0]
        assert config_path is not None  # the defaults are valid
        problem, _, hint = str(error).partition(_HINT)
        raise DiagnosticsError(
            [
                Diagnostic(
                    config_path.as_posix(),
                    _line_of(config_path, key),
                    1,
                    "mkdocs-config",
                    f"the journeys plugin's `{key}` option: {problem}",
                    hint or "fix the option, or remove it to use the default",
                )
            ]
        )
    docs_name = config.get("docs_dir")
    if not isinstance(docs_name, str) or not docs_name.strip():
        docs_name = "docs"
    docs_dir = (root / docs_name).resolve()
    prefix = normalise_prefix(options.prefix)
    folder = (docs_dir / prefix).resolve()
    if not docs_dir.is_relative_to(root):
        raise GenerateError(f"docs_dir '{docs_name}' is outside the project", "keep the docs folder inside the project")
    if not prefix or folder == docs_dir or not folder.is_relative_to(docs_dir):
        raise GenerateError(
            f"the journeys plugin's prefix '{options.prefix}' does not name a folder inside {docs_name}/",
            "generate writes a folder of its own: set `prefix: journeys` (or another folder name) in mkdocs.yml",
        )
    use_directory_urls = config.get("use_directory_urls", True) is not False
    nav = config.get("nav")
    section_title = (
        placeholder_title(nav if isinstance(nav, list) else None, overview_path(prefix)) or options.nav_title
    )
    return Target(
        root, config_path, docs_dir, folder, prefix, use_directory_urls, options, find_layout(path), section_title
    )


def generate(target: Target, *, strict: bool = False) -> Generated:
    """Plan the site, write every file into a staging folder, and swap it in for the previous one.

    Nothing is written when the data has errors (or, with `strict`, warnings), when a diagram or a template fails,
    or when the folder holds a file this command did not write.
    """
    files, pages, warnings = _plan_files(target, strict)
    _replace_folder(target, files)
    return Generated(target.folder, pages, len(files), warnings)


def _plan_files(target: Target, strict: bool) -> tuple[dict[str, bytes], int, list[Diagnostic]]:
    options = target.options
    cache_dir = target.root / options.cache_dir
    result = load_catalog(target.layout, cache_dir)
    if result.journey_map is None or (strict and result.warnings):
        raise DiagnosticsError(result.diagnostics)
    templates = target.root / options.templates_dir if options.templates_dir else None
    try:
        site = plan_site(
            result.journey_map,
            prefix=target.prefix,
            kinds=options.pages,
            templates_dir=templates,
            use_directory_urls=target.use_directory_urls,
            diagrams=DiagramOptions(options.diagrams, cache_dir, downloads=options.diagram_downloads),
            funnel_phases=options.funnel_phases,
            section_title=target.section_title,
            nav_max_pages=options.nav_max_pages,
            html_links_to_files=True,
        )
    except DiagramError as error:
        raise GenerateError(str(error), "check the diagram data, or set `diagrams: false` to build without Graphviz")
    files: dict[str, bytes] = {}
    for page in site.pages:
        try:
            markdown = site.finish(page, site.markdown(page))
        except TemplateError as error:
            raise GenerateError(
                template_problem(error, page.src_uri, templates), "fix the template and run the command again"
            )
        files[_inside(target, page.src_uri)] = markdown.encode("utf-8")
    for src_uri, source in site.files():  # pictures beside a journey's notes, where the notes expect them
        files[_inside(target, src_uri)] = source.read_bytes()
    for src_uri, content in site.downloads(beside_markdown=True).items():  # each diagram's SVG and PNG
        files[_inside(target, src_uri)] = content
    files[STYLESHEET] = site.stylesheet().encode("utf-8")
    for src_uri, schema in site_schema_files().items():
        files[src_uri] = schema.encode("utf-8")
    section = site.nav()
    files[LITERATE_NAV] = literate_nav(section, target.prefix).encode("utf-8")
    files[AWESOME_NAV] = awesome_nav(section, target.prefix, target.section_title).encode("utf-8")
    files[GITIGNORE] = (
        b"# Written by `mkdocs-journeys generate`, which replaces this whole folder: nothing here is kept.\n*\n"
    )
    files[MANIFEST] = _manifest(files)
    return files, len(site.pages), result.warnings


def _inside(target: Target, src_uri: str) -> str:
    """A page's path inside the generated folder (its `src_uri` starts with the prefix)."""
    return src_uri.removeprefix(f"{target.prefix}/")


# --- navigation -----------------------------------------------------------------------------------------------


def literate_nav(section: list[NavItem], prefix: str) -> str:
    """The section as a literate-nav list: `- [Title](page.md)`, sections as items with nested lists.

    Titles come from YAML: every character Markdown could read as syntax is a character reference.
    """
    lines = ["<!-- Written by `mkdocs-journeys generate`: the navigation of this folder, for literate-nav. -->", ""]
    for depth, title, target in _walk(section, prefix):
        text = _markdown_text(title)
        lines.append("    " * depth + (f"- [{text}]({target})" if target else f"- {text}"))
    return "\n".join(lines) + "\n"


def awesome_nav(section: list[NavItem], prefix: str, title: str) -> str:
    """The section as an awesome-nav `.nav.yml`: the folder's title, then its pages and sections in order.

    Titles stay as `nav.generated_section` escaped them for HTML: Zensical puts awesome-nav titles into the page
    without escaping them (literate-nav titles are Markdown, escaped in `literate_nav`).
    """

    def entries(items: list[NavItem]) -> list[Any]:
        result: list[Any] = []
        for item in items:
            ((item_title, value),) = item.items()  # HTML-escaped: Zensical, like MkDocs themes, inserts it as it is
            target = entries(value) if isinstance(value, list) else value.removeprefix(f"{prefix}/")
            result.append({str(item_title): target})  # a plain string of the escaped text (YAML cannot dump Markup)
        return result

    document = {"title": html.escape(title, quote=False), "nav": entries(section)}
    header = "# Written by `mkdocs-journeys generate`: the navigation of this folder, for awesome-nav.\n"
    return header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=1000)


def _walk(items: list[NavItem], prefix: str, depth: int = 0) -> Iterator[tuple[int, str, str]]:
    for item in items:
        ((title, value),) = item.items()
        if isinstance(value, list):
            yield depth, title, ""
            yield from _walk(value, prefix, depth + 1)
        else:
            yield depth, title, value.removeprefix(f"{prefix}/")


def _markdown_text(nav_title: str) -> str:
    """A nav title (HTML-escaped by `nav.generated_section`) as link text that Markdown reads as plain text."""
    text = html.unescape(nav_title)
    return "".join(f"&#{ord(c)};" if c in "\\`*_{}[]()<>&#!|" else c for c in text)


# --- the folder -----------------------------------------------------------------------------------------------


def _manifest(files: dict[str, bytes]) -> bytes:
    listed = sorted([*files, MANIFEST])
    document = {"generator": "mkdocs-journeys generate", "version": __version__, "files": listed}
    return (json.dumps(document, indent=1) + "\n").encode("utf-8")


def _replace_folder(target: Target, files: dict[str, bytes]) -> None:
    folder = target.folder
    _check_ours(target)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=folder.parent))
    try:
        for relative, content in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        os.chmod(staging, 0o755)  # mkdtemp's 0700 would hide the pages from a web server run as another user
        _check_ours(target)  # again, right before the swap: a file may have been added meanwhile
        previous = None
        if folder.exists():
            previous = folder.parent / f".{folder.name}.old-{os.getpid()}-{time.monotonic_ns()}"
            os.replace(folder, previous)
        os.replace(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)


def _check_ours(target: Target) -> None:
    """Refuse unless the folder is absent, empty, or holds only what our manifest lists."""
    folder = target.folder
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise GenerateError(
            f"{target.shown(folder)} is not a folder that generate made",
            "change the journeys plugin's `prefix`, or move that file away",
        )
    if not folder.exists():
        return
    present = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if not path.is_dir())
    if not present:
        return
    listed = _listed_files(folder / MANIFEST)
    foreign = [name for name in present if name not in listed]
    if listed and not foreign:
        return
    shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
    raise GenerateError(
        f"{target.shown(folder)} holds files that mkdocs-journeys generate did not write ({shown}); "
        "it replaces that whole folder, so it stops here",
        "move your files out of that folder, or set the journeys plugin's `prefix` to a folder of its own",
    )


def left_by_generate(docs_dir: Path, prefix: str) -> list[str]:
    """The files (as `src_uri`s) that `generate` left in `docs_dir` for another engine, by the manifest it wrote.

    The plugin leaves them out of an MkDocs build, where its own pages take their place, so that one checkout can
    be built by both engines without cleaning in between. A file the manifest does not list is someone's own.
    """
    folder = normalise_prefix(prefix)
    if not folder:
        return []
    return sorted(f"{folder}/{name}" for name in _listed_files(docs_dir / folder / MANIFEST))


def _listed_files(manifest: Path) -> set[str]:
    """The files a manifest lists; none when there is no manifest or it is not ours."""
    try:
        document = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(document, dict) or document.get("generator") != "mkdocs-journeys generate":
        return set()
    files = document.get("files")
    return {name for name in files if isinstance(name, str)} if isinstance(files, list) else set()


# --- watching -------------------------------------------------------------------------------------------------


def watched_paths(target: Target) -> list[Path]:
    """What a change of which regenerates the pages: the data folders, the templates and mkdocs.yml."""
    paths = [target.layout.personas, target.layout.journeys]
    if target.options.templates_dir:
        paths.append(target.root / target.options.templates_dir)
    if target.config_path is not None:
        paths.append(target.config_path)
    return paths


def snapshot(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """Each file's modification time and size: cheap to take every interval, and different after any save."""
    state: dict[str, tuple[int, int]] = {}
    for path in paths:
        candidates = path.rglob("*") if path.is_dir() else [path]
        for candidate in candidates:
            try:
                status = candidate.stat()
            except OSError:
                continue
            if not candidate.is_dir():
                state[candidate.as_posix()] = (status.st_mtime_ns, status.st_size)
    return state


def watch(
    path: Path,
    interval: float,
    report: Callable[[Generated | Exception], None],
    *,
    strict: bool = False,
    rounds: int | None = None,
) -> None:
    """Generate now, then again after every change to the data, templates or mkdocs.yml, until interrupted.

    Polls every `interval` seconds (clamped to `WATCH_INTERVAL`), so it works on every file system and costs one
    `stat` per file a round. A failed run is reported once and leaves the last good pages in place. `rounds` stops
    after that many polls (for tests).
    """
    interval = min(max(interval, WATCH_INTERVAL[0]), WATCH_INTERVAL[1])
    seen: dict[str, tuple[int, int]] | None = None
    done = 0
    while rounds is None or done < rounds:
        state = _watched_state(path)
        if state != seen:
            seen = state
            try:
                report(generate(read_target(path), strict=strict))
            except (DiagnosticsError, GenerateError, OSError) as error:
                report(error)
        done += 1
        if rounds is None or done < rounds:
            time.sleep(interval)


def _watched_state(path: Path) -> dict[str, tuple[int, int]]:
    try:
        return snapshot(watched_paths(read_target(path)))
    except (DiagnosticsError, GenerateError, OSError):  # mkdocs.yml is broken: watch it until it is fixed
        config_path = config_file(path)
        return snapshot([config_path]) if config_path is not None else {}


def missing_markdown_extensions(target: Target) -> list[str]:
    """The Markdown extensions the pages need that mkdocs.yml does not list (the plugin adds them under MkDocs)."""
    if target.config_path is None:
        return list(MARKDOWN_EXTENSIONS)
    listed = read_config(target.config_path).get("markdown_extensions") or []
    names = {next(iter(entry)) if isinstance(entry, dict) else entry for entry in listed if entry}
    return [name for name in MARKDOWN_EXTENSIONS if name not in names]
