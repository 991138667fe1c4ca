"""Search ranks what a reader wants, on the default archive, over http and file:// alike:
a name query lists the entity's page first, then briefings, then events; every alias of a
name finds every page that shows it; people's results show no date."""

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
KIND_RANK = {"entities": 0, "briefings": 1, "events": 2}


@pytest.fixture(scope="module")
def archive():
    return load_stage(ROOT)[0]


@pytest.fixture(scope="module")
def ranked(browser, default_site: Path):
    """query(lang, text) -> (result paths in order, the page), the same over http and file://."""
    page = browser.new_page()
    with serve(default_site) as http_root:
        roots = {"http": http_root, "file": default_site.as_uri() + "/"}

        def query(lang: str, text: str) -> tuple[list[str], object]:
            found = {}
            for name, root in roots.items():
                open_search(page, root, lang, f"q={quote(text)}")
                wait_done(page, text)
                show_all(page)
                found[name] = result_paths(page, root)
            assert found["http"] == found["file"], text
            return found["http"], page

        yield query
    page.close()


def show_all(page) -> None:
    """Press "More results" until every result is listed."""
    more = page.locator("#nashra-search-more")
    while more.is_visible():
        count = page.locator("li.nashra-result").count()
        more.click()
        page.wait_for_function("n => document.querySelectorAll('li.nashra-result').length > n",
                               arg=count)


def kind(path: str) -> str:
    """entities | briefings | events, from a result's path."""
    return path.split("/")[1]


@pytest.mark.parametrize(("lang", "query", "entity"), [
    ("ar", "بوتين", "vladimir-putin"), ("ar", "شويجو", "sergei-shoigu"),
    ("ar", "بيونج يانج", "pyongyang"), ("en", "Shoigu", "sergei-shoigu"),
    ("en", "Kim Jong Un", "kim-jong-un")])
def test_a_name_lists_its_entity_then_briefings_then_events(ranked, lang, query, entity):
    paths, _ = ranked(lang, query)
    assert paths[0] == f"{lang}/entities/{entity}/index.html", paths[:5]
    rest = [kind(p) for p in paths[1:]]
    briefings = [i for i, k in enumerate(rest) if k == "briefings"]
    events = [i for i, k in enumerate(rest) if k == "events"]
    assert briefings and events, paths
    assert max(briefings) < min(events), paths  # every briefing before any event
    others = [i for i, k in enumerate(rest) if k == "entities"]
    assert all(i > max(events) for i in others), paths  # other entities come last


def shows(text: str, aliases: list[str]) -> bool:
    """Whether `text` writes one of `aliases` (normalised, as a word with any clitic).
    Short one-word names (كيم, Kim) alone name nobody: كيم جونغ إيل is another Kim."""
    folded = normalize(text)
    full = [a for a in aliases if " " in a.strip() or len(a) > 3]
    return any(re.search(rf"(?<!\w)[وفبلك]?{re.escape(normalize(a))}(?!\w)", folded, re.I)
               for a in full)


@pytest.mark.parametrize("ident", ["sergei-shoigu", "kim-jong-un"])
def test_every_alias_finds_every_event_and_entity_page_that_shows_the_name(
        ranked, archive, ident):
    (e,) = [x for x in archive.entities if x.id == ident]
    aliases = [*e.aliases_ar, *e.aliases_en, e.name.ar, e.name.en]
    for lang in ("ar", "en"):
        expected = {f"{lang}/events/{ev.id}/index.html" for ev in archive.events
                    if ident in ev.participants or shows(
                        f"{ev.title.ar} {ev.title.en} {ev.description.ar} {ev.description.en}",
                        aliases)}
        expected |= {f"{lang}/entities/{x.id}/index.html" for x in archive.entities
                     if x.id == ident or shows(f"{x.description.ar} {x.description.en}",
                                               aliases)}
        assert len(expected) > 2
        for alias in sorted(set(aliases)):
            found = set(ranked(lang, alias)[0])
            assert expected <= found, (lang, alias, sorted(expected - found))


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_people_results_show_no_date_and_briefings_do(ranked, lang):
    _, page = ranked(lang, "شويغو")
    rows = page.eval_on_selector_all(
        "li.nashra-result", "els => els.map(e => [e.dataset.kind, !!e.querySelector('time')])")
    rows = [tuple(r) for r in rows]
    assert ("entity", False) in rows and ("briefing", True) in rows, rows
    assert not any(kind == "entity" and dated for kind, dated in rows), rows
