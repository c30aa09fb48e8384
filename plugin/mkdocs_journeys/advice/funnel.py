"""Funnel arithmetic: from the counts entering each stage of a journey to conversion and drop-off between stages.

Pure and defensive, because counts come from different systems and are often incomplete:

- a stage without a count is "not counted"; the next counted stage is compared with the last counted one before
  it, and says so (`skipped`), but such a comparison spans several steps and never competes for "largest drop";
- nothing is divided by zero: after a stage that nobody entered, there is no rate;
- a count that rises (more customers enter a stage than the one before, usually two sources that do not line up)
  is shown as a rise, never as a negative drop-off.

A funnel runs towards the conversion: by default through the stages before and during the purchase
(`FUNNEL_PHASES`, the plugin option `funnel_phases`). Customers who do not come back after the purchase have not
dropped out of a funnel; stages after it (retention, advocacy) are each given as their own rate of the customers
who converted (`AfterConversion`), never as a drop-off.

Counts say how many go on, not where the others leave. Teams record that as a rate: "Checkout abandonment rate, 71%",
a KPI of the checkout in the purchase stage (or of the stage, or of a touchpoint on one of its paths). Such a KPI is
recognised by its name and its unit (`is_leaving_rate`), and the funnel shows it, with what is recorded as going
wrong there, as where people leave (`Leaving`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from mkdocs_journeys.data.model import Journey, Kpi, PainPoint, Phase, Stage, TouchpointMoment

FUNNEL_PHASES: tuple[Phase, ...] = ("before", "during")
"""The phases whose stages make up a journey's funnel by default: the steps towards the purchase."""

PHASE_OF_TYPE: dict[str, Phase] = {
    "awareness": "before",
    "favorability": "before",
    "consideration": "before",
    "intent": "before",
    "decision": "before",
    "purchase": "during",
    "retention": "after",
    "advocacy": "after",
}
"""The phase of a common stage type, for stages that do not give theirs."""


def stage_phase(stage: Stage) -> Phase | None:
    """The stage's phase as written, else the one its common type implies, else None (not known)."""
    if stage.phase is not None:
        return stage.phase
    return PHASE_OF_TYPE.get(stage.stage_type or "")


LARGE_DROP_OFF = 0.5
"""A step that loses at least half of those who entered the stage before calls for content (`is_large_drop`): most
funnels lose people at every step, and a team acts first where more are lost than kept."""


@dataclass(frozen=True)
class FunnelStage:
    stage: str
    entering: int | None
    previous: str | None = None
    """The stage this one is compared with: the closest earlier stage with a count."""
    skipped: tuple[str, ...] = ()
    """Stages between `previous` and this one that have no count."""
    conversion: float | None = None
    """Share of `previous`'s entrants who entered this stage (0 to 1); None when it cannot be computed or rises."""
    lost: int = 0
    """How many fewer entered this stage than `previous` (never negative)."""
    drop_off: float | None = None
    """`lost` as a share of `previous`'s entrants (0 to 1); None when it cannot be computed."""
    rise: int = 0
    """How many more entered this stage than `previous`: the counts do not line up."""
    largest_drop: bool = False

    @property
    def counted(self) -> bool:
        return self.entering is not None

    @property
    def compared(self) -> bool:
        """Compared with a previous count at all (even if no rate could be computed)."""
        return self.previous is not None and self.entering is not None

    @property
    def adjacent(self) -> bool:
        """Compared with the stage directly before it, so the drop-off belongs to this one step."""
        return self.compared and not self.skipped

    @property
    def is_large_drop(self) -> bool:
        """At least `LARGE_DROP_OFF` of those who entered the stage directly before did not enter this one."""
        return self.adjacent and self.drop_off is not None and self.drop_off >= LARGE_DROP_OFF


@dataclass(frozen=True)
class AfterConversion:
    """A stage after the conversion, as its own rate: how many of those who converted are counted here."""

    stage: str
    entering: int | None
    base: str | None = None
    """The funnel's last counted stage (the conversion), which the rate is of; None when the funnel counts none."""
    base_entering: int | None = None
    rate: float | None = None
    """`entering` as a share of `base_entering`; None when either is missing, the base is zero or it is exceeded."""

    @property
    def counted(self) -> bool:
        return self.entering is not None

    @property
    def exceeds_base(self) -> bool:
        """More are counted here than converted (repeat customers, or sources that do not line up)."""
        return self.entering is not None and self.base_entering is not None and self.entering > self.base_entering


LEAVING_WORDS = re.compile(
    r"\babandon|\bdrop[- ]?(?:off|out)s?\b|\bbounce|\bchurn|\bexit rate|\bleft without", re.IGNORECASE
)
"""What the name of a KPI that counts people leaving says: abandonment, drop-off, drop-out, bounce, churn, exit rate."""


def is_leaving_rate(kpi: Kpi) -> bool:
    """A measured share of customers who leave: its name says so (`LEAVING_WORDS`) and it is a percentage. A count
    ("Abandoned baskets: 1,200") says how many, not which share, and is left to the KPI tables."""
    return kpi.actual is not None and (kpi.unit or "").strip() == "%" and LEAVING_WORDS.search(kpi.name) is not None


@dataclass(frozen=True)
class Leaving:
    """Where people leave, as recorded: a leaving rate of a stage, or of one of its touchpoints (on one of its
    paths), with the pain points recorded in the same place, which say what goes wrong there."""

    stage: str
    kpi: Kpi
    touchpoint: str | None = None
    path: str | None = None
    """The name of the path the touchpoint is on, when the stage forks."""
    pain_points: tuple[PainPoint, ...] = ()

    @property
    def rate(self) -> float:
        """The share who leave, 0 to 1 (capped: a rate written above 100% is still everyone)."""
        return min(max((self.kpi.actual or 0) / 100, 0.0), 1.0)


def where_people_leave(journey: Journey) -> tuple[Leaving, ...]:
    """Every leaving rate the journey records, in journey order: in a stage, its own first, then its touchpoints',
    then those of its paths' touchpoints."""
    found: list[Leaving] = []
    for step in journey.stages:
        found += [
            Leaving(step.stage, kpi, pain_points=tuple(step.pain_points)) for kpi in step.kpis if is_leaving_rate(kpi)
        ]
        moments: list[tuple[str | None, TouchpointMoment]] = [(None, moment) for moment in step.touchpoints]
        moments += [(path.name, moment) for path in step.paths for moment in path.touchpoints]
        for path_name, moment in moments:
            found += [
                Leaving(step.stage, kpi, moment.touchpoint, path_name, tuple(moment.pain_points))
                for kpi in moment.kpis
                if is_leaving_rate(kpi)
            ]
    return tuple(found)


@dataclass(frozen=True)
class Funnel:
    stages: tuple[FunnelStage, ...]
    """The steps towards the conversion, in journey order."""
    after: tuple[AfterConversion, ...] = ()
    """The stages after the conversion, each with its own rate."""
    leaving: tuple[Leaving, ...] = ()
    """Where people leave, as the journey records it (`where_people_leave`), in journey order."""

    @property
    def most_leave(self) -> Leaving | None:
        """The place where the largest share leaves (the first of equals)."""
        return max(self.leaving, key=lambda leaving: leaving.rate) if self.leaving else None

    @property
    def counted(self) -> list[FunnelStage]:
        return [s for s in self.stages if s.counted]

    @property
    def has_counts(self) -> bool:
        return bool(self.counted)

    @property
    def largest_drop(self) -> FunnelStage | None:
        return next((s for s in self.stages if s.largest_drop), None)

    @property
    def overall_conversion(self) -> float | None:
        """From the first counted stage to the last, when there are two and the first is not zero."""
        counted = self.counted
        if len(counted) < 2 or not counted[0].entering:
            return None
        last = counted[-1].entering or 0
        return last / counted[0].entering if last <= counted[0].entering else None

    def stage(self, stage_id: str) -> FunnelStage | None:
        return next((s for s in self.stages if s.stage == stage_id), None)

    def after_stage(self, stage_id: str) -> AfterConversion | None:
        return next((s for s in self.after if s.stage == stage_id), None)


def build_funnel(counts: Sequence[tuple[str, int | None]]) -> Funnel:
    """`counts`: (stage id, customers entering or None) in journey order."""
    stages: list[FunnelStage] = []
    last: tuple[str, int] | None = None
    skipped: list[str] = []
    for stage_id, entering in counts:
        if entering is None:
            stages.append(FunnelStage(stage_id, None))
            if last is not None:
                skipped.append(stage_id)
            continue
        if entering < 0:
            raise ValueError(f"negative count for stage {stage_id!r}")
        if last is None:
            stages.append(FunnelStage(stage_id, entering))
        else:
            stages.append(_compare(stage_id, entering, last, tuple(skipped)))
        last, skipped = (stage_id, entering), []
    return Funnel(tuple(_mark_largest_drop(stages)))


def _compare(stage_id: str, entering: int, last: tuple[str, int], skipped: tuple[str, ...]) -> FunnelStage:
    previous, before = last
    if entering > before:
        return FunnelStage(stage_id, entering, previous, skipped, rise=entering - before)
    lost = before - entering
    if before == 0:  # 0 → 0: nobody to lose, no rate
        return FunnelStage(stage_id, entering, previous, skipped)
    return FunnelStage(stage_id, entering, previous, skipped, entering / before, lost, lost / before)


def _mark_largest_drop(stages: list[FunnelStage]) -> list[FunnelStage]:
    """The step between adjacent counted stages that loses the largest share; the first of equals; none if none
    loses anyone. Comparisons across uncounted stages are left out: their loss belongs to several steps."""
    candidates = [s for s in stages if s.adjacent and s.drop_off is not None and s.lost > 0]
    if not candidates:
        return stages
    largest = max(candidates, key=lambda s: s.drop_off or 0.0)  # max keeps the first of equals
    return [replace(s, largest_drop=True) if s is largest else s for s in stages]


def journey_funnel(
    steps: Sequence[tuple[str, int | None]], after: Collection[str] = (), leaving: Sequence[Leaving] = ()
) -> Funnel | None:
    """The funnel of a journey, or None when no stage has a count and nobody is recorded leaving (nothing to show).

    `steps` are (stage id, customers entering or None) in journey order; the stages named in `after` come after the
    conversion and get their own rates. A journey made only of such stages (all after the purchase: onboarding to
    renewal) is a funnel of its own, through all of them. `leaving`: where people leave, as recorded."""
    towards = [step for step in steps if step[0] not in after]
    if not towards:
        towards, after = list(steps), ()
    funnel = build_funnel(towards)
    last = funnel.counted[-1] if funnel.counted else None
    rates = tuple(_after_conversion(stage_id, entering, last) for stage_id, entering in steps if stage_id in after)
    if not funnel.has_counts and not any(rate.counted for rate in rates) and not leaving:
        return None
    return replace(funnel, after=rates, leaving=tuple(leaving))


def _after_conversion(stage_id: str, entering: int | None, last: FunnelStage | None) -> AfterConversion:
    if last is None or last.entering is None:
        return AfterConversion(stage_id, entering)
    base = last.entering
    rate = entering / base if entering is not None and base and entering <= base else None
    return AfterConversion(stage_id, entering, last.stage, base, rate)


def funnel_after(stages: Sequence[Stage], phases: Collection[str] = FUNNEL_PHASES) -> set[str]:
    """Ids of the stages that are not part of a funnel through `phases`: those of a known phase outside them. A stage
    of no known phase stays in the funnel, as funnels were before phases existed."""
    return {stage.id for stage in stages if (phase := stage_phase(stage)) is not None and phase not in phases}
