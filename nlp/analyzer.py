"""`analyze`: texts in, `Analysis` records out, through one spaCy pass and the topic model."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from nlp.actors import extract_actors, mention_counts
from nlp.claims import extract_claims
from nlp.figures import extract_figures, without_headline_repeats
from nlp.french import build_french_nlp, french_analysis, french_model_version
from nlp.long_texts import MAX_CHARS, PART_CHARS, TITLE_CHARS, cut, merge_parts, parts
from nlp.pipeline import build_nlp, installed_model_version, model_version
from nlp.records import Analysis, Progress, SectorMention
from nlp.rules import claim_rules, rules_fingerprint
from nlp.topics import MODEL_DIR, TopicInput, TopicModel
from nlp.topics import load as load_topics
from nlp.topics import model_version as topics_version

BATCH_SIZE = 64
SUPPORTED = ("en", "fr")
# A second spaCy process (forked, so it starts in well under a second) pays off from about this
# many texts each: `newsmon extract` of 600 short articles took 6.6 s instead of 7.3 s on 2 CPUs.
TEXTS_PER_PROCESS = 250
ToAnalysis = Callable[..., Analysis]


@dataclass(frozen=True, slots=True, kw_only=True)
class Text:
    id: str
    text: str
    title: str = ""
    language: str | None = None  # ISO 639-1; None reads as English

    @property
    def document(self) -> str:
        """Title and body as one document; the title is sentence 0 when there is one."""
        return f"{self.title.strip()}\n\n{self.text.strip()}" if self.title.strip() else self.text.strip()

    def within_limits(self) -> tuple[Text, bool]:
        """This text with its title cut to `TITLE_CHARS` and its document to `MAX_CHARS`, and whether
        anything was cut (see nlp.long_texts)."""
        title, title_cut = cut(self.title.strip(), TITLE_CHARS)
        room = MAX_CHARS - (len(title) + 2 if title else 0)
        text, text_cut = cut(self.text.strip(), room)
        return Text(id=self.id, title=title, text=text, language=self.language), title_cut or text_cut


def doc_to_analysis(doc: Doc, *, id: str, title_chars: int = 0) -> Analysis:
    """Records from one parsed document, before topics are added; the first `title_chars`
    characters are the title, whose figures are kept only when the body does not repeat them."""
    actors, mentions = extract_actors(doc)
    found = extract_figures(doc)
    headline = sum(1 for sentence in doc.sents if sentence.start_char < title_chars)
    claims = extract_claims(doc, mentions, found, mention_counts(mentions), rules=claim_rules(), headline=headline)
    figures = without_headline_repeats(found, headline=headline)
    return Analysis(id=id, actors=tuple(actors), sectors=sector_mentions(doc), figures=tuple(figures),
                    tariff_claims=tuple(claims))


def sector_mentions(doc: Doc) -> tuple[SectorMention, ...]:
    """The sectors component's spans counted per sector, most mentioned first, with their sentences."""
    sentence_of = {s.start: i for i, s in enumerate(doc.sents)}
    found_in: dict[str, list[int]] = {}
    for span in doc.spans.get("sectors", []):
        found_in.setdefault(span.label_, []).append(sentence_of[span.sent.start])
    return tuple(SectorMention(sector=s, mentions=len(at), sentences=tuple(sorted(set(at))))
                 for s, at in sorted(found_in.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def topic_input(text: Text, analysis: Analysis) -> TopicInput:
    """What the topic model reads: the document, the sectors and claim actions extraction found, and the
    pipeline's language (whose keyword stems the model counts beside the English ones)."""
    return TopicInput(text=text.document, sectors={s.sector: s.mentions for s in analysis.sectors},
                      actions=tuple(c.action for c in analysis.tariff_claims),
                      language=None if route(text.language) == "en" else route(text.language))


def route(language: str | None) -> str | None:
    """The pipeline a text goes through: English when its language is English or unknown, French for
    French, None (language-neutral record only) for any other."""
    return "en" if language in {None, "en"} else language if language in SUPPORTED else None


def auto_processes(n_texts: int) -> int:
    """One spaCy process per `TEXTS_PER_PROCESS` texts, at most one per CPU."""
    return max(1, min(os.cpu_count() or 1, n_texts // TEXTS_PER_PROCESS))


def parse(nlp: Language, text: Text) -> list[Doc]:
    """One text already `within_limits`: one Doc, or one per part when it is long (nlp.long_texts)."""
    return list(nlp.pipe(parts(text.document, PART_CHARS), batch_size=1))


def extract(nlp: Language, texts: Sequence[Text], *, batch_size: int = BATCH_SIZE,
            n_process: int | None = None, progress: Progress | None = None,
            to_analysis: ToAnalysis = doc_to_analysis) -> list[Analysis]:
    """The spaCy stage alone: records without topics. `n_process=None` picks it from the input size.

    Texts are cut to the limits first (the record says so); the long ones are parsed part by part
    after the others, so no batch holds more than one part of `PART_CHARS`. `progress(done, total)` is
    called after each text."""
    fitted = [t.within_limits() for t in texts]
    short = [i for i, (t, _) in enumerate(fitted) if len(t.document) <= PART_CHARS]
    processes = auto_processes(len(short)) if n_process is None else n_process
    docs = nlp.pipe((fitted[i][0].document for i in short), batch_size=batch_size, n_process=processes)
    found: dict[int, Analysis] = {}
    for i, doc in zip(short, docs, strict=True):
        found[i] = record([doc], *fitted[i], to_analysis=to_analysis)
        if progress is not None:
            progress(len(found), len(fitted))
    for i, (text, truncated) in enumerate(fitted):
        if i not in found:
            found[i] = record(parse(nlp, text), text, truncated, to_analysis=to_analysis)
            if progress is not None:
                progress(len(found), len(fitted))
    return [found[i] for i in range(len(fitted))]


def record(docs: Sequence[Doc], text: Text, truncated: bool, *,
           to_analysis: ToAnalysis = doc_to_analysis) -> Analysis:
    """The records of one parsed text (already `within_limits`; one Doc per part), before topics."""
    if len(docs) == 1:
        return replace(to_analysis(docs[0], id=text.id, title_chars=len(text.title)), truncated=truncated)
    found = [to_analysis(doc, id=text.id, title_chars=len(text.title) if n == 0 else 0)
             for n, doc in enumerate(docs)]
    return replace(merge_parts(found, [sum(1 for _ in doc.sents) for doc in docs]), truncated=truncated)


def pipeline_version(model_dir: Path = MODEL_DIR) -> str:
    """The version a default `Analyzer` has, without loading spaCy or the topic model (for `newsmon status`)."""
    return (f"{installed_model_version()}+{french_model_version()}+rules.{rules_fingerprint()}"
            f"+topics.{topics_version(model_dir)}")


class Analyzer:
    """Holds the loaded spaCy pipelines and topic model; build once per process, reuse.

    The topic model loads in a background thread (scikit-learn's import and the skops file take
    about 3 s), while spaCy loads and parses the first batch; `topics` waits for it. The French
    pipeline loads on the first French text. A text in another language gets an empty analysis:
    its language is on the article and the article is counted as analysed, but English or French
    rules read over it would only produce wrong actors, figures and claims."""

    def __init__(self, *, model_dir: Path = MODEL_DIR, nlp: Language | None = None,
                 topics: TopicModel | None = None, french: Language | None = None) -> None:
        self._topics: Future[TopicModel] | None = None
        if topics is None:
            topics_at = topics_version(model_dir)  # fails now, not later, when there is no model
            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="topics")
            self._topics = pool.submit(load_topics, model_dir)
            pool.shutdown(wait=False)
        else:
            topics_at = topics.version
            self._loaded = topics
        self.nlp = nlp or build_nlp()
        self._french = french
        self.version = (f"{model_version(self.nlp)}+{french_model_version(french)}+rules.{rules_fingerprint()}"
                        f"+topics.{topics_at}")

    @property
    def french(self) -> Language:
        if self._french is None:
            self._french = build_french_nlp()
        return self._french

    def pipeline(self, language: str | None) -> tuple[Language, ToAnalysis] | None:
        """The spaCy pipeline and record builder for a text in `language`; None for an unsupported one."""
        found = route(language)
        if found == "en":
            return self.nlp, doc_to_analysis
        return (self.french, french_analysis) if found == "fr" else None

    def extract(self, texts: Sequence[Text], *, batch_size: int = BATCH_SIZE, n_process: int | None = 1,
                progress: Progress | None = None) -> list[Analysis]:
        """`extract` per language, records in input order; a text in an unsupported language gets an
        empty analysis."""
        found: dict[int, Analysis] = {}
        for language in SUPPORTED:
            picked = [i for i, t in enumerate(texts) if route(t.language) == language]
            if not picked:
                continue
            nlp, to_analysis = self.pipeline(language) or (self.nlp, doc_to_analysis)
            base = len(found)
            step = None if progress is None else (lambda n, _, base=base: progress(base + n, len(texts)))
            analysed = extract(nlp, [texts[i] for i in picked], batch_size=batch_size, n_process=n_process,
                               progress=step, to_analysis=to_analysis)
            found.update(zip(picked, analysed, strict=True))
        return [found.get(i) or Analysis(id=t.id, truncated=t.within_limits()[1]) for i, t in enumerate(texts)]

    @property
    def topics(self) -> TopicModel:
        if self._topics is not None:
            self._loaded = self._topics.result()
            self._topics = None
        return self._loaded

    def analyze(self, texts: Iterable[Text], *, batch_size: int = BATCH_SIZE,
                n_process: int | None = 1, progress: Progress | None = None) -> list[Analysis]:
        """`n_process=None` uses a second process for large inputs (see `auto_processes`)."""
        items: Sequence[Text] = list(texts)
        processes = auto_processes(len(items)) if n_process is None else n_process
        # A forked spaCy worker must not inherit the loading thread half-way through an import.
        topics = self.topics if processes > 1 else None
        analyses = self.extract(items, batch_size=batch_size, n_process=processes, progress=progress)
        return self.with_topics(items, analyses, topics=topics)

    def with_topics(self, texts: Sequence[Text], analyses: Sequence[Analysis], *,
                    topics: TopicModel | None = None) -> list[Analysis]:
        """`analyses` of `texts` (in order) with their topics; the model reads the text cut to the limits
        (a French text with the French keyword stems its card holds too), a text in an unsupported language
        not at all."""
        model = topics or self.topics
        done = list(analyses)
        picked = [i for i, t in enumerate(texts) if route(t.language) is not None]
        if picked:
            labels = model.predict([topic_input(texts[i].within_limits()[0], analyses[i]) for i in picked])
            for i, found in zip(picked, labels, strict=True):
                done[i] = replace(analyses[i], topics=found)
        return done
