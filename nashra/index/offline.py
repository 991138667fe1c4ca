"""The `<script>`-loadable copy of the bundle, so search also works over file://.
"""

from __future__ import annotations

import base64
import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from nashra.index.pagefind import (
    BUNDLE_DIR,
    FETCHED_PATTERNS,
    OFFLINE_API,
    OFFLINE_DIR,
    OFFLINE_REGISTRY,
    PAGEFIND_VERSION,
    SHARDS_KEY,
    SearchIndexError,
    _put,
    _read_entry,
    _sweep,
    _write_if_changed,
    language_files,
)

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
        "written by nashra.index. */\n"
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
