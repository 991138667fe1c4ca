"""The archive-wide map page: every place and country with coordinates, sized by mentions."""

from __future__ import annotations

from nashra import urls
from nashra.pages.charts.geo import Point, map_svg
from nashra.pages.charts.words import words
from nashra.pages.facts import SiteFacts
from nashra.pages.graph import entity_items
from nashra.pages.views import Page

MAPPED_TYPES = ("place", "country")


def map_page(look: SiteFacts, lang: str) -> Page:
    """A world map of the archive's places, then every place as a link (mapped or not)."""
    path = urls.section(lang, "map")
    w = words(lang)
    linked = look.linked
    places = [e for e in linked.archive.entities if e.type in MAPPED_TYPES]  # sorted by id
    mapped = [e for e in places if e.lat is not None and e.lon is not None]
    counts = linked.mention_counts
    points = [Point(e.lat, e.lon, e.name.get(lang), counts.get(e.id, 0),  # type: ignore[arg-type]
                    e.type == "country") for e in mapped]
    items = entity_items(linked, look.entities, lang, path, tuple(e.id for e in mapped))
    items = tuple(sorted(items, key=lambda i: (-i.mentions, -i.briefings, i.link.label)))
    top = "، ".join if lang == "ar" else ", ".join
    description = top(f"{i.link.label} ({i.mentions})" for i in items[:8])
    view = {
        "title": w["map_title"], "intro": w["map_intro"],
        "picture": map_svg(points, w["map"], description) if points else None,
        "places_heading": w["map_places"], "places": items,
        "unmapped_heading": w["map_unmapped"],
        "unmapped": entity_items(linked, look.entities, lang, path,
                                 tuple(e.id for e in places if e not in mapped)),
    }
    return Page(path, "map.html",
                look.chrome(lang, path, urls.section("en" if lang == "ar" else "ar", "map"),
                           w["map_title"], current="map"), view)
