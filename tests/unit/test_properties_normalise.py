"""Normalisation never raises on arbitrary Unicode, and its tokens point back into the text they came from."""

from __future__ import annotations

from hypothesis import given, settings

from backstory.matching.normalise import MIN_STEM, fold_phrase, fold_word, prepare, stem, tokens_of, unspace
from tests.unit.hostile_text import hostile_text


@settings(max_examples=500, deadline=None)
@given(text=hostile_text)
def test_tokens_are_words_of_the_prepared_text(text: str) -> None:
    prepared = prepare(text)
    for token in tokens_of(prepared):
        assert prepared[token.start : token.start + len(token.raw)] == token.raw
        assert token.key and token.key.isascii() and token.key == token.key.lower()


@settings(max_examples=500, deadline=None)
@given(text=hostile_text)
def test_folding_is_ascii_and_stable(text: str) -> None:
    for word in text.split():
        keys = fold_word(word)
        assert all(key.isascii() for key in keys)
        assert fold_word(word) == keys
    assert all(key.isascii() for key in fold_phrase(text))
    unspace(prepare(text))


@given(text=hostile_text)
def test_a_stem_is_a_prefix_of_its_key(text: str) -> None:
    for key in fold_phrase(text):
        stemmed = stem(key)
        assert key.startswith(stemmed) and len(stemmed) >= min(len(key), MIN_STEM)
