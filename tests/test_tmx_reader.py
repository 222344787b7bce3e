"""The streaming TMX reader: LISA compliance kit extraction, encodings, languages, inline codes."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, shared_path, write
from tmqa.errors import InputError
from tmqa.model import InlineCode
from tmqa.readers.tmx import TmxReader, read_tmx

KIT = ("samples", "lisa-tmx-compliance-kit")
HEADER = (
    '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
    'adminlang="en" srclang="{src}" datatype="plaintext"/>'
)


def tmx(body: str, src: str = "fr-FR", version: str = "1.4") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<tmx version="{version}">{HEADER.format(src=src)}<body>{body}</body></tmx>\n'
    )


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def _kit_cases() -> list[tuple[str, str, str | None]]:
    kit = Path(__file__).resolve().parents[2] / "shared" / Path(*KIT)
    cases: list[tuple[str, str, str | None]] = []
    for txt in sorted(kit.glob("ImportTest*.txt")):
        stem, _, lang = txt.stem.partition("_")
        cases.append((stem, txt.name, lang or None))
    return cases or [("ImportTest1A", "ImportTest1A.txt", None)]


@pytest.mark.parametrize(("stem", "txt", "lang"), _kit_cases())
def test_lisa_kit_plain_text_matches_expected(stem: str, txt: str, lang: str | None) -> None:
    tmx_path = shared_path(*KIT, f"{stem}.tmx")
    expected = _decode(shared_path(*KIT, txt).read_bytes()).splitlines()
    units = read_tmx(str(tmx_path), source_lang="en-US", target_lang=lang)
    if lang is None:
        got = [u.source.plain for u in units]
    else:
        got = [u.target.plain if u.target else None for u in units]
    assert got == expected


def test_lisa_kit_every_file_reads() -> None:
    kit = shared_path(*KIT)
    counts = {p.name: len(read_tmx(str(p))) for p in sorted(kit.glob("*.tmx"))}
    assert counts["ImportTest1C.tmx"] == 3
    assert counts["ImportTest2A.tmx"] == 7
    assert counts["ImportTest1G.tmx"] == 3  # UTF-16 BE with BOM
    assert counts["ImportTest1H.tmx"] == 3  # us-ascii with character references
    assert all(n >= 1 for n in counts.values())


def test_lisa_kit_inline_codes() -> None:
    units = read_tmx(str(shared_path(*KIT, "ImportTest2A.tmx")), "en-US", "fr-CA")
    first = units[0]
    assert first.source.plain == "The big black cat sleeps."
    assert first.target is not None and first.target.plain == "Le gros chat noir dors."
    codes = first.source.codes
    assert [(c.kind, c.i, c.x, c.type, c.native) for c in codes] == [
        ("bpt", "1", "1", "bold", "<b>"),
        ("ept", "1", None, None, "</b>"),
        ("bpt", "2", "2", "ulined", "<u>"),
        ("ept", "2", None, None, "</u>"),
    ]
    assert [c.offset for c in codes] == [8, 13, 14, 17]
    # Mixed-case language codes are canonicalised; order of tuvs does not matter.
    by_tuid = {u.tuid: u for u in units}
    assert by_tuid["6"].source_lang == "en-US" and by_tuid["6"].target_lang == "fr-CA"
    hi = by_tuid["7"]
    assert hi.source.plain == "Some text with a part highlighted."
    assert [(c.kind, c.pos) for c in hi.source.codes] == [("hi", "begin"), ("hi", "end")]


def test_runs_rebuild_plain_text() -> None:
    units = read_tmx(str(shared_path(*KIT, "ImportTest2A.tmx")), "en-US", "fr-CA")
    for u in units:
        assert "".join(r for r in u.source.runs if isinstance(r, str)) == u.source.plain


def test_tmx11_lang_attribute_and_tu_srclang(tmp_path: Path) -> None:
    body = (
        '<tu tuid="a" srclang="en"><tuv lang="EN"><seg>Hello</seg></tuv>'
        '<tuv lang="FR"><seg>Bonjour</seg></tuv></tu>'
        '<tu><tuv lang="FR"><seg>Salut</seg></tuv><tuv lang="EN"><seg>Hi</seg></tuv></tu>'
    )
    path = write(tmp_path, "a.tmx", tmx(body, src="en", version="1.1"))
    units = read_tmx(path)
    assert [(u.tuid, u.source.plain, u.target.plain if u.target else None) for u in units] == [
        ("a", "Hello", "Bonjour"),
        ("2", "Hi", "Salut"),
    ]
    assert units[0].line == 2  # the whole body is on line 2


def test_language_prefix_selection_and_many_variants(tmp_path: Path) -> None:
    body = (
        '<tu><tuv xml:lang="en-US"><seg>Save</seg></tuv>'
        '<tuv xml:lang="de-DE"><seg>Speichern</seg></tuv>'
        '<tuv xml:lang="fr-CA"><seg>Enregistrer</seg></tuv></tu>'
    )
    path = write(tmp_path, "a.tmx", tmx(body, src="en-US"))
    (unit,) = read_tmx(path, source_lang="en", target_lang="fr")
    assert (unit.source_lang, unit.target_lang, unit.target and unit.target.plain) == (
        "en-US",
        "fr-CA",
        "Enregistrer",
    )


def test_missing_target_is_recorded_not_skipped(tmp_path: Path) -> None:
    body = (
        '<tu tuid="1"><tuv xml:lang="fr"><seg>Un</seg></tuv><tuv xml:lang="en"><seg>One</seg></tuv></tu>'
        '<tu tuid="2"><tuv xml:lang="fr"><seg>Deux</seg></tuv></tu>'
    )
    units = read_tmx(write(tmp_path, "a.tmx", tmx(body, src="fr")))
    assert len(units) == 2
    assert units[1].target is None
    assert ("no-target", "en") in units[1].anomalies


def test_comments_pi_cdata_inside_seg(tmp_path: Path) -> None:
    body = (
        '<tu><tuv xml:lang="fr"><seg>Un <!-- note --><?pi x?>deux <![CDATA[<trois>]]></seg></tuv>'
        '<tuv xml:lang="en"><seg>x</seg></tuv></tu>'
    )
    (unit,) = read_tmx(write(tmp_path, "a.tmx", tmx(body, src="fr")))
    assert unit.source.plain == "Un deux <trois>"


def test_sub_text_belongs_to_the_code(tmp_path: Path) -> None:
    body = (
        '<tu><tuv xml:lang="en"><seg>See <ph x="1">&lt;img alt="<sub>A cat</sub>"/&gt;</ph> here</seg></tuv>'
        '<tuv xml:lang="fr"><seg>Voir</seg></tuv></tu>'
    )
    (unit,) = read_tmx(write(tmp_path, "a.tmx", tmx(body, src="en")))
    assert unit.source.plain == "See  here"
    (code,) = unit.source.codes
    assert isinstance(code, InlineCode) and code.native == '<img alt="A cat"/>'


def test_namespaced_root_is_read(tmp_path: Path) -> None:
    doc = tmx(
        '<tu><tuv xml:lang="fr"><seg>Oui</seg></tuv><tuv xml:lang="en"><seg>Yes</seg></tuv></tu>',
        "fr",
    )
    doc = doc.replace(
        '<tmx version="1.4">', '<tmx xmlns="http://www.lisa.org/tmx14" version="1.4">'
    )
    (unit,) = read_tmx(write(tmp_path, "a.tmx", doc))
    assert (unit.source.plain, unit.target and unit.target.plain) == ("Oui", "Yes")


def test_utf16_without_bom_but_declared(tmp_path: Path) -> None:
    doc = tmx(
        '<tu><tuv xml:lang="fr"><seg>Été</seg></tuv><tuv xml:lang="en"><seg>Summer</seg></tuv></tu>',
        "fr",
    )
    doc = doc.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    (unit,) = read_tmx(write(tmp_path, "a.tmx", doc.encode("utf-16-le")))
    assert unit.source.plain == "Été"


def test_streaming_keeps_the_tree_small(tmp_path: Path) -> None:
    body = "".join(
        f'<tu tuid="{i}"><tuv xml:lang="fr"><seg>Un {i}</seg></tuv><tuv xml:lang="en"><seg>One {i}</seg></tuv></tu>'
        for i in range(2000)
    )
    reader = TmxReader(write(tmp_path, "big.tmx", tmx(body, "fr")))
    seen = 0
    for unit in reader:
        seen += 1
        assert unit.tuid == str(seen - 1)
    assert seen == reader.info.units == 2000


def test_bad_root_element(tmp_path: Path) -> None:
    path = write(tmp_path, "a.tmx", '<?xml version="1.0"?><martif><text/></martif>')
    with pytest.raises(InputError, match="not <tmx>"):
        read_tmx(path)


def test_fixture_dir_exists() -> None:
    assert FIXTURES.is_dir()


def test_utf8_bytes_declared_latin1_is_flagged_as_mojibake(tmp_path: Path) -> None:
    doc = tmx(
        '<tu><tuv xml:lang="fr"><seg>Été</seg></tuv><tuv xml:lang="en"><seg>Summer</seg></tuv></tu>',
        "fr",
    )
    path = write(
        tmp_path, "a.tmx", doc.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("utf-8")
    )
    reader = TmxReader(path)
    (unit,) = list(reader)
    assert unit.source.plain == "Ã\x89tÃ©"  # what libxml2 decodes: the bytes really are UTF-8
    assert reader.info.mojibake and reader.info.declared_encoding == "iso-8859-1"
    latin = write(
        tmp_path,
        "b.tmx",
        doc.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("latin-1"),
    )
    reader = TmxReader(latin)
    assert [u.source.plain for u in reader] == ["Été"] and not reader.info.mojibake


def test_fast_path_reads_like_the_general_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each pair is written twice: as a plain two-<tuv> unit (the fast path of
    # TmxReader._unit once a plan exists) and behind a comment (_variants() then the plan).
    pairs = [
        ("Un", "One"),
        ('Cliquez <bpt i="1" x="1">&lt;b&gt;</bpt>ici<ept i="1">&lt;/b&gt;</ept>', "Click <ph/>"),
        ("", "Empty source"),
    ]
    body = ""
    for fr, en in pairs:
        tuvs = f'<tuv xml:lang="fr-fr"><seg>{fr}</seg></tuv><tuv lang="EN"><seg>{en}</seg></tuv>'
        body += f"<tu>{tuvs}</tu><tu><!-- c -->{tuvs}</tu>"
    general_calls = []
    variants = TmxReader._variants

    def spy(self: TmxReader, tu: Any) -> Any:
        general_calls.append(tu.sourceline)
        return variants(self, tu)

    monkeypatch.setattr(TmxReader, "_variants", spy)
    units = read_tmx(write(tmp_path, "a.tmx", tmx(body, src="fr")))
    assert len(units) == 6 and len(general_calls) == 4  # the first unit, and the commented ones
    for fast, general in zip(units[2::2], units[3::2], strict=True):
        assert (fast.source, fast.target, fast.source_lang, fast.target_lang) == (
            general.source,
            general.target,
            general.source_lang,
            general.target_lang,
        )
        assert fast.anomalies == general.anomalies == ()
    assert units[2].source.codes and units[2].target is not None and units[2].target.codes


def test_fast_constructors_build_ordinary_frozen_instances() -> None:
    import dataclasses
    import pickle

    from tmqa.model import Text, Unit, make_inline_code, make_text, make_unit

    code = make_inline_code("bpt", 3, "1", None, None, "bold", "<b>")
    text = make_text("abc", ("abc", code))
    unit = make_unit("f.tmx", "7", 2, 1, "fr-FR", "en-US", text, make_text(""))
    plain = Unit("f.tmx", "7", 2, 1, "fr-FR", "en-US", Text("abc", ("abc", code)), Text(""))
    assert type(unit) is Unit and type(unit.source) is Text and type(code) is InlineCode
    assert unit == plain and hash(unit) == hash(plain) and repr(unit) == repr(plain)
    assert code == InlineCode("bpt", 3, "1", None, None, "bold", "<b>")
    assert pickle.loads(pickle.dumps(unit)) == unit
    # Pickled by fields, rebuilt by the same constructors (what --jobs sends).
    again = pickle.loads(pickle.dumps([unit, plain], pickle.HIGHEST_PROTOCOL))
    assert again == [plain, plain] and all(type(u) is Unit for u in again)
    assert b"make_unit" in pickle.dumps(plain) and b"make_text" in pickle.dumps(plain)
    assert not hasattr(unit, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        unit.tuid = "8"  # type: ignore[misc]
