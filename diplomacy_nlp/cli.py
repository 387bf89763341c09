"""The ``diplomacy-nlp`` command: a thin layer over the public API.

``diplomacy-nlp extract PATH... --out DIR`` writes ``DIR/documents.jsonl``,
``DIR/actors.graphml``, ``DIR/relations.graphml`` and ``DIR/events.csv`` (``--format`` adds
Gephi's ``.gexf`` or leaves some out), shows a progress bar on a terminal, reports each
article's issues on stderr, and prints a one-line summary.

Exit codes: 0 when every article was processed (warnings allowed), 1 when any article failed
(everything else is still written; with ``--fail-fast``, the run stops at the first one), 2
on a usage or settings error, 130 on Ctrl-C and 143 on SIGTERM (progress is kept for
``--resume``; finished outputs are never half-written).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .articles import parse_iso_date
from .corpus import FORMATS, write_corpus
from .errors import ArticleError, DiplomacyNLPError
from .pipeline import load
from .progress import PROGRESS, Progress
from .types import Result


def _date(value: str) -> str:
    try:
        return parse_iso_date(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{value!r} is not a YYYY-MM-DD date") from e


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return n


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    unknown = sorted(set(chosen) - FORMATS)
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"{value!r}: choose from {', '.join(sorted(FORMATS))}")
    return chosen


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="diplomacy-nlp",
                                description="Turn diplomatic news into an actor network.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract actors, dates and the actor graph from articles")
    ex.add_argument("paths", nargs="+", metavar="PATH",
                    help="article files (.txt, .jsonl) or directories (read recursively)")
    ex.add_argument("--out", required=True, type=Path, help="output directory")
    ex.add_argument("--date", type=_date, help="article date for texts without a header")
    ex.add_argument("--model", help="spaCy pipeline name or path (default: en_core_web_sm)")
    ex.add_argument("--actors", type=Path, metavar="FILE",
                    help="your actor dictionary (CSV or YAML) that overrides built-in resolution")
    ex.add_argument("--batch-size", type=_positive, default=64,
                    help="articles per batch (default: 64)")
    ex.add_argument("--jobs", type=_positive, default=1,
                    help="worker processes, each with its own pipeline (default: 1)")
    ex.add_argument("--dask", metavar="ADDRESS|local",
                    help="run the batches on a dask.distributed scheduler (or a local cluster)")
    ex.add_argument("--resume", action="store_true",
                    help="continue the unfinished run whose progress is in --out")
    ex.add_argument("--fail-fast", action="store_true",
                    help="stop at the first article that fails (exit 1; --resume continues)")
    ex.add_argument("--errors", type=Path, metavar="FILE",
                    help="also write every article issue there as JSON Lines")
    ex.add_argument("--format", type=_formats, default=("graphml", "csv"), metavar="LIST",
                    help="outputs besides documents.jsonl, comma-separated: graphml (actors and "
                    "relations .graphml), gexf (the same as Gephi's .gexf), csv (events.csv); "
                    "default: graphml,csv")
    ex.add_argument("--quiet", action="store_true", help="no progress bar")
    return p


def _executor(args: argparse.Namespace) -> tuple[Any, Any]:
    """(executor, client) for ``--dask``; (None, None) otherwise."""
    if not args.dask:
        return None, None
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:
        raise DiplomacyNLPError("--dask needs the dask extra: pip install "
                                "'diplomacy-nlp[dask]'") from e
    if args.dask == "local":
        cluster = LocalCluster(n_workers=max(args.jobs, 2), threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(args.dask)
    return client.get_executor(), client


def _extract(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    nlp = load(args.model, actors=args.actors)
    if Progress.exists(args.out) and not args.resume:
        print(f"diplomacy-nlp: note: {args.out} holds an unfinished run; starting over "
              "(--resume continues it)", file=sys.stderr)
    executor, client = _executor(args)
    bar = tqdm(unit="article", disable=args.quiet or not sys.stderr.isatty(), file=sys.stderr)

    def report(r: Result) -> None:
        bar.update()
        for e in r.errors:
            bar.write(f"diplomacy-nlp: {e.severity}: {e.code}: {e.message}", file=sys.stderr)

    try:
        summary = write_corpus(args.paths, args.out, nlp=nlp, date=args.date,
                               batch_size=args.batch_size, n_process=args.jobs,
                               executor=executor, resume=args.resume,
                               fail_fast=args.fail_fast, errors=args.errors,
                               formats=args.format, on_result=report)
    except ArticleError as e:
        print(f"diplomacy-nlp: stopped at the first failure (--fail-fast): {e.code}: {e}; the "
              f"articles done are kept in {args.out / PROGRESS}: fix the input and run again "
              "with --resume", file=sys.stderr)
        return 1
    finally:
        bar.close()
        if client is not None:
            client.close()
    earlier = f" ({summary.reused} done by the earlier run)" if args.resume else ""
    print(f"{summary.articles} articles read{earlier}, {summary.failed} failed, "
          f"{summary.warned} with warnings, {summary.actors} actors, {summary.edges} edges, "
          f"{summary.relations} relations -> {args.out}")
    return 1 if summary.failed else 0


class _Terminated(BaseException):
    """SIGTERM, raised like Ctrl-C (not an ``Exception``, so that no per-article handler
    swallows it) so that files are closed on the way out."""


def _terminate(signum: int, frame: Any) -> None:
    raise _Terminated


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code.

    Example
    -------
    >>> main(["extract", "seeds", "--out", "/tmp/dn-doctest", "--quiet"])  # doctest: +ELLIPSIS
    1 articles read, 0 failed, ...
    0
    """
    args = _parser().parse_args(argv)
    # signal handlers can only be set from the main thread (main() may run in another one)
    handles_term = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if handles_term else None
    try:
        return _extract(args)
    except DiplomacyNLPError as e:
        print(f"diplomacy-nlp: error: {e}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, _Terminated) as e:
        kept = (f"the articles done are kept in {args.out / PROGRESS}: run the same command "
                "with --resume to continue") if Progress.exists(args.out) else \
            "no article was done"
        print(f"diplomacy-nlp: interrupted; outputs of earlier runs are untouched, and {kept}",
              file=sys.stderr)
        return 130 if isinstance(e, KeyboardInterrupt) else 143
    finally:
        if handles_term:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
