"""Scan many strategies, in parallel worker processes, with results in input order.

A file that fails keeps its one-line reason; every other file is still scanned.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

from .api import Options
from .errors import RusauditError
from .extract import SUPPORTED


@dataclass
class Item:
    path: str
    report: object | None = None  # rusaudit.report.model.Report
    error: str | None = None  # one-line reason when the file could not be scanned
    cached: bool = False  # extraction came from the cache
    report_cached: bool = False  # the whole report came from the cache
    blame: str | None = None  # the file at fault when it is not the document (a rule file, settings)


# A folder's README or licence is about the folder, not a strategy: skipped unless named directly.
_NOT_STRATEGIES = ("readme", "license", "licence", "changelog", "contributing")


def _is_strategy_name(name: str) -> bool:
    low = name.lower()
    return low.endswith(SUPPORTED) and not low.startswith(_NOT_STRATEGIES) and not low.startswith(".")


def collect(paths: list[str], recursive: bool = False) -> list[str]:
    """Files named directly, and strategy files in the folders named (sorted; recursive on request)."""
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if recursive else []
                found += [os.path.join(root, f) for f in files if _is_strategy_name(f)]
            out += sorted(found)
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def _fold(text: str) -> str:
    """Lower-case ASCII words: "Västra_Götaland" -> "vastra gotaland"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", plain))


def region_from_filename(path: str) -> str | None:
    """The county code a file name points to: a leading code ("24-...") or a county name in it."""
    from .analyse.gazetteer import _bare_county, load_gazetteer

    stem = os.path.splitext(os.path.basename(path))[0]
    counties = load_gazetteer().counties
    m = re.match(r"(\d{2})(?!\d)", stem)
    if m and any(c.code == m.group(1) for c in counties):
        return m.group(1)
    words = f" {_fold(stem)} "
    hits = [
        (len(_fold(name)), c.code)
        for c in counties
        for name in (c.name, _bare_county(c.name), _bare_county(c.name) + "s")  # Dalarnas, Skånes
        if _fold(name) and f" {_fold(name)} " in words
    ]
    return max(hits)[1] if hits else None  # the longest name wins: "vastra gotaland" over "gotland"


def scan_one(path: str, options: Options, use_cache: bool) -> Item:
    """Scan one file in this process; never raises for a bad document."""
    from .cache import audit_cached

    try:
        got = audit_cached(path, options, use_cache)
        return Item(path, got.report, cached=got.extraction_cached, report_cached=got.report_cached)
    except RusauditError as err:
        return Item(path, error=err.message, blame=err.path if err.path not in (None, path) else None)
    except Exception as exc:  # one bad file must not stop or lose the others
        if os.environ.get("RUSAUDIT_DEBUG"):
            raise
        return Item(path, error=f"could not be processed ({type(exc).__name__}: {exc})")


def _context():
    # forkserver: workers fork from a clean single-threaded server, so no lock held by one of
    # our threads (progress bar, pyarrow's pool) is copied into them; about as fast as fork.
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    # The server imports the heavy modules once; every worker forks with them loaded.
    ctx.set_forkserver_preload(["rusaudit.batch", "rusaudit.cache", "rusaudit.warm"])
    return ctx


def start_server_early() -> None:
    """Start the fork server now (it imports spaCy and builds the analyzer, about a second)
    so that it is ready when the command has parsed its options and read its settings."""
    ctx = _context()
    if ctx.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


class Interrupted(Exception):
    """Ctrl-C during a batch: workers are stopped; `done` documents finished (and are cached)."""

    def __init__(self, done: int, total: int):
        super().__init__(f"interrupted after {done} of {total} documents")
        self.done, self.total = done, total


def _worker(conn) -> None:
    """A batch worker: scans the documents it is sent, one at a time, until told to stop."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if task is None:
            return
        i, path, options, use_cache, env, cwd = task
        _adopt(env, cwd)
        _reset_peak()
        item = scan_one(path, options, use_cache)
        try:
            conn.send((i, item))
        except Exception as exc:  # a report that cannot be sent back
            conn.send((i, Item(path, error=f"could not be processed ({type(exc).__name__}: {exc})")))


def _environment() -> tuple[dict[str, str], str]:
    """What a worker must share with the command: rusaudit's variables and the folder."""
    return {k: v for k, v in os.environ.items() if k.startswith("RUSAUDIT_")}, os.getcwd()


def _adopt(env: dict[str, str], cwd: str) -> None:
    """Take the command's variables and folder (the fork server kept those of its start)."""
    from .extract.limits import current

    for k in [k for k in os.environ if k.startswith("RUSAUDIT_")]:
        del os.environ[k]
    os.environ.update(env)
    os.chdir(cwd)
    current.cache_clear()


def _rss(pid: int) -> int:
    """Resident memory of a process in bytes (0 where /proc is not there)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _reset_peak() -> None:
    """Start this process's peak-memory count afresh, so that it measures one document."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
    except OSError:
        pass  # no /proc (or too old a kernel): only the periodic checks remain


def _peak(pid: int) -> int:
    """Peak resident memory of a process since its last reset, in bytes (0 where unknown)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


class _Slot:
    """One worker process and the document it is working on."""

    def __init__(self, ctx):
        parent, child = ctx.Pipe()
        self.conn = parent
        self.proc = ctx.Process(target=_worker, args=(child,), daemon=True)
        self.proc.start()
        child.close()
        self.task: int | None = None
        self.path = ""
        self.started = 0.0

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.proc.kill()
        self.proc.join(1 if kill else 5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(1)
        self.conn.close()
        self.task = None


def _died(slot: _Slot) -> str:
    code = slot.proc.exitcode
    if code is not None and code < 0:
        import signal

        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        how = f"killed by {name}" + (" (out of memory?)" if name == "SIGKILL" else "")
    else:
        how = f"exit code {code}"
    return f"could not be processed: the worker stopped ({how})"


def _second_press_exits() -> None:
    """After a first Ctrl-C, a second one leaves at once (exit 130), cleanup or not."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, lambda *_: os._exit(130))


def leave(code: int) -> None:
    """Exit now, skipping interpreter shutdown (after Ctrl-C: a second press must not meet a
    half-finalised interpreter, which restores the default handler and dies by the signal)."""
    import sys

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a closed pipe: nothing more to say
            pass
    os._exit(code)


def _run_pool(tasks: list[tuple[int, str, Options]], jobs: int, use_cache: bool, finish) -> None:
    """Scan `tasks` in worker processes, each document within its time and memory budget.

    A worker that dies or overruns fails its document alone: it is replaced and the rest
    go on. `finish(i, item)` is called as each document is done.
    """
    import time
    from collections import deque
    from multiprocessing.connection import wait

    from .extract.limits import ENV, current, human

    limits = current()
    over_time = (
        f"took longer than {limits.seconds_per_document} s and was stopped "
        f"(raise the limit with {ENV['seconds_per_document']} or [limits] seconds_per_document)"
    )
    over_memory = (
        f"needed more than {human(limits.memory_per_document)} of memory and was stopped "
        f"(raise the limit with {ENV['memory_per_document']} or [limits] memory_per_document)"
    )
    from .extract.ocr import OCR_JOBS_ENV, page_jobs

    ctx = _context()
    env, cwd = _environment()
    queue = deque(tasks)
    slots = [_Slot(ctx) for _ in range(min(jobs, len(tasks)))]
    env.setdefault(OCR_JOBS_ENV, str(page_jobs(len(slots))))  # the workers share the cores for OCR
    try:
        while queue or any(s.task is not None for s in slots):
            for n, s in enumerate(slots):
                if s.task is None and queue:
                    if not s.proc.is_alive():  # died between documents
                        s.stop(kill=True)
                        s = slots[n] = _Slot(ctx)
                    i, path, opt = queue.popleft()
                    s.task, s.path, s.started = i, path, time.monotonic()
                    s.conn.send((i, path, opt, use_cache, env, cwd))
            busy = [s for s in slots if s.task is not None]
            ready = set(wait([s.conn for s in busy] + [s.proc.sentinel for s in busy], timeout=0.2))
            now = time.monotonic()
            for n, s in enumerate(slots):
                if s.task is None:
                    continue
                item, broken = None, False
                if s.conn in ready or s.proc.sentinel in ready:
                    try:
                        if s.conn.poll():
                            _, item = s.conn.recv()
                    except (EOFError, OSError):
                        item = None
                    if item is None and not s.proc.is_alive():
                        item, broken = Item(s.path, error=_died(s)), True
                    elif item is not None and _peak(s.proc.pid) > limits.memory_per_document:
                        # finished between two checks, but over budget on the way: the same verdict
                        item, broken = Item(s.path, error=over_memory), True
                if item is None and now - s.started > limits.seconds_per_document:
                    item, broken = Item(s.path, error=over_time), True
                if item is None and _rss(s.proc.pid) > limits.memory_per_document:
                    item, broken = Item(s.path, error=over_memory), True
                if item is None:
                    continue
                i, s.task = s.task, None
                if broken:  # a dead or overrunning worker is replaced, never reused
                    s.stop(kill=True)
                    if queue:
                        slots[n] = _Slot(ctx)
                finish(i, item)
    except BaseException:
        _second_press_exits()
        for s in slots:
            if s.proc.is_alive():
                s.proc.kill()
        for s in slots:
            s.proc.join(1)
        raise
    for s in slots:
        if s.proc.is_alive():
            s.stop()


def scan_all(
    paths: list[str],
    options: Options = Options(),
    jobs: int = 1,
    use_cache: bool = True,
    regions: dict[str, str] | None = None,
    on_done: Callable[[Item], None] | None = None,
    isolate: bool = False,
) -> list[Item]:
    """Scan every path (with `jobs` worker processes); results come back in the order of `paths`.

    `regions` maps a path to the county code to use for it (else options.region / detection).
    With `isolate` (or `jobs` > 1) each document is scanned in a worker process within the
    time and memory budget of `extract.limits`. Ctrl-C raises `Interrupted`: documents
    already done stay in the cache, so a rerun resumes.
    """
    regions = regions or {}
    per_file = [replace(options, region=regions.get(p, options.region)) for p in paths]
    results: list[Item | None] = [None] * len(paths)

    def finish(i: int, item: Item) -> None:
        results[i] = item
        if on_done:
            on_done(item)

    try:
        if use_cache and (jobs > 1 or isolate):
            # Reports already in the cache are read here: no worker process is started for them.
            from .cache import cached_report

            for i, (p, opt) in enumerate(zip(paths, per_file, strict=True)):
                try:
                    report = cached_report(p, opt)
                except RusauditError:
                    report = None  # e.g. invalid user rules: the worker reports it per file
                if report is not None:
                    finish(i, Item(p, report, cached=True, report_cached=True))
        todo = [i for i, r in enumerate(results) if r is None]
        if todo and not isolate and (jobs <= 1 or len(todo) <= 1):
            for i in todo:
                finish(i, scan_one(paths[i], per_file[i], use_cache))
        elif todo:
            _run_pool([(i, paths[i], per_file[i]) for i in todo], jobs, use_cache, finish)
    except KeyboardInterrupt:
        _second_press_exits()
        raise Interrupted(sum(1 for r in results if r is not None), len(paths)) from None
    return results  # type: ignore[return-value]


def _safe_stem(path: str) -> str:
    from .safetext import terminal

    stem = terminal(os.path.splitext(os.path.basename(path))[0]).replace("\\", "_").strip()
    return stem.lstrip(".") or "document"


def report_names(paths: list[str]) -> dict[str, str]:
    """A unique file stem per path for its report files (unique ignoring case, too).

    A stem used twice gets its file type (`a.md`, `a.txt` -> `a`, `a-txt`), then a number;
    a name given once is never given again, so `a-2.md` cannot take another file's name.
    """
    out: dict[str, str] = {}
    taken: set[str] = set()
    for p in sorted(dict.fromkeys(paths)):
        stem = _safe_stem(p)
        ext = os.path.splitext(p)[1].lower().lstrip(".")
        candidates = [stem, f"{stem}-{ext}"] if ext else [stem]
        name = next((c for c in candidates if c.lower() not in taken), None)
        n = 2
        while name is None:
            if f"{stem}-{n}".lower() not in taken:
                name = f"{stem}-{n}"
            n += 1
        taken.add(name.lower())
        out[p] = name
    return out


def _round(v, digits: int = 1):
    from .numbers import round_half_up

    return None if v is None else round_half_up(v, digits)


def choose_per_county(docs: list[dict]) -> dict[str, dict]:
    """One strategy per county for the map: the highest territorial score, then overall, then path."""
    best: dict[str, dict] = {}
    for d in sorted(docs, key=lambda d: d["path"]):
        code = d["region"].get("code")
        if not code:
            continue
        key = (d["scores"].get("territorial") or -1.0, d["scores"].get("overall") or -1.0)
        cur = best.get(code)
        if cur is None or key > (cur["scores"].get("territorial") or -1.0, cur["scores"].get("overall") or -1.0):
            best[code] = d
    return best


def _strongest(report) -> dict | None:
    """The statement that names the most places: one sentence that shows how place-specific a strategy is."""
    from .report.summary import summarize

    best = summarize(report).strongest
    return {"page": best[0].page, "sentence": best[0].sentence, "match": best[0].match} if best else None


def comparison(items: list[Item], from_filename: set[str] | None = None, names: dict[str, str] | None = None) -> dict:
    """The batch summary written as comparison.json: deterministic, documents sorted by path."""
    from . import __version__
    from .report.model import SCHEMA_VERSION

    from_filename = from_filename or set()
    names = names or report_names([i.path for i in items])
    docs, errors = [], []
    score_keys: list[str] = []
    titles: dict[str, dict] = {}
    rules_versions = set()
    for item in sorted(items, key=lambda i: i.path):
        if item.report is None:
            errors.append({"path": item.path, "reason": item.error or "unknown error"})
            continue
        data = item.report.to_dict()
        rules_versions.add(data["rules_version"])
        for k in data["scores"]:
            if k not in score_keys:
                score_keys.append(k)
        indicators = {}
        for dim in data["dimensions"]:
            for ind in dim["indicators"]:
                titles.setdefault(ind["id"], ind["title"])
                indicators[ind["id"]] = _round(None if ind["score"] is None else 100 * ind["score"])
        region = data["region"]
        source = "filename" if item.path in from_filename else ("text" if region.get("detected") else "given")
        others = [p for p in data["places"] if not (p["kind"] == "county" and p["code"] == region.get("code"))]
        geo = next(
            (i for d in data["dimensions"] for i in d["indicators"] if i["id"].endswith("geography_types")), None
        )
        doc = {
            "path": item.path,
            "name": os.path.basename(item.path),
            "sha256": data["document"]["sha256"],
            "pages": data["document"]["pages"],
            "words": data["document"]["words"],
            "genre": data["document"].get("genre", "strategy"),
            "region": {
                "code": region.get("code"),
                "name": region.get("name"),
                "source": source if region.get("code") else None,
            },
            "scores": {k: _round(v) for k, v in data["scores"].items()},
            "indicators": indicators,
            "key_indicators": {
                "municipalities_named": data["coverage"]["municipalities_named"],
                "municipalities_total": data["coverage"]["municipalities_total"],
                "places_named": len(others),
                "place_mentions": sum(p["count"] for p in others),
                "geography_types": geo["value"] if geo else None,
                "maps": data["document"]["maps"],
            },
            "never_named": data["coverage"]["missing"],
            "strongest_statement": _strongest(item.report),
            "reports": {"json": f"reports/{names[item.path]}.json", "html": f"reports/{names[item.path]}.html"},
        }
        gm = data.get("geography_matrix")
        if isinstance(gm, dict):
            doc["geography_matrix"] = {
                "rows": gm.get("rows", []),
                "columns": gm.get("columns", []),
                "cells": [{k: v for k, v in c.items() if k != "evidence"} for c in gm.get("cells", [])],
                "blind": gm.get("blind", []),
            }
        docs.append(doc)
    ranked = sorted(docs, key=lambda d: (-(d["scores"].get("overall") or -1.0), d["path"]))
    for n, d in enumerate(ranked, start=1):
        d["rank"] = n
    chosen = choose_per_county(docs)
    counties = [
        {"code": code, "name": d["region"]["name"], "path": d["path"], "territorial": d["scores"].get("territorial")}
        for code, d in sorted(chosen.items())
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "tool_version": __version__,
        "rules_version": sorted(rules_versions)[0] if len(rules_versions) == 1 else sorted(rules_versions),
        "documents": docs,
        "errors": errors,
        "counties": counties,
        "county_choice": "highest territorial score, then highest overall score, then path",
        "score_keys": score_keys,
        "indicator_titles": titles,
    }
