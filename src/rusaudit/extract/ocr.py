"""OCR for scanned PDF pages: pypdfium2 renders, Tesseract (Swedish) reads.

Each page is rendered at 300 dpi in grey, cleared of specks (a 3x3 median), and read by
Debian's `tesseract` through
pytesseract's hOCR output, which gives every word with its box and confidence and every
line with Tesseract's estimate of its text size. Boxes are converted to PDF points
(top-left origin) so OCR words go through the same layout as words from a text layer.

Modes: `never` (default: a page without a text layer is an error that names `--ocr`),
`auto` (OCR only the pages without a text layer, so mixed PDFs work), `always` (OCR
every page, ignoring the text layer). Nothing is ever downloaded: Tesseract and its
Swedish data must be installed (`apt-get install tesseract-ocr tesseract-ocr-swe`).
"""

from __future__ import annotations

import os
import re
import statistics
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from ..errors import InputError
from .layout import RawPage, Word, build_pages, sane_geometry
from .model import Page

MODES = ("never", "auto", "always")
DPI = 300
LANG = "swe"
LOW_CONFIDENCE = 70.0  # mean word confidence (0-100) under which a page's text is not trusted
NOISE_CONFIDENCE = 60.0  # punctuation-only "words" read with less confidence are dropped as specks
MAX_PIXELS = 40_000_000  # an A3 page at 300 dpi is 17 million; larger pages are rendered coarser
PAGE_TIMEOUT = 300  # seconds Tesseract may spend on one page before it is given up
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-swe"
OCR_VERSION = "ocr-2"  # 2: turned pages are read upright


@dataclass(frozen=True)
class OcrSettings:
    """Everything that changes what OCR reads: part of the cache key."""

    mode: str = "never"
    dpi: int = DPI
    lang: str = LANG
    pages: str | None = None  # a page range (see ocr_scope): OCR only these pages; None = all, "" = none

    def key(self) -> str:
        """Mode, resolution, language, pages and Tesseract's version: an upgraded Tesseract reads anew."""
        pages = "" if self.pages is None else "-p" + re.sub(r"[^0-9,-]", "", self.pages)
        return f"{OCR_VERSION}-{self.mode}-{self.dpi}-{self.lang}{pages}-t{tesseract_version()}"


def ocr_scope(pages: str | None, exclude_pages: str | None = None) -> str | None:
    """The pages worth reading by OCR as one page range: those of `--pages` less those of
    `exclude_pages` (configuration), so no excluded page costs Tesseract's time.

    The range is written out the same way however the two were written ("" when no
    page is left, None for all), so the OCR cache entry is shared by every equal choice.
    """
    from ..pagerange import parse_page_range

    if pages is None and exclude_pages is None:
        return None
    keep = parse_page_range(pages, "--pages").intervals if pages else ((1, None),)
    drop = sorted(parse_page_range(exclude_pages, "exclude_pages").intervals) if exclude_pages else []
    left: list[tuple[int, int | None]] = []
    for lo, hi in sorted(keep):
        for dlo, dhi in drop:
            if (hi is not None and dlo > hi) or (dhi is not None and dhi < lo):
                continue  # no overlap
            if dlo > lo:
                left.append((lo, dlo - 1))
            if dhi is None:
                break
            lo = max(lo, dhi + 1)
            if hi is not None and lo > hi:
                break
        else:
            left.append((lo, hi))
    merged: list[tuple[int, int | None]] = []
    for lo, hi in sorted(left):
        if merged and (merged[-1][1] is None or lo <= merged[-1][1] + 1):
            last_hi = merged[-1][1]
            merged[-1] = (merged[-1][0], None if last_hi is None or hi is None else max(last_hi, hi))
        else:
            merged.append((lo, hi))
    return ",".join(f"{lo}" if lo == hi else f"{lo}-{'' if hi is None else hi}" for lo, hi in merged)


def _wanted(spec: str | None):
    """The page set of an ocr_scope range (None: every page)."""
    from ..pagerange import PageRange, parse_page_range

    if spec is None:
        return None
    return parse_page_range(spec) if spec else PageRange("", ())


def tesseract_version() -> str:
    """The installed Tesseract's version ("none" when it cannot run)."""
    import pytesseract

    try:
        return re.sub(r"[^0-9A-Za-z.]", "", str(pytesseract.get_tesseract_version()))
    except Exception:  # not installed or broken: require_tesseract says so when OCR runs
        return "none"


@dataclass(frozen=True)
class OcrWord:
    """A word read by Tesseract, in PDF points from the page's top-left corner.

    Its top and bottom are those of its line, set upright (see _line_geometry).
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # Tesseract's text size for the word's line, in points
    confidence: float  # 0-100


@dataclass
class OcrPage:
    number: int  # 1-based
    width: float  # points
    height: float
    words: list[OcrWord]
    error: str | None = None  # why Tesseract could not read the page
    # Pictures on the scan (maps, charts) as (x0, top, x1, bottom) in points: their labels are figure_text.
    pictures: list[tuple[float, float, float, float]] = field(default_factory=list)
    angle: int = 0  # degrees (counter-clockwise) the text lies turned in the image read
    rotation: int = 0  # degrees the scan was turned clockwise before it was read (0, 90, 180, 270)

    @property
    def confidence(self) -> float:
        """Mean word confidence (0-100); 0 for a page where nothing was read."""
        return round(statistics.fmean(w.confidence for w in self.words), 1) if self.words else 0.0


def require_tesseract(path: str, lang: str = LANG) -> None:
    """Raise a one-line InputError naming the Debian package when Tesseract cannot run."""
    import pytesseract

    try:
        langs = set(pytesseract.get_languages(config=""))
    except pytesseract.TesseractNotFoundError:
        raise InputError(f"OCR needs Tesseract, which is not installed: {INSTALL}", path) from None
    except (pytesseract.TesseractError, OSError) as exc:
        raise InputError(f"OCR needs Tesseract, which does not run ({_first_line(exc)}): {INSTALL}", path) from None
    missing = [code for code in lang.split("+") if code not in langs]
    if missing:
        package = " ".join(f"tesseract-ocr-{code}" for code in missing)
        need = "+".join(missing)
        raise InputError(f"OCR needs Tesseract's '{need}' data, not installed: apt-get install {package}", path)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:120] if text else type(exc).__name__


_BBOX = re.compile(r"bbox (-?\d+) (-?\d+) (-?\d+) (-?\d+)")
_WCONF = re.compile(r"x_wconf (-?\d+(?:\.\d+)?)")
_NUMBER = r"(-?\d+(?:\.\d+)?(?:e-?\d+)?)"
_LINE_FIELDS = {k: re.compile(rf"{k} {_NUMBER}") for k in ("x_size", "x_ascenders", "x_descenders")}
_BASELINE = re.compile(rf"baseline {_NUMBER} {_NUMBER}")
_LINE_CLASSES = {"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"}
X_HEIGHT = 0.53  # x-height as a share of the font size, typical of text faces


def _line_geometry(title: str) -> tuple[float, float, float] | None:
    """(top, bottom, font size) of a text line in pixels, undoing the skew of a scan.

    The box of a skewed line grows with its length, so the words of one line get a
    common, upright box hung from the baseline at the line's left end; the font size
    comes from Tesseract's x-height (line size less ascenders and descenders), which
    does not depend on which letters the line happens to hold.
    """
    box = _BBOX.search(title)
    if not box:
        return None
    x0, y0, x1, y1 = (int(v) for v in box.groups())
    f = {k: float(m.group(1)) for k, rx in _LINE_FIELDS.items() if (m := rx.search(title))}
    if len(f) < 3:
        return float(y0), float(y1), (y1 - y0) / 1.2
    base = _BASELINE.search(title)
    baseline = y1 + (float(base.group(2)) if base else 0.0)
    x_height = f["x_size"] - f["x_ascenders"] - f["x_descenders"]
    size = x_height / X_HEIGHT if x_height > 0 else f["x_size"] / 1.2
    return baseline - (f["x_size"] - f["x_descenders"]), baseline + f["x_descenders"], size


def parse_hocr(hocr: bytes, scale: float) -> list[OcrWord]:
    """Words from Tesseract's hOCR; `scale` converts pixels to points (72 / dpi)."""
    from .clean import normalize

    root = ET.fromstring(hocr)
    words: list[OcrWord] = []
    for line in root.iter():
        if line.get("class") not in _LINE_CLASSES:
            continue
        geometry = _line_geometry(line.get("title", ""))
        if geometry is None:
            continue
        top, bottom, size = geometry
        for span in line.iter():
            if span.get("class") != "ocrx_word":
                continue
            text = normalize("".join(span.itertext())).strip()
            wbox = _BBOX.search(span.get("title", ""))
            if not text or not wbox:
                continue
            match = _WCONF.search(span.get("title", ""))
            conf = max(0.0, float(match.group(1))) if match else 0.0
            if conf < NOISE_CONFIDENCE and not any(c.isalnum() for c in text):
                continue  # a speck read as "." or "|": no word to lose
            x0, _, x1, _ = (int(v) for v in wbox.groups())
            words.append(
                OcrWord(
                    text=text,
                    x0=round(x0 * scale, 2),
                    x1=round(x1 * scale, 2),
                    top=round(top * scale, 2),
                    bottom=round(bottom * scale, 2),
                    size=round(size * scale, 1),
                    confidence=conf,
                )
            )
    return words


def despeckle(image):
    """The image through a 3x3 median filter, which removes scanner dust and paper grain.

    Specks otherwise turn "." into ":" and join words with false hyphens. Measured on
    the benchmark's pages, the filter costs nothing on clean scans (150-300 dpi, type
    from 6.5 pt up) and lifts word accuracy on speckled ones (150 dpi: 0.89 to 0.98).
    """
    from PIL import ImageFilter

    return image.filter(ImageFilter.MedianFilter(3))


CELL = 25  # pixels per grid cell when looking for pictures (1/12 inch at 300 dpi)


def find_pictures(image, words: list[OcrWord], scale: float) -> list[tuple[float, float, float, float]]:
    """Boxes (in points) of pictures on a scanned page: maps, charts, diagrams.

    A text layer's engine knows where its images are; a scan is one image, so pictures
    are found on it: with the words Tesseract read painted out, grid cells clearly darker
    than the paper are joined into regions, and a region counts as a picture when it is large
    (over an inch each way) and dense (a third of its cells inked), so rules, underlines
    and a frame around the page are not pictures. Labels on a map then become
    figure_text, as they are when a map is an image in a PDF with a text layer.
    """
    from PIL import Image, ImageDraw

    masked = image.copy()
    draw = ImageDraw.Draw(masked)
    for w in words:
        draw.rectangle([w.x0 / scale - 3, w.top / scale - 3, w.x1 / scale + 3, w.bottom / scale + 3], fill=255)
    cols, rows = max(1, image.width // CELL), max(1, image.height // CELL)
    level = masked.resize((cols, rows), Image.Resampling.BOX).tobytes()  # each cell's mean grey
    paper = sorted(level)[len(level) // 2]  # most cells are paper (or painted-out text)
    inked = [v < paper - 12 for v in level]  # strokes, or the pale fills of a map's areas
    seen = [False] * len(inked)
    boxes: list[tuple[float, float, float, float]] = []
    for start, on in enumerate(inked):
        if not on or seen[start]:
            continue
        stack, cells = [start], []
        seen[start] = True
        while stack:  # 8-connected, across gaps of one cell (outlines of a map's areas)
            i = stack.pop()
            cells.append(i)
            r, c = divmod(i, cols)
            for dr in (-2, -1, 0, 1, 2):
                for dc in (-2, -1, 0, 1, 2):
                    rr, cc = r + dr, c + dc
                    if 0 <= rr < rows and 0 <= cc < cols:
                        j = rr * cols + cc
                        if inked[j] and not seen[j]:
                            seen[j] = True
                            stack.append(j)
        rs = [i // cols for i in cells]
        cs = [i % cols for i in cells]
        height, width = max(rs) - min(rs) + 1, max(cs) - min(cs) + 1
        inch = 72 / (scale * CELL)  # cells per inch
        if height >= inch and width >= inch and len(cells) >= 0.33 * height * width:
            boxes.append(
                (
                    round(min(cs) * CELL * scale, 1),
                    round(min(rs) * CELL * scale, 1),
                    round((max(cs) + 1) * CELL * scale, 1),
                    round((max(rs) + 1) * CELL * scale, 1),
                )
            )
    return boxes


ROTATIONS = {90: "sideways", 180: "upside down", 270: "sideways"}


def _hocr(image, lang: str, psm: int) -> bytes | str:
    """Tesseract's hOCR for an image, or a one-line reason why there is none."""
    import pytesseract

    try:
        return pytesseract.image_to_pdf_or_hocr(
            image, lang=lang, extension="hocr", config=f"--psm {psm}", timeout=PAGE_TIMEOUT
        )
    except RuntimeError as exc:  # pytesseract's timeout
        return f"OCR gave up after {PAGE_TIMEOUT} s ({_first_line(exc)})"
    except pytesseract.TesseractError as exc:
        return f"OCR failed ({_first_line(exc)})"


_TEXTANGLE = re.compile(r"textangle (\d+)")


def page_angle(hocr: bytes, downward: bool = False) -> int:
    """How far (degrees, counter-clockwise) most of a page's text is turned, from hOCR's textangle.

    Tesseract's orientation detection (--psm 1) reads a turned page and marks each of its
    lines with the angle it found; the angle of most characters is the page's, so a single
    turned label on an upright map does not turn the page. Without detection (`downward`),
    a page turned clockwise reads as tall lines of text running downwards.
    """
    weight: Counter[int] = Counter()
    for line in ET.fromstring(hocr).iter():
        if line.get("class") in _LINE_CLASSES:
            title = line.get("title", "")
            m, box = _TEXTANGLE.search(title), _BBOX.search(title)
            angle = int(m.group(1)) % 360 if m else 0
            if downward and not m and box and _tall(box) and len(list(line.iter())) > 2:
                angle = 270
            weight[angle] += sum(len(t.strip()) for t in line.itertext())
    total = sum(weight.values())
    angle, chars = max(weight.items(), key=lambda kv: (kv[1], -kv[0]), default=(0, 0))
    return angle if angle in ROTATIONS and chars > total / 2 else 0


def _tall(box: re.Match) -> bool:
    x0, y0, x1, y1 = (int(v) for v in box.groups())
    return y1 - y0 > 3 * (x1 - x0)


def _ocr_page(image, number: int, width: float, height: float, dpi: float, lang: str, psm: int) -> OcrPage:
    hocr = _hocr(image, lang, psm)
    if isinstance(hocr, str):
        return OcrPage(number, width, height, [], hocr)
    try:
        words = parse_hocr(hocr, 72.0 / dpi)
    except ET.ParseError as exc:
        return OcrPage(number, width, height, [], f"OCR output unreadable ({exc})")
    page = OcrPage(number, width, height, words, pictures=find_pictures(image, words, 72.0 / dpi))
    page.angle = page_angle(hocr, downward=psm != 1)
    return page


def _turn(image, clockwise: int):
    """The image turned clockwise by a multiple of 90° (exact: PIL transposes the pixels)."""
    return image.rotate(-clockwise, expand=True) if clockwise else image


def _read_image(
    image, number: int, width: float, height: float, dpi: float, lang: str, hint: list[int] | None = None
) -> OcrPage:
    """Read one page image, turned upright first when it was scanned sideways or upside down.

    The reading detects the orientation too (--psm 1: about 5% more time than without).
    A page found turned is turned upright and read again, so its words get upright boxes
    for the layout; if that reads worse than the first, or still lies turned (the detection
    was wrong), the page is read as it lies when that reads better.

    `hint` holds the turn (degrees clockwise) of the page read last, shared by the pages
    of a document: one scanned upside down is turned before its pages are read, so each
    is read once. The result does not depend on the hint, since the same upright image is
    read the same way.
    """
    page = _read_turned(image, number, width, height, dpi, lang, hint[0] if hint else 0)
    if hint is not None and page.words:
        hint[0] = page.rotation
    return page


def _read_turned(image, number: int, width: float, height: float, dpi: float, lang: str, hint: int) -> OcrPage:
    image = despeckle(image)
    osd = has_osd()
    psm = 1 if osd else 3
    if hint:
        image = _turn(image, hint)
        width, height = (height, width) if hint in (90, 270) else (width, height)
    first = _ocr_page(image, number, width, height, dpi, lang, psm)
    first.rotation = hint
    angle = first.angle if not first.error else 0
    if not osd and not first.error and first.confidence < LOW_CONFIDENCE:
        angle = guess_angle(image, dpi, lang)  # no orientation data: try the other three ways
    if angle == 0:
        return first
    turned_size = (height, width) if angle in (90, 270) else (width, height)
    # The text lies turned `angle` counter-clockwise: turning it as far clockwise sets it upright.
    turned = _ocr_page(_turn(image, angle), number, *turned_size, dpi, lang, psm)
    turned.rotation = (hint + angle) % 360
    if not turned.error and turned.angle == 0 and turned.confidence + 5 >= first.confidence:
        return turned
    plain = _ocr_page(image, number, width, height, dpi, lang, 3)
    plain.rotation = hint
    return plain if turned.error or plain.confidence >= turned.confidence else turned


GUESS_DPI = 150  # orientation by confidence needs no more: about 0.3 s per try


def guess_angle(image, dpi: float, lang: str) -> int:
    """The page's text angle found by reading a smaller copy turned each way, for a
    Tesseract without its orientation data (tesseract-ocr-osd): the best-read way wins
    when it is clearly better than the page as it lies."""
    small = image.reduce(max(1, int(dpi // GUESS_DPI)))
    best, best_conf, upright_conf = 0, -1.0, 0.0
    for angle in (0, 90, 180, 270):
        hocr = _hocr(_turn(small, angle), lang, 3)
        if isinstance(hocr, str):
            continue
        try:
            words = parse_hocr(hocr, 1.0)
        except ET.ParseError:
            continue
        conf = statistics.fmean(w.confidence for w in words) if len(words) >= 5 else 0.0
        if angle == 0:
            upright_conf = conf
        if conf > best_conf:
            best, best_conf = angle, conf
    return best if best and best_conf >= upright_conf + 15 else 0


_osd: bool | None = None


def has_osd() -> bool:
    """Whether Tesseract has its orientation data (Debian's tesseract-ocr depends on tesseract-ocr-osd)."""
    global _osd
    if _osd is None:
        import pytesseract

        try:
            _osd = "osd" in pytesseract.get_languages(config="")
        except (pytesseract.TesseractError, OSError):  # no Tesseract (an OSError): require_tesseract says so
            _osd = False
    return _osd


OCR_JOBS_ENV = "RUSAUDIT_OCR_JOBS"  # pages one process reads at once (set by compare for its workers)


def cores() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def page_jobs(documents: int = 1) -> int:
    """Tesseract processes one document may run at once when `documents` are read at once.

    The cores are shared: each Tesseract is single-threaded (OMP_THREAD_LIMIT=1, or as
    many threads as the user set there), so documents x pages x threads stays within
    the cores and `compare --jobs 2` on 2 cores runs 2 Tesseracts, not 4.
    """
    try:
        threads = max(1, int(os.environ.get("OMP_THREAD_LIMIT") or 1))
    except ValueError:
        threads = 1
    return max(1, cores() // (max(1, documents) * threads))


def workers() -> int:
    """Pages this process reads at once: RUSAUDIT_OCR_JOBS when set (by compare for each of its
    workers, or by the user), else one Tesseract per core."""
    try:
        return max(1, int(os.environ[OCR_JOBS_ENV]))
    except (KeyError, ValueError):
        return page_jobs()


def ocr_pdf(
    path: str,
    numbers: list[int],
    settings: OcrSettings = OcrSettings(),
    jobs: int | None = None,
    on_page: Callable[[int], None] | None = None,
) -> list[OcrPage]:
    """Render and read the given 1-based pages of a PDF, in page order.

    `on_page(pages_done)` is called as pages are read (for a progress bar).

    Rendering happens in this thread (pdfium is not thread-safe) while up to `jobs`
    (default: workers()) Tesseract processes read earlier pages; each runs single-threaded,
    since the pages already keep the cores busy.
    """
    import pypdfium2 as pdfium

    require_tesseract(path, settings.lang)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    jobs = jobs or workers()
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise InputError(f"damaged PDF (cannot render pages for OCR: {exc})", path) from None
    results: list[OcrPage] = []
    pending: list[Future] = []
    hint = [0]  # the turn of the page read last: the next pages are likely to lie the same way

    try:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for n in numbers:
                try:
                    page = pdf[n - 1]
                    try:
                        width, height = page.get_size()
                        # A poster-sized page is read at a lower resolution: memory stays bounded.
                        dpi = min(float(settings.dpi), 72.0 * (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
                        image = page.render(scale=dpi / 72.0, grayscale=True, may_draw_forms=True).to_pil()
                    finally:
                        page.close()
                except Exception as exc:  # pdfium's errors on a damaged page: that page only
                    done: Future = Future()
                    reason = f"page could not be rendered for OCR ({_first_line(exc)})"
                    done.set_result(OcrPage(n, 1.0, 1.0, [], reason))
                    pending.append(done)
                    continue
                pending.append(pool.submit(_read_image, image, n, width, height, dpi, settings.lang, hint))
                while len(pending) >= 2 * jobs:  # keep only a few rendered pages in memory
                    results.append(pending.pop(0).result())
                    if on_page:
                        on_page(len(results))
            for f in pending:
                results.append(f.result())
                if on_page:
                    on_page(len(results))
    finally:
        pdf.close()
    return results


def snap_sizes(pages: list[OcrPage], reference: float | None = None) -> dict[float, float]:
    """Map each OCR line size to a layout size: near the body size counts as the body size.

    Tesseract's size estimate wobbles by a few percent from line to line, which the
    layout would read as font changes that split paragraphs. Sizes within 12% of the
    most common size become that size, or the text layer's body size (`reference`)
    when that is close, so scanned and text pages of one PDF share a body size.
    """
    weights: Counter[float] = Counter()
    for p in pages:
        for w in p.words:
            weights[round(w.size * 2) / 2] += len(w.text)
    if not weights:
        return {}
    body = max(weights, key=lambda s: (weights[s], -s))
    target = reference if reference and abs(reference - body) <= 0.12 * body else body
    return {s: target if abs(s - body) <= 0.12 * body else s for s in weights}


def needs_ocr(page: RawPage) -> bool:
    """A page that shows an image but has (almost) no text of its own, e.g. a scan with
    a stamped page number."""
    chars = sum(sum(c.isalnum() for c in w.text) for w in page.words)
    return page.images > 0 and chars < 20


def skipped_scans(pages: list[Page]) -> list[str]:
    """A warning naming the pages left unread without OCR in a PDF that has text elsewhere
    (when every page is a scan, load_document's error names --ocr instead)."""
    scanned = [p.number for p in pages if p.words == 0 and p.images > 0]
    if not scanned or len(scanned) == len(pages):
        return []
    listed = ", ".join(map(str, scanned[:10])) + (", …" if len(scanned) > 10 else "")
    return [f"pages without a text layer were skipped ({listed}): run with --ocr to read them"]


def _text_body_size(raw: list[RawPage], skip: set[int]) -> float | None:
    sizes: Counter[float] = Counter()
    for p in raw:
        if p.number not in skip:
            for w in p.words:
                sizes[w.size] += len(w.text)
    return sizes.most_common(1)[0][0] if sizes else None


def extract_pdf_ocr(
    path: str, settings: OcrSettings = OcrSettings(), engine: str | None = None, progress=None
) -> tuple[list[Page], list[str]]:
    """Read a PDF, with OCR for the pages the mode asks for, into pages of blocks.

    OCR words replace the engine's words on those pages before layout, so scanned
    pages get paragraphs, columns, headings, running headers and page numbers exactly
    as text pages do. OCR pages carry their mean confidence (Page.ocr_confidence).
    """
    from .pdf import DEFAULT_ENGINE, read_raw_pages

    # The progress bar counts the pages read from the text layer, then the pages read by OCR.
    reading = (lambda done, total: progress(done, total + 1)) if progress else None
    raw, warnings = read_raw_pages(path, engine or DEFAULT_ENGINE, reading)
    always = settings.mode == "always"
    wanted = _wanted(settings.pages)
    numbers = [
        p.number
        for p in raw
        if sane_geometry(p.width, p.height) and (always or needs_ocr(p)) and (wanted is None or p.number in wanted)
    ]
    total = len(raw) + len(numbers)
    if progress:
        progress(len(raw), total)
    if not numbers:
        return build_pages(raw), warnings
    read = ocr_pdf(path, numbers, settings, on_page=(lambda k: progress(len(raw) + k, total)) if progress else None)
    sizes = snap_sizes(read, _text_body_size(raw, set(numbers)))
    by_number = {p.number: p for p in read}
    for i, page in enumerate(raw):
        ocr = by_number.get(page.number)
        if ocr is None:
            continue
        # Tesseract has already split the words: the trailing space keeps two words whose
        # boxes nearly touch (small or turned print) from being glued by the layout.
        words = [
            Word(w.text + " ", w.x0, w.x1, w.top, w.bottom, sizes.get(round(w.size * 2) / 2, w.size)) for w in ocr.words
        ]
        # A page scanned sideways is read turned upright: its words are on the turned page.
        size = (page.height, page.width) if ocr.rotation in (90, 270) else (page.width, page.height)
        rulings = page.rulings if not ocr.rotation else []
        raw[i] = RawPage(page.number, *size, words, max(page.images, 1), rulings, ocr.pictures)
        if ocr.rotation:
            how = ROTATIONS[ocr.rotation]
            warnings.append(f"page {page.number}: scanned {how}, turned {ocr.rotation}° clockwise before OCR")
        if ocr.error:
            warnings.append(f"page {page.number}: {ocr.error}")
        elif ocr.confidence < LOW_CONFIDENCE:
            warnings.append(
                f"page {page.number}: OCR confidence {ocr.confidence:.0f} is under {LOW_CONFIDENCE:.0f}: "
                "words may be misread"
            )
    pages = build_pages(raw)
    for page in pages:
        if page.number in by_number:
            page.ocr_confidence = by_number[page.number].confidence
    return pages, warnings
