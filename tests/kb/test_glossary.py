"""The bilingual glossary: an Arabic question's concepts in English words and back."""

import pytest

from bot.kb.arabic import tokenize
from bot.kb.glossary import Glossary, default_glossary


@pytest.fixture
def glossary():
    return Glossary([("memory", ["ذاكرة", "ذواكر"]), ("memory bandwidth", ["عرض نطاق الذاكرة"]),
                     ("bandwidth", ["عرض النطاق", "باندويث"]), ("faster", ["أسرع"]), ("training", ["تدريب"]),
                     ("nvlink", ["NVLink"])])


def test_an_arabic_word_brings_its_english_term(glossary):
    assert list(glossary.bridge("كم حجم الذاكرة؟", "en")) == ["memory"]


def test_an_attached_prefix_does_not_hide_the_word(glossary):
    assert list(glossary.bridge("وبالتدريب", "en")) == ["training"]


def test_the_longest_phrase_wins(glossary):
    assert sorted(glossary.bridge("كم عرض نطاق الذاكرة؟", "en")) == ["bandwidth", "memory"]


def test_a_dialect_form_is_a_form_like_any_other(glossary):
    assert list(glossary.bridge("كم الباندويث؟", "en")) == ["bandwidth"]


def test_an_english_question_brings_arabic_terms(glossary):
    assert list(glossary.bridge("Is training faster?", "ar")) == ["تدريب", "اسرع"]


def test_latin_forms_are_not_arabic_forms(glossary):
    assert list(glossary.bridge("NVLink", "ar")) == []


def test_words_already_in_the_question_are_not_repeated(glossary):
    assert list(glossary.bridge("memory الذاكرة", "en")) == []


def test_an_unknown_question_brings_nothing(glossary):
    assert list(glossary.bridge("وصفة كنافة", "en")) == []


def test_the_shipped_glossary_is_loaded():
    assert len(default_glossary()) >= 500


def test_the_shipped_glossary_knows_bandwidth():
    assert "bandwidth" in default_glossary().bridge("عرض النطاق الترددي", "en")


def test_each_word_of_a_phrase_carries_a_share_of_its_concept(glossary):
    assert glossary.bridge("How much memory bandwidth?", "ar")["نطاق"] == 1 / 3


def test_a_one_word_form_carries_the_whole_concept(glossary):
    assert glossary.bridge("How much memory?", "ar")["ذاكره"] == 1.0


def test_a_phrase_is_one_concept(glossary):
    assert len(glossary.concepts("عرض نطاق الذاكرة")) == 1


def test_a_concept_carries_the_other_language_words(glossary):
    assert glossary.concepts("عرض نطاق الذاكرة")[0][1] == {"memory", "bandwidth"}


def test_an_unknown_word_is_a_concept_of_its_own(glossary):
    assert glossary.concepts("الطقس الذاكرة")[0][1] == frozenset()


def test_an_english_question_gets_arabic_words(glossary):
    assert tokenize("ذاكرة")[0] in glossary.concepts("how much memory")[-1][1]
