"""Topic scoring speed next to the spaCy stage it follows: docs/s of each and their ratio, and the cost
of passage pooling against scoring whole documents only (the baseline) on the same documents.

    python benchmarks/topics.py [--docs 10000] [--spacy-docs 300] [--input FILE.jsonl]

Documents are the articles of --input (default: the training examples; try the long realistic
articles, tests/data/realistic/dev.jsonl) repeated and shuffled to the count asked, with their
TopicInputs (sectors, claim actions) computed once by the spaCy stage, as the Analyzer does.
Model load is not timed on either side; the spaCy stage includes record extraction.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from dataclasses import replace

    from nlp.analyzer import Text, extract, topic_input
    from nlp.pipeline import build_nlp
    from nlp.topics import load, load_examples

    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--spacy-docs", type=int, default=300)
    parser.add_argument("--input", type=Path, default=ROOT / "models" / "training" / "topics.jsonl")
    args = parser.parse_args()
    examples = load_examples(args.input)
    texts = [Text(id=str(i), title=ex.title, text=ex.text) for i, ex in enumerate(examples)]
    nlp, model = build_nlp(), load()

    order = random.Random(0).sample(texts, len(texts))
    sample, rest = order[:min(args.spacy_docs, len(order))], order[args.spacy_docs:]
    t0 = time.perf_counter()
    analyses = extract(nlp, sample, n_process=1)
    spacy_rate = len(sample) / (time.perf_counter() - t0)
    analyses += extract(nlp, rest, n_process=1)
    inputs = [topic_input(t, a) for t, a in zip(order, analyses, strict=True)]
    docs = [inputs[i % len(inputs)] for i in range(args.docs)]
    random.Random(1).shuffle(docs)
    words = sum(len(d.text.split()) for d in docs)
    t0 = time.perf_counter()
    model.scores(docs)
    topic_rate = len(docs) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    replace(model, passage_words=None).scores(docs)
    whole_rate = len(docs) / (time.perf_counter() - t0)

    print(f"topic scoring: {len(docs):,} docs ({words / len(docs):.0f} words each) at {topic_rate:8.0f} docs/s "
          f"(passages of {model.passage_words} words)")
    print(f"  whole documents only (baseline): {whole_rate:8.0f} docs/s; "
          f"pooling runs at {topic_rate / whole_rate:.2f}x")
    print(f"spaCy stage:   {len(sample):,} docs at {spacy_rate:8.1f} docs/s")
    print(f"topic scoring takes {spacy_rate / topic_rate:.1%} of the spaCy stage's time per document")


if __name__ == "__main__":
    main()
