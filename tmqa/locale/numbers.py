"""Locale-aware extraction and comparison of the numbers of a segment pair (rule N101)."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Context, Decimal
from functools import lru_cache
from itertools import pairwise
from typing import Final, NamedTuple

from tmqa.locale import NEUTRAL, LocaleData, get_locale
from tmqa.model import fast_construction

__all__ = [
    "IDENTIFIER",
    "NUMBER",
    "ORDINAL",
    "PERCENT",
    "SPELLED",
    "Number",
    "NumberDiff",
    "compare_numbers",
    "extract_numbers",
    "format_multiset",
    "format_value",
    "numbers_agree",
]

NUMBER: Final = "number"
PERCENT: Final = "percent"
ORDINAL: Final = "ordinal"
SPELLED: Final = "spelled"
IDENTIFIER: Final = "identifier"

Reading = tuple[Decimal, ...]
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Number:
    """One number found in a text.

    ``value`` has scale words applied (``19,4 millions`` -> 19400000) but a percentage is not
    divided (``12,5 %`` -> 12.5). ``kind`` is ``number``, ``percent``, ``ordinal``,
    ``spelled`` (a word, a month name or a roman ordinal: only ever used to forgive) or
    ``identifier`` (digits glued after letters, ``G7``, ``COVID-19``: ``text`` then starts
    with the letters). ``alternatives`` are other plausible readings of the same surface,
    each a multiset of values (French ``1 200`` may also be the two numbers 1 and 200).
    """

    value: Decimal
    span: tuple[int, int]
    text: str
    kind: str
    alternatives: tuple[Reading, ...] = ()


@dataclass(frozen=True)
class NumberDiff:
    """What differs between the numbers of two sides; empty ``missing`` and ``extra`` is a match.

    ``missing`` are source-side numbers without a counterpart in the target, ``extra``
    target-side numbers without one in the source. ``source`` and ``target`` hold every
    non-spelled number of each side, for messages that show both multisets.
    """

    missing: tuple[Number, ...] = ()
    extra: tuple[Number, ...] = ()
    source: tuple[Number, ...] = ()
    target: tuple[Number, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.missing and not self.extra


def format_value(value: Decimal) -> str:
    """Canonical text for a value in messages: ``19400000``, ``19.4``, ``12.5``, ``-5``."""
    if not value.is_finite():
        return str(value)
    if value.is_zero():
        return "0"
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_multiset(numbers: Iterable[Number]) -> str:
    """``{2023, 19400000}``: the values in numeric order, identifiers as written."""
    items = sorted(numbers, key=lambda n: (n.kind == IDENTIFIER, n.value, n.span))
    return (
        "{"
        + ", ".join(n.text if n.kind == IDENTIFIER else format_value(n.value) for n in items)
        + "}"
    )


# --------------------------------------------------------------------------- lexing
#
# A side is read in four passes, all driven by its language's table (tmqa/locale/*.json):
# 1. spans other rules own (URLs, placeholders, phone numbers...) are blanked out, keeping
#    offsets; 2. digit "words" (`1,234.5`) are read with the language's decimal and grouping
#    marks, and joined across spaces where spaces group (`1 200`); 3. what surrounds them is
#    applied: sign, ordinal suffix, scale word, percent; 4. only when something differs,
#    numbers written in letters are read, to forgive. Every reading that a careful human
#    could also make is kept in `alternatives`, so that ambiguity never raises an alarm.

_DIGIT = re.compile(r"\d")
_RUN = re.compile(r"\d+")
# A "word" of digits: runs joined by one punctuation separator each (`1,234.5`, `2.3.1`).
# Space-grouped numbers (`1 200`) are joined later, only where the language groups so.
_WORD = re.compile(r"\d+(?:[.,'’]\d+)*")
_WORD_MARK = re.compile(r"[.,'’]")
_LETTERS = re.compile(r"[^\W\d_]+")
_SPACES = " \u00a0\u202f\u2009\u2007"
_SP = "[ \u00a0\u202f\u2009]"
_MINUS_SIGNS = "-\u2212"  # hyphen-minus, minus sign
_RANGE_DASHES = "-\u2013\u2014\u2010\u2011/"
_SIGNS = _MINUS_SIGNS + "\u2013\u2012"  # en dash and figure dash serve as minus signs too
# A sign only counts after a boundary: `2019-2020` is a range, `COVID-19` an identifier.
_SIGN_AFTER = set(_SPACES + "\t\n\r([{=:;/<\"'“«‘≈~\x00")
_IDENT_JOINERS = "-\u2010\u2011"
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_IDENT_BEFORE = _IDENT_JOINERS + "_"  # besides a letter, what may glue a name to digits
_MASK_FILL = "\x00"
_EXACT = Context(prec=80)
_ONE = Decimal(1)

# Spans other rules own. Numbers inside them are not compared: URLs, e-mail addresses,
# placeholders ({0}, %1$s, %(name)s, ${x}, %1), character entities, markup tags.
# Each pattern runs only when its trigger is in the text: scanning them all costs more
# than the rest of the extraction.
_MASKED: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    (
        ("://", "www.", "WWW."),
        re.compile(r"(?:https?|ftps?|file)://[^\s<>\"]+|\b[wW]{3}\.[^\s<>\"]+"),
    ),
    (("@",), re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    (("{",), re.compile(r"\{\{?[^{}\s]{0,40}\}\}?")),
    (
        ("%",),
        re.compile(
            r"%\(\w{1,40}\)[-+#0]*\d{0,3}(?:\.\d{1,3})?[sdifuxXeEgGcr]"
            # With a position, flag, width, precision or length it is a conversion even when
            # a letter follows (`%-17sEnable`, `%.1lfs`); `*` and `*2$` are run-time widths.
            r"|%(?=\d{1,2}\$|[-+#0*.]|\d|hh|h|ll|l|L|z|j|t)(?:\d{1,2}\$)?[-+#0]*"
            r"(?:\d{1,3}|\*(?:\d{1,2}\$)?)?(?:\.(?:\d{1,3}|\*(?:\d{1,2}\$)?))?"
            r"(?:hh|h|ll|l|L|z|j|t)?[sdifuxXeEgGcpo@aAFn]"
            # A bare conversion glued to a letter is prose (`20%off`).
            r"|%[sdifuxXeEgGcpo@aAFn](?![^\W\d_])"
            r"|%(?<!\d%)L?\d{1,2}(?!\d)"  # `(?<!\d)%`, written so that the search skips to `%`
        ),
    ),
    (("&",), re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")),
    (("<",), re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]{0,200})?/?>")),
)
# Every single-character trigger of _MASKED, in one scan (_masked tests the URL ones): keep
# the two in step.
_MASK_CHAR_RE = re.compile(r"[@{%&<]")
# The single-character triggers of _masked but `%`, with those of phone masking (`+`, `(`);
# a `%` needs masking only where the placeholder pattern matches.
_MASK_TRIGGER = re.compile(r"[@{&<+(]")
_PERCENT_MASK = next(pattern for triggers, pattern in _MASKED if triggers == ("%",))


def _fill(match: re.Match[str]) -> str:
    return _MASK_FILL * (match.end() - match.start())


# Phone numbers are written per country (+33 1 23 45 67 89 vs 01 23 45 67 89): ignored.
# International and bracketed forms are masked here; national forms (01 23 45 67 89,
# 555-123-4567) are recognised on the digit runs, which costs nothing when there are none.
_PHONE = re.compile(
    r"""
    (?<![\w+])\+\d{1,3}(?:[ \u00a0.\-]?\(\d{1,4}\)\d{0,5}|[ \u00a0.\-]\d{1,5}){2,7}(?!\d)
  | (?<![\d.,])\(\d{2,4}\)[ \u00a0]?\d{3,4}[-. \u00a0]\d{4}(?!\d)
    """,
    re.VERBOSE,
)
_PHONE_SEPARATORS = " \u00a0-"


def _phone_spans(text: str) -> list[Span]:
    spans = []
    for m in _PHONE.finditer(text):
        if m.group().startswith("+"):
            groups = _RUN.findall(m.group())
            # `+1 000 000` is a grouped number, not a phone number.
            if sum(map(len, groups)) < 8 or all(len(g) == 3 for g in groups[1:]):
                continue
        spans.append(m.span())
    return spans


def _phone_shape(lengths: Sequence[int], first: str, sep: str) -> bool:
    """French `01 23 45 67 89` or North American `555-123-4567` / `1-800-555-1234`."""
    if lengths == [2, 2, 2, 2, 2]:
        return _is_zero(first[0])
    return sep in "-." and lengths in ([3, 3, 4], [1, 3, 3, 4])


def _national_phone(work: str, words: list[Span], i: int) -> int:
    """Index of the last digit word of a national phone number starting at word ``i``, or -1."""
    start, end = words[i]
    first = work[start:end]
    lengths = [end - start]
    sep = ""
    j = i
    while j + 1 < len(words) and len(lengths) < 5:
        nstart, nend = words[j + 1]
        if nstart != end + 1 or work[end] not in _PHONE_SEPARATORS or (sep and work[end] != sep):
            break
        if not work[nstart:nend].isdecimal():
            break
        sep = work[end]
        lengths.append(nend - nstart)
        j, end = j + 1, nend
        if _phone_shape(lengths, first, sep):
            following = work[end : end + 2]
            if following[:1].isdecimal() or (
                following[:1] in (".", ",") and following[1:].isdecimal()
            ):
                return -1
            return j
    return -1


def _masked(text: str, extra: Iterable[Span]) -> str:
    """``text`` with masked spans filled with a character that is no digit, letter or space."""
    spans = list(extra)
    if _MASK_CHAR_RE.search(text) or "://" in text or "www." in text or "WWW." in text:
        for triggers, pattern in _MASKED:
            for trigger in triggers:
                if trigger in text:
                    spans.extend(m.span() for m in pattern.finditer(text))
                    break
    if "+" in text or "(" in text:
        spans.extend(_phone_spans(text))
    if not spans:
        return text
    spans.sort()
    pieces = []
    pos = 0
    for start, end in spans:
        start = max(start, pos, 0)
        end = min(end, len(text))
        if end <= start:
            continue
        pieces.append(text[pos:start])
        pieces.append(_MASK_FILL * (end - start))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


# --------------------------------------------------------------------------- grammar


def _percent_words(loc: LocaleData) -> str:
    return rf"|(?i:{_alternation(loc.percent_words)})(?!\w)" if loc.percent_words else ""


def _alternation(words: Iterable[str]) -> str:
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", _SP) for w in ordered)


_NOT_A_NUMBER_WORD: Final = (None, None, False)


def _lexicon(loc: LocaleData) -> dict[str, tuple[int | None, int | None, bool]]:
    """Word (lower case) -> (month number, numeric value, is an article before a scale word)."""
    out: dict[str, tuple[int | None, int | None, bool]] = {}
    for word in {*loc.months, *loc.cardinals, *loc.ordinals, *loc.scale_articles}:
        base = loc.cardinals.get(word)
        out[word] = (
            loc.months.get(word),
            base if base is not None else loc.ordinals.get(word),
            word in loc.scale_articles,
        )
    return out


class _Grammar:
    """One locale's tables turned into sets and precompiled regexes."""

    __slots__ = (
        "ambiguous",
        "decimal",
        "lexicon",
        "loc",
        "merge_table",
        "pm_re",
        "punct_group",
        "reader",
        "roman_re",
        "space_group",
        "suffix_re",
        "weak",
    )

    def __init__(self, loc: LocaleData) -> None:
        self.loc = loc
        self.decimal = loc.decimal
        self.punct_group = frozenset(c for c in loc.group if not c.isspace())
        self.space_group = frozenset(c for c in loc.group if c.isspace())
        self.weak = frozenset(loc.weak_group)
        self.ambiguous = loc.ambiguous_decimal
        # One pattern for what may follow the digits, so that the usual case (nothing) costs
        # a single match: an attached ordinal suffix, or after an optional space a scale word,
        # a scale abbreviation or a percent sign or word.
        after = [rf"(?P<p>[%‰‱]{_percent_words(loc)})"]
        if loc.scale_words:
            after.append(rf"(?P<w>(?i:{_alternation(loc.scale_words)}))(?!\w)")
        if loc.scale_abbreviations:
            # An abbreviation must not run on into a word: `5 Mio.` yes, `5 Mission` no.
            after.append(rf"(?P<a>{_alternation(loc.scale_abbreviations)})(?![^\W_])")
        ordinal = (
            rf"(?P<o>{_alternation(loc.ordinal_suffixes)})(?!\w)|" if loc.ordinal_suffixes else ""
        )
        self.suffix_re = re.compile(rf"{ordinal}{_SP}?(?:{'|'.join(after)})")
        if loc.pm_markers or loc.am_markers:
            pm = _alternation(loc.pm_markers) if loc.pm_markers else "(?!)"
            am = _alternation(loc.am_markers) if loc.am_markers else "(?!)"
            self.pm_re: re.Pattern[str] | None = re.compile(
                rf"(?:[:.h]\d{{2}})?{_SP}?(?i:(?P<pm>{pm})|{am})(?!\w)"
            )
        else:
            self.pm_re = None
        self.roman_re = (
            re.compile(rf"(?P<r>[IVXLC]+)(?:{_alternation(loc.roman_ordinal_suffixes)})")
            if loc.roman_ordinal_suffixes
            else None
        )
        self.lexicon = _lexicon(loc)
        self.reader, self.merge_table = self._reader(loc)

    def _reader(self, loc: LocaleData) -> tuple[re.Pattern[str], dict[int, str | None]]:
        """The one pattern of :func:`_read_sorted`: a number with what follows it.

        It starts with a plain digit, so that the search skips prose at C speed. Groups, in
        order: ``number`` (a whole `_WORD` that is digits with at most this language's
        decimal mark, or digits grouped with spaces exactly as `_space_merge` joins them,
        `1 234 567,5`), ``bad`` (inside it: what glues the word to a letter, ``_``, a hyphen
        or a sign, or a leading decimal mark: identifiers and signs need the full reading),
        ``odd`` (the rest of a `_WORD` with other marks: read by `_read`), ``join`` (another
        digit word one space or hyphen away that is not a grouping: the full reading decides),
        then what ``suffix_re`` matches after the number: ``percent`` (a word), ``scale``
        or ``abbreviation`` (their step is applied), and ``again`` (anything ``suffix_re``
        could match after a scale word: the full reading decides).
        """
        before = "[^\\W\\d]|[" + re.escape(_IDENT_BEFORE + _SIGNS) + "]"
        # After the first digit: what precedes it.
        bad = rf"(?:(?<=(?P<bad>{before}|(?<!\d){re.escape(self.decimal)})\d))?"
        end = r"(?!\d|[.,'’]\d)"  # where a `_WORD` ends
        if self.space_group:
            spaces = "[" + re.escape("".join(sorted(self.space_group))) + "]"
            group = rf"{spaces}\d{{3}}{end}"
            last = rf"{spaces}\d{{3}}{re.escape(self.decimal)}\d+{end}"
            merged = rf"(?<=[1-9])[0-9]{{0,2}}(?:(?:{group})+(?:{last})?|{last})|"
        else:
            merged = ""
        number = (
            rf"(?P<number>\d{bad}(?:{merged}\d*(?:{re.escape(self.decimal)}\d+{end})?))"
            r"(?P<odd>(?:[.,'’]\d+)*)"
        )
        joins = "[" + re.escape("".join(sorted(self.space_group | set(_PHONE_SEPARATORS)))) + "]"
        # (`0x`, a hex prefix, is left to the full reading too.)
        join = rf"(?:(?P<join>{joins}(?=\d)|(?<=0)[xX]))?"

        ordinal = _alternation(loc.ordinal_suffixes) if loc.ordinal_suffixes else "(?!)"
        signs = "[%‰‱]"
        percent = _alternation(loc.percent_words) if loc.percent_words else "(?!)"
        words = _alternation(loc.scale_words) if loc.scale_words else "(?!)"
        abbreviations = _alternation(loc.scale_abbreviations) if loc.scale_abbreviations else "(?!)"
        # Each alternation is tried only where its first character is: a class test instead
        # of some fifty failed words after each number.
        starts = re.escape("".join(sorted({w[0] for w in loc.ordinal_suffixes})))
        after = (*loc.percent_words, *loc.scale_words, *loc.scale_abbreviations)
        initials = re.escape("".join(sorted({w[0] for w in after})))
        guard = rf"(?=(?i:[%‰‱{initials}]))"
        # suffix_re's alternatives in its order: an attached ordinal, else after an optional
        # space a percent sign or word, a scale word, a scale abbreviation.
        first = (rf"(?:(?=(?i:[{starts}]))(?:{ordinal})(?!\w)" if starts else "(?:(?!)") + (
            rf"|{_SP}?{guard}(?:{signs}|(?P<percent>(?i:{percent}))(?!\w)"
            rf"|(?:(?P<scale>(?i:{words}))(?!\w)|(?P<abbreviation>{abbreviations})(?![^\W_]))"
            rf"(?:{_SP}?{guard}(?P<again>{signs}|(?i:{percent})(?!\w)|(?i:{words})(?!\w)"
            rf"|{abbreviations}(?![^\W_])))?))?"
        )
        pattern = number + join + first
        table: dict[int, str | None] = {ord(c): None for c in self.space_group}
        table[ord(self.decimal)] = "."
        return re.compile(pattern), table


@lru_cache(maxsize=256)
def _grammar(lang: str) -> _Grammar:
    return _grammar_for(get_locale(lang))


@lru_cache(maxsize=64)
def _grammar_for(loc: LocaleData) -> _Grammar:
    return _Grammar(loc)


_NEUTRAL = _grammar_for(NEUTRAL)


# --------------------------------------------------------------------------- reading digits


def _dec(text: str) -> Decimal:
    return Decimal(text)


def _is_zero(digit: str) -> bool:
    return int(digit) == 0


def _grouped(parts: Sequence[str]) -> bool:
    """`1,234,567`: a head of 1-3 digits (not a leading zero) and groups of exactly three."""
    head = parts[0]
    return (
        len(parts) >= 2
        and 1 <= len(head) <= 3
        and not _is_zero(head[0])
        and all(len(p) == 3 for p in parts[1:])
    )


def _indian(parts: Sequence[str]) -> bool:
    """`12,34,567`: the lakh/crore grouping."""
    return (
        len(parts) >= 3
        and len(parts[0]) in (1, 2)
        and not _is_zero(parts[0][0])
        and all(len(p) == 2 for p in parts[1:-1])
        and len(parts[-1]) == 3
    )


def _components(parts: Sequence[str]) -> Reading:
    return tuple(_dec(p) for p in parts)


def _time_like(head: str, tail: str) -> bool:
    return len(head) <= 2 and len(tail) == 2 and int(head) <= 24 and int(tail) < 60


def _read(
    parts: Sequence[str], seps: Sequence[str], g: _Grammar
) -> tuple[Decimal, list[Reading]] | None:
    """Value of digit runs joined by punctuation, or ``None`` for a dotted code (2.3.1, an IP)."""
    first = seps[0]
    alts: list[Reading] = []
    if len(parts) == 2 and first == g.decimal and not g.ambiguous:
        # The common case, `19,4` in French or `19.4` in English, without the general checks.
        head, tail = parts
        if first == "." and _time_like(head, tail):
            alts.append(_components(parts))  # British `10.30` is a time
        return _dec(head + "." + tail), alts
    if "’" in seps:
        seps = ["'" if s == "’" else s for s in seps]
        first = seps[0]
    if any(s != first for s in seps):
        # Two different marks are unambiguous in any language: `1,234.5` and `1.234,5`.
        if (
            first != seps[-1]
            and seps[-1] in ".,"
            and all(s == first for s in seps[:-1])
            and _grouped(parts[:-1])
        ):
            return _dec("".join(parts[:-1]) + "." + parts[-1]), alts
        return None
    if (
        len(parts) == 4
        and first == "."
        and all(len(p) <= 3 and int(p) <= 255 for p in parts)
        and not any(len(p) > 1 and _is_zero(p[0]) for p in parts)
    ):
        return None  # an IPv4 address is never a grouped number (`1.000.000.000` is one)
    if first == "'":
        return (_dec("".join(parts)), alts) if _grouped(parts) else None
    if first in g.punct_group:
        if _grouped(parts):
            if first in g.weak:
                neutral = _read(parts, seps, _NEUTRAL)
                alts.append((neutral[0],) if neutral else _components(parts))
            return _dec("".join(parts)), alts
        if first == "," and _indian(parts):
            return _dec("".join(parts)), [_components(parts)]
    elif first == g.decimal:
        if len(parts) != 2:
            return None
        if g.ambiguous and _grouped(parts):
            alts.append((_dec("".join(parts)),))
    if len(parts) != 2:
        return None
    # One mark that is not a grouping here: a decimal mark, this language's or a foreign one.
    head, tail = parts
    if first == "," and first != g.decimal:
        alts.append(_components(parts))  # `1,2` may be a list written without a space
    if first == "." and _time_like(head, tail):
        alts.append(_components(parts))  # British `10.30` is a time
    return _dec(head + "." + tail), alts


class _Piece(NamedTuple):
    start: int
    end: int
    value: Decimal
    alternatives: tuple[Reading, ...]
    integer: bool


def _identifier_start(work: str, start: int) -> int | None:
    """Where the identifier containing the digits at ``start`` begins, or ``None`` if none does.

    Digits glued after a word's letters (`G7`, `MP3`, `x86`, `COVID-19`) belong to a name or
    code, not to a quantity: they are compared as identifiers. Letters that follow digits
    (`10h30`, `4x4`, `9h-17h`) are units or operators, and a 3-letter upper-case prefix is a
    currency code (`USD19.4`): the digits after them stay plain numbers.
    """
    if start == 0:
        return None
    before = work[start - 1]
    if before.isalpha():
        pos = start - 1
    elif before in _IDENT_JOINERS and start >= 2 and work[start - 2].isalpha():
        pos = start - 2
    elif before == "_" and start >= 2 and work[start - 2].isalnum():
        return start - 1
    else:
        return None
    while pos > 0 and work[pos - 1].isalpha():
        pos -= 1
    if pos > 0 and work[pos - 1].isdecimal():
        return None
    letters = work[pos : start if before.isalpha() else start - 1]
    if before.isalpha() and len(letters) == 3 and letters.isascii() and letters.isupper():
        return None
    return pos


def _negate(reading: Reading) -> Reading:
    return (reading[0].copy_negate(), *reading[1:]) if reading else reading


def _scaled(value: Decimal, exponent: int) -> Decimal:
    """``value`` times ten to ``exponent``, exactly, written without an exponent when whole."""
    result = _EXACT.scaleb(value, exponent)
    # Quantizing a value wider than the context's precision would raise: leave those alone.
    if result.adjusted() < _EXACT.prec - 1 and result == result.to_integral_value():
        result = _EXACT.quantize(result, _ONE)
    return result


def _scale(reading: Reading, exponent: int) -> Reading:
    # Only the last number of a split reading carries the scale word (`3 200 millions`).
    return (*reading[:-1], _scaled(reading[-1], exponent)) if reading else reading


def _space_merge(
    work: str, words: list[Span], i: int, g: _Grammar
) -> tuple[int, str, Reading] | None:
    """Join `1 200 000` (and `1 234,5`) when the language groups digits with spaces."""
    start, end = words[i]
    head = work[start:end]
    if not (1 <= len(head) <= 3 and head.isdecimal() and not _is_zero(head[0])):
        return None
    digits = [head]
    split: list[Decimal] = [_dec(head)]
    j = i
    while j + 1 < len(words):
        nstart, nend = words[j + 1]
        if nstart != end + 1 or work[end] not in g.space_group:
            break
        word = work[nstart:nend]
        if len(word) == 3 and word.isdecimal():
            digits.append(word)
            split.append(_dec(word))
            j, end = j + 1, nend
            continue
        if len(word) > 4 and word[:3].isdecimal() and word[3] == g.decimal and word[4:].isdecimal():
            digits.append(word[:3] + "." + word[4:])
            split.append(_dec(digits[-1]))
            j, end = j + 1, nend
        break
    if j == i:
        return None
    return j, "".join(digits), tuple(split)


def _extract_digits(text: str, work: str, g: _Grammar) -> list[Number]:
    """Every non-spelled number of ``text`` (``work`` is ``text`` with masked spans filled)."""
    out: list[Number] = []
    first = _DIGIT.search(work)
    if first is None:
        return out
    words = [m.span() for m in _WORD.finditer(work, first.start())]
    count = len(words)
    i = 0
    cursor = 0
    while i < count:
        start, end = words[i]
        if start < cursor:
            i += 1
            continue
        ident = (
            _identifier_start(work, start)
            if start and (work[start - 1].isalpha() or work[start - 1] in _IDENT_BEFORE)
            else None
        )
        if (
            end - start == 1
            and work[start] == "0"
            and work[end : end + 1] in ("x", "X")
            and work[end + 1 : end + 2] not in _HEX_DIGITS
            and not (start and (work[start - 1].isalnum() or work[start - 1] in "._"))
        ):
            # A hex prefix without its digits (`0x%llx`, `0x` moved away from `%x`).
            cursor = end + 1
            i += 1
            continue
        if ident is not None and work[start - 1] in "vV" and not work[start:end].isdecimal():
            ident = None  # a version, `v2.33`, `TLSv1.3`: the number after the `v`
        if ident is not None:
            for k, run in enumerate(_RUN.finditer(work, start, end)):
                a = ident if k == 0 else run.start()
                out.append(
                    Number(_dec(run.group()), (a, run.end()), text[a : run.end()], IDENTIFIER)
                )
            i += 1
            continue

        # Both readings below need the next digit word one separator away (`01 23`, `1 200`).
        joined = i + 1 < count and words[i + 1][0] == end + 1
        if (
            joined
            and end - start <= 3
            and work[end : end + 1] in _PHONE_SEPARATORS
            and work[start:end].isdecimal()
        ):
            last = _national_phone(work, words, i)
            if last >= 0:
                cursor = words[last][1]
                i = last + 1
                continue
        piece: _Piece
        merged = _space_merge(work, words, i, g) if joined and work[end] in g.space_group else None
        if merged is not None:
            j, digits, split = merged
            end = words[j][1]
            piece = _Piece(start, end, _dec(digits), (split,), "." not in digits)
            i = j + 1
        else:
            i += 1
            word = work[start:end]
            if word.isdecimal():
                piece = _Piece(start, end, _dec(word), (), True)
            else:
                # Digit runs and the one-character marks between them (`19,4`, `1.234,5`).
                parts = _WORD_MARK.split(word)
                seps = _WORD_MARK.findall(word)
                if _phone_shape([len(p) for p in parts], parts[0], seps[0]):
                    cursor = end  # `01.23.45.67.89`, `555.123.4567`
                    continue
                read = _read(parts, seps, g)
                if read is None:
                    for run in _RUN.finditer(work, start, end):
                        a, b = run.span()
                        out.append(Number(_dec(work[a:b]), (a, b), text[a:b], NUMBER))
                    cursor = end
                    continue
                piece = _Piece(start, end, read[0], tuple(read[1]), False)
        number = _finish(text, work, piece, g, single=merged is None and piece.integer)
        cursor = number.span[1]
        out.append(number)
    return out


def _read_sorted(text: str, lang: str, start: int = 0) -> tuple[Decimal | int, ...] | None:
    """The values :func:`_extract_digits` gives ``text``, sorted, read without any Number.

    ``None`` when a digit's reading depends on more than ``g.reader`` sees (an identifier,
    a sign, a leading decimal mark, digit words one space apart that do not group, a
    percent word holding digits, two scale words): only the full reading knows then.
    Otherwise every value is the one the full reading gives (alternatives aside). The
    reading starts at ``start``, where ``text`` has its first digit.
    """
    g = _grammar(lang)
    if (
        _MASK_TRIGGER.search(text) is None
        and "://" not in text
        and "www." not in text
        and "WWW." not in text
    ):
        # What _masked returns when only placeholders starting with `%` may be masked.
        work = text if "%" not in text else _PERCENT_MASK.sub(_fill, text)
    else:
        work = _masked(text, ())
    values: list[Decimal | int] = []
    for number, bad, odd, join, percent, scale, abbreviation, again in g.reader.findall(
        work, start
    ):
        if bad or join or again or (percent and _DIGIT.search(percent) is not None):
            return None
        value: Decimal | int
        if odd:
            word = number + odd
            parts = _WORD_MARK.split(word)
            seps = _WORD_MARK.findall(word)
            if _phone_shape([len(p) for p in parts], parts[0], seps[0]):
                continue
            read = _read(parts, seps, g)
            if read is None:
                values.extend(int(p) for p in parts)
                continue
            value = read[0]
        elif number.isdecimal():
            value = int(number)
        else:
            # Space grouping, or the decimal mark alone (which _read reads as a decimal).
            value = _dec(number.translate(g.merge_table))
        if scale or abbreviation:
            step = (
                g.loc.scale_words.get(scale.lower())
                if scale
                else g.loc.scale_abbreviations.get(abbreviation)
            )
            if step is not None:
                if isinstance(value, int) and step >= 0:
                    value *= 10**step  # the value _scaled gives, as an int
                else:
                    value = _scaled(_dec(str(value)) if isinstance(value, int) else value, step)
        values.append(value)
    return tuple(sorted(values))


# ``Number(value, span, text, kind, alternatives)``, faster: Number's generated __init__ (a
# frozen dataclass) sets each field through object.__setattr__, a third of the cost of reading
# a plain number (tests/test_langid_fast.py compares the two).
_number = fast_construction(Number, "_number")


def _finish(text: str, work: str, piece: _Piece, g: _Grammar, *, single: bool) -> Number:
    """Apply what surrounds the digits: leading decimal mark, sign, suffixes, scale words."""
    start, end, value, alts, integer = piece
    alternatives = list(alts)
    digits_start = start
    if start and work[start - 1] not in _SPACES:
        if (
            single
            and work[start - 1] == g.decimal
            and (start == 1 or not (work[start - 2].isalnum() or work[start - 2] in ".,'’"))
        ):
            value = _dec("0." + work[start:end])  # `.5` / `,5`
            start -= 1
            integer = False
        if start and work[start - 1] in _SIGNS and (start == 1 or work[start - 2] in _SIGN_AFTER):
            value = value.copy_negate()
            # A sign is often worded on the other side (`baisse de 5 %`, `minus 5`), so the
            # unsigned value stays acceptable: sign flips are not worth false alarms.
            alternatives = [_negate(r) for r in alternatives]
            alternatives.append((value.copy_negate(),))
            start -= 1
        elif (
            single
            and start == digits_start
            and end - start == 2
            and start >= 5
            and work[start - 1] in _RANGE_DASHES
        ):
            # `2019-20` abbreviates `2019-2020`.
            year = work[start - 5 : start - 1]
            if (
                year.isdecimal()
                and (start == 5 or not work[start - 6].isdecimal())
                and 1000 <= int(year) <= 2999
            ):
                full = int(year) // 100 * 100 + int(value)
                alternatives.append((_dec(str(full + 100 if full < int(year) else full)),))
        elif (
            work[start - 1] == ":"
            and start >= 2
            and work[start - 2].isdecimal()
            and work[start:end] == "00"
        ):
            alternatives.append(())  # `14:00` is `2 p.m.`: round minutes may go unwritten
    elif (
        start >= 3
        and work[start - 2] == "h"
        and work[start:end] == "00"
        and (work[start - 3] in _SPACES or work[start - 3].isdecimal())
    ):
        alternatives.append(())  # `9 h 00` is `9 h`
    if (
        g.pm_re is not None
        and integer
        and 0 <= value <= 12
        and work[digits_start - 1 : digits_start] not in (":", ".")
        and (m := g.pm_re.match(work, end)) is not None
    ):
        if m.group("pm") is not None and value != 12:
            alternatives.append((value + 12,))
        elif m.group("pm") is None and value == 12:
            alternatives.append((_dec("0"),))

    kind = NUMBER
    m = g.suffix_re.match(work, end)
    if m is not None and m.lastgroup == "o":
        if integer:
            kind = ORDINAL
            end = m.end()
    elif m is not None:
        exponent = 0
        abbreviated = False
        for _ in range(2):  # `mil millones`, `thousand million`
            if m is None or m.lastgroup == "p":
                break
            if m.lastgroup == "w":
                step = g.loc.scale_words.get(m.group("w").lower())
            else:
                step = g.loc.scale_abbreviations.get(m.group("a"))
                abbreviated = True
            if step is None:
                break
            exponent += step
            end = m.end()
            m = g.suffix_re.match(work, end)
        if exponent:
            plain = value
            value = _scaled(value, exponent)
            alternatives = [_scale(r, exponent) for r in alternatives]
            if abbreviated:
                # `5m` may be metres, `10K` a race: the unscaled reading stays possible.
                alternatives.append((plain,))
        if m is not None and m.lastgroup == "p":
            kind = PERCENT
            end = m.end()
    return _number(value, (start, end), text[start:end], kind, tuple(alternatives))


# --------------------------------------------------------------------------- spelled numbers

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ROMAN_WORD = re.compile(r"[IVXLC]+")
_ROMAN_STEPS = tuple(
    zip(
        (100, 90, 50, 40, 10, 9, 5, 4, 1),
        ("C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"),
        strict=True,
    )
)


def _roman(numeral: str) -> int | None:
    total = 0
    for k, ch in enumerate(numeral):
        v = _ROMAN[ch]
        total += -v if k + 1 < len(numeral) and _ROMAN[numeral[k + 1]] > v else v
    return total if total > 0 and _to_roman(total) == numeral else None


def _roman_word(word: str, suffixed: re.Pattern[str] | None) -> int | None:
    """`XXIe` (with the language's ordinal suffix) or a bare `II`, `XIV`: their value, else None.

    A bare numeral needs two letters or more, as `I`, `V` and `X` alone are often words or
    letters; with a suffix, a single C or L is a word (`Ce`, `Le`), not a numeral.
    """
    if len(word) >= 2 and _ROMAN_WORD.fullmatch(word):
        return _roman(word)
    if suffixed is not None and (m := suffixed.fullmatch(word)) is not None:
        numeral = m.group("r")
        if len(numeral) > 1 or numeral in "IVX":
            return _roman(numeral)
    return None


def _to_roman(value: int) -> str:
    out = []
    for step, numeral in _ROMAN_STEPS:
        while value >= step:
            out.append(numeral)
            value -= step
    return "".join(out)


_TENS = frozenset((10, 20, 30, 40, 50, 60, 70, 80, 90))
_HYPHENS = "-\u2010\u2011"


def _compound_unit(
    work: str, tokens: list[re.Match[str]], idx: int, loc: LocaleData
) -> tuple[int, int]:
    """The unit after the tens word ``tokens[idx]`` and the index after it, or ``(0, idx + 1)``.

    `twenty-five`, `vingt et un`, `treinta y cinco`, `soixante-quinze`, `dix-sept`.
    """
    tens = loc.cardinals[tokens[idx].group().lower()]
    k = idx + 1
    if k >= len(tokens):
        return 0, idx + 1
    gap = work[tokens[idx].end() : tokens[k].start()]
    if tokens[k].group().lower() in loc.compound_joiners and k + 1 < len(tokens):
        after = work[tokens[k].end() : tokens[k + 1].start()]
        if gap == after and len(gap) == 1 and gap in _SPACES + _HYPHENS:
            gap, k = "-", k + 1
    if len(gap) != 1 or gap not in _SPACES + _HYPHENS:
        return 0, idx + 1
    unit = loc.cardinals.get(tokens[k].group().lower())
    if unit is None or unit < 1:
        return 0, idx + 1
    # Tens take 1-9 (`twenty-five`), sixty also 10-19 (`soixante-quinze`), ten only 7-9 when
    # hyphenated (`dix-sept`); anything else is two numbers side by side.
    if unit <= 9 and (tens != 10 or (unit >= 7 and gap in _HYPHENS)):
        return unit, k + 1
    if 10 <= unit <= 19 and tens == 60:
        return unit, k + 1
    return 0, idx + 1


def _extract_spelled(text: str, work: str, g: _Grammar, taken: Sequence[Number]) -> list[Number]:
    """Numbers written in letters: words (`deux`, `two million`), month names, roman ordinals."""
    loc = g.loc
    lexicon = g.lexicon
    roman_re = g.roman_re
    spans = [n.span for n in taken]
    tokens = list(_LETTERS.finditer(work))
    out: list[Number] = []
    skip = 0
    for idx, tok in enumerate(tokens):
        word = tok.group()
        low = word.lower()
        month, base, article = lexicon.get(low, _NOT_A_NUMBER_WORD)
        roman = word[0] in "IVXLC"
        if month is None and base is None and not article and not roman:
            continue
        start, end = tok.span()
        if start < skip or any(a < end and start < b for a, b in spans):
            continue
        if roman:
            rank = _roman_word(word, roman_re)
            if rank is not None:
                out.append(Number(_dec(str(rank)), (start, end), text[start:end], SPELLED))
                continue
        if (
            month is not None
            and (not loc.months_capitalized or word[0].isupper())
            and _DIGIT.search(work, max(0, start - 8), end + 8) is not None
        ):
            out.append(Number(_dec(str(month)), (start, end), text[start:end], SPELLED))
            continue
        if base is None and not article:
            continue
        k = idx + 1
        if base is not None and base in _TENS and loc.cardinals.get(low) == base:
            unit, k = _compound_unit(work, tokens, idx, loc)
            if unit:
                base += unit
                end = tokens[k - 1].end()
        exponent = 0
        last = k + 1  # at most two scale words: `mil millones`
        while k < len(tokens) and k <= last:
            nxt = tokens[k]
            gap = work[tokens[k - 1].end() : nxt.start()]
            step = loc.scale_words.get(nxt.group().lower())
            if step is None or len(gap) != 1 or gap not in _SPACES + "-":
                break
            exponent += step
            end = nxt.end()
            k += 1
        if base is None and not exponent:
            continue  # an article (`a`) counts only before a scale word
        value = _scaled(_dec(str(1 if base is None else base)), exponent)
        out.append(Number(value, (start, end), text[start:end], SPELLED))
        skip = end
    return out


# --------------------------------------------------------------------------- public API


def extract_numbers(text: str, lang: str, *, mask: Iterable[Span] = ()) -> list[Number]:
    """Every number of ``text`` read with the conventions of ``lang``, in text order.

    ``mask`` lists extra ``(start, end)`` spans to ignore (inline codes, terms); URLs,
    e-mail addresses, placeholders, entities, tags and phone numbers are always ignored.
    """
    g = _grammar(lang)
    work = _masked(text, mask)
    numbers = _extract_digits(text, work, g)
    spelled = _extract_spelled(text, work, g, numbers)
    if spelled:
        numbers = sorted(numbers + spelled, key=lambda n: n.span)
    return numbers


def _by_span(numbers: Iterable[Number]) -> list[Number]:
    return sorted(numbers, key=lambda n: n.span)


def _diff(
    left: list[Number], right: list[Number], key: Callable[[Number], Hashable]
) -> tuple[list[Number], list[Number]]:
    """Multiset difference both ways, keeping the Number objects (earliest ones matched first)."""
    pool: dict[Hashable, list[Number]] = {}
    for n in right:
        pool.setdefault(key(n), []).append(n)
    rest = []
    for n in left:
        bucket = pool.get(key(n))
        if bucket:
            bucket.pop(0)
        else:
            rest.append(n)
    return rest, _by_span(n for bucket in pool.values() for n in bucket)


def _value(n: Number) -> Decimal:
    return n.value


def _use_alternatives(left: list[Number], right: list[Number]) -> tuple[list[Number], list[Number]]:
    """Match the numbers of ``left`` that have other readings against what ``right`` has left."""
    if not any(n.alternatives for n in left):
        return left, right
    pool: dict[Decimal, list[Number]] = {}
    for n in right:
        pool.setdefault(n.value, []).append(n)
    rest = []
    for n in left:
        for reading in n.alternatives:
            need: dict[Decimal, int] = {}
            for v in reading:
                need[v] = need.get(v, 0) + 1
            if all(len(pool.get(v, ())) >= c for v, c in need.items()):
                for v, c in need.items():
                    del pool[v][:c]
                break
        else:
            rest.append(n)
    return rest, _by_span(n for bucket in pool.values() for n in bucket)


def _cross_alternatives(
    left: list[Number], right: list[Number]
) -> tuple[list[Number], list[Number]]:
    """Both sides ambiguous: a single-value reading of one equals one of the other."""
    rest_right = list(right)
    rest_left = []
    for n in left:
        mine = {r[0] for r in n.alternatives if len(r) == 1}
        for m in rest_right:
            if mine & {r[0] for r in m.alternatives if len(r) == 1}:
                rest_right.remove(m)
                break
        else:
            rest_left.append(n)
    return rest_left, rest_right


def _forgive(numbers: list[Number], by: list[Number]) -> tuple[list[Number], list[Number]]:
    """Drop each number that a number of ``by`` with the same value vouches for (each once)."""
    if not numbers or not by:
        return numbers, by
    rest, unused = _diff(numbers, by, _value)
    return rest, unused


# Between the two ends of a range: `7-9`, `7–9`, `7..9`, `7 - 9`.
_RANGE_GAP = re.compile(r"[ \u00a0]?(?:[-\u2013\u2014]|\.\.\.?|…)[ \u00a0]?")
_RANGE_MAX = 20


def _inside_ranges(
    rest: list[Number], own: Sequence[Number], other: Sequence[Number], other_text: str
) -> list[Number]:
    """Drop the whole numbers that the other side writes as part of a range.

    `7, 8 ou 9` / `7-9`: a number of ``rest`` strictly between the ends of a range of
    ``other`` (at most _RANGE_MAX apart), when ``own`` (the side of ``rest``) has both ends.
    """
    ranges = []
    for a, b in pairwise(other):
        if (
            a.kind == NUMBER
            and b.kind == NUMBER
            and a.value == a.value.to_integral_value()
            and b.value == b.value.to_integral_value()
            and 0 < b.value - a.value <= _RANGE_MAX
            and _RANGE_GAP.fullmatch(other_text, a.span[1], b.span[0]) is not None
        ):
            ranges.append((a.value, b.value))
    if not ranges:
        return rest
    values = {n.value for n in own}
    return [
        n
        for n in rest
        if not (
            n.value == n.value.to_integral_value()
            and any(lo < n.value < hi and lo in values and hi in values for lo, hi in ranges)
        )
    ]


def _ident_key(n: Number) -> str:
    return "".join(c for c in n.text if c.isalpha()).casefold()


def _ident_value_key(n: Number) -> tuple[str, Decimal]:
    return _ident_key(n), n.value


_NO_DIFF: Final = NumberDiff()


def _read_digits(
    text: str, lang: str, mask: tuple[Span, ...]
) -> tuple[_Grammar, str, tuple[Number, ...]]:
    """The grammar, masked text and digit numbers of one side."""
    g = _grammar(lang)
    work = _masked(text, mask)
    return g, work, tuple(_extract_digits(text, work, g))


def numbers_agree(source: str, source_lang: str, target: str, target_lang: str) -> bool:
    """A cheap test: ``True`` when :func:`compare_numbers` certainly finds nothing to report.

    ``False`` means "not known": the full comparison must decide. It is ``True`` when
    neither side has a digit, or when both sides read without anything that needs the full
    reading (identifiers, signs, phone numbers, ungrouped digit words one space apart: see
    :func:`_read_sorted`) and hold the same values, which the full comparison accepts
    without looking further. One compiled pattern per language reads a number with its
    grouping, decimal mark, scale word, percent and ordinal suffix, without building any
    Number.
    """
    if source == target:
        return True  # as compare_numbers says
    first = _DIGIT.search(source)
    if first is None:
        return _DIGIT.search(target) is None or _read_sorted(target, target_lang) == ()
    state = _agreed_state
    if state[2]:
        state[2] -= 1  # a memory that does not repeat: the cache is off for a while
        key = None
    else:
        key = (source, target, source_lang, target_lang)
        if key in _AGREED:
            state[1] += 1
            return True
        state[0] += 1
        if state[0] >= _AGREED_TRIAL:
            if state[1] * 20 < state[0]:
                state[2] = _AGREED_PAUSE
                _AGREED.clear()
            state[0] = state[1] = 0
    left = _read_sorted(source, source_lang, first.start())
    if left is None or left != _read_sorted(target, target_lang):
        return False
    if key is not None and len(source) + len(target) <= _AGREED_MAX_TEXT:
        if len(_AGREED) >= _AGREED_SIZE:
            _AGREED.clear()
        _AGREED[key] = None
    return True


# Pairs with numbers found to agree: memories repeat units a lot. A plain dict emptied when
# full (a fixed bound) costs a miss less than least-recently-used bookkeeping. Only texts
# are kept: no work for the garbage collector. When fewer than 1 in 20 of the last
# _AGREED_TRIAL look-ups hit (a memory that does not repeat), the cache is off for the next
# _AGREED_PAUSE units with digits, then tried again.
_AGREED_SIZE = 16384
_AGREED_MAX_TEXT = 2000
_AGREED_TRIAL = 2048
_AGREED_PAUSE = 32768
_AGREED: dict[tuple[str, str, str, str], None] = {}
_agreed_state = [0, 0, 0]  # misses and hits of the current trial, units left in a pause


def compare_numbers(
    source: str,
    source_lang: str,
    target: str,
    target_lang: str,
    *,
    source_mask: Iterable[Span] = (),
    target_mask: Iterable[Span] = (),
) -> NumberDiff:
    """Which numbers of ``source`` the ``target`` lacks and which it adds, compared by value.

    Each side is read with its own language's conventions. A difference is forgiven when
    another reading of the same surface matches (``1 200`` as two numbers, ``10K`` as 10,
    ``2 p.m.`` as 14, ``2019-20`` as 2020), when the other side spells the value in words
    (``trois``, ``May`` for 5 in a date, ``XXIe`` for 21), or when a plain number matches
    the digits of an identifier on the other side (``COVID 19`` / ``COVID-19``). Identifiers
    are reported only against an identifier with the same letters on the other side
    (``G7`` / ``G8``), so that ``m2`` / ``m²`` or ``CO2`` / ``carbon dioxide`` stay silent.
    """
    if _DIGIT.search(source) is None and _DIGIT.search(target) is None:
        return _NO_DIFF  # spelled numbers only ever forgive, so nothing can differ
    source_mask, target_mask = tuple(source_mask), tuple(target_mask)
    if source == target and source_mask == target_mask:
        # The same text carries the same numbers, whatever each language's notation makes
        # of them (`1,500`, `19,4 millions` read in a language without `millions`).
        return NumberDiff(
            (),
            (),
            _read_digits(source, source_lang, source_mask)[2],
            _read_digits(target, target_lang, target_mask)[2],
        )
    return _compare(source, source_lang, target, target_lang, source_mask, target_mask)


def _compare(
    source: str,
    source_lang: str,
    target: str,
    target_lang: str,
    source_mask: tuple[Span, ...],
    target_mask: tuple[Span, ...],
) -> NumberDiff:
    """:func:`compare_numbers` past its test for digits."""
    sg, swork, src = _read_digits(source, source_lang, source_mask)
    tg, twork, tgt = _read_digits(target, target_lang, target_mask)
    s_plain = [n for n in src if n.kind != IDENTIFIER]
    t_plain = [n for n in tgt if n.kind != IDENTIFIER]
    # The usual case, the same values on both sides and no identifier: what the general path
    # below finds too, without its multiset bookkeeping.
    same_count = len(s_plain) == len(t_plain) == len(src) == len(tgt)
    if same_count and sorted(n.value for n in src) == sorted(n.value for n in tgt):
        return NumberDiff((), (), src, tgt)
    missing, extra = _diff(s_plain, t_plain, _value)
    s_ident = [n for n in src if n.kind == IDENTIFIER]
    t_ident = [n for n in tgt if n.kind == IDENTIFIER]
    if not missing and not extra and not s_ident and not t_ident:
        return NumberDiff((), (), tuple(src), tuple(tgt))

    if missing or extra:
        missing, extra = _use_alternatives(missing, extra)
        extra, missing = _use_alternatives(extra, missing)
        if missing and extra:
            missing, extra = _cross_alternatives(missing, extra)

    ident_missing, ident_extra = _diff(s_ident, t_ident, _ident_value_key)
    missing, ident_extra = _forgive(missing, ident_extra)
    extra, ident_missing = _forgive(extra, ident_missing)
    # An identifier is a name, not a count: written more often on one side (`EXPR1` in a
    # usage line and again in its description) it is still the same name.
    t_pairs = {_ident_value_key(n) for n in t_ident}
    s_pairs = {_ident_value_key(n) for n in s_ident}
    ident_missing = [n for n in ident_missing if _ident_value_key(n) not in t_pairs]
    ident_extra = [n for n in ident_extra if _ident_value_key(n) not in s_pairs]
    # Left over on both sides with the same digits and other letters: a translated name
    # (`FICHIER1` / `FILE1`) or a misspelt one, not a wrong number.
    ident_missing, ident_extra = _forgive(ident_missing, ident_extra)
    t_keys = {_ident_key(n) for n in t_ident}
    s_keys = {_ident_key(n) for n in s_ident}
    ident_missing = [n for n in ident_missing if _ident_key(n) in t_keys]
    ident_extra = [n for n in ident_extra if _ident_key(n) in s_keys]

    if missing:
        missing, _ = _forgive(missing, _extract_spelled(target, twork, tg, tgt))
    if missing:
        missing = _inside_ranges(missing, src, tgt, target)
    if extra:
        extra, _ = _forgive(extra, _extract_spelled(source, swork, sg, src))
    if extra:
        extra = _inside_ranges(extra, tgt, src, source)
    return NumberDiff(
        tuple(_by_span(missing + ident_missing)),
        tuple(_by_span(extra + ident_extra)),
        tuple(src),
        tuple(tgt),
    )
