"""`mkdocs-journeys diff`: a reviewer's summary of what changed in the data between two git revisions."""

from __future__ import annotations

import re
import subprocess
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from click.testing import Result

from conftest import VALID_FILES, write_files
from mkdocs_journeys.commands.diff import Revision, diff_catalogs, review_summary
from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.layout import DataLayout
from mkdocs_journeys.data.load import LoadResult, load_catalog

RunCli = Callable[..., Result]


def catalog(tmp_path: Path, changes: Mapping[str, str | None] | None = None, name: str = "side") -> Catalog:
    """The valid example project with `changes`, loaded; fails the test if it does not load."""
    root = write_files(tmp_path / name, {**VALID_FILES, **(changes or {})})
    result = load_catalog(DataLayout.at(root))
    assert result.catalog is not None, result.diagnostics
    return result.catalog


def summary_of(tmp_path: Path, changes: Mapping[str, str | None]) -> str:
    return diff_catalogs(catalog(tmp_path, name="old"), catalog(tmp_path, changes, name="new"))


def changed_journey(steps: str) -> dict[str, str]:
    """The example journey with other stages."""
    return {"journeys/first-purchase.yml": "name: First purchase\npersonas: [ana]\nstages:\n" + textwrap.dedent(steps)}


# --- the summary, from two catalogs ---------------------------------------------------------------------------


def test_identical_data_has_no_changes(tmp_path: Path) -> None:
    assert summary_of(tmp_path, {}) == (
        "No changes to personas, journeys, stages, touchpoints, channels, content assets, opportunities or "
        "research sources.\n"
    )


def test_rewriting_the_yaml_without_changing_the_data_is_not_a_change(tmp_path: Path) -> None:
    reformatted = VALID_FILES["journeys/first-purchase.yml"].replace(
        "touchpoints: sales-call", "touchpoints:\n              - sales-call  # the shorthand, written out"
    )
    assert reformatted != VALID_FILES["journeys/first-purchase.yml"]

    assert summary_of(tmp_path, {"journeys/first-purchase.yml": reformatted}).startswith("No changes")


def test_added_and_removed_personas_are_listed_by_id_and_name(tmp_path: Path) -> None:
    summary = summary_of(
        tmp_path,
        {
            "personas/ana.yml": None,
            "personas/ben.yml": "name: Ben Okafor\nrole: Founder\n",
            "journeys/first-purchase.yml": VALID_FILES["journeys/first-purchase.yml"].replace("[ana]", "[ben]"),
            "journeys/content.yml": VALID_FILES["journeys/content.yml"].replace("[ana]", "[ben]"),
        },
    )

    assert summary.splitlines()[0] == "Added 1 persona; changed 1 journey and 1 content asset; removed 1 persona."
    assert "### Personas\n\n- Added `ben` (Ben Okafor)\n- Removed `ana` (Ana Souza)\n" in summary


def test_a_changed_persona_lists_each_changed_field_with_old_and_new_values(tmp_path: Path) -> None:
    persona = VALID_FILES["personas/ana.yml"]
    persona = persona.replace("role: Office manager", "role: Operations manager")
    persona = persona.replace('pain_points: ["I never know the final price."]', 'pain_points: ["Quotes take days."]')
    persona += "quote: Just tell me the price.\n"

    summary = summary_of(tmp_path, {"personas/ana.yml": persona})

    assert "- Changed `ana` (Ana Souza)\n" in summary
    assert "  - `role`: “Office manager” → “Operations manager”\n" in summary
    assert (
        "  - `pain_points`:\n    - added “Quotes take days.”\n    - removed “I never know the final price.”\n"
        in summary
    )
    assert "  - `quote` set to “Just tell me the price.”" in summary


def test_journey_changes_name_the_stage_and_which_of_its_fields_changed(tmp_path: Path) -> None:
    summary = summary_of(
        tmp_path,
        changed_journey(
            """\
            - stage: awareness
              touchpoints: [blog, weekly-show, sales-call]
              emotion: 1
            - stage: consideration
              touchpoints: sales-call
              emotion: {score: 1, note: Prices are clear now}
              content:
                existing: [pricing-guide]
              entering: 400
            """
        ),
    )

    journey = summary[summary.index("### Journeys") :]
    assert "- Changed `first-purchase` (First purchase)\n" in journey
    assert "  - stage `awareness`:\n    - `touchpoints`:\n      - added “sales-call”\n" in journey
    assert "  - stage `consideration`:\n" in journey
    assert "    - `emotion.score`: -1 (unhappy) → +1 (satisfied)\n" in journey
    assert "    - `emotion.note`: “Prices are unclear” → “Prices are clear now”\n" in journey
    assert "  - stage `purchase` removed from the journey" in journey


def test_kpis_are_matched_by_name(tmp_path: Path) -> None:
    summary = summary_of(
        tmp_path,
        changed_journey(
            """\
            - stage: awareness
              touchpoints: [blog, weekly-show]
              emotion: 1
            - stage: consideration
              touchpoints: sales-call
              emotion: {score: -1, note: Prices are unclear}
              content:
                existing: [pricing-guide]
              entering: 400
            - stage: purchase
              kpis:
                - name: Orders
                  target: 100
                  actual: 95
                - name: Refunds
                  target: 2
            """
        ),
    )

    assert "  - stage `purchase`:\n    - `kpis`:\n      - “Orders”:\n        - `actual`: 80 → 95\n" in summary
    assert "      - added “Refunds”\n" in summary


def test_what_happens_at_a_touchpoint_is_listed_under_the_touchpoint(tmp_path: Path) -> None:
    summary = summary_of(
        tmp_path,
        changed_journey(
            """\
            - stage: awareness
              touchpoints: [{touchpoint: blog, emotion: -1}, weekly-show]
              emotion: 1
            - stage: consideration
              touchpoints: sales-call
              emotion: {score: -1, note: Prices are unclear}
              content:
                existing: [pricing-guide]
              entering: 400
              pain_points: [{id: unclear-prices, text: Prices are unclear, sources: [interviews]}]
              opportunities: [{id: price-table, title: A price table, status: planned}]
            - stage: purchase
              kpis:
                - name: Orders
                  target: 100
                  actual: 80
              frontstage: Sales sends the order form
            """
        )
        | {"journeys/sources.yml": "sources:\n  - {id: interviews, title: Interviews, kind: interviews}\n"},
    )

    assert "- Added `price-table` (A price table)" in summary
    assert "- Added `interviews` (Interviews)" in summary
    assert (
        "  - stage `awareness`:\n    - `touchpoints`:\n      - “blog”:\n        - `emotion` set to {score: -1 (unhappy)}\n"
        in summary
    )
    assert "    - `pain_points` set to “unclear-prices”\n" in summary
    assert "    - `opportunities` set to “price-table”\n" in summary
    assert "    - `frontstage` set to “Sales sends the order form”\n" in summary


def test_reordered_stages_are_reported_once(tmp_path: Path) -> None:
    stages = """\
        stages:
          - {id: consideration, name: Consideration, phase: before}
          - {id: awareness, name: Awareness, phase: before}
          - {id: purchase, name: Purchase, phase: during}
        """
    new = catalog(tmp_path, {"journeys/stages.yml": stages, "journeys/first-purchase.yml": None}, name="new")
    old = catalog(tmp_path, {"journeys/first-purchase.yml": None}, name="old")

    summary = diff_catalogs(old, new)

    assert summary.splitlines()[0] == "The order of the stages changed."
    assert "- stages reordered: `consideration` → `awareness` → `purchase` (was `awareness` → " in summary


def test_text_from_the_data_cannot_inject_markdown_or_html(tmp_path: Path) -> None:
    persona = VALID_FILES["personas/ana.yml"].replace(
        "role: Office manager", 'role: "<img src=x onerror=alert(1)> | **bold** [link](http://x) @team"'
    )

    summary = summary_of(tmp_path, {"personas/ana.yml": persona})

    assert re.search(r"(?<!\\)[<>|*\[]", summary.split("→")[1]) is None, "unescaped Markdown syntax"
    assert r"\<img src=x onerror=alert(1)\> \| \*\*bold\*\* \[link\](http://x) \@team" in summary


def test_long_text_is_cut(tmp_path: Path) -> None:
    long_summary = "Buys the tools for a team of twelve. " * 20
    persona = VALID_FILES["personas/ana.yml"].replace("Buys the tools for a team of twelve.", long_summary.strip())

    summary = summary_of(tmp_path, {"personas/ana.yml": persona})

    line = next(line for line in summary.splitlines() if "`summary`" in line)
    assert "…” → " in line or line.endswith("…”")
    assert len(line) < 300


def test_a_side_with_errors_is_named_instead_of_compared(tmp_path: Path) -> None:
    root = write_files(tmp_path / "broken", {**VALID_FILES, "personas/ana.yml": "name: Ana\nrole: x\ncolour: blue\n"})
    broken = load_catalog(DataLayout.at(root))
    valid = Revision("main", LoadResult(catalog(tmp_path)))

    summary = review_summary(valid, Revision("HEAD", broken))

    assert summary.startswith("## Journey data: `main` → `HEAD`\n\n")
    assert "**The data at `HEAD` has 1 error**, so its changes cannot be listed." in summary
    assert "- `personas/ana.yml:3:1` unknown key 'colour' (`unknown-key`)" in summary


# --- from git, through the command line -------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    completed = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return completed.stdout


def commit(repo: Path, files: Mapping[str, str | None], message: str) -> None:
    write_files(repo, files)
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--allow-empty", "-m", message)


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A repository whose first commit has no data, the second the example data, the third a changed journey."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "--quiet", "--initial-branch=main")
    commit(repo, {"README.md": "Our journeys\n"}, "Start")
    commit(repo, VALID_FILES, "Add the journey data")
    journey = VALID_FILES["journeys/first-purchase.yml"].replace("emotion: 1", "emotion: 2")
    commit(repo, {"journeys/first-purchase.yml": journey, "personas/ben.yml": "name: Ben\nrole: Founder\n"}, "Edit")
    return repo


def test_diff_between_two_commits(history: Path, run_cli: RunCli) -> None:
    result = run_cli("diff", "HEAD~1", "HEAD", cwd=history)

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("## Journey data: `HEAD~1` → `HEAD`\n\nAdded 1 persona; changed 1 journey.\n")
    assert "  - stage `awareness`:\n    - `emotion.score`: +1 (satisfied) → +2 (delighted)\n" in result.stdout


def test_diff_from_before_any_data_lists_everything_as_added(history: Path, run_cli: RunCli) -> None:
    result = run_cli("diff", "HEAD~2", "HEAD~1", cwd=history)

    assert result.exit_code == 0, result.output
    assert "Added 1 persona, 1 journey, 3 stages, 3 touchpoints, 1 channel and 1 content asset." in result.stdout


def test_diff_without_head_compares_with_the_files_on_disk(history: Path, run_cli: RunCli) -> None:
    write_files(history, {"personas/ben.yml": "name: Ben Adams\nrole: Founder\n"})

    result = run_cli("diff", "HEAD", cwd=history)

    assert result.stdout.startswith("## Journey data: `HEAD` → the files on disk\n")
    assert "  - `name`: “Ben” → “Ben Adams”" in result.stdout


def test_diff_names_a_revision_whose_data_has_errors(history: Path, run_cli: RunCli) -> None:
    commit(history, {"journeys/first-purchase.yml": "name: First purchase\npersonas: [ana]\nstages: []\n"}, "Break")

    result = run_cli("diff", "HEAD~1", "HEAD", cwd=history)

    assert result.exit_code == 0
    assert "**The data at `HEAD` has 1 error**" in result.stdout
    assert "`journeys/first-purchase.yml:3:9`" in result.stdout


def test_diff_names_a_revision_whose_mkdocs_yml_cannot_be_read(history: Path, run_cli: RunCli) -> None:
    commit(history, {"mkdocs.yml": "site_name: x\nplugins: [\n"}, "Break mkdocs.yml")

    result = run_cli("diff", "HEAD~1", "HEAD", cwd=history)

    assert result.exit_code == 0, result.output
    assert "**The data at `HEAD` has 1 error**" in result.stdout
    assert "(`mkdocs-config`)" in result.stdout


def test_diff_reads_the_data_folders_of_a_site_in_a_subfolder(tmp_path: Path, run_cli: RunCli) -> None:
    repo = tmp_path / "repo"
    (repo / "site").mkdir(parents=True)
    git(repo, "init", "--quiet")
    config = "site_name: x\nplugins:\n  - journeys:\n      personas_dir: people\n      journeys_dir: maps\n"
    files = {
        f"site/{path.replace('personas/', 'people/').replace('journeys/', 'maps/')}": text
        for path, text in VALID_FILES.items()
    }
    commit(repo, {**files, "site/mkdocs.yml": config}, "Data")
    commit(repo, {"site/people/ana.yml": VALID_FILES["personas/ana.yml"].replace("Office", "Sales")}, "Edit")

    result = run_cli("diff", "HEAD~1", "HEAD", "--path", "site", cwd=repo)

    assert result.exit_code == 0, result.output
    assert "  - `role`: “Office manager” → “Sales manager”" in result.stdout


def test_diff_refuses_an_unknown_revision_with_a_hint(history: Path, run_cli: RunCli) -> None:
    result = run_cli("diff", "origin/main", cwd=history)

    assert result.exit_code == 1
    assert "Error: unknown git revision 'origin/main'" in result.stderr
    assert "fetch-depth: 0" in result.stderr


def test_diff_outside_a_git_repository_says_so(valid_project: Path, run_cli: RunCli) -> None:
    result = run_cli("diff", "HEAD", cwd=valid_project, env={"GIT_CEILING_DIRECTORIES": str(valid_project.parent)})

    assert result.exit_code == 1
    assert "is not in a git repository" in result.stderr
