"""`newsmon_sectors`: mark sector terms of the taxonomy file in `doc.spans["sectors"]`."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from nlp.rules import DATA_DIR, sector_terms

SPAN_KEY = "sectors"


class SectorMatcher:
    def __init__(self, nlp: Language, *, data_dir: Path) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for sector, terms in sector_terms(data_dir).items():
            self.matcher.add(sector, list(nlp.tokenizer.pipe(terms)))

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, start, end, label=match_id) for match_id, start, end in self.matcher(doc)]
        doc.spans[SPAN_KEY] = filter_spans(spans)
        return doc


@Language.factory(
    "newsmon_sectors",
    default_config={"data_dir": str(DATA_DIR)},
    assigns=["doc.spans"],
)
def make_sector_matcher(nlp: Language, name: str, data_dir: str) -> SectorMatcher:
    return SectorMatcher(nlp, data_dir=Path(data_dir))
