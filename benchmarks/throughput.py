"""Corpus throughput and memory against the bare spaCy ``nlp.pipe`` ceiling, in one run.

Run by hand (no timing assertions live in the tests):

    .venv/bin/python benchmarks/throughput.py [--articles 2000] [--rss 1000 4000]
                                              [--dev ../shared/eval/dev]

It writes a corpus of seed-format files by repeating ``seeds/`` and the dev articles, then
prints, in one run:

1. tokens/s of bare ``nlp.pipe`` with the same model and the same enabled components (the
   ceiling: the model alone, texts already in memory);
2. tokens/s of the whole job - read the files, extract, build both graphs, write
   ``documents.jsonl``, ``events.csv`` and GraphML (``write_corpus(...)``,
   what ``diplomacy-nlp extract`` does) - with 1 process and with 2, and their ratios;
3. the peak RSS of the whole job (1 process, in a fresh child process) for two corpus sizes.

The corpus is cut into slices and the three timings alternate slice by slice; the machines
this project runs on change speed over minutes, and measuring one after the other would
charge that drift to whichever ran last.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

import diplomacy_nlp as dn
from diplomacy_nlp.corpus import write_corpus
from diplomacy_nlp.pipeline import DEFAULT_MODELS

ROOT = Path(__file__).resolve().parent.parent


def write_corpus_files(n: int, dev: Path, folder: Path, offset: int = 0) -> list[dn.Article]:
    """``n`` seed-format files in ``folder``, cycling over the seeds and the dev articles
    (starting ``offset`` articles into the cycle)."""
    base = list(dn.read_articles([ROOT / "seeds", *([dev] if dev.exists() else [])]))
    cycle = itertools.islice(itertools.cycle(base), offset, None)
    out = []
    for i, a in zip(range(n), cycle, strict=False):
        (folder / f"{offset + i:06d}.txt").write_text(
            f" date {a.date} {a.title}\n\n{a.text}\n", encoding="utf-8")
        out.append(a)
    return out


def job(folder: Path, n_process: int) -> float:
    """Seconds for the whole job on ``folder``."""
    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        write_corpus(folder, out, batch_size=64, n_process=n_process)
    return time.perf_counter() - t


def peak_rss_mb(n: int, dev: Path) -> float:
    """Peak RSS (MB) of a fresh process that runs the whole job on ``n`` articles."""
    code = f"""
import resource, sys, tempfile
from pathlib import Path
sys.path.insert(0, {str(ROOT / 'benchmarks')!r})
from throughput import write_corpus_files, job
with tempfile.TemporaryDirectory() as d:
    write_corpus_files({n}, Path({str(dev)!r}), Path(d))
    job(Path(d), 1)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    return float(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--slices", type=int, default=8,
                    help="the three measurements alternate slice by slice, so that the "
                         "machine's speed drifting during the run hits them alike")
    ap.add_argument("--rss", type=int, nargs=2, default=(1000, 4000), metavar=("SMALL", "BIG"))
    ap.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "eval" / "dev")
    args = ap.parse_args()
    bare = spacy.load(next(n for n in DEFAULT_MODELS if importlib.util.find_spec(n)))
    dn.load()  # the job's pipeline, loaded before the clock starts (as the command does)
    tokens = 0
    t_bare = t_one = t_two = 0.0
    size = -(-args.articles // args.slices)
    with tempfile.TemporaryDirectory() as d:
        for k in range(args.slices):
            folder = Path(d) / f"slice{k}"
            folder.mkdir()
            n = min(size, args.articles - k * size)
            texts = [a.text for a in write_corpus_files(n, args.dev, folder, offset=k * size)]
            if k == 0:
                list(bare.pipe(texts[:20]))  # warm up
            t = time.perf_counter()
            tokens += sum(len(doc) for doc in bare.pipe(texts, batch_size=64))
            t_bare += time.perf_counter() - t
            t_one += job(folder, 1)
            t_two += job(folder, 2)
    small, big = args.rss
    rss_small, rss_big = peak_rss_mb(small, args.dev), peak_rss_mb(big, args.dev)
    figures = {
        "articles": args.articles, "tokens": tokens, "components": bare.pipe_names,
        "ceiling_tokens_per_s": round(tokens / t_bare),
        "one_process_tokens_per_s": round(tokens / t_one),
        "two_processes_tokens_per_s": round(tokens / t_two),
        "one_process_ratio_to_ceiling": round(t_bare / t_one, 2),
        "two_processes_ratio_to_ceiling": round(t_bare / t_two, 2),
        "two_processes_speedup": round(t_one / t_two, 2),
        f"peak_rss_mb_{small}": round(rss_small), f"peak_rss_mb_{big}": round(rss_big),
        "rss_ratio": round(rss_big / rss_small, 3),
    }
    print(f"corpus: {args.articles} articles, {tokens} tokens; model components "
          f"{bare.pipe_names}")
    print(f"bare nlp.pipe (ceiling)      {tokens / t_bare:8.0f} tokens/s  ({t_bare:.1f} s)")
    print(f"whole job, 1 process         {tokens / t_one:8.0f} tokens/s  ({t_one:.1f} s)"
          f"  ratio to ceiling {t_bare / t_one:.2f}")
    print(f"whole job, 2 processes       {tokens / t_two:8.0f} tokens/s  ({t_two:.1f} s)"
          f"  ratio to ceiling {t_bare / t_two:.2f}, {t_one / t_two:.2f}x 1 process")
    print(f"peak RSS, whole job          {small} articles {rss_small:.0f} MB, {big} articles "
          f"{rss_big:.0f} MB, ratio {rss_big / rss_small:.3f}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
