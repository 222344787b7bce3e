"""Glossary loading: format chosen by content, the records TBX/CSV readers share, status words."""

from __future__ import annotations

import codecs
import functools
import hashlib
import re
from dataclasses import dataclass, field
from typing import Literal

from tmqa.errors import InputError
from tmqa.model import Glossary, Term, TermEntry, TermStatus

_XML_MAGIC = (b"\x1f\x8b", b"PK\x03\x04")  # compressed input: let the XML sniffer explain it


@dataclass(frozen=True, slots=True)
class WrittenTerm:
    """One term field exactly as the author wrote it (a CSV cell or a TBX ``<term>``), for lint."""

    lang: str
    line: int
    raw: str
    kind: Literal["cell", "term"]


@dataclass(slots=True)
class Concept:
    """One concept as read, before de-duplication: its terms keep every repetition (for lint)."""

    id: str
    line: int
    terms: list[Term] = field(default_factory=list)
    note: str = ""


@dataclass(slots=True)
class ParsedGlossary:
    """What a glossary reader returns: concepts, every written term field, and the languages seen.

    ``source_lang`` is the file's own idea of its source language (the first language column
    of a CSV, the root ``xml:lang`` of a TBX when entries use it), used by lint when the user
    gives no ``--source-lang``.
    """

    path: str
    concepts: list[Concept] = field(default_factory=list)
    written: list[WrittenTerm] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    source_lang: str | None = None

    def add_language(self, lang: str) -> None:
        if lang not in self.languages:
            self.languages.append(lang)


# --- status vocabulary -------------------------------------------------------------------------

_STATUS_WORDS: dict[str, TermStatus] = {
    "preferred": TermStatus.PREFERRED,
    "admitted": TermStatus.ADMITTED,
    "allowed": TermStatus.ADMITTED,
    "permitted": TermStatus.ADMITTED,
    "acceptable": TermStatus.ADMITTED,
    "standardized": TermStatus.ADMITTED,
    "standardised": TermStatus.ADMITTED,
    "legal": TermStatus.ADMITTED,
    "regulated": TermStatus.ADMITTED,
    "forbidden": TermStatus.FORBIDDEN,
    "deprecated": TermStatus.FORBIDDEN,
    "superseded": TermStatus.FORBIDDEN,
    "notrecommended": TermStatus.FORBIDDEN,
    "obsolete": TermStatus.FORBIDDEN,
    "prohibited": TermStatus.FORBIDDEN,
    "banned": TermStatus.FORBIDDEN,
    "donotuse": TermStatus.FORBIDDEN,
    "dontuse": TermStatus.FORBIDDEN,
    "notallowed": TermStatus.FORBIDDEN,
}
_NON_WORD = re.compile(r"[\s_\-'’.]+")
# Free-text picklists (SDL MultiTerm ``<descrip type="Status">``) only count when the value
# clearly says it: "Approved by legal" must not become preferred, "Do not use!" is forbidden.
_CLEARLY_FORBIDDEN = re.compile(
    r"\b(forbidden|deprecated|superseded|obsolete|prohibited|banned|do\s*n[o']?t\s+use|"
    r"not\s+(?:allowed|recommended|to\s+be\s+used))\b",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=256)
def parse_status(value: str) -> TermStatus | None:
    """Map a status word from any vocabulary (TBX, TBX-Min, CSV) to a TermStatus, or None.

    ``preferredTerm-admn-sts`` -> preferred; ``admittedTerm-``, ``standardizedTerm-`` ->
    admitted; ``deprecatedTerm-``, ``supersededTerm-``, ``notRecommended``, ``obsolete``,
    ``forbidden``, ``do not use`` -> forbidden. Case and separators do not matter.
    """
    key = value.strip().lower()
    key = key.removesuffix("-admn-sts")
    key = _NON_WORD.sub("", key)
    if key.endswith("term") and key != "term":
        key = key[: -len("term")]
    return _STATUS_WORDS.get(key)


def parse_picklist_status(value: str) -> TermStatus | None:
    """A tool's custom status picklist value: only a value that clearly names a status counts."""
    exact = parse_status(value)
    if exact is not None:
        return exact
    if _CLEARLY_FORBIDDEN.search(value):
        return TermStatus.FORBIDDEN
    return None


# --- loading -----------------------------------------------------------------------------------


def clean_term(raw: str) -> str:
    """The term as matched: surrounding whitespace dropped, inner runs (line wraps) collapsed."""
    return " ".join(raw.split())


def file_digest(path: str) -> str:
    """First 12 hex digits of the SHA-256 of the file's bytes (part of the report signature)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError as exc:
        raise InputError(path, f"cannot read file: {exc.strerror or exc}") from None
    return h.hexdigest()[:12]


def _head(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(1024)
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a glossary file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read file: {exc.strerror or exc}") from None


def looks_like_xml(head: bytes) -> bool:
    """True when the first bytes are XML (in UTF-8, UTF-16 with or without BOM) or compressed."""
    if head.startswith(_XML_MAGIC):
        return True
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        enc = "utf-16-le" if head.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        return head[2:].decode(enc, errors="ignore").lstrip().startswith("<")
    if head.startswith((b"<\x00", b"\x00<")):
        return True
    return head.lstrip().startswith(b"<")


def parse_glossary(path: str) -> ParsedGlossary:
    """Read a TBX (v2 ``martif``, v3 ``tbx``, TBX-Min) or CSV/TSV glossary, chosen by content."""
    head = _head(path)
    if not head:
        raise InputError(path, "file is empty (0 bytes)", 1)
    if looks_like_xml(head):
        from tmqa.readers.tbx import read_tbx

        parsed = read_tbx(path)
    else:
        from tmqa.readers.tabular import read_tabular

        parsed = read_tabular(path)
    return parsed


def to_entries(parsed: ParsedGlossary) -> tuple[TermEntry, ...]:
    """Concepts as immutable entries: empty terms dropped, exact repeats of a term merged.

    Raises InputError when nothing is left: a glossary without terms would check nothing.
    """
    entries: list[TermEntry] = []
    for concept in parsed.concepts:
        terms = [t for t in concept.terms if t.text]
        if len({(t.lang, t.text) for t in terms}) != len(terms):
            seen: set[tuple[str, str, TermStatus]] = set()
            unique: list[Term] = []
            for term in terms:
                key = (term.lang, term.text, term.status)
                if key not in seen:
                    seen.add(key)
                    unique.append(term)
            terms = unique
        if terms:
            entries.append(
                TermEntry(concept.id, tuple(terms), parsed.path, concept.line, concept.note)
            )
    if not entries:
        raise InputError(parsed.path, "glossary has no terms", 1)
    return tuple(entries)


def load_glossary(path: str) -> Glossary:
    """Load one glossary file (TBX 2/3 or CSV/TSV); bad input raises InputError with file:line."""
    entries = to_entries(parse_glossary(path))
    return Glossary(entries, (path,), file_digest(path))
