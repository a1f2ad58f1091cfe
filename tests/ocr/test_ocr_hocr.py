"""Reading Tesseract's hOCR: words in PDF points, upright lines, specks dropped (no Tesseract needed)."""

from __future__ import annotations

import pytest

from rusaudit.extract.ocr import parse_hocr

# Two lines of a page scanned at 300 dpi and turned about 1°: the second line's box is
# tall because the line slopes, and Tesseract read a speck of dust as "." after it.
HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body>
<div class='ocr_page' title='bbox 0 0 2480 3508'>
 <span class='ocr_header' title="bbox 250 100 1000 180; baseline 0 -14; x_size 67; x_descenders 14; x_ascenders 17">
  <span class='ocrx_word' title='bbox 250 100 600 166; x_wconf 96'>Inlandet</span>
 </span>
 <span class='ocr_line' title="bbox 250 300 2200 376; baseline -0.017 -8; x_size 41; x_descenders 8; x_ascenders 11">
  <span class='ocrx_word' title='bbox 250 330 560 376; x_wconf 93'>Västerbottens</span>
  <span class='ocrx_word' title='bbox 575 328 660 366; x_wconf 91'>l&#228;n</span>
  <span class='ocrx_word' title='bbox 2150 300 2160 310; x_wconf 20'>.</span>
  <span class='ocrx_word' title='bbox 2170 300 2200 330; x_wconf 41'>&amp;</span>
 </span>
</div></body></html>""".encode()


def test_words_in_points_with_upright_line_boxes_and_sizes():
    words = parse_hocr(HOCR, 72 / 300)
    assert [w.text for w in words] == ["Inlandet", "Västerbottens", "län"]  # the specks are gone
    heading, first, second = words
    assert first.x0 == round(250 * 0.24, 2) and second.x1 == round(660 * 0.24, 2)
    # both words of the sloping line share one upright box hung from its baseline
    assert (first.top, first.bottom) == (second.top, second.bottom)
    assert first.bottom - first.top == pytest.approx(41 * 0.24, abs=0.02)
    # the size comes from the x-height: 16 pt heading, 10 pt text (at 0.53 em)
    assert round(heading.size) == 16 and round(first.size) == 10
    assert first.confidence == 93 and second.confidence == 91


def test_pictures_found_on_a_scan_but_not_rules_or_a_page_frame():
    from PIL import Image, ImageDraw

    from rusaudit.extract.ocr import OcrWord, find_pictures

    scale = 72 / 300
    page = Image.new("L", (2480, 3508), 250)  # a slightly grey paper
    draw = ImageDraw.Draw(page)
    draw.rectangle([40, 40, 2440, 3468], outline=60, width=4)  # a frame around the page
    draw.line([250, 600, 2200, 600], fill=40, width=5)  # a rule under a heading
    # a map: pale areas with darker outlines, between 900 and 2000 px down the page
    for i, (x, y) in enumerate([(500, 900), (1100, 900), (500, 1450), (1100, 1450)]):
        draw.polygon([(x, y), (x + 600, y + 40), (x + 560, y + 550), (x + 20, y + 520)], fill=215 + 5 * i, outline=150)
    label = OcrWord("Lycksele", 700 * scale, 900 * scale, 1150 * scale, 1190 * scale, 10.0, 90.0)
    draw.rectangle([700, 1150, 900, 1190], fill=0)  # the label's ink, painted out like any word
    boxes = find_pictures(page, [label], scale)
    assert len(boxes) == 1
    x0, top, x1, bottom = boxes[0]
    assert x0 <= 500 * scale and x1 >= 1700 * scale and top <= 900 * scale and bottom >= 1970 * scale
    assert bottom - top < 1300 * scale  # the frame and the rule are not part of it
