"""The one Arabic fold table (nashra.text.fold) and its agreement with pyarabic."""

from __future__ import annotations

import pytest
from pyarabic import araby

from nashra.ingest.outlets import fold_name
from nashra.text.arabic import normalize
from nashra.text.fold import CORE, LETTER_FOLDS, letter_map


def test_every_letter_folds_once_and_never_to_a_letter_that_folds_again():
    table = letter_map()
    assert sum(len(v) for v in LETTER_FOLDS.values()) == len(table)
    assert not set(table.values()) & table.keys()


def test_a_part_of_the_table_is_asked_for_by_its_letters():
    assert letter_map(CORE) == {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}
    with pytest.raises(ValueError, match="not in the fold table"):
        letter_map("ب")


@pytest.mark.parametrize("word", ["أوكرانيا", "إسرائيل", "آسيا", "مؤتمر", "رئيس", "القمة", "على"])
def test_hamza_seats_fold_the_tasheel_way_like_pyarabic(word):
    # pyarabic's default (`uniform`) turns أ into ء; its `tasheel` method is the one we keep.
    expected = araby.normalize_hamza(word, method="tasheel")
    expected = expected.replace(araby.ALEF_MAKSURA, araby.YEH).replace(araby.TEH_MARBUTA,
                                                                        araby.HEH)
    assert normalize(word) == expected


@pytest.mark.parametrize("mark", araby.TASHKEEL)
def test_every_pyarabic_tashkeel_mark_is_removed(mark):
    word = f"ك{mark}تب"
    assert normalize(word) == araby.strip_tashkeel(word) == "كتب"


def test_outlet_names_fold_with_the_shared_core():
    assert fold_name("صحيفة الأخبار") == fold_name("الاخبار") == "الاخبار"
    assert fold_name("قناة الجزيرة") == "الجزيره"
