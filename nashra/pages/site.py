"""The page plan: which pages the site has, each with its template and view data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import groupby

from nashra import urls
from nashra.model import (
    DIRECTION,
    ENTITY_TYPES,
    Briefing,
    LinkedBriefing,
    Note,
    Translation,
)
from nashra.pages import english, i18n, jsonld
from nashra.pages.facts import SiteFacts
from nashra.pages.graph import (
    entity_items,
    event_link,
    year_path,
    years_in_full,
)
from nashra.pages.search_fields import briefing_fields
from nashra.pages.search_markup import ui_strings
from nashra.pages.views import (
    ICONS,
    BriefingView,
    Chrome,
    Link,
    MonthGroup,
    NoteView,
    Page,
    Row,
    Text,
    YearGroup,
    YearLink,
    card,
    correction_views,
    english_badge,
    meta_for,
    note_view,
    summary_for,
    title_for,
)

HOME_LATEST = 10
# Reading speed for "N min read": words a minute (Arabic words carry clitics, so fewer).
WORDS_PER_MINUTE = {"ar": 180, "en": 230}


def other(lang: str) -> str:
    """The other language."""
    return "en" if lang == "ar" else "ar"


def briefing_rows(lb: LinkedBriefing, tr: Translation | None, lang: str,
                  notes: Sequence[Note] = ()) -> tuple[tuple[Row, ...], bool]:
    """The body rows of a briefing page, each with its editor's notes, and whether they form
    a parallel view. Notes name Arabic paragraphs: English rows get them only when aligned."""
    original = lb.blocks_ar

    def noted(i: int, in_lang: str) -> tuple[NoteView, ...]:
        return tuple(note_view(n, in_lang) for n in notes if n.paragraph == i + 1)

    if lang == "ar" or not lb.blocks_en:
        # The Arabic text (also on an English page while its translation is pending): the
        # note in the page's language, marked with its own lang/dir.
        return tuple(Row(x, "ar", "rtl", notes=noted(i, lang))
                     for i, x in enumerate(original)), False
    if len(lb.blocks_en) == len(original):
        return tuple(Row(e, "en", "ltr", a, noted(i, "en"), noted(i, "ar"))
                     for i, (e, a) in enumerate(zip(lb.blocks_en, original, strict=True))), True
    return tuple(Row(e, "en", "ltr") for e in lb.blocks_en), False


def translation_label(tr: Translation | None, lang: str) -> str | None:
    """What the English page's text is: an editorial or a machine translation."""
    if lang != "en" or tr is None or tr.translation == "none" or not tr.body.strip():
        return None
    if tr.translation == "machine":
        return english_badge(tr)  # with the engine's name
    return i18n.t(lang)["editorial"]


def neighbour_link(f: SiteFacts, b: Briefing | None, lang: str, path: str,
                   label: str) -> dict[str, object] | None:
    """The previous or next briefing as a labelled, dated link."""
    if b is None:
        return None
    c = card(b, f.translations.get(b.slug), lang, path)
    return {"label": label, "url": c.url, "title": c.title, "date_text": c.meta.date_text,
            "date_iso": c.meta.date_iso}


def briefing_aside(f: SiteFacts, lb: LinkedBriefing, b: Briefing, lang: str, path: str
                   ) -> dict[str, object]:
    """The facts beside a briefing: its entities by type, events, place in time."""
    t = i18n.t(lang)
    items = entity_items(f.linked, f.entities, lang, path, lb.entities)
    by_type = {kind: tuple(i for e, i in zip(lb.entities, items, strict=True)
                           if f.entities[e].type == kind) for kind in ENTITY_TYPES}
    older, newer = f.neighbours(b.slug)
    timeline = urls.section(lang, "timeline")
    return {
        "groups": tuple({"id": f"tags-{kind}", "label": t[f"type_{kind}"], "members": members}
                        for kind, members in by_type.items() if members),
        "events": tuple(event_link(f.events[e], lang, path) for e in lb.events),
        "timeline": Link(t["timeline_year"].format(year=b.date.year),
                         urls.relative(path, year_path(timeline, b.date.year))),
        "older": neighbour_link(f, older, lang, path, t["older"]),
        "newer": neighbour_link(f, newer, lang, path, t["newer"]),
    }


def modified(b: Briefing) -> dt.date:
    """The day a briefing last changed: its date, or its latest correction."""
    return max((b.date, *(c.date for c in b.corrections)))


def briefing_page(f: SiteFacts, b: Briefing, lang: str) -> Page:
    """One briefing in one language."""
    tr = f.translations.get(b.slug)
    path = urls.briefing(lang, b.slug)
    other_path = urls.briefing(other(lang), b.slug)
    t = i18n.t(lang)
    lb = f.linked.briefings[b.slug]
    rows, parallel = briefing_rows(lb, tr, lang, b.notes)
    meta = meta_for(b, lang, tr)
    notice = digest = None
    title = title_for(b, tr, lang)
    summary = summary_for(b, tr, lang)
    description = summary.text if summary else ""
    if lang == "en" and tr is not None and tr.translation == "digest":
        digest = english.digest_view(
            b, lb, f.entities, f.events,
            {e: urls.relative(path, urls.entity(lang, e)) for e in lb.entities},
            {e: urls.relative(path, urls.event(lang, e)) for e in lb.events})
        if summary and summary.text == english.digest_summary(b, lb, f.entities, f.events):
            summary = None  # the digest section below says it with links
    elif lang == "en" and tr is not None and tr.translation == "machine":
        notice = f"{english_badge(tr)}. {t['machine_notice']}"
    if lang == "ar":
        texts = (b.title, b.summary or "", b.body)
    else:
        texts = (tr.title, tr.summary, " ".join(tr.key_points), tr.body) if tr else (b.title,)
    fields = briefing_fields(
        title=title.text, date=b.date, date_label=meta.date_text,
        summary=description, source=meta.source.text if meta.source
        else None, entities=(f.entities[e] for e in lb.entities), lang=lang, texts=texts)
    shown_body = b.body if lang == "ar" or not (tr and tr.body.strip()) else tr.body
    words = len(shown_body.split())
    minutes = max(1, round(words / WORDS_PER_MINUTE["ar" if shown_body is b.body else "en"]))
    view = BriefingView(
        title=title, meta=meta, summary=summary, search_fields=fields,
        key_points=tr.key_points if lang == "en" and tr else (), notice=notice, digest=digest,
        parallel=parallel, rows=rows, other_url=urls.relative(path, other_path),
        other_label=t["read_in_other"],
        related=tuple(card(f.briefings[s], f.translations.get(s), lang, path)
                      for s in f.linked.related.get(b.slug, ())),
        corrections=correction_views(b.corrections, lang),
        extras={"aside": briefing_aside(f, lb, b, lang, path),
                "reading_time": i18n.count(lang, "reading_time", minutes),
                "translation": translation_label(tr, lang)})
    data = jsonld.news_article(
        f.linked.archive.config, lang, b, tr, f.assets, title=title.text,
        description=description, words=words, modified=modified(b),
        mentions=(f.entities[e] for e in lb.entities))
    return Page(path, "briefing.html",
                f.chrome(lang, path, other_path, title.text, description=description,
                         body_class="briefing", og_type="article", data=data,
                         published=b.date.isoformat()),
                view)


def home_page(f: SiteFacts, lang: str) -> Page:
    """The home page of one language: the latest briefings."""
    path = urls.home(lang)
    cards = tuple(card(b, f.translations.get(b.slug), lang, path)
                  for b in f.published[:HOME_LATEST])
    recent_events = sorted(f.linked.archive.events, key=lambda e: (e.start, e.id))[-5:][::-1]
    view = {"latest": cards, "count": len(f.published),
            "archive_url": urls.relative(path, urls.section(lang, "archive")),
            "intro": f.linked.archive.config.description.get(lang),
            "events": tuple(event_link(e, lang, path) for e in recent_events),
            "timeline_url": urls.relative(path, urls.section(lang, "timeline")),
            "entities": entity_items(f.linked, f.entities, lang, path)[:12],
            "entities_url": urls.relative(path, urls.section(lang, "entities"))}
    config = f.linked.archive.config
    search = urls.absolute(config.base_url, urls.section(lang, "search"))
    data = {"@type": "WebSite", "name": config.title.get(lang), "inLanguage": lang,
            "url": urls.absolute(config.base_url, path),
            "description": config.description.get(lang),
            "publisher": jsonld.publisher(config, lang, f.assets),
            "potentialAction": {"@type": "SearchAction",
                                "target": search + "index.html?q={query}",
                                "query-input": "required name=query"}}
    return Page(path, "home.html",
                f.chrome(lang, path, urls.home(other(lang)), config.title.get(lang),
                         current="home", data=data), view)


def year_group(f: SiteFacts, lang: str, path: str, year: int) -> YearGroup:
    """One year's briefings by month, newest first, as cards on the page at `path`."""
    months = []
    for month, in_month in groupby(f.published_by_year[year], key=lambda b: b.date.month):
        in_month = list(in_month)
        months.append(MonthGroup(
            label=i18n.format_month(in_month[0].date, lang), anchor=f"m{year}-{month:02d}",
            cards=tuple(card(b, f.translations.get(b.slug), lang, path) for b in in_month)))
    return YearGroup(str(year), len(f.published_by_year[year]), tuple(months))


def archive_page(f: SiteFacts, lang: str) -> Page:
    """The years of the archive, each with its page, and the newest years' briefings."""
    path = urls.section(lang, "archive")
    counts = {y: len(bs) for y, bs in f.published_by_year.items()}
    full = years_in_full(counts)
    t = i18n.t(lang)
    view = {"years": tuple(YearLink(str(y), n, urls.relative(path, year_path(path, y)))
                           for y, n in counts.items()),
            "shown": tuple(year_group(f, lang, path, y) for y in counts if y in full)}
    return Page(path, "archive.html",
                f.chrome(lang, path, urls.section(other(lang), "archive"), t["archive"],
                        current="archive"), view)


def archive_year_page(f: SiteFacts, lang: str, year: int) -> Page:
    """Every briefing of one year by month, newest first."""
    index = urls.section(lang, "archive")
    path = year_path(index, year)
    t = i18n.t(lang)
    title = t["archive_year"].format(year=year)
    view = {"title": title, "up": Link(t["archive"], urls.relative(path, index)),
            "group": year_group(f, lang, path, year)}
    return Page(path, "archive_year.html",
                f.chrome(lang, path, year_path(urls.section(other(lang), "archive"), year),
                        title, current="archive"), view)


def search_page(f: SiteFacts, lang: str) -> Page:
    """The search page of one language (the UI is search.py's partial)."""
    path = urls.section(lang, "search")
    page_chrome = f.chrome(lang, path, urls.section(other(lang), "search"),
                          i18n.t(lang)["search"], current="search")
    strings = {**page_chrome.t, **ui_strings(lang)}
    page_chrome = Chrome(**{**page_chrome.__dict__, "t": strings})
    return Page(path, "search.html", page_chrome, {})


def landing_page(f: SiteFacts) -> Page:
    """The bilingual landing page at the site root."""
    config = f.linked.archive.config
    lang = config.default_language
    path = urls.INDEX
    editions = []
    for edition in (lang, other(lang)):
        latest = f.published[:3]
        editions.append({
            "lang": edition, "dir": DIRECTION[edition],
            "title": config.title.get(edition), "description": config.description.get(edition),
            "url": urls.home(edition), "label": i18n.t(edition)["home"],
            "latest": tuple(card(b, f.translations.get(b.slug), edition, path) for b in latest),
            "latest_label": i18n.t(edition)["latest"], "t": i18n.t(edition),
        })
    page_chrome = f.chrome(lang, path, None, config.title.get(lang), body_class="landing")
    return Page(path, "landing.html", page_chrome, {"editions": tuple(editions)})


def not_found_page(f: SiteFacts) -> Page:
    """404.html: served at any depth, so its links are absolute from the base URL's path."""
    config = f.linked.archive.config
    lang = config.default_language
    base_path = "/" + config.base_url.split("://", 1)[1].partition("/")[2]
    page_chrome = f.chrome(lang, "404.html", None, i18n.t(lang)["not_found"])
    assets = {k: base_path + v for k, v in f.assets.items()}
    icons = {rel: base_path + f.assets[name] for rel, name in ICONS.items() if name in f.assets}
    page_chrome = Chrome(**{**page_chrome.__dict__, "assets": assets, "root": base_path,
                            "icons": icons,
                            "home_url": base_path + urls.home(lang),
                            "nav": (), "search_url": "",
                            "feed_url": base_path + f"{lang}/feed.xml"})
    editions = tuple({"lang": x, "dir": DIRECTION[x], "title": i18n.t(x)["not_found"],
                      "text": i18n.t(x)["not_found_text"], "label": i18n.t(x)["home"],
                      "url": base_path + urls.home(x)} for x in (lang, other(lang)))
    return Page("404.html", "404.html", page_chrome, {"editions": editions})


def feed_page(f: SiteFacts, lang: str) -> Page:
    """The Atom feed of one language (absolute URLs; dates from content, never the clock)."""
    config = f.linked.archive.config
    entries = []
    for b in f.published[:50]:
        tr = f.translations.get(b.slug)
        title = title_for(b, tr, lang)
        summary = summary_for(b, tr, lang)
        if lang == "en" and tr is not None and tr.translation != "editorial":
            label = english_badge(tr)  # a feed reader sees where the English came from
            if label:
                summary = Text.of(f"{label}. {summary.text}" if summary else label, "en")
        entries.append({
            "id": urls.absolute(config.base_url, urls.briefing(lang, b.slug)),
            "url": urls.absolute(config.base_url, urls.briefing(lang, b.slug)),
            "title": title, "summary": summary,
            "published": f"{b.date.isoformat()}T00:00:00Z",
            # A correction moves the entry's `updated`; the text's own date stays `published`.
            "updated": f"{modified(b).isoformat()}T00:00:00Z",
            "author": b.source.author or (b.source.name_en if lang == "en" else None)
            or b.source.name or config.title.get(lang),
        })
    updated = max((e["updated"] for e in entries), default="1970-01-01T00:00:00Z")
    view = {"lang": lang, "title": config.title.get(lang),
            "self": urls.absolute(config.base_url, f"{lang}/feed.xml"),
            "home": urls.absolute(config.base_url, urls.home(lang)),
            "updated": updated, "entries": tuple(entries)}
    return Page(f"{lang}/feed.xml", "feed.xml", None, view)
