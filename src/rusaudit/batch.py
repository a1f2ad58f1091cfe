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
        return Item(path, error=err.message)
    except Exception as exc:  # one bad file must not stop or lose the others
        if os.environ.get("RUSAUDIT_DEBUG"):
            raise
        return Item(path, error=f"could not be processed ({type(exc).__name__}: {exc})")


def _context():
    # forkserver: workers fork from a clean single-threaded server, so no lock held by one of
    # our threads (progress bar, pyarrow's pool) is copied into them; about as fast as fork.
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver") if "forkserver" in methods else None


def scan_all(
    paths: list[str],
    options: Options = Options(),
    jobs: int = 1,
    use_cache: bool = True,
    regions: dict[str, str] | None = None,
    on_done: Callable[[Item], None] | None = None,
) -> list[Item]:
    """Scan every path (with `jobs` worker processes); results come back in the order of `paths`.

    `regions` maps a path to the county code to use for it (else options.region / detection).
    """
    regions = regions or {}
    per_file = [replace(options, region=regions.get(p, options.region)) for p in paths]
    results: list[Item | None] = [None] * len(paths)
    if use_cache and jobs > 1:
        # Reports already in the cache are read here: no worker process is started for them.
        from .cache import cached_report

        for i, (p, opt) in enumerate(zip(paths, per_file, strict=True)):
            try:
                report = cached_report(p, opt)
            except RusauditError:
                report = None  # e.g. invalid user rules: the worker reports it per file
            if report is not None:
                results[i] = Item(p, report, cached=True, report_cached=True)
                if on_done:
                    on_done(results[i])
    todo = [i for i, r in enumerate(results) if r is None]
    if not todo:
        return results  # type: ignore[return-value]
    if jobs <= 1 or len(todo) <= 1:
        for i in todo:
            results[i] = scan_one(paths[i], per_file[i], use_cache)
            if on_done:
                on_done(results[i])
        return results  # type: ignore[return-value]

    from concurrent.futures import ProcessPoolExecutor, as_completed

    workers = min(jobs, len(todo))
    # No eager warm-up: a worker whose files all come from the report cache never needs the analyzer.
    with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
        futures = {pool.submit(scan_one, paths[i], per_file[i], use_cache): i for i in todo}
        for fut in as_completed(futures):
            i = futures[fut]
            try:
                results[i] = fut.result()
            except Exception as exc:  # a worker died (killed, out of memory): that file failed
                results[i] = Item(paths[i], error=f"could not be processed ({type(exc).__name__}: {exc})")
            if on_done:
                on_done(results[i])
    return results  # type: ignore[return-value]


def report_names(paths: list[str]) -> dict[str, str]:
    """A file stem per path for its report files; a stem used twice gets a number."""
    stems = [os.path.splitext(os.path.basename(p))[0] or "document" for p in paths]
    out: dict[str, str] = {}
    seen: dict[str, int] = {}
    for p, stem in zip(paths, stems, strict=True):
        n = seen.get(stem.lower(), 0)
        seen[stem.lower()] = n + 1
        out[p] = stem if n == 0 else f"{stem}-{n + 1}"
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
