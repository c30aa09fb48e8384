"""The Jinja environment generated pages are written with, the helpers every template gets, and template errors.

A page is a Markdown template (`*.md.j2`: its headings, which the table of contents, permalinks and search take
their sections from, and short text) that places the heavy parts of its body (lists of links, stage details) as HTML
templates (`*.html.j2`, through `html_part`): Python-Markdown would spend most of a build reading them, to make
the same HTML. Every `{{ value }}` is escaped for where it lands, unless it is `Markup` made by the helpers: for
Markdown by the environment's `finalize` (`markdown.escape_inline`), for HTML by Jinja's autoescape (markupsafe),
which `.html.j2` templates have on. The helpers (`link`, `emotion`, the `url`, `image` and `block` filters) write
Markdown or HTML by the template they are called from. So a template, shipped or a team's own, cannot forget to
escape text from YAML. Templates a team puts in `templates_dir` replace the shipped ones of the same name.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2.nodes import EvalContext
from markupsafe import Markup, escape

from mkdocs_journeys.data.confine import leaves
from mkdocs_journeys.data.model import EMOTION_SCALE, SLUG_PATTERN, Emotion, Kpi
from mkdocs_journeys.data.numbers import format_number, percent
from mkdocs_journeys.drawing.dot import stage_anchor
from mkdocs_journeys.site.deferred import DeferredHtml
from mkdocs_journeys.site.html import html_image, html_link, html_paragraphs
from mkdocs_journeys.site.links import PageLinks, from_page
from mkdocs_journeys.site.markdown import escape_block, escape_inline, external_link, image

EMOTION_FACES = {-2: "😣", -1: "🙁", 0: "😐", 1: "🙂", 2: "😄"}


HTML_TEMPLATE = ".html.j2"
"""How the name of a template of HTML ends; the others write Markdown."""


@jinja2.pass_eval_context
def _finalize(context: EvalContext, value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup) or context.autoescape:  # HTML: Jinja's autoescape escapes what is not Markup
        return value
    return escape_inline(value)


def _is_html_template(name: str | None) -> bool:
    return name is not None and name.endswith(HTML_TEMPLATE)


def template_environment(templates_dir: Path | None, helpers: Mapping[str, Callable[..., Any]]) -> jinja2.Environment:
    """The environment of one build; `helpers` are the build's own globals (such as `format_name`)."""
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir is not None:
        loaders.append(_TemplatesFolder(templates_dir))
    loaders.append(jinja2.PackageLoader("mkdocs_journeys.site", "templates"))
    environment = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=_is_html_template,  # Markdown templates are escaped by `finalize` below
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        bytecode_cache=_COMPILED,
        auto_reload=False,  # an environment lives for one build: no need to look at each template's file every use
    )
    environment.filters["block"] = _block
    environment.filters["url"] = _url
    environment.filters["image"] = _image
    environment.filters["number"] = format_number
    environment.globals.update(
        emotion=emotion_text,
        emotion_scale=EMOTION_SCALE,
        kpi_status=kpi_status,
        percent=percent,
        stage_anchor=stage_anchor_id,
        **helpers,
    )
    return environment


def html_part_helper(parts: DeferredHtml) -> Callable[..., Markup]:
    """The `html_part` of one build's templates: `{{ html_part("content/x.html.j2", step=step) }}` renders the HTML
    template with the caller's values and those given (loop variables are not in the caller's context: pass them),
    and puts it in the page. From a Markdown template it leaves a placeholder there, on a line of its own, so that
    Python-Markdown does not read the HTML (`deferred.py`); the page gets the HTML when its Markdown is converted."""

    @jinja2.pass_context
    def html_part(context: jinja2.runtime.Context, template: str, **values: Any) -> Markup:
        html = context.environment.get_template(template).render({**context.get_all(), **values})
        if context.eval_ctx.autoescape:
            return Markup(html)
        # One block without blank lines: where the HTML stays in Markdown (`generate`), it is one raw HTML block.
        return parts.hold(_BLANK_LINES.sub("\n", html).strip())

    return html_part


_BLANK_LINES = re.compile(r"\n\s*\n")


class _CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per process, not once per build: `mkdocs serve` makes a new environment for every
    reload, and compiling the templates again was a good part of one. Held in memory only (never in the cache folder,
    which is not an input); an entry is used only for the very source it was compiled from (Jinja checks its checksum),
    and there is one per template file."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def stage_anchor_id(stage_id: str) -> Markup:
    """The id of a stage's section on a journey page (`{ #… }` after its heading), as the journey diagram links to it.
    Stage ids are checked slugs, which need no escaping; anything else is escaped like any text."""
    anchor = stage_anchor(stage_id)
    return Markup(anchor) if re.fullmatch(SLUG_PATTERN, stage_id) else escape_inline(anchor)


class _TemplatesFolder(jinja2.FileSystemLoader):
    """A team's templates folder, whose templates are read only when they really are in it: a committed link
    `persona.md.j2 -> ~/.ssh/id_rsa` would otherwise publish that file as a page."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if leaves(Path(filename), self.folder):  # not TemplateNotFound: the shipped one would stand in, silently
            raise jinja2.TemplateError(f"{template} is a link to a file outside the templates folder: it is not read")
        return source, filename, uptodate


@jinja2.pass_context
def _url(context: jinja2.runtime.Context, url: str, text: object = None) -> Markup:
    """`{{ asset.url | url(asset.title) }}`: a link, a path in the data made relative to the page (`links.from_page`)."""
    if context.eval_ctx.autoescape:
        return html_link(text or url, _in_html_of_this_page(context, url))
    return external_link(text or url, _from_this_page(context, url))


@jinja2.pass_context
def _image(context: jinja2.runtime.Context, url: str, alt: object) -> Markup:
    if context.eval_ctx.autoescape:
        return html_image(_in_html_of_this_page(context, url), alt)
    return image(_from_this_page(context, url), alt)


@jinja2.pass_eval_context
def _block(context: EvalContext, text: object) -> Markup:
    """`{{ text | block }}`: text that may hold paragraphs, as Markdown paragraphs or as `<p>` elements."""
    return html_paragraphs(text) if context.autoescape else escape_block(text)


class TemplateLinks:
    """`link("persona", "ana")` in a template: a Markdown link to the page (which MkDocs checks and turns into a URL)
    in a Markdown template, an `<a>` with the page's final URL in an HTML one; the plain name when the entity has no
    page."""

    def __init__(self, links: PageLinks) -> None:
        self.links = links

    @jinja2.pass_eval_context
    def __call__(self, context: EvalContext, kind: str, entity_id: str = "", text: object = None) -> Markup:
        if context.autoescape:
            return self.links.html(kind, entity_id, text)
        return self.links(kind, entity_id, text)


def _in_html_of_this_page(context: jinja2.runtime.Context, url: str) -> str:
    links = context.get("link")
    return links.links.data_url(url) if isinstance(links, TemplateLinks) else url


def _from_this_page(context: jinja2.runtime.Context, url: str) -> str:
    page = context.get("page")
    return from_page(url, page.src_uri) if page is not None else url


def template_problem(error: jinja2.TemplateError, src_uri: str, templates_dir: Path | None) -> str:
    """What went wrong in a page template, where (template file and line) and how to get going again."""
    where = ""
    if isinstance(error, jinja2.TemplateSyntaxError):
        where = f"{_shown(error.filename or error.name or '', templates_dir)}:{error.lineno}: "
    else:  # raised while rendering: Jinja puts the template's file and line in the traceback
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".j2")]
        if frames:
            where = f"{_shown(frames[-1].filename, templates_dir)}:{frames[-1].lineno}: "
    hint = (
        f"fix the template, or remove it from {_shown(str(templates_dir), templates_dir)} to use the shipped one"
        if templates_dir is not None
        else "this is a bug in mkdocs-journeys: please report it"
    )
    return f"{where}the page {src_uri} cannot be written: {error.message or error}\n    hint: {hint}"


def _shown(path: str, templates_dir: Path | None) -> str:
    """A template's path relative to the project (the folder holding `templates_dir`), as diagnostics show paths."""
    if templates_dir is not None:
        try:
            return Path(path).relative_to(templates_dir.parent).as_posix()
        except ValueError:
            pass
    return path


@jinja2.pass_eval_context
def emotion_text(context: EvalContext, emotion: Emotion | None) -> Markup:
    """'🙂 Satisfied (+1)' — the face and the word, so it reads without colour and in search results."""
    if emotion is None:
        return Markup("—")
    score = f"{emotion.score:+d}" if emotion.score else "0"
    label = escape(emotion.label) if context.autoescape else escape_inline(emotion.label)
    return Markup(f"{EMOTION_FACES[emotion.score]} {label} ({score})")


def kpi_on_target(kpi: Kpi) -> bool | None:
    """Whether the KPI meets its target; None when it has no target or no actual value."""
    if kpi.target is None or kpi.actual is None:
        return None
    return kpi.actual >= kpi.target if kpi.higher_is_better else kpi.actual <= kpi.target


def kpi_status(kpi: Kpi) -> str:
    on_target = kpi_on_target(kpi)
    if on_target is None:
        return "not measured" if kpi.actual is None else "no target"
    return "✅ on target" if on_target else "⚠️ below target" if kpi.higher_is_better else "⚠️ above target"
