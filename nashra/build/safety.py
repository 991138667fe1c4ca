"""What a build may touch: the output folder's checks, the project's build lock, leftovers.

A build replaces every file of its output folder, so it only ever builds into a new or
empty folder, or one holding Nashra's marker file (written into every site it builds);
never into the project, a folder above it, or a folder of sources. One build at a time
per project: a lock file in the cache folder names the build that holds it, and what a
killed build left beside the output folder is deleted by the next one.
"""

from __future__ import annotations

import errno
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

MARKER = ".nashra-site"
MARKER_TEXT = (b"This folder is a site built by Nashra: `nashra build` replaces every file in it.\n"
               b"Delete this file and Nashra will refuse to build here.\n")
SOURCES = ("content", "seeds", "templates", ".nashra-cache", ".git")
LOCK_NAME = "build.lock"
# What a build leaves beside its output folder while it works (see output.staging, index)
LEFTOVERS = ("building-", "old-", "pagefind-")


class BuildRefused(Exception):
    """A build that must not run: a dangerous output folder, or another build running."""

    def __init__(self, message: str, hint: str) -> None:
        self.message, self.hint = message, hint
        super().__init__(f"{message} (hint: {hint})")


def check_out(project: Path, out: Path) -> None:
    """Refuse an output folder whose files Nashra did not write (BuildRefused)."""
    project, out = project.resolve(), out.resolve()
    hint = "build into a new or empty folder, e.g. --out site (the default)"
    if out == project or out in project.parents:
        what = "the project folder" if out == project else "a folder that contains the project"
        raise BuildRefused(f"{out}: --out is {what}; a build would replace every file in it", hint)
    for name in SOURCES:
        source = project / name
        if out == source or source in out.parents:
            where = "is" if out == source else "is inside"
            raise BuildRefused(f"{out}: --out {where} the project's {name}/; a build would "
                               f"replace those files", hint)
    if out.exists() and not out.is_dir():
        raise BuildRefused(f"{out}: --out is a file, not a folder", hint)
    if out.is_dir() and not (out / MARKER).is_file() and any(out.iterdir()) \
            and not (out == project / "site" and built_before_markers(out)):
        raise BuildRefused(
            f"{out}: the folder is not empty and Nashra did not build it (it has no {MARKER} "
            "file); a build would delete its files",
            f"{hint}; if an earlier Nashra version built it, delete the folder and build again")


# The top level of every site Nashra built before it wrote markers (and of every site since).
SITE_FILES = frozenset(("index.html", "404.html", "robots.txt", "sitemap.xml", MARKER))
SITE_FOLDERS = frozenset(("ar", "en", "assets", "pagefind"))


def built_before_markers(out: Path) -> bool:
    """True for a site an earlier Nashra built (no marker yet): its landing page, assets and
    a language folder, and nothing at the top that Nashra does not write. Only asked of the
    project's own site/: a CI cache or a copy restored from before markers existed must not
    stop the next build there."""
    names = {e.name: e.is_dir() for e in os.scandir(out)}
    known = all((name in SITE_FOLDERS) if is_dir else (name in SITE_FILES)
                for name, is_dir in names.items())
    return known and names.get("index.html") is False and names.get("assets") is True \
        and (names.get("ar") is True or names.get("en") is True)


def write_marker(out: Path) -> None:
    """Mark `out` as a site Nashra built (so later builds may replace it)."""
    marker = out / MARKER
    try:
        if marker.read_bytes() == MARKER_TEXT:
            return
    except OSError:
        pass
    marker.write_bytes(MARKER_TEXT)


# Builds of one project inside one process (nashra serve) share the file lock: the
# process's own locks keep its builds apart.
_HELD: dict[Path, int] = {}
_HELD_LOCK = threading.Lock()


@contextmanager
def project_lock(project: Path, log: Callable[[str], None] = lambda _m: None) -> Iterator[None]:
    """Hold the project's build lock (BuildRefused when another process holds it)."""
    project = project.resolve()
    with _HELD_LOCK:
        held = _HELD.get(project, 0)
        handle = None if held else _take(project, log)
        _HELD[project] = held + 1
    try:
        yield
    finally:
        with _HELD_LOCK:
            _HELD[project] -= 1
            if handle is not None:
                del _HELD[project]
                _release(handle)


def _take(project: Path, log: Callable[[str], None]) -> int:
    """Lock the project's lock file and write our pid in it; the open file's descriptor."""
    import fcntl

    folder = project / ".nashra-cache"
    try:
        folder.mkdir(exist_ok=True)
        fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise BuildRefused(f"{folder / LOCK_NAME}: cannot create the build lock: "
                           f"{exc.strerror or exc}",
                           f"{folder} must be a folder Nashra can write to") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        holder = _holder(fd)
        os.close(fd)
        if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            raise BuildRefused(f"{folder / LOCK_NAME}: cannot lock: {exc}",
                               "check the folder's file system supports locks") from None
        raise BuildRefused(
            f"{project}: another build is running (pid {holder or '?'})",
            "wait for it to finish; a preview server (nashra serve) builds until it stops"
        ) from None
    # a lock file with a pid in it and no lock on it: the build that held it was killed
    stale = _holder(fd)
    if stale and stale != str(os.getpid()):
        log(f"a build that stopped (pid {stale}) left its lock; taking it over")
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    return fd


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""


def _release(fd: int) -> None:
    import fcntl

    try:
        os.ftruncate(fd, 0)
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def clean_leftovers(out: Path, log: Callable[[str], None] = lambda _m: None) -> list[str]:
    """Delete what killed builds left beside `out` (staging folders, old sites, search work
    folders); call with the project's lock held. The names deleted."""
    gone = []
    try:
        entries = list(os.scandir(out.parent))
    except OSError:
        return gone
    # a staging folder's own search work folder is "..site.building-*.pagefind-*"
    prefixes = (*(f".{out.name}.{kind}" for kind in LEFTOVERS), f"..{out.name}.building-")
    for entry in entries:
        if entry.name.startswith(prefixes) and entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
            gone.append(entry.name)
    if gone:
        log(f"removed what stopped builds left beside {out.name}/: {', '.join(sorted(gone))}")
    return gone
