"""Do analysts get answers while the monitor writes? `newsmon sql` polled during one `newsmon run`.

    python benchmarks/readers.py [--feeds 40] [--items 50] [--command run|ingest] [--interval 1]
                                 [--project DIR] [--limit 1800]

Generated RSS feeds (`--feeds` × `--items` distinct articles, texts cycled from the annotated passages
in tests/data, never the held-out set) are served on 127.0.0.1; `newsmon run` ingests, analyses and
digests them into a fresh database while `newsmon sql "SELECT count(*) FROM articles"` runs every
`--interval` s (one at a time, each a new process as an analyst would start it). Prints the run's
stages, then how many polls answered and their median and maximum answer times (process start to
exit, Python start-up included), per stage (when the run prints Prefect's flow-run lines) and in
all, and each poll slower than 5 s or failed with the stage it overlapped. `--command ingest` runs
`newsmon ingest` alone; `--project` runs another checkout's newsmon (e.g. main, for a before and
after on the same input).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [ROOT / "tests" / "data" / "gold" / "extract.jsonl", ROOT / "tests" / "data" / "realistic" / "dev.jsonl",
         ROOT / "tests" / "data" / "usmca_review.jsonl"]
SLOW = 5.0
_FLOW = re.compile(r"Flow run '([\w-]+)'")


def _served_feeds() -> type:
    """benchmarks/ingest.py's handler: serves a folder, answers 304 to a matching ETag."""
    spec = importlib.util.spec_from_file_location("bench_ingest", Path(__file__).with_name("ingest.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.FeedHandler


def feed_xml(n: int, items: int, texts: list[tuple[str, str]]) -> bytes:
    """Feed `n`: `items` stories with distinct links, each a title and text from the pool."""
    start = datetime(2026, 11, 20, tzinfo=UTC)
    entries = []
    for i in range(items):
        title, text = texts[(n * items + i) % len(texts)]
        entries.append(
            f"<item><title>{escape(title)}</title><link>https://news{n % 40}.example/{n}/story-{i}</link>"
            f"<guid isPermaLink=\"false\">feed-{n}-item-{i}</guid>"
            f"<pubDate>{format_datetime(start + timedelta(minutes=n * items + i))}</pubDate>"
            f"<description>{escape(text)}</description></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed {n}</title>'
            f"<link>https://news{n}.example/</link><description>generated</description>"
            f"{''.join(entries)}</channel></rss>").encode()


@dataclass(frozen=True, slots=True)
class Poll:
    started: float  # seconds since the run started
    seconds: float
    ok: bool
    answer: str


def poll(python: str, config: Path, started: float, project: Path) -> Poll:
    t0 = time.monotonic()
    done = subprocess.run([python, "-m", "newsmon.cli", "sql", "SELECT count(*) AS n FROM articles",
                           "--config", str(config)], capture_output=True, text=True, cwd=project)
    seconds = time.monotonic() - t0
    numbers = re.findall(r"\d+", done.stdout)
    error = [line for line in done.stderr.splitlines() if line.startswith("error")] or [done.stderr.strip()]
    answer = numbers[-1] if done.returncode == 0 and numbers else error[-1][:140]
    return Poll(started=t0 - started, seconds=seconds, ok=done.returncode == 0, answer=answer)


def summary(polls: list[Poll]) -> str:
    times = sorted(p.seconds for p in polls if p.ok)
    answered = f"{len(polls)} polls, {len(times)} answered"
    if not times:
        return answered
    return (f"{answered}, answer time median {statistics.median(times):.2f} s, max {times[-1]:.2f} s, "
            f"{sum(t > SLOW for t in times)} over {SLOW:g} s")


def stages(lines: list[tuple[float, str]]) -> dict[str, tuple[float, float]]:
    """Each Prefect flow run's first and last log line: when the run was in that stage."""
    seen: dict[str, tuple[float, float]] = {}
    for t, line in lines:
        if match := _FLOW.search(line):
            first, _ = seen.get(match[1], (t, t))
            seen[match[1]] = (first, t)
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=40)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--command", choices=["run", "ingest"], default="run")
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--project", type=Path, default=ROOT, help="the newsmon checkout to run (default: this)")
    parser.add_argument("--limit", type=float, default=1800, help="seconds before the run is stopped")
    parser.add_argument("--verbose", action="store_true", help="also print every poll: start, seconds, answer")
    args = parser.parse_args()

    texts = [(r.get("title") or r["text"][:80], r["text"]) for path in TEXTS
             for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r.get("text")]
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "feeds"
        folder.mkdir()
        for n in range(args.feeds):
            (folder / f"feed_{n:03d}.xml").write_bytes(feed_xml(n, args.items, texts))
        handler = type("Handler", (_served_feeds(),), {"folder": folder, "counts": {}})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        config = Path(tmp) / "newsmon.toml"
        config.write_text('[storage]\ndb = "bench.duckdb"\n[fetch]\nconcurrency = 8\nper_host = 8\n'
                          '[digest]\nout_dir = "digests"\n'
                          + "".join(f'[[feeds]]\nurl = "{base}/feed_{n:03d}.xml"\n' for n in range(args.feeds)))
        env = {**os.environ, "PREFECT_LOGGING_LEVEL": "INFO", "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
               "DO_NOT_TRACK": "1"}
        started = time.monotonic()
        run = subprocess.Popen([python, "-m", "newsmon.cli", args.command, "--config", str(config)],
                               cwd=args.project, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        lines: list[tuple[float, str]] = []
        reader = threading.Thread(target=lambda: lines.extend((time.monotonic() - started, line.rstrip())
                                                              for line in run.stdout), daemon=True)
        reader.start()
        polls: list[Poll] = []
        try:
            while run.poll() is None and time.monotonic() - started < args.limit:
                t0 = time.monotonic()
                if (Path(tmp) / "bench.duckdb").exists():
                    polls.append(poll(python, config, started, args.project))
                time.sleep(max(args.interval - (time.monotonic() - t0), 0.05))
        finally:
            if run.poll() is None:
                run.kill()
            run.wait()
            reader.join(timeout=10)
            server.shutdown()
            server.server_close()
        total = time.monotonic() - started

    print(f"newsmon {args.command} ({args.project}): {args.feeds} feeds × {args.items} items, "
          f"rc {run.returncode}, {total:.0f} s")
    windows = stages(lines)
    for name, (first, last) in sorted(windows.items(), key=lambda s: s[1][0]):
        during = [p for p in polls if first <= p.started + p.seconds and p.started <= last]
        print(f"  stage {name:<8} {first:6.1f} s → {last:6.1f} s ({last - first:5.1f} s): {summary(during)}")
    print(f"all: {summary(polls)}")
    if args.verbose:
        print("polls (start s: answer time s → answer):", ", ".join(
            f"{p.started:.0f}: {p.seconds:.1f} → {p.answer if p.ok else 'failed'}" for p in polls))
    for p in polls:
        if not p.ok or p.seconds > SLOW:
            during = [n for n, (a, b) in windows.items() if a <= p.started + p.seconds and b >= p.started]
            print(f"  slow or failed poll at {p.started:.1f} s: {p.seconds:.1f} s during {', '.join(during) or '?'}"
                  f" — {p.answer}")
    if run.returncode:
        print("run output (last lines):", *[line for _, line in lines[-15:]], sep="\n  ")


if __name__ == "__main__":
    main()
