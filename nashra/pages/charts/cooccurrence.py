"""Who appears with whom: an entity in the middle, its most frequent companions on a ring."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from markupsafe import Markup

from nashra.pages.charts.svg import clip, num, root, text

WIDTH, HEIGHT = 640, 360
RX, RY = 215, 120  # the ring of companions (an ellipse: labels need width more than height)
MAX_NODES = 8
LABEL_CHARS = 22


def ring_position(i: int, count: int, rtl: bool) -> tuple[float, float]:
    """The i-th companion's centre: from the top, clockwise (counter-clockwise on RTL)."""
    angle = -math.pi / 2 + 2 * math.pi * i / count
    dx = RX * math.cos(angle)
    return WIDTH / 2 + (-dx if rtl else dx), HEIGHT / 2 + RY * math.sin(angle)


def cooccurrence_svg(center: str, companions: Sequence[tuple[str, int]],
                     pairs: Mapping[tuple[int, int], int], lang: str, name: str,
                     description: str) -> Markup:
    """`center` linked to each companion (edge width: briefings shared); companions that
    share briefings with each other are linked too (thin lines). `pairs` uses indexes."""
    shown = companions[:MAX_NODES]
    peak = max((n for _, n in shown), default=1)
    nodes = [ring_position(i, len(shown), lang == "ar") for i in range(len(shown))]
    cx, cy = WIDTH / 2, HEIGHT / 2
    parts = []
    for (i, j), n in sorted(pairs.items()):
        if i < len(shown) and j < len(shown) and n:
            (x1, y1), (x2, y2) = nodes[i], nodes[j]
            parts.append(f'<line class="c-edge-weak" x1="{num(x1)}" y1="{num(y1)}" '
                         f'x2="{num(x2)}" y2="{num(y2)}" stroke="currentColor"/>')
    for (x, y), (_, n) in zip(nodes, shown, strict=True):
        parts.append(f'<line class="c-edge" x1="{num(cx)}" y1="{num(cy)}" x2="{num(x)}" '
                     f'y2="{num(y)}" stroke="currentColor" '
                     f'stroke-width="{num(1 + 5 * n / peak)}"/>')
    for (x, y), (label, n) in zip(nodes, shown, strict=True):
        r = 6 + 8 * math.sqrt(n / peak)
        parts.append(f'<circle class="c-node" cx="{num(x)}" cy="{num(y)}" r="{num(r)}" '
                     'fill="currentColor"/>')
        below = y >= cy - 1
        parts.append(text(x, y + r + 15 if below else y - r - 7, clip(label, LABEL_CHARS),
                          "c-node-label", "middle", halo=True))
        parts.append(text(x, y + 4.5, str(n), "c-node-count", "middle", 11))
    parts.append(f'<circle class="c-node-center" cx="{num(cx)}" cy="{num(cy)}" r="20" '
                 'fill="currentColor"/>')
    parts.append(text(cx, cy + 38, clip(center, LABEL_CHARS + 6), "c-center-label", "middle",
                      halo=True))
    return root(WIDTH, HEIGHT, name, description, parts, "c-cooccurrence")
