"""The suggestions for one persona at one stage as plain text, for `mkdocs-journeys suggest` in a terminal or a
pull request comment: what to publish, where, and why, and with `explain` why every other format was left out."""

from __future__ import annotations

import textwrap

from mkdocs_journeys.advice.advisor import Advisor
from mkdocs_journeys.advice.explain import not_suggested

WIDTH = 100


def suggestions_text(advisor: Advisor, persona_id: str, stage_id: str, *, explain: bool = False) -> str:
    catalog = advisor.map.catalog
    persona = catalog.personas[persona_id]
    stage = catalog.stages[stage_id]
    business = advisor.business(persona_id)
    industry = business.industry.name if business.industry else "not declared"
    audience = business.audience or "not declared"
    lines = [
        f"{_one_line(persona.name)} ({persona_id}) at {_one_line(stage.name)} ({stage_id})",
        f"Business: {_one_line(industry)}; customers: {audience}.",
        "",
    ]
    suggestions = advisor.suggestions_for_persona(persona_id, stage_id)
    if not advisor.map.journeys_of((persona_id, stage_id)):
        lines.append(
            "No journey of this persona goes through this stage: nothing is recorded there to call for content."
        )
    elif not suggestions:
        lines.append("Nothing recorded for this persona at this stage calls for new content.")
    else:
        lines.append("Suggested, most impact first:")
    for number, suggestion in enumerate(suggestions, start=1):
        places = [catalog.channels[suggestion.channel].name] if suggestion.channel in catalog.channels else []
        if suggestion.touchpoint is not None and catalog.touchpoints[suggestion.touchpoint].name not in places:
            places.append(catalog.touchpoints[suggestion.touchpoint].name)
        where = f" (on {', '.join(places)})" if places else ""
        lines.append("")
        lines += _wrapped(f"{number}. {_one_line(suggestion.title)}{where}", "   ")
        lines += _wrapped(f"Why: {suggestion.reason}", "   ", first="   ")
        if suggestion.personas > 1:
            lines.append(f"   {suggestion.personas} personas need it at this stage.")
        if suggestion.also:
            lines += _wrapped("Also: " + "; ".join(s.summary for s in suggestion.also), "   ", first="   ")
        if suggestion.published:
            titles = ", ".join(catalog.content[a].title for a in suggestion.published)
            lines += _wrapped(f"Published already, and it falls short: {titles}", "   ", first="   ")
        lines += _wrapped(f"What it does: {suggestion.format.purpose}", "   ", first="   ")
    if explain:
        lines += ["", "Not suggested:"]
        for left_out in not_suggested(advisor, persona_id, stage_id):
            lines += _wrapped(f"- {left_out.format.name} ({left_out.format.id}): {left_out.why}.", "    ")
    return "\n".join(lines) + "\n"


def _wrapped(text: str, indent: str, first: str = "") -> list[str]:
    return textwrap.wrap(_one_line(text), WIDTH, initial_indent=first, subsequent_indent=indent) or [first]


def _one_line(text: str) -> str:
    """Text from YAML on one line, without control characters that a terminal would act on."""
    return " ".join("".join(c if c.isprintable() or c in _JOINERS else " " for c in text).split())


_JOINERS = "\u200c\u200d"
"""Invisible, but part of how a word or an emoji is written (👩🏽‍⚕️ is a woman, a skin tone, a joiner and a staff of
Aesculapius): kept, unlike the other format characters, which could reorder the text in a terminal."""
