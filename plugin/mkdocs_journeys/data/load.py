"""From the data folders on disk to a checked `Catalog`, collecting every problem in one pass.

Which files hold what is declared in `kinds.py` (and documented in the user guide); `layout.py` says where they are.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from mkdocs_journeys.data.cache_folder import machine_key
from mkdocs_journeys.data.catalog import Catalog, JourneyFile, Origin
from mkdocs_journeys.data.confine import leaves
from mkdocs_journeys.data.diagnostics import Diagnostic, DiagnosticsError, Severity, printable, sort_diagnostics
from mkdocs_journeys.data.kinds import (
    ENTITY_KINDS,
    JOURNEY,
    JOURNEY_FILE,
    OPPORTUNITY,
    PERSONA,
    PERSONA_FILE,
    SHARED_FILES,
    DataFile,
    EntityKind,
)
from mkdocs_journeys.data.layout import DataLayout, windows_reserved
from mkdocs_journeys.data.model import BUILTIN_CHANNELS, ContentFile, Journey, Opportunity
from mkdocs_journeys.data.note_cost import MAX_NOTE_BYTES, costly_part
from mkdocs_journeys.data.parse_cache import ParseCache
from mkdocs_journeys.data.references import check_references, check_unused
from mkdocs_journeys.data.validation import slugify, validate_document, walk
from mkdocs_journeys.data.view import JourneyMap
from mkdocs_journeys.data.yaml_source import LoadedDocument, read_file, read_text


@dataclass
class LoadResult:
    """`catalog` and `journey_map` (the catalog with what is derived from it) are None when the data has errors."""

    catalog: Catalog | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    journey_map: JourneyMap | None = None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


def load_catalog(layout: DataLayout, cache_dir: Path | None = None) -> LoadResult:
    """Load and check everything; `catalog` is None when there is any error (warnings still give a catalog).

    With `cache_dir`, what each file parses to is kept there and reused while the file is unchanged (see
    `parse_cache`); validation and the checks between files run every time.
    """
    cache = ParseCache(cache_dir, machine_key(layout.home) if cache_dir is not None else None)
    with _cycle_collection_paused():
        result = _load_catalog(layout, cache)
    cache.save()
    return result


@contextlib.contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Loading makes millions of small objects and keeps many of them, hardly any in reference cycles, yet Python's
    cycle collector walks everything loaded so far again and again, a large share of the time of loading a large map
    (`docs/benchmarks.md`). Garbage is still freed meanwhile, by reference counting; cycles wait until loading ends.

    What loading made then goes to the oldest generation as it is (freeze, then unfreeze: two list moves), instead of
    being walked at once by the first young collection after `gc.enable()` and again
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


def _load_catalog(layout: DataLayout, cache: ParseCache) -> LoadResult:
    builder = _CatalogBuilder(layout, cache)
    builder.load_shared()
    builder.load_personas()
    builder.load_journeys()
    diagnostics = builder.diagnostics
    diagnostics += check_references(
        builder.catalog, layout, broken=frozenset(builder.broken), unavailable=frozenset(builder.unavailable)
    )
    if any(d.is_error for d in diagnostics):
        return LoadResult(None, sort_diagnostics(diagnostics))
    journey_map = JourneyMap(builder.catalog)
    diagnostics += check_unused(journey_map)
    return LoadResult(builder.catalog, sort_diagnostics(diagnostics), journey_map)


class _CatalogBuilder:
    def __init__(self, layout: DataLayout, cache: ParseCache) -> None:
        self.layout = layout
        self.cache = cache
        self.catalog = Catalog()
        self.diagnostics: list[Diagnostic] = []
        # Ids of entities whose definition has errors: references to them are not "unknown" on top.
        self.broken: set[tuple[str, str]] = set()
        # Kinds whose definitions file is missing or unreadable (already reported): references are not checked.
        self.unavailable: set[str] = set()
        # Where a data file may really be (after links are followed); resolved once, not once per file. A data folder
        # that leaves the project is not read at all (`_require_folder` says so).
        folders = (layout.personas, layout.journeys)
        self._inside = tuple(folder.resolve() for folder in folders if not layout.outside(folder))
        self._data_folders = tuple(folder for folder in folders if not layout.outside(folder))

    # --- shared definitions -------------------------------------------------------------------------------

    def load_shared(self) -> None:
        # Built-in channels exist even before there is a journeys folder, so personas can name them.
        self.catalog.channels = {channel.id: channel for channel in BUILTIN_CHANNELS}
        if not self._require_folder(self.layout.journeys, "journeys"):
            return
        for file in SHARED_FILES:
            path = self.layout.existing(file)
            if path is not None:
                valid = self._load_entries(path, file)
                if isinstance(valid, ContentFile):
                    self.catalog.library = {str(stage_type): changes for stage_type, changes in valid.library.items()}
                    self.catalog.business = valid.business
                    self.catalog.formats = list(valid.formats)
                    self.catalog.excluded_formats = list(valid.exclude)
                    self.catalog.industries = list(valid.industries)
            elif file.required:
                self.unavailable.update(kind for _, kind in file.lists)
                self._problem(
                    self.layout.journeys,
                    f"missing-{file.schema}",
                    f"{self.layout.shown(file)} does not exist",
                    "create it with `mkdocs-journeys new stage awareness`: journeys refer to the stages it defines",
                )

    def _load_entries(self, path: Path, file: DataFile) -> BaseModel | None:
        """Load a shared file; a broken entry is reported but does not hide the others.

        Returns the whole file's model when the file is valid.
        """
        document = self._read(path)
        if document is None:
            self.unavailable.update(kind for _, kind in file.lists)
            return None
        data = document.data if isinstance(document.data, dict) else {}
        if _is_a_journey(data) and not any(key in data for key, _ in file.lists):
            # `opportunities.yml` and `sources.yml` were journey files before they were shared files.
            self.unavailable.update(kind for _, kind in file.lists)
            self._problem(
                path,
                "journey-named-like-shared-file",
                f"this file is read as the shared {file.name} ({file.title.lower()}), but it holds a journey",
                f"rename it: the journey id '{file.stem}' is the name of a shared file; the new name is the journey's "
                "id, so update `continues_into:` and `improves:` that name it",
            )
            return None
        valid, problems = validate_document(document, file.model)
        self.diagnostics += problems
        self.catalog.files[file.schema] = document.source
        for key, kind in file.lists:
            items = data.get(key)
            if valid is None and not isinstance(items, list) and (items is not None or _required(file.model, key)):
                self.unavailable.add(kind)  # the list itself is broken: nothing of this kind is known
            model = ENTITY_KINDS[kind].model
            for index, item in enumerate(items if isinstance(items, list) else []):
                entity = getattr(valid, key)[index] if valid is not None else _without_errors(model, item, {})
                if entity is not None:
                    self._add(kind, entity.id, entity, document, (key, index))
                elif isinstance(item, dict) and isinstance(item.get("id"), str):
                    self._broken(kind, item["id"])
        return valid

    # --- personas and journeys ------------------------------------------------------------------------------

    def load_personas(self) -> None:
        personas = self.layout.personas
        if not self._require_folder(personas, "personas"):
            return
        for path in sorted(self.layout.yaml_files(PERSONA_FILE)):
            if len(path.relative_to(personas).parts) > 1:
                self._problem(
                    path,
                    "ignored-file",
                    "this YAML file is not read: personas are not read from subfolders",
                    f"move it to {self.layout.display(personas)}/{path.name} (the file name is the persona's id)",
                    Severity.WARNING,
                )
                continue
            self._warn_if_windows_reserved(path, personas)
            self._load_entity(path, PERSONA, path.stem)

    def load_journeys(self) -> None:
        journeys = self.layout.journeys
        if not journeys.is_dir() or self.layout.outside(journeys):  # reported by `load_shared`
            return
        shared = {file.stem: file for file in SHARED_FILES}
        folder_file_stem = (JOURNEY_FILE.folder_file or "").rsplit(".", 1)[0]
        for path in sorted(self.layout.yaml_files(JOURNEY_FILE)):
            relative = path.relative_to(journeys)
            implied_from = "file name"
            if len(relative.parts) == 1 and path.stem in shared:
                read = self.layout.existing(shared[path.stem])
                if read != path:
                    name = shared[path.stem].name
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
            elif len(relative.parts) == 2 and path.stem == folder_file_stem:
                journey_id, implied_from = relative.parts[0], "folder name"
            else:
                self._problem(
                    path,
                    "ignored-file",
                    "this YAML file is not read: it is neither a journey nor a shared file",
                    f"journeys live in journeys/<id>.yml or journeys/<id>/{JOURNEY_FILE.folder_file}",
                    Severity.WARNING,
                )
                continue
            self._warn_if_windows_reserved(path, journeys)
            self._load_entity(path, JOURNEY, journey_id, implied_from)
            if implied_from == "folder name":
                self._load_journey_files(journey_id)

    def _load_journey_files(self, journey_id: str) -> None:
        """The notes and pictures beside a folder journey's `journey.yml`, published with its pages."""
        found = []
        for path in self.layout.beside(JOURNEY_FILE, journey_id):
            if not self._inside_project(path):
                continue
            name = path.relative_to(self.layout.journeys / journey_id).as_posix()
            self._warn_if_windows_reserved(path, self.layout.journeys / journey_id)
            if printable(name) != name:
                self.diagnostics.append(
                    Diagnostic(
                        self.layout.display(path),  # shown escaped: `printable`
                        1,
                        1,
                        "invalid-file-name",
                        "this file name is not UTF-8 text or holds a control character, so it cannot be published "
                        "(it would be part of a web address)",
                        "rename the file (or folder) with letters, digits, spaces and hyphens; save names as UTF-8",
                    )
                )
                continue
            if path.suffix.lower() not in PUBLISHED_BESIDE_NOTES:
                self._problem(
                    path,
                    "ignored-file",
                    f"this file is not published with the journey's notes: {path.suffix or 'a file without a suffix'} "
                    "files are not among those published (an SVG or HTML file can run script on the site)",
                    f"use a picture ({', '.join(sorted(IMAGE_SUFFIXES))}) or a PDF, or move the file out of "
                    f"{self.layout.display(self.layout.journeys / journey_id)}/",
                    Severity.WARNING,
                )
                continue
            text = None
            if path.suffix.lower() == ".md":
                try:
                    text = read_text(path, self.layout.display(path))
                except DiagnosticsError as error:
                    self.diagnostics += error.diagnostics
                    continue
                if not self._cheap_to_convert(path, text):
                    continue
            found.append(JourneyFile(journey_id, name, path, text))
        self._check_published_names(found)
        if found:
            self.catalog.journey_files[journey_id] = tuple(found)

    def _warn_if_windows_reserved(self, path: Path, folder: Path) -> None:
        reserved = [part for part in path.relative_to(folder).parts if windows_reserved(part)]
        if reserved:
            stem, dot, rest = reserved[0].partition(".")
            rest = dot + rest
            self._problem(
                path,
                "windows-reserved-name",
                f"'{reserved[0]}' is a device name on Windows: this file cannot be checked out or built there",
                f"rename it, e.g. '{stem}-1{rest}' (a persona's or journey's file name is its id: update what names it)",
                Severity.WARNING,
            )

    def _cheap_to_convert(self, path: Path, text: str) -> bool:
        """A note any pull request may bring is converted within a bounded time, or refused where it would not be
        (`note_cost`): validate says so too, before any build."""
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_NOTE_BYTES:
            self._problem(
                path,
                "note-too-large",
                f"this note is {size // 1024:,} KiB; notes are limited to {MAX_NOTE_BYTES // 1024} KiB",
                "split it into several notes beside the journey, and link them to each other",
            )
            return False
        costly = costly_part(text)
        if costly is None:
            return True
        line = text.count("\n", 0, costly.offset) + 1
        column = costly.offset - (text.rfind("\n", 0, costly.offset) + 1) + 1
        self.diagnostics.append(
            Diagnostic(
                self.layout.display(path),
                line,
                column,
                "note-too-costly",
                f"from here, many {costly.what} have no end nearby (or are nested deeply): converting this note to "
                "a page would take minutes",
                "write a bracket that is only text as \\[ or \\(, a '<' as &lt;, or put such text in `code`",
            )
        )
        return False

    def _check_published_names(self, files: list[JourneyFile]) -> None:
        """Two notes that become one page (`x.md` and `x/index.md`: one would be lost without a word), and names that
        differ only in case or in how an accent is encoded (`Notes.md` and `notes.md`, `café.md` as NFC and NFD):
        one of each pair is lost on a colleague's Mac or Windows machine, and their web addresses differ invisibly."""
        pages: dict[str, JourneyFile] = {}
        lookalikes: dict[str, JourneyFile] = {}
        for file in files:
            published = _page_of_note(file.name) if file.is_note else file.name
            first = pages.get(published)
            if first is not None:
                self._problem(
                    file.path,
                    "duplicate-note-page",
                    f"this note and {first.name} become the same page, notes/{file.journey}/{published}, and only "
                    "one of them would be published",
                    "rename one of them",
                )
                continue
            pages[published] = file
            folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", published).casefold())
            twin = lookalikes.setdefault(folded, file)
            if twin is not file:
                self._problem(
                    file.path,
                    "lookalike-file-name",
                    f"this name and {twin.name} differ only in upper and lower case, or in how an accent is encoded: "
                    "macOS and Windows may keep only one of the two",
                    "rename one of them, or merge the two",
                    Severity.WARNING,
                )

    # --- helpers ------------------------------------------------------------------------------------------

    def _require_folder(self, folder: Path, what: str) -> bool:
        if folder.is_dir() and self.layout.outside(folder):
            shown = self.layout.display(folder)
            self.diagnostics.append(
                Diagnostic(
                    shown,
                    1,
                    1,
                    "outside-project",
                    f"the {what} folder {shown!r} is outside the project (through a link or `..`), so it is not read",
                    f"make {shown} a real folder inside the project, or set `{what}_dir` in mkdocs.yml to one",
                )
            )
            return False
        if folder.is_dir():
            return True
        self.diagnostics.append(
            Diagnostic(
                self.layout.display(folder),
                1,
                1,
                "missing-folder",
                f"the {what} folder {self.layout.display(folder)!r} does not exist",
                f"create it, or set `{what}_dir` in the plugin's options in mkdocs.yml",
            )
        )
        return False

    def _inside_project(self, path: Path) -> bool:
        real = path.resolve()
        if any(real.is_relative_to(folder) for folder in self._inside):
            return True
        # A pull request could otherwise publish any file of the machine that builds the site, or of the project
        # beside the data (`.git/config` holds the token of the checkout).
        if leaves(path, self.layout.home):
            self._problem(
                path,
                "outside-project",
                "this file is a link to a file outside the project, which is not read",
                "copy the file into the project instead of linking to it",
            )
        else:
            folders = " and ".join(f"{self.layout.display(folder)}/" for folder in self._data_folders)
            self._problem(
                path,
                "outside-project",
                f"this file is a link to a file of the project outside the data folders ({folders}), which is not read",
                "copy the file into the data folder instead of linking to it",
            )
        return False

    def _read(self, path: Path) -> LoadedDocument | None:
        if not self._inside_project(path):
            return None
        display = self.layout.display(path)
        try:
            document = self.cache.parse(read_file(path, display), display)
        except DiagnosticsError as error:
            self.diagnostics += error.diagnostics
            return None
        self.diagnostics += document.warnings
        return document

    def _load_entity(self, path: Path, kind: EntityKind, entity_id: str, implied_from: str = "file name") -> None:
        """Load a one-entity file (persona, journey) whose id is implied by its path."""
        model = kind.model
        document = self._read(path)
        instance = None
        if document is not None:
            instance, problems = validate_document(document, model, {"id": entity_id}, implied_from=implied_from)
            self.diagnostics += problems
        if document is not None and instance is not None:
            self._add(kind.name, entity_id, instance, document, ())
            self._add_inline(instance, document)
            return
        self._broken(kind.name, entity_id)
        if document is not None:
            self._broken_inline(document.data)
        if document is not None and isinstance(document.data, dict) and "id" not in document.data:
            # Its errors are reported; what is left of it still gets its references checked, so that one run
            # reports a typo in a persona id even when the same journey also has an emotion out of range.
            partial = _without_errors(model, document.data, {"id": entity_id})
            if partial is not None:
                self._add(kind.name, entity_id, partial, document, ())
                self._add_inline(partial, document)

    def _broken_inline(self, data: Any) -> None:
        """Opportunities a journey with errors defines in its stages exist all the same: naming them is not wrong."""
        steps = data.get("stages") if isinstance(data, dict) else None
        for step in steps if isinstance(steps, list) else []:
            items = step.get("opportunities") if isinstance(step, dict) else None
            for item in items if isinstance(items, list) else []:
                if isinstance(item, dict) and isinstance(item.get("id"), str) and "opportunity" not in item:
                    self._broken(OPPORTUNITY.name, item["id"])

    def _add_inline(self, entity: Any, document: LoadedDocument) -> None:
        """Opportunities defined in a journey's stages join those of `opportunities.yml`, each where it is written."""
        if not isinstance(entity, Journey):
            return
        for index, step in enumerate(entity.stages):
            for position, item in enumerate(step.opportunities):
                if isinstance(item, Opportunity):
                    self._add(OPPORTUNITY.name, item.id, item, document, ("stages", index, "opportunities", position))

    def _broken(self, kind: str, entity_id: str) -> None:
        # An invalid id ('Purchase') is reported where it is defined; references to the id it should be
        # ('purchase') are then right, not unknown.
        self.broken.update({(kind, entity_id), (kind, slugify(entity_id))})

    def _add(self, kind: str, entity_id: str, entity: Any, document: LoadedDocument, location: tuple[Any, ...]) -> None:
        collection = self.catalog.collection(ENTITY_KINDS[kind])
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
        self.diagnostics.append(Diagnostic(self.layout.display(path), 1, 1, code, message, hint, severity))


def _page_of_note(name: str) -> str:
    """Where MkDocs publishes a note, relative to the journey's notes: `x.md`, `x/index.md` and `x/README.md` are
    all `x/` (with directory URLs, the default; `index.md` and `README.md` are one page whatever the setting)."""
    stem = name[: -len(".md")] if name.lower().endswith(".md") else name
    folder, _, last = stem.rpartition("/")
    if last not in ("index", "README"):
        return f"{stem}/"
    return f"{folder}/" if folder else ""


IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"})
PUBLISHED_BESIDE_NOTES = IMAGE_SUFFIXES | {".md", ".pdf", ".csv", ".txt"}
"""What a folder journey's notes may show or link to. Files of other kinds (SVG and HTML above all, which a browser
runs script from when they are opened) are not published, so a pull request cannot put script on the site through
them."""


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
                location = walk(model, tuple(detail["loc"])).location  # as written: without pydantic's form tags
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


def _is_a_journey(data: dict[str, Any]) -> bool:
    """What a journey file holds at its top: personas, and stages that name a stage each."""
    stages = data.get("stages")
    return (
        "personas" in data
        and isinstance(stages, list)
        and any(isinstance(step, dict) and "stage" in step for step in stages)
    )


def _required(model: type[BaseModel], key: str) -> bool:
    field = model.model_fields.get(key)
    return field is not None and field.is_required()
