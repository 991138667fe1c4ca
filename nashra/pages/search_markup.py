"""The markup contract between page templates and the search index, and the search UI strings.

Markup contract (what the page templates must emit for search to work)
----------------------------------------------------------------------
Only briefing, entity and event pages are indexed; every other page (home, lists,
timeline, archive, search, 404) must carry no `data-pagefind-body` at all.

1. `<html lang="ar" dir="rtl">` / `<html lang="en">`: Pagefind builds one index per
   `lang`, and the search page searches the index of its own `lang`.
2. The main content element carries `data-pagefind-body` (`BODY_ATTR`). Boilerplate
   *inside* it (breadcrumbs, "related briefings", share rows, language switch, the
   metadata line, footnotes of the site) carries `data-pagefind-ignore` (`IGNORE_ATTR`)
   so that it neither matches queries nor shows in excerpts.
3. Inside that element, once, the output of `pagefind_fields(SearchFields(...))`: a
   hidden, empty `<div>` whose attributes carry
   - meta `title`, `date` (ISO), `date_label` (the date as the page shows it; absent
     on entity pages, whose results show no date), `summary`, `kind`, `source`, and
     `terms` (normalised words, clitic-stripped forms and entity aliases from
     `arabic.search_terms`): Pagefind 1.5 searches metadata but never shows it in
     excerpts, which closes its Arabic gaps; on entity pages also `names` (the entity's
     own names and aliases, normalised): search.js lists an entity whose `names` hold
     every word of the query first, then briefings, then events, then other entities;
   - filters `kind` (briefing | entity | event), `source`, `year`, and one `entity`
     value per mentioned entity (display name in the page language);
   - sort `date` (YYYY-MM-DD). Pagefind drops pages without the sort key from sorted
     results, so every indexed page needs a date: for an entity page use the date of
     the newest briefing that mentions it.
   Values travel in attributes (`title[data-title]` ...), so commas in a title cannot
   break Pagefind's `key:value, ...` syntax, and no text is added to the page.

The search page includes `partials/search_ui.html`, which takes from its includer
`lang`, `root` (relative prefix to the site root, e.g. "../../"), `t` (UI strings in the
page language, at least the keys of `UI_STRINGS[lang]`), and optionally `assets`
(logical asset name such as "js/search.js" -> URL relative to the page, for hashed
asset names; without it the partial uses `root` + "assets/" + name). It loads
`js/arabic.js` (when `assets` lists it), `js/search.js` and `css/search.css`; search.js
loads `js/pagefind-offline.js` itself, and only over file://.

Search strings (`t` keys): see `UI_STRINGS`. `search_results_<plural>` follow the CLDR
plural categories (zero, one, two, few, many, other); `other` is the fallback and
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup, escape

BODY_ATTR = "data-pagefind-body"
IGNORE_ATTR = "data-pagefind-ignore"

Kind = Literal["briefing", "entity", "event"]
KINDS: tuple[Kind, ...] = ("briefing", "event", "entity")

UI_STRINGS: Mapping[str, Mapping[str, str]] = {
    "ar": {
        "search_label": "ابحث في الأرشيف",
        "search_placeholder": "ابحث في الأرشيف…",
        "search_hint": "تظهر النتائج أثناء الكتابة. استخدم الأسهم للتنقل بينها "
        "وEnter لفتح النتيجة.",
        "search_refine": "تضييق النتائج",
        "search_kind": "النوع",
        "search_source": "المصدر",
        "search_year": "السنة",
        "search_entity": "يرد فيها",
        "search_any": "الكل",
        "search_sort": "الترتيب",
        "search_sort_relevance": "الأكثر صلة",
        "search_sort_newest": "الأحدث أولاً",
        "search_sort_oldest": "الأقدم أولاً",
        "search_kind_briefing": "نشرة",
        "search_kind_event": "حدث",
        "search_kind_entity": "علم أو مكان",
        "search_results": "نتائج البحث",
        "search_results_zero": "لا نتائج",
        "search_results_one": "نتيجة واحدة",
        "search_results_two": "نتيجتان",
        "search_results_few": "{n} نتائج",
        "search_results_many": "{n} نتيجة",
        "search_results_other": "{n} نتيجة",
        "search_more": "المزيد من النتائج",
        "search_clear_entity": "إزالة تصفية العلم",
        "search_loading": "جارٍ التحميل…",
        "search_error": "تعذّر تشغيل البحث في هذا المتصفح.",
        "search_noscript": "يحتاج البحث إلى تفعيل جافاسكربت. يمكنك تصفح الأرشيف "
        "والأعلام والأحداث من القائمة.",
    },
    "en": {
        "search_label": "Search the archive",
        "search_placeholder": "Search the archive…",
        "search_hint": "Results appear as you type. Use the arrow keys to move through them "
        "and Enter to open one.",
        "search_refine": "Refine results",
        "search_kind": "Type",
        "search_source": "Source",
        "search_year": "Year",
        "search_entity": "Mentions",
        "search_any": "All",
        "search_sort": "Order",
        "search_sort_relevance": "Most relevant",
        "search_sort_newest": "Newest first",
        "search_sort_oldest": "Oldest first",
        "search_kind_briefing": "Briefing",
        "search_kind_event": "Event",
        "search_kind_entity": "Person or place",
        "search_results": "Search results",
        "search_results_zero": "No results",
        "search_results_one": "1 result",
        "search_results_other": "{n} results",
        "search_more": "More results",
        "search_clear_entity": "Remove the entity filter",
        "search_loading": "Loading…",
        "search_error": "Search could not start in this browser.",
        "search_noscript": "Search needs JavaScript. You can still browse the archive, "
        "people, places and events from the menu.",
    },
}


@dataclass(frozen=True)
class SearchFields:
    """What one indexed page tells Pagefind besides its text."""

    kind: Kind
    title: str
    date: dt.date
    summary: str = ""
    source: str | None = None  # outlet name in the page language
    entities: tuple[str, ...] = ()  # display names of mentioned entities, page language
    terms: tuple[str, ...] = ()  # arabic.search_terms(...) of the page and its aliases
    date_label: str = ""  # the date as the page prints it; the ISO date when empty
    show_date: bool = True  # False: the date only sorts (an entity's result shows none)
    names: tuple[str, ...] = ()  # an entity's own names and aliases, normalised: a query
    # made of them is a name query, and search.js puts this page before every other


def ui_strings(lang: str) -> Mapping[str, str]:
    """The search UI strings for `lang` (merge them into the page's `t`)."""
    return UI_STRINGS[lang]


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    """Non-empty stripped values, first occurrence kept, order kept."""
    return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def pagefind_attrs(fields: SearchFields) -> tuple[tuple[str, str], ...]:
    """The attributes of the hidden element that carries a page's meta, filters and sort."""
    if fields.kind not in KINDS:
        raise ValueError(f"unknown search kind {fields.kind!r}; expected one of {KINDS}")
    iso = fields.date.isoformat()
    values: dict[str, str] = {
        "title": fields.title.strip(),
        "date": iso,
        "date_label": (fields.date_label.strip() or iso) if fields.show_date else "",
        "summary": fields.summary.strip(),
        "kind": fields.kind,
        "source": (fields.source or "").strip(),
        "year": str(fields.date.year),
        "terms": " ".join(_unique(fields.terms)),
        "names": " ".join(_unique(fields.names)),
    }
    present = {k: v for k, v in values.items() if v}
    meta = [k for k in ("title", "date", "date_label", "summary", "kind", "source", "terms",
                        "names") if k in present]
    filters = [f"{k}[data-{k}]" for k in ("kind", "source", "year") if k in present]
    entities = _unique(fields.entities)
    filters += [f"entity[data-entity-{i}]" for i in range(len(entities))]
    attrs = [
        ("hidden", ""),
        ("data-pagefind-meta", ", ".join(f"{k}[data-{k.replace('_', '-')}]" for k in meta)),
        ("data-pagefind-filter", ", ".join(filters)),
        ("data-pagefind-sort", "date[data-date]"),
    ]
    attrs += [(f"data-{k.replace('_', '-')}", present[k]) for k in present]
    attrs += [(f"data-entity-{i}", name) for i, name in enumerate(entities)]
    return tuple(attrs)


def pagefind_fields(fields: SearchFields) -> Markup:
    """The hidden `<div>` to put once inside the `data-pagefind-body` element."""
    parts = [name if name == "hidden" else f'{name}="{escape(value)}"'
             for name, value in pagefind_attrs(fields)]
    return Markup(f"<div {' '.join(parts)}></div>")
