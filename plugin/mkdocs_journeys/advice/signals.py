"""What a journey records that calls for content: the signals a suggestion must be earned by.

A suggestion is only made when something recorded for a persona at a stage calls for it, and its reason quotes that
thing. The signals, gathered here from one stage of one journey:

- a question or a pain point of the stage;
- a pain point at a touchpoint as used in that stage (a touchpoint moment, see `MomentRecord`);
- a KPI off its target (below it, or above it when lower is better);
- a large drop-off into the stage (`funnel.LARGE_DROP_OFF`);
- a coverage gap: the team keeps a content inventory, and nothing in it serves the persona at the stage;
- an open opportunity or a content wish the team wrote down;
- one of the persona's own frustrations, only where the stage records something of its own: a persona's pain
  points are not tied to a stage, and alone they would turn up everywhere.

Signals with figures (a KPI, a drop-off) carry a `shortfall` between 0 and 1, which ranks suggestions: where the
journey loses most people or misses its target by most comes first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from mkdocs_journeys.advice.funnel import FunnelStage
from mkdocs_journeys.data.model import JourneyStep, Kpi, OpportunityNote, Persona, Touchpoint
from mkdocs_journeys.data.numbers import format_number, percent

SignalKind = Literal["kpi", "drop-off", "moment", "pain point", "question", "opportunity", "wish", "gap", "frustration"]

SIGNAL_ORDER: tuple[SignalKind, ...] = (
    "kpi",
    "drop-off",
    "moment",
    "pain point",
    "question",
    "opportunity",
    "wish",
    "gap",
    "frustration",
)
"""Kinds in the order a suggestion's reasons are given: measured shortfalls first, the persona's profile last."""

COMPLAINTS: frozenset[SignalKind] = frozenset({"kpi", "drop-off", "moment", "pain point"})
"""Signals that say what is there falls short: only they call again for a format already published."""

WORDED: frozenset[SignalKind] = frozenset(
    {"kpi", "moment", "pain point", "question", "opportunity", "wish", "frustration"}
)
"""Signals whose words are matched against the formats' keywords."""


@dataclass(frozen=True)
class Signal:
    """One recorded thing that calls for content, in the words the team wrote."""

    kind: SignalKind
    text: str
    """The recorded words: a question, a pain point, a KPI's name, an opportunity, …; matched against keywords."""
    shortfall: float = 0.0
    """How far it falls short, 0 to 1: the share of people lost, or how far a KPI misses its target."""
    measure: str = ""
    """The figures, for a KPI or a drop-off: `78% against a target of 60%`."""
    touchpoint: Touchpoint | None = None
    """The touchpoint of a moment."""

    @property
    def is_complaint(self) -> bool:
        return self.kind in COMPLAINTS

    @property
    def summary(self) -> str:
        """The signal in a few words, for a list: the quoted words, with the figures of a KPI or a drop-off."""
        words = " ".join(self.text.split())
        if self.kind == "kpi":
            return f"“{words}” is {self.measure}"
        if self.kind == "drop-off":
            return f"{self.measure} lost"
        if self.kind == "gap":
            return words
        if self.kind == "moment" and self.touchpoint is not None:
            return f"“{words.rstrip('.')}” at {self.touchpoint.name}"
        return f"“{words.rstrip('.')}”"

    @property
    def is_worded(self) -> bool:
        return self.kind in WORDED


@dataclass(frozen=True)
class MomentRecord:
    """A touchpoint as used at one stage of one journey, as far as content is concerned: its pain points and the open
    opportunities that address it call for content published at that touchpoint."""

    touchpoint: str
    pain_points: tuple[str, ...] = ()
    opportunities: tuple[str, ...] = ()


def stage_signals(
    step: JourneyStep | None,
    *,
    moments: Iterable[MomentRecord] = (),
    opportunities: Iterable[str] = (),
    touchpoints: Mapping[str, Touchpoint] | None = None,
    funnel_stage: FunnelStage | None = None,
    stage_names: Mapping[str, str] | None = None,
    gap: str | None = None,
    persona: Persona | None = None,
) -> list[Signal]:
    """Everything recorded at one stage of one journey that calls for content, each thing once, in `SIGNAL_ORDER`.

    `moments` are the touchpoint moments of the step, `opportunities` the words of the open opportunities defined for
    it (in `opportunities.yml` or inline) that no moment takes, besides the plain notes of its `opportunities:`;
    `touchpoints` every touchpoint by id; `funnel_stage` is the
    step's place in its journey's funnel (with `stage_names` to name the stage before); `gap` is the sentence that
    says nothing is published for the persona here, when that is so; `persona` brings their frustrations.
    """
    known = touchpoints or {}
    signals: list[Signal] = []
    if step is not None:
        signals += [kpi_signal(kpi) for kpi in step.kpis if off_target(kpi)]
    if funnel_stage is not None and funnel_stage.is_large_drop:
        signals.append(drop_off_signal(funnel_stage, stage_names or {}))
    for moment in moments:
        touchpoint = known.get(moment.touchpoint)
        signals += [Signal("moment", text, touchpoint=touchpoint) for text in moment.pain_points]
        signals += [Signal("opportunity", text, touchpoint=touchpoint) for text in moment.opportunities]
    if step is not None:
        lived = step.by_persona.get(persona.id) if persona is not None else None
        pains = [*step.pain_points, *(lived.pain_points if lived is not None else ())]
        signals += [Signal("pain point", str(pain)) for pain in pains]
        signals += [Signal("question", text) for text in step.questions]
        signals += [
            Signal("opportunity", str(note)) for note in step.opportunities if isinstance(note, OpportunityNote)
        ]
    signals += [Signal("opportunity", text) for text in opportunities]
    if step is not None:
        signals += [Signal("wish", text) for text in (step.content.wishes if step.content else ())]
    if gap:
        signals.append(Signal("gap", gap))
    recorded = any(signal.kind != "gap" for signal in signals)
    if persona is not None and recorded:
        signals += [Signal("frustration", text) for text in persona.pain_points]
    order = {kind: position for position, kind in enumerate(SIGNAL_ORDER)}
    return sorted(_unique(signals), key=lambda signal: order[signal.kind])


def off_target(kpi: Kpi) -> bool:
    """Below its target, or above it when lower is better; a KPI without both figures is not judged."""
    if kpi.target is None or kpi.actual is None:
        return False
    return kpi.actual < kpi.target if kpi.higher_is_better else kpi.actual > kpi.target


def kpi_signal(kpi: Kpi) -> Signal:
    """A KPI off target: how far it misses, relative to the target (capped at 1)."""
    assert kpi.target is not None and kpi.actual is not None
    gap = abs(kpi.target - kpi.actual)
    shortfall = min(1.0, gap / abs(kpi.target)) if kpi.target else 1.0
    measure = f"{format_number(kpi.actual, kpi.unit)} against a target of {format_number(kpi.target, kpi.unit)}"
    return Signal("kpi", kpi.name, shortfall, measure)


def drop_off_signal(funnel_stage: FunnelStage, stage_names: Mapping[str, str]) -> Signal:
    """A large drop-off into the stage: the share of those who entered the stage before who did not enter this one."""
    assert funnel_stage.previous is not None and funnel_stage.drop_off is not None
    before = stage_names.get(funnel_stage.previous, funnel_stage.previous)
    measure = f"{percent(funnel_stage.drop_off, 0)} ({funnel_stage.lost:,}) of those who entered {before}"
    return Signal("drop-off", f"lost since {before}", funnel_stage.drop_off, measure)


def _unique(signals: Iterable[Signal]) -> list[Signal]:
    """Each thing once: the same words (ignoring case and spacing) recorded twice are one signal, the first."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for signal in signals:
        key = (
            signal.kind if signal.kind in ("kpi", "drop-off", "gap") else "words",
            " ".join(signal.text.lower().split()),
        )
        if key not in seen:
            seen.add(key)
            unique.append(signal)
    return unique
