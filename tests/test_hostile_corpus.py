"""The hostile-input corpus: whatever a pull request puts in the data, a clean diagnostic or a safe site.

Journey YAML comes from many hands and ends up on a public website. Each case below is either a folder under
`tests/hostile/cases/` (files laid over the small valid project of `sitecheck.write_project`) or made here at run
time (big, binary and special files), and `CASES` says what it must give: diagnostics located at file, line and
column, written for a person (a hint, one line, no Python internals), and a build that stops before writing
anything. `tests/hostile/site/` is the other half: a valid project whose every text field is an injection, which
must build into a site that shows all of it as text.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import types
import typing
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort
from pydantic import BaseModel

from mkdocs_journeys.data import cache_folder, model
from mkdocs_journeys.data.diagnostics import Diagnostic, format_one, format_text, printable
from mkdocs_journeys.data.kinds import DATA_FILES, ENTITY_KINDS
from mkdocs_journeys.data.layout import DataLayout
from mkdocs_journeys.data.load import LoadResult, load_catalog
from mkdocs_journeys.drawing.dot import MAX_TEXT
from mkdocs_journeys.drawing.render import DotFailed, Graphviz, find_dot
from mkdocs_journeys.drawing.svg import xml_safe
from mkdocs_journeys.site.markdown import WORD_JOINER
from mkdocs_journeys.site.pages import PAGE_KIND_NAMES
from mkdocs_journeys.site.plan import plan_site
from sitecheck import (
    DANGEROUS_SCHEME,
    HOSTILE_SITE,
    build_site,
    check_links,
    copy_hostile_project,
    page_html,
    poison_cache,
    read_page,
    time_limit,
    write_project,
)

CASES_DIR = Path(__file__).parent / "hostile" / "cases"


@dataclass(frozen=True)
class Expected:
    path: str
    line: int
    column: int
    code: str
    severity: str = "error"


def _at(path: str, *places: tuple[int, int, str]) -> list[Expected]:
    return [Expected(path, line, column, code) for line, column, code in places]


# --- cases made at run time: too big, binary or special to keep in git ---------------------------------------------


def _alias_bomb(root: Path) -> None:
    """'Billion laughs': nine aliases of nine aliases… would expand to 10⁹ values."""
    lines = [
        "name: Sam Rivera",
        "role: Owner",
        'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    ]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    (root / "personas/sam.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _nested_50_levels(root: Path) -> None:
    nested = "".join(f"{' ' * (4 + 2 * depth)}level{depth}:\n" for depth in range(1, 50)) + f"{' ' * 104}deepest: x\n"
    (root / "personas/sam.yml").write_text(f"name: Sam Rivera\nrole: Owner\ngoals:\n  - level0:\n{nested}", "utf-8")


def _ten_megabytes(root: Path) -> None:
    padding = b"# " + b"x" * 1022 + b"\n"
    (root / "personas/sam.yml").write_bytes(b"name: Sam Rivera\nrole: Owner\n" + padding * 10 * 1024)


def _many_values(root: Path) -> None:
    (root / "personas/sam.yml").write_text(
        "name: Sam Rivera\nrole: Owner\ngoals: [" + "x, " * 100_001 + "x]\n", encoding="utf-8"
    )


def _binary(root: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    (root / "personas/photo.yml").write_bytes(png)


def _latin_1(root: Path) -> None:
    (root / "personas/zoe.yml").write_bytes("name: Sam\nrole: Owner\nsummary: Zoë's café\n".encode("latin-1"))


def _utf_16(root: Path) -> None:
    (root / "personas/sam.yml").write_bytes("name: Sam Rivera\nrole: Owner\n".encode("utf-16"))


def _byte_order_mark(root: Path) -> None:
    (root / "personas/sam.yml").write_bytes(b"\xef\xbb\xbfname: Sam Rivera\nrole: Owner\n")


def _tabs(root: Path) -> None:
    (root / "personas/sam.yml").write_text("name: Sam Rivera\nrole: Owner\ngoals:\n\t- Save time\n", encoding="utf-8")


def _control_characters(root: Path) -> None:
    (root / "personas/sam.yml").write_text('name: "Sam\x1b[31m Rivera"\nrole: "Own\x07er"\n', encoding="utf-8")


def _very_long_texts(root: Path) -> None:
    name = "Sam " * 2_000
    summary = "paperwork " * 150_000  # 1.5 MB on one line, under the file size limit
    (root / "personas/sam.yml").write_text(f"name: {name}\nrole: Owner\nsummary: {summary}\n", encoding="utf-8")


def _symlink_loop(root: Path) -> None:
    (root / "personas/loop").symlink_to(root / "personas", target_is_directory=True)
    (root / "journeys/loop").symlink_to(root, target_is_directory=True)


def _fifo(root: Path) -> None:
    os.mkfifo(root / "personas/pipe.yml")  # reading it would wait forever for a writer


def _folder_journey(root: Path) -> Path:
    """`journeys/sam-buys.yml` moved to `journeys/sam-buys/journey.yml`, whose folder may hold notes and pictures."""
    folder = root / "journeys/sam-buys"
    folder.mkdir()
    (root / "journeys/sam-buys.yml").rename(folder / "journey.yml")
    return folder


def _note_file_names(root: Path) -> None:
    """Names git keeps as bytes: Latin-1 from a Windows zip tool, a terminal escape, a folder that is not UTF-8."""
    folder = os.fsencode(_folder_journey(root))
    for name in (b"caf\xe9-notes.md", b"\x1b[32mgreen.md", b"img\xff/wall.png"):
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as file:
            file.write(b"# Notes\n")


def _note_page_collisions(root: Path) -> None:
    """Two notes of one page, and names that are one file on macOS or Windows (made here: git on a Mac would merge
    them in this repository too)."""
    folder = _folder_journey(root)
    (folder / "x").mkdir()
    (folder / "a").mkdir()
    for name in ("x.md", "x/index.md", "Notes.md", "notes.md", "caf\u00e9.md", "cafe\u0301.md", "a/README.md", "a.md"):
        (folder / name).write_text(f"# {name}\n", encoding="utf-8")


def _costly_notes(root: Path) -> None:
    """Notes Python-Markdown converts in time growing with the square of their runs of openings (8 KB of '[' took
    21 s, 16 KB 80 s), and one over the size limit of notes."""
    folder = _folder_journey(root)
    (folder / "brackets.md").write_text("# Brackets\n\n" + "[" * 8_000 + "\n", encoding="utf-8")
    (folder / "pictures.md").write_text("![" * 4_000, encoding="utf-8")
    (folder / "addresses.md").write_text("Text\n\n" + "[a](" * 4_000, encoding="utf-8")
    (folder / "tags.md").write_text("<a x\n\n" * 2_000, encoding="utf-8")  # the HTML parser reads across paragraphs
    (folder / "nested.md").write_text("[" * 3_000 + "]" * 3_000, encoding="utf-8")
    (folder / "huge.md").write_text("Plain words of a long note.\n" * 12_000, encoding="utf-8")
    (folder / "fine.md").write_text(  # links, tables, '<' in prose and in code: cheap, published
        ("See [the guide](guide.md), x < y and <b>bold</b>.\n\n| a | [b](c) |\n|---|---|\n" * 2_000)
        + "```\n"
        + "<" * 50_000
        + "\n```\n",
        encoding="utf-8",
    )


def _windows_names(root: Path) -> None:
    """Device names on Windows (made here: this repository could not be checked out there with them in it)."""
    (root / "personas/nul.yml").write_text("name: Nul\nrole: Owner\n", encoding="utf-8")
    folder = _folder_journey(root)
    (folder / "aux.md").write_text("# Aux\n", encoding="utf-8")
    (folder / "COM1").mkdir()
    (folder / "COM1/wall.png").write_bytes(b"\x89PNG")


GENERATED: dict[str, Callable[[Path], None]] = {
    "alias-bomb": _alias_bomb,
    "nested-50-levels": _nested_50_levels,
    "ten-megabytes": _ten_megabytes,
    "many-values": _many_values,
    "binary": _binary,
    "latin-1": _latin_1,
    "utf-16": _utf_16,
    "byte-order-mark": _byte_order_mark,
    "tabs": _tabs,
    "control-characters": _control_characters,
    "very-long-texts": _very_long_texts,
    "symlink-loop": _symlink_loop,
    "fifo": _fifo,
    "note-file-names": _note_file_names,
    "note-page-collisions": _note_page_collisions,
    "costly-notes": _costly_notes,
    "windows-names": _windows_names,
}

# What each case must give: these diagnostics (others may come with them). A case with no entry here builds.
CASES: dict[str, list[Expected]] = {
    "alias-bomb": _at("personas/sam.yml", (8, 10, "too-many-values")),
    "nested-50-levels": _at("personas/sam.yml", (34, 65, "too-deep")),
    "ten-megabytes": _at("personas/sam.yml", (1, 1, "file-too-large")),
    "many-values": _at("personas/sam.yml", (3, 299988, "too-many-values")),
    "binary": _at("personas/photo.yml", (3, 1, "binary-file")),
    "latin-1": _at("personas/zoe.yml", (3, 12, "not-utf8")),
    "utf-16": _at("personas/sam.yml", (1, 1, "not-utf8")),
    "byte-order-mark": [Expected("personas/sam.yml", 1, 1, "byte-order-mark", "warning")],
    "tabs": _at("personas/sam.yml", (4, 1, "tab-indent")),
    "control-characters": _at("personas/sam.yml", (1, 11, "control-character"), (2, 11, "control-character")),
    "very-long-texts": _at("personas/sam.yml", (1, 7, "too-long"), (3, 10, "too-long")),
    "symlink-loop": [],
    "windows-names": [
        Expected("personas/nul.yml", 1, 1, "windows-reserved-name", "warning"),
        Expected("journeys/sam-buys/aux.md", 1, 1, "windows-reserved-name", "warning"),
        Expected("journeys/sam-buys/COM1/wall.png", 1, 1, "windows-reserved-name", "warning"),
    ],
    "costly-notes": [
        Expected("journeys/sam-buys/brackets.md", 3, 1, "note-too-costly"),
        Expected("journeys/sam-buys/pictures.md", 1, 2, "note-too-costly"),
        Expected("journeys/sam-buys/addresses.md", 3, 4, "note-too-costly"),
        Expected("journeys/sam-buys/tags.md", 1, 1, "note-too-costly"),
        Expected("journeys/sam-buys/nested.md", 1, 1, "note-too-costly"),
        Expected("journeys/sam-buys/huge.md", 1, 1, "note-too-large"),
    ],
    "note-page-collisions": [  # one of each pair was lost without a word
        Expected("journeys/sam-buys/x.md", 1, 1, "duplicate-note-page"),
        Expected("journeys/sam-buys/a.md", 1, 1, "duplicate-note-page"),
        Expected("journeys/sam-buys/notes.md", 1, 1, "lookalike-file-name", "warning"),
        Expected("journeys/sam-buys/caf\u00e9.md", 1, 1, "lookalike-file-name", "warning"),
    ],
    "note-file-names": [  # the build died in urllib's quote() with a traceback; validate said nothing
        Expected("journeys/sam-buys/caf\udce9-notes.md", 1, 1, "invalid-file-name"),  # shown as caf\xe9
        Expected("journeys/sam-buys/\x1b[32mgreen.md", 1, 1, "invalid-file-name"),
        Expected("journeys/sam-buys/img\udcff/wall.png", 1, 1, "invalid-file-name"),
    ],
    "fifo": [],
    "duplicate-keys": _at("personas/sam.yml", (3, 1, "duplicate-key"), (5, 1, "duplicate-key")),
    "python-object-tag": _at("personas/sam.yml", (3, 7, "unsafe-tag")),
    "other-tags": _at(
        "personas/sam.yml",
        *((line, column, "unsafe-tag") for line, column in [(1, 7), (2, 7), (3, 10), (4, 8), (5, 8), (6, 8)]),
    ),
    "javascript-urls": [
        *_at("journeys/content.yml", (5, 10, "invalid-value")),
        *_at("journeys/touchpoints.yml", *((line, 10, "invalid-value") for line in (5, 9, 13, 17, 21))),
        *_at("personas/sam.yml", (3, 10, "invalid-value")),
    ],
    "other-host-paths": [  # `//host/x` reads like a path of the site in review, and leads to another site
        *_at("journeys/touchpoints.yml", *((line, 10, "invalid-value") for line in (5, 9, 13))),
        *_at("personas/sam.yml", (3, 10, "invalid-value")),
    ],
    "improves-circle": [  # each comparison page called the other journey "today"
        *_at("journeys/cc-buys.yml", (3, 11, "improves-circle")),
        *_at("journeys/ee-buys.yml", (3, 11, "improves-circle")),
    ],
    "hostile-ids": [
        *_at("journeys/sam-buys.yml", (2, 12, "invalid-id"), (5, 25, "invalid-id"), (7, 19, "invalid-id")),
        *_at("journeys/stages.yml", *((line, 9, "invalid-id") for line in (2, 4, 6, 8))),
    ],
    "file-names": [
        Expected("journeys/Über Journey/journey.yml", 1, 1, "invalid-file-name"),
        Expected("personas/Sam Rivera.yml", 1, 1, "invalid-file-name"),
        Expected("personas/zoë.yml", 1, 1, "invalid-file-name"),
    ],
    "merge-key": _at("personas/sam.yml", (4, 1, "merge-key")),
    "hostile-numbers": _at(
        "journeys/sam-buys.yml",
        (5, 15, "wrong-type"),  # true as a count
        (6, 14, "wrong-type"),  # "1" as an emotion score
        (9, 17, "out-of-range"),  # 1.0e+999 reads as infinity
        (10, 17, "wrong-type"),  # nan
        (11, 27, "wrong-type"),  # "no" as a flag
        (13, 17, "wrong-type"),  # "1_000"
        (14, 17, "wrong-type"),  # .inf
        (15, 27, "wrong-type"),  # 0 as a flag
        (17, 15, "wrong-type"),  # a decimal as a count
        (18, 14, "wrong-type"),  # !!float nan as a score
    ),
    "several-documents": _at("personas/sam.yml", (3, 1, "several-documents")),
    "hostile-keys": _at("personas/sam.yml", (3, 1, "unknown-key"), (4, 1, "unknown-key")),
    "empty-and-list": [
        Expected("personas/empty.yml", 1, 1, "empty-file"),
        Expected("personas/lee.yml", 1, 1, "not-a-mapping"),
    ],
}
BUILDS = {name for name, expected in CASES.items() if not any(e.severity == "error" for e in expected)}

# Words that only a programmer would understand, or that show the message was not written for people.
INTERNALS = re.compile(r"Traceback|<class |object at 0x|pydantic|ValidationError|input_value=|errors\.|\bNone\b")


def test_every_case_folder_is_in_the_table() -> None:
    folders = {path.name for path in CASES_DIR.iterdir() if path.is_dir()}
    assert folders | set(GENERATED) == set(CASES)
    assert not folders & set(GENERATED)


def _project(tmp_path: Path, case: str) -> Path:
    root = tmp_path / case
    write_project(root, plugin_options={"diagrams": False})
    if case in GENERATED:
        GENERATED[case](root)
    else:
        for source in sorted((CASES_DIR / case).rglob("*")):
            target = root / source.relative_to(CASES_DIR / case)
            if source.is_dir():
                target.mkdir(parents=True, exist_ok=True)
            else:
                target.write_bytes(source.read_bytes())
    return root


def _load(root: Path) -> LoadResult:
    with time_limit(20):
        return load_catalog(DataLayout.at(root))


def assert_understandable(diagnostics: list[Diagnostic], root: Path) -> None:
    """A person who does not program can act on it: where, what and how to fix, in plain words on one line each."""
    for d in diagnostics:
        assert not Path(d.path).is_absolute() and ".." not in Path(d.path).parts, d
        assert (root / d.path).exists() or (root / d.path).is_symlink() or (root / d.path).parent.is_dir(), d
        assert d.line >= 1 and d.column >= 1, d
        assert d.message.strip() and (d.hint.strip() or not d.is_error), d
        assert not INTERNALS.search(d.message + d.hint), d
        assert len(d.message) < 300 and len(d.hint) < 400, f"too long to read: {d}"
        shown = format_one(d).splitlines()
        assert len(shown) == (2 if d.hint else 1), f"a message or hint spills onto more lines: {shown}"


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_input_gives_located_diagnostics_a_person_understands(tmp_path: Path, case: str) -> None:
    root = _project(tmp_path, case)

    result = _load(root)

    found = {Expected(d.path, d.line, d.column, d.code, d.severity.value) for d in result.diagnostics}
    missing = [e for e in CASES[case] if e not in found]
    assert not missing, f"expected {missing}, got:\n{format_text(result.diagnostics)}"
    assert_understandable(result.diagnostics, root)
    assert (result.catalog is None) == (case not in BUILDS)


@pytest.mark.parametrize("case", sorted(set(CASES) - BUILDS))
def test_hostile_input_stops_the_build_with_the_diagnostic_and_writes_nothing(
    tmp_path: Path, case: str, caplog: pytest.LogCaptureFixture
) -> None:
    root = _project(tmp_path, case)
    first = next(e for e in CASES[case] if e.severity == "error")

    with pytest.raises(Abort), time_limit(60):
        build_site(root / "mkdocs.yml", site_dir=root / "site")

    assert f"{printable(first.path)}:{first.line}:{first.column}: error[{first.code}]" in caplog.text
    assert "Traceback" not in caplog.text
    assert not (root / "site").exists()
    assert not list(root.rglob("pwned*")) and not list(Path.cwd().glob("pwned*")), "a YAML tag ran a command"


@pytest.mark.parametrize("case", sorted(BUILDS))
def test_hostile_input_without_errors_builds(tmp_path: Path, case: str) -> None:
    root = _project(tmp_path, case)

    with time_limit(60):
        site = build_site(root / "mkdocs.yml", site_dir=root / "site", strict=False)

    assert "Sam Rivera" in page_html(site, "journeys/personas/sam.md")


def test_warnings_stop_a_strict_build_before_anything_is_written(tmp_path: Path) -> None:
    root = _project(tmp_path, "byte-order-mark")
    (root / "site").mkdir()
    (root / "site/index.html").write_text("the last good site", encoding="utf-8")

    with pytest.raises(Abort, match="strict mode"):
        build_site(root / "mkdocs.yml", site_dir=root / "site")

    assert [p.name for p in (root / "site").iterdir()] == ["index.html"]
    assert (root / "site/index.html").read_text(encoding="utf-8") == "the last good site"


# --- the hostile site: every text field an injection, built with both themes ------------------------------------------

THEMES = ("material", "mkdocs", "readthedocs")


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    sites = {}
    for theme in THEMES:
        root = tmp_path_factory.mktemp(f"hostile-{theme}")
        sites[theme] = build_site(copy_hostile_project(root, theme={"name": theme}), site_dir=root / "site")
    return sites


@pytest.fixture(scope="module")
def hostile_result() -> LoadResult:
    return load_catalog(DataLayout.at(HOSTILE_SITE))


def _pages(site: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), path.read_text(encoding="utf-8")


@pytest.mark.parametrize("theme", THEMES)
def test_nothing_from_the_data_can_run_on_any_page(hostile_sites: dict[str, Path], theme: str) -> None:
    problems = [
        f"{name}: {problem}" for name, html in _pages(hostile_sites[theme]) for problem in read_page(html).problems
    ]
    assert problems == []


@pytest.mark.parametrize("theme", THEMES)
def test_every_page_title_ends_where_the_theme_ends_it(hostile_sites: dict[str, Path], theme: str) -> None:
    # mkdocs-material unescapes the title into <title>; a name holding </title> must not end it early.
    for name, html in _pages(hostile_sites[theme]):
        match = re.search(r"<title>(.*?)</title", html, re.IGNORECASE | re.DOTALL)
        assert match and match.group(1).endswith("Hostile site"), f"{name}: {match and match.group(1)[:200]!r}"


def _entity_pages(result: LoadResult) -> Iterator[tuple[str, str]]:
    catalog = result.catalog
    assert catalog is not None
    folders = {"personas": "personas", "journeys": "maps", "stages": "stages", "touchpoints": "touchpoints"}
    for collection, folder in folders.items():
        for entity_id, entity in getattr(catalog, collection).items():
            yield f"journeys/{folder}/{entity_id}.md", " ".join(entity.name.split())


@pytest.mark.parametrize("theme", THEMES)
def test_names_are_shown_as_the_literal_text_written(
    hostile_sites: dict[str, Path], hostile_result: LoadResult, theme: str
) -> None:
    for src, name in _entity_pages(hostile_result):
        page = read_page(page_html(hostile_sites[theme], src))
        heading = " ".join("".join(page.h1).replace(WORD_JOINER, "").replace("¶", "").split())
        assert heading == name, src


def test_every_text_field_of_the_model_holds_an_injection(hostile_result: LoadResult) -> None:
    """The hostile site stays complete as the model grows: a new text field without an injection fails here."""
    assert hostile_result.catalog is not None, format_text(hostile_result.diagnostics)
    fields = set().union(*(_text_fields(m) for m in FILE_MODELS))
    hostile: set[tuple[str, str]] = set()
    catalog = hostile_result.catalog
    for kind in ENTITY_KINDS.values():
        for entity in catalog.collection(kind).values():
            _collect_hostile(entity, hostile)
    for channel in catalog.channels.values():
        if channel not in model.BUILTIN_CHANNELS:
            _collect_hostile(channel, hostile)
    for changes in catalog.library.values():
        _collect_hostile(changes, hostile)
    for defined in (*catalog.formats, *catalog.industries):
        _collect_hostile(defined, hostile)
    assert sorted(fields - hostile) == []


FILE_MODELS = tuple(file.model for file in DATA_FILES)
INJECTION = re.compile(r"<script|<img|<svg|javascript:|\]; |</?B>")


def _text_fields(cls: type[BaseModel], seen: set[type[BaseModel]] | None = None) -> set[tuple[str, str]]:
    """(model, field) of every free-text field (names, texts, lists of texts) reachable from `cls`."""
    seen = seen if seen is not None else set()
    if cls in seen:
        return set()
    seen.add(cls)
    found = set()
    for name, info in cls.model_fields.items():
        kind = _kind(info.annotation, info.metadata)
        if kind == "text":
            found.add((cls.__name__, name))
        for nested in _models_in(info.annotation):
            found |= _text_fields(nested, seen)
    return found


def _kind(annotation: Any, metadata: list[Any]) -> str:
    """'text' for Name, Text and lists of them; ids (a pattern), URLs (a validator) and choices are not text."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        return _kind(base, [*metadata, *extra])
    if origin in (typing.Union, types.UnionType):
        kinds = {_kind(arg, metadata) for arg in typing.get_args(annotation) if arg is not type(None)}
        return "text" if kinds == {"text"} else "other"
    if origin is list:
        return _kind(typing.get_args(annotation)[0], [])
    if annotation is str:
        patterned = any(getattr(m, "pattern", None) for m in metadata)
        validated = any(type(m).__name__ == "BeforeValidator" for m in metadata)
        return "other" if patterned or validated else "text"
    return "other"


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _models_in(argument)


def _collect_hostile(value: Any, hostile: set[tuple[str, str]]) -> None:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            field_value = getattr(value, name)
            texts = field_value if isinstance(field_value, list) else [field_value]
            if any(isinstance(t, str) and INJECTION.search(t) for t in texts):
                hostile.add((type(value).__name__, name))
            _collect_hostile(field_value, hostile)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _collect_hostile(item, hostile)
    elif isinstance(value, dict):
        for item in value.values():
            _collect_hostile(item, hostile)


def test_the_search_index_holds_only_text(hostile_sites: dict[str, Path]) -> None:
    # mkdocs-material shows titles and text of search results as HTML.
    index = json.loads((hostile_sites["material"] / "search/search_index.json").read_text(encoding="utf-8"))
    problems = []
    for document in index["docs"]:
        for key in ("title", "text"):
            parsed = read_page(document[key])
            problems += [f"{document['location']} {key}: {p}" for p in parsed.problems]
            if re.search(r"<(script|img|svg|iframe|a)\b", document[key], re.IGNORECASE):
                problems.append(f"{document['location']} {key}: markup from the data")
    assert problems == []


@pytest.mark.parametrize("theme", THEMES)
def test_the_hostile_site_has_no_broken_links(hostile_sites: dict[str, Path], theme: str) -> None:
    report = check_links(hostile_sites[theme])
    assert report.checked > 100 and report.problems == []


SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("theme", THEMES)
def test_every_inline_svg_parses_and_holds_the_injections_as_text(hostile_sites: dict[str, Path], theme: str) -> None:
    count = 0
    for name, html in _pages(hostile_sites[theme]):
        for markup in re.findall(r"<svg\b.*?</svg>", html, re.DOTALL):
            svg = ET.fromstring(markup)  # nothing broke out of a label, a tooltip or an attribute
            count += 1
            for element in svg.iter():
                tag = element.tag.removeprefix(SVG_NS)
                assert tag not in ("script", "foreignObject", "iframe", "b", "B"), f"{name}: <{tag}> in an SVG"
                for attribute, value in element.attrib.items():
                    assert not attribute.startswith("on"), f"{name}: {attribute} on <{tag}>"
                    assert not DANGEROUS_SCHEME.match(value.strip()), f"{name}: {attribute}={value!r}"
            shown = " ".join(" ".join(e.itertext()) for e in svg.iter(f"{SVG_NS}text"))
            assert "alert" not in shown or "<" in shown, f"{name}: label text lost its markup characters"
    assert count >= 10  # diagrams, funnel and emotion curve


_DOT_NODE = re.compile(r'^  "((?:[^"\\]|\\.)*)" \[', re.MULTILINE)
_DOT_EDGE = re.compile(r'^  "(?:[^"\\]|\\.)*"(?::"(?:[^"\\]|\\.)*")*(?::\w+)? -> ', re.MULTILINE)


def test_dot_injection_adds_no_node_and_no_edge(hostile_result: LoadResult) -> None:
    """Graphviz reads exactly the nodes and edges the diagram code wrote, whatever the labels and tooltips hold."""
    assert hostile_result.journey_map is not None
    site = plan_site(hostile_result.journey_map, prefix="journeys", kinds=list(PAGE_KIND_NAMES), templates_dir=None)
    drawings = [d for page in site.pages if (d := site.drawing(page)) is not None]
    assert len(drawings) == 1 + 2 + 2 + 3 + 1  # overview, personas, journeys, touchpoints, a blueprint
    diagrams = [diagram for drawing in drawings for diagram in drawing.forms]  # wide and narrow
    for diagram in diagrams:
        assert "pwned" in diagram.dot or "evil" in diagram.dot or diagram.name.startswith("touchpoint")
        result = subprocess.run([find_dot(), "-Tjson"], input=diagram.dot, capture_output=True, text=True, check=True)
        graph = json.loads(result.stdout)
        nodes = {o["name"] for o in graph.get("objects", []) if "nodes" not in o and "subgraphs" not in o}
        written = {name.replace('\\"', '"') for name in _DOT_NODE.findall(diagram.dot)}
        assert nodes == written, diagram.name
        assert len(graph.get("edges", [])) == len(_DOT_EDGE.findall(diagram.dot)), diagram.name


def test_control_characters_written_as_yaml_escapes_are_refused_where_they_are_written(tmp_path: Path) -> None:
    # The raw-character check cannot see "\x14" or "\0": YAML turns these escapes into control characters, which
    # Graphviz refused ("not well-formed"), stopping the build with a message that blamed mkdocs-journeys.
    persona = 'name: "Sam\\x14 Rivera"\nrole: Owner\nsummary: "\\x1b[31m red"\n'
    config = write_project(tmp_path, {"personas/sam.yml": persona})

    result = load_catalog(DataLayout.at(tmp_path))

    found = [(d.line, d.column, d.code) for d in result.diagnostics if d.path == "personas/sam.yml"]
    assert found == [(1, 7, "control-character"), (3, 10, "control-character")]
    with pytest.raises(Abort):
        build_site(config)


def test_text_entering_dot_and_svg_shows_control_characters_as_replacement_characters() -> None:
    # Defence in depth behind the loader: whatever reaches a diagram or chart is valid XML.
    assert xml_safe("Sam\x14 Rivera\x00") == "Sam\ufffd Rivera\ufffd"


# --- the cache is an optimisation, never an input -------------------------------------------------------------------


@pytest.mark.parametrize("sealed", ["checksum", "leaked-key"])
def test_a_poisoned_diagram_cache_puts_nothing_on_the_page(tmp_path: Path, sealed: str) -> None:
    # Entry names are computed from public inputs (the DOT, the plugin's version, `dot -V`), so a pull request can
    # commit entries (`git add -f`) that a build would read. Unsealed, they are not read; sealed with a key that
    # leaked, what they hold is still checked against what dot and the plugin make, and drawn again.
    config = copy_hostile_project(tmp_path, plugin_options={"cache_dir": ".cache/journeys"})
    build_site(config, site_dir=tmp_path / "site")
    key = cache_folder.machine_key(tmp_path) if sealed == "leaked-key" else None
    assert poison_cache(tmp_path / ".cache/journeys", key) > 10

    site = build_site(config, site_dir=tmp_path / "site")

    for name, html in _pages(site):
        assert "Forged by the cache" not in html and "tracker.example" not in html, name
        assert read_page(html).problems == [], name
    assert "<svg" in page_html(site, "journeys/maps/agent-journey.md")


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_diagram_cache_files_tracked_by_git_stop_the_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = write_project(tmp_path)
    build_site(config)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-f", ".cache/journeys")

    with pytest.raises(Abort):
        build_site(config)

    assert "the cache folder .cache/journeys holds files tracked by git" in caplog.text
    assert "git rm -r --cached .cache/journeys" in caplog.text


@pytest.mark.parametrize("place", ["link-outside", "link-inside", "dot-dot"])
def test_a_cache_folder_outside_the_project_or_behind_a_link_stops_the_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, place: str
) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside"
    outside.mkdir()
    options = {"cache_dir": "../outside"} if place == "dot-dot" else {}
    config = write_project(project, plugin_options=options)
    if place != "dot-dot":
        (project / ".cache").mkdir()
        target = outside if place == "link-outside" else project / "docs"
        (project / ".cache/journeys").symlink_to(target, target_is_directory=True)

    with pytest.raises(Abort):
        build_site(config, site_dir=project / "site")

    assert ("cache folder" in caplog.text or "option 'cache_dir'" in caplog.text) and "Traceback" not in caplog.text
    assert list(outside.iterdir()) == [] and not (project / "docs/.gitignore").exists()


# --- nothing is read or written outside the project ---------------------------------------------------------------


@pytest.mark.parametrize("how", ["link-to-root", "link-to-sibling"])
def test_a_data_folder_linked_outside_the_project_is_not_read(tmp_path: Path, how: str) -> None:
    # The check used to look at files only: `personas -> /` scanned the whole disk and published every YAML file of
    # the folder a link pointed at.
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    write_project(elsewhere)
    (elsewhere / "personas/leaked.yml").write_text("name: Leaked Secret\nrole: Outside\n", encoding="utf-8")
    write_project(project)
    shutil.rmtree(project / "personas")
    (project / "personas").symlink_to("/" if how == "link-to-root" else elsewhere / "personas")

    with time_limit(10):
        result = _load(project)

    found = [(d.path, d.code) for d in result.diagnostics if d.code == "outside-project"]
    assert found == [("personas", "outside-project")], format_text(result.diagnostics)
    assert result.catalog is None
    assert_understandable(result.diagnostics, project)
    with pytest.raises(Abort):
        build_site(project / "mkdocs.yml", site_dir=project / "site")
    assert not (project / "site").exists()


@pytest.mark.parametrize("folder", ["../elsewhere/personas", "/etc", "personas/../../elsewhere"])
@pytest.mark.parametrize("option", ["personas_dir", "journeys_dir", "cache_dir", "templates_dir"])
def test_a_folder_option_outside_the_project_is_refused_where_it_is_set(
    tmp_path: Path, run_cli: Callable[..., Any], caplog: pytest.LogCaptureFixture, folder: str, option: str
) -> None:
    config = write_project(tmp_path / "project", plugin_options={option: folder})

    with pytest.raises(Abort):
        build_site(config, site_dir=tmp_path / "project/site")
    validate = run_cli("validate", cwd=tmp_path / "project")

    assert f"option '{option}'" in caplog.text and "Traceback" not in caplog.text
    assert not (tmp_path / "project/site").exists()
    if option in ("personas_dir", "journeys_dir"):
        assert validate.exit_code == 1 and "mkdocs.yml:" in validate.output and "outside the project" in validate.output


@pytest.mark.parametrize("prefix", ["../..", "..", "a/../../b", "x y", "<b>", "journeys/..\\.."])
def test_a_prefix_that_leaves_the_site_is_refused(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, prefix: str
) -> None:
    # `prefix: ../..` built a site without journey pages, silently.
    config = write_project(tmp_path, plugin_options={"prefix": prefix})

    with pytest.raises(Abort):
        build_site(config, site_dir=tmp_path / "site")

    assert "option 'prefix'" in caplog.text and "is not a folder of the site" in caplog.text


def test_a_folder_deleted_while_the_data_is_read_gives_no_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Switching branches while `mkdocs serve` runs: a journey folder goes away between listing and reading.
    write_project(tmp_path)
    (tmp_path / "journeys/later").mkdir()
    (tmp_path / "journeys/later/journey.yml").write_text(SMALL_JOURNEY_TEXT, encoding="utf-8")
    walk = os.walk

    def walk_while_deleting(top: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        for found in walk(top, *args, **kwargs):
            yield found
            shutil.rmtree(tmp_path / "journeys/later", ignore_errors=True)

    monkeypatch.setattr(os, "walk", walk_while_deleting)

    result = _load(tmp_path)

    assert result.catalog is not None, format_text(result.diagnostics)
    assert "later" not in result.catalog.journeys


SMALL_JOURNEY_TEXT = "name: Later\npersonas: sam\nstages:\n  - stage: awareness\n"


def test_schema_never_writes_through_a_link(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    target = tmp_path / "outside.json"
    target.write_text("precious", encoding="utf-8")
    (tmp_path / "project/schemas").mkdir(parents=True)
    (tmp_path / "project/schemas/persona.schema.json").symlink_to(target)
    (tmp_path / "project/linked").symlink_to(tmp_path, target_is_directory=True)

    through_file = run_cli("schema", "--output-dir", "schemas", cwd=tmp_path / "project")
    through_folder = run_cli("schema", "--output-dir", "linked", cwd=tmp_path / "project")
    outside = run_cli("schema", "--output-dir", "../elsewhere", cwd=tmp_path / "project")

    assert target.read_text(encoding="utf-8") == "precious"
    assert not list(tmp_path.glob("*.schema.json")) and not (tmp_path / "elsewhere").exists()
    for result in (through_file, through_folder, outside):
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert "is a symbolic link, and nothing is written through a link" in through_file.stderr
    assert "goes through the symbolic link linked" in through_folder.stderr
    assert "is outside the current folder" in outside.stderr


@pytest.mark.parametrize("link", ["dangling-file", "folder"])
def test_new_never_creates_a_file_through_a_link(tmp_path: Path, run_cli: Callable[..., Any], link: str) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside"
    outside.mkdir()
    write_project(project)
    if link == "dangling-file":
        (project / "personas/bob.yml").symlink_to(outside / "bob.yml")
    else:
        shutil.rmtree(project / "personas")
        (project / "personas").symlink_to(outside, target_is_directory=True)

    result = run_cli("new", "persona", "bob", "--path", str(project), cwd=project)

    assert result.exit_code == 1 and "Traceback" not in result.output
    assert list(outside.iterdir()) == []


def test_new_stage_never_appends_to_a_linked_stages_file(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    project = tmp_path / "project"
    write_project(project)
    outside = tmp_path / "stages.yml"
    outside.write_bytes((project / "journeys/stages.yml").read_bytes())
    (project / "journeys/stages.yml").unlink()
    (project / "journeys/stages.yml").symlink_to(outside)
    before = outside.read_bytes()

    result = run_cli("new", "stage", "retention", "--path", str(project), cwd=project)

    assert result.exit_code == 1 and "nothing is written through a link" in result.stderr
    assert "- id: retention" in result.stdout  # the entry to paste by hand
    assert outside.read_bytes() == before


def _commit_all(repo: Path, message: str) -> None:
    _git(repo, "add", "--all")
    _git(repo, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", message)


def test_diff_reads_only_regular_files_of_a_revision_and_names_the_rest(
    tmp_path: Path, run_cli: Callable[..., Any]
) -> None:
    repo = tmp_path / "repo"
    write_project(repo)
    _git(repo, "init", "-q")
    _commit_all(repo, "Data")
    (repo / "personas/leak.yml").symlink_to("/etc/passwd")
    (repo / "personas/inside.yml").symlink_to("sam.yml")
    _commit_all(repo, "Links")

    result = run_cli("diff", "HEAD~1", "HEAD", cwd=repo)

    assert result.exit_code == 0, result.output
    assert "**The data at `HEAD` has 2 errors**" in result.stdout
    assert "`personas/leak.yml:1:1` this is a symbolic link in this revision" in result.stdout
    assert "root:" not in result.stdout and "internal error" not in result.output


def test_diff_ignores_a_revision_whose_mkdocs_yml_points_the_data_outside(
    tmp_path: Path, run_cli: Callable[..., Any]
) -> None:
    repo = tmp_path / "repo"
    write_project(repo)
    _git(repo, "init", "-q")
    _commit_all(repo, "Data")
    outside = tmp_path / "elsewhere"
    write_project(outside)
    (outside / "personas/secret.yml").write_text("name: Secret Person\nrole: Outside\n", encoding="utf-8")
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    pointed = config.replace("journeys: {}", f"journeys: {{personas_dir: '{outside / 'personas'}'}}")
    (repo / "mkdocs.yml").write_text(pointed, encoding="utf-8")
    _commit_all(repo, "Point outside")

    result = run_cli("diff", "HEAD~1", "HEAD", cwd=repo)

    assert result.exit_code == 0, result.output
    assert "Secret Person" not in result.stdout and "secret" not in result.stdout
    assert "(`mkdocs-config`)" in result.stdout


def test_diff_escapes_file_names_in_the_summary(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    repo = tmp_path / "repo"
    write_project(repo)
    _git(repo, "init", "-q")
    _commit_all(repo, "Data")
    (repo / "personas/x\n## Approved by security\n- [x] safe.yml").write_text("name: [broken\n", encoding="utf-8")
    _commit_all(repo, "Odd name")

    result = run_cli("diff", "HEAD~1", "HEAD", cwd=repo)

    assert result.exit_code == 0, result.output
    assert "\n## Approved" not in result.stdout and "\n- [x]" not in result.stdout
    assert "x\\n## Approved by security\\n- [x] safe.yml" in result.stdout


# --- every cost is bounded ------------------------------------------------------------------------------------------

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import large_inputs  # noqa: E402  (the generators of benchmarks/large_inputs.py, at a size a test can afford)


def _build_large(tmp_path: Path, make: Callable[[Path, float], str], scale: float) -> Path:
    make(tmp_path, scale)
    with time_limit(180):  # a hang guard, not a timing: benchmarks/large_inputs.py measures
        return build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", strict=False)


def _diagram_text(site: Path, page: str) -> str:
    html = page_html(site, page)
    return " ".join(" ".join(ET.fromstring(svg).itertext()) for svg in re.findall(r"<svg\b.*?</svg>", html, re.DOTALL))


def test_a_journey_of_many_stages_draws_the_first_and_counts_the_rest(tmp_path: Path) -> None:
    # 1,600 stages took Graphviz 35 s; the diagram draws JOURNEY_MAX_STAGES and the page lists every stage.
    site = _build_large(tmp_path, large_inputs.many_stages, 0.05)  # 80 stages

    drawn = _diagram_text(site, "journeys/maps/large.md")
    assert "… and 50 more stages" in drawn and "Stage 29" in drawn and "Stage 30 " not in drawn + " "
    assert page_html(site, "journeys/maps/large.md").count('<h2 id="stage-stage-') == 80
    overview = _diagram_text(site, "journeys/index.md")
    assert "60 more stages" in overview


def test_a_journey_of_many_personas_names_the_first_and_counts_the_rest(tmp_path: Path) -> None:
    # 2,000 personas made one table cell run past Graphviz's 16,384-character limit: "This is a bug" and no site.
    site = _build_large(tmp_path, large_inputs.many_personas, 0.01)  # 20 personas

    drawn = _diagram_text(site, "journeys/maps/large.md")
    assert "and 12 more, listed below" in drawn and "Persona 7" in drawn


@pytest.mark.parametrize("make", [large_inputs.long_pain_points, large_inputs.long_texts], ids=["pain-points", "texts"])
def test_texts_past_graphvizs_limit_are_cut_in_diagrams_and_whole_on_the_page(
    tmp_path: Path, make: Callable[[Path, float], str]
) -> None:
    site = _build_large(tmp_path, make, 1.0)

    html = page_html(site, "journeys/maps/large.md")
    diagrams = re.findall(r'<svg\b[^>]*class="journeys-svg".*?</svg>', html, re.DOTALL)
    assert diagrams
    for title in re.findall(r"<title>([^<]*)</title>", "".join(diagrams)):
        assert len(unescape(title)) <= MAX_TEXT  # tooltips, cut
    page_text = read_page(html)
    assert any(len(text) >= 1000 for text in page_text.text)  # the page has the texts whole


def _fake_dot(folder: Path, behaviour: str) -> Path:
    """A `dot` that answers `-V`, then hangs, or refuses any batch holding a graph named `bad` (real dot would not)."""
    folder.mkdir()
    script = folder / "dot"
    real = find_dot()
    if behaviour == "hang":
        work = "sleep 600"
    else:
        work = f'input=$(cat); case "$input" in *"digraph bad"*) echo "Error: bad" >&2; exit 1;; esac; printf "%s" "$input" | exec {real} "$@"'
    script.write_text(
        f'#!/bin/sh\ncase "$1" in -V) exec {real} -V;; esac\necho run >> {folder / "runs"}\n{work}\n', encoding="utf-8"
    )
    script.chmod(0o755)
    return folder


def test_a_dot_that_hangs_stops_the_build_at_dot_timeout_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    fake = _fake_dot(tmp_path / "bin", "hang")
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    config = write_project(tmp_path / "project", plugin_options={"dot_timeout": 2})

    with pytest.raises(Abort), time_limit(60):
        build_site(config, site_dir=tmp_path / "project/site")

    assert "Graphviz did not finish drawing" in caplog.text and "within 2 s" in caplog.text
    assert "dot_timeout" in caplog.text and "Traceback" not in caplog.text and "TimeoutExpired" not in caplog.text
    runs = len((fake / "runs").read_text(encoding="utf-8").splitlines())
    assert runs <= os.cpu_count()  # once per batch: nothing drawn again after a timeout
    assert not (tmp_path / "project/site").exists()


def test_a_batch_dot_rejects_is_split_in_halves_not_drawn_one_graph_at_a_time(tmp_path: Path) -> None:
    # Each graph drawn alone after a failed batch took one run per graph, each with the full timeout.
    fake = _fake_dot(tmp_path / "bin", "reject-bad")
    graphviz = Graphviz(str(fake / "dot"), workers=1)
    sources = [f"digraph g{n} {{ a{n} -> b{n} }}" for n in range(15)] + ["digraph bad { a -> b }"]

    with pytest.raises(DotFailed) as failure:
        graphviz.render(sources)

    assert failure.value.source == "digraph bad { a -> b }"
    assert graphviz.stats.processes == 1 + 2 * 4  # the batch, then both halves at each of log2(16) levels


def test_dot_timeout_must_be_a_number_of_seconds(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    for value in (0, -1, True, "soon"):
        config = write_project(tmp_path / str(value), plugin_options={"dot_timeout": value})
        with pytest.raises(Abort):
            build_site(config, site_dir=tmp_path / "site")
        assert "option 'dot_timeout'" in caplog.text


# --- relative links in the data are checked before the build --------------------------------------------------------


LINKED = {
    "personas/sam.yml": "name: Sam Rivera\nrole: Owner\npicture: img/sam.png\n",
    "journeys/touchpoints.yml": (
        "touchpoints:\n  - id: blog\n    name: Blog\n    channel: web\n    url: ../../pricing.md\n"
        "  - id: demo\n    name: Sales demo\n    channel: phone\n    url: 'guides/../../outside.png'\n"
    ),
    "journeys/content.yml": (
        "assets:\n  - id: guide\n    title: Guide\n    format: comparison-guide\n    url: guides/missing.pdf#page=2\n"
        "    stages: [awareness]\n"
    ),
    "docs/images/sam.png": "not really a picture",
}


def test_relative_paths_in_the_data_that_lead_nowhere_are_reported_at_their_yaml_line(
    tmp_path: Path, run_cli: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    # `build --strict` failed on them only after MkDocs had cleaned the site, naming a generated page.
    config = write_project(tmp_path, LINKED)
    (tmp_path / "site").mkdir()
    (tmp_path / "site/index.html").write_text("the last good site", encoding="utf-8")

    validate = run_cli("validate", cwd=tmp_path)
    with pytest.raises(Abort):
        build_site(config, site_dir=tmp_path / "site")

    for place in ("personas/sam.yml:3:10", "journeys/touchpoints.yml:5:10", "journeys/touchpoints.yml:9:10",
                  "journeys/content.yml:5:10"):  # fmt: skip
        assert f"{place}: warning[missing-file]" in validate.stdout, validate.stdout
        assert f"{place}: warning[missing-file]" in caplog.text
    assert "did you mean 'images/sam.png'?" in validate.stdout
    assert "'guides/../../outside.png' leads to outside the docs folder" in validate.stdout
    assert "'guides/missing.pdf#page=2' leads to docs/guides/missing.pdf, which does not exist" in validate.stdout
    assert (tmp_path / "site/index.html").read_text(encoding="utf-8") == "the last good site"


def test_paths_in_the_data_are_relative_to_the_docs_folder_on_every_page(
    tmp_path: Path, run_cli: Callable[..., Any]
) -> None:
    # Pages at different depths show the same asset (a journey page, the coverage page): each writes the path from
    # where it is, so one path in the data works on all of them, and `build --strict` passes.
    files = {
        **LINKED,
        "personas/sam.yml": "name: Sam Rivera\nrole: Owner\npicture: images/sam.png\n",
        "journeys/touchpoints.yml": LINKED["journeys/touchpoints.yml"]
        .replace("../../pricing.md", "pricing.md")
        .replace("'guides/../../outside.png'", "./images/sam.png"),
        "journeys/content.yml": LINKED["journeys/content.yml"].replace("missing.pdf", "guide.pdf"),
        "journeys/sam-buys.yml": SMALL_JOURNEY_WITH_CONTENT,
        "docs/pricing.md": "# Pricing\n",
        "docs/guides/guide.pdf": "%PDF",
    }
    config = write_project(tmp_path, files)

    assert "missing-file" not in run_cli("validate", cwd=tmp_path).stdout
    site = build_site(config, site_dir=tmp_path / "site")

    assert 'src="../../../images/sam.png"' in page_html(site, "journeys/personas/sam.md")
    assert 'href="../../../guides/guide.pdf#page=2"' in page_html(site, "journeys/maps/sam-buys.md")
    assert 'href="../../guides/guide.pdf#page=2"' in page_html(site, "journeys/content-coverage.md")
    assert 'href="../../../pricing/"' in page_html(site, "journeys/touchpoints/blog.md")


SMALL_JOURNEY_WITH_CONTENT = """\
name: Sam buys invoicing software
personas: sam
stages:
  - stage: awareness
    touchpoints: [blog, demo]
    content: {existing: [guide]}
"""


def test_a_template_that_links_out_of_the_templates_folder_is_not_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A team's templates folder may hold a committed link `persona.md.j2 -> ~/.ssh/id_rsa`: published as a page.
    secret = tmp_path / "secret.txt"
    secret.write_text("PRIVATE KEY MATERIAL", encoding="utf-8")
    project = tmp_path / "project"
    config = write_project(project, plugin_options={"templates_dir": "overrides"})
    (project / "overrides").mkdir()
    (project / "overrides/persona.md.j2").symlink_to(secret)

    with pytest.raises(Abort):
        build_site(config, site_dir=project / "site")

    assert "persona.md.j2 is a link to a file outside the templates folder" in caplog.text
    assert "PRIVATE KEY" not in caplog.text and not (project / "site").exists()


def test_a_persona_on_many_channels_draws_the_first_and_counts_the_rest(tmp_path: Path) -> None:
    count = 35
    channels = "".join(f"  - id: channel-{n:02d}\n    name: Channel {n:02d}\n" for n in range(count))
    touchpoints = "".join(
        f"  - id: tp-{n:02d}\n    name: Touchpoint {n:02d}\n    channel: channel-{n:02d}\n" for n in range(count)
    )
    journey = (
        "name: Everywhere\npersonas: sam\nstages:\n  - stage: awareness\n    touchpoints: ["
        + ", ".join(f"tp-{n:02d}" for n in range(count))
        + "]\n"
    )
    config = write_project(
        tmp_path,
        {
            "journeys/touchpoints.yml": f"channels:\n{channels}touchpoints:\n{touchpoints}",
            "journeys/sam-buys.yml": journey,
        },
    )

    with time_limit(180):
        site = build_site(config, site_dir=tmp_path / "site", strict=False)

    assert "… and 15 more channels" in _diagram_text(site, "journeys/personas/sam.md")
    assert "… and 5 more channels" in _diagram_text(site, "journeys/index.md")


def test_a_templates_dir_that_does_not_exist_is_a_configuration_error(
    tmp_path: Path, run_cli: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    # A typo (`overides`) built the shipped pages instead of the team's, without a word, even with --strict.
    config = write_project(
        tmp_path, {"overrides/persona.md.j2": "# Ours\n"}, plugin_options={"templates_dir": "overides"}
    )

    with pytest.raises(Abort):
        build_site(config, site_dir=tmp_path / "site")
    generate = run_cli("generate", cwd=tmp_path)

    for output in (caplog.text, generate.output):
        assert "the templates folder 'overides' does not exist" in output, output
        assert "did you mean 'overrides'?" in output
    assert "mkdocs.yml:" in generate.output and generate.exit_code == 1
    assert not (tmp_path / "site").exists() and "Traceback" not in caplog.text + generate.output


def test_a_long_note_of_links_tables_and_code_is_not_taken_for_a_costly_one(tmp_path: Path) -> None:
    root = _project(tmp_path, "costly-notes")

    result = _load(root)

    assert not [d for d in result.diagnostics if d.path.endswith("fine.md")]


def test_a_note_linked_to_a_file_of_the_project_or_of_the_machine_is_refused_naming_where_it_leads(
    tmp_path: Path,
) -> None:
    # A link to `.git/config` (inside the project, outside the data) was said to lead "outside the project".
    root = tmp_path / "project"
    write_project(root)
    folder = _folder_journey(root)
    (root / ".git").mkdir()
    (root / ".git/config").write_text("[remote]\ntoken = secret\n", encoding="utf-8")
    (tmp_path / "elsewhere.md").write_text("# Elsewhere\n", encoding="utf-8")
    (folder / "config.md").symlink_to(root / ".git/config")
    (folder / "elsewhere.md").symlink_to(tmp_path / "elsewhere.md")

    result = _load(root)

    messages = {d.path: d.message for d in result.diagnostics if d.code == "outside-project"}
    assert (
        "of the project outside the data folders (personas/ and journeys/)" in messages["journeys/sam-buys/config.md"]
    )
    assert "outside the project" in messages["journeys/sam-buys/elsewhere.md"]
    assert_understandable(result.diagnostics, root)


@pytest.mark.parametrize(("kind", "entity_id"), [("journey", "con"), ("persona", "aux"), ("stage", "com1")])
def test_new_refuses_an_id_that_is_a_device_name_on_windows(
    tmp_path: Path, run_cli: Callable[..., Any], kind: str, entity_id: str
) -> None:
    write_project(tmp_path)

    result = run_cli("new", kind, entity_id, "--path", str(tmp_path), cwd=tmp_path)

    assert result.exit_code == 1 and "Windows keeps the name for a device" in result.stderr
    assert f"e.g. '{entity_id}-{kind}'" in result.stderr
    assert not list(tmp_path.rglob(f"{entity_id}.yml"))
