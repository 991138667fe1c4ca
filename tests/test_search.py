"""Pagefind indexing, the page markup contract and the file:// bundle, on real indexes."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest

from nashra import index as search
from nashra.index import SearchIndexError
from nashra.pages import search_markup
from nashra.pages.search_markup import SearchFields

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = REPO / "nashra" / "theme"
FIXTURE = Path(__file__).parent / "fixtures" / "search_site"
# The assets the search page loads; arabic.js belongs to the normalisation work and is
# taken when it exists.
SEARCH_ASSETS = ("css/search.css", "js/search.js", "js/pagefind-offline.js", "js/arabic.js")
CONTENT_PAGES = (
    "briefings/partnership-anniversary",
    "briefings/putin-pyongyang-visit",
    "briefings/vladivostok-summit",
    "entities/vladimir-putin",
    "events/2024-06-pyongyang-summit",
)
NOT_FETCHED = {"pagefind.js", "pagefind-worker.js"}  # loaded as code, never through fetch()


def jinja_env() -> jinja2.Environment:
    """Templates plus the fixture's search page, strict as the real renderer is."""
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(TEMPLATES)),
                                  jinja2.FileSystemLoader(str(FIXTURE))])
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)


def copy_assets(site: Path) -> dict[str, str]:
    """Copy the search assets under content-hashed names, as the renderer does."""
    assets = {}
    for name in SEARCH_ASSETS:
        source = TEMPLATES / "assets" / name
        if not source.is_file():
            continue
        data = source.read_bytes()
        stem, ext = name.rsplit(".", 1)
        out = f"assets/{stem}.{hashlib.sha256(data).hexdigest()[:10]}.{ext}"
        (site / out).parent.mkdir(parents=True, exist_ok=True)
        (site / out).write_bytes(data)
        assets[name] = out
    return assets


def build_search_site(dest: Path, shard_pages: int | None = None) -> Path:
    """The fixture site with its search pages rendered, indexed and bundled for file://
    (in shards of at most `shard_pages` pages per language)."""
    site = dest / "site"
    shutil.copytree(FIXTURE / "site", site)
    assets = copy_assets(site)
    template = jinja_env().get_template("search_page.html")
    for lang in ("ar", "en"):
        root = "../../"
        html = template.render(lang=lang, root=root, t=dict(search_markup.ui_strings(lang)),
                               assets={k: root + v for k, v in assets.items()})
        (site / lang / "search").mkdir(parents=True)
        (site / lang / "search" / "index.html").write_text(html, encoding="utf-8")
    search.index_site(site, shard_pages=shard_pages)
    search.write_offline_bundle(site)
    return site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One indexed copy of the fixture site for the read-only tests below."""
    return build_search_site(tmp_path_factory.mktemp("search"))


def bundle_files(root: Path) -> dict[str, bytes]:
    """Every file under `root`, by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


# --- indexing -------------------------------------------------------------------------


def test_one_index_per_language_with_only_the_content_pages(site: Path) -> None:
    """Each <html lang> gets its own index holding exactly the data-pagefind-body pages."""
    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == ["ar", "en"]
    marked = {"/" + p.relative_to(site).as_posix() for p in site.rglob("*.html")
              if "data-pagefind-body" in p.read_text(encoding="utf-8")}
    for lang, info in entry["languages"].items():
        assert (bundle / f"pagefind.{info['hash']}.pf_meta").is_file()
        assert (bundle / f"wasm.{lang}.pagefind").is_file()
        expected = {f"/{lang}/{page}/index.html" for page in CONTENT_PAGES}
        assert set(search.fragment_urls(bundle, lang)) == expected
        assert expected == {u for u in marked if u.startswith(f"/{lang}/")}
        assert info["page_count"] == len(expected)


def test_index_report_counts_pages_and_bytes(tmp_path: Path) -> None:
    """The report's languages, page count and per-language bytes match the bundle on disk."""
    site = tmp_path / "site"
    shutil.copytree(FIXTURE / "site", site)
    report = search.index_site(site)
    bundle = site / "pagefind"
    assert report.languages == ("ar", "en")
    assert report.pages == 2 * len(CONTENT_PAGES)
    assert report.seconds > 0
    index_data = [p for sub in ("index", "filter", "fragment") for p in (bundle / sub).iterdir()]
    index_data += list(bundle.glob("pagefind.*.pf_meta"))
    assert sum(report.bytes_per_language.values()) == sum(p.stat().st_size for p in index_data)
    assert all(size > 0 for size in report.bytes_per_language.values())
    for name in search.UNUSED_BUNDLE_FILES:
        assert not (bundle / name).exists(), name


FRAGMENT_CASES = [
    # lang, page, meta that must be there, filters, words the content must not contain
    ("ar", "briefings/putin-pyongyang-visit",
     {"kind": "briefing", "source": "الجزيرة نت", "date": "2024-06-20",
      "title": "هل ينتقم بوتين من الغرب باتفاق إستراتيجي مع بيونغ يانغ؟"},
     {"kind": ["briefing"], "source": ["الجزيرة نت"], "year": ["2024"],
      "entity": ["فلاديمير بوتين", "كيم جونغ أون", "بيونغ يانغ"]},
     ("شويغو", "نشرات ذات صلة", "الرئيسية", "بيونغيانغ", "20 يونيو 2024")),
    ("en", "briefings/partnership-anniversary",
     {"kind": "briefing", "source": "Al-Araby Al-Jadeed", "date_label": "19 June 2025"},
     {"kind": ["briefing"], "source": ["Al-Araby Al-Jadeed"], "year": ["2025"],
      "entity": ["Sergei Shoigu", "Pyongyang"]},
     ("Shoygu", "Breadcrumb", "Home", "19 June 2025")),
    ("en", "entities/vladimir-putin",
     {"kind": "entity", "title": "Vladimir Putin", "date": "2024-06-20"},
     {"kind": ["entity"], "year": ["2024"], "entity": ["Vladimir Putin"]},
     ("Briefings that mention him", "revenge")),
]


@pytest.mark.parametrize(("lang", "page", "meta", "filters", "absent"), FRAGMENT_CASES)
def test_fragments_carry_meta_filters_and_no_boilerplate(
    site: Path, lang: str, page: str, meta: dict, filters: dict, absent: tuple[str, ...]
) -> None:
    """What Pagefind stored for a page: our metadata and filters; no ignored or hidden text."""
    bundle = site / "pagefind"
    url = f"/{lang}/{page}/index.html"
    fragments = [search.read_fragment(p) for p in (bundle / "fragment").glob(f"{lang}_*")]
    (fragment,) = [f for f in fragments if f["url"] == url]
    assert {k: fragment["meta"].get(k) for k in meta} == meta
    assert "terms" in fragment["meta"]
    assert fragment["filters"] == filters
    for word in absent:
        assert word not in fragment["content"], word


def test_reindexing_drops_chunks_of_removed_pages(tmp_path: Path) -> None:
    """A page removed from the site disappears from the index and its offline copy."""
    site = build_search_site(tmp_path)
    before = search.fragment_urls(site / "pagefind", "en")
    shutil.rmtree(site / "en" / "entities")
    search.index_site(site)
    search.write_offline_bundle(site)
    after = search.fragment_urls(site / "pagefind", "en")
    assert set(before) - set(after) == {"/en/entities/vladimir-putin/index.html"}
    offline = {p.name[: -len(".js")] for p in (site / "pagefind/offline/fragment").iterdir()}
    assert offline == {p.name for p in (site / "pagefind/fragment").iterdir()}


# --- shards and re-indexing only what changed -----------------------------------------

SHARD_PAGES = 2  # the fixture's 5 pages per language then make 3 shards: 2023, 2024-06, 2025
SHARDED_UNITS = ("2023", "2024-06", "2025")


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site indexed in shards of at most SHARD_PAGES pages (read-only)."""
    return build_search_site(tmp_path_factory.mktemp("sharded"), shard_pages=SHARD_PAGES)


def _pages(*dated: tuple[str, str]) -> list[search.IndexedPage]:
    """IndexedPages from (path, date) pairs."""
    return [search.IndexedPage(path, date, "x") for path, date in dated]


def test_plan_shards_packs_whole_years_and_cuts_a_big_year_by_month() -> None:
    """Years are packed oldest first up to the bound; a year over it is cut by month."""
    pages = _pages(("a", "2001-05-01"), ("b", "2002-01-01"), ("c", "2002-03-01"),
                   ("d", "2003-01-01"), ("e", "2003-02-01"), ("f", "2003-02-09"),
                   ("h", "2003-02-09"), ("g", "2004-07-07"), ("u", ""))
    shards = search.plan_shards("ar", reversed(pages), 3)
    assert [(s.name, [p.path for p in s.pages]) for s in shards] == [
        ("ar-undated", ["u", "a"]),  # undated pages sort first; 2002 would overflow
        ("ar-2002", ["b", "c", "d"]),  # 2003 has 4 pages: cut by month, January joins 2002
        ("ar-2003-02", ["e", "f", "h"]),
        ("ar-2004", ["g"]),
    ]
    assert search.plan_shards("ar", pages) == (search.Shard("ar", "undated", tuple(sorted(
        pages, key=lambda p: (p.date, p.path)))),)
    assert search.plan_shards("ar", [], 3) == ()
    with pytest.raises(ValueError, match="at least one page"):
        search.plan_shards("ar", pages, 0)


def test_plan_shards_never_splits_a_date_and_only_a_month_exceeds_the_bound() -> None:
    """One month with more pages than a shard stays whole: a date order needs that."""
    pages = _pages(*((f"p{i}", "2020-01-15") for i in range(5)), ("q", "2020-02-01"))
    shards = search.plan_shards("en", pages, 2)
    assert [(s.unit, len(s.pages)) for s in shards] == [("2020-01", 5), ("2020-02", 1)]


@pytest.mark.slow
def test_a_sharded_language_indexes_every_page_once(sharded: Path) -> None:
    """The first shard lives in the bundle root, the others in folders the entry lists."""
    bundle = sharded / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    for lang in ("ar", "en"):
        shards = entry[search.SHARDS_KEY][lang]
        assert [s["unit"] for s in shards] == list(SHARDED_UNITS)
        assert [s["dir"] for s in shards] == ["", f"{lang}-2024-06", f"{lang}-2025"]
        assert sum(s["pages"] for s in shards) == len(CONTENT_PAGES)
        urls = search.fragment_urls(bundle, lang)
        assert sorted(urls) == sorted(f"/{lang}/{page}/index.html" for page in CONTENT_PAGES)
        for shard in shards[1:]:
            sub = json.loads((bundle / shard["dir"] / "pagefind-entry.json").read_text("utf-8"))
            assert list(sub["languages"]) == [lang]
            assert sub["languages"][lang]["page_count"] == shard["pages"]
            fragments = [p.name for p in (bundle / shard["dir"] / "fragment").iterdir()]
            assert all(f.startswith(f"{lang}_{shard['unit']}_") for f in fragments)
        assert entry["languages"][lang]["page_count"] == shards[0]["pages"]


@pytest.mark.slow
@pytest.mark.parametrize("shard_pages", [None, SHARD_PAGES])
def test_index_is_byte_identical_across_runs(tmp_path: Path, shard_pages: int) -> None:
    """Same site in, same bundle out, offline copy included (the entry file is canonicalised)."""
    first = bundle_files(build_search_site(tmp_path / "one", shard_pages) / "pagefind")
    second = bundle_files(build_search_site(tmp_path / "two", shard_pages) / "pagefind")
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def _stamps(root: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of every file below `root`: what a re-index must leave alone."""
    return {p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in root.rglob("*") if p.is_file()}


def _edit(site: Path, rel: str, old: str, new: str) -> None:
    """Change one page of the site as a rebuild would."""
    page = site / rel
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("shard_pages", [None, SHARD_PAGES])
def test_reindexing_redoes_only_the_changed_shard(tmp_path: Path, shard_pages: int) -> None:
    """Nothing changed: no Pagefind run, no file touched. One page changed: its shard alone
    is redone, the other language is not even read, and the bundle equals a fresh index."""
    site = build_search_site(tmp_path / "site", shard_pages)
    before = _stamps(site / "pagefind")
    again = search.index_site(site, shard_pages=shard_pages)
    search.write_offline_bundle(site)
    assert again.reindexed == ()
    assert _stamps(site / "pagefind") == before

    _edit(site, "en/briefings/vladivostok-summit/index.html", "Vladivostok", "Wladiwostok")
    report = search.index_site(site, ["en"], shard_pages=shard_pages)
    search.write_offline_bundle(site, ["en"])
    assert report.reindexed == ("en-2023",)  # the first shard is named after its first year
    assert set(report.seconds_per_language) == {"en"}
    assert report.languages == ("ar", "en")
    assert report.peak_rss > 0
    after = _stamps(site / "pagefind")
    ar_files = [rel for rel in after if "ar_" in rel or rel.startswith("ar-") or ".ar." in rel]
    assert ar_files and all(after[rel] == before[rel] for rel in ar_files)
    if shard_pages == SHARD_PAGES:  # the en shards of 2024 and 2025 were kept as they were
        kept = [rel for rel in after if rel.startswith(("en-", "offline/en-"))]
        assert kept and all(after[rel] == before[rel] for rel in kept)

    fresh = tmp_path / "fresh"
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns("pagefind"))
    search.index_site(fresh, shard_pages=shard_pages)
    search.write_offline_bundle(fresh)
    assert bundle_files(site / "pagefind") == bundle_files(fresh / "pagefind")
    assert "/en/briefings/vladivostok-summit/index.html" in search.fragment_urls(
        site / "pagefind", "en")


@pytest.mark.slow
def test_a_build_into_a_fresh_folder_takes_unchanged_shards_from_the_previous_one(
    tmp_path: Path,
) -> None:
    """With `previous`, a staged build re-runs Pagefind only for what changed."""
    old = build_search_site(tmp_path / "old", SHARD_PAGES)
    new = tmp_path / "new"
    shutil.copytree(old, new, ignore=shutil.ignore_patterns("pagefind"))
    _edit(new, "ar/briefings/partnership-anniversary/index.html", "شويغو", "شويجو")
    report = search.index_site(new, previous=old, shard_pages=SHARD_PAGES)
    search.write_offline_bundle(new, previous=old)
    assert report.reindexed == ("ar-2025",)
    shared = [rel for rel in bundle_files(old / "pagefind")  # entry files are written anew
              if rel.startswith(("offline/en-", "offline/fragment/en_", "offline/ar-2024"))
              and "pagefind-entry" not in rel]
    assert shared and all((new / "pagefind" / rel).samefile(old / "pagefind" / rel)
                          for rel in shared)
    fresh = tmp_path / "fresh"
    shutil.copytree(new, fresh, ignore=shutil.ignore_patterns("pagefind"))
    search.index_site(fresh, shard_pages=SHARD_PAGES)
    search.write_offline_bundle(fresh)
    assert bundle_files(new / "pagefind") == bundle_files(fresh / "pagefind")


@pytest.mark.slow
def test_a_language_without_pages_leaves_the_bundle(tmp_path: Path) -> None:
    """Re-indexing a language whose pages are gone drops it and its files; the rest stays."""
    site = build_search_site(tmp_path, SHARD_PAGES)
    for folder in ("briefings", "entities", "events"):
        shutil.rmtree(site / "en" / folder)
    report = search.index_site(site, ["en"], shard_pages=SHARD_PAGES)
    search.write_offline_bundle(site)
    assert report.languages == ("ar",)
    names = [p.relative_to(site / "pagefind").as_posix() for p in (site / "pagefind").rglob("*")]
    assert not [n for n in names if "en_" in n or "en-" in n or ".en." in n]


def _page(lang: str, body: str) -> str:
    """A minimal page in `lang` with `body` inside <body>."""
    return f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>x</title>' \
           f"</head><body>{body}</body></html>"


ERROR_CASES = [
    # name, files to write (path -> html), message fragment
    ("empty site", {}, "carries data-pagefind-body"),
    ("no body marker", {"en/a/index.html": _page("en", "<main><h1>Hello</h1></main>")},
     "carries data-pagefind-body"),
    ("page without lang", {
        "en/a/index.html": _page("en", "<main data-pagefind-body><h1>Hello</h1></main>"),
        "x/index.html": "<!doctype html><html><head><title>x</title></head><body>"
                        "<main data-pagefind-body><h1>Lost</h1></main></body></html>"},
     "/x/index.html"),
    ("only pages without lang", {
        "x/index.html": "<!doctype html><html><head><title>x</title></head><body>"
                        "<main data-pagefind-body><h1>Lost</h1></main></body></html>"},
     "/x/index.html"),
    ("page outside its language folder", {
        "ar/a/index.html": _page("en", "<main data-pagefind-body><h1>Hello</h1></main>")},
     "/ar/a/index.html (lang=en)"),
]


@pytest.mark.parametrize(("name", "files", "message"), ERROR_CASES, ids=[c[0] for c in ERROR_CASES])
def test_index_site_errors_are_clear(
    tmp_path: Path, name: str, files: dict[str, str], message: str
) -> None:
    """Failures raise SearchIndexError naming the cause (and Pagefind's own output)."""
    for rel, html in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(html, encoding="utf-8")
    with pytest.raises(SearchIndexError, match=re.escape(message)):
        search.index_site(tmp_path)


def test_index_site_needs_a_folder(tmp_path: Path) -> None:
    """A missing site folder is reported as such, before Pagefind runs."""
    with pytest.raises(SearchIndexError, match="no site to index"):
        search.index_site(tmp_path / "missing")


def test_canonical_entry_sorts_languages() -> None:
    """Pagefind's random language order is normalised; nothing else changes."""
    entry = {"version": "1.5.2", "languages": {"en": {"hash": "e"}, "ar": {"hash": "a"}},
             "include_characters": ["_"]}
    text = search.canonical_entry(entry)
    assert json.loads(text) == entry
    assert list(json.loads(text)["languages"]) == ["ar", "en"]
    assert text == search.canonical_entry({**entry, "languages": dict(
        reversed(list(entry["languages"].items())))})


# --- the markup contract --------------------------------------------------------------

FIELD_CASES = [
    SearchFields(kind="briefing", title='Kim, Putin & "the West" <script>x</script>',
                 date=dt.date(2024, 6, 20), summary="A pact, signed; then: more.",
                 source="Al Jazeera, Net", entities=("Kim Jong Un", "Kim Jong Un", " ", "Putin"),
                 terms=("putin", "kim", "putin"), date_label="20 June 2024"),
    SearchFields(kind="entity", title="فلاديمير بوتين", date=dt.date(2025, 1, 2),
                 terms=("بوتين", "بوتن")),
    SearchFields(kind="event", title="قمة [بيونغ يانغ]: 2024", date=dt.date(2024, 6, 19),
                 summary="قمة، واتفاقية", entities=("بيونغ يانغ", "a:b, c[d]")),
]


def expected_meta(f: SearchFields) -> dict[str, str]:
    """What Pagefind must return as metadata for `f`."""
    meta = {"title": f.title, "date": f.date.isoformat(),
            "date_label": f.date_label or f.date.isoformat(), "kind": f.kind,
            "summary": f.summary, "source": f.source or "",
            "terms": " ".join(dict.fromkeys(f.terms))}
    return {k: v for k, v in meta.items() if v}


def expected_filters(f: SearchFields) -> dict[str, list[str]]:
    """What Pagefind must return as filters for `f`."""
    filters = {"kind": [f.kind], "year": [str(f.date.year)]}
    if f.source:
        filters["source"] = [f.source]
    entities = [e.strip() for e in dict.fromkeys(f.entities) if e.strip()]
    if entities:
        filters["entity"] = entities
    return filters


def test_pagefind_fields_round_trip_through_pagefind(tmp_path: Path) -> None:
    """Titles with commas, quotes, brackets, colons and markup arrive intact; no text is added."""
    for i, fields in enumerate(FIELD_CASES):
        lang = "ar" if any("\u0600" <= c <= "\u06ff" for c in fields.title) else "en"
        body = f"<main {search_markup.BODY_ATTR}><h1>Heading {i}</h1><p>Plain words only.</p>" \
               f"{search_markup.pagefind_fields(fields)}</main>"
        page = tmp_path / f"{lang}/p{i}/index.html"
        page.parent.mkdir(parents=True)
        page.write_text(_page(lang, body), encoding="utf-8")
    search.index_site(tmp_path)
    stored = {}
    for path in (tmp_path / "pagefind" / "fragment").iterdir():
        fragment = search.read_fragment(path)
        stored[fragment["url"]] = fragment
    for i, fields in enumerate(FIELD_CASES):
        (fragment,) = [f for url, f in stored.items() if url.endswith(f"/p{i}/index.html")]
        assert fragment["meta"] == expected_meta(fields)
        assert fragment["filters"] == expected_filters(fields)
        assert fragment["content"] == f"Heading {i}. Plain words only."
    assert len(stored) == len(FIELD_CASES)


def test_pagefind_fields_escape_markup() -> None:
    """Field values cannot open a tag or end the attribute they sit in."""
    html = str(search_markup.pagefind_fields(FIELD_CASES[0]))
    assert "<script>" not in html
    assert html.count("<") == 2 and html.startswith("<div hidden ") and html.endswith("></div>")
    assert 'data-title="Kim, Putin &amp; &#34;the West&#34; &lt;script&gt;' in html


def test_pagefind_attrs_rejects_an_unknown_kind() -> None:
    """A typo in the kind would silently create a new filter value; it raises instead."""
    with pytest.raises(ValueError, match="unknown search kind"):
        search_markup.pagefind_attrs(SearchFields(kind="article", title="x",  # type: ignore[arg-type]
                                           date=dt.date(2024, 1, 1)))


# --- the file:// bundle ---------------------------------------------------------------

OFFLINE_ENTRY = re.compile(r'\)\["([^"]+)"\]="([A-Za-z0-9+/=]*)";\n$')


def test_offline_bundle_covers_every_file_pagefind_fetches(site: Path) -> None:
    """Every bundle file pagefind.js can fetch has a script copy holding the same bytes."""
    bundle = site / "pagefind"
    source = (bundle / "pagefind.js").read_text(encoding="utf-8")
    assert set(search.fetch_patterns(source)) == set(search.FETCHED_PATTERNS)
    files = {k: v for k, v in bundle_files(bundle).items() if not k.startswith("offline/")}
    fetchable = set(search.fetchable_files(bundle))
    assert set(files) - fetchable == NOT_FETCHED
    assert {"pagefind-entry.json", "wasm.ar.pagefind", "wasm.en.pagefind"} <= fetchable
    assert any(f.startswith("fragment/") for f in fetchable)
    offline = bundle_files(bundle / "offline")
    assert set(offline) == {f"{rel}.js" for rel in fetchable} | {"pagefind.js"}
    for rel in fetchable:
        match = OFFLINE_ENTRY.search(offline[f"{rel}.js"].decode("ascii"))
        assert match and match.group(1) == rel
        assert base64.b64decode(match.group(2)) == files[rel]


def test_write_offline_bundle_returns_what_it_wrote(site: Path) -> None:
    """The returned paths are exactly the files under offline/."""
    written = search.write_offline_bundle(site)
    assert set(written) == {p for p in (site / "pagefind/offline").rglob("*") if p.is_file()}
    assert list(written) == sorted(written)


NODE_CHECK = """
const vm = require("vm");
const source = require("fs").readFileSync(process.argv[1], "utf8");
const context = {document: {currentScript: {src: "file:///s/pagefind/offline/pagefind.js"}},
                 location: {href: "file:///s/en/search/index.html"},
                 TextDecoder, TextEncoder, URL, console, setTimeout};
context.self = context;
vm.createContext(context);
vm.runInContext(source, context);
console.log(JSON.stringify(Object.keys(context.__nashraPagefind).sort()));
"""


def test_script_loadable_pagefind_runs_as_a_classic_script(site: Path) -> None:
    """The offline pagefind.js has no module syntax and exposes the module's exports."""
    path = site / "pagefind" / "offline" / "pagefind.js"
    text = path.read_text(encoding="utf-8")
    assert "import.meta" not in text
    assert not re.search(r"\bexport\s*\{", text)
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    done = subprocess.run([node, "-e", NODE_CHECK, str(path)], capture_output=True, text=True,
                          check=True, timeout=60)
    assert json.loads(done.stdout) == sorted(
        ["createInstance", "debouncedSearch", "destroy", "filters", "init", "mergeIndex",
         "options", "preload", "search"])


BAD_SOURCES = [
    ('const pagefind_version="1.4.0";export{search};', "not version"),
    ('const pagefind_version="1.5.2";var search=1;', "shape"),
    ('const pagefind_version="1.5.2";x=import.meta.url;export{search as find};', "renamed"),
]


@pytest.mark.parametrize(("source", "message"), BAD_SOURCES)
def test_script_loadable_pagefind_refuses_unknown_shapes(source: str, message: str) -> None:
    """Another version or layout of pagefind.js stops the build instead of breaking file://."""
    with pytest.raises(SearchIndexError, match=message):
        search.script_loadable_pagefind(source)


def test_offline_bundle_refuses_a_pagefind_that_fetches_more(tmp_path: Path) -> None:
    """A pagefind.js that fetches a file kind we do not copy is caught at build time."""
    site = build_search_site(tmp_path)
    js = site / "pagefind" / "pagefind.js"
    js.write_text(js.read_text(encoding="utf-8") + "\nfetch(`${this.basePath}extra/${x}.pf_x`);",
                  encoding="utf-8")
    with pytest.raises(SearchIndexError, match="extra"):
        search.write_offline_bundle(site)


# --- the search partial ---------------------------------------------------------------


class _Collect(HTMLParser):
    """Start tags with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Keep every start tag."""
        self.tags.append((tag, dict(attrs)))


def render_partial(lang: str, root: str, **extra: object) -> list[tuple[str, dict]]:
    """The partial's start tags for `lang`."""
    template = jinja_env().get_template("partials/search_ui.html")
    parser = _Collect()
    parser.feed(template.render(lang=lang, root=root, t=dict(search_markup.ui_strings(lang)), **extra))
    return parser.tags


PARTIAL_CASES = [
    # root, assets given to the partial, expected scripts, expected stylesheet, offline shim
    ("../../", None, ["../../assets/js/arabic.js", "../../assets/js/search.js"],
     "../../assets/css/search.css", "../../assets/js/pagefind-offline.js"),
    ("../", {"js/search.js": "../assets/js/search.1.js", "css/search.css": "../s.css",
             "js/pagefind-offline.js": "../o.js"},
     ["../assets/js/search.1.js"], "../s.css", "../o.js"),
    ("../../", {"js/search.js": "a.js", "js/arabic.js": "b.js", "css/search.css": "c.css",
                "js/pagefind-offline.js": "d.js"}, ["b.js", "a.js"], "c.css", "d.js"),
]


@pytest.mark.parametrize(("root", "assets", "scripts", "css", "shim"), PARTIAL_CASES)
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_partial_links_its_assets_and_strings(
    lang: str, root: str, assets: dict | None, scripts: list[str], css: str, shim: str
) -> None:
    """The partial names hashed assets when given them, root-relative ones otherwise."""
    tags = render_partial(lang, root, **({"assets": assets} if assets is not None else {}))
    assert [a["src"] for tag, a in tags if tag == "script"] == scripts
    assert [a["href"] for tag, a in tags if tag == "link"] == [css]
    (box,) = [a for _, a in tags if a.get("id") == "nashra-search"]
    assert box["data-offline"] == shim
    assert box["data-bundle"] == f"{root}pagefind/"
    assert box["data-root"] == root and box["data-lang"] == lang
    assert json.loads(box["data-strings"]) == dict(search_markup.ui_strings(lang))
    labelled = {a["for"] for tag, a in tags if tag == "label"}
    controls = {a["id"] for tag, a in tags if tag in ("input", "select")}
    assert controls <= labelled


def test_partial_fails_loudly_on_a_missing_string() -> None:
    """With the renderer's StrictUndefined, a missing UI string is an error, not a blank."""
    strings = dict(search_markup.ui_strings("en"))
    del strings["search_sort"]
    with pytest.raises(jinja2.UndefinedError, match="search_sort"):
        jinja_env().get_template("partials/search_ui.html").render(lang="en", root="", t=strings)


def test_both_languages_have_every_required_string() -> None:
    """Arabic has every English key (plus the extra Arabic plural forms)."""
    english, arabic = set(search_markup.ui_strings("en")), set(search_markup.ui_strings("ar"))
    assert english <= arabic
    assert arabic - english == {"search_results_two", "search_results_few",
                                "search_results_many"}
