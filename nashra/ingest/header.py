"""The article's header and signals: title, byline, dateline, pull quotes, outlet and dates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from nashra.ingest.debris import (
    _BULLET,
    _GENERIC_SOURCES,
    _LOGO,
    _QUOTED,
    _SOURCE_FOOTER,
    _TWEET_TAIL,
    _date_words_only,
)
from nashra.ingest.lines import (
    _MARKS,
    _SENTENCE_END,
    _fold,
    _last_mark,
    _latin_dominant,
    _Line,
    _rx,
    _words,
)
from nashra.ingest.outlets import Outlet, find_outlet, fold_name, named_outlet, outlet_by_handle
from nashra.text.dates import find_dates

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
لميس مها ميرفت نجلاء نهى هند وفاء يارا ديانا كارين ريهام ريهان رحمة رضوى نسرين نرمين شيرين
ياسمين إسراء آية آيات منار مروة نهلة هناء عفاف سلوى سميرة نوال جيهان رباب رنا رهف جود تالا لمى
ليلى مي ميار ميرنا مريانا ماريا ريتا رولا ندى نادين نجوى نبيلة وداد عائدة عبلة حلا حياة خلود
إبراهيم أيوب بكر توفيق ثائر جابر جعفر حافظ حيدر خلف دريد رعد سامي سعدون شاكر صادق صفوان ضرار
طلعت عاصم عدي عرفات عوض غالب فاضل فتحي قصي كاظم لؤي مأمون مالك محمود مختار مشعل مصطفى معن مهدي
نبيل نزار نشأت هادي هيثم وئام ياسين يامن""".split())
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
    # 'عبدالناصر', 'عبد الرزاق', 'أبو بكر': compound first names are too many to list.
    given = bool(words) and (words[0] in _GIVEN_NAMES or (
        len(words[0]) > 4 and words[0].startswith("عبد")))
    return (2 <= len(words) <= 4 and given
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


_WIRE_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][^\s\d()،,/\-–—]*(?:\s[^\W\d_][^\s\d()،,/\-–—]*){0,2}?)\s*[-–—,،]?\s*"
    r"(?:في\s+)?(?P<date>\d{1,2}(?:\s*[-–—/.]\s*\d{1,2}(?:\s*[-–—/.]\s*\d{2,4})?|"
    r"\s+[^\W\d_]+(?:\s*/\s*[^\W\d_]+)?(?:\s+\d{4})?)(?:\s*م)?)\s*"
    r"(?:\((?P<paren>[^()]{1,25})\)\s*[-–—]*|/\s*(?P<slash>[^/]{1,25}?)\s*/\s*[-–—]*|"
    r"(?:(?P<bare>[^\W\d_][^\s\d()\-–—:/]{1,14})\s*)?[-–—]+)\s*")
# A dated dateline without a credit in brackets ('بورتسودان 14 يناير 2025 —', 'نابلس 20-5-2024
# وفا-') carries a year, so that 'القاهرة 5 أشخاص -' is never read as one.
_YEAR = re.compile(r"\d{4}|\d{1,2}\s*[-–—/.]\s*\d{1,2}\s*[-–—/.]\s*\d{2}")
_PLACE_SIGNED = re.compile(r"^(?P<place>[^\W\d_][^\s\d:/\-–—]*(?:\s[^\W\d_][^\s\d:/\-–—]*)?)"
                           r"\s*[-–—]\s*(?P<who>[^\s:：\-–—][^:：\-–—]{1,25}?)\s*[:：]\s*"
                           r"(?P<rest>\S.*)$")
_SITE_PLACE = re.compile(r"^(?P<who>[^\s()\d\-–—:][^()\d\-–—:]{1,24}?)\s*"
                         r"\((?P<place>[^()\d]{2,20})\)\s*[-–—:]\s*(?P<rest>\S.*)$")
_OUTLET_SLASH = re.compile(r"^(?P<outlet>[^/\n]{2,25}?)\s*/\s*(?=\S)")


def _wire_dateline(text: str) -> tuple[str, Outlet | None, str] | None:
    """'القاهرة – 5 – 9 (أ ش أ) –', 'عمان 16 أيلول (بترا)-', 'أبوظبي في 18 فبراير / وام /'."""
    m = _WIRE_DATELINE.match(text)
    if not m:
        return None
    credit = m.group("paren") or m.group("slash") or ""
    known = fold_name(m.group("place")) in _PLACES
    if not credit:  # a bare credit or none: a known place, a year, and the text after it
        bare = m.group("bare")
        if not (known and _YEAR.search(m.group("date"))) or len(_words(text[m.end():])) < 6:
            return None
        return m.group("place").strip(), named_outlet(bare) if bare else None, text[
            m.end():].strip()
    agency = find_outlet(credit)
    if not agency and len(_words(credit)) > 3:
        return None
    if not (agency or known):
        return None
    return m.group("place").strip(), agency, text[m.end():].strip()


def split_dateline(text: str) -> tuple[str, Outlet | None, str] | None:
    """('موسكو', agency or None, paragraph without the dateline) for 'موسكو- توج ...', else None."""
    wire = _wire_dateline(text)
    if wire:
        return wire
    lead = _OUTLET_SLASH.match(text)  # 'شفق نيوز/ بغداد - سجلت ...'
    if lead and find_outlet(lead.group("outlet")):
        inner = split_dateline(text[lead.end():])
        if inner:
            return inner[0], inner[1] or find_outlet(lead.group("outlet")), inner[2]
    whole = re.match(r"^(?P<place>[^\W\d_][^\s\d:/\-–—]*(?:\s[^\W\d_][^\s\d:/\-–—]*)?)\s*"
                     r"[-–—:/]\s*(?P<rest>[^\s].{0,30})$", text.strip())
    if whole and fold_name(whole.group("place")) in _PLACES and find_outlet(whole.group("rest")):
        return whole.group("place"), find_outlet(whole.group("rest")), ""  # 'دمشق-سانا'
    inside = _SITE_PLACE.match(text)  # 'الأخبار (نواكشوط) – أطلقت ...': the site, its place
    if inside and fold_name(inside.group("place")) in _PLACES and fold_name(
            inside.group("who")) not in _PLACES and len(_words(inside.group("rest"))) >= 6:
        who = inside.group("who")
        outlet = find_outlet(who) or (None if _looks_like_name(who) else named_outlet(who))
        return inside.group("place").strip(), outlet, inside.group("rest").strip()
    signed = _PLACE_SIGNED.match(text)  # 'مسقط-أثير: تحدث ...': place, the site, a colon
    if signed and fold_name(signed.group("place")) in _PLACES and not any(
            c.isdigit() for c in signed.group("who")) and len(_words(signed.group("rest"))) >= 6:
        who = signed.group("who")
        outlet = find_outlet(who) or (None if _looks_like_name(who) else named_outlet(who))
        return signed.group("place"), outlet, signed.group("rest").strip()
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


def _evidence(line: _Line, rule: str) -> str:
    """'line 31 (outlet-credit): “الأخبار”': where an outlet was named, for the editor."""
    quote = line.text if len(line.text) <= 70 else line.text[:67] + "…"
    return f"line {line.no} ({rule}): {quote}"


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
    if rule in ("foreign-caption", "category", "photo-credit", "wire-tail") and (
            outlet := find_outlet(line.text)):
        return _Signal(1, True, outlet, evidence)  # 'CNN Arabic', 'euronews' as a label
    if rule == "logo":
        m = _LOGO.match(line.fold)
        return _Signal(0, True, find_outlet(m.group("name") or m.group("named")) if m else None,
                       evidence)
    if rule == "disclaimer":
        return _Signal(1, True, _disclaimer_outlet(line.text), evidence)
    if rule == "outlet-credit":
        parts = re.split(r"\s*/\s*", line.text.strip())  # 'فرانس24/ أ ف ب'
        return _Signal(5, False, find_outlet(line.text) or find_outlet(parts[0]), evidence)
    if rule == "source-footer":
        m = _SOURCE_FOOTER.match(line.text) or _SOURCE_FOOTER.match(line.fold)
        # 'الجزيرة + وكالات', 'رويترز ووكالات': the first part that names an outlet
        parts = re.split(r"\s*[+،,/&]\s*|\s+و(?=\S)", m.group("src")) if m else []
        named = [p for p in parts if fold_name(p) not in _GENERIC_SOURCES]
        known = next((o for p in named if (o := find_outlet(p))), None)
        return _Signal(6, False, known or (named_outlet(named[0]) if named else None), evidence)
    if rule == "tweet" and (m := _TWEET_TAIL.search(line.text)):
        outlet = outlet_by_handle(m.group("handle"))
        return _Signal(7, True, outlet, evidence) if outlet else None
    return None


def _choose_outlet(signals: Sequence[_Signal]) -> tuple[Outlet | None, Outlet | None]:
    """(publisher, original): the strongest publisher signal, else the strongest credit."""
    found = sorted((s for s in signals if s.outlet), key=lambda s: s.rank)
    own = [s for s in found if s.outlet and not s.outlet.aggregator] or found
    publisher = next((s.outlet for s in own if s.publisher), None)
    credit = next((s.outlet for s in own if not s.publisher), None)
    if publisher is None:
        return credit, None
    return publisher, credit if credit != publisher else None


# ---------------------------------------------------------------- dates


def day_dates(mentions: Iterable[Any]) -> tuple[dt.date, ...]:
    """Distinct full dates (day precision, not relative) among date mentions, latest first."""
    days = {m.value for m in mentions if m.precision == "day" and not getattr(m, "relative", False)}
    return tuple(sorted(days, reverse=True))


def _date_candidates(texts: Iterable[str]) -> tuple[dt.date, ...]:
    """Full dates mentioned in `texts`, latest first; none until nashra.text.dates exists."""
    if find_dates is None:
        return ()
    texts = list(texts)
    by_lang = {lang: "\n\n".join(t for t in texts if _latin_dominant(t) == (lang == "en"))
               for lang in ("ar", "en")}  # one call per language: the extractor's cost is per call
    return day_dates(m for lang, text in by_lang.items() if text
                     for m in find_dates(text, lang=lang))
