"""Scoring candidate translations: alignment, sacrebleu metrics, glossary-term accuracy, reports."""
