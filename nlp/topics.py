"""The dispute-topic classifier: TF-IDF words and characters, one-vs-rest logistic regression.

Hashed features keep the saved model free of a vocabulary, which made it slow to load.
Each label has its own threshold, chosen on out-of-fold predictions, so a rare topic is not
held to the 0.5 that suits a frequent one. Persistence is skops: loading refuses any type
outside the short list this pipeline is made of, so a tampered file cannot run code.
"""

from __future__ import annotations

import hashlib
import json
import platform
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
import skops.io as sio
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline

from nlp.errors import ModelNotFoundError
from nlp.records import TOPICS, Topic

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
MODEL_FILE = "topics.skops"
CARD_FILE = "topics.card.json"
TRUSTED_TYPES = [
    "sklearn.feature_extraction.text.HashingVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.multiclass.OneVsRestClassifier",
    "sklearn.pipeline.FeatureUnion",
    "sklearn.pipeline.Pipeline",
    "sklearn.preprocessing._label.LabelBinarizer",
    "numpy.float64",
    "numpy.int64",
    "builtins.slice",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Example:
    title: str
    text: str
    labels: tuple[str, ...]

    @property
    def document(self) -> str:
        return f"{self.title}\n\n{self.text}"


@dataclass(slots=True, kw_only=True)
class LabelScores:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(slots=True, kw_only=True)
class Evaluation:
    per_label: dict[str, LabelScores]
    micro: LabelScores
    macro_f1: float


def load_examples(path: Path) -> list[Example]:
    """JSONL with title, text and labels; an unknown label is an error naming the line."""
    examples = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        unknown = set(row.get("labels", [])) - set(TOPICS)
        if unknown:
            raise ValueError(f"{path}:{n}: unknown topic label(s) {sorted(unknown)}")
        examples.append(Example(title=row.get("title", ""), text=row.get("text", ""),
                                labels=tuple(row.get("labels", []))))
    return examples


def _pipeline() -> Pipeline:
    """Hashed word and character n-grams: no vocabulary to store, so the model loads in a blink."""
    def hashed(**options: Any) -> Pipeline:
        return Pipeline([
            ("hash", HashingVectorizer(n_features=2**17, alternate_sign=False, norm=None, **options)),
            ("tfidf", TfidfTransformer(sublinear_tf=True)),
        ])

    features = FeatureUnion([
        ("words", hashed(ngram_range=(1, 2), strip_accents="unicode")),
        ("chars", hashed(analyzer="char_wb", ngram_range=(3, 5))),
    ])
    model = OneVsRestClassifier(LogisticRegression(C=8.0, class_weight="balanced", max_iter=2000))
    return Pipeline([("features", features), ("model", model)])


def _targets(examples: list[Example]) -> np.ndarray:
    return np.array([[label in ex.labels for label in TOPICS] for ex in examples], dtype=int)


def _scores(y: np.ndarray, pred: np.ndarray) -> LabelScores:
    tp = int((y & pred).sum())
    fp = int(((1 - y) & pred).sum())
    fn = int((y & (1 - pred)).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return LabelScores(precision=p, recall=r, f1=2 * p * r / (p + r) if p + r else 0.0, support=int(y.sum()))


def evaluate(y: np.ndarray, pred: np.ndarray) -> Evaluation:
    per_label = {label: _scores(y[:, j], pred[:, j]) for j, label in enumerate(TOPICS)}
    return Evaluation(per_label=per_label, micro=_scores(y.ravel(), pred.ravel()),
                      macro_f1=float(np.mean([s.f1 for s in per_label.values()])))


def _best_thresholds(y: np.ndarray, proba: np.ndarray) -> dict[str, float]:
    grid = np.arange(0.15, 0.86, 0.05)
    out = {}
    for j, label in enumerate(TOPICS):
        f1s = [_scores(y[:, j], (proba[:, j] >= t).astype(int)).f1 for t in grid]
        out[label] = round(float(grid[int(np.argmax(f1s))]), 2)
    return out


def cross_validate(examples: list[Example], *, folds: int = 5, seed: int = 13) -> Evaluation:
    """Out-of-fold figures; thresholds are picked inside each training split, never on its test fold."""
    y = _targets(examples)
    docs = np.array([ex.document for ex in examples], dtype=object)
    pred = np.zeros_like(y)
    for train, test in KFold(folds, shuffle=True, random_state=seed).split(docs):
        inner = _oof_proba(docs[train], y[train], folds=3, seed=seed)
        thresholds = _best_thresholds(y[train], inner)
        model = _pipeline().fit(docs[train], y[train])
        proba = model.predict_proba(docs[test])
        pred[test] = np.column_stack([proba[:, j] >= thresholds[lab] for j, lab in enumerate(TOPICS)])
    return evaluate(y, pred)


def keyword_baseline(examples: list[Example], keywords: dict[str, list[str]]) -> Evaluation:
    """The feed-reader way: a topic whenever one of its stems occurs. Nothing is fitted, so the
    figure on all examples is the figure on every fold."""
    y = _targets(examples)
    docs = [ex.document.lower() for ex in examples]
    pred = np.array([[any(stem in doc for stem in keywords.get(label, [])) for label in TOPICS] for doc in docs],
                    dtype=int)
    return evaluate(y, pred)


def current_macro_f1(model_dir: Path = MODEL_DIR) -> float | None:
    """Cross-validated macro-F1 recorded in the saved model's card, if there is one."""
    card = model_dir / CARD_FILE
    if not card.exists():
        return None
    return json.loads(card.read_text(encoding="utf-8")).get("cross_validation", {}).get("macro_f1")


def _oof_proba(docs: np.ndarray, y: np.ndarray, *, folds: int, seed: int) -> np.ndarray:
    proba = np.zeros(y.shape, dtype=float)
    for train, test in KFold(folds, shuffle=True, random_state=seed).split(docs):
        proba[test] = _pipeline().fit(docs[train], y[train]).predict_proba(docs[test])
    return proba


@dataclass(slots=True)
class TopicModel:
    pipeline: Pipeline
    thresholds: dict[str, float]
    version: str

    def predict(self, documents: list[str]) -> list[tuple[Topic, ...]]:
        """Labels whose score passes their threshold, best first."""
        if not documents:
            return []
        proba = self.pipeline.predict_proba(documents)
        out = []
        for row in proba:
            found = [Topic(label=label, score=round(float(row[j]), 4)) for j, label in enumerate(TOPICS)
                     if row[j] >= self.thresholds[label]]
            out.append(tuple(sorted(found, key=lambda t: -t.score)))
        return out


def train(examples: list[Example], *, seed: int = 13) -> tuple[TopicModel, dict[str, Any]]:
    """Fit on all examples with thresholds from 5-fold out-of-fold scores; returns model and card."""
    y = _targets(examples)
    missing = [label for j, label in enumerate(TOPICS) if y[:, j].sum() < 2]
    if missing:
        raise ValueError(f"every topic needs at least 2 training examples; too few for {missing}")
    docs = np.array([ex.document for ex in examples], dtype=object)
    thresholds = _best_thresholds(y, _oof_proba(docs, y, folds=5, seed=seed))
    pipeline = _pipeline().fit(docs, y)
    data_hash = hashlib.sha256("\n".join(
        json.dumps([ex.title, ex.text, sorted(ex.labels)]) for ex in examples).encode()).hexdigest()
    card = {
        "labels": list(TOPICS),
        "thresholds": thresholds,
        "training_examples": len(examples),
        "training_data_sha256": data_hash,
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
                     "skops": version("skops")},
    }
    return TopicModel(pipeline=pipeline, thresholds=thresholds, version=data_hash[:8]), card


def save(model: TopicModel, card: dict[str, Any], model_dir: Path = MODEL_DIR) -> None:
    model_dir.mkdir(parents=True, exist_ok=True)
    sio.dump(model.pipeline, model_dir / MODEL_FILE, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    card = {**card, "model_sha256": hashlib.sha256((model_dir / MODEL_FILE).read_bytes()).hexdigest()}
    (model_dir / CARD_FILE).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")


def load(model_dir: Path = MODEL_DIR) -> TopicModel:
    path, card_path = model_dir / MODEL_FILE, model_dir / CARD_FILE
    if not path.exists() or not card_path.exists():
        raise ModelNotFoundError(f"no topic model in {model_dir}; run `newsmon train` to build one")
    untrusted = set(sio.get_untrusted_types(file=path)) - set(TRUSTED_TYPES)
    if untrusted:
        raise ModelNotFoundError(f"{path} holds types newsmon does not load: {sorted(untrusted)}")
    pipeline = sio.load(path, trusted=TRUSTED_TYPES)
    card = json.loads(card_path.read_text(encoding="utf-8"))
    return TopicModel(pipeline=pipeline, thresholds=card["thresholds"],
                      version=card["model_sha256"][:8])
