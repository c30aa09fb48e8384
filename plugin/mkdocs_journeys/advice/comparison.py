"""What a to-be journey changes, stage by stage, against the current journey it improves.

Pure functions from the two journeys (and the stages' order) to a `Comparison`: for each stage of either journey,
in customer order, the emotion before and after, the touchpoints added and dropped, the pain points that are gone
and those that are new (compared by their text, wherever in the stage they are written), and the customers counted
before and after.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mkdocs_journeys.data.model import Journey, JourneyStep


@dataclass(frozen=True)
class StageChange:
    stage: str
    current: JourneyStep | None
    """The stage in the current journey; None when only the to-be journey goes through it."""
    future: JourneyStep | None
    """The stage in the to-be journey; None when the to-be journey leaves it out."""
    touchpoints_added: tuple[str, ...] = ()
    touchpoints_dropped: tuple[str, ...] = ()
    pain_points_gone: tuple[str, ...] = ()
    pain_points_new: tuple[str, ...] = ()

    @property
    def emotion_change(self) -> int | None:
        """How many points the emotion moves (+2: from -1 to +1); None unless both journeys score the stage."""
        before = self.current.emotion if self.current else None
        after = self.future.emotion if self.future else None
        return after.score - before.score if before and after else None

    @property
    def changed(self) -> bool:
        return bool(
            self.current is None
            or self.future is None
            or self.emotion_change
            or self.touchpoints_added
            or self.touchpoints_dropped
            or self.pain_points_gone
            or self.pain_points_new
            or self.current.counted != self.future.counted
        )


@dataclass(frozen=True)
class Comparison:
    current: Journey
    future: Journey
    stages: tuple[StageChange, ...]

    @property
    def changed(self) -> tuple[StageChange, ...]:
        return tuple(change for change in self.stages if change.changed)


def compare_journeys(current: Journey, future: Journey, stage_order: Sequence[str]) -> Comparison:
    """Every stage of either journey, in the order of `stage_order` (the ids of stages.yml)."""
    before = {step.stage: step for step in current.stages}
    after = {step.stage: step for step in future.stages}
    stages = [stage for stage in stage_order if stage in before or stage in after]
    return Comparison(current, future, tuple(_change(s, before.get(s), after.get(s)) for s in stages))


def _change(stage: str, current: JourneyStep | None, future: JourneyStep | None) -> StageChange:
    if current is None or future is None:
        return StageChange(stage, current, future)
    touchpoints_before, touchpoints_after = current.touchpoint_ids, future.touchpoint_ids
    pains_before, pains_after = _pain_points(current), _pain_points(future)
    return StageChange(
        stage,
        current,
        future,
        tuple(t for t in touchpoints_after if t not in touchpoints_before),
        tuple(t for t in touchpoints_before if t not in touchpoints_after),
        tuple(p for p in pains_before if p not in pains_after),
        tuple(p for p in pains_after if p not in pains_before),
    )


def _pain_points(step: JourneyStep) -> list[str]:
    """Every pain point of the stage, its touchpoints' and its personas' included, once each."""
    return list(dict.fromkeys(insight.text for insight in step.insights if insight.kind == "pain point"))
