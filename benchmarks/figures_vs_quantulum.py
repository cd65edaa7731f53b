"""Money and percent figures: newsmon against quantulum3 on the same annotated passages.

    python benchmarks/figures_vs_quantulum.py [--gold tests/data/gold/extract.jsonl]

quantulum3 is the usual off-the-shelf quantity parser. It is not a dependency of newsmon and its
optional unit classifier is pickled for another scikit-learn, so it runs in a virtualenv of its
own (`--quantulum-python`; `make bench` creates `.venv-quantulum` with a plain
`pip install quantulum3`). Only gold figures in percent or a currency code count, and each
system's figures are cut to the same units, so neither is charged for the other kinds it finds.
Matching is the evaluation's own: value within 1% and the same unit.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.analyzer import Text, extract  # noqa: E402
from nlp.evaluation import Score, figure_same, load_gold  # noqa: E402
from nlp.pipeline import build_nlp  # noqa: E402

CURRENCY = re.compile(r"^[A-Z]{3}$")


def _money_or_percent(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in figures if f["unit"] == "percent" or CURRENCY.match(f["unit"])]


QUANTULUM = """
import json, sys, warnings
warnings.filterwarnings("ignore")
from quantulum3 import parser
for line in sys.stdin:
    out = []
    for q in parser.parse(json.loads(line)):
        unit = q.unit
        if unit.entity.name == "currency" and getattr(unit, "currency_code", None):
            out.append({"value": float(q.value), "unit": unit.currency_code})
        elif "percent" in unit.name.replace(" ", ""):
            out.append({"value": float(q.value), "unit": "percent"})
    print(json.dumps(out))
"""


def _quantulum(python: Path, documents: list[str]) -> list[list[dict[str, Any]]]:
    """quantulum3's money and percent quantities per document; all its percent spellings count."""
    stdin = "".join(json.dumps(d) + "\n" for d in documents)
    result = subprocess.run([str(python), "-c", QUANTULUM], input=stdin, capture_output=True, text=True, check=True)
    return [json.loads(line) for line in result.stdout.splitlines()]


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--gold", type=Path, default=ROOT / "tests" / "data" / "gold" / "extract.jsonl")
    args.add_argument("--quantulum-python", type=Path, default=ROOT / ".venv-quantulum" / "bin" / "python")
    options = args.parse_args()
    gold = load_gold(options.gold)
    theirs = _quantulum(options.quantulum_python, [g["text"] for g in gold])  # the gold counts body figures
    # figures need the spaCy stage only, not the topic model
    ours = extract(build_nlp(), [Text(id=g["id"], title=g.get("title", ""), text=g["text"]) for g in gold])
    scores = {"newsmon": Score(), "quantulum3": Score()}
    for g, found, analysis in zip(gold, theirs, ours, strict=True):
        want = _money_or_percent(g["figures"])
        mine = [{"value": f.value, "unit": f.unit} for f in analysis.figures]
        scores["newsmon"].add(_money_or_percent(mine), want, figure_same)
        scores["quantulum3"].add(found, want, figure_same)
    total = sum(len(_money_or_percent(g["figures"])) for g in gold)
    print(f"money and percent figures in {len(gold)} passages ({total} in the gold set)")
    print(f"{'system':<12}{'P':>8}{'R':>8}{'F1':>8}")
    for name, s in scores.items():
        print(f"{name:<12}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}")


if __name__ == "__main__":
    main()
