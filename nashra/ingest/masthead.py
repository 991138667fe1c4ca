"""Outlets the table does not know, named by the page itself: masthead, copyright, domain.

A site prints its name in a few set places: a label or logo line at the top, a copyright
footer ('© 2024 جريدة …', 'جميع الحقوق محفوظة لـ…'), its domain, a closing credit line.
A short line at the top is only an outlet's name when another of these places repeats it
(or the page shows its domain), so section labels and tags are never taken for outlets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from nashra.ingest.debris import _COPYRIGHT, _NAV, Removed
from nashra.ingest.lines import _fold, _latin_dominant, _Line, _rx, _segments, _words
from nashra.ingest.outlets import Outlet, find_outlet, fold_name, named_outlet

# What a copyright footer says besides the name: the sign, years, the formula, 'for'.
_COPYRIGHT_WORDS = _rx(
    r"©|\(c\)|copyright|all rights reserved|(?:جميع|كل|كافة) الحقوق محفوظة|الحقوق محفوظة|"
    r"حقوق (?:النشر|الطبع)(?: والنشر| والتوزيع)? محفوظة|(?<!\w)(?:19|20)\d\d(?:\s*[-–]\s*"
    r"(?:19|20)\d\d)?(?!\w)|\bltd\b|\binc\b")
_FOR = _rx(r"^(?:لـ\s*|ل(?=(?:جريدة|صحيفة|موقع|قناة|وكالة|شبكة|مجلة|مؤسسة|دار)\b)|ل(?=ال)|"
           r"for\s+|to\s+|by\s+)")
_ONLINE = _rx(r"\s+(?:الإلكترونية|الالكترونية|الإلكتروني|الالكتروني)$")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)*"
                     r"\.(?:com|net|org|info|news|tv|ae|sa|kw|qa|om|bh|ma|dz|tn|ly|sd|ye|sy|iq|"
                     r"jo|ps|lb|eg|co\.uk|uk))/?$", re.I)


_KIND = _rx(r"^(?:جريدة|صحيفة|موقع|قناة|وكالة|شبكة|مجلة|مؤسسة|دار|بوابة)\s+")


def copyright_name(text: str) -> str | None:
    """The name a copyright footer gives its owner: '© 2024 جريدة الخبر' -> 'الخبر'."""
    if not _COPYRIGHT.search(_fold(text)):
        return None
    rest = _ONLINE.sub("", _FOR.sub("", _strip(text)).strip()).strip()
    if _KIND.match(rest) and not find_outlet(rest):  # 'جريدة الخبر' is 'الخبر'
        rest = _KIND.sub("", rest)
    if not rest or any(ch.isdigit() for ch in rest) or not 1 <= len(_words(rest)) <= 4:
        return None
    outlet = named_outlet(_as_written(text, rest))
    return outlet.name if outlet else None


def _strip(text: str) -> str:
    """The footer without its formula, years and punctuation (folded)."""
    out = _COPYRIGHT_WORDS.sub(" ", _fold(text))
    return " ".join(out.replace("|", " ").split()).strip(" .:،,-–—()")


def _as_written(text: str, folded: str) -> str:
    """The words of `text` that fold to `folded` (so the name keeps the page's spelling)."""
    tokens = [t.strip(" .:،,-–—()|©") for t in text.split()]
    tokens = [t for t in tokens if t]
    want = folded.split()
    for i in range(len(tokens) - len(want) + 1):
        window = tokens[i:i + len(want)]
        if [_fold(t) for t in window] == want:
            return " ".join(window)
    return folded


def is_domain(text: str) -> bool:
    """'alqabas.com', 'www.example.net': a site's address alone on a line."""
    return bool(_DOMAIN.match(text.strip()))


# Country and region labels stand where a masthead does ('مصر' above 'سياسة'): never outlets.
_COUNTRIES = frozenset(fold_name(c) for c in """
مصر/السعودية/الإمارات/الامارات/الكويت/قطر/البحرين/عمان/سلطنة عمان/اليمن/العراق/سوريا/سورية/لبنان/
الأردن/فلسطين/ليبيا/تونس/الجزائر/المغرب/السودان/موريتانيا/الصومال/جيبوتي/إيران/تركيا/إسرائيل/
روسيا/أوكرانيا/الصين/أمريكا/الولايات المتحدة/فرنسا/ألمانيا/بريطانيا/الخليج/العالم العربي/
الوطن العربي/المنطقة/الشرق الأوسط/أفريقيا/آسيا/أوروبا/غزة/الضفة الغربية/القدس
""".replace("\n", "").split("/") if c.strip())


# A language switch ('العربية | English', 'EN | عربي') names languages, never the site.
LANGUAGE_NAMES = frozenset(_fold(n).casefold() for n in """
العربية/عربي/عربى/الإنجليزية/الانجليزية/الإنكليزية/إنجليزي/انجليزي/الفرنسية/فرنسي/
english/en/ar/arabic/français/francais/fr/español/deutsch/türkçe/فارسی/עברית
""".replace("\n", "").split("/") if n.strip())


def _bilingual(text: str) -> str | None:
    """'أخبار ليبيا | Libya News': a site's name in two scripts; the Arabic one."""
    parts = [p.strip() for p in re.split(r"\s+[|–—-]\s+", text) if p.strip()]
    if len(parts) != 2 or not all(1 <= len(_words(p)) <= 3 for p in parts):
        return None
    arabic = [p for p in parts if not _latin_dominant(p)]
    latin = [p for p in parts if _latin_dominant(p)]
    if len(arabic) != 1 or len(latin) != 1 or _segments(latin[0], _NAV):
        return None
    if any(_fold(p).casefold() in LANGUAGE_NAMES for p in parts):  # 'العربية | English'
        return None
    return arabic[0]


def masthead(lines: Sequence[_Line], removed: Removed,
             title: _Line | None) -> tuple[_Line, str, bool] | None:
    """(line, name, sure) of the first short name-like line above the headline: the site's
    label or logo text; sure when the page gives the name in two scripts."""
    for line in lines:
        if title is not None and line.no >= title.no:
            return None
        rule = removed.get(line.no)
        both = _bilingual(line.text) if rule in (None, "breadcrumb", "category") else None
        if both:
            return line, both, True
        if rule not in (None, "category", "label", "outlet-label", "foreign-caption"):
            continue
        words = _words(line.text)
        if 1 <= len(words) <= 4 and not any(c.isdigit() for c in line.text) and (
                _segments(line.text, _NAV) == 0 and not is_domain(line.text)
                and fold_name(line.text) not in _COUNTRIES):
            return line, line.text, False
        if rule is None:  # a kept line that is no name ends the page's top
            return None
    return None


# Lines where a repeated name is a site's list, not its signature.
_LISTS = frozenset({"nav-menu", "breadcrumb", "category", "label", "tags", "related-news",
                    "teaser", "most-read", "hashtags", "share"})
_SIGNED = re.compile(r"^(?:\S+\s+){0,3}?[-–—]?\s*(?P<name>[^-–—:：]{2,30}?)\s*[-–—:：]")


def _mentions(line: _Line, key: str, removed: Removed) -> bool:
    """True when `line` names `key` where a site signs: a credit, footer, dateline or title."""
    rule = removed.get(line.no)
    if rule in _LISTS:
        return False
    if rule is None and len(_words(line.text)) > 12:  # a paragraph signs only in its dateline
        m = _SIGNED.match(line.text)
        return m is not None and key in fold_name(m.group(0)).split(" ")
    return re.search(rf"(?<!\w){re.escape(key)}(?!\w)", fold_name(line.text)) is not None


def _section_below(lines: Sequence[_Line], top: _Line, title: _Line | None) -> bool:
    """'الاتحاد', 'ثقافة', headline: a name above a lone section label above the headline."""
    below = [ln for ln in lines if ln.no > top.no][:2]
    return (title is not None and len(below) == 2 and below[1].no == title.no
            and _segments(below[0].text, _NAV) == 1 and len(_words(below[0].text)) <= 2)


def page_outlet(lines: Sequence[_Line], removed: Removed, title: _Line | None,
                body_end: int | None) -> tuple[Outlet | None, _Line | None, Removed]:
    """(outlet, the line that names it, closing credit lines) from the page's own signs."""
    after = [ln for ln in lines if body_end is not None and ln.no > body_end]
    for line in after:
        name = copyright_name(line.text)
        if name:
            return find_outlet(name) or Outlet(name, ""), line, {}
    found = masthead(lines, removed, title)
    if found is None:
        return None, None, {}
    top, name, sure = found
    key = fold_name(name)
    repeated = any(_mentions(ln, key, removed) for ln in lines if ln.no != top.no)
    if not (sure or repeated or any(is_domain(ln.text) for ln in lines)
            or _section_below(lines, top, title)):
        return None, None, {}
    outlet = find_outlet(name) or named_outlet(name)
    # The name alone again after the body: the site's closing credit.
    closing = {ln.no: "outlet-credit" for ln in after
               if ln.no not in removed and fold_name(ln.text) == key}
    return outlet, top, closing
