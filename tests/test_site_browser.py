"""The default site in a real Chromium, over http and from disk: every link loads, every page
declares its language and direction, and no page logs an error."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from support import ConsoleLog, CrawlResult, crawl, serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LANGUAGES = ("ar", "en")
DIRECTION = {"ar": "rtl", "en": "ltr"}
START_PAGES = ("index.html", "ar/index.html", "en/index.html",
               "ar/archive/index.html", "en/archive/index.html")


@dataclass(frozen=True)
class SiteCrawl:
    """One crawl of the site: where it started, what it saw, what the pages logged."""

    mode: str
    root: str
    starts: tuple[str, ...]
    result: CrawlResult
    console: tuple[str, ...]

    def relative(self, url: str) -> str:
        """A crawled URL as a path inside the site."""
        return url[len(self.root):].split("#", 1)[0].split("?", 1)[0]


def start_pages(site: Path) -> list[str]:
    """The landing, home and archive pages, and a briefing in each language."""
    briefings = [
        next(iter(sorted((site / lang / "briefings").glob("*/index.html"))), None)
        for lang in LANGUAGES
    ]
    assert all(briefings), "the default site has no briefing page in one of its languages"
    return [*START_PAGES, *(b.relative_to(site).as_posix() for b in briefings)]


def crawl_site(browser: Browser, root: str, starts: list[str], mode: str) -> SiteCrawl:
    """Crawl from every start page on one fresh page, recording its console errors."""
    context = browser.new_context()
    try:
        page = context.new_page()
        console = ConsoleLog().attach(page)
        result = crawl(page, [root + s for s in starts], same_root=root)
    finally:
        context.close()
    return SiteCrawl(mode, root, tuple(starts), result, tuple(console.errors))


@pytest.fixture(scope="module", params=["http", "file"])
def site_crawl(
    request: pytest.FixtureRequest, browser: Browser, default_site: Path
) -> Iterator[SiteCrawl]:
    """The whole default site crawled over http://127.0.0.1 and over file://."""
    starts = start_pages(default_site)
    if request.param == "file":
        yield crawl_site(browser, default_site.as_uri() + "/", starts, "file")
        return
    with serve(default_site) as base:
        yield crawl_site(browser, base, starts, "http")


def test_no_internal_link_is_broken(site_crawl: SiteCrawl) -> None:
    failures = site_crawl.result.failures
    assert failures == (), (
        f"{len(failures)} broken URL(s) over {site_crawl.mode}:\n{site_crawl.result.report()}"
    )


def test_every_start_page_loads(site_crawl: SiteCrawl) -> None:
    loaded = {site_crawl.relative(p.url) for p in site_crawl.result.pages}
    assert set(site_crawl.starts) <= loaded, sorted(set(site_crawl.starts) - loaded)


def test_every_page_can_be_reached(site_crawl: SiteCrawl, default_site: Path) -> None:
    # A page that no link leads to is lost to readers browsing the folder.
    loaded = {site_crawl.relative(p.url) for p in site_crawl.result.pages}
    pages = {p.relative_to(default_site).as_posix() for p in default_site.rglob("*.html")
             if "pagefind" not in p.relative_to(default_site).parts}
    unreached = sorted(pages - loaded - {"404.html"})
    assert unreached == [], f"{len(unreached)} page(s) no link leads to: {unreached}"


def test_every_page_declares_language_and_direction(site_crawl: SiteCrawl) -> None:
    wrong = []
    for page in site_crawl.result.pages:
        path = site_crawl.relative(page.url)
        top = path.split("/", 1)[0]
        expected_lang = top if top in LANGUAGES else None
        if page.lang not in LANGUAGES or page.dir != DIRECTION[page.lang]:
            wrong.append(f"{path}: lang={page.lang!r} dir={page.dir!r}")
        elif expected_lang and page.lang != expected_lang:
            wrong.append(f"{path}: lang={page.lang!r} under /{top}/")
    assert wrong == [], "\n".join(wrong)
    assert {p.lang for p in site_crawl.result.pages} == set(LANGUAGES)


def test_no_page_logs_an_error(site_crawl: SiteCrawl) -> None:
    assert site_crawl.console == (), "\n".join(site_crawl.console)
