"""Funnel arithmetic: from the counts entering each stage of a journey to conversion and drop-off between stages.

Pure and defensive, because counts come from different systems and are often incomplete:

- a stage without a count is "not counted"; the next counted stage is compared with the last counted one before
  it, and says so (`skipped`), but such a comparison spans several steps and never competes for "largest drop";
- nothing is divided by zero: after a stage that nobody entered, there is no rate;
- a count that rises (more customers enter a stage than the one before, usually two sources that do not line up)
  is shown as a rise, never as a negative drop-off.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

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
class Funnel:
    stages: tuple[FunnelStage, ...]

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


def journey_funnel(steps: Sequence[tuple[str, int | None]]) -> Funnel | None:
    """The funnel of a journey, or None when no stage has a count (nothing to show)."""
    funnel = build_funnel(steps)
    return funnel if funnel.has_counts else None


def percent(share: float | None, digits: int = 1) -> str:
    """0.08 → '8.0%'; 0.0004 → '<0.1%' rather than a misleading '0.0%'; None → '—'."""
    if share is None:
        return "—"
    value = share * 100
    smallest = 10**-digits
    if 0 < value < smallest:
        return f"<{smallest:.{digits}f}%"
    if 100 - smallest < value < 100:
        return f">{100 - smallest:.{digits}f}%"
    return f"{value:.{digits}f}%"
