"""Benchmark place matching: the full gazetteer against one without SCB's tätorter, same run.

    python bench/bench_places.py [--repeat 7]

Tokenises the corpus sources once (spaCy, as a scan does), then times
`PlaceMatcher.find` over every sentence with (a) the bundled gazetteer (2,017 SCB
tätorter, infrastructure, EU regions, foreign places) and (b) the same gazetteer with
the SCB localities removed, about the size rusaudit had before them. Each round starts
with a cold word cache, as one scan does. Prints the best time of each and the ratio;
the gazetteer's load time is printed too (it is paid once per process).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sentences() -> list[list]:
    from rusaudit.analyse.pipeline import nlp
    from rusaudit.analyse.places import Tok

    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "src").glob("*.md")))
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", re.sub(r"<!--.*?-->|[#*>`_]", " ", text))]
    out = []
    for doc in nlp().pipe(p for p in paras if p):
        for s in doc.sents:
            out.append([Tok(t.text, t.idx, t.idx + len(t.text)) for t in s if not t.is_space])
    return out


def without_localities(gz):
    from rusaudit.analyse.gazetteer import LOCALITIES_SOURCE, Gazetteer

    small = Gazetteer()
    small.places = {k: p for k, p in gz.places.items() if p.source != LOCALITIES_SOURCE}
    small.forms = {k: [p for p in b if p.source != LOCALITIES_SOURCE] for k, b in gz.forms.items()}
    small.forms = {k: b for k, b in small.forms.items() if b}
    small.lower_first = set(gz.lower_first)
    return small


def best_of(gz, sents, repeat: int) -> tuple[float, int]:
    from rusaudit.analyse.places import PlaceMatcher

    best, found = float("inf"), 0
    for _ in range(repeat):
        matcher = PlaceMatcher(gz)
        t = time.perf_counter()
        found = sum(len(matcher.find(toks)) for toks in sents)
        best = min(best, time.perf_counter() - t)
    return best, found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    from rusaudit.analyse.gazetteer import load_gazetteer

    t = time.perf_counter()
    full = load_gazetteer()
    load = time.perf_counter() - t
    small = without_localities(full)
    sents = sentences()
    words = sum(len(s) for s in sents)
    t_small, n_small = best_of(small, sents, args.repeat)
    t_full, n_full = best_of(full, sents, args.repeat)
    print(f"{len(sents)} sentences, {words} tokens; gazetteer load {load:.2f} s")
    print(f"without SCB tätorter: {len(small.forms):5d} forms, {n_small} places, {t_small * 1000:7.1f} ms")
    print(f"full gazetteer:       {len(full.forms):5d} forms, {n_full} places, {t_full * 1000:7.1f} ms")
    print(f"ratio full / without: {t_full / t_small:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
