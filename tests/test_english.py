"""English for every briefing: the automatic digest on twelve new Arabic seeds, English
datelines, Arabic bylines marked as Arabic, and an editor's title winning over the digest."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from support.english import SEEDS, english_project, seed_slug

from nashra.build.pipeline import build
from nashra.model import DateRef, Entity, LangText, LinkedBriefing
from nashra.pages import english
from nashra.pages.english import date_items, dateline_en, join_names, place_index

ARABIC = re.compile("[\u0600-\u06ff]")
SLUGS = [seed_slug(s) for s in SEEDS]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = english_project(tmp_path_factory.mktemp("english"))
    build(project, search=False)
    return project / "site"


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text("utf-8")


def digest_section(html: str) -> str:
    return re.search(r'<section class="digest".*?</section>', html, re.S).group(0)


def visible(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_twelve_seeds_make_twelve_english_pages(site):
    assert len(SEEDS) == 12
    for slug in SLUGS:
        assert (site / "en" / "briefings" / slug / "index.html").is_file(), slug


@pytest.mark.parametrize("slug", SLUGS)
def test_every_english_page_has_an_english_title_and_english_names(site, slug):
    html = read(site, f"en/briefings/{slug}/index.html")
    title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    assert title.strip() and not ARABIC.search(title), title
    assert "<h1>" in html  # no lang="ar" on the headline any more
    section = digest_section(html)
    assert "Automatic digest — not a translation" in section
    names = re.findall(r'<a href="\.\./\.\./entities/[a-z0-9-]+/index\.html">([^<]+)</a>',
                       section)
    assert len(names) >= 2, section
    assert not ARABIC.search(visible(section)), visible(section)
    # the Arabic original follows, marked as Arabic
    assert '<section class="body" lang="ar" dir="rtl">' in html


def test_digest_of_a_seed_names_people_places_and_dates_in_english(site):
    html = read(site, "en/briefings/106-shoigu-security/index.html")
    text = visible(digest_section(html))
    assert "People Sergei Shoigu Kim Jong Un Vladimir Putin" in text
    assert "Pyongyang" in text and "Moscow" in text and "TASS" in text
    dated = visible(digest_section(read(site, "en/briefings/101-lavrov-wonsan/index.html")))
    assert "Dates mentioned June 2024" in dated  # يونيو/حزيران 2024 in the Arabic text
    assert re.search(r"<h1>Sergei Shoigu, Pyongyang and Kim Jong Un — Arabic-language report, "
                     r"17 June 2025</h1>", html)


def test_english_lists_feed_and_entity_pages_show_digest_titles(site):
    for rel in ("en/index.html", "en/archive/index.html", "en/entities/kim-jong-un/index.html",
                "en/timeline/index.html"):
        html = read(site, rel)
        titles = re.findall(r'class="card-title"><a href="[^"]+"([^>]*)>([^<]+)</a>', html)
        titles += re.findall(r'<li class="tl-item tl-briefing">.*?<a href="[^"]+"([^>]*)>([^<]+)'
                             r"</a>", html, re.S)
        assert titles, rel
        for attrs, title in titles:
            assert not ARABIC.search(title) and 'lang="ar"' not in attrs, (rel, title)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ElementTree.parse(site / "en" / "feed.xml").getroot()
    for entry in feed.findall("a:entry", ns):
        assert not ARABIC.search(entry.find("a:title", ns).text)
        assert not ARABIC.search(entry.find("a:summary", ns).text)
    assert "Automatic digest — not a translation" in read(site, "en/index.html")


def test_search_fields_of_a_digest_page_are_english(site):
    html = read(site, "en/briefings/112-vladivostok-forum/index.html")
    title = re.search(r'data-title="([^"]*)"', html).group(1)
    summary = re.search(r'data-summary="([^"]*)"', html).group(1)
    assert title.startswith("Eastern Economic Forum") and not ARABIC.search(title)
    assert "Vladimir Putin" in summary and not ARABIC.search(summary)
    assert re.search(r'<meta name="description" content="[^"]*Vladimir Putin', html)


def test_a_known_dateline_is_english_and_a_byline_stays_arabic(site):
    html = read(site, "en/briefings/106-shoigu-security/index.html")
    dateline = re.search(r'<span class="dateline">(.*?)</span>\s*</p>', html, re.S).group(1)
    assert "Pyongyang" in dateline and 'lang="ar"' not in dateline
    byline = read(site, "en/briefings/102-kursk-troops/index.html")
    assert '<span lang="ar" dir="rtl">سامر حداد</span>' in byline
    arabic = read(site, "ar/briefings/106-shoigu-security/index.html")
    assert "بيونغ يانغ</span>" in arabic


def test_an_editors_title_and_summary_win_over_the_digest(tmp_path):
    project = english_project(tmp_path)
    (project / "content" / "briefings" / "104-tumen-bridge.en.md").write_text(
        "---\ntitle: A road bridge over the Tumen\nsummary: Russia and North Korea start "
        "building a bridge.\n---\n", "utf-8")
    build(project, search=False)
    html = read(project / "site", "en/briefings/104-tumen-bridge/index.html")
    assert "<h1>A road bridge over the Tumen</h1>" in html
    assert "Russia and North Korea start building a bridge." in html
    assert "Automatic digest — not a translation" in html  # the names are still automatic
    home = read(project / "site", "en/index.html")
    assert "A road bridge over the Tumen" in home


def test_join_names_and_datelines():
    assert join_names([]) == "" and join_names(["A"]) == "A"
    assert join_names(["A", "B", "C"]) == "A, B and C"
    places = place_index([Entity("moscow", "x", "place", LangText("موسكو", "Moscow")),
                          Entity("pyongyang", "x", "place", LangText("بيونغ يانغ", "Pyongyang"),
                                 aliases_ar=("بيونج يانج",)),
                          Entity("kim", "x", "person", LangText("كيم", "Kim"))])
    assert dateline_en("موسكو - (رويترز)", places) == "Moscow"
    assert dateline_en("بيونج يانج", places) == "Pyongyang"
    assert dateline_en("كيم", places) is None  # a person is no dateline
    assert dateline_en("القاهرة", places) is None and dateline_en(None, places) is None


def test_dates_once_each_in_time_order_ranges_included():
    refs = (DateRef("s", "ar", 0, "2024-06-19", dt.date(2024, 6, 19), "day"),
            DateRef("s", "ar", 1, "1950/1953", dt.date(1950, 1, 1), "year"),
            DateRef("s", "ar", 2, "2024-06-19", dt.date(2024, 6, 19), "day"),
            DateRef("s", "en", 0, "2023-09", dt.date(2023, 9, 1), "month"))
    assert [(d.iso, d.text) for d in date_items(refs)] == [
        ("1950", "1950 – 1953"), ("2024-06-19", "19 June 2024")]


def test_digest_title_without_names_or_outlet():
    from nashra.model import Briefing, Source

    b = Briefing("s", "p", "عنوان", dt.date(2025, 1, 5), Source(""), "نص", 1)
    record = LinkedBriefing("s", (), (), (), (), (), ())
    assert english.digest_title(b, record, {}, {}) == "Arabic-language report, 5 January 2025"
    assert english.digest_summary(b, record, {}, {}).startswith("No known person")


@pytest.mark.slow
def test_digest_and_machine_pages_are_valid_html(tmp_path):
    from support import format_messages, vnu_check
    from support.english import ENGINE

    from nashra.commands.cli import main

    project = english_project(tmp_path)
    assert main(["translate", "--project", str(project), "--command", ENGINE,
                 "106-shoigu-security"]) == 0
    build(project, search=False)
    site = project / "site"
    pages = [site / "en/briefings" / slug / "index.html" for slug in SLUGS[:4]]
    pages += [site / "en/briefings/106-shoigu-security/index.html", site / "en/index.html"]
    messages = vnu_check(pages)
    assert messages == [], format_messages(messages, site)


@pytest.mark.browser
@pytest.mark.slow
def test_digest_page_has_no_serious_accessibility_violation(page, site):
    from support import axe_check, format_violations, serious, serve

    with serve(site) as base:
        for slug in ("102-kursk-troops", "106-shoigu-security"):
            page.goto(f"{base}en/briefings/{slug}/index.html", wait_until="load")
            found = serious(axe_check(page))
            assert found == [], format_violations(found, where=f"{slug}: ")


def test_headline_names_lead_the_title_with_their_proclitics():
    pyongyang = Entity("pyongyang", "x", "place", LangText("بيونغ يانغ", "Pyongyang"))
    moscow = Entity("moscow", "x", "place", LangText("موسكو", "Moscow"))
    headline = english._headline_words("لافروف في وونسان: موسكو وبيونغ يانغ تبحثان")
    assert english._named_in(headline, pyongyang) and english._named_in(headline, moscow)
    assert not english._named_in(english._headline_words("يانغ وحده"), pyongyang)
