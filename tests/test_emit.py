"""Writing files (nashra.output.emit) and the worker pool it runs on (nashra.pool)."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

from nashra import pool
from nashra.output.emit import commit, emit, temp_path
from nashra.stamps import output_stamp


def jobs(n: int, tag: str = "") -> list[tuple[str, functools.partial[bytes]]]:
    return [(f"p/{i:03d}/index.html", functools.partial(bytes, f"page {i}{tag}".encode()))
            for i in range(n)]


def read_all(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("n", [3, pool.PARALLEL_MIN + 5])  # in process, and in forked workers
def test_every_job_is_written_once_in_order(tmp_path: Path, n: int) -> None:
    written = emit(jobs(n), tmp_path, {}, two_phase=False)
    assert [w.path for w in written] == [p for p, _ in jobs(n)]
    assert read_all(tmp_path) == {p: make() for p, make in jobs(n)}
    assert all(w.temp is None for w in written)


def test_same_bytes_are_not_rewritten(tmp_path: Path) -> None:
    first = emit(jobs(3), tmp_path, {}, two_phase=False)
    old = {w.path: w.entry("fp") for w in first}
    before = {p: os.stat(tmp_path / p).st_mtime_ns for p in old}
    again = emit(jobs(3), tmp_path, old, two_phase=True)
    assert [w.temp for w in again] == [None] * 3  # nothing waits to be renamed
    assert {p: os.stat(tmp_path / p).st_mtime_ns for p in old} == before


def test_two_phase_waits_beside_the_target_until_commit(tmp_path: Path) -> None:
    first = emit(jobs(2), tmp_path, {}, two_phase=False)
    old = {w.path: w.entry("fp") for w in first}
    waiting = emit(jobs(2, " edited"), tmp_path, old, two_phase=True)
    assert all(w.temp and Path(w.temp) == temp_path(tmp_path / w.path) for w in waiting)
    assert read_all(tmp_path)["p/000/index.html"] == b"page 0"  # the live file is untouched
    done, changed = commit(tmp_path, waiting)
    assert changed == [p for p, _ in jobs(2)]
    assert read_all(tmp_path) == {p: make() for p, make in jobs(2, " edited")}
    # a rename changes the ctime: the cache must keep the stamp the file has now
    assert [w.stamp for w in done] == [output_stamp(os.stat(tmp_path / w.path)) for w in done]


def _fails() -> bytes:
    raise RuntimeError("a page failed to render")


@pytest.mark.parametrize("n", [3, pool.PARALLEL_MIN + 5])
def test_a_failed_job_leaves_no_waiting_files(tmp_path: Path, n: int) -> None:
    work = [*jobs(n), ("p/bad/index.html", _fails)]
    with pytest.raises(RuntimeError, match="failed to render"):
        emit(work, tmp_path, {}, two_phase=True)
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def _square_all(offset: int, part: list[int]) -> list[int]:
    return [offset + x * x for x in part]


@pytest.mark.parametrize("n", [0, 5, pool.PARALLEL_MIN, 3 * pool.PARALLEL_MIN + 1])
def test_fork_map_keeps_order_and_shares_its_argument(n: int) -> None:
    items = list(range(n))
    assert pool.fork_map(_square_all, 10, items, chunks_per_worker=4) == \
        [10 + x * x for x in items]
    assert pool.parallel(n) == (n >= pool.PARALLEL_MIN and pool.workers() >= 2)
