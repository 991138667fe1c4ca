"""What to index: the indexable pages of the written site, cut into shards per language.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from nashra.index.pagefind import BUNDLE_DIR, PAGEFIND_VERSION, SearchIndexError
from nashra.pages.search_markup import BODY_ATTR

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
