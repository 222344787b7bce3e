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
    cost. Offsets are found left to right with ``str.find``, only as far as asked: a hit
    needs the offsets of its tokens and of those before it, never of the rest.
    """

    __slots__ = ("_pos", "_scan", "_spans", "keys", "norm")

    def __init__(self, text: str) -> None:
        norm = _normalize(text)
        low = norm.lower()
        spans: list[tuple[int, int]] = []
        if len(low) == len(norm) and (text.isascii() or unicodedata.is_normalized("NFC", text)):
            pieces = low.split()
            plain = list(map(str.isalpha, pieces))
            if all(plain):
                keys = pieces
            else:
                # Only the pieces that are not plain words go through the pattern.
                findall = _TOKEN.findall
                keys = []
                at = 0
                for _ in range(plain.count(False)):
                    other = plain.index(False, at)
                    keys += pieces[at:other]
                    keys += findall(pieces[other])
                    at = other + 1
                keys += pieces[at:]
            # Keys are the very characters of ``low``, with only whitespace between them.
            self._scan: str | None = low
        else:
            # A few characters grow when lower-cased ("İ"): offsets are on the original; text
            # not in NFC gets NFC keys. Both are rare: all offsets now, with the pattern.
            self._scan = None
            keys = []
            for m in _TOKEN.finditer(norm):
                keys.append(m.group().lower())
                spans.append(m.span())
            if not text.isascii() and not unicodedata.is_normalized("NFC", text):
                keys = [unicodedata.normalize("NFC", k) for k in keys]
        self.norm = norm
        self.keys = keys
        self._spans = spans
        self._pos = 0

    def __len__(self) -> int:
        return len(self.keys)

    def at(self, i: int) -> tuple[int, int]:
        """Character offsets ``(start, end)`` of token ``i``."""
        spans = self._spans
        if i < len(spans):
            return spans[i]
        scan = self._scan
        if scan is None:  # every offset is known on the other path
            raise IndexError(i)
        find = scan.find
        keys = self.keys
        pos = self._pos
        for k in range(len(spans), i + 1):
            key = keys[k]
            # Only whitespace lies between tokens: the next occurrence is the token itself.
            start = find(key, pos)
            pos = start + len(key)
            spans.append((start, pos))
        self._pos = pos
        return spans[i]

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Character offsets ``(start, end)`` of every token."""
        if len(self._spans) < len(self.keys):
            self.at(len(self.keys) - 1)
        return self._spans

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Character offsets of tokens ``i`` to ``j - 1``."""
        return (self.at(i)[0], self.at(j - 1)[1])

    def surface(self, i: int) -> str:
        """Token ``i`` as written (apostrophes normalised, case kept)."""
        s, e = self.at(i)
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
