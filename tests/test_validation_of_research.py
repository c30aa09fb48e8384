"""Validation of what teams record beyond the first format: touchpoint moments, opportunities, evidence, paths,
loops and continuations, to-be journeys, per-persona moments and the fuller persona. Every problem is located at
`file:line:col`, says what is wrong and how to fix it, and unknown ids get a "did you mean"."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from mkdocs_journeys.data.diagnostics import Severity
from mkdocs_journeys.data.model import Opportunity, OpportunityNote, OpportunityReference
from test_validation import BASE, codes, journey, load, one, persona

RICH = """\
name: First purchase
personas: [ana, ben]
sources: [interviews]
stages:
  - stage: awareness
    touchpoints:
      - blog
      - touchpoint: sales-call
        emotion: {score: -1, note: Pushy, sources: [interviews]}
        pain_points:
          - {id: pushy-call, text: The caller reads a script}
        share: 55%
        share_of: first contacts
    pain_points:
      - Too many articles
      - {text: Nobody answers the chat, confidence: assumed}
    opportunities:
      - Write shorter articles
      - {opportunity: call-guide}
      - {id: chat-rota, title: A chat rota on Saturdays, status: In progress, impact: 4, effort: 2}
    by_persona:
      ben: {emotion: 2, pain_points: [Nothing to complain about]}
  - stage: consideration
    paths:
      - {id: direct, name: Books direct, touchpoints: [blog], entering: 30}
      - {id: agent, name: Through an agent, touchpoints: [sales-call], entering: 60}
    loops_back: {to: awareness, when: Starts again next year}
  - stage: purchase
    continues_into: second-purchase
"""

FILES = {
    "personas/ben.yml": "name: Ben Ode\nrole: Finance director\n",
    "journeys/first-purchase.yml": RICH,
    "journeys/second-purchase.yml": "name: Second purchase\npersonas: [ana]\nstages:\n  - stage: purchase\n",
    "journeys/sources.yml": """\
        sources:
          - id: interviews
            title: Twelve customer interviews
            kind: Interviews
            size: 12
        """,
    "journeys/opportunities.yml": """\
        opportunities:
          - id: call-guide
            title: A call guide instead of a script
            owner: Sales
            addresses: {pain_points: [pushy-call], touchpoints: [sales-call]}
        """,
}


def test_a_journey_using_every_new_key_loads_without_a_problem(tmp_path: Path) -> None:
    result = load(tmp_path, FILES)

    assert result.diagnostics == []
    assert result.catalog is not None
    step = result.catalog.journeys["first-purchase"].stages[0]
    assert [m.touchpoint for m in step.touchpoints] == ["blog", "sales-call"]
    assert step.touchpoints[1].share == 0.55
    assert [str(p) for p in step.pain_points] == ["Too many articles", "Nobody answers the chat"]
    assert [type(o) for o in step.opportunities] == [OpportunityNote, OpportunityReference, Opportunity]
    assert result.catalog.opportunities["chat-rota"].status == "in-progress"
    assert sorted(result.catalog.opportunities) == ["call-guide", "chat-rota"]
    assert result.catalog.sources["interviews"].kind == "interviews"
    consideration = result.catalog.journeys["first-purchase"].stages[1]
    assert consideration.counted == 90
    assert consideration.touchpoint_ids == ["blog", "sales-call"]


# --- touchpoint moments -----------------------------------------------------------------------------------------


def test_an_unknown_touchpoint_in_a_moment_is_located_at_its_id(tmp_path: Path) -> None:
    text = RICH.replace("touchpoint: sales-call", "touchpoint: sales-cal")

    problem = one(load(tmp_path, {**FILES, "journeys/first-purchase.yml": text}))

    assert (problem.code, problem.line, problem.column) == ("unknown-touchpoint", 8, 21)
    assert problem.hint.startswith("did you mean 'sales-call'?")


def test_an_unknown_key_in_a_moment_suggests_the_keys_of_a_moment() -> None:
    problems = journey(
        "name: J\npersonas: ana\nstages:\n  - stage: a\n    touchpoints:\n      - {touchpoint: b, emoton: 1}\n"
    )

    assert [(p.code, p.line, p.column) for p in problems] == [("unknown-key", 6, 25)]
    assert "'stages[1].touchpoints[1]'" in problems[0].message
    assert "did you mean 'emotion'?" in problems[0].hint


def test_a_share_written_as_a_whole_percentage_number_says_how_to_write_it() -> None:
    problems = journey(
        "name: J\npersonas: ana\nstages:\n  - stage: a\n    touchpoints:\n      - {touchpoint: b, share: 55}\n"
    )

    assert [(p.code, p.line) for p in problems] == [("out-of-range", 6)]
    assert "'stages[1].touchpoints[1].share'" in problems[0].message


def test_a_touchpoint_id_that_is_not_an_id_is_named_as_written() -> None:
    problems = journey("name: J\npersonas: ana\nstages:\n  - stage: a\n    touchpoints: [Blog]\n")

    assert [(p.code, p.line, p.column) for p in problems] == [("invalid-id", 5, 19)]
    assert "'stages[1].touchpoints[1]'" in problems[0].message
    assert "'blog'" in problems[0].hint


# --- opportunities ----------------------------------------------------------------------------------------------


def test_a_reference_to_an_unknown_opportunity_suggests_the_nearest(tmp_path: Path) -> None:
    text = RICH.replace("{opportunity: call-guide}", "{opportunity: call-guid}")

    problem = one(load(tmp_path, {**FILES, "journeys/first-purchase.yml": text}))

    assert (problem.code, problem.line) == ("unknown-opportunity", 19)
    assert problem.hint.startswith("did you mean 'call-guide'?")
    assert "journeys/opportunities.yml or in a journey stage's `opportunities:`" in problem.hint


def test_a_reference_holds_only_the_id_of_the_opportunity() -> None:
    text = "name: J\npersonas: ana\nstages:\n  - stage: a\n    opportunities:\n      - {opportunity: x, owner: Sales}\n"

    problems = journey(text)

    assert [(p.code, p.line, p.column) for p in problems] == [("unknown-key", 6, 26)]
    assert "'stages[1].opportunities[1]'" in problems[0].message


def test_an_inline_opportunity_without_a_title_is_located_in_the_stage() -> None:
    problems = journey("name: J\npersonas: ana\nstages:\n  - stage: a\n    opportunities:\n      - {id: x, owner: S}\n")

    assert [(p.code, p.line) for p in problems] == [("missing-key", 6)]
    assert problems[0].message == "missing required key 'title' in 'stages[1].opportunities[1]'"


def test_an_unknown_status_suggests_the_nearest_status() -> None:
    text = (
        "name: J\npersonas: ana\nstages:\n  - stage: a\n    opportunities:\n      - {id: x, title: X, status: plannd}\n"
    )

    problems = journey(text)

    assert [(p.code, p.line, p.column) for p in problems] == [("not-allowed", 6, 35)]
    assert "did you mean 'planned'?" in problems[0].hint


def test_an_inline_opportunity_with_the_id_of_a_shared_one_is_a_duplicate(tmp_path: Path) -> None:
    text = RICH.replace("{id: chat-rota,", "{id: call-guide,")

    problem = one(load(tmp_path, {**FILES, "journeys/first-purchase.yml": text}))

    assert (problem.path, problem.code, problem.line) == ("journeys/first-purchase.yml", "duplicate-id", 20)
    assert "journeys/opportunities.yml:2" in problem.message


def test_an_opportunity_addressing_an_unknown_pain_point_suggests_the_nearest(tmp_path: Path) -> None:
    shared = FILES["journeys/opportunities.yml"].replace("[pushy-call]", "[pushy-calls]")

    problem = one(load(tmp_path, {**FILES, "journeys/opportunities.yml": shared}))

    assert (problem.path, problem.code) == ("journeys/opportunities.yml", "unknown-pain-point")
    assert problem.hint.startswith("did you mean 'pushy-call'?")


def test_two_pain_points_with_one_id_are_a_duplicate(tmp_path: Path) -> None:
    text = RICH.replace("{text: Nobody answers the chat,", "{id: pushy-call, text: Nobody answers the chat,")

    problem = one(load(tmp_path, {**FILES, "journeys/first-purchase.yml": text}))

    # The stage's own pain points are met before its touchpoints': the second, at line 11, is the duplicate.
    assert (problem.code, problem.line) == ("duplicate-id", 11)
    assert "journeys/first-purchase.yml:16" in problem.message


def test_naming_an_opportunity_defined_in_a_journey_with_errors_is_not_unknown(tmp_path: Path) -> None:
    broken = RICH.replace("emotion: 2,", "emotion: 5,")
    shared = textwrap.dedent(FILES["journeys/opportunities.yml"]) + "  - id: rota-copy\n    title: R\n"
    other = FILES["journeys/second-purchase.yml"] + "    opportunities: [{opportunity: chat-rota}]\n"

    result = load(
        tmp_path,
        {
            **FILES,
            "journeys/first-purchase.yml": broken,
            "journeys/opportunities.yml": shared,
            "journeys/second-purchase.yml": other,
        },
    )

    assert codes(result) == [("journeys/first-purchase.yml", "out-of-range")]


# --- evidence ---------------------------------------------------------------------------------------------------


def test_an_unknown_source_cited_by_an_emotion_is_located_and_suggests_the_nearest(tmp_path: Path) -> None:
    text = RICH.replace("Pushy, sources: [interviews]", "Pushy, sources: [interview]")

    problem = one(load(tmp_path, {**FILES, "journeys/first-purchase.yml": text}))

    assert (problem.code, problem.line) == ("unknown-source", 9)
    assert problem.hint == ("did you mean 'interviews'? (research sources are defined in journeys/sources.yml)")


def test_a_source_kind_outside_the_list_suggests_the_nearest(tmp_path: Path) -> None:
    sources = FILES["journeys/sources.yml"].replace("kind: Interviews", "kind: interview")

    problem = one(load(tmp_path, {**FILES, "journeys/sources.yml": sources}))

    assert (problem.code, problem.line) == ("not-allowed", 4)
    assert problem.hint.startswith("did you mean 'interviews'")


def test_a_source_file_must_be_a_note_of_a_folder_journey(tmp_path: Path) -> None:
    sources = textwrap.dedent(FILES["journeys/sources.yml"]) + "    file: first-purchase/notes.md\n"
    files = {**FILES, "journeys/sources.yml": sources, "journeys/second-purchase.yml": None}
    files["journeys/second-purchase/journey.yml"] = FILES["journeys/second-purchase.yml"]
    files["journeys/second-purchase/interview-notes.md"] = "# Notes\n"

    problem = one(load(tmp_path, files))

    assert (problem.path, problem.code, problem.line) == ("journeys/sources.yml", "unknown-file", 6)
    assert "'second-purchase/interview-notes.md'" in problem.hint


def test_a_source_file_naming_a_note_loads(tmp_path: Path) -> None:
    sources = textwrap.dedent(FILES["journeys/sources.yml"]) + "    file: second-purchase/interview-notes.md\n"
    files = {**FILES, "journeys/sources.yml": sources, "journeys/second-purchase.yml": None}
    files["journeys/second-purchase/journey.yml"] = FILES["journeys/second-purchase.yml"]
    files["journeys/second-purchase/interview-notes.md"] = "# Interview notes\n\nWhat we heard.\n"

    result = load(tmp_path, files)

    assert result.diagnostics == []
    assert result.catalog is not None
    (note,) = result.catalog.journey_files["second-purchase"]
    assert (note.name, note.title, note.is_note) == ("interview-notes.md", "Interview notes", True)


# --- paths, loops, continuations, to-be -------------------------------------------------------------------------


def test_a_stage_with_a_single_path_says_to_write_it_on_the_stage() -> None:
    problems = journey("name: J\npersonas: ana\nstages:\n  - stage: a\n    paths:\n      - {id: x, name: X}\n")

    assert [(p.code, p.line) for p in problems] == [("empty-list", 6)]
    assert problems[0].message == "'stages[1].paths' needs at least 2 entries"
    assert "(a fork, so two or more)" in problems[0].hint


def test_two_paths_with_one_id_are_a_duplicate(tmp_path: Path) -> None:
    problem = one(load(tmp_path, {**FILES, "journeys/first-purchase.yml": RICH.replace("{id: agent,", "{id: direct,")}))

    assert (problem.code, problem.line) == ("duplicate-id", 26)
    assert problem.message == "path id 'direct' is already used by path 1 of this stage"


def test_paths_counting_more_customers_than_enter_the_stage_is_a_warning(tmp_path: Path) -> None:
    text = RICH.replace("  - stage: consideration\n", "  - stage: consideration\n    entering: 50\n")

    problem = one(load(tmp_path, {**FILES, "journeys/first-purchase.yml": text}))

    assert (problem.code, problem.severity, problem.line) == ("path-counts", Severity.WARNING, 24)


def test_a_touchpoint_of_the_whole_stage_listed_again_on_a_path_is_repeated(tmp_path: Path) -> None:
    text = RICH.replace("  - stage: consideration\n", "  - stage: consideration\n    touchpoints: [blog]\n")

    problem = one(load(tmp_path, {**FILES, "journeys/first-purchase.yml": text}))

    assert (problem.code, problem.line) == ("repeated-reference", 26)


@pytest.mark.parametrize(
    ("loop", "message"),
    [
        ("purchase", "stage 'purchase' comes after 'consideration'"),
        ("decision", "stage 'decision' is not a stage of this journey"),
    ],
)
def test_a_loop_goes_back_to_a_stage_of_the_journey(tmp_path: Path, loop: str, message: str) -> None:
    text = RICH.replace("{to: awareness,", f"{{to: {loop},")

    problem = one(load(tmp_path, {**FILES, "journeys/first-purchase.yml": text}))

    assert (problem.code, problem.line) == ("loop-target", 27)
    assert problem.message.startswith(message)


def test_a_loop_may_repeat_its_own_stage(tmp_path: Path) -> None:
    text = RICH.replace("{to: awareness,", "{to: consideration,")

    assert load(tmp_path, {**FILES, "journeys/first-purchase.yml": text}).diagnostics == []


def test_a_continuation_into_an_unknown_journey_suggests_the_nearest(tmp_path: Path) -> None:
    text = RICH.replace("continues_into: second-purchase", "continues_into: second-purchas")

    problem = one(load(tmp_path, {**FILES, "journeys/first-purchase.yml": text}))

    assert (problem.code, problem.line, problem.column) == ("unknown-journey", 29, 21)
    assert problem.hint.startswith("did you mean 'second-purchase'")


def test_a_continuation_names_a_stage_of_the_other_journey(tmp_path: Path) -> None:
    text = RICH.replace(
        "continues_into: second-purchase", "continues_into: {journey: second-purchase, stage: awareness}"
    )

    problem = one(load(tmp_path, {**FILES, "journeys/first-purchase.yml": text}))

    assert problem.code == "stage-not-in-journey"
    assert problem.message == "journey 'second-purchase' has no stage 'awareness'"


def test_a_journey_does_not_continue_into_itself(tmp_path: Path) -> None:
    text = RICH.replace("continues_into: second-purchase", "continues_into: first-purchase")

    assert one(load(tmp_path, {**FILES, "journeys/first-purchase.yml": text})).code == "continues-into-itself"


def test_improves_names_a_known_journey_and_makes_a_future_journey(tmp_path: Path) -> None:
    future = FILES["journeys/second-purchase.yml"] + "improves: first-purchase\n"

    result = load(tmp_path, {**FILES, "journeys/second-purchase.yml": future})

    assert result.diagnostics == []
    assert result.catalog is not None
    assert result.catalog.journeys["second-purchase"].current_state == "future"
    assert result.catalog.journeys["first-purchase"].current_state == "current"


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        ("improves: first-purchas\n", "unknown-journey"),
        ("improves: second-purchase\n", "improves-itself"),
        ("state: current\nimproves: first-purchase\n", "state-conflict"),
    ],
)
def test_improves_problems(tmp_path: Path, lines: str, code: str) -> None:
    future = FILES["journeys/second-purchase.yml"] + lines

    assert one(load(tmp_path, {**FILES, "journeys/second-purchase.yml": future})).code == code


# --- personas ----------------------------------------------------------------------------------------------------


def test_by_persona_names_only_personas_of_the_journey(tmp_path: Path) -> None:
    text = RICH.replace("personas: [ana, ben]", "personas: [ana]")

    problem = one(load(tmp_path, {**FILES, "journeys/first-purchase.yml": text}))

    assert (problem.code, problem.line, problem.column) == ("persona-not-in-journey", 22, 7)
    assert "(or add it to the journey's `personas:`)" in problem.hint


def test_the_fuller_persona_loads_with_its_shorthands() -> None:
    text = """\
        name: Priya Shah
        role: Head of finance
        demographics: {age: 41, gender: Woman, income_band: £80-100k, household: Couple}
        desires: To be seen as the one who modernised finance
        motivations: [Fewer late nights at quarter end]
        buying_group:
          - Chief financial officer
          - {role: IT lead, influence: Influences, cares_about: [Single sign-on]}
        attributes:
          Devices: phone and laptop
          Works from home: yes
          Team size: 6
        """
    assert persona(text) == []


def test_an_unknown_influence_in_a_buying_group_suggests_the_nearest() -> None:
    problems = persona("name: A\nrole: B\nbuying_group:\n  - {role: CFO, influence: decide}\n")

    assert [(p.code, p.line) for p in problems] == [("not-allowed", 4)]
    assert "did you mean 'decides'?" in problems[0].hint


def test_today_s_files_keep_loading(tmp_path: Path) -> None:
    assert load(tmp_path).diagnostics == []
    assert BASE["journeys/first-purchase.yml"].count("touchpoints: [") == 2


def test_a_journey_kept_under_the_name_of_a_new_shared_file_is_told_to_move(tmp_path: Path) -> None:
    journey = "name: Sources of leads\npersonas: [ana]\nstages:\n  - stage: awareness\n"

    problem = one(load(tmp_path, {"journeys/sources.yml": journey}))

    assert (problem.path, problem.code) == ("journeys/sources.yml", "journey-named-like-shared-file")
    assert "rename it" in problem.hint
