"""One worker pool for the build's parallel steps (linking briefings, writing pages)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any

# Below this many items, starting worker processes costs more than it saves.
PARALLEL_MIN = 64
MAX_WORKERS = 8

_SHARED: tuple[Callable[[Any, Sequence[Any]], list[Any]], Any, Sequence[Any]] | None = None


def workers() -> int:
    """How many processes a parallel step uses: one per core, at most MAX_WORKERS."""
    return min(os.cpu_count() or 1, MAX_WORKERS)


def parallel(n: int) -> bool:
    """Whether a step over `n` items runs in forked workers."""
    return n >= PARALLEL_MIN and workers() >= 2 and \
        "fork" in multiprocessing.get_all_start_methods()


def _run_range(bounds: tuple[int, int]) -> list[Any]:
    assert _SHARED is not None
    work, shared, items = _SHARED
    return work(shared, items[slice(*bounds)])


def fork_map(work: Callable[[Any, Sequence[Any]], list[Any]], shared: Any,
             items: Sequence[Any], *, chunks_per_worker: int,
             tick: Callable[[int], None] = lambda _n: None) -> list[Any]:
    """`work(shared, part)` over consecutive parts of `items`, results in order; `tick` is
    told how many items each part held as it is done (progress).

    In forked workers when `parallel(len(items))`: they inherit `shared` and `items`
    (compiled matchers, planned pages, templates) instead of receiving them pickled;
    only the part's bounds go to a worker and its results come back."""
    global _SHARED
    if not parallel(len(items)):
        done = work(shared, items)
        tick(len(items))
        return done
    size = max(1, len(items) // (workers() * chunks_per_worker))
    bounds = [(i, min(i + size, len(items))) for i in range(0, len(items), size)]
    _SHARED = (work, shared, items)
    results: list[Any] = []
    try:
        with multiprocessing.get_context("fork").Pool(workers()) as pool:
            for (start, end), part in zip(bounds, pool.imap(_run_range, bounds), strict=True):
                results += part  # in order, as each part is done
                tick(end - start)
        return results
    finally:
        _SHARED = None
