"""The pages' Content-Security-Policy, in a real Chromium: search still works under it over
http and file://, no page of the site breaks it, and script injected into a page is refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from support import serve
from test_build import small_copy
from test_search_browser import open_search, result_paths, wait_done

from nashra.build.pipeline import build

pytestmark = pytest.mark.browser

# Recorded from the first script of every page on: what the policy refused, and why.
WATCH_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    (e) => window.__csp.push(e.effectiveDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="module")
def csp_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture built with its search index."""
    where = tmp_path_factory.mktemp("csp")
    out = where / "site"
    build(small_copy(where), out)
    return out


@pytest.fixture(scope="module")
def http_root(csp_site: Path) -> Iterator[str]:
    with serve(csp_site) as root:
        yield root


@pytest.fixture(params=["http", "file"])
def root(request: pytest.FixtureRequest, csp_site: Path, http_root: str) -> str:
    return http_root if request.param == "http" else csp_site.as_uri() + "/"


@pytest.mark.parametrize(("lang", "query"), [("ar", "بوتين"), ("en", "Putin")])
def test_search_finds_pages_under_the_policy(page, root: str, lang: str, query: str) -> None:
    page.add_init_script(WATCH_VIOLATIONS)
    open_search(page, root, lang, f"q={quote(query)}")
    wait_done(page, query)
    assert any("/briefings/" in p for p in result_paths(page, root))
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert page.evaluate("window.__csp") == []


def test_no_page_of_the_site_breaks_the_policy(page, root: str, csp_site: Path) -> None:
    page.add_init_script(WATCH_VIOLATIONS)
    # 404.html links its assets from the hosted site's root (it answers any URL there)
    pages = sorted(p.relative_to(csp_site).as_posix() for p in csp_site.rglob("*.html")
                   if "pagefind" not in p.parts and p.name != "404.html")
    assert len(pages) > 20
    for rel in pages:
        page.goto(root + rel)
        page.wait_for_load_state("load")
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]')
        assert "script-src 'self' 'wasm-unsafe-eval';" in policy.get_attribute("content"), rel
        assert page.evaluate("window.__csp") == [], rel


@pytest.mark.console_allow("Content Security Policy")
def test_script_slipped_into_a_page_does_not_run(page, root: str) -> None:
    page.add_init_script(WATCH_VIOLATIONS)
    page.goto(root + "ar/index.html")
    ran = page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.__ran = true';
        document.body.append(s);
        const a = document.createElement('img');
        a.src = 'https://evil.example/x.png';
        document.body.append(a);
        return window.__ran === true;
    }""")
    assert not ran
    page.wait_for_function("window.__csp.length >= 2")
    assert {v.split()[0] for v in page.evaluate("window.__csp")} == {"script-src-elem",
                                                                     "img-src"}


def test_the_preview_reload_script_runs_under_the_policy(page, tmp_path, monkeypatch) -> None:
    """`nashra serve` adds its live-reload script to pages: the policy must let it poll."""
    import test_serve

    server = test_serve.server.__wrapped__(tmp_path, monkeypatch)
    _project, _out, _state, base = next(server)
    try:
        page.add_init_script(WATCH_VIOLATIONS)
        with page.expect_request(lambda r: r.url.endswith("/__nashra/status")):
            page.goto(base + "/ar/index.html")
        assert page.evaluate("window.__csp") == []
    finally:
        next(server, None)
