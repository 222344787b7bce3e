"""Non-prose tokens of a segment: URLs, e-mail addresses, placeholders and character entities.

Several rules need to know where these sit: the markup rules compare them between the sides,
and the prose rules (punctuation, repeated words, typography) must not read ``?`` in
``page.php?id=3``, ``:`` in ``https://`` or ``{`` in ``{0}`` as punctuation. ``scan(text)``
finds them once; ``Scan.masked`` is the text with each token replaced by ``_`` characters
of the same length, so offsets stay valid and no token character looks like punctuation,
a word or a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

URL = "url"
EMAIL = "email"
PLACEHOLDER = "placeholder"
ENTITY = "entity"

MASK_CHAR = "_"


@dataclass(frozen=True, slots=True)
class Token:
    """One non-prose token: its kind, span in the text, the text itself and a comparison key."""

    kind: str
    start: int
    end: int
    text: str
    key: str


@dataclass(frozen=True, slots=True)
class Scan:
    """Every token of one text, by kind, and the text with the tokens masked."""

    urls: tuple[Token, ...]
    placeholders: tuple[Token, ...]
    entities: tuple[Token, ...]
    masked: str

    @property
    def tokens(self) -> tuple[Token, ...]:
        return tuple(sorted(self.urls + self.placeholders + self.entities, key=lambda t: t.start))


# Stops at whitespace and at quotes or guillemets that close a quoted URL.
_URL = re.compile(
    r"(?:\b(?:https?|ftps?|sftp|file)://|\bwww\.)[^\s<>\"«»“”‘’‹›|\\^`]+", re.IGNORECASE
)
_TRAILING = ".,;:!?'’…*"
_PAIRS = {")": "(", "]": "[", "}": "{"}
_SCHEME = re.compile(r"^(?:https?://)", re.IGNORECASE)

_EMAIL = re.compile(
    r"(?<![\w.+%-])[A-Za-z0-9][A-Za-z0-9._%+-]*@"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"\.[A-Za-z]{2,}(?![\w-])"
)

# What counts as a placeholder (a variable filled in at run time), in match order:
#   %%                       literal percent sign: consumed so that it is never a placeholder
#   %(name)s                 Python named printf
#   %s %d %5.2f %1$s %lld %@ C/Java/ObjC printf; no space flag, so French "50 % de" or
#                            "100 % des" is never "% d"; a bare conversion letter after a
#                            number and glued to a following letter ("20%off") is prose,
#                            but "%srelocation" and "%-17sEnable" are placeholders
#   %1 .. %99                Qt / Windows message positional arguments
#   %{name}                  Ruby i18n
#   ${name}                  shell / JavaScript template
#   {{ name }}               Jinja, Handlebars, Angular, Mustache
#   {count, plural, ...      the argument of an ICU plural/select (its inner text is prose)
#   {0} {name} {0:N2} {0,10} .NET, Python str.format, ICU simple arguments; not after a
#                            letter or backslash, so LaTeX "\emph{mot}" is not one, and
#                            a comma must lead to an alignment or an ICU type, so shell
#                            brace lists "{ascii,ebcdic,ibm}" are not one
# printf length modifiers (C99, BSD "q", Microsoft "I64"/"I32"): part of the placeholder.
PRINTF_LENGTH = "hh|h|ll|l|L|q|j|z|t|I64|I32"
_PLACEHOLDER = re.compile(
    r"""
    (?P<pct>%%)
    | (?P<pyname>%\((?P<pyn>[A-Za-z_][\w.-]*)\)[-+#0]*\d*(?:\.\d+)?(?P<pyc>[diouxXeEfFgGcrsa]))
    | (?P<printf>%(?:[1-9]\d*\$)?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?
        (?P<len>"""
    + PRINTF_LENGTH
    + r""")?(?P<conv>[diouxXeEfFgGaAcspn@])(?P<glued>(?=[A-Za-z]))?)
    | (?P<qt>(?<!\d)%(?P<qtn>[1-9]\d?)(?![\d$]))
    | (?P<ruby>%\{(?P<rubyn>[A-Za-z_]\w*)\})
    | (?P<dollar>\$\{\s*(?P<dn>[A-Za-z_][\w.]*)\s*\})
    | (?P<double>\{\{\s*(?P<dbl>[^{}]+?)\s*\}\})
    | (?P<icu>(?<![\\A-Za-z$%])\{\s*(?P<icun>[A-Za-z_]\w*|\d+)\s*,
        \s*(?:plural|select|selectordinal)\s*,)
    | (?P<brace>(?<![\\A-Za-z$%{])\{\s*(?P<bn>\d+|[A-Za-z_][\w.]*)\s*
        (?:,\s*(?:-?\d+|(?:number|date|time|spellout|ordinal|duration|choice)\b[^{}]*))?
        (?::[^{}]*)?\}(?!\}))
    """,
    re.VERBOSE,
)

_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def _trim_url(text: str) -> str:
    """Drop what ends a sentence rather than a URL: ``example.com/fr/page.`` or ``(https://x.org)``."""
    while text:
        last = text[-1]
        if last in _TRAILING or (last in _PAIRS and text.count(_PAIRS[last]) < text.count(last)):
            text = text[:-1]
        else:
            break
    return text


def url_key(url: str) -> str:
    """Comparison key of a URL: http/https dropped, host lower-cased, no trailing slash."""
    rest = _SCHEME.sub("", url)
    if "://" in rest:
        scheme, _, rest = rest.partition("://")
        prefix = scheme.lower() + "://"
    else:
        prefix = ""
    host, slash, path = rest.partition("/")
    key = prefix + host.lower() + slash + path
    return key.rstrip("/")


def _urls(text: str, web: bool, mail: bool) -> list[Token]:
    out: list[Token] = []
    if web:
        for m in _URL.finditer(text):
            url = _trim_url(m.group())
            if len(url) > 4:
                out.append(Token(URL, m.start(), m.start() + len(url), url, url_key(url)))
    if mail:
        # Match around each "@" only: scanning the whole text with the e-mail pattern costs
        # more than the rest of the scan on long segments.
        done = 0
        at = text.find("@")
        while at >= 0:
            e = _EMAIL.search(text, max(done, at - 64), at + 256)
            if e is not None and e.start() < at < e.end():
                s = e.start()
                if not any(t.start <= s < t.end for t in out):
                    out.append(Token(EMAIL, s, e.end(), e.group(), e.group().lower()))
                done = e.end()
            at = text.find("@", max(done, at + 1))
        out.sort(key=lambda t: t.start)
    return out


def _placeholder_key(m: re.Match[str]) -> str | None:
    kind = m.lastgroup
    if kind is None or kind == "pct":
        return None
    if kind == "pyname":
        return f"%({m.group('pyn')}){m.group('pyc')}"
    if kind == "printf":
        # Position, flags, width and precision are dropped: "%s de %s" and "%2$s de %1$s"
        # (reordered arguments) are the same placeholders.
        conv = m.group("conv")
        return f"%{m.group('len') or ''}{'d' if conv == 'i' else conv}"  # %i is %d
    if kind == "qt":
        return f"%{m.group('qtn')}"
    if kind == "ruby":
        return f"%{{{m.group('rubyn')}}}"
    if kind == "dollar":
        return f"${{{m.group('dn')}}}"
    if kind == "double":
        return "{{" + " ".join(m.group("dbl").split()) + "}}"
    if kind == "icu":
        return f"{{{m.group('icun')}}}"
    # .NET "{0:N2}" and "{0,10}": the format part may be localised ("{0:dd/MM}" in one
    # language, "{0:dd.MM}" in another), so only the argument is compared.
    return f"{{{m.group('bn')}}}"


_PLACEHOLDER_START = re.compile(r"[%${]")


def _placeholders(text: str, urls: list[Token]) -> list[Token]:
    out: list[Token] = []
    end = 0
    # Anchored matches at the few candidate characters: the alternation scanned over the
    # whole text is an order of magnitude slower on long segments.
    for c in _PLACEHOLDER_START.finditer(text):
        s = c.start()
        if s < end:
            continue
        m = _PLACEHOLDER.match(text, s)
        if m is None:
            continue
        if m.group("glued") is not None and s and text[s - 1].isdigit() and m.end() - s == 2:
            end = s + 1
            continue  # "20%off": a percentage glued to a word
        end = m.end()
        key = _placeholder_key(m)
        if key is None:
            continue
        # "%20" and "%E9" inside a URL are percent-encoding, not printf or Qt arguments.
        if urls and text[s] == "%" and any(t.start <= s < t.end for t in urls):
            continue
        out.append(Token(PLACEHOLDER, s, end, m.group(), key))
    return out


def _mask(text: str, tokens: list[Token]) -> str:
    """``text`` with each token (in text order) replaced by MASK_CHAR, overlaps skipped."""
    parts: list[str] = []
    pos = 0
    for t in tokens:
        if t.start < pos:
            continue
        parts.append(text[pos : t.start])
        parts.append(MASK_CHAR * (t.end - t.start))
        pos = t.end
    parts.append(text[pos:])
    return "".join(parts)


_EMPTY: tuple[Token, ...] = ()


# Scans of texts that hold tokens, least recently used dropped first: memories repeat
# segments a lot and a Scan is immutable. Texts without any (most prose) cost less to scan
# than to look up, and long texts rarely repeat and would make the cache heavy.
_CACHE_SIZE = 4096
_CACHE_MAX_TEXT = 1000


def scan(text: str) -> Scan:
    """Find the URLs, e-mail addresses, placeholders and entities of ``text``."""
    # Plain substring tests first: most prose segments have none of these characters and
    # skip every regular expression.
    web = "://" in text or "www." in text or "WWW." in text
    mail = "@" in text
    variables = "%" in text or "{" in text or "$" in text
    amp = "&" in text
    if not (web or mail or variables or amp):
        return Scan(_EMPTY, _EMPTY, _EMPTY, text)
    if len(text) > _CACHE_MAX_TEXT:
        return _scan(text, web, mail, variables, amp)
    return _cached_scan(text, web, mail, variables, amp)


def _scan(text: str, web: bool, mail: bool, variables: bool, amp: bool) -> Scan:
    """:func:`scan` past its substring tests, without the cache."""
    urls = _urls(text, web, mail) if web or mail else []
    placeholders = _placeholders(text, urls) if variables else []
    entities = (
        [Token(ENTITY, m.start(), m.end(), m.group(), m.group()) for m in _ENTITY.finditer(text)]
        if amp
        else []
    )
    if not (urls or entities):
        # Found in text order: nothing to merge.
        masked = _mask(text, placeholders) if placeholders else text
    else:
        tokens = sorted(urls + placeholders + entities, key=_start)
        masked = _mask(text, tokens)
    return Scan(tuple(urls), tuple(placeholders), tuple(entities), masked)


def _start(token: Token) -> int:
    return token.start


_cached_scan = lru_cache(maxsize=_CACHE_SIZE)(_scan)


def urls(text: str) -> tuple[Token, ...]:
    """URLs and e-mail addresses of ``text``, trailing sentence punctuation excluded."""
    return scan(text).urls


def placeholders(text: str) -> tuple[Token, ...]:
    """Run-time variables of ``text`` (printf, brace, ``${}``, ``{{}}``, Qt ``%1``)."""
    return scan(text).placeholders
