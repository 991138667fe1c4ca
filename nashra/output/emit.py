"""Render pages and write the files whose bytes changed, over every core when there are many.

Emitters return what they wrote. Into a staging folder files are written directly; into a
live site each new file is first written beside its target under a temporary name, and
renamed into place by `commit` only when every page rendered and every file was written.
"""

from __future__ import annotations

import hashlib
import os
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
    target.parent.mkdir(parents=True, exist_ok=True)
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
                temp_path(folder / rel).unlink(missing_ok=True)
        raise


def commit(folder: Path, written: Sequence[Written]) -> tuple[list[Written], list[str]]:
    """Rename every waiting file into place; returns every file as it now is, and the
    paths that changed."""
    done, changed = [], []
    for w in written:
        if w.temp is not None:
            target = folder / w.path
            os.replace(w.temp, target)
            w = Written(w.path, w.sha, stamp(target.stat()))  # a rename changes the ctime
            changed.append(w.path)
        done.append(w)
    return done, changed
