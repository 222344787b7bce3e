"""Scoring internals: metrics against sacrebleu (API and command line), term accuracy, alignment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sacrebleu.metrics.bleu import BLEU
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.metrics.ter import TER

from tests.conftest import FIXTURES, ROOT, write
from tmqa.commands.check import load_glossaries
from tmqa.errors import InputError
from tmqa.scoring.align import load_candidate, load_references, read_lines
from tmqa.scoring.metrics import corpus_scores, paired_bootstrap, sentence_scores
from tmqa.scoring.terms import TermScorer

DATA = FIXTURES / "scoring"
TMX = str(DATA / "sample.fr-en.tmx")
REF1 = str(DATA / "sample.ref1.en.txt")
REF2 = str(DATA / "sample.ref2.en.txt")
HYP = str(DATA / "sample.hyp.en.txt")
SRC = str(DATA / "sample.fr.txt")
TERMS = str(DATA / "terms.fr-en.csv")
CORPUS = str(ROOT / "corpora" / "ice-contract.fr-en.tmx")
MT_A = str(ROOT / "corpora" / "candidates" / "mt-a.en.txt")
MT_B = str(ROOT / "corpora" / "candidates" / "mt-b.en.txt")


def _lines(path: str) -> list[str]:
    return Path(path).read_text(encoding="utf-8").splitlines()


# --- metrics -------------------------------------------------------------------------------------


def test_scores_equal_sacrebleu_api_single_reference() -> None:
    hyps, refs = _lines(HYP), _lines(REF1)
    got = corpus_scores(hyps, [refs])
    assert got.values["bleu"] == BLEU().corpus_score(hyps, [refs]).score
    assert got.values["chrf"] == CHRF().corpus_score(hyps, [refs]).score
    assert got.values["ter"] == TER().corpus_score(hyps, [refs]).score
    # Pinned too, so a silent change of sacrebleu's defaults shows up here.
    assert round(got.values["bleu"], 2) == 56.15
    assert round(got.values["chrf"], 2) == 82.71
    # By hand: 6 edits (cancelled, ask/are asking = 2, south, camps, answer) over 32
    # reference words (tercom keeps the final period on its word).
    assert got.values["ter"] == 6 / 32 * 100
    assert got.names == {"bleu": "BLEU", "chrf": "chrF2", "ter": "TER"}
    assert got.signatures["ter"].startswith("nrefs:1|case:lc|tok:tercom")


def test_scores_equal_sacrebleu_api_multi_reference_and_chrf_plus_plus() -> None:
    hyps, r1, r2 = _lines(HYP), _lines(REF1), _lines(REF2)
    got = corpus_scores(hyps, [r1, r2], chrf_word_order=2)
    assert got.values["bleu"] == BLEU().corpus_score(hyps, [r1, r2]).score
    assert got.values["chrf"] == CHRF(word_order=2).corpus_score(hyps, [r1, r2]).score
    assert got.values["ter"] == TER().corpus_score(hyps, [r1, r2]).score
    assert got.names["chrf"] == "chrF2++" and "nw:2" in got.signatures["chrf"]
    assert got.signatures["bleu"].startswith("nrefs:2|")
    # A second reference can only help BLEU.
    assert got.values["bleu"] > corpus_scores(hyps, [r1]).values["bleu"]


def test_identical_hypothesis_is_perfect() -> None:
    refs = _lines(REF1)
    got = corpus_scores(refs, [refs])
    assert got.values == pytest.approx({"bleu": 100.0, "chrf": 100.0, "ter": 0.0})


def test_flat_reference_list_pitfall_is_avoided() -> None:
    # sacrebleu accepts a flat list of strings silently and scores it wrong; ours takes streams.
    hyps, refs = _lines(HYP), _lines(REF1)
    flat = BLEU().corpus_score(hyps, refs).score  # the pitfall
    assert flat != corpus_scores(hyps, [refs]).values["bleu"]


@pytest.mark.parametrize("refs", [[REF1], [REF1, REF2]])
def test_scores_equal_sacrebleu_command_line(refs: list[str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "sacrebleu", *refs, "-i", HYP, "-m", "bleu", "chrf", "ter",
         "-f", "json", "-w", "4"],
        capture_output=True, text=True, check=True,
    )
    cli = {d["name"]: d for d in json.loads(proc.stdout)}
    got = corpus_scores(read_lines(HYP), [read_lines(r) for r in refs])
    for key, name in (("bleu", "BLEU"), ("chrf", "chrF2"), ("ter", "TER")):
        assert round(got.values[key], 2) == round(cli[name]["score"], 2), key
        assert got.signatures[key] == cli[name]["signature"]


def test_bundled_candidates_equal_sacrebleu_command_line(tmp_path: Path) -> None:
    ref = load_references([CORPUS])
    ref_txt = write(tmp_path, "ref.en.txt", "\n".join(s or "" for s in ref.streams[0]) + "\n")
    proc = subprocess.run(
        [sys.executable, "-m", "sacrebleu", ref_txt, "-i", MT_B, "-m", "bleu", "chrf", "ter",
         "-b", "-w", "4"],
        capture_output=True, text=True, check=True,
    )
    cli = [float(x) for x in json.loads(proc.stdout)]
    cand = load_candidate("mt-b", MT_B, ref, allow_missing=False)
    got = corpus_scores([t or "" for t in cand.texts], ref.streams)
    assert [round(got.values[k], 2) for k in ("bleu", "chrf", "ter")] == [round(x, 2) for x in cli]


def test_sentence_scores_use_effective_order() -> None:
    hyp, refs = "The Pentagon", ["The Pentagon did not respond."]
    ((chrf, bleu),) = sentence_scores([hyp], [refs])
    assert bleu == BLEU(effective_order=True).sentence_score(hyp, refs).score
    assert bleu > 0  # without effective order a two-word segment scores 0
    assert chrf == CHRF().sentence_score(hyp, refs).score


def test_paired_bootstrap_equals_sacrebleu_command_line(tmp_path: Path) -> None:
    ref = load_references([CORPUS])
    ref_txt = write(tmp_path, "ref.en.txt", "\n".join(s or "" for s in ref.streams[0]) + "\n")
    # BLEU only: sacrebleu's own JSON output crashes on chrF's float32 values.
    proc = subprocess.run(
        [sys.executable, "-m", "sacrebleu", ref_txt, "-i", MT_A, MT_B, "-m", "bleu",
         "--paired-bs", "-f", "json"],
        capture_output=True, text=True, check=True,
        env={k: v for k, v in os.environ.items() if k != "SACREBLEU_SEED"},
    )
    cli = json.loads(proc.stdout)
    hyps = [(n, [t or "" for t in load_candidate(n, p, ref, False).texts]) for n, p in
            (("a", MT_A), ("b", MT_B))]
    got = paired_bootstrap(hyps, ref.streams)
    (_, base), (_, other) = got.systems
    assert base["bleu"].p_value is None and other["bleu"].p_value == cli[1]["BLEU"]["p_value"]
    assert other["bleu"].mean == pytest.approx(cli[1]["BLEU"]["mean"])
    assert other["bleu"].ci == pytest.approx(cli[1]["BLEU"]["ci"])
    assert base["bleu"].ci == pytest.approx(cli[0]["BLEU"]["ci"])
    # Plain floats (sacrebleu hands back numpy float32 for chrF): JSON-serializable.
    json.dumps({m: vars_(r) for m, r in other.items()})
    assert "bs:1000|seed:12345" in got.signatures["chrf"]


def vars_(r: object) -> dict[str, object]:
    return {k: getattr(r, k) for k in ("score", "mean", "ci", "p_value")}


# --- term accuracy -------------------------------------------------------------------------------


def _scorer(glossary: str) -> TermScorer:
    g = load_glossaries([glossary])
    assert g is not None
    return TermScorer(g, "fr-FR", "en-US")


def test_term_accuracy_three_of_four() -> None:
    units = list(zip("12345", _lines(SRC), _lines(HYP), strict=True))
    acc = _scorer(TERMS).score(units)
    # agence fédérale (1), politique d'immigration (3), centres de détention (4), Pentagone (5)
    assert (acc.occurrences, acc.correct, acc.accuracy) == (4, 3, 0.75)
    (err,) = acc.errors
    assert (err.unit, err.term, err.source, err.found, err.reason) == (
        "4", "centre de détention", "centres de détention", None, "missing"
    )
    assert err.expected == ("detention center", "detention centre")
    assert acc.forbidden == 0


def test_term_accuracy_inflection_forbidden_and_do_not_translate(tmp_path: Path) -> None:
    glossary = write(
        tmp_path,
        "g.csv",
        "fr,en,status\n"
        "centre de détention,detention center,preferred\n"
        "centre de détention,detention camp,forbidden\n"
        "Microsoft,Microsoft,preferred\n"
        "LinkedIn,LinkedIn,preferred\n",
    )
    units = [
        ("1", "Les centres de détention sont pleins.", "The detention centers are full."),
        ("2", "Les centres de détention sont pleins.", "The detention camps are full."),
        ("3", "Microsoft a publié sur LinkedIn.", "Microsoft posted on LinkedIn."),
        ("4", "Microsoft a publié sur LinkedIn.", "microsoft posted on Linkedin."),
    ]
    acc = _scorer(glossary).score(units)
    assert (acc.occurrences, acc.correct) == (6, 3)  # the plural "centers" counts (unit 1)
    assert acc.forbidden == 1
    errors = {(e.unit, e.term): e for e in acc.errors}
    assert set(errors) == {("2", "centre de détention"), ("4", "Microsoft"), ("4", "LinkedIn")}
    camp = errors["2", "centre de détention"]
    assert (camp.reason, camp.found) == ("forbidden", "detention camps")
    # Do-not-translate: only the verbatim form counts.
    assert errors["4", "LinkedIn"].reason == "dnt-altered"
    assert errors["4", "LinkedIn"].found == "Linkedin"
    assert errors["4", "LinkedIn"].expected == ("LinkedIn",)


def test_each_source_occurrence_needs_its_own_target_occurrence(tmp_path: Path) -> None:
    glossary = write(tmp_path, "g.csv", "fr,en\nPentagone,Pentagon\n")
    units = [
        ("1", "Le Pentagone et encore le Pentagone.", "The Pentagon and the Pentagon again."),
        ("2", "Le Pentagone et encore le Pentagone.", "The Pentagon and it again."),
    ]
    acc = _scorer(glossary).score(units)
    assert (acc.occurrences, acc.correct) == (4, 3)
    assert [(e.unit, e.reason) for e in acc.errors] == [("2", "missing")]


def test_misspelled_source_term_still_counts_on_bundled_candidates() -> None:
    ref = load_references([CORPUS])
    assert ref.sources is not None
    scorer = _scorer(str(ROOT / "glossaries" / "ice-contract.fr-en.tbx"))
    results = {}
    for name, path in (("a", MT_A), ("b", MT_B)):
        cand = load_candidate(name, path, ref, False)
        texts = [t or "" for t in cand.texts]
        results[name] = scorer.score(zip(ref.ids, ref.sources, texts, strict=True))
    a, b = results["a"], results["b"]
    assert a.errors == [] and a.accuracy == 1.0 and a.forbidden == 0
    got = {(e.unit, e.term, e.found, e.reason) for e in b.errors}
    assert got == {
        ("1", "Immigration and Customs Enforcement", "Immigration and Customs Enfoncement",
         "dnt-altered"),
        ("3", "sans-papiers", "illegal aliens", "forbidden"),
        ("3", "narcotrafiquant", None, "missing"),  # "narco-traffickers"
        ("4", "centre de détention", None, "missing"),  # "detention camps"
        ("8", "LinkedIn", "Linkedin", "dnt-altered"),
    }
    assert b.forbidden == 1 and b.occurrences == a.occurrences
    assert b.correct == b.occurrences - 5


# --- alignment -----------------------------------------------------------------------------------


def test_tmx_candidate_aligned_by_tuid() -> None:
    ref = load_references([TMX])
    cand = load_candidate("t", str(DATA / "sample.hyp-tuid.tmx"), ref, False)
    assert cand.texts == _lines(HYP)
    # Unit 3's source differs (’ and "Sud"): the tuid still wins.
    assert (cand.alignment.by_tuid, cand.alignment.by_source) == (5, 0)


def test_tmx_candidate_aligned_by_source_text() -> None:
    ref = load_references([TMX])
    cand = load_candidate("s", str(DATA / "sample.hyp-source.tmx"), ref, False)
    assert cand.texts == _lines(HYP)
    # No tuid attributes: the positional ids 1..5 name other sentences, the source decides.
    assert (cand.alignment.by_tuid, cand.alignment.by_source) == (0, 5)


def test_tmx_candidate_against_text_reference_with_src() -> None:
    ref = load_references([REF1], src=SRC)
    cand = load_candidate("s", str(DATA / "sample.hyp-source.tmx"), ref, False)
    assert cand.texts == _lines(HYP)


def test_unalignable_unit_is_an_error_unless_allowed(tmp_path: Path) -> None:
    text = (DATA / "sample.hyp-source.tmx").read_text(encoding="utf-8")
    text = text.replace("Les centres de détention sont pleins.", "Une autre phrase.")
    path = write(tmp_path, "h.tmx", text)
    ref = load_references([TMX])
    with pytest.raises(InputError) as exc:
        load_candidate("h", path, ref, False)
    assert exc.value.path == path and "cannot be aligned" in exc.value.message
    assert exc.value.line == 23  # the <tu> of the unit whose slot is taken
    cand = load_candidate("h", path, ref, True)
    assert cand.alignment.missing == ["4"] and cand.alignment.extra == 1
    assert cand.texts[3] is None


def test_line_count_mismatch() -> None:
    ref = load_references([TMX])
    short = str(DATA / "sample.short.en.txt")
    with pytest.raises(InputError) as exc:
        load_candidate("s", short, ref, False)
    assert exc.value.path == short and "4 lines" in exc.value.message
    cand = load_candidate("s", short, ref, True)
    assert cand.alignment.missing == ["5"] and cand.texts[4] is None


def test_read_lines_like_sacrebleu(tmp_path: Path) -> None:
    assert read_lines(write(tmp_path, "a", b"\xef\xbb\xbfa \r\nb\n")) == ["a", "b"]
    assert read_lines(write(tmp_path, "b", b"a\n\n")) == ["a", ""]
    assert read_lines(write(tmp_path, "c", b"")) == []
    with pytest.raises(InputError) as exc:
        read_lines(write(tmp_path, "d", b"ok\n\xff\n"))
    assert exc.value.line == 2


def test_empty_candidate_fails_every_term_of_its_source() -> None:
    units = [
        ("1", "Le Pentagone et l'agence fédérale.", ""),
        ("2", "Le Pentagone.", "The Pentagon."),
    ]
    acc = _scorer(TERMS).score(units)
    assert (acc.occurrences, acc.correct, acc.accuracy) == (3, 1, 1 / 3)
    assert {(e.unit, e.term, e.reason) for e in acc.errors} == {
        ("1", "Pentagone", "missing"), ("1", "agence fédérale", "missing")
    }
