"""'Did you mean …?' for unknown keys and ids: most typos are one or two letters away from a real name."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(word: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The closest candidates, best first; a candidate that merely contains the word also counts."""
    pool = sorted(set(candidates))
    close = difflib.get_close_matches(word, pool, n=limit, cutoff=0.6)
    lowered = word.lower()
    containing = [c for c in pool if lowered and (lowered in c or c in lowered) and c not in close]
    return (close + containing)[:limit]


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
