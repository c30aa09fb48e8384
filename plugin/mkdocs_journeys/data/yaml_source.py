"""Safe YAML loading that remembers where every key and value came from.

PyYAML's `safe_load` forgets positions, silently keeps the last of two duplicate keys, reads `no` as false in
keys, reads `0123` as 83 and `1:30` as 90, fails on `2024-13-45`, and expands aliases without limit. Here we let
PyYAML (libyaml when available) parse into nodes and walk the nodes ourselves, so that every later diagnostic can
name `file:line:column`, and every surprise in the source becomes a diagnostic instead of a traceback or silently
changed data. Before composing nodes, the event stream is checked for what would make composing slow or crash
(deep nesting, alias bombs), so that no file can hang or crash a build.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mkdocs_journeys.data.diagnostics import Diagnostic, DiagnosticsError, Severity

# A journey file is a few kilobytes; these limits only stop accidents and attacks, never real data.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 32
MAX_VALUES = 100_000

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parser_version() -> str:
    """The YAML parser that reads the files (PyYAML's version, libyaml or not): the same bytes may read differently
    in another, so what is kept of parse results must name it."""
    return f"PyYAML {yaml.__version__} {_Loader.__name__}"


PathKey = tuple[str | int, ...]
LineColumn = tuple[int, int]


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of one file starts, by its path of keys and list indexes.

    Positions are kept as plain `(line, column)` tuples: a thousand journeys hold hundreds of thousands of them, most
    never asked for, and plain tuples are cheap to make, to keep and to store in the parse cache.
    """

    path: str
    values: dict[PathKey, LineColumn] = field(default_factory=dict)
    keys: dict[PathKey, LineColumn] = field(default_factory=dict)

    def locate(self, location: PathKey, *, prefer_key: bool = False) -> Position:
        """The position of `location`, or of its nearest enclosing value when it is absent (a missing key)."""
        if prefer_key and location in self.keys:
            return Position(*self.keys[location])
        for end in range(len(location), -1, -1):
            position = self.values.get(location[:end])
            if position is not None:
                return Position(*position)
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
    return load_bytes(read_file(path, display_path), display_path)


def read_file(path: Path, display_path: str) -> bytes:
    """The bytes of one file, refusing a file too large before reading it; raises `DiagnosticsError` when unreadable."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _too_large(display_path, size)
        return path.read_bytes()
    except OSError as error:
        raise _fail(
            display_path,
            1,
            1,
            "unreadable-file",
            f"cannot read file: {error.strerror or error}",
            "check that the file exists and that you may read it (file permissions)",
        )


def read_text(path: Path, display_path: str) -> str:
    """The text of a file beside the data (a journey's Markdown notes), read with the limits and checks of a data
    file: size, encoding, a byte-order mark dropped. Raises `DiagnosticsError` when it cannot be read as text."""
    raw = read_file(path, display_path)
    return _decode(raw.removeprefix(b"\xef\xbb\xbf"), display_path)


def load_bytes(raw: bytes, display_path: str) -> LoadedDocument:
    """Parse the bytes of one file; raises `DiagnosticsError` with located messages for anything unreadable."""
    if len(raw) > MAX_FILE_BYTES:
        raise _too_large(display_path, len(raw))
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
    _check_characters(text, display_path)
    data, source = _parse(text, display_path)
    return LoadedDocument(data, source, warnings)


def _too_large(display_path: str, size: int) -> DiagnosticsError:
    return _fail(
        display_path,
        1,
        1,
        "file-too-large",
        f"file is {size / 1024 / 1024:.1f} MiB; journey files are limited to {MAX_FILE_BYTES // 1024 // 1024} MiB",
        "split the data into several files, or check that this is the file you meant to add",
    )


# YAML's line breaks (libyaml counts lines the same way), so that our positions match the parser's.
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
# Characters YAML allows in a file; anything else (control characters, U+FFFE/U+FFFF) is refused by the parser.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _lines(text: str) -> list[str]:
    return _LINE_BREAK.split(text)


def _position(text: str, index: int) -> Position:
    """1-based line and column (in characters) of `text[index]`, counting lines as YAML does."""
    before = _lines(text[:index])
    return Position(len(before), len(before[-1]) + 1)


def _decode(raw: bytes, display_path: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(
            display_path,
            1,
            1,
            "not-utf8",
            "file is saved as UTF-16 (or UTF-32), not UTF-8",
            "save the file as UTF-8; editors usually offer 'Save with encoding'",
        )
    nul = raw.find(b"\x00", 0, 8192)
    if nul >= 0:
        if _looks_like_utf16(raw[:8192]):
            raise _fail(
                display_path,
                1,
                1,
                "not-utf8",
                "file looks like UTF-16 text (every other byte is zero), not UTF-8",
                "save the file as UTF-8; editors usually offer 'Save with encoding'",
            )
        before = raw[:nul].decode("utf-8", errors="replace")
        position = _position(before, len(before))
        raise _fail(
            display_path,
            position.line,
            position.column,
            "binary-file",
            "file contains NUL bytes; it looks like a binary file, not YAML",
            "only .yml/.yaml text files belong in the data folders",
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8")  # valid up to the bad byte, by definition
        position = _position(before, len(before))
        raise _fail(
            display_path,
            position.line,
            position.column,
            "not-utf8",
            f"file is not valid UTF-8 (byte 0x{raw[error.start]:02x})",
            "save the file as UTF-8; editors usually offer 'Save with encoding' (the file was probably saved "
            "as Latin-1 or Windows-1252)",
        )


def _looks_like_utf16(raw: bytes) -> bool:
    even, odd = raw[0::2], raw[1::2]
    return len(raw) >= 4 and max(even.count(0) / len(even), odd.count(0) / max(len(odd), 1)) > 0.4


def _check_characters(text: str, display_path: str) -> None:
    problems = []
    for match in itertools.islice(_NOT_PRINTABLE.finditer(text), 10):
        position = _position(text, match.start())
        problems.append(
            Diagnostic(
                display_path,
                position.line,
                position.column,
                "control-character",
                f"invisible control character U+{ord(match.group()):04X} is not allowed in YAML",
                "delete it: it often comes from copying text out of another program "
                "(editors can show invisible characters)",
            )
        )
    if problems:
        raise DiagnosticsError(problems)


def _tab_problems(text: str, display_path: str) -> list[Diagnostic]:
    problems = []
    for number, line in enumerate(_lines(text), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            problems.append(_tab_problem(display_path, number, indent.index("\t") + 1))
    return problems


def _tab_problem(display_path: str, line: int, column: int) -> Diagnostic:
    return Diagnostic(
        display_path,
        line,
        column,
        "tab-indent",
        "line is indented with a tab; YAML only allows spaces for indentation",
        "replace the tab with spaces (two per level is usual)",
    )


def _parse(text: str, display_path: str) -> tuple[Any, SourceMap]:
    try:
        _check_events(text, display_path)
        nodes = list(_compose_all(text))
    except yaml.MarkedYAMLError as error:
        raise DiagnosticsError(_syntax_problems(error, text, display_path))
    except yaml.YAMLError as error:
        raise _fail(
            display_path,
            1,
            1,
            "yaml-syntax",
            f"YAML syntax error: {str(error).splitlines()[0]}",
            "check the file in a YAML linter",
        )
    except RecursionError:
        raise _fail(
            display_path, 1, 1, "too-deep", "the YAML is nested too deeply to read", "journey data needs a few levels"
        )
    if len(nodes) > 1:  # _check_events refuses these first; kept so that the walker can rely on one document
        mark = nodes[1].start_mark
        raise _fail(display_path, mark.line + 1, mark.column + 1, *_SEVERAL_DOCUMENTS)
    if not nodes:
        only_comments = bool(text.strip())
        raise _fail(
            display_path,
            1,
            1,
            "empty-file",
            "file holds only comments, no data" if only_comments else "file is empty",
            "add the data, or start from a skeleton with `mkdocs-journeys new`",
        )
    walker = _Walker(display_path)
    data = walker.value(nodes[0], ())
    if walker.problems:
        raise DiagnosticsError(walker.problems)
    return data, walker.source


_SEVERAL_DOCUMENTS = (
    "several-documents",
    "file holds more than one YAML document (a second '---')",
    "put one document in each file, or remove the extra '---' line",
)


def _check_events(text: str, display_path: str, loader_class: type[yaml.SafeLoader] | None = None) -> None:
    """Refuse what would make composing slow or crash, before composing: deep nesting, alias bombs, several documents.

    The event stream is read without recursion and stops at the first problem, so even a 2 MiB file of `[` is
    refused in microseconds (composing it would recurse once per bracket in C, and can crash the interpreter).
    """
    loader = (loader_class or _Loader)(text)
    try:
        documents = 0
        open_anchors: list[str | None] = []  # anchors of the collections being read, innermost last
        open_sizes: list[int] = []  # values inside each of them so far, aliases expanded
        anchor_sizes: dict[str, int] = {}
        total = 0
        aliases = False
        while loader.check_event():
            event = loader.get_event()  # type: ignore[no-untyped-call]
            mark = event.start_mark
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _fail(display_path, mark.line + 1, mark.column + 1, *_SEVERAL_DOCUMENTS)
            elif isinstance(event, yaml.CollectionEndEvent):
                anchor, size = open_anchors.pop(), open_sizes.pop()
                if anchor is not None:
                    anchor_sizes[anchor] = size
                if open_sizes:
                    open_sizes[-1] += size
            elif isinstance(event, yaml.NodeEvent):
                if len(open_anchors) > MAX_DEPTH:
                    raise _fail(display_path, mark.line + 1, mark.column + 1, *_too_deep())
                size = 1
                if isinstance(event, yaml.AliasEvent):
                    aliases = True
                    if event.anchor in open_anchors:
                        raise _fail(
                            display_path,
                            mark.line + 1,
                            mark.column + 1,
                            "too-deep",
                            f"alias '*{event.anchor}' refers to the value that contains it, so it would nest endlessly",
                            "an alias repeats a value written earlier; it cannot repeat its own parent: "
                            "write the data out",
                        )
                    size = anchor_sizes.get(str(event.anchor), 1)  # an undefined alias is reported when composing
                total += size
                if total > MAX_VALUES:
                    raise _fail(display_path, mark.line + 1, mark.column + 1, *_too_many_values(aliases))
                if isinstance(event, yaml.CollectionStartEvent):
                    open_anchors.append(event.anchor)
                    open_sizes.append(size)
                else:
                    if isinstance(event, yaml.ScalarEvent) and event.anchor is not None:
                        anchor_sizes[event.anchor] = 1
                    if open_sizes:
                        open_sizes[-1] += size
    except yaml.MarkedYAMLError as error:
        if loader_class is not None or "maximum nesting depth" not in str(error.problem) or error.problem_mark is None:
            raise  # a refusal while placing one is reported by `_place_parser_depth_limit`
        _place_parser_depth_limit(text, display_path, error.problem_mark)
    finally:
        loader.dispose()


def _place_parser_depth_limit(text: str, display_path: str, mark: yaml.Mark) -> None:
    """Report a file that libyaml refused as too deeply nested where our own, lower, limit is first exceeded.

    libyaml 0.2.6 and later stop at a depth of 1,000 themselves, and since its scanner reads ahead through opening
    brackets, that refusal arrives before the event at which our limit is exceeded. The text up to the refusal is
    read again, which libyaml does without reaching its limit, and the event is found there: the diagnostic is the
    same whichever parser is installed. The pure-Python parser (no limit of its own, but slow on brackets) is only
    the fallback.
    """
    prefix = text[: mark.index]
    for loader_class in (_Loader, yaml.SafeLoader):
        with contextlib.suppress(yaml.YAMLError):  # the text cut short is no YAML: try the next, then say where
            _check_events(prefix, display_path, loader_class)
    raise _fail(display_path, mark.line + 1, mark.column + 1, *_too_deep())


def _too_deep() -> tuple[str, str, str]:
    return (
        "too-deep",
        f"value is nested more than {MAX_DEPTH} levels deep",
        "journey data needs only a few levels; check the indentation and that brackets are closed",
    )


def _too_many_values(aliases: bool) -> tuple[str, str, str]:
    if aliases:
        return (
            "too-many-values",
            f"aliases (*name) expand this file to more than {MAX_VALUES:,} values",
            "write the data out instead of aliases that repeat aliases",
        )
    return (
        "too-many-values",
        f"file holds more than {MAX_VALUES:,} values",
        "split the data into several files, or check that this is the file you meant to add",
    )


def _compose_all(text: str) -> Iterator[yaml.Node]:
    loader = _Loader(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is not None:
                yield node
    finally:
        loader.dispose()


def _syntax_problems(error: yaml.MarkedYAMLError, text: str, display_path: str) -> list[Diagnostic]:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = error.problem or error.context or "invalid YAML"
    context = error.context or ""
    opened = error.context_mark
    if "nesting depth" in problem:  # libyaml 0.2.6 refuses deep nesting itself, before our own check sees it
        return [Diagnostic(display_path, line, column, *_too_deep())]
    lines = _lines(text)
    at = lines[line - 1][column - 1 : column] if line <= len(lines) else ""
    if at == "\t" or "\t" in _leading_space(lines[line - 1] if line <= len(lines) else "") or "tab" in problem:
        tabs = _tab_problems(text, display_path)
        if not any(d.line == line for d in tabs):
            tabs.append(
                Diagnostic(
                    display_path,
                    line,
                    column,
                    "tab-indent",
                    "tab character where YAML expects a space",
                    "replace the tab with a space",
                )
            )
        return sorted(tabs)
    message = f"YAML syntax error: {problem}"
    if opened is not None and "quoted" in context and "end of stream" in problem:
        line, column, message = (
            opened.line + 1,
            opened.column + 1,
            "YAML syntax error: this quoted text is never closed",
        )
    elif opened is not None and "duplicate anchor" in context:
        written = re.match(r"&[^\s,\[\]{}]+", lines[line - 1][column - 1 :] if line <= len(lines) else "")
        anchor = f"'{written.group()}' " if written else ""
        message = f"YAML syntax error: anchor {anchor}is defined twice (first at line {opened.line + 1})"
    elif opened is not None and "expected ':'" in problem:
        line, column = opened.line + 1, opened.column + 1
        message = "YAML syntax error: this line has no ':' after its key"
    elif opened is not None and ("flow sequence" in context or "flow mapping" in context):
        bracket = "[" if "sequence" in context else "{"
        message += f" (in the '{bracket}' opened at line {opened.line + 1}, column {opened.column + 1})"
    return [Diagnostic(display_path, line, column, "yaml-syntax", message, _syntax_hint(problem, context, at))]


def _leading_space(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _syntax_hint(problem: str, context: str, at: str) -> str:
    if "end of stream" in problem and "quoted" in context:
        return (
            "add the closing quote (a quote inside the text ends it early: write '' inside single quotes, "
            'or \\" inside double quotes)'
        )
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be put in quotes, or the line is indented wrongly"
    if "duplicate anchor" in context:
        return "an anchor (&name) may be defined only once in a file: rename the second one and its aliases (*name)"
    if "undefined alias" in problem:
        return "an alias (*name) must refer to an anchor (&name) defined earlier in the same file"
    if "expected ':'" in problem:
        return "each line of a mapping needs 'key: value'; check the indentation of this line and the one above"
    if "expected alphabetic or numeric character" in problem:
        return "a value starting with '*' or '&' is read as an alias or anchor: put the value in quotes"
    if "cannot start any token" in problem:
        shown = f"'{at}'" if at.strip() else "this character"
        return f"a value cannot start with {shown}: put the whole value in quotes"
    if "escape" in problem or "hexdecimal" in problem or "hexadecimal" in problem:
        return "inside double quotes a backslash starts an escape: write \\\\ for a backslash, or use single quotes"
    if "',' or ']'" in problem or "',' or '}'" in problem:
        return "the brackets are not closed, or an entry holds ',' ':' '[' or ']': close them, or quote the entry"
    if "expected '-' indicator" in problem or ("block collection" in context and "expected <block end>" in problem):
        return "this line is not a list entry like the lines above it: start it with '- ' or fix its indentation"
    if "expected key" in problem or "expected <block end>" in problem:
        return (
            "check that this line lines up with the keys above it; if a value starts with a quote, the whole value "
            "must be inside the quotes (write '' for a ' inside single quotes)"
        )
    if "block sequence entries are not allowed" in problem:
        return "a '- ' list entry must start on its own line, indented under its key"
    if "did not find expected" in problem:
        return "check the indentation and that quotes and brackets are closed"
    return "check the indentation and quoting around this position"


_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALAR_TAGS = {_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP}
_BOOLEANS = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}
# Numbers are read as numbers only when written plainly; `0123`, `1:30`, `0x1F`, `1_000` or `.inf` (YAML 1.1
# octal, sexagesimal, hex…) would silently become other numbers, so they stay the text the author wrote.
_PLAIN_NUMBER = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})(?:\.[0-9]{1,17})?(?:[eE][-+]?[0-9]{1,3})?")
_TIMESTAMP_TEXT = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt \t].*)?")


class _Walker:
    """Turns a node tree into plain data, recording positions and collecting what plain data cannot be."""

    def __init__(self, display_path: str) -> None:
        self.source = SourceMap(display_path)
        self.count = 0
        self.problems: list[Diagnostic] = []
        self.resolver = yaml.SafeLoader("")

    def value(self, node: yaml.Node, path: PathKey, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:  # _check_events refuses this first; a backstop
            raise self._error(node, *_too_many_values(True))
        if depth > MAX_DEPTH:  # reachable through aliases only
            raise self._error(node, *_too_deep())
        self.source.values.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if not self._tag_fits(node):
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, (*path, index), depth + 1) for index, item in enumerate(node.value)]
        return self._scalar(node)

    def _tag_fits(self, node: yaml.Node) -> bool:
        if isinstance(node, yaml.MappingNode):
            expected = {_MAP}
        elif isinstance(node, yaml.SequenceNode):
            expected = {_SEQ}
        else:
            expected = _SCALAR_TAGS
        if node.tag in expected:
            return True
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        if node.tag in _SCALAR_TAGS | {_MAP, _SEQ}:
            self._problem(
                node,
                "yaml-tag",
                f"YAML tag {shown!r} does not fit this value",
                "remove the '!!' tag; journey files need no tags",
            )
        else:
            self._problem(
                node,
                "unsafe-tag",
                f"YAML tag {shown!r} is not allowed",
                "journey files hold plain data: remove the '!' tag",
            )
        return False

    def _mapping(self, node: yaml.MappingNode, path: PathKey, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._problem(
                    key_node,
                    "merge-key",
                    "YAML merge keys ('<<') are not supported",
                    "write the keys out; merge keys are not part of YAML 1.2 and many tools read them differently",
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, "complex-key", "a key must be plain text", "use `name: value` pairs")
                continue
            if not self._tag_fits(key_node):
                continue
            # The key's own text: `no:` or `1:` stay the strings "no" and "1" rather than False and 1.
            key = str(key_node.value)
            if key in first_seen:
                first = first_seen[key].start_mark
                self._problem(
                    key_node,
                    "duplicate-key",
                    f"key {key!r} appears twice in the same mapping (first at line {first.line + 1})",
                    "YAML would silently keep only the last one; merge the two or rename one",
                )
                continue
            first_seen[key] = key_node
            child = (*path, key)
            self.source.keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.value(value_node, child, depth + 1)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        text = str(node.value)
        if node.tag == _STR:
            hidden = _NOT_PRINTABLE.search(text)
            if hidden:  # written as a YAML escape such as "\x14": the raw-character check cannot see it
                self._problem(
                    node,
                    "control-character",
                    f"the text holds the invisible control character U+{ord(hidden.group()):04X}",
                    f"remove the escape sequence that writes it ({_yaml_escape(hidden.group())}) from the quoted text",
                )
            return text
        if node.tag == _NULL:
            return None
        if node.tag == _TIMESTAMP:
            if not _TIMESTAMP_TEXT.fullmatch(text):
                self._problem(node, "yaml-tag", f"{_short(text)!r} is not a date", "remove the '!!timestamp' tag")
            return text  # dates are text to us: keep what the author wrote
        if node.tag == _BOOL:
            if text.lower() not in _BOOLEANS:
                self._problem(node, "yaml-tag", f"{_short(text)!r} is not true or false", "remove the '!!bool' tag")
                return None
            return _BOOLEANS[text.lower()]
        plain = not getattr(node, "style", None)  # None from PyYAML, "" from libyaml
        implicit = self.resolver.resolve(yaml.ScalarNode, text, (plain, not plain))  # type: ignore[no-untyped-call]
        explicit = node.tag != implicit
        if not explicit and not _PLAIN_NUMBER.fullmatch(text):
            return text
        try:
            if len(text) > 40:  # no real number is this long; Python's int() of thousands of digits is slow
                raise ValueError(text)
            return self.resolver.construct_object(node)
        except (ValueError, TypeError, ArithmeticError, LookupError, yaml.YAMLError):
            self._problem(
                node, "yaml-tag", f"{_short(text)!r} is not a valid number", "remove the '!!' tag, or fix the number"
            )
            return None

    def _problem(self, node: yaml.Node, code: str, message: str, hint: str) -> None:
        mark = node.start_mark
        self.problems.append(Diagnostic(self.source.path, mark.line + 1, mark.column + 1, code, message, hint))

    def _error(self, node: yaml.Node, code: str, message: str, hint: str) -> DiagnosticsError:
        mark = node.start_mark
        return DiagnosticsError([Diagnostic(self.source.path, mark.line + 1, mark.column + 1, code, message, hint)])


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"


def _fail(path: str, line: int, column: int, code: str, message: str, hint: str) -> DiagnosticsError:
    return DiagnosticsError([Diagnostic(path, line, column, code, message, hint)])


def _yaml_escape(character: str) -> str:
    """How a double-quoted YAML text writes `character`: `\\x1b`, `\\u2028` (YAML also knows `\\e`, `\\0`…)."""
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
