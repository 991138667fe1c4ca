"""A linked briefing, as the link stage makes it and the cache keeps it.

The one type for a briefing's links between the stages: `record` (a model.LinkedBriefing
without its HTML) is what indexes and lists read; the HTML blocks and entity snippets are
the heavy part, read from the cache only for the pages being rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nashra import rows
from nashra.model import EntityMention, LinkedBriefing, Snippet
from nashra.stamps import digest

Packed = tuple[tuple[str, str, int, str, str, str, str], ...]  # EntityMention fields, flat
Heavy = tuple[tuple[str, ...], tuple[str, ...], Packed]  # blocks_ar, blocks_en, snippets


@dataclass
class StoredLinks:
    """A briefing's links: a light record always at hand, its HTML and snippets on demand.

    Only the pages being rendered need a briefing's HTML blocks and snippets; an
    incremental build reads them from the cache for those pages alone.
    """

    record: LinkedBriefing  # without its HTML blocks
    name_counts: tuple[tuple[str, int], ...]
    snippet_digests: dict[str, str]  # entity -> digest of its kept snippets in this briefing
    _heavy: Heavy | None = field(default=None, repr=False)
    _load: Any = field(default=None, repr=False)  # () -> Heavy, set when read from the cache
    _mentions: tuple[EntityMention, ...] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, full: LinkedBriefing, mentions: tuple[EntityMention, ...],
           name_counts: tuple[tuple[str, int], ...]) -> StoredLinks:
        """A freshly linked briefing: its record with HTML blocks, the snippets kept for
        entity pages, and its Arabic name mentions per entity."""
        packed = tuple((x.entity, x.lang, x.block, x.kind, x.snippet.before, x.snippet.match,
                        x.snippet.after) for x in mentions)
        by_entity: dict[str, list[tuple]] = {}
        for p in packed:
            by_entity.setdefault(p[0], []).append(p)
        light = LinkedBriefing(**{**full.__dict__, "blocks_ar": (), "blocks_en": ()})
        return cls(light, name_counts, {e: digest(v) for e, v in sorted(by_entity.items())},
                   (full.blocks_ar, full.blocks_en, packed), None, mentions)

    def heavy(self) -> Heavy:
        """The HTML blocks and packed snippets, read from the cache on first use."""
        if self._heavy is None:
            self._heavy = self._load()
        return self._heavy

    def full_record(self) -> LinkedBriefing:
        """The record with its HTML blocks."""
        blocks_ar, blocks_en, _ = self.heavy()
        return LinkedBriefing(**{**self.record.__dict__, "blocks_ar": blocks_ar,
                                 "blocks_en": blocks_en})

    @property
    def mentions(self) -> tuple[EntityMention, ...]:
        """The kept snippets as EntityMentions."""
        if self._mentions is None:
            slug = self.record.slug
            self._mentions = tuple(EntityMention(e, slug, lang, block, kind,  # type: ignore[arg-type]
                                                 Snippet(before, match, after))
                                   for e, lang, block, kind, before, match, after
                                   in self.heavy()[2])
        return self._mentions

    @property
    def mentioned(self) -> frozenset[str]:
        """Every entity with a kept snippet."""
        return frozenset(self.snippet_digests)

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_load": None, "_mentions": None}

    def light(self) -> StoredLinks:
        """A copy without the heavy parts: what the cache's links table keeps."""
        return StoredLinks(self.record, self.name_counts, self.snippet_digests)


# The cache's rows: JSON checked against these types when read (never pickles: a cache
# restored from an untrusted place must not run code). Kept here so that a change to the
# linked types changes the row format in one place.
LightRow = tuple[LinkedBriefing, tuple[tuple[str, int], ...], dict[str, str]]


def to_row(links: StoredLinks) -> str:
    """The light record of `links` as a cache row."""
    return rows.dumps((links.record, links.name_counts, links.snippet_digests))


def from_row(row: str | bytes) -> StoredLinks:
    """A light record read back from a cache row (RowError if it is not one)."""
    record, name_counts, snippet_digests = rows.loads(LightRow, row)
    return StoredLinks(record, name_counts, snippet_digests)


def heavy_to_row(heavy: Heavy) -> str:
    """HTML blocks and packed snippets as a cache row."""
    return rows.dumps(heavy)


def heavy_from_row(row: str | bytes) -> Heavy:
    """HTML blocks and packed snippets read back from a cache row (RowError if not)."""
    return rows.loads(Heavy, row)
