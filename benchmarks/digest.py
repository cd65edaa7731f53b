"""CPU time of each digest query, and a check that a change to them leaves every digest as it was.

    python benchmarks/digest.py --save before.json data/bench/scale-100000.duckdb data/demo.duckdb
    (change the queries)
    python benchmarks/digest.py --compare before.json data/bench/scale-100000.duckdb data/demo.duckdb

For each database (opened read-only) the digest of `--days` days is built: the busiest UTC day, the
newest day, the oldest day and the days around the busiest one, in UTC and in America/Toronto. Each
query of `storage.reports.digest_data` is timed in CPU seconds (DuckDB's threads are this process's,
so a shared machine's queue does not count), the best of `--repeat` runs, then the Markdown and the
HTML page (with its chart) are rendered; `write_digest` as a whole (queries, both renderings, the chart
and the files) is timed too, best wall and CPU time of `--repeat` runs. `--save` writes the outputs
and timings to a JSON file; `--compare` renders again, fails unless every Markdown, HTML page and
query result is identical, and prints the CPU time per query against the saved run's. `--ignore html`
leaves the whole page out of the check when the chart alone is meant to change: the page without the
chart's SVG and the chart's data (series, legend) are still compared.

A saved run may come from older code: copy this script outside the repository and run it there with the
older checkout installed (`pip install -e`), so it imports that code.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TIME_ZONES = ("UTC", "America/Toronto")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def pick_days(con, count: int) -> list[date]:
    """The busiest UTC day first, then its neighbours and the ends of the history, `count` in all."""
    busiest, first, last = con.execute(
        "SELECT (SELECT CAST(published_at AS DATE) AS d FROM articles GROUP BY d ORDER BY count(*) DESC, d DESC "
        "LIMIT 1), CAST(min(published_at) AS DATE), CAST(max(published_at) AS DATE) FROM articles").fetchall()[0]
    days = [busiest, last, first, busiest - timedelta(days=1), busiest + timedelta(days=1), busiest - timedelta(days=7)]
    return list(dict.fromkeys(days))[:count]


def timed_digest(con, day: date, tz: str, repeat: int) -> tuple[dict, dict[str, float]]:
    """`digest_data` of the day with each query's best CPU seconds over `repeat` runs (the statement that
    fills the table the topic queries share counts as one)."""
    from storage import reports

    cpu: dict[str, float] = {}
    # the code a run is saved from may predate `_execute` (the statement filling a shared temp table)
    plain = {name: getattr(reports, name) for name in ("_query", "_execute") if hasattr(reports, name)}

    def timed(function):
        def timing(con, name, params):
            c0 = _cpu()
            result = function(con, name, params)
            cpu[name] = min(cpu.get(name, float("inf")), _cpu() - c0)
            return result
        return timing

    for attribute, function in plain.items():
        setattr(reports, attribute, timed(function))
    try:
        for _ in range(repeat):
            data = reports.digest_data(con, day=day, tz=tz)
    finally:
        for attribute, function in plain.items():
            setattr(reports, attribute, function)
    return data, cpu


def whole_digest(con, day: date, tz: str, repeat: int) -> dict[str, float]:
    """Best wall and CPU seconds of `write_digest` over `repeat` runs (imports fall in the first)."""
    from newsmon.digest import write_digest

    best = {"wall": float("inf"), "cpu": float("inf")}
    with tempfile.TemporaryDirectory() as out:
        for _ in range(repeat):
            t0, c0 = time.perf_counter(), _cpu()
            write_digest(con, day=day, tz=tz, out_dir=Path(out))
            best = {"wall": min(best["wall"], time.perf_counter() - t0), "cpu": min(best["cpu"], _cpu() - c0)}
    return best


def render(con, day: date, tz: str, repeat: int) -> tuple[dict[str, str], dict[str, float]]:
    """Fingerprints of the query results, the Markdown, the HTML page (whole, and without the chart's SVG) and
    the chart's data (its series and legend), and the CPU seconds per query."""
    from newsmon.chart import load_palette, stack, volume_chart
    from newsmon.digest_html import render_html
    from newsmon.digest_markdown import render_markdown
    from storage.reports import volume_days

    data, cpu = timed_digest(con, day, tz, repeat)
    days = volume_days(day)
    chart = volume_chart(data["volume"], days=days, highlight=day, tz=tz, palette=load_palette())
    outputs = {f"query {name}": repr(rows) for name, rows in data.items()}
    outputs["markdown"] = render_markdown(data, day=day, tz=tz)
    outputs["html"] = render_html(data, day=day, tz=tz, days=days, chart=chart)
    outputs["html outside the chart"] = outputs["html"].replace(chart.svg, "") if chart else outputs["html"]
    outputs["chart data"] = repr((stack(data["volume"], days=days), chart.legend if chart else None))
    return {k: hashlib.sha256(v.encode()).hexdigest() for k, v in outputs.items()}, cpu


def run(paths: list[Path], *, days: int, repeat: int) -> dict:
    from storage import connect

    result = {}
    for path in paths:
        with connect(path, read_only=True) as con:
            for day in pick_days(con, days):
                for tz in TIME_ZONES:
                    outputs, cpu = render(con, day, tz, repeat)
                    result[f"{path.name} {day} {tz}"] = {"outputs": outputs, "cpu": cpu,
                                                         "whole": whole_digest(con, day, tz, repeat)}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("databases", nargs="+", type=Path)
    parser.add_argument("--days", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path)
    mode.add_argument("--compare", type=Path)
    parser.add_argument("--ignore", action="append", default=[], metavar="OUTPUT",
                        help="an output whose change is intended (e.g. html, when the chart is drawn anew); repeatable")
    args = parser.parse_args()

    t0 = time.perf_counter()
    result = run(args.databases, days=args.days, repeat=args.repeat)
    if args.save:
        args.save.write_text(json.dumps(result, indent=1), encoding="utf-8")
    before = json.loads(args.compare.read_text(encoding="utf-8")) if args.compare else result
    differs = [f"{case}: {what}" for case, now in result.items()
               for what, fingerprint in now["outputs"].items()
               if what not in args.ignore and before[case]["outputs"].get(what) != fingerprint]
    print(f"{'digest':<48} {'query':<18} {'before ms':>9} {'now ms':>7} {'ratio':>6}")
    for case, now in result.items():
        for name, cpu in [*now["cpu"].items(), ("total", sum(now["cpu"].values()))]:
            # a query the saved run did not have (a new digest section) was 0 ms before
            was = sum(before[case]["cpu"].values()) if name == "total" else before[case]["cpu"].get(name, 0.0)
            print(f"{case:<48} {name:<18} {was * 1000:9.1f} {cpu * 1000:7.1f} {was / max(cpu, 1e-9):5.1f}×")
        for what in ("cpu", "wall"):
            was, now_s = before[case]["whole"][what], now["whole"][what]
            print(f"{case:<48} {'write_digest ' + what:<18} {was * 1000:9.1f} {now_s * 1000:7.1f} "
                  f"{was / max(now_s, 1e-9):5.1f}×")
    print(f"{len(result)} digests in {time.perf_counter() - t0:.1f} s wall, CPU ms per query (best of {args.repeat})")
    if differs:
        sys.exit("digest outputs differ from the saved run: " + "; ".join(differs))
    if args.compare:
        print("every query result, Markdown and HTML page is identical to the saved run's"
              + (f" (not compared: {', '.join(args.ignore)})" if args.ignore else ""))


if __name__ == "__main__":
    main()
