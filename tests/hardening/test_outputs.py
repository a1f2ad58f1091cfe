"""Outputs are whole or absent, follow the umask, and `-o` mistakes are one line."""

from __future__ import annotations

import json
import os
import stat

import pytest
from harness import DOC, one_line, run

from rusaudit.output import OutputError, write_atomic


@pytest.fixture
def umask_002():
    old = os.umask(0o002)
    yield
    os.umask(old)


def _mode(p) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


def test_new_files_follow_the_umask_and_a_replaced_file_keeps_its_mode(tmp_path, umask_002):
    fresh, kept = tmp_path / "ny.json", tmp_path / "gammal.json"
    write_atomic(str(fresh), "{}")
    assert _mode(fresh) == 0o664  # before: 0600 whatever the umask
    kept.write_text("{}", encoding="utf-8")
    os.chmod(kept, 0o640)
    write_atomic(str(kept), "[]")
    assert _mode(kept) == 0o640 and kept.read_text(encoding="utf-8") == "[]"


def test_compare_outputs_follow_the_umask(tmp_path, doc):
    r = run("compare", "rus.md", "-o", "out", cwd=tmp_path, cache=tmp_path / "c", env={})
    assert r.returncode == 0, r.stderr
    mask = os.umask(0)
    os.umask(mask)
    for p in [tmp_path / "out/comparison.json", tmp_path / "out/reports/rus.html"]:
        assert _mode(p) == 0o666 & ~mask
    assert _mode(tmp_path / "out") == 0o777 & ~mask


@pytest.mark.parametrize(
    "target, reason",
    [
        ("folder", "cannot write: it is a folder (give a file name)"),
        ("blocker/rapport.json", "cannot write: a file stands where a folder belongs on this path"),
    ],
)
def test_scan_output_mistakes_are_one_line(tmp_path, doc, target, reason):
    (tmp_path / "folder").mkdir()
    (tmp_path / "blocker").write_text("x", encoding="utf-8")
    r = run("scan", "rus.md", "-f", "json", "-o", target, cwd=tmp_path, cache=tmp_path / "c")
    assert r.returncode == 2
    assert one_line(r.stderr).endswith(reason)


def test_compare_output_mistakes_are_one_line(tmp_path, doc):
    (tmp_path / "blocker").write_text("x", encoding="utf-8")
    r = run("compare", "rus.md", "-o", "blocker", cwd=tmp_path, cache=tmp_path / "c")
    assert r.returncode == 2 and "--output must be a folder" in one_line(r.stderr)
    r = run("compare", "rus.md", "-o", "blocker/out", cwd=tmp_path, cache=tmp_path / "c")
    assert r.returncode == 2
    assert one_line(r.stderr).endswith("a file stands where a folder belongs on this path")


def test_write_atomic_failures_are_output_errors(tmp_path):
    (tmp_path / "blocker").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError) as err:
        write_atomic(str(tmp_path / "blocker" / "a.json"), "{}")
    assert err.value.exit_code == 2 and isinstance(err.value, OSError)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".rusaudit-")]


def test_report_names_never_collide_and_links_match(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    bodies = {
        "a.md": DOC,
        "a.txt": DOC + "\nLycksele.\n",
        "a-2.md": DOC + "\nVindeln.\n",
        "n#1?%.md": DOC + "\nSorsele.\n",
    }
    for name, text in bodies.items():
        (folder / name).write_text(text, encoding="utf-8")
    r = run("compare", "in", "-o", "out", cwd=tmp_path, cache=tmp_path / "c")
    assert r.returncode == 0, r.stderr
    out = tmp_path / "out"
    data = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    assert len(data["documents"]) == 4
    links = {d["path"]: d["reports"] for d in data["documents"]}
    assert len({v["json"] for v in links.values()}) == 4  # before: a.txt and a-2.md shared a-2.json
    for path, rep in links.items():
        report = json.loads((out / rep["json"]).read_text(encoding="utf-8"))
        assert report["document"]["path"] == path  # each link leads to its own document's report
        assert (out / rep["html"]).is_file()
    html = (out / "comparison.html").read_text(encoding="utf-8")
    assert 'href="reports/n%231%3F%25.html"' in html  # before: the # and ? cut the link


def test_scan_of_two_files_with_one_stem_keeps_both(tmp_path):
    (tmp_path / "a.md").write_text(DOC, encoding="utf-8")
    (tmp_path / "a.txt").write_text(DOC, encoding="utf-8")
    r = run("scan", "a.md", "a.txt", "-f", "json", "-o", "dir/", cwd=tmp_path, cache=tmp_path / "c")
    assert r.returncode == 0, r.stderr
    got = {
        p.name: json.loads(p.read_text(encoding="utf-8"))["document"]["format"] for p in (tmp_path / "dir").iterdir()
    }
    assert got == {"a.json": "md", "a-txt.json": "txt"}  # before: one report of two


def test_a_failure_half_way_leaves_the_previous_comparison_whole(tmp_path, doc, monkeypatch):
    from typer.testing import CliRunner

    import rusaudit.report.html as html
    from rusaudit.cli import app

    monkeypatch.setenv("RUSAUDIT_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b.md").write_text(DOC + "\nVindeln.\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["compare", "rus.md", "b.md", "-o", "out"]).exit_code == 0
    before = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    (tmp_path / "c.md").write_text(DOC + "\nSorsele.\n", encoding="utf-8")
    calls = []
    real = html.render

    def failing(report, lang="sv"):
        calls.append(report)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(report, lang)

    monkeypatch.setattr(html, "render", failing)
    r = runner.invoke(app, ["compare", "rus.md", "c.md", "-o", "out"])
    assert r.exit_code == 2 and "No space left on device" in r.stderr
    after = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert after == before  # before: half old, half new
