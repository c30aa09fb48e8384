"""How good the content suggestions are: precision and recall on the labelled evaluation set, overall and per industry.

    python benchmarks/suggestions.py [--cases] [--fold-moments]

Runs the product's engine on every case of tests/advice/evaluation.yml through the committed adapter
(tests/advice/adapter.py: a catalog written from the case, an `Advisor`) and scores it with tests/advice/scoring.py.
Prints, overall and for each industry: precision (suggested formats that fit), recall (fit formats suggested), the
`must_not` formats suggested (violations, the issue allows none) and suggestions placed on a channel the case does
not allow; then the same for the first suggestion of each case alone (a persona page's "Publish next"). `--cases` adds one line per case that is not perfect; `--fold-moments` writes a touchpoint's own pain
points on the stage instead of passing them as touchpoint moments, as today's journey files hold them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

EVALUATION = Path(__file__).resolve().parent.parent / "tests" / "advice"
sys.path.insert(0, str(EVALUATION))

from adapter import engine  # noqa: E402
from scoring import CaseScore, load_cases, load_formats, score  # noqa: E402


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", action="store_true", help="list every case that is not perfect")
    parser.add_argument("--fold-moments", action="store_true", help="touchpoint pain points on the stage instead")
    options = parser.parse_args(argv)

    cases = load_cases()
    result = score(cases, lambda case: engine(case, fold_moments=options.fold_moments), load_formats())
    by_industry: dict[str, list[CaseScore]] = {}
    for case, case_score in zip(cases, result.cases, strict=True):
        by_industry.setdefault(case["industry"], []).append(case_score)

    moments = "folded into the stage" if options.fold_moments else "as touchpoint moments"
    print(f"Content suggestions on the evaluation set ({len(cases)} cases; touchpoint pain points {moments})\n")
    print(f"| {'Industry':<20} | Cases | Precision | Recall | Suggested | Correct | Fit | Violations | Channels |")
    print(f"| {'-' * 20} | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for industry, scores in sorted(by_industry.items()):
        print(_row(industry, scores))
    print(_row("all", list(result.cases)))
    first = score(cases, lambda case: engine(case, fold_moments=options.fold_moments)[:1], load_formats())
    print(_row("all, first only", list(first.cases)))
    print("\n'first only' scores what a persona page shows as Publish next: the first suggestion of each case.")
    for case_id, format_id in result.violations:
        print(f"\nviolation: {format_id} suggested in {case_id}")
    if options.cases:
        print()
        for case_score in result.cases:
            if case_score.wrong or case_score.missed or case_score.channel_errors:
                print(
                    f"{case_score.case}: wrong {list(case_score.wrong)}, missed {list(case_score.missed)}, "
                    f"channels {list(case_score.channel_errors)}"
                )
    return 0


def _row(label: str, scores: list[CaseScore]) -> str:
    suggested = sum(len(s.suggested) for s in scores)
    correct = sum(len(s.correct) for s in scores)
    fit = sum(s.fit for s in scores)
    violations = sum(len(s.violations) for s in scores)
    channels = sum(len(s.channel_errors) for s in scores)
    precision = correct / suggested if suggested else 1.0
    recall = correct / fit if fit else 1.0
    return (
        f"| {label:<20} | {len(scores)} | {precision:.3f} | {recall:.3f} | {suggested} | {correct} | {fit} "
        f"| {violations} | {channels} |"
    )


if __name__ == "__main__":
    sys.exit(main())
