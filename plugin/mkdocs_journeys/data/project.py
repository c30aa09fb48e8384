"""Where a project keeps its journey data: read from `mkdocs.yml` the way the plugin sees it, without running MkDocs.

The command line works on the same folders as `mkdocs build`. `mkdocs.yml` is read as plain data only: tags such as
`!ENV` or `!!python/name:material.extensions.emoji.twemoji` become None instead of being executed or rejected,
because the only thing we need from the file is the `journeys` plugin's `personas_dir` and `journeys_dir` options.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mkdocs_journeys.data.confine import leaves_by_name
from mkdocs_journeys.data.diagnostics import Diagnostic, DiagnosticsError
from mkdocs_journeys.data.layout import DEFAULT_FOLDERS, DataLayout

PLUGIN_NAME = "journeys"
CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
MAX_INHERIT_DEPTH = 8


class _PlainDataLoader(yaml.SafeLoader):
    """Safe loading that turns every tag it does not know into None instead of failing or executing anything."""


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_PlainDataLoader.add_multi_constructor("", _unknown_tag)


def config_file(path: Path) -> Path | None:
    """The MkDocs config of a project folder (or `path` itself when it names a file), if there is one."""
    if path.is_file():
        return path
    for name in CONFIG_NAMES:
        candidate = path / name
        if candidate.is_file():
            return candidate
    return None


def find_layout(path: Path = Path(".")) -> DataLayout:
    """The data folders of the project at `path` (a folder, or its `mkdocs.yml`).

    Uses the `journeys` plugin's `personas_dir` and `journeys_dir` options from `mkdocs.yml` when they are set
    (relative to `mkdocs.yml`, as MkDocs resolves its own paths), else `personas/` and `journeys/`.
    Raises `DiagnosticsError` when `mkdocs.yml` cannot be read.
    """
    config_path = config_file(path)
    root = config_path.parent if config_path is not None else path
    options = _plugin_options(config_path) if config_path is not None else {}
    folders: dict[str, str] = {}
    for key, default in DEFAULT_FOLDERS.items():
        value = options.get(key)
        if value is not None and not (isinstance(value, str) and value.strip()):
            assert config_path is not None
            raise _config_error(
                config_path.as_posix(),
                _line_of(config_path, key),
                1,
                f"the {PLUGIN_NAME} plugin's `{key}` should be a folder path, found {value!r}",
                f"write e.g. `{key}: {default}` (relative to {config_path.name}), or remove it to use '{default}'",
            )
        problem = leaves_by_name(value) if value else None
        if problem:
            assert config_path is not None
            raise _config_error(
                config_path.as_posix(),
                _line_of(config_path, key),
                1,
                f"the {PLUGIN_NAME} plugin's `{key}` {value!r} {problem.split(';')[0]}, outside the project",
                f"set `{key}` to a folder inside the project (relative to {config_path.name}): nothing is read outside"
                " it",
            )
        folders[key] = value or default
    return DataLayout.at(root, **folders)


@dataclass(frozen=True)
class SiteSettings:
    """What a check of the data needs to know of the site: where the docs are, where the generated pages go, and which
    kinds of page are generated (None: every kind)."""

    docs_dir: Path
    prefix: str = "journeys"
    pages: tuple[str, ...] | None = None


def site_settings(path: Path = Path(".")) -> SiteSettings:
    """`docs_dir` and the `journeys` plugin's `prefix` and `pages` from `mkdocs.yml` at `path`, or MkDocs' defaults.
    Raises `DiagnosticsError` when `mkdocs.yml` cannot be read."""
    config_path = config_file(path)
    if config_path is None:
        return SiteSettings(path / "docs")
    config = read_config(config_path)
    options = _plugin_options(config_path)
    docs = config.get("docs_dir")
    prefix, pages = options.get("prefix"), options.get("pages")
    return SiteSettings(
        config_path.parent / (docs if isinstance(docs, str) and docs.strip() else "docs"),
        prefix if isinstance(prefix, str) else SiteSettings.prefix,
        tuple(str(p) for p in pages) if isinstance(pages, list) else None,
    )


def read_config(config_path: Path) -> dict[str, Any]:
    """The plain data of an MkDocs config file; raises `DiagnosticsError` with a location when it is not readable."""
    display = config_path.as_posix()
    try:
        text = config_path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise _config_error(display, 1, 1, f"cannot read {config_path.name}: {error.strerror}", "check the file")
    except UnicodeDecodeError:
        raise _config_error(display, 1, 1, f"{config_path.name} is not UTF-8 text", "save it as UTF-8")
    try:
        data = yaml.load(text, Loader=_PlainDataLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or error.context or "invalid YAML"
        raise _config_error(display, line, column, f"YAML syntax error: {problem}", "`mkdocs build` fails on it too")
    except yaml.YAMLError as error:
        raise _config_error(display, 1, 1, f"YAML syntax error: {error}", "`mkdocs build` fails on it too")
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise _config_error(display, 1, 1, f"{config_path.name} should hold `key: value` settings", "")
    return data


def _plugin_options(config_path: Path, depth: int = 0) -> dict[str, Any]:
    """The `journeys` plugin's options, following `INHERIT:` when the plugin is configured in a parent file."""
    config = read_config(config_path)
    options = plugin_options(config.get("plugins"))
    if options is None and isinstance(config.get("INHERIT"), str) and depth < MAX_INHERIT_DEPTH:
        parent = (config_path.parent / config["INHERIT"]).resolve()
        if parent.is_file():
            # MkDocs merges the parent into the child, so paths stay relative to the child's folder.
            return _plugin_options(parent, depth + 1)
    return options or {}


def plugin_options(plugins: Any) -> dict[str, Any] | None:
    """The options of the `journeys` plugin in a `plugins:` setting, in any of the shapes MkDocs accepts.

    `plugins:` is a list of names (`- journeys`), a list of one-key mappings (`- journeys: {personas_dir: …}`)
    or a mapping of names to options. None when the plugin is not listed; `{}` when it is listed without options.
    """
    entries: list[tuple[Any, Any]] = []
    if isinstance(plugins, dict):
        entries = list(plugins.items())
    elif isinstance(plugins, list):
        for entry in plugins:
            if isinstance(entry, dict):
                entries += list(entry.items())
            else:
                entries.append((entry, None))
    for name, options in entries:
        if name == PLUGIN_NAME:
            return options if isinstance(options, dict) else {}
    return None


def _line_of(config_path: Path, key: str) -> int:
    """The first line that sets `key`: enough to point at a plugin option without a positioned parse."""
    try:
        lines = config_path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((number for number, line in enumerate(lines, 1) if line.strip().startswith(f"{key}:")), 1)


def _config_error(path: str, line: int, column: int, message: str, hint: str) -> DiagnosticsError:
    return DiagnosticsError([Diagnostic(path, line, column, "mkdocs-config", message, hint)])
