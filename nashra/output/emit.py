"""Render pages and write the files whose bytes changed, over every core when there are many.

Emitters return what they wrote. Into a staging folder files are written directly; into a
live site each new file is first written beside its target under a temporary name, and
renamed into place by `commit` only when every page rendered and every file was written.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from nashra.pool import fork_map
from nashra.stamps import OutputEntry, Stamp
from nashra.stamps import output_stamp as stamp

TEMP_SUFFIX = ".nashra-new"


@dataclass(frozen=True)
class Written:
    """One emitted file: its hash and stat, and where it waits if not yet in place."""

    path: str
    sha: str
    stamp: Stamp
    temp: str | None = None  # set: new bytes to rename into place; None: in place already

    def entry(self, fp: str) -> OutputEntry:
        """The cache's record of this file."""
        return OutputEntry(fp, self.sha, self.stamp)


Job = tuple[str, Callable[[], bytes]]  # output path, and what makes its bytes


def temp_path(target: Path) -> Path:
    """Where new bytes for `target` wait until they are renamed into place."""
    return target.with_name(f".{target.name}{TEMP_SUFFIX}")


def _make_parents(folder: Path, target: Path) -> None:
    """Create `target`'s folders; a file standing where one belongs is not ours: removed."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return
    except (FileExistsError, NotADirectoryError):
        pass
    for parent in reversed(target.relative_to(folder).parents[:-1]):
        path = folder / parent
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            path.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)


def _emit_one(rel: str, data: bytes, folder: Path, old: Mapping[str, OutputEntry],
              two_phase: bool) -> Written:
    sha = hashlib.sha256(data).hexdigest()
    target = folder / rel
    prev = old.get(rel)
    if prev is not None and prev.sha == sha:
        try:
            if stamp(os.stat(target)) == prev.stamp:
                return Written(rel, sha, prev.stamp)  # the same bytes: not rewritten
        except OSError:
            pass
    _make_parents(folder, target)
    path = temp_path(target) if two_phase else target
    path.write_bytes(data)
    return Written(rel, sha, stamp(path.stat()), str(path) if two_phase else None)


def _emit_jobs(where: tuple[Path, Mapping[str, OutputEntry], bool], jobs: Sequence[Job]
               ) -> list[Written]:
    folder, old, two_phase = where
    return [_emit_one(rel, make(), folder, old, two_phase) for rel, make in jobs]


def emit(jobs: Sequence[Job], folder: Path, old: Mapping[str, OutputEntry], *,
         two_phase: bool, tick: Callable[[int], None] = lambda _n: None) -> list[Written]:
    """Make and write every job's file (unchanged bytes are left alone); `tick` is told of
    each batch of files done."""
    try:
        # forked workers share the planned pages and compiled templates
        return fork_map(_emit_jobs, (folder, old, two_phase), jobs, chunks_per_worker=8,
                        tick=tick)
    except BaseException:
        if two_phase:
            for rel, _ in jobs:
                try:
                    temp_path(folder / rel).unlink(missing_ok=True)
                except OSError:  # its folder is a file: there is no temporary file in it
                    pass
        raise


def commit(folder: Path, written: Sequence[Written]) -> tuple[list[Written], list[str]]:
    """Rename every waiting file into place; returns every file as it now is, and the
    paths that changed. If a rename fails, the files already renamed are put back (the
    site stays the old build, not a mix of two) and the waiting files are removed."""
    done, changed = [], []
    moved: list[tuple[Path, Path | None]] = []  # target, and where its old bytes wait
    try:
        for w in written:
            if w.temp is not None:
                target = folder / w.path
                moved.append((target, _keep_old(target)))
                os.replace(w.temp, target)
                w = Written(w.path, w.sha, stamp(target.stat()))  # a rename changes the ctime
                changed.append(w.path)
            done.append(w)
    except BaseException:
        for target, old in reversed(moved):
            try:
                if old is not None:
                    os.replace(old, target)
                    old.unlink(missing_ok=True)  # two names of one file: rename does nothing
                else:
                    target.unlink(missing_ok=True)
            except OSError:
                pass  # the next build repairs what could not be put back
        for w in written:
            if w.temp is not None:
                Path(w.temp).unlink(missing_ok=True)
        raise
    for _target, old in moved:
        if old is not None:
            old.unlink(missing_ok=True)
    return done, changed


OLD_SUFFIX = ".nashra-old"


def _keep_old(target: Path) -> Path | None:
    """Keep `target`'s bytes under a second name until the whole commit succeeded; make
    room when something else (a folder, a file where a folder belongs) is in the way."""
    _make_room(target)
    if not target.is_file():
        return None
    old = target.with_name(f".{target.name}{OLD_SUFFIX}")
    old.unlink(missing_ok=True)
    try:
        os.link(target, old)  # a second name: readers keep seeing the old file meanwhile
    except OSError:
        shutil.copy2(target, old)
    return old


def _make_room(target: Path) -> None:
    """Remove a folder (or link) standing at a file's path: no build writes one there."""
    if target.is_symlink():
        target.unlink()
    elif target.is_dir():
        shutil.rmtree(target)
