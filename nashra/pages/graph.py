"""Pages of the web of links: entity index, entity pages, event pages, the timeline."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import groupby

from markupsafe import Markup

from nashra import urls
from nashra.model import (
    DIRECTION,
    ENTITY_TYPES,
    Briefing,
    Entity,
    Event,
    LinkedArchive,
    Snippet,
)
from nashra.pages import i18n, jsonld
from nashra.pages.charts.cooccurrence import MAX_NODES, cooccurrence_svg
from nashra.pages.charts.geo import Point, around, fit, map_svg
from nashra.pages.charts.mentions import mentions_svg
from nashra.pages.charts.timeline import Mark, timeline_svg, year_span
from nashra.pages.charts.words import words
from nashra.pages.facts import SiteFacts
from nashra.pages.search_fields import entity_fields, event_fields
from nashra.pages.views import Card, Link, Page, Text, YearLink, card, correction_views
from nashra.text.dates import iso_at

# An index page (archive, timeline) lists every briefing while they are this few, else only
# the newest years' that fit, and every year has a page of its own.
LIST_MAX = 60


@dataclass(frozen=True)
class Mentioning:
    """A briefing that mentions an entity, with keyword-in-context snippets."""

    card: Card
    snippets: tuple[tuple[Snippet, str, str], ...]  # (snippet, lang, dir)


@dataclass(frozen=True)
class EntityItem:
    """An entity in a list, with its counts."""

    link: Link
    briefings: int
    mentions: int
    label: str


@dataclass(frozen=True)
class TimelineItem:
    """One dated thing on the timeline."""

    kind: str  # "event" | "briefing"
    kind_label: str
    date_iso: str
    date_text: str
    title: Text
    url: str


def year_path(page: str, year: int) -> str:
    """The page of one year below a page: en/archive/index.html -> en/archive/2024/index.html."""
    return page.removesuffix(urls.INDEX) + f"{year}/{urls.INDEX}"


def years_in_full(counts: Mapping[int, int]) -> frozenset[int]:
    """The newest years whose briefings fit on an index page together (at least the newest)."""
    shown: set[int] = set()
    total = 0
    for year in sorted(counts, reverse=True):
        total += counts[year]
        if shown and total > LIST_MAX:
            break
        shown.add(year)
    return frozenset(shown)


def entity_name(e: Entity, lang: str) -> Text:
    """An entity's name in `lang`."""
    return Text.of(e.name.get(lang), lang)


def entity_items(linked: LinkedArchive, entities: Mapping[str, Entity], lang: str,
                 from_path: str, ids: tuple[str, ...] | None = None) -> tuple[EntityItem, ...]:
    """Entities as list items with briefing and mention counts, most mentioned first."""
    chosen = ids if ids is not None else tuple(entities)
    items = []
    for ident in chosen:
        n_briefings = len(linked.entity_briefings.get(ident, ()))
        n_mentions = linked.mention_counts.get(ident, 0)
        url = urls.relative(from_path, urls.entity(lang, ident))
        items.append(EntityItem(
            Link(entities[ident].name.get(lang), url), n_briefings, n_mentions,
            i18n.count(lang, "in_briefings", n_briefings)))
    if ids is None:
        items.sort(key=lambda i: (-i.mentions, -i.briefings, i.link.label))
    return tuple(items)


def entity_index_page(look: SiteFacts, lang: str) -> Page:
    """Every entity grouped by type, with mention counts."""
    path = urls.section(lang, "entities")
    t = i18n.t(lang)
    linked = look.linked
    items = {i.link.url: i for i in entity_items(linked, look.entities, lang, path)}
    groups = []
    for kind in ENTITY_TYPES:
        members = [e for e in linked.archive.entities if e.type == kind]
        ordered = sorted((items[urls.relative(path, urls.entity(lang, e.id))] for e in members),
                         key=lambda i: (-i.mentions, -i.briefings, i.link.label))
        if ordered:
            groups.append({"id": kind, "label": t[f"type_{kind}"], "members": tuple(ordered)})
    return Page(path, "entities.html",
                look.chrome(lang, path, urls.section("en" if lang == "ar" else "ar", "entities"),
                           t["entities"], current="entities"),
                {"groups": tuple(groups)})


def mentioning(look: SiteFacts, ident: str, lang: str, path: str, slugs: Iterable[str]
               ) -> tuple[Mentioning, ...]:
    """Cards of `slugs`, each with up to three snippets of the entity (page language first)."""
    by_slug = look.snippets(ident)
    found = []
    for slug in slugs:
        snippet_lang = lang if lang == "ar" or (slug, "en") in by_slug else "ar"
        direction = DIRECTION[snippet_lang]
        snippets = tuple((snip, snippet_lang, direction)
                         for snip in by_slug.get((slug, snippet_lang), ())[:3])
        found.append(Mentioning(card(look.briefings[slug], look.translations.get(slug), lang,
                                     path), snippets))
    return tuple(found)


def cooccurrence_picture(look: SiteFacts, e: Entity, lang: str) -> Markup | None:
    """The entity among its most frequent companions, linked by the briefings they share."""
    top = look.linked.cooccurrence.get(e.id, ())[:MAX_NODES]
    if not top:
        return None
    index = {o: i for i, (o, _) in enumerate(top)}
    pairs = {(i, index[o2]): n for o, i in index.items()
             for o2, n in look.linked.cooccurrence.get(o, ()) if index.get(o2, -1) > i}
    w = words(lang)
    return cooccurrence_svg(e.name.get(lang), [(look.entities[o].name.get(lang), n)
                                               for o, n in top],
                            pairs, lang, w["cooccurrence"],
                            w["cooccurrence_desc"].format(name=e.name.get(lang)))


def place_map(look: SiteFacts, e: Entity, lang: str) -> Markup | None:
    """A place's or country's point on the map around it (none without coordinates)."""
    if e.lat is None or e.lon is None:
        return None
    point = Point(e.lat, e.lon, e.name.get(lang), 1, country=True)  # tints its country
    w = words(lang)
    span = (64.0, 36.0) if e.type == "country" else (40.0, 22.0)
    return map_svg([point], w["map_of"].format(name=e.name.get(lang)),
                   w["map_desc"].format(name=e.name.get(lang)),
                   view=around(point, span) if e.type == "country" else fit([point],
                                                                            min_span=span),
                   max_labels=1)


def story_order(look: SiteFacts, slugs: Iterable[str]) -> list[str]:
    """Briefings in date order, oldest first: the story as it happened."""
    return sorted(slugs, key=lambda s: (look.briefings[s].date, s))


def entity_page(look: SiteFacts, e: Entity, lang: str,
                span: tuple[dt.date, dt.date]) -> Page:
    """One entity: names, description, the briefings that mention it in context."""
    # Up to ENTITY_LIST_MAX briefings the page shows them all, in date order; past that, the
    # latest ENTITY_LIST_MAX and a page per year (entity_year_page). `span` is the archive's
    # (first, last) date: its last dates, for search, an entity nothing mentions.
    path = urls.entity(lang, e.id)
    other = "en" if lang == "ar" else "ar"
    t = i18n.t(lang)
    briefings, linked = look.briefings, look.linked
    newest_first = linked.entity_briefings.get(e.id, ())
    years = look.entity_years(e.id)
    if years:
        shown = look.entity_shown(e.id)
        heading = t["latest_mentions"]
        note = i18n.count(lang, "latest_of", len(newest_first), shown=len(shown))
    else:
        shown, heading, note = tuple(story_order(look, newest_first)), t["mentioned_in"], None
    counted: Counter[dt.date] = Counter()
    for slug, n in linked.name_counts.get(e.id, ()):
        counted[briefings[slug].date] += n
    total = sum(counted.values())
    newest = briefings[newest_first[0]].date if newest_first else span[1]
    co = tuple((Link(look.entities[o].name.get(lang),
                     urls.relative(path, urls.entity(lang, o))), n)
               for o, n in linked.cooccurrence.get(e.id, ()))
    events = tuple(event_link(look.events[ev], lang, path)
                   for ev in linked.entity_events.get(e.id, ()))
    view = {
        "name": entity_name(e, lang), "other_name": Text.of(e.name.get(other), other),
        "kind": t[f"kind_{e.type}"],
        "aliases_ar": tuple(a for a in e.aliases_ar if a != e.name.ar),
        "aliases_en": tuple(a for a in e.aliases_en if a != e.name.en),
        "description": Text.of(e.description.get(lang), lang) if e.description.get(lang)
        else None,
        "wikidata": f"https://www.wikidata.org/wiki/{e.wikidata}" if e.wikidata else None,
        "count": i18n.count(lang, "count_mentions", total),
        "chart": mentions_svg(counted, [briefings[s].date for s in newest_first], lang,
                              words(lang)["mentions_over_time"]) if total else None,
        "chart_caption": f"{t['mentions_over_time']} · {i18n.count(lang, 'count_mentions', total)}",
        "cooccurrence": cooccurrence_picture(look, e, lang),
        "cooccurrence_caption": words(lang)["cooccurrence_desc"].format(name=e.name.get(lang)),
        "map": place_map(look, e, lang),
        "map_caption": words(lang)["map_of"].format(name=e.name.get(lang)),
        "mentioning_heading": heading, "mentioning_note": note,
        "mentioning": mentioning(look, e.id, lang, path, shown),
        "years": tuple(YearLink(str(y), len(slugs), urls.relative(path, year_path(path, y)))
                       for y, slugs in years.items()),
        "cooccurring": co, "events": events,
        "corrections": correction_views(e.corrections, lang),
        "search_fields": entity_fields(e, lang, newest, (look.entities[i] for i in
                                                         look.description_names(e))),
    }
    return Page(path, "entity.html",
                look.chrome(lang, path, urls.entity(other, e.id), e.name.get(lang),
                            description=e.description.get(lang), current="entities",
                            data=jsonld.entity_thing(linked.archive.config, lang, e)), view)


def entity_year_page(look: SiteFacts, e: Entity, lang: str, year: int) -> Page:
    """The briefings of one year that mention an entity, in context (an entity_page split)."""
    entity_path = urls.entity(lang, e.id)
    path = year_path(entity_path, year)
    other = "en" if lang == "ar" else "ar"
    t = i18n.t(lang)
    slugs = story_order(look, look.entity_years(e.id)[year])
    name = e.name.get(lang)
    title = t["entity_year"].format(name=name, year=year)
    view = {
        "kind": t[f"kind_{e.type}"], "title": title,
        "up": Link(name, urls.relative(path, entity_path)),
        "heading": t["mentioned_in_year"].format(year=year, n=len(slugs)),
        "mentioning": mentioning(look, e.id, lang, path, slugs),
    }
    return Page(path, "entity_year.html",
                look.chrome(lang, path, year_path(urls.entity(other, e.id), year), title,
                           current="entities"), view)


def event_date_text(ev: Event, lang: str) -> str:
    """An event's date or date range at its precision."""
    first = i18n.format_precise(ev.start, ev.precision, lang)
    if ev.end and ev.end != ev.start:
        return f"{first} – {i18n.format_precise(ev.end, ev.precision, lang)}"
    return first


def event_link(ev: Event, lang: str, from_path: str) -> dict[str, str]:
    """An event as a dated link."""
    return {"title": ev.title.get(lang), "url": urls.relative(from_path, urls.event(lang, ev.id)),
            "date_text": event_date_text(ev, lang), "date_iso": iso_at(ev.start, ev.precision)}


def event_page(look: SiteFacts, ev: Event, lang: str) -> Page:
    """One event: date, place, participants, description, the briefings about it."""
    path = urls.event(lang, ev.id)
    other = "en" if lang == "ar" else "ar"
    linked, briefings, translations = look.linked, look.briefings, look.translations
    entities = look.entities
    covering = linked.event_briefings.get(ev.id, ())
    dated = tuple(s for s in linked.event_date_mentions.get(ev.id, ()) if s not in covering)

    def entity_link(ident: str) -> Link:
        return Link(entities[ident].name.get(lang), urls.relative(path, urls.entity(lang, ident)))

    view = {
        "title": ev.title.get(lang), "date_text": event_date_text(ev, lang),
        "date_iso": iso_at(ev.start, ev.precision),
        "place": entity_link(ev.place) if ev.place else None,
        "participants": tuple(entity_link(p) for p in ev.participants),
        "description": ev.description.get(lang),
        "covering": tuple(card(briefings[s], translations.get(s), lang, path) for s in covering),
        "dated": tuple(card(briefings[s], translations.get(s), lang, path) for s in dated),
        "timeline_url": urls.relative(path, urls.section(lang, "timeline")) + f"#y{ev.start.year}",
        "corrections": correction_views(ev.corrections, lang),
        "search_fields": event_fields(ev, lang, event_date_text(ev, lang),
                                      (entities[p] for p in (*ev.participants,
                                                             *([ev.place] if ev.place else ()))),
                                      (entities[i] for i in look.event_names(ev))),
    }
    return Page(path, "event.html",
                look.chrome(lang, path, urls.event(other, ev.id), ev.title.get(lang),
                            description=ev.description.get(lang), current="timeline",
                            data=jsonld.event_thing(linked.archive.config, lang, ev, entities)),
                view)


def events_index_page(look: SiteFacts, lang: str) -> Page:
    """Every event by year, newest first, with the number of briefings that report it."""
    path = urls.section(lang, "events")
    t = i18n.t(lang)
    events = sorted(look.linked.archive.events, key=lambda e: (e.start, e.id), reverse=True)
    years = tuple({"year": str(year), "entries": tuple(
        {**event_link(ev, lang, path),
         "count": i18n.count(lang, "in_briefings",
                            len(look.linked.event_briefings.get(ev.id, ())))}
        for ev in group)} for year, group in groupby(events, key=lambda e: e.start.year))
    return Page(path, "events.html",
                look.chrome(lang, path, urls.section("en" if lang == "ar" else "ar", "events"),
                           t["events"], current="timeline"), {"years": years})


def timeline_items(look: SiteFacts, lang: str, path: str, events: Iterable[Event],
                   briefings: Iterable[Briefing]) -> tuple[TimelineItem, ...]:
    """Events and briefings on one axis: by date, events before briefings of the same day."""
    t = i18n.t(lang)
    items: list[tuple[dt.date, int, str, TimelineItem]] = []
    for ev in events:
        items.append((ev.start, 0, ev.id, TimelineItem(
            "event", t["kind_event"], iso_at(ev.start, ev.precision), event_date_text(ev, lang),
            Text.of(ev.title.get(lang), lang), urls.relative(path, urls.event(lang, ev.id)))))
    for b in briefings:
        c = card(b, look.translations.get(b.slug), lang, path)
        items.append((b.date, 1, b.slug, TimelineItem(
            "briefing", t["kind_briefing"], b.date.isoformat(), c.meta.date_text, c.title,
            c.url)))
    items.sort(key=lambda x: (x[0], x[1], x[2]))
    return tuple(x[3] for x in items)


def timeline_picture(look: SiteFacts, lang: str, events: Iterable[Event],
                     briefings: Iterable[Briefing], span: tuple[dt.date, dt.date] | None = None,
                     *, labelled: bool) -> Markup | None:
    """Events and briefings on a real time axis: the whole archive, or one year zoomed in."""
    events, dates = tuple(events), [b.date for b in briefings]
    every = [ev.start for ev in events] + [ev.end for ev in events if ev.end] + dates
    if not every:
        return None
    first, last = span or year_span(min(every), max(every))
    w = words(lang)
    description = w["timeline_desc"].format(first=first.year, last=last.year)
    return timeline_svg([Mark(ev.start, ev.end, ev.title.get(lang)) for ev in events], dates,
                        first, last, lang, w["timeline"], description, labelled=labelled)


def timeline_years(look: SiteFacts) -> tuple[int, ...]:
    """Years with an event or a published briefing, oldest first: each has a timeline page."""
    return tuple(sorted({*look.events_by_year, *look.published_by_year}))


def timeline_page(look: SiteFacts, lang: str) -> Page:
    """Events and briefings on one time axis, grouped by year; no JavaScript needed."""
    # Every event is here; briefings only of the newest years that fit (years_in_full),
    # the others' are counted and linked to their year's page (timeline_year_page).
    path = urls.section(lang, "timeline")
    t = i18n.t(lang)
    by_year = look.published_by_year
    full = years_in_full({y: len(bs) for y, bs in by_year.items()})
    years = []
    for year in timeline_years(look):
        inline = by_year.get(year, ()) if year in full else ()
        hidden = len(by_year.get(year, ())) - len(inline)
        years.append({
            "year": str(year), "url": urls.relative(path, year_path(path, year)),
            "entries": timeline_items(look, lang, path, look.events_by_year.get(year, ()),
                                      inline),
            "more": t["briefings_of_year"].format(year=year, n=hidden) if hidden else None})
    return Page(path, "timeline.html",
                look.chrome(lang, path, urls.section("en" if lang == "ar" else "ar", "timeline"),
                           t["timeline"], current="timeline"),
                {"years": tuple(years),
                 "events_url": urls.relative(path, urls.section(lang, "events")),
                 "picture": timeline_picture(look, lang, look.linked.archive.events,
                                             (b for bs in by_year.values() for b in bs),
                                             labelled=True),
                 "legend": legend(lang)})


def legend(lang: str) -> dict[str, str]:
    """The timeline picture's key, in words."""
    w = words(lang)
    return {"event": w["legend_event"], "briefing": w["legend_briefing"]}


def timeline_year_page(look: SiteFacts, lang: str, year: int) -> Page:
    """One year of the timeline: its events and every briefing published in it."""
    index = urls.section(lang, "timeline")
    path = year_path(index, year)
    t = i18n.t(lang)
    title = t["timeline_year"].format(year=year)
    events = look.events_by_year.get(year, ())
    briefings = look.published_by_year.get(year, ())
    view = {"title": title, "up": Link(t["timeline"], urls.relative(path, index) + f"#y{year}"),
            "entries": timeline_items(look, lang, path, events, briefings),
            "picture": timeline_picture(look, lang, events, briefings,
                                        (dt.date(year, 1, 1), dt.date(year, 12, 31)),
                                        labelled=True),
            "legend": legend(lang)}
    return Page(path, "timeline_year.html",
                look.chrome(lang, path, year_path(urls.section("en" if lang == "ar" else "ar",
                                                               "timeline"), year),
                           title, current="timeline"), view)
