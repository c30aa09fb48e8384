"""`mkdocs-journeys export --format csv`: the journey map as spreadsheets, one CSV file per table.

Marketers live in spreadsheets. Each table is one entry of `TABLES`: its file, its columns and how its rows are read
from the journey map, so a new kind of row is one more entry. Cells hold text as written, ids
next to names, lists one item per line, numbers as numbers.

Files open as they should in Excel, LibreOffice and Google Sheets, and cannot run anything there:

- UTF-8 with a byte order mark (Excel otherwise reads UTF-8 as the local code page), RFC 4180 quoting and CRLF line
  ends;
- a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is one a spreadsheet would run as a
  formula (CSV injection): it gets a leading `'`, which spreadsheets show as text. Numbers are written by this
  module, never taken from text, so they stay numbers;
- files are written whole (a temporary file in the output folder, then renamed over the old one), only under their
  own names, only inside the current folder, and never through a symbolic link (`confine.writable`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mkdocs_journeys.advice.funnel import stage_phase
from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.confine import replace_file, writable
from mkdocs_journeys.data.model import EMOTION_SCALE, Kpi, Opportunity, OpportunityNote, OpportunityReference
from mkdocs_journeys.data.view import JourneyMap, by_priority
from mkdocs_journeys.site.templates import kpi_on_target

Cell = str | int | float | bool | None
Row = Sequence[Cell]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection)."""


@dataclass(frozen=True)
class Table:
    """One CSV file: `name`.csv, with `columns` as its header and a row per item `rows` reads from the map."""

    name: str
    columns: tuple[str, ...]
    rows: Callable[[JourneyMap], Iterable[Row]]

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"


class ExportFolderError(Exception):
    """The output folder cannot be written safely; the message says why."""


# --- the tables ----------------------------------------------------------------------------------------------------


def _lines(items: Iterable[str]) -> str:
    """A list in one cell: one item per line (spreadsheets show them one below the other)."""
    return "\n".join(items)


def _personas(journey_map: JourneyMap) -> Iterable[Row]:
    for persona in journey_map.personas:
        demographics = persona.demographics
        yield (
            persona.id,
            persona.name,
            persona.role,
            persona.summary,
            demographics.age_range if demographics else None,
            demographics.location if demographics else None,
            demographics.status if demographics else None,
            demographics.socio_professional_category if demographics else None,
            _lines(persona.goals),
            _lines(persona.needs),
            _lines(persona.expectations),
            _lines(persona.pain_points),
            _lines(journey_map.catalog.channels[c].name for c in persona.preferred_channels),
            _lines(journey_map.catalog.journeys[j].name for j in journey_map.journeys_of_persona(persona.id)),
            persona.quote,
        )


def _touchpoints(journey_map: JourneyMap) -> Iterable[Row]:
    catalog = journey_map.catalog
    for touchpoint in journey_map.touchpoints:
        uses = journey_map.uses_of_touchpoint(touchpoint.id)
        survey = touchpoint.survey
        yield (
            touchpoint.id,
            touchpoint.name,
            touchpoint.channel,
            catalog.channels[touchpoint.channel].name,
            touchpoint.owner,
            touchpoint.url,
            touchpoint.description,
            _lines(f"{catalog.journeys[u.journey].name}: {catalog.stages[u.stage].name}" for u in uses),
            _lines(catalog.personas[p].name for p in journey_map.personas_of_touchpoint(touchpoint.id)),
            survey.name if survey else None,
            survey.scale if survey else None,
            _lines(survey.questions) if survey else None,
        )


def _journey_steps(journey_map: JourneyMap) -> Iterable[Row]:
    catalog = journey_map.catalog
    for journey in journey_map.journeys:
        personas = _lines(catalog.personas[p].name for p in journey.personas)
        for position, step in enumerate(journey.stages, 1):
            stage = catalog.stages[step.stage]
            emotion = step.emotion
            yield (
                journey.id,
                journey.name,
                personas,
                position,
                stage.id,
                stage.name,
                stage_phase(stage),
                step.summary,
                _lines(step.actions),
                _lines(step.questions),
                step.decision,
                _lines(catalog.touchpoints[t].name for t in step.touchpoint_ids),
                emotion.score if emotion else None,
                EMOTION_SCALE[emotion.score] if emotion else None,
                emotion.note if emotion else None,
                _lines(pain.text for pain in step.pain_points),
                _lines(_opportunity_words(catalog, item) for item in step.opportunities),
                step.counted,
            )


def _opportunity_words(catalog: Catalog, item: OpportunityNote | OpportunityReference | Opportunity) -> str:
    """A stage's opportunity in words: plain text as written, one defined or named here by its title."""
    if isinstance(item, OpportunityNote):
        return item.text
    if isinstance(item, OpportunityReference):
        return catalog.opportunities[item.opportunity].title
    return item.title


def _kpi_status(kpi: Kpi) -> str:
    on_target = kpi_on_target(kpi)
    if on_target is None:
        return "not measured" if kpi.actual is None else "no target"
    return "on target" if on_target else "below target" if kpi.higher_is_better else "above target"


def _kpis(journey_map: JourneyMap) -> Iterable[Row]:
    """Each stage's KPIs, then those measured at one of its touchpoints (a path's touchpoints included)."""
    catalog = journey_map.catalog
    for journey in journey_map.journeys:
        for step in journey.stages:
            moments = [*step.touchpoints, *(moment for path in step.paths for moment in path.touchpoints)]
            measured: list[tuple[str | None, Kpi]] = [(None, kpi) for kpi in step.kpis]
            measured += [(moment.touchpoint, kpi) for moment in moments for kpi in moment.kpis]
            for touchpoint_id, kpi in measured:
                yield (
                    journey.id,
                    journey.name,
                    step.stage,
                    catalog.stages[step.stage].name,
                    kpi.name,
                    kpi.target,
                    kpi.actual,
                    kpi.unit,
                    kpi.higher_is_better,
                    _kpi_status(kpi),
                    touchpoint_id,
                    catalog.touchpoints[touchpoint_id].name if touchpoint_id else None,
                    kpi.period,
                    kpi.data_source,
                    kpi.owner,
                )


def _opportunities(journey_map: JourneyMap) -> Iterable[Row]:
    """The team's backlog: opportunities with an id first, as a team works through them (under way, planned, ideas;
    then done and dropped), with what they address and the stages that name them; then those written as plain text
    in a stage, in journey and stage order, with only their words and where they are written."""
    catalog = journey_map.catalog

    def pain_words(pain_id: str) -> str:
        place = journey_map.pain_point(pain_id)
        return place.pain_point.text if place is not None else pain_id

    for opportunity in by_priority(journey_map.opportunities):
        targets = opportunity.addresses
        yield (
            opportunity.id,
            opportunity.title,
            opportunity.status,
            opportunity.owner,
            opportunity.impact,
            opportunity.effort,
            opportunity.tracker,
            opportunity.description,
            _lines(catalog.journeys[j].name for j in targets.journeys) if targets else None,
            _lines(catalog.stages[s].name for s in targets.stages) if targets else None,
            _lines(catalog.touchpoints[t].name for t in targets.touchpoints) if targets else None,
            _lines(pain_words(p) for p in targets.pain_points) if targets else None,
            _lines(
                f"{catalog.journeys[j].name}: {catalog.stages[s].name}"
                for j, s in journey_map.places_of_opportunity(opportunity.id)
            ),
        )
    for journey in journey_map.journeys:
        for step in journey.stages:
            for item in step.opportunities:
                if isinstance(item, OpportunityNote):
                    place = f"{journey.name}: {catalog.stages[step.stage].name}"
                    yield (None, item.text, None, None, None, None, None, None, None, None, None, None, place)


def _content(journey_map: JourneyMap) -> Iterable[Row]:
    catalog = journey_map.catalog
    for asset in sorted(catalog.content.values(), key=lambda a: (a.title.lower(), a.id)):
        yield (
            asset.id,
            asset.title,
            asset.format,
            asset.url,
            asset.description,
            _lines(catalog.stages[s].name for s in asset.stages),
            _lines(catalog.personas[p].name for p in asset.personas) or "everyone",
        )


TABLES: tuple[Table, ...] = (
    Table(
        "personas",
        (
            "id", "name", "role", "summary", "age_range", "location", "status", "socio_professional_category",
            "goals", "needs", "expectations", "pain_points", "preferred_channels", "journeys", "quote",
        ),
        _personas,
    ),
    Table(
        "touchpoints",
        (
            "id", "name", "channel_id", "channel", "owner", "url", "description", "used_in", "personas",
            "survey", "survey_scale", "survey_questions",
        ),
        _touchpoints,
    ),
    Table(
        "journey-steps",
        (
            "journey_id", "journey", "personas", "position", "stage_id", "stage", "phase", "summary", "actions",
            "questions", "moves_on_when", "touchpoints", "emotion_score", "emotion", "emotion_note", "pain_points",
            "opportunities", "entering",
        ),
        _journey_steps,
    ),
    Table(
        "kpis",
        (
            "journey_id", "journey", "stage_id", "stage", "kpi", "target", "actual", "unit", "higher_is_better",
            "status", "touchpoint_id", "touchpoint", "period", "data_source", "owner",
        ),
        _kpis,
    ),
    Table("content", ("id", "title", "format", "url", "description", "stages", "personas"), _content),
    Table(
        "opportunities",
        (
            "id", "title", "status", "owner", "impact", "effort", "tracker", "description", "addresses_journeys",
            "addresses_stages", "addresses_touchpoints", "addresses_pain_points", "written_in",
        ),
        _opportunities,
    ),
)  # fmt: skip
"""Every table `export --format csv` writes, in this order."""


# --- writing -------------------------------------------------------------------------------------------------------


def cell(value: Cell) -> str:
    """A value as a spreadsheet should show it: text that would start a formula is neutralised, numbers stay."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def table_csv(table: Table, journey_map: JourneyMap) -> tuple[bytes, int]:
    """The table as a CSV file's bytes (BOM, RFC 4180, CRLF), and how many rows it has."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.columns)
    count = 0
    for row in table.rows(journey_map):
        assert len(row) == len(table.columns), table.name
        writer.writerow([cell(value) for value in row])
        count += 1
    return text.getvalue().encode("utf-8-sig"), count


def write_tables(
    journey_map: JourneyMap, folder: Path, project: Path, tables: Sequence[Table] = TABLES
) -> list[tuple[Path, int]]:
    """Write every table into `folder` (made if missing), which must be inside `project` and reached without a
    symbolic link: raises `confine.OutsideProject` otherwise, `ExportFolderError` when `folder` is a file. Returns the
    files written and their row counts."""
    if folder.exists() and not folder.is_dir() and not folder.is_symlink():
        raise ExportFolderError(f"{folder} is a file, not a folder")
    written = []
    for table in tables:
        target = writable(folder / table.file_name, project, "the CSV file")
        if target.is_dir():
            raise ExportFolderError(f"{target} is a folder; move it away or choose another output folder")
        data, count = table_csv(table, journey_map)
        replace_file(target, data)
        written.append((folder / table.file_name, count))
    return written
