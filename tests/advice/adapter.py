"""Runs the real suggestion engine on one case of the evaluation set: a catalog built from the case, an `Advisor`.

A case is what a team recorded for one persona at one stage (evaluation.yml); the adapter writes it down as a team
would in the journey YAML, with nothing the case does not say:
- the site's business is the case's industry and business model;
- the persona, with its preferred channels and frustrations; its name is the first word of its description;
- one journey through the stage (and the stage before it, when the case gives a drop-off), with the questions,
  pain points, KPIs, counts, opportunities, wishes and touchpoints recorded;
- an inventory only when the case says what is published (`existing`) or that nothing is (`coverage: gap`): the
  gap case gets an asset published for someone else, so that the site keeps an inventory and this cell is empty;
- a touchpoint's own pain points are touchpoint moments (`touchpoints: [{touchpoint: …, pain_points: […]}]`);
  with `fold_moments=True` they are put on the stage instead, as a team recorded them before moments existed.

The engine's answer for the case is what the journey page shows for the persona at that stage: every suggestion,
as (format id, channel id).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mkdocs_journeys.advice.advisor import Advisor
from mkdocs_journeys.advice.suggestions import ContentSuggestion
from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.model import (
    BUILTIN_CHANNELS,
    Business,
    Channel,
    ContentAsset,
    Journey,
    JourneyStep,
    Kpi,
    Persona,
    Stage,
    StageContent,
    Touchpoint,
    TouchpointMoment,
)
from mkdocs_journeys.data.view import JourneyMap

INDUSTRIES = {"b2b-software": "software", "b2c-retail": "retail"}
"""The evaluation's industry ids that the product names otherwise (its business model is a key of its own)."""

EXTRA_CHANNELS = (Channel(id="sms", name="Text message"), Channel(id="post", name="Letters"))
"""The channels the evaluation's teams add under `channels:` in touchpoints.yml."""

OTHER_PERSONA = "someone-else"


@dataclass
class CaseSite:
    """The catalog written from one case, and where its persona is."""

    catalog: Catalog
    journey: Journey
    step: JourneyStep
    persona: str

    def advisor(self) -> Advisor:
        return Advisor(JourneyMap(self.catalog))

    def suggestions(self) -> tuple[ContentSuggestion, ...]:
        return self.advisor().suggestions_for_step(self.journey, self.step, self.persona)


def case_site(case: dict[str, Any], *, fold_moments: bool = False) -> CaseSite:
    recorded: dict[str, Any] = case["recorded"]
    stage = Stage(id=case["stage"]["id"], name=case["stage"]["name"], type=case["stage"]["type"])
    stages = {stage.id: stage}
    steps = []
    previous = recorded.get("previous")
    if previous:
        before = Stage(id=previous["stage"], name=previous["stage"].replace("-", " ").capitalize())
        stages = {before.id: before, stage.id: stage}
        steps.append(JourneyStep(stage=before.id, entering=previous["entering"]))

    touchpoints = [
        Touchpoint(id=t["id"], name=t["name"], channel=t["channel"]) for t in recorded.get("touchpoints", [])
    ]
    moment_pains = [pain for t in recorded.get("touchpoints", []) for pain in t.get("pain_points", [])]
    moments = [
        TouchpointMoment(touchpoint=t["id"], pain_points=[] if fold_moments else t.get("pain_points", []))
        for t in recorded.get("touchpoints", [])
    ]
    existing = [
        ContentAsset(id=f"published-{i}", title=a["title"], format=a["format"], stages=[stage.id])
        for i, a in enumerate(recorded.get("existing", []))
    ]
    if recorded.get("coverage") == "gap":
        existing.append(
            ContentAsset(
                id="for-someone-else", title="Elsewhere", format="faq", stages=[stage.id], personas=[OTHER_PERSONA]
            )
        )
    step = JourneyStep(
        stage=stage.id,
        questions=recorded.get("questions", []),
        pain_points=recorded.get("pain_points", []) + (moment_pains if fold_moments else []),
        opportunities=recorded.get("opportunities", []),
        decision=recorded.get("decision"),
        actions=recorded.get("actions", []),
        kpis=[Kpi(**kpi) for kpi in recorded.get("kpis", [])],
        entering=recorded.get("entering"),
        touchpoints=moments,
        content=StageContent(wishes=recorded.get("wishes", [])) if recorded.get("wishes") else None,
    )
    steps.append(step)

    described = case["persona"]
    persona = Persona(
        id=described["id"],
        name=described["description"].split(",")[0].split()[0],
        role=described["description"],
        preferred_channels=described.get("preferred_channels", []),
        pain_points=described.get("pain_points", []),
    )
    other = Persona(id=OTHER_PERSONA, name="Someone Else", role="Another customer")
    journey = Journey(id="journey", name="Journey", personas=[persona.id], stages=steps)
    catalog = Catalog(
        stages=stages,
        channels={c.id: c for c in (*BUILTIN_CHANNELS, *EXTRA_CHANNELS)},
        touchpoints={t.id: t for t in touchpoints},
        personas={persona.id: persona, other.id: other},
        journeys={journey.id: journey},
        content={a.id: a for a in existing},
        business=Business(industry=INDUSTRIES.get(case["industry"], case["industry"]), model=case["business_model"]),
    )
    return CaseSite(catalog, journey, step, persona.id)


def engine(case: dict[str, Any], *, fold_moments: bool = False) -> list[tuple[str, str]]:
    """The product's suggestions for the case, as (format id, channel id), for `scoring.score`."""
    return [(s.format.id, s.channel or "") for s in case_site(case, fold_moments=fold_moments).suggestions()]


__all__ = ["CaseSite", "case_site", "engine"]
