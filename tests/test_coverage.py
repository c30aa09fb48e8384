"""Content coverage: which persona has content published in which stage, and where the gaps are."""

from __future__ import annotations

from typing import Any

from mkdocs_journeys.advice.advisor import Advisor
from mkdocs_journeys.advice.coverage import CoverageMatrix, CoverageStatus
from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.model import (
    BUILTIN_CHANNELS,
    Business,
    ContentAsset,
    Journey,
    JourneyStep,
    Persona,
    Stage,
    StageContent,
)
from mkdocs_journeys.data.view import JourneyMap

STAGES = {
    s.id: s
    for s in (
        Stage(id="awareness", name="Awareness"),
        Stage(id="consideration", name="Consideration"),
        Stage(id="retention", name="Retention"),
        Stage(id="onboarding", name="Onboarding"),  # a team's own stage: no type, no formats
    )
}
NADIA = Persona(id="nadia", name="Nadia Okafor", role="Owner", preferred_channels=["search", "email"])
JAMIE = Persona(id="jamie", name="Jamie Chen", role="Commuter", preferred_channels=["social"])


def _catalog(journeys: list[Journey], assets: list[ContentAsset], **fields: Any) -> Catalog:
    return Catalog(
        stages=STAGES,
        channels={c.id: c for c in BUILTIN_CHANNELS},
        personas={"nadia": NADIA, "jamie": JAMIE},
        journeys={j.id: j for j in journeys},
        content={a.id: a for a in assets},
        **fields,
    )


def _journey(journey_id: str, persona: str, *steps: JourneyStep) -> Journey:
    return Journey(id=journey_id, name=journey_id.title(), personas=[persona], stages=list(steps))


def _asset(asset_id: str, stages: list[str], personas: list[str], fmt: str = "blog-post") -> ContentAsset:
    return ContentAsset(id=asset_id, title=asset_id.title(), format=fmt, stages=stages, personas=personas)


def test_asset_listed_for_persona_and_stage_covers_that_cell_only() -> None:
    journey = _journey("j", "nadia", JourneyStep(stage="awareness"), JourneyStep(stage="consideration"))
    catalog = _catalog([journey], [_asset("guide", ["awareness"], ["nadia"])])

    matrix = coverage_matrix(catalog)

    assert matrix.cell("nadia", "awareness").status is CoverageStatus.COVERED
    assert matrix.cell("nadia", "awareness").assets == ("guide",)
    assert matrix.cell("nadia", "consideration").status is CoverageStatus.GAP
    assert matrix.cell("jamie", "awareness").status is CoverageStatus.NOT_MAPPED  # Jamie has no journey


def test_asset_without_personas_serves_everyone() -> None:
    catalog = _catalog([], [_asset("faq", ["consideration"], [])])

    assert [a.id for a in Advisor(JourneyMap(catalog)).published_for("jamie", "consideration")] == ["faq"]
    assert coverage_matrix(catalog).cell("jamie", "consideration").status is CoverageStatus.COVERED


def test_asset_listed_as_existing_in_a_journey_stage_covers_its_personas_there() -> None:
    # content.yml lists the asset for awareness only; the journey says it is used in consideration too.
    step = JourneyStep(stage="consideration", content=StageContent(existing=["guide"]))
    catalog = _catalog([_journey("j", "nadia", step)], [_asset("guide", ["awareness"], ["nadia"])])

    matrix = coverage_matrix(catalog)

    assert matrix.cell("nadia", "consideration").status is CoverageStatus.COVERED
    assert matrix.cell("jamie", "consideration").status is CoverageStatus.NOT_MAPPED


def test_gap_is_a_stage_of_their_journey_with_nothing_published_and_carries_what_to_publish() -> None:
    step = JourneyStep(stage="retention", questions=["How do I add an employee?"])
    catalog = _catalog(
        [_journey("j", "nadia", step)],
        [_asset("guide", ["retention"], ["jamie"])],
        business=Business(industry="software", model="b2b"),
    )

    cell = coverage_matrix(catalog).cell("nadia", "retention")

    assert cell.is_gap
    assert cell.journeys == ("j",)
    assert cell.assets == ()
    assert cell.suggestions[0].title == "Tutorial answering “How do I add an employee?”"
    assert all(s.is_open for s in cell.suggestions)


def test_covered_cell_keeps_only_open_suggestions() -> None:
    step = JourneyStep(stage="awareness", questions=["Is it normal to be paid late?"])
    catalog = _catalog([_journey("j", "nadia", step)], [_asset("post", ["awareness"], ["nadia"], "blog-post")])

    cell = coverage_matrix(catalog).cell("nadia", "awareness")

    assert cell.status is CoverageStatus.COVERED
    assert "blog-post" not in {s.format.id for s in cell.suggestions}  # published already
    assert cell.suggestions


def test_not_mapped_cell_gets_no_suggestion_since_nothing_is_recorded_there() -> None:
    catalog = _catalog([], [])

    cell = coverage_matrix(catalog).cell("jamie", "awareness")

    assert cell.status is CoverageStatus.NOT_MAPPED
    assert cell.suggestions == ()


def test_coverage_the_stage_page_and_the_suggestions_count_published_content_the_same_way() -> None:
    """An asset listed in a journey stage's `content: existing:` and one listed in content.yml both count."""
    step = JourneyStep(stage="consideration", questions=["How does it compare?"], content=StageContent(existing=["a"]))
    catalog = _catalog(
        [_journey("j", "nadia", step)],
        [_asset("a", ["awareness"], ["nadia"], "comparison-guide"), _asset("b", ["consideration"], [], "faq")],
    )
    advisor = Advisor(JourneyMap(catalog))

    published = [a.id for a in advisor.published_for("nadia", "consideration")]

    assert published == ["a", "b"]
    assert advisor.coverage.cell("nadia", "consideration").assets == ("a", "b")
    assert [a.id for a in advisor.published_at_stage("consideration")] == ["a", "b"]
    assert "comparison-guide" not in {s.format.id for s in advisor.suggestions_for_persona("nadia", "consideration")}


def test_own_stage_without_formats_is_a_gap_with_no_suggestion() -> None:
    catalog = _catalog([_journey("j", "nadia", JourneyStep(stage="onboarding"))], [])

    cell = coverage_matrix(catalog).cell("nadia", "onboarding")

    assert cell.is_gap
    assert cell.suggestions == ()


def test_matrix_lists_personas_by_name_stages_in_order_and_gaps_row_by_row() -> None:
    journeys = [
        _journey("n", "nadia", JourneyStep(stage="awareness"), JourneyStep(stage="retention")),
        _journey("j", "jamie", JourneyStep(stage="consideration")),
    ]
    catalog = _catalog(journeys, [_asset("post", ["awareness"], ["nadia"])])

    matrix = coverage_matrix(catalog)

    assert matrix.personas == ("jamie", "nadia")
    assert matrix.stages == ("awareness", "consideration", "retention", "onboarding")
    assert [(c.persona, c.stage) for c in matrix.gaps] == [("jamie", "consideration"), ("nadia", "retention")]
    assert len(matrix.covered) == 1
    assert len(matrix.not_mapped) == len(matrix.cells) - 3


def test_status_has_a_symbol_so_cells_read_without_colour() -> None:
    assert {s.symbol for s in CoverageStatus} == {"✅", "❌", "○"}


def coverage_matrix(catalog: Catalog) -> CoverageMatrix:
    return Advisor(JourneyMap(catalog)).coverage
