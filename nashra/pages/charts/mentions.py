"""An entity's mentions over time: one bar per month (or year), each with its count written."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from babel.dates import format_date
from markupsafe import Markup, escape

from nashra.pages.charts.svg import num, root, text

WIDTH, HEIGHT, PAD, TOP, BOTTOM = 640, 190, 16, 26, 40
MONTHLY_SPAN = 36  # up to this many months the chart has a bar per month, else per year
MIN_MONTHS = 12  # one month's mentions read better as a bar among a year's


def chart_span(dates: list[dt.date]) -> tuple[dt.date, dt.date]:
    """From the first mention to the last, over a year at least."""
    last = max(dates)
    month = lambda d: d.year * 12 + d.month - 1  # noqa: E731
    first = min(month(min(dates)), month(last) - MIN_MONTHS + 1)
    return dt.date(first // 12, first % 12 + 1, 1), last


def bins(counted: Counter[dt.date], first: dt.date, last: dt.date
         ) -> tuple[bool, list[tuple[dt.date, int]]]:
    """(monthly?, [(first day of the bin, mentions)]) from first to last."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months <= MONTHLY_SPAN:
        keys = [dt.date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1,
                        1) for i in range(months)]
        counts = Counter(dt.date(d.year, d.month, 1) for d in counted.elements())
        return True, [(k, counts[k]) for k in keys]
    counts = Counter(dt.date(d.year, 1, 1) for d in counted.elements())
    return False, [(dt.date(y, 1, 1), counts[dt.date(y, 1, 1)])
                   for y in range(first.year, last.year + 1)]


def mentions_svg(counted: Counter[dt.date], dates: list[dt.date], lang: str, name: str
                 ) -> Markup:
    """Bars of mentions per month or year over `dates`' span; counts written above the bars;
    mirrored on RTL pages."""
    monthly, series = bins(counted, *chart_span(dates))
    peak = max(n for _, n in series) or 1
    inner_w, inner_h = WIDTH - 2 * PAD, HEIGHT - TOP - BOTTOM
    step = inner_w / len(series)
    rtl = lang == "ar"
    base = TOP + inner_h
    parts = [f'<line class="c-axis" x1="{PAD}" y1="{base}" x2="{WIDTH - PAD}" y2="{base}" '
             'stroke="currentColor"/>']
    words = []
    for i, (key, n) in enumerate(series):
        left = PAD + i * step
        if rtl:
            left = WIDTH - PAD - (i + 1) * step
        mid = left + step / 2
        label = format_date(key, "LLLL y", locale=lang) if monthly else str(key.year)
        if n:
            h = max(inner_h * n / peak, 1)
            parts.append(f'<rect class="c-bar" x="{num(left + step * 0.12)}" y="{num(base - h)}"'
                         f' width="{num(step * 0.76)}" height="{num(h)}" fill="currentColor">'
                         f"<title>{escape(label)}: {n}</title></rect>")
            parts.append(text(mid, base - h - 5, str(n), "c-value", "middle"))
            words.append(f"{label}: {n}")
        if not monthly or key.month == 1 or i == 0:
            edge = left + step if rtl else left  # where the bin's time begins
            parts.append(f'<line class="c-grid" x1="{num(edge)}" y1="{base}" x2="{num(edge)}" '
                         f'y2="{base + 8}" stroke="currentColor"/>')
            parts.append(text(edge, base + 24, str(key.year), "c-tick", "start"))
        elif monthly and len(series) <= 24:
            parts.append(text(mid, base + 16, format_date(key, "LLLLL", locale=lang),
                              "c-month", "middle"))
    return root(WIDTH, HEIGHT, name, "; ".join(words), parts, "c-mentions")
