"""Load and validate content/ into an Archive; every problem is located at path:line."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nashra.load.seeds import APPROXIMATE_DATE
from nashra.model import (
    APPROXIMATE_KIND,
    ENTITY_TYPES,
    Archive,
    Briefing,
    Correction,
    Entity,
    Event,
    LangText,
    Note,
    Problem,
    SiteConfig,
    Source,
    Translation,
)
from nashra.text.bidi import balance_bidi
from nashra.text.blocks import split_blocks
from nashra.text.files import MAX_FILE_BYTES, read_text, shown
from nashra.text.frontmatter import Document, FrontMatterError, parse

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_HINT = "use lower-case ASCII letters, digits and single hyphens, e.g. 2024-06-putin-visit"

BRIEFING_KEYS = {"title", "date", "date_evidence", "summary", "source", "dateline", "seed",
                 "seed_sha256", "events", "entities", "suppress", "links", "status", "draft_sha256",
                 "notes", "corrections"}
TRANSLATION_KEYS = {"title", "summary", "key_points", "translation", "engine", "dateline",
                    "source_hashes", "machine_sha256"}  # the last two: nashra translate
ENTITY_KEYS = {"type", "name", "aliases", "adjectives", "wikidata", "corrections", "lat", "lon"}
MAPPED_TYPES = ("place", "country")  # entity types that may carry coordinates
EVENT_KEYS = {"date", "start", "end", "precision", "title", "place", "participants", "triggers",
              "corrections"}
SOURCE_KEYS = {"name", "name_en", "url", "author", "original", "original_en", "republished"}
NOTE_HINT = "notes: [{paragraph: 3, ar: …, en: …}] (paragraphs count from 1, blank-line separated)"
CORRECTION_HINT = "corrections: [{date: 2024-07-01, ar: …, en: …}]"


@dataclass(frozen=True)
class SourceFile:
    """A content file's path relative to the project, and its text."""

    path: str
    text: str


@dataclass
class Checker:
    """Reads typed fields out of one document, collecting problems instead of raising."""

    path: str
    doc: Document
    strict: bool
    problems: list[Problem] = field(default_factory=list)

    def error(self, key: str | None, message: str, hint: str = "") -> None:
        """Record an error at the line of `key`."""
        line = self.doc.line(key) if key else 1
        self.problems.append(Problem(self.path, line, message, hint))

    def unknown_keys(self, known: set[str]) -> None:
        """Unknown keys are warnings (errors in strict mode): usually a typo."""
        for key in self.doc.meta:
            if key not in known:
                close = _closest(str(key), known)
                hint = f"did you mean '{close}'?" if close else f"known: {', '.join(sorted(known))}"
                self.problems.append(Problem(self.path, self.doc.line(str(key)),
                                             f"unknown field {shown(str(key))}", hint,
                                             "error" if self.strict else "warning"))

    def string(self, key: str, *, required: bool = False) -> str | None:
        """A non-empty string field."""
        value = self.doc.meta.get(key)
        if value is None:
            if required:
                self.error(None if key not in self.doc.key_lines else key,
                           f"missing required field '{key}'", f"add '{key}: …' to the front matter")
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            value = balance_bidi(value)
        if not isinstance(value, str) or not value.strip():
            self.error(key, f"'{key}' must be a non-empty text", f"{key}: some text")
            return None
        return value.strip()

    def strings(self, key: str, value: Any = None, *, where: str | None = None) -> tuple[str, ...]:
        """A list of strings (a single string is accepted as a one-item list)."""
        value = self.doc.meta.get(key) if value is None and where is None else value
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.error(key, f"'{where or key}' must be a list of texts", f"{key}: [first, second]")
            return ()
        return tuple(v.strip() for v in value)

    def lang_text(self, key: str, *, required: bool = False) -> LangText | None:
        """A {ar: ..., en: ...} mapping."""
        value = self.doc.meta.get(key)
        if value is None:
            if required:
                self.error(None, f"missing required field '{key}'",
                           f"add '{key}: {{ar: …, en: …}}' to the front matter")
            return None
        if isinstance(value, dict):
            value = {k: balance_bidi(v) if isinstance(v, str) else v for k, v in value.items()}
        if not isinstance(value, dict) or not all(isinstance(value.get(k), str) and
                                                  value[k].strip() for k in ("ar", "en")):
            self.error(key, f"'{key}' must have non-empty texts for both ar and en",
                       f"{key}: {{ar: …, en: …}}")
            return None
        extra = set(value) - {"ar", "en"}
        if extra:
            self.error(key, f"'{key}' has unknown languages: {', '.join(sorted(map(str, extra)))}",
                       "only ar and en are supported")
        return LangText(value["ar"].strip(), value["en"].strip())

    def date(self, key: str, *, required: bool = False) -> dt.date | None:
        """An ISO date (YYYY-MM-DD)."""
        value = self.doc.meta.get(key)
        if value is None:
            if required:
                self.error(key if key in self.doc.key_lines else None,
                           f"missing required field '{key}'", f"add '{key}: YYYY-MM-DD'")
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.error(key, f"'{key}' is not a valid ISO date: {shown(value)}",
                       "write the date as YYYY-MM-DD, e.g. 2024-06-19")
            return None


    def _items(self, key: str, fields: set[str], hint: str) -> list[dict[str, Any]]:
        """A list of mappings with exactly `fields`, each with non-empty ar and en texts."""
        value = self.doc.meta.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.error(key, f"'{key}' must be a list of mappings", hint)
            return []
        items = []
        for n, item in enumerate(value, 1):
            wrong = {str(k) for k in item} ^ fields
            texts_ok = all(isinstance(item.get(k), str) and item[k].strip() for k in ("ar", "en"))
            if wrong or not texts_ok:
                self.error(key, f"'{key}' item {n} must have exactly {', '.join(sorted(fields))}, "
                           "with non-empty ar and en texts", hint)
                continue
            items.append(item)
        return items

    def notes(self, paragraphs: int) -> tuple[Note, ...]:
        """`notes:` on a briefing: each names a paragraph of the body that exists."""
        found = []
        for n, item in enumerate(self._items("notes", {"paragraph", "ar", "en"}, NOTE_HINT), 1):
            number = item["paragraph"]
            if isinstance(number, bool) or not isinstance(number, int) \
                    or not 1 <= number <= paragraphs:
                self.error("notes", f"note {n} is on paragraph {number!r}, but the text has "
                           f"{paragraphs} paragraph(s)", f"use a number from 1 to {paragraphs}")
                continue
            found.append(Note(number, LangText(item["ar"].strip(), item["en"].strip())))
        return tuple(sorted(found, key=lambda x: x.paragraph))

    def corrections(self) -> tuple[Correction, ...]:
        """`corrections:` of the file's own words, each with its date; oldest first."""
        found = []
        for n, item in enumerate(self._items("corrections", {"date", "ar", "en"},
                                             CORRECTION_HINT), 1):
            day = item["date"]
            if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
                try:
                    day = dt.date.fromisoformat(str(day).strip())
                except ValueError:
                    self.error("corrections", f"correction {n} has no valid date: {day!r}",
                               "write the date as YYYY-MM-DD")
                    continue
            found.append(Correction(day, LangText(item["ar"].strip(), item["en"].strip())))
        return tuple(sorted(found, key=lambda x: x.date))


def _closest(word: str, options: Iterable[str]) -> str | None:
    """The known key a typo most likely meant."""
    import difflib

    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.75)
    return found[0] if found else None


def split_name(path: str) -> tuple[str, str | None]:
    """`briefings/<slug>.ar.md` -> (slug, 'ar'); other names -> (stem, None)."""
    name = path.rsplit("/", 1)[-1]
    for lang in ("ar", "en"):
        if name.endswith(f".{lang}.md"):
            return name[: -len(f".{lang}.md")], lang
    return name.removesuffix(".md"), None


def _source(c: Checker) -> Source:
    value = c.doc.meta.get("source")
    if value is None:
        return Source(name="")
    if isinstance(value, str):
        return Source(name=value.strip())
    if not isinstance(value, dict):
        c.error("source", "'source' must be a mapping",
                "source: {name: …, name_en: …, url: null, author: null}")
        return Source(name="")
    for key in value:
        if key not in SOURCE_KEYS:
            c.problems.append(Problem(c.path, c.doc.line("source"), f"unknown field 'source.{key}'",
                                      f"known: {', '.join(sorted(SOURCE_KEYS))}",
                                      "error" if c.strict else "warning"))
    parts: dict[str, str | None] = {}
    for key in ("name", "name_en", "url", "author", "original", "original_en"):
        v = value.get(key)
        if v is not None and not isinstance(v, str):
            c.error("source", f"'source.{key}' must be a text or null")
            v = None
        parts[key] = v.strip() if isinstance(v, str) and v.strip() else None
    url = parts["url"]
    if url and not re.match(r"^https?://\S+$", url):
        c.error("source", f"'source.url' is not an http(s) URL: {shown(url)}", "or write url: null")
        url = None
    republished = value.get("republished")
    if republished is not None and not isinstance(republished, dt.date):
        try:
            republished = dt.date.fromisoformat(str(republished).strip())
        except ValueError:
            c.error("source", f"'source.republished' is not a valid ISO date: {republished!r}",
                    "the reposting outlet's date as YYYY-MM-DD, or leave it out")
            republished = None
    return Source(name=parts["name"] or "", name_en=parts["name_en"], url=url,
                  author=parts["author"], original=parts["original"],
                  original_en=parts["original_en"], republished=republished)


def read_briefing(c: Checker, slug: str) -> Briefing | None:
    """A `<slug>.ar.md` file as a Briefing."""
    c.unknown_keys(BRIEFING_KEYS)
    title = c.string("title", required=True)
    date = c.date("date", required=True)
    status = c.doc.meta.get("status", "published")
    if status not in ("draft", "published"):
        c.error("status", f"'status' must be draft or published, not {shown(status)}")
        status = "published"
    briefing_fields = dict(
        summary=c.string("summary"), dateline=c.string("dateline"), seed=c.string("seed"),
        seed_sha256=c.string("seed_sha256"), events=c.strings("events"),
        entities=c.strings("entities"), suppress=c.strings("suppress"),
        # Counting paragraphs splits the whole body: only for a briefing that has notes.
        notes=c.notes(len(split_blocks(c.doc.body))) if "notes" in c.doc.meta else (),
        corrections=c.corrections())
    source = _source(c)
    links = _links(c)
    if not c.doc.body.strip():
        c.error(None, "the briefing has no text", "write the article text below the front matter")
    if title is None or date is None:
        return None
    evidence = c.doc.meta.get("date_evidence")
    approximate = isinstance(evidence, dict) and evidence.get("kind") == APPROXIMATE_KIND
    if approximate:  # ingest found no dated evidence: the day the seed entered the repository
        c.problems.append(Problem(c.path, c.doc.line("date"), f"{APPROXIMATE_DATE}: the date "
                                  "is the day the seed entered the repository, shown to readers "
                                  "as approximate", "set the publication date and remove "
                                  "'date_evidence'", "warning"))
    return Briefing(slug=slug, path=c.path, title=title, date=date, source=source,
                    body=c.doc.body, body_line=c.doc.body_line, status=status, links=links,
                    date_approximate=approximate, **briefing_fields)


def _links(c: Checker) -> tuple[tuple[str, str], ...]:
    """`links: {phrase: entity-id}`: phrases this briefing links that the gazetteer misses."""
    value = c.doc.meta.get("links") or {}
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and k.strip() and isinstance(v, str) for k, v in value.items()):
        c.error("links", "'links' must map phrases to entity ids",
                "links: {الأخبار: al-akhbar}")
        return ()
    return tuple((k.strip(), v.strip()) for k, v in value.items())


def read_translation(c: Checker, slug: str) -> Translation | None:
    """A `<slug>.en.md` file as a Translation."""
    c.unknown_keys(TRANSLATION_KEYS)
    title = c.string("title", required=True)
    summary = c.string("summary") or ""
    key_points = c.strings("key_points")
    kind = c.doc.meta.get("translation", "none" if not c.doc.body.strip() else "editorial")
    if kind not in ("editorial", "machine", "none"):
        c.error("translation",
                f"'translation' must be editorial, machine or none, not {shown(kind)}")
        kind = "none"
    if title is None:
        return None
    return Translation(slug=slug, path=c.path, title=title, summary=summary,
                       key_points=key_points, translation=kind, body=c.doc.body,
                       body_line=c.doc.body_line, engine=c.string("engine"),
                       dateline=c.string("dateline"))


def split_descriptions(c: Checker) -> LangText:
    """Body sections introduced by `<!-- ar -->` and `<!-- en -->`."""
    parts: dict[str, list[str]] = {}
    current: str | None = None
    for line in c.doc.body.splitlines():
        m = re.fullmatch(r"\s*<!--\s*(ar|en)\s*-->\s*", line)
        if m:
            current = m.group(1)
            parts.setdefault(current, [])
        elif current:
            parts[current].append(line)
        elif line.strip():
            c.error(None, "text before the first language marker",
                    "start each description with a line <!-- ar --> or <!-- en -->")
    texts = {k: "\n".join(v).strip() for k, v in parts.items()}
    return LangText(texts.get("ar", ""), texts.get("en", ""))


def _alias_lists(c: Checker, key: str) -> dict[str, tuple[str, ...]]:
    value = c.doc.meta.get(key) or {}
    if not isinstance(value, dict):
        c.error(key, f"'{key}' must be a mapping of languages to lists", f"{key}: {{ar: [...]}}")
        return {}
    return {lang: c.strings(key, value.get(lang) or [], where=f"{key}.{lang}")
            for lang in ("ar", "en")}


def read_entity(c: Checker, ident: str) -> Entity | None:
    """An `entities/<id>.md` file as an Entity."""
    c.unknown_keys(ENTITY_KEYS)
    kind = c.doc.meta.get("type")
    if kind not in ENTITY_TYPES:
        c.error("type" if "type" in c.doc.meta else None,
                f"'type' must be one of {', '.join(ENTITY_TYPES)}, not {shown(kind)}")
    name = c.lang_text("name", required=True)
    aliases = _alias_lists(c, "aliases")
    adjectives = _alias_lists(c, "adjectives")
    wikidata = c.string("wikidata")
    if wikidata and not re.fullmatch(r"Q\d+", wikidata):
        c.error("wikidata", f"'wikidata' must look like Q123, not {shown(wikidata)}")
        wikidata = None
    description = split_descriptions(c)
    lat, lon = _coordinates(c, kind)
    if kind not in ENTITY_TYPES or name is None:
        return None
    return Entity(id=ident, path=c.path, type=kind, name=name,
                  aliases_ar=aliases.get("ar", ()), aliases_en=aliases.get("en", ()),
                  adjectives_ar=adjectives.get("ar", ()), wikidata=wikidata,
                  description=description, corrections=c.corrections(), lat=lat, lon=lon)


def _coordinates(c: Checker, kind: object) -> tuple[float | None, float | None]:
    """`lat:` and `lon:` in decimal degrees, both or neither, on places and countries only."""
    meta = c.doc.meta
    if "lat" not in meta and "lon" not in meta:
        return None, None
    hint = "write decimal degrees, e.g. lat: 39.03 and lon: 125.75 (south and west negative)"
    values: dict[str, float] = {}
    for key, bound in (("lat", 90), ("lon", 180)):
        if key not in meta:
            present = "lon" if key == "lat" else "lat"
            c.error(present, f"'{present}' without '{key}'", f"add '{key}: …' too; {hint}")
            continue
        value = meta[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            c.error(key, f"'{key}' must be a number, not {value!r}", hint)
        elif not -bound <= value <= bound or value != value:  # value != value: NaN
            c.error(key, f"'{key}' must be between -{bound} and {bound}, not {value}", hint)
        else:
            values[key] = float(value)
    if kind in ENTITY_TYPES and kind not in MAPPED_TYPES:
        c.error("lat" if "lat" in meta else "lon",
                f"a {kind} has no place on the map: 'lat'/'lon' are for places and countries",
                "remove the coordinates, or put them on the place's own entity")
        return None, None
    if len(values) != 2:
        return None, None
    return values["lat"], values["lon"]


def _partial_date(c: Checker, key: str) -> tuple[dt.date, str] | None:
    """YYYY, YYYY-MM or YYYY-MM-DD -> (first day, precision)."""
    value = c.doc.meta.get(key)
    if isinstance(value, dt.date):
        return value, "day"
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 1, 1), "year"
        if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
            return dt.date(int(m[1]), int(m[2]), 1), "month"
        return dt.date.fromisoformat(text), "day"
    except ValueError:
        c.error(key, f"'{key}' is not a valid date: {shown(value)}",
                'write YYYY-MM-DD, "YYYY-MM" or "YYYY"')
        return None


def read_event(c: Checker, ident: str) -> Event | None:
    """An `events/<id>.md` file as an Event."""
    c.unknown_keys(EVENT_KEYS)
    meta = c.doc.meta
    start = end = None
    precision = None
    if "date" in meta:
        got = _partial_date(c, "date")
        if got:
            start, precision = got
        if "start" in meta or "end" in meta:
            c.error("date", "write either 'date' or 'start'/'end', not both")
    elif "start" in meta:
        got = _partial_date(c, "start")
        if got:
            start, precision = got
        if "end" in meta and (got_end := _partial_date(c, "end")):
            end = got_end[0]
            if start and end < start:
                c.error("end", "'end' is before 'start'", "swap the two dates")
    else:
        c.error(None, "missing required field 'date'", "add 'date: YYYY-MM-DD' (or start/end)")
    declared = meta.get("precision")
    if declared is not None:
        if declared not in ("day", "month", "year"):
            c.error("precision", f"'precision' must be day, month or year, not {shown(declared)}")
        elif precision and declared != precision:
            c.error("precision", f"'precision: {declared}' does not match the date's form",
                    "YYYY-MM-DD is day, YYYY-MM month, YYYY year")
    title = c.lang_text("title", required=True)
    triggers = _alias_lists(c, "triggers")
    place = c.string("place")
    participants = c.strings("participants")
    description = split_descriptions(c)
    if start is None or precision is None or title is None:
        return None
    return Event(id=ident, path=c.path, start=start, end=end, precision=precision, title=title,
                 place=place, participants=participants, triggers_ar=triggers.get("ar", ()),
                 triggers_en=triggers.get("en", ()), description=description,
                 corrections=c.corrections())


Reader = Callable[[Checker, str], Any]
READERS: dict[str, Reader] = {"briefings": read_briefing, "translations": read_translation,
                              "entities": read_entity, "events": read_event}
KINDS = tuple(READERS)
REFERENCE_KEYS = ("events", "entities", "suppress", "links", "place", "participants")


@dataclass(frozen=True)
class ParsedFile:
    """One content file read on its own: what later checks need, and nothing from other files."""

    path: str
    kind: str  # one of KINDS, or "" for a file that belongs nowhere
    record: Any  # Briefing | Translation | Entity | Event | None
    problems: tuple[Problem, ...]
    key_lines: tuple[tuple[str, int], ...] = ()  # lines that cross-file problems point at
    blocks: int = 0  # paragraphs in the body, for the alignment check


def parse_file(f: SourceFile, strict: bool) -> ParsedFile:
    """Read and check one content file (pure; cacheable by the file's bytes)."""
    parts = f.path.split("/")
    folder = parts[1] if len(parts) > 2 else ""
    severity = "error" if strict else "warning"
    if folder == "briefings":
        lang = split_name(f.path)[1]
        if lang is None:
            return ParsedFile(f.path, "", None, (Problem(
                f.path, 1, "briefing file without a language suffix",
                "name it <slug>.ar.md (original) or <slug>.en.md", severity),))
        kind = "briefings" if lang == "ar" else "translations"
    elif folder in ("entities", "events"):
        kind = folder
    else:
        return ParsedFile(f.path, "", None, (Problem(
            f.path, 1, "file outside briefings/, entities/ or events/",
            "move it into one of those folders", severity),))
    ident, _ = split_name(f.path)
    if not SLUG_RE.match(ident):
        return ParsedFile(f.path, kind, None, (Problem(
            f.path, 1, f"'{ident}' is not a safe URL slug", SLUG_HINT),))
    try:
        doc = parse(f.text)
    except FrontMatterError as exc:
        return ParsedFile(f.path, kind, None, (Problem(f.path, exc.line, str(exc), exc.hint),))
    checker = Checker(f.path, doc, strict)
    record = READERS[kind](checker, ident)
    blocks = len(split_blocks(doc.body)) if kind in ("briefings", "translations") else 0
    return ParsedFile(f.path, kind, record, tuple(checker.problems),
                      tuple((k, doc.line(k)) for k in REFERENCE_KEYS), blocks)


def _check_references(parts: dict[str, list[Any]], key_lines: dict[str, dict[str, int]],
                      problems: list[Problem]) -> None:
    """Every entity and event id named anywhere must exist."""
    entity_ids = {e.id for e in parts["entities"]}
    event_ids = {e.id for e in parts["events"]}

    def check(path: str, key: str, ids: Iterable[str], known: set[str], what: str) -> None:
        for ident in ids:
            if ident not in known:
                close = _closest(ident, known)
                folder = "entities" if what == "entity" else "events"
                hint = f"did you mean '{close}'?" if close else \
                    f"create content/{folder}/{ident}.md"
                line = key_lines.get(path, {}).get(key, 1)
                problems.append(Problem(path, line, f"unknown {what} '{ident}' in '{key}'", hint))

    for b in parts["briefings"]:
        check(b.path, "events", b.events, event_ids, "event")
        check(b.path, "entities", b.entities, entity_ids, "entity")
        check(b.path, "suppress", b.suppress, entity_ids, "entity")
        check(b.path, "links", [ident for _, ident in b.links], entity_ids, "entity")
    for ev in parts["events"]:
        check(ev.path, "place", [ev.place] if ev.place else [], entity_ids, "entity")
        check(ev.path, "participants", ev.participants, entity_ids, "entity")


def combine(config: SiteConfig, parsed: Sequence[ParsedFile],
            extra_briefings: Sequence[Briefing] = ()) -> tuple[Archive, list[Problem]]:
    """Check the files against each other and assemble the Archive."""
    ordered = sorted(parsed, key=lambda p: p.path)
    problems: list[Problem] = [x for p in ordered if not p.kind for x in p.problems]
    parts: dict[str, list[Any]] = {kind: [] for kind in KINDS}
    for kind in KINDS:
        for p in ordered:
            if p.kind == kind:
                problems.extend(p.problems)
                if p.record is not None:
                    parts[kind].append(p.record)
    parts["briefings"].extend(extra_briefings)

    ar_slugs = {split_name(p.path)[0] for p in ordered if p.kind == "briefings"}
    ar_slugs |= {b.slug for b in extra_briefings}
    for p in ordered:
        slug = split_name(p.path)[0]
        if p.kind == "translations" and slug not in ar_slugs:
            problems.append(Problem(p.path, 1, f"translation without its original {slug}.ar.md",
                                    f"add content/briefings/{slug}.ar.md or rename this file"))
    _check_duplicates(parts, problems)
    _check_references(parts, {p.path: dict(p.key_lines) for p in ordered if p.key_lines},
                      problems)
    blocks = {p.path: p.blocks for p in ordered}
    _check_alignment(parts, blocks, config.strict, problems)

    briefings = tuple(sorted(parts["briefings"], key=lambda b: (-b.date.toordinal(), b.slug)))
    archive = Archive(
        config=config,
        briefings=briefings,
        translations=tuple(sorted(parts["translations"], key=lambda t: t.slug)),
        entities=tuple(sorted(parts["entities"], key=lambda e: e.id)),
        events=tuple(sorted(parts["events"], key=lambda e: (e.start, e.id))),
        warnings=tuple(p for p in problems if p.severity == "warning"),
    )
    return archive, problems


def _check_duplicates(parts: dict[str, list[Any]], problems: list[Problem]) -> None:
    """Slugs and ids must be unique even ignoring case; one briefing per seed."""
    for kind in ("briefings", "entities", "events"):
        seen: dict[str, str] = {}
        for record in parts[kind]:
            key = (record.slug if kind == "briefings" else record.id).casefold()
            if key in seen:
                problems.append(Problem(record.path, 1, f"duplicate slug '{key}'",
                                        f"also used by {seen[key]}; rename one of them"))
            else:
                seen[key] = record.path
    seeds: dict[str, str] = {}
    for b in parts["briefings"]:
        if b.seed and b.seed in seeds:
            problems.append(Problem(b.path, 1, f"seed {b.seed} already has a briefing",
                                    f"{seeds[b.seed]} uses the same seed; remove one"))
        elif b.seed:
            seeds[b.seed] = b.path


def _check_alignment(parts: dict[str, list[Any]], blocks: dict[str, int], strict: bool,
                     problems: list[Problem]) -> None:
    """A translation must have as many blocks as its original, or the parallel view is off."""
    originals = {b.slug: b for b in parts["briefings"]}
    for tr in parts["translations"]:
        original = originals.get(tr.slug)
        if original is None or tr.translation == "none" or not tr.body.strip():
            continue
        n_tr = blocks.get(tr.path, 0)
        n_ar = blocks[original.path] if original.path in blocks else len(
            split_blocks(original.body))  # a seed published in memory has no parsed file
        if n_tr != n_ar:
            problems.append(Problem(
                tr.path, tr.body_line,
                f"the translation has {n_tr} paragraphs but {original.path} has {n_ar}",
                "translate paragraph for paragraph (blank line between paragraphs) so the "
                "parallel view lines up", "error" if strict else "warning"))


def read_source(project: Path, rel: str, limit: int = MAX_FILE_BYTES) -> SourceFile | Problem:
    """One content file as a SourceFile, or the Problem that keeps it from being read.

    `rel` ending in "/" is a linked folder the input scan did not follow (see scan_inputs).
    """
    text = read_text(project / rel.rstrip("/"), rel.rstrip("/"), project, limit=limit)
    if rel.endswith("/") and (not isinstance(text, Problem) or "folder" in text.message):
        return Problem(rel.rstrip("/"), 1, "linked folder loops back to a folder holding it",
                       "remove the link")
    return text if isinstance(text, Problem) else SourceFile(rel, text)

