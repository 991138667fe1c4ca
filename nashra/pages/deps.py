"""What each page shows, as typed keys: made here for the catalogue, and read here to digests.

An incremental build compares the digests of a page's keys with the previous build's and
builds only the pages whose inputs changed. A key is made and read only in this module, so
the two cannot drift apart: a key of a kind `Digests` does not know, or naming a briefing,
entity, event or year the site does not have, raises `UnknownKey` instead of leaving a
page stale. A key left out of a page's list is still a page that goes stale: the
incremental tests compare incremental builds with clean ones after random edits.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from nashra.link.stored import StoredLinks
from nashra.pages.charts.cooccurrence import MAX_NODES
from nashra.pages.facts import SiteFacts
from nashra.pages.graph import years_in_full
from nashra.stamps import digest


class Dep(enum.Enum):
    """A kind of data a page can show; `Arg` says what a key of that kind names."""

    SITE = "site"  # config, templates, assets, Nashra's version: every page shows them
    PAGES = "pages"  # every page's path and pair (the sitemap)
    SPAN = "span"  # the archive's first and last dates
    PUBLISHED = "published"  # the published briefings, as cards
    ENTITIES = "entities"  # every entity record
    EVENTS = "events"  # every event record
    COUNTS = "counts"  # every entity's mention and briefing counts
    EVCOUNTS = "evcounts"  # every event's briefing count
    YEARS = "years"  # the number of published briefings per year
    CARD = "card"  # a briefing as lists show it
    BODY = "body"  # a briefing's text and links
    RELATED = "related"  # a briefing's related briefings, as cards
    NEIGHBOURS = "neighbours"  # the briefings just before and after one in time, as cards
    ENTITY = "entity"  # an entity's record
    MENTIONED = "mentioned"  # when an entity was mentioned: its chart and year list
    NAME_COUNTS = "nc"  # an entity's name mentions per briefing
    COOCCURRING = "cooc"  # the entities named with an entity
    ENTITY_EVENTS = "ee"  # the events an entity took part in
    SHOWN = "shown"  # the briefings an entity's page lists, in context
    ENTITY_YEAR = "entity-year"  # one year of a big entity's briefings, in context
    EVENT = "event"  # an event's record
    COVERING = "covering"  # an event's briefings: those reporting it, dating it
    YEAR = "year"  # the published briefings of one year, as cards
    EVENTS_IN = "eventsin"  # the events starting in one year


class Arg(enum.Enum):
    """What a key names besides its kind."""

    NONE = "none"
    SLUG = "slug"
    ENTITY = "entity"
    EVENT = "event"
    YEAR = "year"
    ENTITY_YEAR = "entity and year"


ARGS: dict[Dep, Arg] = {
    **{d: Arg.NONE for d in (Dep.SITE, Dep.PAGES, Dep.SPAN, Dep.PUBLISHED, Dep.ENTITIES,
                             Dep.EVENTS, Dep.COUNTS, Dep.EVCOUNTS, Dep.YEARS)},
    **{d: Arg.SLUG for d in (Dep.CARD, Dep.BODY, Dep.RELATED, Dep.NEIGHBOURS)},
    **{d: Arg.ENTITY for d in (Dep.ENTITY, Dep.MENTIONED, Dep.NAME_COUNTS, Dep.COOCCURRING,
                               Dep.ENTITY_EVENTS, Dep.SHOWN)},
    Dep.ENTITY_YEAR: Arg.ENTITY_YEAR,
    **{d: Arg.EVENT for d in (Dep.EVENT, Dep.COVERING)},
    **{d: Arg.YEAR for d in (Dep.YEAR, Dep.EVENTS_IN)},
}


class UnknownKey(KeyError):
    """A key of a kind no digest is defined for, or naming something the site lacks."""


@dataclass(frozen=True)
class Key:
    """One piece of data a page shows: a kind, and the briefing, entity, event or year."""

    dep: Dep
    ident: str = ""  # slug, entity id or event id
    year: int | None = None

    def __post_init__(self) -> None:
        arg = ARGS.get(self.dep) if isinstance(self.dep, Dep) else None
        named = arg in (Arg.SLUG, Arg.ENTITY, Arg.EVENT, Arg.ENTITY_YEAR)
        dated = arg in (Arg.YEAR, Arg.ENTITY_YEAR)
        if arg is None or bool(self.ident) != named or (self.year is not None) != dated:
            raise UnknownKey(f"not a page dependency: {self!r}")

    def __str__(self) -> str:
        return ":".join([self.dep.value, *([self.ident] if self.ident else []),
                         *([str(self.year)] if self.year is not None else [])])


SITE = Key(Dep.SITE)
LISTS = (SITE, Key(Dep.PUBLISHED))  # the landing page and feeds: the newest briefings


def briefing_deps(f: SiteFacts, slug: str) -> tuple[Key, ...]:
    """A briefing page: its own text and links, its related cards, entity and event names,
    its neighbours in time (previous / next)."""
    lb = f.linked.records[slug]
    return (SITE, Key(Dep.CARD, slug), Key(Dep.BODY, slug), Key(Dep.RELATED, slug),
            Key(Dep.NEIGHBOURS, slug),
            *(Key(Dep.ENTITY, e) for e in lb.entities),
            *(Key(Dep.EVENT, v) for v in lb.events))


def entity_deps(f: SiteFacts, ident: str) -> tuple[Key, ...]:
    """An entity page: the entity, the briefings it lists in context, its chart, events.

    A big entity's page lists only its latest briefings (the rest are on year pages): an
    edit to an older briefing leaves it alone."""
    linked = f.linked
    companions = linked.cooccurrence.get(ident, ())
    return (SITE, *(Key(d, ident) for d in (Dep.ENTITY, Dep.MENTIONED, Dep.NAME_COUNTS,
                                            Dep.SHOWN, Dep.COOCCURRING, Dep.ENTITY_EVENTS)),
            *(() if linked.entity_briefings.get(ident) else (Key(Dep.SPAN),)),
            *(Key(Dep.ENTITY, o) for o, _ in companions),
            # the picture links companions that share briefings with each other
            *(Key(Dep.COOCCURRING, o) for o, _ in companions[:MAX_NODES]),
            # its search fields hold the aliases of the entities its description names
            *(Key(Dep.ENTITY, o) for o in f.description_names(f.entities[ident])),
            *(Key(Dep.EVENT, v) for v in linked.entity_events.get(ident, ())))


def entity_year_deps(ident: str, year: int) -> tuple[Key, ...]:
    """One year of a big entity's briefings, in context."""
    return (SITE, Key(Dep.ENTITY, ident), Key(Dep.ENTITY_YEAR, ident, year))


def list_deps(f: SiteFacts, *more: Key) -> tuple[Key, ...]:
    """An index of years (archive, timeline): each year's count, and the years shown in
    full with their cards."""
    counts = {y: len(bs) for y, bs in f.published_by_year.items()}
    return (SITE, Key(Dep.YEARS), *(Key(Dep.YEAR, year=y) for y in sorted(years_in_full(counts))),
            *more)


def year_deps(year: int, *more: Dep) -> tuple[Key, ...]:
    """A page of one year (archive, timeline): that year's briefings, and more of the year."""
    return (SITE, Key(Dep.YEAR, year=year), *(Key(d, year=year) for d in more))


def event_deps(f: SiteFacts, ident: str) -> tuple[Key, ...]:
    """An event page: the event, its participants' names, the briefings about it."""
    ev = f.events[ident]
    return (SITE, Key(Dep.EVENT, ident), Key(Dep.COVERING, ident),
            *(Key(Dep.ENTITY, e) for e in (*ev.participants, *([ev.place] if ev.place else ()))),
            # its search fields hold the aliases of the entities its texts name
            *(Key(Dep.ENTITY, e) for e in f.event_names(ev)))


def keys(*deps: Dep) -> tuple[Key, ...]:
    """Site-wide keys (of kinds that name nothing), after SITE."""
    return (SITE, *(Key(d) for d in deps))


class Digests:
    """The digest of each key a page can depend on, computed once per build on demand."""

    def __init__(self, f: SiteFacts, site: str, cards: Mapping[str, str],
                 links: Mapping[str, tuple[str, StoredLinks]], page_list: str) -> None:
        self.f, self.cards, self.links = f, cards, links
        self.memo: dict[Key, str] = {SITE: site, Key(Dep.PAGES): page_list}
        linked = f.linked
        self.readers: dict[Dep, Callable[[Key], str]] = {
            Dep.SPAN: lambda k: digest(*self._span()),
            Dep.PUBLISHED: lambda k: self._cards(b.slug for b in f.published),
            Dep.ENTITIES: lambda k: digest(linked.archive.entities),
            Dep.EVENTS: lambda k: digest(linked.archive.events),
            Dep.COUNTS: lambda k: digest(linked.mention_counts, {
                e: len(s) for e, s in linked.entity_briefings.items()}),
            Dep.EVCOUNTS: lambda k: digest({e: len(s) for e, s in
                                            linked.event_briefings.items()}),
            Dep.YEARS: lambda k: digest({y: len(bs) for y, bs in f.published_by_year.items()}),
            Dep.CARD: lambda k: self.cards[k.ident],
            Dep.BODY: lambda k: self.links[k.ident][0],
            Dep.RELATED: lambda k: self._cards(linked.related.get(k.ident, ())),
            Dep.NEIGHBOURS: lambda k: self._cards(b.slug for b in f.neighbours(k.ident) if b),
            Dep.ENTITY: lambda k: digest(f.entities[k.ident]),
            Dep.MENTIONED: lambda k: digest([(s, f.briefings[s].date) for s in
                                             linked.entity_briefings.get(k.ident, ())]),
            Dep.NAME_COUNTS: lambda k: digest(linked.name_counts.get(k.ident)),
            Dep.COOCCURRING: lambda k: digest(linked.cooccurrence.get(k.ident)),
            Dep.ENTITY_EVENTS: lambda k: digest(linked.entity_events.get(k.ident)),
            Dep.SHOWN: lambda k: self._in_context(k.ident, f.entity_shown(k.ident)),
            Dep.ENTITY_YEAR: lambda k: self._in_context(
                k.ident, f.entity_years(k.ident)[k.year]),  # type: ignore[index]
            Dep.EVENT: lambda k: digest(f.events[k.ident]),
            Dep.COVERING: lambda k: self._cards(
                [*linked.event_briefings.get(k.ident, ()),
                 *linked.event_date_mentions.get(k.ident, ())]),
            Dep.YEAR: lambda k: self._cards(
                b.slug for b in f.published_by_year.get(k.year, ())),  # type: ignore[arg-type]
            Dep.EVENTS_IN: lambda k: digest(
                f.events_by_year.get(k.year, ())),  # type: ignore[arg-type]
        }

    def _span(self) -> tuple[object, object]:
        dates = [b.date for b in self.f.linked.archive.briefings]
        return min(dates, default=None), max(dates, default=None)

    def _cards(self, slugs: Iterable[str]) -> str:
        return digest([(s, self.cards[s]) for s in slugs])

    def _in_context(self, ident: str, slugs: Sequence[str]) -> str:
        return digest([(s, self.cards[s], self.links[s][1].snippet_digests.get(ident))
                       for s in slugs])

    def _check(self, key: Key) -> None:
        """Raise UnknownKey for a key naming what the site does not have."""
        arg, f = ARGS[key.dep], self.f
        known = {Arg.SLUG: f.briefings, Arg.ENTITY: f.entities, Arg.EVENT: f.events,
                 Arg.ENTITY_YEAR: f.entity_years(key.ident)}.get(arg)
        if known is not None and (key.year if arg is Arg.ENTITY_YEAR else key.ident) \
                not in known:
            raise UnknownKey(f"no such {arg.value} for a page dependency: {key}")

    def __getitem__(self, key: Key) -> str:
        if key in self.memo:
            return self.memo[key]
        if not isinstance(key, Key) or key.dep not in self.readers:
            raise UnknownKey(f"no digest for page dependency {key!r}")
        self._check(key)
        value = self.memo[key] = self.readers[key.dep](key)
        return value

    def fingerprint(self, deps: Sequence[Key]) -> str:
        """One digest over every key a page reads."""
        return hashlib.blake2b("\n".join(f"{k}={self[k]}" for k in deps).encode(),
                               digest_size=12).hexdigest()
