"""The plugin's options in `mkdocs.yml`, typed and checked by MkDocs."""

from __future__ import annotations

import os
import re

from mkdocs.config import base
from mkdocs.config import config_options as c

from mkdocs_journeys.advice.funnel import FUNNEL_PHASES
from mkdocs_journeys.data.confine import leaves_by_name
from mkdocs_journeys.data.layout import DEFAULT_FOLDERS
from mkdocs_journeys.data.nearest import did_you_mean
from mkdocs_journeys.drawing.figures import DOWNLOAD_SETTINGS
from mkdocs_journeys.drawing.render import DOT_TIMEOUT_SECONDS
from mkdocs_journeys.site.pages import PAGE_KIND_NAMES
from mkdocs_journeys.site.plan import DEFAULT_NAV_MAX_PAGES, DEFAULT_SECTION_TITLE


class ProjectFolder(c.Type[str]):
    """A folder relative to mkdocs.yml that stays inside the project as written (links are checked where it is used:
    `confine`, `cache_folder`)."""

    def __init__(self, default: str | None = None) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        folder = super().run_validation(value)
        problem = leaves_by_name(folder)
        if problem:
            raise base.ValidationError(f"{folder!r} {problem}")
        return folder


class TemplatesFolder(ProjectFolder):
    """The team's templates folder, which must exist: a typo (`overides`) would otherwise drop the team's pages for
    the shipped ones without a word."""

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        path = config.config_file_path
        self.project = os.path.dirname(os.path.abspath(path)) if path else None

    def run_validation(self, value: object) -> str:
        folder = super().run_validation(value)
        project = getattr(self, "project", None)
        if project is not None and not os.path.isdir(os.path.join(project, folder)):
            others = sorted(
                entry.name for entry in os.scandir(project) if entry.is_dir() and not entry.name.startswith(".")
            )
            raise base.ValidationError(
                f"the templates folder {folder!r} does not exist (next to mkdocs.yml)\n    hint: "
                + did_you_mean(folder, others, kind="folders")
                + f" (or create {folder}/ with the templates that replace the shipped ones)"
            )
        return folder


class SitePath(c.Type[str]):
    """A folder of the built site: names of letters, digits, '.', '_', '-' and '~', separated by '/', never '..'."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        path = super().run_validation(value)
        parts = [part for part in path.replace("\\", "/").split("/") if part and part != "."]
        if any(part == ".." or not _SITE_NAME.fullmatch(part) for part in parts):
            raise base.ValidationError(
                f"{path!r} is not a folder of the site: use names such as `journeys` or `docs/journeys`, made of "
                "letters, digits, '-', '_' and '.', without '..' (the generated pages must stay inside the site)"
            )
        return path


_SITE_NAME = re.compile(r"[\w.~\-]+")


class Seconds(base.BaseConfigOption[float]):
    """A duration in seconds: a number greater than 0, at most a day (never `true`, which YAML would make 1)."""

    def __init__(self, default: float) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 86_400:
            raise base.ValidationError(f"expected a number of seconds greater than 0 (at most 86400), got {value!r}")
        return float(value)


class PageCount(base.BaseConfigOption[int]):
    """A number of pages: a whole number, 0 or more (never `true`, which YAML would make 1)."""

    def __init__(self, default: int) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise base.ValidationError(f"expected a whole number of pages, 0 or more, got {value!r}")
        return value


class JourneysConfig(base.Config):
    personas_dir = ProjectFolder(default=DEFAULT_FOLDERS["personas_dir"])
    """Folder of persona files, relative to mkdocs.yml."""

    journeys_dir = ProjectFolder(default=DEFAULT_FOLDERS["journeys_dir"])
    """Folder of journeys and of the shared stages.yml, touchpoints.yml and content.yml, relative to mkdocs.yml."""

    prefix = SitePath(default="journeys")
    """Where the generated pages live in the site: `journeys/` gives /journeys/, /journeys/personas/…"""

    nav_title = c.Type(str, default=DEFAULT_SECTION_TITLE)
    """Title of the generated navigation section and heading of its overview page (a placeholder entry in `nav` can
    give its own: `- Guest journeys: journeys/index.md`)."""

    nav = c.Choice(("auto", "none"), default="auto")
    """`auto`: put the generated section at the placeholder `<prefix>/index.md` in `nav`, or append it.
    `none`: leave `nav` alone (link to the generated pages yourself)."""

    nav_max_pages = PageCount(default=DEFAULT_NAV_MAX_PAGES)
    """The most generated pages the navigation lists one by one. Past it (counting every generated page: each page
    carries the whole navigation, and the sidebar of a tab shows all of its sections), the navigation shows the
    sections, each with an index page that lists its pages with filters (persona, stage, channel, owner, text), and
    the pages of the whole map. Every page stays reachable from its index page and from every mention of it."""

    pages = c.ListOfItems(c.Choice(PAGE_KIND_NAMES), default=list(PAGE_KIND_NAMES))
    """Which kinds of page to generate. Mentions of a kind that is not generated are plain text."""

    templates_dir = c.Optional(TemplatesFolder())
    """A folder (relative to mkdocs.yml) whose templates replace the shipped ones of the same name."""

    funnel_phases = c.ListOfItems(c.Choice(("before", "during", "after")), default=list(FUNNEL_PHASES))
    """The phases whose stages make up a journey's funnel (its conversion and drop-off). Stages of the other phases
    (retention, advocacy: `after`) are shown as their own rates of the customers who converted. A stage without a
    `phase` counts by its type (retention and advocacy are after), else as part of the funnel."""

    dot_timeout = Seconds(default=DOT_TIMEOUT_SECONDS)
    """How long Graphviz may take to draw one batch of diagrams (one `dot` per core), in seconds. Past it the build
    stops, names the largest diagram it was drawing, and draws nothing again in vain. Raise it for very large maps."""

    diagrams = c.Type(bool, default=True)
    """Draw journey, persona, touchpoint and overview diagrams with Graphviz (`dot` must be on PATH).
    `false` builds without Graphviz; pages then show a "Diagrams are disabled" notice where a diagram would be."""

    diagram_downloads = c.Choice(DOWNLOAD_SETTINGS, default="auto")
    """Offer each diagram for download, with links under it, in the light palette, for slides and documents: `true`
    as SVG and PNG, `svg` as SVG only, `false` not at all; `auto` (the default) is `true` on a map whose nav lists
    every page and `svg` past `nav_max_pages`, where PNGs would be most of the site. The files are written beside the
    page; PNGs are drawn by Graphviz once and then cached."""

    cache_dir = ProjectFolder(default=".cache/journeys")
    """Where rendered diagrams and parsed YAML are kept between builds, relative to mkdocs.yml, so unchanged
    diagrams are not drawn and unchanged files not parsed again. Safe to delete; it is ignored by git (it holds its
    own `.gitignore`). Keep it outside `docs_dir`. It must be inside the project and not a link, and git must track
    none of its files: the cache is never an input (see the guide, "Deploying")."""
