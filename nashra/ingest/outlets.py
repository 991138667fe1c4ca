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
    aggregator: bool = False  # republishes other outlets' articles: never the article's outlet


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
           ("آر تي", "آر تي عربي", "RT عربي", "RT Arabic", "arabic.rt.com", "RT"), ("RTarabic",),
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
           ("وكالة الأناضول", "Anadolu", "aa.com.tr", "AA"), ("aa_arabic",), ambiguous=True),
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
    # Broadcasters, dailies, portals and agencies of the region (names as they sign).
    Outlet("وكالة أنباء الشرق الأوسط", "MENA", "https://www.mena.org.eg",
           ("أ ش أ", "أ.ش.أ", "MENA")),
    Outlet("كونا", "KUNA", "https://www.kuna.net.kw",
           ("وكالة الأنباء الكويتية", "كونا - وكالة الأنباء الكويتية", "KUNA")),
    Outlet("وام", "WAM", "https://www.wam.ae", ("وكالة أنباء الإمارات", "WAM")),
    Outlet("واس", "SPA", "https://www.spa.gov.sa", ("وكالة الأنباء السعودية", "SPA")),
    Outlet("بترا", "Petra", "https://petra.gov.jo", ("وكالة الأنباء الأردنية", "Petra")),
    Outlet("شينخوا", "Xinhua", "https://arabic.news.cn",
           ("Arabic.news.cn", "Xinhua", "وكالة شينخوا")),
    Outlet("قنا", "QNA", "https://www.qna.org.qa", ("وكالة الأنباء القطرية", "QNA")),
    Outlet("وات", "TAP", "https://www.tap.info.tn", ("وكالة تونس إفريقيا للأنباء", "TAP")),
    Outlet("سانا", "SANA", "https://sana.sy", ("الوكالة العربية السورية للأنباء", "SANA")),
    Outlet("د ب أ", "dpa", None, ("د.ب.أ", "الوكالة الألمانية", "dpa")),
    Outlet("دويتشه فيله", "DW Arabic", "https://www.dw.com/ar", ("DW عربية", "DW", "دي دبليو")),
    Outlet("يورونيوز", "Euronews", "https://arabic.euronews.com", ("euronews", "يورو نيوز")),
    Outlet("تي آر تي عربي", "TRT Arabic", "https://www.trtarabi.com", ("TRT عربي", "TRT Arabi")),
    Outlet("الأهرام", "Al-Ahram", "https://gate.ahram.org.eg", ("بوابة الأهرام", "الأهرام اليومي")),
    Outlet("الخليج", "Al Khaleej", "https://www.alkhaleej.ae", ("صحيفة الخليج", "دار الخليج"),
           ambiguous=True),
    Outlet("عكاظ", "Okaz", "https://www.okaz.com.sa", ("okaz.com.sa",)),
    Outlet("النهار", "Annahar", "https://www.annahar.com", ("النهار العربي", "annahar.com"),
           ambiguous=True),
    Outlet("الغد", "Al-Ghad", "https://alghad.com", ("alghad.com",), ambiguous=True),
    Outlet("هسبريس", "Hespress", "https://www.hespress.com", ("hespress.com", "Hespress")),
    Outlet("الشروق أونلاين", "Echorouk", "https://www.echoroukonline.com",
           ("الشروق اونلاين", "echoroukonline.com")),
    Outlet("الراي", "Al-Rai", "https://www.alraimedia.com", ("الرأي الكويتية",), ambiguous=True),
    Outlet("شفق نيوز", "Shafaq News", "https://shafaq.com", ("shafaq.com",)),
    Outlet("سبق", "Sabq", "https://sabq.org", ("صحيفة سبق", "سبق الإلكترونية"), ambiguous=True),
    Outlet("مصراوي", "Masrawy", "https://www.masrawy.com", ("masrawy.com",)),
    Outlet("إيلاف", "Elaph", "https://elaph.com", ("elaph.com",)),
    Outlet("عربي21", "Arabi21", "https://arabi21.com", ("عربي 21", "arabi21.com")),
    Outlet("الخليج أونلاين", "Alkhaleej Online", "https://alkhaleejonline.net",
           ("الخليج اونلاين",)),
    Outlet("روداو", "Rudaw", "https://www.rudaw.net/arabic", ("روداو ديجيتال", "Rudaw")),
    Outlet("سي جي تي إن العربية", "CGTN Arabic", "https://arabic.cgtn.com",
           ("CGTN العربية", "CGTN Arabic")),
    Outlet("موزاييك أف.أم", "Mosaique FM", "https://www.mosaiquefm.net",
           ("موزاييك إف إم", "موزاييك", "Mosaique FM")),
    Outlet("رؤيا الإخباري", "Roya News", "https://royanews.tv", ("رؤيا", "قناة رؤيا")),
    # Aggregators republish other outlets: the outlet they show wins over them.
    Outlet("نبض", "Nabd", "https://nabd.com", ("nabd",), ambiguous=True, aggregator=True),
    Outlet("أخبارك نت", "Akhbarak", "https://www.akhbarak.net", ("أخبارك",), aggregator=True),
    # News agencies: they show up in datelines ("دمشق (رويترز) -") and source footers.
    Outlet("رويترز", "Reuters", "https://www.reuters.com", ("Reuters",), ("Reuters",)),
    Outlet("فرانس برس", "AFP", "https://www.afp.com",
           ("وكالة الصحافة الفرنسية", "أ ف ب", "أ.ف.ب", "AFP", "الفرنسية"), ("AFP",)),
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


_NOT_OUTLET = re.compile(r"^(?:وزار|هيئ|مصادر|مصدر|بيان|مواقع|وسائل|تقارير|الحكوم|رئاس|مكتب|"
                         r"الجيش|الشرط|مجلس|منظم|المنظم|البنك|شرك|الشرك)")


def named_outlet(name: str) -> Outlet | None:
    """The table's outlet for `name`, else an outlet known only by the name the text gives it.

    Only for places that name a publisher (a source footer, a signature under the headline):
    a short name that is not a ministry, an agency of state or a generic 'agencies'.
    """
    found = find_outlet(name)
    if found:
        return found
    key = fold_name(name)
    words = key.split()
    if not 1 <= len(words) <= 3 or any(c.isdigit() for c in key) or _NOT_OUTLET.match(key):
        return None
    return Outlet(" ".join(_QUOTES.sub("", name).split()).strip(" .:،,-–—()"), "")


def outlet_by_handle(handle: str) -> Outlet | None:
    """The outlet that owns the X/Twitter `handle` (with or without "@")."""
    return _BY_HANDLE.get(handle.removeprefix("@").casefold())

