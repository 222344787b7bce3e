"""Find and load ``[tool.tmqa]`` / ``tmqa.toml`` into one frozen, validated ``Config``."""

from __future__ import annotations

import difflib
import fnmatch
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from tmqa.decision import FAIL_ON_CHOICES
from tmqa.errors import InputError
from tmqa.model import Severity
from tmqa.rules.registry import is_code_prefix, lookup

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found]

CONFIG_NAMES = ("tmqa.toml", ".tmqa.toml")
PYPROJECT = "pyproject.toml"

_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class Config:
    """Settings from one configuration file; every field's default means "not set there".

    Paths (``glossaries``, ``baseline``) are already resolved against the file's directory.
    """

    path: str | None = None
    source_lang: str | None = None
    target_lang: str | None = None
    glossaries: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: str | None = None
    format: str | None = None
    baseline: str | None = None
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=lambda: _EMPTY)
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=lambda: _EMPTY)
    min_bleu: float | None = None
    min_chrf: float | None = None
    max_ter: float | None = None
    min_term_accuracy: float | None = None

    @property
    def root(self) -> str:
        """The directory relative paths and ``per-file-ignores`` globs are taken from."""
        return os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()

    def ignores_for(self, path: str) -> tuple[str, ...]:
        """Codes ``per-file-ignores`` silences in ``path`` (globs relative to ``root``)."""
        if not self.per_file_ignores:
            return ()
        rel = os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")
        base = rel.rsplit("/", 1)[-1]
        codes: list[str] = []
        for pattern, pattern_codes in self.per_file_ignores:
            # A pattern without "/" matches the file name anywhere, as in .gitignore.
            subject = rel if "/" in pattern else base
            if fnmatch.fnmatchcase(subject, pattern):
                codes.extend(pattern_codes)
        return tuple(codes)


THRESHOLDS = ("min_bleu", "min_chrf", "max_ter", "min_term_accuracy")


def fill_score_defaults(args: Any, config: Config) -> None:
    """``tmqa score``: thresholds and glossaries the command line leaves unset come from
    ``config`` (the command line wins, as for ``check``)."""
    for key in THRESHOLDS:
        if getattr(args, key, None) is None:
            setattr(args, key, getattr(config, key))
    if not getattr(args, "glossary", None):
        args.glossary = list(config.glossaries)


def find_config(start: str | None = None) -> str | None:
    """The nearest configuration file from ``start`` (cwd) up to the repository root.

    In each directory ``tmqa.toml`` wins over ``.tmqa.toml``, which wins over a ``pyproject.toml``
    with a ``[tool.tmqa]`` table. The walk stops at a directory holding ``.git``.
    """
    directory = os.path.abspath(start or os.getcwd())
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(directory, name)
            if os.path.isfile(candidate):
                return candidate
        pyproject = os.path.join(directory, PYPROJECT)
        if os.path.isfile(pyproject) and "tmqa" in _parse(pyproject).get("tool", {}):
            return pyproject
        parent = os.path.dirname(directory)
        if os.path.exists(os.path.join(directory, ".git")) or parent == directory:
            return None
        directory = parent


def load_config(path: str | None = None, *, isolated: bool = False) -> Config:
    """The configuration for a run: ``path`` if given, else the discovered file, else defaults."""
    if isolated:
        if path is not None:
            raise InputError(None, "--config and --isolated cannot be used together")
        return Config()
    if path is None:
        path = find_config()
        if path is None:
            return Config()
    elif not os.path.isfile(path):
        raise InputError(path, "configuration file not found")
    return parse_config(path)


def parse_config(path: str) -> Config:
    """Read and validate one configuration file (``pyproject.toml`` reads ``[tool.tmqa]``)."""
    doc = _parse(path)
    if os.path.basename(path) == PYPROJECT:
        table = doc.get("tool", {}).get("tmqa")
        if table is None:
            raise InputError(path, "no [tool.tmqa] table")
        prefix = "tool.tmqa."
    else:
        table, prefix = doc, ""
    return _Validator(path, prefix).config(table)


def _parse(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            doc: dict[str, Any] = tomllib.load(fh)
            return doc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, f"invalid TOML: {exc}") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def _type_name(value: object) -> str:
    return {bool: "boolean", int: "integer", float: "float", str: "string", list: "array",
            dict: "table"}.get(type(value), type(value).__name__)


class _Validator:
    """Turns one parsed table into a ``Config``, naming the file and the dotted key on error."""

    def __init__(self, path: str, prefix: str) -> None:
        self.path = path
        self.prefix = prefix
        self.root = os.path.dirname(os.path.abspath(path))

    def fail(self, key: str, message: str) -> InputError:
        return InputError(self.path, f"key '{self.prefix}{key}': {message}")

    def string(self, key: str, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"expected a non-empty string, got {_type_name(value)}")
        return value.strip()

    def strings(self, key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, f"expected an array of strings, got {_type_name(value)}")
        return tuple(v.strip() for v in value if v.strip())

    def codes(self, key: str, value: Any, *, allow_all: bool = True) -> tuple[str, ...]:
        codes = tuple(c.upper() for c in self.strings(key, value))
        for code in codes:
            if not is_code_prefix(code) or (code == "ALL" and not allow_all):
                raise self.fail(key, f"unknown rule code or prefix {code!r}")
        return codes

    def number(self, key: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise self.fail(key, f"expected a non-negative number, got {value!r}")
        return float(value)

    def choice(self, key: str, value: Any, choices: tuple[str, ...]) -> str:
        text = self.string(key, value).lower()
        if text not in choices:
            raise self.fail(key, f"expected one of {', '.join(choices)}, got {value!r}")
        return text

    def path_value(self, key: str, value: Any) -> str:
        return _near(os.path.join(self.root, self.string(key, value)))

    def table(self, key: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, f"expected a table, got {_type_name(value)}")
        return value

    def config(self, table: dict[str, Any]) -> Config:
        from tmqa.reporters import FORMATS

        handlers: dict[str, Callable[[str, Any], tuple[str, Any]]] = {
            "source-lang": lambda k, v: ("source_lang", self.string(k, v)),
            "target-lang": lambda k, v: ("target_lang", self.string(k, v)),
            "glossaries": lambda k, v: (
                "glossaries",
                tuple(self.path_value(k, p) for p in self.strings(k, v)),
            ),
            "select": lambda k, v: ("select", self.codes(k, v)),
            "ignore": lambda k, v: ("ignore", self.codes(k, v)),
            "extend-select": lambda k, v: ("extend_select", self.codes(k, v)),
            "fail-on": lambda k, v: ("fail_on", self.choice(k, v, FAIL_ON_CHOICES)),
            "format": lambda k, v: ("format", self.choice(k, v, FORMATS)),
            "baseline": lambda k, v: ("baseline", self.path_value(k, v)),
            "per-file-ignores": lambda k, v: ("per_file_ignores", self.per_file(k, v)),
            "severity": lambda k, v: ("severity", self.severity(k, v)),
            "rules": lambda k, v: ("rule_options", self.rules(k, v)),
            "min-bleu": lambda k, v: ("min_bleu", self.number(k, v)),
            "min-chrf": lambda k, v: ("min_chrf", self.number(k, v)),
            "max-ter": lambda k, v: ("max_ter", self.number(k, v)),
            "min-term-accuracy": lambda k, v: ("min_term_accuracy", self.number(k, v)),
        }
        values: dict[str, Any] = {"path": self.path}
        for key, value in table.items():
            handler = handlers.get(key)
            if handler is None:
                raise self.fail(key, "unknown key" + _did_you_mean(key, handlers))
            attr, parsed = handler(key, value)
            values[attr] = parsed
        return Config(**values)

    def per_file(self, key: str, value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
        out = []
        for pattern, codes in self.table(key, value).items():
            out.append((pattern, self.codes(f'{key}."{pattern}"', codes)))
        return tuple(out)

    def severity(self, key: str, value: Any) -> Mapping[str, Severity]:
        out: dict[str, Severity] = {}
        for code, level in self.table(key, value).items():
            sub = f"{key}.{code}"
            if not is_code_prefix(code) or code.upper() == "ALL":
                raise self.fail(sub, f"unknown rule code or prefix {code!r}")
            if not isinstance(level, str):
                raise self.fail(sub, f"expected error, warning or info, got {_type_name(level)}")
            try:
                out[code.upper()] = Severity.parse(level)
            except ValueError as exc:
                raise self.fail(sub, str(exc)) from None
        return MappingProxyType(out)

    def rules(self, key: str, value: Any) -> Mapping[str, Mapping[str, Any]]:
        out: dict[str, Mapping[str, Any]] = {}
        for code, options in self.table(key, value).items():
            sub = f"{key}.{code}"
            found = lookup(code)
            if found is None or code.upper() not in (found.code, found.name.upper()):
                raise self.fail(sub, f"unknown rule code {code!r} (see `tmqa rules`)")
            options = self.table(sub, options)
            # Only rules that declare their options (name -> default) can have them checked;
            # the others read what they read, and an unknown key is simply never consulted.
            if found.options:
                for name, given in options.items():
                    if name not in found.options:
                        raise self.fail(
                            f"{sub}.{name}",
                            f"unknown option for {found.code}"
                            + _did_you_mean(name, found.options),
                        )
                    expected = _expected_type(found.options[name], given)
                    if expected:
                        raise self.fail(
                            f"{sub}.{name}", f"expected {expected}, got {_type_name(given)}"
                        )
            out[found.code] = MappingProxyType(dict(options))
        return MappingProxyType(out)


def _expected_type(default: Any, value: Any) -> str | None:
    """What ``value`` should have been, judged by the type of the option's default; else None.

    A default of None says nothing about the type, so anything goes.
    """
    if default is None:
        return None
    if isinstance(default, bool):
        return None if isinstance(value, bool) else "a boolean"
    if isinstance(default, (int, float)):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if ok else "a number"
    if isinstance(default, str):
        return None if isinstance(value, str) else "a string"
    if isinstance(default, (list, tuple, set, frozenset)):
        return None if isinstance(value, list) else "an array"
    if isinstance(default, Mapping):
        return None if isinstance(value, dict) else "a table"
    return None


def _did_you_mean(key: str, choices: Mapping[str, Any]) -> str:
    close = difflib.get_close_matches(key, list(choices), n=1)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" (expected one of: {', '.join(sorted(choices))})"


def _near(path: str) -> str:
    """``path`` relative to the working directory when below it, so messages stay short."""
    path = os.path.normpath(path)
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel
