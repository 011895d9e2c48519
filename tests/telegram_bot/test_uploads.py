"""Admin uploads: which files are accepted and how they are checked before saving."""

import pytest

from bot.telegram_bot.uploads import MAX_UPLOAD_BYTES, UploadRejected, check_size, safe_name, save_upload


@pytest.mark.parametrize("name", ["notes.md", "page.HTML", "paper.pdf", "a.txt"])
def test_article_types_are_accepted(name):
    assert safe_name(name).endswith(name.rsplit(".", 1)[1].lower())


def test_other_types_are_refused():
    with pytest.raises(UploadRejected):
        safe_name("sheet.xlsx")


def test_a_pdf_may_be_larger_than_a_text_file():
    check_size(MAX_UPLOAD_BYTES * 4, "paper.pdf")


def test_a_text_file_over_the_limit_is_refused():
    with pytest.raises(UploadRejected):
        check_size(MAX_UPLOAD_BYTES + 1, "notes.md")


def test_a_pdf_that_is_not_a_pdf_is_refused(tmp_path):
    with pytest.raises(UploadRejected):
        save_upload(tmp_path, "paper.pdf", b"hello")


def test_a_pdf_is_saved_as_bytes(tmp_path):
    path = save_upload(tmp_path, "paper.pdf", b"%PDF-1.4\n\x00binary")
    assert path.read_bytes() == b"%PDF-1.4\n\x00binary"


def test_a_text_file_must_be_utf8(tmp_path):
    with pytest.raises(UploadRejected):
        save_upload(tmp_path, "notes.md", "é".encode("latin-1"))
