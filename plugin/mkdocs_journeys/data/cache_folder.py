"""Files in the plugin's cache folder (`cache_dir`): written whole or not at all, and kept out of version control.

The diagram cache and the parse cache share the folder and these rules; each decides what a failure to write means
for it (only ever lost time: a build goes on without the cache).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path`, creating its folder if needed. Other builds sharing the folder see the old file or the
    new one, never a part. Raises `OSError` when the file cannot be written (a file where the folder should be, a
    folder deleted meanwhile, a full disk)."""
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
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by mkdocs-journeys: cache, safe to delete.\n*\n", "utf-8")
