"""DOT to SVG (and PNG, for downloads) with Graphviz's `dot`: many graphs per process, one process per core, every
image cached by content.

Starting `dot` costs far more than laying out a small graph, so a build never runs it once per diagram: the
diagrams that are not in the cache are split into one batch per core, each batch is fed to one `dot -Tsvg`
process on stdin (dot lays out every graph it reads and writes one SVG document after the other), and the
batches run concurrently.

Cache entries are named by the SHA-256 of the DOT source, the Graphviz version and the plugin version, so a
rebuild without data changes runs `dot` zero times (the Graphviz version is remembered per executable file, not
asked of `dot` each build) and a change re-renders only the diagrams whose DOT changed. Those names can be computed
by anyone, so entries are sealed with the key of this machine (`cache_folder.machine_key`): one that is damaged,
truncated or made elsewhere (committed by a pull request) is rendered again; what is read is checked all the same
(`svg.clean_svg`). Writes go to a temporary file in the cache folder, then `os.replace`, so builds sharing a cache
never see half an entry.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, overload

from mkdocs_journeys import __version__
from mkdocs_journeys.data.cache_folder import read_limited, seal, sealed_by, write_atomically

log = logging.getLogger("mkdocs.plugins.journeys.graphviz")

INSTALL_HELP = """\
Graphviz's `dot` program was not found on PATH; mkdocs-journeys needs it to draw the diagrams.
Install Graphviz, then build again:
  Debian/Ubuntu:   sudo apt-get install graphviz
  macOS:           brew install graphviz
  Windows:         winget install graphviz   (or: choco install graphviz), then open a new terminal
  GitHub Actions:  a step `run: sudo apt-get install -y graphviz` before `mkdocs build`
Or build without diagrams: set `diagrams: false` under the `journeys` plugin in mkdocs.yml."""

DOT_TIMEOUT_SECONDS = 120.0
"""How long one `dot` run (one batch of diagrams) may take by default; the plugin's `dot_timeout` option sets it."""
_SVG_DOCUMENT = re.compile(r"<\?xml.*?</svg>", re.DOTALL)
_ENTRY_MAGIC = "mkdocs-journeys-svg"
MAX_ENTRY_BYTES = 64 << 20
"""A larger cache file is not read; the largest diagrams are a few megabytes."""
_PNG_MAGIC = b"mkdocs-journeys-png"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_ARGUMENTS = ("-Tpng", "-Gdpi=144")
"""PNG for slides: at 144 dpi, twice a screen's pixels per point, so it stays sharp when a slide is enlarged."""

Image = TypeVar("Image", str, bytes)


class GraphvizNotFound(Exception):
    """`dot` is not installed (or not on PATH). The message says how to install it."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HELP)


class DotFailed(Exception):
    """`dot` rejected one graph; `source` is that graph's DOT, `stderr` what dot said."""

    def __init__(self, source: str, stderr: str) -> None:
        super().__init__(stderr.strip() or "dot failed without a message")
        self.source = source
        self.stderr = stderr.strip()


class DotTimedOut(Exception):
    """`dot` did not finish in `seconds`; `sources` are the graphs it was drawing (and was stopped drawing)."""

    def __init__(self, seconds: float, sources: Sequence[str]) -> None:
        super().__init__(f"dot did not finish within {seconds:g} s")
        self.seconds = seconds
        self.sources = list(sources)


@overload
def run_dot(
    executable: str, arguments: Sequence[str], stdin: str, timeout: float = DOT_TIMEOUT_SECONDS
) -> subprocess.CompletedProcess[str]: ...


@overload
def run_dot(
    executable: str, arguments: Sequence[str], stdin: bytes, timeout: float = DOT_TIMEOUT_SECONDS
) -> subprocess.CompletedProcess[bytes]: ...


def run_dot(
    executable: str, arguments: Sequence[str], stdin: str | bytes, timeout: float = DOT_TIMEOUT_SECONDS
) -> subprocess.CompletedProcess[str] | subprocess.CompletedProcess[bytes]:
    """The one place a `dot` process starts (tests count the calls here): text in, text out (SVG); bytes in, bytes
    out (PNG). Raises `subprocess.TimeoutExpired` once the process, stopped, is gone."""
    try:
        if isinstance(stdin, bytes):
            return subprocess.run(
                [executable, *arguments], input=stdin, capture_output=True, timeout=timeout, check=False
            )
        return subprocess.run(
            [executable, *arguments],
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise GraphvizNotFound()


def find_dot(path: str | None = None) -> str:
    """The `dot` executable on PATH (or on `path`), else `GraphvizNotFound` with install instructions."""
    executable = shutil.which("dot", path=path)
    if executable is None:
        raise GraphvizNotFound()
    return executable


def available_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


@dataclass
class RenderStats:
    """What the last `render` did: how many diagrams came from the cache, how many dot rendered, in how many runs."""

    cached: int = 0
    rendered: int = 0
    processes: int = 0


class SvgCache:
    """SVG documents in a folder, one file per DOT source and Graphviz version, sealed with `secret`."""

    def __init__(self, folder: Path, secret: bytes) -> None:
        self.folder = folder
        self.secret = secret
        self._reported = False  # an unwritable cache is reported once per build, not once per diagram

    def key(self, source: str, graphviz_version: str) -> str:
        digest = hashlib.sha256()
        for part in (_ENTRY_MAGIC, __version__, graphviz_version, source):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()

    def path(self, key: str, suffix: str = ".svg") -> Path:
        return self.folder / f"{key}{suffix}"

    def read(self, key: str, suffix: str = ".svg") -> str | None:
        """The cached SVG, or None when absent, damaged, truncated or not sealed here."""
        raw = read_limited(self.path(key, suffix), MAX_ENTRY_BYTES)
        header, _, svg = (raw or b"").partition(b"\n")
        magic, _, mark = header.partition(b" ")
        try:
            sealed = magic == _ENTRY_MAGIC.encode() and sealed_by(
                self.secret, bytes.fromhex(mark.decode()), *self._named(key, suffix, svg)
            )
        except ValueError:  # not hexadecimal
            sealed = False
        if not sealed or not svg.rstrip().endswith(b"</svg>"):
            if raw is not None:
                log.debug(f"Damaged diagram cache entry {key}{suffix}, or one made elsewhere: drawing it again")
            return None
        return svg.decode("utf-8")

    def write(self, key: str, svg: str, suffix: str = ".svg") -> None:
        """`suffix` keeps other kinds of entry (SVG prepared for the page: `.inline`) apart from dot's output."""
        data = svg.encode("utf-8")
        mark = seal(self.secret, *self._named(key, suffix, data)).hex()
        self.write_text(self.path(key, suffix), f"{_ENTRY_MAGIC} {mark}\n{svg}")

    @staticmethod
    def _named(key: str, suffix: str, svg: bytes) -> tuple[bytes, bytes]:
        """What the seal covers: the entry's name too, so that no entry can stand in for another."""
        return (f"{key}{suffix}".encode(), svg)

    def read_png(self, key: str) -> bytes | None:
        """The cached PNG, or None when absent, damaged, truncated or not sealed here."""
        raw = read_limited(self.path(key, ".png"), MAX_ENTRY_BYTES)
        header, _, png = (raw or b"").partition(b"\n")
        magic, _, mark = header.partition(b" ")
        try:
            sealed = magic == _PNG_MAGIC and sealed_by(
                self.secret, bytes.fromhex(mark.decode()), *self._named(key, ".png", png)
            )
        except ValueError:  # not hexadecimal
            sealed = False
        if not sealed or not png.startswith(_PNG_SIGNATURE):
            if raw is not None:
                log.debug(f"Damaged diagram cache entry {key}.png, or one made elsewhere: drawing it again")
            return None
        return png

    def write_png(self, key: str, png: bytes) -> None:
        mark = seal(self.secret, *self._named(key, ".png", png)).hex().encode("ascii")
        try:
            write_atomically(self.path(key, ".png"), _PNG_MAGIC + b" " + mark + b"\n" + png)
        except OSError as error:
            self._unwritable(error)

    def write_text(self, path: Path, text: str) -> None:
        """Atomically (`cache_folder.write_atomically`). A cache that cannot be written only costs time: the build
        goes on, drawing what it cannot keep."""
        try:
            write_atomically(path, text.encode("utf-8"))
        except OSError as error:
            self._unwritable(error)

    def _unwritable(self, error: OSError) -> None:
        if not self._reported:
            self._reported = True
            log.info(
                f"The diagram cache {self.folder} cannot be written ({error.strerror or error}); drawing without it"
            )


class Graphviz:
    """Renders DOT sources to SVG with one `dot` executable, through the cache when there is one."""

    def __init__(
        self,
        executable: str,
        cache: SvgCache | None = None,
        workers: int | None = None,
        timeout: float = DOT_TIMEOUT_SECONDS,
    ) -> None:
        self.executable = executable
        self.cache = cache
        self.workers = workers or available_cores()
        self.timeout = timeout
        self.stats = RenderStats()
        self._version: str | None = None
        self._lock = threading.Lock()

    def version(self) -> str:
        """`dot -V`, remembered in the cache per executable file (path, size, time), so warm builds skip it."""
        if self._version is not None:
            return self._version
        stamp = _executable_stamp(self.executable)
        stamp_file = self.cache.folder / "graphviz-version.json" if self.cache else None
        if stamp_file is not None:
            try:
                remembered = json.loads(read_limited(stamp_file, 4096) or b"null")
                if (
                    isinstance(remembered, dict)
                    and remembered.get("executable") == stamp
                    and isinstance(remembered.get("version"), str)
                ):
                    self._version = remembered["version"]
                    return self._version
            except ValueError:
                pass
        result = self._run(["-V"], "")
        self._version = " ".join((result.stderr or result.stdout).split()) or "unknown"
        if self.cache is not None and stamp_file is not None:
            self.cache.write_text(stamp_file, json.dumps({"executable": stamp, "version": self._version}))
        return self._version

    def render(self, sources: Sequence[str]) -> list[str]:
        """One SVG document per DOT source, in order. Raises `DotFailed` for the first graph dot rejects, and
        `DotTimedOut` when a `dot` run takes longer than `timeout` (a run is never started again then)."""
        self.stats = RenderStats()
        results: list[str | None] = [None] * len(sources)
        keys: list[str] = []
        if self.cache is not None:
            version = self.version()
            keys = [self.cache.key(source, version) for source in sources]
            results = [self.cache.read(key) for key in keys]
        missing = list(dict.fromkeys(source for source, svg in zip(sources, results, strict=True) if svg is None))
        self.stats.cached = len(sources) - sum(1 for svg in results if svg is None)
        rendered = dict(zip(missing, self._render_batches(missing), strict=True))
        self.stats.rendered = len(missing)
        for position, source in enumerate(sources):
            if results[position] is None:
                results[position] = rendered[source]
                if self.cache is not None:
                    self.cache.write(keys[position], rendered[source])
        return [svg for svg in results if svg is not None]

    def render_png(self, sources: Sequence[str]) -> list[bytes]:
        """One PNG image per DOT source, in order (`PNG_ARGUMENTS`), through the cache like SVGs; raises like
        `render`."""
        keys: list[str] = []
        results: list[bytes | None] = [None] * len(sources)
        if self.cache is not None:
            version = f"{self.version()} {' '.join(PNG_ARGUMENTS)}"
            keys = [self.cache.key(source, version) for source in sources]
            results = [self.cache.read_png(key) for key in keys]
        missing = list(dict.fromkeys(source for source, png in zip(sources, results, strict=True) if png is None))
        rendered = dict(zip(missing, self._in_batches(missing, self._render_png_batch), strict=True))
        for position, source in enumerate(sources):
            if results[position] is None:
                results[position] = rendered[source]
                if self.cache is not None:
                    self.cache.write_png(keys[position], rendered[source])
        return [png for png in results if png is not None]

    def _render_batches(self, sources: list[str]) -> list[str]:
        return self._in_batches(sources, self._render_batch)

    def _in_batches(self, sources: list[str], render: Callable[[list[str]], list[Image]]) -> list[Image]:
        """`render` run on batches of `sources`, one per worker, at once; the images in the order of `sources`."""
        if not sources:
            return []
        batches = _balanced_batches(sources, min(self.workers, len(sources)))
        if len(batches) == 1:
            outputs = [render(batches[0])]
        else:
            with ThreadPoolExecutor(max_workers=len(batches)) as pool:
                outputs = list(pool.map(render, batches))
        by_source = {
            source: image
            for batch, output in zip(batches, outputs, strict=True)
            for source, image in zip(batch, output, strict=True)
        }
        return [by_source[source] for source in sources]

    def _render_batch(self, sources: list[str], deadline: float | None = None) -> list[str]:
        """One `dot` for the whole batch. If dot rejects one of its graphs, the batch is split in halves, and so on,
        to find the one at fault: a few runs, not one per graph, all within one `timeout` from the first failure."""
        result = self._run(["-Tsvg"], "\n".join(sources), sources, deadline)
        documents = _SVG_DOCUMENT.findall(result.stdout)
        if result.returncode == 0 and len(documents) == len(sources):
            if result.stderr.strip():
                log.debug(f"dot: {result.stderr.strip()}")
            return documents
        if len(sources) == 1:
            raise DotFailed(sources[0], result.stderr or f"dot exited with status {result.returncode}")
        deadline = deadline if deadline is not None else time.monotonic() + self.timeout
        middle = len(sources) // 2
        return self._render_batch(sources[:middle], deadline) + self._render_batch(sources[middle:], deadline)

    def _render_png_batch(self, sources: list[str], deadline: float | None = None) -> list[bytes]:
        """Like `_render_batch`: dot writes one PNG after the other, each ending with its IEND chunk."""
        with self._lock:
            self.stats.processes += 1
        timeout = self.timeout if deadline is None else max(0.0, deadline - time.monotonic())
        try:
            result = run_dot(self.executable, PNG_ARGUMENTS, "\n".join(sources).encode("utf-8"), timeout)
        except subprocess.TimeoutExpired:
            raise DotTimedOut(self.timeout, sources)
        images = split_pngs(result.stdout)
        if result.returncode == 0 and len(images) == len(sources):
            return images
        if len(sources) == 1:
            stderr = result.stderr.decode("utf-8", "replace")
            raise DotFailed(sources[0], stderr or f"dot exited with status {result.returncode}")
        deadline = deadline if deadline is not None else time.monotonic() + self.timeout
        middle = len(sources) // 2
        return self._render_png_batch(sources[:middle], deadline) + self._render_png_batch(sources[middle:], deadline)

    def _run(
        self, arguments: list[str], stdin: str, sources: Sequence[str] = (), deadline: float | None = None
    ) -> subprocess.CompletedProcess[str]:
        with self._lock:
            self.stats.processes += 1
        timeout = self.timeout if deadline is None else max(0.0, deadline - time.monotonic())
        try:
            return run_dot(self.executable, arguments, stdin, timeout)
        except subprocess.TimeoutExpired:
            raise DotTimedOut(self.timeout, sources)


def split_pngs(stream: bytes) -> list[bytes]:
    """The PNG images written one after the other in `stream`, each cut after its IEND chunk; a stream that does not
    hold whole PNG images gives what it holds whole."""
    images = []
    start = 0
    while stream.startswith(_PNG_SIGNATURE, start):
        position = start + len(_PNG_SIGNATURE)
        while position + 12 <= len(stream):
            length = int.from_bytes(stream[position : position + 4], "big")
            kind = stream[position + 4 : position + 8]
            position += 12 + length  # length, type, data, CRC
            if kind == b"IEND":
                break
        else:
            break  # truncated
        if position > len(stream):
            break
        images.append(stream[start:position])
        start = position
    return images


def _balanced_batches(sources: list[str], count: int) -> list[list[str]]:
    """`count` batches of about equal work (DOT length stands in for layout time), each in the original order."""
    loads = [0] * count
    assigned: list[list[int]] = [[] for _ in range(count)]
    for position in sorted(range(len(sources)), key=lambda p: -len(sources[p])):
        lightest = loads.index(min(loads))
        loads[lightest] += len(sources[position])
        assigned[lightest].append(position)
    return [[sources[p] for p in sorted(batch)] for batch in assigned if batch]


def _executable_stamp(executable: str) -> str:
    real = os.path.realpath(executable)
    try:
        status = os.stat(real)
    except OSError:
        return real
    return f"{real}:{status.st_size}:{status.st_mtime_ns}"
