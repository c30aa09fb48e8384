"""'Did you mean …?' for unknown keys and ids: most typos are one or two letters away from a real name.

Comparing every unknown id with every known one grows with the product of the two (2,000 unknown ids among 2,000
known ones took 90 s), so known names are indexed once (`Names`) by their three-letter pieces, and each unknown word
is compared in full only with the few names that share the most pieces with it, found by looking at its rarest
pieces first, within a fixed budget. Small lists (every list of keys or allowed values, most lists of ids) are
compared in full, as before.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable

COMPARED_IN_FULL = 64
"""Up to this many known names, every one is compared with the unknown word."""
CANDIDATES = 8
"""Past that, the unknown word is compared in full with at most this many names: those sharing the most pieces."""
SCAN_BUDGET = 4096
"""How many index entries one unknown word may look at to find them (its rarest pieces first)."""


class Names:
    """Known names, indexed once for many 'did you mean' questions."""

    def __init__(self, candidates: Iterable[str]) -> None:
        self.pool = sorted(set(candidates))
        self._by_form: dict[str, list[str]] = {}
        for candidate in self.pool:
            self._by_form.setdefault(_form(candidate), []).append(candidate)
        self._forms = list(self._by_form)  # sorted, since the pool is
        self._index: dict[str, list[int]] = {}
        if len(self._forms) > COMPARED_IN_FULL:
            for position, form in enumerate(self._forms):
                for piece in set(_pieces(form)):
                    self._index.setdefault(piece, []).append(position)

    def nearest(self, word: str, limit: int = 3, cutoff: float = 0.6, *, containing: bool = True) -> list[str]:
        """The closest candidates, best first: those at least `cutoff` alike (difflib's ratio).

        Case, spaces and underscores are ignored ('Sales Call' finds 'sales-call' first), and (with `containing`) a
        candidate that contains the word, or is contained in it, also counts when both are at least three letters long.
        """
        form = _form(word)
        forms = self._forms if not self._index else self._likely(form)
        close = difflib.get_close_matches(form, forms, n=limit, cutoff=cutoff)
        within = [
            other
            for other in forms
            if containing
            and len(form) >= 3
            and len(other) >= 3
            and (form in other or other in form)
            and other not in close
        ]
        found = [candidate for match in close + within for candidate in self._by_form[match]]
        return found[:limit]

    def did_you_mean(self, word: str, *, kind: str = "") -> str:
        """A hint sentence: 'did you mean …?' or, failing that, the list of what is known."""
        matches = self.nearest(word)
        if matches:
            return "did you mean " + " or ".join(f"'{m}'" for m in matches) + "?"
        if not self.pool:
            return f"no {kind or 'names'} are defined yet"
        shown = ", ".join(self.pool[:12]) + (", …" if len(self.pool) > 12 else "")
        return f"known {kind or 'names'}: {shown}"

    def _likely(self, form: str) -> list[str]:
        """The forms sharing the most pieces with `form`, in the index's (alphabetical) order: its rarest pieces are
        looked up first, and no more than `SCAN_BUDGET` entries in all."""
        shared: Counter[int] = Counter()
        budget = SCAN_BUDGET
        for postings in sorted((self._index.get(piece, []) for piece in set(_pieces(form))), key=len):
            if budget <= 0:
                break
            shared.update(postings[:budget])
            budget -= len(postings)
        best = shared.most_common(CANDIDATES)  # ties: those found by the rarest pieces first
        return [self._forms[position] for position, _ in sorted(best)]


def did_you_mean(word: str, candidates: Iterable[str], *, kind: str = "") -> str:
    """A hint sentence for one word: 'did you mean …?' or the list of what is known (see `Names` for many words)."""
    return Names(candidates).did_you_mean(word, kind=kind)


def _form(name: str) -> str:
    return re.sub(r"[\s_]+", "-", name.strip().lower())


def _pieces(form: str) -> list[str]:
    """The three-letter pieces of a form, with its start and end marked: 'ab' → '^ab', 'ab$'."""
    marked = f"^{form}$"
    return [marked[start : start + 3] for start in range(max(1, len(marked) - 2))]
