"""Glossary lint: problems in a TBX/CSV glossary itself, reported as ``path:line: CODE message``.

Codes (G007 is a warning, the rest are errors; any problem makes ``tmqa glossary lint`` exit 1):

G001 duplicate-entry
    Two entries with the same source terms and the same target terms (and statuses).
G002 conflicting-translation
    One source term whose preferred translations (the admitted ones when an entry has no
    preferred term) differ from one entry to another.
G003 case-duplicate
    Two terms of one language and status in one entry that differ only in case, or two
    entries whose terms differ only in case. Entries such as ``Apple -> Apple`` and
    ``apple -> pomme`` are not reported: their translations differ, so both are meant.
G004 empty-term
    An empty term cell, an empty variant between ``|`` separators, or an empty ``<term>``.
G005 surrounding-whitespace
    A term cell or ``<term>`` with leading or trailing whitespace (spaces around ``|`` are fine).
G006 preferred-and-forbidden
    One term listed both as preferred/admitted and as forbidden in the same entry.
G007 forbidden-without-alternative
    A forbidden term whose entry has no preferred or admitted term in that language: the
    checker can say what not to write, never what to write instead.
G008 duplicate-term
    The same term listed twice in one entry.

The source language is ``--source-lang``, else the file's own (the first language column of a
CSV; the root ``xml:lang`` of a TBX when its entries use it, else the first language seen).
Every other language is a target unless ``--target-lang`` names one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tmqa.errors import InputError
from tmqa.langtags import matches
from tmqa.model import Term, TermStatus
from tmqa.readers.glossary import Concept, ParsedGlossary, parse_glossary, to_entries


@dataclass(frozen=True, slots=True)
class LintCode:
    """One lint check: stable code, kebab-case name, severity label and one-line summary."""

    code: str
    name: str
    severity: str
    summary: str


CODES: tuple[LintCode, ...] = (
    LintCode("G001", "duplicate-entry", "error",
             "two entries with the same source and target terms"),
    LintCode("G002", "conflicting-translation", "error",
             "one source term, different preferred translations in different entries"),
    LintCode("G003", "case-duplicate", "error", "terms or entries that differ only in case"),
    LintCode("G004", "empty-term", "error", "an empty term cell, variant or <term>"),
    LintCode("G005", "surrounding-whitespace", "error",
             "a term with leading or trailing whitespace"),
    LintCode("G006", "preferred-and-forbidden", "error",
             "one term both accepted and forbidden in the same entry"),
    LintCode("G007", "forbidden-without-alternative", "warning",
             "a forbidden term with no preferred or admitted term in its language and entry"),
    LintCode("G008", "duplicate-term", "error", "the same term listed twice in one entry"),
)
SEVERITY = {c.code: c.severity for c in CODES}


@dataclass(frozen=True, slots=True, order=True)
class LintProblem:
    """One problem found in a glossary file."""

    path: str
    line: int
    code: str
    message: str

    @property
    def severity(self) -> str:
        return SEVERITY[self.code]

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.message}"


def epilog() -> str:
    """The code table for ``tmqa glossary lint --help``."""
    width = max(len(c.name) for c in CODES)
    rows = [f"  {c.code}  {c.name:<{width}}  {c.summary}" for c in CODES]
    return (
        "lint codes (G007 is a warning; any problem exits 1, unreadable input exits 2):\n"
        + "\n".join(rows)
    )


def _accepted(term: Term) -> bool:
    return term.status is not TermStatus.FORBIDDEN


def _fmt(texts: Iterable[str]) -> str:
    return " | ".join(repr(t) for t in sorted(texts))


class _Linter:
    def __init__(
        self, parsed: ParsedGlossary, source_lang: str | None, target_lang: str | None
    ) -> None:
        self.parsed = parsed
        self.path = parsed.path
        self.problems: list[LintProblem] = []
        langs = parsed.languages
        source = source_lang or parsed.source_lang or (langs[0] if langs else "")
        self.source = source
        sources = [lang for lang in langs if _related(lang, source)]
        if source_lang and not sources:
            raise InputError(
                self.path,
                f"no {source_lang} terms in this glossary (languages: {', '.join(langs)})",
            )
        targets = [lang for lang in langs if lang not in sources]
        if target_lang:
            targets = [lang for lang in targets if _related(lang, target_lang)]
            if not targets:
                raise InputError(
                    self.path,
                    f"no {target_lang} terms in this glossary (languages: {', '.join(langs)})",
                )
        self.sources = frozenset(sources)
        self.targets = tuple(targets)
        self.selected = self.sources | frozenset(targets)

    def add(self, line: int, code: str, message: str) -> None:
        self.problems.append(LintProblem(self.path, line, code, message))

    def run(self) -> list[LintProblem]:
        self._written()
        seen_entries: dict[tuple[object, ...], Concept] = {}
        seen_folded: dict[tuple[object, ...], Concept] = {}
        translations: dict[tuple[str, str], tuple[frozenset[str], Concept]] = {}
        for concept in self.parsed.concepts:
            terms = [t for t in concept.terms if t.text and t.lang in self.selected]
            self._within(concept, terms)
            # A duplicate entry would also "conflict" with itself: one report is enough.
            if not self._across(concept, terms, seen_entries, seen_folded):
                self._translations(concept, terms, translations)
        return sorted(self.problems)

    # -- as written -----------------------------------------------------------------------

    def _written(self) -> None:
        for w in self.parsed.written:
            if w.lang not in self.selected:
                continue
            raw = w.raw
            stripped = raw.strip()
            where = f"{w.lang} cell" if w.kind == "cell" else f"<term> in {w.lang}"
            if not stripped:
                self.add(w.line, "G004", f"empty {where}")
                continue
            if w.kind == "cell" and "|" in raw and any(not p.strip() for p in raw.split("|")):
                self.add(w.line, "G004", f"empty variant in {where} {raw!r}")
            if raw != stripped:
                self.add(w.line, "G005", f"{where} {raw!r} has leading or trailing whitespace")

    # -- one entry ------------------------------------------------------------------------

    def _within(self, concept: Concept, terms: list[Term]) -> None:
        first: dict[tuple[str, str, bool], Term] = {}
        folded: dict[tuple[str, str, bool], Term] = {}
        for term in terms:
            ok = _accepted(term)
            key = (term.lang, term.text, ok)
            if key in first:
                prev = first[key]
                statuses = (
                    term.status.value
                    if prev.status is term.status
                    else f"{prev.status.value} and {term.status.value}"
                )
                self.add(
                    term.line, "G008",
                    f"{term.lang} term {term.text!r} is listed twice in this entry ({statuses}; "
                    f"first at line {prev.line})",
                )
                continue
            first[key] = term
            other = first.get((term.lang, term.text, not ok))
            if other is not None:
                accepted, forbidden = (term, other) if ok else (other, term)
                self.add(
                    forbidden.line, "G006",
                    f"{term.lang} term {term.text!r} is both {accepted.status.value} "
                    f"(line {accepted.line}) and forbidden (line {forbidden.line}) in this entry",
                )
            fkey = (term.lang, term.text.casefold(), ok)
            prev_case = folded.get(fkey)
            if prev_case is not None:
                self.add(
                    term.line, "G003",
                    f"{term.lang} terms {prev_case.text!r} (line {prev_case.line}) and "
                    f"{term.text!r} differ only in case",
                )
            else:
                folded[fkey] = term
        for term in terms:
            if _accepted(term):
                continue
            if not any(_accepted(t) and _related(t.lang, term.lang) for t in terms):
                self.add(
                    term.line, "G007",
                    f"forbidden {term.lang} term {term.text!r} has no preferred or admitted "
                    f"{term.lang} term in its entry",
                )

    # -- across entries -------------------------------------------------------------------

    def _across(
        self,
        concept: Concept,
        terms: list[Term],
        seen: dict[tuple[object, ...], Concept],
        seen_folded: dict[tuple[object, ...], Concept],
    ) -> bool:
        src = sorted({t.text for t in terms if t.lang in self.sources and _accepted(t)})
        tgt = sorted(
            {(t.lang, t.text, t.status.value) for t in terms if t.lang not in self.sources}
        )
        if not src or not tgt:
            return False
        key = (tuple(src), tuple(tgt))
        if key in seen:
            self.add(
                concept.line, "G001",
                f"duplicate entry: same terms as the entry at line {seen[key].line} "
                f"({_fmt(src)})",
            )
            return True
        seen[key] = concept
        fkey = (
            tuple(sorted(s.casefold() for s in src)),
            tuple(sorted((lang, text.casefold(), st) for lang, text, st in tgt)),
        )
        other = seen_folded.get(fkey)
        if other is not None:
            self.add(
                concept.line, "G003",
                f"entry differs only in case from the entry at line {other.line} ({_fmt(src)})",
            )
            return True
        seen_folded[fkey] = concept
        return False

    def _translations(
        self,
        concept: Concept,
        terms: list[Term],
        seen: dict[tuple[str, str], tuple[frozenset[str], Concept]],
    ) -> None:
        src = {t.text for t in terms if t.lang in self.sources and _accepted(t)}
        if not src:
            return
        for lang in self.targets:
            in_lang = [t for t in terms if t.lang == lang]
            main = frozenset(t.text for t in in_lang if t.status is TermStatus.PREFERRED) or (
                frozenset(t.text for t in in_lang if t.status is TermStatus.ADMITTED)
            )
            if not main:
                continue
            for s in sorted(src):
                prev = seen.get((s, lang))
                if prev is None:
                    seen[(s, lang)] = (main, concept)
                elif prev[0] != main and prev[1] is not concept:
                    self.add(
                        concept.line, "G002",
                        f"{self.source} term {s!r} translates to {_fmt(main)} ({lang}) here "
                        f"but to {_fmt(prev[0])} in the entry at line {prev[1].line}",
                    )
                    break  # one report per entry and language is enough


def _related(tag: str, other: str) -> bool:
    return matches(tag, other) or matches(other, tag)


def lint_parsed(
    parsed: ParsedGlossary, source_lang: str | None = None, target_lang: str | None = None
) -> list[LintProblem]:
    """Lint an already parsed glossary; problems sorted by line."""
    return _Linter(parsed, source_lang, target_lang).run()


def lint_file(
    path: str, source_lang: str | None = None, target_lang: str | None = None
) -> tuple[list[LintProblem], int]:
    """Read and lint one glossary file: ``(problems, number of entries)``.

    Unusable input (what ``tmqa check --glossary`` would refuse) raises InputError.
    """
    parsed = parse_glossary(path)
    entries = to_entries(parsed)
    return lint_parsed(parsed, source_lang, target_lang), len(entries)
