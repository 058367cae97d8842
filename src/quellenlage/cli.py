"""The ``quellenlage`` command: a thin shell over the archive (``quellenlage.api``).

Exit status: 0 when nothing was rejected, 1 when an input item was rejected (the good ones
are still processed) or the database cannot be used, 2 for usage errors. The database comes
from ``--db``, else ``$QUELLENLAGE_DB``, else ``quellenlage.db`` in the working folder.
"""

from __future__ import annotations

import functools
import json
import logging
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from quellenlage import api
from quellenlage.version import __version__

F = TypeVar("F", bound=Callable[..., Any])
_SKIPPED_SHOWN = 5
_PAGE = 500  # rows fetched per query when streaming a listing
FORMATS = ("table", "json", "jsonl")
DOSSIER_FORMATS = {
    "json": ".json",
    "md": ".md",
    "html": ".html",
    "annotations": ".annotations.jsonld",
    "claimreview": ".claimreview.jsonld",
    "quotes-csv": ".quotes.csv",
}


def db_option(one_shot: bool = False) -> Callable[[F], F]:
    help_text = "Database file [env QUELLENLAGE_DB; default: " + (
        "a temporary one]" if one_shot else f"{api.DEFAULT_DB}]"
    )
    return click.option(
        "--db",
        "db",
        envvar=api.DB_VARIABLE,
        default=None if one_shot else api.DEFAULT_DB,
        type=click.Path(dir_okay=False),
        help=help_text,
    )


def format_option(function: F) -> F:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="A table to read, a JSON array, or JSON Lines (streamed).",
    )(function)


def filter_options(function: F) -> F:
    """Narrowing shared by the listings."""
    for name, help_text in reversed(
        [
            ("--outlet", "Only this outlet."),
            ("--since", "Only from this day on (YYYY-MM-DD)."),
            ("--until", "Only up to this day (YYYY-MM-DD)."),
            ("--entity", "Only stories naming this entity (id or name)."),
            ("--text", "Only where a sentence matches this full-text query."),
        ]
    ):
        function = click.option(name, default=None, help=help_text)(function)
    function = click.option(
        "--offset", type=click.IntRange(min=0), default=0, help="Skip this many rows first."
    )(function)
    return click.option(
        "--limit", type=click.IntRange(min=1), default=None, help="Show at most this many rows."
    )(function)


def read_options(function: F) -> F:
    """Options of every command that reads input."""
    function = click.option(
        "--outlet-from",
        default=None,
        help="Name the outlets of plain files: a sources.csv (columns file, outlet) or a "
        "file-name regex with a group (?P<outlet>...).",
    )(function)
    function = click.option(
        "--max-article-mb",
        type=click.FloatRange(min=0.001),
        default=5.0,
        show_default=True,
        help="Reject articles larger than this.",
    )(function)
    function = click.option(
        "--workers",
        type=click.IntRange(min=1),
        default=None,
        help="Processes for the per-article analysis [default: one per CPU].",
    )(function)
    function = click.option(
        "--ner",
        type=click.Choice(api.NER_MODES),
        default="accurate",
        show_default=True,
        help="Named-entity model: accurate (fine-tuned transformer) or fast (CNN, for bulk).",
    )(function)
    return click.option(
        "--debug", is_flag=True, help="Show tracebacks instead of one-line errors."
    )(function)


@dataclass(frozen=True)
class ReadOptions:
    """The options every reading command shares (see ``read_options``)."""

    max_article_mb: float
    debug: bool
    outlet_from: str | None
    ner: str
    workers: int | None

    def settings(self) -> api.Settings:
        try:
            return api.make_settings(self.max_article_mb, self.outlet_from, self.ner, self.workers)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--outlet-from") from error


class Progress:
    """Progress bars on stderr (tqdm: count, rate, time left when the total is known), one
    per step; silent when stderr is not a terminal."""

    def __init__(self) -> None:
        self.active = sys.stderr.isatty()
        self._bars: dict[str, Any] = {}

    def __call__(self, step: str, done: int, total: int | None = None) -> None:
        if not self.active:
            return
        bar = self._bars.get(step)
        if bar is None:
            from tqdm import tqdm

            for other in self._bars.values():
                other.close()
            bar = self._bars[step] = tqdm(
                desc=f"quellenlage: {step}", total=total, unit="", leave=False, file=sys.stderr
            )
        bar.update(done - bar.n)

    def close(self) -> None:
        for bar in self._bars.values():
            bar.close()
        self._bars.clear()


def _say(message: api.Message) -> None:
    click.echo(api.terminal_safe(message.message()), err=True)


def _report_skipped(report: api.IngestReport) -> None:
    if report.skipped:
        shown = ", ".join(report.skipped[:_SKIPPED_SHOWN])
        more = len(report.skipped) - _SKIPPED_SHOWN
        tail = f" and {more} more" if more > 0 else ""
        click.echo(
            api.terminal_safe(
                f"quellenlage: skipped {len(report.skipped)} file(s) of unknown type: {shown}{tail}"
            ),
            err=True,
        )


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is: stop cleanly, keep what is stored."""


def _on_sigterm(_signum: int, _frame: object) -> None:
    raise Terminated


def _interrupted(interrupt: KeyboardInterrupt) -> None:
    """One line on what was kept, and the status a shell expects (128 + the signal)."""
    cause = interrupt.cause if isinstance(interrupt, api.Interrupted) else interrupt
    terminated = isinstance(cause, Terminated)
    kept = ""
    if isinstance(interrupt, api.Interrupted):
        report = interrupt.report
        kept = f": {report.added} articles stored, {len(report.rejections)} rejected"
    click.echo(
        f"quellenlage: {'terminated' if terminated else 'interrupted'}{kept}; "
        "run the same command again to continue",
        err=True,
    )
    sys.exit(128 + (signal.SIGTERM if terminated else signal.SIGINT))


R = TypeVar("R", api.IngestReport, api.DossierResult, api.RecordsResult)


def _read(
    run: Callable[..., R], paths: tuple[str, ...], db: str | None, read: ReadOptions, **extra: Any
) -> R:
    """An ingesting API call with messages and progress on stderr, and skipped files named."""
    progress = Progress()
    try:
        result = run(
            paths,
            db,
            settings=read.settings(),
            on_message=_say,
            on_progress=progress,
            debug=read.debug,
            **extra,
        )
    finally:
        progress.close()
    _report_skipped(result if isinstance(result, api.IngestReport) else result.report)
    return result


def _guarded(function: F) -> F:
    """A database that cannot be used, a damaged model file or an interrupt is one clear
    line, not a traceback."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        signal.signal(signal.SIGTERM, _on_sigterm)
        try:
            return function(*args, **kwargs)
        except KeyboardInterrupt as interrupt:
            if kwargs.get("debug"):
                raise
            _interrupted(interrupt)
        except api.QueryError as error:
            raise click.UsageError(str(error)) from error
        except (api.StoreError, api.NerModelError, api.WorkerDied, api.NotFound) as error:
            if kwargs.get("debug"):
                raise
            click.echo(api.terminal_safe(f"quellenlage: {error}"), err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _existing(db: str) -> str:
    """A database file that exists, or a server URL (the server answers for itself)."""
    if "://" not in db and not Path(db).is_file():
        raise click.UsageError(f"no database at {db} (run `quellenlage ingest` first)")
    return db


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quellenlage")
@click.option(
    "--log-level",
    type=click.Choice(["debug", "info", "warning", "error", "critical"], case_sensitive=False),
    default="critical",
    show_default=True,
    help="How much the libraries log on stderr (quellenlage's own messages always show).",
)
def main(log_level: str) -> None:
    """quellenlage: story dossiers from many news outlets, every statement with its source.

    Feed it text, HTML, JSON Lines or RSS/Atom files (or folders of them).
    """
    logging.basicConfig(level=log_level.upper(), format="quellenlage: %(name)s: %(message)s")


def _reading(function: F) -> F:
    """Runs an ingesting command with messages and progress on stderr."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        api.prepare_process()
        return function(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option()
@click.option(
    "--dossiers/--no-dossiers",
    default=True,
    show_default=True,
    help="Build the dossiers of changed stories now, so that every later read is a lookup.",
)
@read_options
@_guarded
@_reading
def ingest(paths: tuple[str, ...], db: str, dossiers: bool, **options: Any) -> None:
    """Read PATHS (files, folders, or - for JSON Lines on stdin) into the database.

    Example: quellenlage ingest articles/ feed.xml --db news.db
    """
    report = _read(
        api.ingest_paths, paths, db, ReadOptions(**options), dossiers=dossiers, keep_ids=False
    )
    click.echo(
        f"{report.read} articles read: {report.added} added, "
        f"{report.already_present} already present, {len(report.rejections)} rejected "
        f"({api.terminal_safe(db)})"
    )
    sys.exit(report.exit_status)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option()
@click.option(
    "--engine",
    type=click.Choice(api.ENGINES),
    default="local",
    show_default=True,
    help="Where the per-article analysis runs: this machine's processes, or a Ray cluster.",
)
@click.option(
    "--address",
    default=None,
    help="A running Ray cluster: auto, or ray://HOST:PORT [default: start one of --workers CPUs].",
)
@click.option(
    "--shards",
    default=api.DEFAULT_SHARDS,
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder of the input and analysis shards (run again to resume; on a cluster: shared).",
)
@click.option(
    "--shard-size",
    type=click.IntRange(min=1),
    default=200,
    show_default=True,
    help="Items per shard: the unit of resuming and of one worker's call.",
)
@click.option(
    "--dossiers/--no-dossiers",
    default=True,
    show_default=True,
    help="Build the dossiers of changed stories at the end.",
)
@read_options
@_guarded
@_reading
def batch(
    paths: tuple[str, ...],
    db: str,
    engine: str,
    address: str | None,
    shards: str,
    shard_size: int,
    dossiers: bool,
    **options: Any,
) -> None:
    """Ingest PATHS as a resumable batch: shards, analysis on an engine, load, stories.

    Example: quellenlage batch crawl/ --engine ray --address auto --db postgresql://host/news
    """
    try:
        report = _read(
            api.batch,
            paths,
            db,
            ReadOptions(**options),
            engine=engine,
            address=address,
            shards=shards,
            shard_size=shard_size,
            dossiers=dossiers,
        )
    except (api.BatchError, api.EngineMissing) as error:
        click.echo(api.terminal_safe(f"quellenlage: {error}"), err=True)
        sys.exit(1)
    click.echo(
        f"{report.read} articles read: {report.added} added, "
        f"{report.already_present} already present, {len(report.rejections)} rejected "
        f"({api.terminal_safe(db)}; engine {engine})"
    )
    sys.exit(report.exit_status)


def _emit(rows: Iterable[dict[str, Any]], fmt: str, table: Callable[[dict[str, Any]], str]) -> None:
    """Print ``rows`` as a table, a JSON array or JSON Lines (each as it comes); an empty
    result says so on stderr."""
    count = 0
    if fmt == "json":
        listed = list(rows)
        count = len(listed)
        click.echo(json.dumps(listed, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            count += 1
            line = json.dumps(row, ensure_ascii=False) if fmt == "jsonl" else table(row)
            click.echo(line if fmt == "jsonl" else api.terminal_safe(line))
    if count == 0:
        click.echo("quellenlage: nothing found", err=True)


def _paged(
    fetch: Callable[[int, int], api.Page[Any]], limit: int | None, offset: int
) -> Iterator[Any]:
    """Every item from ``offset`` on (at most ``limit``), fetched a page at a time."""
    left = limit
    while left is None or left > 0:
        size = _PAGE if left is None else min(_PAGE, left)
        page = fetch(size, offset)
        yield from page.items
        offset += len(page.items)
        if left is not None:
            left -= len(page.items)
        if len(page.items) < size:
            return


def _filter(options: dict[str, Any]) -> api.Filter:
    return api.Filter(
        outlet=options["outlet"],
        since=options["since"],
        until=options["until"],
        entity=options["entity"],
        text=options["text"],
    )


@main.command()
@db_option()
@format_option
@filter_options
@_guarded
def articles(db: str, fmt: str, limit: int | None, offset: int, **options: Any) -> None:
    """List stored articles, newest first.

    Example: quellenlage articles --outlet tagesschau.de --since 2025-12-01 --format jsonl
    """
    where = _filter(options)
    with api.open_archive(_existing(db)) as archive:
        rows = _paged(lambda n, o: archive.articles(where, n, o), limit, offset)
        _emit((_article_record(r) for r in rows), fmt, _article_line)


def _article_record(row: Any) -> dict[str, Any]:
    record = asdict(row)
    record["story"] = f"s{row.story_id}" if row.story_id is not None else None
    del record["story_id"]
    return record


def _article_line(row: dict[str, Any]) -> str:
    label = row["title"] or row["source"]
    return (
        f"{row['id']}  {row['published'] or '----------'}  {(row['outlet'] or '-')[:20]:20}  "
        f"{(row['story'] or '-'):<7} {label[:80]}"
    )


@main.command()
@db_option()
@format_option
@filter_options
@click.option(
    "--sort",
    type=click.Choice(["size", "newest", "oldest"]),
    default="size",
    show_default=True,
    help="Largest first, or by the day of the newest or oldest article.",
)
@_guarded
def stories(db: str, fmt: str, limit: int | None, offset: int, sort: str, **options: Any) -> None:
    """List stories: id, size, date range, outlets, title.

    Example: quellenlage stories --since 2025-12-01 --entity "Wladimir Putin"
    """
    where = _filter(options)
    with api.open_archive(_existing(db)) as archive:
        rows = _paged(lambda n, o: archive.stories(where, sort, n, o), limit, offset)
        _emit((_story_record(r) for r in rows), fmt, _story_line)


def _story_record(row: Any) -> dict[str, Any]:
    record = asdict(row)
    record["id"] = f"s{row.id}"
    record["outlets"] = list(row.outlets)
    return record


def _story_line(row: dict[str, Any]) -> str:
    days = f"{row['first_day'] or '?'}..{row['last_day'] or '?'}"
    outlets = ", ".join(row["outlets"]) or "-"
    title = (row["title"] or "")[:70]
    return f"{row['id']:<7} {row['size']:>5}  {days:<22}  {outlets[:30]:<30}  {title}"


@main.command()
@click.argument("query")
@db_option()
@format_option
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Show at most this many sentences.",
)
@_guarded
def search(query: str, db: str, fmt: str, limit: int) -> None:
    """Full-text search over stored sentences (FTS5 syntax; accents optional).

    Example: quellenlage search "uschakow AND kompromiss"
    """
    with api.open_archive(_existing(db)) as archive:
        hits = archive.search(query, limit)
    _emit((asdict(h) for h in hits), fmt, _hit_line)


def _hit_line(hit: dict[str, Any]) -> str:
    return f"{hit['article_id']}:{hit['start']}-{hit['end']}  {' '.join(hit['text'].split())}"


@main.command()
@click.argument("entity_id")
@db_option()
@format_option
@_guarded
def entity(entity_id: str, db: str, fmt: str) -> None:
    """The stories and spellings of one entity (its id from a dossier).

    Example: quellenlage entity e3412285e49
    """
    with api.open_archive(_existing(db)) as archive:
        rows = archive.entity(entity_id)
    _emit((asdict(r) for r in rows), fmt, _entity_line)


def _entity_line(row: dict[str, Any]) -> str:
    variants = ", ".join(row["variants"])
    return f"s{row['story_id']:<6} {row['type']:<4} {row['mentions']:>4}  {row['name']}  {variants}"


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--story", "story_id", default=None, help="A stored story's id (s17 or 17).")
@click.option(
    "--format",
    "formats",
    type=click.Choice(list(DOSSIER_FORMATS)),
    multiple=True,
    help="JSON (the contract), Markdown, one self-contained HTML file, W3C Web Annotations "
    "(JSON-LD) of all evidence, schema.org ClaimReview (JSON-LD) of the contradictions, or "
    "the quotes as CSV. Give it several times to write several from one build (--out is then "
    "the path without extension). Default: json.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    help="Write the dossier here instead of standard output.",
)
@db_option(one_shot=True)
@read_options
@_guarded
def dossier(
    paths: tuple[str, ...],
    story_id: str | None,
    formats: tuple[str, ...],
    out: str | None,
    db: str | None,
    **options: Any,
) -> None:
    """Build the dossier of the articles in PATHS, or print a stored story's (--story).

    Example: quellenlage dossier ../shared/seeds --format md --out dossier.md
    Example: quellenlage dossier --db news.db --story s17 --format html --out s17.html
    """
    formats = formats or ("json",)
    if len(formats) > 1 and not out:
        raise click.UsageError("several --format need --out (a path without extension)")
    if story_id is not None:
        if paths:
            raise click.UsageError("give PATHS or --story, not both")
        result = api.stored_dossier(_story_number(story_id), _existing(db or api.DEFAULT_DB))
    elif not paths:
        raise click.UsageError("give PATHS to read, or --story ID of a stored story")
    else:
        api.prepare_process()
        result = _read(api.build_dossier, paths, db, ReadOptions(**options))
    _write_dossier(result, formats, out)
    sys.exit(result.report.exit_status)


def _story_number(story_id: str) -> int:
    digits = story_id.removeprefix("s")
    if not (digits.isascii() and digits.isdigit()):  # "¹".isdigit() is True
        raise click.BadParameter(f"not a story id: {story_id!r}", param_hint="--story")
    return int(digits)


def _write_dossier(result: api.DossierResult, formats: tuple[str, ...], out: str | None) -> None:
    for fmt in formats:
        rendered = result.render(fmt)
        if out is None:
            click.echo(rendered, nl=False)
            continue
        target = Path(out + DOSSIER_FORMATS[fmt]) if len(formats) > 1 else Path(out)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(rendered, encoding="utf-8")
        click.echo(f"quellenlage: wrote {target}", err=True)


def jsonl_command(record_help: str) -> Callable[[F], F]:
    """A one-shot command over PATHS that prints one JSON record per line."""

    def decorate(function: F) -> F:
        for decorator in reversed(
            [
                main.command(),
                click.argument("paths", nargs=-1, required=True),
                click.option(
                    "--format",
                    "fmt",
                    type=click.Choice(["jsonl"]),
                    default="jsonl",
                    show_default=True,
                    help=record_help,
                ),
                db_option(one_shot=True),
                read_options,
                _guarded,
                _reading,
            ]
        ):
            function = decorator(function)
        return function

    return decorate


def _print_records(
    run: Callable[..., api.RecordsResult], paths: tuple[str, ...], db: str | None, **options: Any
) -> None:
    result = _read(run, paths, db, ReadOptions(**options))
    click.echo(result.to_jsonl(), nl=False)
    sys.exit(result.report.exit_status)


@jsonl_command("One JSON object per input item: article, source, story.")
def cluster(paths: tuple[str, ...], fmt: str, db: str | None, **options: Any) -> None:
    """Group the articles in PATHS into stories and print each item's story.

    Example: quellenlage cluster articles/ --format jsonl > stories.jsonl
    """
    _print_records(api.cluster, paths, db, **options)


@jsonl_command("One JSON object per article: entities, quotes, numbers, dates with offsets.")
def analyse(paths: tuple[str, ...], fmt: str, db: str | None, **options: Any) -> None:
    """Find named entities, quotes with speakers, figures and dates in each article of PATHS.

    Example: quellenlage analyse ../shared/seeds --format jsonl
    """
    _print_records(api.analyse_paths, paths, db, **options)


@main.command()
@db_option()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["parquet", "jsonl"]),
    default="parquet",
    show_default=True,
    help="Parquet (typed columns) or JSON Lines, one file per table.",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for the tables (created if missing; tables there are replaced).",
)
@click.option(
    "--ner",
    type=click.Choice(api.NER_MODES),
    default="accurate",
    show_default=True,
    help="Named-entity model for dossiers that must be built first.",
)
@_guarded
def export(db: str, fmt: str, out: str, ner: str) -> None:
    """Write the archive as tables: articles, stories, entities, quotes, claims, evidence.

    For pandas, DuckDB or Spark. Dossiers missing or stale are built first.

    Example: quellenlage export --db news.db --format parquet --out tables/
    """
    progress = Progress()
    try:
        counts = api.export_tables(
            out, _existing(db), fmt, settings=api.make_settings(ner=ner), on_progress=progress
        )
    finally:
        progress.close()
    rows = ", ".join(f"{count} {name}" for name, count in counts.items())
    click.echo(
        api.terminal_safe(f"quellenlage: wrote {len(counts)} tables to {out} ({rows})"), err=True
    )


@main.command()
@db_option()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="TCP port."
)
@click.option(
    "--ner",
    type=click.Choice(api.NER_MODES),
    default="accurate",
    show_default=True,
    help="Named-entity model for articles ingested through the API.",
)
@_guarded
def serve(db: str, host: str, port: int, ner: str) -> None:
    """Serve the web UI and the REST API (/api/, OpenAPI at /api/openapi.json) over DB.

    Ingest over POST /api/articles needs $QUELLENLAGE_TOKEN (a bearer token).

    Example: QUELLENLAGE_TOKEN=secret quellenlage serve --db news.db --port 8000
    """
    import uvicorn

    from quellenlage.web.app import create_app
    from quellenlage.web.config import WebConfig

    api.prepare_process()
    settings = api.make_settings(ner=ner, workers=1)
    app = create_app(WebConfig.from_environment(_existing(db), settings))
    uvicorn.run(app, host=host, port=port, log_level="warning")
