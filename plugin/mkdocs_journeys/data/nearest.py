"""'Did you mean …?' for unknown keys and ids: most typos are one or two letters away from a real name."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable


def nearest(word: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The closest candidates, best first.

    Case, spaces and underscores are ignored ('Sales Call' finds 'sales-call' first), and a candidate that contains
    the word, or is contained in it, also counts when both are at least three letters long.
    """
    by_form: dict[str, list[str]] = {}
    for candidate in sorted(set(candidates)):
        by_form.setdefault(_form(candidate), []).append(candidate)
    form = _form(word)
    close = difflib.get_close_matches(form, list(by_form), n=limit, cutoff=0.6)
    containing = [
        other
        for other in by_form
        if len(form) >= 3 and len(other) >= 3 and (form in other or other in form) and other not in close
    ]
    found = [candidate for match in close + containing for candidate in by_form[match]]
    return found[:limit]


def _form(name: str) -> str:
    return re.sub(r"[\s_]+", "-", name.strip().lower())


def did_you_mean(word: str, candidates: Iterable[str], *, kind: str = "") -> str:
    """A hint sentence: 'did you mean …?' or, failing that, the list of what is known."""
    pool = sorted(set(candidates))
    matches = nearest(word, pool)
    if matches:
        return "did you mean " + " or ".join(f"'{m}'" for m in matches) + "?"
    if not pool:
        return f"no {kind or 'names'} are defined yet"
    shown = ", ".join(pool[:12]) + (", …" if len(pool) > 12 else "")
    return f"known {kind or 'names'}: {shown}"
