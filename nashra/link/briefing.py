"""Linking one briefing: its mentions, dates and triggered events (a pure function per briefing)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

from nashra import urls
from nashra.link import annotate
from nashra.link.gazetteer import Gazetteer, Mention
from nashra.link.stored import StoredLinks
from nashra.model import (
    Archive,
    Briefing,
    DateRef,
    Entity,
    EntityMention,
    Event,
    LangText,
    LinkedBriefing,
    Snippet,
    Translation,
)
from nashra.text.blocks import Block, split_blocks, to_html
from nashra.text.dates import DateMention, find_dates, iso, iso_at

# Articles announce what is coming: a trigger may precede its event by this much.
TRIGGER_LEAD = dt.timedelta(days=30)
# A trigger shared by several events, or a single word, only counts this close to the event.
GENERIC_WINDOW = dt.timedelta(days=45)
EVENT_PREFIX = "event:"
# From a briefing page (<lang>/briefings/<slug>/index.html) every target is this far up.
FROM_BRIEFING = urls.briefing("ar", "x")


@dataclass(frozen=True)
class Matchers:
    """Site-wide matchers built once: entity names and event trigger phrases."""

    entities: Gazetteer
    triggers: Gazetteer
    generic_triggers: frozenset[tuple[str, str]]  # (event id, normalised phrase)
    events_by_day: dict[str, tuple[str, ...]]  # iso date/month/year -> event ids


def build_matchers(archive: Archive) -> Matchers:
    """The gazetteers and date index every briefing is matched against."""
    pseudo = [Entity(id=EVENT_PREFIX + ev.id, path=ev.path, type="organisation",
                     name=LangText(ev.title.ar, ev.title.en), aliases_ar=ev.triggers_ar,
                     aliases_en=ev.triggers_en) for ev in archive.events]
    owners: defaultdict[str, set[str]] = defaultdict(set)
    for ev in archive.events:
        for phrase in (*ev.triggers_ar, *ev.triggers_en):
            owners[phrase.casefold()].add(ev.id)
    generic = frozenset((ev_id, phrase) for phrase, ids in owners.items() for ev_id in ids
                        if len(ids) > 1 or len(phrase.split()) == 1)
    by_day: defaultdict[str, list[str]] = defaultdict(list)
    for ev in archive.events:
        by_day[iso_at(ev.start, ev.precision)].append(ev.id)
    return Matchers(Gazetteer.build(archive.entities), Gazetteer.build(pseudo), generic,
                    {k: tuple(v) for k, v in by_day.items()})


# An entity page shows at most this many snippets of one briefing in one language.
SNIPPETS_KEPT = 3


@dataclass(frozen=True)
class BlockResult:
    """One annotated block and what was found in it."""

    html: str
    mentions: tuple[Mention, ...]
    dates: tuple[DateMention, ...]
    text: str


@functools.lru_cache(maxsize=4096)
def _entity_href(ident: str) -> str:
    return urls.relative(FROM_BRIEFING, urls.entity("ar", ident))


@functools.lru_cache(maxsize=4096)
def _event_href(ident: str) -> str:
    return urls.relative(FROM_BRIEFING, urls.event("ar", ident))


def editor_links(text: str, links: Sequence[tuple[str, str]]) -> list[Mention]:
    """Mentions of the phrases an editor linked by hand in this briefing."""
    found = []
    for phrase, ident in links:
        start = text.find(phrase)
        while start != -1:
            found.append(Mention(ident, start, start + len(phrase), phrase, "name"))
            start = text.find(phrase, start + len(phrase))
    return found


# Line breaks str.splitlines knows besides "\n".
_OTHER_LINE_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


class _NamesIn(Collection[str]):
    """The entities a whole body names in full (Gazetteer.names_in), found on first use."""

    def __init__(self, gazetteer: Gazetteer, body: str, blocks: Sequence[Block], lang: str
                 ) -> None:
        self._gazetteer, self._body, self._blocks, self._lang = gazetteer, body, blocks, lang

    @functools.cached_property
    def _names(self) -> frozenset[str]:
        # Block by block when the blocks are the body's lines as they stand (other line
        # breaks would make split_blocks rejoin lines): find reuses those scans.
        if _OTHER_LINE_BREAKS.search(self._body) is None:
            names = self._gazetteer.names_in_blocks([b.source for b in self._blocks], self._lang)
            if names is not None:
                return names
        return self._gazetteer.names_in(self._body, self._lang)

    def __contains__(self, entity: object) -> bool:
        return entity in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def annotate_block(block_html: str, lang: str, m: Matchers, *, reference: dt.date,
                   suppress: frozenset[str], link_adjectives: bool,
                   links: Sequence[tuple[str, str]] = (),
                   named: Collection[str] = frozenset()) -> BlockResult:
    """Link each entity's first mention in the block and mark up every date."""
    parsed = annotate.parse_block(block_html)
    manual = editor_links(parsed.text, links)
    found = [x for x in m.entities.find(parsed.text, lang, named=named)
             if x.entity not in suppress]  # sorted and non-overlapping already
    if manual:
        found = sorted([*manual, *(x for x in found if not any(
            y.start < x.end and x.start < y.end for y in manual))], key=lambda x: (x.start, x.end))
    dates = find_dates(parsed.text, lang, reference=reference)
    marks: list[annotate.Mark] = []
    taken: list[tuple[int, int]] = []
    linked: set[str] = set()
    for d in dates:
        node = parsed.node_at(d.start, d.end)
        if node is None:
            continue
        value = iso(d)
        attrs = f' datetime="{value.split("/")[0]}"'
        if d.end_value is not None:
            attrs += f' data-end="{value.split("/")[1]}"'
        events = m.events_by_day.get(value) if d.end_value is None else None
        if events and not (node.in_link or node.in_heading):
            open_tag = f'<a class="date-link" href="{_event_href(events[0])}"><time{attrs}>'
            marks.append(annotate.Mark(d.start, d.end, open_tag, "</time></a>"))
        else:
            marks.append(annotate.Mark(d.start, d.end, f"<time{attrs}>", "</time>"))
        taken.append((d.start, d.end))
    for x in found:
        if x.entity in linked or (x.kind == "adjective" and not link_adjectives):
            continue
        node = parsed.node_at(x.start, x.end)
        if node is None or node.in_link or node.in_heading:
            continue
        if any(a < x.end and x.start < b for a, b in taken):
            continue
        linked.add(x.entity)
        taken.append((x.start, x.end))
        marks.append(annotate.Mark(
            x.start, x.end, f'<a class="entity" href="{_entity_href(x.entity)}">', "</a>"))
    return BlockResult(annotate.render_block(parsed, marks), tuple(found), dates, parsed.text)


def link_briefing(b: Briefing, en_body: str | None, m: Matchers, link_adjectives: bool
                  ) -> tuple[LinkedBriefing, list[EntityMention], Counter[str],
                             list[tuple[str, str]]]:
    """Annotate one briefing in both languages.

    Returns its record, the mentions kept for entity pages (the first SNIPPETS_KEPT of
    each entity in each language), the Arabic name mentions per entity, and the triggers.
    """
    suppress = frozenset(b.suppress)
    mentions: list[EntityMention] = []
    seen: Counter[tuple[str, str]] = Counter()
    dates: list[DateRef] = []
    counts: Counter[str] = Counter()
    adjectives: set[str] = set()
    blocks: dict[str, tuple[str, ...]] = {}
    triggered: list[tuple[str, str]] = []
    for lang, body in (("ar", b.body), ("en", en_body)):
        if not body:
            blocks[lang] = ()
            continue
        out = []
        # Short aliases (كيم، شي) count in a block when the full name occurs anywhere in
        # the briefing: the whole text is scanned for full names, but only once a block
        # holds a short alias its own text does not back up.
        blocks_of_body = split_blocks(body)
        named = _NamesIn(m.entities, body, blocks_of_body, lang)
        for i, block in enumerate(blocks_of_body):
            result = annotate_block(to_html(block.source), lang, m, reference=b.date,
                                    suppress=suppress, link_adjectives=link_adjectives,
                                    links=b.links, named=named)
            out.append(result.html)
            for x in result.mentions:
                if lang == "ar":
                    if x.kind == "name":
                        counts[x.entity] += 1
                    else:
                        adjectives.add(x.entity)
                seen[x.entity, lang] += 1
                if seen[x.entity, lang] > SNIPPETS_KEPT:
                    continue  # an entity page shows no more of this briefing
                left, right = annotate.snippet_bounds(result.text, x.start, x.end)
                mentions.append(EntityMention(
                    x.entity, b.slug, lang, i, x.kind,
                    Snippet(result.text[left:x.start], result.text[x.start:x.end],
                            result.text[x.end:right])))
            for d in result.dates:
                dates.append(DateRef(b.slug, lang, i, iso(d), d.value, d.precision))
            for t in m.triggers.find(result.text, lang):
                triggered.append((t.entity.removeprefix(EVENT_PREFIX), t.surface.casefold()))
        blocks[lang] = tuple(out)
    names = +counts  # the mentions found, before the editor's extra entities join in
    for extra in b.entities:
        counts[extra] += 0  # listed by the editor: attached even if never found in the text
    ordered = tuple(e for e, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    record = LinkedBriefing(
        slug=b.slug, blocks_ar=blocks["ar"], blocks_en=blocks["en"], entities=ordered,
        adjectives=tuple(sorted(adjectives - set(ordered))), events=(), dates=tuple(dates))
    return record, mentions, names, triggered


def attach_events(b: Briefing, triggered: Sequence[tuple[str, str]], m: Matchers,
                  events: dict[str, Event]) -> tuple[str, ...]:
    """Events from front matter plus those whose trigger phrases occur near their date."""
    attached = set(b.events)
    for ev_id, phrase in triggered:
        ev = events[ev_id]
        if b.date < ev.start - TRIGGER_LEAD:
            continue  # an article cannot report an event announced long after it
        generic = (ev_id, phrase) in m.generic_triggers
        if generic and abs(b.date - ev.start) > GENERIC_WINDOW:
            continue
        attached.add(ev_id)
    return tuple(sorted(attached, key=lambda e: (events[e].start, e)))


def link_one(b: Briefing, tr: Translation | None, m: Matchers, events: dict[str, Event],
             link_adjectives: bool) -> StoredLinks:
    """Link one briefing in both languages and attach its events."""
    en_body = tr.body if tr and tr.translation != "none" and tr.body.strip() else None
    record, kept, names, triggered = link_briefing(b, en_body, m, link_adjectives)
    record = LinkedBriefing(**{**record.__dict__,
                               "events": attach_events(b, triggered, m, events)})
    return StoredLinks.of(record, tuple(kept), tuple(sorted(names.items())))
