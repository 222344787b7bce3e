"""The term matcher's shortcuts give exactly the results of the plain computation."""

from __future__ import annotations

import random
import re
import sys
import unicodedata

import pytest

from tmqa.model import Glossary, Term, TermEntry, Text, Unit
from tmqa.terms import TermIndex, nearmiss
from tmqa.terms.nearmiss import NearIndex, one_edit
from tmqa.terms.normalize import TOKEN, Tokens, term_tokens
from tmqa.terms.vocabulary import Vocabulary

_WORD = re.compile(r"[\w\u0300-\u036f]")


def _glossary(*pairs: tuple[str, str]) -> Glossary:
    return Glossary(
        tuple(
            TermEntry(f"c{i}", (Term(fr, "fr"), Term(en, "en"))) for i, (fr, en) in enumerate(pairs)
        )
    )


def _unit(source: str, target: str | None) -> Unit:
    return Unit(
        "t.tmx", "1", 1, 0, "fr-FR", "en-US", Text(source), Text(target) if target else None
    )


def test_lower_casing_keeps_each_character_class() -> None:
    # Pieces of lower-cased text are classified and tokenized on their own (``quiet``,
    # ``Vocabulary``): that needs lower-casing to be idempotent and to keep word, space and
    # hyphen characters what they are, for every character it changes.
    changed = [
        c
        for c in map(chr, range(sys.maxunicode + 1))
        if c.lower() != c and not 0xD800 <= ord(c) <= 0xDFFF
    ]
    assert len(changed) > 1000
    for c in changed:
        low = c.lower()
        assert low.lower() == low
        if len(low) == 1:
            assert bool(_WORD.match(c)) == bool(_WORD.match(low)), hex(ord(c))
            assert c.isspace() == low.isspace() and c.isalpha() == low.isalpha()
            assert c != "-" and low != "-"


def test_tokens_offsets_with_any_whitespace() -> None:
    for text in [
        "Le  contrat,\tsigné (ICE) l’agence\u00a0:",
        " lead and trail ",
        "a--b -x x- l'a",
        "İstanbul et ICE",
        "e\u0301te\u0301 d\u2019accord",
    ]:
        tok = Tokens(text)
        found = list(TOKEN.finditer(tok.norm))
        assert tok.spans == [m.span() for m in found]
        assert tok.keys == [unicodedata.normalize("NFC", m.group().lower()) for m in found]
        for i in reversed(range(len(tok))):  # offsets asked in any order are the same
            assert Tokens(text).surface(i) == found[i].group()


def test_digit_variants_share_a_result_only_without_digits_in_the_glossary() -> None:
    index = TermIndex(_glossary(("agence fédérale", "federal agency")), "fr-FR", "en-US")
    a = index.check(
        _unit("L'agence fédérale a payé 26 dollars.", "The federal agency paid 26 dollars.")
    )
    b = index.check(
        _unit("L'agence fédérale a payé 12 dollars.", "The federal agency paid 12 dollars.")
    )
    assert a == b and [v.status for v in a.verdicts] == ["ok"]
    # "Windows 11" has a digit: the texts differ for the matcher.
    index = TermIndex(_glossary(("Windows 11", "Windows 11")), "fr-FR", "en-US")
    a = index.check(_unit("Sous Windows 11.", "On Windows 11."))
    b = index.check(_unit("Sous Windows 12.", "On Windows 11."))
    assert [h.text for h in a.source_hits] == ["Windows 11"] and b.source_hits == ()


def test_results_do_not_depend_on_what_was_cached() -> None:
    pairs = [("centre de détention", "detention center"), ("LinkedIn", "LinkedIn"), ("ICE", "ICE")]
    units = [
        _unit("Les centres de détention de l'ICE.", "The ICE detention centers."),
        _unit("Sur Linkedin, l'ICE recrute.", "On Linkedin, ICE hires."),
        _unit("Les centres de detention.", "The detention cemters."),
        _unit("Rien ici.", None),
        _unit("Les centres de détention de l'ICE.", "The holding centers of ICE."),
    ] * 3
    first = TermIndex(_glossary(*pairs), "fr-FR", "en-US")
    once = [first.check(u) for u in units]
    assert [first.check(u) for u in units] == once
    fresh = TermIndex(_glossary(*pairs), "fr-FR", "en-US")
    assert [fresh.check(u) for u in reversed(units)] == list(reversed(once))


def test_vocabulary_reads_terms_as_term_tokens_does() -> None:
    texts = [
        "Union européenne",
        "union",
        "UNION",
        "politique d’immigration",
        "sans-papiers",
        "İstanbul",
        "a\u0301b",
        "COVID-19",
        "(UE)",
        "",
        "x\u2011y",
    ]
    for sample in (texts, [*texts, "ΟΔΟΣ"], [*texts, "a\nb"]):
        vocabulary = Vocabulary(sample)
        expected = [term_tokens(t) for t in sample]
        assert vocabulary.words == {k for keys, _ in expected for k in keys}
        assert vocabulary.size == sum(1 for keys, _ in expected if keys)
        assert vocabulary.longest == max(len(keys) for keys, _ in expected)
        for word in vocabulary.words:
            ways = {
                w
                for keys, surfaces in expected
                for k, w in zip(keys, surfaces, strict=True)
                if k == word
            }
            assert set(vocabulary.written(word)) == ways
        for first, head in vocabulary.firsts.items():
            assert vocabulary.terms_of(head) == [
                n for n, (keys, _) in enumerate(expected) if keys and keys[0] == first
            ]


def test_near_index_gives_the_same_words_before_and_after_sorting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(nearmiss, "_SORT_LATER", 1)  # a large glossary's way: filter first
    rng = random.Random(7)
    words = {"".join(rng.choice("abcdé") for _ in range(rng.randint(5, 8))) for _ in range(300)}
    index = NearIndex(words)
    assert index._scans
    for n in range(60):  # the first lookups filter, the later ones bisect
        w = sorted(words)[n * 3]
        token = w[:2] + w[3:] if n % 2 else w[:3] + "x" + w[3:]
        expected = {v for v in words if one_edit(token, v)}
        assert {v for v, _ in index.near(token)} == expected
