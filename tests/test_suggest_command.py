"""`mkdocs-journeys suggest PERSONA STAGE [--explain]`: the suggestions with their reasons, and why the rest were not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from mkdocs_journeys.data.formats import BUILTIN_FORMATS

RunCli = Callable[..., Result]
REPO = Path(__file__).resolve().parent.parent


def test_suggest_prints_each_suggestion_most_impact_first_with_its_reason(run_cli: RunCli) -> None:
    result = run_cli("suggest", "first-time-shopper", "consideration", "--path", str(REPO))

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "Jamie Chen (first-time-shopper) at Consideration (consideration)",
        "Business: Retail and e-commerce; customers: consumers.",
    ]
    text = " ".join(result.stdout.split())
    assert "1. Retargeting ad (on Social media) Why: 85% (102,000) of those who entered Awareness did not go on" in text
    assert "2. Size and fit guide addressing “Size charts differ between the product page and the help centre”" in text
    assert "Why: “Size finder completion” is 22% against a target of 35% at Consideration" in text
    assert "Not suggested:" not in result.stdout


def test_suggest_explain_says_why_each_other_format_of_the_library_was_left_out(run_cli: RunCli) -> None:
    result = run_cli("suggest", "first-time-shopper", "consideration", "--explain", "--path", str(REPO))

    text = " ".join(result.stdout.split())
    assert "- ROI calculator (roi-calculator): published by software businesses, not retail." in text
    assert "- Case study (case-study): written for businesses, and Jamie is one of your consumers." in text
    assert "- Educational blog post (blog-post): serves other stages (awareness), not a consideration stage." in text
    assert "- Product comparison (product-comparison): nothing recorded here calls for it" in text
    assert all(f"({f.id})" in text or f"{f.name} " in text for f in BUILTIN_FORMATS)


def test_suggest_explain_names_a_published_format_that_nothing_says_falls_short(run_cli: RunCli) -> None:
    result = run_cli("suggest", "small-business-owner", "consideration", "--explain", "--path", str(REPO))

    text = " ".join(result.stdout.split())
    assert "(comparison-guide): already published (Invoicing software compared - what to check before you switch)" in (
        text
    )


def test_suggest_for_a_stage_no_journey_of_the_persona_goes_through_says_so(
    make_project: Callable[..., Path], run_cli: RunCli
) -> None:
    journey = "name: Ben looks around\npersonas: [ben]\nstages:\n  - stage: awareness\n    touchpoints: [blog]\n"
    project = make_project({"personas/ben.yml": "name: Ben Ode\nrole: Buyer\n", "journeys/ben-looks.yml": journey})

    result = run_cli("suggest", "ben", "purchase", "--path", str(project))

    assert result.exit_code == 0, result.output
    assert "No journey of this persona goes through this stage" in result.stdout


def test_suggest_an_unknown_persona_is_an_error_with_did_you_mean(run_cli: RunCli) -> None:
    result = run_cli("suggest", "first-time-shoper", "consideration", "--path", str(REPO))

    assert result.exit_code == 1
    assert "Error: unknown persona 'first-time-shoper'" in result.stderr
    assert "did you mean 'first-time-shopper'?" in result.stderr


def test_suggest_on_data_with_errors_prints_them_and_fails(make_project: Callable[..., Path], run_cli: RunCli) -> None:
    project = make_project({"personas/ana.yml": "name: Ana\n"})

    result = run_cli("suggest", "ana", "awareness", "--path", str(project))

    assert result.exit_code == 1
    assert "personas/ana.yml" in result.stderr and "role" in result.stderr


def test_suggest_keeps_the_joiners_of_an_emoji_and_drops_text_direction_controls(
    make_project: Callable[..., Path], run_cli: RunCli
) -> None:
    # U+200D was dropped, so 👩🏽‍⚕️ (woman, skin tone, joiner, staff) was printed as two symbols.
    journey = "name: Ben looks around\npersonas: [ben]\nstages:\n  - stage: awareness\n    touchpoints: [blog]\n"
    persona = 'name: "Dr Ben \U0001f469\U0001f3fd\u200d\u2695\ufe0f \u202eOde"\nrole: Buyer\n'
    project = make_project({"personas/ben.yml": persona, "journeys/ben-looks.yml": journey})

    result = run_cli("suggest", "ben", "awareness", "--path", str(project))

    assert result.exit_code == 0, result.output
    assert "Dr Ben \U0001f469\U0001f3fd\u200d\u2695\ufe0f Ode (ben)" in result.stdout
