"""The code blocks of the user guide (docs/guide/), so tests can run and compare exactly what it tells users."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "guide"

_FENCE = re.compile(
    r'^```(?P<language>[\w-]*)(?: title="(?P<title>[^"]+)")?\n(?P<text>.*?)^```$', re.MULTILINE | re.DOTALL
)


@dataclass(frozen=True)
class Block:
    language: str
    title: str | None
    text: str


def code_blocks(page: str) -> list[Block]:
    """Every fenced block of `docs/guide/<page>`, in order, with its language and its `title="…"`."""
    markdown = (GUIDE / page).read_text(encoding="utf-8")
    return [Block(m["language"], m["title"], m["text"]) for m in _FENCE.finditer(markdown)]


def titled(page: str, title: str) -> str:
    """The text of the block of `page` titled `title` (a file name the guide tells users to write)."""
    matches = [block.text for block in code_blocks(page) if block.title == title]
    assert len(matches) == 1, f"docs/guide/{page} should show exactly one block titled {title!r}"
    return matches[0]


def commands(page: str, program: str) -> list[str]:
    """The lines of the page's bash blocks that run `program`, without trailing comments."""
    lines = []
    for block in code_blocks(page):
        if block.language == "bash":
            for line in block.text.splitlines():
                if line.split(" ", 1)[0] == program:
                    lines.append(re.sub(r"\s+#.*$", "", line).strip())
    return lines
