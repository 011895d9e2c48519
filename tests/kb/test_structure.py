"""Knowledge files keep their structure: headings become the section path, table rows keep
their header, code, images and HTML never reach a block; HTML main content and PDF text."""

from pathlib import Path

import pytest

from bot.kb.documents import load_file
from bot.kb.structure import markdown_blocks

REAL = Path(__file__).resolve().parents[3] / "shared" / "real-corpus"

DOC = """# Guide

Intro paragraph with a [link](https://example.com) and `inline code`.

## Memory

| Accelerator | Memory<br>(GB) | Bandwidth (TB/s) |
|---|---|---|
| B200 SXM | 192 | 8.0 |

```python
inter_token_time = last_token_time - first_token_time
```

![diagram](images/x.png)

<div align="center">raw html block</div>

### Notes

- first item of a list
"""


def test_heading_path_is_kept():
    blocks = markdown_blocks(DOC)
    assert blocks[-1].section == ("Guide", "Memory", "Notes")


def test_table_row_keeps_its_header():
    rows = [b.text for b in markdown_blocks(DOC) if b.kind == "row"]
    assert rows == ["B200 SXM — Memory (GB): 192; Bandwidth (TB/s): 8.0"]


def test_link_keeps_its_text_and_drops_the_url():
    assert markdown_blocks(DOC)[0].text == "Intro paragraph with a link and inline code."


def test_code_blocks_never_become_blocks():
    assert not [b for b in markdown_blocks(DOC) if "inter_token_time" in b.text]


def test_images_and_html_blocks_never_become_blocks():
    assert not [b for b in markdown_blocks(DOC) if "diagram" in b.text or "raw html" in b.text]


def test_list_items_are_blocks_of_their_own():
    assert [b.kind for b in markdown_blocks(DOC)][-1] == "item"


@pytest.mark.parametrize("name", ["en/dtype.md", "ar/hf-perf-hardware.md"])
def test_real_document_has_no_markup_left(name):
    article = load_file(REAL / name, REAL)
    leftovers = [b.text for b in article.blocks if any(m in b.text for m in ("```", "](", "<br", "| ", "**"))]
    assert leftovers == []


def test_real_chapter_table_rows_carry_headers():
    article = load_file(REAL / "en" / "dtype.md", REAL)
    rows = [b.text for b in article.blocks if b.kind == "row"]
    assert any("fp8" in r and "H100" in r for r in rows)


def test_real_arabic_document_keeps_its_table_as_a_row():
    article = load_file(REAL / "ar" / "hf-perf-hardware.md", REAL)
    assert "نعم — الوقت: 101 ثانية" in [b.text for b in article.blocks]


def test_real_arabic_document_sections_are_arabic_headings():
    article = load_file(REAL / "ar" / "hf-perf-hardware.md", REAL)
    assert "الطاقة والتبريد" in {s for b in article.blocks for s in b.section}


PAGE = """<html><head><title>GPU prices</title></head><body>
<nav><a href="/">Home</a> | <a href="/about">About us</a> | <a href="/shop">Shop all products</a></nav>
<article><h1>GPU prices in 2026</h1>
<p>The price of renting an H100 fell to about two dollars per hour in 2026, after peaking above eight dollars
in 2023 when demand for training capacity far exceeded supply across every large cloud provider.</p>
<p>Long-term contracts are cheaper than on-demand capacity, and providers now compete on availability
and on networking between nodes rather than on the hourly rate alone, which changed buying decisions.</p>
<table><tr><th>GPU</th><th>Price per hour</th></tr><tr><td>H100</td><td>$2.10</td></tr></table>
</article>
<footer>Copyright 2026 Example Media. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"""


def test_html_main_content_without_navigation_or_footer(tmp_path):
    (tmp_path / "p.html").write_text(PAGE)
    text = "\n".join(b.text for b in load_file(tmp_path / "p.html", tmp_path).blocks)
    assert "fell to about two dollars" in text
    assert "About us" not in text
    assert "Copyright" not in text


def test_html_table_row_keeps_header(tmp_path):
    (tmp_path / "p.html").write_text(PAGE)
    rows = [b.text for b in load_file(tmp_path / "p.html", tmp_path).blocks if b.kind == "row"]
    assert rows == ["H100 — Price per hour: $2.10"]


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF with Helvetica text, written by hand so the test needs no PDF writer."""
    ops = ["BT", "/F1 12 Tf", "72 720 Td", "14 TL"]
    for line in lines:
        ops.append("(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                b"/Resources << /Font << /F1 5 0 R >> >> >>"),
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Title (Rental note) >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_text_is_loaded(tmp_path):
    (tmp_path / "note.pdf").write_bytes(_pdf(["An H100 rented for 2.10 dollars per hour in 2026.",
                                              "Prices fell after the 2023 peak."]))
    article = load_file(tmp_path / "note.pdf", tmp_path)
    assert "2.10 dollars per hour" in " ".join(b.text for b in article.blocks)


def test_pdf_title_comes_from_its_metadata(tmp_path):
    (tmp_path / "note.pdf").write_bytes(_pdf(["Some text about GPU prices in 2026."]))
    assert load_file(tmp_path / "note.pdf", tmp_path).title == "Rental note"


def test_damaged_pdf_is_skipped_with_a_reason(tmp_path):
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf")
    assert "PDF" in load_file(tmp_path / "bad.pdf", tmp_path).reason
