"""A small table of Arabic news outlets and the signals that reveal them in scraped text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nashra.text.fold import CORE, letter_map


@dataclass(frozen=True)
class Outlet:
    """A news outlet: Arabic and English names, home page, and the spellings that name it."""

    name: str
    name_en: str
    url: str | None = None
    aliases: tuple[str, ...] = ()  # other spellings (Arabic, Latin, domain) seen in the wild
    handles: tuple[str, ...] = ()  # X/Twitter handles without "@"
    # The name is also an ordinary phrase ("الأخبار" = "the news", "الشرق الأوسط" = the region):
    # trust it only where the text sets it apart (quotes, a logo, a credit line), never in prose.
    ambiguous: bool = False


OUTLETS: tuple[Outlet, ...] = (
    Outlet("الجزيرة نت", "Al Jazeera Net", "https://www.aljazeera.net",
           ("الجزيرة.نت", "الجزيرة نت", "aljazeera.net", "Al Jazeera Net"), ("AJArabicnet",)),
    Outlet("الجزيرة", "Al Jazeera", "https://www.aljazeera.net",
           ("قناة الجزيرة", "Al Jazeera"), ("AJArabic", "AJABreaking"), ambiguous=True),
    Outlet("العربي الجديد", "Al-Araby Al-Jadeed", "https://www.alaraby.co.uk",
           ("alaraby", "alaraby.co.uk", "Al-Araby Al-Jadeed"), ("alaraby_ar",)),
    Outlet("الأخبار", "Al-Akhbar", "https://al-akhbar.com",
           ("جريدة الأخبار", "صحيفة الأخبار", "الأخبار اللبنانية", "al-akhbar.com", "Al-Akhbar"),
           ambiguous=True),
    Outlet("كنعان", "Kana'an", None,
           ("كنعان أونلاين", "كنعان اونلاين", "نشرة كنعان", "Kanaan", "Kana'an Online"),
           ambiguous=True),
    Outlet("سي إن إن بالعربية", "CNN Arabic", "https://arabic.cnn.com",
           ("سي إن إن", "سي ان ان", "CNN بالعربية", "CNN Arabic", "arabic.cnn.com"),
           ("cnnarabic",)),
    Outlet("بي بي سي عربي", "BBC Arabic", "https://www.bbc.com/arabic",
           ("بي بي سي", "بي بي سي نيوز عربي", "BBC عربي", "BBC Arabic"), ("BBCArabic",)),
    Outlet("سكاي نيوز عربية", "Sky News Arabia", "https://www.skynewsarabia.com",
           ("سكاي نيوز", "Sky News Arabia", "skynewsarabia.com"), ("skynewsarabia",)),
    Outlet("الشرق الأوسط", "Asharq Al-Awsat", "https://aawsat.com",
           ("صحيفة الشرق الأوسط", "aawsat.com", "Asharq Al-Awsat"), ("aawsat_News",),
           ambiguous=True),
    Outlet("روسيا اليوم", "RT Arabic", "https://arabic.rt.com",
           ("آر تي", "آر تي عربي", "RT عربي", "RT Arabic", "arabic.rt.com"), ("RTarabic",),
           ambiguous=True),
    Outlet("فرانس 24", "France 24", "https://www.france24.com/ar",
           ("فرانس24", "France 24", "France24"), ("France24_ar",)),
    Outlet("العربية", "Al Arabiya", "https://www.alarabiya.net",
           ("العربية نت", "العربية.نت", "alarabiya.net", "Al Arabiya"), ("AlArabiya",),
           ambiguous=True),
    Outlet("الحرة", "Alhurra", "https://www.alhurra.com",
           ("قناة الحرة", "موقع الحرة", "alhurra.com", "Alhurra"), ("alhurranews",),
           ambiguous=True),
    Outlet("الأناضول", "Anadolu Agency", "https://www.aa.com.tr/ar",
           ("وكالة الأناضول", "Anadolu", "aa.com.tr"), ("aa_arabic",), ambiguous=True),
    Outlet("اليوم السابع", "Youm7", "https://www.youm7.com",
           ("youm7.com", "Youm7"), ("youm7",), ambiguous=True),
    Outlet("المصري اليوم", "Al-Masry Al-Youm", "https://www.almasryalyoum.com",
           ("almasryalyoum.com", "Al-Masry Al-Youm"), ("AlMasryAlYoum",)),
    Outlet("القدس العربي", "Al-Quds Al-Arabi", "https://www.alquds.co.uk",
           ("alquds.co.uk", "Al-Quds Al-Arabi")),
    Outlet("اندبندنت عربية", "Independent Arabia", "https://www.independentarabia.com",
           ("إندبندنت عربية", "independentarabia.com", "Independent Arabia"), ("IndyArabia",)),
    Outlet("خبرين", "Khabrayn", None, ("khabrayn",)),
    Outlet("عنب بلدي", "Enab Baladi", "https://www.enabbaladi.net",
           ("enabbaladi.net", "Enab Baladi"), ("EnabBaladi",)),
    Outlet("24", "24.ae", "https://24.ae", ("موقع 24", "24.ae"), ambiguous=True),
    # News agencies: they show up in datelines ("دمشق (رويترز) -") and source footers.
    Outlet("رويترز", "Reuters", "https://www.reuters.com", ("Reuters",), ("Reuters",)),
    Outlet("فرانس برس", "AFP", "https://www.afp.com",
           ("وكالة الصحافة الفرنسية", "أ ف ب", "أ.ف.ب", "AFP"), ("AFP",)),
    Outlet("أسوشيتد برس", "Associated Press", "https://apnews.com",
           ("أسوشيتيد برس", "اسوشيتد برس", "AP"), ("AP",)),
    Outlet("سبوتنيك", "Sputnik Arabic", "https://sputnikarabic.ae",
           ("سبوتنيك عربي", "Sputnik"), ("sputnik_ar",)),
)

# Words that name a kind of outlet, not an outlet: "صحيفة الأخبار" is "الأخبار".
_KIND_WORDS = ("موقع", "صحيفة", "جريدة", "قناة", "وكالة", "شبكة", "مجلة", "نشرة")
_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")  # tashkeel and tatweel
_QUOTES = re.compile(r"[\"'“”‘’«»„‟`]")
_FOLD = str.maketrans(letter_map(CORE))


def fold_name(text: str) -> str:
    """A spelling-insensitive key for an outlet name: no marks, quotes, case or kind word."""
    key = _QUOTES.sub("", _MARKS.sub("", text)).translate(_FOLD).casefold()
    key = " ".join(key.replace("•", " ").split()).strip(" .:،,-–—()")
    for kind in _KIND_WORDS:
        prefix = kind.translate(_FOLD) + " "
        if key.startswith(prefix) and len(key) > len(prefix):
            key = key[len(prefix):]
    return key


def _names(outlet: Outlet) -> tuple[str, ...]:
    """Every spelling that names `outlet`."""
    return (outlet.name, outlet.name_en, *outlet.aliases)


_BY_NAME: dict[str, Outlet] = {}
for _outlet in reversed(OUTLETS):  # the earlier row wins where two share a spelling
    for _name in _names(_outlet):
        _BY_NAME[fold_name(_name)] = _outlet
_BY_HANDLE: dict[str, Outlet] = {h.casefold(): o for o in reversed(OUTLETS) for h in o.handles}


def find_outlet(name: str) -> Outlet | None:
    """The outlet that `name` spells exactly (quotes, marks, case and 'صحيفة' ignored)."""
    return _BY_NAME.get(fold_name(name))


def outlet_by_handle(handle: str) -> Outlet | None:
    """The outlet that owns the X/Twitter `handle` (with or without "@")."""
    return _BY_HANDLE.get(handle.removeprefix("@").casefold())

