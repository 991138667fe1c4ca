"""Pagefind indexing of the written site, and the `<script>`-loadable bundle for file://.

Markup contract (what the page templates must emit for search to work)
----------------------------------------------------------------------
Only briefing, entity and event pages are indexed; every other page (home, lists,
timeline, archive, search, 404) must carry no `data-pagefind-body` at all.

1. `<html lang="ar" dir="rtl">` / `<html lang="en">`: Pagefind builds one index per
   `lang`, and the search page searches the index of its own `lang`.
2. The main content element carries `data-pagefind-body` (`BODY_ATTR`). Boilerplate
   *inside* it (breadcrumbs, "related briefings", share rows, language switch, the
   metadata line, footnotes of the site) carries `data-pagefind-ignore` (`IGNORE_ATTR`)
   so that it neither matches queries nor shows in excerpts.
3. Inside that element, once, the output of `pagefind_fields(SearchFields(...))`: a
   hidden, empty `<div>` whose attributes carry
   - meta `title`, `date` (ISO), `date_label` (the date as the page shows it),
     `summary`, `kind`, `source`, and `terms` (normalised words, clitic-stripped forms
     and entity aliases from `arabic.search_terms`): Pagefind 1.5 searches metadata
     but never shows it in excerpts, which closes its Arabic gaps;
   - filters `kind` (briefing | entity | event), `source`, `year`, and one `entity`
     value per mentioned entity (display name in the page language);
   - sort `date` (YYYY-MM-DD). Pagefind drops pages without the sort key from sorted
     results, so every indexed page needs a date: for an entity page use the date of
     the newest briefing that mentions it.
   Values travel in attributes (`title[data-title]` ...), so commas in a title cannot
   break Pagefind's `key:value, ...` syntax, and no text is added to the page.

The search page includes `partials/search_ui.html`, which takes from its includer
`lang`, `root` (relative prefix to the site root, e.g. "../../"), `t` (UI strings in the
page language, at least the keys of `UI_STRINGS[lang]`), and optionally `assets`
(logical asset name such as "js/search.js" -> URL relative to the page, for hashed
asset names; without it the partial uses `root` + "assets/" + name). It loads
`js/arabic.js` (when `assets` lists it), `js/search.js` and `css/search.css`; search.js
loads `js/pagefind-offline.js` itself, and only over file://.

Search strings (`t` keys): see `UI_STRINGS`. `search_results_<plural>` follow the CLDR
plural categories (zero, one, two, few, many, other); `other` is the fallback and
`{n}` stands for the count.

Indexing (what a build calls)
-----------------------------
`index_site(site, langs=None, previous=None)` then `write_offline_bundle(site, langs,
previous=previous)`. Each language (the pages under `<lang>/`) is one Pagefind run, over
hard links of its pages only, so memory follows the biggest language; a language whose
pages did not change is not run again (nor read, when `langs` leaves it out), and with
`previous` a build into a fresh folder takes it from the last build. The bundle:
`pagefind/pagefind-entry.json` (Pagefind's, plus `nashra_shards`: per language, its
shards with their page counts and digests), Pagefind's code and wasm, each language's
pf_meta and chunks, and `offline/` (the file:// copy). `shard_pages=N` cuts a language
into runs of years of at most N pages, each in its own folder, merged by the search
page: see the note above SHARDS_KEY for what that changes.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Literal

from markupsafe import Markup, escape

PAGEFIND_VERSION = "1.5.2"
BUNDLE_DIR = "pagefind"
OFFLINE_DIR = "offline"  # inside the bundle, so a re-index removes a stale copy with it
OFFLINE_REGISTRY = "__nashraPagefindFiles"  # global map: bundle-relative path -> base64
OFFLINE_API = "__nashraPagefind"  # global set by the script-loadable pagefind.js

PAYLOAD_SIGNATURE = b"pagefind_dcd"

BODY_ATTR = "data-pagefind-body"
IGNORE_ATTR = "data-pagefind-ignore"

Kind = Literal["briefing", "entity", "event"]
KINDS: tuple[Kind, ...] = ("briefing", "event", "entity")

# Every URL pagefind.js 1.5.2 builds from its base path, with ${...} parts as "*".
# write_offline_bundle refuses a pagefind.js that fetches anything else.
FETCHED_PATTERNS: tuple[str, ...] = (
    "filter/*.pf_filter",
    "fragment/*.pf_fragment",
    "index/*.pf_index",
    "pagefind-entry.json",
    "pagefind.*.pf_meta",
    "wasm.*.pagefind",
)

# Files Pagefind writes for its own UIs, which our search page does not use.
UNUSED_BUNDLE_FILES: tuple[str, ...] = (
    "pagefind-component-ui.css",
    "pagefind-component-ui.js",
    "pagefind-highlight.js",
    "pagefind-modular-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-ui.css",
    "pagefind-ui.js",
)

UI_STRINGS: Mapping[str, Mapping[str, str]] = {
    "ar": {
        "search_label": "ابحث في الأرشيف",
        "search_placeholder": "ابحث في الأرشيف…",
        "search_hint": "تظهر النتائج أثناء الكتابة. استخدم الأسهم للتنقل بينها "
        "وEnter لفتح النتيجة.",
        "search_refine": "تضييق النتائج",
        "search_kind": "النوع",
        "search_source": "المصدر",
        "search_year": "السنة",
        "search_entity": "يرد فيها",
        "search_any": "الكل",
        "search_sort": "الترتيب",
        "search_sort_relevance": "الأكثر صلة",
        "search_sort_newest": "الأحدث أولاً",
        "search_sort_oldest": "الأقدم أولاً",
        "search_kind_briefing": "نشرة",
        "search_kind_event": "حدث",
        "search_kind_entity": "علم أو مكان",
        "search_results": "نتائج البحث",
        "search_results_zero": "لا نتائج",
        "search_results_one": "نتيجة واحدة",
        "search_results_two": "نتيجتان",
        "search_results_few": "{n} نتائج",
        "search_results_many": "{n} نتيجة",
        "search_results_other": "{n} نتيجة",
        "search_more": "المزيد من النتائج",
        "search_clear_entity": "إزالة تصفية العلم",
        "search_loading": "جارٍ التحميل…",
        "search_error": "تعذّر تشغيل البحث في هذا المتصفح.",
        "search_noscript": "يحتاج البحث إلى تفعيل جافاسكربت. يمكنك تصفح الأرشيف "
        "والأعلام والأحداث من القائمة.",
    },
    "en": {
        "search_label": "Search the archive",
        "search_placeholder": "Search the archive…",
        "search_hint": "Results appear as you type. Use the arrow keys to move through them "
        "and Enter to open one.",
        "search_refine": "Refine results",
        "search_kind": "Type",
        "search_source": "Source",
        "search_year": "Year",
        "search_entity": "Mentions",
        "search_any": "All",
        "search_sort": "Order",
        "search_sort_relevance": "Most relevant",
        "search_sort_newest": "Newest first",
        "search_sort_oldest": "Oldest first",
        "search_kind_briefing": "Briefing",
        "search_kind_event": "Event",
        "search_kind_entity": "Person or place",
        "search_results": "Search results",
        "search_results_zero": "No results",
        "search_results_one": "1 result",
        "search_results_other": "{n} results",
        "search_more": "More results",
        "search_clear_entity": "Remove the entity filter",
        "search_loading": "Loading…",
        "search_error": "Search could not start in this browser.",
        "search_noscript": "Search needs JavaScript. You can still browse the archive, "
        "people, places and events from the menu.",
    },
}


class SearchIndexError(RuntimeError):
    """Pagefind failed or produced a bundle we cannot use."""


@dataclass(frozen=True)
class SearchFields:
    """What one indexed page tells Pagefind besides its text."""

    kind: Kind
    title: str
    date: dt.date
    summary: str = ""
    source: str | None = None  # outlet name in the page language
    entities: tuple[str, ...] = ()  # display names of mentioned entities, page language
    terms: tuple[str, ...] = ()  # arabic.search_terms(...) of the page and its aliases
    date_label: str = ""  # the date as the page prints it; the ISO date when empty


def ui_strings(lang: str) -> Mapping[str, str]:
    """The search UI strings for `lang` (merge them into the page's `t`)."""
    return UI_STRINGS[lang]


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    """Non-empty stripped values, first occurrence kept, order kept."""
    return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def pagefind_attrs(fields: SearchFields) -> tuple[tuple[str, str], ...]:
    """The attributes of the hidden element that carries a page's meta, filters and sort."""
    if fields.kind not in KINDS:
        raise ValueError(f"unknown search kind {fields.kind!r}; expected one of {KINDS}")
    iso = fields.date.isoformat()
    values: dict[str, str] = {
        "title": fields.title.strip(),
        "date": iso,
        "date_label": fields.date_label.strip() or iso,
        "summary": fields.summary.strip(),
        "kind": fields.kind,
        "source": (fields.source or "").strip(),
        "year": str(fields.date.year),
        "terms": " ".join(_unique(fields.terms)),
    }
    present = {k: v for k, v in values.items() if v}
    meta = [k for k in ("title", "date", "date_label", "summary", "kind", "source", "terms")
            if k in present]
    filters = [f"{k}[data-{k}]" for k in ("kind", "source", "year") if k in present]
    entities = _unique(fields.entities)
    filters += [f"entity[data-entity-{i}]" for i in range(len(entities))]
    attrs = [
        ("hidden", ""),
        ("data-pagefind-meta", ", ".join(f"{k}[data-{k.replace('_', '-')}]" for k in meta)),
        ("data-pagefind-filter", ", ".join(filters)),
        ("data-pagefind-sort", "date[data-date]"),
    ]
    attrs += [(f"data-{k.replace('_', '-')}", present[k]) for k in present]
    attrs += [(f"data-entity-{i}", name) for i, name in enumerate(entities)]
    return tuple(attrs)


def pagefind_fields(fields: SearchFields) -> Markup:
    """The hidden `<div>` to put once inside the `data-pagefind-body` element."""
    parts = [name if name == "hidden" else f'{name}="{escape(value)}"'
             for name, value in pagefind_attrs(fields)]
    return Markup(f"<div {' '.join(parts)}></div>")


# --- the pages to index ---------------------------------------------------------------

_BODY_MARK = BODY_ATTR.encode("ascii")
_HTML_LANG = re.compile(rb"<html\b[^>]*?\slang\s*=\s*[\"']?([A-Za-z0-9-]+)", re.I)
_SORT_MARK = b"data-pagefind-sort="
_SORT_DATE = re.compile(rb'\sdata-date="(\d{4}-\d{2}-\d{2})"')


@dataclass(frozen=True)
class IndexedPage:
    """A page Pagefind indexes: where it is, its sort date and a hash of its bytes."""

    path: str  # relative to the site folder, "/"-separated
    date: str  # YYYY-MM-DD of its `date` sort key; "" when it has none
    digest: str


def _sort_date(data: bytes) -> str:
    """The `data-date` of the element that declares the sort key (the hidden fields), or ''."""
    at = data.find(_SORT_MARK)
    if at < 0:
        return ""
    # Attribute values are escaped, so the first ">" closes the hidden element's tag.
    found = _SORT_DATE.search(data, at, data.find(b">", at))
    return found.group(1).decode("ascii") if found else ""


def _html_files(folder: Path, skip: Path) -> list[Path]:
    """Every .html file below `folder` except inside `skip`, sorted."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if Path(root, d) != skip]
        found += [Path(root, f) for f in files if f.endswith(".html")]
    return sorted(found)


def scan_site(site_dir: Path, langs: Iterable[str] | None = None
              ) -> dict[str, tuple[IndexedPage, ...]]:
    """The pages carrying `data-pagefind-body`, per language folder (`ar/`, `en/` ...).

    A language's pages live in the folder named after it, with the same `<html lang>`.
    With `langs`, only those folders are read; without, the whole site is, and an indexed
    page outside its language's folder or without `<html lang>` is an error.
    """
    site_dir = Path(site_dir)
    roots = [site_dir] if langs is None else [site_dir / lang for lang in sorted(set(langs))]
    found: dict[str, list[IndexedPage]] = {lang: [] for lang in langs or ()}
    lost: list[str] = []
    misplaced: list[str] = []
    for root in roots:
        for path in _html_files(root, site_dir / BUNDLE_DIR):
            data = path.read_bytes()
            if _BODY_MARK not in data:
                continue
            rel = path.relative_to(site_dir).as_posix()
            lang_match = _HTML_LANG.search(data)
            lang = lang_match.group(1).decode("ascii").lower() if lang_match else ""
            folder = rel.split("/", 1)[0] if "/" in rel else ""
            if not lang:
                lost.append(f"/{rel}")
            elif folder != lang:
                misplaced.append(f"/{rel} (lang={lang})")
            else:
                found.setdefault(lang, []).append(
                    IndexedPage(rel, _sort_date(data), hashlib.sha256(data).hexdigest()))
    if lost:
        raise SearchIndexError(
            f"pages without <html lang> in {site_dir} (every indexed page needs one): "
            f"{', '.join(lost[:5])}")
    if misplaced:
        raise SearchIndexError(
            f"indexed pages outside the folder of their language in {site_dir} (an 'ar' page "
            f"belongs under ar/): {', '.join(misplaced[:5])}")
    return {lang: tuple(pages) for lang, pages in sorted(found.items())}


# --- shards: one Pagefind run per language, or per run of years when asked -------------

# Pagefind holds a whole run in memory, ~0.6 MB per page of ours (the hidden `terms` field
# doubles the text it indexes), so one run per language peaks at ~0.6 MB x its pages. With
# `shard_pages` a language is cut into shards of at most that many pages, one run each, and
# the search page merges them (Pagefind's mergeIndex): memory is then bounded by the shard.
# Not the default, because merged shards do not find exactly what one index finds: a word
# that some shard lacks matches, in that shard, the indexed words it starts with
# ("Washington" -> "was"), Pagefind's fallback for unknown words; one index has the word
# and never falls back. Dates, filters, counts and words every shard knows agree.
SHARDS_KEY = "nashra_shards"  # in the root pagefind-entry.json: the shards of each language
LAYOUT_VERSION = "1"  # part of every shard digest: a change of layout re-indexes everything
CODE_FILES = ("pagefind.js", "pagefind-worker.js")  # plus wasm.<lang>.pagefind


@dataclass(frozen=True)
class Shard:
    """Pages of one language from consecutive years (or months), indexed by one Pagefind run."""

    lang: str
    unit: str  # the first year ("2019") or month ("2019-05") it holds; "undated" sorts first
    pages: tuple[IndexedPage, ...]

    @property
    def name(self) -> str:
        """Its folder in the bundle (the first shard of a language lives in the bundle root)."""
        return f"{self.lang}-{self.unit}"


def _units(pages: list[IndexedPage], max_pages: int) -> list[tuple[str, list[IndexedPage]]]:
    """Pages (in date order) grouped by year, a year bigger than a shard by month."""
    units: list[tuple[str, list[IndexedPage]]] = []
    for year, in_year in groupby(pages, key=lambda p: p.date[:4] or "undated"):
        group = list(in_year)
        if len(group) > max_pages and year != "undated":
            units += [(month, list(g)) for month, g in groupby(group, key=lambda p: p.date[:7])]
        else:
            units.append((year, group))
    return units


def plan_shards(lang: str, pages: Iterable[IndexedPage],
                max_pages: int | None = None) -> tuple[Shard, ...]:
    """Cut one language's pages, in date order, into shards of at most `max_pages` pages
    (None: one shard, named after its first year).

    Shards hold whole years (whole months of a year bigger than a shard; only a month can
    exceed the bound), so one date never straddles two shards and the date order of the
    language is the shards' orders one after the other. The cut depends on the pages only,
    so an incremental index and a fresh one agree, and adding this month's briefings
    changes the last shard alone.
    """
    if max_pages is not None and max_pages < 1:
        raise ValueError(f"a shard holds at least one page, not {max_pages}")
    ordered = sorted(pages, key=lambda p: (p.date, p.path))
    if max_pages is None:
        max_pages = max(len(ordered), 1)
    cuts: list[tuple[str, list[IndexedPage]]] = []
    for unit, group in _units(ordered, max_pages):
        if cuts and len(cuts[-1][1]) + len(group) <= max_pages:
            cuts[-1][1].extend(group)
        else:
            cuts.append((unit, list(group)))
    return tuple(Shard(lang, unit, tuple(group)) for unit, group in cuts)


def shard_digest(shard: Shard, *, first: bool, alone: bool) -> str:
    """What a shard's index files depend on: its pages' bytes and its place in the bundle."""
    digest = hashlib.sha256(
        f"{LAYOUT_VERSION} {PAGEFIND_VERSION} {shard.name} {first} {alone}\n".encode())
    for page in shard.pages:
        digest.update(f"{page.path} {page.date} {page.digest}\n".encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class IndexReport:
    """What one indexing run did, and the bundle it left."""

    languages: tuple[str, ...]  # every language in the bundle
    pages: int  # pages in the bundle, all languages
    seconds: float  # wall time of the whole call
    bytes_per_language: Mapping[str, int]  # pf_meta + index + filter + fragment files
    seconds_per_language: Mapping[str, float] = field(default_factory=dict)  # langs asked for
    shards: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # shard names
    reindexed: tuple[str, ...] = ()  # shards Pagefind ran on; the rest were kept as they were
    peak_rss: int = 0  # bytes, the largest Pagefind run


# --- running Pagefind -----------------------------------------------------------------

PAGEFIND_TIMEOUT = 3600.0
# Pagefind 1.5.2's Linux build allocates with jemalloc (symbols prefixed `_rjem_`), which
# keeps freed pages for reuse: returning them at once cut the peak of a 10,625-page
# language from 5.9 to 4.9 GB for ~4 % more time. A setting of the user's own wins.
PAGEFIND_MALLOC = ("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")


def _run_pagefind(site_dir: Path, out: Path) -> tuple[str, int]:
    """Run the Pagefind CLI over `site_dir` into `out`; its output and peak RSS in bytes."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir),
               "--output-path", str(out), "--keep-index-url"]
    with tempfile.TemporaryFile() as log:
        try:
            env = {PAGEFIND_MALLOC[0]: PAGEFIND_MALLOC[1], **os.environ}
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        except OSError as error:
            raise SearchIndexError(f"could not run pagefind: {error}") from error
        timer = threading.Timer(PAGEFIND_TIMEOUT, process.kill)
        timer.daemon = True  # a background index run must not keep `nashra serve` from exiting
        timer.start()
        try:
            # wait4 rather than wait: it also says how much memory the run took at its peak
            # (`python -m pagefind` execs the binary, so the child is Pagefind itself).
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace").strip()
    if process.returncode != 0:
        raise SearchIndexError(
            f"pagefind failed (exit {process.returncode}) on {site_dir}:\n{output}")
    return output, usage.ru_maxrss * 1024


def _read_entry(bundle: Path) -> dict:
    """pagefind-entry.json, checked against the pinned version."""
    path = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SearchIndexError(f"unreadable Pagefind entry file {path}: {error}") from error
    if entry.get("version") != PAGEFIND_VERSION:
        raise SearchIndexError(
            f"{path}: Pagefind {entry.get('version')} found, {PAGEFIND_VERSION} expected "
            "(the file:// shim depends on that version's internals; pin it)")
    return entry


def canonical_entry(entry: Mapping) -> str:
    """pagefind-entry.json with its languages sorted (Pagefind writes them in random order)."""
    ordered = {**entry, "languages": dict(sorted(entry.get("languages", {}).items()))}
    if SHARDS_KEY in entry:
        ordered[SHARDS_KEY] = dict(sorted(entry[SHARDS_KEY].items()))
    return json.dumps(ordered, ensure_ascii=False, separators=(",", ":"))


def decode_bundle_file(data: bytes) -> bytes:
    """The payload of a Pagefind bundle file (gzip, then the "pagefind_dcd" signature)."""
    if not data.startswith(PAYLOAD_SIGNATURE):
        data = gzip.decompress(data)
    if not data.startswith(PAYLOAD_SIGNATURE):
        raise SearchIndexError("not a Pagefind bundle file (no pagefind_dcd signature)")
    return data[len(PAYLOAD_SIGNATURE):]


def read_fragment(path: Path) -> dict:
    """One page's fragment: url, content, meta, filters, word_count ..."""
    return json.loads(decode_bundle_file(path.read_bytes()))


def _cbor_item(data: bytes, at: int) -> tuple[object, int]:
    """One CBOR item at `at` (the subset Pagefind's meta and filter files use) and its end."""
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if info >= 24:
        if info > 27:
            raise SearchIndexError("unexpected CBOR item in a Pagefind file")
        size = 1 << (info - 24)
        info, at = int.from_bytes(data[at:at + size], "big"), at + size
    if major == 0:
        return info, at
    if major in (2, 3):
        raw = data[at:at + info]
        return (raw.decode("utf-8") if major == 3 else bytes(raw)), at + info
    if major == 4:
        items = []
        for _ in range(info):
            item, at = _cbor_item(data, at)
            items.append(item)
        return items, at
    raise SearchIndexError(f"unexpected CBOR major type {major} in a Pagefind file")


def cbor_decode(data: bytes) -> object:
    """Decode unsigned ints, byte and text strings and arrays (all Pagefind's metadata uses)."""
    value, end = _cbor_item(data, 0)
    if end != len(data):
        raise SearchIndexError("trailing bytes after a CBOR item in a Pagefind file")
    return value


def _cbor_head(major: int, n: int) -> bytes:
    """A CBOR head in its shortest form."""
    if n < 24:
        return bytes([major << 5 | n])
    info, size = next((24 + i, 1 << i) for i in range(4) if n < 1 << (8 << i))
    return bytes([major << 5 | info]) + n.to_bytes(size, "big")


def cbor_encode(value: object) -> bytes:
    """Encode what cbor_decode reads, shortest form (as Pagefind writes it)."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return _cbor_head(0, value)
    if isinstance(value, bytes):
        return _cbor_head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _cbor_head(3, len(raw)) + raw
    if isinstance(value, list):
        return _cbor_head(4, len(value)) + b"".join(cbor_encode(v) for v in value)
    raise TypeError(f"cannot encode {type(value).__name__} as Pagefind CBOR")


def _bundle_file(payload: bytes) -> bytes:
    """A bundle file as Pagefind reads it: signature + payload, gzip without a timestamp."""
    return gzip.compress(PAYLOAD_SIGNATURE + payload, compresslevel=9, mtime=0)


def _read_cbor(path: Path) -> object:
    """A Pagefind CBOR file, checked to re-encode to the same bytes."""
    payload = decode_bundle_file(path.read_bytes())
    value = cbor_decode(payload)
    if cbor_encode(value) != payload:
        raise SearchIndexError(f"{path}: not in the CBOR form Pagefind {PAGEFIND_VERSION} writes")
    return value


def _replace(old: Path, new: Path, payload: bytes) -> None:
    """Write `payload` as bundle file `new` and drop `old`."""
    old.unlink()
    new.write_bytes(_bundle_file(payload))


def _read_meta(path: Path) -> list:
    """A pf_meta file: [version, pages, index chunks, filters, sorts, meta fields]."""
    meta = _read_cbor(path)
    if not (isinstance(meta, list) and len(meta) == 6
            and all(isinstance(part, list) for part in meta[1:5])):
        raise SearchIndexError(f"{path}: unexpected layout of a Pagefind meta file")
    return meta


def _write_meta(bundle: Path, lang: str, old_hash: str, meta: list) -> str:
    """Replace a pf_meta file by `meta`, named by its content; the new hash."""
    payload = cbor_encode(meta)
    new_hash = f"{lang}_{hashlib.sha256(payload).hexdigest()[:10]}"
    _replace(bundle / f"pagefind.{old_hash}.pf_meta", bundle / f"pagefind.{new_hash}.pf_meta",
             payload)
    return new_hash


def _meta_pairs(bundle: Path, lang: str, meta_hash: str, part: int, what: str
                ) -> tuple[list, list]:
    """The pf_meta of `lang` and its list `part` (pages 1, filters 3), checked to hold
    [a, b] pairs naming `<lang>_...` files."""
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _read_meta(meta_path)
    name_at = 0 if part == 1 else 1
    if any(not (isinstance(pair, list) and len(pair) == 2
                and str(pair[name_at]).startswith(f"{lang}_")) for pair in meta[part]):
        raise SearchIndexError(f"{meta_path}: unexpected layout of the {what} list")
    return meta, meta[part]


def canonical_filters(bundle: Path, lang: str, meta_hash: str) -> str:
    """Sort `lang`'s filter chunks and its pf_meta filter list; the new meta hash.

    Pagefind 1.5.2 writes filter values and filter names in hash-map order, different on
    every run; the order carries no meaning (the wasm builds maps from them), so sorting
    makes the bundle byte-identical for the same site. Files are renamed by content hash.
    """
    meta, filters = _meta_pairs(bundle, lang, meta_hash, 3, "filter")
    renamed = []
    for name, chunk in filters:
        path = bundle / "filter" / f"{chunk}.pf_filter"
        key, values = _read_cbor(path)
        payload = cbor_encode([key, sorted(values, key=lambda v: v[0])])
        new = f"{lang}_{hashlib.sha256(payload).hexdigest()[:7]}"
        _replace(path, bundle / "filter" / f"{new}.pf_filter", payload)
        renamed.append([name, new])
    meta[3] = sorted(renamed)
    return _write_meta(bundle, lang, meta_hash, meta)


def tag_pages(bundle: Path, lang: str, meta_hash: str, unit: str) -> str:
    """Rename a shard's page ids `<lang>_<hash>` to `<lang>_<unit>_<hash>`; the new meta hash.

    Pagefind merges the results of several indexes by score alone, and with a date sort
    the score is the rank inside one shard: the search page needs to know which shard a
    result came from to put the shards back in date order, and a page's id is all a
    result carries. The id only names the page's fragment file.
    """
    meta, pages = _meta_pairs(bundle, lang, meta_hash, 1, "page")
    fragments = bundle / "fragment"
    for page in pages:
        tagged = f"{lang}_{unit}_{page[0][len(lang) + 1:]}"
        (fragments / f"{page[0]}.pf_fragment").rename(fragments / f"{tagged}.pf_fragment")
        page[0] = tagged
    return _write_meta(bundle, lang, meta_hash, meta)


def index_files(bundle: Path, folder: str, meta_hash: str) -> tuple[str, ...]:
    """Bundle-relative paths of one index's pf_meta and every chunk it names."""
    prefix = f"{folder}/" if folder else ""
    meta_rel = f"{prefix}pagefind.{meta_hash}.pf_meta"
    _, pages, chunks, filters, _, _ = _read_meta(bundle / meta_rel)
    return (meta_rel, *(f"{prefix}fragment/{p[0]}.pf_fragment" for p in pages),
            *(f"{prefix}index/{c[-1]}.pf_index" for c in chunks),
            *(f"{prefix}filter/{f[1]}.pf_filter" for f in filters))


def _shard_indexes(bundle: Path, entry: Mapping, lang: str) -> list[tuple[str, str]]:
    """(folder, meta hash) of every index of `lang` in the bundle, in date order."""
    indexes = [("", entry["languages"][lang]["hash"])]
    for shard in entry.get(SHARDS_KEY, {}).get(lang, [])[1:]:
        sub = _read_entry(bundle / shard["dir"])
        indexes.append((shard["dir"], sub["languages"][lang]["hash"]))
    return indexes


def language_files(bundle: Path, lang: str, entry: Mapping | None = None) -> tuple[str, ...]:
    """Bundle-relative paths of the index data of `lang`, every shard (entry files aside)."""
    entry = _read_entry(bundle) if entry is None else entry
    return tuple(rel for folder, meta_hash in _shard_indexes(bundle, entry, lang)
                 for rel in index_files(bundle, folder, meta_hash))


def language_bytes(bundle: Path, entry: Mapping) -> dict[str, int]:
    """Bytes of index data per language: its pf_meta and its index, filter, fragment chunks."""
    return {lang: sum((bundle / rel).stat().st_size for rel in language_files(bundle, lang, entry))
            for lang in sorted(entry.get("languages", {}))}


def fragment_urls(bundle: Path, lang: str) -> tuple[str, ...]:
    """The URLs of the pages indexed under `lang`, every shard, sorted."""
    return tuple(sorted(read_fragment(bundle / rel)["url"] for rel in language_files(bundle, lang)
                        if rel.endswith(".pf_fragment")))


# --- putting shards into the bundle ---------------------------------------------------


def _same_file(a: Path, b: Path) -> bool:
    """True when both files exist with the same bytes."""
    try:
        return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()
    except FileNotFoundError:
        return False


def _put(source: Path, target: Path, *, move: bool) -> None:
    """Put `source` at `target` unless it already holds those bytes (mtimes of unchanged
    files stay, which is how write_offline_bundle knows what to skip)."""
    if _same_file(source, target):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    if move:
        try:
            os.replace(source, target)  # one rename: a reader sees the old file or the new
            return
        except OSError:
            pass  # another file system: copy below
    temp = target.with_name(f".{target.name}.tmp")
    try:
        os.link(source, temp)  # a shard reused from a previous build costs no copy
    except OSError:
        shutil.copyfile(source, temp)
    os.replace(temp, target)


def _write_if_changed(path: Path, text: str) -> None:
    """Write `text` into `path` atomically, unless it holds it already."""
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_bytes(data)
    os.replace(temp, path)


def _link_pages(site_dir: Path, pages: Iterable[IndexedPage], folder: Path) -> None:
    """A site of just `pages` for one Pagefind run (hard links; copies across devices)."""
    for page in pages:
        target = folder / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site_dir / page.path, target)
        except OSError:
            shutil.copyfile(site_dir / page.path, target)


@dataclass(frozen=True)
class _Built:
    """One shard's index as Pagefind wrote it, finished, in a work folder."""

    out: Path
    entry: dict
    rss: int


def _index_shard(site_dir: Path, shard: Shard, work: Path, *, alone: bool) -> _Built:
    """Run Pagefind over the pages of `shard` alone and finish its output for the bundle."""
    pages = work / f"{shard.name}.pages"
    out = work / f"{shard.name}.out"
    _link_pages(site_dir, shard.pages, pages)
    output, rss = _run_pagefind(pages, out)
    shutil.rmtree(pages)
    if "without an html lang attribute" in output or "has no html lang attribute" in output:
        raise SearchIndexError(f"pages without <html lang> in {site_dir}:\n{output}")
    entry = _read_entry(out)
    if set(entry.get("languages", {})) != {shard.lang}:
        raise SearchIndexError(
            f"pagefind filed the pages of {shard.lang}/ in {site_dir} under "
            f"{sorted(entry.get('languages', {}))}, not {shard.lang!r}:\n{output}")
    info = entry["languages"][shard.lang]
    info["hash"] = canonical_filters(out, shard.lang, info["hash"])
    if not alone:
        info["hash"] = tag_pages(out, shard.lang, info["hash"], shard.unit)
    return _Built(out, entry, rss)


def _install(built: _Built, bundle: Path, folder: str, lang: str) -> None:
    """Move a finished index into the bundle beside the old one (the entry files switch later)."""
    for rel in index_files(built.out, "", built.entry["languages"][lang]["hash"]):
        _put(built.out / rel, bundle / folder / rel, move=True)
    names = [*CODE_FILES, *(p.name for p in built.out.glob("wasm.*.pagefind"))]
    for name in names if not folder else ():
        _put(built.out / name, bundle / name, move=True)


def _reuse(source: Path, bundle: Path, folder: str, lang: str, entry: Mapping
           ) -> tuple[dict, object]:
    """Bring an unchanged shard over from `source` (maybe the bundle itself): its language
    info and include_characters."""
    sub = _read_entry(source / folder) if folder else entry
    info = dict(sub["languages"][lang])
    if source != bundle:
        for rel in index_files(source, folder, info["hash"]):
            _put(source / rel, bundle / rel, move=False)
        if not folder:
            for name in [*CODE_FILES, f"wasm.{info.get('wasm', lang)}.pagefind",
                         "wasm.unknown.pagefind"]:
                if (source / name).is_file():
                    _put(source / name, bundle / name, move=False)
    return info, sub.get("include_characters")


def _kept_shards(bundle: Path) -> tuple[dict, dict[str, dict[str, Mapping]]]:
    """The bundle's entry and, per language, its shards by digest (empty when unusable)."""
    try:
        entry = _read_entry(bundle)
    except SearchIndexError:
        return {}, {}
    kept: dict[str, dict[str, Mapping]] = {}
    for lang, shards in entry.get(SHARDS_KEY, {}).items():
        kept[lang] = {}
        for shard in shards:
            folder = bundle / shard["dir"] if shard["dir"] else bundle
            if (folder / "pagefind-entry.json").is_file():
                kept[lang][shard["digest"]] = shard
    return entry, kept


def _collect_garbage(bundle: Path, entry: Mapping) -> None:
    """Delete every bundle file no index of `entry` names (offline/ has its own sweep)."""
    keep = {"pagefind-entry.json", *CODE_FILES, "wasm.unknown.pagefind"}
    for lang, info in entry["languages"].items():
        keep.add(f"wasm.{info.get('wasm', lang)}.pagefind")
        keep.update(language_files(bundle, lang, entry))
        keep.update(f"{s['dir']}/pagefind-entry.json"
                    for s in entry.get(SHARDS_KEY, {}).get(lang, [])[1:])
    _sweep(bundle, keep, skip=OFFLINE_DIR)


def _sweep(folder: Path, keep: set[str], skip: str = "") -> None:
    """Delete the files below `folder` not in `keep` (relative paths), then empty folders;
    the top-level folder `skip` is left alone."""
    folders = []
    for root, dirs, files in os.walk(folder):
        base = Path(root).relative_to(folder).as_posix()
        prefix = "" if base == "." else f"{base}/"
        if not prefix:
            dirs[:] = [d for d in dirs if d != skip]
        else:
            folders.append(root)
        for name in files:
            if f"{prefix}{name}" not in keep:
                os.unlink(os.path.join(root, name))
    for root in reversed(folders):  # deepest first
        if not os.listdir(root):
            os.rmdir(root)


def index_site(site_dir: Path, langs: Iterable[str] | None = None, *,
               previous: Path | None = None,
               shard_pages: int | None = None) -> IndexReport:
    """Index the pages of `site_dir` into site_dir/pagefind, one Pagefind run per language.

    Each language is its own Pagefind run, so memory follows the biggest language, not the
    whole archive; with `shard_pages`, each run of years of at most that many pages is its
    own run (see plan_shards and the note above SHARDS_KEY), so memory stays bounded. A
    shard (a whole language by default) whose pages did not change since the bundle was
    written is kept as it is; with `previous` (the site folder of the last build), unchanged
    shards are taken from there (hard links), so a build into a fresh folder re-indexes only
    what changed. `langs` limits the work to those languages (their folders only are read;
    a language without pages leaves the bundle); the others stay as they are. New files are
    written beside the old ones and the entry files switch last, each with one rename, so a
    server never hands out a half-written index; then files no index names are deleted. The
    result is byte-identical to a fresh index of the same pages.
    """
    started = time.perf_counter()
    site_dir = Path(site_dir)
    langs = None if langs is None else tuple(sorted(set(langs)))
    if not site_dir.is_dir():
        raise SearchIndexError(f"no site to index at {site_dir}")
    bundle = site_dir / BUNDLE_DIR
    entry, kept = _kept_shards(bundle)
    source_entry, source_kept, source = entry, kept, bundle
    if previous is not None and Path(previous).resolve() != site_dir.resolve():
        source = Path(previous) / BUNDLE_DIR
        source_entry, source_kept = _kept_shards(source)
    pages = scan_site(site_dir, langs)
    if langs is None and not pages:
        raise SearchIndexError(
            f"no page in {site_dir} carries {BODY_ATTR}: nothing to index (only briefing, "
            "entity and event pages are indexed)")
    languages = {lang: info for lang, info in entry.get("languages", {}).items()
                 if langs is not None and lang not in pages}
    manifest = {lang: shards for lang, shards in entry.get(SHARDS_KEY, {}).items()
                if lang in languages}
    shard_entries: dict[str, dict] = {}
    include_characters = entry.get("include_characters", source_entry.get("include_characters"))
    seconds: dict[str, float] = {}
    reindexed: list[str] = []
    peak = 0
    bundle.mkdir(parents=True, exist_ok=True)
    try:  # beside the site: same file system, so pages are hard-linked and files renamed
        work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.pagefind-", dir=site_dir.parent))
    except OSError:
        work = Path(tempfile.mkdtemp(prefix="nashra-pagefind-"))
    try:
        for lang, lang_pages in pages.items():
            lang_started = time.perf_counter()
            shards = plan_shards(lang, lang_pages, shard_pages)
            if not shards:
                continue
            manifest[lang] = []
            for i, shard in enumerate(shards):
                folder = shard.name if i else ""
                digest = shard_digest(shard, first=not i, alone=len(shards) == 1)
                if digest in kept.get(lang, {}):
                    info, characters = _reuse(bundle, bundle, folder, lang, entry)
                elif digest in source_kept.get(lang, {}):
                    info, characters = _reuse(source, bundle, folder, lang, source_entry)
                else:
                    built = _index_shard(site_dir, shard, work, alone=len(shards) == 1)
                    _install(built, bundle, folder, lang)
                    info = built.entry["languages"][lang]
                    characters = built.entry.get("include_characters")
                    reindexed.append(shard.name)
                    peak = max(peak, built.rss)
                    shutil.rmtree(built.out)
                if folder:
                    shard_entries[folder] = {"version": PAGEFIND_VERSION,
                                             "languages": {lang: info},
                                             "include_characters": characters}
                else:
                    include_characters = characters
                    languages[lang] = info
                manifest[lang].append({"dir": folder, "unit": shard.unit,
                                       "pages": len(shard.pages), "digest": digest})
            seconds[lang] = time.perf_counter() - lang_started
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not languages:
        raise SearchIndexError(f"no language of {site_dir} has pages to index")
    root = {"version": PAGEFIND_VERSION, "languages": languages,
            "include_characters": include_characters, SHARDS_KEY: manifest}
    for folder, shard_entry in sorted(shard_entries.items()):
        _write_if_changed(bundle / folder / "pagefind-entry.json", canonical_entry(shard_entry))
    _write_if_changed(bundle / "pagefind-entry.json", canonical_entry(root))
    _collect_garbage(bundle, root)
    return IndexReport(
        languages=tuple(sorted(languages)),
        pages=sum(sum(s["pages"] for s in manifest[lang]) if lang in manifest
                  else int(info.get("page_count", 0)) for lang, info in languages.items()),
        seconds=time.perf_counter() - started,
        bytes_per_language=language_bytes(bundle, root),
        seconds_per_language=seconds,
        shards={lang: tuple(f"{lang}-{s['unit']}" for s in shards)
                for lang, shards in sorted(manifest.items())},
        reindexed=tuple(reindexed),
        peak_rss=peak)


# --- the file:// bundle ---------------------------------------------------------------


def fetch_patterns(pagefind_js: str) -> tuple[str, ...]:
    """The bundle paths pagefind.js fetches relative to its base path, ${...} as '*'."""
    found = re.findall(r"\$\{this\.basePath\}([A-Za-z0-9_\-./${}]+)`", pagefind_js)
    return tuple(sorted({re.sub(r"\$\{[^}]*\}", "*", f) for f in found if "." in f}))


def fetchable_files(bundle: Path) -> tuple[str, ...]:
    """Bundle-relative paths of every file pagefind.js may fetch, shards included, sorted."""
    found = {p.relative_to(bundle).as_posix() for pattern in FETCHED_PATTERNS
             for where in (pattern, f"*/{pattern}") for p in bundle.glob(where) if p.is_file()}
    return tuple(sorted(rel for rel in found if not rel.startswith(f"{OFFLINE_DIR}/")))


def script_loadable_pagefind(source: str) -> str:
    """pagefind.js (an ES module) as a classic script that sets `self.__nashraPagefind`."""
    if f'pagefind_version="{PAGEFIND_VERSION}"' not in source:
        raise SearchIndexError(f"pagefind.js is not version {PAGEFIND_VERSION}")
    exports = re.search(r"export\s*\{([^}]*)\}\s*;?\s*$", source)
    if not exports or "import.meta.url" not in source:
        raise SearchIndexError("pagefind.js no longer has the shape the file:// shim expects")
    names = [n.strip() for n in exports.group(1).split(",") if n.strip()]
    if any(not re.fullmatch(r"[A-Za-z_$][\w$]*", n) for n in names):
        raise SearchIndexError(f"pagefind.js exports renamed values: {exports.group(1)}")
    body = source[: exports.start()].replace("import.meta.url", "__nashraScriptUrl")
    api = ",".join(f"{n}:{n}" for n in names)
    # The module's own base-path guess reads import.meta.url; point it at the real bundle.
    return (
        f"/* Pagefind {PAGEFIND_VERSION} pagefind.js as a classic script for file://, "
        "written by nashra.search. */\n"
        '(function(){"use strict";\n'
        "var __nashraScriptUrl=(document.currentScript&&document.currentScript.src||'')"
        f".replace(/{OFFLINE_DIR}\\/pagefind\\.js(\\?.*)?$/,'pagefind.js');\n"
        f"{body}\nself.{OFFLINE_API}={{{api}}};\n}})();\n"
    )


def offline_file_script(rel: str, data: bytes) -> str:
    """One bundle file as a script that registers its bytes (base64) under its path."""
    registry = f"(self.{OFFLINE_REGISTRY}||(self.{OFFLINE_REGISTRY}={{}}))"
    encoded = base64.b64encode(data).decode("ascii")
    return f"{registry}[{json.dumps(rel)}]=\"{encoded}\";\n"


def _entry_last(rel: str) -> tuple[bool, bool, str]:
    """Sort key: data files first, then the shards' entries, the root entry last."""
    return rel.endswith("pagefind-entry.json"), rel == "pagefind-entry.json", rel


def _language_set(bundle: Path, entry: Mapping, langs: Iterable[str]) -> set[str]:
    """Bundle files that belong to `langs`, plus the shared ones (entry files, wasm)."""
    found = {"pagefind-entry.json", "wasm.unknown.pagefind"}
    for lang in langs:
        if lang in entry.get("languages", {}):
            found.add(f"wasm.{entry['languages'][lang].get('wasm', lang)}.pagefind")
            found.update(language_files(bundle, lang, entry))
            found.update(f"{s['dir']}/pagefind-entry.json"
                         for s in entry.get(SHARDS_KEY, {}).get(lang, [])[1:])
    return found


def _same_inode(a: Path, b: Path) -> bool:
    """True when both paths exist and are one file (a hard link index_site made)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def write_offline_bundle(site_dir: Path, langs: Iterable[str] | None = None, *,
                         previous: Path | None = None) -> tuple[Path, ...]:
    """Bring site_dir/pagefind/offline/ up to date: each fetchable file as a script, and
    pagefind.js; every file under offline/ is returned, sorted.

    A script is rewritten only when its bundle file is newer (index_site leaves unchanged
    files alone), entry files last, so a file:// reader sees the old bundle or the new one;
    scripts of files the bundle no longer has are deleted. `langs`: only those languages'
    files (and the shared ones) are checked, as after index_site(site, langs). `previous`
    (the site folder of the last build): the script of a bundle file index_site took from
    there is taken from there too (a hard link), not encoded again.
    """
    bundle = Path(site_dir) / BUNDLE_DIR
    entry = _read_entry(bundle)
    source = (bundle / "pagefind.js").read_text(encoding="utf-8")
    unknown = set(fetch_patterns(source)) - set(FETCHED_PATTERNS)
    if unknown:
        raise SearchIndexError(
            f"pagefind.js fetches {sorted(unknown)}, which the offline bundle does not carry")
    offline = bundle / OFFLINE_DIR
    old_bundle = Path(previous) / BUNDLE_DIR if previous is not None else None
    wanted = sorted(fetchable_files(bundle), key=_entry_last)
    checked = set(wanted) if langs is None else _language_set(bundle, entry, langs)
    for rel in wanted:
        target = offline / f"{rel}.js"
        data_path = bundle / rel
        if rel not in checked and target.is_file():
            continue
        if target.is_file() and target.stat().st_mtime_ns >= data_path.stat().st_mtime_ns:
            continue
        if old_bundle is not None and _same_inode(data_path, old_bundle / rel) and (
                old_bundle / OFFLINE_DIR / f"{rel}.js").is_file():
            _put(old_bundle / OFFLINE_DIR / f"{rel}.js", target, move=False)
            continue
        _write_if_changed(target, offline_file_script(rel, data_path.read_bytes()))
    _write_if_changed(offline / "pagefind.js", script_loadable_pagefind(source))
    keep = {f"{rel}.js" for rel in wanted} | {"pagefind.js"}
    _sweep(offline, keep)
    return tuple(sorted(offline / rel for rel in keep))
