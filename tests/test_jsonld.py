"""Sharing metadata (nashra.pages.jsonld): Open Graph tags and JSON-LD on real rendered pages,
and no content, however hostile, can leave the JSON-LD <script> element."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from test_graph import ENTITIES, briefing, linked_archive

from nashra.output.render import (
    DEFAULT_THEME,
    Theme,
    asset_map,
    collect_assets,
    environment,
    render_page,
)
from nashra.pages import graph, site
from nashra.pages.facts import SiteFacts
from nashra.pages.jsonld import script_json

PACKAGE_THEME = Theme((("theme", DEFAULT_THEME),))
HOSTILE = "</script><script>alert(1)</script><!-- & -->"
EN = ("---\ntitle: {title}\nsummary: An English summary.\nkey_points: [one]\n"
      "translation: {kind}\n---\nPutin met Kim.\n")


class Scripts(HTMLParser):
    """Every <script> element of a page: its attributes and text; and every <meta>."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.meta: list[dict[str, str | None]] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._open = dict(attrs)
            self.scripts.append((self._open, ""))
        elif tag == "meta":
            self.meta.append(dict(attrs))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None


def parse(html: str) -> Scripts:
    p = Scripts()
    p.feed(html)
    return p


@pytest.fixture(scope="module")
def facts() -> SiteFacts:
    la = linked_archive(
        {"a": briefing("2024-06-20", "التقى فلاديمير بوتين كيم جونغ أون في بيونغ يانغ.",
                       f"summary: 'ملخص {HOSTILE}'\ndateline: موسكو\n"),
         "b": briefing("2024-06-21", "روسيا.").replace(
             "source: {name: مصدر}", "source: {name: مصدر, url: 'https://outlet.example/b?x=1&y=2'}")},
        {"a": EN.format(title=json.dumps("Putin " + HOSTILE), kind="editorial"),
         "b": EN.format(title="Machine", kind="machine")})
    return SiteFacts.of(la, asset_map(collect_assets(PACKAGE_THEME)))


def rendered(page) -> tuple[str, Scripts]:
    html = render_page(environment(PACKAGE_THEME), page).decode()
    return html, parse(html)


def ld(scripts: Scripts) -> dict:
    found = [text for attrs, text in scripts.scripts if attrs.get("type") == "application/ld+json"]
    assert len(found) == 1, found
    return json.loads(found[0])


def test_script_json_escapes_everything_that_could_end_the_element():
    value = HOSTILE + "\u2028\u2029"
    text = script_json({"t": value})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"t": value}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_briefing_is_a_news_article_tied_to_its_translation(facts, lang):
    b = facts.briefings["a"]
    _, scripts = rendered(site.briefing_page(facts, b, lang))
    # Only the JSON-LD script: the hostile title never became an element of its own.
    assert [a.get("type") for a, _ in scripts.scripts] == ["application/ld+json"]
    data = ld(scripts)
    assert data["@type"] == "NewsArticle" and data["inLanguage"] == lang
    assert data["datePublished"] == "2024-06-20" and data["dateline"] == "موسكو"
    assert HOSTILE in (data["headline"] if lang == "en" else data["description"])
    other = {"ar": ("workTranslation", "en"), "en": ("translationOfWork", "ar")}[lang]
    assert data[other[0]]["inLanguage"] == other[1]
    assert data[other[0]]["url"].endswith(f"/{other[1]}/briefings/a/")
    mentioned = {m["name"] for m in data["mentions"]}
    assert ENTITIES["vladimir-putin"][1 if lang == "ar" else 2] in mentioned
    tags = {m.get("property") or m.get("name"): m.get("content") for m in scripts.meta}
    assert tags["og:type"] == "article" and tags["twitter:card"] == "summary"
    assert tags["og:url"] == data["url"] and tags["og:image"].startswith("http")
    assert tags["og:locale"] == {"ar": "ar_AR", "en": "en_GB"}[lang]
    assert tags["article:published_time"] == "2024-06-20"


def test_machine_translation_is_said_so_and_editorial_too(facts):
    machine, _ = rendered(site.briefing_page(facts, facts.briefings["b"], "en"))
    editorial, _ = rendered(site.briefing_page(facts, facts.briefings["a"], "en"))
    assert "Machine translation" in machine and "Editorial translation" not in machine
    assert "Editorial translation" in editorial and "Machine translation" not in editorial


@pytest.mark.parametrize(("ident", "kind"), [("vladimir-putin", "Person"), ("pyongyang", "Place"),
                                             ("russia", "Country")])
def test_entity_pages_are_typed_things(facts, ident, kind):
    page = graph.entity_page(facts, facts.entities[ident], "en",
                             (facts.published[-1].date, facts.published[0].date))
    data = ld(rendered(page)[1])
    assert data["@type"] == kind and data["name"] == ENTITIES[ident][2]
    assert ENTITIES[ident][1] in data["alternateName"]


def test_event_page_is_an_event_with_its_participants(facts):
    page = graph.event_page(facts, facts.events["2024-06-treaty"], "ar")
    data = ld(rendered(page)[1])
    assert data["@type"] == "Event" and data["startDate"] == "2024-06-19"
    assert {a["@type"] for a in data["attendee"]} == {"Person"}


def test_icons_are_files_not_data_urls(facts):
    html, _ = rendered(site.home_page(facts, "ar"))
    assert 'href="data:' not in html
    assert 'rel="icon" href="../assets/img/logo.' in html
    assert 'rel="apple-touch-icon" href="../assets/img/icon-180.' in html


def test_aside_links_the_original_article_and_the_neighbours_in_time(facts):
    a, b = facts.briefings["a"], facts.briefings["b"]
    html_b, _ = rendered(site.briefing_page(facts, b, "ar"))
    assert '<a href="https://outlet.example/b?x=1&amp;y=2" rel="external">المقال الأصلي</a>' in html_b
    assert ld(parse(html_b))["isBasedOn"] == "https://outlet.example/b?x=1&y=2"
    html_a, _ = rendered(site.briefing_page(facts, a, "en"))
    assert "Original article" not in html_a  # no source.url: no link
    # a (20 June) comes before b (21 June): a links b as next, b links a as previous.
    assert 'Next briefing</span> <a href="../b/index.html">' in html_a
    assert 'النشرة السابقة</span> <a href="../a/index.html">' in html_b
