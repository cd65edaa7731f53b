"""Ingest and analysis with 0, 1 and 2 Dask workers, and the digest and docs/sql.md on 100,000 articles.

    python benchmarks/scale.py --articles 3000 --workers 0,1,2

A corpus of N unique articles (paragraphs of the demo feeds and the test texts, recombined; never
the held-out set) is written as RSS files and served on 127.0.0.1 (benchmarks/ingest.py's server).
Each worker count runs in a fresh process under a temporary Prefect server, as `newsmon run` does:
a cluster of W workers starts before the `ingest` flow and loads its pipelines meanwhile (`--cold`:
when analysis starts, as before), then the `analyze` flow with `[cluster] workers = W` (0: a child
process with `--n-process` spaCy processes) is timed from its call to its return, and the whole run
from ingest's start until the cluster is closed. Peak RSS is each process's high-water mark
(VmHWM), sampled over the run's process tree. Stored records are compared with the first run's,
excluding `analysed_at`.

The 100,000-article database (`--big`) is generated once and cached under data/bench/: recombined
articles stored through `store_articles`, spread over `--days` days ending today, with analysis rows
re-keyed from this run's real analyses (100,000 spaCy analyses would take hours here). Its digest
(queries, Markdown, HTML and chart) and every docs/sql.md query are then timed on a read-only
connection.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.ingest import FeedHandler  # noqa: E402

SOURCES = [ROOT / "tests/data/realistic/dev.jsonl", ROOT / "tests/data/gold/extract.jsonl",
           ROOT / "tests/data/usmca_review.jsonl"]
TABLES = ("analyses", "actors", "sectors", "figures", "tariff_claims", "topics")
DATED = ("actors", "figures", "tariff_claims", "topics")  # with published_day (migration 012)
PER_FEED = 100
BIG_DIR = ROOT / "data" / "bench"


def text_pool() -> tuple[list[str], list[str]]:
    """Titles and paragraphs of the demo feeds and the annotated test texts."""
    from newsmon.ingest.parse import parse_feed

    titles, paragraphs = [], []
    for source in SOURCES:
        for line in source.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            titles.append(record.get("title") or record["text"].split("\n")[0][:90])
            paragraphs += [p.strip() for p in record["text"].split("\n\n") if len(p.strip()) > 40]
    for feed in sorted((ROOT / "examples" / "feeds").glob("*.[xr]*")):
        parsed = parse_feed(feed.read_bytes(), feed_url=str(feed), fetched_at=datetime.now(UTC))
        for article in parsed.articles:
            titles.append(article.title)
            paragraphs += [p.strip() for p in article.text.split("\n\n") if len(p.strip()) > 40]
    return [t for t in titles if t.strip()], list(dict.fromkeys(paragraphs))


def recombine(n: int, *, seed: int = 12) -> list[tuple[str, str]]:
    """`n` distinct (title, body) pairs: a title and 3-7 paragraphs drawn with a fixed seed."""
    titles, paragraphs = text_pool()
    rng = random.Random(seed)
    seen: set[str] = set()
    stories: list[tuple[str, str]] = []
    while len(stories) < n:
        story = (rng.choice(titles), "\n\n".join(rng.sample(paragraphs, rng.randint(3, 7))))
        key = hashlib.sha256("\x1f".join(story).encode()).hexdigest()
        if key not in seen:
            seen.add(key)
            stories.append(story)
    return stories


def write_feeds(folder: Path, stories: list[tuple[str, str]]) -> list[str]:
    """RSS files of PER_FEED items each, published over the last three days; their names."""
    now = datetime.now(UTC).replace(microsecond=0)
    names = []
    for start in range(0, len(stories), PER_FEED):
        items = []
        for i, (title, body) in enumerate(stories[start:start + PER_FEED], start=start):
            html = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n"))
            items.append(f"<item><title>{escape(title)}</title><link>https://bench.example/story/{i}</link>"
                         f"<guid>bench-{i}</guid><pubDate>{format_datetime(now - timedelta(minutes=4 * i))}"
                         f"</pubDate><description>{escape(html)}</description></item>")
        name = f"feed_{start // PER_FEED:04d}.xml"
        (folder / name).write_text('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                                   f"<title>bench {name}</title><link>https://bench.example/</link>"
                                   f"<description>benchmark</description>{''.join(items)}</channel></rss>",
                                   encoding="utf-8")
        names.append(name)
    return names


def records_digest(con) -> str:
    """sha256 over every stored analysis row but its time, in a fixed order."""
    digest = hashlib.sha256()
    for table in TABLES:
        columns = "* EXCLUDE (analysed_at)" if table == "analyses" else "*"
        for row in con.execute(f"SELECT {columns} FROM {table} ORDER BY ALL").fetchall():
            digest.update(repr(row).encode())
    return digest.hexdigest()


def child(config: Path, *, warm: bool) -> None:
    """One worker count, in its own process: ingest and analyze flows timed, and the whole run from
    ingest's start until the cluster is closed; JSON on the last line. `warm`: the cluster starts
    before ingest and loads the workers' pipelines meanwhile, as `newsmon run` does."""
    from prefect import flow
    from prefect.testing.utilities import prefect_test_harness

    from flows.analyze import analyze
    from flows.ingest import ingest
    from newsmon.cluster import warm_cluster
    from newsmon.settings import load_settings
    from storage import connect

    @flow(name="warm-up")
    def warm_up() -> None:
        """Starts the API server and Prefect's imports outside the timings."""

    settings = load_settings(config)
    db = settings.storage.db
    workers = settings.cluster.local_workers() if warm else 0
    with prefect_test_harness(server_startup_timeout=120):
        warm_up()
        t0 = time.perf_counter()
        with warm_cluster(db, workers) as cluster:  # as `newsmon run`: started before ingest
            report = ingest(str(config))
            t1 = time.perf_counter()
            analysed = analyze(str(config), warm=cluster)
            t2 = time.perf_counter()
        t3 = time.perf_counter()
        writes = _write_seconds()
    with connect(db) as con:
        con.execute("CHECKPOINT")
        digest = records_digest(con)
    print(json.dumps({"ingested": report.new, "ingest_s": t1 - t0, "analysed": analysed, "analyze_s": t2 - t1,
                      "run_s": t3 - t0, "close_s": t3 - t2, "write_s": writes, "db_bytes": db.stat().st_size,
                      "records": digest}))


def _write_seconds() -> float | None:
    """Run time of the cluster flow's `write_chunk` task runs, from the Prefect API: the single writer's
    share of the run (None in-process, where writing happens inside one task)."""
    from prefect import get_client
    from prefect.client.schemas.filters import TaskRunFilter, TaskRunFilterName

    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(task_run_filter=TaskRunFilter(name=TaskRunFilterName(like_="write_chunk")))
    return sum(r.total_run_time.total_seconds() for r in runs) if runs else None


def _hwm_mb(pid: int) -> float:
    """The process's peak resident set (VmHWM), in MB; 0 once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match[1]) / 1024 if match else 0.0


def _role(proc, root) -> str:
    cmd = " ".join(proc.cmdline())
    if proc.pid == root.pid:
        return "flow"
    if "uvicorn" in cmd or ("prefect" in cmd and "server" in cmd):
        return "prefect server"
    if "spawn_main" in cmd or proc.cmdline() == root.cmdline():
        return "worker"  # a Dask worker (spawned) or a spaCy process (forked, same command line)
    return "other"


def run_child(config: Path, *, warm: bool) -> tuple[dict, dict[str, float]]:
    """Run `child` in a fresh interpreter; the peak RSS of each role in its process tree."""
    import psutil

    proc = subprocess.Popen([sys.executable, __file__, "--child", str(config), *(["--cold"] if not warm else [])],
                            stdout=subprocess.PIPE, text=True)
    peaks: dict[int, tuple[str, float]] = {}
    root = psutil.Process(proc.pid)

    def sample() -> None:
        while proc.poll() is None:
            try:
                for p in [root, *root.children(recursive=True)]:
                    role = peaks.get(p.pid, (None, 0.0))[0] or _role(p, root)
                    peaks[p.pid] = (role, max(peaks.get(p.pid, (role, 0.0))[1], _hwm_mb(p.pid)))
            except psutil.Error:
                pass
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    sampler.join()
    if proc.returncode:
        sys.exit(f"the run with {config} failed (exit {proc.returncode})")
    by_role: dict[str, float] = {}
    for role, mb in peaks.values():
        by_role[role] = max(by_role.get(role, 0.0), mb)
    return json.loads(out.strip().splitlines()[-1]), by_role


def build_big(path: Path, *, articles: int, days: int, donor: Path) -> None:
    """`articles` recombined articles over `days` days ending today, with analyses re-keyed from `donor`."""
    from newsmon.ingest.identity import content_hash, url_article_id
    from nlp.records import Article
    from storage import connect
    from storage.analyses import refresh_first_seen
    from storage.articles import store_articles

    end = datetime.now(UTC).replace(microsecond=0)
    step = timedelta(days=days) / articles
    tmp = path.with_suffix(".part")
    tmp.unlink(missing_ok=True)
    with connect(tmp) as con:
        stories = recombine(articles, seed=99)
        for start in range(0, articles, 5000):
            batch = []
            for i, (title, body) in enumerate(stories[start:start + 5000], start=start):
                url = f"https://bench.example/big/{i}"
                batch.append(Article(article_id=url_article_id(url), feed_url=f"https://bench.example/feed/{i % 500}",
                                     url=url, guid=None, title=title, summary=body[:200], text=body,
                                     published_at=end - step * i, fetched_at=end - step * i,
                                     content_hash=content_hash(title, body)))
            store_articles(con, batch, feed_url=batch[0].feed_url)
        con.execute("ATTACH ? AS donor (READ_ONLY)", [str(donor)])
        con.execute("CREATE TEMP TABLE donors AS SELECT article_id, row_number() OVER (ORDER BY article_id) - 1 AS k "
                    "FROM donor.analyses")
        con.execute("CREATE TEMP TABLE keyed AS SELECT a.article_id AS new_id, a.content_hash, a.published_day, "
                    "d.article_id AS old_id FROM (SELECT article_id, content_hash, "
                    "CAST(timezone('UTC', published_at) AS DATE) AS published_day, "
                    "row_number() OVER (ORDER BY article_id) - 1 AS i "
                    "FROM articles) a JOIN donors d ON d.k = a.i % (SELECT count(*) FROM donors)")
        con.execute("INSERT INTO analyses BY NAME SELECT k.new_id AS article_id, s.pipeline_version, k.content_hash, "
                    "now() AS analysed_at FROM donor.analyses s JOIN keyed k ON s.article_id = k.old_id")
        for table in TABLES[1:]:  # the tables the digest reads carry the new article's day, in day order
            dated = table in DATED
            con.execute(f"INSERT INTO {table} BY NAME SELECT s.* REPLACE (k.new_id AS article_id"
                        f"{', k.published_day AS published_day' if dated else ''}) "
                        f"FROM donor.{table} s JOIN keyed k ON s.article_id = k.old_id"
                        f"{' ORDER BY k.published_day, k.new_id' if dated else ''}")
        con.execute("DETACH donor")
        refresh_first_seen(con)
        con.execute("CHECKPOINT")
    tmp.rename(path)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)  # DuckDB's threads are this process's
    return usage.ru_utime + usage.ru_stime


def sql_blocks() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", (ROOT / "docs" / "sql.md").read_text(), flags=re.S)


def time_query(path: Path, n: int) -> tuple[str, float, float, float]:
    """Wall and CPU seconds and the process's peak RSS (MB) of the digest of the busiest day (`n` = 0) or of
    the `n`th docs/sql.md query, read-only, in a process of its own as `newsmon digest` or `newsmon sql` runs.

    CPU time is the figure to trust on a busy machine: wall time there mostly measures the queue."""
    from newsmon.digest import write_digest
    from storage import connect
    from storage.analyst_sql import run_statements

    with connect(path, read_only=True) as con, tempfile.TemporaryDirectory() as out:
        if n == 0:
            day = con.execute("SELECT CAST(published_at AS DATE) AS d FROM articles GROUP BY d "
                              "ORDER BY count(*) DESC, d DESC LIMIT 1").fetchall()[0][0]
            write_digest(con, day=day - timedelta(days=1), tz="UTC", out_dir=Path(out))  # imports, warm
            t0, c0 = time.perf_counter(), _cpu()
            write_digest(con, day=day, tz="UTC", out_dir=Path(out))
            name = f"digest of {day} (Markdown + HTML + chart)"
        else:
            t0, c0 = time.perf_counter(), _cpu()
            run_statements(con, sql_blocks()[n - 1])  # as `newsmon sql` runs a block
            name = f"docs/sql.md query {n}"
        wall, cpu = time.perf_counter() - t0, _cpu() - c0
    return name, wall, cpu, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", default="0,1,2", help="comma-separated worker counts; the first is the baseline")
    parser.add_argument("--n-process", type=int, default=1, help="spaCy processes of the workers = 0 run")
    parser.add_argument("--chunk", type=int, help="articles per task and per write (default: N/12, 20 to 100)")
    parser.add_argument("--big", type=int, default=100_000, help="articles of the cached database; 0 skips it")
    parser.add_argument("--days", type=int, default=10, help="days the cached database spans")
    parser.add_argument("--cold", action="store_true",
                        help="start the cluster when analysis starts, not during ingest (as before `newsmon run` "
                             "warmed it)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, warm=not args.cold)
        return
    from storage import connect

    workers = [int(w) for w in args.workers.split(",")]
    args.chunk = args.chunk or min(100, max(20, args.articles // 12))  # a dozen chunks or more: no idle tail
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "feeds"
        folder.mkdir()
        t0 = time.perf_counter()
        stories = recombine(args.articles)
        names = write_feeds(folder, stories)
        chars = sum(len(t) + len(b) for t, b in stories) / len(stories)
        print(f"corpus: {len(stories):,} unique articles (mean {chars:,.0f} characters) in {len(names)} feeds, "
              f"built in {time.perf_counter() - t0:.1f} s; chunk {args.chunk}")
        handler = type("Handler", (FeedHandler,), {"folder": folder, "counts": {}})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        feeds = "".join(f'[[feeds]]\nurl = "{base}/{name}"\n\n' for name in names)
        rows = []
        for w in workers:
            run = Path(tmp) / f"workers-{w}"
            run.mkdir()
            (run / "newsmon.toml").write_text(
                f'[storage]\ndb = "newsmon.duckdb"\n\n[fetch]\nper_host = 8\n\n[nlp]\nchunk = {args.chunk}\n'
                f"n_process = {args.n_process if w == 0 else 1}\n\n[cluster]\nworkers = {w}\n\n{feeds}")
            result, peaks = run_child(run / "newsmon.toml", warm=not args.cold)
            rows.append((w, result, peaks))
            print(f"  workers={w}: ingest {result['ingest_s']:.1f} s, analysis {result['analyze_s']:.1f} s, "
                  f"whole run {result['run_s']:.1f} s (closing the cluster {result['close_s']:.1f} s)", flush=True)
        server.shutdown()
        _report(rows, args)
        if args.big:
            big = BIG_DIR / f"scale-{args.big}.duckdb"
            if big.exists():
                connect(big).close()  # migrations added since it was built
                print(f"\n{big.relative_to(ROOT)}: cached (delete it to rebuild)")
            else:
                t0 = time.perf_counter()
                BIG_DIR.mkdir(parents=True, exist_ok=True)
                build_big(big, articles=args.big, days=args.days, donor=Path(tmp) / f"workers-{workers[0]}" /
                          "newsmon.duckdb")
                print(f"\n{big.relative_to(ROOT)}: built in {time.perf_counter() - t0:.0f} s")
            print(f"{args.big:,} recombined articles over {args.days} days; analysis rows re-keyed from this run's "
                  f"{rows[0][1]['analysed']:,} real analyses (not {args.big:,} spaCy runs: hours on this machine); "
                  f"{big.stat().st_size / 1e6:.0f} MB, {big.stat().st_size / 1e3 / args.big:.1f} MB per 1,000 articles")
            print(f"  {'':<50} {'wall ms':>8} {'CPU ms':>8} {'peak MB':>8}")
            spawn = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(1, mp_context=spawn, max_tasks_per_child=1) as pool:  # a process each
                for n in range(len(sql_blocks()) + 1):
                    name, wall, cpu, peak = pool.submit(time_query, big, n).result()
                    print(f"  {name:<50} {wall * 1000:8.0f} {cpu * 1000:8.0f} {peak:8.0f}")
            print(f"peak RSS of this process (corpus, feed server, building the database): "
                  f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def _report(rows: list[tuple[int, dict, dict[str, float]]], args: argparse.Namespace) -> None:
    base = rows[0][1]
    print(f"\n{'workers':>7} {'ingest/s':>9} {'analysis/s':>10} {'speed-up':>8} {'run s':>7} {'run speed-up':>12} "
          f"{'writes/s':>9} {'flow MB':>8} {'worker MB':>9} {'server MB':>9} {'DB MB':>6} {'MB/1k art':>9}  records")
    for w, r, peaks in rows:
        speed = base["analyze_s"] / r["analyze_s"]
        run = f"{r['run_s']:>7.1f} {base['run_s'] / r['run_s']:>11.2f}x"
        same = "same" if r["records"] == base["records"] else "DIFFERENT"
        writes = f"{r['analysed'] / r['write_s']:>9.0f}" if r.get("write_s") else f"{'-':>9}"
        worker = f"{peaks['worker']:>9.0f}" if "worker" in peaks else f"{'-':>9}"
        print(f"{w:>7} {r['ingested'] / r['ingest_s']:>9.1f} {r['analysed'] / r['analyze_s']:>10.2f} {speed:>7.2f}x "
              f"{run} {writes} {peaks.get('flow', 0):>8.0f} {worker} {peaks.get('prefect server', 0):>9.0f} "
              f"{r['db_bytes'] / 1e6:>6.1f} {r['db_bytes'] / 1e3 / r['ingested']:>9.2f}  {same}")
    print("analysis/s counts from the analyze flow's call to its return (with --cold: cluster start-up and model "
          "loading included); run s: ingest's start until the cluster is closed, as `newsmon run`; "
          "writes/s: articles stored per second of the writer's write_chunk tasks; MB: peak RSS (VmHWM); "
          "worker: the largest Dask worker, or with workers = 0 the analysis child (or a spaCy process it forked)")
    if any(r["analysed"] != args.articles or r["ingested"] != args.articles for _, r, _ in rows):
        sys.exit("a run did not ingest and analyse every article: figures above are not comparable")


if __name__ == "__main__":
    main()
