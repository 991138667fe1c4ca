"""Progress on long work, on stderr: a bar when it is a terminal (rich), plain lines now and
then in a CI log. Work shorter than a second shows nothing and never imports rich."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

NOUNS = {"link": "briefings", "render": "files", "ingest": "seeds"}  # what a stage counts


class Progress:
    """Called as progress(stage, done, total) (total 0: a stage without counts); close()
    when the work is over."""

    DELAY = 1.0  # seconds of work before anything is shown
    EVERY = 10.0  # seconds between two plain lines of one stage

    def __init__(self, stream: TextIO | None = None, *, live: bool | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self.clock = clock
        self.started = clock()
        self.stage, self.done, self.total = "", 0, 0
        self.stage_started = self.started
        self.printed: tuple[str, float] | None = None  # the last plain line: stage, when
        self.bar: Any = None  # rich's Progress, once started
        self.tasks: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = self.clock()
        if stage == self.stage and not done and not total:
            return  # a stage starting whose count is known already
        if stage != self.stage:
            self._finish_task()
            self.stage, self.stage_started = stage, now
        self.done, self.total = done, total
        if now - self.started < self.DELAY:
            return
        if self.live:
            self._draw()
        elif self.printed is None or self.printed[0] != stage or now - self.printed[1] >= \
                self.EVERY:
            self._line(now)

    def _line(self, now: float) -> None:
        counts = f" {self.done}/{self.total} {NOUNS.get(self.stage, 'items')}" if self.total \
            else ""
        share = f" ({100 * self.done // self.total}%)" if self.total else ""
        print(f"nashra: {self.stage}{counts}{share}, {now - self.started:.0f}s",
              file=self.stream, flush=True)
        self.printed = (self.stage, now)

    def _draw(self) -> None:
        if self.bar is None:
            from rich.console import Console  # lazily: importing rich costs ~0.4 s
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )
            from rich.progress import Progress as Bar

            self.bar = Bar(SpinnerColumn(), TextColumn("{task.description:>8}"), BarColumn(),
                           MofNCompleteColumn(), TimeElapsedColumn(),
                           console=Console(file=self.stream), transient=True)
            self.bar.start()
        task = self.tasks.get(self.stage)
        if task is None:
            task = self.tasks[self.stage] = self.bar.add_task(self.stage, total=None)
        self.bar.update(task, completed=self.done, total=self.total or None)

    def _finish_task(self) -> None:
        task = self.tasks.get(self.stage)
        if self.bar is not None and task is not None:
            self.bar.update(task, completed=self.total or 1, total=self.total or 1)

    def close(self) -> None:
        """Take the bar off the terminal (the summary line follows)."""
        if self.bar is not None:
            self._finish_task()
            self.bar.stop()
            self.bar = None
