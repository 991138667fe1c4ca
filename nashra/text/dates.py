"""Explicit date mentions in Arabic and English news text.

Rule-based on purpose (NOTES.md: dateparser misses the Levantine and paired month names,
fills gaps from the reference date and reads "4.8" as a date). Every form is one regex,
compiled once, run over a folded copy of the text whose offsets map back to the original.
Each rule is a *core* regex that starts on something rare and cheap to find (digits, a month
name, a year word) and a *lead* regex tried backwards from a core match for what may come
before it (proclitics, "أواخر", "في", the first month of a range). Regexes that start with
optional words are tried at every position of the text and run 20-30 times slower.

Decisions (tests/test_dates.py holds each one):
- A month with no year counts only with a relative word: "نوفمبر الماضي", "last June".
  A bare "في سبتمبر" or "19 يونيو" is left out: whether it is the last or the next one
  depends on tense, and a wrong year is worse than no link.
- Relative words resolve against `reference` (the publication date), month by month:
  الماضي/المنصرم/الفائت/last = the latest such month strictly before the reference month;
  المقبل/القادم/next = the first one strictly after it; الجاري/الحالي/this = the reference
  year; "من العام الماضي/المقبل/الجاري", "last/next/this year" = reference year -1/+1/0.
  A day in such a mention ("السادس من أغسطس الماضي") takes the year of its month. Without
  a reference, relative mentions are not reported.
- "اليوم/أمس/أول من أمس/غداً + weekday" resolves only when the reference date falls on the
  weekday the words imply, so a reference that is a day off yields nothing rather than a
  wrong day. "الشهر الماضي", "العام الماضي", "الخميس الماضي", "yesterday" are left out.
- A four-digit year stands alone only with a cue (عام، سنة، في، منذ، حتى، خلال …, a season,
  "مطلع/أواخر", parentheses, "in/since/by …") and never before a unit or a counted noun
  ("في 2000 جندي", "2024 شخصاً", "in 2000 people"). Years run from 1000 to 2199; after a
  bare preposition (في، منذ، in, since …) or alone in parentheses only from 1900 to 2100,
  because "في 1200 قرية" is far more often a count than a year in today's news.
- Month names that are also ordinary words (مارس "practised", نيسان the car maker,
  أيار/آب/تموز as names, ماي، جوان، أوت) need no rule of their own: no month is ever taken
  without a day, a year or a relative word beside it, and never inside a longer word.
- Hijri dates ("١٤٤٥ هـ", "رمضان 1445", "1443/1/1هـ") are recognised and skipped: their
  span is claimed, so "عام 1445 هـ" is not read as 1445 AD, but nothing is reported,
  because the Umm al-Qura and tabular calendars disagree by a day or two. So is an
  impossible date ("31 فبراير 2024"): neither it nor the month inside it is reported.
- Numeric dates: ISO "2024-06-19" in both languages; day-first "19/6/2024" in Arabic only
  (English "6/7/2024" is ambiguous); years 1900-2100 only, since bare numbers carry no
  calendar.
- Ranges: "(1950-1953)", bare "1950–1953" (four digits each side, from 1900 on),
  "بين عامي ... و...", "من 5 إلى 7 يونيو", "28 مايو - 2 يونيو",
  "يناير - مارس 2024", and two dates of one precision joined by "-", "إلى", "حتى",
  "to", or by "و"/"and" after "بين"/"between". Day ranges take the last month's year,
  minus one if the first month is later ("28 ديسمبر - 3 يناير 2024").
- `value` and `end_value` are the first day of their period at month or year precision.
  A span never cuts a word: attached proclitics (و ف ب ل ك) are part of it, because a
  <time> element around half a word would break Arabic letter joining.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from nashra.model import Precision
from nashra.text.date_rules import (
    _ANCHORS,
    _LOOKBACK,
    _MARKS,
    _RULES,
    _TATWEEL,
    _Ctx,
    _fold,
    _Folded,
    _Found,
    _Hit,
    _Rule,
)


@dataclass(frozen=True)
class DateMention:
    """One explicit date (or date range) found in a text."""

    start: int  # offsets in the given text
    end: int
    text: str
    value: dt.date  # first day of the period for month/year precision
    precision: Precision
    end_value: dt.date | None = None  # for ranges "(1950-1953)", "من 5 إلى 7 يونيو"
    relative: bool = False  # resolved from "الماضي" / "المقبل" / "last June" against the reference


# --- putting it together ------------------------------------------------------------------

_DIGITS = re.compile(r"\d+")


def _cores(rule: _Rule, text: str, digit_runs: list[int]) -> Iterable[re.Match[str]]:
    """Matches of a rule's core; one scan for all digit cores is much cheaper than one each."""
    if not rule.digit:
        return rule.core.finditer(text)
    return filter(None, (rule.core.match(text, pos) for pos in digit_runs))


def _candidates(rules: Iterable[_Rule], ctx: _Ctx) -> list[_Hit]:
    """Every hit of every rule; a date that does not exist (31 فبراير) gives none."""
    text = ctx.folded.text
    digit_runs = [m.start() for m in _DIGITS.finditer(text)]
    # Where each anchor first occurs, -1 if nowhere.
    first: dict[str, int] = {"digit": digit_runs[0] if digit_runs else -1}
    hits: list[_Hit] = []
    for rule in rules:
        at = first.get(rule.needs)
        if at is None:
            anchor = _ANCHORS[rule.needs].search(text)
            at = first[rule.needs] = anchor.start() if anchor else -1
        if at < 0:
            continue
        cores = rule.core.finditer(text, at) if rule.opens else _cores(rule, text, digit_runs)
        for core in cores:
            lead = None
            if rule.lead is not None:
                lead = rule.lead.search(text, max(0, core.start() - _LOOKBACK), core.start())
                if lead is None:  # inside a longer word, or the cue it needs is missing
                    continue
            found = _Found.of(core, lead)
            try:
                hits.extend(rule.build(found, ctx))
            except (ValueError, OverflowError):
                # "31 فبراير 2024" is no date, and "فبراير 2024" inside it is none either.
                hits.append(_Hit(found.start, found.end))
    return hits


def _select(hits: list[_Hit]) -> list[_Hit]:
    """Claimed spans first (Hijri, impossible dates), then longest, then leftmost."""
    chosen: list[_Hit] = []  # kept sorted by start; never overlapping, so by end as well
    starts: list[int] = []
    for hit in sorted(hits, key=lambda h: (h.value is not None, h.start - h.end, h.start)):
        i = bisect_right(starts, hit.start)
        if (i and chosen[i - 1].end > hit.start) or (i < len(chosen) and starts[i] < hit.end):
            continue
        chosen.insert(i, hit)
        starts.insert(i, hit.start)
    return [h for h in chosen if h.value is not None]


_GAP = re.compile(r"\s*(?:-|(?:و\s*)?(?:الي|حتي|لغايه)|to|until|through)\s*")
_AND_GAP = re.compile(r"\s*(?:و|and)\s*")
_BETWEEN = re.compile(r"(?<!\w)[وف]?(?:بين|between|Between)\s+\Z")


def _joins(prev: _Hit, hit: _Hit, folded: str) -> bool:
    """True when the words between two dates make them one range."""
    if hit.end_value is not None or prev.end_value is not None:
        return False
    gap = folded[prev.end:hit.start]
    if _GAP.fullmatch(gap):
        return True
    # No month, ordinal or cue starts with a و of its own, so a leading و is the
    # conjunction: "بين عام 2019 وعام 2021".
    if folded.startswith("و", hit.start):
        gap += "و"
    return bool(_AND_GAP.fullmatch(gap) and _BETWEEN.search(folded, 0, prev.start))


def _merge_ranges(hits: list[_Hit], folded: str) -> list[_Hit]:
    """Join "سبتمبر 2023 - مارس 2024", "منذ 2019 حتى 2021", "between June 2023 and May 2024"."""
    out: list[_Hit] = []
    for hit in hits:
        prev = out[-1] if out else None
        if (prev is not None and prev.value is not None and hit.value is not None
                and prev.precision == hit.precision and prev.value < hit.value
                and _joins(prev, hit, folded)):
            out[-1] = replace(prev, end=hit.end, end_value=hit.value,
                              relative=prev.relative or hit.relative)
        else:
            out.append(hit)
    return out


def _mention(text: str, folded: _Folded, hit: _Hit, value: dt.date) -> DateMention:
    """A hit in original offsets; marks after its last letter stay inside the span."""
    start, end = folded.origin(hit.start), folded.origin(hit.end - 1) + 1
    while end < len(text) and (text[end] in _MARKS or text[end] == _TATWEEL):
        end += 1
    return DateMention(start, end, text[start:end], value, hit.precision, hit.end_value,
                       hit.relative)


def find_dates(text: str, lang: Literal["ar", "en"],
               reference: dt.date | None = None) -> tuple[DateMention, ...]:
    """Explicit date mentions in `text`, sorted by start and non-overlapping."""
    if lang not in _RULES:
        raise ValueError(f"unknown language {lang!r}; expected one of {sorted(_RULES)}")
    folded = _fold(text)
    hits = _select(_candidates(_RULES[lang], _Ctx(text, folded, reference)))
    return tuple(_mention(text, folded, h, h.value) for h in _merge_ranges(hits, folded.text)
                 if h.value is not None)


def iso_at(value: dt.date, precision: Precision) -> str:
    """One date at its precision: "2024-06-19", "2023-09" or "1961"."""
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def iso(m: DateMention) -> str:
    """The value for <time datetime="...">; a range is "start/end" ("1950/1953")."""
    first = iso_at(m.value, m.precision)
    return first if m.end_value is None else f"{first}/{iso_at(m.end_value, m.precision)}"
