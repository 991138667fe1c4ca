"""The default site's layout in a real Chromium: no page kind scrolls sideways at any phone,
tablet or desktop width in either language; the header fits one row at 1024 px; the skip
link stays out of sight until focused; the self-hosted fonts load over http and file://."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from support import ConsoleLog, serve
from test_site_a11y import CASES, sample

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = (320, 390, 768, 1280)
LANGUAGES = ("ar", "en")


@pytest.fixture(scope="module")
def base_url(default_site: Path) -> Iterator[str]:
    """The default site over http."""
    with serve(default_site) as base:
        yield base


def pages_of_every_kind(site: Path) -> list[str]:
    """The first and last page of every page kind, both languages."""
    found = [p for kind, lang in CASES for p in sample(site, kind, lang)]
    assert len(found) > 30, found
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_kind_scrolls_sideways(browser: Browser, default_site: Path, base_url: str,
                                       width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    log = ConsoleLog().attach(page)
    too_wide = []
    try:
        for path in pages_of_every_kind(default_site):
            page.goto(base_url + path, wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                culprit = page.evaluate("""(w) => {
                  const out = [];
                  for (const el of document.querySelectorAll('body *')) {
                    const r = el.getBoundingClientRect();
                    if (r.right > w + 1 || r.left < -1) out.push(el.tagName.toLowerCase() +
                      (el.className ? '.' + String(el.className).split(' ')[0] : ''));
                  }
                  return out.slice(0, 3);
                }""", width)
                too_wide.append(f"{path}: {scroll} px ({', '.join(culprit)})")
    finally:
        context.close()
    assert too_wide == [], f"pages wider than {width} px:\n" + "\n".join(too_wide)
    assert log.errors == [], log.errors


@pytest.mark.parametrize("lang", LANGUAGES)
def test_header_fits_one_row_at_1024(browser: Browser, base_url: str, lang: str) -> None:
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    try:
        for path in (f"{lang}/index.html", f"{lang}/entities/index.html"):
            page.goto(base_url + path, wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            tops = page.evaluate("""() => [...document.querySelectorAll('.header-row > *')]
                .filter(el => el.getClientRects().length)
                .map(el => { const r = el.getBoundingClientRect();
                             return [el.className, Math.round(r.top), Math.round(r.bottom)]; })""")
            assert len(tops) == 4, tops  # brand, menu, search, language switch
            middles = [(top + bottom) / 2 for _, top, bottom in tops]
            assert max(middles) - min(middles) < 12, f"{path}: header wraps: {tops}"
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_header_collapses_on_a_phone_without_hiding_the_menu(browser: Browser, base_url: str,
                                                            lang: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    try:
        page.goto(base_url + f"{lang}/index.html", wait_until="load")
        links = page.evaluate("""() => [...document.querySelectorAll('.site-nav a, .lang-switch')]
            .map(a => { const r = a.getBoundingClientRect();
                        return [a.textContent, r.left, r.right, r.width]; })""")
        # home, archive, people & places, timeline, map, search, and the language switch
        assert len(links) == 7, links
        assert all(w > 0 and left >= 0 and right <= 320 for _, left, right, w in links), links
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_skip_link_is_hidden_until_focused(browser: Browser, base_url: str, lang: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        page.goto(base_url + f"{lang}/index.html", wait_until="load")
        box = "() => { const r = document.querySelector('.skip').getBoundingClientRect(); " \
              "return [r.width, r.height, r.top, r.bottom]; }"
        width, height, _, _ = page.evaluate(box)
        assert width <= 1 and height <= 1, f"a {width}x{height} px piece of the skip link shows"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip"
        width, height, top, _ = page.evaluate(box)
        assert width > 50 and height > 20 and top >= 0, (width, height, top)
    finally:
        context.close()


@pytest.mark.parametrize("mode", ["http", "file"])
def test_self_hosted_fonts_load(browser: Browser, default_site: Path, base_url: str,
                                mode: str) -> None:
    root = base_url if mode == "http" else default_site.as_uri() + "/"
    context = browser.new_context()
    page = context.new_page()
    try:
        for lang, family, sample_text in (("ar", "Nashra Arabic", "نشرة 2024"),
                                          ("en", "Nashra Latin", "Briefing 2024")):
            page.goto(root + f"{lang}/index.html", wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            loaded = page.evaluate("""() => [...document.fonts]
                .filter(f => f.status === 'loaded').map(f => f.family.replace(/"/g, ''))""")
            assert family in loaded, (mode, lang, loaded)
            assert page.evaluate(f"document.fonts.check('18px \"{family}\"', '{sample_text}')")
            # The page's text is set in it: the body's computed font list starts with it.
            body_font = page.evaluate("getComputedStyle(document.body).fontFamily")
            assert body_font.startswith(f'"{family}"'), body_font
    finally:
        context.close()
