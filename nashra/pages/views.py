"""View data for templates: every string, URL and date already prepared."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from nashra import urls
from nashra.model import DIRECTION, Briefing, Correction, Note, SiteConfig, Translation
from nashra.pages import i18n, jsonld


@dataclass(frozen=True)
class Link:
    """A link as the template shows it."""

    label: str
    url: str
    current: bool = False
    lang: str | None = None
    dir: str | None = None


@dataclass(frozen=True)
class Chrome:
    """What the base layout shows around every page."""

    lang: str
    dir: str
    title: str  # the <title>
    description: str
    root: str  # relative prefix to the site root
    canonical: str
    alternates: tuple[tuple[str, str], ...]  # (hreflang, absolute URL)
    site_title: str
    home_url: str
    nav: tuple[Link, ...]
    switch: Link | None
    assets: Mapping[str, str]  # logical asset name -> relative URL
    t: Mapping[str, str]
    search_url: str
    feed_url: str
    body_class: str = ""
    social: jsonld.Social | None = None  # Open Graph / Twitter tags and JSON-LD
    icons: Mapping[str, str] = field(default_factory=dict)  # rel -> relative URL


@dataclass(frozen=True)
class Page:
    """One output page: where it goes, which template draws it, and its view data."""

    path: str
    template: str
    chrome: Chrome | None
    view: Any


@dataclass(frozen=True)
class Text:
    """A piece of text tagged with its language (for blocks in the other language)."""

    text: str
    lang: str
    dir: str

    @classmethod
    def of(cls, text: str, lang: str) -> Text:
        """Text in `lang`."""
        return cls(text, lang, DIRECTION[lang])


@dataclass(frozen=True)
class Meta:
    """A briefing's byline facts, formatted for one language."""

    date_iso: str
    date_text: str
    source: Text | None
    source_url: str | None
    author: Text | None
    dateline: Text | None
    original: Text | None = None  # who first published a reposted text
    republished: str | None = None  # "republished on 12 September 2023"


@dataclass(frozen=True)
class Card:
    """A briefing in a list: home, archive, related."""

    url: str
    title: Text
    meta: Meta
    summary: Text | None
    pending: bool = False
    badge: str | None = None  # "Automatic digest — not a translation", "Machine translation"
    dek: Text | None = None  # the summary's first sentence, for compact lists


@dataclass(frozen=True)
class NoteView:
    """An editor's note as a page shows it beside its paragraph."""

    label: str
    text: str
    lang: str
    dir: str


@dataclass(frozen=True)
class CorrectionView:
    """One dated correction at the end of a page."""

    date_iso: str
    date_text: str
    text: Text


@dataclass(frozen=True)
class Row:
    """One row of the parallel view: the block in the page's language beside the original."""

    html: str
    lang: str
    dir: str
    original_html: str | None = None
    notes: tuple[NoteView, ...] = ()  # beside `html`, in the language of `html`
    original_notes: tuple[NoteView, ...] = ()  # beside `original_html`, in Arabic


@dataclass(frozen=True)
class BriefingView:
    """A briefing page in one language."""

    title: Text
    meta: Meta
    summary: Text | None
    key_points: tuple[str, ...]
    notice: str | None
    parallel: bool
    rows: tuple[Row, ...]
    other_url: str
    other_label: str
    related: tuple[Card, ...] = ()
    extras: Mapping[str, Any] = field(default_factory=dict)
    search_fields: str = ""  # the hidden Pagefind element (Markup)
    corrections: tuple[CorrectionView, ...] = ()  # newest first
    digest: Any = None  # english.DigestView: the automatic English digest


@dataclass(frozen=True)
class MonthGroup:
    """Briefings of one month in the archive."""

    label: str
    anchor: str
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class YearGroup:
    """Briefings of one year in the archive."""

    year: str
    count: int
    months: tuple[MonthGroup, ...]


@dataclass(frozen=True)
class YearLink:
    """A year in a list of years: its page and how many briefings it holds."""

    year: str
    count: int
    url: str


def source_text(b: Briefing, lang: str) -> Text | None:
    """The outlet's name in `lang`, falling back to the other language."""
    name_en = b.source.name_en
    if lang == "en" and name_en:
        return Text.of(name_en, "en")
    if b.source.name:
        return Text.of(b.source.name, "ar")
    return Text.of(name_en, "en") if name_en else None


def meta_for(b: Briefing, lang: str, tr: Translation | None = None) -> Meta:
    """Byline facts of a briefing for a page in `lang`: the byline stays Arabic (lang="ar");
    the dateline is in English where the English record names it (a known place)."""
    dateline = None
    if lang == "en" and tr is not None and tr.dateline:
        dateline = Text.of(tr.dateline, "en")
    elif b.dateline:
        dateline = Text.of(b.dateline, "ar")
    return Meta(
        date_iso=b.date.isoformat(),
        # A seed with no dated evidence carries the day it entered the repository: say so.
        date_text=(("أضيف في " if lang == "ar" else "added on ") if b.date_approximate else "")
        + i18n.format_day(b.date, lang),
        source=source_text(b, lang),
        source_url=b.source.url,
        author=Text.of(b.source.author, "ar") if b.source.author else None,
        dateline=dateline,
        original=original_text(b, lang),
        republished=i18n.t(lang)["republished_on"].format(
            date=i18n.format_day(b.source.republished, lang))
        if b.source.republished and b.source.republished != b.date else None,
    )


def original_text(b: Briefing, lang: str) -> Text | None:
    """'first published by <outlet>' for a reposted text, in `lang`."""
    s = b.source
    name = (s.original_en or s.original) if lang == "en" else (s.original or s.original_en)
    return Text.of(i18n.t(lang)["first_published_by"].format(outlet=name), lang) if name else None


def note_view(note: Note, lang: str) -> NoteView:
    """An editor's note in `lang`."""
    return NoteView(i18n.t(lang)["editor_note"], note.text.get(lang), lang, DIRECTION[lang])


def correction_views(corrections: Iterable[Correction], lang: str) -> tuple[CorrectionView, ...]:
    """Corrections in `lang`, newest first."""
    return tuple(CorrectionView(c.date.isoformat(), i18n.format_day(c.date, lang),
                                Text.of(c.text.get(lang), lang))
                 for c in sorted(corrections, key=lambda c: c.date, reverse=True))


def title_for(b: Briefing, tr: Translation | None, lang: str) -> Text:
    """The headline in `lang`; the Arabic one while the English briefing is pending."""
    if lang == "en" and tr is not None:
        return Text.of(tr.title, "en")
    return Text.of(b.title, "ar")


def summary_for(b: Briefing, tr: Translation | None, lang: str) -> Text | None:
    """The summary in `lang` if there is one."""
    if lang == "en":
        return Text.of(tr.summary, "en") if tr and tr.summary else None
    return Text.of(b.summary, "ar") if b.summary else None


def card(b: Briefing, tr: Translation | None, lang: str, from_path: str) -> Card:
    """A briefing as a list item on the page at `from_path`."""
    return _card(b, tr, lang, urls.relative(from_path, urls.briefing(lang, b.slug)))


# A briefing shows as a card on dozens of pages (entities, archive, related), and pages at
# the same depth link it by the same URL: one Card per (briefing, language, URL).
@functools.lru_cache(maxsize=1 << 16)
def _card(b: Briefing, tr: Translation | None, lang: str, url: str) -> Card:
    """The card of `b` in `lang`, linked by `url`."""
    summary = summary_for(b, tr, lang)
    return Card(url=url, title=title_for(b, tr, lang), meta=meta_for(b, lang, tr),
                summary=summary, pending=lang == "en" and tr is None,
                badge=english_badge(tr) if lang == "en" else None,
                dek=Text(dek(summary.text), summary.lang, summary.dir) if summary else None)


def english_badge(tr: Translation | None) -> str | None:
    """What an English card or page says about where its English came from."""
    t = i18n.t("en")
    if tr is None:
        return None
    if tr.translation == "digest":
        return t["digest_label"]
    if tr.translation == "machine":
        return t["machine_by"].format(engine=tr.engine) if tr.engine else t["machine"]
    return None


DEK_MAX = 110  # characters: a line or two of a card, on a desktop or a phone
_SENTENCE_END = (". ", "? ", "! ", "؟ ", "۔ ")


def dek(summary: str) -> str:
    """A summary's first sentence, cut at a word before DEK_MAX characters with an ellipsis."""
    text = " ".join(summary.split())
    ends = [text.find(mark) + 1 for mark in _SENTENCE_END if mark in text]
    if ends and min(ends) <= DEK_MAX:
        return text[:min(ends)]
    if len(text) <= DEK_MAX:
        return text
    return text[:DEK_MAX].rsplit(" ", 1)[0].rstrip("،,;؛:") + "…"


ICONS = {"icon": "img/logo.svg", "icon-png": "img/icon-32.png",
         "apple-touch-icon": "img/icon-180.png"}


def chrome(config: SiteConfig, lang: str, path: str, title: str, *, assets: Mapping[str, str],
           other_path: str | None, description: str = "", current: str = "",
           body_class: str = "", og_type: str = "website",
           data: Mapping[str, Any] | None = None, published: str | None = None) -> Chrome:
    """The base layout's data for the page at `path`."""
    t = i18n.t(lang)
    other = "en" if lang == "ar" else "ar"
    rel = lambda target: urls.relative(path, target)  # noqa: E731 - a local shorthand
    sections = [("home", urls.home(lang)), ("archive", urls.section(lang, "archive")),
                ("entities", urls.section(lang, "entities")),
                ("timeline", urls.section(lang, "timeline")), ("map", urls.section(lang, "map")),
                ("search", urls.section(lang, "search"))]
    nav = tuple(Link(t[name], rel(target), current == name) for name, target in sections)
    alternates: tuple[tuple[str, str], ...] = ()
    switch = None
    if other_path:
        alternates = ((lang, urls.absolute(config.base_url, path)),
                      (other, urls.absolute(config.base_url, other_path)))
        alternates = tuple(sorted(alternates))
        switch = Link(t["other_language"], rel(other_path), lang=other, dir=DIRECTION[other])
    site_title = config.title.get(lang)
    description = description or config.description.get(lang)
    shared = jsonld.social(config, lang, path, title, description, assets, og_type=og_type,
                           data=data, published=published,
                           alternate_lang=other if other_path else None)
    return Chrome(
        lang=lang, dir=DIRECTION[lang],
        title=f"{title} · {site_title}" if title != site_title else site_title,
        description=description,
        root=urls.root_prefix(path), canonical=urls.absolute(config.base_url, path),
        alternates=alternates, site_title=site_title, home_url=rel(urls.home(lang)), nav=nav,
        switch=switch, assets={k: rel(v) for k, v in assets.items()}, t=t,
        search_url=rel(urls.section(lang, "search")), feed_url=rel(f"{lang}/feed.xml"),
        body_class=body_class, social=shared,
        icons={rel: urls.relative(path, assets[name]) for rel, name in ICONS.items()
               if name in assets})
