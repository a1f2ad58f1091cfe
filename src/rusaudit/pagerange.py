"""Page ranges as users write them: `3-40`, `1,3,5-7`, `10-` (to the end), `-5`."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import RusauditError


class PageRangeError(RusauditError):
    """A page range that cannot be read."""


@dataclass(frozen=True)
class PageRange:
    """A set of 1-based page numbers given as closed intervals; `None` ends mean open."""

    spec: str
    intervals: tuple[tuple[int, int | None], ...]

    def __contains__(self, page: int) -> bool:
        return any(lo <= page and (hi is None or page <= hi) for lo, hi in self.intervals)

    def last(self) -> int | None:
        """The highest page asked for, or None when a range runs to the end."""
        ends = [hi for _, hi in self.intervals]
        return None if any(hi is None for hi in ends) else max(ends)


def parse_page_range(spec: str, option: str = "--pages") -> PageRange:
    """Read a page range; raise PageRangeError (one line naming the option) when it is malformed."""
    intervals: list[tuple[int, int | None]] = []
    text = spec.replace(" ", "")
    if not text:
        raise PageRangeError(f"{option}: empty page range")
    for part in text.split(","):
        lo_s, dash, hi_s = part.partition("-")
        try:
            lo = int(lo_s) if lo_s else 1
            hi = (int(hi_s) if hi_s else None) if dash else lo
        except ValueError:
            raise PageRangeError(f"{option}: '{part}' is not a page or a range like 3-40") from None
        if lo < 1 or (hi is not None and hi < lo):
            raise PageRangeError(f"{option}: '{part}' is not a valid range (pages count from 1)")
        intervals.append((lo, hi))
    return PageRange(spec, tuple(intervals))
