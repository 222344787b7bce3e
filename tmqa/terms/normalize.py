"""Tokenizing and folding text for term matching: one tokenization per segment, offsets kept."""

from __future__ import annotations

import re
import unicodedata

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


def _normalize(text: str) -> str:
    # str.translate costs ~20 µs on a non-ASCII sentence; a few `in` tests cost nothing.
    if text.isascii():
        return text
    for ch, rep in _SPECIALS:
        if ch in text:
            text = text.replace(ch, rep)
    return text


class Tokens:
    """The tokens of one text: ``keys`` (lower-cased, normalised), spans computed on demand.

    Splitting on whitespace first and running the token pattern only on the pieces that are
    not plain words gives the same tokens as the pattern on the whole text, at half the
    cost; character offsets are only needed for the few units that have hits or near-misses.
    """

    __slots__ = ("_scan", "_spans", "keys", "norm")

    def __init__(self, text: str) -> None:
        norm = _normalize(text)
        low = norm.lower()
        findall = _TOKEN.findall
        keys: list[str] = []
        if len(low) == len(norm):
            self._scan = low
            for piece in low.split():
                if piece.isalpha():
                    keys.append(piece)
                else:
                    keys.extend(findall(piece))
        else:
            # A few characters grow when lower-cased ("İ"); keep offsets on the original.
            self._scan = norm
            keys = [k.lower() for k in findall(norm)]
        if not text.isascii() and not unicodedata.is_normalized("NFC", text):
            keys = [unicodedata.normalize("NFC", k) for k in keys]
        self.norm = norm
        self.keys = keys
        self._spans: list[tuple[int, int]] | None = None

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Character offsets ``(start, end)`` of each token, computed on first use."""
        spans = self._spans
        if spans is None:
            spans = self._spans = [m.span() for m in _TOKEN.finditer(self._scan)]
        return spans

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Character offsets of tokens ``i`` to ``j - 1``."""
        spans = self.spans
        return (spans[i][0], spans[j - 1][1])

    def surface(self, i: int) -> str:
        """Token ``i`` as written (apostrophes normalised, case kept)."""
        s, e = self.spans[i]
        return self.norm[s:e]


def term_tokens(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A glossary term's keys and surfaces, tokenized exactly as segments are."""
    if not text.isascii():
        text = _normalize(unicodedata.normalize("NFC", text))
    surfaces = tuple(_TOKEN.findall(text))
    return tuple(s.lower() for s in surfaces), surfaces


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
