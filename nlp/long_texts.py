"""Documents too long for one spaCy call: cut to the documented limit, analysed in parts, records merged.

spaCy refuses a text over `nlp.max_length` (E088, 1,000,000 characters), its parser's memory grows
with the text, and extraction reads `Span.sent` and `Span.ents`, which walk the whole document, once
per figure or claim, so its time grows faster than the text (a single 100,000-character document took
30 s to extract, 22 s of it rebuilding `Doc.text` once per figure, since read once). So a document up
to `MAX_CHARS` is analysed in full but in parts of at most `PART_CHARS`, split at paragraph breaks
(else line breaks, sentence ends or spaces), each parsed and extracted on its own; `merge_parts`
joins their records (mentions summed, sentence numbers counted through the whole document). A name
shortened in a later part ("Carney") is then its own actor: the price of bounded time and memory.
A longer document, or a title over `TITLE_CHARS`, is cut there and the analysis is flagged
`truncated`. `benchmarks/long_text.py` measures time and memory against the same text as short articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from nlp.records import Actor, Analysis, SectorMention

MAX_CHARS = 1_000_000
# benchmarks/long_text.py, 1,000,000 characters of the realistic dev articles: in parts of 10,000, 15,900
# chars/s and 643 MB peak RSS against 16,700 chars/s and 1,455 MB for the same text as 5,000-character
# articles; parts of 20,000 ran at 5,900 chars/s (extraction grows faster than linearly within a part).
PART_CHARS = 10_000
# A headline is rarely over 200 characters; a longer "title" is a body or junk, and one sentence of
# repeated trigger words costs extraction time faster than linearly (2,000 characters of "Tariffs" took 55 s).
TITLE_CHARS = 300
# Where a part may end, best first: after a blank line, a line break, a sentence end, a space.
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"')\]]*\s"), re.compile(r"\s"))


def cut(text: str, limit: int) -> tuple[str, bool]:
    """`text` cut to at most `limit` characters at the best break before it, and whether it was cut."""
    if len(text) <= limit:
        return text, False
    return text[:_break_before(text, limit)].rstrip(), True


def parts(text: str, limit: int = PART_CHARS) -> Iterator[str]:
    """Consecutive pieces of at most `limit` characters whose concatenation is `text`."""
    start = 0
    while len(text) - start > limit:
        end = start + _break_before(text[start:start + limit + 1], limit)
        yield text[start:end]
        start = end
    yield text[start:]


def _break_before(text: str, limit: int) -> int:
    """The end of the last break (of the best kind found in the second half) at or before `limit`."""
    for pattern in _BREAKS:
        ends = [m.end() for m in pattern.finditer(text, limit // 2, limit + 1) if m.end() <= limit]
        if ends:
            return ends[-1]
    return limit


def merge_parts(found: Sequence[Analysis], sentences: Sequence[int]) -> Analysis:
    """One record from the records of consecutive parts, `sentences[n]` being part n's sentence count."""
    actors: dict[tuple[str, str], Actor] = {}
    sectors: dict[str, tuple[int, tuple[int, ...]]] = {}
    figures, claims = [], []
    offset = 0
    for part, count in zip(found, sentences, strict=True):
        for a in part.actors:
            seen = actors.get((a.name, a.kind))
            actors[(a.name, a.kind)] = a if seen is None else replace(
                seen, mentions=seen.mentions + a.mentions, code=seen.code or a.code,
                country=seen.country or a.country, role=seen.role or a.role)
        for s in part.sectors:
            mentions, sentences = sectors.get(s.sector, (0, ()))
            sectors[s.sector] = (mentions + s.mentions, sentences + tuple(n + offset for n in s.sentences))
        figures += [replace(f, sentence=f.sentence + offset) for f in part.figures]
        claims += [replace(c, sentence=c.sentence + offset) for c in part.tariff_claims]
        offset += count
    return Analysis(id=found[0].id, actors=tuple(sorted(actors.values(), key=lambda a: -a.mentions)),
                    sectors=tuple(SectorMention(sector=s, mentions=n, sentences=at)
                                  for s, (n, at) in sorted(sectors.items(), key=lambda kv: (-kv[1][0], kv[0]))),
                    figures=tuple(figures), tariff_claims=tuple(claims))
