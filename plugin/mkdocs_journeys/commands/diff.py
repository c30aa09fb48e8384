"""`mkdocs-journeys diff`: what changed in the journey data between two git revisions, written for a reviewer.

A reviewer who does not read YAML diffs wants to know which personas, journeys, stages and touchpoints were added
or removed, and for the ones that changed, which fields (and, in a journey, which fields of which stage). Both
revisions are loaded with the loader the site uses, so shorthands, defaults and ids mean the same thing, and the
typed models are compared: moving a key, re-indenting or rewording a comment is not a change.

`diff_catalogs` is the pure part (two catalogs in, Markdown out); `load_revision` reads one revision out of git.
The Markdown is meant for a pull request's job summary (`$GITHUB_STEP_SUMMARY`) and reads well in a terminal too.
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.diagnostics import Diagnostic, DiagnosticsError, printable, sort_diagnostics
from mkdocs_journeys.data.kinds import ENTITY_KINDS, JOURNEY, EntityKind
from mkdocs_journeys.data.layout import DataLayout
from mkdocs_journeys.data.load import LoadResult, load_catalog
from mkdocs_journeys.data.model import EMOTION_SCALE
from mkdocs_journeys.data.project import CONFIG_NAMES, find_layout

MAX_TEXT = 120
"""Values longer than this are cut in the summary: it says what changed, the YAML has the whole text."""

MAX_PROBLEMS_SHOWN = 10


class ReviewError(Exception):
    """A revision cannot be read (not a git repository, unknown revision): a message and a hint for the user."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass
class Revision:
    """The journey data of one revision, as the loader saw it; `result.catalog` is None when it has errors."""

    label: str
    result: LoadResult
    on_disk: bool = False

    @property
    def shown(self) -> str:
        return "the files on disk" if self.on_disk else _code(self.label)


# --- the summary ---------------------------------------------------------------------------------------------


@dataclass
class _Change:
    """One line of the summary, with the details below it."""

    text: str
    details: list[_Change] = field(default_factory=list)


def review_summary(old: Revision, new: Revision) -> str:
    """The Markdown summary of two loaded revisions; a revision whose data has errors is named, not compared."""
    heading = f"## Journey data: {old.shown} → {new.shown}"
    broken = [revision for revision in (old, new) if revision.result.catalog is None]
    if broken:
        return "\n\n".join([heading, *(_cannot_compare(revision) for revision in broken)]) + "\n"
    assert old.result.catalog is not None and new.result.catalog is not None
    return heading + "\n\n" + diff_catalogs(old.result.catalog, new.result.catalog)


def diff_catalogs(old: Catalog, new: Catalog) -> str:
    """What changed from `old` to `new`, as Markdown: a one-line count, then a section per kind of entity."""
    sections: list[str] = []
    counts: dict[str, list[str]] = {"Added": [], "Changed": [], "Removed": []}
    for kind in ENTITY_KINDS.values():
        before = _entities(old, kind)
        after = _entities(new, kind)
        added = [entity_id for entity_id in after if entity_id not in before]
        removed = [entity_id for entity_id in before if entity_id not in after]
        changed = {
            entity_id: changes
            for entity_id in after
            if entity_id in before and (changes := _entity_changes(kind, before[entity_id], after[entity_id]))
        }
        lines = [_Change(f"Added {_code(i)} {_label(after[i])}") for i in added]
        lines += [_Change(f"Changed {_code(i)} {_label(after[i])}", details) for i, details in changed.items()]
        lines += [_Change(f"Removed {_code(i)} {_label(before[i])}") for i in removed]
        if kind.ordered:
            order = _order_change(list(before), list(after))
            if order:
                lines.append(order)
        if lines:
            sections.append(f"### {kind.plural.capitalize()}\n\n" + _render(lines).rstrip("\n"))
        for verb, ids in (("Added", added), ("Changed", changed), ("Removed", removed)):
            if ids:
                counts[verb].append(_count(len(ids), kind))
    if not sections:
        kinds = [kind.plural for kind in ENTITY_KINDS.values()]
        return f"No changes to {', '.join(kinds[:-1])} or {kinds[-1]}.\n"
    overview = "; ".join(f"{verb.lower()} {_join(parts)}" for verb, parts in counts.items() if parts)
    overview = overview[:1].upper() + overview[1:] + "." if overview else "The order of the stages changed."
    return "\n\n".join([overview, *sections]) + "\n"


def _cannot_compare(revision: Revision) -> str:
    errors = revision.result.errors
    lines = [
        f"**The data at {revision.shown} has {_plural(len(errors), 'error')}**, so its changes cannot be "
        f"listed. `mkdocs-journeys validate` shows every problem; the first ones:",
        "",
    ]
    for problem in errors[:MAX_PROBLEMS_SHOWN]:
        lines.append(f"- {_code(problem.location)} {_text(problem.message)} ({_code(problem.code)})")
    if len(errors) > MAX_PROBLEMS_SHOWN:
        lines.append(f"- … and {len(errors) - MAX_PROBLEMS_SHOWN} more")
    return "\n".join(lines)


def _entities(catalog: Catalog, kind: EntityKind) -> dict[str, BaseModel]:
    entities: dict[str, BaseModel] = catalog.collection(kind)
    if kind.builtin:  # the built-in channels are the same on both sides
        builtin = {entity.id for entity in kind.builtin}
        entities = {key: value for key, value in entities.items() if key not in builtin}
    if kind.ordered:
        return dict(entities)  # keeps the order of stages.yml
    return dict(sorted(entities.items()))


def _entity_changes(kind: EntityKind, before: BaseModel, after: BaseModel) -> list[_Change]:
    old = before.model_dump(mode="json", exclude={"id"})
    new = after.model_dump(mode="json", exclude={"id"})
    if kind is not JOURNEY:
        return _mapping_changes(old, new, "")
    changes = _mapping_changes(_without(old, "stages"), _without(new, "stages"), "")
    return changes + _journey_stage_changes(old["stages"], new["stages"])


def _journey_stage_changes(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[_Change]:
    """Stages of a journey are matched by stage id: added, removed, reordered, and each one's changed fields."""
    before = {step["stage"]: step for step in old}
    after = {step["stage"]: step for step in new}
    changes: list[_Change] = []
    for stage_id, step in after.items():
        if stage_id not in before:
            changes.append(_Change(f"stage {_code(stage_id)} added to the journey"))
        elif details := _mapping_changes(_without(before[stage_id], "stage"), _without(step, "stage"), ""):
            changes.append(_Change(f"stage {_code(stage_id)}:", details))
    changes += [
        _Change(f"stage {_code(stage_id)} removed from the journey") for stage_id in before if stage_id not in after
    ]
    order = _order_change(list(before), list(after))
    if order:
        changes.append(order)
    return changes


def _order_change(before: list[str], after: list[str]) -> _Change | None:
    """A change of order among the ids present on both sides (additions and removals are reported already)."""
    kept_before = [i for i in before if i in after]
    kept_after = [i for i in after if i in before]
    if kept_before == kept_after:
        return None
    return _Change(
        f"stages reordered: {' → '.join(map(_code, kept_after))} (was {' → '.join(map(_code, kept_before))})"
    )


def _mapping_changes(old: dict[str, Any], new: dict[str, Any], prefix: str) -> list[_Change]:
    changes: list[_Change] = []
    for key in [*old, *(k for k in new if k not in old)]:
        changes += _value_changes(old.get(key), new.get(key), f"{prefix}{key}")
    return changes


def _value_changes(old: Any, new: Any, name: str) -> list[_Change]:
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        return _mapping_changes(old, new, f"{name}.")
    if _is_empty(old):
        return [_Change(f"{_code(name)} set to {_value(new, name)}")]
    if _is_empty(new):
        return [_Change(f"{_code(name)} removed (was {_value(old, name)})")]
    if isinstance(old, list) and isinstance(new, list):
        return [_Change(f"{_code(name)}:", _list_changes(old, new))]
    return [_Change(f"{_code(name)}: {_value(old, name)} → {_value(new, name)}")]


def _list_changes(old: list[Any], new: list[Any]) -> list[_Change]:
    named = [_identity(item) for item in old + new]
    if any(name is None for name in named):  # plain values: what was added and removed, or only the order
        added = [item for item in new if item not in old]
        removed = [item for item in old if item not in new]
        changes = [_Change(f"added {_value(item)}") for item in added]
        changes += [_Change(f"removed {_value(item)}") for item in removed]
        return changes or [_Change("reordered")]
    before = {_identity(item): item for item in old}
    after = {_identity(item): item for item in new}
    changes = []
    for identity, item in after.items():
        if identity not in before:
            changes.append(_Change(f"added {_value(identity)}"))
        elif details := _mapping_changes(before[identity], item, ""):
            changes.append(_Change(f"{_value(identity)}:", details))
    changes += [_Change(f"removed {_value(identity)}") for identity in before if identity not in after]
    return changes or [_Change("reordered")]


IDENTITY_KEYS = (
    "id",
    "stage",
    "touchpoint",
    "opportunity",
    "journey",
    "to",
    "name",
    "role",
    "action",
    "text",
    "period",
)
"""The keys that name an entry of a list of mappings, in order of preference: KPIs by name, touchpoint entries by
touchpoint, a stage's opportunities by id or text, pain points by their text."""


def _identity(item: Any) -> str | None:
    """What names one entry of a list (a mapping's naming key, see `IDENTITY_KEYS`); None for plain values."""
    if not isinstance(item, dict):
        return None
    return next((item[key] for key in IDENTITY_KEYS if isinstance(item.get(key), str)), None)


def _is_empty(value: Any) -> bool:
    return value is None or value == [] or value == {}


def _without(mapping: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if k != key}


# --- text ------------------------------------------------------------------------------------------------------

# Characters that Markdown, HTML or GitHub would read as syntax; a backslash makes each one plain text.
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]<>|~&!#@{}])")


def _text(value: object) -> str:
    """Text from the data where it enters the Markdown: one line, cut to MAX_TEXT, syntax escaped."""
    flat = re.sub(r"\s+", " ", str(value)).strip()
    if len(flat) > MAX_TEXT:
        flat = flat[: MAX_TEXT - 1].rstrip() + "…"
    return _MARKDOWN_SYNTAX.sub(r"\\\1", printable(flat))


def _value(value: Any, name: str = "") -> str:
    if name.endswith("emotion.score") and value in EMOTION_SCALE:
        return f"{value:+d} ({EMOTION_SCALE[value].lower()})".replace("+0", "0")
    if isinstance(value, str):
        return f"“{_text(value)}”"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"{value:g}"
    if isinstance(value, list):
        return ", ".join(_value(item) for item in value) or "nothing"
    if isinstance(value, dict):
        identity = _identity(value)
        if identity is not None:  # an entry that has a name is named by it
            return _value(identity)
        shown = {key: item for key, item in value.items() if not _is_empty(item)}
        return "{" + ", ".join(f"{key}: {_value(item, f'{name}.{key}')}" for key, item in shown.items()) + "}"
    return _text(value)


def _code(text: str) -> str:
    """An id, key, file name or revision in a code span, on one line (a line break in a file name would otherwise
    start a line of the summary of its own); backticks cannot occur in ids and are dropped from anything else."""
    return f"`{printable(text).replace('`', '')}`"


def _label(entity: BaseModel) -> str:
    name = getattr(entity, "name", None) or getattr(entity, "title", None)
    return f"({_text(name)})" if name else ""


def _render(changes: Iterable[_Change], depth: int = 0) -> str:
    lines = []
    for change in changes:
        lines.append(f"{'  ' * depth}- {change.text}".rstrip())
        if change.details:
            lines.append(_render(change.details, depth + 1))
    return "\n".join(lines) + ("\n" if depth == 0 else "")


def _count(count: int, kind: EntityKind) -> str:
    return f"{count} {kind.label if count == 1 else kind.plural}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


# --- reading a revision out of git -------------------------------------------------------------------------------


def load_revision(project: Path, revision: str | None) -> Revision:
    """Load the journey data of `project` (the folder of mkdocs.yml) as it is at a git `revision`.

    `revision` None means the files as they are on disk, like `git diff BASE` compares with the working tree.
    A revision without any data folder yet (before a team adopted the tool) is an empty catalog, not an error.
    Raises `ReviewError` when git cannot give the revision.
    """
    project = project.parent if project.is_file() else project
    if revision is None:
        return Revision("working tree", _load(lambda: find_layout(project)), on_disk=True)
    prefix = _git(project, "rev-parse", "--show-prefix").strip()
    top = Path(_git(project, "rev-parse", "--show-toplevel").strip())  # git archive reads paths from the top
    _check_revision(top, revision)
    tree = f"{revision}:{prefix}"
    with tempfile.TemporaryDirectory(prefix="mkdocs-journeys-diff-") as temporary:
        root = Path(temporary)
        config_names = [name for name in CONFIG_NAMES if _exists(top, f"{tree}{name}")]
        refused = _extract(top, tree, config_names, root)
        try:
            layout = find_layout(root)
        except DiagnosticsError as error:  # mkdocs.yml of that revision cannot be read
            return Revision(revision, LoadResult(None, [*refused, *error.diagnostics]))
        # `find_layout` refuses data folders outside the project (`..`, absolute paths), and links are not extracted:
        # a revision's mkdocs.yml cannot point the data at the files of this machine.
        paths = [layout.display(folder) for folder in (layout.personas, layout.journeys)]
        present = [path for path in paths if _exists(top, f"{tree}{path}")]
        if not present and not refused:
            return Revision(revision, LoadResult(Catalog()))
        refused += _extract(top, tree, present, root)
        result = _load(lambda: layout)
        if refused:
            result = LoadResult(None, sort_diagnostics([*refused, *result.diagnostics]))
        return Revision(revision, result)


def _load(layout: Callable[[], DataLayout]) -> LoadResult:
    """Load the data; a project whose mkdocs.yml cannot be read is a revision with errors, like invalid data."""
    try:
        return load_catalog(layout())
    except DiagnosticsError as error:
        return LoadResult(None, error.diagnostics)


def _check_revision(project: Path, revision: str) -> None:
    try:
        _git(project, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except ReviewError:
        raise ReviewError(
            f"unknown git revision {revision!r}",
            "give a branch, tag or commit that exists here; in GitHub Actions, check out with `fetch-depth: 0` "
            "so that the base branch is there",
        )


def _exists(project: Path, object_name: str) -> bool:
    try:
        _git(project, "cat-file", "-e", object_name)
    except ReviewError:
        return False
    return True


def _extract(project: Path, tree: str, paths: list[str], target: Path) -> list[Diagnostic]:
    """Write the regular files and folders of `paths` at `tree` into `target`; anything else (a symbolic link, which
    could point anywhere on this machine) is not written but named, as a diagnostic of that revision."""
    if not paths:
        return []
    archive = _git(project, "archive", "--format=tar", tree, "--", *paths, text=False)
    refused = []
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        members = []
        for member in tar.getmembers():
            name = PurePosixPath(member.name)
            if name.is_absolute() or ".." in name.parts:
                continue  # git archive writes neither; a tar that does is not extracted from
            if member.isfile() or member.isdir():
                members.append(member)
            else:
                refused.append(
                    Diagnostic(
                        member.name,
                        1,
                        1,
                        "not-a-file",
                        f"this is {'a symbolic link' if member.issym() else 'not a regular file'} in this revision, "
                        "which diff does not read",
                        "commit the file itself instead of a link to it",
                    )
                )
        if hasattr(tarfile, "data_filter"):
            tar.extractall(target, members, filter="data")
        else:  # pragma: no cover - Python versions without extraction filters
            tar.extractall(target, members)
    return refused


def _git(project: Path, *args: str, text: bool = True) -> Any:
    try:
        completed = subprocess.run(["git", *args], cwd=project, capture_output=True, check=False, text=text)
    except FileNotFoundError:
        raise ReviewError("git is not installed", "install git, or run the command where git is available")
    if completed.returncode != 0:
        error = completed.stderr if text else completed.stderr.decode(errors="replace")
        if "not a git repository" in error:
            raise ReviewError(f"{project} is not in a git repository", "run the command inside a clone of your site")
        raise ReviewError(f"git {' '.join(args[:2])} failed: {error.strip() or completed.returncode}")
    return completed.stdout
