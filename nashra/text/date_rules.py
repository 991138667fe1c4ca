"""The date rules of dates.py: the folded text, vocabulary, regex pieces and rules."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from nashra.model import Precision
from nashra.text.fold import CORE, letter_map

_MIN_YEAR = 1000
_MAX_YEAR = 2199
_WEAK_YEARS = range(1900, 2101)  # a year with no year word beside it ("في 1967", "(2019)")
_LOOKBACK = 100  # how far before a core match its lead may start

@dataclass(frozen=True)
class _Hit:
    """A match in folded-text offsets; `value` None claims a span that reports nothing."""

    start: int
    end: int
    value: dt.date | None = None
    precision: Precision = "day"
    end_value: dt.date | None = None
    relative: bool = False


# --- folding: the text every regex sees --------------------------------------------------

_MARKS = "".join(chr(c) for c in (*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670))
_TATWEEL = "\u0640"
# Bidi and joiner marks are invisible in Arabic web text and sit between words and digits.
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u061c\u2066\u2067\u2068\u2069\ufeff"
_FOLD = str.maketrans(
    {
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
        "\u066b": ".", "\u066c": ",",  # Arabic decimal and thousands separators
        **letter_map(CORE + "یک"),  # not ؤ ئ: the rules spell words with them (اوائل)
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\uff0f": "/",
    }
)
_STRIP = re.compile(rf"[{_MARKS}{_INVISIBLE}]+|{_TATWEEL}+")


@dataclass(frozen=True)
class _Folded:
    """Folded text and the way back to offsets in the original."""

    text: str
    at: tuple[int, ...]  # folded offsets where characters were removed before ...
    shift: tuple[int, ...]  # ... and how many had been removed up to there

    def origin(self, i: int) -> int:
        """Offset in the original text of folded character i."""
        k = bisect_right(self.at, i)
        return i + (self.shift[k - 1] if k else 0)


_FOLD_CHAR = {chr(k): v for k, v in _FOLD.items()}
_COMMON_FOLDS = tuple((ch, _FOLD_CHAR[ch]) for ch in "أإآىة")  # no target is a source
_RARE_FOLDABLE = re.compile(
    "[" + re.escape("".join(ch for ch in _FOLD_CHAR if ch not in "أإآىة")) + "]")
_STRIP_ANY = re.compile(f"[{_MARKS}{_INVISIBLE}{_TATWEEL}]")


def _is_dash(t: str, a: int, b: int) -> bool:
    """Whether the tatweel run t[a:b] is a dash: touching a letter it is decoration
    ("الـ51"), between numbers a dash ("1917 ـ 1991") that strip_tatweel would eat."""
    return not ((a and ("\u0621" <= t[a - 1] <= "\u064a" or t[a - 1] in _MARKS))
                or (b < len(t) and "\u0621" <= t[b] <= "\u064a"))


def _fold(text: str) -> _Folded:
    """Digits to ASCII, one letter for each alef/yeh/teh-marbuta form, marks removed."""
    # One character for one, so offsets are unchanged so far. The common letters by
    # str.replace (a fast scan each), the rest by re.sub over the few that occur: both
    # beat str.translate, a table lookup per character on non-ASCII text.
    t = text
    for source, target in _COMMON_FOLDS:
        t = t.replace(source, target)
    if _RARE_FOLDABLE.search(t) is not None:
        t = _RARE_FOLDABLE.sub(lambda m: _FOLD_CHAR[m.group()], t)
    if _STRIP_ANY.search(t) is None:  # one character class scans fast; _STRIP does not
        return _Folded(t, (), ())
    pieces: list[str] = []
    at: list[int] = []
    shift: list[int] = []
    pos = removed = 0
    for m in _STRIP.finditer(t):
        a, b = m.span()
        keep = "-" if t[a] == _TATWEEL and _is_dash(t, a, b) else ""
        pieces += (t[pos:a], keep)
        removed += b - a - len(keep)
        at.append(a - (removed - (b - a - len(keep))) + len(keep))
        shift.append(removed)
        pos = b
    pieces.append(t[pos:])
    return _Folded("".join(pieces), tuple(at), tuple(shift))


def _f(word: str) -> str:
    """A word as it looks after folding, so tables can be written in ordinary spelling."""
    return _fold(word).text


def _key(phrase: str) -> str:
    """Lookup key of a matched phrase: single spaces, "و العشرين" joined as "والعشرين"."""
    return re.sub(r"(?<!\w)و\s+", "و", re.sub(r"\s+", " ", phrase.strip()))


# --- vocabulary ----------------------------------------------------------------------------

_AR_MONTHS: dict[int, tuple[str, ...]] = {
    # Egyptian/Gulf, Levantine, Maghrebi (Algeria/Tunisia) and Moroccan names.
    1: ("يناير", "كانون الثاني", "كانون ثاني", "جانفي"),
    2: ("فبراير", "فبرير", "شباط", "فيفري"),
    3: ("مارس", "آذار"),
    4: ("أبريل", "إبريل", "نيسان", "أفريل"),
    5: ("مايو", "أيار", "ماي"),
    6: ("يونيو", "يونيه", "حزيران", "جوان"),
    7: ("يوليو", "يوليه", "تموز", "جويلية", "يوليوز"),
    8: ("أغسطس", "آب", "أوت", "غشت"),
    9: ("سبتمبر", "أيلول", "شتنبر"),
    10: ("أكتوبر", "تشرين الأول", "تشرين أول"),
    11: ("نوفمبر", "تشرين الثاني", "تشرين ثاني", "نونبر"),
    12: ("ديسمبر", "كانون الأول", "كانون أول", "دجنبر"),
}
_EN_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan"), 2: ("february", "feb"), 3: ("march", "mar"),
    4: ("april", "apr"), 5: ("may",), 6: ("june", "jun"), 7: ("july", "jul"),
    8: ("august", "aug"), 9: ("september", "sept", "sep"), 10: ("october", "oct"),
    11: ("november", "nov"), 12: ("december", "dec"),
}
_HIJRI_MONTHS = ("محرم", "صفر", "ربيع الأول", "ربيع الآخر", "ربيع الثاني", "جمادى الأولى",
                 "جمادى الآخرة", "جمادى الثانية", "رجب", "شعبان", "رمضان", "شوال",
                 "ذو القعدة", "ذي القعدة", "ذو الحجة", "ذي الحجة")
_UNITS = ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن",
          "التاسع")


def _ordinals() -> dict[str, int]:
    """Arabic ordinal day phrases (folded, without the leading ال) -> day of month."""
    table = {word: n for n, word in enumerate(_UNITS, start=1)}
    table |= {"العاشر": 10, "العشرين": 20, "الثلاثين": 30, "الواحد والعشرين": 21,
              "الحادي والثلاثين": 31, "الواحد والثلاثين": 31}
    for n, word in enumerate(("الحادي", *_UNITS[1:]), start=1):
        table[f"{word} عشر"] = 10 + n
        table[f"{word} والعشرين"] = 20 + n
    return {_f(word)[2:]: n for word, n in table.items()}


_AR_ORDINALS = _ordinals()
_AR_WEEKDAYS = {_f(w): n for n, w in enumerate(
    ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"))}
# How far the named weekday is from the day of writing.
_AR_DAY_OFFSETS = {"اليوم": 0, "امس": -1, "يوم امس": -1, "اول امس": -2, "اول من امس": -2,
                   "غدا": 1, "غد": 1, "يوم غد": 1, "بعد غد": 2}

_PAST = frozenset(_f(w) for w in ("الماضي", "المنصرم", "الفائت", "last"))
_NEXT = frozenset(_f(w) for w in ("المقبل", "القادم", "next"))
_CURRENT = frozenset(_f(w) for w in ("الجاري", "الحالي", "this"))

# After a bare year these make it a quantity ("في 2000 جندي", "قبل 2000 عام").
_COUNTED = frozenset(_f(w) for w in (
    "ألف", "آلاف", "مليون", "ملايين", "مليار", "مليارات", "بليون", "دولار", "يورو", "جنيه",
    "ريال", "درهم", "دينار", "ليرة", "روبل", "طن", "أطنان", "كيلو", "كيلومتر", "كلم", "كم",
    "متر", "ميل", "هكتار", "فدان", "دونم", "شخص", "أشخاص", "قتيل", "جريح", "جندي", "مقاتل",
    "عنصر", "فرد", "طفل", "امرأة", "حاوية", "صاروخ", "قذيفة", "مرة", "نسمة", "برميل", "موقع",
    "منزل", "وحدة", "مسيرة", "طائرة", "دبابة", "سيارة", "عائلة", "أسرة", "لاجئ", "مدني",
    "مواطن", "عامل", "طالب", "معتقل", "أسير", "سجين", "حالة", "إصابة", "عام", "سنة", "أعوام",
    "سنوات", "شهر", "أشهر", "يوم", "أيام", "أسبوع", "ساعة", "دقيقة", "صوت", "مقعد", "سهم",
    "thousand", "million", "billion", "dollars", "euros", "pounds", "tons", "tonnes", "km",
    "kilometres", "kilometers", "miles", "metres", "meters", "percent", "people", "persons",
    "cases", "deaths", "soldiers", "troops", "containers", "shells", "missiles", "times",
    "votes", "seats", "units", "years", "days", "months",
))
# Adverbs that carry tanwin yet may follow a year ("في 2014 أيضاً").
_TANWIN_ADVERBS = frozenset(_f(w) for w in (
    "أيضا", "تقريبا", "تحديدا", "مثلا", "سابقا", "لاحقا", "حاليا", "رسميا", "فعلا", "أساسا",
    "عموما", "خصوصا", "تماما", "مجددا", "أولا", "ثانيا", "أخيرا"))
_TANWIN_FATH = "\u064b"


# --- regex building blocks (all over folded text) ----------------------------------------

def _alt(phrases: Iterable[str]) -> str:
    """Alternation of phrases, longest first; "والعشرين" also matches "و العشرين".

    Phrases are grouped by their first character, "(?:ي(?:ناير|ونيو)|ف(?:براير)…)": the
    same matches in the same order of preference (phrases with different first characters
    never match at one place), but the regex engine tries a dozen groups where a text has
    a letter they start with, not fifty phrases: the month scans cost a third.
    """
    groups: dict[str, list[str]] = {}
    for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
        tokens = [re.escape(t) for t in phrase.split()]
        tokens = [r"و\s*" + t[1:] if t.startswith("وال") else t for t in tokens]
        pattern = r"\s+".join(tokens)
        first = pattern[:2] if pattern.startswith("\\") else pattern[:1]
        groups.setdefault(first, []).append(pattern[len(first):])
    return "(?:" + "|".join(f"{first}(?:{'|'.join(rests)})"
                            for first, rests in groups.items()) + ")"


def _cap(words: Iterable[str]) -> str:
    """English words as they start a sentence or run on in it ("In 1961", "in 1961")."""
    return _alt(v for w in words for v in (w, w[0].upper() + w[1:]))


_NE = r"(?!\d|[.,/:]\d)"  # a number ends here (not inside 4.8, 10:30, 2,000)
_AR_MONTH = _alt(_f(w) for names in _AR_MONTHS.values() for w in names)
# News style capitalises English month names, so "may 2024" (the verb) is not a date.
# One flat alternation of literals (full names, then abbreviations with their dot), so that
# the regex engine skips ahead on first letters: a nested group makes this scan 15x slower.
_EN_MONTH = "|".join(
    [rf"{v}\b" for ws in _EN_MONTHS.values() for v in (ws[0].title(), ws[0].upper())]
    + [rf"{v}\b\.?" for ws in _EN_MONTHS.values() for w in ws[1:] for v in (w.title(), w.upper())])
_ORD = _alt(_AR_ORDINALS)
_YEAR_NOUN = r"(?:عام|العام|سنه|السنه|لعام|لسنه)"  # "للعام" = ل + لعام
_QUAL = r"(?:مطلع|بدايه|اوائل|اواسط|منتصف|اواخر|نهايه|اخر|ربيع|صيف|خريف|شتاء)"
_REL = r"(?:الماضي|المنصرم|الفائت|المقبل|القادم|الجاري|الحالي)"
_REL_YEAR = rf"(?:من\s+)?(?:العام|السنه)\s+{_REL}|(?:من\s+)?(?:هذا\s+العام|هذه\s+السنه)"
_CONN = r"\s*(?:-|(?:و\s*)?(?:الي|حتي|لغايه)\s+|و\s*)\s*"
_EN_QUAL = _cap(("early", "mid", "late", "the end of", "the beginning of", "the start of"))
_EN_SEASON = _cap(("the year", "spring", "summer", "autumn", "fall", "winter"))
_EN_CONN = r"\s*(?:-|(?:to|until|through)\s+)\s*"
_HIJRI_MONTH = _alt(_f(w) for w in _HIJRI_MONTHS)


def _year(tag: str) -> str:
    """A four-digit year, with the optional Gregorian marker ("2024م", "2024 ميلادي")."""
    return rf"(?P<{tag}>\d{{4}}){_NE}(?:\s?(?:م|ميلادي|ميلاديه))?(?!\w)"


def _year2(tag: str) -> str:
    """The second year of a range: four digits, or two ("1950-53")."""
    return rf"(?<![\d.,])(?P<{tag}>\d{{4}}|\d\d){_NE}(?:\s?(?:م|ميلادي|ميلاديه))?(?!\w)"


_NO_LETTER = r"(?![^\W\d_])"  # a word ends here, though a digit may follow ("يونيو2023")
_RANGE_START = r"(?P<y>\d{4})(?!\d)"  # "2023/2024": here the slash belongs to the range
# After a numeric date: the Gregorian marker ("2021/8/9م"), an ISO time ("T14:48"), or a
# word break; never another digit or separator ("1.2.3.4", "0020-1061-2024").
_NUM_END = rf"{_NE}(?:\s?م(?!\w)|(?=T\d)|(?![\w-]))"


def _ar_month(tag: str) -> str:
    """A month, alone or paired: "يونيو/حزيران", "يوليو/ تموز", "حزيران (يونيو)"."""
    return (rf"(?P<{tag}1>{_AR_MONTH}){_NO_LETTER}"
            rf"(?:\s*/\s*(?P<{tag}2>{_AR_MONTH}){_NO_LETTER}"
            # "(نوفمبر(": a mistyped closing bracket is common enough in scraped text
            rf"|\s*\(\s*(?P<{tag}3>{_AR_MONTH})\s*[)(])?")


def _ar_day(tag: str) -> str:
    """A day of the month after the first: "7", "الـ7" or an ordinal "السابع"."""
    return (rf"(?:(?<![\d.,/:])(?:ال)?(?P<{tag}>\d{{1,2}}){_NE}"
            rf"|ال(?P<{tag}o>{_ORD})(?!\w))")


def _en_month(tag: str) -> str:
    """An English month name; abbreviations take an optional dot ("Sept. 2023")."""
    return rf"(?P<{tag}>{_EN_MONTH})"


def _en_day(tag: str) -> str:
    """An English day of the month: "19", "19th"."""
    return rf"(?<![\w.,/:])(?P<{tag}>\d{{1,2}})(?:st|nd|rd|th)?\b"


# What completes a month: a year, a relative word, or a year-relative phrase.
_AR_TAIL = (rf"(?:\s*[،,]?\s*(?:(?:من\s+)?{_YEAR_NOUN}\s+)?(?<![\d.,/:]){_year('y')}"
            rf"|\s+(?P<rel>{_REL})(?!\w)|\s+(?P<rely>{_REL_YEAR})(?!\w))")
_EN_TAIL = (rf"(?:,?\s+(?:of\s+)?(?<![\w.,/:]){_year('y')}"
            rf"|\s+(?:of\s+)?(?P<rely>(?:last|this|next)\s+year)\b)")
# After the first day of a day mention: an optional range, then the month and its tail.
_AR_DAY_REST = (rf"(?:(?:\s+(?:من\s+)?(?:شهر\s+)?{_ar_month('ma')})?{_CONN}{_ar_day('db')})?"
                rf"\s+(?:من\s+)?(?:شهر\s+)?{_ar_month('mb')}{_AR_TAIL}")

# Leads, matched backwards from a core: group `s` marks where the mention starts.
_CLITICS = r"[وف]?[بكل]?"  # و ف ب ك ل وب فل …: attached to the first word, inside the span
_LEAD_MONTH = (rf"(?<!\w)(?P<s>){_CLITICS}(?:(?P<qual>{_QUAL})\s+)?(?:شهر\s+)?"
               rf"(?:{_ar_month('ma')}{_CONN}(?:شهر\s+)?)?\Z")
# "يوليو 16, 2024": the English order with Arabic month names (WordPress date lines)
_LEAD_MONTH_FIRST = rf"(?<!\w)(?P<s>){_CLITICS}{_ar_month('mb')}\s+\Z"
_LEAD_DEFINITE = r"(?<!\w)(?P<s>)[وف]?[بك]?\Z"  # before ال/لل: وال، بال، لل، ولل
_LEAD_AND = r"(?<!\w)(?P<s>)[وف]?\Z"
_LEAD_NUMBER = r"(?<![\w.,/:-])(?P<s>)[وف]?\Z"
_LEAD_DAY = r"(?<![\w.,/:])(?P<s>)[وف]?[بل]?(?:ال ?)?\Z"  # "و19", "الـ19", "الـ 28", "لـ13"
_LEAD_YEAR_WORD = (rf"(?<!\w)(?P<s>){_CLITICS}(?:{_QUAL}\s+(?:(?:من\s+)?{_YEAR_NOUN}\s+)?"
                   rf"|{_YEAR_NOUN}\s+)\Z")
_LEAD_TWO_YEARS = (rf"(?<!\w)(?:(?P<range>[وف]?بين)\s+)?(?P<s>){_CLITICS}"
                   rf"(?:عامي|سنتي|عامين|سنتين|العامين|السنتين)\s+\Z")
_CUE = r"(?:في|منذ|حتي|خلال|قبل|بعد|بحلول|طوال|طيله|لغايه|غضون)"
_LEAD_CUE = rf"(?<!\w)[وف]?{_CUE}\s+(?P<s>)\Z"
_LEAD_CUE_RANGE = rf"(?<!\w)[وف]?(?:{_CUE}|(?:{_CUE}\s+)?الفتره)\s+(?P<s>)\Z"
_LEAD_FROM = rf"(?<!\w)[وف]?(?P<range>من|بين)\s+(?P<s>)(?:{_YEAR_NOUN}\s+)?\Z"
_HIJRI_MARK = r"(?P<mark>ه(?:جري|جريه)?|للهجره)"
_LEAD_HIJRI = (rf"(?<!\w)(?P<s>)(?:{_CLITICS}{_YEAR_NOUN}\s+)?(?:\d{{1,2}}\s+)?"
               rf"(?:{_CLITICS}{_HIJRI_MONTH}\s+)?(?:(?:من\s+)?{_YEAR_NOUN}\s+)?\Z")
_LEAD_HIJRI_MONTH = (rf"(?<!\w)(?P<s>)(?:\d{{1,2}}\s+)?{_CLITICS}{_HIJRI_MONTH}\s+"
                     rf"(?:(?:من\s+)?{_YEAR_NOUN}\s+)?\Z")
_LEAD_EN = r"(?<!\w)(?P<s>)\Z"
_LEAD_EN_MONTH = (rf"(?<!\w)(?P<s>)(?:{_EN_QUAL}[\s-]+)?"
                  rf"(?:{_en_month('ma')}{_EN_CONN})?\Z")
_EN_CUE = _cap(("in", "since", "until", "till", "by", "during", "before", "after", "around",
                "circa", "through"))
_LEAD_EN_CUE = rf"(?<!\w){_EN_CUE}\s+(?P<s>)\Z"
_LEAD_EN_FROM = rf"(?<!\w)(?P<range>{_cap(('from', 'between'))})\s+(?P<s>)\Z"
_LEAD_EN_YEAR_WORD = rf"(?<!\w)(?P<s>)(?:{_EN_QUAL}|{_EN_SEASON})(?:\s+of)?[\s-]+\Z"


# --- turning matches into dates ----------------------------------------------------------

@dataclass(frozen=True)
class _Found:
    """The groups of a core match and its lead, and the span of the mention."""

    groups: dict[str, str]  # only the groups that took part
    spans: dict[str, tuple[int, int]]
    start: int
    end: int

    @classmethod
    def of(cls, core: re.Match[str], lead: re.Match[str] | None) -> _Found:
        """Merge a core match with its lead."""
        groups: dict[str, str] = {}
        spans: dict[str, tuple[int, int]] = {}
        for m in (lead, core) if lead else (core,):
            for name, value in m.groupdict().items():
                if value is not None:
                    groups[name], spans[name] = value, m.span(name)
        start, end = spans.get("d", core.span())
        return cls(groups, spans, spans["s"][0] if "s" in spans else start, end)


_AR_MONTH_NUM = {_key(_f(w)): n for n, ws in _AR_MONTHS.items() for w in ws}
_EN_MONTH_NUM = {w: n for n, ws in _EN_MONTHS.items() for w in ws}
_MonthOf = Callable[[_Found, str], int | None]


def _month_ar(f: _Found, tag: str) -> int | None:
    """Month of a (possibly paired) Arabic month group: 0 if absent, None if a pair disagrees."""
    nums = {_AR_MONTH_NUM[_key(f.groups[g])] for g in (f"{tag}1", f"{tag}2", f"{tag}3")
            if g in f.groups}
    if not nums:
        return 0
    return nums.pop() if len(nums) == 1 else None


def _month_en(f: _Found, tag: str) -> int | None:
    """Month of an English month group; 0 if absent."""
    return _EN_MONTH_NUM[f.groups[tag].rstrip(".").lower()] if tag in f.groups else 0


def _day_of(f: _Found, tag: str) -> int:
    """Day of month from a numeric or ordinal day group; 0 if absent."""
    if tag in f.groups:
        return int(f.groups[tag])
    if f"{tag}1" in f.groups:  # فاتح / غرة: the first of the month
        return 1
    ordinal = f.groups.get(f"{tag}o")
    return _AR_ORDINALS[_key(ordinal)] if ordinal else 0


def _ok_year(y: int) -> bool:
    """Years outside this window are quantities or codes, not dates."""
    return _MIN_YEAR <= y <= _MAX_YEAR


def _year_for(f: _Found, month: int, ref: dt.date | None) -> tuple[int, bool] | None:
    """The year of a month mention and whether it came from a relative word."""
    if "y" in f.groups:
        y = int(f.groups["y"])
        return (y, False) if _ok_year(y) else None
    if ref is None:
        return None
    rel = f.groups.get("rel", "").lower()
    words = set(f.groups.get("rely", "").lower().split())
    if rel in _PAST:
        return (ref.year if month < ref.month else ref.year - 1), True
    if rel in _NEXT:
        return (ref.year if month > ref.month else ref.year + 1), True
    if rel in _CURRENT:
        return ref.year, True
    if words & _PAST:
        return ref.year - 1, True
    if words & _NEXT:
        return ref.year + 1, True
    return (ref.year, True) if words else None


@dataclass(frozen=True)
class _Ctx:
    """What a rule may look at besides its match."""

    text: str
    folded: _Folded
    reference: dt.date | None


_NEXT_WORD = re.compile(r"\s*([%٪]|[^\W\d_]+)")


def _quantity_follows(ctx: _Ctx, end: int) -> bool:
    """True when the word after a bare year makes it a count ("2000 جندي", "2024 شخصاً")."""
    nxt = _NEXT_WORD.match(ctx.folded.text, end)
    if nxt is None:
        return False
    word = nxt.group(1).lower()
    if word in _COUNTED or re.sub(r"^[وفبلك]?ال", "", word) in _COUNTED:
        return True
    # Accusative tanwin on the next word marks a counted noun (tamyiz); adverbs aside.
    last = ctx.folded.origin(nxt.end(1) - 1)
    return _TANWIN_FATH in ctx.text[last - 1: last + 2] and word not in _TANWIN_ADVERBS


_Builder = Callable[[_Found, _Ctx], tuple[_Hit, ...]]


def _days(month_of: _MonthOf) -> _Builder:
    """Day + month + year or relative word; also "5-7 June" and "28 May - 2 June" ranges."""
    def build(f: _Found, ctx: _Ctx) -> tuple[_Hit, ...]:
        first, second = month_of(f, "ma"), month_of(f, "mb")
        if first is None or second is None:
            return ()
        first, last = first or second, second or first
        found = _year_for(f, last, ctx.reference)
        if found is None:
            return ()
        year, relative = found
        d_first, d_second = _day_of(f, "da"), _day_of(f, "db")
        if not d_second:
            return (_Hit(f.start, f.end, dt.date(year, last, d_first), "day", None, relative),)
        start = dt.date(year - (first > last), first, d_first)
        end = dt.date(year, last, d_second)
        return (_Hit(f.start, f.end, start, "day", end, relative),) if start < end else ()
    return build


_AR_DAYS = _days(_month_ar)
_WORD_BEFORE = re.compile(r"(?<!\w)(\w+)\s+\Z")
# Definite words an ordinal day may follow: "يوم السادس", "الخميس السادس من يونيو".
_DAY_WORDS = frozenset((*_AR_WEEKDAYS, "اليوم", "يوم"))


def _ordinal_days(f: _Found, ctx: _Ctx) -> tuple[_Hit, ...]:
    """Ordinal day mentions, unless the ordinal qualifies another noun ("الأسبوع الأول من")."""
    before = _WORD_BEFORE.search(ctx.folded.text, max(0, f.start - 30), f.start)
    if before and re.match(r"[وفبكل]?ال", before.group(1)) and before.group(1) not in _DAY_WORDS:
        return ()
    return _AR_DAYS(f, ctx)


def _months(month_of: _MonthOf) -> _Builder:
    """Month + year or relative word; also "يناير - مارس 2024" ranges."""
    def build(f: _Found, ctx: _Ctx) -> tuple[_Hit, ...]:
        first, last = month_of(f, "ma"), month_of(f, "mb")
        if first is None or not last:
            return ()
        found = _year_for(f, last, ctx.reference)
        if found is None:
            return ()
        year, relative = found
        end = dt.date(year, last, 1)
        if not first:
            return (_Hit(f.start, f.end, end, "month", None, relative),)
        start = dt.date(year - (first > last), first, 1)
        return (_Hit(f.start, f.end, start, "month", end, relative),) if start < end else ()
    return build


def _year_hit(f: _Found, ctx: _Ctx, weak: bool) -> tuple[_Hit, ...]:
    """One year; after a weak cue, none outside recent times or before a counted noun."""
    year = int(f.groups["y"])
    if not _ok_year(year) or (weak and (year not in _WEAK_YEARS
                                        or _quantity_follows(ctx, f.end))):
        return ()
    return (_Hit(f.start, f.end, dt.date(year, 1, 1), "year"),)


def _range_hit(f: _Found, ctx: _Ctx, weak: bool) -> tuple[_Hit, ...]:
    """A range of years; two digits take the first year's century ("1950-53")."""
    first, digits = int(f.groups["y"]), f.groups["y2"]
    second = first // 100 * 100 + int(digits) if len(digits) == 2 else int(digits)
    if not (_ok_year(first) and first < second <= _MAX_YEAR):
        return ()
    if weak and (first not in _WEAK_YEARS or _quantity_follows(ctx, f.end)):
        return ()
    return (_Hit(f.start, f.end, dt.date(first, 1, 1), "year", dt.date(second, 1, 1)),)


def _pair_hit(f: _Found, ctx: _Ctx, weak: bool) -> tuple[_Hit, ...]:
    """Two years joined by و ("عامي 2019 و2020"); a range when بين comes first."""
    if "range" in f.groups:
        return _range_hit(f, ctx, weak)
    first, second = int(f.groups["y"]), int(f.groups["y2"])
    window = _WEAK_YEARS if weak else range(_MIN_YEAR, _MAX_YEAR + 1)
    if first not in window or second not in window or (weak and _quantity_follows(ctx, f.end)):
        return ()
    a, b = f.spans["y2"]
    a -= ctx.folded.text[a - 1] == "و"  # keep an attached و inside, never cut a word
    return (_Hit(f.start, f.spans["y"][1], dt.date(first, 1, 1), "year"),
            _Hit(a, b, dt.date(second, 1, 1), "year"))


def _years(kind: str, weak: bool) -> _Builder:
    """A builder for one year, a range or a pair."""
    hit = {"one": _year_hit, "range": _range_hit, "pair": _pair_hit}[kind]
    return lambda f, ctx: hit(f, ctx, weak)


def _numeric(order: str) -> _Builder:
    """Numeric dates: "2024-06-19" (ymd) or day-first "19/6/2024" (dmy)."""
    def build(f: _Found, _ctx: _Ctx) -> tuple[_Hit, ...]:
        a, b, c = (int(f.groups[g]) for g in ("n1", "n2", "n3"))
        y, mo, d = (a, b, c) if order == "ymd" else (c, b, a)
        # Bare numbers carry no calendar: "1443/1/1" is Hijri, so only recent years count.
        return (_Hit(f.start, f.end, dt.date(y, mo, d), "day"),) if y in _WEAK_YEARS else ()
    return build


def _weekday(f: _Found, ctx: _Ctx) -> tuple[_Hit, ...]:
    """ "اليوم الخميس", "أول من أمس الثلاثاء": only when the reference agrees on the weekday."""
    if ctx.reference is None:
        return ()
    day = ctx.reference + dt.timedelta(days=_AR_DAY_OFFSETS[_key(f.groups["when"])])
    if day.weekday() != _AR_WEEKDAYS[f.groups["wd"]]:
        return ()
    return (_Hit(f.start, f.end, day, "day", None, True),)


def _hijri(f: _Found, _ctx: _Ctx) -> tuple[_Hit, ...]:
    """Claim a Hijri date's span and report nothing; "رمضان عام 2024" is Gregorian."""
    if "mark" not in f.groups and int(f.groups["hy"]) > 1600:
        return ()
    return (_Hit(f.start, f.end),)


# --- the rules ----------------------------------------------------------------------------

@dataclass(frozen=True)
class _Rule:
    """One form: a core regex, what may stand before it, and what a match means."""

    core: re.Pattern[str]
    lead: re.Pattern[str] | None
    build: _Builder
    digit: bool  # the core starts with a digit: tried only where a run of digits starts
    needs: str  # the _ANCHORS entry every match of the core contains
    opens: bool  # every match of the core starts with its anchor: scan from the first one


# What a core cannot match without: most blocks have no month name or no weekday, and a
# rule whose anchor is absent is not scanned for at all (its scan was most of the cost).
_ANCHORS: dict[str, re.Pattern[str]] = {
    "digit": re.compile(r"\d"),
    "ar_month": re.compile(_AR_MONTH),
    "en_month": re.compile(_EN_MONTH),
    "weekday": re.compile(_alt(_AR_WEEKDAYS)),
}


def _rule(core: str, lead: str | None, build: _Builder, needs: str = "digit") -> _Rule:
    """Compile a rule once, at import; `needs` names its anchor (see _ANCHORS)."""
    # Digit cores are written to open with a named digit group: "(?P<y>\d{4})…".
    digit = re.match(r"\(\?P<\w+>\\d", core) is not None
    opens = needs != "digit" and re.match(r"\(\?P<\w+>", core) is not None and (
        core.split(">", 1)[1].startswith(_ANCHORS[needs].pattern))
    return _Rule(re.compile(core), re.compile(lead) if lead else None, build, digit, needs,
                 opens)


_PARENS: tuple[_Rule, ...] = (
    # "(2019)", "(1950-1953)", "(1917 ـ 1991)", "(1950–53)"
    _rule(rf"\(\s*(?P<d>{_year('y')})\s*\)", None, _years("one", weak=True)),
    _rule(rf"\(\s*(?P<d>{_RANGE_START}\s*[-/]\s*{_year2('y2')})\s*\)", None,
          _years("range", weak=False)),
    # "the Korean War 1950–1953", "الحرب الكورية 1950-1953": bare, four digits on each side
    _rule(rf"{_RANGE_START}\s*-\s*(?P<y2>\d{{4}})(?!\d|[-.,/:]\d)(?!\w)",
          r"(?<![\w.,/:-])(?P<s>)\Z", _years("range", weak=True)),
    # "2024-06-19", "2024/6/19"
    _rule(rf"(?P<n1>\d{{4}})(?P<sep>[-/.])(?P<n2>\d{{1,2}})(?P=sep)(?P<n3>\d{{1,2}}){_NUM_END}",
          _LEAD_NUMBER, _numeric("ymd")),
)
_AR_RULES: tuple[_Rule, ...] = (
    # "19 يونيو/حزيران 2024", "الـ19 من يونيو", "5 و6 يونيو 2024", "28 مايو - 2 يونيو 2024"
    _rule(rf"(?P<da>\d{{1,2}}){_NE}{_AR_DAY_REST}", _LEAD_DAY, _days(_month_ar)),
    # "السادس من أغسطس/آب الماضي", "الحادي والعشرين من كانون الثاني 2024"
    _rule(rf"(?:ال|لل)(?P<dao>{_ORD})(?!\w){_AR_DAY_REST}", _LEAD_DEFINITE, _ordinal_days,
          "ar_month"),
    # "فاتح أكتوبر 2016" (Moroccan), "غرة يناير": the first of the month
    _rule(rf"(?P<da1>فاتح|غره)(?!\w){_AR_DAY_REST}", _LEAD_AND, _AR_DAYS, "ar_month"),
    # "يوليو 16, 2024"
    _rule(rf"(?P<da>\d{{1,2}}){_NE}\s*[,،]\s*{_year('y')}", _LEAD_MONTH_FIRST, _AR_DAYS),
    # "سبتمبر 2023", "فبراير/شباط 2022", "يوليو/ تموز الماضي", "أواخر إبريل الماضي",
    # "مارس من العام المقبل", "يناير - مارس 2024"
    _rule(rf"{_ar_month('mb')}{_AR_TAIL}", _LEAD_MONTH, _months(_month_ar), "ar_month"),
    # "عام 2006", "سنة 1961", "للعام 2024", "مطلع 2024", "أواخر عام 2023", "صيف 2022"
    _rule(_year("y"), _LEAD_YEAR_WORD, _years("one", weak=False)),
    # "عام 2011-2012", "العام الدراسي" aside: "سنة 2023/2024"
    _rule(rf"{_RANGE_START}\s*[-/]\s*{_year2('y2')}", _LEAD_YEAR_WORD, _years("range", False)),
    # "عامي 2019 و2020" (two years), "بين عامي 1950 و1953" (a range)
    _rule(rf"{_year('y')}\s*(?:و|-)\s*{_year2('y2')}", _LEAD_TWO_YEARS, _years("pair", False)),
    # "في 2000", "منذ 2014", "وحتى 2025"; "في 2019 و2020"; "خلال 2019-2020"
    _rule(_year("y"), _LEAD_CUE, _years("one", weak=True)),
    _rule(rf"{_year('y')}\s*و\s*{_year2('y2')}", _LEAD_CUE, _years("pair", weak=True)),
    _rule(rf"{_RANGE_START}\s*[-/]\s*{_year2('y2')}", _LEAD_CUE_RANGE, _years("range", weak=True)),
    # "من 1950 إلى 1953", "بين 1950 و1953", "من عام 1950 حتى عام 1953"
    _rule(rf"{_year('y')}{_CONN}(?:{_YEAR_NOUN}\s+)?{_year2('y2')}", _LEAD_FROM,
          _years("range", weak=True)),
    # "19/6/2024", "19-06-2024": Arabic outlets put the day first
    _rule(rf"(?P<n1>\d{{1,2}})(?P<sep>[-/.])(?P<n2>\d{{1,2}})(?P=sep)(?P<n3>\d{{4}}){_NUM_END}",
          _LEAD_NUMBER, _numeric("dmy")),
    # "اليوم الخميس", "أمس الأربعاء", "أول من أمس الثلاثاء" (not when a date follows)
    _rule(rf"(?P<when>اليوم|امس|يوم\s+امس|اول\s+(?:من\s+)?امس|غدا|يوم\s+غد|غد|بعد\s+غد)"
          rf"\s+/?(?:يوم\s+)?(?P<wd>{_alt(_AR_WEEKDAYS)})(?!\w)/?"
          rf"(?!\s*[،,]?\s*(?:\d|ال{_ORD}\s+من\s))",
          _LEAD_AND, _weekday, "weekday"),
    # Hijri, claimed and skipped: "1445 هـ", "عام 1445 هـ", "15 رمضان 1445", "رمضان عام 1445"
    _rule(rf"(?P<hy>\d{{3,4}})\s*{_HIJRI_MARK}(?!\w)", _LEAD_HIJRI, _hijri),
    _rule(rf"(?P<hy>\d{{3,4}}){_NE}", _LEAD_HIJRI_MONTH, _hijri),
    # "1443/1/1هـ", "1/1/1443هـ"
    _rule(rf"(?P<hy>\d{{4}})[-/.]\d{{1,2}}[-/.]\d{{1,2}}\s*{_HIJRI_MARK}(?!\w)", _LEAD_NUMBER,
          _hijri),
    _rule(rf"(?P<day>\d{{1,2}})[-/.]\d{{1,2}}[-/.](?P<hy>\d{{4}})\s*{_HIJRI_MARK}(?!\w)",
          _LEAD_NUMBER, _hijri),
)
_EN_RULES: tuple[_Rule, ...] = (
    # "19 June 2024", "the 19th of June 2024", "5-7 June 2024", "28 May - 2 June 2024"
    _rule(rf"(?P<da>\d{{1,2}})(?:st|nd|rd|th)?\b(?:(?:\s+(?:of\s+)?{_en_month('ma')})?"
          rf"{_EN_CONN}(?:the\s+)?{_en_day('db')})?\s+(?:of\s+)?{_en_month('mb')}{_EN_TAIL}",
          _LEAD_NUMBER, _days(_month_en)),
    # "June 19, 2024", "June 5-7, 2024", "May 28 - June 2, 2024"
    _rule(rf"{_en_month('ma')}\s+{_en_day('da')}(?:{_EN_CONN}(?:{_en_month('mb')}\s+)?"
          rf"{_en_day('db')})?{_EN_TAIL}", _LEAD_EN, _days(_month_en), "en_month"),
    # "June 2024", "Sept. 2023", "early June 2024", "June-August 2024", "June last year"
    _rule(rf"{_en_month('mb')}{_EN_TAIL}", _LEAD_EN_MONTH, _months(_month_en), "en_month"),
    # "last June", "next March", "this May"
    _rule(rf"(?P<rel>last|next|this|Last|Next|This)\s+{_en_month('mb')}(?!\s+\d)", _LEAD_EN,
          _months(_month_en), "en_month"),
    # "early 2024", "mid-2024", "the summer of 1961", "the year 2000"
    _rule(_year("y"), _LEAD_EN_YEAR_WORD, _years("one", weak=False)),
    # "in 1961", "since 2014", "by 2030"; "in 1950-53"
    _rule(_year("y"), _LEAD_EN_CUE, _years("one", weak=True)),
    _rule(rf"{_year('y')}\s*-\s*{_year2('y2')}", _LEAD_EN_CUE, _years("range", weak=True)),
    # "from 1950 to 1953", "between 1950 and 1953"
    _rule(rf"{_year('y')}\s*(?:-|to\s|and\s|until\s)\s*{_year2('y2')}", _LEAD_EN_FROM,
          _years("range", weak=True)),
)
_RULES: dict[str, tuple[_Rule, ...]] = {
    # Arabic text carries English dates too (embedded tweets: "June 18, 2024").
    "ar": _AR_RULES + _EN_RULES + _PARENS,
    "en": _EN_RULES + _PARENS,
}
