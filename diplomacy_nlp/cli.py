"""The ``diplomacy-nlp`` command: a thin layer over the public API.

``diplomacy-nlp extract PATH... --out DIR`` writes ``DIR/documents.jsonl``,
``DIR/actors.graphml``, ``DIR/relations.graphml`` and ``DIR/events.csv``, shows a progress
bar on a terminal, prints a one-line summary and exits 1 if any article failed (after writing
everything that succeeded), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .articles import parse_iso_date
from .errors import DiplomacyNLPError
from .export import write_events_csv, write_jsonl
from .graph import build_graph, build_relation_graph, write_graphml
from .identity import link_corpus
from .pipeline import extract_corpus, failed, load


def _date(value: str) -> str:
    try:
        return parse_iso_date(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{value!r} is not a YYYY-MM-DD date") from e


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
    ex.add_argument("--batch-size", type=int, default=64, help="articles per nlp.pipe batch")
    ex.add_argument("--quiet", action="store_true", help="no progress bar")
    return p


def _extract(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    nlp = load(args.model, actors=args.actors)
    results = []
    n_failed = 0
    stream = extract_corpus(args.paths, nlp=nlp, date=args.date, batch_size=args.batch_size)
    bar = tqdm(stream, unit="article", disable=args.quiet or not sys.stderr.isatty(),
               file=sys.stderr)
    for r in bar:
        results.append(r)
        if failed(r):
            n_failed += 1
            for e in r.errors:
                print(f"diplomacy-nlp: {e.code}: {e.message}", file=sys.stderr)
    results = link_corpus(results)  # one id per person across the corpus, in every output
    write_jsonl(results, args.out / "documents.jsonl")
    graph = build_graph(results, link=False)
    write_graphml(graph, args.out / "actors.graphml")
    write_graphml(build_relation_graph(results, link=False), args.out / "relations.graphml")
    n_events = write_events_csv(results, args.out / "events.csv")
    print(f"{len(results)} articles read, {n_failed} failed, {graph.number_of_nodes()} actors, "
          f"{graph.number_of_edges()} edges, {n_events} relations -> {args.out}")
    return 1 if n_failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code.

    Example
    -------
    >>> main(["extract", "seeds", "--out", "/tmp/dn-doctest", "--quiet"])  # doctest: +ELLIPSIS
    1 articles read, 0 failed, ...
    0
    """
    args = _parser().parse_args(argv)
    try:
        return _extract(args)
    except DiplomacyNLPError as e:
        print(f"diplomacy-nlp: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("diplomacy-nlp: interrupted; finished outputs are intact", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
