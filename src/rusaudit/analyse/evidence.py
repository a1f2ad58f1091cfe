"""Evidence: where a finding comes from, so a reader can check it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Evidence:
    page: int  # 1-based page of the source
    sentence: str
    match: str  # the words that matched
    rule: str  # rule id, or place:<id> for a place
    ocr_low_confidence: bool = False  # the page was read by OCR with low confidence: check the scan
