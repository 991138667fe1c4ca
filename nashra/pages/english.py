"""English for every briefing: the automatic digest, and the English fields every page uses.

A briefing with no English text still gets an English page: a digest built from what the
linker found (its entities' and events' English names, the dates it mentions, the outlet),
labelled "Automatic digest — not a translation". An editor's `title:`/`summary:` in the
`.en.md` always win over the digest's. `english_pairs` gives every briefing its English
record (a Translation; kind "digest" when there is no English body), so cards, feeds,
search and every list show English titles with no special case.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from nashra.model import (
    ENTITY_TYPES,
    Briefing,
    DateRef,
    Entity,
    Event,
    LinkedArchive,
    LinkedBriefing,
    Translation,
)
from nashra.pages import i18n
from nashra.pages.views import Link
from nashra.stamps import digest
from nashra.text.arabic import normalize
from nashra.text.dates import iso_at

TITLE_NAMES = 3  # entities named in a digest's title
GROUP_NAMES = 5  # names per group in a digest's summary before "and N more"
SUMMARY_EVENTS = 3  # events named in a digest's summary
TYPE_LABELS = {"person": "People", "country": "Countries", "place": "Places",
               "organisation": "Organisations"}
# A dateline is a place name, sometimes followed by the agency or a date: "موسكو - (رويترز)".
_DATELINE_CUT = re.compile(r"[-–—(،,:/|]")


def join_names(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def outlet_phrase(b: Briefing) -> str:
    """'report from Al Jazeera Net', or a plain description when the outlet has no English name."""
    return f"report from {b.source.name_en}" if b.source.name_en else "Arabic-language report"


def grouped(record: LinkedBriefing, entities: Mapping[str, Entity]
            ) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The briefing's entities by type (people, countries, places, organisations), most
    mentioned first within each type."""
    groups = []
    for kind in ENTITY_TYPES:
        members = tuple(e for e in record.entities if e in entities and entities[e].type == kind)
        if members:
            groups.append((kind, members))
    return tuple(groups)


def events_by_relevance(b: Briefing, record: LinkedBriefing, events: Mapping[str, Event]
                        ) -> tuple[str, ...]:
    """The attached events, those closest to the briefing's date first."""
    return tuple(sorted((e for e in record.events if e in events),
                        key=lambda e: (abs((events[e].start - b.date).days), e)))


_KEYS: dict[tuple[str, str, tuple[str, ...]], tuple[tuple[str, str], ...]] = {}
_PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")


def _keys(e: Entity) -> tuple[tuple[str, str], ...]:
    """(first word, whole) of an entity's Arabic name and aliases, normalised."""
    memo_key = (e.id, e.name.ar, e.aliases_ar)  # strings hash once: cheaper than the Entity
    if memo_key not in _KEYS:
        keys = {normalize(a).strip() for a in (e.name.ar, *e.aliases_ar)}
        _KEYS[memo_key] = tuple((k.split(" ", 1)[0], k) for k in sorted(keys) if k)
    return _KEYS[memo_key]


def _headline_words(title: str) -> tuple[frozenset[str], str]:
    """A headline's normalised words (each also without a proclitic), and the words joined."""
    words = re.findall(r"\w+", normalize(title))
    stems = {w[len(p):] for w in words for p in _PROCLITICS  # وبيونغ: و+بيونغ, not وب+يونغ
             if w.startswith(p) and len(w) - len(p) >= 2}
    return frozenset([*words, *stems]), " " + " ".join(words) + " "


def _named_in(headline: tuple[frozenset[str], str], e: Entity) -> bool:
    """Whether a headline (_headline_words) names `e`, a proclitic allowed before it."""
    firsts, joined = headline
    for first, key in _keys(e):
        if first in firsts and (first == key or f"{key} " in joined):
            return True
    return False


def leading_entities(b: Briefing, record: LinkedBriefing, entities: Mapping[str, Entity]
                     ) -> list[str]:
    """The entities a title should name: those the Arabic headline names, then the most
    mentioned (the record's order)."""
    known = [e for e in record.entities if e in entities]
    headline = _headline_words(b.title)
    in_title = [e for e in known if _named_in(headline, entities[e])]
    return [*in_title, *(e for e in known if e not in in_title)]


def digest_title(b: Briefing, record: LinkedBriefing, entities: Mapping[str, Entity],
                 events: Mapping[str, Event]) -> str:
    """'Russia, North Korea and Vladimir Putin — report from Al Jazeera Net, 19 June 2024'."""
    names = [entities[e].name.en for e in leading_entities(b, record, entities)][:TITLE_NAMES]
    when = i18n.format_day(b.date, "en")
    lead = join_names(names)
    if not lead:
        relevant = events_by_relevance(b, record, events)
        lead = events[relevant[0]].title.en if relevant else ""
    if not lead:
        phrase = outlet_phrase(b)
        return f"{phrase[0].upper()}{phrase[1:]}, {when}"
    return f"{lead} — {outlet_phrase(b)}, {when}"


def digest_summary(b: Briefing, record: LinkedBriefing, entities: Mapping[str, Entity],
                   events: Mapping[str, Event]) -> str:
    """A few English sentences: the events reported, then the names by type."""
    parts = []
    relevant = events_by_relevance(b, record, events)[:SUMMARY_EVENTS]
    if relevant:
        parts.append("Events: " + "; ".join(events[e].title.en for e in relevant) + ".")
    for kind, members in grouped(record, entities):
        names = [entities[e].name.en for e in members]
        shown = names[:GROUP_NAMES]
        more = len(names) - len(shown)
        listed = ", ".join(shown) + (f" and {more} more" if more else "")
        parts.append(f"{TYPE_LABELS[kind]}: {listed}.")
    if not parts:
        return "No known person, place, organisation or event was recognised in the " \
               "Arabic text."
    return " ".join(parts)


def place_index(entities: Sequence[Entity]) -> dict[str, Entity]:
    """Normalised Arabic name or alias -> place or country (the names a dateline can be)."""
    index: dict[str, Entity] = {}
    for e in entities:
        if e.type not in ("place", "country"):
            continue
        for alias in (e.name.ar, *e.aliases_ar):
            index.setdefault(normalize(alias).strip(), e)
    return index


def dateline_en(dateline: str | None, places: Mapping[str, Entity]) -> str | None:
    """The English name of a dateline that is a known place ('موسكو - رويترز' -> 'Moscow')."""
    if not dateline:
        return None
    head = _DATELINE_CUT.split(dateline, maxsplit=1)[0]
    key = normalize(head).strip()
    for candidate in (key, key[1:] if key[:1] in "وف" else None):  # "وموسكو" is rare but seen
        if candidate and candidate in places:
            return places[candidate].name.en
    return None


def english_pair(b: Briefing, written: Translation | None, record: LinkedBriefing,
                 entities: Mapping[str, Entity], events: Mapping[str, Event],
                 places: Mapping[str, Entity]) -> Translation:
    """The English record of one briefing: the editor's or engine's where there is one,
    completed by the digest (title, summary) and the dateline's English name."""
    dateline = written.dateline if written and written.dateline else dateline_en(b.dateline,
                                                                                  places)
    if written is not None and written.translation != "none" and written.body.strip():
        if written.dateline == dateline:
            return written
        return dataclasses.replace(written, dateline=dateline)
    return Translation(
        slug=b.slug, path=written.path if written else "", translation="digest",
        title=written.title if written else digest_title(b, record, entities, events),
        summary=(written.summary if written and written.summary
                 else digest_summary(b, record, entities, events)),
        key_points=written.key_points if written else (), body="", body_line=0,
        dateline=dateline)


class EnglishPairs(Mapping[str, Translation]):
    """Slug -> its English record (english_pair), made when a page first asks for it."""

    def __init__(self, linked: LinkedArchive, entities: Mapping[str, Entity],
                 events: Mapping[str, Event]) -> None:
        archive = linked.archive
        self._briefings = {b.slug: b for b in archive.briefings}
        self._written = {t.slug: t for t in archive.translations}
        self._records, self._entities, self._events = linked.records, entities, events
        self._places = place_index(archive.entities)
        self._memo: dict[str, Translation] = {}

    def __getitem__(self, slug: str) -> Translation:
        if slug not in self._memo:
            b = self._briefings[slug]  # KeyError for an unknown slug, as a dict would
            self._memo[slug] = english_pair(b, self._written.get(slug), self._records[slug],
                                            self._entities, self._events, self._places)
        return self._memo[slug]

    def __iter__(self) -> Iterator[str]:
        return iter(self._briefings)

    def __len__(self) -> int:
        return len(self._briefings)


class CardKeys(Mapping[str, str]):
    """Slug -> digest of its card in both languages: what its files say (`cards`) and the
    English the build made for it (digest title and summary, the dateline's English name),
    which change with entities and events that its files do not name."""

    def __init__(self, english: Mapping[str, Translation], cards: Mapping[str, str]) -> None:
        self._english, self._cards = english, cards
        self._memo: dict[str, str] = {}

    def __getitem__(self, slug: str) -> str:
        if slug not in self._memo:
            tr = self._english[slug]
            self._memo[slug] = digest(self._cards[slug], tr.translation, tr.title, tr.summary,
                                      tr.dateline, tr.engine)
        return self._memo[slug]

    def __iter__(self) -> Iterator[str]:
        return iter(self._cards)

    def __len__(self) -> int:
        return len(self._cards)


# ------------------------------------------------------------------ the digest on its page


@dataclass(frozen=True)
class NameGroup:
    """People, countries, places or organisations named in a briefing."""

    label: str
    names: tuple[Link, ...]


@dataclass(frozen=True)
class DateItem:
    """A date the article mentions, in English."""

    iso: str
    text: str


@dataclass(frozen=True)
class DigestView:
    """The automatic digest as the English briefing page shows it."""

    label: str
    note: str
    events: tuple[tuple[Link, str, str], ...]  # (event, date text, iso)
    groups: tuple[NameGroup, ...]
    dates: tuple[DateItem, ...]


def _from_iso(text: str) -> tuple[dt.date, str]:
    """'2024', '2024-06' or '2024-06-19' -> (first day, precision)."""
    parts = [int(x) for x in text.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), "year"
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1), "month"
    return dt.date(parts[0], parts[1], parts[2]), "day"


def date_items(dates: Sequence[DateRef]) -> tuple[DateItem, ...]:
    """The dates the Arabic text mentions, once each, in time order, written in English."""
    seen: dict[str, DateRef] = {}
    for d in dates:
        if d.lang == "ar":
            seen.setdefault(d.iso, d)
    items = []
    for iso_value, d in sorted(seen.items(), key=lambda kv: (kv[1].start, kv[0])):
        text = i18n.format_precise(d.start, d.precision, "en")
        if "/" in iso_value:
            end, precision = _from_iso(iso_value.split("/", 1)[1])
            text = f"{text} – {i18n.format_precise(end, precision, 'en')}"
        items.append(DateItem(iso_value.split("/")[0], text))
    return tuple(items)


def digest_view(b: Briefing, record: LinkedBriefing, entities: Mapping[str, Entity],
                events: Mapping[str, Event], entity_url: dict[str, str],
                event_url: dict[str, str]) -> DigestView:
    """The digest's sections: events, names by type (linked), dates (urls given by id)."""
    t = i18n.t("en")
    label, note = t["digest_label"], t["digest_note"]
    evs = tuple((Link(events[e].title.en, event_url[e]),
                 i18n.format_precise(events[e].start, events[e].precision, "en"),
                 iso_at(events[e].start, events[e].precision))
                for e in events_by_relevance(b, record, events))
    groups = tuple(NameGroup(TYPE_LABELS[kind], tuple(
        Link(entities[e].name.en, entity_url[e]) for e in members))
        for kind, members in grouped(record, entities))
    return DigestView(label, note, evs, groups, date_items(record.dates))
