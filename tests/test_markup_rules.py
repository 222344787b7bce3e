"""Markup rules (M101-M103) and the token scanner they share with the prose rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import write
from tmqa.config import parse_config
from tmqa.context import Context
from tmqa.model import InlineCode, Text, Unit
from tmqa.patterns import placeholders, scan, url_key, urls
from tmqa.readers.tmx import read_tmx
from tmqa.rules.registry import lookup


def _unit(source: Text | str, target: Text | str, src: str = "fr-FR", tgt: str = "en-US") -> Unit:
    s = source if isinstance(source, Text) else Text(source, (source,))
    t = target if isinstance(target, Text) else Text(target, (target,))
    return Unit("t.tmx", "1", 1, 1, src, tgt, s, t)


def _run(code: str, unit: Unit, **options: Any) -> list[tuple[str, tuple[int, int], str]]:
    ctx = Context(rule_options={code: options} if options else None)
    ctx.begin_unit()
    rule = lookup(code)
    assert rule is not None
    return [(p.side, p.span, p.message) for p in rule.func(unit, ctx)]


def _text(*runs: str | InlineCode) -> Text:
    plain = ""
    out: list[str | InlineCode] = []
    for r in runs:
        if isinstance(r, str):
            plain += r
            out.append(r)
        else:
            out.append(InlineCode(r.kind, len(plain), r.i, r.x, r.pos, r.type, r.native))
    return Text(plain, tuple(out))


def _code(kind: str, i: str | None = None, x: str | None = None, native: str = "") -> InlineCode:
    return InlineCode(kind, 0, i=i, x=x, native=native)


# --- patterns -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("voir https://example.com/fr/page.", ["https://example.com/fr/page"]),
        ("(voir https://fr.wikipedia.org/wiki/Python_(langage)).",
         ["https://fr.wikipedia.org/wiki/Python_(langage)"]),
        ("« https://example.com/a »", ["https://example.com/a"]),
        ('"https://example.com/a"', ["https://example.com/a"]),
        ("www.example.fr, ou", ["www.example.fr"]),
        ("Écrivez à support@example.fr.", ["support@example.fr"]),
        ("https://x.org/u/a@b.com", ["https://x.org/u/a@b.com"]),
        ("Node.js et ASP.NET", []),
    ],
)
def test_urls_exclude_sentence_punctuation(text: str, expected: list[str]) -> None:
    assert [t.text for t in urls(text)] == expected


def test_url_key_normalises_scheme_host_and_slash() -> None:
    assert url_key("HTTPS://Example.COM/Path/") == url_key("http://example.com/Path")
    assert url_key("https://example.com/Path") != url_key("https://example.com/path")


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("%d fichiers, %s et %1$s", ["%d", "%s", "%s"]),
        ("%(count)d éléments", ["%(count)d"]),
        ("%i et %lld", ["%d", "%lld"]),
        ("Copie de %1 vers %2", ["%1", "%2"]),
        ("{0} et {name} et {0:N2} et {1,10}", ["{0}", "{name}", "{0}", "{1}"]),
        ("${user} et {{ user.name }} et %{count}", ["${user}", "{{user.name}}", "%{count}"]),
        ("{count, plural, one {# fichier} other {# fichiers}}", ["{count}"]),
        ("100 % des utilisateurs, 50 % de remise, 20%off, 5 %%", []),
        ("https://example.com/a%20b%C3%A9", []),
        ("\\emph{mot} et f(x) = {x | x > 0}", []),
    ],
)
def test_placeholder_keys(text: str, keys: list[str]) -> None:
    assert [t.key for t in placeholders(text)] == keys


def test_masked_text_keeps_offsets_and_hides_tokens() -> None:
    text = "Voir https://example.com/?a=1 : {0}!"
    sc = scan(text)
    assert len(sc.masked) == len(text)
    assert "?" not in sc.masked and "{" not in sc.masked
    assert sc.masked.endswith(" : ___!")
    assert scan("Rien à signaler.").masked == "Rien à signaler."


# --- M101 -----------------------------------------------------------------------------------


def test_m101_unpaired_bpt_is_located_at_the_code() -> None:
    b = _code("bpt", "1", "1", "<b>")
    e = _code("ept", "1", None, "</b>")
    u = _unit(_text("Cliquez sur ", b, "Enregistrer", e, "."), _text("Click ", b, "Save."))
    assert _run("M101", u) == [
        ("target", (6, 6), '<bpt i="1"> has no matching <ept> in the target')
    ]


def test_m101_reports_missing_extra_and_renumbered_codes() -> None:
    br = _code("ph", x="1", native="<br/>")
    img = _code("ph", x="2", native="<img/>")
    u = _unit(_text("a", br, "b", img), _text("a", _code("ph", x="3", native="<img/>"), "b"))
    found = _run("M101", u)
    assert ("target", (0, 2), 'target lacks the <ph x="1"> (<br/>) the source has') in found
    renumbered = '<ph x="3"> (<img/>) has x="3" but its source counterpart has x="2"'
    assert ("target", (1, 1), renumbered) in found
    assert len(found) == 2


def test_m101_allows_moves_and_localised_natives() -> None:
    a_fr = _code("bpt", "1", "1", '<a href="/fr/">')
    a_en = _code("bpt", "1", "1", '<a href="/en/">')
    end = _code("ept", "1", None, "</a>")
    u_ = _code("bpt", "2", "2", "<u>")
    u_end = _code("ept", "2", None, "</u>")
    u = _unit(_text(a_fr, "lien", end, " et ", u_, "souligné", u_end),
              _text(u_, "underlined", u_end, " and ", a_en, "link", end))
    assert _run("M101", u) == []


CODES_TMX = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
    'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en-US" '
    'datatype="plaintext"/><body><tu>'
    '<tuv xml:lang="en-US"><seg>Click <bpt i="1" x="1">&lt;b&gt;</bpt>Save'
    '<ept i="1">&lt;/b&gt;</ept> now<ph x="2">&lt;br/&gt;</ph></seg></tuv>'
    '<tuv xml:lang="fr-FR"><seg>Cliquez <bpt i="1" x="1">&lt;b&gt;</bpt>maintenant sur '
    "Enregistrer</seg></tuv></tu></body></tmx>"
)


def test_m101_reads_real_tmx_inline_codes(tmp_path: Path) -> None:
    (unit,) = read_tmx(write(tmp_path, "codes.tmx", CODES_TMX))
    found = _run("M101", unit)
    assert [(side, span) for side, span, _ in found] == [("target", (8, 8)), ("target", (0, 34))]
    assert '<ph x="2"> (<br/>)' in found[1][2]


# --- M102 -----------------------------------------------------------------------------------


def test_m102_missing_and_extra_placeholders() -> None:
    u = _unit("Copie de %1 vers {dest}", "Copying %1 to {dossier}")
    assert _run("M102", u) == [
        ("target", (0, 23), "placeholder {dest} of the source is missing"),
        ("target", (14, 23), "placeholder {dossier} is not in the source"),
    ]


def test_m102_counts_repeated_placeholders() -> None:
    u = _unit("{0} sur {0}", "{0} of")
    assert _run("M102", u) == [
        ("target", (0, 6), "placeholder {0} of the source is missing (1 of 2)")
    ]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("100 % des utilisateurs", "100% of users"),
        ("%s de %s", "%2$s's %1$s"),
        ("Le {0:dd/MM/yyyy}", "On {0:MM/dd/yyyy}"),
        ("Taux : 5 %%", "Rate: 5%%"),
        ("Le %s est %d", "The %s is %i"),
    ],
)
def test_m102_passing(source: str, target: str) -> None:
    assert _run("M102", _unit(source, target)) == []


# --- M103 -----------------------------------------------------------------------------------


def test_m103_localized_pairs_option() -> None:
    u = _unit("Voir https://example.fr/fr/aide et contact@example.fr",
              "See https://example.com/en/aide and contact@example.com")
    assert len(_run("M103", u)) == 2
    pairs = [["/fr/", "/en/"], [".fr", ".com"]]
    assert _run("M103", u, **{"localized-pairs": pairs}) == []
    # One pair alone does not make example.fr/fr/ into example.com/en/.
    found = _run("M103", u, **{"localized-pairs": [["/fr/", "/en/"]]})
    assert [m for _, _, m in found] == [
        "URL https://example.fr/fr/aide of the source is missing",
        "e-mail address contact@example.fr of the source is missing",
    ]


def test_m103_direction_en_fr() -> None:
    u = _unit("See https://example.com/en/help.", "Voir https://example.com/fr/aide.",
              "en-US", "fr-FR")
    assert len(_run("M103", u)) == 1
    assert _run("M103", u, **{"localized-pairs": [["/en/help", "/fr/aide"]]}) == []


def test_m103_ignores_malformed_option() -> None:
    u = _unit("https://a.example/x", "https://a.example/x")
    assert _run("M103", u, **{"localized-pairs": ["oops", [1, 2]]}) == []


def test_m103_option_from_the_configuration_file(tmp_path: Path) -> None:
    path = write(tmp_path, "tmqa.toml",
                 '[rules.M103]\nlocalized-pairs = [["/fr/", "/en/"], [".fr", ".com"]]\n')
    config = parse_config(path)
    ctx = Context(rule_options=config.rule_options)
    ctx.begin_unit()
    u = _unit("Voir https://example.fr/fr/aide", "See https://example.com/en/aide")
    rule = lookup("M103")
    assert rule is not None
    assert list(rule.func(u, ctx)) == []


def test_m102_conversion_glued_to_a_word_is_a_placeholder_unless_after_a_number() -> None:
    from tmqa.patterns import scan

    assert [p.text for p in scan("Can not do %d byte %srelocation").placeholders] == ["%d", "%s"]
    assert [p.text for p in scan("  -m[no-]%-17sEnable %s").placeholders] == ["%-17s", "%s"]
    assert [p.text for p in scan("Rabais de 20%sur tout, 100%off").placeholders] == []


def test_m102_shell_brace_lists_are_not_placeholders() -> None:
    from tmqa.patterns import scan

    assert [p.text for p in scan("cannot combine any two of {ascii,ebcdic,ibm}").placeholders] == []
    assert [p.text for p in scan("{0,-5} {1, number, integer}").placeholders] == [
        "{0,-5}",
        "{1, number, integer}",
    ]
