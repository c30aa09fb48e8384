"""One type for every problem a user can see, and the one place that formats it.

The same diagnostics reach the terminal (`mkdocs-journeys validate`), pull requests (GitHub workflow
commands), tools (JSON) and `mkdocs build` (the MkDocs log), so every message is written once and reads
the same everywhere.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass


class Severity(str, enum.Enum):
    """Errors stop a build; warnings are reported (and fail `--strict`)."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem in the journey data, located at `path:line:column` (both 1-based).

    `code` is stable (documented in the user guide) so that teams can search for it; `hint` says how to fix it.
    """

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class DiagnosticsError(Exception):
    """Raised when the data has errors; carries every diagnostic found, not just the first."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__(format_text(self.diagnostics))


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """File order, then line and column: the order a person fixes them in."""
    return sorted(set(diagnostics), key=lambda d: (d.path, d.line, d.column, d.code, d.message))


def format_one(diagnostic: Diagnostic) -> str:
    """`path:line:col: error[code]: message` and the hint on its own line, like compilers do."""
    text = printable(f"{diagnostic.location}: {diagnostic.severity.value}[{diagnostic.code}]: {diagnostic.message}")
    if diagnostic.hint:
        text += f"\n    hint: {printable(diagnostic.hint)}"
    return text


# Line breaks and control characters from the data (a key, a file name) would start a line of their own in the
# terminal or the CI log, where `::error …` is read as a workflow command, ESC as a colour or a link (OSC 8), BEL as a
# bell and backspace as erasing what came before; bidirectional overrides would show the text in another order than
# it is read. They are shown escaped (`\x1b`, `\u202e`) in every format.
# A file name that is not UTF-8 reaches Python with each stray byte as a lone surrogate (`\udce9` for the byte 0xe9),
# which no output can encode: it is shown as the byte (`\xe9`).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_IN_JSON = re.compile(r"[\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""What `json.dumps` leaves as it is of `_CONTROL` (it escapes the rest)."""


def printable(text: str, *, line_breaks: bool = False) -> str:
    """`text` with every control character escaped as Python writes it: what any output may show of the data. On one
    line, unless `line_breaks` keeps `\n` and `\r` (for a format that encodes them itself)."""
    control = _CONTROL_BUT_LINE_BREAKS if line_breaks else _CONTROL
    return control.sub(lambda match: _escaped(match.group()), text)


def _escaped(character: str) -> str:
    if "\udc80" <= character <= "\udcff":
        return f"\\x{ord(character) - 0xDC00:02x}"
    return repr(character)[1:-1]


_CONTROL_BUT_LINE_BREAKS = re.compile(_CONTROL.pattern.replace(r"\x00-\x1f", r"\x00-\x09\x0b\x0c\x0e-\x1f"))


def json_text(data: object) -> str:
    """Strict JSON (no NaN or Infinity, which are not JSON), readable, with control characters escaped as `\\uXXXX`
    even where JSON allows them raw, so that the text is safe to show in a terminal too."""
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
    return _IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def format_text(diagnostics: Sequence[Diagnostic]) -> str:
    lines = [format_one(d) for d in diagnostics]
    lines.append(summary(diagnostics))
    return "\n".join(lines)


def summary(diagnostics: Sequence[Diagnostic]) -> str:
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return "No problems found."
    return f"Found {_plural(errors, 'error')} and {_plural(warnings, 'warning')}."


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _github_escape_data(text: str) -> str:
    # Workflow-command escaping as GitHub's toolkit does it: % first, then line breaks.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_escape_property(text: str) -> str:
    return _github_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands: each becomes an annotation on the file and line in the pull request."""
    lines = []
    for d in diagnostics:
        properties = ",".join(
            [
                f"file={_github_escape_property(printable(d.path, line_breaks=True))}",
                f"line={d.line}",
                f"col={d.column}",
                f"title={_github_escape_property(printable(d.code, line_breaks=True))}",
            ]
        )
        body = d.message + (f"\n{d.hint}" if d.hint else "")
        body = printable(body, line_breaks=True)  # GitHub's escaping encodes line breaks: they stay in the annotation
        lines.append(f"::{d.severity.value} {properties}::{_github_escape_data(body)}")
    lines.append(summary(diagnostics))
    return "\n".join(lines)


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    records = [{**asdict(d), "severity": d.severity.value} for d in diagnostics]
    return json_text({"diagnostics": records, "summary": summary(diagnostics)})


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}
