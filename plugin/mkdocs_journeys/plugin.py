"""The MkDocs plugin: wires MkDocs events to loading, page generation and navigation. No logic of its own."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from mkdocs_journeys.commands.generate import left_by_generate
from mkdocs_journeys.config import JourneysConfig
from mkdocs_journeys.data.cache_folder import CacheRefused, checked_folder, machine_key
from mkdocs_journeys.data.confine import leaves
from mkdocs_journeys.data.diagnostics import format_one, format_text, sort_diagnostics
from mkdocs_journeys.data.layout import DataLayout
from mkdocs_journeys.data.load import load_catalog
from mkdocs_journeys.data.schema import site_schema_files
from mkdocs_journeys.drawing.figures import DiagramError, DiagramOptions, FigureMemo
from mkdocs_journeys.site.dirty import GeneratedFile, generated_file, generated_page, remember_built, remember_written
from mkdocs_journeys.site.languages import into_language_folder, language_folder
from mkdocs_journeys.site.local_links import check_local_links
from mkdocs_journeys.site.nav import attach_listed_pages, place_section, placeholder_title
from mkdocs_journeys.site.plan import (
    MARKDOWN_EXTENSIONS,
    STYLESHEET,
    GeneratedSite,
    overview_path,
    plan_site,
)
from mkdocs_journeys.site.templates import template_problem

log = get_plugin_logger("journeys")

# ProperDocs (the continuation of MkDocs 1.x) asks plugins that support it to say so this way: run from the `mkdocs`
# command, it then tells the user that MkDocs 2 will not run plugins and that `properdocs` runs this one.
with contextlib.suppress(ImportError):
    import properdocs.replacement_warning

    properdocs.replacement_warning.setup()


class JourneysPlugin(BasePlugin[JourneysConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: GeneratedSite | None = None
        self.markdown: dict[str, str] = {}  # each generated page's Markdown, by src_uri
        self.layout: DataLayout | None = None
        self.published: list[GeneratedFile] = []  # the files published beside the pages, once written
        self.figure_memo: FigureMemo | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # With this event, `mkdocs serve` keeps this plugin from one rebuild to the next (it makes a new one of a plugin
        # without it): a reload then reuses the figures of every diagram the edit did not change.
        self.figure_memo = FigureMemo() if command == "serve" else None

    def on_shutdown(self) -> None:
        self.figure_memo = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Load and check the data before MkDocs cleans or writes the site: invalid data leaves nothing half-built.
        project = Path(config.config_file_path).parent
        self.layout = DataLayout.at(project, self.config.personas_dir, self.config.journeys_dir)
        try:
            cache_dir = checked_folder(project, self.config.cache_dir)
        except CacheRefused as error:
            raise PluginError(f"{error.message}\n    hint: {error.hint}")
        result = load_catalog(self.layout, cache_dir)
        docs = Path(config.docs_dir)
        if result.catalog is not None and not leaves(docs, project):
            # Before MkDocs cleans the site, and at the YAML line: `site.local_links`.
            found = check_local_links(
                result.catalog, docs, self.config.prefix, self.config.pages, docs_shown=self.layout.display(docs)
            )
            result.diagnostics = sort_diagnostics([*result.diagnostics, *found])
        for warning in result.warnings:
            log.warning(format_one(warning))
        if result.journey_map is None:
            raise PluginError("Journey data has errors:\n" + format_text(result.diagnostics))
        if config.strict and result.warnings:
            # MkDocs itself would stop only after writing the site over the last good one.
            raise Abort(f"Aborted with {len(result.warnings)} warnings in strict mode!")
        templates = project / self.config.templates_dir if self.config.templates_dir else None
        if templates is not None and leaves(templates, project):
            raise PluginError(
                f"templates_dir {self.config.templates_dir!r} is outside the project (through a link or '..')\n"
                "    hint: keep the page templates in a folder inside the project"
            )
        diagrams = DiagramOptions(
            self.config.diagrams,
            cache_dir,
            machine_key(project),
            timeout=self.config.dot_timeout,
            downloads=self.config.diagram_downloads,
            memo=self.figure_memo,
        )
        try:
            self.site = plan_site(
                result.journey_map,
                prefix=self.config.prefix,
                kinds=self.config.pages,
                templates_dir=templates,
                use_directory_urls=config.use_directory_urls,
                diagrams=diagrams,
                funnel_phases=self.config.funnel_phases,
                section_title=placeholder_title(config.nav, overview_path(self.config.prefix)) or self.config.nav_title,
                nav_max_pages=self.config.nav_max_pages,
            )
        except DiagramError as error:
            raise PluginError(str(error))
        # Every page is written now, so that a broken template (a team's own) stops the build before MkDocs
        # cleans the site folder, and says which template and line.
        self.markdown = {}
        for page in self.site.pages:
            try:
                self.markdown[page.src_uri] = self.site.markdown(page)
            except TemplateError as error:
                raise PluginError(template_problem(error, page.src_uri, templates))
        for extension in MARKDOWN_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        config.extra_css.append(STYLESHEET)
        return config

    @event_priority(-110)  # after mkdocs-static-i18n (-100) has arranged the files of the language it builds
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.site is not None
        for src_uri in left_by_generate(Path(config.docs_dir), self.config.prefix):  # pages made for Zensical
            left = files.get_file_from_path(src_uri)
            if left is not None:
                files.remove(left)
        user_pages = [file.src_uri for file in files.documentation_pages()]
        ours: list[File] = []
        self.published = []
        language = language_folder(config)
        # Pages that only their section's index page lists: MkDocs would name each as missing from the nav.
        outside_nav = {page.src_uri for listed in self.site.listed_by_index.values() for page in listed}
        # `journeys/maps/sam-buys/index.md` in docs/ is published where the generated `journeys/maps/sam-buys.md` is.
        at_address = {file.dest_uri: file for file in files}
        for page in self.site.pages:
            if files.get_file_from_path(page.src_uri) is not None:
                log.warning(
                    f"docs/{page.src_uri} hides the generated page of the same path; change the plugin's `prefix`"
                )
                continue
            markdown = self.markdown[page.src_uri]
            file = generated_page(config, page.src_uri, markdown, self.site.fingerprint(page, markdown))
            if page.src_uri in outside_nav:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            into_language_folder([file], language)
            mine = at_address.get(file.dest_uri)
            if mine is not None and mine.src_uri != page.src_uri:
                # The generated page stays, so that the links to it from every other page still lead somewhere.
                files.remove(mine)
                user_pages.remove(mine.src_uri)
                log.warning(
                    f"docs/{mine.src_uri} is not published: the generated page {page.src_uri} has the same address, "
                    f"{file.url or './'}\n    hint: move or rename docs/{mine.src_uri}, or change the plugin's `prefix`"
                )
            files.append(file)
        for src_uri, source in self.site.files():  # pictures beside a journey's notes, where the notes expect them
            if files.get_file_from_path(src_uri) is None:
                ours.append(File.generated(config, src_uri, abs_src_path=str(source)))
        for src_uri, content in self.site.downloads().items():
            if files.get_file_from_path(src_uri) is not None:
                log.warning(f"docs/{src_uri} hides a diagram's download of the same path; change the plugin's `prefix`")
                continue
            self.published.append(generated_file(config, src_uri, content))
        into_language_folder([*ours, *self.published], language)
        self.published.append(generated_file(config, STYLESHEET, self.site.stylesheet()))  # one for every language
        for added in [*ours, *self.published]:
            files.append(added)
        for src_uri, schema in site_schema_files().items():  # a stable URL for editors; a file in docs/ wins
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, content=schema))
        if self.config.nav == "auto":
            section = self.site.nav()
            placeholder = self.site.overview_path
            config.nav = place_section(config.nav, section, self.config.nav_title, placeholder, user_pages)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.site is not None and self.config.nav == "auto":
            attach_listed_pages(files, self.site.listed_by_index)
        return nav

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # The parts of the page written as HTML, kept out of Python-Markdown, now in the page for search to index.
        if self.site is None or page.file.src_uri not in self.markdown:
            return html
        generated = self.site.page(page.file.src_uri)
        return self.site.content(generated, html) if generated is not None else html

    @event_priority(50)  # before plugins that rewrite the final HTML (minifiers) look for the diagrams
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.site is None or page.file.src_uri not in self.markdown:
            return output
        remember_built(page.file)
        generated = self.site.page(page.file.src_uri)
        return self.site.finish(generated, output) if generated is not None else output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        remember_written(self.published)  # only once the build has written them: a failed build leaves none noted

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        assert self.layout is not None
        for folder in (self.layout.personas, self.layout.journeys):
            if folder.is_dir():
                server.watch(str(folder))
        if self.config.templates_dir:
            server.watch(str(self.layout.root / self.config.templates_dir))
        return server
