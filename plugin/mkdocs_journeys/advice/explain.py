"""Why a format was not suggested to a persona at a stage: the first rule of the library or the suggestions it fails.

`mkdocs-journeys suggest PERSONA STAGE --explain` prints this for every format the site knows, so a team can see
what to record, declare or change to get a format suggested, or why it never will be for this persona.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs_journeys.advice.advisor import Advisor
from mkdocs_journeys.advice.library import library_formats
from mkdocs_journeys.advice.suggestions import OPEN_CHANNELS, earn
from mkdocs_journeys.data.model import ContentFormat, Journey, JourneyStep


@dataclass(frozen=True)
class NotSuggested:
    """A format left out, and why in one line."""

    format: ContentFormat
    why: str


def not_suggested(advisor: Advisor, persona_id: str, stage_id: str) -> list[NotSuggested]:
    """Every format of the site's library, and every format a level names, that is not suggested to the persona at
    the stage, in library order, each with the first reason that keeps it out."""
    catalog = advisor.map.catalog
    stage = catalog.stages[stage_id]
    persona = catalog.personas[persona_id]
    business = advisor.business(persona_id)
    suggested = {s.format.id for s in advisor.suggestions_for_persona(persona_id, stage_id)}
    journeys = [catalog.journeys[j] for j in advisor.map.journeys_of((persona_id, stage_id))]
    steps = [(journey, advisor.map.step(journey, stage_id)) for journey in journeys]
    applicable = {f.id for journey, step in steps for f in advisor.formats_for(stage, step, persona_id)}
    if not steps:
        applicable = {f.id for f in advisor.formats_for(stage, persona_id=persona_id)}
    candidates = {f.id: f for f in library_formats(catalog)}
    for format_id in applicable:
        candidates.setdefault(format_id, advisor.registry[format_id])
    found = []
    for format_id, content_format in candidates.items():
        if format_id in suggested:
            continue
        shown = business.worded(content_format)
        if format_id in catalog.excluded_formats:
            why = "switched off for this site (`exclude:` in content.yml)"
        elif format_id not in applicable:
            why = _left_out(
                content_format,
                stage.stage_type,
                business.industry.id if business.industry else None,
                business.audience,
                persona.name.split()[0],
            )
        elif not steps:
            why = f"no journey of {persona.name.split()[0]} goes through this stage, so nothing is recorded here"
        else:
            why = _not_called(advisor, steps, persona_id, content_format)
        found.append(NotSuggested(shown, why))
    return found


def _left_out(
    content_format: ContentFormat, stage_type: str | None, industry: str | None, audience: str | None, first_name: str
) -> str:
    if stage_type is None:
        return "the stage has no `type` in stages.yml, so no built-in format applies to it"
    if stage_type not in content_format.stages:
        where = ", ".join(content_format.stages) or "only where a level of the library names it"
        return f"serves other stages ({where}), not a {stage_type} stage"
    if content_format.industries and industry not in content_format.industries:
        if industry is None:
            return (
                f"published by {', '.join(content_format.industries)} businesses, and no `business: industry` is "
                "declared (content.yml or the persona)"
            )
        return f"published by {', '.join(content_format.industries)} businesses, not {industry}"
    if content_format.audience != "any" and content_format.audience != audience:
        if audience is None:
            return (
                f"written for {content_format.audience}, and no `business: model` says whom {first_name} is "
                "(content.yml or the persona)"
            )
        return f"written for {content_format.audience}, and {first_name} is one of your {audience}"
    return "removed from this stage by the library's changes (`library:`, `content_formats:` or `content: formats:`)"


def _not_called(
    advisor: Advisor, steps: list[tuple[Journey, JourneyStep]], persona_id: str, content_format: ContentFormat
) -> str:
    """Applicable, yet not suggested: nothing calls for it, it reaches them nowhere, or it is published already."""
    catalog = advisor.map.catalog
    persona = catalog.personas[persona_id]
    first_name = persona.name.split()[0]
    for journey, step in steps:
        stage = catalog.stages[step.stage]
        signals = advisor.signals(journey, step, persona_id)
        formats = advisor.formats_for(stage, step, persona_id)
        called = earn(formats, signals, stage.stage_type).get(content_format.id, [])
        if not called:
            continue
        touchpoints = {catalog.touchpoints[t].channel for t in step.touchpoint_ids if t in catalog.touchpoints}
        reachable = OPEN_CHANNELS | set(persona.preferred_channels) | touchpoints
        carriers = [c for c in content_format.channels if c in catalog.channels]
        if not reachable & set(carriers or OPEN_CHANNELS):
            channels = ", ".join(carriers or content_format.channels)
            return (
                f"called for by {called[0].summary}, but it is carried on {channels}, where {first_name} is "
                "neither reached by a touchpoint of this stage nor prefers to be"
            )
        published = [a.title for a in advisor.published_for(persona_id, step.stage) if a.format == content_format.id]
        if published:
            return (
                f"already published ({', '.join(published)}), and nothing recorded here (a pain point, a KPI off "
                "target, a drop-off) says it falls short"
            )
    if content_format.keywords:
        return "nothing recorded here calls for it (no question, pain point, KPI or wish with its keywords)"
    return "nothing recorded here calls for it"
