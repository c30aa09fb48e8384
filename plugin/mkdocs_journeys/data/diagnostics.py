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
    text = _one_line(f"{diagnostic.location}: {diagnostic.severity.value}[{diagnostic.code}]: {diagnostic.message}")
    if diagnostic.hint:
        text += f"\n    hint: {_one_line(diagnostic.hint)}"
    return text


# Line breaks and control characters from the data (a key, a file name) would start a line of their own in the
# terminal or the CI log, where `::error …` is read as a workflow command and ESC as a colour: they are shown escaped.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(text: str) -> str:
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)


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
                f"file={_github_escape_property(d.path)}",
                f"line={d.line}",
                f"col={d.column}",
                f"title={_github_escape_property(f'{d.code}')}",
            ]
        )
        body = d.message + (f"\n{d.hint}" if d.hint else "")
        lines.append(f"::{d.severity.value} {properties}::{_github_escape_data(body)}")
    lines.append(summary(diagnostics))
    return "\n".join(lines)


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    records = [{**asdict(d), "severity": d.severity.value} for d in diagnostics]
    return json.dumps({"diagnostics": records, "summary": summary(diagnostics)}, indent=2, ensure_ascii=False)


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}
