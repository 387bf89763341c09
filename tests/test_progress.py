"""Long runs keep their progress: a killed or interrupted run leaves no half-written output,
and ``--resume`` finishes it with the outputs of an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bad_input import BODY, GOOD
from conftest import ROOT, SEED

from diplomacy_nlp.cli import main
from diplomacy_nlp.progress import PROGRESS, SETTINGS

FINAL = ("actors.graphml", "documents.jsonl", "events.csv", "relations.graphml")
PEOPLE = ["Martin Vizcarra", "Emmanuel Macron", "Olaf Scholz", "Cyril Ramaphosa",
          "Jacinda Ardern"]
COUNTRIES = ["Peru", "France", "Germany", "South Africa", "New Zealand", "Kenya", "Chile"]


def _corpus(root: Path, n: int = 60) -> Path:
    root.mkdir(parents=True)
    for i in range(n):
        who, where = PEOPLE[i % len(PEOPLE)], COUNTRIES[(i * 3) % len(COUNTRIES)]
        (root / f"{i:03d}.txt").write_text(
            f" date 2021-03-{1 + i % 28:02d} Story {i}\n\n{who} thanked {where} on Tuesday for "
            f"its support, and {where} praised China. {BODY}")
    return root


def _command(*args: str) -> list[str]:
    return [str(Path(sys.executable).with_name("diplomacy-nlp")), *args]


def _stop_midway(args: list[str], out: Path, sig: int,
                 lines: int = 5) -> subprocess.CompletedProcess:
    """Run the command and send ``sig`` once ``lines`` articles are in the progress log."""
    with subprocess.Popen(_command(*args), cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True) as proc:
        deadline = time.monotonic() + 120
        log = out / PROGRESS
        while time.monotonic() < deadline and proc.poll() is None:
            if log.exists() and log.read_bytes().count(b"\n") >= lines:
                proc.send_signal(sig)
                break
            time.sleep(0.01)
        stdout, stderr = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


def _finals(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in FINAL if (out / name).exists()}


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    root = tmp_path_factory.mktemp("resume")
    corpus = _corpus(root / "corpus")
    out = root / "reference"
    assert main(["extract", str(corpus), "--out", str(out), "--quiet", "--batch-size", "1"]) == 0
    return corpus, _finals(out)


def test_sigkill_leaves_earlier_outputs_and_resume_finishes_the_run(uninterrupted, tmp_path):
    corpus, reference = uninterrupted
    out = tmp_path / "out"
    assert main(["extract", str(SEED), "--out", str(out), "--quiet"]) == 0
    earlier = _finals(out)
    args = ["extract", str(corpus), "--out", str(out), "--quiet", "--batch-size", "1"]
    killed = _stop_midway(args, out, signal.SIGKILL)
    assert killed.returncode == -signal.SIGKILL
    # final names hold the earlier run's complete files; the progress is there
    assert _finals(out) == earlier
    done = (out / PROGRESS).read_bytes().count(b"\n")
    assert 5 <= done < 60
    resumed = subprocess.run(_command(*args, "--resume"), cwd=ROOT, capture_output=True,
                             text=True)
    assert resumed.returncode == 0, resumed.stderr
    reused = int(resumed.stdout.split("(")[1].split()[0])
    assert resumed.stdout.startswith("60 articles read (") and done <= reused + 1
    assert _finals(out) == reference
    assert sorted(p.name for p in out.iterdir()) == sorted(FINAL)


def test_ctrl_c_exits_130_and_resume_finishes_the_run(uninterrupted, tmp_path):
    corpus, reference = uninterrupted
    out = tmp_path / "out"
    args = ["extract", str(corpus), "--out", str(out), "--quiet", "--batch-size", "1",
            "--jobs", "2"]
    stopped = _stop_midway(args, out, signal.SIGINT)
    assert stopped.returncode == 130, stopped.stderr
    assert stopped.stderr.strip().endswith("run the same command with --resume to continue")
    assert "Traceback" not in stopped.stderr
    assert _finals(out) == {}
    resumed = subprocess.run(_command(*args, "--resume"), cwd=ROOT, capture_output=True,
                             text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert _finals(out) == reference


def test_sigterm_exits_143_with_progress_kept(uninterrupted, tmp_path):
    corpus, _ = uninterrupted
    out = tmp_path / "out"
    args = ["extract", str(corpus), "--out", str(out), "--quiet", "--batch-size", "1"]
    stopped = _stop_midway(args, out, signal.SIGTERM)
    assert stopped.returncode == 143, stopped.stderr
    assert (out / PROGRESS).exists() and (out / SETTINGS).exists() and _finals(out) == {}


def test_fail_fast_stops_and_resume_retries_the_fixed_article(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD)
    (corpus / "b.txt").write_text("   ")
    (corpus / "c.txt").write_text(SEED.read_text())
    out, errors = tmp_path / "out", tmp_path / "errors.jsonl"
    args = ["extract", str(corpus), "--out", str(out), "--quiet", "--batch-size", "1",
            "--errors", str(errors)]
    assert main([*args, "--fail-fast"]) == 1
    err = capsys.readouterr().err
    assert "stopped at the first failure (--fail-fast): empty: " in err
    assert [json.loads(x)["id"] for x in errors.read_text().splitlines()] == ["b"]
    assert _finals(out) == {}
    log = (out / PROGRESS).read_text().splitlines()
    assert [line.split("\t")[1] for line in log] == ["ok", "failed"]  # c was never started
    (corpus / "b.txt").write_text("Peru thanked China.")
    assert main([*args, "--resume"]) == 0
    assert "3 articles read (1 done by the earlier run), 0 failed" in capsys.readouterr().out
    fresh = tmp_path / "fresh"
    assert main(["extract", str(corpus), "--out", str(fresh), "--quiet"]) == 0
    assert _finals(out) == _finals(fresh)
    assert errors.read_text() == ""


def test_resume_refuses_other_settings(tmp_path, capsys):
    corpus = _corpus(tmp_path / "corpus", n=3)
    out = tmp_path / "out"
    (out).mkdir()
    (out / PROGRESS).write_text("")
    (out / SETTINGS).write_text(json.dumps({"model": "another"}))
    assert main(["extract", str(corpus), "--out", str(out), "--resume", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "was made with other settings" in err and "'another' then" in err
    assert main(["extract", str(corpus), "--out", str(out), "--quiet"]) == 0
    assert "holds an unfinished run; starting over" in capsys.readouterr().err
    assert not (out / PROGRESS).exists()


def test_a_torn_last_line_is_dropped_on_resume(uninterrupted, tmp_path):
    corpus, reference = uninterrupted
    out = tmp_path / "out"
    args = ["extract", str(corpus), "--out", str(out), "--quiet", "--batch-size", "1"]
    killed = _stop_midway(args, out, signal.SIGKILL, lines=3)
    assert killed.returncode == -signal.SIGKILL
    with open(out / PROGRESS, "ab") as f:
        f.write(b'0123abcd\tok\t{"id": "half a rec')  # what a kill during a write leaves
    assert main([*args, "--resume"]) == 0
    assert _finals(out) == reference
    assert os.listdir(out) and not (out / PROGRESS).exists()


def test_temporary_files_of_a_killed_write_are_cleared(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".documents.jsonl.abc123.partial").write_text('{"id": "half')
    (out / "notes.partial").write_text("not ours")
    assert main(["extract", str(SEED), "--out", str(out), "--quiet"]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted([*FINAL, "notes.partial"])
