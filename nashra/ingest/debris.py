"""Scraping debris: the rules that mark a seed's lines as boilerplate, alone or in context."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import pairwise

from nashra.ingest.lines import (
    _WORD,
    _fold,
    _last_mark,
    _latin_dominant,
    _Line,
    _rx,
    _segments,
    _vocabulary,
    _words,
)
from nashra.ingest.outlets import find_outlet, fold_name
from nashra.ingest.pubdate import _full_dates, _stamp_only

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
    "Culture/Opinion/Video/Style/Travel/Science/ثقافة وفن/ثقافة وفنون/علوم وتكنولوجيا/صحة وعلوم")
_RELATED = _rx(
    r"^(?:(?:أخبار|مواضيع|موضوعات|مقالات|قصص|تقارير|روابط) ذات صلة|ذات صلة|"
    r"الأكثر (?:قراءة|مشاهدة|تداولا|شعبية)|(?:قصص|مقالات|أخبار|مواضيع) (?:مقترحة|متعلقة|ذات علاقة)|"
    r"(?:ا|إ)ظهار (?:أخبار|مواضيع) (?:متعلقة|ذات صلة)|تغريدات|شارك هذا (?:المقال|الخبر)|"
    r"(?:ال)?تعليقات(?: (?:الزوار|القراء|الفيسبوك|فيسبوك))?(?: \(\d+\))?|"
    r"عدد التعليقات: \d+|\d+ تعليقا?ت?|لا توجد تعليقات|"
    r"(?:ال)?كلمات (?:المفتاحية|مفتاحية|الدالة|دالة|دلالية)|(?:ال)?وسوم|مواضيع|tags|topics|"
    r"comments?(?: \(\d+\))?|you (?:may|might) also like|recommended(?: for you)?|trending|"
    r"more stories|(?:ربما|قد) (?:يعجبك|يهمك|تهمك)(?: أيضا)?|اخترنا لك|مقترحات|أخبار متعلقة|"
    r"المزيد من الأخبار|آخر الأخبار|أحدث الأخبار|قد يعجبك أيضا|التعليقات|أضف تعليقا?|اترك تعليقا|"
    r"related (?:news|articles|stories|content|coverage|reading|links|topics)|see also|"
    r"more (?:on this|coverage|to read)|more from .{1,30}|most (?:read|popular))\W*$")
_TEASER = _rx(
    r"^(?:(?:شاهد|شاهدي|شاهدوا|اقرأ|إقرأ|اقرئي|طالع|اطلع|تابع|انظر) (?:أيضا|أيضاً|كذلك|المزيد)|"
    r"(?:قد )?يهمك(?: أيضا)?|ننصحك بقراءة|للمزيد|المزيد|اقرأ|شاهد|طالع|طالعوا|طالعي|"
    r"اقرأ الخبر(?: من المصدر)?|"
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


_SKIP_LINK = _rx(r"^(?:\d+\W*)?(?:تخط(?:ي|ى|َّ|)?|تجاوز|انتقل|اذهب|انتقال|الانتقال|skip|jump|go)"
                 r"(?: (?:إلى|الى|ل|لل|to))? ?(?:ال)?(?:محتوى|المحتوى|القائمة|قائمة|main|content|"
                 r"navigation|menu)")
_WIDGET = _rx(
    r"^(?:وقت القراءة|مدة القراءة|زمن القراءة|قراءة|reading time|read time)\s*[:：]?\s*\d+\s*\w*$|"
    r"^\d+\s*(?:دقيقة|دقائق|دقيقتان|min(?:ute)?s?)(?: (?:قراءة|للقراءة|read))?$|"
    r"^(?:مباشر|بث مباشر|عاجل|live|breaking)$|"
    r"^(?:مشاهدات|المشاهدات|عدد المشاهدات|views)\s*[:：]?\s*[\d,]+$|"
    r"^(?:مواقيت الصلاة|أوقات الصلاة|مواعيد الرحلات|مواقيت الرحلات|رحلات الطيران|أسعار العملات|"
    r"حالة الطقس|الطقس|ملخص|الملخص|معاييرنا|سياسة الخصوصية|شروط الاستخدام)(?:\s*[:：|].*)?$|"
    r"^(?:مواقيت|أوقات|مواعيد) (?:الصلاة|الصلوات|الرحلات|الطيران|القطارات)(?: \S+){0,4}$|"
    r"^(?:الفجر|الشروق|الظهر|العصر|المغرب|العشاء)\s*\d|"
    r"^(?:رئيس التحرير|رئيس تحرير|رئيس مجلس الإدارة|مدير التحرير|المدير العام|المدير المسؤول|"
    r"editor[- ]in[- ]chief)\b")
_LANGUAGES = _vocabulary("English/Türkçe/Français/Deutsch/Español/کوردی/كوردي/کوردی سۆرانی/"
                         "Kurmancî/فارسی/عربي/العربية/Русский/中文/اردو")
_WIRE_TAIL = re.compile(
    r"^(?:/+\s*(?:انتهى|النهاية)\s*/+|\(?(?:انتهى|النهاية|end)\)?|\d{1,2}:\d{2}\s*\S{0,3}(?:\s+\S{1,2})?|"
    r"\d{3,6}|\S*[^\W\d]\d{5,}\b.*|-+\(\S+\)(?:\s*(?:\S{1,2}\s?){1,3}(?:/\s*(?:\S{1,2}\s?){1,3})+)?|"
    r"\(\S+\)\s*(?:\S{1,2}\s?){1,3}(?:/\s*(?:\S{1,2}\s?){1,3})+)\s*$", re.I)
_INITIALS = re.compile(  # 'ع.ح/ ف.ي (د ب أ، رويترز)': the desk's initials
    r"^(?:\S{1,2}\.?\s*){1,3}(?:/\s*(?:\S{1,2}\.?\s*){1,3})+(?:\([^()]{1,30}\))?$")
# 'MANDATORY CREDIT', 'RESTRICTED TO EDITORIAL USE': the all-capitals notice of a wire photo.
_WIRE_NOTICE = re.compile(r"\b(?:EDITORIAL USE|MANDATORY CREDIT|HANDOUT|NO SALES|NO ARCHIVES|"
                          r"NO MARKETING|THIS IMAGE HAS BEEN SUPPLIED BY A THIRD PARTY|"
                          r"RESTRICTED TO)\b")
_PHOTO_TAIL = re.compile(
    r"(?:\b(?:REUTERS|AFP|AP|EPA|ANADOLU|GETTY IMAGES|XINHUA)(?:\s*PHOTO)?\s*/\s*[\w .'-]{1,40}|"
    r"\((?:Photo by [^()]{1,60}|AFP Photo|Reuters|AFP|AP Photo[^()]{0,40})\))\.?\s*$")
_REPUBLISHED = _rx(r"^(?:نشر|نشرت|ظهر)(?: هذا)? (?:المقال|الخبر|التقرير|الموضوع|المادة) "
                   r"(?:لأول مرة|أولا|في الأصل|أصلا)? ?(?:على|في) (?P<src>.{2,40})$")
_FOLLOW_END = _rx(r"^(?:تابعوا|تابعونا|تابعنا|تابعي|follow)\b.{0,40}\b(?:على|عبر|on)"
                  r"(?:\s+(?:" + _PLATFORM + r"|\S{1,2}))*\s*$")


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
    if words <= 3 and fold_name(line.text) in _PHOTO_CREDITS - {"الجزيره"}:
        return True  # 'صورة تعبيرية', 'أرشيفية' alone under a picture
    m = re.search(r"\(([^()]{1,40})\)\s*$", line.fold)  # '... (رويترز).' ends a sentence
    if not m:
        return False
    if m.start() == 0:  # the whole line is one parenthesis
        return len(_words(m.group(1))) <= 4
    credit = fold_name(m.group(1))
    return (credit in _PHOTO_CREDITS or find_outlet(credit) is not None) and words <= 30


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


_DATE_LABEL = _rx(r"^\W*(?:تاريخ النشر|تم النشر|نشر في|نشرت في|نشر بتاريخ|نشر|نشرت|تاريخ|"
                  r"آخر تحديث|تم التحديث|تاريخ التحديث|تحديث|published(?: on)?|updated(?: on)?|"
                  r"last updated|posted(?: on)?|write\s*/\s*update|date)\b")
_EDIT_CREDIT = _rx(r"^\((?:إعداد|تحرير|ترجمة|تغطية|شارك في التغطية|reporting|editing)\b[^()]*\)$")


def _is_timestamp(line: _Line) -> bool:
    """'نشر في: 19 يونيو 2024', 'آخر تحديث: منذ ساعتين', or a bare date-and-time line."""
    m = _TIMESTAMP.match(line.fold)
    rest = m.group("rest") if m else ""
    if rest and (_date_words_only(rest) or rest.startswith("منذ")):
        return True
    short = len(_words(line.text)) <= 14
    if short and (_DATE_LABEL.match(line.fold) or _stamp_only(line.text)) and (
            _full_dates(line.text) or re.search(r"\d{1,2}:\d{2}", line.text)):
        return True
    if re.fullmatch(r"(?:منذ|قبل)\s+\d*\s*\S+", line.fold):
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


def _is_breadcrumb(line: _Line) -> bool:
    """'أخبار|سياسة', 'الرئيسية » سياسة', 'محليات | 12/03/2024': short items between separators."""
    parts = [p for p in re.split(r"\s*[|›»>]\s*", line.text) if p.strip()]
    if re.match(r"^(?:كتب|كتبت|بقلم|by)\b", line.fold, re.I):
        return False
    if len(parts) < 2 or len(parts) > 8 or _last_mark(line.text) in ".؟?!":
        return False
    return all(len(_words(p)) <= 3 for p in parts) and len(_words(line.text)) <= 16


def _is_caption(line: _Line) -> bool:
    """A photo caption ending in an agency credit ('... REUTERS/Staff', '(Photo by X / AFP)')."""
    return bool(_PHOTO_TAIL.search(line.text) or _WIRE_NOTICE.search(line.text)) and len(
        _words(line.text)) <= 120


# Checked in this order; the first rule that matches names the removal.
LINE_RULES: tuple[tuple[str, Callable[[_Line], bool]], ...] = (
    ("skip-link", lambda ln: bool(_SKIP_LINK.match(ln.fold)) and len(_words(ln.text)) <= 8),
    ("widget", lambda ln: bool(_WIDGET.match(ln.fold)) and len(_words(ln.text)) <= 16),
    ("languages", lambda ln: _segments(ln.text, _LANGUAGES) >= 3),
    ("wire-tail", lambda ln: bool(_WIRE_TAIL.match(ln.text.strip()) or _INITIALS.match(
        ln.text.strip()))),
    ("photo-credit", _is_caption),
    ("republished", lambda ln: bool(_REPUBLISHED.match(ln.fold))),
    ("credit", lambda ln: bool(_EDIT_CREDIT.match(ln.fold))),
    ("follow-us", lambda ln: bool(_FOLLOW_END.match(ln.fold))),
    ("separator", _is_separator),
    ("logo", _is_logo),
    ("loading", lambda ln: bool(_LOADING.match(ln.fold))),
    ("tweet", _is_tweet),
    ("share", _is_share),
    ("nav-menu", _is_nav),
    ("breadcrumb", _is_breadcrumb),
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


# A paragraph that carries the article on ('وأضاف', 'وكانت', 'ويأمل'): it opens with the
# conjunction و/ف before a verb or particle, where a teaser's excerpt opens a new story.
_CONTINUES = _rx(r"^[وف](?:[يتأنس]|قال|قد|كان|كما|لم|لا|لن|في|من|على|ذلك|هذا|هذه|إن|أن|بحسب|"
                 r"بين|بعد|خلال|منذ)\S*\s")


def _resumes(line: _Line, earlier: Sequence[_Line]) -> bool:
    """After a related block mid-article: a new paragraph that continues the article's text."""
    return _is_paragraph(line.text) and bool(_CONTINUES.match(line.fold)) and not any(
        line.fold == e.fold for e in earlier)


def _related_cut(lines: Sequence[_Line], removed: Removed) -> Removed:
    """'أخبار ذات صلة' on its own line after the article: it and its items go.

    Placed mid-article, the block ends where a paragraph carries the article on (a teaser's
    excerpt that repeats the body, or opens another story, does not): the rest is the body.
    """
    seen_paragraph = False
    for index, line in enumerate(lines):
        rule = removed.get(line.no)
        # A heading another rule already took ('Related Coverage' as a foreign line) still
        # opens a related block; one already marked here is done.
        if rule is not None and (rule == "related-news" or not _RELATED.match(line.fold)):
            continue
        if _RELATED.match(line.fold):
            if not seen_paragraph:  # a widget heading above the article: only the line goes
                return _related_cut(lines, removed | {line.no: "related-news"})
            earlier = [ln for ln in lines[:index] if ln.no not in removed]
            end = next((j for j in range(index + 1, len(lines))
                        if lines[j].no not in removed and _resumes(lines[j], earlier)),
                       len(lines))
            block = {ln.no: "related-news" for ln in lines[index:end]
                     if ln.no not in removed or ln.no == line.no}
            if end == len(lines):
                return removed | {ln.no: "related-news" for ln in lines[index:]}
            return _related_cut(lines, removed | block)
        seen_paragraph = seen_paragraph or _is_paragraph(line.text)
    return removed


_RANK = re.compile(r"^\(?(\d{1,2})[.)\-]?$")
_RANK_TEXT = re.compile(r"^(\d{1,2})[.)\-]?\s+(\S.*)$")


def _rank(line: _Line) -> tuple[int, bool] | None:
    """(rank, whether the item's title is on the same line) for '2' or '2 أسعار الذهب ...'."""
    m = _RANK.match(line.text)
    if m:
        return int(m.group(1)), False
    m = _RANK_TEXT.match(line.text)
    if m and len(_words(m.group(2))) <= 15 and _last_mark(m.group(2)) not in ".!…:":
        return int(m.group(1)), True
    return None


def _ranked_lists(lines: Sequence[_Line], removed: Removed) -> Removed:
    """'1', 'أسعار الذهب اليوم', '2', ...: a 'most read' list anywhere, with its times and ranks.

    Two or more consecutive ranks from 1 make a list; each item is its rank, a short title and
    any time stamp after it. Body lists ('1. تعزيز التعاون.') end their items with a full stop.
    """
    kept = _kept(lines, removed)
    extra: Removed = {}
    i = 0
    while i < len(kept):
        items: list[int] = []
        expect, j = 1, i
        while j < len(kept) and (r := _rank(kept[j])) and r[0] == expect:
            item = [kept[j].no]
            j += 1
            if not r[1] and j < len(kept) and len(_words(kept[j].text)) <= 15 and _last_mark(
                    kept[j].text) not in ".!…:" and not _rank(kept[j]):
                item.append(kept[j].no)
                j += 1
            elif not r[1]:
                break
            while j < len(kept) and not _rank(kept[j]) and (
                    _is_timestamp(kept[j]) or _date_words_only(kept[j].text)):
                item.append(kept[j].no)
                j += 1
            items += item
            expect += 1
        if expect > 2:
            extra |= dict.fromkeys(items, "most-read")
            i = j
        else:
            i += 1
    return removed | extra


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
    if len(kept) > 1 and len(_words(kept[-1].text)) <= 4 and (find_outlet(kept[-1].text) or all(
            find_outlet(p) for p in re.split(r"\s*/\s*", kept[-1].text.strip()) if p)):
        extra[kept[-1].no] = "outlet-credit"
    return removed | extra
