"""Sharing metadata as view data: Open Graph / Twitter tags and schema.org JSON-LD.

Every value comes from content an editor wrote, so the JSON is escaped here for its place
inside a <script> element: no text can close the element or open a comment there.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from nashra import urls
from nashra.model import Briefing, Correction, Entity, Event, SiteConfig, Translation
from nashra.text.dates import iso_at

OG_LOCALE = {"ar": "ar_AR", "en": "en_GB"}
SCHEMA_TYPE = {"person": "Person", "place": "Place", "country": "Country",
               "organisation": "Organization"}
IMAGE = "img/icon-512.png"  # the square picture that link previews show
LOGO = "img/icon-180.png"
# Inside <script> only "</script", "<!--" and "<script" are dangerous; escaping every <, >
# and & (and the two JavaScript line terminators) covers them all and stays valid JSON.
_SCRIPT_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                0x2028: "\\u2028", 0x2029: "\\u2029"}


@dataclass(frozen=True)
class Social:
    """What a page tells link previews and search engines about itself."""

    tags: tuple[tuple[str, str, str], ...]  # (attribute, key, content): property= or name=
    jsonld: str  # Markup: the JSON-LD text, safe inside <script type="application/ld+json">


def script_json(data: Mapping[str, Any]) -> str:
    """`data` as JSON text that cannot break out of a <script> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.translate(_SCRIPT_SAFE))


def _abs(config: SiteConfig, path: str) -> str:
    return urls.absolute(config.base_url, path)


def publisher(config: SiteConfig, lang: str, assets: Mapping[str, str]) -> dict[str, Any]:
    """The site as the schema.org Organization that publishes every page."""
    found: dict[str, Any] = {"@type": "Organization", "name": config.title.get(lang),
                             "url": _abs(config, urls.home(lang))}
    if LOGO in assets:
        found["logo"] = {"@type": "ImageObject", "url": _abs(config, assets[LOGO])}
    return found


def social(config: SiteConfig, lang: str, path: str, title: str, description: str,
           assets: Mapping[str, str], *, og_type: str = "website",
           data: Mapping[str, Any] | None = None, published: str | None = None,
           alternate_lang: str | None = None) -> Social:
    """Open Graph and Twitter tags of a page, and its JSON-LD (`data`, or a WebPage)."""
    url = _abs(config, path)
    tags: list[tuple[str, str, str]] = [
        ("property", "og:type", og_type), ("property", "og:title", title),
        ("property", "og:url", url), ("property", "og:site_name", config.title.get(lang)),
        ("property", "og:locale", OG_LOCALE[lang])]
    if alternate_lang:
        tags.append(("property", "og:locale:alternate", OG_LOCALE[alternate_lang]))
    if description:
        tags.append(("property", "og:description", description))
    if IMAGE in assets:
        tags += [("property", "og:image", _abs(config, assets[IMAGE])),
                 ("property", "og:image:width", "512"), ("property", "og:image:height", "512"),
                 ("property", "og:image:alt", config.title.get(lang))]
    if published:
        tags.append(("property", "article:published_time", published))
    tags += [("name", "twitter:card", "summary"), ("name", "twitter:title", title)]
    if description:
        tags.append(("name", "twitter:description", description))
    if data is None:
        data = {"@type": "WebPage", "name": title, "url": url, "inLanguage": lang}
        if description:
            data["description"] = description
    return Social(tuple(tags), script_json({"@context": "https://schema.org", **data}))


def thing_ref(config: SiteConfig, lang: str, e: Entity) -> dict[str, Any]:
    """A short reference to an entity's page, for `mentions`, `location`, `attendee`."""
    return {"@type": SCHEMA_TYPE[e.type], "name": e.name.get(lang),
            "url": _abs(config, urls.entity(lang, e.id))}


def news_article(config: SiteConfig, lang: str, b: Briefing, tr: Translation | None,
                 assets: Mapping[str, str], *, title: str, description: str, words: int,
                 mentions: Iterable[Entity], modified: dt.date | None = None) -> dict[str, Any]:
    """A briefing as a schema.org NewsArticle, tied to its pair in the other language."""
    url = _abs(config, urls.briefing(lang, b.slug))
    data: dict[str, Any] = {
        "@type": "NewsArticle", "headline": title, "url": url, "mainEntityOfPage": url,
        "inLanguage": lang, "datePublished": b.date.isoformat(), "wordCount": words,
        "dateModified": (modified or b.date).isoformat(),
        "publisher": publisher(config, lang, assets),
        "mentions": [thing_ref(config, lang, e) for e in mentions]}
    if description:
        data["description"] = description
    if IMAGE in assets:
        data["image"] = _abs(config, assets[IMAGE])
    if lang == "en" and tr is not None and tr.dateline:
        data["dateline"] = tr.dateline  # a known place by its English name
    elif b.dateline:
        data["dateline"] = b.dateline
    outlet = {"@type": "Organization", "name": b.source.name_en if lang == "en"
              and b.source.name_en else b.source.name}
    data["author"] = {"@type": "Person", "name": b.source.author} if b.source.author \
        else outlet
    data["sourceOrganization"] = outlet
    if b.source.url:
        data["isBasedOn"] = b.source.url
    if b.corrections:
        data["correction"] = corrections(b.corrections, lang)
    translated = tr is not None and tr.translation != "none" and bool(tr.body.strip())
    if lang == "en" and translated:
        data["translationOfWork"] = {"@type": "NewsArticle", "inLanguage": "ar",
                                     "url": _abs(config, urls.briefing("ar", b.slug))}
    elif lang == "ar" and translated:
        data["workTranslation"] = {"@type": "NewsArticle", "inLanguage": "en",
                                   "url": _abs(config, urls.briefing("en", b.slug))}
    return data


def corrections(items: Sequence[Correction], lang: str) -> list[dict[str, Any]]:
    """Corrections as schema.org CorrectionComments, oldest first."""
    return [{"@type": "CorrectionComment", "datePublished": c.date.isoformat(),
             "text": c.text.get(lang)} for c in items]


def corrected_page(data: dict[str, Any], items: Sequence[Correction], lang: str
                   ) -> dict[str, Any]:
    """A Person, Place or Event whose page corrected its text: the page (`subjectOf`) says so,
    because `correction` belongs to a CreativeWork, not to the thing it is about."""
    if items:
        data["subjectOf"] = {"@type": "WebPage", "url": data["url"],
                             "dateModified": items[-1].date.isoformat(),
                             "correction": corrections(items, lang)}
    return data


def entity_thing(config: SiteConfig, lang: str, e: Entity) -> dict[str, Any]:
    """An entity as a schema.org Person, Place, Country or Organization."""
    data = thing_ref(config, lang, e)
    other = "en" if lang == "ar" else "ar"
    names = [e.name.get(other), *e.aliases_ar, *e.aliases_en]
    alternate = sorted({n for n in names if n and n != e.name.get(lang)})
    if alternate:
        data["alternateName"] = alternate
    if e.description.get(lang):
        data["description"] = e.description.get(lang)
    if e.wikidata:
        data["sameAs"] = f"https://www.wikidata.org/entity/{e.wikidata}"
    return corrected_page(data, e.corrections, lang)


def event_thing(config: SiteConfig, lang: str, ev: Event, entities: Mapping[str, Entity]
                ) -> dict[str, Any]:
    """An event as a schema.org Event with its place and participants."""
    data: dict[str, Any] = {"@type": "Event", "name": ev.title.get(lang),
                            "url": _abs(config, urls.event(lang, ev.id)),
                            "startDate": iso_at(ev.start, ev.precision)}
    if ev.end and ev.end != ev.start:
        data["endDate"] = iso_at(ev.end, ev.precision)
    if ev.description.get(lang):
        data["description"] = ev.description.get(lang)
    if ev.place and ev.place in entities:
        data["location"] = thing_ref(config, lang, entities[ev.place])
    attendees = [thing_ref(config, lang, entities[p]) for p in ev.participants if p in entities]
    if attendees:
        data["attendee"] = attendees
    return corrected_page(data, ev.corrections, lang)
