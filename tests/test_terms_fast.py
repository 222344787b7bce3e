"""The term matcher's shortcuts give exactly the results of the plain computation."""

from __future__ import annotations

import random
import re
import sys
import unicodedata

import pytest

from tmqa.model import Glossary, Term, TermEntry, Text, Unit
from tmqa.terms import TermIndex, nearmiss
from tmqa.terms import index as index_module
from tmqa.terms.cache import TextCache
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


def _tokens_around(words: list[str], rng: random.Random) -> list[str]:
    """Glossary words, their plurals, one-edit variants of both, and unrelated words."""
    out: list[str] = []
    for w in words:
        for form in (w, w + "s", w + "es", w[:-1] + "ies", w[:-1] + "aux"):
            out.append(form)
            i = rng.randrange(len(form))
            out.append(form[:i] + form[i + 1 :])  # a letter dropped
            out.append(form[:i] + rng.choice("aeiouxz") + form[i:])  # one added
            out.append(form[:i] + rng.choice("aeiouxz") + form[i + 1 :])  # one replaced
    alphabet = "abcdeéilmnorstu"
    out += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(400)]
    return out


def test_near_index_plans_test_what_the_halves_say() -> None:
    rng = random.Random(3)
    words = {"".join(rng.choice("abcdeé") for _ in range(rng.randint(3, 9))) for _ in range(200)}
    index = NearIndex(words)
    for token in _tokens_around(sorted(words)[:60], rng):
        size = len(token)
        expected = False
        for n in (size - 1, size, size + 1):
            if n not in index._by_length:
                continue
            h, firsts, seconds = index._halves_of(n)
            expected = expected or token[:h] in firsts or token[size - (n - h) :] in seconds
            expected = expected or (n == size and token[: h - 1] + token[h] in firsts)
        assert index.maybe(token) == expected, token
        if not expected:  # the test behind every shortcut: nothing one edit away
            assert not any(one_edit(token, w) for w in words if len(w) >= nearmiss.MIN_WORD)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_new_tokens_settled_without_reduction_have_nothing_to_find(lang: str) -> None:
    # ``_plain_new`` lets ``quiet`` and masking skip ``canon`` and ``_probe``: where it says
    # so, both must find nothing.
    rng = random.Random(5)
    words = ["centre", "détention", "authority", "processing", "bureau", "journal", "policy"]
    words += [
        "".join(rng.choice("abcdeilnorstu") for _ in range(rng.randint(3, 10))) for _ in range(300)
    ]
    entries = tuple(TermEntry(f"c{i}", (Term(w, lang),)) for i, w in enumerate(words))
    side = TermIndex(Glossary(entries), lang, "xx").source
    side._unsorted_budget = 0  # sort the words at once: the shortcut needs them sorted
    side.canon("warm")
    settled = 0
    for token in _tokens_around(words, rng):
        if side._plain_new(token):
            settled += 1
            assert side._deinflect(token) == () and side._probe(token) == [], token
    assert settled > 100


def test_quiet_first_and_keys_first_give_the_same_results() -> None:
    pairs = [("centre de détention", "detention center"), ("LinkedIn", "LinkedIn"), ("ICE", "ICE")]
    units = [
        _unit("Les centres de détention de l'ICE.", "The ICE detention centers."),
        _unit("Sur Linkedin, l'ICE recrute 12 personnes.", "On Linkedin, ICE hires 12 people."),
        _unit("Sur Linkedin, l'ICE recrute 13 personnes.", "On Linkedin, ICE hires 13 people."),
        _unit("Rien ici.", "Nothing here."),
        _unit("Rien ici.", None),
        _unit("Les centres de détention de Zorblax.", "The holding centers of Quentin."),
        _unit("Les centres de détention de Quentin.", "The holding centers of Zorblax."),
    ] * 3
    plain = TermIndex(_glossary(*pairs), "fr-FR", "en-US")
    expected = [plain.check(u) for u in units]
    for quiet_first in (False, True):
        index = TermIndex(_glossary(*pairs), "fr-FR", "en-US")
        index._quiet_first = quiet_first
        index._window = 10**9  # no reordering
        assert [index.check(u) for u in units] == expected
        assert index._quiet_first is quiet_first


def test_check_order_follows_the_units() -> None:
    index = TermIndex(_glossary(("centre de détention", "detention center")), "fr-FR", "en-US")
    window = index_module._ORDER_WINDOW
    # New units with nothing to find: the quiet tests go first...
    for n in range(window + 1):
        name = "".join("bcdfglmnprstvz"[int(d)] for d in str(n))  # no digits: no key shared
        index.check(_unit(f"Rien ici pour Ma{name}.", f"Nothing for Ma{name}."))
    assert index._quiet_first
    # ... until units with something to find come.
    for _ in range(window):
        index.check(_unit("Les centres de détention.", "The detention centers."))
    assert not index._quiet_first


def test_inert_masks_with_and_without_the_pieces_given() -> None:
    index = TermIndex(_glossary(("centre de détention", "detention center")), "fr-FR", "en-US")
    inert = index.source.inert
    for text in [
        "Le centre de détention de Zorblax a 17 772 places.",
        "Le centre  de détention\u00a0: Quentin Moreau",
        "Rien ici",
        "centre \x00 détention",
        "",
    ]:
        assert inert.mask(text) == inert.mask(text, text.split())
    masked = inert.mask("Le centre de détention de Zorblax a 17 772 places.")
    assert masked is not None and "Zorblax" not in masked and "centre de détention" in masked


def test_unit_terms_statuses_are_its_verdicts() -> None:
    index = TermIndex(_glossary(("centre de détention", "detention center")), "fr-FR", "en-US")
    ut = index.check(_unit("Les centres de détention.", "The holding camps."))
    assert ut.statuses == frozenset(v.status for v in ut.verdicts) == {"missing"}
    assert index.check(_unit("Rien.", "Nothing.")).statuses == frozenset()


def test_a_side_scanned_once_serves_other_pairs() -> None:
    # A new pair whose source was met with another name (as long) in it reuses that scan
    # (cached on its masked key): the result is the one a fresh index gives.
    pairs = [("centre de détention", "detention center"), ("ICE", "ICE")]
    units = [
        _unit("Le centre de détention de Zorblax et l'ICE.", "The Zorblax detention center."),
        _unit("Le centre de détention de Quentin et l'ICE.", "The holding camp of Quentin."),
        _unit("Le centre de détention de Marceau et l'ICE.", "ICE runs the Marceau camp."),
    ] * 2
    index = TermIndex(_glossary(*pairs), "fr-FR", "en-US")
    for u in units:
        assert index.check(u) == TermIndex(_glossary(*pairs), "fr-FR", "en-US").check(u)
    assert len(index._masked_source_cache) == 1


def test_eager_text_cache_keeps_a_result_the_first_time() -> None:
    lazy, eager = TextCache[int](4), TextCache[int](4, eager=True)
    for cache in (lazy, eager):
        cache.put("a", 1)
    assert lazy.get("a") is None and eager.get("a") == 1
    for n in range(10):  # still two generations of at most four
        eager.put(n, n)
    assert len(eager) <= 8 and eager.get(9) == 9
