"""The dispute-topic classifier: what it reads (`TopicInput`), how it scores, and how it is saved.

Features are hashed word and character n-grams (no vocabulary to store, so the model loads fast)
plus what extraction found: sector counts and tariff-claim actions. One model reads English and
French: a text's keyword features count the English stems plus its own language's stems. Each label is a linear model
whose scores are calibrated into probabilities, and each label has its own threshold, so a rare
topic is not held to the cut-off that suits a frequent one. Persistence is skops: loading refuses
any type outside the short list this pipeline is made of, so a tampered file cannot run code.

scikit-learn and skops are imported inside the functions that need them: importing them takes
about 1.5 s, which the Analyzer spends in a background thread while spaCy loads and parses.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from nlp.errors import ModelIntegrityError, ModelNotFoundError
from nlp.records import TOPICS, Topic

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

# Shipped in the package (package data), so a non-editable install has its model; `newsmon train` writes here.
MODEL_DIR = Path(__file__).resolve().parent / "models"
MODEL_FILE = "topics.skops"
CARD_FILE = "topics.card.json"
HASH_FEATURES = 2**17
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (3, 5)
C = 1.0
# Weight of the extraction and keyword columns beside the text. Without keyword columns, 0.2 let
# extraction outweigh the text (CV macro-F1 0.876 -> 0.863); with them, 0.2 did best on the realistic
# dev articles (0.1: micro/macro 0.875/0.869, 0.2: 0.890/0.891, 0.3: 0.887/0.883).
EXTRACTION_WEIGHT = 0.2
CALIBRATION_FOLDS = 3
# A multi-issue story states a secondary topic in a paragraph or two, which whole-document TF-IDF
# dilutes: each run of paragraphs of at least this many words is also scored, and a label's score is
# the geometric mean of the document's and its best passage's. On the realistic dev articles (held-out
# halves) this took macro-F1 from 0.853 to 0.891; the plain maximum gave recall but cost precision.
PASSAGE_WORDS = 40
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
TRUSTED_TYPES = [
    "builtins.slice",
    "numpy.float64",
    "numpy.int64",
    "sklearn.calibration.CalibratedClassifierCV",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.compose._column_transformer.ColumnTransformer",
    "sklearn.feature_extraction._dict_vectorizer.DictVectorizer",
    "sklearn.feature_extraction.text.HashingVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.multiclass.OneVsRestClassifier",
    "sklearn.pipeline.Pipeline",
    "sklearn.preprocessing._label.LabelBinarizer",
    "sklearn.svm._classes.LinearSVC",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class TopicInput:
    """What the classifier reads about one article (title and body, what extraction found).

    `text` is title and body as one document (`nlp.analyzer.Text.document`: title, blank line, body);
    `sectors` maps a sector to its mention count and `actions` lists the tariff claims' actions, both
    as extraction found them (`Analysis.sectors`, `Analysis.tariff_claims`) or as stored in DuckDB;
    `language` (ISO 639-1, None for English) picks the keyword stems counted beside the English ones."""

    text: str
    sectors: Mapping[str, int] = field(default_factory=dict)
    actions: Sequence[str] = ()
    language: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Example:
    """One labelled training article; `language` None is English."""

    title: str
    text: str
    labels: tuple[str, ...]
    id: str = ""
    language: str | None = None

    @property
    def document(self) -> str:
        return f"{self.title.strip()}\n\n{self.text.strip()}" if self.title.strip() else self.text.strip()


def load_examples(path: Path) -> list[Example]:
    """JSONL with title, text and labels; an unknown label is an error naming the line."""
    examples = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                examples.append(as_example(json.loads(line)))
            except ValueError as e:
                raise ValueError(f"{path}:{n}: {e}") from e
    return examples


def as_example(row: Mapping[str, Any]) -> Example:
    """A `{"id"?, "title"?, "text", "labels", "language"?}` dict (a JSONL line, a stored correction) as an
    Example; an annotated article of `newsmon eval` (`"topics"` for `"labels"`) is one too. English
    ("en") is stored as None, the language the pipeline assumes."""
    labels = tuple(row.get("labels", row.get("topics")) or ())
    unknown = set(labels) - set(TOPICS)
    if unknown:
        raise ValueError(f"unknown topic label(s) {sorted(unknown)}")
    language = row.get("language") or None
    return Example(id=str(row.get("id") or ""), title=row.get("title") or "", text=row.get("text") or "",
                   labels=labels, language=None if language == "en" else language)


def keyword_labels(text: str, keywords: Mapping[str, Sequence[str]]) -> list[str]:
    """The feed-reader baseline: every topic one of whose stems occurs in the lower-cased text."""
    lowered = text.lower()
    return [label for label in TOPICS if any(stem in lowered for stem in keywords.get(label, ()))]


def keyword_features(text: str, keywords: Mapping[str, Sequence[str]]) -> dict[str, float]:
    """log(1 + hits) of each topic's keyword stems (the feed-reader list): recall the model then weighs,
    where the list alone tags every passing mention."""
    lowered = text.lower()
    hits = {label: sum(lowered.count(stem) for stem in stems) for label, stems in keywords.items()}
    return {f"keyword={label}": math.log1p(n) for label, n in hits.items() if n}


def stems_for(language: str | None, keywords: Mapping[str, Sequence[str]],
              language_keywords: Mapping[str, Mapping[str, Sequence[str]]]) -> dict[str, list[str]]:
    """The stems a text in `language` is searched for: the English list plus that language's own (none
    for English or a language without a list), so "droits de douane" fires where "tariff" would."""
    extra = language_keywords.get(language or "en", {})
    return {label: [*keywords.get(label, ()), *extra.get(label, ())] for label in {*keywords, *extra}}


def extraction_features(item: TopicInput) -> dict[str, float]:
    """log(1 + count) of sector mentions and of claims, 1 per claim action, and log(1 + mentions) per
    sector in stories that report a tariff claim: how much of a trade story is about a sector, which
    n-grams see only piecemeal. Counting sectors of claim-free stories too did as well in CV but
    turned more stories without a topic into topics (no-topic false positives 2.0% -> 3.7% on 1,075
    examples, 7% -> 13% on the first 621) and lost the one-clause dairy issue of tests/data/usmca_review.
    The two totals are always present, so the vectorizer never ends up with no column."""
    out = {"sectors": math.log1p(sum(item.sectors.values())), "claims": math.log1p(len(item.actions))}
    if item.actions:
        out.update({f"sector={sector}": math.log1p(n) for sector, n in item.sectors.items() if n > 0})
    out.update({f"action={action}": 1.0 for action in item.actions})
    return out


def design_matrix(inputs: Sequence[TopicInput], keywords: Mapping[str, Sequence[str]],
                  language_keywords: Mapping[str, Mapping[str, Sequence[str]]] | None = None) -> np.ndarray:
    """The pipeline's input: column 0 the document, column 1 the extraction and keyword features (each text
    with the stems of its language, `stems_for`)."""
    rows = np.empty((len(inputs), 2), dtype=object)
    stems = {language: stems_for(language, keywords, language_keywords or {})
             for language in {item.language for item in inputs}}
    for i, item in enumerate(inputs):
        rows[i, 0] = item.text
        rows[i, 1] = extraction_features(item) | keyword_features(item.text, stems[item.language])
    return rows


def build_pipeline(*, c: float = C, word_ngrams: tuple[int, int] = WORD_NGRAMS,
                   char_ngrams: tuple[int, int] = CHAR_NGRAMS,
                   extraction_weight: float = EXTRACTION_WEIGHT) -> Pipeline:
    """Unfitted: TF-IDF of hashed word and character n-grams next to the extraction features, then one
    calibrated linear SVM per label (sigmoid fitted on 3-fold out-of-fold margins)."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.svm import LinearSVC

    def hashed(**options: Any) -> Pipeline:
        return Pipeline([
            ("hash", HashingVectorizer(n_features=HASH_FEATURES, alternate_sign=False, norm=None, **options)),
            ("tfidf", TfidfTransformer(sublinear_tf=True)),
        ])

    features = ColumnTransformer(
        [("words", hashed(ngram_range=word_ngrams, strip_accents="unicode"), 0),
         ("chars", hashed(analyzer="char_wb", ngram_range=char_ngrams), 0),
         ("extraction", DictVectorizer(), 1)],
        transformer_weights={"extraction": extraction_weight}, sparse_threshold=1.0,
    )
    svm = LinearSVC(C=c, class_weight="balanced", random_state=0)
    model = OneVsRestClassifier(CalibratedClassifierCV(svm, method="sigmoid", cv=CALIBRATION_FOLDS, ensemble=False))
    return Pipeline([("features", features), ("model", model)])


def passages(text: str, *, min_words: int = PASSAGE_WORDS) -> list[str]:
    """Consecutive paragraphs joined until each run has `min_words` words (a short tail joins the last
    run); one passage means the document is scored whole only."""
    out: list[str] = []
    run: list[str] = []
    words = 0
    for paragraph in filter(None, (p.strip() for p in _PARAGRAPH_BREAK.split(text))):
        run.append(paragraph)
        words += len(paragraph.split())
        if words >= min_words:
            out.append("\n\n".join(run))
            run, words = [], 0
    if run:
        if out:
            out[-1] = "\n\n".join([out[-1], *run])
        else:
            out.append("\n\n".join(run))
    return out


def pooled_scores(pipeline: Pipeline, inputs: Sequence[TopicInput], *, keywords: Mapping[str, Sequence[str]],
                  passage_words: int | None,
                  language_keywords: Mapping[str, Mapping[str, Sequence[str]]] | None = None) -> np.ndarray:
    """Per label, the geometric mean of the document's score and its best passage's (all scored in one
    batch); each passage carries the document's extraction features. `passage_words=None` scores
    documents only."""
    if not inputs:
        return np.zeros((0, len(TOPICS)))
    parts: list[TopicInput] = list(inputs)
    owner: list[int] = list(range(len(inputs)))
    if passage_words is not None:
        for i, item in enumerate(inputs):
            found = passages(item.text, min_words=passage_words)
            if len(found) > 1:
                parts += [replace(item, text=p) for p in found]
                owner += [i] * len(found)
    proba = pipeline.predict_proba(design_matrix(parts, keywords, language_keywords))
    document = proba[: len(inputs)]
    best = document.copy()
    extra = np.array(owner[len(inputs):], dtype=int)
    if extra.size:
        best[np.unique(extra)] = 0.0
        np.maximum.at(best, extra, proba[len(inputs):])
    return np.sqrt(document * best)


@dataclass(slots=True)
class TopicModel:
    """The fitted pipeline and what scoring needs beside it, all saved with the model (card)."""

    pipeline: Pipeline
    thresholds: dict[str, float]
    version: str
    keywords: dict[str, list[str]] = field(default_factory=dict)
    passage_words: int | None = None
    language_keywords: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def scores(self, inputs: Sequence[TopicInput]) -> np.ndarray:
        """Calibrated probabilities, one row per input, one column per label in `TOPICS` order."""
        return pooled_scores(self.pipeline, inputs, keywords=self.keywords, passage_words=self.passage_words,
                             language_keywords=self.language_keywords)

    def predict(self, inputs: Sequence[TopicInput]) -> list[tuple[Topic, ...]]:
        """Labels whose score passes their threshold, best first."""
        cut = np.array([self.thresholds[label] for label in TOPICS])
        out = []
        for row in self.scores(inputs):
            found = [Topic(label=TOPICS[j], score=round(float(row[j]), 4)) for j in np.flatnonzero(row >= cut)]
            out.append(tuple(sorted(found, key=lambda t: -t.score)))
        return out


def current_macro_f1(model_dir: Path = MODEL_DIR) -> float | None:
    """Cross-validated macro-F1 recorded in the saved model's card, if there is one."""
    card = model_dir / CARD_FILE
    if not card.exists():
        return None
    return json.loads(card.read_text(encoding="utf-8")).get("cross_validation", {}).get("macro_f1")


def save(model: TopicModel, card: dict[str, Any], model_dir: Path = MODEL_DIR) -> None:
    import skops.io as sio

    model_dir.mkdir(parents=True, exist_ok=True)
    sio.dump(model.pipeline, model_dir / MODEL_FILE, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    card = {**card, "model_sha256": hashlib.sha256((model_dir / MODEL_FILE).read_bytes()).hexdigest()}
    (model_dir / CARD_FILE).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")


def _card(model_dir: Path) -> dict[str, Any]:
    """The saved model's card, once the model file is checked against the sha256 it records: a damaged or
    replaced file must neither load nor pass under the card's version (nothing would be re-analysed)."""
    path, card_path = model_dir / MODEL_FILE, model_dir / CARD_FILE
    if not path.exists() or not card_path.exists():
        raise ModelNotFoundError(f"no topic model in {model_dir}; run `newsmon train` to build one")
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
        expected = card["model_sha256"]
    except (ValueError, KeyError, TypeError) as e:
        raise ModelIntegrityError(f"{card_path} is not a readable model card ({e!r}); run `newsmon train` to "
                                  "rebuild the model and its card (or restore both from git)") from e
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    if actual != expected:
        raise ModelIntegrityError(
            f"{path} does not match its card {card_path} (sha256 {actual[:12]}, the card says {expected[:12]}): "
            "the file is damaged or was replaced; run `newsmon train` to rebuild both (or restore them from git)")
    return card


def model_version(model_dir: Path = MODEL_DIR) -> str:
    """The saved model's version (its file's sha256, from the card) without loading it."""
    return _card(model_dir)["model_sha256"][:8]


def load(model_dir: Path = MODEL_DIR) -> TopicModel:
    import skops.io as sio

    card = _card(model_dir)
    path = model_dir / MODEL_FILE
    untrusted = set(sio.get_untrusted_types(file=path)) - set(TRUSTED_TYPES)
    if untrusted:
        raise ModelNotFoundError(f"{path} holds types newsmon does not load: {sorted(untrusted)}; "
                                 "retrain it with `newsmon train --force`")
    pipeline = sio.load(path, trusted=TRUSTED_TYPES)
    return TopicModel(pipeline=pipeline, thresholds=card["thresholds"], version=card["model_sha256"][:8],
                      keywords=card.get("keywords", {}), passage_words=card.get("model", {}).get("passage_words"),
                      language_keywords=card.get("language_keywords", {}))
