"""List pages of a bigger archive: the archive, the timeline and big entities split by year.

A generated archive of a few hundred briefings over 25 years is past every threshold
(plan_graph.LIST_MAX, ENTITY_LIST_MAX), so its index pages show only part and link a page
per year; a year's page must hold every briefing of that year and nothing that depends on
other years.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest
from support import REPO, axe_check, format_messages, format_violations, serious, serve, vnu_check

from nashra.build.pipeline import build, link_stage
from nashra.pages.facts import ENTITY_LIST_MAX
from nashra.pages.graph import LIST_MAX

BIG = "russia"  # the generator writes it into nearly every briefing

# One 150-briefing build serves the module (~30 s on 2 cores): tests/test_deps.py checks
# the same list limits on small archives in the fast loop.
pytestmark = pytest.mark.slow


def _generator():
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return _generator().generate(150, tmp_path_factory.mktemp("gen") / "project", people=20,
                                 events=12)


@pytest.fixture(scope="module")
def site(project, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gen-site") / "site"
    build(project, out, search=False, clean=True)
    return out


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text("utf-8")


def briefing_links(html: str) -> list[str]:
    """Slugs of the briefing cards on a page, in order."""
    return re.findall(r'<h\d class="card-title"><a href="[./]*briefings/([^/]+)/index.html"', html)


def year_of(slug: str) -> int:
    return int(slug[:4])  # generated slugs start with the date: 2019-03-synthetic-...


def all_slugs(site: Path) -> set[str]:
    return {p.name for p in (site / "en" / "briefings").iterdir()}


def test_archive_index_links_every_year_and_shows_only_the_newest(site):
    html = read(site, "en/archive/index.html")
    years = re.findall(r'<li><a href="(\d{4})/index.html">\1</a> <span class="count">\((\d+)\)',
                       html)
    counts: dict[int, int] = {}
    for slug in all_slugs(site):
        counts[year_of(slug)] = counts.get(year_of(slug), 0) + 1
    assert [(int(y), int(n)) for y, n in years] == sorted(counts.items(), reverse=True)
    shown = briefing_links(html)
    assert 0 < len(shown) <= LIST_MAX < len(all_slugs(site))
    newest = sorted(counts, reverse=True)[:len({year_of(s) for s in shown})]
    assert sorted(shown) == sorted(s for s in all_slugs(site) if year_of(s) in newest), \
        "the index shows the newest years, each in full"


def test_a_year_page_lists_exactly_that_years_briefings_newest_first(site):
    for lang in ("en", "ar"):
        for page in sorted((site / lang / "archive").glob("*/index.html")):
            year = int(page.parent.name)
            slugs = briefing_links(page.read_text("utf-8"))
            expected = {s for s in all_slugs(site) if year_of(s) == year}
            assert set(slugs) == expected and len(slugs) == len(expected), page
            assert slugs == sorted(slugs, key=lambda s: s[:7], reverse=True), page


def test_big_entity_shows_the_latest_and_splits_the_rest_by_year(project, site):
    html = read(site, f"en/entities/{BIG}/index.html")
    latest = briefing_links(html)
    assert len(latest) == ENTITY_LIST_MAX
    assert [s[:7] for s in latest] == sorted((s[:7] for s in latest), reverse=True)
    year_pages = sorted((site / "en" / "entities" / BIG).glob("*/index.html"))
    listed = re.findall(r'<a href="(\d{4})/index.html">', html)
    assert sorted(listed) == [p.parent.name for p in year_pages]
    every: list[str] = []
    for page in year_pages:
        text = page.read_text("utf-8")
        slugs = briefing_links(text)
        assert {year_of(s) for s in slugs} == {int(page.parent.name)}
        assert slugs == sorted(slugs, key=lambda s: s[:7]), "a year reads in date order"
        assert text.count('<p class="kwic"') >= len(slugs), "every briefing in context"
        every += slugs
    mentioning = link_stage(project)[0].entity_briefings[BIG]
    assert sorted(every) == sorted(mentioning)
    assert set(latest) <= set(every)


def test_small_entity_keeps_one_page(site):
    small = [p for p in (site / "en" / "entities").iterdir() if p.is_dir()
             and 0 < len(briefing_links(read(site, f"en/entities/{p.name}/index.html")))
             < ENTITY_LIST_MAX]
    assert small
    for folder in small:
        assert not any(folder.glob("*/index.html")), folder


def test_timeline_index_has_every_event_and_links_each_years_briefings(site):
    html = read(site, "en/timeline/index.html")
    events = {p.parent.name for p in (site / "en" / "events").glob("*/index.html")}
    assert set(re.findall(r'href="\.\./events/([^/]+)/index.html"', html)) == events
    for page in sorted((site / "en" / "timeline").glob("*/index.html")):
        year = page.parent.name
        assert f'<h2 id="y{year}"><a href="{year}/index.html">{year}</a></h2>' in html
        text = page.read_text("utf-8")
        on_page = set(re.findall(r'href="\.\./\.\./briefings/([^/]+)/index.html"', text))
        assert on_page == {s for s in all_slugs(site) if year_of(s) == int(year)}
    inline = set(re.findall(r'href="\.\./briefings/([^/]+)/index.html"', html))
    assert len(inline) <= LIST_MAX < len(all_slugs(site))


def test_year_pages_are_paired_by_language_and_in_the_sitemap(site):
    sitemap = read(site, "sitemap.xml")
    for rel in ("archive/2010/index.html", "timeline/2010/index.html",
                f"entities/{BIG}/2010/index.html"):
        folder = rel.removesuffix("index.html")
        ar, en = read(site, f"ar/{rel}"), read(site, f"en/{rel}")
        assert '<html lang="ar" dir="rtl">' in ar and '<html lang="en" dir="ltr">' in en
        assert re.search(rf'hreflang="en" href="https://[^"]+/en/{folder}"', ar)
        assert f"/ar/{folder}</loc>" in sitemap and f"/en/{folder}</loc>" in sitemap
        up = "../" * (rel.count("/") + 1)
        assert f'class="lang-switch" href="{up}en/{rel}"' in ar, "the switch keeps the year"


def test_links_of_year_pages_resolve(site):
    pages = [*site.glob("*/archive/*/index.html"), *site.glob("*/timeline/*/index.html"),
             *site.glob(f"*/entities/{BIG}/*/index.html"), *site.glob("*/archive/index.html"),
             *site.glob("*/timeline/index.html"), *site.glob(f"*/entities/{BIG}/index.html")]
    for page in pages:
        for href in re.findall(r'(?:href|src)="([^"]+)"', page.read_text("utf-8")):
            if href.startswith(("https://", "http://", "#", "data:")) or \
                    href.endswith("search/index.html"):
                continue
            assert (page.parent / href.split("#")[0]).resolve().is_file(), f"{page}: {href}"


def test_a_new_briefing_leaves_other_years_pages_unchanged(project, site, tmp_path):
    """Year pages show nothing archive-wide: a briefing in 2024 does not touch 2010's pages."""
    changed = tmp_path / "project"
    shutil.copytree(project, changed)
    folder = changed / "content" / "briefings"
    source = sorted(folder.glob("2024-*.ar.md"))[0]
    for suffix in ("ar.md", "en.md"):
        text = source.with_suffix("").with_suffix(f".{suffix}").read_text("utf-8")
        (folder / f"2024-12-added.{suffix}").write_text(
            re.sub(r"date: '?\d{4}-\d{2}-\d{2}'?", "date: 2024-12-31", text), "utf-8")
    out = tmp_path / "site"
    build(changed, out, search=False, clean=True)
    for lang in ("ar", "en"):
        for rel in ("archive/2010/index.html", "timeline/2010/index.html",
                    f"entities/{BIG}/2010/index.html"):
            assert read(out, f"{lang}/{rel}") == read(site, f"{lang}/{rel}"), rel
        for rel in ("archive/2024/index.html", f"entities/{BIG}/index.html"):
            assert read(out, f"{lang}/{rel}") != read(site, f"{lang}/{rel}"), rel
        assert "2024-12-added" in read(out, f"{lang}/archive/2024/index.html")


def _year_pages(site: Path) -> list[Path]:
    """One page of each new kind in each language."""
    return [site / lang / rel for lang in ("ar", "en")
            for rel in ("archive/index.html", "archive/2010/index.html",
                        "timeline/index.html", "timeline/2010/index.html",
                        f"entities/{BIG}/index.html", f"entities/{BIG}/2010/index.html")]


def test_year_pages_are_valid_html(site):
    messages = [m for m in vnu_check(_year_pages(site)) if m["file"].endswith(".html")]
    assert messages == [], format_messages(messages, site)


@pytest.mark.browser
def test_year_pages_have_no_serious_accessibility_violation(page, site):
    report = []
    with serve(site) as base:
        for path in _year_pages(site):
            rel = path.relative_to(site).as_posix()
            page.goto(base + rel, wait_until="load")
            found = serious(axe_check(page))
            if found:
                report.append(format_violations(found, where=f"{rel}: "))
    assert report == [], "\n".join(report)
