"""How much work a Markdown note would make Python-Markdown do, checked before the note is converted.

Python-Markdown looks for the end of a link from every `[` (and `![`), for the end of its address from every `](`,
and for the end of a tag or autolink from every `<`. When the end is far away, or missing, each of them reads on to
the end of the paragraph: the time grows with the square of a run of them, a few kilobytes take minutes
(`docs/benchmarks.md`), and a note may come from any pull request. So a note is measured first, in one pass: for every such opening character, how far the
converter would read from it (to its closing character, or to the end of its paragraph). A note over the budget is
refused with the place where the work starts; a note of ordinary prose, links and tables stays far below it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_NOTE_BYTES = 256 * 1024
"""Past the openings above, a note is converted in time linear in its size, but slowly, so its size is bounded too;
a longer note is better split into several."""

MAX_NOTE_WORK = 2_000_000
"""Characters the converter may read again from the openings of links and tags, for one note: a few seconds of
conversion at most (`docs/benchmarks.md`)."""

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class CostlyNote:
    """Where the costly part of a note starts (0-based offset in the text), what it is, and the work it makes."""

    offset: int
    what: str
    work: int


def costly_part(text: str) -> CostlyNote | None:
    """Where a note over `MAX_NOTE_WORK` starts to be costly, or None when the note is cheap to convert."""
    angles, angle = _angle_work(text)
    total = angles
    for start, block in _blocks(text):
        work, opening, what = _block_work(block)
        total += work
        if total > MAX_NOTE_WORK:
            return CostlyNote(start + opening, what, total) if work >= angles else CostlyNote(angle, "'<'", total)
    return CostlyNote(angle, "'<'", total) if total > MAX_NOTE_WORK else None


def _angle_work(text: str) -> tuple[int, int]:
    """From every `<` that may open a tag (`<a`, `</`, `<!`, `<?`), the converter's HTML parser reads on to the next
    `>`, across paragraphs; returns that work and where the first tag left open starts."""
    ends = [found.start() for found in re.finditer(">", text)]
    work, first, end_index = 0, -1, 0
    for found in _TAG_OPENING.finditer(text):
        opening = found.start()
        while end_index < len(ends) and ends[end_index] < opening:
            end_index += 1
        end = ends[end_index] if end_index < len(ends) else len(text)
        work += end - opening
        if first < 0 and end - opening > _SHORT_TAG:
            first = opening
    return work, max(first, 0)


_TAG_OPENING = re.compile(r"<[A-Za-z/!?]")
_SHORT_TAG = 200
"""A tag longer than this is where the work starts when a note is refused."""


def _blocks(text: str) -> list[tuple[int, str]]:
    """The note's paragraphs (runs of lines between blank lines) with their offsets; fenced code is left out, since
    the converter reads no links in it."""
    blocks: list[tuple[int, str]] = []
    offset, start = 0, 0
    lines: list[str] = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
        elif opened:
            fence = opened.group(1)
        elif line.strip():
            if not lines:
                start = offset
            lines.append(line)
            offset += len(line)
            continue
        if lines:
            blocks.append((start, "".join(lines)))
            lines = []
        offset += len(line)
    if lines:
        blocks.append((start, "".join(lines)))
    return blocks


def _block_work(block: str) -> tuple[int, int, str]:
    """The characters read again from the `[` and `](` of one paragraph (the link processor stops at its end), and
    the first of them left without its end."""
    work = 0
    brackets: list[int] = []  # `[`, nested
    parentheses: list[int] = []  # `(` of a link's address, from `](`, nested
    position, length = 0, len(block)
    while position < length:
        character = block[position]
        if character == "\\":
            position += 2  # an escaped character is text
            continue
        if character == "[":
            brackets.append(position)
        elif character == "]" and brackets:
            work += position - brackets.pop()
        elif character == "(" and (parentheses or (position and block[position - 1] == "]")):
            parentheses.append(position)
        elif character == ")" and parentheses:
            work += position - parentheses.pop()
        position += 1
    left = [(opening, what) for stack, what in ((brackets, "'['"), (parentheses, "'('")) for opening in stack]
    work += sum(length - opening for opening, _ in left)
    first, what = min(left) if left else (0, "'[' or '('")
    return work, first, what
