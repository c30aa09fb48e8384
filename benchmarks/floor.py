"""The floor: the very pages the plugin generates, written out as static Markdown and built by plain MkDocs.

    python benchmarks/floor.py /tmp/site-m/mkdocs.yml /tmp/site-m-floor   # then: mkdocs build -f …/mkdocs.yml

The plugin runs once, in this process, as MkDocs would run it (`on_config`, then `on_files`); every file it adds
(the pages, the stylesheet, the schemas) is written into the floor's `docs/`, next to a copy of the user's own
pages, and the floor's `mkdocs.yml` is the user's with the generated `nav`, the Markdown extensions and stylesheet
the plugin adds, and without the plugin. The pages are written as a person would write them by hand: with each
diagram's and chart's SVG inline in the Markdown. (The plugin itself puts the SVG in after MkDocs has turned the
Markdown into HTML, see `plugin/mkdocs_journeys/deferred.py`, which spares MkDocs work a hand-written page makes
it do; so the plugin's build can be quicker than its floor.)
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import load_config
from mkdocs.structure.files import get_files


def write_floor(
    config_file: Path,
    folder: Path,
    *,
    theme: dict[str, Any] | None = None,
    nav: Callable[[list[Any]], list[Any]] | None = None,
) -> Path:
    """Write the floor project of the site `config_file` into `folder`; returns the floor's mkdocs.yml.

    `theme` replaces the site's `theme:` and `nav` changes its navigation, to measure what other settings or
    another layout of the same pages would cost."""
    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    docs = folder / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    journeys = config.plugins["journeys"]
    for file in files:
        target = docs / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if file.src_uri in journeys.markdown:  # hand-written pages would have their SVG inline
            target.write_text(journeys.site.finish(file.content_string), encoding="utf-8")
        else:
            target.write_bytes(file.content_bytes)

    raw = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    raw["plugins"] = [
        p for p in raw.get("plugins", []) if not (p == "journeys" or (isinstance(p, dict) and "journeys" in p))
    ]
    raw["nav"] = _plain(nav(config.nav) if nav is not None else config.nav)
    raw["markdown_extensions"] = _extensions(raw.get("markdown_extensions", []), config.markdown_extensions)
    raw["extra_css"] = [str(css) for css in config.extra_css]
    if theme is not None:
        raw["theme"] = theme
    floor_config = folder / "mkdocs.yml"
    floor_config.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return floor_config


def _plain(item: Any) -> Any:
    """The nav with plain strings: the plugin's titles are `Markup` (escaped HTML), which YAML's safe dumper refuses."""
    if isinstance(item, dict):
        return {str(key): _plain(value) for key, value in item.items()}
    if isinstance(item, list):
        return [_plain(value) for value in item]
    return str(item) if isinstance(item, str) else item


def grouped_nav(nav: list[Any], limit: int = 40) -> list[Any]:
    """The same nav with every section of more than `limit` pages split into sub-sections of at most `limit`,
    named by the first and last title in each ("Amir Laurent – Elif Dubois")."""
    result = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            if isinstance(value, list):
                value = grouped_nav(value, limit)
                pages = all(isinstance(v, dict) and isinstance(next(iter(v.values())), str) for v in value)
                if pages and len(value) > limit:
                    chunks = [value[n : n + limit] for n in range(0, len(value), limit)]
                    value = [{f"{_first(c[0])} – {_first(c[-1])}": c} for c in chunks]
            item = {title: value}
        result.append(item)
    return result


def _first(entry: dict[str, str]) -> str:
    return next(iter(entry))


def _extensions(declared: list[Any], final: list[str]) -> list[Any]:
    """The user's extensions with their options, then those the plugin added."""
    names = {next(iter(e)) if isinstance(e, dict) else e for e in declared}
    return [*declared, *(name for name in final if name not in names)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", type=Path, help="the plugin site's mkdocs.yml")
    parser.add_argument("folder", type=Path, help="where to write the floor project")
    parser.add_argument("--theme", type=json.loads, help="the floor's `theme:`, as JSON")
    parser.add_argument("--grouped", action="store_true", help="split sections of over 40 pages into groups")
    options = parser.parse_args()
    print(
        write_floor(options.config, options.folder, theme=options.theme, nav=grouped_nav if options.grouped else None)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
