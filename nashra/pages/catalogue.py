"""The page catalogue: every page of the site with what it reads, built only when needed.

Each PageSpec names the data keys its page shows (see `Keys`); an incremental build
compares the digests of those keys with the previous build's and builds only the pages
whose inputs changed. A key left out here is a page that goes stale: the incremental
tests compare incremental builds with clean ones after random edits to catch that.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass

from nashra import urls
from nashra.model import LANGS
from nashra.pages import site as plan
from nashra.pages.charts.cooccurrence import MAX_NODES
from nashra.pages.graph import (
    entity_index_page,
    entity_page,
    entity_year_page,
    event_page,
    events_index_page,
    timeline_page,
    timeline_year_page,
    timeline_years,
    year_path,
    years_in_full,
)
from nashra.pages.maps import map_page
from nashra.pages.views import Page

SITE = "site"  # config, templates, assets, Nashra's version: every page shows them


@dataclass(frozen=True)
class PageSpec:
    """One page: where it goes, which data keys it shows, and how to build it."""

    path: str
    lang: str | None  # None: not an HTML page (feeds, sitemap)
    other_path: str | None  # the same page in the other language
    deps: tuple[str, ...]
    make: Callable[[], Page]


def briefing_deps(f: plan.SiteFacts, slug: str) -> tuple[str, ...]:
    """A briefing page: its own text and links, its related cards, entity and event names."""
    lb = f.linked.records[slug]
    return (SITE, f"card:{slug}", f"body:{slug}", f"related:{slug}",
            *(f"entity:{e}" for e in lb.entities), *(f"event:{v}" for v in lb.events))


def entity_deps(f: plan.SiteFacts, ident: str) -> tuple[str, ...]:
    """An entity page: the entity, the briefings it lists in context, its chart, events.

    A big entity's page lists only its latest briefings (the rest are on year pages): an
    edit to an older briefing leaves it alone."""
    linked = f.linked
    split = bool(f.look.entity_years(ident))
    companions = linked.cooccurrence.get(ident, ())
    return (SITE, f"entity:{ident}", f"mentioned:{ident}", f"nc:{ident}",
            f"mentioning:{ident}:latest" if split else f"mentioning:{ident}",
            f"cooc:{ident}", f"ee:{ident}",
            *(() if linked.entity_briefings.get(ident) else ("span",)),
            *(f"entity:{o}" for o, _ in companions),
            # the picture links companions that share briefings with each other
            *(f"cooc:{o}" for o, _ in companions[:MAX_NODES]),
            # its search fields hold the aliases of the entities its description names
            *(f"entity:{o}" for o in f.look.description_names(f.look.entities[ident])),
            *(f"event:{v}" for v in linked.entity_events.get(ident, ())))


def entity_year_deps(ident: str, year: int) -> tuple[str, ...]:
    """One year of a big entity's briefings, in context."""
    return (SITE, f"entity:{ident}", f"mentioning:{ident}:{year}")


def list_deps(f: plan.SiteFacts, *more: str) -> tuple[str, ...]:
    """An index of years (archive, timeline): each year's count, and the years shown in
    full with their cards."""
    counts = {y: len(bs) for y, bs in f.look.published_by_year.items()}
    return (SITE, "years", *(f"year:{y}" for y in sorted(years_in_full(counts))), *more)


def event_deps(f: plan.SiteFacts, ident: str) -> tuple[str, ...]:
    """An event page: the event, its participants' names, the briefings about it."""
    ev = f.look.events[ident]
    return (SITE, f"event:{ident}", f"covering:{ident}",
            *(f"entity:{e}" for e in (*ev.participants, *([ev.place] if ev.place else ()))),
            # its search fields hold the aliases of the entities its texts name
            *(f"entity:{e}" for e in f.look.event_names(ev)))


def sitemap_entry(base_url: str, s: PageSpec) -> dict[str, object]:
    """A page's sitemap entry, with hreflang alternates when it has a pair."""
    loc = urls.absolute(base_url, s.path)
    alternates: tuple[tuple[str, str], ...] = ()
    if s.other_path and s.lang:
        alternates = tuple(sorted(((s.lang, loc), (plan.other(s.lang),
                                                   urls.absolute(base_url, s.other_path)))))
    return {"loc": loc, "alternates": alternates}


def catalogue(f: plan.SiteFacts) -> list[PageSpec]:
    """Every page of the site, in a stable order (the sitemap's order)."""
    chrome_for = functools.partial(plan._chrome, f)
    look = f.look
    dates = [b.date for b in f.linked.archive.briefings] or [dt.date(2000, 1, 1)]
    span = (min(dates), max(dates))  # every entity chart spans the whole archive
    lists = (SITE, "published")
    specs = [PageSpec(urls.INDEX, f.linked.archive.config.default_language, None, lists,
                      functools.partial(plan.landing_page, f))]
    for lang in LANGS:
        other = plan.other(lang)

        def spec(path: str, other_path: str | None, deps: tuple[str, ...],
                 make: Callable[[], Page], lang: str = lang) -> PageSpec:
            return PageSpec(path, lang, other_path, deps, make)

        specs.append(spec(urls.home(lang), urls.home(other),
                          (*lists, "events", "entities", "counts"),
                          functools.partial(plan.home_page, f, lang)))
        specs.append(spec(urls.section(lang, "archive"), urls.section(other, "archive"),
                          list_deps(f), functools.partial(plan.archive_page, f, lang)))
        specs.extend(spec(year_path(urls.section(lang, "archive"), y),
                          year_path(urls.section(other, "archive"), y), (SITE, f"year:{y}"),
                          functools.partial(plan.archive_year_page, f, lang, y))
                     for y in look.published_by_year)
        specs.extend(spec(urls.briefing(lang, b.slug), urls.briefing(other, b.slug),
                          briefing_deps(f, b.slug),
                          functools.partial(plan.briefing_page, f, b, lang))
                     for b in f.published)
        specs.append(spec(urls.section(lang, "entities"), urls.section(other, "entities"),
                          (SITE, "entities", "counts"),
                          functools.partial(entity_index_page, f.linked, lang, chrome_for)))
        specs.append(spec(urls.section(lang, "timeline"), urls.section(other, "timeline"),
                          list_deps(f, "events", "published"),  # "published": the picture
                          functools.partial(timeline_page, look, lang, chrome_for)))
        specs.append(spec(urls.section(lang, "map"), urls.section(other, "map"),
                          (SITE, "entities", "counts"),
                          functools.partial(map_page, look, lang, chrome_for)))
        specs.extend(spec(year_path(urls.section(lang, "timeline"), y),
                          year_path(urls.section(other, "timeline"), y),
                          (SITE, f"year:{y}", f"eventsin:{y}"),
                          functools.partial(timeline_year_page, look, lang, y, chrome_for))
                     for y in timeline_years(look))
        specs.append(spec(urls.section(lang, "events"), urls.section(other, "events"),
                          (SITE, "events", "evcounts"),
                          functools.partial(events_index_page, look, lang, chrome_for)))
        specs.extend(spec(urls.entity(lang, e.id), urls.entity(other, e.id),
                          entity_deps(f, e.id),
                          functools.partial(entity_page, look, e, lang, chrome_for, span))
                     for e in f.linked.archive.entities)
        specs.extend(spec(year_path(urls.entity(lang, e.id), y),
                          year_path(urls.entity(other, e.id), y), entity_year_deps(e.id, y),
                          functools.partial(entity_year_page, look, e, lang, y, chrome_for))
                     for e in f.linked.archive.entities for y in look.entity_years(e.id))
        specs.extend(spec(urls.event(lang, ev.id), urls.event(other, ev.id),
                          event_deps(f, ev.id),
                          functools.partial(event_page, look, ev, lang, chrome_for))
                     for ev in f.linked.archive.events)
        specs.append(spec(urls.section(lang, "search"), urls.section(other, "search"), (SITE,),
                          functools.partial(plan.search_page, f, lang)))
    specs.append(PageSpec("404.html", None, None, (SITE,),
                          functools.partial(plan.not_found_page, f)))
    base = f.linked.archive.config.base_url
    entries = tuple(sitemap_entry(base, s) for s in specs if s.lang is not None)
    specs.append(PageSpec("sitemap.xml", None, None, (SITE, "pages"),
                          lambda: Page("sitemap.xml", "sitemap.xml", None, {"entries": entries})))
    specs.extend(PageSpec(f"{lang}/feed.xml", None, None, lists,
                          functools.partial(plan.feed_page, f, lang)) for lang in LANGS)
    return specs
