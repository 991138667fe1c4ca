"""Ingest: raw scraped article text -> a cleaned Markdown briefing draft with front matter."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

import yaml

from nashra.outlets import Outlet, find_outlet, fold_name, outlet_by_handle

try:  # nashra.dates is written in parallel; until it lands there are no date candidates
    from nashra.dates import find_dates
except ImportError:
    find_dates = None


@dataclass(frozen=True)
class Block:
    """One paragraph or sub-heading of the article."""

    text: str
    heading: bool
    line: int  # 1-based line in the seed


@dataclass(frozen=True)
class CleanArticle:
    """What the cleaner kept and found in one raw article."""

    title: str | None
    author: str | None
    dateline: str | None  # "موسكو" from "موسكو- ..." (removed from the paragraph)
    outlet: Outlet | None  # the publisher the text shows
    blocks: tuple[Block, ...]
    summary_points: tuple[str, ...]  # the outlet's own bullet summary: data, not body
    date_candidates: tuple[dt.date, ...]  # full dates in the text, latest first
    removed: tuple[tuple[int, str, str], ...]  # (line, rule, text) for every removed line
    original_outlet: Outlet | None = None  # who first published it when `outlet` reposts it
    evidence: tuple[str, ...] = ()  # the lines that named the outlet(s), for the editor


Action = Literal["written", "unchanged", "skipped-edited", "overwritten"]


@dataclass(frozen=True)
class IngestOutcome:
    """What ingest did with one seed."""

    seed: str
    target: Path  # the briefing file (found by its `seed:` field, so it may have been renamed)
    action: Action
    message: str


@dataclass(frozen=True)
class _Line:
    """One non-empty line of the seed: its text and a spelling-folded copy for matching."""

    no: int
    text: str
    fold: str


# ---------------------------------------------------------------- text helpers

_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")  # tashkeel, dagger alef, tatweel
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_LETTER_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_ARABIC = re.compile(
    r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W_]", re.U)
_CLOSERS = "\"'”’»)]}›"
_SENTENCE_END = ".!…:;،,؛"  # a line ending in one of these is a sentence or a lead-in, not a title


def _fold(text: str) -> str:
    """Text with marks and invisible controls removed, alef/ya/ta-marbuta folded, spaces single."""
    folded = _INVISIBLE.sub("", _MARKS.sub("", text.replace(" ـ ", " - "))).translate(_LETTER_FOLD)
    return " ".join(folded.split())


def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a pattern written in natural spelling so that it matches `_fold`ed text."""
    return re.compile(_MARKS.sub("", pattern).translate(_LETTER_FOLD), flags | re.I)


def _words(text: str) -> list[str]:
    """Whitespace tokens that carry a letter or digit (a free-standing dash is not a word)."""
    return [w for w in text.split() if _WORD.search(w)]


def _last_mark(text: str) -> str:
    """The last character that is not a closing quote, bracket or space."""
    stripped = text.rstrip().rstrip(_CLOSERS + " ")
    return stripped[-1:] if stripped else ""


def _latin_dominant(text: str) -> bool:
    """True when a line is mostly Latin script (an English caption inside an Arabic article)."""
    latin = len(_LATIN.findall(text))
    return latin >= 4 and latin > 2 * len(_ARABIC.findall(text))


_PROSE_MARK = re.compile(r"[.؟?!\"“”«»()\d]")


def _segments(text: str, vocabulary: frozenset[str]) -> int:
    """How many vocabulary words exactly tile `text` (glued or separated); 0 if they do not."""
    if len(text) > 200 or _PROSE_MARK.search(text):  # menus and share rows are short, bare lists
        return 0
    glued = re.sub(r"[\s|•·/\\,،\-–—_:>»]+", "", _fold(text).casefold())
    if not glued:
        return 0
    best: list[int | None] = [0] + [None] * len(glued)
    longest = max(len(w) for w in vocabulary)
    for end in range(1, len(glued) + 1):
        for start in range(max(0, end - longest), end):
            prior = best[start]
            if prior is not None and glued[start:end] in vocabulary:
                count = prior + 1
                if best[end] is None or count < (best[end] or 0):
                    best[end] = count
    return best[-1] or 0


def _vocabulary(words: str) -> frozenset[str]:
    """A set of folded, space-free words from a whitespace- and '/'-separated list."""
    return frozenset(re.sub(r"\s+", "", _fold(w).casefold()) for w in words.split("/") if w.strip())


# ---------------------------------------------------------------- single-line debris rules

_SOCIAL = _vocabulary(
    "Facebook/Twitter/X/LinkedIn/Email/E-mail/Mail/WhatsApp/Telegram/Pinterest/Reddit/Messenger/"
    "Print/Copy link/Copylink/Share/Instagram/YouTube/TikTok/Threads/Google News/"
    "فيسبوك/فيس بوك/تويتر/إكس/واتساب/واتس اب/تيليجرام/تلغرام/تليجرام/لينكدإن/لينكد إن/"
    "البريد الإلكتروني/بريد إلكتروني/إيميل/طباعة/نسخ الرابط/ماسنجر/انستغرام/إنستغرام/انستجرام/"
    "يوتيوب/تيك توك/مشاركة/شارك")
_NAV = _vocabulary(
    "الرئيسية/الصفحة الرئيسية/أخبار/الأخبار/سياسة/أعمال/رياضة/العالم/تكنولوجيا/اقتصاد/صحة/تسلية/"
    "ثقافة/فن/فنون/منوعات/مقالات/رأي/آراء/فيديو/فيديوهات/صور/محليات/عربي/دولي/عربي ودولي/علوم/"
    "بيئة/سياحة/سفر/سيارات/ترفيه/مجتمع/تقارير/حوارات/ملفات/الطقس/مال وأعمال/تحقيقات/بودكاست/"
    "نمط الحياة/ستايل/مرأة/المرأة/اتصل بنا/من نحن/الشرق الأوسط/آسيا/أوروبا/أمريكا/أفريقيا/"
    "Home/News/Politics/Business/Sport/Sports/World/Tech/Technology/Economy/Health/Entertainment/"
    "Culture/Opinion/Video/Style/Travel/Science")
_RELATED = _rx(
    r"^(?:(?:أخبار|مواضيع|موضوعات|مقالات|قصص|تقارير|روابط) ذات صلة|ذات صلة|"
    r"الأكثر (?:قراءة|مشاهدة|تداولا)|"
    r"المزيد من الأخبار|آخر الأخبار|أحدث الأخبار|قد يعجبك أيضا|التعليقات|أضف تعليقا?|اترك تعليقا|"
    r"related (?:news|articles|stories|content)|more from .{1,30}|most (?:read|popular))\W*$")
_TEASER = _rx(
    r"^(?:(?:شاهد|شاهدي|شاهدوا|اقرأ|إقرأ|اقرئي|طالع|اطلع|تابع|انظر) (?:أيضا|أيضاً|كذلك|المزيد)|"
    r"(?:قد )?يهمك(?: أيضا)?|ننصحك بقراءة|للمزيد|المزيد|اقرأ|شاهد|"
    r"(?:read|see|watch) (?:also|more)|also read|read more|related)(?:\s*[:：|\-–—>»]|$)|"
    r"^(?:للمزيد )?(?:اضغط|اضغطي|انقر|إضغط) هنا|^click here")
_LOGO = re.compile(r"^(?P<name>.{1,40}?)\s*(?:logo|لوغو|لوجو)$|"
                   r"^(?:logo|شعار)\s*(?P<named>.{1,40})$", re.I)
_LOADING = _rx(r"^(?:loading|please wait|جار(?:ي)? التحميل|يتم التحميل)[.…\s]*$")
_SHARE = _rx(r"^(?:شارك|شاركوا|شاركي|مشاركة|انشر|share)(?: (?:الخبر|المقال|الموضوع|القصة|التقرير|"
             r"هذا|هذه|الصفحة|عبر|على|this|article|story|on|via))*\s*[:：]?$")
_CATEGORY = _rx(r"^(?:التصنيف|التصنيفات|تصنيف|القسم|الأقسام|الوسوم|وسوم|الكلمات المفتاحية|"
                r"كلمات مفتاحية|كلمات دلالية|مواضيع|tags?|categor(?:y|ies)|section|topics?)"
                r"\s*[:：]")
_HASHTAG = re.compile(r"^#[^\W\d][\w\u064b-\u065f]*$")
_URL_ONLY = re.compile(r"^<?(?:https?://|www\.|pic\.twitter\.com/|t\.co/)\S+>?$", re.I)
_ADVERT = _rx(r"^(?:advertisement|advertising|ads?|sponsored(?: content)?|إعلان|الإعلان|إعلانات|"
              r"مساحة إعلانية|محتوى مدعوم|مقال مدعوم|scroll to continue(?: with content)?|"
              r"continue reading(?: below)?|تابع القراءة(?: أدناه| بالأسفل)?)$")
_PHOTO_LABEL = _rx(r"^(?:الصورة|صورة|الصور|تصوير|مصدر الصورة|حقوق الصورة|التعليق على الصورة|"
                   r"المصور|photo|image|image caption|picture|credit|photograph)\s*[:：|\-–—،,]")
_PHOTO_CREDITS = frozenset(fold_name(c) for c in (
    "رويترز", "غيتي", "جيتي", "غيتي إيميجز", "جيتي إيمجز", "أ ف ب", "أ.ف.ب", "فرانس برس",
    "الأناضول",
    "أسوشيتد برس", "إ ب أ", "EPA", "AFP", "Reuters", "Getty", "Getty Images", "AP", "وكالات",
    "مواقع التواصل", "مواقع التواصل الاجتماعي", "أرشيفية", "أرشيف", "تعبيرية", "صورة تعبيرية",
    "الجزيرة", "سبوتنيك", "تاس", "يونهاب", "شترستوك", "Shutterstock", "إكس", "تويتر", "تلغرام",
    "فيسبوك", "خاص", "الصورة", "صورة أرشيفية", "Anadolu", "AA"))
_PLATFORM = (r"تلغرام|تيليجرام|تليجرام|واتساب|فيسبوك|تويتر|يوتيوب|انستغرام|إنستغرام|تيك توك|"
             r"أخبار جوجل|google news|telegram|whatsapp|facebook|twitter|youtube|instagram")
# "تابعونا" (follow us) is never prose; "تابعوا"/"انضم"/"اشترك" are also past-tense verbs
# ("تابعوا الخطاب عبر قناة ...", "انضم اللاعب إلى النادي"), so they need *our* channel.
_FOLLOW = _rx(
    r"^(?:تابعونا|تابعنا|follow us)\b.*(?:قناة|صفحة|حساب|تطبيق|موقع|التواصل الاجتماعي|"
    + _PLATFORM + r")|"
    r"^(?:تابعوا|تابعي|انضم|انضموا|انضمي|اشترك|اشتركوا|اشتركي|لمتابعة|للاشتراك|subscribe|join|"
    r"sign up)\b.*(?:قناتنا|صفحتنا|حسابنا|حساباتنا|موقعنا|تطبيقنا|نشرتنا|مجموعتنا|النشرة البريدية|"
    r"النشرة الإخبارية|القائمة البريدية|newsletter|our channel)|"
    r"^(?:حمل|حملوا|حملي|نزل|نزلوا|download)\s+(?:ال)?(?:تطبيق|(?:our|the) app)")
_COPYRIGHT = _rx(r"©|^\(c\)|copyright|all rights reserved|الحقوق محفوظة|"
                 r"حقوق (?:النشر|الطبع)(?: والنشر| والتوزيع)? محفوظة")
_TIMESTAMP = _rx(r"^(?:تاريخ النشر|تم النشر|نشر في|نشر بتاريخ|نشر|آخر تحديث|تم التحديث|"
                 r"تاريخ التحديث|محدث|تحديث|آخر تعديل|published(?: on)?|updated(?: on)?|"
                 r"last updated|posted(?: on)?)"
                 r"\s*(?:في|بتاريخ|on|at)?\s*[:：\-–]?\s*(?P<rest>.*)$")
_DATE_WORDS = _vocabulary(
    "يناير/فبراير/مارس/أبريل/إبريل/ابريل/مايو/يونيو/يوليو/أغسطس/سبتمبر/أكتوبر/نوفمبر/ديسمبر/"
    "كانون/الثاني/شباط/آذار/نيسان/أيار/حزيران/تموز/آب/أيلول/تشرين/الأول/"
    "السبت/الأحد/الاثنين/الإثنين/الثلاثاء/الأربعاء/الخميس/الجمعة/"
    "الساعة/ساعة/ساعات/ساعتين/دقيقة/دقائق/يوم/أيام/يومين/منذ/قبل/بتوقيت/توقيت/غرينتش/مكة/القدس/"
    "بيروت/القاهرة/الدوحة/ص/م/مساء/صباحا/ظهرا/في/بتاريخ/هـ/ميلادي/"
    "GMT/UTC/am/pm/on/at/January/February/March/April/May/June/July/August/September/October/"
    "November/December/Jan/Feb/Mar/Apr/Jun/Jul/Aug/Sep/Sept/Oct/Nov/Dec/Monday/Tuesday/Wednesday/"
    "Thursday/Friday/Saturday/Sunday")
_DISCLAIMER_START = _rx(r"^(?:ملاحظة من|ملاحظة المحرر|ملاحظة التحرير|تنويه|إخلاء مسؤولية|"
                        r"editor'?s note|disclaimer)")
_DISCLAIMER = _rx(
    r"غير مسؤول\w* عن (?:الآراء|آراء|محتوى|ما ي)|"
    r"(?:ت|ي)عبر (?:بالضرورة )?عن (?:رأي|آراء|وجهة نظر) (?:الموقع|الصحيفة|الشبكة|القناة|المجلة|"
    r"كاتب|الكاتب|كاتبها|كتابها|أصحابها|صاحبها)|الآراء الواردة في (?:المقالات|المقال|هذا)|"
    r"do not necessarily reflect")
_SOURCE_FOOTER = _rx(r"^(?:المصدر|المصادر|مصدر الخبر|source|sources|via)\s*[:：\-–]\s*(?P<src>.+)$")
_GENERIC_SOURCES = frozenset(fold_name(s) for s in (
    "وكالات", "وكالات أنباء", "مواقع", "متابعات", "وسائل إعلام", "وسائل الإعلام", "الصحافة",
    "مواقع التواصل", "خاص", "agencies", "wires"))
_LISTEN = _rx(r"^(?:استمع|استمعي|استمعوا|الاستماع) (?:(?:إلى|الى) (?:ال)?|لل|ل)"
              r"(?:ملخص|مقال|تقرير|خبر|نص|قصة|مادة)\b")
_SUMMARY_HEAD = _rx(r"^(?:الملخص|ملخص|ملخص المقال|ملخص الخبر|باختصار|أهم النقاط|أبرز النقاط|"
                    r"النقاط الرئيسية|في سطور|خلاصة|key points|summary)\s*[:：]?$")
_BULLET = re.compile(r"^[-–•*▪●◦·]\s+(?P<text>\S.*)$")
_TWEET_TAIL = re.compile(
    r"(?:^|\s)[—–-]\s*(?P<who>[^—–\n]{1,80}?)\s*\(?@(?P<handle>[A-Za-z0-9_]{1,15})\)?\s+"
    r"(?P<when>[^@]{4,40}?\d{4})\s*$")
_TWEET_LINK = re.compile(r"pic\.twitter\.com/|\bt\.co/", re.I)


def _is_share(line: _Line) -> bool:
    """A share-button row: 'شارك الخبر:' or social network names glued or listed."""
    return bool(_SHARE.match(line.fold)) or _segments(line.text, _SOCIAL) >= 2


def _is_nav(line: _Line) -> bool:
    """A navigation menu: three or more section names, glued or separated, and nothing else."""
    return _segments(line.text, _NAV) >= 3


def _is_hashtags(line: _Line) -> bool:
    """A line of hashtags, or a teaser that ends in two or more of them."""
    tokens = line.text.split()
    tail = 0
    for token in reversed(tokens):
        if not _HASHTAG.match(token):
            break
        tail += 1
    return tail == len(tokens) or tail >= 2


def _is_photo_credit(line: _Line) -> bool:
    """A photo caption or credit: '(رويترز)', 'الصورة: ...', '... (غيتي)'."""
    words = len(_words(line.text))
    if _PHOTO_LABEL.match(line.fold) and words <= 20:
        return True
    m = re.search(r"\(([^()]{1,40})\)\s*$", line.fold)  # '... (رويترز).' ends a sentence
    if not m:
        return False
    if m.start() == 0:  # the whole line is one parenthesis
        return len(_words(m.group(1))) <= 4
    return fold_name(m.group(1)) in _PHOTO_CREDITS and words <= 30


def _is_follow(line: _Line) -> bool:
    """'تابعونا على تلغرام', 'اشترك في النشرة البريدية': a call to follow or subscribe."""
    return bool(_FOLLOW.match(line.fold)) and len(_words(line.text)) <= 30


def _is_copyright(line: _Line) -> bool:
    """'جميع الحقوق محفوظة', '© 2024 ...': a copyright footer (not a sentence about copyright)."""
    return bool(_COPYRIGHT.search(line.fold)) and len(_words(line.text)) <= 25


def _date_words_only(text: str) -> bool:
    """True when every token is a number, a time or a date word ('19 يونيو 2024 - 10:30 ص')."""
    tokens = [t for t in re.split(r"[\s,،|/\-–—()]+", _fold(text).casefold()) if t]
    return bool(tokens) and all(
        re.fullmatch(r"\d[\d:.]*", t) or t.rstrip(".:") in _DATE_WORDS for t in tokens
    ) and any(ch.isdigit() for ch in text)


def _is_timestamp(line: _Line) -> bool:
    """'نشر في: 19 يونيو 2024', 'آخر تحديث: منذ ساعتين', or a bare date-and-time line."""
    m = _TIMESTAMP.match(line.fold)
    rest = m.group("rest") if m else ""
    if rest and (_date_words_only(rest) or rest.startswith("منذ")):
        return True
    return 2 <= len(line.text.split()) <= 12 and _date_words_only(line.text)


def _is_disclaimer(line: _Line) -> bool:
    """'ملاحظة من "كنعان": ... غير مسؤولة عن الآراء ...': the outlet's disclaimer."""
    marked = bool(_DISCLAIMER_START.match(line.fold) or _DISCLAIMER.search(line.fold))
    return marked and len(_words(line.text)) <= 60


def _is_source_footer(line: _Line) -> bool:
    """'المصدر : وكالات', 'المصدر: رويترز': a short source footer."""
    return bool(_SOURCE_FOOTER.match(line.fold)) and len(_words(line.text)) <= 8


def _is_separator(line: _Line) -> bool:
    """'::::', '____', '* * *': a line with no letter or digit."""
    return not _WORD.search(line.text.replace("_", ""))


def _is_teaser(line: _Line) -> bool:
    """'شاهد ايضاً: ...', 'اقرأ أيضا', 'إقرأ المزيد': a link to another article."""
    return bool(_TEASER.match(line.fold)) and len(_words(line.text)) <= 40


def _is_tweet(line: _Line) -> bool:
    """An embedded tweet's attribution ('— Name (@handle) June 18, 2024') or its picture link."""
    return bool(_TWEET_TAIL.search(line.text)) or (
        bool(_TWEET_LINK.search(line.text)) and len(line.text) <= 320)


def _is_logo(line: _Line) -> bool:
    """'خَبَرْيْن logo': a site logo's alt text."""
    m = _LOGO.match(line.fold)
    if not m or len(_words(line.text)) > 5:
        return False
    return m.group("name") is not None or find_outlet(m.group("named")) is not None


# Checked in this order; the first rule that matches names the removal.
LINE_RULES: tuple[tuple[str, Callable[[_Line], bool]], ...] = (
    ("separator", _is_separator),
    ("logo", _is_logo),
    ("loading", lambda ln: bool(_LOADING.match(ln.fold))),
    ("tweet", _is_tweet),
    ("share", _is_share),
    ("nav-menu", _is_nav),
    ("category", lambda ln: bool(_CATEGORY.match(ln.fold)) and len(_words(ln.text)) <= 12),
    ("teaser", _is_teaser),
    ("hashtags", _is_hashtags),
    ("url", lambda ln: bool(_URL_ONLY.match(ln.text))),
    ("advertisement", lambda ln: bool(_ADVERT.match(ln.fold.strip(" -–—|•*:.…")))),
    ("photo-credit", _is_photo_credit),
    ("follow-us", _is_follow),
    ("copyright", _is_copyright),
    ("timestamp", _is_timestamp),
    ("disclaimer", _is_disclaimer),
    ("source-footer", _is_source_footer),
    ("listen", lambda ln: bool(_LISTEN.match(ln.fold)) and len(_words(ln.text)) <= 6),
    ("foreign-caption", lambda ln: _latin_dominant(ln.text)),
)


def _line_rule(line: _Line) -> str | None:
    """The name of the first debris rule that `line` matches, or None."""
    return next((name for name, test in LINE_RULES if test(line)), None)


# ---------------------------------------------------------------- rules that need context

Removed = dict[int, str]


def _kept(lines: Sequence[_Line], removed: Removed) -> list[_Line]:
    """The lines no rule has removed yet."""
    return [ln for ln in lines if ln.no not in removed]


def _is_paragraph(text: str) -> bool:
    """A body paragraph rather than a title, label or heading."""
    n = len(_words(text))
    return n >= 12 or (n >= 6 and _last_mark(text) in ".!؟?…")


def _related_cut(lines: Sequence[_Line], removed: Removed) -> Removed:
    """'أخبار ذات صلة' on its own line after the article: it and everything after it go."""
    seen_paragraph = False
    for index, line in enumerate(lines):
        if line.no in removed:
            continue
        if _RELATED.match(line.fold):
            if not seen_paragraph:  # a widget heading above the article: only the line goes
                return _related_cut(lines, removed | {line.no: "related-news"})
            return removed | {ln.no: "related-news" for ln in lines[index:]}
        seen_paragraph = seen_paragraph or _is_paragraph(line.text)
    return removed


def _marker_alone(line: _Line) -> bool:
    """A teaser marker with nothing after it: the linked title is on the next line."""
    return not _words(_TEASER.sub("", line.fold, count=1))


def _teaser_titles(lines: Sequence[_Line], removed: Removed) -> Removed:
    """'اقرأ أيضا' alone on its line takes the linked title below it."""
    extra: Removed = {}
    for prev, nxt in pairwise(lines):
        if (removed.get(prev.no) == "teaser" and _marker_alone(prev) and nxt.no not in removed
                and not _is_paragraph(nxt.text) and _last_mark(nxt.text) not in ".:،,"):
            extra[nxt.no] = "teaser"
    return removed | extra


def _tweet_texts(lines: Sequence[_Line], removed: Removed) -> Removed:
    """The line above a tweet's '— Name (@handle) date' attribution is the tweet's text."""
    extra: Removed = {}
    for prev, line in pairwise(lines):
        m = _TWEET_TAIL.search(line.text)
        attribution_only = m is not None and not line.text[: m.start()].strip()
        if (removed.get(line.no) == "tweet" and attribution_only and len(prev.text) <= 320
                and removed.get(prev.no) in (None, "foreign-caption", "hashtags", "url")):
            extra[prev.no] = "tweet"
    return removed | extra


def _summary(lines: Sequence[_Line], removed: Removed) -> tuple[Removed, tuple[str, ...]]:
    """'استمع إلى الملخص' or 'أهم النقاط' and the bullets below: the outlet's summary, as data."""
    extra: Removed = {}
    points: list[str] = []
    for index, line in enumerate(lines):
        listen = removed.get(line.no) == "listen"
        head = line.no not in removed and bool(_SUMMARY_HEAD.match(line.fold))
        if not (listen or head):
            continue
        bullets = []
        for following in lines[index + 1:]:
            m = _BULLET.match(following.text)
            if not m or following.no in removed:
                break
            bullets.append((following.no, m.group("text").strip()))
        if head and bullets:
            extra[line.no] = "summary"
        extra.update((no, "summary") for no, _ in bullets)
        points.extend(text for _, text in bullets)
    return removed | extra, tuple(points)


_QUOTED = re.compile(r"^[\"“«„'‘](?P<inner>[^\"“”«»]+)[\"”»‟'’]\W*$")


def _credit_lines(lines: Sequence[_Line], removed: Removed) -> Removed:
    """An outlet's name right after a '::::' separator (or alone as the last line): the credit."""
    extra: Removed = {}
    for prev, line in pairwise(lines):
        if (removed.get(prev.no) == "separator" and line.no not in removed
                and len(_words(line.text)) <= 4
                and (find_outlet(line.text) or _QUOTED.match(line.text.strip()))):
            extra[line.no] = "outlet-credit"
    kept = _kept(lines, removed | extra)
    if len(kept) > 1 and len(_words(kept[-1].text)) <= 4 and find_outlet(kept[-1].text):
        extra[kept[-1].no] = "outlet-credit"
    return removed | extra


# ---------------------------------------------------------------- title, byline, dateline

# Common first names: they tell "title، سعيد محمّد" (title + author) from "title، تحالف جديد".
_GIVEN_NAMES = frozenset(fold_name(n) for n in """
محمد محمود أحمد حامد حمد مصطفى علي حسن حسين عمر عثمان خالد سعيد سعد سعود إبراهيم يوسف يونس إسماعيل
موسى عيسى سليمان سامي سامر سمير رامي رامز زياد زيد طارق طلال فادي فراس فؤاد كريم كمال جمال نبيل نادر
ناصر نصر هشام هاني وليد وائل ياسر يحيى أيمن أنس أسامة باسل بشار بلال جهاد حازم حمزة حمدي خليل رشيد
رضا سلمان شادي صالح صلاح عادل عاطف عماد عمرو عصام علاء غسان فيصل قاسم ماجد مازن مالك مجدي مراد منير
مهدي نزار نضال هيثم وسام أمين أنور إياد بسام جورج جوزيف إلياس الياس ميشال ميشيل شربل طوني
أنطون نقولا
حبيب رياض رفيق زكي سهيل شوقي عبد عبدالله عبدالرحمن عبدالعزيز عبدالكريم عبدالحميد عبدالرحيم عبدالسلام
عبدالقادر عبدالوهاب عدنان عزيز غازي فايز فتحي فريد قيس لؤي ماهر محسن مروان معتز منصور مؤمن نبيه نجيب
نعيم هادي هلال وجدي وديع ياسين يزن أكرم أشرف إيهاب بهاء تامر ثامر جلال حاتم حسام حكمت خضر رائد رأفت
رامح ربيع رشاد زهير سالم سامح سفيان شريف صابر صبحي ضياء طه عارف عامر عبيدة عمار فارس فهد فواز كامل
لطفي محمدعلي مختار مصعب معاذ مهند نادي نور هاشم هيثم وحيد وفيق ياسر يعقوب فاطمة عائشة مريم زينب سارة
نور هدى سلمى ليلى رنا ريم دينا رانيا هبة منى لينا ميساء سوسن سعاد نادية أمل إيمان هالة سمر سناء غادة
لبنى رشا شيماء ياسمين آمنة أسماء بشرى جميلة حنان خديجة دعاء رحاب رغدة روان سحر سماح سهى عبير
علا فدوى
لميس مها ميرفت نجلاء نهى هند وفاء يارا ديانا كارين""".split())
_NAME_TITLES = frozenset(fold_name(t) for t in ("د.", "د", "الدكتور", "الدكتورة", "أ.", "الأستاذ",
                                                "المهندس", "الشيخ", "السفير", "اللواء", "العميد"))
_STOPWORDS = frozenset(_fold(w) for w in """
في من على إلى الى عن أن إن أنه انه إنه التي الذي الذين هذا هذه ذلك تلك مع ما لا لم لن قد كان كانت
هو هي هم بين بعد قبل حتى أو او ثم كما بل غير عند منذ كل أي إذا اذا حيث إذ لكن لكنه وهو
وهي وقد ولا ولم وفي ومن
""".split())


def _looks_like_name(text: str) -> bool:
    """2-4 words that start with a common first name ('سعيد محمّد', 'د. عبد الله فلان')."""
    words = [fold_name(w) for w in text.split()]
    while words and words[0] in _NAME_TITLES:
        words = words[1:]
    return (2 <= len(words) <= 4 and words[0] in _GIVEN_NAMES
            and not any(w in _STOPWORDS or any(c.isdigit() for c in w) for w in words))


_TITLE_TAIL = re.compile(r"^(?P<head>.+?)(?:\s*[،,]\s*|\s+[|\-–—ـ]\s+)(?P<tail>[^،,|\-–—]+)$")


def _split_title(text: str) -> tuple[str, str | None, Outlet | None]:
    """Title without an appended author ('..., سعيد محمّد') or site name ('... - الجزيرة نت')."""
    m = _TITLE_TAIL.match(text.strip())
    if not m or len(_words(m.group("head"))) < 3 or len(_words(m.group("tail"))) > 4:
        return text.strip(), None, None
    outlet = find_outlet(m.group("tail"))
    if outlet:
        return m.group("head").strip(), None, outlet
    if _looks_like_name(m.group("tail")):
        return m.group("head").strip(), m.group("tail").strip(), None
    return text.strip(), None, None


_BYLINE = re.compile(r"^(?P<marker>بقلم|كتبت|كتبه|كتب|[إا]عداد|تقرير|تحرير|بواسطة|by)\b\s*"
                     r"(?P<sep>[:：\-–—])?\s*(?P<name>\S.*)$", re.I)
_SURE_MARKERS = ("بقلم", "by", "بواسطة")  # followed by a name whatever its shape


def _byline(text: str) -> str | None:
    """The author named by a short byline line: 'بقلم: فلان', 'كتب - فلان', 'إعداد سعيد محمد'."""
    m = _BYLINE.match(text.strip()) or _BYLINE.match(_MARKS.sub("", text.strip()))
    if not m:
        return None
    name, *others = re.split(r"\s*[|•]\s*|\s+[-–—]\s+", m.group("name").strip())
    if not all(_date_words_only(o) for o in others):  # 'كتب: فلان | الأربعاء 19 يونيو 2024'
        return None
    n = len(_words(name))
    if not 1 <= n <= 5 or any(c.isdigit() for c in name) or _last_mark(name) in ".؟?!:،,":
        return None
    if m.group("marker").casefold() in _SURE_MARKERS or m.group("sep") or _looks_like_name(name):
        return name
    return None


def _is_headline(text: str) -> bool:
    """A title: short, and not ending the way a sentence or a lead-in does."""
    n = len(_words(text))
    return 1 <= n <= 30 and len(text) <= 220 and _last_mark(text) not in ".:;،,؛" and not (
        _BULLET.match(text))


def _same_text(a: str, b: str) -> bool:
    """The same words, ignoring marks, punctuation and spelling folds."""
    def key(s: str) -> list[str]:
        return re.sub(r"[^\w\s]", " ", _fold(s)).split()
    return key(a) == key(b)


_PLACES = frozenset(fold_name(p) for p in """
موسكو/واشنطن/بيونغ يانغ/بيونج يانج/بيونغيانغ/سول/سيول/سيئول/طوكيو/بكين/كييف/لندن/باريس/برلين/
روما/
مدريد/بروكسل/جنيف/فيينا/نيويورك/أنقرة/إسطنبول/اسطنبول/طهران/بغداد/دمشق/بيروت/عمان/عمّان/القاهرة/الرياض/
جدة/الدوحة/أبوظبي/أبو ظبي/دبي/الكويت/المنامة/مسقط/صنعاء/عدن/الخرطوم/طرابلس/تونس/الجزائر/الرباط/
الدار البيضاء/نواكشوط/القدس/القدس المحتلة/رام الله/غزة/الخليل/نابلس/جنين/حلب/إدلب/حمص/الموصل/أربيل/
البصرة/كابل/إسلام آباد/نيودلهي/بانكوك/هانوي/جاكرتا/كوالالمبور/سيدني/أوتاوا/مكسيكو/برازيليا/
بوينس آيرس/مينسك/وارسو/بودابست/براغ/أثينا/ستوكهولم/أوسلو/هلسنكي/كوبنهاغن/فلاديفوستوك/سان بطرسبورغ/
خاركيف/أوديسا/دونيتسك/لوهانسك/كورسك/تل أبيب/حيفا/الضفة الغربية/نيقوسيا/باكو/يريفان/تبليسي/طشقند/
أستانا/وهران/الأمم المتحدة/بنغازي/مصراتة/الإسكندرية/أسوان/الموصل/كركوك/النجف/كربلاء/السليمانية/
اللاذقية/طرطوس/درعا/دير الزور/الرقة/الحسكة/صيدا/صور/جبيل/طرابلس الغرب/الحديدة/تعز/مأرب/المكلا/
الطائف/مكة/المدينة المنورة/الدمام/الشارقة/العين/الزرقاء/إربد/الكرك/معان/العقبة/بورتسودان/أم درمان/
مراكش/فاس/طنجة/أغادير/قسنطينة/عنابة/صفاقس/سوسة/نواذيبو/جيبوتي/مقديشو/أسمرة/أديس أبابا/نيروبي/
لاغوس/أبوجا/جوهانسبرغ/كيب تاون/بريتوريا/دكار/باماكو/نيامي/إنجامينا/بكين/شنغهاي/هونغ كونغ/تايبيه/
مانيلا/سنغافورة/كانبيرا/ملبورن/لوس أنجلوس/شيكاغو/ميامي/تورونتو/مونتريال/بروكسيل/لاهاي/أمستردام/
ميونخ/فرانكفورت/ميلانو/برشلونة/لشبونة/دبلن/إدنبرة/زيوريخ/بلغراد/صوفيا/بوخارست/زغرب/سراييفو/
ريغا/فيلنيوس/تالين/شيشيناو/لفيف/دنيبرو/زابوريجيا/خيرسون/ماريوبول/بيلغورود/سيفاستوبول/يالطا/
""".replace("\n", "").split("/") if p.strip())
_NOT_PLACE = frozenset(_fold(w) for w in """
قال قالت أكد أكدت أضاف أضافت يضيف تضيف يقول تقول يرى ترى تابع يتابع أوضح يوضح أشار يشير كشف ذكر أعلن
أعلنت بحسب وفق وفقا حسب هل كيف لماذا متى أين ماذا أنا نحن أنت الذي التي الذين لقد وقد لكن ربما إنما
أولا ثانيا ثالثا رابعا خامسا أخيرا أيضا كذلك عاجل تنويه ملاحظة تحديث
""".split()) | _STOPWORDS
_DASHES = "-–—ـ"
_TANWIN = re.compile(r"[\u064b-\u064d]")
_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][^\s\d()\-–—ـ:/]*(?:[ \t]+[^\W\d_][^\s\d()\-–—ـ:/]*){0,2})"
    r"(?P<pre>[ \t]*)(?:\((?P<paren>[^()]{1,30})\)[ \t]*)?(?P<sep>[-–—ـ:/])(?P<post>[ \t]*)")
_AGENCY = re.compile(r"^(?P<agency>[\"“«(]?[^\s\-–—ـ:/\"“”«»()][^\-–—ـ:/\"“”«»()]{1,30}?[\"”»)]?)"
                     r"[ \t]*(?:[-–—ـ:]|$)[ \t]*")


def _parenthetical_dash(rest: str) -> bool:
    """A second dash soon after the first, not inside a word: '-في حديث للجزيرة نت-' is an aside."""
    head = rest[:60]
    return any(not (0 < i < len(head) - 1 and head[i - 1].isalnum() and head[i + 1].isalnum())
               for i, ch in enumerate(head) if ch in _DASHES)


def split_dateline(text: str) -> tuple[str, Outlet | None, str] | None:
    """('موسكو', agency or None, paragraph without the dateline) for 'موسكو- توج ...', else None."""
    m = _DATELINE.match(text)
    if not m:
        return None
    place, paren, sep = m.group("place"), m.group("paren"), m.group("sep")
    words = [_fold(w) for w in place.split()]
    known = fold_name(place) in _PLACES
    if _TANWIN.search(place):  # 'أولاً -': a name never carries tanwin
        return None
    paren_outlet = find_outlet(paren) if paren else None
    exclusive = bool(paren) and fold_name(paren) in ("خاص", "خاص ب")
    if paren and not (paren_outlet or exclusive):
        return None
    # A place name folds to letters; a tatweel-only "word" folds to nothing and is no place.
    if not known and (not all(words) or any(w in _NOT_PLACE for w in words)
                      or words[0][0] in "وف"):
        return None
    rest = text[m.end():]
    agency = None
    if sep == "/" or (sep in _DASHES and not paren):
        a = _AGENCY.match(rest)
        agency = find_outlet(a.group("agency")) if a else None
        if a and agency:
            rest = rest[a.end():]
    rest = rest.strip()
    if sep in ":/" and not (known or paren or agency):
        return None
    if not (m.group("pre") or m.group("post") or paren):  # 'موسكو-بكين' is a compound
        return None
    if not rest:  # a dateline line of its own: 'أنقرة/ الأناضول'
        return (place.strip(), paren_outlet or agency, "") if known or paren or agency else None
    if rest[0].isdigit() or (not known and len(_words(rest)) < 8):
        return None
    if sep in _DASHES and not agency and _parenthetical_dash(rest):
        return None
    return place.strip(), paren_outlet or agency, rest


# ---------------------------------------------------------------- pull quotes and headings

_SPEAKER = re.compile(r"^(?P<who>[^:：\"“”«»]{2,40}?)\s*[:：]\s*(?P<said>\S.*)$")
_SAYING = _rx(r"^(?:قال|قالت|أضاف|أضافت|تابع|أكد|أكدت|أوضح|أشار|يقول|تقول|صرح|ذكر|كتب|سأل|رد)\b")


def _stem(word: str) -> str:
    """A light stem: clitic و/ف, article or preposition, and pronoun suffix off."""
    if len(word) > 3 and word[0] in "وف":
        word = word[1:]
    for prefix in ("بال", "كال", "لل", "ال"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix):]
            break
    else:
        if len(word) > 3 and word[0] in "بل":
            word = word[1:]
    for suffix in ("هما", "كما", "ها", "هم", "كم", "نا"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _content_tokens(text: str) -> frozenset[str]:
    """Stemmed words of `text` without function words."""
    return frozenset(_stem(w) for w in re.findall(r"\w+", _fold(text)) if w not in _STOPWORDS)


def _pull_quote_statement(text: str) -> str | None:
    """The statement of a highlight-quote line ('شويغو: كيم سيوفد ...' or a line in quotes)."""
    if len(_words(text)) > 35:
        return None
    m = _SPEAKER.match(text.strip())
    if m:
        who = _fold(m.group("who"))
        if 1 <= len(_words(who)) <= 4 and not _SAYING.match(who) and who[0] not in "وف":
            return m.group("said")
        return None
    q = _QUOTED.match(text.strip())
    return q.group("inner") if q else None


def repeats_article(statement: str, others: Sequence[str], threshold: float = 0.6) -> bool:
    """True when most content words of `statement` stand in one of the `others` paragraphs."""
    tokens = _content_tokens(statement)
    if len(tokens) < 4:
        return False
    return any(len(tokens & _content_tokens(o)) >= threshold * len(tokens) for o in others)


_DISCOURSE = _rx(r"^(?:و|ف)?(?:قال|قالت|أضاف|أضافت|تابع|أكد|أوضح|أشار|يقول|تقول|يرى|ترى|كان|"
                 r"كانت|هذا|"
                 r"هذه|هو|هي|لكن|لكنه|قد|لقد|لم|لا|إن|إنه|أن|ذلك|كما|ثم|بل|أما|إذ|حيث)\b")


def _is_heading(text: str) -> bool:
    """A sub-heading: a short line without final punctuation (a question is allowed)."""
    n = len(_words(text))
    return (1 <= n <= 10 and len(text) <= 90 and _last_mark(text) not in _SENTENCE_END
            and not re.search(r"[.!؟?]\s+\S", text) and not _DISCOURSE.match(_fold(text))
            and not _BULLET.match(text))


# ---------------------------------------------------------------- outlet

_INTERVIEW = re.compile(  # a lookahead, so that matches may overlap ('أوضح في حديث لـ...')
    r"(?=(?P<all>(?<!\S)[وف]?(?:(?P<noun>حديث|تصريح|تصريحات|تعليق|مقابلة|لقاء)|قال|قالت|أكد|أكدت|أوضح|أوضحت|"
    r"صرح|صرحت|أضاف|أضافت|كشف|كشفت|يقول|تقول|ذكر|ذكرت)(?:\s+\S+){0,3}?\s+"
    r"(?:لـ\s*|ل|مع\s+)(?P<name>[\"“«'][^\"“”«»']{2,30}[\"”»']|\S+(?:\s+\S+){0,2})))")


def _interview_outlet(text: str) -> tuple[Outlet, str] | None:
    """'في حديث للجزيرة نت', 'في حديث لـ"العربي الجديد"': the outlet the speaker talked to.

    A name that is also a common phrase ('الأخبار') counts in quotes, or after 'حديث'/'مقابلة'
    ('في حديث للعربية'), never after a bare verb ('قال للأخبار').
    """
    for m in _INTERVIEW.finditer(text):
        name = m.group("name")
        if name[0] in "\"“«'":
            outlet = find_outlet(name)
            if outlet:
                return outlet, m.group("all")
            continue
        if name.startswith("ل"):  # ل + الجزيرة is written للجزيرة
            name = "ا" + name
        words = name.split()
        for k in range(len(words), 0, -1):
            outlet = find_outlet(" ".join(words[:k]))
            if outlet and (m.group("noun") or not outlet.ambiguous):
                return outlet, m.group("all")
    return None


_NOTE_FROM = _rx(r"^ملاحظة من\s*(?P<name>[^:：]{2,40})[:：]")


def _disclaimer_outlet(text: str) -> Outlet | None:
    """'ملاحظة من "كنعان": ...' or a quoted outlet name inside the disclaimer."""
    m = _NOTE_FROM.match(_fold(text))
    if m and find_outlet(m.group("name")):
        return find_outlet(m.group("name"))
    return next((o for q in re.findall(r"[\"“«]([^\"“”«»]{2,30})[\"”»]", text)
                 if (o := find_outlet(q))), None)


@dataclass(frozen=True)
class _Signal:
    """One place in the text that names an outlet."""

    rank: int  # lower is stronger
    publisher: bool  # the site that published this copy (else: where the text came from)
    outlet: Outlet | None
    evidence: str


def _line_signal(line: _Line, rule: str) -> _Signal | None:
    """What a removed line says about the outlet, if anything."""
    evidence = _evidence(line, rule)
    if rule == "logo":
        m = _LOGO.match(line.fold)
        return _Signal(0, True, find_outlet(m.group("name") or m.group("named")) if m else None,
                       evidence)
    if rule == "disclaimer":
        return _Signal(1, True, _disclaimer_outlet(line.text), evidence)
    if rule == "outlet-credit":
        return _Signal(5, False, find_outlet(line.text), evidence)
    if rule == "source-footer":
        m = _SOURCE_FOOTER.match(line.fold)
        # 'الجزيرة + وكالات', 'رويترز ووكالات': the first part that names an outlet
        parts = re.split(r"\s*[+،,/&]\s*|\s+و(?=\S)", m.group("src")) if m else []
        named = (find_outlet(p) for p in parts if fold_name(p) not in _GENERIC_SOURCES)
        return _Signal(6, False, next((o for o in named if o), None), evidence)
    if rule == "tweet" and (m := _TWEET_TAIL.search(line.text)):
        outlet = outlet_by_handle(m.group("handle"))
        return _Signal(7, True, outlet, evidence) if outlet else None
    return None


def _choose_outlet(signals: Sequence[_Signal]) -> tuple[Outlet | None, Outlet | None]:
    """(publisher, original): the strongest publisher signal, else the strongest credit."""
    found = sorted((s for s in signals if s.outlet), key=lambda s: s.rank)
    publisher = next((s.outlet for s in found if s.publisher), None)
    credit = next((s.outlet for s in found if not s.publisher), None)
    if publisher is None:
        return credit, None
    return publisher, credit if credit != publisher else None


# ---------------------------------------------------------------- dates


def day_dates(mentions: Iterable[Any]) -> tuple[dt.date, ...]:
    """Distinct full dates (day precision, not relative) among date mentions, latest first."""
    days = {m.value for m in mentions if m.precision == "day" and not getattr(m, "relative", False)}
    return tuple(sorted(days, reverse=True))


def _date_candidates(texts: Iterable[str]) -> tuple[dt.date, ...]:
    """Full dates mentioned in `texts`, latest first; none until nashra.dates exists."""
    if find_dates is None:
        return ()
    texts = list(texts)
    by_lang = {lang: "\n\n".join(t for t in texts if _latin_dominant(t) == (lang == "en"))
               for lang in ("ar", "en")}  # one call per language: the extractor's cost is per call
    return day_dates(m for lang, text in by_lang.items() if text
                     for m in find_dates(text, lang=lang))


# ---------------------------------------------------------------- clean


_EDGE = re.compile(r"^[\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+|"
                   r"[\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+$")


def _split_lines(text: str) -> list[_Line]:
    """The seed's non-empty lines, numbered from 1, edges trimmed of spaces and bidi marks."""
    lines = []
    for no, raw in enumerate(text.splitlines(), start=1):
        stripped = _EDGE.sub("", raw)
        if stripped:
            lines.append(_Line(no, stripped, _fold(stripped)))
    return lines


def _debris(lines: Sequence[_Line]) -> tuple[Removed, tuple[str, ...]]:
    """Every debris rule over the seed's lines: which line goes by which rule, and the summary."""
    removed: Removed = {ln.no: rule for ln in lines if (rule := _line_rule(ln))}
    removed = _related_cut(lines, removed)
    removed = _teaser_titles(lines, removed)
    removed = _tweet_texts(lines, removed)
    removed, points = _summary(lines, removed)
    return _section_label(lines, _credit_lines(lines, removed)), points


def _section_label(lines: Sequence[_Line], removed: Removed) -> Removed:
    """A lone section name above the headline ('سياسة', 'أخبار العالم') is a category label."""
    kept = _kept(lines, removed)
    if len(kept) >= 3 and 1 <= _segments(kept[0].text, _NAV) <= 2 and _is_headline(kept[1].text):
        return removed | {kept[0].no: "category"}
    return removed


def _bylines(kept: Sequence[_Line]) -> tuple[Removed, str | None]:
    """Short byline lines ('بقلم: فلان') and the first author they name."""
    found = {ln.no: name for ln in kept if (name := _byline(ln.text))}
    return dict.fromkeys(found, "byline"), next(iter(found.values()), None)


def _header(title: _Line | None, body: Sequence[_Line]) -> Removed:
    """Lines before the first paragraph that repeat the headline."""
    removed: Removed = {}
    for line in body:
        if title is not None and _same_text(line.text, title.text):
            removed[line.no] = "repeated-headline"
        elif _is_paragraph(line.text):
            break
    return removed


def _pull_quotes(body: Sequence[_Line]) -> Removed:
    """Highlight quotes that repeat a paragraph of the article (kept when they say more)."""
    removed: Removed = {}
    for line in body[1:]:
        statement = _pull_quote_statement(line.text)
        others = [o.text for o in body if o.no != line.no]
        if statement and repeats_article(statement, others):
            removed[line.no] = "pull-quote"
    return removed


@dataclass(frozen=True)
class _Body:
    """The article's blocks and the dateline taken off its first paragraph."""

    blocks: tuple[Block, ...]
    dateline: str | None = None
    agency: Outlet | None = None  # an agency or outlet named in the dateline
    dateline_line: _Line | None = None
    removed: tuple[int, ...] = ()  # a line that held nothing but the dateline


def _blocks(body: Sequence[_Line]) -> _Body:
    """Body lines as blocks: headings marked, the dateline taken off the first paragraph."""
    blocks: list[Block] = []
    found: tuple[str, Outlet | None, _Line] | None = None
    removed: list[int] = []
    for index, line in enumerate(body):
        heading = index + 1 < len(body) and _is_heading(line.text)
        text = line.text
        split = split_dateline(text) if all(b.heading for b in blocks) and not found else None
        if split and not (heading and split[2]):  # a heading-like line only if it is all dateline
            found, text, heading = (split[0], split[1], line), split[2], False
        if text:
            blocks.append(Block(text, heading, line.no))
        else:
            removed.append(line.no)
    if found is None:
        return _Body(tuple(blocks))
    return _Body(tuple(blocks), found[0], found[1], found[2], tuple(removed))


def _evidence(line: _Line, rule: str) -> str:
    """'line 31 (outlet-credit): “الأخبار”': where an outlet was named, for the editor."""
    quote = line.text if len(line.text) <= 70 else line.text[:67] + "…"
    return f"line {line.no} ({rule}): {quote}"


def _signals(lines: Sequence[_Line], removed: Removed, title: _Line | None,
             title_outlet: Outlet | None, body: _Body) -> list[_Signal]:
    """Every place in the article that names its outlet, strongest first."""
    by_no = {ln.no: ln for ln in lines}
    signals = [s for no, rule in sorted(removed.items()) if (s := _line_signal(by_no[no], rule))]
    if title_outlet and title:
        signals.append(_Signal(2, True, title_outlet, _evidence(title, "title suffix")))
    if body.agency and body.dateline_line:
        signals.append(_Signal(3, True, body.agency, _evidence(body.dateline_line, "dateline")))
    for block in body.blocks:
        found = _interview_outlet(block.text)
        if found:
            line = _Line(block.line, found[1], "")
            signals.append(_Signal(4, True, found[0], _evidence(line, "interview")))
            break
    return sorted(signals, key=lambda s: s.rank)


def clean(text: str) -> CleanArticle:
    """Raw scraped article text -> headline, byline, dateline, outlet, paragraphs and dates."""
    lines = _split_lines(text)
    removed, points = _debris(lines)
    byline_removed, author = _bylines(_kept(lines, removed))
    removed |= byline_removed
    kept = _kept(lines, removed)
    title_line = kept[0] if len(kept) >= 2 and _is_headline(kept[0].text) else None
    title, title_author, title_outlet = _split_title(title_line.text) if title_line else (
        None, None, None)
    removed |= _header(title_line, kept[1:] if title_line else kept)
    removed |= _pull_quotes(_kept(kept[1:] if title_line else kept, removed))
    body = _blocks(_kept(kept[1:] if title_line else kept, removed))
    removed |= dict.fromkeys(body.removed, "dateline")

    signals = _signals(lines, removed, title_line, title_outlet, body)
    outlet, original = _choose_outlet(signals)
    by_no = {ln.no: ln for ln in lines}
    dated = [by_no[no].text for no, rule in removed.items()
             if rule in ("timestamp", "tweet", "byline")]
    return CleanArticle(
        title=title, author=title_author or author, dateline=body.dateline, outlet=outlet,
        blocks=body.blocks, summary_points=points,
        date_candidates=_date_candidates([*([title] if title else []),
                                          *(b.text for b in body.blocks), *dated]),
        removed=tuple((no, rule, by_no[no].text) for no, rule in sorted(removed.items())),
        original_outlet=original, evidence=tuple(s.evidence for s in signals))


# ---------------------------------------------------------------- Markdown draft

_BLOCK_START = re.compile(
    r"^(?:#{1,6}(?=\s|$)|[-+](?=\s|$)|>|(?P<num>\d{1,9})[.)](?=\s|$))")


def escape_markdown(text: str, *, heading: bool = False) -> str:
    """Text that Markdown renders as written: inline marks escaped, block starters neutralised."""
    text = re.sub(r"\\(?=[!-/:-@\[-`{-~])", r"\\\\", text)
    text = re.sub(r"([*`\[])", r"\\\1", text)
    m = _BLOCK_START.match(text)
    if m and m.group("num"):
        text = m.group("num") + "\\" + text[m.end("num"):]
    elif m:
        text = "\\" + text
    if heading and text.endswith("#"):
        text = text[:-1] + "\\#"
    return text


def _yaml(value: Any) -> str:
    """One YAML value on one line (flow style), quoted where YAML needs it."""
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, sort_keys=False,
                          width=2**31 - 1).rstrip("\n").removesuffix("\n...").rstrip("\n")


def _scalar(value: str | None) -> str:
    """A YAML scalar on one line."""
    return _yaml([value])[1:-1]


_DRAFT_SHA = re.compile(r"^draft_sha256:[ \t]*(?P<hex>[0-9a-f]{64})?[ \t]*$", re.M)


def _front_matter_end(text: str) -> int:
    """Offset just past the closing '---' line of the front matter (0 if there is none)."""
    if not text.startswith("---\n"):
        return 0
    end = text.find("\n---\n", 3)
    return end + 5 if end >= 0 else 0


def _blank_sha(text: str) -> tuple[str, str | None]:
    """(text with the draft_sha256 value blanked, the value it had)."""
    m = _DRAFT_SHA.search(text, 0, _front_matter_end(text))
    if not m:
        return text, None
    if m.group("hex") is None:
        return text, ""
    return text[: m.start("hex")] + text[m.end("hex"):], m.group("hex")


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def draft_is_unchanged(md_text: str) -> bool:
    """True if the file is still exactly what ingest wrote (its draft_sha256 still matches)."""
    blanked, recorded = _blank_sha(md_text)
    return bool(recorded) and _sha256(blanked) == recorded


def _front_matter(article: CleanArticle, seed_name: str, seed_sha256: str) -> list[str]:
    """The draft's YAML lines, keys in the loader's order, with notes for the editor."""
    title = _scalar(article.title)
    if article.title is None:
        title += "  # no headline found in the seed: write one"
    dates = ", ".join(d.isoformat() for d in article.date_candidates)
    best = article.date_candidates[0].isoformat() if article.date_candidates else "null"
    note = (f"  # candidates, latest first: {dates}; verify against the source" if dates
            else "  # no full date in the text: set the publication date")
    outlet, original = article.outlet, article.original_outlet
    source = _yaml({"name": outlet.name if outlet else None,
                    "name_en": outlet.name_en if outlet else None,
                    "url": None, "author": article.author})
    lines = [f"title: {title}", f"date: {best}{note}", "summary: null"]
    if article.summary_points:
        lines.append("# the outlet's own summary (not in the body):")
        lines.extend(f"#   - {point}" for point in article.summary_points)
    lines.append(f"source: {source}")
    if original:
        lines.append(f"# republished from {original.name} ({original.name_en})")
    lines.extend(f"# outlet evidence: {e}" for e in article.evidence)
    lines += [f"dateline: {_scalar(article.dateline)}", f"seed: {_scalar(seed_name)}",
              f"seed_sha256: {seed_sha256}", "events: []", "entities: []", "status: published",
              "draft_sha256: "]
    return lines


def draft_markdown(article: CleanArticle, *, seed_name: str, seed_sha256: str) -> str:
    """The .ar.md text for `article`: front matter, then the blocks; same input, same bytes."""
    body = "\n\n".join(("## " if b.heading else "") + escape_markdown(b.text, heading=b.heading)
                       for b in article.blocks)
    text = "---\n" + "\n".join(_front_matter(article, seed_name, seed_sha256)) + "\n---\n\n"
    text += body + "\n"
    blanked, _ = _blank_sha(text)
    return blanked.replace("draft_sha256: \n", f"draft_sha256: {_sha256(blanked)}\n", 1)


# ---------------------------------------------------------------- files


def default_slug(seed_name: str) -> str:
    """An ASCII slug ([a-z0-9-]) from the seed's file name; non-Latin names get a short hash."""
    stem = seed_name.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    ascii_part = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_part.lower()).strip("-")
    lost = any(ch.isalpha() and not unicodedata.normalize("NFKD", ch).encode("ascii", "ignore")
               for ch in stem)  # letters with no Latin spelling: keep distinct names distinct
    if not slug or lost:
        digest = hashlib.sha1(stem.encode("utf-8")).hexdigest()[:10]
        slug = f"{slug}-{digest}" if slug else f"seed-{digest}"
    return slug


def _seed_of(text: str) -> str | None:
    """The `seed:` field of a briefing's front matter."""
    end = _front_matter_end(text)
    if not end:
        return None
    try:
        meta = yaml.safe_load(text[4: end - 5])
    except yaml.YAMLError:
        m = re.search(r"^seed:\s*['\"]?([^'\"\n#]+?)['\"]?\s*(?:#.*)?$", text[:end], re.M)
        return m.group(1) if m else None
    seed = meta.get("seed") if isinstance(meta, dict) else None
    return str(seed) if seed is not None else None


def _briefings_by_seed(briefings_dir: Path) -> dict[str, Path]:
    """Existing briefings keyed by the seed they came from (an editor may have renamed them)."""
    found: dict[str, Path] = {}
    for path in sorted(briefings_dir.glob("*.ar.md")):
        seed = _seed_of(path.read_text(encoding="utf-8"))
        if seed is not None:
            found.setdefault(seed, path)
    return found


def _write(path: Path, text: str) -> None:
    """Write atomically: a reader never sees half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    tmp.replace(path)


def _decide(seed: str, target: Path, draft: str, current: str | None, owned: bool,
            force: bool) -> IngestOutcome:
    """What to do with a fresh draft given the file already at `target` (if any)."""
    if current is None:
        return IngestOutcome(seed, target, "written", "new draft")
    if current == draft:
        return IngestOutcome(seed, target, "unchanged", "already up to date")
    if not owned:
        return IngestOutcome(seed, target, "skipped-edited",
                             f"{target.name} exists and names another seed: left alone")
    if draft_is_unchanged(current):
        return IngestOutcome(seed, target, "written", "regenerated (the old draft was not edited)")
    if force:
        return IngestOutcome(seed, target, "overwritten", "edited briefing replaced (force)")
    return IngestOutcome(seed, target, "skipped-edited",
                         "edited since ingest: kept (use force to overwrite)")


def ingest(seeds: Sequence[Path], briefings_dir: Path, *, force: bool = False,
           ) -> tuple[IngestOutcome, ...]:
    """Write a draft briefing per seed, never overwriting an editor's changes unless forced."""
    briefings_dir.mkdir(parents=True, exist_ok=True)
    existing = _briefings_by_seed(briefings_dir)
    outcomes = []
    for seed in seeds:
        raw = seed.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError(f"{seed}: not UTF-8 text ({exc.reason})") from exc
        draft = draft_markdown(clean(text), seed_name=seed.name,
                               seed_sha256=hashlib.sha256(raw).hexdigest())
        target = existing.get(seed.name, briefings_dir / f"{default_slug(seed.name)}.ar.md")
        current = target.read_text(encoding="utf-8") if target.exists() else None
        owned = seed.name in existing or current is None
        outcome = _decide(seed.name, target, draft, current, owned, force)
        if outcome.action in ("written", "overwritten"):
            _write(target, draft)
        outcomes.append(outcome)
    return tuple(outcomes)
