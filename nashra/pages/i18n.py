"""Interface strings and date formats for the two languages."""

from __future__ import annotations

import datetime as dt
import functools

from babel import Locale
from babel.dates import format_date

STRINGS: dict[str, dict[str, str]] = {
    "ar": {
        "home": "الرئيسية",
        "archive": "الأرشيف",
        "entities": "الأعلام والأماكن",
        "events": "الأحداث",
        "timeline": "الخط الزمني",
        "map": "خريطة",
        "search": "بحث",
        "search_placeholder": "ابحث في الأرشيف…",
        "latest": "أحدث النشرات",
        "all_briefings": "كل النشرات في الأرشيف",
        "source": "المصدر",
        "author": "الكاتب",
        "dateline": "مكان النشر",
        "published": "تاريخ النشر",
        "summary": "الملخص",
        "key_points": "النقاط الرئيسية",
        "original": "النص الأصلي",
        "translation": "الترجمة",
        "other_language": "English",
        "other_language_name": "الإنجليزية",
        "read_in_other": "اقرأ هذه النشرة بالإنجليزية",
        "pending": "الترجمة الإنجليزية لهذه النشرة قيد الإعداد.",
        "machine": "ترجمة آلية",
        "machine_by": "ترجمة آلية ({engine})",
        "digest_label": "ملخص آلي — ليس ترجمة",
        "digest_note": "كُتب هذا الملخص آلياً من الأسماء والأحداث والتواريخ التي تعرّف عليها "
                       "الأرشيف في النص العربي؛ وهو ليس ترجمة.",
        "digest_events": "الأحداث",
        "digest_dates": "التواريخ المذكورة",
        "editorial": "ترجمة تحريرية",
        "pending_short": "الترجمة الإنجليزية قيد الإعداد",
        "machine_notice": "النص الإنجليزي ترجمة آلية للأصل العربي لم يراجعها محرر.",
        "older": "النشرة السابقة",
        "newer": "النشرة التالية",
        "about_briefing": "عن هذه النشرة",
        "reading": "مدة القراءة",
        "original_article": "المقال الأصلي",
        "translation_kind": "الترجمة",
        "in_this_briefing": "الأحداث في هذه النشرة",
        "who_where": "من وأين",
        "on_timeline": "على الخط الزمني",
        "more_briefings": "نشرات أخرى",
        "lead_story": "أبرز نشرة",
        "logo_alt": "شعار نشرة",
        "skip": "انتقل إلى المحتوى",
        "menu": "القائمة الرئيسية",
        "breadcrumb": "مسار التنقل",
        "not_found": "الصفحة غير موجودة",
        "not_found_text": "لم نعثر على هذه الصفحة. ربما نُقلت أو حُذفت.",
        "feed": "خلاصة Atom",
        "briefings_count": "نشرات",
        "unknown_source": "مصدر غير معروف",
        "month_of": "شهر",
        "choose_language": "اختر اللغة",
        "type_person": "أشخاص",
        "type_country": "دول",
        "type_place": "أماكن",
        "type_organisation": "منظمات",
        "kind_person": "شخص",
        "kind_country": "دولة",
        "kind_place": "مكان",
        "kind_organisation": "منظمة",
        "kind_event": "حدث",
        "kind_briefing": "نشرة",
        "mentions": "إشارات",
        "mentioned_in": "النشرات التي تذكره",
        "appears_with": "يظهر غالباً مع",
        "took_part": "أحداث مرتبطة",
        "aliases": "أسماء أخرى",
        "wikidata": "في ويكي بيانات",
        "mentions_over_time": "الإشارات عبر الزمن",
        "no_mentions": "لا تذكره أي نشرة بعد.",
        "date": "التاريخ",
        "place": "المكان",
        "participants": "المشاركون",
        "covered_by": "نشرات تغطي الحدث",
        "date_mentioned_by": "نشرات تذكر تاريخه",
        "timeline_teaser": "من الخط الزمني",
        "main_entities": "أبرز الأعلام والأماكن",
        "events_count": "أحداث",
        "related": "نشرات ذات صلة",
        "editor_note": "ملاحظة المحرر",
        "corrections": "تصحيحات",
        "corrections_intro": "صُحّحت نصوص الأرشيف نفسه في هذه الصفحة على النحو التالي:",
        "first_published_by": "نشرته أولاً {outlet}",
        "republished_on": "أعيد نشره في {date}",
        "updated": "آخر تحديث",
        "years": "السنوات",
        "archive_year": "الأرشيف: {year}",
        "timeline_year": "الخط الزمني: {year}",
        "entity_year": "{name}: {year}",
        "months": "الشهور",
        "briefings_of_year": "نشرات {year} على الخط الزمني ({n})",
        "latest_mentions": "أحدث النشرات التي تذكره",
        "mentioned_in_year": "النشرات التي تذكره في {year} ({n})",
        "footer": "أرشيف ثابت يعمل على أي خادم أو من القرص مباشرة.",
    },
    "en": {
        "home": "Home",
        "archive": "Archive",
        "entities": "People & places",
        "events": "Events",
        "timeline": "Timeline",
        "map": "Map",
        "search": "Search",
        "search_placeholder": "Search the archive…",
        "latest": "Latest briefings",
        "all_briefings": "All briefings in the archive",
        "source": "Source",
        "author": "Author",
        "dateline": "Dateline",
        "published": "Published",
        "summary": "Summary",
        "key_points": "Key points",
        "original": "Arabic original",
        "translation": "English translation",
        "other_language": "العربية",
        "other_language_name": "Arabic",
        "read_in_other": "Read the Arabic original",
        "pending": "The English briefing for this article is pending; the Arabic original is "
                   "shown below.",
        "machine": "Machine translation",
        "machine_by": "Machine translation ({engine})",
        "digest_label": "Automatic digest — not a translation",
        "digest_note": "Written automatically from the names, events and dates Nashra "
                       "recognised in the Arabic article; it is not a translation. The "
                       "Arabic original follows.",
        "digest_events": "Events",
        "digest_dates": "Dates mentioned",
        "editorial": "Editorial translation",
        "pending_short": "English briefing pending",
        "machine_notice": "This English text is a machine translation of the Arabic original "
                          "and has not been checked by an editor.",
        "older": "Previous briefing",
        "newer": "Next briefing",
        "about_briefing": "About this briefing",
        "reading": "Reading time",
        "original_article": "Original article",
        "translation_kind": "Translation",
        "in_this_briefing": "Events in this briefing",
        "who_where": "People, places, organisations",
        "on_timeline": "On the timeline",
        "more_briefings": "More briefings",
        "lead_story": "Top briefing",
        "logo_alt": "Nashra logo",
        "skip": "Skip to content",
        "menu": "Main menu",
        "breadcrumb": "Breadcrumb",
        "not_found": "Page not found",
        "not_found_text": "We could not find this page. It may have moved or been removed.",
        "feed": "Atom feed",
        "briefings_count": "briefings",
        "unknown_source": "Unknown source",
        "month_of": "Month",
        "choose_language": "Choose a language",
        "type_person": "People",
        "type_country": "Countries",
        "type_place": "Places",
        "type_organisation": "Organisations",
        "kind_person": "Person",
        "kind_country": "Country",
        "kind_place": "Place",
        "kind_organisation": "Organisation",
        "kind_event": "Event",
        "kind_briefing": "Briefing",
        "mentions": "mentions",
        "mentioned_in": "Briefings that mention it",
        "appears_with": "Often mentioned with",
        "took_part": "Related events",
        "aliases": "Also written",
        "wikidata": "On Wikidata",
        "mentions_over_time": "Mentions over time",
        "no_mentions": "No briefing mentions it yet.",
        "date": "Date",
        "place": "Place",
        "participants": "Participants",
        "covered_by": "Briefings that report it",
        "date_mentioned_by": "Briefings that mention its date",
        "timeline_teaser": "From the timeline",
        "main_entities": "Main people and places",
        "events_count": "events",
        "related": "Related briefings",
        "editor_note": "Editor's note",
        "corrections": "Corrections",
        "corrections_intro": "The archive's own text on this page was corrected as follows:",
        "first_published_by": "first published by {outlet}",
        "republished_on": "republished on {date}",
        "updated": "Updated",
        "years": "Years",
        "archive_year": "Archive: {year}",
        "timeline_year": "Timeline: {year}",
        "entity_year": "{name}: {year}",
        "months": "Months",
        "briefings_of_year": "Briefings of {year} on the timeline ({n})",
        "latest_mentions": "Latest briefings that mention it",
        "mentioned_in_year": "Briefings of {year} that mention it ({n})",
        "footer": "A static archive that works on any host or straight from disk.",
    },
}


# Counted phrases by CLDR plural category ("=0" first: "in 0 briefings" reads wrong in
# both languages). Arabic has six categories: one and two take no numeral ("نشرة واحدة",
# "نشرتين"), few (3-10) the plural noun, many (11-99) and other (100-102 ...) the singular.
PLURALS: dict[str, dict[str, dict[str, str]]] = {
    "ar": {
        "in_briefings": {"=0": "بلا نشرات", "one": "في نشرة واحدة", "two": "في نشرتين",
                         "few": "في {n} نشرات", "many": "في {n} نشرة", "other": "في {n} نشرة"},
        "count_mentions": {"=0": "بلا إشارات", "one": "إشارة واحدة", "two": "إشارتان",
                           "few": "{n} إشارات", "many": "{n} إشارة", "other": "{n} إشارة"},
        "count_briefings": {"=0": "لا نشرات", "one": "نشرة واحدة", "two": "نشرتان",
                            "few": "{n} نشرات", "many": "{n} نشرة", "other": "{n} نشرة"},
        "latest_of": {"one": "آخر {shown} من أصل نشرة واحدة تذكره؛ كلها حسب السنة:",
                      "two": "آخر {shown} من أصل نشرتين تذكرانه؛ كلها حسب السنة:",
                      "few": "آخر {shown} من أصل {n} نشرات تذكره؛ كلها حسب السنة:",
                      "many": "آخر {shown} من أصل {n} نشرة تذكره؛ كلها حسب السنة:",
                      "other": "آخر {shown} من أصل {n} نشرة تذكره؛ كلها حسب السنة:"},
        "reading_time": {"one": "قراءة في دقيقة واحدة", "two": "قراءة في دقيقتين",
                         "few": "قراءة في {n} دقائق", "many": "قراءة في {n} دقيقة",
                         "other": "قراءة في {n} دقيقة"},
    },
    "en": {
        "in_briefings": {"=0": "in no briefings", "one": "in 1 briefing",
                         "other": "in {n} briefings"},
        "count_mentions": {"=0": "no mentions", "one": "1 mention", "other": "{n} mentions"},
        "count_briefings": {"=0": "no briefings", "one": "1 briefing",
                            "other": "{n} briefings"},
        "latest_of": {"one": "The latest {shown} of 1 briefing that mentions it; all of them "
                             "by year:",
                      "other": "The latest {shown} of {n} briefings that mention it; all of "
                               "them by year:"},
        "reading_time": {"one": "1 min read", "other": "{n} min read"},
    },
}


@functools.lru_cache(maxsize=1 << 10)
def _category(lang: str, n: int) -> str:
    """The CLDR plural category of `n` in `lang` (Babel's rules)."""
    return Locale.parse(lang).plural_form(n)


def count(lang: str, key: str, n: int, **fields: object) -> str:
    """A counted phrase in the form CLDR's plural rules give `n` in `lang`."""
    forms = PLURALS[lang][key]
    text = forms.get(f"={n}") or forms.get(_category(lang, n)) or forms["other"]
    return text.format(n=n, **fields)


def t(lang: str) -> dict[str, str]:
    """The interface strings of `lang`."""
    return STRINGS[lang]


# Babel re-parses its locale on every call (~0.1 ms); a 10k archive formats the same few
# thousand days tens of thousands of times, so each (date, lang) is formatted once.
@functools.lru_cache(maxsize=1 << 16)
def format_day(date: dt.date, lang: str) -> str:
    """'19 يونيو 2024' / '19 June 2024'."""
    return format_date(date, "d MMMM y", locale=lang)


@functools.lru_cache(maxsize=1 << 12)
def format_month(date: dt.date, lang: str) -> str:
    """'يونيو 2024' / 'June 2024'."""
    return format_date(date, "LLLL y", locale=lang)


def format_precise(date: dt.date, precision: str, lang: str) -> str:
    """A date at day, month or year precision."""
    if precision == "year":
        return str(date.year)
    if precision == "month":
        return format_month(date, lang)
    return format_day(date, lang)
