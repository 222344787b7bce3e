"""CSV/TSV glossary reader: a header row of language codes, optional status/note/id columns.

Layout (delimiter sniffed among tab, semicolon and comma from the header row, or named by an Excel
``sep=;`` first line; UTF-8 with or without BOM, or UTF-16 with BOM; blank lines and ``#``
comment lines before the header are skipped):

* columns named by a language tag (``fr``, ``en``, ``fr-FR``, ``en_US``) hold terms; several
  variants in one cell are separated by ``|``; a cell may be empty (the concept lacks that
  language) but a row needs at least one term;
* ``status``: ``preferred`` (default when empty or absent), ``admitted`` or ``forbidden``
  (TBX words such as ``deprecated`` are accepted too);
* ``note`` (aliases ``notes``, ``comment``, ``comments``): free text kept with the concept;
* ``id``: the concept's identifier (so Indonesian needs ``id-ID`` or ``in``);
* ``definition``: allowed and ignored;
* any other column name is an error, as is a column named twice.

The first language column is the source language. Each row is one concept, except that an
``admitted`` or ``forbidden`` row whose source cell equals the source cell of an earlier
``preferred`` row adds its other-language terms, with its status, to that row's concept.
In any ``admitted``/``forbidden`` row the source-language terms stay preferred: the status
qualifies the translations, not the source term.

The TICO-19 layout (``id,sourceLang,targetLang,sourceString,targetString``, one language
pair per row, locales like ``fr_XX``) is read the same way, with the row's ``sourceLang`` as
its source language.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass

from tmqa.errors import InputError
from tmqa.langtags import canonical
from tmqa.model import Term, TermStatus
from tmqa.readers.glossary import (
    Concept,
    ParsedGlossary,
    WrittenTerm,
    clean_term,
    parse_status,
)

DELIMITERS = ("\t", ";", ",")
VARIANT_SEPARATOR = "|"
_EXCEL_SEP = re.compile(r"^sep=([,;\t|])\r?\n?$")
_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")
# Reserved names win over language tags (``id`` is also Indonesian's code).
RESERVED = {
    "id": "id",
    "status": "status",
    "note": "note",
    "notes": "note",
    "comment": "note",
    "comments": "note",
    "definition": "ignored",
}
TICO_COLUMNS = {
    "sourcelang": "source-lang",
    "targetlang": "target-lang",
    "sourcestring": "source-text",
    "targetstring": "target-text",
}


@dataclass(frozen=True, slots=True)
class Column:
    """One header cell: ``kind`` is ``lang`` (with ``lang``), a reserved role, or ``unnamed``."""

    index: int
    name: str
    kind: str
    lang: str = ""


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its first physical line and its cells as written."""

    line: int
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A delimited file split into header columns and raw rows (nothing interpreted yet)."""

    path: str
    delimiter: str
    header_line: int
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    @property
    def tico(self) -> bool:
        return any(c.kind == "source-lang" for c in self.columns)


# --- bytes to text -----------------------------------------------------------------------------


def decode(path: str, data: bytes) -> str:
    """UTF-8 (BOM optional) or UTF-16 with BOM; anything else is a clear InputError."""
    if not data:
        raise InputError(path, "file is empty (0 bytes)", 1)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"undecodable UTF-16 text: {exc.reason}") from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if b"\x00" in data[:4096]:
        sample = data[:4096]
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if max(even, odd) * 4 >= len(sample) // 2 * 3:
            raise InputError(
                path,
                "file looks like UTF-16 without a byte-order mark; "
                "re-save it as UTF-8 or as UTF-16 with a BOM",
                1,
            )
        raise InputError(path, "file is binary, not a CSV/TSV glossary", 1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            path,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02X}); re-save the glossary as UTF-8",
            line,
        ) from None


# --- table -------------------------------------------------------------------------------------


def _sniff(header: str) -> tuple[str, list[str]]:
    best: tuple[str, list[str]] = (",", [header])
    for delimiter in DELIMITERS:
        cells = next(csv.reader([header], delimiter=delimiter), [])
        if len(cells) > len(best[1]):
            best = (delimiter, cells)
    return best


def _columns(path: str, names: list[str], line: int) -> tuple[Column, ...]:
    columns: list[Column] = []
    seen: dict[str, tuple[int, str]] = {}
    for i, raw in enumerate(names):
        name = raw.strip()
        key = name.lower()
        if not name:
            col = Column(i, name, "unnamed")
        elif key in RESERVED:
            col = Column(i, name, RESERVED[key])
        elif key in TICO_COLUMNS:
            col = Column(i, name, TICO_COLUMNS[key])
        elif _LANG_TAG.match(name):
            col = Column(i, name, "lang", canonical(name))
        else:
            raise InputError(
                path,
                f"unknown column {name!r} in the header: expected a language code (en, fr-FR) "
                "or one of id, status, note, comment, definition",
                line,
            )
        ident = col.lang if col.kind == "lang" else col.kind
        if col.kind not in ("unnamed", "ignored"):
            if ident in seen:
                first_col, first_name = seen[ident]
                raise InputError(
                    path,
                    f"duplicate column {name!r} in the header (column {i + 1}; "
                    f"already column {first_col + 1}, {first_name!r})",
                    line,
                )
            seen[ident] = (i, name)
        columns.append(col)
    kinds = {c.kind for c in columns}
    tico = {"source-lang", "target-lang", "source-text", "target-text"}
    if kinds & tico:
        missing = tico - kinds
        if missing:
            raise InputError(
                path,
                "TICO-style header needs sourceLang, targetLang, sourceString and targetString",
                line,
            )
        if "lang" in kinds:
            raise InputError(
                path, "header mixes language columns with sourceLang/targetLang columns", line
            )
    else:
        langs = [c.name for c in columns if c.kind == "lang"]
        if len(langs) < 2:
            found = ", ".join(langs) if langs else "none"
            raise InputError(
                path,
                "the header row needs at least two language columns "
                f"(e.g. 'fr,en,status,note'); found {found}",
                line,
            )
    return tuple(columns)


def read_table(path: str, text: str) -> Table:
    """Split the text into header columns and rows; check the header and every row's width."""
    lines = list(io.StringIO(text, newline=""))
    header_at = 0
    while header_at < len(lines) and (
        not lines[header_at].strip() or lines[header_at].lstrip().startswith("#")
    ):
        header_at += 1
    if header_at == len(lines):
        raise InputError(path, "no header row (the file has only blank or # comment lines)", 1)
    forced = _EXCEL_SEP.match(lines[header_at])
    if forced:
        # Excel's "sep=;" first line names the delimiter; the header row follows it.
        header_at += 1
        if header_at == len(lines):
            raise InputError(path, "no header row after the 'sep=' line", header_at)
    header_line = header_at + 1
    header = lines[header_at].rstrip("\r\n")
    if forced:
        delimiter = forced.group(1)
        names = next(csv.reader([header], delimiter=delimiter), [])
    else:
        delimiter, names = _sniff(header)
    columns = _columns(path, names, header_line)
    rows: list[Row] = []
    reader = csv.reader(iter(lines[header_at + 1 :]), delimiter=delimiter, strict=True)
    consumed = 0
    while True:
        start = header_line + consumed + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(path, f"CSV error: {exc}", start) from None
        consumed = reader.line_num
        if not any(c.strip() for c in cells):
            continue  # blank lines and all-empty spreadsheet rows (",,,") carry nothing
        if len(cells) != len(columns):
            raise InputError(
                path,
                f"row has {len(cells)} cells but the header has {len(columns)} "
                "(check the delimiter and the quoting)",
                start,
            )
        rows.append(Row(start, tuple(cells)))
    return Table(path, delimiter, header_line, columns, tuple(rows))


# --- concepts ----------------------------------------------------------------------------------


def _row_status(path: str, raw: str, line: int) -> TermStatus:
    if not raw.strip():
        return TermStatus.PREFERRED
    status = parse_status(raw)
    if status is None:
        raise InputError(
            path,
            f"unknown status {raw.strip()!r} (expected preferred, admitted or forbidden)",
            line,
        )
    return status


def _lang_cell(path: str, raw: str, line: int, what: str) -> str:
    tag = raw.strip()
    if not tag or not _LANG_TAG.match(tag):
        raise InputError(path, f"{what} {tag!r} is not a language code", line)
    lang = canonical(tag)
    # TICO-19 writes its target locale as fr_XX: XX is "no region", not a country.
    if lang.endswith("-XX"):
        lang = lang[: -len("-XX")]
    return lang


def _variants(cell: str) -> list[str]:
    """The non-empty terms of a cell (empty variants are lint's business, not the matcher's)."""
    if VARIANT_SEPARATOR not in cell:
        term = clean_term(cell)
        return [term] if term else []
    return [t for t in (clean_term(piece) for piece in cell.split(VARIANT_SEPARATOR)) if t]


def build(table: Table) -> ParsedGlossary:
    """Turn rows into concepts, merging admitted/forbidden rows into their preferred row."""
    path = table.path
    parsed = ParsedGlossary(path)
    lang_columns = [c for c in table.columns if c.kind == "lang"]
    for c in lang_columns:
        parsed.add_language(c.lang)
    if lang_columns:
        parsed.source_lang = lang_columns[0].lang
    role = {c.kind: c.index for c in table.columns if c.kind != "lang"}
    preferred_by_source: dict[tuple[str, tuple[str, ...]], Concept] = {}
    for row in table.rows:
        cells = row.cells
        line = row.line
        for c in table.columns:
            if c.kind == "unnamed" and cells[c.index].strip():
                raise InputError(
                    path, f"cell in column {c.index + 1} has no column name in the header", line
                )
        # (lang, raw cell) pairs; the first is the source language of the row.
        if table.tico:
            src = _lang_cell(path, cells[role["source-lang"]], line, "sourceLang")
            tgt = _lang_cell(path, cells[role["target-lang"]], line, "targetLang")
            pairs = [(src, cells[role["source-text"]]), (tgt, cells[role["target-text"]])]
            if parsed.source_lang is None:
                parsed.source_lang = src
            parsed.add_language(src)
            parsed.add_language(tgt)
        else:
            pairs = [(c.lang, cells[c.index]) for c in lang_columns]
        if not any(raw.strip() for _, raw in pairs):
            raise InputError(path, "row has no term in any language column", line)
        status = _row_status(path, cells[role["status"]], line) if "status" in role else (
            TermStatus.PREFERRED
        )
        note = clean_term(cells[role["note"]]) if "note" in role else ""
        for lang, raw in pairs:
            parsed.written.append(WrittenTerm(lang, line, raw, "cell"))
        src_lang, src_cell = pairs[0]
        src_terms = tuple(_variants(src_cell))
        key = (src_lang, src_terms)
        target = preferred_by_source.get(key) if src_terms else None
        if status is not TermStatus.PREFERRED and target is not None:
            # An admitted/forbidden variant of an earlier preferred row: same concept.
            for lang, raw in pairs[1:]:
                target.terms.extend(Term(t, lang, status, line) for t in _variants(raw))
            if note:
                target.note = f"{target.note} {note}" if target.note else note
            continue
        ident = cells[role["id"]].strip() if "id" in role else ""
        concept = Concept(ident or f"L{line}", line, note=note)
        concept.terms.extend(Term(t, src_lang, TermStatus.PREFERRED, line) for t in src_terms)
        for lang, raw in pairs[1:]:
            concept.terms.extend(Term(t, lang, status, line) for t in _variants(raw))
        parsed.concepts.append(concept)
        if status is TermStatus.PREFERRED and src_terms:
            preferred_by_source[key] = concept
    if not parsed.concepts:
        raise InputError(path, "no entries after the header row", table.header_line)
    return parsed


def read_tabular(path: str) -> ParsedGlossary:
    """Read a CSV/TSV glossary file into concepts (see the module docstring for the layout)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise InputError(path, f"cannot read file: {exc.strerror or exc}") from None
    return build(read_table(path, decode(path, data)))
