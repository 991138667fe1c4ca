"""Site-wide facts computed once per build, before any page: every page builder reads them."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from nashra.link.gazetteer import Gazetteer
from nashra.model import Briefing, Entity, Event, LinkedArchive, Snippet, Translation
from nashra.pages.english import EnglishPairs
from nashra.pages.views import Chrome, chrome

# An entity page shows this many briefings with snippets at most: the latest, and a page
# per year holds them all. Small so that a test archive of a hundred briefings splits.
ENTITY_LIST_MAX = 20


@dataclass(frozen=True)
class SiteFacts:
    """The linked archive indexed by id, the asset URLs, and lists every page shares."""

    linked: LinkedArchive
    assets: Mapping[str, str]  # logical asset name -> path in the site
    entities: dict[str, Entity]
    events: dict[str, Event]
    briefings: dict[str, Briefing]
    translations: Mapping[str, Translation]  # English by slug: written, or the digest
    published: tuple[Briefing, ...]  # newest first

    @classmethod
    def of(cls, linked: LinkedArchive, assets: Mapping[str, str]) -> SiteFacts:
        """Index the linked archive once for every page builder."""
        a = linked.archive
        entities, events = {e.id: e for e in a.entities}, {e.id: e for e in a.events}
        # Every briefing has an English record: the written one, or the automatic digest.
        english = EnglishPairs(linked, entities, events)
        return cls(linked, assets, entities, events, {b.slug: b for b in a.briefings},
                   english, tuple(b for b in a.briefings if b.status == "published"))

    def chrome(self, lang: str, path: str, other_path: str | None, title: str,
               **kw: Any) -> Chrome:
        """The base layout's data for the page at `path` in `lang`."""
        return chrome(self.linked.archive.config, lang, path, title, assets=self.assets,
                      other_path=other_path, **kw)

    @functools.cached_property
    def position(self) -> dict[str, int]:
        """A published briefing's place in `published` (0 is the newest)."""
        return {b.slug: i for i, b in enumerate(self.published)}

    def neighbours(self, slug: str) -> tuple[Briefing | None, Briefing | None]:
        """The published briefings just before and just after `slug` in time."""
        i = self.position.get(slug)
        if i is None:
            return None, None
        older = self.published[i + 1] if i + 1 < len(self.published) else None
        return older, self.published[i - 1] if i > 0 else None

    @functools.cached_property
    def _snippets(self) -> dict[str, Mapping[tuple[str, str], list[Snippet]]]:
        """Entity -> its kept snippets by (slug, lang), filled as pages ask for entities."""
        return {}  # a memo: an entity's page and its year pages group the snippets once

    def snippets(self, ident: str) -> Mapping[tuple[str, str], list[Snippet]]:
        """An entity's kept snippets by (briefing, language), grouped once per build."""
        if ident not in self._snippets:  # read per briefing, for the briefings a page lists
            self._snippets[ident] = self.linked.mentions.grouped(ident)
        return self._snippets[ident]

    @functools.cached_property
    def published_by_year(self) -> dict[int, tuple[Briefing, ...]]:
        """Published briefings by year, newest year and briefing first."""
        years: dict[int, list[Briefing]] = {}
        for b in self.published:  # newest first
            years.setdefault(b.date.year, []).append(b)
        return {y: tuple(bs) for y, bs in years.items()}

    @functools.cached_property
    def events_by_year(self) -> dict[int, tuple[Event, ...]]:
        """Events by the year they start, oldest first."""
        years: dict[int, list[Event]] = {}
        for ev in self.linked.archive.events:  # by start date
            years.setdefault(ev.start.year, []).append(ev)
        return {y: tuple(evs) for y, evs in years.items()}

    @functools.cached_property
    def _split_entities(self) -> dict[str, dict[int, tuple[str, ...]]]:
        """Entities with more briefings than one page shows -> their briefings by year."""
        split: dict[str, dict[int, tuple[str, ...]]] = {}
        for ident, slugs in self.linked.entity_briefings.items():  # slugs newest first
            if len(slugs) > ENTITY_LIST_MAX:
                years: dict[int, list[str]] = {}
                for s in slugs:
                    years.setdefault(self.briefings[s].date.year, []).append(s)
                split[ident] = {y: tuple(v) for y, v in years.items()}
        return split

    def entity_years(self, ident: str) -> dict[int, tuple[str, ...]]:
        """An entity's briefings by year (newest first) when its page splits them, else {}."""
        return self._split_entities.get(ident, {})

    def entity_shown(self, ident: str) -> tuple[str, ...]:
        """The briefings an entity's own page lists, newest first: all of them, or the
        latest ENTITY_LIST_MAX when the rest are on its year pages."""
        return self.linked.entity_briefings.get(ident, ())[:ENTITY_LIST_MAX]

    @functools.cached_property
    def gazetteer(self) -> Gazetteer:
        """Every entity's aliases, to find the names in event and entity descriptions."""
        return Gazetteer.build(self.linked.archive.entities)

    def names_in(self, *texts: tuple[str, str]) -> tuple[str, ...]:
        """Ids of the entities named in (text, lang) pairs, sorted."""
        return tuple(sorted({m.entity for text, lang in texts if text
                             for m in self.gazetteer.find(text, lang) if m.kind == "name"}))

    def event_names(self, ev: Event) -> tuple[str, ...]:
        """Entities an event's title or description names (its page shows those names)."""
        return self.names_in((ev.title.ar, "ar"), (ev.title.en, "en"),
                             (ev.description.ar, "ar"), (ev.description.en, "en"))

    def description_names(self, e: Entity) -> tuple[str, ...]:
        """Other entities an entity's description names."""
        return tuple(i for i in self.names_in((e.description.ar, "ar"),
                                              (e.description.en, "en")) if i != e.id)
