"""Markdown for every generated page, from Jinja2 templates that teams can override by name.

Python gathers what each page shows (`_context_*`); templates only lay it out. Every `{{ value }}` is escaped
for Markdown by the environment's `finalize`, unless it is `Markup` made by the link and escaping helpers, so a
template (shipped or a team's own) cannot forget to escape text from YAML.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from mkdocs_journeys.advice.coverage import coverage_matrix
from mkdocs_journeys.advice.library import format_name
from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.formats import format_registry
from mkdocs_journeys.data.model import EMOTION_SCALE, Emotion, Journey, JourneyStep, Kpi
from mkdocs_journeys.data.usage import UsageIndex
from mkdocs_journeys.site.links import LinkIndex, PageRef
from mkdocs_journeys.site.markdown import escape_block, escape_inline, external_link, image

EMOTION_FACES = {-2: "😣", -1: "🙁", 0: "😐", 1: "🙂", 2: "😄"}


@dataclass
class Sections:
    """Page parts contributed by other modules (diagrams, content advice); empty until one is plugged in.

    Templates call them as `{{ sections.diagram }}`, `{{ sections.content }}`, `{{ sections.funnel }}`,
    `{{ sections.emotion_curve }}` and `{{ sections.stage_content(step) }}`, so a team's own template can place
    or drop them.
    """

    diagram: Markup = field(default_factory=Markup)
    content: Markup = field(default_factory=Markup)
    stage_content: Callable[[JourneyStep], Markup] = lambda _step: Markup("")
    funnel: Markup = field(default_factory=Markup)
    emotion_curve: Markup = field(default_factory=Markup)


SectionProvider = Callable[[PageRef], Sections]


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escape_inline(value)


def template_environment(templates_dir: Path | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(templates_dir)))
    loaders.append(jinja2.PackageLoader("mkdocs_journeys.site", "templates"))
    environment = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,  # Markdown, not HTML: escaping is done by `finalize` below
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["block"] = escape_block
    environment.filters["url"] = lambda url, text=None: external_link(text or url, url)
    environment.filters["image"] = image
    environment.filters["number"] = format_number
    environment.globals["emotion_scale"] = EMOTION_SCALE
    return environment


@dataclass
class PageRenderer:
    catalog: Catalog
    usage: UsageIndex
    links: LinkIndex
    environment: jinja2.Environment
    sections: SectionProvider = lambda _page: Sections()

    def render(self, page: PageRef) -> str:
        context_builder = getattr(self, f"_context_{page.kind}")
        context = {
            "page": page,
            "catalog": self.catalog,
            "usage": self.usage,
            "link": lambda kind, entity_id="", text=None: self.links.link(page.src_uri, kind, entity_id, text),
            "emotion": emotion_text,
            "kpi_status": kpi_status,
            "sections": self.sections(page),
            **context_builder(page.entity_id),
        }
        return self.environment.get_template(f"{page.kind}.md.j2").render(context)

    # --- one context builder per kind of page ---------------------------------------------------------------

    def _context_overview(self, _: str) -> dict[str, Any]:
        catalog = self.catalog
        return {
            "personas": _by_name(catalog.personas.values()),
            "journeys": _by_name(catalog.journeys.values()),
            "stages": list(catalog.stages.values()),
            "channels": [catalog.channels[c] for c in self._channels_in_use()],
            "touchpoint_count": len(catalog.touchpoints),
        }

    def _context_persona(self, persona_id: str) -> dict[str, Any]:
        catalog = self.catalog
        journeys = [catalog.journeys[j] for j in self.usage.journeys_by_persona.get(persona_id, [])]
        touchpoint_rows = []
        journey_ids = {j.id for j in journeys}
        for touchpoint_id in self.usage.touchpoints_by_persona.get(persona_id, []):
            uses = [use for use in self.usage.uses_by_touchpoint[touchpoint_id] if use.journey in journey_ids]
            touchpoint_rows.append((catalog.touchpoints[touchpoint_id], uses))
        pain_points_by_stage = []
        for stage_id, stage in catalog.stages.items():
            pains = [
                (journey, pain)
                for journey in journeys
                for step in journey.stages
                if step.stage == stage_id
                for pain in step.pain_points
            ]
            if pains:
                pain_points_by_stage.append((stage, pains))
        return {
            "persona": catalog.personas[persona_id],
            "journeys": journeys,
            "touchpoint_rows": touchpoint_rows,
            "pain_points_by_stage": pain_points_by_stage,
        }

    def _context_journey(self, journey_id: str) -> dict[str, Any]:
        journey = self.catalog.journeys[journey_id]
        return {"journey": journey, "steps": [(step, self.catalog.stages[step.stage]) for step in journey.stages]}

    def _context_stage(self, stage_id: str) -> dict[str, Any]:
        catalog = self.catalog
        appearances = [
            (catalog.journeys[j], _step(catalog.journeys[j], stage_id))
            for j in self.usage.journeys_by_stage.get(stage_id, [])
        ]
        touchpoints = list(dict.fromkeys(t for _, step in appearances for t in step.touchpoints))
        position = catalog.stage_position(stage_id)
        stage_ids = list(catalog.stages)
        return {
            "stage": catalog.stages[stage_id],
            "appearances": appearances,
            "touchpoints": sorted((catalog.touchpoints[t] for t in touchpoints), key=lambda t: t.name.lower()),
            "previous_stage": catalog.stages[stage_ids[position - 1]] if position > 0 else None,
            "next_stage": catalog.stages[stage_ids[position + 1]] if position + 1 < len(stage_ids) else None,
            "assets": [catalog.content[a] for a in self.usage.content_by_stage.get(stage_id, [])],
        }

    def _context_touchpoint(self, touchpoint_id: str) -> dict[str, Any]:
        catalog = self.catalog
        uses = sorted(
            self.usage.uses_by_touchpoint.get(touchpoint_id, []),
            key=lambda u: (catalog.journeys[u.journey].name.lower(), catalog.stage_position(u.stage)),
        )
        touchpoint = catalog.touchpoints[touchpoint_id]
        return {
            "touchpoint": touchpoint,
            "channel": catalog.channels[touchpoint.channel],
            "uses": uses,
            "personas": [catalog.personas[p] for p in self.usage.personas_of_touchpoint(touchpoint_id, catalog)],
            "stages": [catalog.stages[s] for s in catalog.stages if any(u.stage == s for u in uses)],
        }

    def _context_channel(self, channel_id: str) -> dict[str, Any]:
        catalog = self.catalog
        touchpoints = [catalog.touchpoints[t] for t in self.usage.touchpoints_by_channel.get(channel_id, [])]
        personas = {p for t in touchpoints for p in self.usage.personas_of_touchpoint(t.id, catalog)}
        return {
            "channel": catalog.channels[channel_id],
            "touchpoints": touchpoints,
            "reached_personas": _by_name(catalog.personas[p] for p in personas),
            "preferring_personas": _by_name(p for p in catalog.personas.values() if channel_id in p.preferred_channels),
        }

    def _context_matrix(self, _: str) -> dict[str, Any]:
        catalog = self.catalog
        personas = _by_name(catalog.personas.values())
        rows = []
        for channel_id in self._channels_in_use():
            for touchpoint_id in self.usage.touchpoints_by_channel.get(channel_id, []):
                met = {
                    (persona_id, use.stage)
                    for use in self.usage.uses_by_touchpoint.get(touchpoint_id, [])
                    for persona_id in catalog.journeys[use.journey].personas
                }
                cells = [[catalog.stages[s] for s in catalog.stages if (persona.id, s) in met] for persona in personas]
                rows.append((catalog.channels[channel_id], catalog.touchpoints[touchpoint_id], cells))
        return {"personas": personas, "rows": rows}

    def _context_coverage(self, _: str) -> dict[str, Any]:
        registry = format_registry(self.catalog)
        return {
            "matrix": coverage_matrix(self.catalog),
            "format_name": lambda format_id: format_name(registry, format_id),
            "assets": sorted(self.catalog.content.values(), key=lambda a: (a.title.lower(), a.id)),
        }

    def _channels_in_use(self) -> list[str]:
        used = self.usage.touchpoints_by_channel
        return sorted((c for c in used if used[c]), key=lambda c: self.catalog.channels[c].name.lower())


def template_problem(error: jinja2.TemplateError, page: PageRef, templates_dir: Path | None) -> str:
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
    return f"{where}the page {page.src_uri} cannot be written: {error.message or error}\n    hint: {hint}"


def _shown(path: str, templates_dir: Path | None) -> str:
    """A template's path relative to the project (the folder holding `templates_dir`), as diagnostics show paths."""
    if templates_dir is not None:
        try:
            return Path(path).relative_to(templates_dir.parent).as_posix()
        except ValueError:
            pass
    return path


def emotion_text(emotion: Emotion | None) -> Markup:
    """'🙂 Satisfied (+1)' — the face and the word, so it reads without colour and in search results."""
    if emotion is None:
        return Markup("—")
    score = f"{emotion.score:+d}" if emotion.score else "0"
    return Markup(f"{EMOTION_FACES[emotion.score]} {escape_inline(emotion.label)} ({score})")


def format_number(value: float | None, unit: str | None = None) -> str:
    """1200 → '1,200', 12.5 → '12.5', with the unit ('%' sticks to the number)."""
    if value is None:
        return "—"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def kpi_status(kpi: Kpi) -> str:
    if kpi.target is None or kpi.actual is None:
        return "not measured" if kpi.actual is None else "no target"
    on_track = kpi.actual >= kpi.target if kpi.higher_is_better else kpi.actual <= kpi.target
    return "✅ on target" if on_track else "⚠️ below target" if kpi.higher_is_better else "⚠️ above target"


def _step(journey: Journey, stage_id: str) -> JourneyStep:
    return next(step for step in journey.stages if step.stage == stage_id)


def _by_name(items: Any) -> list[Any]:
    return sorted(items, key=lambda item: (item.name.lower(), item.id))
