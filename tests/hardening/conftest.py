"""Fixtures for the hardening tests (the helpers themselves are in harness.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import DOC


@pytest.fixture
def doc(tmp_path) -> Path:
    p = tmp_path / "rus.md"
    p.write_text(DOC, encoding="utf-8")
    return p
