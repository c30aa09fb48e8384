"""The `mkdocs-journeys` command: check, scaffold and export journey data without building the site.

It reads the same folders as the plugin (`data/project.py`), loads and checks them with the same code (`data/load.py`),
and reports problems with the same diagnostics and formatters, so a problem reads the same in a terminal,
a pull request and `mkdocs build`. Every problem a user can cause is one line and a hint, never a traceback.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from mkdocs_journeys import __version__
from mkdocs_journeys.advice.advisor import Advisor
from mkdocs_journeys.advice.report import suggestions_text
from mkdocs_journeys.commands.diff import ReviewError, load_revision, review_summary
from mkdocs_journeys.commands.export import EXPORT_FORMATS, export_json
from mkdocs_journeys.commands.generate import (
    WATCH_INTERVAL,
    Generated,
    GenerateError,
    generate,
    missing_markdown_extensions,
    read_target,
    watch,
)
from mkdocs_journeys.commands.scaffold import KINDS_OF_NEW, ScaffoldError, new_entity
from mkdocs_journeys.commands.tables import ExportFolderError, write_tables
from mkdocs_journeys.data.confine import OutsideProject, leaves
from mkdocs_journeys.data.diagnostics import (
    FORMATTERS,
    Diagnostic,
    DiagnosticsError,
    format_text,
    printable,
    sort_diagnostics,
)
from mkdocs_journeys.data.kinds import ENTITY_KINDS
from mkdocs_journeys.data.layout import DataLayout
from mkdocs_journeys.data.load import LoadResult, load_catalog
from mkdocs_journeys.data.nearest import did_you_mean
from mkdocs_journeys.data.project import find_layout, site_settings
from mkdocs_journeys.data.schema import SCHEMA_FOLDER, SCHEMAS, all_schemas, json_schema, to_json, write_schemas
from mkdocs_journeys.site.local_links import check_local_links
from mkdocs_journeys.site.pages import PAGE_KIND_NAMES

DEBUG_VARIABLE = "MKDOCS_JOURNEYS_DEBUG"


class UserError(click.ClickException):
    """A problem the user can fix: `Error: <message>` and an indented hint, on stderr, exit status 1."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"Error: {printable(self.message)}", err=True)
        if self.hint:
            click.echo(f"  hint: {printable(self.hint)}", err=True)


class _Commands(click.Group):
    """Turns the errors a user can cause into one clear message; anything else is a bug and says so."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except DiagnosticsError as error:
            click.echo(format_text(error.diagnostics), err=True)
            raise click.exceptions.Exit(1)
        except OSError as error:
            where = f": {error.filename}" if error.filename else ""
            raise UserError(f"{error.strerror or error}{where}", "check that the path exists and can be written")
        except Exception as error:
            if os.environ.get(DEBUG_VARIABLE):
                raise
            raise UserError(
                f"internal error: {type(error).__name__}: {error}",
                f"this is a bug in mkdocs-journeys {__version__}; please report it with the command you ran "
                f"(set {DEBUG_VARIABLE}=1 to see the traceback)",
            )


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="mkdocs-journeys")
def main() -> None:
    """Check, scaffold and export the customer-journey data of an mkdocs-journeys site.

    PATH is the project folder (where mkdocs.yml is; default: the current folder). The data folders are
    taken from the journeys plugin's `personas_dir` and `journeys_dir` options, else personas/ and journeys/.
    """


_PROJECT_PATH = click.Path(exists=True, path_type=Path)
F = TypeVar("F", bound=Callable[..., Any])


def _project_option(help_text: str) -> Callable[[F], F]:
    """`--path PROJECT`, for the commands whose positional arguments are something else."""
    return click.option("--path", "project", type=_PROJECT_PATH, default=".", show_default=True, help=help_text)


def _layout(path: Path) -> DataLayout:
    """The project's data layout, with paths in messages shown relative to the current folder, like compilers do."""
    layout = find_layout(path)
    return dataclasses.replace(layout, root=Path.cwd(), project=layout.root)


def default_format() -> str:
    """GitHub annotations inside GitHub Actions, readable text everywhere else."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


# --- validate -------------------------------------------------------------------------------------------------


@main.command()
@click.argument("path", type=_PROJECT_PATH, default=".")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(FORMATTERS)),
    default=None,
    help="How to print problems. Default: github when GITHUB_ACTIONS=true, else text.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too, like `mkdocs build --strict`.")
def validate(path: Path, output_format: str | None, strict: bool) -> None:
    """Check all data files and report every problem at once.

    Checks each persona, journey, stage, touchpoint and content file, and the references between them. Exits with status 1 when there are errors (or, with --strict, warnings), so it can guard a pull request.
    """
    output_format = output_format or default_format()
    try:
        layout = _layout(path)
        result = load_catalog(layout)
        settings = site_settings(path)
        if result.catalog is not None and not leaves(settings.docs_dir, layout.home):
            # Paths in the data, checked as the build will (`site.local_links`).
            pages = settings.pages if settings.pages is not None else PAGE_KIND_NAMES
            shown = layout.display(settings.docs_dir)
            found = check_local_links(result.catalog, settings.docs_dir, settings.prefix, pages, docs_shown=shown)
            result.diagnostics = sort_diagnostics([*result.diagnostics, *found])
    except DiagnosticsError as error:  # mkdocs.yml itself cannot be read
        result = LoadResult(None, error.diagnostics)
    click.echo(FORMATTERS[output_format](result.diagnostics))
    failed = bool(result.errors) or (strict and bool(result.warnings))
    if output_format == "text":
        if result.catalog is not None:
            click.echo(_counts(result))
        if failed and not result.errors:
            click.echo("Failing because --strict treats warnings as errors.")
    raise click.exceptions.Exit(1 if failed else 0)


def _counts(result: LoadResult) -> str:
    catalog = result.catalog
    assert catalog is not None
    counted = [kind for kind in ENTITY_KINDS.values() if not kind.builtin]  # every site has the built-in channels
    counts = [(len(catalog.collection(kind)), kind) for kind in counted]
    # A kind whose file is optional and absent is not named: a team that records no opportunities reads nothing
    # about them.
    shown = [
        (count, kind) for count, kind in counts if count or kind.defined_in.required or kind.defined_in.name is None
    ]
    shown = shown if len(shown) > 1 else counts
    parts = [f"{count} {kind.label if count == 1 else kind.plural}" for count, kind in shown]
    return f"Checked {', '.join(parts[:-1])} and {parts[-1]}."


# --- schema ---------------------------------------------------------------------------------------------------


@main.command()
@click.argument("kind", type=click.Choice(list(SCHEMAS)), required=False)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help=f"Write <kind>.schema.json files into this folder (e.g. {SCHEMA_FOLDER}) instead of printing. It must be "
    "inside the current folder and reached without symbolic links.",
)
def schema(kind: str | None, output_dir: Path | None) -> None:
    """Print or write the JSON Schemas that editors use.

    Prints the schema of one data file KIND, or of every kind as one JSON object.

    Editors that use the YAML language server complete and check a file whose first line is
    `# yaml-language-server: $schema=../schemas/persona.schema.json`.
    """
    if output_dir is not None:
        try:
            written = write_schemas(output_dir, Path.cwd(), [kind] if kind else None)
        except OutsideProject as error:
            raise UserError(error.message, error.hint)
        for path in written:
            click.echo(f"Wrote {printable(_shown(path))}")
    elif kind is not None:
        click.echo(to_json(json_schema(kind)), nl=False)
    else:
        click.echo(to_json(all_schemas()), nl=False)


# --- new ------------------------------------------------------------------------------------------------------


@main.command()
@click.argument("kind", type=click.Choice(KINDS_OF_NEW))
@click.argument("entity_id", metavar="ID")
@_project_option("The project folder (where mkdocs.yml is).")
def new(kind: str, entity_id: str, project: Path) -> None:
    """Start a persona or journey, or add a stage, touchpoint, content asset, opportunity or research source.

    Writes a commented example that validates as it is, and never overwrites anything.

    \b
    Examples:
      mkdocs-journeys new persona small-business-owner
      mkdocs-journeys new journey first-purchase
      mkdocs-journeys new stage retention
      mkdocs-journeys new touchpoint pricing-page
      mkdocs-journeys new content pricing-faq
      mkdocs-journeys new opportunity clear-pricing
      mkdocs-journeys new source customer-interviews
    """
    layout = _layout(project)
    schema_folder = (project.parent if project.is_file() else project) / SCHEMA_FOLDER
    try:
        done = new_entity(kind, entity_id, layout, schema_folder)
    except ScaffoldError as error:
        UserError(error.message, error.hint).show()
        if error.snippet:  # on stdout, so that it can be piped or copied as it is
            click.echo("\n" + error.snippet, nl=False)
        raise click.exceptions.Exit(1)
    shown = printable(layout.display(done.path))
    click.echo(f"Created {shown}" if done.created else f"Added {kind} '{entity_id}' to {shown}")
    for note in done.notes:
        click.echo(f"  note: {note}")
    click.echo("Fill in the example values, then run `mkdocs-journeys validate`.")


# --- suggest --------------------------------------------------------------------------------------------------


@main.command()
@click.argument("persona")
@click.argument("stage")
@click.option("--explain", is_flag=True, help="Also say why each other format of the library was not suggested.")
@_project_option("The project folder (where mkdocs.yml is).")
def suggest(persona: str, stage: str, explain: bool, project: Path) -> None:
    """Print the content suggested for PERSONA at STAGE, most impact first, each with its reason.

    A suggestion is made only where something recorded for the persona at that stage calls for it: a question, a
    pain point, a KPI off target, a large drop-off, a coverage gap, an opportunity or a wish. With --explain, every
    other format of the library follows, with the reason it was left out (another stage, another industry, written
    for businesses, nothing calls for it, published already).

    \b
    Examples:
      mkdocs-journeys suggest first-time-shopper consideration
      mkdocs-journeys suggest family-planner planning --explain
    """
    result = load_catalog(_layout(project))
    _report_on_stderr(result.errors)
    if result.journey_map is None:
        raise click.exceptions.Exit(1)
    catalog = result.journey_map.catalog
    for kind, value in (("persona", persona), ("stage", stage)):
        if value not in catalog.collection(ENTITY_KINDS[kind]):
            hint = did_you_mean(value, catalog.collection(ENTITY_KINDS[kind]), kind=f"{kind} ids")
            raise UserError(f"unknown {kind} '{value}'", hint)
    click.echo(suggestions_text(Advisor(result.journey_map), persona, stage, explain=explain), nl=False)


# --- export ---------------------------------------------------------------------------------------------------


@main.command()
@click.argument("path", type=_PROJECT_PATH, default=".")
@click.option("--format", "output_format", type=click.Choice(EXPORT_FORMATS), default="json", show_default=True)
@click.option(
    "--output-dir",
    type=click.Path(path_type=Path),
    help="With --format csv: the folder to write one CSV file per table into (made if missing). It must be inside "
    "the current folder and reached without symbolic links.",
)
def export(path: Path, output_format: str, output_dir: Path | None) -> None:
    """Export the checked data: as JSON on stdout (references resolved), or as CSV files for spreadsheets.

    `--format csv --output-dir DIR` writes personas.csv, touchpoints.csv, journey-steps.csv, kpis.csv and content.csv
    (UTF-8, opening in Excel as they should). Problems go to stderr; with errors nothing is written and the exit
    status is 1.

    \b
    Examples:
      mkdocs-journeys export > journeys.json
      mkdocs-journeys export --format csv --output-dir exported
    """
    if output_format == "csv" and output_dir is None:
        raise UserError("--format csv writes files: say where", "add --output-dir DIR")
    if output_format == "json" and output_dir is not None:
        raise UserError("--format json prints to stdout", "leave out --output-dir, or use --format csv")
    result = load_catalog(_layout(path))
    _report_on_stderr(result.diagnostics)
    if result.journey_map is None:
        raise click.exceptions.Exit(1)
    if output_dir is None:
        click.echo(export_json(result.journey_map.catalog), nl=False)
        return
    try:
        written = write_tables(result.journey_map, output_dir, Path.cwd())
    except OutsideProject as error:
        raise UserError(error.message, error.hint)
    except ExportFolderError as error:
        raise UserError(str(error), "choose a folder of your own for --output-dir")
    for file, rows in written:
        click.echo(f"Wrote {printable(_shown(file))} ({rows} row{'s' if rows != 1 else ''})")


# --- diff -----------------------------------------------------------------------------------------------------


@main.command()
@click.argument("base")
@click.argument("head", required=False)
@_project_option("The project folder (where mkdocs.yml is), inside a git repository.")
def diff(base: str, head: str | None, project: Path) -> None:
    """Summarise in Markdown what changed in the data between two git revisions.

    Lists the personas, journeys, stages and touchpoints added, removed or changed, and which fields of which
    journey stage changed, for reviewers who do not read YAML diffs. Without HEAD, compares BASE with the files
    on disk. A side whose data has errors is named, not compared; the exit status is 0 either way.

    \b
    Examples:
      mkdocs-journeys diff main
      mkdocs-journeys diff "origin/$GITHUB_BASE_REF" HEAD >> "$GITHUB_STEP_SUMMARY"
    """
    try:
        old, new = load_revision(project, base), load_revision(project, head)
    except ReviewError as error:
        raise UserError(error.message, error.hint)
    click.echo(review_summary(old, new), nl=False)


# --- generate -------------------------------------------------------------------------------------------------


@main.command("generate")
@click.argument("path", type=_PROJECT_PATH, default=".")
@click.option("--strict", is_flag=True, help="Fail on warnings in the data too, like `mkdocs build --strict`.")
@click.option("--watch", "keep_watching", is_flag=True, help="Keep the pages current while the data changes.")
@click.option(
    "--interval",
    type=click.FloatRange(*WATCH_INTERVAL),
    default=1.0,
    show_default=True,
    help="With --watch: seconds between two looks at the data.",
)
def generate_command(path: Path, strict: bool, keep_watching: bool, interval: float) -> None:
    """Write the journey pages into the docs folder, for Zensical and other engines without MkDocs plugins.

    Writes docs/<prefix>/ (the journeys plugin's `prefix` in mkdocs.yml, `journeys` by default): every page with
    its diagrams, the stylesheet, the JSON Schemas, and the navigation for literate-nav (.nav.md) and awesome-nav
    (.nav.yml). The folder is ignored by git, replaced whole on every run, and never holds your own files: when it
    does, nothing is written. With --watch, run it beside `zensical serve`.

    \b
    Examples:
      mkdocs-journeys generate && zensical build --strict
      mkdocs-journeys generate --watch & zensical serve
    """
    if keep_watching:
        click.echo(f"Watching the journey data every {interval:g} s; stop with Ctrl+C.", err=True)
        with contextlib.suppress(KeyboardInterrupt):
            watch(path, interval, _report_generated, strict=strict)
        return
    try:
        target = read_target(path)
        done = generate(target, strict=strict)
    except GenerateError as error:
        raise UserError(error.message, error.hint)
    _report_generated(done)
    missing = missing_markdown_extensions(target)
    if missing:
        click.echo(
            f"note: the pages use the Markdown extensions {', '.join(missing)}: list them under "
            "`markdown_extensions` in your site's configuration",
            err=True,
        )


def _report_generated(outcome: Generated | Exception) -> None:
    """One run's result: what was written, or the problem (a watching run goes on after it)."""
    if isinstance(outcome, Generated):
        if outcome.warnings:
            click.echo(format_text(outcome.warnings), err=True)
        click.echo(
            f"Wrote {outcome.pages} pages and {outcome.files - outcome.pages} other files to {_shown(outcome.folder)}/"
        )
    elif isinstance(outcome, DiagnosticsError):
        click.echo(format_text(outcome.diagnostics), err=True)
    elif isinstance(outcome, GenerateError):
        UserError(outcome.message, outcome.hint).show()
    else:
        UserError(str(outcome)).show()


def _report_on_stderr(diagnostics: Sequence[Diagnostic]) -> None:
    if diagnostics:
        click.echo(format_text(diagnostics), err=True)


def _shown(path: Path) -> str:
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return path.as_posix()


if __name__ == "__main__":
    main()
