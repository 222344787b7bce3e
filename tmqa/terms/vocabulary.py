"""The words of one side's glossary terms, read in bulk: a 50,000-entry glossary at every run."""

from __future__ import annotations

import re
import unicodedata
from itertools import compress, filterfalse
from operator import ne

from tmqa.terms.normalize import TOKEN, normalize_text, term_tokens

_ASCII_DIGIT = re.compile(r"[0-9]")
# The first whitespace-separated piece of each line ("" for a line without one).
_FIRST_PIECE = re.compile(r"^[^\S\n]*(\S*)", re.MULTILINE)


class Vocabulary:
    """What the matcher needs before the first segment, for terms ``texts``:

    - ``words``: every key (lower-cased token) of every term;
    - ``written(key)``: the ways the terms write a key (most only as itself);
    - ``firsts`` and ``terms_of``: the positions in ``texts`` of the terms each first key
      starts, in order;
    - ``size``: the number of terms that have a token; ``longest``: the most tokens of one.

    Tokens and keys are exactly ``term_tokens``'s, computed on the joined texts: NFC and the
    apostrophe folding distribute over a join on newlines (a newline is a starter that
    composes with nothing), tokens never span whitespace, and a whitespace-separated piece
    without a character outside words is one token; only the few terms with such a
    character ("d'immigration", "sans-papiers") are run through the pattern.
    """

    __slots__ = (
        "_following",
        "_longest",
        "_low",
        "_places",
        "_several",
        "_texts",
        "_written",
        "digits",
        "firsts",
        "size",
        "words",
    )

    def __init__(self, texts: list[str]) -> None:
        self.words: set[str] = set()
        self.digits = False  # whether a word has an ASCII digit
        self.size = 0
        # First key -> its first term, as an index for ``terms_of``.
        self.firsts: dict[str, int] = {}
        self._places: list[int] | range = []
        self._following: list[int] | None = None
        self._written: dict[str, tuple[str, ...]] | None = None
        self._several: set[str] = set()  # the keys that ``written`` has
        self._longest = -1
        self._low = ""  # for ``longest``: the lower-cased texts, one a line
        self._texts = texts
        joined = "\n".join(texts)
        if not joined.isascii():
            joined = normalize_text(unicodedata.normalize("NFC", joined))
        low = joined.lower()
        if (
            joined.count("\n") != len(texts) - 1  # a term with a line break
            or len(low) != len(joined)  # "İ" grows: lower-case token by token
            or "\u03a3" in joined  # the final sigma depends on what follows
            or not self._bulk(joined, low, len(texts))
        ):
            self._one_by_one(texts)

    def _bulk(self, joined: str, low: str, count: int) -> bool:
        # Lower-casing the joined texts lower-cases each token alike (one character to one,
        # no context) and keeps every character's class, hence the same token boundaries.
        firsts = _FIRST_PIECE.findall(low)
        if len(firsts) != count:
            return False
        words = set(low.split())
        # A piece of letters and digits is one token; the others ("d'immigration", "(ue)")
        # are split into theirs.
        odd = list(filterfalse(str.isalnum, words))
        if odd:
            words.difference_update(odd)
            tokens_of = {piece: TOKEN.findall(piece) for piece in odd}
            for tokens in tokens_of.values():
                words.update(tokens)
            for n in compress(range(count), map(tokens_of.__contains__, firsts)):
                firsts[n] = tokens_of[firsts[n]][0]
        self.words = words
        self.digits = any(digit in low for digit in "0123456789")
        if low != joined:
            # The keys some term writes with a capital (few): ``written`` lists their ways.
            # Compared a few thousand characters at a time: most terms are in lower case.
            several = self._several
            size = len(joined)
            start = 0
            while start < size:
                end = joined.find("\n", start + 4096)
                if end < 0:
                    end = size
                if joined[start:end] != low[start:end]:
                    for text, lowered in zip(
                        joined[start:end].split("\n"), low[start:end].split("\n"), strict=True
                    ):
                        if text != lowered:
                            several.update(s.lower() for s in TOKEN.findall(text) if s.lower() != s)
                start = end + 1
        self._low = low
        self._starts(firsts)
        return True

    def written(self, key: str) -> tuple[str, ...]:
        """The ways the terms write the key ``key`` (empty if it is not a glossary word)."""
        if key not in self._several:
            return (key,) if key in self.words else ()
        if self._written is None:
            # Rare (a plural of a capitalised glossary word): every way of those keys, once.
            several = self._several
            written: dict[str, set[str]] = {}
            for text in self._texts:
                keys, surfaces = term_tokens(text)
                for k, w in zip(keys, surfaces, strict=True):
                    if k in several:
                        written.setdefault(k, set()).add(w)
            self._written = {k: tuple(ws) for k, ws in written.items()}
        return self._written.get(key, ())

    @property
    def longest(self) -> int:
        """The largest number of tokens of a term (computed on first use)."""
        if self._longest < 0:
            self._longest = max(map(len, map(TOKEN.findall, self._low.split("\n"))), default=0)
            self._low = ""
        return self._longest

    def _starts(self, firsts: list[str]) -> None:
        if all(firsts):  # every term has a token (most glossaries)
            places: list[int] | range = range(len(firsts))
            keys = firsts
        else:
            has = list(map(bool, firsts))
            places = list(compress(range(len(firsts)), has))
            keys = list(compress(firsts, has))
        self.size = len(keys)
        self._places = places
        heads = dict(zip(reversed(keys), reversed(range(len(keys))), strict=True))
        if len(heads) < len(keys):
            # First words shared by several terms: each term links to the next with the same
            # first word (one list of ints, no object per word for the garbage collector).
            count = len(keys)
            # The terms whose first word an earlier term has, then all terms of those words.
            later = compress(keys, map(ne, map(heads.__getitem__, keys), range(count)))
            shared = set(later)
            following = [-1] * count
            last: dict[str, int] = {}
            for n in reversed(list(compress(range(count), map(shared.__contains__, keys)))):
                key = keys[n]
                following[n] = last.get(key, -1)
                last[key] = n
            self._following = following
        self.firsts = heads

    def terms_of(self, head: int) -> list[int]:
        """The positions in ``texts`` of the terms of a first word, from ``firsts[word]``."""
        out = [self._places[head]]
        following = self._following
        if following is not None:
            head = following[head]
            while head >= 0:
                out.append(self._places[head])
                head = following[head]
        return out

    def _one_by_one(self, texts: list[str]) -> None:
        firsts: list[str] = []
        words: set[str] = set()
        longest = 0
        for text in texts:
            keys, surfaces = term_tokens(text)
            firsts.append(keys[0] if keys else "")
            words.update(keys)
            self._several.update(k for k, w in zip(keys, surfaces, strict=True) if k != w)
            longest = max(longest, len(keys))
        self.words = words
        self.digits = any(map(_ASCII_DIGIT.search, words))
        self._longest = longest
        self._starts(firsts)
