"""`analyze_chunk`: one chunk of texts in, records and per-text errors out, one bad text never sinking the rest.

The common case pays nothing: the chunk goes through spaCy and the topic model in batches as usual.
Only when a batch stage raises is that stage redone text by text, to find the culprits; each gets
an `AnalysisError` naming its stage (parse, extract, topics) and the others their records. No
database and no settings here: the monitor's loop and Dask workers both call it and write the result.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from nlp.analyzer import BATCH_SIZE, Analyzer, Text, parse, record
from nlp.records import Analysis, AnalysisError, ChunkResult, Progress

log = logging.getLogger(__name__)
MESSAGE_CHARS = 500


def analyze_chunk(analyzer: Analyzer, texts: Sequence[Text], *, batch_size: int = BATCH_SIZE,
                  n_process: int | None = 1, progress: Progress | None = None) -> ChunkResult:
    """Records for the texts that could be analysed (in input order) and an error for each other one;
    `progress(done, total)` after each text's spaCy stage."""
    errors: list[AnalysisError] = []
    try:
        analyses = analyzer.extract(texts, batch_size=batch_size, n_process=n_process, progress=progress)
        parsed = list(texts)
    except Exception as e:  # any failure of a batch: find the texts that cause it
        log.warning("spaCy failed on a chunk of %d texts (%s); analysing them one by one", len(texts), e)
        parsed, analyses = [], []
        for n, text in enumerate(texts, start=1):
            outcome = _one(analyzer, text)
            if isinstance(outcome, AnalysisError):
                errors.append(outcome)
            else:
                parsed.append(text)
                analyses.append(outcome)
            if progress is not None:
                progress(n, len(texts))
    try:
        done = analyzer.with_topics(parsed, analyses)
    except Exception as e:
        log.warning("the topic model failed on a chunk of %d texts (%s); scoring them one by one", len(parsed), e)
        done = []
        for text, analysis in zip(parsed, analyses, strict=True):
            try:
                done += analyzer.with_topics([text], [analysis])
            except Exception as one:
                errors.append(failure(text.id, "topics", one))
    return ChunkResult(analyses=done, errors=errors)


def _one(analyzer: Analyzer, text: Text) -> Analysis | AnalysisError:
    """The spaCy stage for one text, or the error of the stage that failed."""
    fitted, truncated = text.within_limits()
    pipeline = analyzer.pipeline(text.language)
    if pipeline is None:  # a language without a pipeline: nothing to parse
        return Analysis(id=text.id, truncated=truncated)
    nlp, to_analysis = pipeline
    try:
        doc = parse(nlp, fitted)
    except Exception as e:
        return failure(text.id, "parse", e)
    try:
        return record(doc, fitted, truncated, to_analysis=to_analysis)
    except Exception as e:
        return failure(text.id, "extract", e)


def failure(id: str, stage: str, error: BaseException) -> AnalysisError:
    """An error record whose message is one line: the exception's type and its first line, shortened."""
    first = (str(error).strip().splitlines() or [""])[0]
    message = f"{type(error).__name__}: {first}" if first else type(error).__name__
    return AnalysisError(id=id, stage=stage, message=message[:MESSAGE_CHARS])
