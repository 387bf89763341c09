"""Throughput of the whole job against the bare spaCy ``nlp.pipe`` ceiling, in one run.

Run by hand (no timing assertions live in the tests):

    .venv/bin/python benchmarks/throughput.py [--articles 400] [--dev ../shared/eval/dev]

It builds a corpus by repeating ``seeds/`` and the dev articles, then times
(1) bare ``nlp.pipe`` of the same model with the model's own components only, and
(2) ``extract_corpus`` + ``build_graph`` + writing ``documents.jsonl`` and GraphML,
and prints tokens/s of both and their ratio.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import tempfile
import time
from pathlib import Path

import spacy

import diplomacy_nlp as dn
from diplomacy_nlp.pipeline import DEFAULT_MODELS

ROOT = Path(__file__).resolve().parent.parent


def corpus(n: int, dev: Path) -> list[dn.Article]:
    base = list(dn.read_articles([ROOT / "seeds", *([dev] if dev.exists() else [])]))
    return [dn.Article(id=f"{i}-{a.id}", text=a.text, date=a.date)
            for i, a in zip(range(n), itertools.cycle(base))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "eval" / "dev")
    args = ap.parse_args()
    arts = corpus(args.articles, args.dev)
    nlp = dn.load()
    bare = spacy.load(next(n for n in DEFAULT_MODELS if importlib.util.find_spec(n)))
    texts = [a.text for a in arts]
    list(bare.pipe(texts[:20]))  # warm up both
    list(dn.extract_corpus(arts[:20], nlp=nlp))

    t = time.perf_counter()
    tokens = sum(len(d) for d in bare.pipe(texts, batch_size=64))
    t_bare = time.perf_counter() - t

    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        results = list(dn.extract_corpus(arts, nlp=nlp, batch_size=64))
        dn.write_jsonl(results, Path(out) / "documents.jsonl")
        dn.write_graphml(dn.build_graph(results), Path(out) / "actors.graphml")
    t_ours = time.perf_counter() - t

    print(f"articles {len(arts)}, tokens {tokens}")
    print(f"bare nlp.pipe        {tokens / t_bare:10.0f} tokens/s  ({t_bare:.1f} s)")
    print(f"diplomacy_nlp (1 p)  {tokens / t_ours:10.0f} tokens/s  ({t_ours:.1f} s)")
    print(f"ratio to ceiling     {t_bare / t_ours:10.2f}")


if __name__ == "__main__":
    main()
