"""Running a whole corpus: lazily, in input order, in one process, several, or on a cluster;
and writing its outputs as results arrive (``write_corpus``).

``extract_corpus`` streams ``Result`` objects; ``extract_batches`` streams ``Batch`` objects
(the results of consecutive articles plus their ``GraphParts``, so that the graphs are a
reduction over batches and never a re-read). Both read articles lazily and keep at most a few
batches in flight, so nothing holds the whole corpus.

Parallel runs send batches of ``Article`` objects to workers through any
``concurrent.futures.Executor``: our own pool of processes for ``n_process > 1``, or one you
pass (``dask.distributed``'s ``Client.get_executor()`` runs the same code on a cluster). Each
worker loads the pipeline once (``load`` caches it per process) from a ``PipelineSpec`` (model
name or path, and the user's actor dictionary), runs ``nlp.pipe`` over its batch inside a
memory zone, and returns plain data. Results come back in input order whatever the executor.

Example
-------
>>> [r.id for r in extract_corpus("seeds")]
['000_0855f98d2040f76b']
"""

from __future__ import annotations

import atexit
import csv
import hashlib
import json
import multiprocessing
import shutil
import signal
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.util import minibatch

from .articles import _read_all, unique_ids
from .dictionary import ActorDictionary, DictionaryEntry
from .errors import ArticleError, DiplomacyNLPError
from .export import EVENT_COLUMNS, atomic_writer, event_rows, result_line
from .graph import GraphParts, write_gexf, write_graphml
from .identity import relink
from .pipeline import _CACHE, _process, failed, load
from .progress import Progress, content_hash
from .types import Article, Result

DEFAULT_BATCH_SIZE = 64


@dataclass(frozen=True)
class PipelineSpec:
    """What a worker needs to build the same pipeline: a model name or path, and the user's
    actor dictionary entries (plain, picklable data)."""

    model: str
    actors: tuple[DictionaryEntry, ...] = ()

    def load(self) -> Language:
        """The pipeline, loaded once per process."""
        return load(self.model, actors=ActorDictionary(self.actors) if self.actors else None)


@dataclass
class Batch:
    """The results of consecutive articles, in input order, and their graph parts."""

    results: list[Result]
    parts: GraphParts = field(default_factory=GraphParts)


def run_batch(articles: list[Article], spec: PipelineSpec,
              batch_size: int = DEFAULT_BATCH_SIZE) -> Batch:
    """Process one batch in this process (what a worker runs).

    Example
    -------
    >>> b = run_batch([Article(id="a", text="Peru thanked China.")], spec_of(load()))
    >>> [r.id for r in b.results], sorted(b.parts.nodes)
    (['a'], ['CHN', 'PER'])
    """
    return _batch(_process(articles, nlp=spec.load(), batch_size=batch_size))


def _batch(results: Iterable[Result]) -> Batch:
    batch = Batch(list(results))
    for r in batch.results:
        batch.parts.add(r)
    return batch


_SAVED: dict[int, str] = {}


def spec_of(nlp: Language) -> PipelineSpec:
    """How a worker rebuilds ``nlp``: its name when ``load`` made it, else a saved copy.

    A pipeline built by hand is saved once to a temporary folder (removed at exit); on a
    cluster whose workers cannot see this machine's disk, load the pipeline by name.
    """
    for (name, entries), cached in _CACHE.items():
        if cached is nlp:
            return PipelineSpec(name, entries)
    if id(nlp) not in _SAVED:
        path = tempfile.mkdtemp(prefix="diplomacy-nlp-pipeline-")
        atexit.register(shutil.rmtree, path, ignore_errors=True)
        nlp.to_disk(path)
        _SAVED[id(nlp)] = path
    return PipelineSpec(_SAVED[id(nlp)])


def _articles(source: str | Path | Iterable[Any], date: str | None) -> Iterator[Article]:
    """The articles of a source, ids not yet made unique (callers apply ``unique_ids`` once,
    across all items)."""
    if isinstance(source, (str, Path)):
        yield from _read_all([source], date)
        return
    for item in source:
        if isinstance(item, Article):
            yield item
        else:
            yield from _read_all([item], date)


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the main process, which stops the pool and reports once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def extract_batches(source: str | Path | Iterable[str | Path] | Iterable[Article], *,
                    nlp: Language | None = None, date: str | None = None,
                    batch_size: int = DEFAULT_BATCH_SIZE, n_process: int = 1,
                    executor: Executor | None = None, in_flight: int | None = None
                    ) -> Iterator[Batch]:
    """Stream ``Batch`` objects (results and graph parts) for a corpus, in input order.

    Parameters are those of ``extract_corpus``; ``in_flight`` bounds the batches submitted
    ahead of the one being yielded (default: twice the number of processes, at least 2).

    Example
    -------
    >>> [len(b.results) for b in extract_batches("seeds")]
    [1]
    """
    yield from _batches(unique_ids(_articles(source, date)), nlp=nlp or load(),
                        batch_size=batch_size, n_process=n_process, executor=executor,
                        in_flight=in_flight)


def _batches(articles: Iterable[Article], *, nlp: Language, batch_size: int, n_process: int,
             executor: Executor | None, in_flight: int | None = None) -> Iterator[Batch]:
    """``extract_batches`` over articles whose ids are already unique."""
    if executor is None and n_process <= 1:
        for chunk in minibatch(articles, batch_size):
            yield _batch(_process(chunk, nlp=nlp, batch_size=batch_size))
        return
    own = executor is None
    if executor is None:
        # the platform's default start method, as spaCy's own n_process: "fork" on Linux
        # (workers share the loaded model and start at once); elsewhere each worker loads it,
        # and scripts need the usual `if __name__ == "__main__":` guard
        executor = ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context(),
                                       initializer=_ignore_interrupts)
    limit = in_flight or max(2, 2 * n_process)
    spec = spec_of(nlp)
    window: deque[Future] = deque()
    try:
        for chunk in minibatch(articles, batch_size):
            window.append(executor.submit(run_batch, list(chunk), spec, batch_size))
            while len(window) >= limit:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
    finally:
        for f in window:
            f.cancel()
        if own:
            executor.shutdown(wait=True, cancel_futures=True)


def extract_corpus(source: str | Path | Iterable[str | Path] | Iterable[Article], *,
                   nlp: Language | None = None, date: str | None = None,
                   batch_size: int = DEFAULT_BATCH_SIZE, n_process: int = 1,
                   executor: Executor | None = None) -> Iterator[Result]:
    """Stream results for a corpus: files, directories, or ``Article`` objects, in input order.

    Articles are read lazily and processed in batches (``nlp.pipe`` with ``as_tuples``, one
    memory zone per batch); articles that cannot be read are yielded as results carrying
    ``errors`` (never raised).

    Parameters
    ----------
    source : path, iterable of paths, or iterable of Article
        What to read (directories recursively, in sorted order); a generator is consumed
        lazily, a few batches ahead at most.
    nlp : Language, optional
        A pipeline from ``load``; the default pipeline otherwise.
    date : str, optional
        Article date for texts without a header.
    batch_size : int
        Articles per batch (and per ``nlp.pipe`` batch).
    n_process : int
        Worker processes (each loads the pipeline once); 1 runs in this process.
    executor : concurrent.futures.Executor, optional
        Where batches run instead, e.g. ``dask.distributed.Client(...).get_executor()``.

    Example
    -------
    >>> [r.id for r in extract_corpus("seeds")]
    ['000_0855f98d2040f76b']
    """
    for batch in extract_batches(source, nlp=nlp, date=date, batch_size=batch_size,
                                 n_process=n_process, executor=executor):
        yield from batch.results


FORMATS = frozenset({"graphml", "gexf", "csv"})
OUTPUTS = ("documents.jsonl", "events.csv", "actors.graphml", "relations.graphml",
           "actors.gexf", "relations.gexf")


@dataclass(frozen=True)
class RunSummary:
    """What a corpus run wrote: articles read, failed (an issue of severity ``error``) and
    with warnings only, actors and co-mention edges in the graph, relations in the table, and
    how many articles an earlier run had done (``resume``)."""

    articles: int
    failed: int
    warned: int
    actors: int
    edges: int
    relations: int
    reused: int = 0


def run_settings(nlp: Language, date: str | None = None) -> dict[str, Any]:
    """What a run's results depend on besides its input: our version, the model, its
    components, the user's actor dictionary and the default date. A run is resumed only with
    the same settings.

    Example
    -------
    >>> run_settings(load())["pipes"][-1]
    'diplomacy_relations'
    """
    try:
        ours = version("diplomacy-nlp")
    except PackageNotFoundError:
        ours = "unknown"
    dictionary = nlp.get_pipe("diplomacy_actors").dictionary \
        if "diplomacy_actors" in nlp.pipe_names else None
    entries = json.dumps(dictionary.to_records(), sort_keys=True) if dictionary else ""
    return {"diplomacy_nlp": ours,
            "model": f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}",
            "model_version": nlp.meta.get("version", ""), "pipes": list(nlp.pipe_names),
            "actors": hashlib.sha256(entries.encode()).hexdigest() if entries else "",
            "date": date or ""}


def write_corpus(source: str | Path | Iterable[str | Path] | Iterable[Article],
                 out: str | Path, *, nlp: Language | None = None, date: str | None = None,
                 batch_size: int = DEFAULT_BATCH_SIZE, n_process: int = 1,
                 executor: Executor | None = None, resume: bool = False,
                 fail_fast: bool = False, errors: str | Path | None = None,
                 formats: Iterable[str] = ("graphml", "csv"),
                 on_result: Callable[[Result], None] | None = None) -> RunSummary:
    """Process a corpus and write ``documents.jsonl`` and, by ``formats``, the graphs and the
    event table in ``out``.

    Results are logged to ``out/documents.partial.tsv`` as they arrive (``progress``) and
    the graphs grow from each batch's ``GraphParts``; memory holds the graphs, not the
    documents. At the end, people are linked across the corpus (``identity``) and one
    streaming pass over the log writes the final ``documents.jsonl`` and ``events.csv`` in
    input order, with one id per person. Every final file appears atomically (the previous
    one stays until then); the partial files are removed.

    Parameters
    ----------
    source, nlp, date, batch_size, n_process, executor
        As for ``extract_corpus``.
    out : path
        The output folder (created if needed).
    resume : bool
        Continue the unfinished run whose progress is in ``out``: articles already done (same
        id and content) are not processed again. The outputs are those of an uninterrupted
        run. Without ``resume``, earlier progress is discarded.
    fail_fast : bool
        Stop at the first article that fails, raising ``ArticleError``; the progress stays,
        so that a ``resume`` after fixing the input continues from there.
    errors : path, optional
        Also write every article issue (errors and warnings) there as JSON Lines:
        ``id, source, code, severity, message``.
    formats : iterable of str
        ``graphml`` (``actors.graphml``, ``relations.graphml``), ``gexf`` (``actors.gexf``,
        ``relations.gexf``, Gephi's format) and ``csv`` (``events.csv``).
        ``documents.jsonl`` is always written.
    on_result : callable, optional
        Called with each result, in input order (progress bars, logging).

    Raises
    ------
    ArticleError
        With ``fail_fast``, at the first failed article.
    DiplomacyNLPError
        With ``resume``, when the progress in ``out`` was made with other settings.

    Example
    -------
    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> write_corpus("seeds", out).articles
    1
    """
    out = Path(out)
    formats = set(formats)
    if formats - FORMATS:
        raise DiplomacyNLPError(f"unknown output format(s) {sorted(formats - FORMATS)}; "
                                f"choose from {sorted(FORMATS)}")
    nlp = nlp or load()
    settings = run_settings(nlp, date)
    progress = Progress.resume(out, settings) if resume else Progress.start(out, settings)
    for name in OUTPUTS:  # what a run killed while renaming its outputs left behind
        for stale in out.glob(f".{name}.*.partial"):
            stale.unlink(missing_ok=True)
    plan: deque[tuple[int, str]] = deque()  # (offset of a reusable record, or -1; hash)
    reusing = bool(progress.reusable)

    def todo() -> Iterator[Article]:
        for art in unique_ids(_articles(source, date)):
            digest = content_hash(art)
            plan.append((progress.reusable.get(digest, -1), digest))
            if plan[-1][0] < 0:
                yield art

    parts = GraphParts()
    counts = {"articles": 0, "failed": 0, "warned": 0, "reused": 0}

    def count(r: Result) -> None:
        counts["articles"] += 1
        counts["failed"] += failed(r)
        counts["warned"] += bool(r.errors) and r.ok
        if on_result is not None:
            on_result(r)

    def reuse_up_to_next_new() -> None:
        while plan and plan[0][0] >= 0:
            r = Result.from_dict(json.loads(progress.reuse(plan.popleft()[0])))
            parts.add(r)
            counts["reused"] += 1
            count(r)

    try:
        for batch in _batches(todo(), nlp=nlp, batch_size=batch_size, n_process=n_process,
                              executor=executor):
            for r in batch.results:
                reuse_up_to_next_new()
                progress.append(plan.popleft()[1], r.ok, result_line(r))
                if reusing:
                    parts.add(r)
                count(r)
                if fail_fast and failed(r):
                    progress.flush()
                    if errors is not None:
                        _write_issues(errors, [r.to_dict()])
                    issue = next(e for e in r.errors if e.is_error)
                    raise ArticleError(issue.code, issue.message, source=r.source)
            if not reusing:
                parts.merge(batch.parts)
            progress.flush()
        reuse_up_to_next_new()
        progress.flush()
        n_events = _write_documents(progress, parts, out, errors, events="csv" in formats)
        links = parts.links()
        graph = parts.graph(links)
        relations = parts.relation_graph(links) if formats & {"graphml", "gexf"} else None
        if "graphml" in formats:
            write_graphml(graph, out / "actors.graphml")
            write_graphml(relations, out / "relations.graphml")
        if "gexf" in formats:
            write_gexf(graph, out / "actors.gexf")
            write_gexf(relations, out / "relations.gexf")
    except BaseException:
        progress.close()  # the progress stays on disk for --resume
        raise
    progress.remove()
    return RunSummary(counts["articles"], counts["failed"], counts["warned"],
                      graph.number_of_nodes(), graph.number_of_edges(), n_events,
                      counts["reused"])


def _issue_rows(record: dict[str, Any]) -> Iterator[str]:
    for e in record.get("errors", []):
        yield json.dumps({"id": record["id"], "source": record.get("source", ""),
                          "code": e["code"], "severity": e.get("severity", ""),
                          "message": e["message"]}, ensure_ascii=False) + "\n"


def _write_issues(path: str | Path, records: Iterable[dict[str, Any]]) -> None:
    with atomic_writer(path) as f:
        for record in records:
            f.writelines(_issue_rows(record))


def _write_documents(progress: Progress, parts: GraphParts, out: Path,
                     errors: str | Path | None, *, events: bool = True) -> int:
    """The final pass: ``documents.jsonl``, ``events.csv`` (and the issues file) in input
    order, people linked across the corpus. Returns the number of events."""
    links = parts.links()
    labels = {target: parts.label_of(target) for target in set(links.values())}
    n_events = 0
    with ExitStack() as stack:
        docs = stack.enter_context(atomic_writer(out / "documents.jsonl"))
        table = stack.enter_context(atomic_writer(out / "events.csv")) if events else None
        issues = stack.enter_context(atomic_writer(errors)) if errors is not None else None
        writer = csv.writer(table, lineterminator="\n") if table is not None else None
        if writer is not None:
            writer.writerow(EVENT_COLUMNS)
        for line in progress.records():
            record = json.loads(line)
            if links and any(a["id"] in links for a in record["actors"]):
                linked = relink(Result.from_dict(record), links, labels)
                line, record = result_line(linked), linked.to_dict()
            docs.write(line + "\n")  # most records need no rewrite: copied as they are
            rows = event_rows(record)
            if writer is not None:
                writer.writerows(rows)
            n_events += len(rows)
            if issues is not None:
                issues.writelines(_issue_rows(record))
    return n_events
