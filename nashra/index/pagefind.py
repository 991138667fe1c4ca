"""Running Pagefind, and reading the bundle it writes (entry, meta, fragments).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path

import cbor2

PAGEFIND_VERSION = "1.5.2"
BUNDLE_DIR = "pagefind"
OFFLINE_DIR = "offline"  # inside the bundle, so a re-index removes a stale copy with it
OFFLINE_REGISTRY = "__nashraPagefindFiles"  # global map: bundle-relative path -> base64
OFFLINE_API = "__nashraPagefind"  # global set by the script-loadable pagefind.js

PAYLOAD_SIGNATURE = b"pagefind_dcd"


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
class SearchIndexError(RuntimeError):
    """Pagefind failed or produced a bundle we cannot use."""


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


def cbor_decode(data: bytes) -> object:
    """One CBOR item: Pagefind's meta and filter files are unsigned ints, byte and text
    strings and arrays."""
    try:
        return cbor2.loads(data)
    except (cbor2.CBORDecodeError, ValueError) as exc:
        raise SearchIndexError(f"not a CBOR item Pagefind writes: {exc}") from exc


def cbor_encode(value: object) -> bytes:
    """Encode in the shortest form, as Pagefind writes it (cbor2's default)."""
    return cbor2.dumps(value)


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


# --- bundle files ---------------------------------------------------------------------

SHARDS_KEY = "nashra_shards"  # in the root pagefind-entry.json: the shards of each language


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
