"""Streaming TBX reader: TBX 2 (``martif``), TBX v3 (``tbx``, DCA/DCT styles), legacy TBX-Min."""

from __future__ import annotations

import functools
from typing import Any

from lxml import etree

from tmqa.errors import InputError
from tmqa.langtags import canonical, matches
from tmqa.model import Term, TermStatus
from tmqa.readers.glossary import (
    Concept,
    ParsedGlossary,
    WrittenTerm,
    clean_term,
    parse_picklist_status,
    parse_status,
)
from tmqa.readers.xmlsafe import (
    MOJIBAKE_SAMPLE,
    XML_LANG,
    check_doctype,
    iterparse,
    looks_like_mojibake,
    open_xml,
    syntax_error,
)

TBX3_NS = "urn:iso:std:iso:30042:ed-2"

# Element names across the dialects (matched on local names: v3 files are namespaced).
# TBX 2: termEntry/langSet/(tig|ntig/termGrp)/term; TBX v3: conceptEntry/langSec/termSec/term;
# TBX-Min 2013: termEntry/langSet/tig (later revisions entry/langGroup/termGroup).
CONCEPT_TAGS = frozenset({"termEntry", "conceptEntry"})
LEGACY_CONCEPT_TAGS = CONCEPT_TAGS | {"entry"}
LANG_TAGS = frozenset({"langSet", "langSec", "langGroup"})
TERM_CONTAINERS = frozenset({"tig", "ntig", "termSec", "termGroup"})
# Official status data categories: any value counts (unknown values read as admitted).
STATUS_TYPES = frozenset({"administrativestatus", "normativeauthorization", "termstatus"})
STATUS_ELEMENTS = frozenset({"administrativeStatus", "normativeAuthorization", "termStatus"})
# Tool picklists (SDL MultiTerm "Status", "Usage"...): only clear values count.
PICKLIST_TYPES = frozenset({"status", "usage", "usagestatus", "termusage", "termstatus"})
# Where a status can hide inside a term container; lxml filters on these in C.
_STATUS_CANDIDATES = tuple(
    "{*}" + name for name in ("termNote", "descrip", "admin", *sorted(STATUS_ELEMENTS))
)
# A term component list describes parts of the term, not the term: its notes are not the status.
_SKIP_SUBTREES = frozenset({"termCompList", "termCompSec"})
# Only these elements reach Python while streaming (per-element events would dominate the time).
_STREAM_TAGS = tuple("{*}" + name for name in (*sorted(LEGACY_CONCEPT_TAGS), "languages"))

_LOCAL_NAMES: dict[Any, str] = {}


def _local(tag: Any) -> str:
    """Local name of a tag (``""`` for comments, PIs, entities), memoised: tags repeat."""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = _LOCAL_NAMES[tag] = tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
    return name


def _namespace(tag: Any) -> str:
    if isinstance(tag, str) and tag.startswith("{"):
        return tag[1:].split("}", 1)[0]
    return ""


@functools.lru_cache(maxsize=256)
def _norm_type(value: str | None) -> str:
    return "".join(value.split()).replace("_", "").replace("-", "").lower() if value else ""


class _TbxReader:
    def __init__(self, path: str, allow_huge: bool) -> None:
        self.path = path
        self.allow_huge = allow_huge
        self.parsed = ParsedGlossary(path)
        self.lang_sections = 0
        self.root_lang: str | None = None
        self._langs: dict[str, str] = {}  # xml:lang as written -> canonical tag

    # -- text -----------------------------------------------------------------------------

    def _text(self, el: Any, where: str) -> str:
        if not len(el):
            return el.text or ""  # the common case: no <hi>, no entity, no comment
        parts: list[str] = []
        self._walk(el, parts, where)
        return "".join(parts)

    def _walk(self, el: Any, parts: list[str], where: str) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            if child.tag is etree.Entity:
                raise InputError(
                    self.path,
                    f"entities are not allowed (reference {child.text} in <{where}>)",
                    child.sourceline or el.sourceline,
                )
            if isinstance(child.tag, str):
                self._walk(child, parts, where)  # <hi> and friends: their text is the term's
            if child.tail:
                parts.append(child.tail)

    # -- structure ------------------------------------------------------------------------

    def _status(self, container: Any, term_el: Any) -> TermStatus:
        official: TermStatus | None = None
        picklist: TermStatus | None = None
        for el in container.iter(*_STATUS_CANDIDATES):
            if self._in_component(el, container):
                continue
            name = _local(el.tag)
            if name in STATUS_ELEMENTS:
                kind = "official"
            elif name in ("termNote", "descrip", "admin"):
                t = _norm_type(el.get("type"))
                if t in STATUS_TYPES:
                    kind = "official"
                elif t in PICKLIST_TYPES:
                    kind = "picklist"
                else:
                    continue
            else:
                continue
            value = self._text(el, name)
            if kind == "official" and official is None:
                # An unknown value of an official category (legalTerm-admn-sts...) still
                # means the term is usable.
                official = parse_status(value) or TermStatus.ADMITTED
            elif kind == "picklist" and picklist is None:
                picklist = parse_picklist_status(value)
        return official or picklist or TermStatus.ADMITTED

    @staticmethod
    def _in_component(el: Any, container: Any) -> bool:
        parent = el.getparent()
        while parent is not None and parent is not container:
            if _local(parent.tag) in _SKIP_SUBTREES:
                return True
            parent = parent.getparent()
        return False

    @staticmethod
    def _find_term(container: Any) -> Any:
        return next(container.iter("{*}term"), None)

    def _add_term(self, concept: Concept, lang: str, term_el: Any, status: TermStatus) -> None:
        raw = self._text(term_el, "term")
        line = term_el.sourceline or concept.line
        self.parsed.written.append(WrittenTerm(lang, line, raw, "term"))
        concept.terms.append(Term(clean_term(raw), lang, status, line))

    def _concept(self, el: Any, index: int) -> Concept:
        line = el.sourceline or 0
        concept = Concept(el.get("id") or f"L{line or index}", line)
        notes: list[str] = []
        for child in el:
            name = _local(child.tag)
            if name == "note":
                text = clean_term(self._text(child, "note"))
                if text:
                    notes.append(text)
            elif name in LANG_TAGS:
                self._lang_section(concept, child, name)
        concept.note = " ".join(notes)
        return concept

    def _lang_section(self, concept: Concept, section: Any, name: str) -> None:
        self.lang_sections += 1
        tag = section.get(XML_LANG) or section.get("lang")
        if not tag or not tag.strip():
            raise InputError(
                self.path, f"<{name}> without xml:lang", section.sourceline or concept.line
            )
        lang = self._langs.get(tag)
        if lang is None:
            lang = self._langs[tag] = canonical(tag)
            self.parsed.add_language(lang)
        for child in section:
            cname = _local(child.tag)
            if cname in TERM_CONTAINERS:
                term_el = self._find_term(child)
                if term_el is None:
                    # Invalid, but the rest of the glossary is usable: lint reports it as empty.
                    line = child.sourceline or concept.line
                    self.parsed.written.append(WrittenTerm(lang, line, "", "term"))
                    continue
                self._add_term(concept, lang, term_el, self._status(child, term_el))
            elif cname == "term":
                # A bare <term> in the language section is invalid TBX, but its meaning is plain.
                self._add_term(concept, lang, child, TermStatus.ADMITTED)

    # -- streaming ------------------------------------------------------------------------

    def read(self) -> ParsedGlossary:
        fh, declared = open_xml(self.path)
        with fh:
            if looks_like_mojibake(declared, fh.read(MOJIBAKE_SAMPLE)):
                # Read as declared, every accented term would become "Ã©"-garbage that
                # never matches a segment: refuse rather than check against mojibake.
                raise InputError(
                    self.path,
                    f"the XML declaration says encoding={declared!r} but the bytes are UTF-8; "
                    "fix the declaration (encoding=\"UTF-8\")",
                    1,
                )
            fh.seek(0)
            try:
                self._stream(fh)
            except (etree.XMLSyntaxError, OSError) as exc:
                raise syntax_error(self.path, exc) from None
            except UnicodeDecodeError as exc:
                raise InputError(self.path, f"undecodable text: {exc.reason}") from None
            except LookupError as exc:  # an encoding Python cannot decode the text from
                raise InputError(self.path, f"unsupported encoding: {exc}") from None
        return self.parsed

    def _stream(self, fh: Any) -> None:
        path = self.path
        root: Any = None
        concept_tags = CONCEPT_TAGS
        index = 0
        events = iterparse(fh, allow_huge=self.allow_huge, events=("end",), tag=_STREAM_TAGS)
        for _event, el in events:
            if root is None:
                root = el.getroottree().getroot()
                check_doctype(path, root)
                concept_tags = self._check_root(root)
            name = _local(el.tag)
            if name == "languages":
                source = el.get("source")  # TBX-Min 2013 header
                if source and self.parsed.source_lang is None:
                    self.parsed.source_lang = canonical(source)
            elif name in concept_tags:
                index += 1
                self.parsed.concepts.append(self._concept(el, index))
                el.clear(keep_tail=False)
                # Drop already-processed siblings so the tree does not grow with the file.
                parent = el.getparent()
                if parent is not None:
                    while el.getprevious() is not None:
                        del parent[0]
        if root is None:
            root = events.root
            if root is None:
                raise InputError(path, "not a TBX file (no root element)", 1)
            check_doctype(path, root)
            self._check_root(root)
        if not self.lang_sections:
            raise InputError(
                path,
                "no language sections (<langSet> or <langSec>) found: not a usable TBX glossary",
                root.sourceline or 1,
            )
        if self.parsed.source_lang is None:
            root = self.root_lang
            self.parsed.source_lang = next(
                (lang for lang in self.parsed.languages if root and matches(lang, root)),
                self.parsed.languages[0] if self.parsed.languages else None,
            )

    def _check_root(self, el: Any) -> frozenset[str]:
        name = _local(el.tag)
        lang = el.get(XML_LANG)
        self.root_lang = canonical(lang) if lang else None
        if name == "martif":
            return CONCEPT_TAGS
        if name == "tbx":
            ns = _namespace(el.tag)
            if ns and ns != TBX3_NS:
                raise InputError(
                    self.path,
                    f"root <tbx> is in namespace {ns!r}, not {TBX3_NS!r}: not a TBX v3 file",
                    el.sourceline,
                )
            return CONCEPT_TAGS
        if name == "TBX":
            return LEGACY_CONCEPT_TAGS
        raise InputError(
            self.path,
            f"root element is <{name or el.tag}>, not <martif> (TBX 2) or <tbx> (TBX v3): "
            "not a TBX glossary",
            el.sourceline,
        )


def read_tbx(path: str, *, allow_huge: bool = False) -> ParsedGlossary:
    """Read every concept of a TBX file, streaming; raise InputError on unusable input."""
    return _TbxReader(path, allow_huge).read()
