"""Date mentions: every date in the five seeds, other outlets' forms, negatives, invariants."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nashra.text.dates import DateMention, find_dates, iso

ROOT = Path(__file__).resolve().parent.parent
TABLE = json.loads((Path(__file__).parent / "fixtures" / "dates_cases.json").read_text("utf-8"))


def ref(value: str | None) -> dt.date | None:
    """A reference date from the table."""
    return dt.date.fromisoformat(value) if value else None


def found(mentions: tuple[DateMention, ...]) -> list[list[Any]]:
    """Mentions as the table writes them: [text, iso, relative]."""
    return [[m.text, iso(m), m.relative] for m in mentions]


def check_spans(text: str, mentions: tuple[DateMention, ...]) -> None:
    """Sorted, non-overlapping spans that match their text and never cut a word."""
    ends = -1
    for m in mentions:
        assert ends <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start == 0 or not text[m.start - 1].isalnum()
        # an ISO date may go on with its time ("2017-10-29T14:48")
        assert m.end == len(text) or not text[m.end].isalnum() or re.match(r"T\d", text[m.end:])
        assert m.end_value is None or m.end_value > m.value
        ends = m.end


@pytest.mark.parametrize("row", TABLE["seeds"], ids=[s["seed"][:3] for s in TABLE["seeds"]])
def test_every_date_in_the_seeds(row: dict[str, Any]) -> None:
    text = (ROOT / "seeds" / row["seed"]).read_text("utf-8")
    mentions = find_dates(text, "ar", ref(row["reference"]))
    assert found(mentions) == row["expect"]
    check_spans(text, mentions)


@pytest.mark.parametrize("row", TABLE["seeds"], ids=[s["seed"][:3] for s in TABLE["seeds"]])
def test_seeds_without_reference_keep_only_absolute_dates(row: dict[str, Any]) -> None:
    text = (ROOT / "seeds" / row["seed"]).read_text("utf-8")
    assert found(find_dates(text, "ar")) == [e for e in row["expect"] if not e[2]]


@pytest.mark.parametrize("row", TABLE["cases"], ids=[c["why"] for c in TABLE["cases"]])
def test_constructed_cases(row: dict[str, Any]) -> None:
    mentions = find_dates(row["text"], row["lang"], ref(row["reference"]))
    assert found(mentions) == row["expect"]
    check_spans(row["text"], mentions)


def test_table_is_broad() -> None:
    cases = TABLE["cases"]
    assert sum(1 for c in cases if c["lang"] == "ar" and c["expect"]) >= 40
    assert sum(1 for c in cases if not c["expect"]) >= 15
    assert sum(len(s["expect"]) for s in TABLE["seeds"]) == 31


@pytest.mark.parametrize(("text", "reference", "want"), [
    # الماضي: the latest such month strictly before the reference month
    ("مايو الماضي", "2024-06-01", "2024-05"),
    ("يونيو الماضي", "2024-06-30", "2023-06"),
    ("يوليو الماضي", "2024-06-20", "2023-07"),
    ("ديسمبر الماضي", "2025-01-05", "2024-12"),
    ("يناير المنصرم", "2025-01-31", "2024-01"),
    # المقبل/القادم: the first one strictly after it
    ("يوليو المقبل", "2024-06-20", "2024-07"),
    ("يونيو المقبل", "2024-06-01", "2025-06"),
    ("يناير القادم", "2024-12-10", "2025-01"),
    # the day takes the year of its month
    ("السادس من أغسطس الماضي", "2025-06-19", "2024-08-06"),
    ("العاشر من يونيو الماضي", "2024-06-20", "2023-06-10"),
    ("الخامس من يوليو المقبل", "2024-06-20", "2024-07-05"),
    # a year relative to the reference year
    ("أبريل من العام المقبل", "2024-06-20", "2025-04"),
    ("سبتمبر من هذا العام", "2024-06-20", "2024-09"),
    ("June next year", "2024-06-20", "2025-06"),
    ("this December", "2024-06-20", "2024-12"),
])
def test_relative_months(text: str, reference: str, want: str) -> None:
    lang = "en" if text.isascii() else "ar"
    (m,) = find_dates(text, lang, dt.date.fromisoformat(reference))
    assert (m.text, iso(m), m.relative) == (text, want, True)


@pytest.mark.parametrize(("text", "reference", "want"), [
    ("اليوم الخميس", "2025-06-19", "2025-06-19"),
    ("أمس الأربعاء", "2025-06-19", "2025-06-18"),
    ("يوم أمس الأربعاء", "2025-06-19", "2025-06-18"),
    ("أول أمس الثلاثاء", "2025-06-19", "2025-06-17"),
    ("غداً الجمعة", "2025-06-19", "2025-06-20"),
    ("بعد غد السبت", "2025-06-19", "2025-06-21"),
    # a reference a day off: nothing rather than a wrong day
    ("اليوم الخميس", "2025-06-18", None),
    ("أول من أمس الثلاثاء", "2025-06-20", None),
    ("اليوم الخميس", None, None),
])
def test_weekday_words_only_when_the_reference_agrees(
        text: str, reference: str | None, want: str | None) -> None:
    got = [iso(m) for m in find_dates(f"قال {text} إن", "ar", ref(reference))]
    assert got == ([want] if want else [])


@pytest.mark.parametrize(("mention", "want"), [
    (DateMention(0, 1, "x", dt.date(2024, 6, 19), "day"), "2024-06-19"),
    (DateMention(0, 1, "x", dt.date(2023, 9, 1), "month"), "2023-09"),
    (DateMention(0, 1, "x", dt.date(1961, 1, 1), "year"), "1961"),
    (DateMention(0, 1, "x", dt.date(1950, 1, 1), "year", dt.date(1953, 1, 1)), "1950/1953"),
    (DateMention(0, 1, "x", dt.date(2024, 6, 5), "day", dt.date(2024, 6, 7)),
     "2024-06-05/2024-06-07"),
    (DateMention(0, 1, "x", dt.date(999, 1, 1), "year"), "0999"),
])
def test_iso(mention: DateMention, want: str) -> None:
    assert iso(mention) == want


def test_values_are_first_days_of_their_period() -> None:
    (month, year, span) = find_dates("في سبتمبر 2023 وعام 1961 و(1950-1953)", "ar")
    assert (month.value, month.precision) == (dt.date(2023, 9, 1), "month")
    assert (year.value, year.precision) == (dt.date(1961, 1, 1), "year")
    assert (span.value, span.end_value) == (dt.date(1950, 1, 1), dt.date(1953, 1, 1))


def test_deterministic() -> None:
    text = (ROOT / "seeds" / TABLE["seeds"][4]["seed"]).read_text("utf-8")
    runs = {find_dates(text, "ar", dt.date(2025, 6, 19)) for _ in range(3)}
    assert len(runs) == 1


@pytest.mark.parametrize("text", [
    "يناير - " * 5000 + "2024",
    " " * 100_000,
    "1 " * 20_000,
    "في " * 10_000 + "2024",
    "ـ" * 50_000,
    "١" * 50_000,
    "19 " * 10_000 + "يونيو 2024",
    "يونيو/" * 10_000 + "الماضي",
    "(" * 20_000 + "2024" + ")" * 20_000,
], ids=["month-chain", "spaces", "numbers", "cues", "tatweel", "digits", "days", "pairs", "parens"])
def test_degenerate_text_gives_valid_spans(text: str) -> None:
    # Their speed (no catastrophic backtracking) is measured in benchmarks/text_speed.py.
    check_spans(text, find_dates(text, "ar", dt.date(2024, 6, 20)))


WORDS = ["يونيو", "حزيران", "/", "الماضي", "المقبل", "عام", "سنة", "في", "منذ", "بين", "و",
         "من", "إلى", "السادس", "الحادي", "عشر", "اليوم", "الخميس", "أمس", "هـ", "رمضان", "(",
         ")", "-", "ـ", "،", "آب", "مارس", "June", "last", "in", "from", "to", "19", "2024",
         "1950", "53", "٢٠٢٤", "31", "4.8", "2024م", "\u200f", "\u064b", "ً", "the", "of"]


@settings(max_examples=500, deadline=None)
@given(tokens=st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=4)), max_size=40),
       seps=st.lists(st.sampled_from(["", " ", "  ", "\n"]), min_size=40, max_size=40),
       lang=st.sampled_from(["ar", "en"]),
       reference=st.one_of(st.none(), st.dates()))
def test_never_raises_and_spans_are_sound(tokens: list[str], seps: list[str], lang: str,
                                          reference: dt.date | None) -> None:
    text = "".join(t + s for t, s in zip(tokens, seps, strict=False))
    mentions = find_dates(text, lang, reference)  # type: ignore[arg-type]
    check_spans(text, mentions)
    assert all(m.precision in ("day", "month", "year") and iso(m) for m in mentions)
