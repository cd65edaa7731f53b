"""Records that cross module lines: what ingest produces and what analysis returns.

Standard library only, so `storage/` can import this module without pulling in spaCy.
Field names follow the `newsmon extract` contract in DESIGN.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

# How long work reports how far it got: called with (done, total) as items finish. The CLI passes one
# that draws a progress bar; libraries only call it, so they never depend on how it is shown.
Progress = Callable[[int, int], None]

ACTOR_KINDS = ("person", "organization", "country", "region", "group")
ACTIONS = (
    "imposed",
    "threatened",
    "announced",
    "raised",
    "lowered",
    "suspended",
    "removed",
    "exempted",
    "relief_sought",
    "retaliated",
    "upheld",
    "struck_down",
)
TOPICS = (
    "tariffs",
    "trade_agreement",
    "dairy",
    "lumber",
    "steel_aluminum",
    "autos",
    "digital_services",
    "energy",
    "critical_minerals",
    "agriculture",
    "export_controls",
    "anti_dumping",
    "retaliation",
    "wto_dispute",
    "sovereignty_rhetoric",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One feed entry as stored; `article_id` and `content_hash` come from `newsmon.ingest.identity`."""

    article_id: str
    feed_url: str
    url: str | None
    guid: str | None
    title: str
    summary: str
    text: str
    published_at: datetime
    fetched_at: datetime
    content_hash: str
    date_from_feed: bool = True
    summary_html: str = ""
    fulltext_error: str | None = None  # why a full-text feed's article kept the feed's text
    language: str | None = None  # ISO 639-1 (nlp.language); None: no letters to tell by


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    name: str
    kind: str
    mentions: int
    code: str | None = None
    country: str | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SectorMention:
    sector: str
    mentions: int
    sentences: tuple[int, ...] = ()  # 0-based indexes of the sentences naming it, as Figure.sentence


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure:
    text: str
    value: float
    unit: str
    sentence: int
    qualifier: str | None = None
    measure: str | None = None
    period: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TariffClaim:
    imposer: str | None
    target: str | None
    action: str
    sentence: int
    evidence: str
    sectors: tuple[str, ...] = ()
    rate: float | None = None
    previous_rate: float | None = None
    effective_date: str | None = None
    background: bool = False  # restates a measure in force or past: the digest may show it, alerts never send it

    @property
    def claim_key(self) -> str:
        """DESIGN.md: the same claim in twenty articles is one key, so it alerts once."""
        rate = "" if self.rate is None else f"{self.rate:g}"
        parts = [self.imposer or "", self.target or "", ",".join(sorted(self.sectors)), self.action, rate]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@dataclass(frozen=True, slots=True, kw_only=True)
class Topic:
    label: str
    score: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Analysis:
    """Everything extracted from one text; `id` is the caller's id (the article_id in storage)."""

    id: str
    actors: tuple[Actor, ...] = ()
    sectors: tuple[SectorMention, ...] = ()
    figures: tuple[Figure, ...] = ()
    tariff_claims: tuple[TariffClaim, ...] = ()
    topics: tuple[Topic, ...] = field(default=())
    truncated: bool = False  # the text (or title) was cut to the analysis limit (nlp.long_texts)

    def to_json(self) -> dict[str, Any]:
        """The DESIGN.md contract: lists, None kept, claim sectors as a list; `truncated` only when true."""
        out = asdict(self)
        for claim in out["tariff_claims"]:
            claim["sectors"] = list(claim["sectors"])
        if not self.truncated:
            del out["truncated"]
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalysisError:
    """Why one text could not be analysed: `stage` is parse, extract or topics."""

    id: str
    stage: str
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "error": f"{self.stage}: {self.message}"}


@dataclass(frozen=True, slots=True, kw_only=True)
class ChunkResult:
    """What analysing one chunk gave: records of the texts that worked, an error for each other one."""

    analyses: list[Analysis]
    errors: list[AnalysisError]
