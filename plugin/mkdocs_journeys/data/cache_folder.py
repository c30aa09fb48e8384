"""Files in the plugin's cache folder (`cache_dir`): written whole or not at all, kept out of version control, and
never trusted.

The cache is an optimisation, never an input. A pull request can commit files into it (`git add -f`), or a link in its
place; a CI cache step carries whatever a build left there into later builds. So:

- the folder must be inside the project, reached through no link, and hold no file that git tracks
  (`checked_folder`); otherwise the build stops and says why;
- every entry is sealed with a key that never leaves the machine (`machine_key`, kept outside the project in the
  user's cache folder), so an entry made anywhere else is not read: it is computed again;
- files are read only when they are regular files (`read_limited`): a link to `/dev/zero` or a pipe cannot hang a
  build;
- what is read is still checked as if it came from anywhere (diagrams: `svg.clean_svg`).

The diagram cache and the parse cache share the folder and these rules; each decides what a failure to write means for
it (only ever lost time: a build goes on without the cache).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import logging
import os
import secrets
import stat
import subprocess
import tempfile
from pathlib import Path

from mkdocs_journeys.data.confine import OutsideProject, create_file, leaves, writable

log = logging.getLogger("mkdocs.plugins.journeys.cache")

KEY_BYTES = 32
SEAL_BYTES = hashlib.sha256().digest_size


class CacheRefused(Exception):
    """The cache folder cannot be used safely: the message names it, the hint says what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def checked_folder(project: Path, cache_dir: str) -> Path:
    """The cache folder `cache_dir` (relative to `project`), once checked that it is inside the project, reached
    through no link, and holds no file tracked by git; raises `CacheRefused` otherwise."""
    try:
        folder = writable(project / cache_dir, project, "the cache folder (`cache_dir`)")
    except OutsideProject as error:
        raise CacheRefused(error.message, f"{error.hint}; the cache folder is made by the build, never committed")
    tracked = _tracked(project, folder)
    if tracked:
        shown = os.path.relpath(folder, project)
        raise CacheRefused(
            f"the cache folder {shown} holds files tracked by git ({', '.join(tracked[:3])}"
            + (", …" if len(tracked) > 3 else "")
            + "): a cache is never an input, so it is not used",
            f"remove them from git with `git rm -r --cached {shown}` (builds make the cache; CI may keep it between "
            "runs, never commit it)",
        )
    return folder


def _tracked(project: Path, folder: Path) -> list[str]:
    """Files of `folder` that git tracks; none when git or a repository is not there (nothing to ask)."""
    try:
        completed = subprocess.run(
            ["git", "ls-files", "-z", "--", str(folder)],
            cwd=project,
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    if completed.returncode != 0:  # not a git repository
        return []
    return [name.decode("utf-8", "replace") for name in completed.stdout.split(b"\0") if name]


# --- the key that seals entries ------------------------------------------------------------------------------------


def machine_key(project: Path) -> bytes:
    """The secret that seals cache entries on this machine, made once and kept outside every project, in the user's
    cache folder (`$XDG_CACHE_HOME/mkdocs-journeys/cache-key`, `~/.cache/…`; `%LOCALAPPDATA%\\…` on Windows).

    Where it cannot be kept (no home folder, a read-only one) or would be inside `project` (a committed key would be
    anyone's), a key of this process is used: the cache then serves this process only (`mkdocs serve`)."""
    path = _key_file()
    if path is None or not leaves(path, project):
        return process_key()
    return _stored_key(path)


def seal(key: bytes, *parts: bytes) -> bytes:
    """The HMAC-SHA256 of `parts` (each length-prefixed, so that no two lists of parts seal alike)."""
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for part in parts:
        mac.update(b"%d:" % len(part))
        mac.update(part)
    return mac.digest()


def sealed_by(key: bytes, expected: bytes, *parts: bytes) -> bool:
    return hmac.compare_digest(seal(key, *parts), expected)


def _key_file() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or (os.environ.get("LOCALAPPDATA") if os.name == "nt" else None)
    try:
        folder = Path(base) if base else Path.home() / ".cache"
    except RuntimeError:  # no home folder
        return None
    return folder.absolute() / "mkdocs-journeys" / "cache-key"


@functools.cache
def _stored_key(path: Path) -> bytes:
    found = read_limited(path, 4096)
    if found is not None and len(found) >= KEY_BYTES:
        return found
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = secrets.token_bytes(KEY_BYTES)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")  # 0600: for this user only
        with os.fdopen(handle, "wb") as file:
            file.write(key)
        try:
            os.link(temporary, path)  # never replaces a key another build made meanwhile
        finally:
            os.unlink(temporary)
    except FileExistsError:
        found = read_limited(path, 4096)
        if found is not None and len(found) >= KEY_BYTES:
            return found
        return process_key()
    except OSError as error:
        log.info(f"The cache key {path} cannot be written ({error.strerror or error}): the cache serves this run only")
        return process_key()
    return key


@functools.cache
def process_key() -> bytes:
    """A key of this process only: what it seals, only this process reads."""
    return secrets.token_bytes(KEY_BYTES)


# --- reading and writing -------------------------------------------------------------------------------------------


def read_limited(path: Path, limit: int) -> bytes | None:
    """The bytes of `path` if it is a regular file (not a link, a pipe or a device) of at most `limit` bytes."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except OSError:
        return None
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
            return None
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(handle, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError:
        return None
    finally:
        os.close(handle)
    return b"".join(chunks) if size <= limit else None


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path`, creating its folder if needed. Other builds sharing the folder see the old file or the
    new one, never a part; a link at `path` is replaced, not written through. Raises `OSError` when the file cannot be
    written (a file where the folder should be, a folder deleted meanwhile, a full disk)."""
    _ensure_folder(path.parent)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide the cache from a CI step run as another user
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _ensure_folder(folder: Path) -> None:
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        # Keep the cache out of version control without asking the user to edit their .gitignore.
        with contextlib.suppress(FileExistsError):
            create_file(folder / ".gitignore", b"# Created by mkdocs-journeys: cache, safe to delete.\n*\n")
