"""Build src/rusaudit/data/tatorter.csv from SCB's tätorter 2020 and mark the ambiguous names.

    python scripts/build_localities.py [--source scb-tatorter.csv] [--check-2018 scb-tatorter-2018.csv]

The source is the CC0 table described in src/rusaudit/data/README.md (SCB's 2020
delimitation, repackaged by borstell/swemapdata). The output keeps what the gazetteer
and the maps need: code, name, municipality code, population, SCB's point (SWEREF 99
TM metres) and `ambiguous`, the reasons (";"-separated) why a name needs evidence:

- `word`: the name, lower-cased, is a Swedish word form in spaCy's lookup lemma table
  (spacy-lookups-data): Ås, Backe, Hallen, Berg, Sand, Bro, Ed, Vik, Åsen ...
- `genitive`: the name + s is a Swedish word form (Bro -> bros), so a genitive match
  could be an ordinary word;
- `compound`: the name + a compound head the matcher reads (-bygden, -området ...) is
  a Swedish word form (Skog -> skogsbygden);
- `person`: a Swedish first name or surname (Faker's sv_SE lists, if installed);
- `shared`: more than one tätort has the name (Ekeby, Ryd, Husby ...): it counts only
  where the sentence says which one;
- `listed`: named in HAND below (ordinary words the lemma table lacks: Lit, Hova ...).

The run prints the ambiguous names and a cross-check against the 2018 table.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rusaudit.analyse.gazetteer import _locality_names  # noqa: E402
from rusaudit.analyse.places import COMPOUND_HEADS  # noqa: E402

OUT = ROOT / "src" / "rusaudit" / "data" / "tatorter.csv"
# Ordinary Swedish words and names the lemma table does not hold (checked by hand).
HAND = {
    "Lit": "lit (trust: sätta sin lit till)",
    "Hova": "hova (old: to court); Jehova",
    "Tuna": "tuna (fish; old word for an enclosure)",
    "Göta": "Göta älv, Göta kanal, Götaland",
    "Nyland": "Nyland, the Finnish region (Uusimaa)",
    "Boliden": "Boliden, the mining company",
}


def swedish_forms() -> set[str]:
    path = resources.files("spacy_lookups_data").joinpath("data/sv_lemma_lookup.json.gz")
    with path.open("rb") as fh:
        table = json.load(gzip.open(fh))
    return {w for w in (*table, *table.values()) if w.islower()}


def person_names() -> set[str]:
    try:
        from faker.providers.person.sv_SE import Provider
    except ImportError:
        print("faker not installed: first names and surnames are not checked", file=sys.stderr)
        return set()
    return {*Provider.first_names_male, *Provider.first_names_female, *Provider.last_names}


def names_of(row: dict) -> list[str]:
    """The written names of one tätort: both sides of 'Hemavan/Bierke', each part of 'A och B'."""
    return _locality_names(row["namn"])


def reasons(name: str, forms: set[str], persons: set[str], shared: bool) -> list[str]:
    low = name.lower()
    out = []
    if low in forms:
        out.append("word")
    if low + "s" in forms:
        out.append("genitive")
    if any(low + h in forms or low + "s" + h in forms for h in COMPOUND_HEADS):
        out.append("compound")
    if name in persons:
        out.append("person")
    if shared:
        out.append("shared")
    if name in HAND:
        out.append("listed")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", default=str(ROOT.parent / "shared" / "data" / "scb-tatorter.csv"))
    ap.add_argument("--check-2018", default=str(ROOT.parent / "shared" / "data" / "scb-tatorter-2018.csv"))
    ap.add_argument("--output", default=str(OUT))
    args = ap.parse_args(argv)
    rows = list(csv.DictReader(open(args.source, encoding="utf-8")))
    forms, persons = swedish_forms(), person_names()
    count = Counter(n for r in rows for n in names_of(r))
    out = []
    flagged: dict[str, list[str]] = {}
    for r in rows:
        why: list[str] = []
        for n in names_of(r):
            for w in reasons(n, forms, persons, count[n] > 1):
                if w not in why:
                    why.append(w)
            if why:
                flagged[n] = why
        out.append(
            [r["tatortskod"], r["namn"], r["kommunkod"], r["befolkning"], r["x_sweref99tm"], r["y_sweref99tm"]]
            + [";".join(why)]
        )
    with open(args.output, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["code", "name", "municipality", "population", "x", "y", "ambiguous"])
        w.writerows(out)
    print(f"{len(out)} tätorter, {len(flagged)} ambiguous names -> {args.output}")
    for reason in ("word", "genitive", "compound", "person", "shared", "listed"):
        names = sorted(n for n, why in flagged.items() if reason in why)
        print(f"  {reason} ({len(names)}): {', '.join(names)}")
    if args.check_2018 and Path(args.check_2018).exists():
        old = {(r["namn"], r["kommunkod"]) for r in csv.DictReader(open(args.check_2018, encoding="utf-8"))}
        new = {(r["namn"], r["kommunkod"]) for r in rows}
        print(f"2018 cross-check: {len(new & old)} in both, {len(new - old)} only 2020, {len(old - new)} only 2018")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
