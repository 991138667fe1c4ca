"""Frozen records passed between the stages: load -> link -> render -> index."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

Lang = Literal["ar", "en"]
LANGS: tuple[Lang, ...] = ("ar", "en")
DIRECTION: dict[str, str] = {"ar": "rtl", "en": "ltr"}

EntityType = Literal["person", "place", "country", "organisation"]
ENTITY_TYPES: tuple[str, ...] = ("person", "country", "place", "organisation")
Precision = Literal["day", "month", "year"]
TranslationKind = Literal["editorial", "machine", "none", "digest"]  # digest: made at build
Status = Literal["draft", "published"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located at path:line."""

    path: str
    line: int
    message: str
    hint: str = ""
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.severity}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


@dataclass(frozen=True)
class LangText:
    """The same short text in both languages."""

    ar: str
    en: str

    def get(self, lang: str) -> str:
        """The text in `lang`."""
        return self.ar if lang == "ar" else self.en


@dataclass(frozen=True)
class Source:
    """The outlet an article came from (and, for a repost, who published the text first)."""

    name: str
    name_en: str | None = None
    url: str | None = None
    author: str | None = None
    original: str | None = None  # the outlet that first published the text, when `name` reposts it
    original_en: str | None = None
    republished: dt.date | None = None  # the reposting outlet's date; `date:` is the text's


@dataclass(frozen=True)
class Note:
    """An editor's note on one paragraph: where the source is wrong, or says more than is known."""

    paragraph: int  # 1-based block of the body (the parallel view's row)
    text: LangText


@dataclass(frozen=True)
class Correction:
    """A dated correction of Nashra's own words: summary, key points, translation, entity text."""

    date: dt.date
    text: LangText


# `date_evidence.kind` of a date that is only the day the seed entered the repository (ingest
# found no dated evidence); such briefings are shown as "added on ...".
APPROXIMATE_KIND = "added-to-repository"

@dataclass(frozen=True)
class Briefing:
    """The Arabic original (`<slug>.ar.md`): shared metadata + cleaned article text."""

    slug: str
    path: str
    title: str
    date: dt.date
    source: Source
    body: str
    body_line: int  # 1-based line of the body's first line in the file
    dateline: str | None = None
    summary: str | None = None
    seed: str | None = None
    seed_sha256: str | None = None
    events: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()  # additions the linker cannot find by itself
    suppress: tuple[str, ...] = ()  # entity ids never linked in this briefing
    links: tuple[tuple[str, str], ...] = ()  # (phrase, entity id): extra links in this briefing
    status: Status = "published"
    pending: bool = False  # ingested in memory at build time; no editor has seen it
    date_approximate: bool = False  # no dated evidence: the day the seed entered the repository
    notes: tuple[Note, ...] = ()  # editor's notes beside paragraphs, in paragraph order
    corrections: tuple[Correction, ...] = ()  # oldest first


@dataclass(frozen=True)
class Translation:
    """The English briefing (`<slug>.en.md`): language-specific fields only."""

    slug: str
    path: str
    title: str
    summary: str
    key_points: tuple[str, ...]
    translation: TranslationKind
    body: str
    body_line: int
    engine: str | None = None  # the engine of a machine translation ("Argos Translate")
    dateline: str | None = None  # the dateline's English name


@dataclass(frozen=True)
class Entity:
    """One person, place, country or organisation (`entities/<id>.md`)."""

    id: str
    path: str
    type: EntityType
    name: LangText
    aliases_ar: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    adjectives_ar: tuple[str, ...] = ()
    wikidata: str | None = None
    description: LangText = LangText("", "")
    corrections: tuple[Correction, ...] = ()  # oldest first
    lat: float | None = None  # a place's or country's point on the map (both or neither)
    lon: float | None = None


@dataclass(frozen=True)
class Event:
    """One dated event (`events/<id>.md`)."""

    id: str
    path: str
    start: dt.date
    end: dt.date | None
    precision: Precision
    title: LangText
    place: str | None = None
    participants: tuple[str, ...] = ()
    triggers_ar: tuple[str, ...] = ()
    triggers_en: tuple[str, ...] = ()
    description: LangText = LangText("", "")
    corrections: tuple[Correction, ...] = ()  # oldest first


@dataclass(frozen=True)
class SiteConfig:
    """Validated `nashra.toml`."""

    title: LangText
    description: LangText
    base_url: str  # always ends with "/"
    languages: tuple[Lang, ...] = LANGS
    default_language: Lang = "ar"
    link_adjectives: bool = False
    strict: bool = False
    # Larger input files are refused before they are read ([limits] in nashra.toml).
    max_file_bytes: int = 2_000_000


@dataclass(frozen=True)
class Archive:
    """Everything loaded from content/ and nashra.toml, validated."""

    config: SiteConfig
    briefings: tuple[Briefing, ...]  # sorted newest first, then by slug
    translations: tuple[Translation, ...]
    entities: tuple[Entity, ...]  # sorted by id
    events: tuple[Event, ...]  # sorted by start date, then id
    warnings: tuple[Problem, ...] = field(default=())


@dataclass(frozen=True)
class Snippet:
    """A keyword in context: the words around one mention."""

    before: str
    match: str
    after: str


@dataclass(frozen=True)
class EntityMention:
    """One mention of an entity in a briefing (for back-links and in-context snippets)."""

    entity: str
    slug: str
    lang: Lang
    block: int
    kind: Literal["name", "adjective"]
    snippet: Snippet


@dataclass(frozen=True)
class DateRef:
    """One explicit date mention in a briefing."""

    slug: str
    lang: Lang
    block: int
    iso: str
    start: dt.date
    precision: Precision


@dataclass(frozen=True)
class LinkedBriefing:
    """A briefing's rendered, annotated blocks and what it links to."""

    slug: str
    blocks_ar: tuple[str, ...]  # HTML of each block of the Arabic body, links and <time> in
    blocks_en: tuple[str, ...]  # the same for the English translation (empty if none)
    entities: tuple[str, ...]  # named entities, most mentioned first
    adjectives: tuple[str, ...]  # entities only referred to by adjective (tags)
    events: tuple[str, ...]  # attached events (front matter + triggers), by date
    dates: tuple[DateRef, ...]


class MentionIndex(Protocol):
    """Entity id -> its kept snippets (graph.LazyMentions reads them from the cache)."""

    def __getitem__(self, entity: str) -> tuple[EntityMention, ...]:
        """Every kept snippet of `entity`, newest briefing first."""

    def grouped(self, entity: str) -> Mapping[tuple[str, str], list[Snippet]]:
        """(slug, lang) -> the entity's snippets there, read per briefing when asked."""


@dataclass(frozen=True)
class LinkedArchive:
    """The archive plus every inverted index, computed once per build."""

    archive: Archive
    briefings: Mapping[str, LinkedBriefing]  # by slug (HTML blocks read on demand)
    records: Mapping[str, LinkedBriefing]  # the same without HTML blocks: links, dates, tags
    mentions: MentionIndex  # entity id -> kept snippets, newest first
    mention_counts: dict[str, int]  # entity id -> name mentions in the Arabic originals
    name_counts: dict[str, tuple[tuple[str, int], ...]]  # entity -> (slug, Arabic name mentions)
    entity_briefings: dict[str, tuple[str, ...]]  # entity id -> slugs, newest first
    cooccurrence: dict[str, tuple[tuple[str, int], ...]]  # entity -> (other, shared briefings)
    event_briefings: dict[str, tuple[str, ...]]  # event id -> slugs that report it
    event_date_mentions: dict[str, tuple[str, ...]]  # event id -> slugs that mention its date
    entity_events: dict[str, tuple[str, ...]]  # entity id -> events it took part in
    related: dict[str, tuple[str, ...]]  # slug -> related slugs, best first
    warnings: tuple[Problem, ...] = ()
