"""Throughput of `ingest_feeds` over local HTTP: a cold pass, then a pass where every feed is a 304.

    python benchmarks/ingest.py [--feeds 200] [--items 50] [--concurrency 8] [--per-host 8]

Feeds are generated RSS 2.0 files in a temporary folder, served by a ThreadingHTTPServer on
127.0.0.1 that answers If-None-Match with 304. Every feed sits on that one host, so `--per-host`
defaults to `--concurrency` to stand for feeds on distinct sites; pass `--per-host 2` for the
shipped default against a single site. The database is a fresh DuckDB file. Peak RSS is this
process's (the server runs in it too, and is small). A watchdog ends the run after `--limit` s.
"""

from __future__ import annotations

import argparse
import faulthandler
import hashlib
import resource
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = ["tariff", "steel", "aluminum", "dairy", "lumber", "duties", "retaliation", "exports", "imports",
         "quota", "Ottawa", "Washington", "minister", "announced", "counter-measures", "negotiations",
         "agreement", "sector", "billion", "percent"]


def feed_xml(n: int, items: int) -> bytes:
    """One feed of `items` distinct stories with links, GUIDs, dates and a paragraph of text."""
    start = datetime(2026, 3, 1, tzinfo=UTC)
    entries = []
    for i in range(items):
        text = " ".join(WORDS[(n * 7 + i * 3 + k) % len(WORDS)] for k in range(60))
        link = f"https://news{n % 40}.example/{n}/story-{i}?utm_source=rss"
        entries.append(
            f"<item><title>Feed {n} story {i}: {escape(text[:60])}</title><link>{link}</link>"
            f"<guid isPermaLink=\"false\">feed-{n}-item-{i}</guid>"
            f"<pubDate>{format_datetime(start + timedelta(minutes=n * items + i))}</pubDate>"
            f"<description>{escape(text)}</description></item>"
        )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed {n}</title>'
            f"<link>https://news{n}.example/</link><description>generated</description>"
            f"{''.join(entries)}</channel></rss>").encode()


class FeedHandler(BaseHTTPRequestHandler):
    """Serves `folder/<name>` with a content ETag; 304 when the client already has it."""

    folder: Path
    counts: dict[int, int]
    lock = threading.Lock()

    def do_GET(self) -> None:
        path = self.folder / self.path.lstrip("/")
        if not path.is_file():
            self._send(404, b"no such feed", {})
            return
        body = path.read_bytes()
        etag = f'"{hashlib.sha1(body).hexdigest()}"'
        if self.headers.get("If-None-Match") == etag:
            self._send(304, b"", {"ETag": etag})
        else:
            self._send(200, body, {"ETag": etag, "Content-Type": "application/rss+xml; charset=utf-8"})

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        with self.lock:
            self.counts[status] = self.counts.get(status, 0) + 1
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: one line per request would swamp the figures."""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--per-host", type=int, default=None, help="default: --concurrency")
    parser.add_argument("--limit", type=float, default=600, help="seconds before the watchdog ends the run")
    args = parser.parse_args()
    faulthandler.dump_traceback_later(args.limit, exit=True)

    from newsmon.ingest.run import ingest_feeds
    from newsmon.settings import FeedSettings, FetchSettings
    from storage import connect

    per_host = args.per_host or args.concurrency
    fetch = FetchSettings(timeout=30, concurrency=args.concurrency, per_host=per_host)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "feeds"
        folder.mkdir()
        for n in range(args.feeds):
            (folder / f"feed_{n:04d}.xml").write_bytes(feed_xml(n, args.items))
        handler = type("Handler", (FeedHandler,), {"folder": folder, "counts": {}})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        feeds = [FeedSettings(url=f"{base}/feed_{n:04d}.xml") for n in range(args.feeds)]
        try:
            db = Path(tmp) / "bench.duckdb"
            t0 = time.perf_counter()
            cold = ingest_feeds(db, feeds, fetch)
            cold_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            warm = ingest_feeds(db, feeds, fetch)
            warm_s = time.perf_counter() - t0
            with connect(db, read_only=True) as con:
                stored = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
        finally:
            server.shutdown()
            server.server_close()
        db_mb = (Path(tmp) / "bench.duckdb").stat().st_size / 1e6
    faulthandler.cancel_dump_traceback_later()

    items = args.feeds * args.items
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    not_modified = sum(1 for f in warm.feeds if f.status == 304)
    print(f"{args.feeds} feeds x {args.items} items = {items:,} items; concurrency {fetch.concurrency}, "
          f"per_host {fetch.per_host}; server answers: {handler.counts}")
    print(f"cold pass   {cold_s:7.2f} s  {cold.new / cold_s:9,.0f} items/s  "
          f"{args.feeds / cold_s:7.1f} feeds/s  ({cold.new:,} new, {len(cold.failed)} failed, "
          f"{stored:,} rows, DuckDB file {db_mb:.1f} MB)")
    print(f"304 pass    {warm_s:7.2f} s  {args.feeds / warm_s:7.1f} feeds/s  "
          f"({not_modified} of {args.feeds} not modified, {warm.new} new)")
    print(f"peak RSS    {rss_mb:7.0f} MB")
    if cold.new != items or stored != items or not_modified != args.feeds or warm.new:
        sys.exit("benchmark run did not ingest what it served: figures above are not comparable")


if __name__ == "__main__":
    main()
