"""What a user leaves out of an audit, and the record of it in the report.

Three ways, each listed in the report's `excluded` with its reason:
- pages: `--pages 3-40` keeps only those pages; `exclude_pages` (configuration) drops some;
- sections: `exclude_sections` drops every section whose heading starts with one of the
  given titles (any case), down to the next heading of the same or a higher level
  (appendices, reference lists);
- inline suppression: `<!-- rusaudit-disable RULE-ID -->` … `<!-- rusaudit-enable -->` in
  Markdown (hidden text or a comment in Word) silences the named rules (all rules without
  an id) in the text between; the extractors turn the markers into `directive` blocks.

Page numbers are never renumbered: evidence keeps pointing at the source's pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..extract.model import Block, Document, Page
from ..pagerange import PageRange, parse_page_range

DIRECTIVE = "directive"
_DIRECTIVE = re.compile(r"^\s*rusaudit-(disable|enable)\b\s*([^\s].*?)?\s*$", re.IGNORECASE)
_IDS = re.compile(r"[\s,]+")


def directive(text: str) -> tuple[str, tuple[str, ...]] | None:
    """("disable"|"enable", rule ids) for a marker's text, or None when it is not one."""
    m = _DIRECTIVE.match(text)
    if not m:
        return None
    ids = tuple(i for i in _IDS.split(m.group(2) or "") if i)
    return m.group(1).lower(), ids


@dataclass
class Suppressed:
    """Blocks (page number, index among the page's blocks after exclusion) silenced per rule."""

    blocks: dict[tuple[int, int], tuple[str, ...]] = field(default_factory=dict)  # () = every rule
    markers: list[dict] = field(default_factory=list)


def apply(
    doc: Document,
    pages: str | None = None,
    exclude_pages: str | None = None,
    exclude_sections: tuple[str, ...] = (),
    source: str = "rusaudit.toml",
) -> tuple[Document, list[dict], Suppressed]:
    """The document without what is excluded, the record of it, and the suppressed blocks."""
    excluded: list[dict] = []
    kept: list[Page] = list(doc.pages)
    if pages:
        keep: PageRange = parse_page_range(pages, "--pages")
        dropped = [p.number for p in kept if p.number not in keep]
        kept = [p for p in kept if p.number in keep]
        if dropped:
            excluded.append({"kind": "pages", "pages": dropped, "reason": f"--pages {pages}"})
    if exclude_pages:
        drop = parse_page_range(exclude_pages, "exclude_pages")
        dropped = [p.number for p in kept if p.number in drop]
        kept = [p for p in kept if p.number not in drop]
        if dropped:
            excluded.append({"kind": "pages", "pages": dropped, "reason": f"exclude_pages = {exclude_pages!r}"})
    if exclude_sections:
        kept, sections = _drop_sections(kept, exclude_sections)
        excluded += sections
    kept, suppressed = _directives(kept)
    return replace(doc, pages=kept), excluded, suppressed


def _drop_sections(pages: list[Page], titles: tuple[str, ...]) -> tuple[list[Page], list[dict]]:
    wanted = [t.strip().lower() for t in titles if t.strip()]
    out: list[Page] = []
    record: list[dict] = []
    inside: tuple[int, dict] | None = None  # (heading level, record entry)
    for page in pages:
        blocks: list[Block] = []
        for b in page.blocks:
            if b.kind == "heading":
                if inside and b.level <= inside[0]:
                    inside = None
                match = next((t for t in wanted if b.text.strip().lower().startswith(t)), None)
                if inside is None and match is not None:
                    entry = {
                        "kind": "section",
                        "title": b.text,
                        "pages": [],
                        "reason": f"exclude_sections: {titles[wanted.index(match)]!r}",
                    }
                    record.append(entry)
                    inside = (max(b.level, 1), entry)
            if inside:
                if page.number not in inside[1]["pages"]:
                    inside[1]["pages"].append(page.number)
                continue
            blocks.append(b)
        if blocks or not inside:
            figures = page.figures if not inside or blocks else []
            out.append(replace(page, blocks=blocks, figures=figures))
    return out, record


def _directives(pages: list[Page]) -> tuple[list[Page], Suppressed]:
    sup = Suppressed()
    active: tuple[str, ...] | None = None  # None = nothing silenced; () = every rule
    for i, page in enumerate(pages):
        blocks: list[Block] = []
        for b in page.blocks:
            if b.kind == DIRECTIVE:
                parsed = directive(b.text)
                if parsed is None:
                    continue
                verb, ids = parsed
                if verb == "disable":
                    active = ids if active is None or not ids or not active else tuple(dict.fromkeys(active + ids))
                    sup.markers.append({"page": page.number, "rules": list(ids)})
                elif not ids or active is None or not active:
                    active = None
                else:
                    rest = tuple(r for r in active if r not in ids)
                    active = rest or None
                continue
            if active is not None:
                sup.blocks[(page.number, len(blocks))] = active
            blocks.append(b)
        pages[i] = replace(page, blocks=blocks)
    return pages, sup


def silence(analysis, suppressed: Suppressed) -> list[dict]:
    """Drop rule matches inside suppressed blocks; the silenced findings, as `excluded` entries.

    Sentences come in block order and each is a piece of its block's text, so one walk
    over both finds every sentence's block.
    """
    if not suppressed.blocks:
        return []
    blocks = [(p.number, i, b) for p in analysis.document.pages for i, b in enumerate(p.blocks)]
    silenced: list[dict] = []
    k, cursor = 0, 0
    for s in analysis.sentences:
        while k < len(blocks):
            number, _, block = blocks[k]
            at = block.text.find(s.text, cursor) if number == s.page else -1
            if at >= 0:
                cursor = at + len(s.text)
                break
            k, cursor = k + 1, 0
        if k >= len(blocks):
            break
        rules = suppressed.blocks.get((blocks[k][0], blocks[k][1]))
        if rules is None or not s.matches:
            continue
        keep = []
        for m in s.matches:
            if not rules or m.rule in rules:
                reason = "rusaudit-disable" + (f" {' '.join(rules)}" if rules else "")
                silenced.append(
                    {"kind": "finding", "rule": m.rule, "pages": [s.page], "sentence": s.text, "reason": reason}
                )
            else:
                keep.append(m)
        s.matches = keep
    seen: set[tuple] = set()
    unique = []
    for f in silenced:
        key = (f["rule"], f["pages"][0], f["sentence"])
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique
