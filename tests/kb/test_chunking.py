import itertools

from bot.kb.arabic import normalize, tokenize
from bot.kb.chunking import chunk_article, split_sentences
from bot.kb.documents import Article, load_folder
from bot.kb.structure import Block
from tests.conftest import KNOWLEDGE


def _article(body, lang="ar"):
    return Article("a1", "عنوان", lang, "src", "", "", body, "a.md", "h")


def test_arabic_sentence_ends():
    s = split_sentences("هل ترتفع الأسعار؟ نعم؛ ارتفعت كثيرًا! ثم انخفضت. وبعدها استقرت")
    assert s == ["هل ترتفع الأسعار؟", "نعم؛", "ارتفعت كثيرًا!", "ثم انخفضت.", "وبعدها استقرت"]


def test_short_paragraphs_are_packed_into_one_chunk_with_their_range():
    chunks = chunk_article(_article("الفقرة الأولى.\n\nالفقرة الثانية.\nالفقرة الثالثة."))
    assert [(c.paragraph, c.paragraph_end, c.text) for c in chunks] == [
        (1, 3, "الفقرة الأولى.\nالفقرة الثانية.\nالفقرة الثالثة.")]


def test_chunk_metadata_names_article_and_language():
    meta = chunk_article(_article("الفقرة الأولى."))[0].metadata()
    assert (meta["article_id"], meta["lang"]) == ("a1", "ar")


def test_packing_stops_at_the_size_limit():
    body = "\n\n".join(f"Paragraph {i} says something about GPU rental prices." for i in range(40))
    assert max(len(c.text) for c in chunk_article(_article(body, "en"), max_chars=300)) <= 300


def test_a_heading_starts_a_new_chunk():
    article = Article("a1", "T", "en", "", "", "", "", "a.md", "h",
                      blocks=(Block(("T", "One"), "prose", "First."), Block(("T", "Two"), "prose", "Second.")))
    assert [(c.section, c.text) for c in chunk_article(article)] == [("One", "First."), ("Two", "Second.")]


def test_section_path_is_in_the_embedded_text():
    article = Article("a1", "T", "en", "", "", "", "", "a.md", "h",
                      blocks=(Block(("T", "Power", "Cooling"), "prose", "Liquid cooling saves energy."),))
    assert chunk_article(article)[0].embedding_text.startswith("T › Power › Cooling\n")


def test_long_paragraph_split_at_sentences_with_overlap():
    sentences = [f"Sentence number {i} talks about GPU rental prices in some detail." for i in range(30)]
    chunks = chunk_article(_article(" ".join(sentences), "en"), max_chars=300)
    assert all(len(c.text) <= 300 for c in chunks)
    for prev, nxt in itertools.pairwise(chunks):
        assert prev.text.split(". ")[-1].rstrip(".") in nxt.text  # overlap of one sentence
    assert all(c.text[0].isupper() for c in chunks)  # never cut mid-sentence
    assert {c.paragraph for c in chunks} == {1}


def test_every_sentence_of_a_long_paragraph_is_kept():
    sentences = [f"Sentence number {i} talks about GPU rental prices in some detail." for i in range(30)]
    text = " ".join(c.text for c in chunk_article(_article(" ".join(sentences), "en"), max_chars=300))
    assert all(s in text for s in sentences)


def test_run_on_text_without_punctuation_is_still_bounded():
    chunks = chunk_article(_article("كلمة " * 1000), max_chars=500)
    assert all(len(c.text) <= 500 for c in chunks)


def test_translations_have_aligned_paragraphs():
    arts = load_folder(KNOWLEDGE).articles
    counts = {}
    for a in arts:
        counts.setdefault(a.id, {})[a.lang] = len(a.blocks)
    assert [i for i, c in counts.items() if c["ar"] != c["en"]] == []


def test_arabic_normalisation_and_prefixes():
    assert normalize("إِنَّ الأسعارَ مرتفـــعة") == "ان الاسعار مرتفعه"
    assert tokenize("والتبريد") == tokenize("التبريد") == tokenize("تبريد")
    assert tokenize("بالكهرباء") == ["كهرباء"]
    assert tokenize("سعر ٢٫٥ دولار") == ["سعر", "2.5", "دولار"]
    assert tokenize("H100s and GB200") == ["h100", "gb200"]
    assert "الذكاء" not in tokenize("الذكاء") and tokenize("الذكاء") == ["ذكاء"]


def test_a_table_row_is_one_sentence_despite_an_abbreviated_header():
    row = "Grace/Blackwell — Uni-dir. (GBps): 450; NVLink (GBps): 900; NVLink gen: 5"
    assert split_sentences(f"Generally available:\n{row}") == ["Generally available:", row]


def test_prose_lines_are_still_split_at_sentence_ends():
    assert split_sentences("It is fast. It is cheap.\nNext line") == ["It is fast.", "It is cheap.", "Next line"]
