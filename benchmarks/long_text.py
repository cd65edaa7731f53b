"""Time and peak memory of one very long article, analysed in parts, next to the same text as separate articles.

    python benchmarks/long_text.py [--chars 1000000] [--part-chars 100000]

The text is the realistic dev articles joined by blank lines and repeated to `--chars` characters.
Each side runs in a fresh process (model load included, peak RSS of that process): "long" is one
article of that length through `Analyzer.analyze` (nlp.long_texts cuts it to `MAX_CHARS` and analyses it
in parts of `--part-chars`), "split" the same paragraphs as articles of about 5,000 characters through
the same call, the baseline for what the text costs anyway.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.long_texts import PART_CHARS  # noqa: E402

RUN = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
import nlp.analyzer
from nlp.analyzer import Analyzer, Text
nlp.analyzer.PART_CHARS = int(sys.argv[4])
body = open(sys.argv[2], encoding="utf-8").read()
analyzer = Analyzer()
analyzer.topics
t0 = time.perf_counter()
if sys.argv[3] == "long":
    texts = [Text(id="long", text=body)]
else:
    paragraphs, texts, run = body.split("\\n\\n"), [], []
    for p in paragraphs:
        run.append(p)
        if sum(map(len, run)) > 5000:
            texts.append(Text(id=str(len(texts)), text="\\n\\n".join(run)))
            run = []
    texts.append(Text(id=str(len(texts)), text="\\n\\n".join(run)))
out = analyzer.analyze(texts)
print(json.dumps({"seconds": time.perf_counter() - t0, "texts": len(texts),
                  "truncated": any(a.truncated for a in out), "claims": sum(len(a.tariff_claims) for a in out),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def long_text(chars: int) -> str:
    rows = [json.loads(line) for line in (ROOT / "tests/data/realistic/dev.jsonl").read_text().splitlines()]
    body = "\n\n".join(r["text"] for r in rows)
    return ("\n\n".join([body] * (chars // len(body) + 1)))[:chars]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--part-chars", type=int, default=PART_CHARS)
    args = parser.parse_args()
    path = Path("/tmp") / f"newsmon-long-{args.chars}.txt"
    path.write_text(long_text(args.chars), encoding="utf-8")
    results = {}
    for side in ("long", "split"):
        done = subprocess.run([sys.executable, "-c", RUN, str(ROOT), str(path), side, str(args.part_chars)],
                              capture_output=True, text=True, check=True)
        results[side] = json.loads(done.stdout.strip().splitlines()[-1])
    path.unlink()
    for side, r in results.items():
        print(f"{side:5}  {r['texts']:4} texts  {args.chars / r['seconds']:10,.0f} chars/s  {r['seconds']:6.1f} s  "
              f"peak RSS {r['rss_mb']:5.0f} MB  truncated={r['truncated']}  claims={r['claims']}")
    print(f"ratio long / split: {results['split']['seconds'] / results['long']['seconds']:.2f}x speed, "
          f"{results['long']['rss_mb'] / results['split']['rss_mb']:.2f}x peak RSS "
          f"({args.chars:,} characters, parts of {args.part_chars:,})")


if __name__ == "__main__":
    main()
