"""Stories, not copies: near-duplicate articles (one wire story under other URLs, headlines and bylines)
share a `story_id`.

Each article's title and text, without datelines, bylines and credits, become word shingles; their
MinHash signature (datasketch) is stored, and an LSH index over the signatures of the articles
published within `WINDOW` of the new ones finds candidates. An article joins the story of its most
similar candidate whose estimated Jaccard similarity reaches `THRESHOLD`, else starts its own. The
threshold and shingle size were chosen on the labelled pairs in tests/data/stories (see
benchmarks/story_pairs.py for precision and recall per threshold).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import duckdb
import numpy as np
from datasketch import MinHash, MinHashLSH

from storage.stories import (
    StoredSignature,
    StoryAssignment,
    StoryText,
    save_stories,
    signatures_between,
    unsigned_articles,
)

SHINGLE_WORDS = 3
NUM_PERM = 128
SCHEME = "affine32"  # stored signatures are 32-bit values; datasketch needs the scheme to read them back
THRESHOLD = 0.25
WINDOW = timedelta(days=7)
# LSH bands favour recall: a candidate costs one Jaccard estimate, a missed one a duplicate in the
# digest (with the default (0.5, 0.5) a pair at 0.33 was a candidate only 79% of the time).
LSH_WEIGHTS = (0.1, 0.9)
MIN_SHINGLES = 8
MAX_INDEXED_PER_STORY = 20  # fewer says too little to call two texts one story ("Markets open" teasers)

# What differs between outlets carrying the same copy and says nothing about the story.
_DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z.'’/ -]{1,40}(?:,[ \t]*[A-Za-z. ]{1,20}\d{0,2})?"  # city, then region or date
    r"[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*[—–-]{1,2}[ \t]*",  # (agency) and the dash
    re.MULTILINE,
)
_CREDIT_LINE = re.compile(
    r"^[ \t]*(?:by|reporting by|additional reporting|writing by|editing by|compiled by|with files from|"
    r"©|\(c\)|copyright|photo:|file photo|related:|read more|sign up)\b[^\n]{0,100}$",  # short lines only
    re.IGNORECASE | re.MULTILINE,
)
_CREDIT_PARENS = re.compile(r"\((?:reporting|writing|editing|additional reporting)[^)]*\)", re.IGNORECASE)
_WORD = re.compile(r"\w+")


def story_words(title: str, text: str) -> list[list[str]]:
    """Lower-case words of the title and of the text, each a segment of its own (no shingle spans both)."""
    body = _CREDIT_PARENS.sub(" ", _CREDIT_LINE.sub(" ", _DATELINE.sub("", text)))
    return [words for words in (_WORD.findall(title.lower()), _WORD.findall(body.lower())) if words]


def shingles(segments: Iterable[list[str]], *, size: int = SHINGLE_WORDS) -> set[str]:
    """Word `size`-grams of each segment; a segment shorter than `size` is one shingle."""
    out: set[str] = set()
    for words in segments:
        if len(words) < size:
            out.add(" ".join(words))
            continue
        out.update(" ".join(words[i:i + size]) for i in range(len(words) - size + 1))
    return out


_PERMUTATIONS = MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations  # drawn once, not per article


def minhash(shingle_set: set[str]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_PERMUTATIONS)
    m.update_batch([s.encode() for s in sorted(shingle_set)])
    return m


def to_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint32).tobytes()


def from_bytes(signature: bytes) -> MinHash:
    return MinHash(hashvalues=np.frombuffer(signature, dtype=np.uint32), scheme=SCHEME, permutations=_PERMUTATIONS)


@dataclass(slots=True)
class _Member:
    story_id: str
    published_at: datetime
    hashvalues: np.ndarray


class StoryIndex:
    """Articles of a bounded window, searchable by MinHash similarity.

    At most `per_story` articles of one story are indexed: a wire story run by 200 outlets would
    otherwise make every later copy a candidate 200 times over, and its first copies match the rest."""

    def __init__(self, *, threshold: float = THRESHOLD, window: timedelta = WINDOW,
                 per_story: int = MAX_INDEXED_PER_STORY) -> None:
        self.threshold = threshold
        self.window = window
        self.per_story = per_story
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, weights=LSH_WEIGHTS)
        self._members: dict[str, _Member] = {}
        self._indexed: Counter[str] = Counter()

    def add(self, article_id: str, *, story_id: str, published_at: datetime, m: MinHash) -> None:
        old = self._members.pop(article_id, None)
        if old is not None:
            self._lsh.remove(article_id)
            self._indexed[old.story_id] -= 1
        if self._indexed[story_id] >= self.per_story:
            return
        self._lsh.insert(article_id, m)
        self._members[article_id] = _Member(story_id=story_id, published_at=published_at, hashvalues=m.hashvalues)
        self._indexed[story_id] += 1

    def story_of(self, article_id: str, *, published_at: datetime, m: MinHash) -> str | None:
        """The story of the most similar other article within the window, if similar enough."""
        found = [self._members[k] for k in self._lsh.query(m) if k != article_id]
        found = [c for c in found if abs(c.published_at - published_at) <= self.window]
        if not found:
            return None
        scores = (np.stack([c.hashvalues for c in found]) == m.hashvalues).mean(axis=1)
        best = int(np.argmax(scores))
        return found[best].story_id if scores[best] >= self.threshold else None


def story_inputs(con: duckdb.DuckDBPyConnection, *, window: timedelta = WINDOW,
                 ) -> tuple[list[StoryText], list[StoredSignature]]:
    """Articles not compared yet (new, changed, or stored before stories existed), oldest first, and
    the stored signatures within `window` of them."""
    pending = unsigned_articles(con)
    if not pending:
        return [], []
    return pending, signatures_between(con, pending[0].published_at - window, pending[-1].published_at + window)


def plan_stories(pending: list[StoryText], stored: list[StoredSignature], *, threshold: float = THRESHOLD,
                 window: timedelta = WINDOW) -> list[StoryAssignment]:
    """Each pending article's signature and story; no database, so a writer can do it with the file closed."""
    index = StoryIndex(threshold=threshold, window=window)
    waiting = {p.article_id for p in pending}
    for s in stored:
        if s.article_id not in waiting:
            index.add(s.article_id, story_id=s.story_id, published_at=s.published_at, m=from_bytes(s.signature))
    assignments = []
    for p in pending:
        shingle_set = shingles(story_words(p.title, p.text))
        m = minhash(shingle_set)
        story_id = p.article_id
        if len(shingle_set) >= MIN_SHINGLES:
            story_id = index.story_of(p.article_id, published_at=p.published_at, m=m) or p.article_id
            index.add(p.article_id, story_id=story_id, published_at=p.published_at, m=m)
        assignments.append(StoryAssignment(article_id=p.article_id, content_hash=p.content_hash,
                                           published_at=p.published_at, signature=to_bytes(m), story_id=story_id))
    return assignments


def assign_stories(con: duckdb.DuckDBPyConnection, *, threshold: float = THRESHOLD,
                   window: timedelta = WINDOW) -> int:
    """Give every article not compared yet its story; returns how many were assigned. Ingest runs the
    same three steps with the file closed in between."""
    pending, stored = story_inputs(con, window=window)
    return save_stories(con, plan_stories(pending, stored, threshold=threshold, window=window))

