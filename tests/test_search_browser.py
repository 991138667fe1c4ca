"""The search page in a real Chromium, over http and over file://, in Arabic and English.

Every test runs on the fixture site of tests/fixtures/search_site, indexed for real by
Pagefind (one index per language; the last tests compare it with the same site indexed in
shards, three per language, which the page merges); the shared `page` fixture fails a test
on any console or page error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from babel import Locale
from support import axe_check, format_violations, serious, serve, vnu_check
from test_search import SHARD_PAGES, build_search_site

from nashra.pages import search_markup

pytestmark = pytest.mark.browser

PUTIN_AR = {
    "ar/briefings/putin-pyongyang-visit/index.html",
    "ar/briefings/vladivostok-summit/index.html",  # only "وبوتين" in the text: found via terms
    "ar/entities/vladimir-putin/index.html",
    "ar/events/2024-06-pyongyang-summit/index.html",
}
PUTIN_EN = {p.replace("ar/", "en/", 1) for p in PUTIN_AR}

SEARCH_CASES = [
    # lang, query, the pages it must find (and nothing else)
    ("ar", "شويغو", {"ar/briefings/partnership-anniversary/index.html"}),  # not the "related" box
    ("ar", "بيونج", {  # a spelling only the hidden terms field carries
        "ar/briefings/putin-pyongyang-visit/index.html",
        "ar/briefings/partnership-anniversary/index.html",
        "ar/events/2024-06-pyongyang-summit/index.html"}),
    ("ar", "فلاديفوستوك", {"ar/briefings/vladivostok-summit/index.html"}),
    ("ar", "بوتين", PUTIN_AR),
    ("ar", "هاواي", set()),
    ("en", "Shoygu", {"en/briefings/partnership-anniversary/index.html"}),  # alias in terms only
    ("en", "putin", PUTIN_EN),
    ("en", "Vladivostok", {"en/briefings/vladivostok-summit/index.html"}),
    ("en", "Washington", {"en/briefings/vladivostok-summit/index.html"}),
]


LAYOUTS = {"one index": None, "shards": SHARD_PAGES}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture site indexed as one index per language and in shards, bundled for file://."""
    return {name: build_search_site(tmp_path_factory.mktemp(name.replace(" ", "-")), pages)
            for name, pages in LAYOUTS.items()}


@pytest.fixture(scope="module")
def search_site(sites: dict[str, Path]) -> Path:
    """The fixture site, one index per language (what a build writes)."""
    return sites["one index"]


@pytest.fixture(scope="module")
def http_base(search_site: Path) -> Iterator[str]:
    """The site served over http on 127.0.0.1."""
    with serve(search_site) as base:
        yield base


@pytest.fixture(params=["http", "file"])
def base(request: pytest.FixtureRequest, search_site: Path, http_base: str) -> str:
    """The site's base URL, hosted and opened from disk."""
    return http_base if request.param == "http" else search_site.as_uri() + "/"


def open_search(page, base: str, lang: str, query: str = "") -> None:
    """Load the search page of `lang`, with `query` after '?' when given."""
    page.goto(f"{base}{lang}/search/index.html" + (f"?{query}" if query else ""))
    page.wait_for_selector("#nashra-search:not([hidden])")


def wait_done(page, query: str | None = None) -> None:
    """Wait until the list shows the results of `query` (default: what the input holds)."""
    page.wait_for_function(
        """(q) => {
            const box = document.getElementById('nashra-search');
            const want = q === null ? document.getElementById('nashra-search-q').value.trim() : q;
            const settled = box.dataset.state === 'done' || box.dataset.state === 'empty';
            return settled && box.dataset.query === want;
        }""",
        arg=query,
        timeout=15_000,
    )


def type_query(page, text: str) -> None:
    """Type `text` key by key into the search box, as a reader does, and wait for results."""
    box = page.locator("#nashra-search-q")
    box.fill("")
    box.press_sequentially(text, delay=15)
    wait_done(page, text)


def result_paths(page, base: str) -> list[str]:
    """The result links, in order, relative to the site root."""
    hrefs = page.eval_on_selector_all("a.nashra-result__link", "els => els.map(e => e.href)")
    assert all(h.startswith(base) for h in hrefs), hrefs
    return [h[len(base):] for h in hrefs]


def count_text(lang: str, n: int) -> str:
    """The status line the UI must show for `n` results (CLDR plural rules via Babel)."""
    strings = search_markup.ui_strings(lang)
    category = "zero" if n == 0 else Locale(lang).plural_form(n)
    key = f"search_results_{category}"
    return strings.get(key, strings["search_results_other"]).replace("{n}", str(n))


def query_of(url: str) -> dict[str, list[str]]:
    """The parsed query string of `url`."""
    return parse_qs(urlsplit(url).query)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_typing_a_query_lists_the_expected_pages(page, base: str, lang: str) -> None:
    """Results appear as you type, in both languages, hosted and from disk."""
    open_search(page, base, lang)
    kinds = {search_markup.ui_strings(lang)[f"search_kind_{k}"] for k in search_markup.KINDS}
    for case_lang, query, expected in SEARCH_CASES:
        if case_lang != lang:
            continue
        type_query(page, query)
        paths = result_paths(page, base)
        assert (query, sorted(paths)) == (query, sorted(expected))
        assert page.inner_text("#nashra-search-status") == count_text(lang, len(expected))
        assert query_of(page.url).get("q") == [query]
        if expected:
            first = page.locator(".nashra-result").first
            assert first.locator(".nashra-result__kind").inner_text() in kinds
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}",
                                first.locator("time").get_attribute("datetime") or "")
            assert first.locator(".nashra-result__excerpt").inner_text().strip()


def test_http_and_file_give_the_same_results_in_the_same_order(
    browser, search_site: Path, http_base: str
) -> None:
    """The file:// shim changes where the bytes come from, not what the search finds."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    seen = {}
    for name, root in (("http", http_base), ("file", search_site.as_uri() + "/")):
        for lang, query, _ in SEARCH_CASES:
            open_search(page, root, lang, f"q={quote(query)}&sort=newest")
            wait_done(page, query)
            seen[name, lang, query] = result_paths(page, root)
    context.close()
    assert errors == []
    for lang, query, _ in SEARCH_CASES:
        assert seen["http", lang, query] == seen["file", lang, query], (lang, query)


def test_marks_the_hit_in_the_excerpt(page, base: str) -> None:
    """A word found in the text is marked; the mark holds that word."""
    open_search(page, base, "en")
    type_query(page, "Vladivostok")
    marks = page.eval_on_selector_all(".nashra-result__excerpt mark",
                                      "els => els.map(e => e.textContent)")
    assert marks and all(m.lower().startswith("vladivostok") for m in marks)


FILTER_CASES = [
    # lang, query, select id, option value, pages left
    ("ar", "بوتين", "kind", "briefing", {"ar/briefings/putin-pyongyang-visit/index.html",
                                         "ar/briefings/vladivostok-summit/index.html"}),
    ("ar", "بوتين", "kind", "event", {"ar/events/2024-06-pyongyang-summit/index.html"}),
    ("en", "putin", "source", "Rai al-Youm", {"en/briefings/vladivostok-summit/index.html"}),
    ("en", "putin", "year", "2024", PUTIN_EN - {"en/briefings/vladivostok-summit/index.html"}),
]


@pytest.mark.parametrize(("lang", "query", "name", "value", "expected"), FILTER_CASES)
def test_a_filter_narrows_the_results(
    page, base: str, lang: str, query: str, name: str, value: str, expected: set[str]
) -> None:
    """Choosing a kind, source or year keeps only the matching pages, and says so in the URL."""
    open_search(page, base, lang)
    type_query(page, query)
    before = set(result_paths(page, base))
    page.hover("#nashra-search-kind")  # the filter values load when the reader turns to them
    page.wait_for_selector(f'#nashra-search-{name} option[value="{value}"]', state="attached")
    page.select_option(f"#nashra-search-{name}", value)
    page.wait_for_function(
        """(key) => document.getElementById('nashra-search').dataset.state === 'done'
                    && new URLSearchParams(location.search).has(key)""", arg=name)
    after = set(result_paths(page, base))
    assert after == expected
    assert after < before
    assert query_of(page.url).get(name) == [value]


@pytest.mark.parametrize("order", ["newest", "oldest"])
def test_sorting_by_date(page, base: str, order: str) -> None:
    """Newest / oldest order the results by their date, whatever their relevance."""
    open_search(page, base, "en", f"q=putin&sort={order}")
    wait_done(page, "putin")
    dates = page.eval_on_selector_all(".nashra-result time", "els => els.map(e => e.dateTime)")
    assert len(dates) == len(PUTIN_EN)
    assert dates == sorted(dates, reverse=order == "newest")
    assert page.input_value("#nashra-search-sort") == order


def test_clicking_a_result_opens_that_page(page, base: str) -> None:
    """The result link names the page's index.html relative to the search page."""
    open_search(page, base, "ar")
    type_query(page, "شويغو")
    link = page.locator("a.nashra-result__link").first
    title = link.inner_text()
    assert link.get_attribute("href") == "../../ar/briefings/partnership-anniversary/index.html"
    link.click()
    page.wait_for_url(f"{base}ar/briefings/partnership-anniversary/index.html")
    assert page.inner_text("h1") == title


QUERY_ON_LOAD = [
    # the query string, language, what the page must show
    ("q=Shoygu", "en", {"en/briefings/partnership-anniversary/index.html"}),
    (f"q={quote('فلاديفوستوك')}", "ar", {"ar/briefings/vladivostok-summit/index.html"}),
    ("kind=event", "en", {"en/events/2024-06-pyongyang-summit/index.html"}),  # filter, no words
    ("entity=Sergei%20Shoigu", "en", {"en/briefings/partnership-anniversary/index.html"}),
]


@pytest.mark.parametrize(("query", "lang", "expected"), QUERY_ON_LOAD)
def test_the_url_runs_the_search_on_load(
    page, base: str, query: str, lang: str, expected: set[str]
) -> None:
    """A linked search (?q=, filters) runs as the page opens and fills the form."""
    open_search(page, base, lang, query)
    wait_done(page)
    assert set(result_paths(page, base)) == expected
    params = query_of(f"?{query}")
    assert page.input_value("#nashra-search-q") == params.get("q", [""])[0]
    if "entity" in params:
        assert params["entity"][0] in page.inner_text("#nashra-search-entity")


def test_keyboard_only(page, base: str) -> None:
    """Arrows move from the box through the results and back; Enter opens the focused one."""
    open_search(page, base, "en")
    page.focus("#nashra-search-q")
    page.keyboard.type("putin", delay=15)
    wait_done(page, "putin")
    links = page.eval_on_selector_all("a.nashra-result__link", "els => els.map(e => e.href)")
    focused = "() => document.activeElement.href || document.activeElement.id"
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == links[0]
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == links[1]
    page.keyboard.press("End")
    assert page.evaluate(focused) == links[-1]
    page.keyboard.press("Home")
    page.keyboard.press("ArrowUp")
    assert page.evaluate(focused) == "nashra-search-q"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(links[1])


def test_back_returns_to_the_previous_search(page, base: str) -> None:
    """Each finished search is a history entry; keystrokes within one search are not."""
    open_search(page, base, "en")
    type_query(page, "putin")
    page.keyboard.press("Enter")  # the reader settles on a query
    type_query(page, "Shoygu")
    assert query_of(page.url)["q"] == ["Shoygu"]
    page.go_back()
    wait_done(page, "putin")
    assert query_of(page.url)["q"] == ["putin"]
    assert page.input_value("#nashra-search-q") == "putin"
    assert set(result_paths(page, base)) == PUTIN_EN
    page.go_back()
    wait_done(page, "")  # the empty search page we came from
    assert page.locator("a.nashra-result__link").count() == 0
    page.go_forward()
    wait_done(page, "putin")
    assert set(result_paths(page, base)) == PUTIN_EN


@pytest.mark.parametrize(("lang", "side"), [("ar", "Right"), ("en", "Left")])
def test_layout_follows_the_writing_direction(page, base: str, lang: str, side: str) -> None:
    """The results' start edge is on the right in Arabic and on the left in English."""
    open_search(page, base, lang)
    type_query(page, "بوتين" if lang == "ar" else "putin")
    style = page.evaluate(
        """(side) => {
            const li = document.querySelector('.nashra-result');
            const s = getComputedStyle(li);
            return [s.direction, s['border' + side + 'Width'],
                    s['border' + (side === 'Right' ? 'Left' : 'Right') + 'Width']];
        }""",
        side,
    )
    assert style == ["rtl" if lang == "ar" else "ltr", "3px", "0px"]


def test_file_protocol_loads_only_what_the_query_needs(
    page, search_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """From disk, the shim injects the entry, meta, wasm and the chunks one query touches."""
    base = search_site.as_uri() + "/"
    open_search(page, base, "en")
    type_query(page, "Shoygu")
    loaded = page.evaluate("NashraPagefindOffline.loaded()")
    bundle = search_site / "pagefind"
    fragments = [p for p in loaded if "fragment/" in p]
    assert len(fragments) == len(result_paths(page, base)) == 1
    # filters load on demand; only `kind`'s chunk comes with a query (results by kind)
    assert len([p for p in loaded if "filter/" in p]) <= 1
    assert not any(re.search(r"(^|/)(fragment/ar_|index/ar_|wasm\.ar|ar-)", p) for p in loaded)
    assert {"pagefind-entry.json", "wasm.en.pagefind"} <= set(loaded)
    offline = bundle / "offline"
    scripts = [offline / f"{p}.js" for p in loaded] + [offline / "pagefind.js"]
    total = sum(p.stat().st_size for p in scripts)
    everything = sum(p.stat().st_size for p in offline.rglob("*.js"))
    assert total < everything
    with capsys.disabled():
        print(f"\n[search] file:// first query: {len(scripts)} scripts, {total} bytes "
              f"(offline bundle {everything} bytes)")


def test_http_stays_off_the_offline_path(page, http_base: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Hosted, Pagefind runs as shipped: no shim, no offline/ files, only the chunks it needs."""
    sizes: dict[str, int] = {}
    page.on("requestfinished",
            lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]))
    open_search(page, http_base, "en")
    type_query(page, "Shoygu")
    assert page.evaluate("typeof window.NashraPagefindOffline") == "undefined"
    bundle = [u for u in sizes if "/pagefind/" in u]
    assert bundle and not any("/offline/" in u for u in bundle)
    chunks = [u for u in bundle if re.search(r"/(index|filter|fragment)/", u)]
    assert chunks and all("/en_" in u for u in chunks)
    # filters load on demand; only `kind`'s chunk comes with a query (results by kind)
    assert len([u for u in chunks if "/filter/" in u]) <= 1
    with capsys.disabled():
        print(f"\n[search] http first query: {len(bundle)} bundle requests, "
              f"{sum(sizes[u] for u in bundle)} bytes")


@pytest.mark.parametrize(("query", "expected"), [
    ("وبوتين", PUTIN_AR),  # attached و: the bare name is searched too
    ("لفلاديفوستوك", {"ar/briefings/vladivostok-summit/index.html"}),
    ("الشراكة", {"ar/briefings/partnership-anniversary/index.html",
                 "ar/briefings/putin-pyongyang-visit/index.html",
                 "ar/events/2024-06-pyongyang-summit/index.html"}),
])
def test_arabic_query_is_normalised_like_the_index(
    page, base: str, query: str, expected: set[str]
) -> None:
    """Clitics and letter variants typed by the reader meet the normalised `terms` field."""
    open_search(page, base, "ar")
    type_query(page, query)
    assert set(result_paths(page, base)) == expected


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_search_page_is_accessible_with_results(page, http_base: str, lang: str) -> None:
    """axe finds no serious WCAG A/AA violation on the page with results and filters shown."""
    open_search(page, http_base, lang)
    type_query(page, "بوتين" if lang == "ar" else "putin")
    page.hover("#nashra-search-kind")
    page.wait_for_selector("#nashra-search[data-filters=loaded]")
    problems = serious(axe_check(page))
    assert problems == [], format_violations(problems)


def test_search_page_markup_is_valid(search_site: Path) -> None:
    """The Nu checker accepts the rendered search pages."""
    pages = [search_site / lang / "search" / "index.html" for lang in ("ar", "en")]
    assert vnu_check(pages) == []


DEFAULT_SITE_CASES = [
    # lang, query, a page that must be among the results
    ("ar", "وبوتين", "ar/entities/vladimir-putin/index.html"),
    ("ar", "بيونجيانج", "ar/entities/pyongyang/index.html"),  # an alias spelling
    ("en", "Shoigu", "en/entities/sergei-shoigu/index.html"),
]


COMPARED = [
    # lang, the search page's query string: the same pages with shards as with one index,
    # in the same order when sorted by date
    ("ar", "q=بوتين"),
    ("ar", "q=بوتين&sort=newest"),
    ("ar", "q=بيونج كيم&sort=oldest"),
    ("ar", "kind=briefing"),
    ("ar", "year=2024&sort=oldest"),
    ("ar", "q=هاواي"),
    ("en", "q=putin&sort=oldest"),
    ("en", "q=putin&sort=newest"),
    ("en", "kind=entity"),
    ("en", "q=summit pyongyang&sort=newest"),
    ('en', 'q="Vladimir Putin"&sort=oldest'),
]


# A word some shards lack: there, Pagefind matches the indexed words it starts with.
PREFIX_FALLBACK = [("en", "q=Washington"), ("ar", "q=فلاديفوستوك")]


@pytest.mark.parametrize("protocol", ["http", "file"])
def test_shards_find_what_one_index_finds(
    page, sites: dict[str, Path], protocol: str
) -> None:
    """Merged shards give the pages, counts and filter values one index gives, in date
    order when sorted; a word missing from some shard finds more (the known difference)."""
    seen: dict[tuple[str, str, str], tuple[list[str], str]] = {}
    with serve(sites["one index"]) as one, serve(sites["shards"]) as shards:
        roots = {"one index": one, "shards": shards} if protocol == "http" else {
            name: site.as_uri() + "/" for name, site in sites.items()}
        for name, root in roots.items():
            for lang, query in COMPARED + PREFIX_FALLBACK:
                open_search(page, root, lang, query)
                wait_done(page, parse_qs(query).get("q", [""])[0])
                seen[name, lang, query] = (result_paths(page, root),
                                           page.inner_text("#nashra-search-status"))
            for lang in ("ar", "en"):
                open_search(page, root, lang)
                page.hover("#nashra-search-kind")
                page.wait_for_selector("#nashra-search[data-filters=loaded]", state="attached")
                seen[name, lang, "filters"] = (page.eval_on_selector_all(
                    "select option", "els => els.map(e => e.value)"), "")
    bad = []
    for lang, query in PREFIX_FALLBACK:  # see SHARDS_KEY in nashra/search.py
        one_index, sharded = seen["one index", lang, query], seen["shards", lang, query]
        assert set(one_index[0]) < set(sharded[0]), (lang, query)
    for lang, query in COMPARED:
        one_index, sharded = seen["one index", lang, query], seen["shards", lang, query]
        if "sort=" in query or "q=" not in query:
            ok = sharded == one_index
        else:  # relevance: each shard scores against its own pages, so the order may differ
            ok = (sorted(sharded[0]), sharded[1]) == (sorted(one_index[0]), one_index[1])
        if not ok:
            bad.append((lang, query, one_index, sharded))
    assert bad == []
    for lang in ("ar", "en"):
        assert seen["shards", lang, "filters"] == seen["one index", lang, "filters"]
    assert any(paths for paths, _ in seen.values())


# The default site ships no favicon (base.html's business, reported): the browser's own
# /favicon.ico request 404s over http. Nothing else may log an error.
@pytest.mark.console_allow("/favicon.ico")
def test_the_built_default_site_searches_alike_over_http_and_file(
    page, default_site: Path
) -> None:
    """On the real build (renderer's templates, real content) search works hosted and offline."""
    seen = {}
    with serve(default_site) as http_root:
        for name, root in (("http", http_root), ("file", default_site.as_uri() + "/")):
            for lang, query, must in DEFAULT_SITE_CASES:
                open_search(page, root, lang, f"q={quote(query)}")
                wait_done(page, query)
                paths = result_paths(page, root)
                assert must in paths, (name, query, paths)
                seen[name, lang, query] = paths
            link = page.locator(f'a.nashra-result__link[href$="{must}"]')
            link.click()
            page.wait_for_url(root + must)
    for lang, query, _ in DEFAULT_SITE_CASES:
        assert seen["http", lang, query] == seen["file", lang, query], query
