"""Building the small fixture tree: pages, links, determinism, atomicity."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from nashra.build.pipeline import build
from nashra.build.report import BuildError
from nashra.output import emit
from nashra.output.staging import DuplicateOutputError, Output

SMALL = Path(__file__).parent / "fixtures" / "small"


def small_copy(where: Path) -> Path:
    """A copy of the small fixture: a build keeps its cache in the project, never in tests/."""
    project = where / "project"
    shutil.copytree(SMALL, project, ignore=shutil.ignore_patterns(".nashra-cache", "site"))
    return project


def tree_digest(root: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file below root."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("small")
    out = where / "site"
    build(small_copy(where), out, search=False)
    return out


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_every_page_of_the_layout_is_written(small_site):
    expected = {"index.html", "404.html", "robots.txt", "sitemap.xml"}
    for lang in ("ar", "en"):
        expected |= {f"{lang}/index.html", f"{lang}/archive/index.html", f"{lang}/feed.xml"}
        expected |= {f"{lang}/briefings/{slug}/index.html"
                     for slug in ("2024-06-summit", "2023-09-vostochny", "2025-01-pending")}
    assert expected <= set(tree_digest(small_site))


@pytest.mark.parametrize(("rel", "lang", "direction"), [
    ("index.html", "ar", "rtl"), ("ar/index.html", "ar", "rtl"), ("en/index.html", "en", "ltr"),
    ("ar/briefings/2024-06-summit/index.html", "ar", "rtl"),
    ("en/briefings/2024-06-summit/index.html", "en", "ltr"),
])
def test_html_lang_and_dir(small_site, rel, lang, direction):
    assert f'<html lang="{lang}" dir="{direction}">' in read(small_site, rel)


def test_internal_links_are_relative_name_a_file_and_resolve(small_site):
    for page in small_site.rglob("*.html"):
        if page.name == "404.html":
            continue
        for href in re.findall(r'(?:href|src|action)="([^"]+)"', page.read_text("utf-8")):
            if href.startswith(("https://", "http://", "#", "mailto:", "data:")):
                continue
            assert not href.startswith("/"), f"{page}: root-relative link {href}"
            target = (page.parent / href.split("#")[0].split("?")[0]).resolve()
            assert not href.endswith("/"), f"{page}: link to a bare folder {href}"
            if href.endswith("search/index.html"):
                continue  # the search page belongs to the search stage
            assert target.is_file(), f"{page}: broken link {href}"


def test_english_page_pairs_translation_with_original_paragraph_by_paragraph(small_site):
    html = read(small_site, "en/briefings/2024-06-summit/index.html")
    pairs = re.findall(r'<div class="col" lang="en" dir="ltr">(.*?)</div>\s*'
                       r'<div class="col original" lang="ar" dir="rtl"[^>]*>(.*?)</div>', html, re.S)
    assert len(pairs) == 4
    text = [(re.sub(r"<[^>]+>", "", en), re.sub(r"<[^>]+>", "", ar)) for en, ar in pairs]
    assert "Vladimir Putin arrived" in text[0][0] and "فلاديمير بوتين" in text[0][1]
    assert pairs[1] == ("<h2>A new agreement</h2>", "<h2>اتفاقية جديدة</h2>")
    assert ('<a class="entity" href="../../entities/vladimir-putin/index.html">Vladimir Putin</a>'
            in pairs[0][0])


def test_untranslated_english_is_a_labelled_digest_over_the_arabic_original(small_site):
    html = read(small_site, "en/briefings/2025-01-pending/index.html")
    assert "Automatic digest — not a translation" in html
    assert '<section class="body" lang="ar" dir="rtl">' in html
    assert "<h1>Arabic-language report, 5 January 2025</h1>" in html


def test_meta_language_switch_and_dates_per_language(small_site):
    ar = read(small_site, "ar/briefings/2024-06-summit/index.html")
    en = read(small_site, "en/briefings/2024-06-summit/index.html")
    assert '<time datetime="2024-06-19">19 يونيو 2024</time>' in ar
    assert '<time datetime="2024-06-19">19 June 2024</time>' in en
    assert 'href="../../../en/briefings/2024-06-summit/index.html"' in ar
    assert "Al Jazeera Net" in en and "الجزيرة نت" in ar
    assert '<span lang="ar" dir="rtl">موسكو</span>' in en


def test_no_input_can_inject_script(small_site):
    html = read(small_site, "ar/briefings/2024-06-summit/index.html")
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def test_archive_groups_by_year_and_month_newest_first(small_site):
    html = read(small_site, "en/archive/index.html")
    years = re.findall(r'<h2 id="y(\d{4})">', html)
    assert years == ["2025", "2024", "2023"]
    assert html.index("January 2025") < html.index("June 2024") < html.index("September 2023")


def test_canonical_and_hreflang_are_absolute_from_base_url(small_site):
    html = read(small_site, "ar/index.html")
    assert '<link rel="canonical" href="https://test.example.org/archive/ar/">' in html
    assert ('<link rel="alternate" hreflang="en" href="https://test.example.org/archive/en/">'
            in html)


def test_sitemap_and_feeds_are_well_formed(small_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml",
          "a": "http://www.w3.org/2005/Atom"}
    sitemap = ElementTree.parse(small_site / "sitemap.xml").getroot()
    locs = [u.find("s:loc", ns).text for u in sitemap.findall("s:url", ns)]
    assert "https://test.example.org/archive/en/briefings/2024-06-summit/" in locs
    url = next(u for u in sitemap.findall("s:url", ns)
               if u.find("s:loc", ns).text.endswith("/en/briefings/2024-06-summit/"))
    assert {a.get("hreflang") for a in url.findall("x:link", ns)} == {"ar", "en"}
    feed = ElementTree.parse(small_site / "en" / "feed.xml").getroot()
    titles = [e.find("a:title", ns).text for e in feed.findall("a:entry", ns)]
    assert titles[0] == "Arabic-language report, 5 January 2025"
    assert "Putin arrives in Pyongyang on a rare visit" in titles


def test_404_links_work_from_any_depth(small_site):
    html = read(small_site, "404.html")
    assert 'href="/archive/assets/css/site.' in html and 'href="/archive/ar/index.html"' in html


@pytest.mark.parametrize("search", [False, True], ids=["pages", "pages+search-index"])
def test_two_builds_are_byte_identical(tmp_path, search):
    a, b = tmp_path / "a", tmp_path / "b"
    project = small_copy(tmp_path)
    build(project, a, search=search)
    build(project, b, search=search, clean=True)
    assert tree_digest(a) == tree_digest(b)
    assert any(p.startswith("pagefind/") for p in tree_digest(a)) == search


def test_failed_build_leaves_previous_site_untouched(tmp_path):
    project = small_copy(tmp_path)
    out = tmp_path / "site"
    build(project, out, search=False)
    before = tree_digest(out)
    bad = project / "content" / "briefings" / "2023-09-vostochny.ar.md"
    bad.write_text(bad.read_text("utf-8").replace("2023-09-13", "2023-09-31"), "utf-8")
    with pytest.raises(BuildError) as exc:
        build(project, out, search=False)
    assert [str(p) for p in exc.value.problems] == [
        "content/briefings/2023-09-vostochny.ar.md:3: error: 'date' is not a valid ISO date: "
        "'2023-09-31' (hint: write the date as YYYY-MM-DD, e.g. 2024-06-19)"]
    assert tree_digest(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_failure_while_writing_discards_the_staging_folder(tmp_path, monkeypatch):
    project = small_copy(tmp_path)
    out = tmp_path / "site"
    build(project, out, search=False)
    before = tree_digest(out)
    real = emit._emit_one

    def explode(rel, data, folder, old, two_phase):
        if rel.endswith("sitemap.xml"):
            (folder / "half.html").write_text("half", "utf-8")
            raise OSError("disk full")
        return real(rel, data, folder, old, two_phase)

    monkeypatch.setattr(emit, "_emit_one", explode)
    with pytest.raises(OSError):
        build(project, out, search=False, clean=True)
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]


def test_failure_while_writing_incrementally_leaves_the_site_as_it_was(tmp_path, monkeypatch):
    project = small_copy(tmp_path)
    out = tmp_path / "site"
    build(project, out, search=False)
    before = tree_digest(out)
    page = project / "content" / "briefings" / "2023-09-vostochny.ar.md"
    page.write_text(page.read_text("utf-8").replace("title: ", "title: X", 1), "utf-8")
    real_write = Path.write_bytes
    calls = []

    def fail_on_second(self, data):
        calls.append(self)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", fail_on_second)
    with pytest.raises(OSError, match="disk full"):
        build(project, out, search=False)
    monkeypatch.undo()
    assert len(calls) == 2
    assert tree_digest(out) == before  # no page replaced, no temporary file left
    report = build(project, out, search=False)
    assert report.written > 0 and tree_digest(out) != before


def test_writer_refuses_two_writes_to_one_path():
    out = Output()
    out.claim("en/index.html", owner="home.html")
    with pytest.raises(DuplicateOutputError, match=r"two writes to en/index\.html"):
        out.claim("en/index.html", owner="archive.html")
    with pytest.raises(ValueError, match="escapes"):
        out.claim("../x.html")


def test_a_rebuild_with_nothing_changed_stops_after_looking(tmp_path):
    project = small_copy(tmp_path)
    out = tmp_path / "site"
    build(project, out, search=False)
    again = build(project, out, search=False)
    assert list(again.timings) == ["scan"]  # no stage ran: inputs and site/ as last built
    assert (again.rendered, again.written) == (0, 0)
    (out / "ar" / "index.html").write_bytes(b"edited by hand")
    repaired = build(project, out, search=False)
    assert "render" in repaired.timings and repaired.written == 1
