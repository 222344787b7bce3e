"""Cache keys that ignore the words of a text that can play no part in its term results."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from tmqa.terms.normalize import piece_keys

_PIECES = re.compile(r"(\S+)")  # whitespace-separated pieces, and the whitespace between
MASK = "\x00"  # stands for each character of an inert piece; texts holding it are not masked


class InertPieces:
    """Masks the inert whitespace-separated pieces of texts, for cache keys.

    A token is inert when it is no glossary word nor a regular form of one (it starts,
    continues and ends no term walk) and has no glossary word one edit away (it is no
    near-miss); a piece is inert when all its tokens are. Hits and near-misses are then
    made of tokens of other pieces, and what decides them around a span (the characters
    next to it, for ``embedded``) lies in the span's own piece or is whitespace. So two
    texts that differ only in inert pieces of the same lengths, with the same whitespace,
    have the same hits and near-misses at the same offsets with the same texts: one
    ``MASK`` per character of an inert piece gives them one key. A memory of varied text
    repeats its sentences with other names, numbers and identifiers in them.

    ``inert_token(key)`` classifies a lower-cased token. What is kept is bounded by ``limit``.
    """

    __slots__ = ("_inert_token", "_limit", "_masks")

    def __init__(self, inert_token: Callable[[str], bool], limit: int) -> None:
        self._inert_token = inert_token
        self._limit = limit
        # Every piece classified so far -> what stands for it in a key (itself, or masks).
        self._masks: dict[str, str] = {}

    def mask(self, text: str, pieces: list[str] | None = None) -> str | None:
        """``text`` with each character of its inert pieces replaced by ``MASK``; None when
        nothing is masked or the text cannot be masked safely (then key on the text).

        ``pieces``: ``text.split()``, when the caller has it (its strings then carry their
        hashes from earlier lookups).
        """
        if pieces is None:
            pieces = text.split()
        out = list(map(self._masks.get, pieces))  # in C: a memory repeats its words
        if None in out and not self._fill(pieces, out):
            return None
        # A piece stands for itself unless it is inert (masks are never the piece itself but
        # in a text holding the mask character, not masked): one comparison, in C.
        if MASK in text or out == pieces:
            return None  # nothing to mask, or the mask character itself: key on the text
        # Every piece is in NFC (``_classify``), so a text of pieces and single spaces is: a
        # space composes with nothing, and its tokens are found piece by piece.
        if " ".join(pieces) == text:
            return " ".join(out)  # type: ignore[arg-type]  # no None left
        # Other whitespace ("«\u00a0%s\u00a0»", line breaks) is kept as it is in the key: a
        # hit's text may span it.
        if not unicodedata.is_normalized("NFC", text):
            return None
        parts = _PIECES.split(text)
        if parts[1::2] != pieces:
            return None  # the pattern's whitespace is not ``str.split``'s
        parts[1::2] = out
        return "".join(parts)

    def _fill(self, pieces: list[str], out: list[str | None]) -> bool:
        """Classify the pieces not met before; False if one cannot be masked."""
        masks = self._masks
        if len(masks) > self._limit:
            masks.clear()
        for i, piece in enumerate(pieces):
            if out[i] is not None:
                continue
            verdict = self._classify(piece)
            if verdict is None:
                return False
            if verdict:
                out[i] = masks[piece] = MASK * len(piece)
            else:
                out[i] = masks[piece] = piece
        return True

    def _classify(self, piece: str) -> bool | None:
        low = piece.lower()
        if len(low) != len(piece) or not (
            piece.isascii() or unicodedata.is_normalized("NFC", piece)
        ):
            return None  # "İ", or not in NFC: the text is tokenized as a whole
        inert_token = self._inert_token
        if low.isalpha():  # one token
            return inert_token(low)
        return all(map(inert_token, piece_keys(low)))
