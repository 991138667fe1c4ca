"""The link stage: every briefing linked once, then the inverted indexes built once.

Pure functions of the loaded archive. Everything that relates pages to each other
(back-links, co-occurrence, related briefings, event coverage) is computed here, once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping

from nashra.link.briefing import Matchers
from nashra.link.related import related_briefings
from nashra.link.stored import StoredLinks
from nashra.model import Archive, EntityMention, LinkedArchive, LinkedBriefing, Snippet

COOCCURRENCE_MAX = 8


class LazyMentions(Mapping[str, tuple[EntityMention, ...]]):
    """Entity id -> its kept snippets, newest briefing first, gathered when a page asks."""

    def __init__(self, results: Mapping[str, StoredLinks], newest_first: list[str]) -> None:
        self._results = results
        self._by_entity: defaultdict[str, list[str]] = defaultdict(list)
        for slug in newest_first:
            for e in results[slug].mentioned:
                self._by_entity[e].append(slug)
        self._memo: dict[str, tuple[EntityMention, ...]] = {}

    def __getitem__(self, entity: str) -> tuple[EntityMention, ...]:
        if entity not in self._by_entity:
            raise KeyError(entity)
        if entity not in self._memo:  # slugs come newest first, each in (lang, block) order
            self._memo[entity] = tuple(x for slug in self._by_entity[entity]
                                       for x in self._results[slug].mentions
                                       if x.entity == entity)
        return self._memo[entity]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._by_entity))

    def __len__(self) -> int:
        return len(self._by_entity)

    def grouped(self, entity: str) -> Mapping[tuple[str, str], list[Snippet]]:
        """(slug, lang) -> the entity's snippets there, read per briefing when asked."""
        return EntitySnippets(entity, self._results, frozenset(self._by_entity.get(entity, ())))


class EntitySnippets(Mapping[tuple[str, str], list[Snippet]]):
    """One entity's snippets by (briefing, language): a page reads only the briefings it
    lists, so a year page of a big entity does not read every briefing's snippets."""

    def __init__(self, entity: str, results: Mapping[str, StoredLinks],
                 slugs: frozenset[str]) -> None:
        self._entity, self._results, self._slugs = entity, results, slugs
        self._memo: dict[str, dict[str, list[Snippet]]] = {}

    def _of(self, slug: str) -> dict[str, list[Snippet]]:
        if slug not in self._memo:
            by_lang: dict[str, list[Snippet]] = {}
            if slug in self._slugs:
                for x in self._results[slug].mentions:
                    if x.entity == self._entity:
                        by_lang.setdefault(x.lang, []).append(x.snippet)
            self._memo[slug] = by_lang
        return self._memo[slug]

    def __getitem__(self, key: tuple[str, str]) -> list[Snippet]:
        return self._of(key[0])[key[1]]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter([(s, lang) for s in sorted(self._slugs) for lang in self._of(s)])

    def __len__(self) -> int:
        return sum(len(self._of(s)) for s in self._slugs)


class LazyRecords(Mapping[str, LinkedBriefing]):
    """Slug -> the briefing's full linked record, HTML read from the cache when asked for."""

    def __init__(self, results: Mapping[str, StoredLinks]) -> None:
        self._results = results

    def __getitem__(self, slug: str) -> LinkedBriefing:
        return self._results[slug].full_record()

    def __iter__(self) -> Iterator[str]:
        return iter(self._results)

    def __len__(self) -> int:
        return len(self._results)


def assemble(archive: Archive, results: Mapping[str, StoredLinks], m: Matchers,
             related: Mapping[str, tuple[str, ...]] | None = None) -> LinkedArchive:
    """The inverted indexes over every briefing's links (their light records only);
    `related` is the last build's related lists when no briefing's tags or date changed."""
    linked: dict[str, LinkedBriefing] = {s: r.record for s, r in results.items()}

    order = {b.slug: i for i, b in enumerate(archive.briefings)}  # newest first
    dates = {b.slug: b.date for b in archive.briefings}
    entity_briefings: defaultdict[str, set[str]] = defaultdict(set)
    for slug, lb in linked.items():
        for e in (*lb.entities, *lb.adjectives):
            entity_briefings[e].add(slug)
    co: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for lb in linked.values():
        for a in lb.entities:
            for b2 in lb.entities:
                if a != b2:
                    co[a][b2] += 1
    event_briefings: defaultdict[str, list[str]] = defaultdict(list)
    for slug, lb in linked.items():
        for ev in lb.events:
            event_briefings[ev].append(slug)
    date_mentions: defaultdict[str, set[str]] = defaultdict(set)
    for slug, lb in linked.items():
        for d in lb.dates:
            for ev in m.events_by_day.get(d.iso, ()):
                date_mentions[ev].add(slug)
    entity_events: defaultdict[str, list[str]] = defaultdict(list)
    for ev in archive.events:
        for e in dict.fromkeys((*ev.participants, *([ev.place] if ev.place else []))):
            entity_events[e].append(ev.id)

    per_entity: defaultdict[str, list[tuple[str, int]]] = defaultdict(list)
    for slug, r in results.items():
        for e, n in r.name_counts:
            per_entity[e].append((slug, n))
    name_counts = {e: tuple(sorted(v, key=lambda x: order[x[0]]))
                   for e, v in sorted(per_entity.items())}
    newest = lambda slugs: tuple(sorted(slugs, key=order.__getitem__))  # noqa: E731
    return LinkedArchive(
        archive=archive,
        briefings=LazyRecords(results),
        records=linked,
        mentions=LazyMentions(results, [b.slug for b in archive.briefings]),
        mention_counts={e: sum(n for _, n in counts) for e, counts in name_counts.items()},
        name_counts=name_counts,
        entity_briefings={e: newest(s) for e, s in sorted(entity_briefings.items())},
        cooccurrence={e: tuple(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:COOCCURRENCE_MAX])
                      for e, c in sorted(co.items())},
        event_briefings={e: newest(s) for e, s in sorted(event_briefings.items())},
        event_date_mentions={e: newest(s) for e, s in sorted(date_mentions.items())},
        entity_events={e: tuple(v) for e, v in sorted(entity_events.items())},
        related=dict(related) if related is not None else related_briefings(linked, dates),
        warnings=tuple(m.entities.warnings),
    )
