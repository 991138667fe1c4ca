"""Maps: Natural Earth country outlines (vendored from world-atlas) and places sized by
mentions, in an equirectangular projection fitted to the places at build time."""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from nashra.pages.charts.svg import num, root, text, text_width

DATA = Path(__file__).parent / "data" / "countries-110m.json"
WIDTH = 960
MIN_SPAN = (24.0, 14.0)  # degrees of longitude and latitude a map shows at least
LAT_LIMITS = (-58.0, 84.0)  # no archive needs the poles, and they stretch the map
MAX_LABELS = 14
LABEL_FONT = 15  # charts.css .c-place-label: readable where a phone scrolls the map


@dataclass(frozen=True)
class Point:
    """A place on a map: where, what it is called in the page language, how often named."""

    lat: float
    lon: float
    label: str
    weight: int  # mentions: the dot's area grows with it
    country: bool = False  # a country's point tints the outline that holds it


@dataclass(frozen=True)
class Shape:
    """One country: its name and rings of (lon, lat), with their bounding box."""

    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]
    box: tuple[float, float, float, float]  # lon min, lat min, lon max, lat max


@functools.cache
def countries() -> tuple[Shape, ...]:
    """The vendored outlines (scripts/vendor_world_atlas.py wrote them)."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    scale = data["scale"]
    shapes = []
    for c in data["countries"]:
        rings = tuple(tuple((r[i] / scale, r[i + 1] / scale) for i in range(0, len(r), 2))
                      for r in c["rings"])
        lons = [p[0] for ring in rings for p in ring]
        lats = [p[1] for ring in rings for p in ring]
        shapes.append(Shape(c["name"], rings, (min(lons), min(lats), max(lons), max(lats))))
    return tuple(shapes)


def inside(lon: float, lat: float, shape: Shape) -> bool:
    """Whether a point lies in a country (even-odd rule over its rings)."""
    x0, y0, x1, y1 = shape.box
    if not (x0 <= lon <= x1 and y0 <= lat <= y1):
        return False
    hit = False
    for ring in shape.rings:
        for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (ay > lat) != (by > lat) and lon < ax + (lat - ay) * (bx - ax) / (by - ay):
                hit = not hit
    return hit


@dataclass(frozen=True)
class View:
    """The part of the world a map shows, and how it projects onto the picture."""

    lon0: float
    lat0: float
    lon1: float
    lat1: float
    width: float
    height: float

    @property
    def squeeze(self) -> float:
        """Longitude shrink at the view's middle latitude (equirectangular, true there)."""
        return math.cos(math.radians((self.lat0 + self.lat1) / 2))

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        """Picture coordinates of a point."""
        return ((lon - self.lon0) / (self.lon1 - self.lon0) * self.width,
                (self.lat1 - lat) / (self.lat1 - self.lat0) * self.height)


def fit(points: Sequence[Point], pad: float = 0.15, min_span: tuple[float, float] = MIN_SPAN
        ) -> View:
    """A view around the points, padded, at least `min_span` degrees, inside the world."""
    lons, lats = [p.lon for p in points], [p.lat for p in points]
    box = [min(lons), min(lats), max(lons), max(lats)]
    for axis, limits in ((0, (-180.0, 180.0)), (1, LAT_LIMITS)):
        lo, hi = box[axis], box[axis + 2]
        span = max((hi - lo) * (1 + 2 * pad), min_span[axis])
        mid = (lo + hi) / 2
        lo, hi = mid - span / 2, mid + span / 2
        if lo < limits[0]:
            lo, hi = limits[0], min(limits[0] + span, limits[1])
        if hi > limits[1]:
            lo, hi = max(limits[1] - span, limits[0]), limits[1]
        box[axis], box[axis + 2] = lo, hi
    squeeze = math.cos(math.radians((box[1] + box[3]) / 2))
    ratio = (box[3] - box[1]) / ((box[2] - box[0]) * squeeze)
    height = round(min(max(WIDTH * ratio, 260), 620))
    return View(box[0], box[1], box[2], box[3], WIDTH, height)


def around(point: Point, min_span: tuple[float, float]) -> View:
    """A view of a point: with `country`, the whole country that holds it when it fits
    (Russia's outline spans the antimeridian: its view stays a wide window at the point)."""
    holder = next((s for s in countries() if point.country and inside(point.lon, point.lat, s)),
                  None)
    if holder is None or holder.box[2] - holder.box[0] > 150:
        return fit([point], min_span=min_span)
    x0, y0, x1, y1 = holder.box
    corners = [Point(y0, x0, "", 0), Point(y1, x1, "", 0), point]
    return fit(corners, pad=0.08, min_span=min_span)


def outline(shape: Shape, view: View) -> str:
    """A country as path data, each ring closed; nothing when it lies outside the view."""
    x0, y0, x1, y1 = shape.box
    if x1 < view.lon0 or x0 > view.lon1 or y1 < view.lat0 or y0 > view.lat1:
        return ""
    rings = []
    for ring in shape.rings:
        pts = []
        for lon, lat in ring:
            x, y = view.xy(lon, lat)
            pt = f"{num(x)} {num(y)}"
            if not pts or pts[-1] != pt:
                pts.append(pt)
        if len(pts) > 2:
            rings.append("M" + "L".join(pts) + "Z")
    return "".join(rings)


def labels(points: Sequence[Point], spots: Sequence[tuple[float, float, float]],
           view: View, limit: int) -> list[str]:
    """Labels of the most mentioned points, leaving out any that would overlap another."""
    taken: list[tuple[float, float, float, float]] = []
    out = []
    order = sorted(range(len(points)), key=lambda i: (-points[i].weight, points[i].label))
    for i in order[:limit * 2]:
        if len(out) >= limit:
            break
        x, y, r = spots[i]
        w = text_width(points[i].label, LABEL_FONT)
        box = (x - w / 2 - 2, y - r - LABEL_FONT - 4, x + w / 2 + 2, y - r)
        if box[0] < 0 or box[2] > view.width or box[1] < 0:
            continue
        if any(box[0] < b[2] and box[2] > b[0] and box[1] < b[3] and box[3] > b[1]
               for b in taken):
            continue
        taken.append(box)
        out.append(text(x, y - r - 4, points[i].label, "c-place-label", "middle", LABEL_FONT,
                        halo=True))
    return out


def map_svg(points: Sequence[Point], name: str, description: str, *,
            view: View | None = None, max_labels: int = MAX_LABELS) -> Markup:
    """Countries (those holding a country's point tinted) and the points as dots whose area
    grows with their mentions; the biggest drawn first, so small ones stay visible."""
    view = view or fit(points)
    tinted = {s.name for s in countries() for p in points
              if p.country and inside(p.lon, p.lat, s)}
    land, marked = [], []
    for shape in countries():
        d = outline(shape, view)
        if d:
            (marked if shape.name in tinted else land).append(d)
    parts = [f'<rect class="c-sea" width="{view.width}" height="{num(view.height)}" '
             'fill="none"/>']
    if land:
        parts.append(f'<path class="c-land" d="{"".join(land)}" fill="currentColor" '
                     'fill-rule="evenodd"/>')
    if marked:
        parts.append(f'<path class="c-land-marked" d="{"".join(marked)}" fill="currentColor" '
                     'fill-rule="evenodd"/>')
    peak = max((p.weight for p in points), default=1) or 1
    spots = []
    for p in points:
        x, y = view.xy(p.lon, p.lat)
        spots.append((x, y, 3 + 11 * math.sqrt(max(p.weight, 0) / peak)))
    for i in sorted(range(len(points)), key=lambda i: (-spots[i][2], points[i].label)):
        x, y, r = spots[i]
        parts.append(f'<circle class="c-place" cx="{num(x)}" cy="{num(y)}" r="{num(r)}" '
                     'fill="currentColor"/>')
    parts.extend(labels(points, spots, view, max_labels))
    return root(view.width, view.height, name, description, parts, "c-map")
