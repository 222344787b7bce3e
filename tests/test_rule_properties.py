"""Property tests over every rule and the glossary readers: arbitrary text never breaks them.

Text mixes ordinary words, glossary terms, numbers in both locales, combining marks, RTL,
no-break spaces, emoji, control characters, huge numbers and unbalanced codes.
"""

from __future__ import annotations

import os
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from tmqa.commands.check import load_glossaries
from tmqa.context import Context
from tmqa.engine import Checker
from tmqa.errors import InputError
from tmqa.model import InlineCode, Text, Unit

GLOSSARY = load_glossaries([str(ROOT / "glossaries" / "ice-contract.fr-en.csv")])
PIECES = st.sampled_from(
    [
        "Immigration and Customs Enforcement",
        "Enfoncement",
        "ICE",
        "sans-papiers",
        "illegal aliens",
        "centres de détention",
        "LinkedIn",
        "Linkedin",
        "19,4 millions",
        "$19.4 million",
        "1\u00a0200",
        "17\u202f772",
        "12,5 %",
        "1er",
        "3rd",
        "99999999999999999999999999",
        "-0,0",
        "%s",
        "{0}",
        "${x}",
        "https://example.com/fr/",
        "a@b.fr",
        "« ",
        " »",
        '"',
        "(",
        ")",
        "[",
        "?",
        " !",
        ":",
        "…",
        "the the",
        "nous nous",
        "e\u0301",
        "\u200f",
        "שלום",
        "مرحبا",
        "🙂",
        "\u00a0",
        "\u202f",
        "  ",
        "\t",
        "\x07",
        "\u2028",
        "ǅ",
        "ß",
        "İ",
        "Ⅻ",
        "٣",
        "ﬁ",
        ".",
        ",",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=12).map(" ".join)
CODES = st.lists(
    st.builds(
        InlineCode,
        kind=st.sampled_from(["bpt", "ept", "ph", "it", "ut", "hi"]),
        offset=st.integers(0, 500),
        i=st.sampled_from([None, "1", "2"]),
        x=st.sampled_from([None, "1", "2"]),
        pos=st.sampled_from([None, "begin", "end"]),
        native=st.sampled_from(["", "<b>", "</b>", "{\\b "]),
    ),
    max_size=4,
)
LANGS = st.sampled_from(
    [("fr-FR", "en-US"), ("en-US", "fr-FR"), ("fr-CA", "en"), ("de", "es"), ("fr", "fr")]
)


def _text(plain: str, codes: list[InlineCode]) -> Text:
    fixed = [
        InlineCode(c.kind, min(c.offset, len(plain)), c.i, c.x, c.pos, c.type, c.native)
        for c in codes
    ]
    runs: list[str | InlineCode] = [plain] if plain else []
    return Text(plain, tuple(runs) + tuple(fixed))


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, TEXT, CODES, CODES, LANGS, st.booleans())
def test_every_rule_is_total_and_spans_are_in_bounds(
    src: str,
    tgt: str,
    src_codes: list[InlineCode],
    tgt_codes: list[InlineCode],
    langs: tuple[str, str],
    no_target: bool,
) -> None:
    unit = Unit(
        file="f.tmx",
        tuid="1",
        line=1,
        index=1,
        source_lang=langs[0],
        target_lang=langs[1],
        source=_text(src, src_codes),
        target=None if no_target else _text(tgt, tgt_codes),
        props=(("x-tmqa-ignore", ""),),
    )
    results = []
    for _ in range(2):
        checker = Checker(context=Context(GLOSSARY))
        findings = checker.check_unit(unit)
        for f in findings:
            text = unit.text(f.side).plain
            assert 0 <= f.span[0] <= f.span[1] <= len(text), (f, text)
            assert f.message and "\n" not in f.message
        results.append(findings)
    # Deterministic: a fresh checker gives the same findings.
    assert results[0] == results[1]


@settings(max_examples=150, deadline=None)
@given(
    st.text(max_size=300),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
    st.sampled_from([".csv", ".tsv", ".tbx", ".txt"]),
)
def test_glossary_reader_gives_glossary_or_input_error(body: str, encoding: str, ext: str) -> None:
    fd, path = tempfile.mkstemp(suffix=ext)
    with os.fdopen(fd, "wb") as fh:
        fh.write(body.encode(encoding, "surrogatepass"))
    try:
        glossary = load_glossaries([path])
        assert glossary is not None and glossary.entries
    except InputError as exc:
        assert "\n" not in str(exc) and path in str(exc)
    finally:
        os.unlink(path)


FILLERS = st.sampled_from(
    ["Anna", "Zorblax", "Quentin Moreau", "123", "4,5", "17 772", "Xq", "ICE", "de", "Nogales",
     "El Paso", "%d", "v2.3", "Linkedin", "immigration", "Enfoncement", ""]
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=4),
    st.lists(st.tuples(FILLERS, FILLERS), min_size=2, max_size=5),
    LANGS,
)
def test_caches_never_change_a_finding(
    bases: list[tuple[str, str]], fillers: list[tuple[str, str]], langs: tuple[str, str]
) -> None:
    """Units that differ only in names, numbers or other words (what the result caches key
    around) get the same per-unit findings whichever unit a cache saw first."""
    units = [
        Unit(
            "f.tmx", f"{i}-{j}", 1, 1, langs[0], langs[1],
            _text(f"{src} {a}".strip(), []), _text(f"{tgt} {b}".strip(), []),
        )
        for i, (src, tgt) in enumerate(bases)
        for j, (a, b) in enumerate(fillers)
    ]
    per_order = []
    for order in (units, units[::-1]):
        checker = Checker(context=Context(GLOSSARY))
        found = {u.tuid: checker.local(u)[0] for u in order}
        per_order.append(found)
    assert per_order[0] == per_order[1]
