"""Tests for nashra.text.arabic: the case table, offset maps, tokens, clitics, search terms."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pyarabic import araby

from nashra.text.arabic import (
    Token,
    clitic_variants,
    normalize,
    normalize_with_map,
    search_terms,
    tokens,
)

FIXTURES = Path(__file__).parent / "fixtures"
CASES = json.loads((FIXTURES / "arabic_cases.json").read_text(encoding="utf-8"))
SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))

# Characters that exercise every rule: letters of each fold, marks, tatweel, hamza, white
# space, invisible controls, digits, Latin, punctuation, presentation forms.
TRICKY = list(
    "ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآٱىةؤئیکۀەپڤچژگ"
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0610\u06d6\u06dd\u0654\u0653"
    "\u0640\u0640 \n\t\u00a0\u3000\u200b\u200c\u200d\u200e\u200f\u061c\u202b\u2067\ufeff\u00ad"
    "٠١٢٣۴٫٬٪0123456789aZkÉİß'’-.،؛؟()"
    "ﻻﻷﷲﺑﻮﹰﹱ"
)
tricky_text = st.text(alphabet=st.sampled_from(TRICKY), max_size=40)
any_text = st.text(max_size=60)


# --- the case table -------------------------------------------------------------------------


def test_case_table_is_big_and_unique() -> None:
    inputs = [case["input"] for case in CASES]
    assert len(CASES) >= 60
    assert len(set(inputs)) == len(inputs)
    assert all(case["note"] for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["note"][:50])
def test_case(case: dict[str, str]) -> None:
    assert normalize(case["input"]) == case["normalized"]
    assert normalize_with_map(case["input"]).text == case["normalized"]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["note"][:50])
def test_case_is_a_fixed_point(case: dict[str, str]) -> None:
    assert normalize(case["normalized"]) == case["normalized"]


# --- properties -----------------------------------------------------------------------------


def check_map(original: str) -> None:
    """Every invariant of normalize_with_map on one text."""
    norm = normalize_with_map(original)
    assert norm.text == normalize(original)
    offsets = norm.offsets
    assert len(offsets) == len(norm.text) + 1
    assert offsets[-1] == len(original)
    assert all(0 <= a <= b for a, b in itertools.pairwise(offsets))
    assert all(o < len(original) for o in offsets[:-1])


def cuts_expansion(offsets: tuple[int, ...], i: int) -> bool:
    """Whether normalised index i lies inside the expansion of one original character."""
    return 0 < i < len(offsets) - 1 and offsets[i] == offsets[i - 1]


@given(any_text)
def test_idempotent_on_any_text(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(tricky_text)
def test_idempotent_on_tricky_text(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(any_text)
def test_map_invariants_on_any_text(text: str) -> None:
    check_map(text)


@given(tricky_text)
def test_map_invariants_on_tricky_text(text: str) -> None:
    check_map(text)


@given(tricky_text, st.data())
def test_every_span_maps_back(text: str, data: st.DataObject) -> None:
    norm = normalize_with_map(text)
    size = len(norm.text)
    start = data.draw(st.integers(0, size))
    end = data.draw(st.integers(start, size))
    assume(not cuts_expansion(norm.offsets, start) and not cuts_expansion(norm.offsets, end))
    a, b = norm.span(start, end)
    assert normalize(text[a:b]) == norm.text[start:end]


@given(tricky_text)
def test_each_character_maps_back(text: str) -> None:
    norm = normalize_with_map(text)
    for i in range(len(norm.text)):
        if cuts_expansion(norm.offsets, i) or cuts_expansion(norm.offsets, i + 1):
            continue
        a, b = norm.span(i, i + 1)
        assert normalize(text[a:b]) == norm.text[i]


@pytest.mark.parametrize(
    ("text", "char"), [("ﻻ", "ﻻ"), ("ﷲ", "ﷲ"), ("xﻻy", "ﻻ"), ("ـﻻ", "ﻻ"), ("1ـﷲ2", "ﷲ")]
)
def test_span_inside_an_expansion_takes_the_whole_character(text: str, char: str) -> None:
    norm = normalize_with_map(text)
    lam = norm.text.index("ل")
    a, b = norm.span(lam, lam + 1)
    assert char in text[a:b]
    assert "ل" in normalize(text[a:b])


def test_span_rejects_out_of_range() -> None:
    with pytest.raises(ValueError):
        normalize_with_map("كيم").span(2, 5)


@given(st.text(alphabet=st.sampled_from(list("ابتكلمنويهرسأإآىةؤئء ") + list(araby.TASHKEEL))))
def test_pyarabic_strip_tashkeel_is_subsumed(text: str) -> None:
    # pyarabic strips the same marks: stripping with it first changes nothing for us.
    assert normalize(araby.strip_tashkeel(text)) == normalize(text)


@given(st.text(alphabet=st.sampled_from(list("ابتكلمنويهرسأإآؤئ ") + list(araby.TASHKEEL))))
def test_agrees_with_pyarabic_tasheel_hamza(text: str) -> None:
    # pyarabic's 'tasheel' method is the hamza folding we want (not its default 'uniform').
    assert normalize(araby.normalize_hamza(text, method="tasheel")) == normalize(text)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seed_articles(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    check_map(text)
    norm = normalize(text)
    assert normalize(norm) == norm
    assert not any("\u064b" <= ch <= "\u0652" or ch in "أإآىةؤئ\u0640" for ch in norm)
    assert "  " not in norm


# --- the fixed points of folding ------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("الهادئ", "الهادىء"),
        ("شيء", "شئ"),
        ("بيونغ يانغ", "بيونغ  يانغ"),
        ("الشماليّة", "الشمالية"),
        ("الإستراتيجية", "الاستراتيجيه"),
        ("كيم جونغ أون", "كيم جونغ اون"),
        ("ڤلاديمير", "فلاديمير"),
        ("٢٠٢٤", "2024"),
        ("PUTIN", "putin"),
        ("كـــيم", "كيم"),
        ("ﺑﻮﺗﻴﻦ", "بوتين"),
    ],
)
def test_spellings_meet(left: str, right: str) -> None:
    assert normalize(left) == normalize(right)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("كيف", "كييف"),  # "how" never becomes Kyiv
        ("ماء", "ما"),  # standalone hamza is kept
        ("سيئول", "سيول"),  # joined by aliases, not by folding
        ("بيونج", "بيونغ"),
        ("الروسي - الكوري", "الروسي الكوري"),  # a dash tatweel is not deleted
        ("café", "cafe"),
    ],
)
def test_spellings_stay_apart(left: str, right: str) -> None:
    assert normalize(left) != normalize(right)


# --- tokens ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وقال للرئيس", [("وقال", "وقال"), ("للرييس", "للرئيس")]),
        ("بوتينُ، وكيمٌ.", [("بوتين", "بوتينُ"), ("وكيم", "وكيمٌ")]),
        ("Putin’s visit", [("putin", "Putin"), ("s", "s"), ("visit", "visit")]),
        ("عام ٢٠٢٣م", [("عام", "عام"), ("2023", "٢٠٢٣"), ("م", "م")]),
        ("(1917 ـ 1991)", [("1917", "1917"), ("1991", "1991")]),
        ("بيونغ\u00a0يانغ G20", [("بيونغ", "بيونغ"), ("يانغ", "يانغ"), ("g20", "G20")]),
        ("\u200fكـــيم\u200f", [("كيم", "كـــيم\u200f")]),
        ("ﻻ شيء", [("لا", "ﻻ"), ("شي", "شيء")]),
        ("، ؛ ؟ - ...", []),
    ],
)
def test_tokens(text: str, expected: list[tuple[str, str]]) -> None:
    got = tokens(text)
    assert [(t.text, text[t.start : t.end]) for t in got] == expected
    assert all(isinstance(t, Token) for t in got)


@given(tricky_text)
def test_tokens_are_ordered_words_of_the_normalised_text(text: str) -> None:
    got = tokens(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(got))
    assert " ".join(t.text for t in got) == " ".join(
        t.text for t in tokens(normalize(text))
    )
    for t in got:
        assert t.text and " " not in t.text and normalize(t.text) == t.text


# --- clitics and search terms ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("بوتين", ("بوتين", "وتين")),
        ("وبوتين", ("وبوتين", "بوتين", "وتين")),
        ("لبيونغ", ("لبيونغ", "بيونغ")),
        ("وكيم", ("وكيم", "كيم", "يم")),
        ("فلروسيا", ("فلروسيا", "لروسيا", "روسيا")),
        ("للرئيس", ("للرييس", "لرييس", "الرييس")),
        ("وللرئيس", ("وللرييس", "للرييس", "لرييس", "الرييس")),
        ("بالعاصمة", ("بالعاصمه", "العاصمه")),
        ("فبالتالي", ("فبالتالي", "بالتالي", "التالي")),
        ("وشي", ("وشي", "شي")),
        ("كالروس", ("كالروس", "الروس")),
        ("ولل", ("ولل", "لل")),  # لل+stem of 0 letters: no ال form
        ("بي", ("بي",)),  # never strip to one letter
        ("وب", ("وب",)),
        ("و", ("و",)),
        ("سول", ("سول",)),  # not a clitic letter
        ("الروسي", ("الروسي",)),  # the article is not a clitic
        ("Putin", ("putin",)),
        ("٢٠٢٤", ("2024",)),
        ("  ", ()),
        ("وَبِبُوتِينَ", ("وببوتين", "ببوتين", "بوتين")),
    ],
)
def test_clitic_variants(word: str, expected: tuple[str, ...]) -> None:
    assert clitic_variants(word) == expected


@given(st.text(alphabet=st.sampled_from(list("وفبلكاميرس")), min_size=1, max_size=8))
def test_clitic_variants_are_conservative(word: str) -> None:
    forms = clitic_variants(word)
    assert forms[0] == normalize(word)
    assert len(set(forms)) == len(forms)
    word = forms[0]
    for form in forms[1:]:
        assert len(form) >= 2
        # each form is the word minus one or two clitic letters, or لل restored to ال
        stripped = {word[k:]: word[:k] for k in (1, 2)}
        restored = {"ا" + word[k:]: word[: k + 1] for k in (1, 2) if word[k : k + 1] == "ل"}
        prefix = stripped.get(form, restored.get(form))
        assert prefix is not None and set(prefix) <= set("وفبلك")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وبوتين زار سول", "وبوتين بوتين وتين زار سول"),
        ("للقمة في بيونغ يانغ", "للقمه لقمه القمه في بيونغ يونغ يانغ"),
        ("كيم كيم وكيم", "كيم يم وكيم"),
        ("Putin’s VISIT, putin", "putin s visit"),
        ("٢٠٢٤ 2024", "2024"),
        ("", ""),
        ("، ؟", ""),
    ],
)
def test_search_terms(text: str, expected: str) -> None:
    assert search_terms(text) == expected


@given(tricky_text)
def test_search_terms_are_normalised_and_unique(text: str) -> None:
    terms = search_terms(text).split()
    assert len(set(terms)) == len(terms)
    assert all(normalize(term) == term for term in terms)
    assert {t.text for t in tokens(text)} <= set(terms)


# --- speed ----------------------------------------------------------------------------------
