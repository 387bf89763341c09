"""A corpus run's progress on disk, so that a killed run loses nothing and can be resumed.

While ``write_corpus`` runs, the output folder holds two partial files:

- ``documents.partial.tsv``: one line per processed article, appended as results arrive:
  ``<content hash> TAB <ok|failed> TAB <documents.jsonl record>``. A run killed mid-write
  leaves at most one torn last line, which resuming drops.
- ``run.partial.json``: the settings that produced it (package version, model name, version
  and components, the user's actor dictionary, ``--date``); resuming with other settings is
  refused, because the results would mix two configurations.

An article's content hash covers its id, text, date, title, source and reading issues, so a
changed file is processed again. Resuming reuses the records of articles that did not fail;
failed ones are retried. Both files are removed once the final outputs are written.

Example
-------
>>> import tempfile
>>> p = Progress.start(tempfile.mkdtemp(), {"model": "x"})
>>> off = p.append("h1", True, '{"id": "a"}')
>>> p.flush(); p.record(off)
'{"id": "a"}'
>>> p.remove()
"""

from __future__ import annotations

import hashlib
import json
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .errors import DiplomacyNLPError
from .export import atomic_writer
from .types import Article

PROGRESS = "documents.partial.tsv"
SETTINGS = "run.partial.json"


def content_hash(article: Article) -> str:
    """A short hash of everything an article's result depends on.

    Example
    -------
    >>> content_hash(Article(id="a", text="x")) == content_hash(Article(id="a", text="y"))
    False
    """
    key = json.dumps([article.id, article.text, article.date, article.title, article.source,
                      [[e.code, e.message] for e in article.errors]], ensure_ascii=False)
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class Progress:
    """The partial files of one run: an append-only record log, and the order of the records
    that make up the final ``documents.jsonl`` (byte offsets into the log)."""

    def __init__(self, out: Path, reusable: dict[str, int]) -> None:
        self.path = out / PROGRESS
        self.settings = out / SETTINGS
        self.reusable = reusable
        self.order = array("q")
        self._append: IO[bytes] = open(self.path, "ab")  # noqa: SIM115  (closed in close())
        self._read: IO[bytes] = open(self.path, "rb")  # noqa: SIM115

    @classmethod
    def start(cls, out: str | Path, settings: dict[str, Any]) -> Progress:
        """Start a new run in ``out``, discarding any earlier progress."""
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        with atomic_writer(out / SETTINGS) as f:
            json.dump(settings, f, sort_keys=True)
        (out / PROGRESS).write_bytes(b"")
        return cls(out, {})

    @classmethod
    def resume(cls, out: str | Path, settings: dict[str, Any]) -> Progress:
        """Continue the run whose progress is in ``out`` (a new run when there is none).

        Raises
        ------
        DiplomacyNLPError
            When the progress was made with other settings.
        """
        out = Path(out)
        if not (out / SETTINGS).exists() or not (out / PROGRESS).exists():
            return cls.start(out, settings)
        try:
            earlier = json.loads((out / SETTINGS).read_text(encoding="utf-8"))
        except ValueError:
            earlier = None
        if earlier != settings:
            raise DiplomacyNLPError(
                f"{out / SETTINGS}: the progress in {out} was made with other settings "
                f"({_difference(earlier, settings)}); run again with the same settings, or "
                "without --resume to start over")
        return cls(out, _index(out / PROGRESS))

    @staticmethod
    def exists(out: str | Path) -> bool:
        """Whether ``out`` holds the progress of an unfinished run."""
        return (Path(out) / PROGRESS).exists()

    def append(self, digest: str, ok: bool, record: str) -> int:
        """Log one record; returns its offset (also put in ``order``)."""
        offset = self._append.tell()
        self._append.write(f"{digest}\t{'ok' if ok else 'failed'}\t{record}\n".encode())
        self.order.append(offset)
        return offset

    def reuse(self, offset: int) -> str:
        """Put an earlier run's record in ``order``; returns it."""
        self.order.append(offset)
        return self.record(offset)

    def record(self, offset: int) -> str:
        """The record logged at ``offset``."""
        self._read.seek(offset)
        return self._read.readline().decode().split("\t", 2)[2].rstrip("\n")

    def records(self) -> Iterator[str]:
        """The records of the final output, in input order."""
        self.flush()
        for offset in self.order:
            yield self.record(offset)

    def flush(self) -> None:
        """Push logged records to the operating system (they survive the process)."""
        self._append.flush()

    def close(self) -> None:
        self._append.close()
        self._read.close()

    def remove(self) -> None:
        """Delete the partial files (the run is complete)."""
        self.close()
        self.path.unlink(missing_ok=True)
        self.settings.unlink(missing_ok=True)


def _index(path: Path) -> dict[str, int]:
    """Offsets of the reusable records (``ok``) of a log, by content hash; a torn last line
    (the run was killed while writing it) is cut off."""
    reusable: dict[str, int] = {}
    end = 0
    with open(path, "r+b") as f:
        for line in f:
            fields = line.split(b"\t", 2)
            if not line.endswith(b"\n") or len(fields) < 3:
                break
            if fields[1] == b"ok":
                reusable[fields[0].decode()] = end
            end += len(line)
        f.truncate(end)
    return reusable


def _difference(earlier: Any, now: dict[str, Any]) -> str:
    if not isinstance(earlier, dict):
        return f"{SETTINGS} is unreadable"
    keys = sorted(k for k in set(earlier) | set(now) if earlier.get(k) != now.get(k))
    return "; ".join(f"{k}: {earlier.get(k)!r} then, {now.get(k)!r} now" for k in keys)
