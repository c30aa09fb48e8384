"""From the data folders on disk to a checked `Catalog`, collecting every problem in one pass.

Layout (documented in the user guide):

    personas/<id>.yml              one persona per file; the id is the file name
    journeys/stages.yml            the shared, ordered stages
    journeys/touchpoints.yml       the shared touchpoints (and extra channels)
    journeys/content.yml           the content inventory (optional)
    journeys/<id>.yml              one journey per file, or
    journeys/<id>/journey.yml      one journey per folder (room for notes and pictures beside it)
"""

from __future__ import annotations

import contextlib
import copy
import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .catalog import Catalog, Origin
from .diagnostics import Diagnostic, DiagnosticsError, Severity, sort_diagnostics
from .document import slugify, validate_document
from .model import (
    BUILTIN_CHANNELS,
    Channel,
    ContentAsset,
    ContentFile,
    Journey,
    Persona,
    Stage,
    StagesFile,
    Touchpoint,
    TouchpointsFile,
)
from .parse_cache import ParseCache
from .references import check_references, check_unused
from .yaml_loader import LoadedDocument, read_file

STAGES_FILE = "stages.yml"
TOUCHPOINTS_FILE = "touchpoints.yml"
CONTENT_FILE = "content.yml"
JOURNEY_FOLDER_FILE = "journey.yml"
SHARED_FILES = (STAGES_FILE, TOUCHPOINTS_FILE, CONTENT_FILE)
YAML_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class DataFolders:
    """Where the data lives; `root` is what paths in diagnostics are relative to (the project folder)."""

    personas: Path
    journeys: Path
    root: Path

    def display(self, path: Path) -> str:
        try:
            return Path(os.path.relpath(path, self.root)).as_posix()
        except ValueError:  # another drive on Windows
            return path.as_posix()

    def data_files(self) -> list[Path]:
        """Every YAML file in the data folders: what `mkdocs serve` watches and what the cache key covers."""
        return sorted(p for folder in (self.personas, self.journeys) if folder.is_dir() for p in _yaml_files(folder))


@dataclass
class LoadResult:
    catalog: Catalog | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


def load_catalog(folders: DataFolders, cache_dir: Path | None = None) -> LoadResult:
    """Load and check everything; `catalog` is None when there is any error (warnings still give a catalog).

    With `cache_dir`, what each file parses to is kept there and reused while the file is unchanged (see
    `parse_cache`); validation and the checks between files run every time.
    """
    cache = ParseCache(cache_dir)
    with _cycle_collection_paused():
        result = _load_catalog(folders, cache)
    cache.save()
    return result


@contextlib.contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Loading makes millions of small objects and keeps many of them, hardly any in reference cycles, yet Python's
    cycle collector walks everything loaded so far again and again: a third of the time of loading a thousand
    journeys. Garbage is still freed meanwhile, by reference counting; cycles wait until loading ends.

    What loading made then goes to the oldest generation as it is (freeze, then unfreeze: two list moves), instead of
    being walked at once by the first young collection after `gc.enable()` (0.1 s for a thousand journeys) and again
    by the next middle one; it is walked by full collections like anything long-lived. Not when something else holds
    frozen objects: unfreezing would release them too.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def _load_catalog(folders: DataFolders, cache: ParseCache) -> LoadResult:
    builder = _CatalogBuilder(folders, cache)
    builder.load_shared()
    builder.load_personas()
    builder.load_journeys()
    diagnostics = builder.diagnostics
    diagnostics += check_references(
        builder.catalog, broken=frozenset(builder.broken), unavailable=frozenset(builder.unavailable)
    )
    if not any(d.is_error for d in diagnostics):
        diagnostics += check_unused(builder.catalog)
    diagnostics = sort_diagnostics(diagnostics)
    has_errors = any(d.is_error for d in diagnostics)
    return LoadResult(None if has_errors else builder.catalog, diagnostics)


def _yaml_files(folder: Path) -> list[Path]:
    """YAML files under `folder`, except hidden ones (`.#draft.yml`, macOS `._ana.yml`, `.git/…`)."""
    return [
        p
        for p in folder.rglob("*")
        if p.suffix.lower() in YAML_SUFFIXES
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0]


_SHARED_STEMS = {_stem(name): name for name in SHARED_FILES}


class _CatalogBuilder:
    def __init__(self, folders: DataFolders, cache: ParseCache) -> None:
        self.folders = folders
        self.cache = cache
        self.catalog = Catalog()
        self.diagnostics: list[Diagnostic] = []
        # Ids of entities whose definition has errors: references to them are not "unknown" on top.
        self.broken: set[tuple[str, str]] = set()
        # Kinds whose definitions file is missing or unreadable (already reported): references are not checked.
        self.unavailable: set[str] = set()
        # Where a data file may really be (after links are followed); resolved once, not once per file.
        self._inside = tuple(folder.resolve() for folder in (folders.personas, folders.journeys))

    # --- shared definitions -------------------------------------------------------------------------------

    def load_shared(self) -> None:
        # Built-in channels exist even before there is a journeys folder, so personas can name them.
        self.catalog.channels = {channel.id: channel for channel in BUILTIN_CHANNELS}
        journeys = self.folders.journeys
        if not self._require_folder(journeys, "journeys"):
            return
        stages_path = self._shared_path(STAGES_FILE)
        if stages_path is not None:
            self._load_entries(stages_path, StagesFile, {"stages": ("stage", Stage)})
        else:
            self.unavailable.add("stage")
            self._problem(
                journeys,
                "missing-stages",
                f"{self.folders.display(journeys / STAGES_FILE)} does not exist",
                "create it with `mkdocs-journeys new stage awareness`: journeys refer to the stages it defines",
            )
        touchpoints_path = self._shared_path(TOUCHPOINTS_FILE)
        if touchpoints_path is not None:
            entries: dict[str, tuple[str, type[Any]]] = {
                "channels": ("channel", Channel),
                "touchpoints": ("touchpoint", Touchpoint),
            }
            self._load_entries(touchpoints_path, TouchpointsFile, entries)
        content_path = self._shared_path(CONTENT_FILE)
        if content_path is not None:
            content = self._load_entries(content_path, ContentFile, {"assets": ("content", ContentAsset)})
            if isinstance(content, ContentFile):
                self.catalog.library = {str(stage_type): changes for stage_type, changes in content.library.items()}

    def _shared_path(self, name: str) -> Path | None:
        """`stages.yml`, or `stages.yaml` when only that one exists."""
        for path in (self.folders.journeys / name, self.folders.journeys / f"{_stem(name)}.yaml"):
            if path.is_file():
                return path
        return None

    def _load_entries(
        self, path: Path, model: type[BaseModel], entries: dict[str, tuple[str, type[Any]]]
    ) -> BaseModel | None:
        """Load a file of shared definitions; a broken entry is reported but does not hide the others.

        Returns the whole file's model when the file is valid.
        """
        document = self._read(path)
        if document is None:
            self.unavailable.update(kind for kind, _ in entries.values())
            return None
        valid, problems = validate_document(document, model)
        self.diagnostics += problems
        data = document.data if isinstance(document.data, dict) else {}
        for key, (kind, item_model) in entries.items():
            items = data.get(key)
            if valid is None and not isinstance(items, list) and (items is not None or _required(model, key)):
                self.unavailable.add(kind)  # the list itself is broken: nothing of this kind is known
            for index, item in enumerate(items if isinstance(items, list) else []):
                entity = getattr(valid, key)[index] if valid is not None else _without_errors(item_model, item, {})
                if entity is not None:
                    self._add(kind, entity.id, entity, document, (key, index))
                elif isinstance(item, dict) and isinstance(item.get("id"), str):
                    self._broken(kind, item["id"])
        return valid

    # --- personas and journeys ------------------------------------------------------------------------------

    def load_personas(self) -> None:
        personas = self.folders.personas
        if not self._require_folder(personas, "personas"):
            return
        for path in sorted(_yaml_files(personas)):
            if len(path.relative_to(personas).parts) > 1:
                self._problem(
                    path,
                    "ignored-file",
                    "this YAML file is not read: personas are not read from subfolders",
                    f"move it to {self.folders.display(personas)}/{path.name} (the file name is the persona's id)",
                    Severity.WARNING,
                )
                continue
            self._load_entity(path, "persona", Persona, path.stem)

    def load_journeys(self) -> None:
        journeys = self.folders.journeys
        if not journeys.is_dir():
            return
        for path in sorted(_yaml_files(journeys)):
            relative = path.relative_to(journeys)
            implied_from = "file name"
            if len(relative.parts) == 1 and path.stem in _SHARED_STEMS:
                name = _SHARED_STEMS[path.stem]
                read = self._shared_path(name)
                if read != path:
                    self._problem(
                        path,
                        "ignored-file",
                        f"this file is not read: {read.name if read else name} is read instead",
                        "merge the two files into one" if read else f"rename it to {name}",
                        Severity.WARNING,
                    )
                continue
            if len(relative.parts) == 1:
                journey_id = path.stem
            elif len(relative.parts) == 2 and _stem(path.name) == _stem(JOURNEY_FOLDER_FILE):
                journey_id, implied_from = relative.parts[0], "folder name"
            else:
                self._problem(
                    path,
                    "ignored-file",
                    "this YAML file is not read: it is neither a journey nor a shared file",
                    f"journeys live in journeys/<id>.yml or journeys/<id>/{JOURNEY_FOLDER_FILE}",
                    Severity.WARNING,
                )
                continue
            self._load_entity(path, "journey", Journey, journey_id, implied_from)

    # --- helpers ------------------------------------------------------------------------------------------

    def _require_folder(self, folder: Path, what: str) -> bool:
        if folder.is_dir():
            return True
        self.diagnostics.append(
            Diagnostic(
                self.folders.display(folder),
                1,
                1,
                "missing-folder",
                f"the {what} folder {self.folders.display(folder)!r} does not exist",
                f"create it, or set `{what}_dir` in the plugin's options in mkdocs.yml",
            )
        )
        return False

    def _read(self, path: Path) -> LoadedDocument | None:
        real = path.resolve()
        if not any(real.is_relative_to(folder) for folder in self._inside):
            # A pull request could otherwise publish any YAML-shaped file of the machine that builds the site.
            self._problem(
                path,
                "outside-project",
                "this file is a link to a file outside the project, which is not read",
                "copy the file into the project instead of linking to it",
            )
            return None
        display = self.folders.display(path)
        try:
            document = self.cache.parse(read_file(path, display), display)
        except DiagnosticsError as error:
            self.diagnostics += error.diagnostics
            return None
        self.diagnostics += document.warnings
        return document

    def _load_entity(
        self, path: Path, kind: str, model: type[Any], entity_id: str, implied_from: str = "file name"
    ) -> None:
        """Load a one-entity file (persona, journey) whose id is implied by its path."""
        document = self._read(path)
        instance = None
        if document is not None:
            instance, problems = validate_document(document, model, {"id": entity_id}, implied_from=implied_from)
            self.diagnostics += problems
        if document is not None and instance is not None:
            self._add(kind, entity_id, instance, document, ())
            return
        self._broken(kind, entity_id)
        if document is not None and isinstance(document.data, dict) and "id" not in document.data:
            # Its errors are reported; what is left of it still gets its references checked, so that one run
            # reports a typo in a persona id even when the same journey also has an emotion out of range.
            partial = _without_errors(model, document.data, {"id": entity_id})
            if partial is not None:
                self._add(kind, entity_id, partial, document, ())

    def _broken(self, kind: str, entity_id: str) -> None:
        # An invalid id ('Purchase') is reported where it is defined; references to the id it should be
        # ('purchase') are then right, not unknown.
        self.broken.update({(kind, entity_id), (kind, slugify(entity_id))})

    def _add(self, kind: str, entity_id: str, entity: Any, document: LoadedDocument, location: tuple[Any, ...]) -> None:
        collection: dict[str, Any] = getattr(self.catalog, _COLLECTIONS[kind])
        previous = self.catalog.origins.get((kind, entity_id))
        if previous is not None:
            first = previous.source.locate((*previous.location, "id"))
            self.diagnostics.append(
                document.source.diagnostic(
                    (*location, "id") if location else (),
                    "duplicate-id",
                    f"{kind} id '{entity_id}' is already used at {previous.path}:{first.line}",
                    f"every {kind} needs its own id: rename one of them"
                    + ("" if location else " (the id is the file or folder name)"),
                )
            )
            return
        collection[entity_id] = entity
        self.catalog.origins[(kind, entity_id)] = Origin(document.source, location)

    def _problem(self, path: Path, code: str, message: str, hint: str, severity: Severity = Severity.ERROR) -> None:
        self.diagnostics.append(Diagnostic(self.folders.display(path), 1, 1, code, message, hint, severity))


def _without_errors(model: type[BaseModel], data: Any, implied: dict[str, Any]) -> Any:
    """`model` built from `data` with every key that has an error left out; None if a required key would go.

    Only keys of mappings are left out, never list entries, so every reference left keeps its index (and so its
    line and column). Used only for cross-file checks of a file whose own errors are already reported.
    """
    if not isinstance(data, dict):
        return None
    data = copy.deepcopy(data)
    for _ in range(8):
        try:
            return model.model_validate({**implied, **data})
        except ValidationError as error:
            for detail in error.errors():
                location = tuple(detail["loc"])
                if detail["type"] == "missing":
                    location = location[:-1]
                if not _leave_out(model, data, location, implied):
                    return None
    return None


def _leave_out(
    model: type[BaseModel], data: dict[str, Any], location: tuple[Any, ...], implied: dict[str, Any]
) -> bool:
    """Remove the innermost mapping key along `location`; False when that would remove a required top-level key."""
    for end in range(len(location), 0, -1):
        key = location[end - 1]
        if not isinstance(key, str):
            continue
        if end == 1 and (key in implied or key == "id"):
            return False
        if end == 1 and _required(model, key):
            if model.model_fields[key].annotation is not str or data.get(key) == _STAND_IN:
                return False
            data[key] = _STAND_IN  # a name or role: nothing refers to it, so any text will do
            return True
        container = _at(data, location[: end - 1])
        if isinstance(container, dict) and key in container:
            del container[key]
            return True
    return False


_STAND_IN = "?"


def _at(data: Any, location: tuple[Any, ...]) -> Any:
    for part in location:
        found = (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        )
        if not found:
            return None
        data = data[part]
    return data


def _required(model: type[BaseModel], key: str) -> bool:
    field = model.model_fields.get(key)
    return field is not None and field.is_required()


_COLLECTIONS = {
    "stage": "stages",
    "channel": "channels",
    "touchpoint": "touchpoints",
    "persona": "personas",
    "journey": "journeys",
    "content": "content",
}
