"""The fair floor: plain MkDocs building as many simple pages as the plugin generates, under a nav of the same shape.

    python benchmarks/floor.py /tmp/site-m/mkdocs.yml /tmp/site-m-floor   # then: mkdocs build -f …/mkdocs.yml

The plugin runs once, in this process, as MkDocs would run it (`on_config`, then `on_files`), only to learn what a
build of the site holds: its pages, its nav and the settings the plugin adds. The floor project then has

- for every page the plugin generates, a page at the same path holding its title and one paragraph of prose
  (what a person would write by hand for a page of that name, with nothing to convert but a heading and a paragraph);
- the user's own pages and every other file (the plugin's stylesheet, its schemas) as they are;
- the user's `mkdocs.yml` without the plugin, with the nav the plugin built (the same sections, nesting and entries
  per section), the Markdown extensions and stylesheet it adds, and the same theme and other plugins;
- on a map past the plugin's `nav_max_pages`, whose nav lists only the sections' index pages, a hook
  (`floor_hooks.py`) that does with the pages left out of the nav what the plugin does: each is marked as not in
  the nav and becomes a child of its index page's section, so the theme marks the same place in the nav.

So a floor build is what MkDocs and the theme must spend on a site of that many pages in that nav: writing the
nav into every page, indexing every page for search, copying the theme. Whatever the plugin's build costs beyond
it is the plugin's own work and the weight of its pages.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

PARAGRAPH = (
    "This page belongs to the customer journey map of the organisation. It says who the customer is, what they try "
    "to do at this point, which channels they use to reach the company, how they feel about it and what the teams "
    "could improve next. Staff read it before a workshop, and marketing keeps it up to date in a pull request."
)
"""The one paragraph of every floor page: about sixty words, the length of a short hand-written page."""


def write_floor(config_file: Path, folder: Path) -> Path:
    """Write the floor project of the site `config_file` into `folder`; returns the floor's mkdocs.yml.

    `folder/pages.json` lists the floor's pages, and which of them stand for generated pages, for the report."""
    config = load_config(str(config_file))
    user_files = {file.src_uri for file in get_files(config)}
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    plugin = config.plugins.get("journeys")
    site = getattr(plugin, "site", None)
    outside_nav = {
        page.src_uri: index for index, pages in (site.listed_by_index if site else {}).items() for page in pages
    }
    titles = nav_titles(config.nav or [])
    docs = folder / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    generated = []
    for file in files:
        target = docs / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if file.is_documentation_page() and file.src_uri not in user_files:
            title = titles.get(file.src_uri) or Path(file.src_uri).stem.replace("-", " ").capitalize()
            target.write_text(f"# {title}\n\n{PARAGRAPH}\n", encoding="utf-8")
            generated.append(file.src_uri)
        else:
            target.write_bytes(file.content_bytes)
    pages = sorted(f.src_uri for f in files.documentation_pages())
    (folder / "pages.json").write_text(json.dumps({"pages": pages, "generated": sorted(generated)}), encoding="utf-8")

    raw = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    raw["plugins"] = [
        p for p in raw.get("plugins", []) if not (p == "journeys" or (isinstance(p, dict) and "journeys" in p))
    ]
    raw["nav"] = _plain(config.nav)
    raw["markdown_extensions"] = _extensions(raw.get("markdown_extensions", []), config.markdown_extensions)
    raw["extra_css"] = [str(css) for css in config.extra_css]
    if outside_nav:
        (folder / "outside_nav.json").write_text(json.dumps(outside_nav), encoding="utf-8")
        (folder / "floor_hooks.py").write_text(FLOOR_HOOKS, encoding="utf-8")
        raw["hooks"] = [*raw.get("hooks", []), "floor_hooks.py"]
    floor_config = folder / "mkdocs.yml"
    floor_config.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return floor_config


FLOOR_HOOKS = '''"""The pages the plugin leaves out of the nav (a section's index page lists them), treated as the plugin does."""

import json
from pathlib import Path

from mkdocs.structure.files import InclusionLevel

OUTSIDE_NAV = json.loads((Path(__file__).parent / "outside_nav.json").read_text(encoding="utf-8"))


def on_files(files, config):
    for file in files.documentation_pages():
        if file.src_uri in OUTSIDE_NAV:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    return files


def on_nav(nav, config, files):
    for src_uri, index in OUTSIDE_NAV.items():
        page, index_page = files.get_file_from_path(src_uri).page, files.get_file_from_path(index).page
        if page is not None and index_page is not None and page.parent is None:
            page.parent = index_page.parent
    return nav
'''
"""The hook of a floor whose nav leaves pages out: what `on_files` and `on_nav` of the plugin do with them."""


def _plain(item: Any) -> Any:
    """The nav with plain strings: the plugin's titles are `Markup` (escaped HTML), which YAML's safe dumper refuses."""
    if isinstance(item, dict):
        return {str(key): _plain(value) for key, value in item.items()}
    if isinstance(item, list):
        return [_plain(value) for value in item]
    return str(item) if isinstance(item, str) else item


def nav_titles(nav: list[Any]) -> dict[str, str]:
    """Each page's title in a `nav` configuration (titles → paths), by path; pages named without a title are left out."""
    titles: dict[str, str] = {}
    for item in nav:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, list):
                    titles.update(nav_titles(value))
                elif isinstance(value, str):
                    titles[value] = str(title)
    return titles


def _extensions(declared: list[Any], final: list[str]) -> list[Any]:
    """The user's extensions with their options, then those the plugin added."""
    names = {next(iter(e)) if isinstance(e, dict) else e for e in declared}
    return [*declared, *(name for name in final if name not in names)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", type=Path, help="the plugin site's mkdocs.yml")
    parser.add_argument("folder", type=Path, help="where to write the floor project")
    options = parser.parse_args()
    print(write_floor(options.config, options.folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
