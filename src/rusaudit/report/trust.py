"""Trust marks for OCR: which pages a scan was read from, and how sure Tesseract was."""

from __future__ import annotations

_TEXT = {
    "sv": {
        "pages": "OCR-lästa sidor (medelsäkerhet 0–100)",
        "low": "under {threshold:.0f}: kontrollera citaten mot skanningen",
        "place": "endast på osäkra OCR-sidor",
    },
    "en": {
        "pages": "Pages read by OCR (mean confidence 0–100)",
        "low": "under {threshold:.0f}: check quotes against the scan",
        "place": "only on low-confidence OCR pages",
    },
}
SHOWN = 30  # pages listed before "…"


def _t(lang: str, key: str) -> str:
    return _TEXT.get(lang, _TEXT["sv"])[key]


def ocr_note(document: dict, lang: str = "sv") -> str | None:
    """One line naming the OCR pages and their confidence ("⚠" under the threshold)."""
    ocr = document.get("ocr")
    if not ocr:
        return None
    pages = ocr["pages"]
    listed = ", ".join(f"{p['page']} ({p['confidence']:.0f}{' ⚠' if p['low'] else ''})" for p in pages[:SHOWN])
    line = f"{_t(lang, 'pages')}: {listed}" + (" …" if len(pages) > SHOWN else "")
    if any(p["low"] for p in pages):
        line += f" · ⚠ {_t(lang, 'low').format(threshold=ocr['threshold'])}"
    return line


def place_name(name: str, low_confidence: bool, lang: str = "sv") -> str:
    """A place's name, marked when it was found only on low-confidence OCR pages."""
    return f"{name} ⚠ ({_t(lang, 'place')})" if low_confidence else name


def evidence_mark(low_confidence: bool) -> str:
    return " ⚠ OCR" if low_confidence else ""
