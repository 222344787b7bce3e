"""The rule registry: ``@rule`` binds a function to a stable code, kebab-case name and severity."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tmqa.model import Severity, Side

if TYPE_CHECKING:
    from tmqa.context import Context
    from tmqa.model import Unit

CODE_RE = re.compile(r"^[A-Z][0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
REQUIRED_SECTIONS = ("## Why is this bad?", "## Example")


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule yields: where on which side, and what is wrong; the engine adds the rest."""

    side: Side
    span: tuple[int, int]
    message: str
    suggestion: str | None = None


RuleFunc = Callable[["Unit", "Context"], Iterable[Problem]]
# A cross-unit rule in two halves: ``prepare`` is pure and per unit (it may run in a worker
# process); the rule function then gets its result in file order, in the main process, and
# is the only place that touches ``ctx.state``.
PrepareFunc = Callable[["Unit", "Context"], Any]
CrossFunc = Callable[["Unit", "Context", Any], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    """A registered rule. ``cross_unit`` rules keep state across units and run in file order."""

    code: str
    name: str
    severity: Severity
    func: Callable[..., Iterable[Problem]]
    doc: str
    cross_unit: bool = False
    gate: bool = False
    options: Mapping[str, Any] = field(default_factory=dict)
    prepare: PrepareFunc | None = None
    # What a unit must have for the rule to find anything ("anomalies", "codes", "props"):
    # the engine skips the call on other units, which are nearly all of them.
    needs: str = ""

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip()

    @property
    def family(self) -> str:
        return self.code[0]


# Preconditions a rule may declare: the unit has structural anomalies, inline codes on
# either side, or props.
NEEDS = frozenset({"", "anomalies", "codes", "props"})

_REGISTRY: dict[str, Rule] = {}
_BY_NAME: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    cross_unit: bool = False,
    gate: bool = False,
    options: Mapping[str, Any] | None = None,
    prepare: PrepareFunc | None = None,
    needs: str = "",
) -> Callable[[Callable[..., Iterable[Problem]]], Callable[..., Iterable[Problem]]]:
    """Register a rule function; malformed codes, names or docs fail at import time.

    A ``cross_unit`` rule with ``prepare`` is called as ``func(unit, ctx, prepared)``, where
    ``prepared`` is what ``prepare(unit, ctx)`` returned (possibly in another process).
    """
    if prepare is not None and not cross_unit:
        raise ValueError(f"rule {code}: prepare= is only for cross_unit rules")
    if needs not in NEEDS:
        raise ValueError(f"rule {code}: needs= must be one of {sorted(NEEDS)}")
    if needs and (cross_unit or gate):
        raise ValueError(f"rule {code}: needs= is only for ordinary rules")

    def register(func: Callable[..., Iterable[Problem]]) -> Callable[..., Iterable[Problem]]:
        if not CODE_RE.match(code):
            raise ValueError(f"rule code {code!r} must be a family letter and three digits")
        if not NAME_RE.match(name):
            raise ValueError(f"rule name {name!r} must be kebab-case")
        if code in _REGISTRY or name in _BY_NAME:
            raise ValueError(f"duplicate rule {code} {name}")
        doc = inspect.cleandoc(func.__doc__ or "")
        missing = [s for s in REQUIRED_SECTIONS if s not in doc]
        if not doc or missing:
            raise ValueError(f"rule {code} docstring lacks {missing or 'a summary line'}")
        entry = Rule(
            code, name, severity, func, doc, cross_unit, gate, dict(options or {}), prepare, needs
        )
        _REGISTRY[code] = entry
        _BY_NAME[name] = entry
        return func

    return register


def _load() -> None:
    # Importing the package registers every family module.
    import tmqa.rules  # noqa: F401


def all_rules() -> list[Rule]:
    """Every registered rule, sorted by code."""
    _load()
    return [_REGISTRY[c] for c in sorted(_REGISTRY)]


def lookup(code_or_name: str) -> Rule | None:
    """Find a rule by code (case-insensitive) or kebab-case name."""
    _load()
    return _REGISTRY.get(code_or_name.upper()) or _BY_NAME.get(code_or_name.lower())


def is_code_prefix(text: str) -> bool:
    """True when ``text`` is a code or prefix of some registered code (``T``, ``T1``, ``T101``)."""
    _load()
    up = text.upper()
    return bool(up) and (up == "ALL" or any(c.startswith(up) for c in _REGISTRY))
