"""The PNG a user gets: size, and Arabic text that is shaped and ordered right to left.

matplotlib 3.11 lays text out with HarfBuzz and FriBidi (libraqm). The oracle is the
pair of libraries the issue names: every Arabic label's glyphs, as matplotlib lays them
out, must be the glyphs of ``bidi.get_display(arabic_reshaper.reshape(label))`` in the
same left-to-right order (an isolated presentation form and its base letter are the same
shape; vowel marks are left out, since the reshaper drops them)."""

from __future__ import annotations

import io
import re
import unicodedata

import arabic_reshaper
import pytest
from bidi import get_display
from matplotlib import font_manager
from matplotlib.ft2font import LoadFlags
from matplotlib.text import Text
from PIL import Image

from bot.charts import chart_figure, render_chart
from tests.charts.cases import CASES

ARABIC = re.compile(r"[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]")
MARKS = range(0x064B, 0x0660)


def base_letter(ch: str) -> str:
    decomposition = unicodedata.decomposition(ch)
    if decomposition.startswith("<isolated>"):
        return chr(int(decomposition.split()[1], 16))
    return ch


def arabic_glyph_names(font, names: list[str]) -> list[str]:
    keep = []
    for name in names:
        if not name.startswith("uni") or len(name) != 7:
            continue
        code = int(name[3:], 16)
        if ARABIC.match(chr(code)) and code not in MARKS:
            keep.append(f"uni{ord(base_letter(chr(code))):04X}")
    return keep


def laid_out(font, text: str) -> list[str]:
    """Glyph names in the order matplotlib draws them, left to right."""
    items = sorted(font._layout(text, LoadFlags.NO_HINTING), key=lambda item: item.x)
    return arabic_glyph_names(font, [font.get_glyph_name(item.glyph_index) for item in items])


def oracle(font, text: str) -> list[str]:
    visual = get_display(arabic_reshaper.reshape(text))
    cmap = font.get_charmap()
    missing = [c for c in visual if ARABIC.match(c) and ord(c) not in cmap]
    assert not missing, f"font lacks {missing}"
    return arabic_glyph_names(font, [font.get_glyph_name(cmap[ord(c)]) for c in visual if ord(c) in cmap])


def arabic_texts(fig) -> list[Text]:
    fig.canvas.draw()  # tick labels exist only once drawn
    return [t for t in fig.findobj(Text) if t.get_visible() and ARABIC.search(t.get_text())]


@pytest.mark.parametrize("case", sorted(CASES))
def test_arabic_labels_are_shaped_and_right_to_left(case):
    fig, caption = chart_figure(*CASES[case], "ar")
    texts = arabic_texts(fig)
    assert len(texts) >= 4  # title, axis labels, legend or annotations, tick digits
    for text in texts:
        font = font_manager.get_font(font_manager.findfont(text.get_fontproperties()))
        for line in text.get_text().split("\n"):
            got = laid_out(font, line)
            assert got == oracle(font, line), line
            if sum(1 for c in line if "\u0621" <= c <= "\u064A") >= 2:
                assert got != arabic_glyph_names(font, [font.get_glyph_name(font.get_charmap()[ord(c)])
                                                        for c in line if ord(c) in font.get_charmap()]), \
                    f"{line!r} drawn unjoined, in logical order"


def test_the_oracle_rejects_text_drawn_twice_reordered():
    """Pre-shaped, pre-reordered text would be reordered again by matplotlib: caught."""
    font = font_manager.get_font(font_manager.findfont("DejaVu Sans"))
    label = "التكلفة التراكمية"
    assert laid_out(font, label) == oracle(font, label)
    assert laid_out(font, get_display(arabic_reshaper.reshape(label))) != oracle(font, label)


@pytest.mark.parametrize("case", sorted(CASES))
def test_arabic_numbers_use_arabic_digits_and_english_western(case):
    ar = " ".join(t.get_text() for t in arabic_texts(chart_figure(*CASES[case], "ar")[0]))
    assert re.search("[٠-٩]", ar) and not re.search("[0-9]", ar.replace("GPU", ""))
    en_fig = chart_figure(*CASES[case], "en")[0]
    en_fig.canvas.draw()
    en = " ".join(t.get_text() for t in en_fig.findobj(Text))
    assert not ARABIC.search(en) and re.search("[0-9]", en)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_png_is_phone_readable_size(lang):
    image = render_chart(*CASES["buy_rent_hourly"], lang)
    assert image.png.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(image.png)) as png:
        assert png.size == (image.width, image.height)
        assert png.width >= 1000
    assert image.caption
