"""What each indexed page tells Pagefind: kind, date, source, entities and normalised terms.

The `terms` field closes Pagefind's Arabic gaps (NOTES.md): the page's words normalised
by arabic.py plus their clitic-stripped forms, and every alias of every entity the page
mentions, so any spelling of a name finds the page in either language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from markupsafe import Markup

from nashra.model import Entity, Event
from nashra.pages.search_markup import SearchFields, pagefind_fields
from nashra.text.arabic import search_terms


def alias_words(entities: Iterable[Entity]) -> list[str]:
    """Every name and alias of `entities`, in both languages."""
    words: list[str] = []
    for e in entities:
        words.extend((e.name.ar, e.name.en, *e.aliases_ar, *e.aliases_en, *e.adjectives_ar))
    return words


def terms(*texts: str) -> tuple[str, ...]:
    """Normalised, clitic-stripped search terms of some texts."""
    return tuple(search_terms(" ".join(t for t in texts if t)).split())


def briefing_fields(*, title: str, date: dt.date, date_label: str, summary: str,
                    source: str | None, entities: Iterable[Entity], lang: str,
                    texts: Iterable[str]) -> Markup:
    """Search fields of a briefing page."""
    mentioned = list(entities)
    return pagefind_fields(SearchFields(
        kind="briefing", title=title, date=date, date_label=date_label, summary=summary,
        source=source, entities=tuple(e.name.get(lang) for e in mentioned),
        terms=terms(*texts, *alias_words(mentioned))))


def entity_fields(e: Entity, lang: str, date: dt.date, named: Iterable[Entity] = ()
                  ) -> Markup:
    """Search fields of an entity page: sorted by the newest briefing that mentions it, but
    showing no date; found by every alias of it and of the entities its description names."""
    return pagefind_fields(SearchFields(
        kind="entity", title=e.name.get(lang), date=date, show_date=False,
        summary=e.description.get(lang), entities=(e.name.get(lang),),
        terms=terms(e.description.ar, e.description.en, *alias_words([e, *named])),
        names=terms(*alias_words([e]))))


def event_fields(ev: Event, lang: str, date_label: str, participants: Iterable[Entity],
                 named: Iterable[Entity] = ()) -> Markup:
    """Search fields of an event page: its place, participants and the entities its title
    and description name are found by every alias they have."""
    people = list(participants)
    return pagefind_fields(SearchFields(
        kind="event", title=ev.title.get(lang), date=ev.start, date_label=date_label,
        summary=ev.description.get(lang), entities=tuple(p.name.get(lang) for p in people),
        terms=terms(ev.title.ar, ev.title.en, *ev.triggers_ar, *ev.triggers_en,
                    ev.description.ar, ev.description.en, *alias_words([*people, *named]))))
