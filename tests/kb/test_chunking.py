import itertools

from bot.kb.arabic import normalize, tokenize
from bot.kb.chunking import chunk_article, split_sentences
from bot.kb.documents import Article, load_folder
from tests.conftest import KNOWLEDGE


def _article(body, lang="ar"):
    return Article("a1", "عنوان", lang, "src", "", "", body, "a.md", "h")


def test_arabic_sentence_ends():
    s = split_sentences("هل ترتفع الأسعار؟ نعم؛ ارتفعت كثيرًا! ثم انخفضت. وبعدها استقرت")
    assert s == ["هل ترتفع الأسعار؟", "نعم؛", "ارتفعت كثيرًا!", "ثم انخفضت.", "وبعدها استقرت"]


def test_paragraphs_become_chunks_with_positions():
    chunks = chunk_article(_article("الفقرة الأولى.\n\nالفقرة الثانية.\nالفقرة الثالثة."))
    assert [(c.paragraph, c.part, c.text) for c in chunks] == [
        (1, 1, "الفقرة الأولى."), (2, 1, "الفقرة الثانية."), (3, 1, "الفقرة الثالثة.")]
    assert chunks[0].metadata()["article_id"] == "a1" and chunks[0].metadata()["lang"] == "ar"


def test_long_paragraph_split_at_sentences_with_overlap():
    sentences = [f"Sentence number {i} talks about GPU rental prices in some detail." for i in range(30)]
    chunks = chunk_article(_article(" ".join(sentences), "en"), max_chars=300)
    assert len(chunks) > 3 and all(len(c.text) <= 300 for c in chunks)
    for prev, nxt in itertools.pairwise(chunks):
        assert prev.text.split(". ")[-1].rstrip(".") in nxt.text  # overlap of one sentence
        assert nxt.text[0].isupper()  # never cut mid-sentence
    assert {c.paragraph for c in chunks} == {1}


def test_run_on_text_without_punctuation_is_still_bounded():
    chunks = chunk_article(_article("كلمة " * 1000), max_chars=500)
    assert all(len(c.text) <= 500 for c in chunks)


def test_translations_have_aligned_paragraphs():
    arts = load_folder(KNOWLEDGE).articles
    counts = {}
    for a in arts:
        counts.setdefault(a.id, {})[a.lang] = len(chunk_article(a))
    assert all(c["ar"] == c["en"] for c in counts.values()), counts


def test_arabic_normalisation_and_prefixes():
    assert normalize("إِنَّ الأسعارَ مرتفـــعة") == "ان الاسعار مرتفعه"
    assert tokenize("والتبريد") == tokenize("التبريد") == tokenize("تبريد")
    assert tokenize("بالكهرباء") == ["كهرباء"]
    assert tokenize("سعر ٢٫٥ دولار") == ["سعر", "2.5", "دولار"]
    assert tokenize("H100s and GB200") == ["h100", "gb200"]
    assert "الذكاء" not in tokenize("الذكاء") and tokenize("الذكاء") == ["ذكاء"]
