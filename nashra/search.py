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
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
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
class IndexReport:
    """What one indexing run produced."""

    languages: tuple[str, ...]
    pages: int
    seconds: float
    bytes_per_language: Mapping[str, int]  # pf_meta + index + filter + fragment files


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


def _run_pagefind(site_dir: Path) -> str:
    """Run the Pagefind CLI over `site_dir`; its output, or SearchIndexError."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir),
               "--output-subdir", BUNDLE_DIR, "--keep-index-url"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"could not run pagefind: {error}") from error
    output = f"{done.stdout}\n{done.stderr}".strip()
    if done.returncode != 0:
        raise SearchIndexError(
            f"pagefind failed (exit {done.returncode}) on {site_dir}:\n{output}")
    return output


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
    return json.dumps(ordered, ensure_ascii=False, separators=(",", ":"))


def language_bytes(bundle: Path, entry: Mapping) -> dict[str, int]:
    """Bytes of index data per language: its pf_meta and its index, filter, fragment chunks."""
    sizes: dict[str, int] = {}
    for lang, info in sorted(entry.get("languages", {}).items()):
        files = [bundle / f"pagefind.{info['hash']}.pf_meta"]
        for sub in ("index", "filter", "fragment"):
            files += (bundle / sub).glob(f"{lang}_*") if (bundle / sub).is_dir() else []
        sizes[lang] = sum(f.stat().st_size for f in files if f.is_file())
    return sizes


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


def fragment_urls(bundle: Path, lang: str) -> tuple[str, ...]:
    """The URLs of the pages indexed under `lang`, sorted."""
    return tuple(sorted(read_fragment(p)["url"]
                        for p in (bundle / "fragment").glob(f"{lang}_*.pf_fragment")))


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


def canonical_filters(bundle: Path, lang: str, meta_hash: str) -> str:
    """Sort `lang`'s filter chunks and its pf_meta filter list; the new meta hash.

    Pagefind 1.5.2 writes filter values and filter names in hash-map order, different on
    every run; the order carries no meaning (the wasm builds maps from them), so sorting
    makes the bundle byte-identical for the same site. Files are renamed by content hash.
    """
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _read_cbor(meta_path)
    filters = meta[3] if isinstance(meta, list) and len(meta) == 6 else None
    if not isinstance(filters, list) or any(
            not (isinstance(f, list) and len(f) == 2 and str(f[1]).startswith(f"{lang}_"))
            for f in filters):
        raise SearchIndexError(f"{meta_path}: unexpected layout of the filter list")
    renamed = []
    for name, chunk in filters:
        path = bundle / "filter" / f"{chunk}.pf_filter"
        key, values = _read_cbor(path)
        payload = cbor_encode([key, sorted(values, key=lambda v: v[0])])
        new = f"{lang}_{hashlib.sha256(payload).hexdigest()[:7]}"
        _replace(path, bundle / "filter" / f"{new}.pf_filter", payload)
        renamed.append([name, new])
    meta[3] = sorted(renamed)
    payload = cbor_encode(meta)
    new_hash = f"{lang}_{hashlib.sha256(payload).hexdigest()[:10]}"
    _replace(meta_path, bundle / f"pagefind.{new_hash}.pf_meta", payload)
    return new_hash


def index_site(site_dir: Path) -> IndexReport:
    """Index `site_dir` with the Pagefind CLI into site_dir/pagefind, one index per lang."""
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise SearchIndexError(f"no site to index at {site_dir}")
    bundle = site_dir / BUNDLE_DIR
    # A fresh bundle: Pagefind leaves chunks of removed pages behind, and the offline copy
    # would carry them too.
    shutil.rmtree(bundle, ignore_errors=True)
    started = time.perf_counter()
    output = _run_pagefind(site_dir)
    seconds = time.perf_counter() - started
    if "Did not find a data-pagefind-body element" in output:
        raise SearchIndexError(
            f"no page in {site_dir} carries {BODY_ATTR}: Pagefind would index every page, "
            "navigation and search pages included")
    # Pagefind files pages without <html lang> under the main language and only warns.
    no_lang = re.findall(r'"([^"]+)" has no html lang attribute', output)
    if no_lang or "without an html lang attribute" in output:
        raise SearchIndexError(
            f"pages without <html lang> in {site_dir} (every indexed page needs one): "
            f"{', '.join(no_lang[:5]) or output}")
    entry = _read_entry(bundle)
    languages = tuple(sorted(entry.get("languages", {})))
    if not languages:
        raise SearchIndexError(f"pagefind indexed no pages in {site_dir}:\n{output}")
    if "unknown" in languages:
        pages = ", ".join(fragment_urls(bundle, "unknown")[:5])
        raise SearchIndexError(
            f"pages without <html lang> in {site_dir} (every indexed page needs one): {pages}")
    for lang, info in entry["languages"].items():
        info["hash"] = canonical_filters(bundle, lang, info["hash"])
    (bundle / "pagefind-entry.json").write_text(canonical_entry(entry), encoding="utf-8")
    for name in UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)
    pages = sum(int(info.get("page_count", 0)) for info in entry["languages"].values())
    return IndexReport(languages, pages, seconds, language_bytes(bundle, entry))


def fetch_patterns(pagefind_js: str) -> tuple[str, ...]:
    """The bundle paths pagefind.js fetches relative to its base path, ${...} as '*'."""
    found = re.findall(r"\$\{this\.basePath\}([A-Za-z0-9_\-./${}]+)`", pagefind_js)
    return tuple(sorted({re.sub(r"\$\{[^}]*\}", "*", f) for f in found if "." in f}))


def fetchable_files(bundle: Path) -> tuple[str, ...]:
    """Bundle-relative paths of every file pagefind.js may fetch, sorted."""
    found = {p.relative_to(bundle).as_posix() for pattern in FETCHED_PATTERNS
             for p in bundle.glob(pattern) if p.is_file()}
    return tuple(sorted(found))


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


def write_offline_bundle(site_dir: Path) -> tuple[Path, ...]:
    """Write site_dir/pagefind/offline/: each fetchable file as a script, and pagefind.js."""
    bundle = Path(site_dir) / BUNDLE_DIR
    _read_entry(bundle)
    source = (bundle / "pagefind.js").read_text(encoding="utf-8")
    unknown = set(fetch_patterns(source)) - set(FETCHED_PATTERNS)
    if unknown:
        raise SearchIndexError(
            f"pagefind.js fetches {sorted(unknown)}, which the offline bundle does not carry")
    offline = bundle / OFFLINE_DIR
    shutil.rmtree(offline, ignore_errors=True)
    written: list[Path] = []
    for rel in fetchable_files(bundle):
        target = offline / f"{rel}.js"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(offline_file_script(rel, (bundle / rel).read_bytes()), encoding="ascii")
        written.append(target)
    target = offline / "pagefind.js"
    target.write_text(script_loadable_pagefind(source), encoding="utf-8")
    written.append(target)
    return tuple(sorted(written))
