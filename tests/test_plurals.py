"""Counts read as grammar wants them (CLDR plural rules through Babel): "in 1 briefing",
"في 5 نشرات", "في نشرتين" — checked on the phrases themselves and on every page of the
default site."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel import Locale

from nashra.pages import i18n

# Counted nouns: English (singular, plural); Arabic (singular, plural) — the dual is never
# written after a numeral, so a numeral before any form of the noun is checked.
EN_NOUNS = {"briefing": "briefings", "mention": "mentions", "event": "events",
            "result": "results", "minute": "minutes", "entity": "entities"}
AR_NOUNS = {"نشرة": "نشرات", "إشارة": "إشارات", "دقيقة": "دقائق", "نتيجة": "نتائج",
            "حدث": "أحداث"}
AR_DUALS = ("نشرتين", "نشرتان", "إشارتين", "إشارتان", "دقيقتين", "دقيقتان", "نتيجتين", "نتيجتان")
EN_COUNT = re.compile(r"\b(\d+)\s+(" + "|".join(sorted({*EN_NOUNS, *EN_NOUNS.values()},
                                                        key=len, reverse=True)) + r")\b")
AR_WORDS = sorted({*AR_NOUNS, *AR_NOUNS.values(), *AR_DUALS}, key=len, reverse=True)
AR_COUNT = re.compile(r"(?<![\w])(\d+)\s+(" + "|".join(AR_WORDS) + r")(?![\w])")


def ungrammatical(text: str, lang: str) -> list[str]:
    """Every "<number> <counted noun>" in `text` whose noun form CLDR's rules reject."""
    wrong = []
    if lang == "en":
        for m in EN_COUNT.finditer(text):
            n, noun = int(m[1]), m[2]
            singular = noun in EN_NOUNS
            if n == 0 or singular != (n == 1):
                wrong.append(m[0])
        return wrong
    locale = Locale("ar")
    for m in AR_COUNT.finditer(text):
        n, noun = int(m[1]), m[2]
        category = locale.plural_form(n)
        if category in ("zero", "one", "two") or noun in AR_DUALS:
            wrong.append(m[0])  # 0, 1 and 2 are said in words: "نشرة واحدة", "نشرتين"
        elif (category == "few") != (noun in AR_NOUNS.values()):
            wrong.append(m[0])  # 3–10 take the plural, 11–99 and 100–102 the singular
    return wrong


@pytest.mark.parametrize(("text", "lang", "bad"), [
    ("in 1 briefings", "en", ["1 briefings"]), ("in 0 briefings", "en", ["0 briefings"]),
    ("in 2 briefing", "en", ["2 briefing"]), ("in 1 briefing, 36 mentions", "en", []),
    ("في 5 نشرة", "ar", ["5 نشرة"]), ("في 2 نشرة", "ar", ["2 نشرة"]),
    ("في 1 نشرات", "ar", ["1 نشرات"]), ("في 11 نشرات", "ar", ["11 نشرات"]),
    ("في 5 نشرات و11 نشرة و103 نشرات و100 نشرة", "ar", []), ("36 إشارة", "ar", []),
    ("في نشرتين", "ar", []), ("في نشرة واحدة", "ar", []),
])
def test_checker_itself(text, lang, bad):
    assert ungrammatical(text, lang) == bad


@pytest.mark.parametrize("key", sorted(i18n.PLURALS["en"]))
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_counted_phrase_is_grammatical_for_every_count(lang, key):
    # Phrases without a "=0" form are for counts that are never 0 (reading time, a split list).
    first = 0 if "=0" in i18n.PLURALS[lang][key] else 1
    for n in [*range(first, 130), 1000, 1001, 1002, 1003]:
        phrase = i18n.count(lang, key, n, shown=20)
        assert "{" not in phrase, phrase
        assert ungrammatical(phrase, lang) == [], (n, phrase)


@pytest.mark.parametrize(("lang", "n", "phrase"), [
    ("en", 0, "in no briefings"), ("en", 1, "in 1 briefing"), ("en", 5, "in 5 briefings"),
    ("ar", 1, "في نشرة واحدة"), ("ar", 2, "في نشرتين"), ("ar", 5, "في 5 نشرات"),
    ("ar", 11, "في 11 نشرة"), ("ar", 100, "في 100 نشرة"), ("ar", 103, "في 103 نشرات"),
])
def test_six_arabic_forms_and_two_english(lang, n, phrase):
    assert i18n.count(lang, "in_briefings", n) == phrase


class VisibleText(HTMLParser):
    """The text a reader sees: everything outside <script>, <style> and <template>."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_texts(html: str) -> list[str]:
    """Each run of visible text on its own: a count and its noun are one string in the page
    (a bare number in one element beside a noun in the next is not a counted phrase)."""
    p = VisibleText()
    p.feed(html)
    return [" ".join(part.split()) for part in p.parts if part.strip()]


@pytest.mark.slow
def test_no_page_of_the_default_site_has_an_ungrammatical_count(default_site: Path):
    pages = [p for p in default_site.rglob("*.html")
             if "pagefind" not in p.relative_to(default_site).parts]
    assert len(pages) > 100
    wrong = []
    counted = 0
    for page in pages:
        for text, lang in ((x, lang) for x in visible_texts(page.read_text(encoding="utf-8"))
                           for lang in ("ar", "en")):
            counted += len((EN_COUNT if lang == "en" else AR_COUNT).findall(text))
            wrong += [f"{page.relative_to(default_site)}: {w!r}" for w in ungrammatical(text, lang)]
    assert counted > 50, "the site shows too few counts for this test to mean anything"
    assert wrong == [], "\n".join(wrong[:40])
