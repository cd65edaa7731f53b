"""`analyze`: texts in, `Analysis` records out, through one spaCy pass and the topic model."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from nlp.actors import extract_actors, mention_counts
from nlp.claims import extract_claims
from nlp.figures import extract_figures
from nlp.pipeline import build_nlp, model_version
from nlp.records import Analysis, SectorMention
from nlp.rules import rules_fingerprint
from nlp.topics import MODEL_DIR, TopicModel
from nlp.topics import load as load_topics

BATCH_SIZE = 64


@dataclass(frozen=True, slots=True, kw_only=True)
class Text:
    id: str
    text: str
    title: str = ""

    @property
    def document(self) -> str:
        """Title and body as one document; the title is sentence 0 when there is one."""
        return f"{self.title.strip()}\n\n{self.text.strip()}" if self.title.strip() else self.text.strip()


def doc_to_analysis(doc: Doc, *, id: str) -> Analysis:
    """Records from one parsed document, before topics are added."""
    actors, mentions = extract_actors(doc)
    figures = extract_figures(doc)
    claims = extract_claims(doc, mentions, figures, mention_counts(mentions))
    sector_counts: dict[str, int] = {}
    for span in doc.spans.get("sectors", []):
        sector_counts[span.label_] = sector_counts.get(span.label_, 0) + 1
    sectors = tuple(SectorMention(sector=s, mentions=n)
                    for s, n in sorted(sector_counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return Analysis(id=id, actors=tuple(actors), sectors=sectors, figures=tuple(figures),
                    tariff_claims=tuple(claims))


class Analyzer:
    """Holds the loaded spaCy pipeline and topic model; build once per process, reuse."""

    def __init__(self, *, model_dir: Path = MODEL_DIR, nlp: Language | None = None,
                 topics: TopicModel | None = None) -> None:
        self.nlp = nlp or build_nlp()
        self.topics = topics or load_topics(model_dir)
        self.version = f"{model_version(self.nlp)}+rules.{rules_fingerprint()}+topics.{self.topics.version}"

    def analyze(self, texts: Iterable[Text], *, batch_size: int = BATCH_SIZE,
                n_process: int = 1) -> list[Analysis]:
        items: Sequence[Text] = list(texts)
        docs = self.nlp.pipe((t.document for t in items), batch_size=batch_size, n_process=n_process)
        analyses = [doc_to_analysis(doc, id=t.id) for doc, t in zip(docs, items, strict=True)]
        topics = self.topics.predict([t.document for t in items])
        return [
            Analysis(id=a.id, actors=a.actors, sectors=a.sectors, figures=a.figures,
                     tariff_claims=a.tariff_claims, topics=labels)
            for a, labels in zip(analyses, topics, strict=True)
        ]
