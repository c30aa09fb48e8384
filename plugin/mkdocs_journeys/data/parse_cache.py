"""What each data file parsed to, kept in one file between loads, so that only files that changed are parsed again.

Parsing the YAML is most of the time of loading a large project (`docs/benchmarks.md`), and between two
builds most files are unchanged. An entry is found by the file's bytes, its display path (its diagnostics name it)
and a fingerprint of the parsing code, so an edited file is parsed again and an upgraded parser parses everything
again. Only parsing is cached: validation and the checks between files always run on the data.

The cache is one file (reading a thousand small ones would cost what it saves), written with `marshal`, which makes
only plain data and cannot build arbitrary objects the way pickle can, behind a format version and a seal: an HMAC
with the key of this machine (`cache_folder.machine_key`), which is never in the project. The data read back is put
on the site as it is, so an unsealed file would let a pull request show names and pictures that no YAML file holds
(and `validate`, which does not read the cache, would see nothing); a checksum anyone can compute would not stop it.
A cache that is missing, damaged, sealed elsewhere, from another version or unwritable is ignored: the files are
parsed, never an error.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import marshal
import sys
from pathlib import Path
from typing import Any

from mkdocs_journeys.data import diagnostics, yaml_source
from mkdocs_journeys.data.cache_folder import SEAL_BYTES, process_key, read_limited, seal, sealed_by, write_atomically
from mkdocs_journeys.data.diagnostics import Diagnostic, DiagnosticsError, Severity
from mkdocs_journeys.data.yaml_source import LoadedDocument, SourceMap, load_bytes, parser_version

log = logging.getLogger("mkdocs.plugins.journeys.parse_cache")

CACHE_FILE = "parsed-yaml.marshal"
FORMAT = 2
_HEADER = f"mkdocs-journeys parse cache {FORMAT} marshal {marshal.version}\n".encode("ascii")
MAX_CACHE_BYTES = 1 << 30
"""A larger file is not read (a project of 9 MB of YAML leaves about 60 MB)."""

# A stored entry, plain types only: (True, data, values, keys, warnings) or (False, diagnostics); a diagnostic is the
# tuple of its fields with the severity as text.
_Entry = tuple[Any, ...]


class ParseCache:
    """Parses data files through the cache in `folder`; without a folder, it only parses.

    `save()` writes back the entries of this load, and only these: a deleted or edited file's old entry goes.
    """

    def __init__(self, folder: Path | None, key: bytes | None = None) -> None:
        """`key` seals the file (`cache_folder.machine_key`); without it, a key of this process."""
        self.folder = folder
        self._secret = key if key is not None else process_key()
        self._stored: dict[bytes, bytes] = {}
        self._used: dict[bytes, bytes] = {}
        self._changed = False
        self._fingerprint = b""
        if folder is None:
            return
        try:
            self._fingerprint = _code_fingerprint() + parser_version().encode("utf-8")
        except OSError as error:  # the package's own source cannot be read: nothing tells a stale entry apart
            log.debug(f"Parse cache not used: {error}")
            self.folder = None
            return
        stored = _read(folder / CACHE_FILE, self._secret)
        self._changed = stored is None
        self._stored = stored or {}

    def parse(self, raw: bytes, display_path: str) -> LoadedDocument:
        """What `load_bytes(raw, display_path)` gives (a document, or `DiagnosticsError`), parsed at most once."""
        if self.folder is None:
            return load_bytes(raw, display_path)
        key = self._key(raw, display_path)
        stored = self._stored.get(key)
        if stored is not None:
            found = _decode(stored, display_path)
            if found is not None:
                self._used[key] = stored
                if isinstance(found, LoadedDocument):
                    return found
                raise DiagnosticsError(found)
        try:
            document = load_bytes(raw, display_path)
        except DiagnosticsError as error:
            self._keep(key, (False, tuple(_diagnostic_fields(d) for d in error.diagnostics)))
            raise
        source = document.source
        warnings = tuple(_diagnostic_fields(d) for d in document.warnings)
        self._keep(key, (True, document.data, source.values, source.keys, warnings))
        return document

    def save(self) -> None:
        """Write the entries of this load when they differ from the stored ones; a failure only costs the next load time."""
        if self.folder is None or not (self._changed or self._used.keys() != self._stored.keys()):
            return
        payload = marshal.dumps(self._used)
        _write(self.folder, _HEADER + seal(self._secret, _HEADER, payload) + payload)

    def _key(self, raw: bytes, display_path: str) -> bytes:
        path = display_path.encode("utf-8", "surrogatepass")
        digest = hashlib.sha256(self._fingerprint)
        digest.update(b"%d:" % len(path))
        digest.update(path)
        digest.update(raw)
        return digest.digest()

    def _keep(self, key: bytes, entry: _Entry) -> None:
        # Encoded now, so that what the loader later does with the data cannot change what is stored.
        try:
            self._used[key] = marshal.dumps(entry)
        except ValueError:  # not plain data; cannot happen for what yaml_source makes, but then it is not cached
            return
        self._changed = True


@functools.cache
def _code_fingerprint() -> bytes:
    """The parsing code and what it depends on: another version of any of them may parse the same bytes differently."""
    digest = hashlib.sha256()
    for module in (yaml_source, diagnostics, sys.modules[__name__]):
        digest.update(Path(str(module.__file__)).read_bytes())
    digest.update(f"Python {sys.version_info[:2]}".encode())
    return digest.digest()


def _diagnostic_fields(d: Diagnostic) -> tuple[str, int, int, str, str, str, str]:
    return (d.path, d.line, d.column, d.code, d.message, d.hint, d.severity.value)


def _diagnostics(stored: Any) -> list[Diagnostic]:
    found = []
    for path, line, column, code, message, hint, severity in stored:
        found.append(Diagnostic(path, line, column, code, message, hint, Severity(severity)))
    return found


def _decode(stored: bytes, display_path: str) -> LoadedDocument | list[Diagnostic] | None:
    """The document or the diagnostics of an entry; None when it is not one this code wrote (then the file is parsed)."""
    try:
        entry = marshal.loads(stored)
        if entry[0] is True:
            _, data, values, keys, warnings = entry
            if isinstance(values, dict) and isinstance(keys, dict):
                return LoadedDocument(data, SourceMap(display_path, values, keys), _diagnostics(warnings))
        elif entry[0] is False:
            return _diagnostics(entry[1])
    except (ValueError, EOFError, TypeError, LookupError):
        pass
    return None


def _read(path: Path, key: bytes) -> dict[bytes, bytes] | None:
    """The stored entries by key, or None when the file is absent, unreadable or not exactly what `save` wrote here."""
    blob = read_limited(path, MAX_CACHE_BYTES)
    if blob is None:
        return None
    sealed = blob[len(_HEADER) : len(_HEADER) + SEAL_BYTES]
    payload = blob[len(_HEADER) + SEAL_BYTES :]
    if not blob.startswith(_HEADER) or not sealed_by(key, sealed, _HEADER, payload):
        log.debug(f"Parse cache {path} is damaged, from another version or sealed elsewhere: parsing every file")
        return None
    return _read_unsealed(payload, header=False)


def _read_unsealed(blob: bytes, *, header: bool = True) -> dict[bytes, bytes] | None:
    """The entries of a cache file (`header`: the whole file, seal included), without checking the seal."""
    payload = blob[len(_HEADER) + SEAL_BYTES :] if header else blob
    try:
        entries = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    if not isinstance(entries, dict) or not all(
        isinstance(k, bytes) and isinstance(v, bytes) for k, v in entries.items()
    ):
        return None
    return entries


def _write(folder: Path, blob: bytes) -> None:
    """Atomically (`cache_folder.write_atomically`): a load running meanwhile reads the old file or the new one."""
    try:
        write_atomically(folder / CACHE_FILE, blob)
    except OSError as error:
        log.debug(f"Parse cache {folder} cannot be written: {error}")
