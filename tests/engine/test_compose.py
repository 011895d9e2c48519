"""Answer-level evidence: the sentence that answers leads, repeats are dropped, markdown
never reaches the reply, and a follow-up moves on to what was not said yet."""

import numpy as np

from bot.engine.compose import compose, looks_like_prose, readable, sentence_key
from bot.kb.retriever import Hit


def _hit(text, n=1, lang="en", article="a"):
    return Hit(f"{article}:{n}", text, article, "Title", lang, "", "", n, 1.0 / n, None, None, n, "Section")


def _no_translation(hit, lang):
    return None


def test_markdown_marks_are_removed():
    assert readable("**Bold** and `code` with a [link](https://x.y) | cell") == "Bold and code with a link — cell"


def test_code_is_not_prose():
    assert not looks_like_prose("inter_token_time = last_token_time - first_token_time")


def test_a_sentence_is_prose():
    assert looks_like_prose("Liquid cooling lowers the PUE of a data centre to about 1.1.")


def test_the_answering_sentence_leads(embeddings):
    hit = _hit("Data centres also need staff and buildings. An H100 rented for about $2 per hour in 2026.")
    body = compose("What does an H100 hour cost to rent?", "en", [hit], _no_translation, embeddings).body
    assert body[0].startswith("An H100 rented for about $2 per hour in 2026.")


def test_the_same_statement_from_two_articles_is_said_once(embeddings):
    hits = [_hit("An H100 rented for about $2 per hour in 2026.", 1, article="a"),
            _hit("An H100 rented for about $2 per hour in 2026!", 2, article="b")]
    composed = compose("What does an H100 hour cost?", "en", hits, _no_translation, embeddings)
    assert composed.body[0].count("H100") == 1


def test_a_restatement_with_fewer_figures_is_dropped(embeddings):
    from bot.engine.compose import _Candidate, _same_statement

    hit = _hit("x")
    full = _Candidate("Llama 3.1 405B used 30.84 million H100 GPU-hours on up to 16,384 GPUs.", hit, False, 0, 0, set(), 0)
    part = _Candidate("Llama 3.1 405B took 30.84 million H100 GPU-hours.", hit, False, 0, 1, set(), 0)
    full.vector, part.vector = np.asarray(embeddings.embed_passages([full.sentence, part.sentence]))
    assert _same_statement(part, full)


def test_a_row_with_another_figure_is_another_fact(embeddings):
    from bot.engine.compose import _Candidate, _same_statement

    hit = _hit("x")
    a = _Candidate("B200 — memory bandwidth: 8.0 TB/s", hit, False, 0, 0, set(), 0)
    b = _Candidate("H200 — memory bandwidth: 4.8 TB/s", hit, False, 0, 1, set(), 0)
    a.vector, b.vector = np.asarray(embeddings.embed_passages([a.sentence, b.sentence]))
    assert not _same_statement(b, a)


def test_every_quoted_sentence_is_cited(embeddings):
    hits = [_hit("Electricity is about a tenth of the cost of an AI data centre. Hardware is most of the rest.")]
    composed = compose("How much of the cost is electricity?", "en", hits, _no_translation, embeddings)
    assert composed.body[0].endswith("[1]")


def test_a_followup_skips_what_was_already_said(embeddings):
    hit = _hit("Electricity is about a tenth of the cost of an AI data centre. "
               "Servers and chips are about sixty percent of the cost. "
               "Networking adds roughly fifteen percent. Buildings and cooling take most of what remains. "
               "Staff and maintenance are a small share.")
    first = compose("What share of the cost is electricity?", "en", [hit], _no_translation, embeddings)
    again = compose("What share of the cost is electricity? and the rest?", "en", [hit], _no_translation,
                    embeddings, set(first.said))
    assert not set(again.said) & set(first.said)


def test_sentence_key_ignores_punctuation_and_case():
    assert sentence_key("An H100 costs $2.") == sentence_key("an h100 costs $2")


def test_a_sentence_ending_in_a_colon_brings_the_lines_it_announces():
    from bot.engine.compose import _Candidate, _with_what_they_announce

    hit = _hit("Megatron-LM published the following stats for A100-80GB:\nGPT-3 175B — MFU: 51.4%\nNext.")
    lines = ["Megatron-LM published the following stats for A100-80GB:", "GPT-3 175B — MFU: 51.4%", "Next."]
    candidates = [_Candidate(text, hit, False, 0, pos, set(), 0.0) for pos, text in enumerate(lines)]
    chosen = _with_what_they_announce([candidates[0]], candidates)
    assert [c.sentence for c in chosen][:2] == lines[:2]


def test_of_the_announced_rows_the_ones_the_question_names_come():
    from bot.engine.compose import _Candidate, _with_what_they_announce

    lines = ["Published stats for A100-80GB:", "22B — MFU: 41.5%", "175B — MFU: 51.4%", "530B — MFU: 56.0%",
             "1T — MFU: 56.3%"]
    hit = _hit("\n".join(lines))
    lexical = [0.0, 0.0, 0.0, 0.0, 3.0]  # the question names "1T"
    candidates = [_Candidate(text, hit, False, 0, pos, set(), lexical[pos]) for pos, text in enumerate(lines)]
    chosen = _with_what_they_announce([candidates[0]], candidates)
    assert "1T — MFU: 56.3%" in [c.sentence for c in chosen]


def test_announced_rows_keep_the_documents_order():
    from bot.engine.compose import _Candidate, _with_what_they_announce

    lines = ["Published stats:", "22B — 41.5%", "175B — 51.4%", "1T — 56.3%"]
    hit = _hit("\n".join(lines))
    lexical = [0.0, 0.0, 2.0, 3.0]
    candidates = [_Candidate(text, hit, False, 0, pos, set(), lexical[pos]) for pos, text in enumerate(lines)]
    chosen = _with_what_they_announce([candidates[0]], candidates)
    assert [c.sentence for c in chosen] == ["Published stats:", "175B — 51.4%", "1T — 56.3%"]


def test_glossary_words_lead_an_arabic_question_to_the_english_sentence():
    hit = _hit("The chip has 141 GB of HBM3e memory. Its NVLink bandwidth is 900 GB/s per GPU.")
    composed = compose("كم يبلغ عرض النطاق؟", "ar", [hit], _no_translation, None, bridged={"bandwidth": 1.0})
    assert "900 GB/s" in composed.body[1].split("[1]")[0]


def test_without_glossary_words_the_english_sentence_has_nothing_to_match():
    hit = _hit("The chip has 141 GB of HBM3e memory. Its NVLink bandwidth is 900 GB/s per GPU.")
    composed = compose("كم يبلغ عرض النطاق؟", "ar", [hit], _no_translation, None)
    assert "900 GB/s" not in composed.body[1].split("[1]")[0]
