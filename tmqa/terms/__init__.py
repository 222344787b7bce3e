"""The one term matcher: exact token trie with plural tolerance, plus a near-miss index."""

from tmqa.terms.index import TermIndex
from tmqa.terms.records import Hit, NearMiss, UnitTerms, Verdict

__all__ = ["Hit", "NearMiss", "TermIndex", "UnitTerms", "Verdict"]
