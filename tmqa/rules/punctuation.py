"""Punctuation and typography rules (P1xx): end marks, brackets, spaces, repeats, case, quotes."""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from tmqa.context import Context
from tmqa.langtags import primary
from tmqa.locale.typography import EXCLAMATION_BRANDS, Typography, typography
from tmqa.model import Severity, Side, Unit
from tmqa.patterns import MASK_CHAR
from tmqa.rules.registry import Problem, rule
from tmqa.terms.commonwords import unknown_word
from tmqa.textutil import NO_BREAK_SPACES, SPACES, code_offsets, scanned

# --- P101 end-punctuation ------------------------------------------------------------------

# Skipped at the end before reading the final mark: US style puts the period inside the
# quote (`harm."`) where French puts it after (`nuire ».`); both end with a period.
_CLOSERS = "\"'»”’“›)]}」』】〕）］｝"
_END_MARKS = {
    ".": ".", "。": ".", "．": ".", "?": "?", "？": "?", "؟": "?", "!": "!", "！": "!",
    ":": ":", "：": ":", "…": "…", ";": ";", "；": ";", ",": ",", "，": ",", "、": ",",
}
_KIND_NAME = {".": "a period", "?": "a question mark", "!": "an exclamation mark",
              ":": "a colon", "…": "an ellipsis", "": "no punctuation"}
_LETTER = re.compile(r"[^\W\d_]")
# A side ending with "," or ";" is a sentence split mid-way or a list item.
_NOT_JUDGED = (",", ";")


def _end_mark(text: str, lang: str) -> tuple[str, int, int]:
    """The kind of the final punctuation of ``text`` and its span (empty span when none)."""
    i = len(text)
    while i and (text[i - 1] in _CLOSERS or text[i - 1].isspace()):
        i -= 1
    if not i or text[i - 1] not in _END_MARKS:
        return "", i, i
    j = i - 1
    while j and text[j - 1] in _END_MARKS:
        j -= 1
    group = "".join([_END_MARKS[c] for c in text[j:i]])
    if ";" in group and primary(lang) == "el":
        group = group.replace(";", "?")  # the Greek question mark is ";"
    # "?!" and "!!!" are questions and exclamations; "..." is an ellipsis like "…".
    for kind in ("?", "!", "…"):
        if kind in group:
            return kind, j, i
    if "..." in group:
        return "…", j, i
    for kind in (":", ";", ","):
        if kind in group:
            return kind, j, i
    return ".", j, i


# Abbreviations whose period can end a segment without ending a sentence ("Belgian (alt.)",
# "avant J.-C.", "etc."), in the languages tmqa has tables for; compared case-folded.
_ABBREVIATIONS = frozenset(
    {
        "etc", "alt", "ca", "approx", "cf", "vol", "nr", "p", "pp", "eds", "fig", "figs",
        "inc", "ltd", "corp", "jr", "sr", "dr", "mr", "mrs", "ms", "st", "vs", "env", "av",
        "apr", "mme", "mlle", "cie", "éd", "usw", "bzw", "ggf", "vgl", "ecc", "pag", "sig",
        "sra", "srta", "ud", "uds", "e.g", "i.e", "j.-c", "a.m", "p.m", "n.b", "n.d", "u.s",
        "u.k", "c.-à-d", "z.b", "d.h",
    }
)
_ABBREVIATION_END = re.compile(r"(?:^|[\s(\[«“\"'])((?:[^\W\d_]+[.-]+)*[^\W\d_]+)\.$")


def _abbreviation_period(text: str, end: int) -> bool:
    """The period ending at ``end`` belongs to an abbreviation (`alt.`, `J.-C.`, `etc.`)."""
    m = _ABBREVIATION_END.search(text, max(0, end - 16), end)
    return m is not None and m.group(1).casefold() in _ABBREVIATIONS


@rule("P101", "end-punctuation", Severity.WARNING)
def end_punctuation(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """The final punctuation of the target differs in kind from the source's.

    Kinds: period, question mark, exclamation mark, colon, ellipsis (`...` and `…` are the
    same), or none. The final mark is read after removing closing quotes and brackets and
    the space French puts before `? ! : ;`, so `limite ?` matches `deadline?` and
    `nuire ».` matches US-style `harm."`. `?!` counts as a question. Full-width marks
    (`。？！`), the Arabic `؟` and the Greek question mark `;` are read as their kind.
    Not judged: a side ending with `,` or `;` (a segment split mid-sentence, or list
    items, whose punctuation conventions differ between languages), a side without
    any letter (numbers, symbols), and a final period that belongs to a common
    abbreviation (`Belgian (alt.)`, `avant J.-C.`, `etc.`). Located on the target's final mark.

    ## Why is this bad?
    A question turned into a statement, a dropped period or a colon introducing nothing
    changes the meaning or breaks the layout of lists and UI strings.

    ## Example
    source: `Voulez-vous enregistrer les modifications ?`
    target: `Do you want to save the changes.`
    Use instead: `Do you want to save the changes?`
    """
    target = unit.target
    if target is None:
        return
    s, t = unit.source.plain, target.plain
    if not _LETTER.search(s) or not _LETTER.search(t):
        return
    ks, _, s_end = _end_mark(s, unit.source_lang)
    kt, start, end = _end_mark(t, unit.target_lang)
    if ks == kt or ks in _NOT_JUDGED or kt in _NOT_JUDGED:
        return
    if (ks == "." and _abbreviation_period(s, s_end)) or (
        kt == "." and _abbreviation_period(t, end)
    ):
        return  # "Belgian (alt.)" / "Belge (variante)": the period is the abbreviation's
    yield Problem(
        "target",
        (start, end),
        f"target ends with {_KIND_NAME[kt]}, source with {_KIND_NAME[ks]}",
    )


# --- P102 bracket-mismatch -----------------------------------------------------------------

_BRACKET = {
    "(": ("()", 1), ")": ("()", -1), "（": ("()", 1), "）": ("()", -1),
    "[": ("[]", 1), "]": ("[]", -1), "［": ("[]", 1), "］": ("[]", -1),
    "{": ("{}", 1), "}": ("{}", -1), "｛": ("{}", 1), "｝": ("{}", -1),
}
_PAIR_NAME = {"()": "parentheses", "[]": "square brackets", "{}": "braces"}
# Every bracket and quotation mark except ’, which is mostly the apostrophe.
_PAIRED = re.compile(r"[()\[\]{}（）［］｛｝\"«»“”„‘‚]")
# Not brackets, though they look like them:
#   fichier(s) employé(e)s   French and English inflection markers; the number of them
#                            differs between languages ("le ou les fichier(s)" / "file(s)")
#   1) a) iv)          list and enumeration markers, often "1." in the other language;
#                      only when no "(" is open ("(voir a)" closes its parenthesis)
#   :-) ;) :(          emoticons
_INFLECTION = re.compile(r"\((?:e|s|es|x|ne|nes|le|les|fe|ve|rice|trice|euse|ère|en|in)\)")
_LIST_MARKER = re.compile(r"\d{1,3}|[A-Za-z]|[ivxIVX]{1,4}")


class _Balance(NamedTuple):
    counts: dict[str, list[int]]
    unmatched: dict[str, list[int]]
    quotes: list[int]


def _emoticon(text: str, k: int) -> bool:
    """The bracket at ``k`` is the mouth of :) ;) :-( and the like."""
    before = text[k - 1] if k else ""
    return before in (":", ";") or (before == "-" and k > 1 and text[k - 2] in ":;")


def _list_marker(text: str, k: int) -> bool:
    """The ")" at ``k`` ends a list marker: "1) Ouvrez", "voir a) et b)"."""
    if k + 1 < len(text) and not text[k + 1].isspace():
        return False
    j = k
    while j and not text[j - 1].isspace():
        j -= 1
    return _LIST_MARKER.fullmatch(text, j, k) is not None


def _unmatched(marks: list[tuple[int, str]], opener: str, closers: str) -> list[int]:
    """Positions of unmatched ``opener``/``closers`` characters, nesting counted."""
    stack: list[int] = []
    lost: list[int] = []
    for k, c in marks:
        if c == opener:
            stack.append(k)
        elif c in closers:
            if stack:
                stack.pop()
            else:
                lost.append(k)
    return lost + stack


def _quote_balance(text: str, quotes: list[tuple[int, str]], typo: Typography) -> list[int]:
    """Positions of quotation marks without their partner, over every quote style."""
    lost: list[int] = []
    chars = {c for _, c in quotes}
    if '"' in chars:
        straight = [k for k, c in quotes if c == '"']
        if len(straight) % 2:
            # 27" is an inch mark, not an opening quote.
            straight = [k for k in straight if not (k and text[k - 1].isdigit())]
        if len(straight) % 2:
            lost.append(straight[-1])
    if "«" in chars or "»" in chars:
        first = next(c for _, c in quotes if c in "«»")
        # German »…« points inwards; elsewhere (and in Swiss German) «…» points outwards.
        if first == "»" and (("»", "«") in typo.quotes or not typo.lang):
            lost += _unmatched(quotes, "»", "«")
        else:
            lost += _unmatched(quotes, "«", "»")
    if "„" in chars:
        lost += _unmatched(quotes, "„", "“”")
    elif "“" in chars:
        lost += _unmatched(quotes, "“", "”")
    elif "”" in chars and sum(c == "”" for _, c in quotes) % 2:
        lost.append(text.rfind("”"))  # Swedish/Finnish ”…” uses one character for both
    if "‘" in chars or "‚" in chars:
        # ’ is also the apostrophe: only an opening ‘ or ‚ without any later ’ or ‘ is lost.
        opener = "‚" if "‚" in chars else "‘"
        closer = "‘" if opener == "‚" else "’"
        k = text.find(opener)
        while k >= 0:
            close = text.find(closer, k + 1)
            if close < 0:
                lost.append(k)
                break
            k = text.find(opener, close + 1)
    return sorted(lost)


def _balance(text: str, typo: Typography) -> _Balance:
    counts: dict[str, list[int]] = {}
    unmatched: dict[str, list[int]] = {}
    depth: dict[str, list[int]] = {}
    quotes: list[tuple[int, str]] = []
    skip = -1
    for m in _PAIRED.finditer(text):
        k = m.start()
        c = text[k]
        b = _BRACKET.get(c)
        if b is None:
            quotes.append((k, c))
            continue
        kind, step = b
        stack = depth.setdefault(kind, [])
        if k == skip or _emoticon(text, k):
            continue
        if c == "(" and k and text[k - 1].isalpha():
            inflection = _INFLECTION.match(text, k)
            if inflection is not None:
                skip = inflection.end() - 1
                continue
        if c == ")" and not stack and _list_marker(text, k):
            continue
        n = counts.setdefault(kind, [0, 0])
        if step > 0:
            n[0] += 1
            stack.append(k)
        else:
            n[1] += 1
            if stack:
                stack.pop()
            else:
                unmatched.setdefault(kind, []).append(k)
    for kind, stack in depth.items():
        if stack:
            unmatched.setdefault(kind, []).extend(stack)
    return _Balance(counts, unmatched, _quote_balance(text, quotes, typo) if quotes else [])


def _describe_count(n: list[int]) -> str:
    return f"{n[0]} opening and {n[1]} closing"


_PARENTHETICAL = re.compile(r"\(([^()]*)\)")
_GLOSS_STRIP = " \u00a0\u202f\"'«»“”‘’`"  # a gloss may quote the word: (« statoverride »)


def _glosses(target: str, source: str) -> int:
    """Parentheses the translation adds around a source word it explains ("image de machine
    virtuelle (VM)", "analyser (parse)") or as call notation ("settype()"): not an aside
    the source lacks."""
    low = source.casefold()
    n = 0
    for m in _PARENTHETICAL.finditer(target):
        inner = m.group(1).strip(_GLOSS_STRIP)
        if not inner or (
            len(inner) > 1 and inner.casefold() in low and _WORD.search(inner) is not None
        ):
            n += 1
    return n


def _only_glosses(source: str, sc: list[int], target: str, tc: list[int]) -> bool:
    """The side with more (balanced) parentheses has more only by its glosses."""
    if tc[0] > sc[0] and tc[0] == tc[1]:
        return tc[0] - _glosses(target, source) == sc[0] and sc[0] == sc[1]
    if sc[0] > tc[0] and sc[0] == sc[1]:
        return sc[0] - _glosses(source, target) == tc[0] and tc[0] == tc[1]
    return False


@rule("P102", "bracket-mismatch", Severity.WARNING)
def bracket_mismatch(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """Brackets or quotes are unbalanced in the target, or the sides have different brackets.

    Reported: a `(`, `[` or `{` without its partner in the target (or the reverse); a
    quotation mark without its partner; and different numbers of (), [] or {} on the two
    sides. Quote styles are equivalent: French `« »`, English `" "` and `“ ”`, German
    `„ “` and `» «`, Swedish `” ”` all count as quotes, so `« Bonjour »` matches
    `"Hello"`. An imbalance the source shares is not reported: a quotation that spans
    several segments opens in one and closes in a later one. Not brackets: emoticons
    `:-)`, inflection markers `fichier(s)`, `employé(e)s`, list markers `1)` `a)`, inch
    marks `27"`, apostrophes (`’` and `'`: only an opening `‘` without any later `’`
    counts), Spanish `¿ ?` and `¡ !`, and anything inside URLs and placeholders (M102
    compares those), and parentheses one side adds around words of the other side it
    explains (`image de machine virtuelle (VM)`, `analyser (parse)`) or as call notation
    (`settype()`). Located on the unbalanced character, or on the whole target when only
    the numbers differ.

    ## Why is this bad?
    A lost closing bracket or quote leaves the reader unsure where an aside or a
    quotation ends; a dropped parenthesis often means a dropped aside.

    ## Example
    source: `Le contrat (signé en 2018) est annulé.`
    target: `The contract (signed in 2018 is cancelled.`
    Use instead: `The contract (signed in 2018) is cancelled.`
    """
    if unit.target is None:
        return
    if _PAIRED.search(unit.source.plain) is None and _PAIRED.search(unit.target.plain) is None:
        return  # no bracket or quote on either side: most segments
    s = scanned(unit, "source", ctx).masked
    t = scanned(unit, "target", ctx).masked
    sb = _balance(s, typography(unit.source_lang))
    tb = _balance(t, typography(unit.target_lang))
    if not (sb.counts or tb.counts or tb.quotes):
        return
    for kind in ("()", "[]", "{}"):
        lost = tb.unmatched.get(kind, [])
        if len(lost) > len(sb.unmatched.get(kind, [])):
            k = lost[0]
            yield Problem("target", (k, k + 1), f"unbalanced {t[k]!r} in the target")
            continue
        sc = sb.counts.get(kind, [0, 0])
        tc = tb.counts.get(kind, [0, 0])
        if sc != tc and not (kind == "()" and _only_glosses(s, sc, t, tc)):
            yield Problem(
                "target",
                (0, len(t)),
                f"{_PAIR_NAME[kind]}: target has {_describe_count(tc)}, "
                f"source has {_describe_count(sc)}",
            )
    if len(tb.quotes) > len(sb.quotes):
        k = tb.quotes[0]
        yield Problem("target", (k, k + 1), f"quotation mark {t[k]} without its partner")


# --- P103 whitespace -----------------------------------------------------------------------

_SPACE_RUN = re.compile(f"[{SPACES}]{{2,}}")
_NBSP_LIKE = str.maketrans({c: " " for c in SPACES})


def _is_typography_run(text: str, start: int, end: int, typo: Typography) -> bool:
    """A run of spaces next to a mark whose spacing the typography rule (P106) judges."""
    after = text[end] if end < len(text) else ""
    before = text[start - 1] if start else ""
    if after and after in typo.spacing_marks:
        return True
    return typo.space_inside_guillemets and (after == "»" or before == "«")


def _double_spaces(
    text: str, typo: Typography, codes: frozenset[int], *, layout: bool = True
) -> list[tuple[int, int]]:
    """The runs of spaces in ``text`` that P103 judges; with ``layout=False`` the column
    and indentation runs too (to count what the source has)."""
    body_start = len(text) - len(text.lstrip())
    body_end = len(text.rstrip())
    out: list[tuple[int, int]] = []
    multiline = layout and "\n" in text
    # Multi-line text laid out in columns (wider gaps elsewhere): its double spaces are
    # column gaps too (`\ddp    [PATRÓN]  listar`, a column the translation made shorter).
    columns = multiline and "   " in text
    for m in _SPACE_RUN.finditer(text, body_start, body_end):
        s, e = m.span()
        # Layout, not a typing slip: indentation after a line break, spaces before one, and
        # column alignment in multi-line text (command-line help: `-v, --verbose     Be loud`).
        if multiline and (
            columns or text[s - 1] == "\n" or text[e : e + 1] == "\n" or e - s > 2
        ):
            continue
        # "Click <ph/> to start": the code between the spaces is what they surround.
        if any(s < c < e for c in codes):
            continue
        if not _is_typography_run(text, s, e, typo):
            out.append((s, e))
    return out


def _show(ws: str) -> str:
    if not ws:
        return "none"
    n = len(ws)
    kinds = {" ": "space", "\t": "tab", "\n": "line break", "\u00a0": "no-break space"}
    names = {kinds.get(c, f"U+{ord(c):04X}") for c in ws}
    return f"{n} × " + "/".join(sorted(names)) if n > 1 else names.pop()


@rule("P103", "whitespace", Severity.WARNING)
def whitespace(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """Leading or trailing whitespace differs between the sides, or the target has a double space.

    Leading and trailing runs are compared exactly, except that no-break and thin spaces
    count as spaces. A double space is two or more consecutive spaces (including no-break
    ones) inside the target; not reported: runs around an inline code (`Click <ph/> to`),
    runs before `? ! : ;` or inside `« »` (the typography rule P106 judges French
    spacing), and double spaces the source has at least as many of (mirrored formatting,
    such as the LISA kit's `[   ]`). Tabs and line breaks are layout and are not counted,
    nor, in multi-line text, indentation, spaces before a line break and runs of three or
    more spaces (column alignment in command-line help), nor any double space of
    multi-line text that has such wider gaps (a column the translation made shorter).

    ## Why is this bad?
    Leading and trailing whitespace usually separates the segment from its neighbours or
    from a variable; losing or adding it glues words together or doubles spaces when the
    strings are concatenated. A double space inside a sentence is a typing slip that shows
    in print and breaks search.

    ## Example
    source: `Fichier enregistré. `
    target: `File  saved.`
    Use instead: `File saved. `
    """
    target = unit.target
    if target is None:
        return
    s, t = unit.source.plain, target.plain
    s_lead = s[: len(s) - len(s.lstrip())]
    t_lead = t[: len(t) - len(t.lstrip())]
    if t.strip():
        if s_lead.translate(_NBSP_LIKE) != t_lead.translate(_NBSP_LIKE):
            yield Problem(
                "target",
                (0, len(t_lead)),
                f"leading whitespace: target {_show(t_lead)}, source {_show(s_lead)}",
            )
        s_trail = s[len(s.rstrip()) :]
        t_trail = t[len(t.rstrip()) :]
        if s_trail.translate(_NBSP_LIKE) != t_trail.translate(_NBSP_LIKE):
            yield Problem(
                "target",
                (len(t) - len(t_trail), len(t)),
                f"trailing whitespace: target {_show(t_trail)}, source {_show(s_trail)}",
            )
    if "  " not in t and not any(c in t for c in NO_BREAK_SPACES):
        return
    runs = _double_spaces(t, typography(unit.target_lang), code_offsets(unit, "target", ctx))
    if not runs:
        return
    mirrored = _double_spaces(
        s, typography(unit.source_lang), code_offsets(unit, "source", ctx), layout=False
    )
    if len(runs) <= len(mirrored):
        return
    for start, end in runs:
        yield Problem("target", (start, end), f"{end - start} consecutive spaces", " ")


# --- P104 repeated-word --------------------------------------------------------------------

# Whole words (letters, with inner apostrophes so that "l'a a" is "l'a" then "a"), separated
# by spaces only: "Bye. Bye" is two sentences, and digits ("1 1") are not words.
_REPEAT = re.compile(
    r"(?<![\w'’-])([^\W\d_]+(?:['’][^\W\d_]+)*)[ \t\u00a0\u202f]+(\1)(?![\w'’-])",
    re.IGNORECASE,
)


# Pre-test: every repeat is two equal adjacent tokens once punctuation, symbols and the
# mask of placeholders are spaces, so texts without such tokens skip the (slow,
# backtracking) repeat pattern. Characters up to U+30FF cover Latin, Greek, Cyrillic and
# CJK punctuation.
@functools.cache
def _separators() -> tuple[bytes, re.Pattern[str]]:
    """The separators as a byte table for ASCII text, and a pattern of the runs between
    them for other text (str.translate with a dict costs twice as much there)."""
    separators = [c for c in range(0x3100) if unicodedata.category(chr(c))[0] in "PSZC"]
    table = bytearray(range(256))
    for c in separators:
        if c < 128:
            table[c] = 32  # the space, which bytes.split() splits on
    run = re.compile("[^" + "".join(re.escape(chr(c)) for c in separators) + "]+")
    return bytes(table), run


def _may_repeat(text: str) -> bool:
    low = text.lower()
    table, run = _separators()
    ascii_text = low.isascii()
    words = low.encode("ascii").translate(table).split() if ascii_text else run.findall(low)
    return any(map(operator.eq, words, words[1:]))


def _exceptions(ctx: Context) -> frozenset[str]:
    extra: list[str] = ctx.option("P104", "exceptions", [])
    if not extra:
        return frozenset()
    out: set[str] = set()
    for item in extra:
        words = str(item).casefold().split()
        if len(words) == 1:
            words *= 2
        out.add(" ".join(words))
    return frozenset(out)


@rule("P104", "repeated-word", Severity.WARNING, options={"exceptions": []})
def repeated_word(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """A word is immediately repeated in the target ("the the", "de de"), ignoring case.

    Words are compared whole, across inline codes (`the <ph/> the` is a repeat) but not
    across punctuation or line breaks ("Bye. Bye"), a tab or a gap of several spaces
    (column layout in help text: `-b FICHIER  FICHIER existe`); numbers are not words
    ("1 1"). Not
    reported: grammatical repeats listed per language (French "nous nous", "vous vous";
    German "die die"; names such as "Bora Bora"), and a repeat the source has too.
    "that that" and "had had" are reported: they are grammatical, but a slip is likelier.
    Option `exceptions` (default `[]`): more legitimate repeats, as "had had" or "had".
    Located on the second occurrence.

    ## Why is this bad?
    A doubled word is a classic typing or editing slip that spell checkers miss and
    readers notice.

    ## Example
    source: `Le contrat a été annulé.`
    target: `The the contract was cancelled.`
    Use instead: `The contract was cancelled.`
    """
    if unit.target is None:
        return
    t = scanned(unit, "target", ctx).masked
    if not _may_repeat(t):
        return
    hits = list(_REPEAT.finditer(t))
    if not hits:
        return
    allowed = typography(unit.target_lang).repeat_exceptions | _exceptions(ctx)
    source = None
    codes: frozenset[int] | None = None
    for m in hits:
        word = m.group(1).casefold()
        if f"{word} {word}" in allowed:
            continue
        gap_start, gap_end = m.end(1), m.start(2)
        if gap_end - gap_start > 1 or t[gap_start] == "\t":
            # More than one space: an inline code between the words (a repeat), or else a
            # column gap or a tab, which is layout ("-b FICHIER   FICHIER existe": help text
            # listing a metavariable, then starting its description with it).
            if codes is None:
                codes = code_offsets(unit, "target", ctx)
            if not any(gap_start < c <= gap_end for c in codes):
                continue
        if source is None:
            source = {h.group(1).casefold() for h in _REPEAT.finditer(unit.source.plain)}
        if word in source:
            continue
        yield Problem("target", m.span(2), f"repeated word {m.group(2)!r}", m.group(1))


# --- P105 capitalization -------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")


def _start(text: str) -> int:
    """Offset of the first character after leading spaces and Spanish ¿ ¡."""
    k = 0
    n = len(text)
    while k < n and (text[k].isspace() or text[k] in "¿¡"):
        k += 1
    return k


def _first_word(text: str, k: int) -> str:
    m = _WORD.match(text, k)
    return m.group() if m else ""


_TOKEN = re.compile(r"\w+")


def _acronym(text: str, k: int) -> bool:
    """The word at ``k`` is an acronym or a code (``PDF``, ``H1N1``, ``A4``), not sentence case:
    "PDF files" / "fichiers PDF" is a fragment on both sides."""
    m = _TOKEN.match(text, k)
    token = m.group() if m else ""
    return (len(token) > 1 and token.isupper()) or any(c.isdigit() for c in token)


# Words English title case leaves in lower case ("Department of Homeland Security").
_TITLE_MINOR = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of",
     "on", "or", "the", "to", "up", "via", "with"}
)


def _title_case(text: str) -> bool:
    """``text`` is a multi-word name or title in title case (``Southern Luri``, ``Tai Le``,
    ``Save As Template``): its capitals are a convention of the language, not a slip."""
    if text.rstrip().endswith((".", "?", "!", ":", "…")):
        return False
    words = _WORD.findall(text)
    major = [w for w in words if w.casefold() not in _TITLE_MINOR]
    return len(major) >= 2 and all(w[0].isupper() for w in major)


def _proper_noun(word: str, other: str) -> bool:
    """The capitalized word also stands, capitalized, in the other side: a name, not case."""
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", other) is not None


@rule("P105", "capitalization", Severity.WARNING)
def capitalization(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """The first letter is upper case on one side and lower case on the other.

    Only judged when both sides start with a cased letter (after leading spaces, inline
    codes and Spanish `¿ ¡`): a segment starting with a number, a quote, a bracket, a
    placeholder or a URL, or a letter of a script without case, is skipped. Not reported:
    a word its language writes in lower case where the other capitalizes it (French
    months, days, languages and nationalities: `janvier 2020 :` / `January 2020:`), a word
    always capitalized in its language (English "I", months), a German upper-case start
    (every noun is capitalized), an acronym or code (`PDF files` / `fichiers PDF`,
    `H1N1`), a brand with an inner capital (`iPhone`, `eBay`), a first word that is no
    frequent word of its language (a name, whose case conventions differ: `rempi` /
    `Rempi`), a capitalized side in title case (`luri méridional` / `Southern Luri`), and a
    capitalized first word that also stands in the other side (a name: `selon Microsoft`
    / `Microsoft says`). Lower case on both sides (list fragments) is fine.
    Located on the target's first word.

    ## Why is this bad?
    A sentence that starts in lower case, or a fragment that suddenly starts upper case,
    is a slip that shows in the UI; it often means the segment was split or joined
    differently from the source.

    ## Example
    source: `Enregistrer le fichier`
    target: `save the file`
    Use instead: `Save the file`
    """
    target = unit.target
    if target is None:
        return
    s = scanned(unit, "source", ctx).masked
    t = scanned(unit, "target", ctx).masked
    i, j = _start(s), _start(t)
    if i >= len(s) or j >= len(t):
        return
    a, b = s[i], t[j]
    if a.isupper() == b.isupper() or a.islower() == b.islower():
        return  # same case, or a side that does not start with a cased letter
    ws, wt = _first_word(s, i), _first_word(t, j)
    if a.isupper():
        up, up_lang, low, low_lang, low_text = ws, unit.source_lang, wt, unit.target_lang, t
        up_text, up_start = s, i
    else:
        up, up_lang, low, low_lang, low_text = wt, unit.target_lang, ws, unit.source_lang, s
        up_text, up_start = t, j
    up_typo, low_typo = typography(up_lang), typography(low_lang)
    if (
        up_typo.nouns_capitalized
        or any(c.isupper() for c in low[1:])
        or low.casefold() in low_typo.lowercase_words
        or up.casefold() in up_typo.capitalized_words
        or _acronym(up_text, up_start)
        or _proper_noun(up, low_text)
        # A first word no frequent-word list knows is a name ("rempi" / "Rempi"), whose
        # case follows each language's own rule.
        or unknown_word(up, up_lang)
        or unknown_word(low, low_lang)
        # The same word on both sides (`afar` / `Afar`): a name, cased by each language's rule.
        or (up.casefold() == low.casefold() and bool(low_typo.lowercase_words))
        or _title_case(up_text)
    ):
        return
    case = "upper" if b.isupper() else "lower"
    other = "lower" if case == "upper" else "upper"
    fixed = wt[:1].swapcase() + wt[1:]
    yield Problem(
        "target", (j, j + len(wt)), f"target starts in {case} case, source in {other} case", fixed
    )


# --- P106 typography -----------------------------------------------------------------------

_FR_MARKS = re.compile(r"[?!:;«»\"]")
_SPACED_MARK = re.compile(f"[{SPACES}]([?!]+|[:;])")
# What _glued can report on: a spaced mark or a guillemet (a pre-test on the plain text).
_GLUED_MARKS = re.compile(f"[{SPACES}][?!:;]|«")
# What may follow a mark used as punctuation; anything else ("10:30", "16:9", "page?id=3",
# "!important", the emoticons ":)" ";-)") means the mark is not punctuation there.
_PUNCT_FOLLOWERS = "»”\"’.,…"
_NBSP = "\u00a0"
_NNBSP = "\u202f"


class _Finding(NamedTuple):
    span: tuple[int, int]
    message: str
    suggestion: str | None
    plain_space: bool = False


def _space_run(text: str, end: int) -> int:
    """Start of the run of spaces that ends at ``end``."""
    k = end
    while k and text[k - 1] in SPACES:
        k -= 1
    return k


class _French:
    """French spacing and quotes of one text; ``no_break_used`` tells whether the text
    already spaces some mark with a no-break space (then a plain space is a slip)."""

    def __init__(self, text: str, typo: Typography, codes: frozenset[int]) -> None:
        self.text = text
        self.typo = typo
        self.codes = codes
        self.no_break_used = False
        self.found: list[_Finding] = []
        self._scan()

    def _space(self, start: int, end: int, where: str, nb: str) -> None:
        """Judge the spaces text[start:end] where one no-break space ``nb`` belongs."""
        run = self.text[start:end]
        if any(start < c < end for c in self.codes):
            return
        if len(run) > 1:
            self.found.append(_Finding(
                (start, end), f"{len(run)} spaces {where}; French uses one no-break space", nb))
        elif run in NO_BREAK_SPACES:
            self.no_break_used = True
        else:
            name = "a plain space" if run == " " else f"U+{ord(run):04X}"
            self.found.append(_Finding(
                (start, end),
                f"{name} {where} can wrap to the next line; French uses a no-break space "
                "(U+00A0, or the narrow U+202F)",
                nb,
                plain_space=True,
            ))

    def _scan(self) -> None:
        text, n = self.text, len(self.text)
        straight: list[int] = []
        for m in _FR_MARKS.finditer(text):
            s, e = m.span()
            mark = text[s]
            if mark in "?!":
                if s and text[s - 1] in "?!":
                    continue  # inside a "?!" group, judged from its first mark
                while e < n and text[e] in "?!":
                    e += 1
            if mark == '"':
                # 27" (inches) and attribute="value" are not quotation marks.
                if not s or not (text[s - 1].isdigit() or text[s - 1] == "="):
                    straight.append(s)
            elif mark == "«":
                self._after_opening(s, e, n)
            elif mark == "»":
                self._before_closing(s, e)
            elif s:
                self._before_mark(text[s:e], s, e, n)
        # Pairs only: a lone " names the character or closes a quotation opened in another
        # segment, and P102 judges the balance.
        for k in range(0, len(straight) - 1, 2):
            a, b = straight[k], straight[k + 1]
            inner = text[a + 1 : b].strip()
            self.found.append(_Finding(
                (a, b + 1), 'straight quotes "…"; French uses « … » with no-break spaces',
                f"«{_NBSP}{inner}{_NBSP}»"))

    def _after_opening(self, s: int, e: int, n: int) -> None:
        text = self.text
        if e >= n or text[e] == "»":
            return
        if text[e] in SPACES:
            k = e
            while k < n and text[k] in SPACES:
                k += 1
            if k < n:
                self._space(e, k, "after «", _NBSP)
        elif e not in self.codes and not text[e].isspace():
            self.found.append(_Finding((s, e), "no space after «; French puts a no-break space "
                                       "inside « »", f"«{_NBSP}"))

    def _before_closing(self, s: int, e: int) -> None:
        text = self.text
        if not s or text[s - 1] == "«":
            return
        if text[s - 1] in SPACES:
            k = _space_run(text, s)
            if k:
                self._space(k, s, "before »", _NBSP)
        elif s not in self.codes and not text[s - 1].isspace():
            self.found.append(_Finding((s, e), "no space before »; French puts a no-break space "
                                       "inside « »", f"{_NBSP}»"))

    def _before_mark(self, group: str, s: int, e: int, n: int) -> None:
        text = self.text
        mark = group[0]
        if mark in ":;" and ((e < n and text[e] == mark) or text[s - 1] == mark):
            return  # "::" (C++, IPv6), ";;"
        after = text[e] if e < n else ""
        if after and not (after.isspace() or after in _PUNCT_FOLLOWERS
                          or (mark in "?!" and after in ")]")):
            return
        required = mark in self.typo.space_before
        if not required and mark not in self.typo.space_before_optional:
            return
        nb = _NBSP if mark == ":" else _NNBSP
        prev = text[s - 1]
        if prev in SPACES:
            k = _space_run(text, s)
            if k and not text[k - 1].isspace() and (required or k < s - 1):
                self._space(k, s, f"before {group}", nb)
            return
        if not required or prev.isspace() or s in self.codes:
            return
        if not (prev.isalnum() or prev in "»”\"’)]}%_"):
            return  # "...?" and the "!" of "?!": the space goes before the whole group
        j = s
        while j and text[j - 1].isalpha():
            j -= 1
        w = text[j:s]
        if mark == "!" and w.casefold() in EXCLAMATION_BRANDS:
            return  # Yahoo!
        if mark == ":" and len(w) == 1 and w.isupper() and not (j and text[j - 1].isalnum()):
            return  # drive letter "C:"
        if mark == ":" and self._code_label(s, w):
            return
        self.found.append(_Finding(
            (s, e), f"no space before {group}; French puts a no-break space before {mark}",
            nb + group))


    def _code_label(self, s: int, word: str) -> bool:
        """The token before the colon at ``s`` is a program, field or placeholder name
        (``%s:``, ``tty_lock:``, ``nreloc:``): the Unix ``name: message`` convention, which
        French translators keep, not French prose."""
        text = self.text
        j = s
        while j and not text[j - 1].isspace() and text[j - 1] not in "«(\"'“":
            j -= 1
        token = text[j:s]
        if MASK_CHAR in token or (
            any(c.isdigit() for c in token) and any(c.isalpha() for c in token)
        ):
            return True  # a placeholder or an identifier (`utf8:`); "étape 1:" is still prose
        return token == word and word.islower() and unknown_word(word, self.typo.lang or "")


def _mirrored_marks(other: str, other_typo: Typography) -> str:
    """The marks the other side also spaces, in a language that does not space them itself:
    copied layout ("Type : %s" / "Tipo : %s", "[in WORDS ... ;]"), not a typing habit."""
    if _GLUED_MARKS.search(other) is None:
        return ""
    spaced = {m.group(1)[0] for m in _SPACED_MARK.finditer(other)}
    own = set(other_typo.space_before) | set(other_typo.space_before_optional)
    return "".join(sorted(spaced - own))


def _glued(
    text: str, typo: Typography, codes: frozenset[int], mirrored: str = ""
) -> Iterator[_Finding]:
    """Languages that glue ? ! (and : ; in German, Spanish, Italian) to the preceding word.

    Not reported: a run of several spaces before the mark (column alignment), and a mark
    the other side spaces too although its language does not (``mirrored``).
    """
    n = len(text)
    name = typo.lang or "this language"
    if typo.foreign_guillemets and "«" in text:
        # Only pairs: a lone « or » is an arrow or a breadcrumb ("Home » Help").
        k = text.find("«")
        while k >= 0:
            close = text.find("»", k + 1)
            if close < 0:
                break
            yield _Finding((k, close + 1), f"guillemets « » in {name} text; use “…” or \"…\"",
                           None)
            k = text.find("«", close + 1)
    for m in _SPACED_MARK.finditer(text):
        s, e = m.span(1)
        mark = text[s]
        if mark not in typo.no_space_before or (s and text[s - 1] in "?!"):
            continue
        k = _space_run(text, s)
        if not k or text[k - 1].isspace() or any(k <= c <= s for c in codes):
            continue
        if s - k > 1 or mark in mirrored:
            continue  # "flags      : 0x%04x", or the source's own layout
        after = text[e] if e < n else ""
        if after and not (after in SPACES or after in "\"'”’»)]."):
            continue
        if after and after in SPACES and text[e:].lstrip(SPACES)[:1].islower():
            continue  # "Press ? for help", "a ! b": a symbol, not punctuation
        yield _Finding((k, s), f"space before {text[s:e]}: {name} puts no space before {mark}",
                       "")


@rule("P106", "typography", Severity.INFO, options={"require-no-break-space": False})
def typography_rule(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """Spacing and quotes break the typography of the side's language (French, English...).

    Both sides are checked, each by its own language tag, so the French rules apply to
    the French side of FR->EN and EN->FR memories alike.
    French side: a missing space before `? ! : ;` (`limite?`), after `«` or before `»`;
    several spaces there; straight double quotes (French uses `« »`). A plain space there
    lets the mark wrap alone to the next line; it is reported when the same text spaces
    another mark with a no-break space (an inconsistency), or always with option
    `require-no-break-space` (default `false`): much real French text uses plain spaces.
    Canadian and Swiss French (`fr-CA`, `fr-CH`) need the space before `:` only.
    English side: a pair of guillemets `« »`, or a space before `?` or `!`; German,
    Spanish and Italian: a space before `? ! : ;`. Not reported there: several spaces
    before the mark (column alignment, `flags      : 0x%04x`), and a mark the other side
    spaces too when its language does not (`Type : %s` / `Tipo : %s` is the source's
    layout; `limite ?` / `deadline ?` is still reported, French spaces `?`).
    Not punctuation, so not judged: `10:30`, `16:9`, `https://`, `page?id=3`, `C:`,
    `std::`, emoticons `:-)`, `Yahoo!`, `Press ? for help`, URLs, e-mail addresses and
    placeholders, the second mark of `?!`, and a colon right after a placeholder, an
    identifier or a lower-case word that is no frequent French word (`%s:`, `tty_lock:`,
    `nreloc:`: the Unix `name: message` convention). Located on the mark or on the space.

    ## Why is this bad?
    French typography puts a no-break space before high punctuation and inside guillemets;
    without it the text looks machine-made, and with a plain space the mark can wrap to
    the next line. English guillemets or `word ?` are French habits carried over.

    ## Example
    source: `Quelle est la date limite?`
    target: `What is the deadline ?`
    Use instead: `Quelle est la date limite ?` and `What is the deadline?`
    """
    strict = bool(ctx.option("P106", "require-no-break-space", False))
    for side in _SIDES:
        if side == "target" and unit.target is None:
            continue
        typo = typography(unit.lang(side))
        plain = unit.text(side).plain
        if typo.space_before or typo.space_before_optional:
            if _FR_MARKS.search(plain) is None:
                continue  # no mark French typography judges: most segments
            text = scanned(unit, side, ctx).masked
            french = _French(text, typo, code_offsets(unit, side, ctx))
            keep_plain = strict or french.no_break_used
            for f in french.found:
                if keep_plain or not f.plain_space:
                    yield Problem(side, f.span, f.message, f.suggestion)
        elif typo.no_space_before or typo.foreign_guillemets:
            if _GLUED_MARKS.search(plain) is None:
                continue
            text = scanned(unit, side, ctx).masked
            other_side: Side = "target" if side == "source" else "source"
            mirrored = _mirrored_marks(
                unit.text(other_side).plain, typography(unit.lang(other_side))
            )
            for f in _glued(text, typo, code_offsets(unit, side, ctx), mirrored):
                yield Problem(side, f.span, f.message, f.suggestion)


_SIDES: tuple[Side, Side] = ("source", "target")
