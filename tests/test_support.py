"""The test helpers must catch what they exist to catch, or the site tests prove nothing."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from support import (
    REPO,
    ConsoleLog,
    axe_check,
    browser_unavailable_reason,
    classify,
    crawl,
    format_messages,
    format_violations,
    must_fail_when_missing,
    serious,
    serve,
    vnu_check,
)
from support.content import write_project as write

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from support import CrawlResult


def page_html(body: str, *, lang: str = "en", title: str = "Test page", head: str = "") -> str:
    """A small, valid, accessible HTML page around `body`."""
    direction = "rtl" if lang == "ar" else "ltr"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}" dir="{direction}">\n<head>\n'
        f'<meta charset="utf-8">\n<title>{title}</title>\n{head}</head>\n'
        f"<body>\n<main>\n<h1>{title}</h1>\n{body}\n</main>\n</body>\n</html>\n"
    )


# A clean little site: every helper must find nothing wrong with it.
_CLEAN_INDEX = """<p><a href="good.html">good</a> <a href="good.html#there">anchor</a>
<a href="sub/index.html">sub</a> <a href="ar.html">عربي</a>
<a href="https://example.org/elsewhere">external</a> <a href="mailto:desk@example.org">mail</a></p>
<p><img src="pic.svg" alt="a square"></p>"""
_PIC = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">'
    '<rect width="8" height="8"/></svg>'
)


def clean_site(root: Path, index_extra: str = "", good_extra: str = "") -> Path:
    """The clean site, with optional extra markup on the start page and on a page one hop on."""
    head = '<link rel="stylesheet" href="style.css">\n<script src="app.js"></script>\n'
    return write(root, {
        "index.html": page_html(_CLEAN_INDEX + index_extra, head=head),
        "good.html": page_html(f'<p id="there"><a href="index.html">home</a></p>{good_extra}'),
        "ar.html": page_html('<p><a href="index.html">الرئيسية</a></p>', lang="ar"),
        "sub/index.html": page_html('<p><a href="../index.html">up</a></p>'),
        "404.html": page_html("<p>Not here.</p>", title="Not found"),
        "style.css": "body { margin-inline: auto; max-inline-size: 40rem; }\n",
        "app.js": "document.documentElement.dataset.ready = 'yes';\n",
        "pic.svg": _PIC,
    })


# --- serve -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("path", "status", "body", "content_type"),
    [
        ("index.html", 200, "<h1>Test page</h1>", "text/html"),
        ("sub/index.html", 200, 'href="../index.html"', "text/html"),
        ("missing.html", 404, "Not here.", "text/html"),
        ("sub/missing/deeper.css", 404, "Not here.", "text/html"),
        ("app.js", 200, "dataset.ready", "text/javascript"),
        ("pic.svg", 200, "<svg", "image/svg+xml"),
    ],
)
def test_serve_answers_like_a_static_host(
    tmp_path: Path, path: str, status: int, body: str, content_type: str
) -> None:
    with serve(clean_site(tmp_path)) as base:
        assert base.startswith("http://127.0.0.1:") and base.endswith("/")
        try:
            response = urllib.request.urlopen(base + path, timeout=10)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            assert response.status == status
            assert response.headers["Content-Type"].startswith(content_type)
            assert body in response.read().decode("utf-8")


def test_serve_without_404_page_still_answers_404(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": page_html("<p>x</p>")})
    with serve(tmp_path) as base, pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(base + "nope.html", timeout=10)
    assert caught.value.code == 404


def test_serve_stops_listening_afterwards(tmp_path: Path) -> None:
    with serve(clean_site(tmp_path)) as base:
        pass
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(base + "index.html", timeout=2)


# --- browser availability --------------------------------------------------------------

@pytest.mark.parametrize(
    ("chromium_exists", "playwright_installed", "expect"),
    [
        (True, True, None),
        (False, True, "apt-get install chromium"),
        (True, False, "pip install"),
        (False, False, "apt-get install chromium"),
    ],
)
def test_browser_unavailable_reason_names_what_to_install(
    tmp_path: Path, chromium_exists: bool, playwright_installed: bool, expect: str | None
) -> None:
    chromium = tmp_path / "chromium"
    if chromium_exists:
        chromium.write_text("")
    reason = browser_unavailable_reason(chromium, playwright_installed=playwright_installed)
    if expect is None:
        assert reason is None
    else:
        assert expect in reason and "scripts/test.sh" in reason
        assert ("python playwright" in reason) == (not playwright_installed)


@pytest.mark.parametrize(
    ("environ", "fail"),
    [({"CI": "true"}, True), ({}, False), ({"CI": "false"}, False), ({"CI": ""}, False)],
)
def test_missing_browser_fails_only_on_ci(environ: dict[str, str], fail: bool) -> None:
    assert must_fail_when_missing(environ) is fail


# --- the Nu checker --------------------------------------------------------------------

_VNU_CASES = {
    "valid.html": (page_html("<p>Fine.</p>"), None),
    "valid-ar.html": (page_html("<p>نص عربي صحيح.</p>", lang="ar"), None),
    "div-in-p.html": (page_html("<p>text <div>block</div></p>"), "“p” element"),
    "img-no-alt.html": (page_html('<p><img src="pic.svg"></p>'), "alt"),
    "no-title.html": (page_html("<p>x</p>").replace("<title>Test page</title>", ""), "title"),
    "duplicate-id.html": (page_html('<p id="a">1</p><p id="a">2</p>'), "Duplicate ID"),
    "bad.css": ("body { colr: red; }\n", "colr"),
    "good.css": (":root { color-scheme: light dark; }\n.a { margin-inline: 1rem; }\n", None),
}


@pytest.fixture(scope="module")
def vnu_results(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    """One checker run over every case file (as the site test does for all pages)."""
    root = tmp_path_factory.mktemp("vnu")
    write(root, {name: text for name, (text, _) in _VNU_CASES.items()})
    return root, vnu_check(sorted(root.iterdir()), css=True)


@pytest.mark.parametrize("name", sorted(_VNU_CASES))
def test_vnu_check_reports_each_invalid_file(
    vnu_results: tuple[Path, list[dict]], name: str
) -> None:
    root, messages = vnu_results
    mine = [m for m in messages if m["file"] == str(root / name)]
    expect = _VNU_CASES[name][1]
    if expect is None:
        assert mine == []
    else:
        assert mine, f"no message for {name}; all messages:\n{format_messages(messages)}"
        assert all(m["type"] == "error" for m in mine)
        assert any(expect in m["message"] for m in mine), format_messages(mine)
        assert f"{name}:" in format_messages(mine, root)


def test_vnu_check_skips_css_unless_asked(tmp_path: Path) -> None:
    write(tmp_path, {"bad.css": "body { colr: red; }\n", "ok.html": page_html("<p>x</p>")})
    assert vnu_check([tmp_path]) == []
    assert [Path(m["file"]).name for m in vnu_check([tmp_path], css=True)] == ["bad.css"]


def test_vnu_check_refuses_nothing_to_check() -> None:
    with pytest.raises(ValueError):
        vnu_check([])


# --- crawl -----------------------------------------------------------------------------

def test_classify_url_kinds() -> None:
    root = "file:///s/site/"
    cases = {
        "file:///s/site/index.html": "page",
        "file:///s/site/a/b/index.htm": "page",
        "file:///s/site/feed.xml": "resource",
        "file:///s/site/assets/app.3f2a.css": "resource",
        "file:///s/site/en/": "directory",
        "file:///s/site/en": "directory",
        "file:///s/site/en/index.html?q=x": "page",
        "file:///s/other/index.html": "outside",
        "file:///s/site-2/index.html": "outside",
        "http://127.0.0.1:8000/index.html": "external",
        "https://example.org/a.html": "external",
        "mailto:desk@example.org": "external",
        "data:image/png;base64,AAAA": "inline",
        "javascript:void(0)": "inline",
    }
    assert {url: classify(url, root) for url in cases} == cases
    http = "http://127.0.0.1:8000/"
    assert classify("http://127.0.0.1:8000/en/index.html#top", http) == "page"
    assert classify("http://127.0.0.1:9999/en/index.html", http) == "external"
    assert classify("https://example.org/", http) == "external"
    assert classify("file:///s/site/index.html", http) == "outside"


@pytest.fixture(params=["http", "file"])
def mode(request: pytest.FixtureRequest) -> str:
    """Crawl over a local http server and straight from disk."""
    return request.param


def crawl_site(browser, root: Path, mode: str) -> tuple[CrawlResult, ConsoleLog]:
    """Crawl `root` from index.html on a fresh page, over `mode`; return (result, console)."""
    context = browser.new_context()
    page = context.new_page()
    console = ConsoleLog().attach(page)
    try:
        if mode == "file":
            base = root.as_uri() + "/"
            return crawl(page, base + "index.html", same_root=base), console
        with serve(root) as base:
            return crawl(page, base + "index.html", same_root=base), console
    finally:
        context.close()


@pytest.mark.browser
def test_crawl_of_clean_site_finds_nothing(
    browser: Browser, tmp_path: Path, mode: str
) -> None:
    result, console = crawl_site(browser, clean_site(tmp_path / "site"), mode)
    assert result.failures == (), result.report()
    assert console.errors == []
    names = sorted(p.url.rsplit("/site/", 1)[-1] if mode == "file" else p.url.split("/", 3)[3]
                   for p in result.pages)
    assert names == ["ar.html", "good.html", "index.html", "sub/index.html"]
    assert {(Path(p.url).name, p.lang, p.dir) for p in result.pages} >= {
        ("ar.html", "ar", "rtl"), ("index.html", "en", "ltr")}
    assert sorted(Path(r).name for r in result.resources) == ["app.js", "pic.svg", "style.css"]
    assert result.external == ("https://example.org/elsewhere", "mailto:desk@example.org")


# (name, markup on index.html, markup on good.html, failing URL ends with, reason by mode)
_BROKEN = [
    ("missing page", '<a href="missing.html">x</a>', "", "missing.html",
     {"http": "HTTP 404", "file": "no such file"}),
    ("missing page one hop on", "", '<a href="gone/away.html">x</a>', "gone/away.html",
     {"http": "HTTP 404", "file": "no such file"}),
    ("directory with slash", '<a href="sub/">x</a>', "", "sub/",
     {"http": "directory", "file": "directory"}),
    ("directory without slash", "", '<a href="sub">x</a>', "/sub",
     {"http": "directory", "file": "directory"}),
    ("missing anchor", '<a href="good.html#nowhere">x</a>', "", "good.html#nowhere",
     {"http": "no element with id", "file": "no element with id"}),
    ("missing image", '<img src="nope.png" alt="x">', "", "nope.png",
     {"http": "HTTP 404", "file": "no such file"}),
    ("missing stylesheet", "", '<link rel="stylesheet" href="nope.css">', "nope.css",
     {"http": "HTTP 404", "file": "no such file"}),
    ("missing script", '<script src="js/nope.js"></script>', "", "js/nope.js",
     {"http": "HTTP 404", "file": "no such file"}),
    ("missing feed", '<link rel="alternate" type="application/atom+xml" href="f.xml">', "",
     "f.xml", {"http": "HTTP 404", "file": "no such file"}),
    ("link above the root", '<a href="../outside.html">x</a>', "", "outside.html",
     {"http": "HTTP 404", "file": "outside the site root"}),
    ("external image", '<img src="https://example.org/x.png" alt="x">', "",
     "https://example.org/x.png",
     {"http": "external resource", "file": "external resource"}),
]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("index_extra", "good_extra", "url_end", "reasons"),
    [case[1:] for case in _BROKEN],
    ids=[case[0] for case in _BROKEN],
)
def test_crawl_reports_each_broken_link(
    browser: Browser, tmp_path: Path, mode: str,
    index_extra: str, good_extra: str, url_end: str, reasons: dict[str, str],
) -> None:
    write(tmp_path, {"outside.html": page_html("<p>not part of the site</p>")})
    root = clean_site(tmp_path / "site", index_extra, good_extra)
    result, _ = crawl_site(browser, root, mode)
    assert [f.url for f in result.failures if f.url.endswith(url_end)], result.report()
    failure = next(f for f in result.failures if f.url.endswith(url_end))
    assert reasons[mode] in failure.reason, result.report()
    expected_referrer = "good.html" if good_extra else "index.html"
    assert failure.found_on.endswith(expected_referrer)
    # The rest of the site is still crawled around the broken link.
    assert {Path(p.url).name for p in result.pages} >= {"index.html", "good.html", "ar.html"}


@pytest.mark.browser
def test_crawl_accepts_several_start_pages(browser: Browser, tmp_path: Path) -> None:
    root = clean_site(tmp_path / "site")
    write(root, {"orphan.html": page_html('<p><a href="lost.html">x</a></p>')})
    context = browser.new_context()
    try:
        base = root.as_uri() + "/"
        result = crawl(context.new_page(), [base + "index.html", base + "orphan.html"],
                       same_root=base)
    finally:
        context.close()
    assert [Path(f.url).name for f in result.failures] == ["lost.html"]
    assert "orphan.html" in {Path(p.url).name for p in result.pages}


# --- console errors and axe --------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize(
    ("script", "allow", "expect"),
    [
        ("console.error('boom')", (), ["boom"]),
        ("throw new Error('kaput')", (), ["kaput"]),
        ("console.log('fine'); console.warn('meh')", (), []),
        ("console.error('known noise'); console.error('real')", ("known noise",), ["real"]),
    ],
)
def test_console_log_records_errors(
    browser: Browser, tmp_path: Path, script: str, allow: tuple[str, ...], expect: list[str]
) -> None:
    write(tmp_path, {"js.js": script, "p.html": page_html(
        "<p>x</p>", head='<script src="js.js"></script>\n')})
    context = browser.new_context()
    try:
        page = context.new_page()
        log = ConsoleLog(allow=allow).attach(page)
        page.goto((tmp_path / "p.html").as_uri())
    finally:
        context.close()
    assert len(log.errors) == len(expect), log.errors
    for error, fragment in zip(log.errors, expect, strict=True):
        assert (fragment in error and "p.html" in error) or "js.js" in error


@pytest.mark.browser
def test_console_log_ignores_the_browsers_own_favicon_request(
    browser: Browser, tmp_path: Path
) -> None:
    write(tmp_path, {"p.html": page_html("<p>x</p>"), "e.html": page_html(
        "<script>console.error('kept')</script>")})
    context = browser.new_context()
    try:
        page = context.new_page()
        log = ConsoleLog().attach(page)
        with serve(tmp_path) as base:
            page.goto(base + "favicon.ico")
            page.goto(base + "p.html")
            page.goto(base + "e.html")
    finally:
        context.close()
    assert len(log.errors) == 1 and "kept" in log.errors[0], log.errors


_INNER_TEST = '''
import pytest

def test_clean(page):
    page.set_content("<p>ok</p>")

def test_console_error(page):
    page.set_content("<script>console.error('inner boom')</script>")

@pytest.mark.console_allow("inner boom")
def test_allowed(page):
    page.set_content("<script>console.error('inner boom')</script>")

def test_uncaught(page):
    page.set_content("<script>null.x</script>")
'''


@pytest.mark.browser
def test_page_fixture_fails_the_test_on_console_errors(
    browser: Browser, pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makeconftest((REPO / "tests" / "conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile(test_inner=_INNER_TEST)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(REPO / "tests"), str(REPO)]))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=4, errors=2)
    result.stdout.fnmatch_lines(["*console error*inner boom*", "*page error*null*"])


_AXE_CASES = [
    ("clean page", page_html('<p>Plain <a href="#x">text</a>.</p><p id="x">x</p>'), None),
    ("clean Arabic page", page_html("<p>نص عربي.</p>", lang="ar"), None),
    ("image without alt", page_html('<p><img src="data:image/gif;base64,'
                                    'R0lGODlhAQABAAAAACw=" width="20" height="20"></p>'),
     "image-alt"),
    ("no lang", page_html("<p>x</p>").replace(' lang="en"', ""), "html-has-lang"),
    ("low contrast", page_html('<p style="color:#bbb;background:#fff">faint</p>'),
     "color-contrast"),
    ("unnamed link", page_html('<p><a href="#x"><span></span></a></p><p id="x">x</p>'),
     "link-name"),
    ("unlabelled input", page_html('<form><input type="text"></form>'), "label"),
    ("image without alt, CSP forbids inline scripts",
     page_html('<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></p>',
               head='<meta http-equiv="Content-Security-Policy" content="script-src \'self\'">\n'),
     "image-alt"),
]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("html", "rule"), [c[1:] for c in _AXE_CASES], ids=[c[0] for c in _AXE_CASES]
)
def test_axe_check_reports_each_violation(
    page: Page, tmp_path: Path, html: str, rule: str | None
) -> None:
    write(tmp_path, {"p.html": html})
    page.goto((tmp_path / "p.html").as_uri())
    violations = axe_check(page)
    if rule is None:
        assert violations == [], format_violations(violations)
    else:
        assert rule in {v["id"] for v in serious(violations)}, format_violations(violations)
        assert rule in format_violations(violations)
