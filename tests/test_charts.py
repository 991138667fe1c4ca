"""The build-time SVG pictures: accessible, direction-aware, escaped, deterministic."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from nashra.pages.charts.cooccurrence import cooccurrence_svg
from nashra.pages.charts.geo import Point, countries, fit, inside, map_svg
from nashra.pages.charts.mentions import mentions_svg
from nashra.pages.charts.svg import num
from nashra.pages.charts.timeline import Axis, Mark, place_labels, timeline_svg

SVG = "{http://www.w3.org/2000/svg}"
D = dt.date


def parse(markup: str) -> ET.Element:
    """The picture as XML (it must be well-formed on its own)."""
    return ET.fromstring(str(markup))


def accessible(root: ET.Element, name: str) -> None:
    assert root.get("role") == "img" and root.get("aria-label") == name
    assert root.find(f"{SVG}title").text == name
    assert root.find(f"{SVG}desc").text


MARKS = [Mark(D(2024, 3, 28), None, "Veto"), Mark(D(2024, 6, 18), D(2024, 6, 19), "Summit"),
         Mark(D(2024, 12, 4), None, "Treaty in force")]
BRIEFINGS = [D(2024, 6, 18), D(2024, 6, 19), D(2024, 6, 20)]


def event_xs(root: ET.Element) -> list[float]:
    return [float(c.get("cx")) for c in root.iter(f"{SVG}circle") if c.get("class") == "c-event"]


@pytest.mark.parametrize(("lang", "later_is"), [("ar", "left"), ("en", "right")])
def test_timeline_places_events_by_date_in_the_reading_direction(lang, later_is):
    root = parse(timeline_svg(MARKS, BRIEFINGS, D(2024, 1, 1), D(2024, 12, 31), lang,
                              "Timeline", "2024", labelled=True))
    accessible(root, "Timeline")
    xs = event_xs(root)
    assert len(xs) == 3
    assert xs == sorted(xs, reverse=later_is == "left")
    # June 18 sits at its share of the year: 169 days of 365 along the axis
    along = (xs[1] - 24) if lang == "en" else (960 - 24 - xs[1])
    assert along == pytest.approx(169 / 365 * 912, abs=0.2)
    ticks = [float(t.get("x")) for t in root.iter(f"{SVG}text") if t.get("class") == "c-tick"]
    assert len(ticks) == 12 and ticks == sorted(ticks, reverse=later_is == "left")
    briefs = [e for e in root.iter(f"{SVG}line") if e.get("class") == "c-brief"]
    assert len(briefs) == 3


def test_timeline_labels_never_overlap_nor_cross_a_leader():
    marks = [Mark(D(2024, 6, 10 + i), None, f"Event number {i} with a long title")
             for i in range(12)]
    axis = Axis(D(2024, 1, 1), D(2024, 12, 31), False)
    placed = place_labels(marks, axis)
    assert any(placed) and placed.count(None) < len(marks)
    spans: dict[int, list[tuple[float, float]]] = {}
    for m, p in zip(marks, placed, strict=True):
        if p:
            lane, label, anchor = p
            at = axis.along(m.start)
            w = len(label) * 13 * 0.56 + 8
            span = (at - 4, at - 4 + w) if anchor == "start" else (at - w + 4, at + 4)
            assert all(span[1] <= a + 0.01 or span[0] >= b - 0.01 for a, b in spans.get(lane, []))
            spans.setdefault(lane, []).append(span)
    for m, p in zip(marks, placed, strict=True):
        if p:  # no label in a lower lane covers this dot's leader line
            at = axis.along(m.start)
            assert not any(a < at < b for lane in range(p[0]) for a, b in spans.get(lane, []))


def test_titles_are_escaped_never_markup():
    svg = str(timeline_svg([Mark(D(2024, 1, 2), None, '<script>alert("x")</script>')], [],
                           D(2024, 1, 1), D(2024, 12, 31), "en", 'A "name" & <b>', "d",
                           labelled=True))
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg and 'aria-label="A &#34;name&#34; &amp; &lt;b&gt;"' in svg
    parse(svg)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_mentions_chart_writes_every_value_and_runs_with_the_page(lang):
    counted = Counter({D(2023, 9, 9): 7, D(2024, 6, 18): 20, D(2024, 6, 20): 6,
                       D(2025, 6, 19): 3})
    root = parse(mentions_svg(counted, list(counted), lang, "Mentions over time"))
    accessible(root, "Mentions over time")
    values = [(float(t.get("x")), t.text) for t in root.iter(f"{SVG}text")
              if t.get("class") == "c-value"]
    assert [v for _, v in values] == ["7", "26", "3"]  # one bar per month, written above it
    xs = [x for x, _ in values]
    assert xs == sorted(xs, reverse=lang == "ar")
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "c-bar"]
    assert len(bars) == 3 and all(r.find(f"{SVG}title") is not None for r in bars)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_cooccurrence_is_laid_out_the_same_every_time_and_mirrored_on_rtl(lang):
    companions = [("Kim", 5), ("Moscow", 4), ("Seoul", 2)]
    make = lambda: str(cooccurrence_svg("Putin", companions, {(0, 1): 3}, lang,  # noqa: E731
                                        "Who appears with whom", "d"))
    assert make() == make()
    root = parse(make())
    accessible(root, "Who appears with whom")
    nodes = [(float(c.get("cx")), float(c.get("cy"))) for c in root.iter(f"{SVG}circle")
             if c.get("class") == "c-node"]
    assert nodes[0] == (320, 60)  # the most frequent companion on top
    assert (nodes[1][0] < 320) == (lang == "ar")  # then clockwise, or counter-clockwise
    edges = [e for e in root.iter(f"{SVG}line") if e.get("class") == "c-edge"]
    assert [float(e.get("stroke-width")) for e in edges] == [6, 5, 3]
    assert len([e for e in root.iter(f"{SVG}line") if e.get("class") == "c-edge-weak"]) == 1


def test_points_fall_in_the_right_country_of_the_vendored_outlines():
    shapes = {s.name: s for s in countries()}
    assert len(shapes) > 170 and "Antarctica" not in shapes
    assert inside(125.76, 39.04, shapes["North Korea"])  # Pyongyang
    assert not inside(126.98, 37.57, shapes["North Korea"])  # Seoul
    assert inside(126.98, 37.57, shapes["South Korea"])
    assert inside(37.62, 55.76, shapes["Russia"]) and inside(135.1, 48.5, shapes["Russia"])


def test_a_map_fits_its_places_sizes_them_by_mentions_and_tints_their_countries():
    points = [Point(39.04, 125.76, "Pyongyang", 40), Point(55.76, 37.62, "Moscow", 10),
              Point(40.3, 127.5, "North Korea", 65, country=True)]
    view = fit(points)
    assert view.lon0 < 37.62 and view.lon1 > 127.5 and view.lat0 < 39 and view.lat1 > 55.76
    svg = str(map_svg(points, "Map", "three places"))
    assert svg == str(map_svg(points, "Map", "three places"))
    root = parse(svg)
    accessible(root, "Map")
    marked = [p for p in root.iter(f"{SVG}path") if p.get("class") == "c-land-marked"]
    assert len(marked) == 1 and marked[0].get("d").count("M") >= 1
    radius = {float(c.get("r")) for c in root.iter(f"{SVG}circle")}
    assert max(radius) == 14 and min(radius) < 8  # area grows with mentions
    labels = [t.text for t in root.iter(f"{SVG}text") if "c-halo" not in t.get("class")]
    # the most mentioned first; Pyongyang's label would overlap North Korea's: left out
    assert labels == ["North Korea", "Moscow"]
    # countries far from the view are left out: no Americas on a Eurasian map
    rings = sum(len(c.rings) for c in countries())
    assert svg.count("M") < rings / 2


def test_numbers_are_rounded_stably():
    assert [num(x) for x in (1.0, 1.25, -0.04, 3.14159, 100.0)] == ["1", "1.2", "0", "3.1", "100"]


def test_a_country_page_shows_the_whole_country_when_it_fits():
    from nashra.pages.charts.geo import around

    shapes = {s.name: s for s in countries()}
    us = around(Point(39.8, -98.6, "United States", 1, country=True), (64, 36))
    x0, y0, x1, y1 = shapes["United States of America"].box
    assert us.lon0 <= x0 and us.lon1 >= x1 and us.lat0 <= y0 and us.lat1 >= y1
    russia = around(Point(61.5, 105.3, "Russia", 1, country=True), (64, 36))
    assert russia.lon1 - russia.lon0 == pytest.approx(64)  # a window at the point
    place = around(Point(39.04, 125.76, "Pyongyang", 1), (40, 22))
    assert place.lon1 - place.lon0 == pytest.approx(40)
