"""Near-miss lookup: which glossary words are one edit away from a token, without scanning them.

A pigeonhole index: a word of length n is findable by its first half and by its second
half (with n). One edit (substitution, insertion, deletion, or transposition of adjacent
letters: Damerau-Levenshtein distance 1) leaves one half intact, so a token of length L finds
every such word with seven dict probes (lengths L-1, L, L+1, both halves, plus the prefix
with the two middle letters swapped back for a transposition across the halves), whatever
the size of the glossary (a bisection each). Each candidate is then confirmed with
``one_edit``. Building is two sorts, against ``len(word) + 1`` keys per word for a SymSpell
deletion index: 50,000 terms compile in a fraction of a second.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from operator import itemgetter, methodcaller

from tmqa.terms.normalize import deaccent

MIN_WORD = 5  # glossary words shorter than this never get near-misses ("Azure" vs "azur")
MIN_TOKEN = 4  # inside a multi-word term, "Bord" may still stand for "Board"


def one_edit(a: str, b: str) -> tuple[str, int] | None:
    """The single edit turning word ``b`` into token ``a``, as ``(kind, position in a)``.

    ``kind`` is ``sub``, ``swap`` (adjacent transposition), ``extra`` (``a`` has one more
    character) or ``missing`` (``a`` lacks one); None when the distance is not exactly 1.
    """
    la, lb = len(a), len(b)
    n = min(la, lb)
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    if la == lb:
        if i == la:
            return None
        if a[i + 1 :] == b[i + 1 :]:
            return ("sub", i)
        if i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]:
            return ("swap", i)
        return None
    if la == lb + 1:
        return ("extra", i) if a[i + 1 :] == b[i:] else None
    if lb == la + 1:
        return ("missing", i) if a[i:] == b[i + 1 :] else None
    return None


def plausible_typo(surface: str, token: str, word: str, edit: tuple[str, int]) -> bool:
    """Whether a one-edit difference is a likely misspelling rather than another word form.

    Each exclusion is a false alarm seen on real text:
    - digits: "COVID-20", "H5N1" for "H1N1" are other things, not typos;
    - hyphens and apostrophes: "non-governmental" / "nongovernmental" are spelling variants;
    - a letter added or dropped at either end: "quarantined" for "quarantine", "fédéral"
      for "fédérale", "symptomatic" for "asymptomatic" are inflections or other words;
    - an unaccented capital: French may drop accents on capitals ("Etat" for "État").
    """
    kind, i = edit
    if kind == "sub":
        ca, cb = token[i], word[i]
        if not (ca.isalpha() and cb.isalpha()):
            return False
        if deaccent(ca) == deaccent(cb):
            return not (len(surface) == len(token) and surface[i].isupper())
        return True
    if kind == "swap":
        return token[i].isalpha() and token[i + 1].isalpha()
    if kind == "extra":
        return 0 < i < len(token) - 1 and token[i].isalpha()
    # missing: the token lacks word[i]
    return 0 < i < len(token) and word[i].isalpha()


class NearIndex:
    """Glossary words of one language, findable by any token one edit away from them.

    The sorted lists are built on the first lookups that would pay for them: until then a
    lookup runs one pattern over the (unsorted) words of each of the three lengths it needs
    and sorts the few it finds, which gives the same words in the same order. A large
    glossary checked against a memory with a handful of unknown words never sorts its
    100,000 words.
    """

    __slots__ = ("_by_length", "_halves", "_lines", "_plans", "_prefix", "_scans", "_suffix")

    def __init__(self, words: Iterable[str]) -> None:
        # The words by length, in C: sorted by length, then cut where the length changes.
        ordered = sorted(words, key=len)
        lengths = list(map(len, ordered))
        by_length: dict[int, list[str]] = {}
        at = bisect_left(lengths, MIN_WORD)
        while at < len(ordered):
            n = lengths[at]
            end = bisect_right(lengths, n, at)
            by_length[n] = ordered[at:end]
            at = end
        self._by_length = by_length
        # Per length, the set of first halves and the set of second halves of its words, for
        # ``near`` to settle in a few set tests (in C) the tokens with no word one edit away:
        # nearly all of them. Built per length on first use.
        self._halves: dict[int, tuple[int, frozenset[str], frozenset[str]]] = {}
        # Per token length, what ``maybe`` tests (see ``_plan``).
        self._plans: dict[
            int, tuple[tuple[int, int, frozenset[str], frozenset[str], bool], ...]
        ] = {}
        self._lines: dict[int, str] = {}
        self._prefix: dict[int, list[str]] = {}
        self._suffix: dict[int, list[str]] = {}
        self._scans = _SCANS if len(ordered) >= _SORT_LATER else 0
        if not self._scans:
            self._sort()  # a small glossary: sorting costs less than one pattern

    def _sort(self) -> None:
        # Per length, the words sorted, and the reversed words sorted: a half-word lookup is a
        # bisection and a short scan. Building is a few sorts, no per-word dict work.
        self._prefix = {n: sorted(ws) for n, ws in self._by_length.items()}
        self._suffix = {n: sorted(map(_REVERSED, ws)) for n, ws in self._by_length.items()}

    def near(self, token: str) -> list[tuple[str, tuple[str, int]]]:
        """Glossary words at distance exactly 1 from ``token``, with the edit."""
        if not self.maybe(token):
            return []
        if self._scans:
            self._scans -= 1
            if not self._scans:
                self._sort()
                self._lines = {}
        size = len(token)
        found: set[str] = set()
        sorted_ = not self._scans
        for n in (size - 1, size, size + 1):
            bucket = self._by_length.get(n)
            if bucket is None:
                continue
            h = n >> 1
            prefix = token[:h]
            suffix = token[size - (n - h) :]
            swapped = token[: h - 1] + token[h] if n == size and 0 < h < size else None
            if sorted_:
                words = self._prefix[n]
                found.update(_scan(words, prefix))
                found.update(map(_REVERSED, _scan(self._suffix[n], suffix[::-1])))
                if swapped is not None:
                    found.update(_scan(words, swapped))
            else:
                # One pattern over the words of that length, one a line; then the same words
                # in the same order as the sorted lists give them.
                text = self._lines.get(n)
                if text is None:
                    text = self._lines[n] = "\n".join(bucket)
                either = [re.escape(prefix) + "[^\n]*", "[^\n]*" + re.escape(suffix)]
                if swapped is not None:
                    either.append(re.escape(swapped) + "[^\n]*")
                lines = re.findall(f"(?m)^(?:{'|'.join(either)})$", text)
                found.update(sorted(filter(methodcaller("startswith", prefix), lines)))
                found.update(sorted(filter(methodcaller("endswith", suffix), lines), key=_REVERSED))
                if swapped is not None:
                    found.update(sorted(filter(methodcaller("startswith", swapped), lines)))
        out: list[tuple[str, tuple[str, int]]] = []
        # Sorted: set order follows the string hash seed, and the first candidate is the one
        # reported, so an unsorted walk would name a different term from one run to the next.
        for w in sorted(found):
            edit = one_edit(token, w)
            if edit is not None:
                out.append((w, edit))
        return out

    def maybe(self, token: str) -> bool:
        """Whether some word of length ``len(token) - 1 .. + 1`` shares with ``token`` the half
        ``near`` looks it up by: without one, ``near`` finds nothing."""
        plan = self._plans.get(len(token))
        if plan is None:
            plan = self._plan(len(token))
        for h, tail, firsts, seconds, same in plan:
            if token[:h] in firsts or token[tail:] in seconds:
                return True
            if same and token[: h - 1] + token[h] in firsts:
                return True  # h < size: words are at least MIN_WORD long
        return False

    def _plan(self, size: int) -> tuple[tuple[int, int, frozenset[str], frozenset[str], bool], ...]:
        """For tokens of ``size`` characters, per word length ``size - 1 .. + 1`` that the
        glossary has: the length of the first half, where the second half starts in the
        token, both sets of halves, and whether the words are as long as the token. Most
        tokens of a text are tested once, on first sight: this is computed once per length."""
        plan = []
        for n in (size - 1, size, size + 1):
            if n in self._by_length:
                h, firsts, seconds = self._halves.get(n) or self._halves_of(n)
                plan.append((h, size - (n - h), firsts, seconds, n == size))
        out = self._plans[size] = tuple(plan)
        return out

    def _halves_of(self, n: int) -> tuple[int, frozenset[str], frozenset[str]]:
        bucket = self._by_length[n]
        h = n >> 1
        entry = self._halves[n] = (
            h,
            frozenset(map(itemgetter(slice(None, h)), bucket)),
            frozenset(map(itemgetter(slice(h, None)), bucket)),
        )
        return entry


_SCANS = 16  # lookups by filtering before the lists are sorted (one lookup filters ~3 lengths)
_SORT_LATER = 20_000  # words: fewer are sorted at once
_REVERSED = itemgetter(slice(None, None, -1))


def _scan(words: list[str], prefix: str) -> list[str]:
    """The words of the sorted list ``words`` that start with ``prefix``."""
    out: list[str] = []
    i = bisect_left(words, prefix)
    while i < len(words) and words[i].startswith(prefix):
        out.append(words[i])
        i += 1
    return out
