"""Compact cards: the one-line dek cut from a summary (nashra.pages.views.dek)."""

from __future__ import annotations

import pytest

from nashra.pages.views import DEK_MAX, dek


@pytest.mark.parametrize(("summary", "expected"), [
    ("Putin met Kim. Then they signed a pact.", "Putin met Kim."),
    ("هل ينتقم بوتين؟ يرى خبيران أن الاتفاق رد.", "هل ينتقم بوتين؟"),
    ("  short\n summary  ", "short summary"),
])
def test_dek_is_the_first_sentence(summary, expected):
    assert dek(summary) == expected


@pytest.mark.parametrize("word", ["word", "كلمة،"])
def test_a_long_first_sentence_is_cut_at_a_word_with_an_ellipsis(word):
    text = " ".join([word] * 80)
    cut = dek(text)
    assert cut.endswith("…") and len(cut) <= DEK_MAX + 1
    assert cut[:-1].split()[-1] == word.rstrip("،")  # whole words, no trailing comma


def test_a_sentence_end_past_the_limit_does_not_count():
    text = "a " * 100 + ". Next."
    assert dek(text).endswith("…")
