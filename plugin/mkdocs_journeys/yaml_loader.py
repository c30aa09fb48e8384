"""Safe YAML loading that remembers where every key and value came from.

PyYAML's `safe_load` forgets positions, silently keeps the last of two duplicate keys, reads `no` as false in
keys, and expands aliases without limit. Here we let PyYAML (libyaml when available) parse into nodes and walk
the nodes ourselves, so that every later diagnostic can name `file:line:column`, and every surprise in the
source becomes a diagnostic instead of a traceback or silently lost data.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, DiagnosticsError, Severity

# A journey file is a few kilobytes; these limits only stop accidents and attacks, never real data.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 32
MAX_VALUES = 100_000

_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of one file starts, by its path of keys and list indexes."""

    path: str
    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)

    def locate(self, location: PathKey, *, prefer_key: bool = False) -> Position:
        """The position of `location`, or of its nearest enclosing value when it is absent (a missing key)."""
        if prefer_key and location in self.keys:
            return self.keys[location]
        for end in range(len(location), -1, -1):
            position = self.values.get(location[:end])
            if position is not None:
                return position
        return Position(1, 1)

    def diagnostic(
        self,
        location: PathKey,
        code: str,
        message: str,
        hint: str = "",
        severity: Severity = Severity.ERROR,
        *,
        prefer_key: bool = False,
    ) -> Diagnostic:
        position = self.locate(location, prefer_key=prefer_key)
        return Diagnostic(self.path, position.line, position.column, code, message, hint, severity)


@dataclass
class LoadedDocument:
    """The plain data of one YAML file with its source map, and warnings found while reading it."""

    data: Any
    source: SourceMap
    warnings: list[Diagnostic] = field(default_factory=list)


def load_file(path: Path, display_path: str) -> LoadedDocument:
    """Read and parse one file; raises `DiagnosticsError` with a located message for anything unreadable."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _fail(
                display_path,
                1,
                1,
                "file-too-large",
                f"file is {size / 1024 / 1024:.1f} MiB; journey files are limited to {MAX_FILE_BYTES // 1024 // 1024} MiB",
                "split the data into several files, or check that this is the file you meant to add",
            )
        raw = path.read_bytes()
    except OSError as error:
        raise _fail(
            display_path, 1, 1, "unreadable-file", f"cannot read file: {error.strerror}", "check file permissions"
        )
    return load_bytes(raw, display_path)


def load_bytes(raw: bytes, display_path: str) -> LoadedDocument:
    warnings: list[Diagnostic] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        warnings.append(
            Diagnostic(
                display_path,
                1,
                1,
                "byte-order-mark",
                "file starts with a byte-order mark",
                "save the file as UTF-8 without BOM; most editors have this in their encoding menu",
                Severity.WARNING,
            )
        )
        raw = raw[3:]
    text = _decode(raw, display_path)
    _check_tabs(text, display_path)
    data, source = _parse(text, display_path)
    return LoadedDocument(data, source, warnings)


def _decode(raw: bytes, display_path: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(display_path, 1, 1, "not-utf8", "file is UTF-16, not UTF-8", "save the file as UTF-8")
    if b"\x00" in raw[:8192]:
        raise _fail(
            display_path,
            1,
            1,
            "binary-file",
            "file contains NUL bytes; it looks like a binary file, not YAML",
            "only .yml/.yaml text files belong in the data folders",
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise _fail(
            display_path,
            line,
            column,
            "not-utf8",
            f"file is not valid UTF-8 (byte 0x{raw[error.start]:02x})",
            "save the file as UTF-8; editors usually offer 'Save with encoding'",
        )


def _check_tabs(text: str, display_path: str) -> None:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip() and not line.lstrip().startswith("#"):
            problems.append(
                Diagnostic(
                    display_path,
                    number,
                    indent.index("\t") + 1,
                    "tab-indent",
                    "line is indented with a tab; YAML only allows spaces for indentation",
                    "replace the tab with spaces (two per level is usual)",
                )
            )
    if problems:
        raise DiagnosticsError(problems)


def _parse(text: str, display_path: str) -> tuple[Any, SourceMap]:
    try:
        nodes = list(_compose_all(text))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or error.context or "invalid YAML"
        raise _fail(display_path, line, column, "yaml-syntax", f"YAML syntax error: {problem}", _syntax_hint(problem))
    except yaml.YAMLError as error:
        raise _fail(display_path, 1, 1, "yaml-syntax", f"YAML syntax error: {error}", "check the file in a YAML linter")
    except RecursionError:
        raise _fail(
            display_path, 1, 1, "too-deep", "the YAML is nested too deeply to read", "journey data needs a few levels"
        )
    if len(nodes) > 1:
        mark = nodes[1].start_mark
        raise _fail(
            display_path,
            mark.line + 1,
            mark.column + 1,
            "several-documents",
            "file holds more than one YAML document (a second '---')",
            "put one document in each file, or remove the extra '---' line",
        )
    if not nodes:
        raise _fail(
            display_path,
            1,
            1,
            "empty-file",
            "file is empty",
            "add the data, or start from a skeleton with `mkdocs-journeys new`",
        )
    walker = _Walker(display_path)
    return walker.value(nodes[0], ()), walker.source


def _compose_all(text: str) -> Iterator[yaml.Node]:
    loader = _Loader(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is not None:
                yield node
    finally:
        loader.dispose()


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be put in quotes, or the line is indented wrongly"
    if "found undefined alias" in problem or "found undefined" in problem:
        return "an alias (*name) must refer to an anchor (&name) defined earlier in the same file"
    if "could not find expected ':'" in problem:
        return "each line of a mapping needs 'key: value'; check the indentation of this line and the one above"
    if "did not find expected" in problem:
        return "check the indentation and that quotes and brackets are closed"
    return "check the indentation and quoting around this position"


class _Walker:
    """Turns a node tree into plain data, recording positions and refusing what plain data cannot be."""

    def __init__(self, display_path: str) -> None:
        self.source = SourceMap(display_path)
        self.count = 0
        self.constructor = yaml.SafeLoader("")

    def value(self, node: yaml.Node, path: PathKey, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise self._error(
                node,
                "too-many-values",
                f"file expands to more than {MAX_VALUES:,} values (aliases referring to aliases?)",
                "write the data out instead of nesting aliases",
            )
        if depth > MAX_DEPTH:
            raise self._error(
                node,
                "too-deep",
                f"value is nested more than {MAX_DEPTH} levels deep",
                "journey data needs only a few levels; check the indentation",
            )
        if node.tag not in _SAFE_TAGS:
            raise self._error(
                node,
                "unsafe-tag",
                f"YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')!r} is not allowed",
                "journey files hold plain data: remove the '!' tag",
            )
        self.source.values.setdefault(path, Position(node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, (*path, index), depth + 1) for index, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: PathKey, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self._error(
                    key_node,
                    "merge-key",
                    "YAML merge keys ('<<') are not supported",
                    "write the keys out; merge keys are not part of YAML 1.2 and many tools read them differently",
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise self._error(key_node, "complex-key", "a key must be plain text", "use `name: value` pairs")
            # The key's own text: `no:` or `1:` stay the strings "no" and "1" rather than False and 1.
            key = str(key_node.value)
            if key in first_seen:
                first = first_seen[key].start_mark
                raise self._error(
                    key_node,
                    "duplicate-key",
                    f"key {key!r} appears twice in the same mapping (first at line {first.line + 1})",
                    "YAML would silently keep only the last one; merge the two or rename one",
                )
            first_seen[key] = key_node
            child = (*path, key)
            self.source.keys[child] = Position(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.value(value_node, child, depth + 1)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        value = self.constructor.construct_object(node)
        if isinstance(value, (datetime.date, datetime.datetime)):
            return str(node.value)  # dates are text to us: keep what the author wrote
        return value

    def _error(self, node: yaml.Node, code: str, message: str, hint: str) -> DiagnosticsError:
        mark = node.start_mark
        return DiagnosticsError([Diagnostic(self.source.path, mark.line + 1, mark.column + 1, code, message, hint)])


def _fail(path: str, line: int, column: int, code: str, message: str, hint: str) -> DiagnosticsError:
    return DiagnosticsError([Diagnostic(path, line, column, code, message, hint)])
