"""Configuration: discovery, validation (exit 2 naming file and key), precedence, rule options."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, write
from tmqa.config import Config, find_config, load_config, parse_config
from tmqa.errors import InputError
from tmqa.model import Severity
from tmqa.rules.registry import Rule, lookup

Run = Callable[..., tuple[int, str, str]]
GOLDEN_TMX = (ROOT / "tests" / "golden" / "input.tmx").read_text(encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty repository (``.git`` stops the upward search) as the working directory."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def _codes(out: str) -> list[tuple[str, str, str]]:
    return [(f["tuid"], f["code"], f["severity"]) for f in json.loads(out)["findings"]]


# --- discovery ---------------------------------------------------------------------------


def test_discovery_walks_up_to_the_repository_root(repo: Path) -> None:
    deep = repo / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(str(deep)) is None
    write(repo, "pyproject.toml", "[project]\nname = 'x'\n")  # no [tool.tmqa]: not ours
    assert find_config(str(deep)) is None
    write(repo, "pyproject.toml", "[tool.tmqa]\nfail-on = 'warning'\n")
    assert find_config(str(deep)) == str(repo / "pyproject.toml")
    write(repo / "a", ".tmqa.toml", "")
    assert find_config(str(deep)) == str(repo / "a" / ".tmqa.toml")
    write(repo / "a", "tmqa.toml", "")
    assert find_config(str(deep)) == str(repo / "a" / "tmqa.toml")
    # Above the repository root nothing is read, even a tmqa.toml.
    write(repo.parent, "tmqa.toml", "fail-on = 'never'\n")
    try:
        (repo / "a" / "tmqa.toml").unlink()
        (repo / "a" / ".tmqa.toml").unlink()
        (repo / "pyproject.toml").unlink()
        assert find_config(str(deep)) is None
    finally:
        (repo.parent / "tmqa.toml").unlink()


def test_all_keys_load_into_one_frozen_object(repo: Path) -> None:
    write(repo, "pyproject.toml", """
[tool.tmqa]
source-lang = "fr-FR"
target-lang = "en-US"
glossaries = ["glossaries/a.tbx", "b.csv"]
select = ["S", "x001"]
ignore = ["S104"]
extend-select = ["C1"]
fail-on = "warning"
format = "sarif"
baseline = ".tmqa-baseline.json"
min-bleu = 30
min-chrf = 55.5
max-ter = 60
min-term-accuracy = 0.9

[tool.tmqa.per-file-ignores]
"legacy/*.tmx" = ["S1"]
"*.draft.tmx" = ["ALL"]

[tool.tmqa.severity]
S104 = "info"
C = "error"

[tool.tmqa.rules.C101]
ignore-case = true
""")
    config = load_config()
    assert config.path == str(repo / "pyproject.toml")
    assert (config.source_lang, config.target_lang) == ("fr-FR", "en-US")
    assert config.glossaries == (os.path.join("glossaries", "a.tbx"), "b.csv")
    assert (config.select, config.ignore, config.extend_select) == (
        ("S", "X001"), ("S104",), ("C1",),
    )
    assert (config.fail_on, config.format) == ("warning", "sarif")
    assert config.baseline == ".tmqa-baseline.json"
    assert (config.min_bleu, config.min_chrf, config.max_ter, config.min_term_accuracy) == (
        30.0, 55.5, 60.0, 0.9,
    )
    assert dict(config.severity) == {"S104": Severity.INFO, "C": Severity.ERROR}
    assert dict(config.rule_options["C101"]) == {"ignore-case": True}
    assert config.ignores_for("legacy/old.tmx") == ("S1",)
    assert config.ignores_for(str(repo / "x" / "y.draft.tmx")) == ("ALL",)
    assert config.ignores_for("new/old.tmx") == ()
    with pytest.raises(AttributeError):
        config.fail_on = "never"  # type: ignore[misc]
    with pytest.raises(TypeError):
        config.severity["S"] = Severity.INFO  # type: ignore[index]


def test_paths_are_relative_to_the_config_file(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "sub").mkdir()
    write(repo, "tmqa.toml", 'glossaries = ["g/terms.tbx"]\nbaseline = "base.json"\n')
    monkeypatch.chdir(repo / "sub")
    config = load_config()
    # Outside the working directory: absolute, never "../" (messages stay unambiguous).
    assert config.glossaries == (str(repo / "g" / "terms.tbx"),)
    assert os.path.abspath(config.baseline or "") == str(repo / "base.json")


# --- validation: exit 2 with the file and the key -------------------------------------------


@pytest.mark.parametrize(
    ("toml", "key", "message"),
    [
        ('[tool.tmqa]\nselct = ["S"]\n', "tool.tmqa.selct", "did you mean 'select'"),
        ('[tool.tmqa]\nselect = "S101"\n', "tool.tmqa.select", "expected an array of strings"),
        ('[tool.tmqa]\nselect = ["Q9"]\n', "tool.tmqa.select", "unknown rule code"),
        ('[tool.tmqa]\nfail-on = "sometimes"\n', "tool.tmqa.fail-on", "expected one of"),
        ('[tool.tmqa]\nformat = "xml"\n', "tool.tmqa.format", "expected one of"),
        ('[tool.tmqa]\nmin-bleu = "high"\n', "tool.tmqa.min-bleu", "non-negative number"),
        ('[tool.tmqa]\nmax-ter = true\n', "tool.tmqa.max-ter", "non-negative number"),
        ('[tool.tmqa]\nglossaries = "a.tbx"\n', "tool.tmqa.glossaries", "array of strings"),
        ('[tool.tmqa.severity]\nS101 = "fatal"\n', "tool.tmqa.severity.S101", "unknown severity"),
        ('[tool.tmqa.severity]\nZ9 = "info"\n', "tool.tmqa.severity.Z9", "unknown rule code"),
        ('[tool.tmqa.severity]\nS101 = 2\n', "tool.tmqa.severity.S101", "got integer"),
        ('[tool.tmqa.rules.Z999]\nx = 1\n', "tool.tmqa.rules.Z999", "unknown rule code"),
        ('[tool.tmqa.rules]\nS101 = 1\n', "tool.tmqa.rules.S101", "expected a table"),
        ('[tool.tmqa.per-file-ignores]\n"*.tmx" = ["nope"]\n',
         'tool.tmqa.per-file-ignores."*.tmx"', "unknown rule code"),
        ('[tool.tmqa]\nsource-lang = 3\n', "tool.tmqa.source-lang", "non-empty string"),
    ],
)
def test_bad_configuration_exits_2_naming_file_and_key(
    repo: Path, run_tmqa: Run, toml: str, key: str, message: str
) -> None:
    write(repo, "pyproject.toml", toml)
    tmx = write(repo, "a.tmx", GOLDEN_TMX)
    rc, out, err = run_tmqa("check", tmx)
    assert (rc, out) == (2, "")
    assert err.startswith(f"tmqa: error: {repo / 'pyproject.toml'}: key '{key}': "), err
    assert message in err and len(err.strip().splitlines()) == 1


def test_tmqa_toml_keys_are_top_level(repo: Path, run_tmqa: Run) -> None:
    write(repo, "tmqa.toml", 'selct = ["S"]\n')
    rc, _, err = run_tmqa("check", write(repo, "a.tmx", GOLDEN_TMX))
    assert rc == 2 and "tmqa.toml: key 'selct': unknown key (did you mean 'select'?)" in err


def test_invalid_toml_exits_2(repo: Path, run_tmqa: Run) -> None:
    write(repo, "tmqa.toml", "select = [\n")
    rc, _, err = run_tmqa("check", write(repo, "a.tmx", GOLDEN_TMX))
    assert rc == 2 and "tmqa.toml: invalid TOML" in err


def _with_options(monkeypatch: pytest.MonkeyPatch, options: Mapping[str, Any]) -> None:
    real = lookup("S104")
    assert real is not None
    fake = Rule(real.code, real.name, real.severity, real.func, real.doc, options=options)
    monkeypatch.setattr("tmqa.config.lookup", lambda code: fake if code.upper() == "S104" else None)


def test_rule_option_names_are_checked_when_the_rule_declares_them(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(repo, "tmqa.toml", "[rules.S104]\nmax-ratio = 3.0\nmax-ratoi = 2\n")
    _with_options(monkeypatch, {})  # declares nothing: any key is passed through
    assert dict(parse_config(path).rule_options["S104"]) == {"max-ratio": 3.0, "max-ratoi": 2}
    _with_options(monkeypatch, {"max-ratio": 2.5, "min-ratio": 0.4})
    with pytest.raises(InputError, match=r"key 'rules.S104.max-ratoi': unknown option for S104 "
                                         r"\(did you mean 'max-ratio'\?\)"):
        parse_config(path)
    # The declared default's type is the option's type (None: anything).
    _with_options(monkeypatch, {"max-ratio": None, "max-ratoi": True})
    with pytest.raises(InputError, match=r"key 'rules.S104.max-ratoi': expected a boolean, "
                                         r"got integer"):
        parse_config(path)
    write(repo, "tmqa.toml", '[rules.S104]\nmax-ratio = "3"\n')
    _with_options(monkeypatch, {"max-ratio": 2.5})
    with pytest.raises(InputError, match="expected a number, got string"):
        parse_config(path)


def test_rule_options_reach_the_rules(
    repo: Path, run_tmqa: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(repo, "tmqa.toml", "[rules.S101]\nanything = [1, 2]\n")
    seen: list[Mapping[str, Mapping[str, Any]]] = []
    import tmqa.commands.check as check
    from tmqa.context import Context as real

    def spy(glossary: Any = None, rule_options: Any = None) -> Any:
        seen.append(rule_options)
        return real(glossary, rule_options)

    monkeypatch.setattr(check, "Context", spy)
    run_tmqa("check", write(repo, "a.tmx", GOLDEN_TMX))
    assert dict(seen[0]["S101"]) == {"anything": [1, 2]}


# --- precedence: defaults < configuration < command line -------------------------------


def test_precedence(repo: Path, run_tmqa: Run) -> None:
    tmx = write(repo, "a.tmx", GOLDEN_TMX)
    # Defaults: S101 errors fail, X001 is a warning.
    rc, out, _ = run_tmqa("check", tmx, "-f", "json")
    assert rc == 1 and ("blanket", "X001", "warning") in _codes(out)
    write(repo, "tmqa.toml", """
select = ["X"]
fail-on = "warning"
format = "json"
[severity]
X001 = "info"
""")
    rc, out, _ = run_tmqa("check", tmx)
    # S101 did not run, so it no longer gates unit "gated", whose "ALL" prop is an X001 too.
    assert rc == 0 and _codes(out) == [("blanket", "X001", "info"), ("gated", "X001", "info")]
    rc, out, _ = run_tmqa("check", tmx, "--fail-on", "info", "--select", "S101,X", "-f", "json")
    assert rc == 1 and {c for _, c, _ in _codes(out)} == {"S101", "X001"}
    rc, out, _ = run_tmqa("check", tmx, "--format", "text")
    assert out.startswith(f"{tmx}:13: X001")
    # --ignore adds to the configuration's selection.
    rc, out, _ = run_tmqa("check", tmx, "--ignore", "X001")
    assert _codes(out) == []
    # --isolated: defaults only.
    rc, out, _ = run_tmqa("check", tmx, "--isolated")
    assert rc == 1 and out.startswith(f"{tmx}:9: S101")


def test_config_option_and_isolated(repo: Path, run_tmqa: Run) -> None:
    tmx = write(repo, "a.tmx", GOLDEN_TMX)
    other = write(repo, "other.toml", 'fail-on = "never"\n')
    write(repo, "tmqa.toml", "selct = 1\n")  # broken, but --config skips discovery
    assert run_tmqa("check", tmx, "--config", other)[0] == 0
    rc, _, err = run_tmqa("check", tmx, "--config", other, "--isolated")
    assert rc == 2 and "--isolated" in err
    rc, _, err = run_tmqa("check", tmx, "--config", "nope.toml")
    assert rc == 2 and "nope.toml: configuration file not found" in err
    assert run_tmqa("check", tmx, "--isolated")[0] == 1


def test_per_file_ignores(repo: Path, run_tmqa: Run) -> None:
    (repo / "legacy").mkdir()
    write(repo / "legacy", "old.tmx", GOLDEN_TMX)
    write(repo, "new.tmx", GOLDEN_TMX)
    write(repo, "tmqa.toml", '[per-file-ignores]\n"legacy/*.tmx" = ["S1"]\n')
    _, out, _ = run_tmqa("check", ".", "-f", "json")
    got = {(f["file"], f["code"]) for f in json.loads(out)["findings"]}
    assert got == {
        (os.path.join(".", "legacy", "old.tmx"), "X001"),
        (os.path.join(".", "new.tmx"), "S101"),
        (os.path.join(".", "new.tmx"), "X001"),
    }


def test_glossaries_from_configuration(repo: Path, run_tmqa: Run) -> None:
    corpus = write(repo, "ice.tmx", (ROOT / "corpora" / "ice-contract.fr-en.tmx").read_bytes())
    glossary = ROOT / "glossaries" / "ice-contract.fr-en.tbx"
    write(repo, "tmqa.toml", f"glossaries = [{json.dumps(str(glossary))}]\n")
    _, with_config, _ = run_tmqa("check", corpus, "-f", "json")
    _, with_cli, _ = run_tmqa("check", corpus, "-f", "json", "--isolated", "-g", str(glossary))
    assert json.loads(with_config)["findings"] == json.loads(with_cli)["findings"]
    assert json.loads(with_config)["signature"] == json.loads(with_cli)["signature"]


def test_default_config_is_empty() -> None:
    config = Config()
    assert config.select is None and config.fail_on is None and not config.rule_options
    assert config.ignores_for("a.tmx") == ()


def test_readme_configuration_example_is_valid(tmp_path: Path) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Configuration and CI", 1)[1].split("\n## ", 1)[0]
    (example,) = [b for b in section.split("```toml\n")[1:]]
    path = write(tmp_path, "pyproject.toml", example.split("```", 1)[0])
    config = parse_config(path)
    assert config.glossaries and config.min_chrf == 50 and config.rule_options


def test_score_thresholds_and_glossaries_from_configuration(repo: Path, run_tmqa: Run) -> None:
    ref, hyp = ROOT / "corpora" / "ice-contract.fr-en.tmx", ROOT / "corpora" / "candidates"
    glossary = ROOT / "glossaries" / "ice-contract.fr-en.tbx"
    argv = ("score", "--ref", str(ref), "--hyp", str(hyp / "mt-b.en.txt"))
    assert run_tmqa(*argv)[0] == 0
    write(repo, "tmqa.toml", f"min-chrf = 99\nmin-term-accuracy = 0.99\n"
                             f"glossaries = [{json.dumps(str(glossary))}]\n")
    rc, out, err = run_tmqa(*argv)
    assert rc == 1 and "--min-chrf 99" in out and "term accuracy" in out, out + err
    # The command line wins over the file.
    rc, out, err = run_tmqa(*argv, "--min-chrf", "1", "--min-term-accuracy", "0")
    assert rc == 0, out + err
