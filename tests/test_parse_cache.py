"""The parse cache: a second load parses only what changed, and gives exactly what parsing everything gives.

Each test loads a small project (`make_project`) with a cache folder and counts which files are really parsed,
by spying on the parser the cache calls. A damaged or unwritable cache must never be an error, only slower.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_journeys.data import cache_folder, parse_cache
from mkdocs_journeys.data.diagnostics import Diagnostic, DiagnosticsError
from mkdocs_journeys.data.layout import DataLayout
from mkdocs_journeys.data.load import LoadResult, load_catalog
from mkdocs_journeys.data.parse_cache import CACHE_FILE, FORMAT, ParseCache
from mkdocs_journeys.data.yaml_source import LoadedDocument, load_bytes

# A project with a problem of every sort: a parse warning (byte-order mark), a file that does not parse, a file that
# parses but is invalid, and a reference to an unknown id.
WITH_PROBLEMS = {
    "personas/ben.yml": "\ufeffname: Ben\nrole: Buyer\n",
    "personas/broken.yml": "name: [Unclosed\nrole: Buyer\n",
    "journeys/renewal.yml": """\
        name: Renewal
        personas: [ana, bob]
        colour: blue
        stages:
          - stage: purchase
            touchpoints: [blog]
        """,
}


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The display paths of the files the cache had to parse, in order."""
    seen: list[str] = []

    def spy(raw: bytes, display_path: str) -> LoadedDocument:
        seen.append(display_path)
        return load_bytes(raw, display_path)

    monkeypatch.setattr(parse_cache, "load_bytes", spy)
    return seen


def load(root: Path, cache: Path | None, *, display_root: Path | None = None) -> LoadResult:
    return load_catalog(DataLayout(root / "personas", root / "journeys", display_root or root, root), cache)


def data_files(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*.yml"))


def test_a_second_load_parses_nothing_and_gives_the_same_catalog(
    make_project: Callable[..., Path], tmp_path: Path, parsed: list[str]
) -> None:
    root = make_project()
    uncached = load(root, None)
    parsed.clear()

    first = load(root, tmp_path / "cache")
    assert sorted(parsed) == data_files(root)
    parsed.clear()
    second = load(root, tmp_path / "cache")

    assert parsed == []
    assert second.catalog is not None
    assert second.catalog == first.catalog == uncached.catalog
    assert second.diagnostics == first.diagnostics == uncached.diagnostics == []


def test_a_second_load_gives_identical_diagnostics_also_for_files_that_do_not_parse(
    make_project: Callable[..., Path], tmp_path: Path, parsed: list[str]
) -> None:
    root = make_project(WITH_PROBLEMS)
    uncached = load(root, None)
    load(root, tmp_path / "cache")
    parsed.clear()

    second = load(root, tmp_path / "cache")

    assert parsed == []
    assert second.diagnostics == uncached.diagnostics
    codes = {d.code for d in second.diagnostics}
    assert {"byte-order-mark", "yaml-syntax", "unknown-key", "unknown-persona"} <= codes, codes


def test_editing_one_file_parses_only_that_file_and_still_checks_the_others_against_it(
    make_project: Callable[..., Path], tmp_path: Path, parsed: list[str]
) -> None:
    root = make_project()
    load(root, tmp_path / "cache")
    stages = root / "journeys/stages.yml"
    stages.write_text(stages.read_text(encoding="utf-8").replace("id: purchase", "id: buying"), encoding="utf-8")
    parsed.clear()

    result = load(root, tmp_path / "cache")

    assert parsed == ["journeys/stages.yml"]
    # The journey came from the cache, yet its reference to the renamed stage is checked against the new file.
    assert [(d.path, d.code) for d in result.errors] == [("journeys/first-purchase.yml", "unknown-stage")]
    assert result.diagnostics == load(root, None).diagnostics


def test_the_same_bytes_under_another_display_path_are_parsed_again(
    make_project: Callable[..., Path], tmp_path: Path, parsed: list[str]
) -> None:
    root = make_project({"personas/broken.yml": "name: [Unclosed\n"})
    load(root, tmp_path / "cache")
    parsed.clear()

    result = load(root, tmp_path / "cache", display_root=root.parent)

    assert sorted(parsed) == [f"{root.name}/{file}" for file in data_files(root)]
    assert [d.path for d in result.errors] == [f"{root.name}/personas/broken.yml"]


def test_a_new_parser_version_parses_everything_again(
    make_project: Callable[..., Path], tmp_path: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project()
    load(root, tmp_path / "cache")
    parsed.clear()
    monkeypatch.setattr(parse_cache, "parser_version", lambda: "PyYAML 99.0 CSafeLoader")

    load(root, tmp_path / "cache")

    assert sorted(parsed) == data_files(root)


def test_entries_of_deleted_files_are_dropped_when_the_cache_is_written(
    make_project: Callable[..., Path], tmp_path: Path, parsed: list[str]
) -> None:
    root = make_project({"personas/ben.yml": "name: Ben\nrole: Buyer\n"})
    ben = (root / "personas/ben.yml").read_bytes()
    load(root, tmp_path / "cache")
    (root / "personas/ben.yml").unlink()
    load(root, tmp_path / "cache")
    (root / "personas/ben.yml").write_bytes(ben)
    parsed.clear()

    load(root, tmp_path / "cache")

    assert parsed == ["personas/ben.yml"]


def test_the_cache_file_is_not_written_again_when_nothing_changed(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_project(WITH_PROBLEMS)
    load(root, tmp_path / "cache")
    written = (tmp_path / "cache" / CACHE_FILE).stat()

    load(root, tmp_path / "cache")

    again = (tmp_path / "cache" / CACHE_FILE).stat()
    assert (again.st_ino, again.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)


def test_a_new_cache_folder_is_created_and_kept_out_of_version_control(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    load(make_project(), tmp_path / "deep" / "cache")

    assert (tmp_path / "deep/cache" / CACHE_FILE).is_file()
    assert (tmp_path / "deep/cache/.gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def _truncated(blob: bytes) -> bytes:
    return blob[: len(blob) // 2]


def _one_byte_changed(blob: bytes) -> bytes:
    middle = len(blob) // 2
    return blob[:middle] + bytes([blob[middle] ^ 0x01]) + blob[middle + 1 :]


def _another_format(blob: bytes) -> bytes:
    current = b"parse cache %d " % FORMAT
    assert current in blob
    return blob.replace(current, b"parse cache %d " % (FORMAT + 1), 1)


def sealed(header: bytes, payload: bytes) -> bytes:
    """A cache file sealed as this machine seals it (the key of a machine that builds and whose cache is damaged)."""
    key = cache_folder.machine_key(Path(__file__).parent)
    return header + cache_folder.seal(key, header, payload) + payload


def _sealed_but_not_entries(blob: bytes) -> bytes:
    header = blob[: blob.index(b"\n") + 1]
    return sealed(header, parse_cache.marshal.dumps([b"not", b"a", b"mapping"]))


DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "truncated": _truncated,
    "one-byte-changed": _one_byte_changed,
    "another-format": _another_format,
    "sealed-but-not-entries": _sealed_but_not_entries,
    "empty": lambda blob: b"",
    "one-byte": lambda blob: b"\0",
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_cache_file_is_ignored_and_written_anew(
    make_project: Callable[..., Path], tmp_path: Path, parsed: list[str], damage: str
) -> None:
    root = make_project(WITH_PROBLEMS)
    expected = load(root, tmp_path / "cache")
    cache_file = tmp_path / "cache" / CACHE_FILE
    cache_file.write_bytes(DAMAGES[damage](cache_file.read_bytes()))
    parsed.clear()

    result = load(root, tmp_path / "cache")

    assert result.diagnostics == expected.diagnostics
    assert sorted(parsed) == data_files(root)
    parsed.clear()
    load(root, tmp_path / "cache")
    assert parsed == []


def test_a_damaged_entry_is_parsed_again(make_project: Callable[..., Path], tmp_path: Path, parsed: list[str]) -> None:
    """An entry the seal accepts but that is not what the parser writes (another cache of the same format)."""
    root = make_project()
    expected = load(root, tmp_path / "cache")
    cache_file = tmp_path / "cache" / CACHE_FILE
    entries = parse_cache._read(cache_file, cache_folder.machine_key(root))
    assert entries
    payload = parse_cache.marshal.dumps(dict.fromkeys(entries, parse_cache.marshal.dumps(("nonsense",))))
    header = cache_file.read_bytes()[: cache_file.read_bytes().index(b"\n") + 1]
    cache_file.write_bytes(sealed(header, payload))
    parsed.clear()

    result = load(root, tmp_path / "cache")

    assert sorted(parsed) == data_files(root)
    assert result.catalog == expected.catalog


def test_a_cache_folder_that_is_a_file_is_not_an_error(
    make_project: Callable[..., Path], tmp_path: Path, parsed: list[str]
) -> None:
    root = make_project(WITH_PROBLEMS)
    (tmp_path / "cache").write_text("not a folder", encoding="utf-8")

    first = load(root, tmp_path / "cache")
    second = load(root, tmp_path / "cache")

    assert first.diagnostics == second.diagnostics == load(root, None).diagnostics
    assert sorted(parsed) == sorted(data_files(root) * 3)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs file permissions that apply")
def test_a_read_only_cache_folder_is_not_an_error(make_project: Callable[..., Path], tmp_path: Path) -> None:
    root = make_project(WITH_PROBLEMS)
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache").chmod(0o555)
    try:
        result = load(root, tmp_path / "cache")
    finally:
        (tmp_path / "cache").chmod(0o755)

    assert result.diagnostics == load(root, None).diagnostics
    assert list((tmp_path / "cache").iterdir()) == []


def test_a_failed_write_leaves_no_temporary_file(
    make_project: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(source: str, target: str) -> None:
        raise PermissionError(13, "Permission denied")

    root = make_project()
    (tmp_path / "cache").mkdir()
    monkeypatch.setattr(cache_folder.os, "replace", refuse)

    result = load(root, tmp_path / "cache")

    assert result.catalog is not None
    assert list((tmp_path / "cache").iterdir()) == []


def test_every_kind_of_value_and_position_comes_back_from_the_cache_unchanged(tmp_path: Path) -> None:
    raw = (
        "\ufeffname: Zoë\nflag: true\nnothing: ~\ncount: 12\nbig: !!int 123456789012345678901234567890\n"
        "ratio: 0.25\nsmall: -1e-3\nday: 2024-01-31\noctal: 0123\nno: off\n"
        "nested:\n  - [a, {b: [1, 2.5, null]}]\n  - &x {c: d}\n  - *x\n"
    ).encode()
    display = "personas/\udcffodd.yml"  # a file name that is not UTF-8 reaches us with surrogates
    writer = ParseCache(tmp_path)
    parsed = writer.parse(raw, display)
    writer.save()

    cached = ParseCache(tmp_path).parse(raw, display)

    assert cached == parsed == load_bytes(raw, display)
    assert [type(value) for value in cached.data.values()] == [type(value) for value in parsed.data.values()]
    assert cached.warnings and cached.source.locate(("nested", 2, "c")) == parsed.source.locate(("nested", 2, "c"))


def test_a_file_that_does_not_parse_raises_the_same_diagnostics_from_the_cache(tmp_path: Path) -> None:
    raw = b"name: Ana\nname: Ana again\ntags: !!python/object:os.system [ls]\n"
    writer = ParseCache(tmp_path)
    with pytest.raises(DiagnosticsError) as first:
        writer.parse(raw, "personas/ana.yml")
    writer.save()

    with pytest.raises(DiagnosticsError) as cached:
        ParseCache(tmp_path).parse(raw, "personas/ana.yml")

    assert cached.value.diagnostics == first.value.diagnostics
    assert [d.code for d in cached.value.diagnostics] == ["duplicate-key", "unsafe-tag"]


def _parsed_or_refused(cache: ParseCache, raw: bytes) -> LoadedDocument | list[Diagnostic]:
    try:
        return cache.parse(raw, "journeys/any.yml")
    except DiagnosticsError as error:
        return error.diagnostics


def _not_parsed_again(raw: bytes, display_path: str) -> LoadedDocument:
    raise AssertionError(f"{display_path} was parsed again instead of read from the cache")


PIECES = st.sampled_from(
    [
        "a", "no", "- ", ": ", "[", "]", "{", "}", ", ", "'", '"', "\\x14", "#", "|\n", "\n", "  ", "\t", "&a ", "*a",
        "!!int ", "!!float ", "!!bool ", "!!str ", "!x ", "<<: ", "1", "-0.0", "1e5", "99999999999999999999", "~",
        "2024-01-31", ".nan", "true", "é", "\ufeff", "---\n",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(PIECES, max_size=40).map("".join))
def test_whatever_the_file_holds_the_cache_gives_back_what_parsing_gives(tmp_path: Path, text: str) -> None:
    raw = text.encode("utf-8")
    writer = ParseCache(tmp_path)
    parsed = _parsed_or_refused(writer, raw)
    writer.save()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parse_cache, "load_bytes", _not_parsed_again)
        cached = _parsed_or_refused(ParseCache(tmp_path), raw)

    assert repr(cached) == repr(parsed)  # repr, not ==: NaN is not equal to itself, and True == 1


# --- a cache file from anywhere else is not an input --------------------------------------------------------------


def _forged(blob: bytes, key: bytes | None) -> bytes:
    """The cache file with every persona named 'Forged Name': sealed with `key` (another machine's), or with the plain
    checksum anyone could compute from the file itself (`key` None)."""
    header = blob[: blob.index(b"\n") + 1]
    entries = parse_cache._read_unsealed(blob)
    forged = {}
    for name, stored in entries.items():
        entry = parse_cache.marshal.loads(stored)
        if entry[0] is True and isinstance(entry[1], dict) and "role" in entry[1]:
            entry = (True, {**entry[1], "name": "Forged Name"}, *entry[2:])
        forged[name] = parse_cache.marshal.dumps(entry)
    payload = parse_cache.marshal.dumps(forged)
    mark = cache_folder.seal(key, header, payload) if key else parse_cache.hashlib.sha256(payload).digest()
    return header + mark + payload


@pytest.mark.parametrize("sealed_with", ["checksum", "another-key"])
def test_a_forged_cache_file_puts_nothing_on_the_site_that_no_yaml_holds(
    make_project: Callable[..., Path], tmp_path: Path, parsed: list[str], sealed_with: str
) -> None:
    # Entries are found by the file's bytes, its path and the parser's code, all public: a pull request can compute
    # the name of an entry and commit a cache file that says anything. Only this machine's key makes one that is read.
    root = make_project()
    load(root, tmp_path / "cache")
    cache_file = tmp_path / "cache" / CACHE_FILE
    key = os.urandom(32) if sealed_with == "another-key" else None
    cache_file.write_bytes(_forged(cache_file.read_bytes(), key))
    parsed.clear()

    result = load(root, tmp_path / "cache")

    assert result.catalog is not None and result.catalog.personas["ana"].name == "Ana Souza"
    assert sorted(parsed) == data_files(root)


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="needs O_NOFOLLOW")
@pytest.mark.parametrize("target", ["/dev/zero", "fifo", "outside"])
def test_a_link_or_special_file_in_place_of_the_cache_file_is_not_read(
    make_project: Callable[..., Path], tmp_path: Path, parsed: list[str], target: str
) -> None:
    # /dev/zero would be read forever, a pipe would wait forever for a writer; a link is never followed.
    root = make_project()
    load(root, tmp_path / "cache")
    cache_file = tmp_path / "cache" / CACHE_FILE
    if target == "outside":
        (tmp_path / "elsewhere").write_bytes(cache_file.read_bytes())
    cache_file.unlink()
    if target == "fifo":
        os.mkfifo(cache_file)
    else:
        cache_file.symlink_to(tmp_path / "elsewhere" if target == "outside" else target)
    parsed.clear()

    result = load(root, tmp_path / "cache")

    assert result.catalog is not None
    assert sorted(parsed) == data_files(root)
