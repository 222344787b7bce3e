"""Frequent words per language: a frequent word is never reported as a misspelled term."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from tmqa.langtags import primary


@lru_cache(maxsize=16)
def common_words(lang: str) -> frozenset[str]:
    """The shipped frequent-word list for ``lang`` (lower case), empty when none ships.

    Lists live in ``tmqa/data/common-words.<lang>.txt``, one word a line, ``#`` comments.
    """
    name = f"common-words.{primary(lang)}.txt"
    try:
        data = resources.files("tmqa").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    return frozenset(
        w for w in (line.strip() for line in data.splitlines()) if w and not w.startswith("#")
    )


def unknown_word(word: str, lang: str) -> bool:
    """``word`` (four letters or more) is no frequent word of ``lang``, nor is any of its
    hyphen-separated parts: a name or a code rather than vocabulary.

    The lists hold words of four letters or more, so shorter words are never unknown, and
    neither is any word of a language without a list.
    """
    if len(word) < 4:
        return False
    common = common_words(lang)
    if not common:
        return False
    low = word.casefold()
    return low not in common and not any(p in common for p in low.split("-"))


@lru_cache(maxsize=16)
def plain_words(lang: str) -> frozenset[str]:
    """The frequent words of ``lang`` made of letters only (each one token)."""
    return frozenset(w for w in common_words(lang) if w.isalpha())
