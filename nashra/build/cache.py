"""`.nashra-cache/`: what the last build read, linked and wrote, kept between builds.

One SQLite file per Nashra code version (the version string plus a hash of the package's
source), so a cache is never trusted across versions; anything unreadable is thrown away
and the build starts clean. Deleting the folder is always safe.

Rows are JSON checked against their types on reading (nashra.rows), never pickles: a cache
restored from an untrusted CI cache is data, and cannot run code during a build.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nashra import __version__, rows
from nashra.link import stored
from nashra.link.stored import Heavy, StoredLinks
from nashra.stamps import OutputEntry, Stamp, output_stamp

if TYPE_CHECKING:  # the no-change check must not import the content stack
    from nashra.load.content import ParsedFile

CACHE_DIR = ".nashra-cache"
# The type of each meta value, checked when read; other keys come back as plain JSON data.
META_TYPES: dict[str, Any] = {
    "options": str, "version": str, "outputs": dict[str, OutputEntry],
    "inputs": dict[str, Stamp], "index": dict[str, Stamp], "pages": list[str],
    "stale_index": tuple[str, ...], "related": tuple[str, dict[str, tuple[str, ...]]],
    "config_strict": bool}
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v BLOB);
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, sha TEXT, entry BLOB);
CREATE TABLE IF NOT EXISTS links (slug TEXT PRIMARY KEY, key TEXT, blob BLOB);
CREATE TABLE IF NOT EXISTS heavy (slug TEXT PRIMARY KEY, key TEXT, blob BLOB);
"""


@functools.cache
def code_version() -> str:
    """Nashra's version and a hash of its source: a cache from other code is never used."""
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{__version__}-{h.hexdigest()[:16]}"


@dataclass(frozen=True)
class FileEntry:
    """A content file as last read: its stat, its hash, and its parsed form."""

    stamp: Stamp
    sha: str
    parsed: ParsedFile
    card: str = ""  # digest of what lists show of it: the record without its body


@dataclass
class State:
    """Everything an incremental build needs from the previous one."""

    version: str
    options: str
    files: dict[str, FileEntry] = field(default_factory=dict)
    links: dict[str, tuple[str, StoredLinks]] = field(default_factory=dict)  # slug -> (key, ..)
    outputs: dict[str, OutputEntry] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)  # input stats, search index state
    path: Path | None = None  # the cache file the rest is read from, on first use
    memo: dict[str, Any] = field(default_factory=dict)  # kept in memory only (nashra serve)

    def fill(self) -> State:
        """Read the files and links tables (skipped when nothing changed at all)."""
        if self.path is not None:
            inode = os.stat(self.path).st_ino
            with sqlite3.connect(self.path) as db:
                for p, entry in db.execute("SELECT path, entry FROM files"):
                    self.files[p] = file_from_row(entry)
                for slug, key, blob in db.execute("SELECT * FROM links"):
                    links = stored.from_row(blob)
                    links._load = functools.partial(_read_heavy, self.path, inode, slug, key)
                    self.links[slug] = (key, links)
            self.path = None
        return self


class StaleCacheError(LookupError):
    """The cache file changed under a state read from it: build again from scratch."""


# One read connection per process, cache file and file identity: SQLite handles must not
# cross a fork, and a cache file replaced on disk must not answer for the one we read.
_READERS: dict[tuple[int, Path, int], sqlite3.Connection] = {}


def _read_heavy(path: Path, inode: int, slug: str, key: str) -> Heavy:
    """One briefing's HTML blocks and snippets, as stored with the links of `key`."""
    ident = (os.getpid(), path, inode)
    db = _READERS.get(ident)
    if db is None:
        db = sqlite3.connect(path, check_same_thread=False)  # serve rebuilds on its own thread
        if os.stat(path).st_ino != inode:
            db.close()
            raise StaleCacheError(f"{path} was replaced during the build")
        _READERS[ident] = db
    row = db.execute("SELECT key, blob FROM heavy WHERE slug = ?", (slug,)).fetchone()
    if row is None or row[0] != key:
        raise StaleCacheError(f"{CACHE_DIR}: no stored HTML for {slug}")
    try:
        return stored.heavy_from_row(row[1])
    except rows.RowError as exc:
        raise StaleCacheError(f"{CACHE_DIR}: bad stored HTML for {slug}: {exc}") from None


def file_to_row(entry: FileEntry) -> str:
    """A content file's cache row."""
    return rows.dumps((entry.stamp, entry.sha, entry.parsed, entry.card))


def file_from_row(row: str | bytes) -> FileEntry:
    """A content file's cache row read back (RowError if it is not one)."""
    from nashra.load.content import ParsedFile  # only when files changed: keeps imports lazy
    from nashra.model import Briefing, Entity, Event, Translation

    kinds = (Briefing, Translation, Entity, Event)  # what a ParsedFile's record may be
    stamp, sha, parsed, card = rows.loads(tuple[Stamp, str, ParsedFile, str], row, kinds)
    return FileEntry(stamp, sha, parsed, card)


def meta_to_row(key: str, value: Any) -> str:
    """One meta value as a row (the output list in columns: it is read on every build)."""
    if key == "outputs":
        paths = list(value)
        value = {"paths": paths, "fps": [value[p].fp for p in paths],
                 "shas": [value[p].sha for p in paths], "stamps": [value[p].stamp for p in paths]}
    return rows.dumps(value)


def meta_from_row(key: str, row: str | bytes) -> Any:
    """One meta value read back, checked when its type is known."""
    if key != "outputs":
        return rows.loads(META_TYPES.get(key, Any), row)
    columns = rows.loads(dict[str, list[Any]], row)
    paths, fps, shas, stamps = (columns.get(k) for k in ("paths", "fps", "shas", "stamps"))
    if paths is None or fps is None or shas is None or stamps is None \
            or not len(paths) == len(fps) == len(shas) == len(stamps) \
            or not set(map(type, (*paths, *fps, *shas))) <= {str} \
            or not set(map(type, stamps)) <= {list} \
            or not set(map(type, itertools.chain.from_iterable(stamps))) <= {int}:
        raise rows.RowError("outputs: not columns of paths, digests and stamps")
    return dict(zip(paths, map(OutputEntry._make, zip(fps, shas, map(tuple, stamps), strict=True)),
                    strict=True))


def _db(project: Path) -> Path:
    return project / CACHE_DIR / f"cache-{code_version()}.sqlite"


def load(project: Path, options: str, log: Callable[[str], None] = lambda _m: None
         ) -> State | None:
    """The previous build's state, or None when there is none we can trust."""
    path = _db(project)
    if not path.is_file():
        return None
    try:
        with sqlite3.connect(path) as db:
            meta = {k: meta_from_row(k, v) for k, v in db.execute("SELECT k, v FROM meta")}
            if meta.get("options") != options or meta.get("version") != code_version():
                return None
            state = State(code_version(), options, meta=meta, path=path)
            state.outputs = meta.pop("outputs", {})
        return state
    except Exception as exc:  # a damaged cache only costs a clean build
        log(f"cache unusable ({type(exc).__name__}: {exc}); building from scratch")
        return None


def save(project: Path, state: State, previous: State | None) -> None:
    """Write the state, touching only rows that changed since `previous`."""
    path = _db(project)
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob("cache-*.sqlite*"):
        if not stale.name.startswith(path.name):
            stale.unlink(missing_ok=True)  # other Nashra versions' caches are never used
    if previous is None and path.exists():
        path.unlink()
    old = previous or State(state.version, state.options)
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA)
        db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                       [(k, meta_to_row(k, v)) for k, v in
                        {**state.meta, "options": state.options, "version": state.version,
                         "outputs": state.outputs}.items()])
        _sync(db, "files", "path", old.files, state.files,
              lambda p, e: (p, e.sha, file_to_row(e)))
        _sync(db, "links", "slug", old.links, state.links,
              lambda s, e: (s, e[0], stored.to_row(e[1])))
        _sync(db, "heavy", "slug", old.links, state.links,
              lambda s, e: (s, e[0], stored.heavy_to_row(e[1].heavy())))


def index_stamps(out: Path) -> dict[str, Stamp]:
    """The stamp of every file of the search index in `out`."""
    return {p.relative_to(out).as_posix(): output_stamp(p.stat())
            for p in sorted((out / "pagefind").rglob("*")) if p.is_file()}


def mark_indexed(project: Path, state: State, out: Path) -> None:
    """Record that the search index in `out` now matches the pages of `state`'s build."""
    state.meta.update(stale_index=(), index=index_stamps(out))
    path = _db(project)
    if path.is_file():
        with sqlite3.connect(path) as db:
            db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                           [(k, meta_to_row(k, state.meta[k]))
                            for k in ("stale_index", "index")])


def _sync(db: sqlite3.Connection, table: str, key: str, old: dict, new: dict, row: Any) -> None:
    """Delete rows that went away and write rows that are new or changed."""
    gone = [(k,) for k in old if k not in new]
    db.executemany(f"DELETE FROM {table} WHERE {key} = ?", gone)
    changed = [row(k, v) for k, v in new.items() if old.get(k) is not v]
    if changed:
        marks = ", ".join("?" * len(changed[0]))
        db.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({marks})", changed)
