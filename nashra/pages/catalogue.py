"""The page catalogue: every page of the site with what it shows, built only when needed.

Each PageSpec lists the data keys its page shows (made in `deps`, which also reads them);
an incremental build builds only the pages whose keys' digests changed.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass

from nashra import urls
from nashra.model import LANGS
from nashra.pages import site as plan
from nashra.pages.deps import (
    LISTS,
    Dep,
    Key,
    briefing_deps,
    entity_deps,
    entity_year_deps,
    event_deps,
    keys,
    list_deps,
    year_deps,
)
from nashra.pages.facts import SiteFacts
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
)
from nashra.pages.maps import map_page
from nashra.pages.views import Page


@dataclass(frozen=True)
class PageSpec:
    """One page: where it goes, which data it shows (see `deps`), and how to build it."""

    path: str
    lang: str | None  # None: not an HTML page (feeds, sitemap)
    other_path: str | None  # the same page in the other language
    deps: tuple[Key, ...]
    make: Callable[[], Page]


def sitemap_entry(base_url: str, s: PageSpec) -> dict[str, object]:
    """A page's sitemap entry, with hreflang alternates when it has a pair."""
    loc = urls.absolute(base_url, s.path)
    alternates: tuple[tuple[str, str], ...] = ()
    if s.other_path and s.lang:
        alternates = tuple(sorted(((s.lang, loc), (plan.other(s.lang),
                                                   urls.absolute(base_url, s.other_path)))))
    return {"loc": loc, "alternates": alternates}


def catalogue(f: SiteFacts) -> list[PageSpec]:
    """Every page of the site, in a stable order (the sitemap's order)."""
    dates = [b.date for b in f.linked.archive.briefings] or [dt.date(2000, 1, 1)]
    span = (min(dates), max(dates))  # every entity chart spans the whole archive
    specs = [PageSpec(urls.INDEX, f.linked.archive.config.default_language, None, LISTS,
                      functools.partial(plan.landing_page, f))]
    for lang in LANGS:
        other = plan.other(lang)

        def spec(path: str, other_path: str | None, deps: tuple[Key, ...],
                 make: Callable[[], Page], lang: str = lang) -> PageSpec:
            return PageSpec(path, lang, other_path, deps, make)

        specs.append(spec(urls.home(lang), urls.home(other),
                          (*LISTS, *keys(Dep.EVENTS, Dep.ENTITIES, Dep.COUNTS)),
                          functools.partial(plan.home_page, f, lang)))
        specs.append(spec(urls.section(lang, "archive"), urls.section(other, "archive"),
                          list_deps(f), functools.partial(plan.archive_page, f, lang)))
        specs.extend(spec(year_path(urls.section(lang, "archive"), y),
                          year_path(urls.section(other, "archive"), y), year_deps(y),
                          functools.partial(plan.archive_year_page, f, lang, y))
                     for y in f.published_by_year)
        specs.extend(spec(urls.briefing(lang, b.slug), urls.briefing(other, b.slug),
                          briefing_deps(f, b.slug),
                          functools.partial(plan.briefing_page, f, b, lang))
                     for b in f.published)
        specs.append(spec(urls.section(lang, "entities"), urls.section(other, "entities"),
                          keys(Dep.ENTITIES, Dep.COUNTS),
                          functools.partial(entity_index_page, f, lang)))
        specs.append(spec(urls.section(lang, "timeline"), urls.section(other, "timeline"),
                          list_deps(f, Key(Dep.EVENTS), Key(Dep.PUBLISHED)),  # the picture
                          functools.partial(timeline_page, f, lang)))
        specs.append(spec(urls.section(lang, "map"), urls.section(other, "map"),
                          keys(Dep.ENTITIES, Dep.COUNTS), functools.partial(map_page, f, lang)))
        specs.extend(spec(year_path(urls.section(lang, "timeline"), y),
                          year_path(urls.section(other, "timeline"), y),
                          year_deps(y, Dep.EVENTS_IN),
                          functools.partial(timeline_year_page, f, lang, y))
                     for y in timeline_years(f))
        specs.append(spec(urls.section(lang, "events"), urls.section(other, "events"),
                          keys(Dep.EVENTS, Dep.EVCOUNTS),
                          functools.partial(events_index_page, f, lang)))
        specs.extend(spec(urls.entity(lang, e.id), urls.entity(other, e.id),
                          entity_deps(f, e.id),
                          functools.partial(entity_page, f, e, lang, span))
                     for e in f.linked.archive.entities)
        specs.extend(spec(year_path(urls.entity(lang, e.id), y),
                          year_path(urls.entity(other, e.id), y), entity_year_deps(e.id, y),
                          functools.partial(entity_year_page, f, e, lang, y))
                     for e in f.linked.archive.entities for y in f.entity_years(e.id))
        specs.extend(spec(urls.event(lang, ev.id), urls.event(other, ev.id),
                          event_deps(f, ev.id),
                          functools.partial(event_page, f, ev, lang))
                     for ev in f.linked.archive.events)
        specs.append(spec(urls.section(lang, "search"), urls.section(other, "search"), keys(),
                          functools.partial(plan.search_page, f, lang)))
    specs.append(PageSpec("404.html", None, None, keys(),
                          functools.partial(plan.not_found_page, f)))
    base = f.linked.archive.config.base_url
    entries = tuple(sitemap_entry(base, s) for s in specs if s.lang is not None)
    specs.append(PageSpec("sitemap.xml", None, None, keys(Dep.PAGES),
                          lambda: Page("sitemap.xml", "sitemap.xml", None, {"entries": entries})))
    specs.extend(PageSpec(f"{lang}/feed.xml", None, None, LISTS,
                          functools.partial(plan.feed_page, f, lang)) for lang in LANGS)
    return specs
