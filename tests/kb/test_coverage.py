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
