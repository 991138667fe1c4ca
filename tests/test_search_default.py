"""The issue's search cases on the default archive, typed into the real search page over
http and over file://, in both languages. Expected pages come from the content itself."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from support import serve
from test_search_browser import open_search, result_paths, wait_done

from nashra.build.pipeline import load_stage
from nashra.text.arabic import normalize

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).parent.parent
CLITICS = "(?:[وف]?[بلك]?)"


@pytest.fixture(scope="module")
def archive():
    return load_stage(ROOT)[0]


def briefings_writing(archive, pattern: str, lang: str = "ar") -> set[str]:
    """Briefing pages (of `lang`) whose normalised Arabic text matches `pattern` as a word."""
    rx = re.compile(rf"(?<!\w){pattern}(?!\w)")
    return {f"{lang}/briefings/{b.slug}/index.html" for b in archive.briefings
            if rx.search(normalize(f"{b.title}\n{b.summary or ''}\n{b.body}"))}


@pytest.fixture(scope="module")
def search(browser, default_site: Path):
    """query(lang, text) -> result paths, over http and over file:// (which must agree)."""
    page = browser.new_page()
    with serve(default_site) as http_root:
        roots = {"http": http_root, "file": default_site.as_uri() + "/"}

        def query(lang: str, text: str) -> set[str]:
            found = {}
            for name, root in roots.items():
                open_search(page, root, lang, f"q={quote(text)}")
                wait_done(page, text)
                found[name] = result_paths(page, root)
            assert found["http"] == found["file"], text
            return set(found["http"])

        yield query
    page.close()


def test_a_bare_name_finds_briefings_that_only_write_it_with_a_clitic(archive, search):
    with_clitic = briefings_writing(archive, "[وفبل]بوتين")
    assert with_clitic, "the default archive writes وبوتين / لبوتين somewhere"
    assert with_clitic <= search("ar", "بوتين")
    assert briefings_writing(archive, "لبيونغ|لبيونج") <= search("ar", "بيونغ")


def test_spelling_variants_of_pyongyang_find_the_same_briefings(archive, search):
    results = [search("ar", q) for q in ("بيونج يانج", "بيونغ يانغ", "بيونغيانغ")]
    briefings = [{p for p in r if "/briefings/" in p} for r in results]
    assert briefings[0] == briefings[1] == briefings[2]
    every = briefings_writing(archive, CLITICS + "(?:بيونغ يانغ|بيونج يانج|بيونغيانغ)")
    assert every <= briefings[0]


def test_hamza_and_ta_marbuta_spellings_meet(archive, search):
    assert search("ar", "اوكرانيا") == search("ar", "أوكرانيا")
    summit = briefings_writing(archive, CLITICS + "(?:ال)?قمه")
    assert summit and summit <= search("ar", "القمه")


def test_an_outlet_name_finds_its_briefings_whatever_the_diacritics(search):
    assert "ar/briefings/2024-06-what-russia-and-north-korea-want/index.html" in search(
        "ar", "خَبَرْيْن")
    assert search("ar", "خبرين") == search("ar", "خَبَرْيْن")


@pytest.mark.parametrize(("query", "entity"), [("Pyongyang", "pyongyang"),
                                                ("Shoigu", "sergei-shoigu")])
def test_english_names_find_the_entity_page_and_the_english_briefings(archive, search, query,
                                                                       entity):
    found = search("en", query)
    assert f"en/entities/{entity}/index.html" in found
    translations = {t.slug for t in archive.translations
                    if re.search(query, t.body + t.summary + t.title, re.I)}
    assert translations and {f"en/briefings/{s}/index.html" for s in translations} <= found


@pytest.mark.parametrize(("query", "entity"), [("شويغو", "sergei-shoigu"),
                                                ("بيونغ يانغ", "pyongyang")])
def test_an_arabic_name_typed_on_the_english_page_still_finds_the_entity(search, query, entity):
    assert f"en/entities/{entity}/index.html" in search("en", query)
