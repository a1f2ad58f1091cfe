"""Inputs are bounded: only regular files are read, and each limit is checked before reading."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from docx import Document as WordDocument
from harness import DOC, one_line, run
from pdfmaker import make_pdf

from rusaudit.errors import InputError
from rusaudit.extract import limits, load_document


@pytest.fixture(autouse=True)
def fresh_limits(monkeypatch):
    """Limits are read once per process: forget them around each test."""
    for var in limits.ENV.values():
        monkeypatch.delenv(var, raising=False)
    limits.current.cache_clear()
    yield
    limits.current.cache_clear()


def _refused(path, env: dict | None = None, monkeypatch=None) -> str:
    for k, v in (env or {}).items():
        monkeypatch.setenv(k, v)
    limits.current.cache_clear()
    with pytest.raises(InputError) as err:
        load_document(str(path))
    line = err.value.line()
    assert "\n" not in line
    return line


def _docx_bytes(paragraphs: int = 1, extra: dict | None = None) -> bytes:
    d = WordDocument()
    d.add_paragraph("Umeå och Skellefteå ska växa i Västerbotten.")
    buf = io.BytesIO()
    d.save(buf)
    if paragraphs <= 1 and not extra:
        return buf.getvalue()
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml" and paragraphs > 1:
                data = data.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * paragraphs, 1)
            z.writestr(info, data)
        for name, size in (extra or {}).items():
            with z.open(name, "w") as fh:
                for _ in range(size >> 20):
                    fh.write(b"\0" * (1 << 20))
    return out.getvalue()


def test_a_fifo_is_refused_at_once_in_one_line(tmp_path):
    fifo = tmp_path / "x.pdf"
    os.mkfifo(fifo)
    r = run("scan", "x.pdf", cwd=tmp_path, timeout=60)  # before: hung forever
    assert r.returncode == 2
    assert one_line(r.stderr) == "error: x.pdf: not a regular file (a FIFO): only files are read"


def test_a_link_to_a_device_is_refused_not_read(tmp_path):
    (tmp_path / "z.pdf").symlink_to("/dev/zero")
    r = run("scan", "z.pdf", cwd=tmp_path, timeout=60)  # before: read until memory ran out
    assert r.returncode == 2
    assert one_line(r.stderr) == "error: z.pdf: not a regular file (a character device): only files are read"


def test_a_folder_holding_a_fifo_compares_the_other_files(tmp_path, doc):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "rus.md").write_text(DOC, encoding="utf-8")
    os.mkfifo(folder / "hang.pdf")
    r = run("compare", "in", "-o", "out", "-j", "2", cwd=tmp_path, cache=tmp_path / "c", timeout=300)
    assert r.returncode == 1, r.stderr
    assert "error: in/hang.pdf: not a regular file (a FIFO)" in r.stderr
    assert (tmp_path / "out/reports/rus.html").is_file()


def test_a_word_file_that_unpacks_to_a_gigabyte_is_refused_before_unpacking(tmp_path, monkeypatch):
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_docx_bytes(extra={"word/media/zeros.bin": 300 << 20}))
    assert bomb.stat().st_size < 2 << 20
    line = _refused(bomb, monkeypatch=monkeypatch)
    assert line.startswith("error: ") and "Word file unpacks to 300.8 MB (limit 256 MB;" in line
    assert "RUSAUDIT_MAX_DOCX_UNZIPPED" in line


def test_a_word_file_with_too_many_paragraphs_is_refused_before_parsing(tmp_path, monkeypatch):
    many = tmp_path / "many.docx"
    many.write_bytes(_docx_bytes(paragraphs=250_000))  # over the default of 200 000
    line = _refused(many, monkeypatch=monkeypatch)
    assert "too many paragraphs (limit 200 000; raise it with RUSAUDIT_MAX_PARAGRAPHS" in line
    monkeypatch.setenv("RUSAUDIT_MAX_PARAGRAPHS", "300000")
    limits.current.cache_clear()
    assert load_document(str(many)).words > 0  # raised, it is read


@pytest.mark.parametrize(
    "var, value, expect",
    [
        ("RUSAUDIT_MAX_BYTES", "1KB", "file too big: "),
        ("RUSAUDIT_MAX_PAGES", "2", "too many pages: 3 (limit 2;"),
        ("RUSAUDIT_MAX_CHARS", "10", "too much text: "),
    ],
)
def test_pdf_limits_are_configurable_by_environment(tmp_path, monkeypatch, var, value, expect):
    pdf = make_pdf(tmp_path / "s.pdf", [["# A", "Umeå växer."], ["Skellefteå växer."], ["Lycksele växer."]])
    line = _refused(pdf, {var: value}, monkeypatch)
    assert expect in line and var in line


def test_markdown_over_the_text_limit_is_refused(tmp_path, monkeypatch):
    big = tmp_path / "big.md"
    big.write_text(DOC * 100, encoding="utf-8")
    line = _refused(big, {"RUSAUDIT_MAX_TEXT_BYTES": "10KB"}, monkeypatch)
    assert "file too big: " in line and "limit 10 KB" in line


def test_limits_from_rusaudit_toml_and_a_bad_value_is_one_line(tmp_path, doc):
    (tmp_path / ".git").mkdir()
    (tmp_path / "rusaudit.toml").write_text("[limits]\nmax_text_bytes = '100B'\n", encoding="utf-8")
    r = run("scan", "rus.md", cwd=tmp_path, cache=tmp_path / "c")
    assert r.returncode == 2
    assert "error: rus.md: file too big: " in one_line(r.stderr)
    (tmp_path / "rusaudit.toml").write_text("[limits]\nmax_pages = -3\n", encoding="utf-8")
    r = run("scan", "rus.md", cwd=tmp_path, cache=tmp_path / "c")
    assert r.returncode == 2
    assert one_line(r.stderr).startswith("error: ") and "limits.max_pages: expected a positive" in r.stderr
    r = run("check", "rus.md", cwd=tmp_path, cache=tmp_path / "c")
    assert r.returncode == 2 and "limits.max_pages" in r.stderr and "Traceback" not in r.stderr


def test_compare_on_a_missing_path_exits_2_and_writes_nothing(tmp_path, doc):
    r = run("compare", "rus.md", "saknas.pdf", "-o", "out", cwd=tmp_path, cache=tmp_path / "c")
    assert r.returncode == 2
    assert one_line(r.stderr) == "error: saknas.pdf: not found"
    assert not (tmp_path / "out").exists()
