"""What a rule may consult besides its unit: glossary index, options, run state, per-unit memo."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from tmqa.model import Glossary

if TYPE_CHECKING:
    from tmqa.terms import TermIndex

T = TypeVar("T")


class Context:
    """Run-wide context handed to every rule.

    ``memo`` caches work shared by several rules on the same unit (term hits, numbers);
    the engine calls ``begin_unit`` before each unit. ``state`` is for cross-unit rules only.
    """

    def __init__(
        self,
        glossary: Glossary | None = None,
        rule_options: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        self.glossary = glossary
        self.rule_options: Mapping[str, Mapping[str, Any]] = rule_options or {}
        self._indexes: dict[tuple[str, str], TermIndex] = {}
        self._by_tags: dict[str, dict[str, TermIndex | None]] = {}
        self._state: dict[str, dict[Any, Any]] = {}
        # The per-unit memo itself, for hot helpers that look up before building a closure.
        self.unit_memo: dict[str, Any] = {}

    def begin_unit(self) -> None:
        self.unit_memo.clear()

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        try:
            return self.unit_memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self.unit_memo[key] = compute()
            return value

    def state(self, code: str) -> dict[Any, Any]:
        found = self._state.get(code)
        if found is None:  # not setdefault: that builds a dict on every call
            found = self._state[code] = {}
        return found

    def option(self, code: str, key: str, default: T) -> T:
        options = self.rule_options.get(code)  # most rules have none: no empty dict per call
        if options is None:
            return default
        return options.get(key, default)  # type: ignore[no-any-return]

    def terms(self, source_lang: str, target_lang: str) -> TermIndex | None:
        """The compiled term index for a language pair, or None without a glossary."""
        # Asked on every unit: the tags as the unit writes them are tried first, a nested
        # dict (no key tuple to build), then the case-folded pair that shares one index.
        by_target = self._by_tags.get(source_lang)
        if by_target is None:
            by_target = self._by_tags[source_lang] = {}
        try:
            return by_target[target_lang]
        except KeyError:
            index = by_target[target_lang] = self._compiled_terms(source_lang, target_lang)
            return index

    def _compiled_terms(self, source_lang: str, target_lang: str) -> TermIndex | None:
        if self.glossary is None or not self.glossary.entries:
            return None
        key = (source_lang.lower(), target_lang.lower())
        index = self._indexes.get(key)
        if index is None:
            from tmqa.terms import TermIndex

            index = self._indexes[key] = TermIndex(self.glossary, source_lang, target_lang)
        return index
