"""Journey pages on a multilingual site built by mkdocs-static-i18n.

That plugin builds the site once per language, each language but the default one in its own folder (`fr/`), and
moves the pages it finds in `docs/` there. It reads every page from disk, so it cannot take generated pages: the
journey pages are added after it has arranged the files (`on_files` runs after its own), and put in the language's
folder here, so that each language's site has its own journey pages, in its own nav and chrome, linked from its
pages. The journey data is one for all languages; its text is published as written.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File


def language_folder(config: MkDocsConfig) -> str:
    """The folder of the language being built, or "" for the default language or a site in one language."""
    i18n = config.plugins.get("i18n")
    current = getattr(i18n, "current_language", None)
    default = getattr(i18n, "default_language", None)
    return current if isinstance(current, str) and current and current != default else ""


def into_language_folder(files: Iterable[File], folder: str) -> None:
    """Publish `files` under `folder` (nothing moves for "")."""
    if folder:
        for file in files:
            file.dest_uri = f"{folder}/{file.dest_uri}"
