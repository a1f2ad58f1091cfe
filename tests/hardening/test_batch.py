"""Batches survive: a dead or overrunning worker fails its document alone; Ctrl-C stops at once."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest
from harness import DOC, run
from pdfmaker import make_pdf

PLACES = "Umeå Skellefteå Lycksele Storuman Vindeln Sorsele Dorotea Vilhelmina Åsele Malå Norsjö Bjurholm".split()
VERBS = ["växer", "samverkar", "planerar", "bygger", "satsar", "utvecklas"]


def _page(doc: int, n: int) -> list[str]:
    """A page of sentences that differ from page to page (repeated lines are running text)."""

    def sentence(k: int) -> str:
        a, b = PLACES[(n + k + doc) % 12], PLACES[(3 * n + 7 * k) % 12]
        return f"{a} och {b} {VERBS[(n + k) % 6]} tillsammans med {PLACES[(5 * k + doc) % 12]}."

    return [f"# Del {doc}.{n}", *[sentence(k) for k in range(25)]]


@pytest.fixture(scope="module")
def big_pdf(tmp_path_factory):
    """A 600-page strategy: several seconds of work for one worker, however fast the machine."""
    folder = tmp_path_factory.mktemp("big")
    return make_pdf(folder / "a-stor.pdf", [_page(0, n) for n in range(600)])


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry))
    return out


def _workers(pid: int) -> list[int]:
    """The batch workers of a rusaudit process: children of its fork server."""
    return [w for server in _children(pid) for w in _children(server)]


def _start(args, cwd, cache):
    env = dict(os.environ, RUSAUDIT_CACHE_DIR=str(cache))
    return subprocess.Popen(
        [sys.executable, "-m", "rusaudit", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


@pytest.fixture(scope="module")
def four_pdfs(tmp_path_factory):
    """Four different 80-page strategies: a batch that takes a while."""
    folder = tmp_path_factory.mktemp("four")
    for i in range(4):
        make_pdf(folder / f"{i:02d}.pdf", [_page(i, n) for n in range(80)])
    return folder


def test_a_worker_killed_by_the_system_fails_its_document_alone(tmp_path, big_pdf):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-stor.pdf").write_bytes(big_pdf.read_bytes())
    (folder / "b.md").write_text(DOC, encoding="utf-8")
    (folder / "c.md").write_text(DOC + "\nVindeln.\n", encoding="utf-8")
    proc = _start(["compare", "in", "-o", "out", "-j", "1"], tmp_path, tmp_path / "c")
    deadline = time.monotonic() + 120
    while not _workers(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # the worker is on the first (big) document
    [worker] = _workers(proc.pid)
    os.kill(worker, signal.SIGKILL)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err
    assert "error: in/a-stor.pdf: could not be processed: the worker stopped (killed by SIGKILL" in err
    assert "2 av 3 dokument jämförda" in err  # before: BrokenProcessPool failed every pending document
    assert (tmp_path / "out/reports/b.html").is_file() and (tmp_path / "out/reports/c.html").is_file()


def test_a_document_over_its_time_budget_is_stopped_and_the_rest_compared(tmp_path, big_pdf, doc):
    (tmp_path / "a-stor.pdf").write_bytes(big_pdf.read_bytes())
    r = run(
        "compare", "a-stor.pdf", "rus.md", "-o", "out", "-j", "1",
        cwd=tmp_path, cache=tmp_path / "c", env={"RUSAUDIT_SECONDS_PER_DOCUMENT": "1"},
    )  # fmt: skip
    assert r.returncode == 1, r.stderr
    assert "error: a-stor.pdf: took longer than 1 s and was stopped (raise the limit with" in r.stderr
    assert "1 av 2 dokument jämförda" in r.stderr


def test_documents_over_the_memory_budget_fail_one_by_one(tmp_path, doc):
    (tmp_path / "b.md").write_text(DOC + "\nVindeln.\n", encoding="utf-8")
    r = run(
        "compare", "rus.md", "b.md", "-o", "out", "-j", "2",
        cwd=tmp_path, cache=tmp_path / "c", env={"RUSAUDIT_MEMORY_PER_DOCUMENT": "1MB"},
    )  # fmt: skip
    assert r.returncode == 1
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("error: ")]
    assert len(lines) == 2 and all("needed more than 1 MB of memory and was stopped" in ln for ln in lines)
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("presses", [1, 2])
def test_ctrl_c_stops_compare_at_once_and_a_rerun_resumes(tmp_path, four_pdfs, presses):
    import shutil

    shutil.copytree(four_pdfs, tmp_path / "in")
    cache = tmp_path / "c"
    proc = _start(["compare", "in", "-o", "out", "-j", "2"], tmp_path, cache)
    deadline = time.monotonic() + 180
    while not list(cache.glob("reports/*.json")) and time.monotonic() < deadline:
        time.sleep(0.1)  # at least one document done
    for _ in range(presses):
        os.killpg(proc.pid, signal.SIGINT)
        time.sleep(0.1)
    pressed = time.monotonic()
    out, err = proc.communicate(timeout=60)
    stopped_after = time.monotonic() - pressed
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    if presses == 1:
        assert len(lines) == 1 and lines[0].startswith("avbrutet: ") and "av 4 dokument klara" in lines[0]
    assert stopped_after < 10  # before: about 100 s on a cold compare (generous bound for a loaded machine)
    assert not (tmp_path / "out").exists()  # nothing half-written
    time.sleep(0.5)
    assert not _workers(proc.pid)
    done = len(list(cache.glob("reports/*.json")))
    assert done >= 1  # what was finished is in the cache
    if presses == 1:
        r = run("compare", "in", "-o", "out", "-j", "2", cwd=tmp_path, cache=cache, timeout=600)
        assert r.returncode == 0, r.stderr
        resumed = re.search(r"\((\d+) från cachen\)", r.stderr)
        assert resumed and int(resumed.group(1)) >= done  # the rerun resumes from what was finished
