"""The ``quellenlage`` command: a thin shell over ``quellenlage.api``.

Exit status: 0 when nothing was rejected, 1 when an input item was rejected (the good ones are
still processed) or the database cannot be used, 2 for usage errors.
"""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click
from sqlalchemy.exc import SQLAlchemyError

from quellenlage import api
from quellenlage.analyse.ner import NER_MODES, NerModelError
from quellenlage.analyse.sentences import import_spacy_without_torch
from quellenlage.ingest.outlets import OutletNamer, OutletSpecError
from quellenlage.model import IngestReport
from quellenlage.settings import MB, Settings
from quellenlage.version import __version__

F = TypeVar("F", bound=Callable[..., Any])
_PROGRESS_EVERY = 25
_SKIPPED_SHOWN = 5


def db_option(default: str | None) -> Callable[[F], F]:
    help_text = "SQLite database file" + (
        f" (default: {default})" if default else " (default: a temporary one)"
    )
    return click.option(
        "--db", "db", default=default, type=click.Path(dir_okay=False), help=help_text
    )


def ingest_options(function: F) -> F:
    """Options shared by every command that reads input."""
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
        "--debug", is_flag=True, help="Show tracebacks instead of one-line errors."
    )(function)
    return function


def ner_option(function: F) -> F:
    """``--ner``, for the commands that recognise named entities."""
    return click.option(
        "--ner",
        type=click.Choice(NER_MODES),
        default="accurate",
        show_default=True,
        help="Named-entity model: accurate (fine-tuned transformer) or fast (CNN, for bulk).",
    )(function)


def _settings(
    max_article_mb: float, outlet_from: str | None = None, ner: str = "accurate"
) -> Settings:
    if outlet_from:
        try:
            OutletNamer.parse(outlet_from)
        except OutletSpecError as error:
            raise click.BadParameter(str(error), param_hint="--outlet-from") from error
    return Settings(max_article_bytes=int(max_article_mb * MB), outlet_from=outlet_from, ner=ner)


def _say(message: api.Message) -> None:
    click.echo(message.message(), err=True)


class _Progress:
    """A counter on stderr, only when stderr is a terminal (silent in pipes and logs)."""

    def __init__(self) -> None:
        self.active = sys.stderr.isatty()

    def __call__(self, count: int) -> None:
        if self.active and count % _PROGRESS_EVERY == 0:
            click.echo(f"\rquellenlage: {count} items read …", err=True, nl=False)

    def done(self) -> None:
        if self.active:
            click.echo("\r\033[K", err=True, nl=False)


def _report_skipped(report: IngestReport) -> None:
    if report.skipped:
        shown = ", ".join(report.skipped[:_SKIPPED_SHOWN])
        more = (
            f" and {len(report.skipped) - _SKIPPED_SHOWN} more"
            if len(report.skipped) > _SKIPPED_SHOWN
            else ""
        )
        click.echo(
            f"quellenlage: skipped {len(report.skipped)} file(s) of unknown type: {shown}{more}",
            err=True,
        )


R = TypeVar("R", IngestReport, api.DossierResult, api.RecordsResult)


@dataclass(frozen=True)
class ReadOptions:
    """The options every reading command shares (see ``ingest_options``)."""

    max_article_mb: float
    debug: bool
    outlet_from: str | None
    ner: str = "accurate"


def _with_progress(
    run: Callable[..., R], paths: tuple[str, ...], db: str | None, options: ReadOptions
) -> R:
    """Run an ingesting API call with messages and progress on stderr."""
    progress = _Progress()
    debug = options.debug
    result = run(
        paths,
        db,
        settings=_settings(options.max_article_mb, options.outlet_from, options.ner),
        on_message=_say,
        on_progress=progress,
        debug=debug,
    )
    progress.done()
    _report_skipped(result if isinstance(result, IngestReport) else result.report)
    return result


def _require_database(db: str) -> None:
    if not Path(db).exists():
        raise click.UsageError(f"no database at {db} (run `quellenlage ingest` first)")


def _database_guard(function: F) -> F:
    """A database that cannot be opened or written, or a damaged model file, is one clear
    line, not a traceback."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except SQLAlchemyError as error:
            if kwargs.get("debug"):
                raise
            click.echo(
                f"quellenlage: {kwargs.get('db')}: cannot use database "
                f"({error.__class__.__name__}: {getattr(error, 'orig', error)})",
                err=True,
            )
            sys.exit(1)
        except NerModelError as error:
            if kwargs.get("debug"):
                raise
            click.echo(f"quellenlage: {error} (reinstall the package)", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quellenlage")
def main() -> None:
    """quellenlage: story dossiers from many news outlets, every statement with its source.

    Feed it text, HTML, JSON Lines or RSS/Atom files (or folders of them).
    """
    logging.basicConfig(level=logging.CRITICAL, format="quellenlage: %(message)s")
    import_spacy_without_torch()  # torch is imported only where accurate NER needs it


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option(api.DEFAULT_DB)
@ingest_options
@_database_guard
def ingest(paths: tuple[str, ...], db: str, **options: Any) -> None:
    """Read PATHS (files, folders, or - for JSON Lines on stdin) into the database.

    Example: quellenlage ingest articles/ feed.xml --db news.db
    """
    report = _with_progress(api.ingest, paths, db, ReadOptions(**options))
    click.echo(
        f"{len(report.article_ids)} articles read: {report.added} added, "
        f"{report.already_present} already present, {len(report.rejections)} rejected "
        f"({db})"
    )
    sys.exit(report.exit_status)


@main.command()
@db_option(api.DEFAULT_DB)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A table for reading, or one JSON record per line.",
)
@_database_guard
def articles(db: str, fmt: str) -> None:
    """List the stored articles.

    Example: quellenlage articles --db news.db --format json
    """
    _require_database(db)
    stored = api.articles(db)
    if fmt == "json":
        for article in stored:
            click.echo(json.dumps(article.to_json(), ensure_ascii=False))
        return
    for article in stored:
        label = article.title or article.source
        click.echo(
            f"{article.id}  {article.published or '----------'}  "
            f"{(article.outlet or '-')[:20]:20}  {label[:80]}"
        )


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "md", "html", "annotations", "claimreview", "quotes-csv"]),
    default="json",
    show_default=True,
    help="JSON (the contract), Markdown, one self-contained HTML file, W3C Web Annotations "
    "(JSON-LD) of all evidence, schema.org ClaimReview (JSON-LD) of the contradictions, or "
    "the quotes as CSV.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the dossier here instead of standard output.",
)
@db_option(None)
@ingest_options
@ner_option
@_database_guard
def dossier(
    paths: tuple[str, ...], fmt: str, out: str | None, db: str | None, **options: Any
) -> None:
    """Build the story dossier of the articles in PATHS.

    Example: quellenlage dossier ../shared/seeds --format md --out dossier.md
    """
    result = _with_progress(api.dossier, paths, db, ReadOptions(**options))
    rendered = result.render(fmt)
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(rendered, encoding="utf-8")
        click.echo(f"quellenlage: wrote {out}", err=True)
    else:
        click.echo(rendered, nl=False)
    sys.exit(result.report.exit_status)


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
                db_option(None),
                ingest_options,
                _database_guard,
            ]
        ):
            function = decorator(function)
        return function

    return decorate


def _print_records(
    run: Callable[..., api.RecordsResult], paths: tuple[str, ...], db: str | None, **options: Any
) -> None:
    result = _with_progress(run, paths, db, ReadOptions(**options))
    click.echo(result.to_jsonl(), nl=False)
    sys.exit(result.report.exit_status)


@jsonl_command("One JSON object per input item: article, source, story.")
def cluster(paths: tuple[str, ...], fmt: str, db: str | None, **options: Any) -> None:
    """Group the articles in PATHS into stories and print each item's story.

    Example: quellenlage cluster articles/ --format jsonl > stories.jsonl
    """
    _print_records(api.cluster, paths, db, **options)


@jsonl_command("One JSON object per article: entities, quotes, numbers, dates with offsets.")
@ner_option
def analyse(paths: tuple[str, ...], fmt: str, db: str | None, **options: Any) -> None:
    """Find named entities, quotes with speakers, figures and dates in each article of PATHS.

    Example: quellenlage analyse ../shared/seeds --format jsonl
    """
    _print_records(api.analyse, paths, db, **options)


@main.command()
@db_option(api.DEFAULT_DB)
@_database_guard
def stories(db: str) -> None:
    """List the stored stories: size, outlets, date range, title.

    Example: quellenlage stories --db news.db
    """
    _require_database(db)
    for story in api.stories(db):
        days = f"{story.first_day or '?'}..{story.last_day or '?'}"
        outlets = ", ".join(story.outlets) or "-"
        click.echo(
            f"s{story.id:<6} {story.size:>5}  {days:<22}  {outlets[:30]:<30}  "
            f"{(story.title or '')[:70]}"
        )


@main.command()
@click.argument("query")
@db_option(api.DEFAULT_DB)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Show at most this many sentences.",
)
@_database_guard
def search(query: str, db: str, limit: int) -> None:
    """Full-text search over stored sentences (FTS5 syntax; accents optional).

    Example: quellenlage search "uschakow AND kompromiss"
    """
    _require_database(db)
    try:
        hits = api.search(query, db, limit)
    except SQLAlchemyError as error:
        raise click.UsageError(f"not a valid search query: {query!r}") from error
    for hit in hits:
        click.echo(f"{hit.article_id}#{hit.position}  {' '.join(hit.text.split())}")
