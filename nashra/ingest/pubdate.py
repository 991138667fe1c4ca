"""The publication date as weighed evidence, not "the latest date in the text".

Every line that may date the article gives candidates with a kind and a weight: a labelled
metadata line ("نشر في", "Published", "Write/Update") is strong; a wire dateline
("القاهرة – 5 – 9 (أ ش أ)") or "اليوم الخميس 25 يناير" in the lead is strong; a bare date
line under the headline is good; one above the headline may be an aggregator's crawl stamp or
the site's running date (weak); dates in the body are events and never count unless phrased
as today's; embedded posts, comments and related lists never count. The heaviest candidate
wins; among equals the earliest, so a later crawl or update stamp never beats publication.
A day and month without a year (wire datelines) take the year that other evidence names and,
when a weekday is given, that the weekday fits.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from nashra.ingest.lines import DateEvidence, _Line
from nashra.text.date_rules import (
    _AR_MONTH,
    _AR_MONTH_NUM,
    _AR_WEEKDAYS,
    _EN_MONTH_NUM,
    _f,
    _key,
)
from nashra.text.dates import find_dates


@dataclass(frozen=True)
class _Candidate:
    value: dt.date
    weight: int
    evidence: DateEvidence


@dataclass(frozen=True)
class _Partial:
    """A day and month without a year, maybe with the weekday the text names."""

    day: int
    month: int
    weekday: int | None
    weight: int
    evidence: DateEvidence


# Labels of a metadata line, Arabic and English; "updated" ones date a later version.
_PUBLISHED = re.compile(
    r"^\W*(?:تاريخ النشر|تم النشر|نشر في|نشرت في|نشر بتاريخ|نشر|نشرت|منشور|تاريخ|"
    r"published(?: on| at)?|posted(?: on)?|write\s*/\s*update|date|created|"
    r"publication date|first published)\b", re.I)
_UPDATED = re.compile(
    r"^\W*(?:اخر تحديث|تم التحديث|تاريخ التحديث|محدث|تحديث|اخر تعديل|"
    r"(?:last )?updated(?: on| at)?|modified)\b", re.I)
_EN_MON = "|".join(sorted({k for k in _EN_MONTH_NUM if len(k) >= 3}, key=len, reverse=True))
# Forms find_dates leaves to metadata lines: "05-Sep-2024", "09/25/2024" (month first when the
# day cannot be a month), "31/10/202414:22" (glued time), "10 سبتمبر ,2023".
_DMONY = re.compile(rf"(?<!\d)(\d{{1,2}})[-\s]({_EN_MON})\.?[-\s,]+(\d{{4}})(?!\d)", re.I)
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)")
_AR_SPLIT = re.compile(rf"(?<!\d)(\d{{1,2}})\s+(?:من\s+)?({_AR_MONTH})\s*[,،]\s*((?:19|20)\d\d)")
# A day and month with no year: "16 أيلول", "5 – 9" in a wire dateline, "18 فبراير".
_AR_DAY_MONTH = re.compile(rf"(?<!\d)(\d{{1,2}})\s+(?:من\s+)?({_AR_MONTH})(?!\w)")
_EN_DAY_MONTH = re.compile(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\s+({_EN_MON})\b|"
                           rf"\b({_EN_MON})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)
_WIRE_NUMERIC = re.compile(r"^[^\d()]{2,30}?[\s,،]\s*(?:في\s+)?(\d{1,2})\s*[-–—/]\s*(\d{1,2})\s*"
                           r"[-–—(/]")
_WEEKDAY = re.compile("(?<!\\w)(?:يوم\\s+)?(" + "|".join(_AR_WEEKDAYS) + ")(?!\\w)")
_EN_WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday",
                                            "friday", "saturday", "sunday"))}
_EN_WEEKDAY = re.compile(r"\b(" + "|".join(_EN_WEEKDAYS) + r")\b", re.I)
_TODAY = re.compile(r"(?<!\w)(?:اليوم|صباح اليوم|مساء اليوم|الليله|today)\s*$")
_YESTERDAY = re.compile(r"(?<!\w)(?:امس|يوم امس|yesterday)\s*$")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_HIJRI = re.compile(r"\d\s*هـ|هجري|(?:محرم|صفر|ربيع|جمادي|جمادى|رجب|شعبان|رمضان|شوال|ذو القعده|"
                    r"ذو الحجه|ذي القعده|ذي الحجه)\s+\d{4}")
_RELATIVE = re.compile(r"(?<!\w)(?:منذ|قبل)\s+\d*\s*\w+|\b(?:ago)\b", re.I)


def _fold(text: str) -> str:
    """The spelling date_rules matches against (digits ASCII, alef/ya/ta folded)."""
    return _f(text)


def _weekday_near(text: str, start: int) -> int | None:
    """The weekday named just before position `start` ('الخميس، 5 سبتمبر', 'Thursday, 05-')."""
    before = text[max(0, start - 25):start]
    ar = list(_WEEKDAY.finditer(before))
    if ar:
        return _AR_WEEKDAYS[ar[-1].group(1)]
    en = list(_EN_WEEKDAY.finditer(before))
    return _EN_WEEKDAYS[en[-1].group(1).lower()] if en else None


def _full_dates(text: str) -> list[tuple[dt.date, int]]:
    """(date, offset) for every full date on a line, metadata forms included."""
    folded = _fold(text)
    found: list[tuple[dt.date, int]] = []
    for lang in ("ar", "en"):
        found += [(m.value, m.start) for m in find_dates(text, lang=lang)  # type: ignore[arg-type]
                  if m.precision == "day" and not m.relative and m.end_value is None]
        if found:
            break
    for m in _DMONY.finditer(folded):
        found.append((_safe(int(m.group(3)), _EN_MONTH_NUM[m.group(2).lower()], int(m.group(1))),
                      m.start()))
    for m in _AR_SPLIT.finditer(folded):
        found.append((_safe(int(m.group(3)), _AR_MONTH_NUM[_key(m.group(2))], int(m.group(1))),
                      m.start()))
    if not found:
        for m in _NUMERIC.finditer(folded):
            a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            day, month = (b, a) if b > 12 >= a else (a, b)  # month first only when it must be
            found.append((_safe(y, month, day), m.start()))
    years = _YEAR.findall(folded)
    if not found and len(years) == 1:  # "GMT 18:30 2024 الأربعاء 13 مارس"
        found = [(_safe(int(years[0]), m, d), 0) for d, m, _ in _partials(text, any_year=True)]
    return [(d, at) for d, at in found if d is not None]


def _safe(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None for an impossible one."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _partials(text: str, any_year: bool = False) -> list[tuple[int, int, int | None]]:
    """(day, month, weekday) for day-month mentions with no year on the line."""
    folded = _fold(text)
    if _YEAR.search(folded) and not any_year:
        return []
    out = []
    for m in _AR_DAY_MONTH.finditer(folded):
        out.append((int(m.group(1)), _AR_MONTH_NUM[_key(m.group(2))], _weekday_near(folded,
                                                                                  m.start())))
    for m in _EN_DAY_MONTH.finditer(folded):
        day, mon = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        out.append((int(day), _EN_MONTH_NUM[mon.lower()], _weekday_near(folded, m.start())))
    return out


@dataclass(frozen=True)
class Layout:
    """Where the article's parts are: what a line's position says about its dates."""

    title: int | None  # line of the headline
    first_body: int | None  # line of the first body paragraph
    last_body: int | None
    lead: tuple[int, ...]  # lines of the first two body paragraphs
    lead_end: int | None  # line of the third paragraph: a stamp above it still heads the text
    ignored: frozenset[int]  # tweets, comments, related lists: never evidence
    bylines: frozenset[int]


def _kind(line: _Line, layout: Layout, stamp_only: bool) -> tuple[str, int] | None:
    """The kind and weight of the dates on one line, or None if they are not evidence."""
    fold = _fold(line.text).casefold()
    if _UPDATED.match(fold):
        return "updated", 60
    if _PUBLISHED.match(fold):
        return "published", 100
    if line.no in layout.bylines:
        return "byline", 90
    if layout.first_body is not None and line.no >= layout.first_body:
        # Under a standfirst the stamp still heads the article; after the body a bare date may
        # be a comment's or a related item's, so only labelled footers count (above).
        in_lead = layout.lead_end is None or line.no < layout.lead_end
        return ("stamp", 75) if stamp_only and in_lead else None
    hijri = bool(_HIJRI.search(fold))
    if not stamp_only and not hijri:
        return ("header", 55) if len(line.text) <= 120 else None
    if layout.title is not None and line.no < layout.title:
        return ("masthead", 30) if hijri else ("stamp-above-headline", 50)
    return ("masthead", 30) if hijri and not _PUBLISHED.match(fold) else ("stamp", 80)


def _lead_candidates(line: _Line, first: bool) -> tuple[list[_Candidate], list[_Partial]]:
    """A wire dateline and "today <weekday> <date>" phrases in a lead paragraph."""
    folded = _fold(line.text)
    full: list[_Candidate] = []
    partial: list[_Partial] = []
    head = folded[:90]
    wire = _WIRE_NUMERIC.match(head) if first else None
    weekday = _WEEKDAY.search(folded[:300])
    wd = _AR_WEEKDAYS[weekday.group(1)] if weekday else None
    if wire:
        ev = DateEvidence("wire-dateline", _opening(line.text, wire.end()), line.no)
        partial.append(_Partial(int(wire.group(1)), int(wire.group(2)), wd, 95, ev))
    for value, at in _full_dates(line.text):
        before = folded[max(0, at - 30):at]
        near = _weekday_near(folded, at)
        stripped = re.sub(r"(?:\s|[،,(]|يوم)+$", "", _WEEKDAY.sub("", before))
        if first and _PLACE_BEFORE.match(folded[:at]) and _AGENCY_AFTER.match(
                folded, at + _date_length(folded, at)):
            kind, weight = "wire-dateline", 95
        elif _TODAY.search(stripped):
            kind, weight = "today", 85
        elif _YESTERDAY.search(stripped):
            value, kind, weight = value + dt.timedelta(days=1), "yesterday", 85
        elif near is not None and near == value.weekday() and first:
            kind, weight = "weekday-date", 60
        else:
            continue
        full.append(_Candidate(value, weight, DateEvidence(kind, line.text[
            max(0, at - 30):at + 25].strip(), line.no)))
    if first and not wire:
        for day, month, near in _partials(head[:45]):
            marks = [i for i in (line.text.find("("), line.text.find("/")) if 0 <= i < 60]
            ev = DateEvidence("wire-dateline", _opening(line.text, min(marks, default=20)),
                              line.no)
            partial.append(_Partial(day, month, near if near is not None else wd, 90, ev))
    return full, partial


# A wire dateline: a place of one to three words, the date, then the agency or a dash.
_PLACE_BEFORE = re.compile(r"^[^\W\d_]+(?:\s[^\W\d_]+){0,2}\s*[-–—,،]?\s*(?:في\s+)?$")
_AGENCY_AFTER = re.compile(r"\s*(?:م\s*)?[(/\-–—]")
_DATE_SPAN = re.compile(r"[^()/\-–—]{0,40}?\d{4}")


def _date_length(folded: str, at: int) -> int:
    """How far the date starting at `at` runs (to its four-digit year)."""
    m = _DATE_SPAN.match(folded, at)
    return m.end() - at if m else 0


def _opening(text: str, at: int) -> str:
    """The dateline at the start of `text`: through the agency's closing mark after `at`."""
    m = re.compile(r"[^)/]{0,30}[)/]").match(text, at + (text[at:at + 1] == "/"))
    return text[: m.end() if m else min(len(text), at + 20)].strip()


def _resolve(partial: _Partial, full: Sequence[_Candidate], years: Sequence[int],
             ) -> _Candidate | None:
    """A yearless date with the year other evidence gives, checked against the weekday."""
    choices = [c.value.year for c in sorted(full, key=lambda c: -c.weight)] + sorted(
        set(years), reverse=True)
    for year in choices:
        value = _safe(year, partial.month, partial.day)
        if value and (partial.weekday is None or value.weekday() == partial.weekday):
            return _Candidate(value, partial.weight, partial.evidence)
    return None


def publication_date(lines: Sequence[_Line], layout: Layout,
                     ) -> tuple[dt.date | None, DateEvidence | None]:
    """The best-supported publication date of the article and the evidence for it."""
    full: list[_Candidate] = []
    partials: list[_Partial] = []
    years: list[int] = []
    for line in lines:
        if line.no in layout.ignored:
            continue
        years += [int(y) for y in _YEAR.findall(_fold(line.text))]
        if line.no in layout.lead:
            f, p = _lead_candidates(line, line.no == layout.lead[0])
            full += f
            partials += p
            continue
        dates = _full_dates(line.text)
        if not dates:
            lone = _partials(line.text)
            if lone and layout.first_body is not None and line.no < layout.first_body and (
                    len(line.text) <= 80):
                ev = DateEvidence("header-no-year", line.text, line.no)
                partials += [_Partial(d, m, w, 70, ev) for d, m, w in lone]
            continue
        if _RELATIVE.search(_fold(line.text)) and not _PUBLISHED.match(_fold(line.text)):
            continue
        kind = _kind(line, layout, _stamp_only(line.text))
        if kind:
            for value, _ in dates[:1]:
                full.append(_Candidate(value, kind[1], DateEvidence(kind[0], line.text, line.no)))
    full += [c for p in partials if (c := _resolve(p, full, years))]
    if not full:
        return None, None
    best = max(full, key=lambda c: (c.weight, -c.value.toordinal()))
    return best.value, best.evidence


_STAMP_WORDS = re.compile(
    r"[\d:.,،/|\-–—()]+|(?:ص|م|am|pm|gmt|utc|gst|بتوقيت|توقيت|مكه|المكرمه|غرينتش|ابوظبي|بكين|"
    r"القدس|الساعه|الموافق|هـ|ه|ميلادي|at|on|\+\d+|محرم|صفر|ربيع|جمادي|الاول|الاولي|الثاني|"
    r"الاخره|الاخر|رجب|شعبان|رمضان|شوال|ذو|ذي|القعده|الحجه|" + _AR_MONTH + "|" + _EN_MON + "|"
    + "|".join(_AR_WEEKDAYS) + "|" + "|".join(_EN_WEEKDAYS) + r")", re.I)


def _stamp_only(text: str) -> bool:
    """True when a line holds nothing but a date, a time and their words."""
    rest = _STAMP_WORDS.sub(" ", _fold(text).casefold())
    return len(rest.split()) <= 1
