"""Scores a content-suggestion engine against the labelled evaluation set (evaluation.yml, formats.yml).

The engine is any callable that takes one case and returns what it would suggest there: format ids, or
`(format id, channel id)` pairs when it also says where to publish. Keeping the engine behind a callable keeps the
set independent of the product: the same scoring serves today's rules, tomorrow's, and a benchmark script.

The definitions are those of the header of evaluation.yml: precision and recall per case and pooled over all
cases, `must_not` formats suggested reported apart as violations, and channels a format cannot be published on
reported apart as channel errors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
EVALUATION_FILE = HERE / "evaluation.yml"
FORMATS_FILE = HERE / "formats.yml"

Case = dict[str, Any]
Suggestion = str | tuple[str, str]
"""A format id, or a format id and the channel id the engine would publish it on."""


def load_cases(path: Path = EVALUATION_FILE) -> list[Case]:
    """The cases of the set, each with its persona written in (`case["persona"]` is the persona, with its `id`),
    so that an engine reads one case without looking anything up."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    personas: Mapping[str, Mapping[str, Any]] = data["personas"]
    return [{**case, "persona": {"id": case["persona"], **personas[case["persona"]]}} for case in data["cases"]]


def load_formats(path: Path = FORMATS_FILE) -> dict[str, dict[str, Any]]:
    """The evaluation's formats by id."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {entry["id"]: entry for entry in data["formats"]}


@dataclass(frozen=True)
class CaseScore:
    """How one case went: which suggestions were right, wrong or forbidden, and which fit formats were missed."""

    case: str
    suggested: tuple[str, ...]
    """Format ids suggested, first suggestion first, each once."""
    correct: tuple[str, ...]
    """Suggested and in `fit`."""
    wrong: tuple[str, ...]
    """Suggested and not in `fit` (violations included): what costs precision."""
    violations: tuple[str, ...]
    """Suggested and in `must_not`: hard failures."""
    missed: tuple[str, ...]
    """In `fit` and not suggested: what costs recall."""
    fit: int
    """How many formats the case's `fit` lists."""
    channel_errors: tuple[str, ...] = ()
    """`format on channel` for each suggestion placed where it cannot or should not be published."""

    @property
    def precision(self) -> float:
        """Share of the suggestions that fit; 1 when nothing was suggested (nothing wrong was said)."""
        return len(self.correct) / len(self.suggested) if self.suggested else 1.0

    @property
    def recall(self) -> float:
        """Share of the fit formats that were suggested; 1 when the case has none to find."""
        return len(self.correct) / self.fit if self.fit else 1.0


@dataclass(frozen=True)
class Score:
    """The whole set: per-case scores and the pooled totals."""

    cases: tuple[CaseScore, ...]

    @property
    def suggested(self) -> int:
        return sum(len(c.suggested) for c in self.cases)

    @property
    def correct(self) -> int:
        return sum(len(c.correct) for c in self.cases)

    @property
    def fit(self) -> int:
        return sum(c.fit for c in self.cases)

    @property
    def precision(self) -> float:
        """All correct suggestions over all suggestions, pooled over the cases."""
        return self.correct / self.suggested if self.suggested else 1.0

    @property
    def recall(self) -> float:
        """All fit formats suggested over all fit formats, pooled over the cases."""
        return self.correct / self.fit if self.fit else 1.0

    @property
    def violations(self) -> list[tuple[str, str]]:
        """Every `must_not` format suggested, as (case id, format id)."""
        return [(c.case, f) for c in self.cases for f in c.violations]

    @property
    def channel_errors(self) -> list[tuple[str, str]]:
        """Every suggestion placed on a wrong channel, as (case id, 'format on channel')."""
        return [(c.case, e) for c in self.cases for e in c.channel_errors]


def score(
    cases: Iterable[Case],
    suggest: Callable[[Case], Sequence[Suggestion]],
    formats: Mapping[str, Mapping[str, Any]] | None = None,
) -> Score:
    """Runs `suggest` on every case and scores it.

    `formats` (from `load_formats`) lets a placement be checked against the channels a format can be carried on;
    without it only the `channels` that a case gives for its fit formats are checked.
    """
    return Score(tuple(score_case(case, suggest(case), formats) for case in cases))


def score_case(
    case: Case, suggestions: Sequence[Suggestion], formats: Mapping[str, Mapping[str, Any]] | None = None
) -> CaseScore:
    """Scores the suggestions made for one case."""
    fit = {entry["format"]: entry for entry in case["fit"]}
    must_not = {entry["format"] for entry in case["must_not"]}
    suggested: list[str] = []
    channel_errors: list[str] = []
    for suggestion in suggestions:
        format_id, channel = (suggestion, None) if isinstance(suggestion, str) else suggestion
        if format_id not in suggested:
            suggested.append(format_id)
        if channel is not None and not _may_carry(format_id, channel, fit.get(format_id), formats):
            channel_errors.append(f"{format_id} on {channel}")
    return CaseScore(
        case=case["id"],
        suggested=tuple(suggested),
        correct=tuple(f for f in suggested if f in fit),
        wrong=tuple(f for f in suggested if f not in fit),
        violations=tuple(f for f in suggested if f in must_not),
        missed=tuple(f for f in fit if f not in suggested),
        fit=len(fit),
        channel_errors=tuple(channel_errors),
    )


def _may_carry(
    format_id: str,
    channel: str,
    fit_entry: Mapping[str, Any] | None,
    formats: Mapping[str, Mapping[str, Any]] | None,
) -> bool:
    if formats is not None and format_id in formats and channel not in formats[format_id]["channels"]:
        return False
    return not (fit_entry and fit_entry.get("channels") and channel not in fit_entry["channels"])
