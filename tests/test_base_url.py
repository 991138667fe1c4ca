"""A site under a sub-path (a project's GitHub Pages URL), and base_url given for one build
(--base-url or $NASHRA_BASE_URL) without editing nashra.toml."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from test_build import small_copy

from nashra.build.pipeline import build
from nashra.build.report import BuildError

BASE = "https://user.github.io/archive/"
TOML_HOST = "test.example.org"  # the small fixture's nashra.toml says https://test.example.org/archive/
URL = re.compile(r"""https?://[^\s"'<>)]+""")


class Links(HTMLParser):
    """Every link-like attribute of a page: (tag, rel/property, attribute, value)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        kind = a.get("rel") or a.get("property") or a.get("name") or ""
        for key in ("href", "src", "content", "action", "srcset"):
            if key in a:
                self.found.append((tag, kind, key, a[key]))


def links(path: Path) -> list[tuple[str, str, str, str]]:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.found


@pytest.fixture(scope="module")
def sub_site(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("subpath")
    out = where / "site"
    build(small_copy(where), out, search=False, base_url=(BASE, "--base-url"))
    return out


def test_every_absolute_url_of_the_site_is_under_the_sub_path(sub_site):
    checked = 0
    for path in sorted(sub_site.rglob("*")):
        if path.suffix not in (".html", ".xml", ".txt"):
            continue
        text = path.read_text(encoding="utf-8")
        assert TOML_HOST not in text, f"{path}: nashra.toml's base_url leaked past the override"
        for url in URL.findall(text):
            if "user.github.io" in url:
                assert url.startswith(BASE), f"{path.relative_to(sub_site)}: {url}"
                checked += 1
    assert checked > 100


def test_canonical_hreflang_and_open_graph_urls_are_under_the_sub_path(sub_site):
    pages = sorted(sub_site.rglob("*.html"))
    for path in pages:
        rel = path.relative_to(sub_site).as_posix()
        found = links(path)
        canonical = [v for tag, kind, _k, v in found if tag == "link" and kind == "canonical"]
        assert len(canonical) == 1 and canonical[0].startswith(BASE), rel
        for tag, kind, key, value in found:
            if tag == "link" and kind == "alternate" and "hreflang" not in value and \
                    value.startswith("http"):
                assert value.startswith(BASE), (rel, value)
            if tag == "meta" and (kind in ("og:url", "og:image", "twitter:image")
                                  or (kind.startswith("og:") and value.startswith("http"))):
                assert value.startswith(BASE), (rel, kind, value)  # Open Graph: absolute
            if key in ("href", "src") and value.startswith("/"):
                # root-relative links (the 404 page's) must carry the sub-path too
                assert value.startswith("/archive/"), (rel, value)
    briefing = links(sub_site / "ar" / "briefings" / "2024-06-summit" / "index.html")
    langs = {v for tag, kind, _k, v in briefing if tag == "link" and kind == "alternate"
             and v.startswith("http")}
    assert f"{BASE}ar/briefings/2024-06-summit/" in langs
    assert f"{BASE}en/briefings/2024-06-summit/" in langs


def test_feeds_sitemap_and_robots_are_under_the_sub_path(sub_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml",
          "a": "http://www.w3.org/2005/Atom"}
    sitemap = ElementTree.parse(sub_site / "sitemap.xml").getroot()
    urls = [u.find("s:loc", ns).text for u in sitemap.findall("s:url", ns)]
    urls += [x.get("href") for x in sitemap.iter(f"{{{ns['x']}}}link")]
    assert len(urls) > 50 and all(u.startswith(BASE) for u in urls)
    for lang in ("ar", "en"):
        feed = ElementTree.parse(sub_site / lang / "feed.xml").getroot()
        ids = [e.text for e in feed.iter(f"{{{ns['a']}}}id")]
        hrefs = [e.get("href") for e in feed.iter(f"{{{ns['a']}}}link")]
        assert ids and hrefs and all(u.startswith(f"{BASE}") for u in ids + hrefs)
        assert f"{BASE}{lang}/feed.xml" in hrefs
    robots = (sub_site / "robots.txt").read_text()
    assert f"Sitemap: {BASE}sitemap.xml" in robots


def test_the_404_page_links_work_from_any_depth_under_the_sub_path(sub_site):
    found = [(key, v) for _t, _kind, key, v in links(sub_site / "404.html")
             if key in ("href", "src") and not v.startswith(("#", "data:"))]
    assert found
    for key, value in found:
        assert value.startswith(("/archive/", BASE)), (key, value)
        local = value.removeprefix(BASE).removeprefix("/archive/")
        if not value.startswith(BASE):  # served from the sub-path: the file must exist
            assert (sub_site / local).is_file(), value


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    repo = Path(__file__).resolve().parent.parent
    full = {**os.environ, "PYTHONPATH": str(repo), **(env or {})}
    return subprocess.run([sys.executable, "-m", "nashra", *args], capture_output=True,
                          text=True, env=full, timeout=120)


@pytest.mark.slow  # several builds
def test_environment_and_flag_override_nashra_toml_and_the_flag_wins(tmp_path):
    project = small_copy(tmp_path)
    env = {"NASHRA_BASE_URL": "https://fork.github.io/nashra"}
    done = run_cli("build", "--project", str(project), "--no-search", env=env)
    assert done.returncode == 0, done.stderr
    html = (project / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://fork.github.io/nashra/en/">' in html
    done = run_cli("build", "--project", str(project), "--no-search",
                   "--base-url", "https://flag.example.net/", env=env)
    assert done.returncode == 0, done.stderr
    html = (project / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://flag.example.net/en/">' in html
    assert "fork.github.io" not in html
    # Without an override the next build goes back to nashra.toml's (not a stale cache).
    done = run_cli("build", "--project", str(project), "--no-search", env={"NASHRA_BASE_URL": ""})
    assert done.returncode == 0, done.stderr
    html = (project / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert f'href="https://{TOML_HOST}/archive/en/"' in html


@pytest.mark.parametrize("source", ["--base-url", "NASHRA_BASE_URL"])
def test_a_bad_override_is_a_problem_naming_where_it_came_from(tmp_path, source):
    project = small_copy(tmp_path)
    args = ["check", "--project", str(project)]
    env = {"NASHRA_BASE_URL": "javascript:alert(1)"}
    if source == "--base-url":
        args += ["--base-url", "javascript:alert(1)"]
        env = {}
    done = run_cli(*args, env=env)
    assert done.returncode == 1
    assert done.stderr.startswith(f"{source}:1: error: site.base_url"), done.stderr
    assert "Traceback" not in done.stderr
    with pytest.raises(BuildError) as caught:
        build(project, tmp_path / "site", search=False, base_url=("not a url", source))
    assert [p.path for p in caught.value.problems] == [source]
    assert not (tmp_path / "site").exists()
