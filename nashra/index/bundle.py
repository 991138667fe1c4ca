"""Indexing the site: one Pagefind run per changed shard, put into one bundle.

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

import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from nashra.index.pagefind import (
    BUNDLE_DIR,
    OFFLINE_DIR,
    PAGEFIND_VERSION,
    SHARDS_KEY,
    SearchIndexError,
    _put,
    _read_entry,
    _run_pagefind,
    _sweep,
    _write_if_changed,
    canonical_entry,
    canonical_filters,
    index_files,
    language_bytes,
    language_files,
    tag_pages,
)
from nashra.index.shards import (
    CODE_FILES,
    IndexedPage,
    IndexReport,
    Shard,
    plan_shards,
    scan_site,
    shard_digest,
)
from nashra.pages.search_markup import BODY_ATTR

# --- putting shards into the bundle ---------------------------------------------------


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
