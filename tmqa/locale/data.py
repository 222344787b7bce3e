"""Per-language number conventions (separators, scale words, spelled numbers, months) from JSON."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType
from typing import Any

_EMPTY: Mapping[str, int] = MappingProxyType({})


def _empty() -> Mapping[str, int]:
    return _EMPTY


# Language codes become file names: anything but 2-3 ASCII letters must never reach the loader.
_CODE = re.compile(r"[a-z]{2,3}\Z")


@dataclass(frozen=True, eq=False)
class LocaleData:
    """How one language writes numbers; one ``<code>.json`` beside this module per language.

    ``decimal`` is the decimal mark; ``group`` every character that may separate groups of
    three digits (punctuation and spaces). Characters also in ``weak_group`` are a minority
    style (French ``1.200``), so such numbers keep the neutral reading as an alternative.
    ``ambiguous_decimal``: the decimal mark before exactly three digits is often a grouping
    in real text (Spanish is written in both conventions). ``regions`` in the JSON may
    override these three and the flags for one region (``es-MX``).

    Words, all matched without case (and without accents) unless said otherwise:
    ``scale_words`` and ``scale_abbreviations`` (case-sensitive: ``M`` is a million, ``m``
    may be a metre) map to a power of ten, ``milliard`` -> 9; ``scale_articles`` mean one
    before a scale word (``a million``); ``cardinals`` (at least 0-12) and ``ordinals`` map
    to their value (JSON keys ending in ``-`` are stems completed with ``ordinal_endings``);
    ``compound_joiners`` join tens and units (``vingt et un``); ``months`` map to 1-12 and
    are capitalised when ``months_capitalized``. ``ordinal_suffixes`` follow digits
    (``1er``); ``roman_ordinal_suffixes`` follow roman numerals (``XXIe``);
    ``percent_words`` replace ``%``; ``pm_markers`` and ``am_markers`` follow 12-hour times.
    """

    tag: str
    decimal: str = "."
    group: str = ", \u00a0\u202f\u2009\u2007"
    weak_group: str = ""
    ambiguous_decimal: bool = False
    ordinal_suffixes: tuple[str, ...] = ()
    roman_ordinal_suffixes: tuple[str, ...] = ()
    percent_words: tuple[str, ...] = ()
    scale_words: Mapping[str, int] = field(default_factory=_empty)
    scale_abbreviations: Mapping[str, int] = field(default_factory=_empty)
    scale_articles: tuple[str, ...] = ()
    cardinals: Mapping[str, int] = field(default_factory=_empty)
    ordinals: Mapping[str, int] = field(default_factory=_empty)
    months: Mapping[str, int] = field(default_factory=_empty)
    months_capitalized: bool = False
    compound_joiners: tuple[str, ...] = ()
    pm_markers: tuple[str, ...] = ()
    am_markers: tuple[str, ...] = ()


NEUTRAL = LocaleData(tag="und")
"""Unknown languages: ``.`` is the decimal mark, ``,`` groups only exact groups of three."""

_STRINGS = ("decimal", "group", "weak_group")
_BOOLS = ("ambiguous_decimal", "months_capitalized")
_LISTS = (
    "ordinal_suffixes",
    "roman_ordinal_suffixes",
    "percent_words",
    "scale_articles",
    "compound_joiners",
    "pm_markers",
    "am_markers",
)
_WORD_MAPS = ("cardinals", "months")
_SCALE_MAPS = ("scale_words", "scale_abbreviations")
_KNOWN = {
    *_STRINGS,
    *_BOOLS,
    *_LISTS,
    *_WORD_MAPS,
    *_SCALE_MAPS,
    "ordinals",
    "ordinal_endings",
    "regions",
    "name",
}


def _fold(word: str) -> str:
    """``décembre`` -> ``decembre``: text typed without accents must still find the word."""
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _word_map(raw: Mapping[str, int], *, fold: bool) -> Mapping[str, int]:
    out: dict[str, int] = {}
    for key, value in raw.items():
        out[key.lower()] = value
    if fold:
        for key, value in list(out.items()):
            out.setdefault(_fold(key), value)
    return MappingProxyType(out)


def _expand_ordinals(raw: Mapping[str, int], endings: list[str]) -> dict[str, int]:
    """Expand stems: a key ending in ``-`` (``erst-``) gets every ending (``erste``, ``ersten``)."""
    out: dict[str, int] = {}
    for key, value in raw.items():
        if key.endswith("-"):
            for ending in endings:
                out[key[:-1] + ending] = value
        else:
            out[key] = value
    return out


def _check(code: str, raw: Any) -> dict[str, Any]:
    """Validate one table so that a typo fails loudly at load time, not as silent misparses."""
    if not isinstance(raw, dict):
        raise ValueError(f"locale {code}: the table must be a JSON object")
    unknown = set(raw) - _KNOWN
    if unknown:
        raise ValueError(f"locale {code}: unknown keys {sorted(unknown)}")
    for key in _STRINGS:
        if key in raw and not isinstance(raw[key], str):
            raise ValueError(f"locale {code}: {key} must be a string")
    if "decimal" in raw and raw["decimal"] not in (".", ","):
        raise ValueError(f"locale {code}: decimal must be '.' or ','")
    for key in _BOOLS:
        if key in raw and not isinstance(raw[key], bool):
            raise ValueError(f"locale {code}: {key} must be true or false")
    for key in (*_LISTS, "ordinal_endings"):
        value = raw.get(key, [])
        # An empty ending is the bare stem; an empty word anywhere else is a typo.
        if not isinstance(value, list) or not all(
            isinstance(v, str) and (v or key == "ordinal_endings") for v in value
        ):
            raise ValueError(f"locale {code}: {key} must be a list of non-empty strings")
    for key in (*_WORD_MAPS, *_SCALE_MAPS, "ordinals"):
        value = raw.get(key, {})
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and k and isinstance(v, int) and not isinstance(v, bool) and v >= 0
            for k, v in value.items()
        ):
            raise ValueError(f"locale {code}: {key} must map words to non-negative integers")
    regions = raw.get("regions", {})
    if not isinstance(regions, dict):
        raise ValueError(f"locale {code}: regions must be an object")
    for region, override in regions.items():
        if not isinstance(override, dict) or set(override) - {*_STRINGS, *_BOOLS}:
            raise ValueError(
                f"locale {code}-{region}: a region may only override separators and flags"
            )
    return raw


def _build(tag: str, raw: Mapping[str, Any]) -> LocaleData:
    # The decimal mark can never also group: that would make every number ambiguous.
    decimal: str = raw.get("decimal", ".")
    group = "".join(c for c in raw.get("group", NEUTRAL.group) if c != decimal)
    weak = "".join(c for c in raw.get("weak_group", "") if c in group)
    ordinals = _expand_ordinals(raw.get("ordinals", {}), raw.get("ordinal_endings", [""]))
    return LocaleData(
        tag=tag,
        decimal=decimal,
        group=group,
        weak_group=weak,
        ambiguous_decimal=raw.get("ambiguous_decimal", False),
        ordinal_suffixes=tuple(raw.get("ordinal_suffixes", ())),
        roman_ordinal_suffixes=tuple(raw.get("roman_ordinal_suffixes", ())),
        percent_words=tuple(raw.get("percent_words", ())),
        scale_words=_word_map(raw.get("scale_words", {}), fold=True),
        # Abbreviations are case-sensitive: "M" is a million, "m" may be a metre.
        scale_abbreviations=MappingProxyType(dict(raw.get("scale_abbreviations", {}))),
        scale_articles=tuple(w.lower() for w in raw.get("scale_articles", ())),
        cardinals=_word_map(raw.get("cardinals", {}), fold=True),
        ordinals=_word_map(ordinals, fold=True),
        months=_word_map(raw.get("months", {}), fold=True),
        months_capitalized=raw.get("months_capitalized", False),
        compound_joiners=tuple(w.lower() for w in raw.get("compound_joiners", ())),
        pm_markers=tuple(raw.get("pm_markers", ())),
        am_markers=tuple(raw.get("am_markers", ())),
    )


def _read(code: str) -> dict[str, Any] | None:
    if not _CODE.match(code):
        return None
    resource = resources.files(__package__ or "tmqa.locale").joinpath(f"{code}.json")
    if not resource.is_file():
        return None
    with resource.open("r", encoding="utf-8") as handle:
        return _check(code, json.load(handle))


def load(code: str, region: str | None = None) -> LocaleData | None:
    """The table for primary subtag ``code`` (lower case), with ``region``'s overrides if any.

    Returns ``None`` when no table ships for ``code``.
    """
    raw = _read(code)
    if raw is None:
        return None
    override = raw.get("regions", {}).get(region) if region else None
    if override:
        return _build(f"{code}-{region}", {**raw, **override})
    return _build(code, raw)


def available() -> tuple[str, ...]:
    """Primary subtags that ship a table, sorted."""
    root = resources.files(__package__ or "tmqa.locale")
    return tuple(
        sorted(
            p.name[:-5]
            for p in root.iterdir()
            if p.name.endswith(".json") and _CODE.match(p.name[:-5])
        )
    )
