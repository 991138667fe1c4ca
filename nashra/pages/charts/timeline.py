"""The timeline picture: events placed by date above a real time axis, briefings as ticks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from babel.dates import format_date
from markupsafe import Markup

from nashra.pages.charts.svg import clip, num, root, text, text_width

WIDTH, PAD = 960, 24
LANE = 20  # vertical room of one row of event labels
MAX_LANES = 7
LABEL_CHARS = 30
YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)


@dataclass(frozen=True)
class Mark:
    """One event on the axis: its dates and its title in the page language."""

    start: dt.date
    end: dt.date | None
    label: str


def year_span(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """Whole years around two dates: the axis never starts or ends mid-year."""
    return dt.date(first.year, 1, 1), dt.date(last.year, 12, 31)


def ticks(first: dt.date, last: dt.date, lang: str) -> list[tuple[dt.date, str]]:
    """Axis ticks: months for a span up to about a year, else years at a round step."""
    if (last - first).days <= 400:
        found, d = [], dt.date(first.year, first.month, 1)
        while d <= last:
            if d >= first:
                found.append((d, format_date(d, "LLL", locale=lang)))
            d = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
        return found
    years = last.year - first.year + 1
    step = next((s for s in YEAR_STEPS if years / s <= 10), YEAR_STEPS[-1])
    start = first.year + (-first.year) % step
    return [(dt.date(y, 1, 1), str(y)) for y in range(start, last.year + 1, step)]


class Axis:
    """Dates to x: left to right, or right to left on RTL pages."""

    def __init__(self, first: dt.date, last: dt.date, rtl: bool) -> None:
        self.first, self.days, self.rtl = first, max((last - first).days, 1), rtl
        self.inner = WIDTH - 2 * PAD

    def along(self, d: dt.date) -> float:
        """Distance from the axis's start (in the direction time runs)."""
        return min(max((d - self.first).days / self.days, 0.0), 1.0) * self.inner

    def x(self, d: dt.date) -> float:
        """The x coordinate of a date."""
        return self.x_of(self.along(d))

    def x_of(self, along: float) -> float:
        """The x coordinate of a distance along the axis."""
        return WIDTH - PAD - along if self.rtl else PAD + along


def free_lane(lanes: list[list[tuple[float, float]]], leaders: list[tuple[float, int]],
              span: tuple[float, float], at: float) -> int | None:
    """The lowest lane where `span` fits, crossing no leader line and with no label below
    it covering `at` (where its own leader line rises)."""
    for lane, used in enumerate(lanes):
        if all(span[1] <= a or span[0] >= b for a, b in used) and not any(
                span[0] <= x <= span[1] for x, up in leaders if up > lane):
            return lane
        if any(a <= at <= b for a, b in used):
            return None
    return None


def place_labels(marks: Sequence[Mark], axis: Axis) -> list[tuple[int, str, str] | None]:
    """(lane, label, anchor) of each mark, or None when no lane has room for its label.

    Latest first, each in the lowest lane where its label fits and where no label below
    covers its dot, so that no leader line from a dot up to its label crosses another label.
    """
    lanes: list[list[tuple[float, float]]] = [[] for _ in range(MAX_LANES)]
    leaders: list[tuple[float, int]] = []  # (position, lane) of every labelled dot
    placed: dict[int, tuple[int, str, str]] = {}
    order = sorted(range(len(marks)), key=lambda i: (marks[i].start, i), reverse=True)
    for done, index in enumerate(order):
        label = clip(marks[index].label, LABEL_CHARS)
        at, width = axis.along(marks[index].start), text_width(label) + 8
        earlier = [axis.along(marks[i].start) for i in order[done + 1:]]
        # forward in time from the dot; else backward, over no dot still to be labelled
        spans = [(anchor, (start, start + width)) for anchor, start in
                 (("start", at - 4), ("end", at - width + 4))
                 if start >= -PAD / 2 and start + width <= axis.inner + PAD / 2
                 and (anchor == "start" or not any(start <= x < at for x in earlier))]
        for anchor, span in spans:
            lane = free_lane(lanes, leaders, span, at)
            if lane is not None:
                lanes[lane].append(span)
                leaders.append((at, lane))
                placed[index] = (lane, label, anchor)
                break
    return [placed.get(i) for i in range(len(marks))]


def timeline_svg(marks: Sequence[Mark], briefings: Sequence[dt.date], first: dt.date,
                 last: dt.date, lang: str, name: str, description: str, *,
                 labelled: bool) -> Markup:
    """Events (dots, ranges as bars) and briefings (ticks) on an axis from first to last."""
    axis = Axis(first, last, lang == "ar")
    marks = sorted(marks, key=lambda m: (m.start, m.label))
    labels = place_labels(marks, axis) if labelled else [None] * len(marks)
    lanes = 1 + max((p[0] for p in labels if p), default=-1)
    axis_y = 14 + lanes * LANE + (14 if lanes else 4)
    parts = [f'<line class="c-axis" x1="{PAD}" y1="{axis_y}" x2="{WIDTH - PAD}" '
             f'y2="{axis_y}" stroke="currentColor"/>']
    for d, label in ticks(first, last, lang):
        x = num(axis.x(d))
        parts.append(f'<line class="c-grid" x1="{x}" y1="{axis_y}" x2="{x}" y2="{axis_y + 22}"'
                     ' stroke="currentColor"/>')
        parts.append(text(axis.x(d), axis_y + 36, label, "c-tick", "start"))
    seen: set[str] = set()
    for d in sorted(briefings):
        x = num(axis.x(d))
        if x not in seen:  # one tick per drawn position: a busy day stays one line
            seen.add(x)
            parts.append(f'<line class="c-brief" x1="{x}" y1="{axis_y + 3}" x2="{x}" '
                         f'y2="{axis_y + 17}" stroke="currentColor"/>')
    drawn: set[str] = set()
    for m, label in zip(marks, labels, strict=True):
        x = axis.x(m.start)
        if m.end and m.end > m.start:
            parts.append(f'<line class="c-range" x1="{num(x)}" y1="{axis_y - 6}" '
                         f'x2="{num(axis.x(m.end))}" y2="{axis_y - 6}" stroke="currentColor"/>')
        if label:
            lane, words, anchor = label
            y = axis_y - 14 - lane * LANE
            parts.append(f'<line class="c-lead" x1="{num(x)}" y1="{axis_y - 6}" '
                         f'x2="{num(x)}" y2="{y + 4}" stroke="currentColor"/>')
            parts.append(text(x, y, words, "c-event-label", anchor, halo=True))
        key = f"{num(x)}"
        if label or key not in drawn:
            drawn.add(key)
            parts.append(f'<circle class="c-event" cx="{num(x)}" cy="{axis_y - 6}" r="5" '
                         'fill="currentColor"/>')
    return root(WIDTH, axis_y + 44, name, description, parts, "c-timeline")

