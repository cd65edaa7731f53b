"""Extraction of actors, sectors, figures, tariff claims and topics from news text.

Plain Python over spaCy and scikit-learn: no Prefect, no database, no settings. The heavy
imports are lazy, so `storage` can use `nlp.records` without loading spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nlp.analyzer import Analyzer, Text
    from nlp.records import Analysis

__all__ = ["Analyzer", "Text", "analyze"]


def __getattr__(name: str) -> Any:
    if name in {"Analyzer", "Text"}:
        from nlp import analyzer as module

        return getattr(module, name)
    raise AttributeError(name)


def analyze(texts: list[Text], *, analyzer: Analyzer | None = None, n_process: int = 1) -> list[Analysis]:
    """Analyse `texts` with the given analyzer, or a new one; reuse one Analyzer for many calls."""
    from nlp.analyzer import Analyzer

    return (analyzer or Analyzer()).analyze(texts, n_process=n_process)
