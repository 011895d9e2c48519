"""How much of a question the knowledge base speaks about (``HybridRetriever.coverage``)."""

from __future__ import annotations


def test_question_about_an_article_is_mostly_covered(retriever):
    assert retriever.coverage("Why does the GB200 NVL72 use copper NVLink cables?").share >= 0.5


def test_question_about_an_article_has_several_covered_terms(retriever):
    assert retriever.coverage("Why does the GB200 NVL72 use copper NVLink cables?").terms >= 4


def test_weather_question_is_barely_covered(retriever):
    assert retriever.coverage("What's the weather in Cairo tomorrow?").share < 0.5


def test_arabic_recipe_is_not_covered(retriever):
    assert retriever.coverage("أعطني وصفة كنافة بالجبن").terms == 0


def test_empty_question_covers_nothing(retriever):
    assert retriever.coverage("؟؟").share == 0.0


def test_a_concept_is_covered_by_its_other_language_form(retriever):
    question = "zzqxw NVLink cables"  # as if "zzqxw" were another language's word for copper
    alone = retriever.coverage(question)
    bridged = retriever.coverage(question, concepts=[(("zzqxw",), {"copper"}), (("nvlink",), ()), (("cable",), ())])
    assert bridged.share > alone.share + 0.2


def test_a_word_no_passage_has_is_never_covered_through_concepts(retriever):
    covered = retriever.coverage("zzqxw", concepts=[(("zzqxw",), {"qqqyy"})])
    assert covered.terms == 0
