"""Settings and baselines that are deep, invalid, non-finite or huge: one line, exit 2."""

from __future__ import annotations

import pytest
from harness import one_line, run

TOML_CASES = {
    "deep": b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "deep tables": b"a = " + b"{b = " * 3000 + b"1" + b"}" * 3000 + b"\n",
    "not utf-8": "region = 'Västerbotten'\n".encode("latin-1"),
    "huge integer": b"tolerance = " + b"9" * 5000 + b"\n",
    "nan": b"tolerance = nan\n",
    "inf": b"[min_score]\noverall = inf\n",
    "bad limit": b"[limits]\nmax_bytes = 'lots'\n",
}


@pytest.mark.parametrize("case", TOML_CASES)
def test_a_broken_settings_file_is_one_line(tmp_path, doc, case):
    (tmp_path / ".git").mkdir()
    (tmp_path / "rusaudit.toml").write_bytes(TOML_CASES[case])
    r = run("check", "rus.md", cwd=tmp_path, cache=tmp_path / "c")
    assert r.returncode == 2
    assert one_line(r.stderr).startswith("error: rusaudit.toml: ")  # before: a traceback for the first four


BASELINE_CASES = {
    "deep": "[" * 100_000 + "]" * 100_000,
    "nan score": '{"rusaudit_baseline": 1, "documents": {"rus.md": {"scores": {"overall": NaN}}}}',
    "infinite score": '{"rusaudit_baseline": 1, "documents": {"rus.md": {"scores": {"overall": 1e999}}}}',
    "huge count": '{"rusaudit_baseline": 1, "documents": {"rus.md": {"scores": {}, "rules": {"x": '
    + "9" * 5000
    + "}}}}",
    "string score": '{"rusaudit_baseline": 1, "documents": {"rus.md": {"scores": {"overall": "bra"}}}}',
    "out of range": '{"rusaudit_baseline": 1, "documents": {"rus.md": {"scores": {"overall": 1000}}}}',
}


@pytest.mark.parametrize("case", BASELINE_CASES)
def test_a_broken_baseline_is_one_line(tmp_path, doc, case):
    (tmp_path / "base.json").write_text(BASELINE_CASES[case], encoding="utf-8")
    r = run("check", "rus.md", "--baseline", "base.json", cwd=tmp_path, cache=tmp_path / "c")
    assert r.returncode == 2
    line = one_line(r.stderr)  # before: tracebacks (deep, huge), or NaN accepted as a score
    assert line.startswith("error: base.json: ")
