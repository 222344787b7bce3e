"""Tokenizing and folding text for term matching: one tokenization per segment, offsets kept."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from itertools import accumulate, chain
from operator import add

# Typographic apostrophes and look-alikes are the same character for matching
# ("l’Union" = "l'Union"); non-breaking hyphens are hyphens. Every mapping is one
# character to one character, so offsets in the normalised text are the original's.
_SPECIALS = (
    ("\u2019", "'"),
    ("\u2018", "'"),
    ("\u02bc", "'"),
    ("\u2032", "'"),
    ("\uff07", "'"),
    ("\u2010", "-"),
    ("\u2011", "-"),
)
_TRANSLATE = str.maketrans(dict(_SPECIALS))

# A word is a run of word characters (plus combining accents, for text not in NFC),
# hyphenated compounds included: "sans-papiers" and "COVID-19" are one word, so "papiers"
# never matches inside "sans-papiers". Any other non-space character is a token of its own
# (apostrophes, brackets, "&"), which lets "l'Union" match "l’Union" and "Union" match
# inside "l'Union". Whitespace of any kind (U+00A0, U+202F included) only separates.
_TOKEN = re.compile(r"[\w\u0300-\u036f]+(?:-[\w\u0300-\u036f]+)*|[^\w\s]")
TOKEN = _TOKEN  # for the glossary readers of this package


def normalize_text(text: str) -> str:
    """Apostrophe look-alikes to "'", non-breaking hyphens to "-" (offsets unchanged)."""
    return _normalize(text)


def _normalize(text: str) -> str:
    # str.translate costs ~20 µs on a non-ASCII sentence; a few `in` tests cost nothing.
    if text.isascii():
        return text
    for ch, rep in _SPECIALS:
        if ch in text:
            text = text.replace(ch, rep)
    return text


def piece_keys(piece: str) -> list[str]:
    """The keys of one whitespace-free piece of lower-cased text, in a text in NFC whose
    lower-case form is as long as itself: tokens never contain whitespace, and lower-casing
    and the apostrophe and hyphen folding are one character to one character and commute,
    so each piece of such a text tokenizes on its own."""
    return _TOKEN.findall(_normalize(piece))


class Tokens:
    """The tokens of one text: ``keys`` (lower-cased, normalised), offsets on demand.

    Splitting on whitespace first and running the token pattern only on the pieces that are
    not plain words gives the same tokens as the pattern on the whole text, at half the
    cost. Offsets are only needed for the texts with a hit: they are then the running sums
    of the token lengths plus one per whitespace gap before the token (computed in C), when
    every gap is one character (most text); else they are found left to right.
    """

    __slots__ = ("_ends", "_glued", "_low", "_pos", "_starts", "keys", "norm")

    def __init__(self, text: str) -> None:
        norm = _normalize(text)
        low = norm.lower()
        keys: list[str] = []
        # Tokens that do not start a whitespace-separated piece ("," in "dollars,").
        glued: list[int] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        if len(low) == len(norm) and (text.isascii() or unicodedata.is_normalized("NFC", text)):
            findall = _TOKEN.findall
            for piece in low.split():
                if piece.isalpha():
                    keys.append(piece)
                else:
                    found = findall(piece)
                    if len(found) > 1:
                        n = len(keys)
                        glued += range(n + 1, n + len(found))
                    keys += found
            # Keys are the very characters of ``low``, with only whitespace between them.
            self._low: str | None = low
        else:
            # A few characters grow when lower-cased ("İ"): offsets are on the original; text
            # not in NFC gets NFC keys. Both are rare: all offsets now, with the pattern.
            self._low = None
            for m in _TOKEN.finditer(norm):
                keys.append(m.group().lower())
                self._starts.append(m.start())
                self._ends.append(m.end())
            if not text.isascii() and not unicodedata.is_normalized("NFC", text):
                keys = [unicodedata.normalize("NFC", k) for k in keys]
        self.norm = norm
        self.keys = keys
        self._glued = glued
        self._pos = 0

    def __len__(self) -> int:
        return len(self.keys)

    def at(self, i: int) -> tuple[int, int]:
        """Character offsets ``(start, end)`` of token ``i``."""
        if i < len(self._starts):
            return (self._starts[i], self._ends[i])
        return self._offsets(i)

    def _offsets(self, i: int) -> tuple[int, int]:
        low = self._low
        if low is None:  # every offset is known on the other path
            raise IndexError(i)
        keys = self.keys
        n = len(keys)
        starts = self._starts
        if not starts:
            lengths = list(map(len, keys))
            pieces = n - len(self._glued)
            if (
                n
                and len(low) == sum(lengths) + pieces - 1
                and not low[0].isspace()
                and not low[-1].isspace()
            ):
                # One whitespace character between pieces: a token starts after the lengths
                # of the tokens before it and one character per piece before its own.
                gaps = [1] * n
                for g in self._glued:  # few: punctuation stuck to a word
                    gaps[g] = 0
                gaps[0] = 0
                starts = list(map(add, accumulate(lengths, initial=0), accumulate(gaps)))
                self._starts = starts
                self._ends = list(map(add, starts, lengths))
                return (starts[i], self._ends[i])
        # Irregular whitespace: find the tokens left to right, as far as asked.
        find = low.find
        ends = self._ends
        pos = self._pos
        for k in range(len(starts), i + 1):
            key = keys[k]
            # Only whitespace lies between tokens: the next occurrence is the token itself.
            start = find(key, pos)
            pos = start + len(key)
            starts.append(start)
            ends.append(pos)
        self._pos = pos
        return (starts[i], ends[i])

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Character offsets ``(start, end)`` of every token."""
        if self.keys:
            self.at(len(self.keys) - 1)
        return list(zip(self._starts, self._ends, strict=True))

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Character offsets of tokens ``i`` to ``j - 1``."""
        if j - 1 >= len(self._starts):
            self._offsets(j - 1)
        return (self._starts[i], self._ends[j - 1])

    def surface(self, i: int) -> str:
        """Token ``i`` as written (apostrophes normalised, case kept)."""
        if i >= len(self._starts):
            self._offsets(i)
        return self.norm[self._starts[i] : self._ends[i]]


def term_tokens(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A glossary term's keys and surfaces, tokenized exactly as segments are."""
    if not text.isascii():
        text = _normalize(unicodedata.normalize("NFC", text))
    pieces = text.split()
    # Plain words need no pattern (a 50,000-entry glossary is tokenized at every run).
    surfaces = tuple(pieces) if all(map(str.isalpha, pieces)) else tuple(_TOKEN.findall(text))
    return tuple(map(str.lower, surfaces)), surfaces


def terms_surfaces(texts: list[str]) -> list[list[str]]:
    """The surfaces ``term_tokens`` gives for each text, for a whole glossary at once.

    NFC and the apostrophe folding distribute over a join on newlines (a newline is a
    starter that composes with nothing), and tokens never span whitespace: one normalisation
    of the joined texts, then each term's whitespace-separated pieces, all in C; a piece of
    letters and digits only is one token, the pattern is run on the few terms with others.
    """
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:  # a term with a line break: one at a time
        return [list(term_tokens(text)[1]) for text in texts]
    if not joined.isascii():
        joined = _normalize(unicodedata.normalize("NFC", joined))
    lines = joined.split("\n") if texts else []
    pieces_of = list(map(str.split, lines))
    pieces = list(chain.from_iterable(pieces_of))
    plain = list(map(str.isalnum, pieces))
    if not all(plain):
        ends = list(accumulate(map(len, pieces_of)))
        at = -1
        for _ in range(plain.count(False)):
            at = plain.index(False, at + 1)
            line = bisect_right(ends, at)
            pieces_of[line] = _TOKEN.findall(lines[line])
    return pieces_of


def normalized(text: str) -> str:
    """A term's text for identity comparisons: NFC, apostrophes unified, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_TRANSLATE).split())


def is_case_sensitive(text: str) -> bool:
    """True for terms whose case is meaningful: an upper-case letter after the first
    character (``LinkedIn``, ``Homeland Security``) or all capitals (``ICE``, ``GDPR``)."""
    if text.isupper():
        return True
    rest = text[1:]
    return rest != rest.lower()


def is_word(key: str) -> bool:
    """True for word tokens (not punctuation)."""
    return key[0].isalnum() or key[0] == "_" or len(key) > 1


def is_camel(word: str) -> bool:
    """``LinkedIn``, ``iPhone``, ``ProPublica``: mixed case inside the word, not all capitals."""
    letters = [c for c in word if c.isalpha()]
    return (
        len(letters) > 1
        and any(c.isupper() for c in word[1:])
        and not all(c.isupper() for c in letters)
    )


def is_all_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def deaccent(text: str) -> str:
    """Strip combining accents: ``Détention`` -> ``Detention``."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def same_case(surface: str, word: str, first: bool) -> bool:
    """``surface`` is ``word`` as written, except that the first letter of a term may be
    capitalised at the start of a sentence (``iPhone`` -> ``IPhone`` is allowed there)."""
    if surface == word:
        return True
    return (
        first
        and len(surface) == len(word)
        and surface[1:] == word[1:]
        and surface[:1] == word[:1].upper()
    )
