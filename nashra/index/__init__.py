"""Index: Pagefind over the written site, and the `<script>`-loadable bundle for file://.

The stage's API; its parts: `shards` (which pages, cut how), `pagefind` (running it and
reading its bundle), `bundle` (index_site: shards into one bundle), `offline` (file://).
The markup the pages carry for it is `nashra.pages.search_markup`.
"""

from nashra.index.bundle import index_site
from nashra.index.offline import (
    fetch_patterns,
    fetchable_files,
    offline_file_script,
    script_loadable_pagefind,
    write_offline_bundle,
)
from nashra.index.pagefind import (
    BUNDLE_DIR,
    FETCHED_PATTERNS,
    OFFLINE_DIR,
    PAGEFIND_VERSION,
    SHARDS_KEY,
    UNUSED_BUNDLE_FILES,
    SearchIndexError,
    canonical_entry,
    fragment_urls,
    language_bytes,
    language_files,
    read_fragment,
)
from nashra.index.shards import IndexedPage, IndexReport, Shard, plan_shards, scan_site

__all__ = ["BUNDLE_DIR", "FETCHED_PATTERNS", "OFFLINE_DIR", "PAGEFIND_VERSION", "SHARDS_KEY",
           "UNUSED_BUNDLE_FILES", "IndexReport", "IndexedPage", "SearchIndexError", "Shard",
           "canonical_entry", "fetch_patterns", "fetchable_files", "fragment_urls", "index_site",
           "language_bytes", "language_files", "offline_file_script", "plan_shards",
           "read_fragment", "scan_site", "script_loadable_pagefind", "write_offline_bundle"]
