"""Coordinates of places and countries: `lat:`/`lon:` in front matter, checked at path:line."""

from __future__ import annotations

import pytest
from test_content import load, messages

PLACE = """---
type: place
name: {ar: بيونغ يانغ, en: Pyongyang}
lat: 39.04
lon: 125.76
---
<!-- ar -->
عاصمة.

<!-- en -->
A capital.
"""


def test_a_place_keeps_its_point():
    archive, problems = load({"content/entities/pyongyang.md": PLACE})
    assert problems == []
    (e,) = archive.entities
    assert (e.lat, e.lon) == (39.04, 125.76)


def test_an_entity_without_coordinates_has_none():
    archive, problems = load({"content/entities/pyongyang.md": PLACE.replace(
        "lat: 39.04\nlon: 125.76\n", "")})
    assert problems == [] and (archive.entities[0].lat, archive.entities[0].lon) == (None, None)


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("lon: 125.76\n", "",
     "content/entities/pyongyang.md:4: error: 'lat' without 'lon' (hint: add 'lon: …' too; "
     "write decimal degrees, e.g. lat: 39.03 and lon: 125.75 (south and west negative))"),
    ("lat: 39.04", "lat: 91", "content/entities/pyongyang.md:4: error: 'lat' must be between "
     "-90 and 90, not 91"),
    ("lon: 125.76", "lon: -180.5", "content/entities/pyongyang.md:5: error: 'lon' must be "
     "between -180 and 180, not -180.5"),
    ("lat: 39.04", "lat: \"39° N\"", "content/entities/pyongyang.md:4: error: 'lat' must be a "
     "number, not '39° N'"),
    ("lon: 125.76", "lon: .nan", "content/entities/pyongyang.md:5: error: 'lon' must be "
     "between -180 and 180, not nan"),
    ("type: place", "type: person", "content/entities/pyongyang.md:4: error: a person has no "
     "place on the map: 'lat'/'lon' are for places and countries (hint: remove the "
     "coordinates, or put them on the place's own entity)"),
])
def test_bad_coordinates_are_located(old, new, expected):
    archive, problems = load({"content/entities/pyongyang.md": PLACE.replace(old, new)})
    assert any(m.startswith(expected) for m in messages(problems)), messages(problems)
    assert all(e.lat is None and e.lon is None for e in archive.entities)


def test_the_default_archive_maps_its_concrete_places():
    from pathlib import Path

    from nashra.build.pipeline import load_stage

    archive = load_stage(Path(__file__).parent.parent)[0]
    mapped = {e.id for e in archive.entities if e.lat is not None}
    assert {"pyongyang", "moscow", "seoul", "vladivostok", "russia", "north-korea"} <= mapped
    assert all(e.type in ("place", "country") for e in archive.entities if e.id in mapped)
