"""Which generated pages `mkdocs serve --dirty` can leave as they are.

In a dirty build MkDocs rebuilds only the pages whose `File.is_modified()` says so; for a file made by a plugin
that is always true, so every reload rebuilt all generated pages, hundreds on a big site, after an edit to one
journey. A `GeneratedPage` knows the digest of everything that goes into it (its Markdown with its diagrams and
charts) and reports a change only when the page built last time in this process came from something else. The
same holds for the files the plugin publishes beside its pages (diagrams for download, the stylesheet): MkDocs writes
a generated file on every build, even a dirty one, which on a big site is a hundred megabytes of PNG per reload.

What MkDocs itself does not refresh in dirty builds (the navigation of pages it skips) stays as MkDocs documents
it; a full build, or `mkdocs serve` without `--dirty`, rebuilds everything.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

_BUILT: dict[str, str] = {}
"""Digest of each page written by this process, by output path. Module state, because `mkdocs serve` makes a new
plugin for every rebuild and only the process lives from one build to the next."""


class GeneratedPage(File):
    """A page made by the plugin; `digest` is that of its finished content (see `generated_page`)."""

    digest: str = ""

    def is_modified(self) -> bool:
        return _BUILT.get(self.abs_dest_path) != self.digest or not os.path.isfile(self.abs_dest_path)


def generated_page(config: MkDocsConfig, src_uri: str, markdown: str, digest: str) -> GeneratedPage:
    """The file of a generated page with Markdown `markdown`; `digest` is that of everything the page shows
    (`GeneratedSite.fingerprint`)."""
    file = GeneratedPage.generated(config, src_uri, content=markdown)
    assert isinstance(file, GeneratedPage)  # `generated` makes the class it is called on
    file.digest = digest
    return file


def remember_built(file: File) -> None:
    """Record that `file`'s page has just been written from its current content."""
    if isinstance(file, GeneratedPage):
        _BUILT[file.abs_dest_path] = file.digest


_WRITTEN: dict[str, bytes] = {}
"""The content of each file `GeneratedFile` wrote in this process, by output path (what the build holds anyway)."""


class GeneratedFile(File):
    """A file the plugin publishes as it is (a diagram's download); modified when its content differs from what this
    process last wrote there, or the file is gone."""

    def is_modified(self) -> bool:
        written = _WRITTEN.get(self.abs_dest_path)
        return written is None or written != self.content_bytes or not os.path.isfile(self.abs_dest_path)


def generated_file(config: MkDocsConfig, src_uri: str, content: str | bytes) -> GeneratedFile:
    file = GeneratedFile.generated(config, src_uri, content=content)
    assert isinstance(file, GeneratedFile)
    return file


def remember_written(files: Iterable[File]) -> None:
    """Record the content of the generated files among `files`, which the build has just written (`on_post_build`)."""
    for file in files:
        if isinstance(file, GeneratedFile):
            _WRITTEN[file.abs_dest_path] = file.content_bytes
