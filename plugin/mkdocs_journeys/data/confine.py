"""Reads and writes that stay inside the project, whatever links a pull request commits.

A pull request can commit symbolic links: `personas/` pointing at `/`, `journeys/stages.yml` at a file elsewhere on
the machine that builds the site, `.cache/journeys` at another folder. Data is read only from folders whose real place
is inside the project (the folder of `mkdocs.yml`), and nothing is ever written through a link: every path written
to is checked part by part, below the project, and files are created or replaced without following a link.
"""

from __future__ import annotations

import os
import posixpath
import tempfile
from pathlib import Path, PureWindowsPath


class OutsideProject(Exception):
    """A path that leaves the project, or reaches it through a link: the message names it, the hint says what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def leaves(path: Path, project: Path) -> bool:
    """True when `path`, every link followed, is not inside `project` (itself wherever its links lead)."""
    try:
        return not path.resolve().is_relative_to(project.resolve())
    except (OSError, RuntimeError):  # a loop of links leads nowhere
        return True


def leaves_by_name(value: str) -> str | None:
    """Why a folder option (relative to `mkdocs.yml`) leaves the project as written, or None: an absolute path, or
    one that goes up with '..' (links are for `leaves`, when the folder is used)."""
    posix = value.replace("\\", "/")
    if posix.startswith("/") or PureWindowsPath(value).drive:
        return "is an absolute path; give a folder relative to mkdocs.yml, inside the project"
    normal = posixpath.normpath(posix)
    if normal == ".." or normal.startswith("../"):
        return "goes up out of the project with '..'; give a folder inside it"
    return None


def writable(path: Path, project: Path, what: str) -> Path:
    """`path` made absolute without `..`, once checked that writing there stays inside `project` and follows no link.

    Every part of the path below the project that exists must be a real folder (or, for the last part, a real file):
    a link is refused even when it points inside the project, since writing through it changes a file that the pull
    request chose. `what` names the path in messages ("the schema folder"). Raises `OutsideProject`.
    """
    home = Path(os.path.abspath(project))
    target = Path(os.path.abspath(path))
    if not target.is_relative_to(home):
        folder = _shown(project)
        raise OutsideProject(
            f"{what} {_shown(path)} is outside " + ("the current folder" if folder == "." else f"the project {folder}"),
            "write inside the project folder, with a path that does not start with '..'",
        )
    current = home
    for part in target.relative_to(home).parts:
        current = current / part
        if current.is_symlink():
            link = "is a symbolic link" if current == target else f"goes through the symbolic link {_shown(current)}"
            raise OutsideProject(
                f"{what} {_shown(path)} {link}, and nothing is written through a link",
                f"replace {_shown(current)} with a real {'file' if current == target else 'folder'}, or write by hand",
            )
    return target


def create_file(path: Path, data: bytes) -> None:
    """A new file (never an existing one, never through a link), its missing folders created one by one.

    `path` comes from `writable`. Raises `FileExistsError` when something is there already, `OSError` when it cannot
    be written.
    """
    _make_folders(path.parent)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    handle = os.open(path, flags, 0o644)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def replace_file(path: Path, data: bytes) -> None:
    """Write `path` whole (created, or replaced with a new file: a link there is replaced, never written through).

    `path` comes from `writable`. A reader sees the old file or the new one, never a part.
    """
    _make_folders(path.parent)
    mode = 0o644
    try:
        status = os.lstat(path)
        mode = status.st_mode & 0o777 if not os.path.islink(path) else mode
    except FileNotFoundError:
        pass
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _make_folders(folder: Path) -> None:
    missing = []
    while not folder.exists() and not folder.is_symlink():
        missing.append(folder)
        folder = folder.parent
    for part in reversed(missing):
        os.mkdir(part)  # fails on anything that appeared meanwhile, a link included


def _shown(path: Path) -> str:
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()
