"""Where a project's journey data lives on disk: the one place that turns data files and ids into paths.

The loader, `new`, hints in diagnostics and the plugin ask a `DataLayout` instead of joining folder and file names
themselves, so a project with `journeys_dir: data/cj` or a `stages.yaml` is read, written and named in messages as
it really is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs_journeys.data.confine import leaves
from mkdocs_journeys.data.kinds import DataFile, EntityKind

YAML_SUFFIXES = (".yml", ".yaml")
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}
)
"""Names Windows keeps for devices, with any suffix (`con.yml`, `aux.png`) and in any case: git cannot check such a
file or folder out on Windows, so a colleague there could not open or build the project."""


def windows_reserved(name: str) -> bool:
    """True when `name` (a file or folder name) is a device name on Windows: `con`, `nul.md`, `COM1.yml`."""
    return name.split(".", 1)[0].rstrip(" ").lower() in WINDOWS_RESERVED


DEFAULT_FOLDERS: dict[str, str] = {"personas_dir": "personas", "journeys_dir": "journeys"}
"""The plugin options that set the data folders, and their defaults (relative to `mkdocs.yml`)."""


@dataclass(frozen=True)
class DataLayout:
    """The two data folders; `root` is the folder paths in messages are relative to, and `project` the folder of
    `mkdocs.yml`, which nothing is read from or written to outside of (`root` when not given)."""

    personas: Path
    journeys: Path
    root: Path
    project: Path | None = None

    @property
    def home(self) -> Path:
        """The project folder: data is read only inside it."""
        return self.project if self.project is not None else self.root

    @classmethod
    def at(cls, root: Path, personas_dir: str | None = None, journeys_dir: str | None = None) -> DataLayout:
        """The layout of the project folder `root`, with its folders as the plugin's options name them."""
        return cls(
            root / (personas_dir or DEFAULT_FOLDERS["personas_dir"]),
            root / (journeys_dir or DEFAULT_FOLDERS["journeys_dir"]),
            root,
        )

    def folder(self, file: DataFile) -> Path:
        return self.personas if file.folder == "personas" else self.journeys

    def display(self, path: Path) -> str:
        """`path` as messages show it: relative to the project, with forward slashes."""
        try:
            return Path(os.path.relpath(path, self.root)).as_posix()
        except ValueError:  # another drive on Windows
            return path.as_posix()

    # --- shared files -----------------------------------------------------------------------------------------

    def existing(self, file: DataFile) -> Path | None:
        """The shared file as it is on disk: `stages.yml`, or `stages.yaml` when only that one exists."""
        for path in self.candidates(file):
            if path.is_file():
                return path
        return None

    def path(self, file: DataFile) -> Path:
        """The shared file to read or add to: the existing one, else the `.yml` to create."""
        found = self.existing(file)
        return found if found is not None else self.candidates(file)[0]

    def candidates(self, file: DataFile) -> list[Path]:
        assert file.name is not None, f"{file.schema} files are one per entity"
        folder = self.folder(file)
        return [folder / f"{file.stem}{suffix}" for suffix in YAML_SUFFIXES]

    def shown(self, file: DataFile) -> str:
        """How messages name a data file or, for one-entity files, where they go: `journeys/stages.yml`."""
        if file.name is not None:
            return self.display(self.path(file))
        return f"{self.display(self.folder(file))}/{file.pattern}"

    def where_defined(self, kind: EntityKind) -> str:
        """For hints: where a team defines entities of `kind` (`journeys/stages.yml`, `personas/`)."""
        file = kind.defined_in
        if file.name is None:
            return f"{self.display(self.folder(file))}/"
        if kind.builtin:
            list_key = next(key for key, of in file.lists if of == kind.name)
            return f"the built-in list or `{list_key}:` of {self.shown(file)}"
        return self.shown(file) + (f" or in {kind.also_defined}" if kind.also_defined else "")

    # --- one-entity files ---------------------------------------------------------------------------------------

    def entity_paths(self, file: DataFile, entity_id: str) -> list[Path]:
        """Every path that would define the entity `entity_id` in a one-entity file (the first is where `new` writes)."""
        folder = self.folder(file)
        paths = [folder / f"{entity_id}{suffix}" for suffix in YAML_SUFFIXES]
        if file.folder_file is not None:
            paths.append(folder / entity_id / file.folder_file)
        return paths

    def beside(self, file: DataFile, entity_id: str) -> list[Path]:
        """The files in an entity's own folder (`journeys/<id>/`) other than YAML files and hidden ones: the notes and
        pictures of a folder journey, sorted."""
        folder = self.folder(file) / entity_id
        if file.folder_file is None or not folder.is_dir():
            return []
        return sorted(
            path
            for path in folder.rglob("*")
            if path.suffix.lower() not in YAML_SUFFIXES
            and path.is_file()
            and not any(part.startswith(".") for part in path.relative_to(folder).parts)
        )

    def yaml_files(self, file: DataFile) -> list[Path]:
        """The YAML files of `file`'s folder and its subfolders, except hidden ones (`.#draft.yml`, `._ana.yml`).

        Links to folders are not followed (a link to the folder itself would never end). A folder deleted while it is
        read (switching branches while `mkdocs serve` runs) is left out, as if it had been deleted a moment earlier.
        """
        found = []
        for folder, subfolders, files in os.walk(self.folder(file), followlinks=False):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            for name in files:
                path = Path(folder, name)
                if not name.startswith(".") and path.suffix.lower() in YAML_SUFFIXES and path.is_file():
                    found.append(path)
        return found

    # --- inside the project -----------------------------------------------------------------------------------------

    def outside(self, folder: Path) -> bool:
        """True when a data folder, every link followed, is not inside the project: it is not read (a pull request that
        turns `personas/` into a link to `/` would publish every YAML file of the machine, after scanning it all)."""
        return leaves(folder, self.home)

    def readable(self, path: Path) -> bool:
        """True when the file, every link followed, is inside one of the data folders, themselves inside the project."""
        folders = [folder for folder in (self.personas, self.journeys) if not self.outside(folder)]
        return any(not leaves(path, folder) for folder in folders)
