"""The pictures' names and legends in both languages (each picture's accessible name)."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "ar": {
        "map": "خريطة",
        "map_title": "خريطة الأماكن",
        "map_intro": "الأماكن والدول التي تذكرها النشرات، وحجم كل دائرة بعدد مرات ذكرها.",
        "map_places": "الأماكن على الخريطة",
        "map_unmapped": "أماكن بلا موقع على الخريطة",
        "map_of": "خريطة: {name}",
        "map_desc": "{name} على خريطة العالم",
        "timeline": "الخط الزمني",
        "timeline_desc": "{first}–{last}: الأحداث نقاط فوق المحور، والنشرات خطوط قصيرة تحته. "
                         "يجري الزمن من اليمين إلى اليسار.",
        "legend_event": "حدث",
        "legend_briefing": "نشرة",
        "mentions_over_time": "الإشارات عبر الزمن",
        "cooccurrence": "من يظهر مع من",
        "cooccurrence_desc": "{name} في الوسط، وحوله أكثر من يرد معه في النشرات نفسها؛ "
                             "الرقم عدد النشرات المشتركة.",
    },
    "en": {
        "map": "Map",
        "map_title": "Map of places",
        "map_intro": "Places and countries the briefings mention; each circle's size follows "
                     "how often it is named.",
        "map_places": "Places on the map",
        "map_unmapped": "Places without a point on the map",
        "map_of": "Map: {name}",
        "map_desc": "{name} on a world map",
        "timeline": "Timeline",
        "timeline_desc": "{first}–{last}: events are dots above the axis, briefings short "
                         "ticks below it. Time runs left to right.",
        "legend_event": "Event",
        "legend_briefing": "Briefing",
        "mentions_over_time": "Mentions over time",
        "cooccurrence": "Who appears with whom",
        "cooccurrence_desc": "{name} in the middle, around it those most often named in the "
                             "same briefings; the number is how many briefings they share.",
    },
}


def words(lang: str) -> dict[str, str]:
    """The pictures' strings in `lang`."""
    return WORDS[lang]
