"""Glossary readers: TBX 2/3/TBX-Min, CSV/TSV and TICO layouts, real Okapi samples, bad input."""

from __future__ import annotations

import codecs
import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, shared_path, write
from tmqa.errors import InputError
from tmqa.model import Glossary, TermEntry, TermStatus
from tmqa.readers.glossary import load_glossary

GLOSSARIES = FIXTURES / "glossaries"
P, A, F = TermStatus.PREFERRED, TermStatus.ADMITTED, TermStatus.FORBIDDEN


def terms(entry: TermEntry) -> list[tuple[str, str, TermStatus]]:
    return [(t.lang, t.text, t.status) for t in entry.terms]


def load(name: str) -> Glossary:
    return load_glossary(os.fspath(GLOSSARIES / name))


# --- TBX -----------------------------------------------------------------------------------------


def test_tbx2_tig_ntig_statuses_and_note() -> None:
    g = load("tbx2-martif.tbx")
    assert [e.id for e in g.entries] == ["t1", "t2"]
    first, second = g.entries
    assert terms(first) == [
        ("en", "email", A),  # no status: admitted
        ("fr-FR", "courriel", P),  # FR_fr canonicalised
        ("fr-FR", "courrier électronique", A),  # line-wrapped term collapsed
        ("fr-FR", "e-mail", F),
        ("fr-FR", "mél", F),  # superseded
    ]
    assert first.note == "Mail sent over a network."
    assert first.line == 6 and first.file.endswith("tbx2-martif.tbx")
    assert [t.line for t in first.terms] == [8, 11, 13, 16, 18]
    assert terms(second) == [
        ("en", "data controller", P),  # <hi> text belongs to the term; normativeAuthorization
        ("fr", "responsable du traitement", A),  # standardized
        ("fr", "contrôleur", F),  # MultiTerm-style picklist that clearly says "do not use"
        ("fr", "gestionnaire", A),  # unclear picklist value: ignored, default admitted
        ("fr", "maître du fichier", F),  # normativeAuthorization without -admn-sts
    ]


def test_tbx3_dca_and_dct_read_the_same_facts() -> None:
    dca = load("tbx3-dca.tbx")
    dct = load("tbx3-dct.tbx")
    assert terms(dca.entries[0]) == [
        ("en", "email", P),
        ("fr", "courriel", P),
        ("fr", "courrier électronique", A),
        ("fr", "e-mail", F),
    ]
    assert sorted(terms(dct.entries[0])) == sorted(terms(dca.entries[0]))
    assert dca.entries[0].id == "c1"


def test_legacy_tbx_min_term_status() -> None:
    g = load("tbx-min-2013.tbx")
    assert terms(g.entries[0]) == [
        ("en", "email", P),
        ("en", "e-mail", F),  # notRecommended
        ("en", "electronic mail", F),  # obsolete
        ("fr", "courriel", A),
    ]


def test_digest_and_paths() -> None:
    path = os.fspath(GLOSSARIES / "tbx3-dca.tbx")
    g = load_glossary(path)
    assert g.paths == (path,)
    assert g.digest == hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def test_format_is_chosen_by_content_not_extension(tmp_path: Path) -> None:
    tbx_named_csv = tmp_path / "really-tbx.csv"
    shutil.copy(GLOSSARIES / "tbx3-dca.tbx", tbx_named_csv)
    assert terms(load_glossary(os.fspath(tbx_named_csv)).entries[0])[0] == ("en", "email", P)
    csv_named_tbx = write(tmp_path, "really-csv.tbx", "en,fr\nemail,courriel\n")
    assert terms(load_glossary(csv_named_tbx).entries[0]) == [
        ("en", "email", P),
        ("fr", "courriel", P),
    ]


def test_utf16_tbx_with_bom(tmp_path: Path) -> None:
    text = (GLOSSARIES / "tbx3-dca.tbx").read_text(encoding="utf-8")
    text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = write(tmp_path, "u16.tbx", codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert terms(load_glossary(path).entries[0])[2] == ("fr", "courrier électronique", A)


# --- CSV / TSV -----------------------------------------------------------------------------------


def test_csv_rows_merge_into_their_preferred_row() -> None:
    g = load("fr-en.csv")  # UTF-8 with BOM
    by_id = {e.id: e for e in g.entries}
    assert list(by_id) == ["L2", "L4", "L6", "L7", "L8"]
    assert terms(by_id["L2"]) == [
        ("fr", "sous-traitant", P),
        ("en", "processor", P),
        ("en", "subcontractor", F),  # line 3 merged: same source cell as preferred line 2
    ]
    assert [t.line for t in by_id["L2"].terms] == [2, 2, 3]
    assert by_id["L2"].note == "GDPR Article 28 false friend"
    assert terms(by_id["L4"]) == [
        ("fr", "responsable du traitement", P),
        ("en", "controller", P),  # empty status cell: preferred
        ("en", "data controller", P),
        ("en", "data controler", F),
    ]
    assert terms(by_id["L6"]) == [("fr", "Microsoft", P), ("en", "Microsoft", P)]  # DNT
    assert terms(by_id["L7"]) == [("fr", "courriel", P)]  # a concept may lack a language
    # A quoted comma stays in the term; an unmerged admitted row keeps its source preferred.
    assert terms(by_id["L8"]) == [("fr", "virgule, décimale", P), ("en", "decimal point", A)]


def test_standalone_forbidden_row_marks_only_the_target(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.csv",
        "fr,en,de,status\nsous-traitant,subcontractor,Subunternehmer,forbidden\n",
    )
    (entry,) = load_glossary(path).entries
    assert terms(entry) == [
        ("fr", "sous-traitant", P),
        ("en", "subcontractor", F),
        ("de", "Subunternehmer", F),
    ]


def test_merge_goes_to_the_latest_preferred_row_with_that_source(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.csv",
        "en,fr,status\nbank,banque,preferred\nbank,rive,preferred\nbank,berge,admitted\n"
        "Bank,Banque,forbidden\n",
    )
    first, second, third = load_glossary(path).entries
    assert terms(first) == [("en", "bank", P), ("fr", "banque", P)]
    assert terms(second) == [("en", "bank", P), ("fr", "rive", P), ("fr", "berge", A)]
    # The source cell must be equal, case included: "Bank" starts a concept of its own.
    assert terms(third) == [("en", "Bank", P), ("fr", "Banque", F)]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("tab.tsv", b"en\tfr\nemail\tcourriel\r\n"),
        ("semi.csv", b"en;fr\r\nemail;courriel\r\n"),
        ("u16le.csv", codecs.BOM_UTF16_LE + "en,fr\nemail,courriel\n".encode("utf-16-le")),
        ("u16be.tsv", codecs.BOM_UTF16_BE + "en\tfr\nemail\tcourriel\n".encode("utf-16-be")),
        ("comment.tsv", b"# Glossary, tab-separated\n\nen\tfr\n\nemail\tcourriel\n"),
        ("spaces.csv", b" en , fr \nemail,courriel\n,,\n"),  # padded header, empty trailing row
        ("excel.csv", b"sep=;\r\nen;fr\r\nemail;courriel\r\n"),
    ],
)
def test_delimiters_encodings_and_blank_lines(tmp_path: Path, name: str, data: bytes) -> None:
    (entry,) = load_glossary(write(tmp_path, name, data)).entries
    assert terms(entry) == [("en", "email", P), ("fr", "courriel", P)]


def test_language_headers_are_canonical_and_lines_follow_quoted_newlines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.csv",
        'en_US,FR-ca,note,id,definition\nemail,"courriel",\"two\nlines\",E1,ignored\n'
        "mail,courrier,,,\n",
    )
    first, second = load_glossary(path).entries
    assert terms(first) == [("en-US", "email", P), ("fr-CA", "courriel", P)]
    assert (first.id, first.note, first.line) == ("E1", "two lines", 2)
    assert (second.id, second.line) == ("L4", 4)


def test_tico_layout(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "tico.csv",
        "id,sourceLang,targetLang,sourceString,targetString\n"
        "1,en,fr_XX,1918 flu,Grippe de 1918\n2,en,fr_CA,airway,voies respiratoires\n",
    )
    first, second = load_glossary(path).entries
    assert first.id == "1"
    assert terms(first) == [("en", "1918 flu", P), ("fr", "Grippe de 1918", P)]
    assert terms(second) == [("en", "airway", P), ("fr-CA", "voies respiratoires", P)]


def test_tico_sample() -> None:
    g = load_glossary(os.fspath(shared_path("samples", "tico-19", "terminology.en-fr.csv")))
    assert len(g.entries) == 306
    assert {t.lang for e in g.entries for t in e.terms} == {"en", "fr"}
    assert terms(g.entries[1]) == [("en", "acute bronchitis", P), ("fr", "bronchite aiguë", P)]


# --- real Okapi TBX files ------------------------------------------------------------------------

OKAPI = {
    # file: (concepts, languages, statuses seen)
    "ibm_tbx.tbx": (5, {"en", "fr"}, {A}),
    "maryland.tbx": (1, {"en", "es", "fr", "it"}, {A}),
    "medtronic_TBX.tbx": (
        3,
        {"cs", "da", "el", "en", "es", "fi", "fr", "hu", "it", "nl", "no", "pl", "pt", "sv"},
        {P, A, F},
    ),
    "oracle_TBX.tbx": (2, {"en", "pt"}, {A}),  # standardizedTerm-admn-sts -> admitted
    "sdl_tbx.tbx": (223, {"de", "en"}, {A}),
    "test01.tbx": (1, {"en", "hu"}, {A}),
    "test02_win1254.tbx": (1, {"en", "tr"}, {A}),
}


@pytest.mark.parametrize("name", sorted(OKAPI))
def test_okapi_tbx_samples(name: str) -> None:
    g = load_glossary(os.fspath(shared_path("samples", "okapi", "tbx", name)))
    concepts, languages, statuses = OKAPI[name]
    assert len(g.entries) == concepts
    assert {t.lang for e in g.entries for t in e.terms} == languages
    assert {t.status for e in g.entries for t in e.terms} == statuses


def test_okapi_details() -> None:
    def sample(name: str) -> Glossary:
        return load_glossary(os.fspath(shared_path("samples", "okapi", "tbx", name)))

    win = sample("test02_win1254.tbx").entries[0]
    assert terms(win) == [("en", "term with: éá and İı", A), ("tr", "tr term with: éá and İı", A)]
    oracle = sample("oracle_TBX.tbx").entries[0]
    assert ("en", "Provincial Reporting Establishment", A) in terms(oracle)  # trailing space gone
    med = {t.text: t.status for e in sample("medtronic_TBX.tbx").entries for t in e.terms}
    assert med["audible alert"] is P and med["audible notification"] is F
    ibm = sample("ibm_tbx.tbx").entries[0]
    assert terms(ibm)[:3] == [("en", "navigation trail", A), ("en", "branch", A),
                              ("fr", "historique de navigation", A)]
    # sdl: <term/> placeholders are dropped, the concept keeps its other language.
    sdl = {e.id: e for e in sample("sdl_tbx.tbx").entries}
    assert [t.lang for t in sdl["c7"].terms] == ["en"]


# --- bad input -----------------------------------------------------------------------------------

MARTIF = (
    '<?xml version="1.0"?>\n<martif type="TBX" xml:lang="en">\n<text><body>\n{}\n'
    "</body></text>\n</martif>\n"
)
BAD: list[tuple[str, str, bytes, int, str]] = [
    ("one-language", "g.csv", b"fr,status\nsous-traitant,preferred\n", 1,
     "at least two language columns"),
    ("unknown-column", "g.csv", b"fr,en,English\na,b,c\n", 1, "unknown column 'English'"),
    ("duplicate-header", "g.csv", b"fr,en,FR\na,b,c\n", 1, "duplicate column 'FR'"),
    ("duplicate-note", "g.csv", b"fr,en,note,comment\na,b,c,d\n", 1, "duplicate column 'comment'"),
    ("no-terms", "g.csv", b"fr,en,status,note\na,b,,\n,,forbidden,oops\n", 3,
     "no term in any language column"),
    ("unknown-status", "g.csv", b"fr,en,status\na,b,maybe\n", 2, "unknown status 'maybe'"),
    ("ragged", "g.csv", b"fr,en,note\na,b,c\nd,e\n", 3, "row has 2 cells but the header has 3"),
    ("unclosed-quote", "g.csv", b'fr,en\na,"b\n', 2, "CSV error"),
    ("utf16-no-bom", "g.csv", "fr,en\na,b\n".encode("utf-16-le"), 1,
     "UTF-16 without a byte-order mark"),
    ("latin1", "g.csv", b"fr,en\ncaf\xe9,coffee\n", 2, "not valid UTF-8"),
    ("empty", "g.csv", b"", 1, "file is empty"),
    ("header-only", "g.csv", b"fr,en\n", 1, "no entries after the header row"),
    ("unnamed-column-with-content", "g.csv", b"fr,en,\na,b,c\n", 2, "column 3 has no column name"),
    ("tico-bad-lang", "g.csv", b"id,sourceLang,targetLang,sourceString,targetString\n1,en,??,a,b\n",
     2, "targetLang '??' is not a language code"),
    ("malformed-xml", "g.tbx",
     MARTIF.format('<termEntry>\n<langSet xml:lang="en"><tig><term>a</tig>').encode(), 5,
     "XML error"),
    ("no-language-sections", "g.tbx", MARTIF.format('<termEntry id="1"/>').encode(), 2,
     "no language sections"),
    ("langset-without-lang", "g.tbx",
     MARTIF.format('<termEntry id="1">\n<langSet><tig><term>a</term></tig></langSet>\n</termEntry>')
     .encode(), 5, "<langSet> without xml:lang"),
    ("only-empty-terms", "g.tbx",
     MARTIF.format(
         '<termEntry><langSet xml:lang="en"><tig><term> </term></tig></langSet></termEntry>'
     ).encode(), 1, "glossary has no terms"),
    ("entity", "g.tbx",
     b'<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY x "boom">]>\n<martif><text><body>'
     b'<termEntry><langSet xml:lang="en"><tig><term>&x;</term></tig></langSet></termEntry>'
     b"</body></text></martif>", 1, "entities are not allowed"),
    ("mojibake", "g.tbx",
     b'<?xml version="1.0" encoding="ISO-8859-1"?>\n'
     + MARTIF.split("\n", 1)[1].format('<termEntry><langSet xml:lang="fr"><tig><term>'
                                       "caf\u00e9</term></tig></langSet></termEntry>").encode(),
     1, "the bytes are UTF-8"),
    ("wrong-root", "g.tbx", b'<?xml version="1.0"?>\n\n<tmx version="1.4"><body/></tmx>', 3,
     "root element is <tmx>"),
    ("tbx-wrong-namespace", "g.tbx", b'<tbx xmlns="urn:example"><text/></tbx>', 1,
     "not a TBX v3 file"),
]


@pytest.mark.parametrize(("case", "name", "data", "line", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_glossary_is_one_clear_error(
    tmp_path: Path,
    run_tmqa: Callable[..., tuple[int, str, str]],
    case: str,
    name: str,
    data: bytes,
    line: int,
    message: str,
) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as info:
        load_glossary(path)
    text = str(info.value)
    assert text.startswith(f"{path}:{line}:"), text
    assert message in text
    rc, out, err = run_tmqa("glossary", "lint", path)
    assert rc == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith(f"tmqa: error: {path}:{line}:")
    assert "Traceback" not in err


def test_bad_glossary_via_check_exits_2(
    tmp_path: Path, run_tmqa: Callable[..., tuple[int, str, str]]
) -> None:
    tmx = write(
        tmp_path,
        "m.tmx",
        '<tmx version="1.4"><header srclang="fr"/><body><tu><tuv xml:lang="fr"><seg>a</seg></tuv>'
        '<tuv xml:lang="en"><seg>a</seg></tuv></tu></body></tmx>',
    )
    bad = write(tmp_path, "g.csv", "fr,en,status\na,b,maybe\n")
    rc, _out, err = run_tmqa("check", "--glossary", bad, tmx)
    assert rc == 2
    assert err.strip() == (
        f"tmqa: error: {bad}:2: unknown status 'maybe' (expected preferred, admitted or forbidden)"
    )


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read file"):
        load_glossary(os.fspath(tmp_path / "nope.csv"))
    with pytest.raises(InputError, match="is a directory"):
        load_glossary(os.fspath(tmp_path))
