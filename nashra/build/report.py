"""What a build reports: pages, files, warnings, stage times, or the errors that stopped it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from nashra.build import cache
from nashra.model import Problem

# Told of the work as it goes: (stage, items done, items in all; 0 = not counted). Progress
# goes to the terminal only, never into the site.
Progress = Callable[[str, int, int], None]


def _quiet(_stage: str, _done: int, _total: int) -> None:
    """No progress shown (the default: library calls, nashra serve, tests)."""


class BuildError(Exception):
    """The input has errors: nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{len(errors)} error(s) in the input")


@dataclass
class BuildReport:
    """What a build did: pages, files, problems and the time of each stage."""

    out: Path
    pages: list[str] = field(default_factory=list)
    files: int = 0
    warnings: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    state: cache.State | None = None  # handed to the next build by `nashra serve`
    rendered: int = 0  # pages rendered this build (the rest were unchanged)
    written: int = 0  # files whose bytes changed
    removed: int = 0  # files of the previous build that no longer exist
    stale_index: tuple[str, ...] = ()  # languages whose search index is out of date
    progress: Progress = field(default=_quiet, repr=False, compare=False)

    def stats(self) -> dict[str, object]:
        """The figures of this build, for --stats-json and benchmarks."""
        return {"timings": dict(self.timings), "pages": len(self.pages), "files": self.files,
                "rendered": self.rendered, "written": self.written, "removed": self.removed,
                "warnings": len(self.warnings)}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time one stage."""
        start = time.perf_counter()
        self.progress(name, 0, 0)
        try:
            yield
        finally:
            self.timings[name] = time.perf_counter() - start

    def counter(self, name: str, total: int) -> Callable[[int], None]:
        """A function to call with each batch of `name`'s items done, out of `total`."""
        done = 0

        def tick(n: int) -> None:
            nonlocal done
            done += n
            self.progress(name, done, total)

        self.progress(name, 0, total)
        return tick
