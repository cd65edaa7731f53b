"""Precision and recall of "same story" per Jaccard threshold and shingle size, on the labelled pairs.

    python benchmarks/story_pairs.py [--sizes 2 3 4 5] [--pairs tests/data/stories/pairs.jsonl]

tests/data/stories/articles.jsonl holds wire stories and the copies other outlets ran (another
headline, a byline or credit, trimmed, an extra local paragraph, a rewritten lead); pairs.jsonl pairs
copies of one story (same) with other stories on the same topic, some days apart and some repeating
a background paragraph (hard negatives), and a few on other topics. For each shingle size the
table gives the exact Jaccard similarity's precision and recall at each threshold, then what the
MinHash estimate (newsmon.stories.minhash, 128 permutations) gives at the chosen one.
Last, the full assignment (LSH index, as at ingest) over all articles, scored on the same pairs.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsmon.stories import SHINGLE_WORDS, THRESHOLD, StoryIndex, minhash, shingles, story_words  # noqa: E402

DATA = ROOT / "tests" / "data" / "stories"
THRESHOLDS = [round(0.05 * i, 2) for i in range(2, 15)]


def load(pairs_path: Path) -> tuple[dict[str, dict], list[dict]]:
    articles = {a["id"]: a for a in map(json.loads, (DATA / "articles.jsonl").read_text().splitlines())}
    return articles, [json.loads(line) for line in pairs_path.read_text().splitlines()]


def scores(labels: list[bool], predicted: list[bool]) -> tuple[float, float]:
    tp = sum(p and t for p, t in zip(predicted, labels, strict=True))
    fp = sum(p and not t for p, t in zip(predicted, labels, strict=True))
    fn = sum(t and not p for p, t in zip(predicted, labels, strict=True))
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def assigned_stories(articles: dict[str, dict]) -> dict[str, str]:
    """Story of each article as `assign_stories` would give it, oldest first."""
    index = StoryIndex()
    out = {}
    for a in sorted(articles.values(), key=lambda a: (a["date"], a["id"])):
        when = datetime.fromisoformat(a["date"]).replace(tzinfo=UTC)
        m = minhash(shingles(story_words(a["title"], a["text"])))
        out[a["id"]] = index.story_of(a["id"], published_at=when, m=m) or a["id"]
        index.add(a["id"], story_id=out[a["id"]], published_at=when, m=m)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[2, 3, 4, 5])
    parser.add_argument("--pairs", type=Path, default=DATA / "pairs.jsonl")
    args = parser.parse_args()
    articles, pairs = load(args.pairs)
    labels = [p["same"] for p in pairs]
    print(f"{len(pairs)} pairs: {sum(labels)} same story, {len(labels) - sum(labels)} different "
          f"({sum(p['kind'] == 'same topic, other story' for p in pairs)} on the same topic)")
    for size in args.sizes:
        sets = {i: shingles(story_words(a["title"], a["text"]), size=size) for i, a in articles.items()}
        exact = [len(sets[p["a"]] & sets[p["b"]]) / len(sets[p["a"]] | sets[p["b"]]) for p in pairs]
        same = [j for j, t in zip(exact, labels, strict=True) if t]
        other = [j for j, t in zip(exact, labels, strict=True) if not t]
        print(f"\nshingles of {size} words: same-story Jaccard min {min(same):.3f}, "
              f"different-story max {max(other):.3f}")
        print("threshold  precision  recall")
        for t in THRESHOLDS:
            p, r = scores(labels, [j >= t for j in exact])
            print(f"{t:9.2f}  {p:9.3f}  {r:6.3f}")
        if size == SHINGLE_WORDS:
            hashes = {i: minhash(s) for i, s in sets.items()}
            estimate = [hashes[p["a"]].jaccard(hashes[p["b"]]) for p in pairs]
            p, r = scores(labels, [j >= THRESHOLD for j in estimate])
            print(f"MinHash estimate at {THRESHOLD}: precision {p:.3f}, recall {r:.3f}")
    story = assigned_stories(articles)
    p, r = scores(labels, [story[x["a"]] == story[x["b"]] for x in pairs])
    print(f"\nassignment (LSH, threshold {THRESHOLD}, {SHINGLE_WORDS}-word shingles): "
          f"precision {p:.3f}, recall {r:.3f}; {len(set(story.values()))} stories from {len(articles)} articles "
          f"({len({a['story'] for a in articles.values()})} labelled)")


if __name__ == "__main__":
    main()
