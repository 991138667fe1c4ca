"""Turn a Nashra project into the equivalent Hugo site, for the scale benchmark.

    python benchmarks/hugo/convert.py PROJECT OUT

The Hugo site is multilingual (ar, right to left, and en): each briefing becomes
content/briefings/<slug>.ar.md and .en.md with a taxonomy `entities:` listing what it
mentions, each entity a term page per language (content/entities/<id>/_index.<lang>.md),
and the theme in theme/ renders home, archive, briefing, entity index and entity pages
plus the home RSS feeds and sitemaps. Which entities a briefing mentions is decided by
Nashra's own linker, run once here: Hugo then lists exactly the briefings Nashra lists,
and none of the linking cost lands in Hugo's timings.

Long lists are split as Nashra splits them: a page per year of the archive (taxonomy
`years`), and an entity with more briefings than its page shows gets a page per year
(taxonomy `entity-years`, terms `<id>-<year>`) while its own page shows the newest.
"""

from __future__ import annotations

import shutil
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
THEME = Path(__file__).resolve().parent / "theme"
THEME_NAME = "nashra-bench"
sys.path.insert(0, str(ROOT))

from nashra.build.pipeline import link_stage  # noqa: E402
from nashra.model import ENTITY_TYPES, LANGS, Archive, Entity  # noqa: E402
from nashra.pages import i18n  # noqa: E402
from nashra.text.frontmatter import dump, parse  # noqa: E402

try:  # Nashra's own limits, so both sites split the same lists into the same pages
    from nashra.pages.facts import ENTITY_LIST_MAX
    from nashra.pages.graph import LIST_MAX
except ImportError:  # a Nashra from before lists were split: one page each
    ENTITY_LIST_MAX = LIST_MAX = 10**9

# Hugo lowercases parameter keys; these are the theme's interface strings per language.
LABEL_KEYS = {"home": "home", "archive": "archive", "entities": "entities",
              "latest": "latest", "feed": "feed", "related": "related",
              "briefings": "mentioned_in", "years": "years",
              **{kind: f"type_{kind}" for kind in ENTITY_TYPES}}
LANGUAGE_NAMES = {"ar": "العربية", "en": "English"}
RSS_LIMIT = 50  # Nashra's feeds carry the 50 newest briefings
RELATED_COMMON_PERCENT = 10


@dataclass(frozen=True)
class HugoSite:
    """A converted site: its folder and what it holds."""

    root: Path
    briefings: int
    entities: int


def config_toml(project: Path) -> str:
    """hugo.toml: two languages, one taxonomy, outputs matching Nashra's (feeds on home only)."""
    site = tomllib.loads((project / "nashra.toml").read_text("utf-8")).get("site", {})
    base = site.get("base_url", "https://example.org/")
    lines = [
        f"baseURL = {_q(base if base.endswith('/') else base + '/')}",
        f"theme = {_q(THEME_NAME)}",
        'defaultContentLanguage = "ar"',
        "defaultContentLanguageInSubdir = true",
        "enableRobotsTXT = true",  # Nashra writes robots.txt too
        "",
        "[taxonomies]",
        'entity = "entities"',
        'year = "years"',
        '"entity-year" = "entity-years"',
        "",
        "[outputs]",
        'home = ["html", "rss"]',
        'section = ["html"]',
        'taxonomy = ["html"]',
        'term = ["html"]',
        'page = ["html"]',
        "",
        "[services.rss]",
        f"limit = {RSS_LIMIT}",
        "",
        "[related]",
        "includeNewer = true",
        "threshold = 1",
        "toLower = false",
        "[[related.indices]]",
        'name = "entities"',
        "weight = 100",
        # Entities in more than 10% of briefings are left out of the related search, the
        # tuning a Hugo user reaches for: without it every page weighs every briefing that
        # shares Russia with it (a 10k clean build took 17 minutes). Nashra weighs such
        # entities down by rarity instead.
        f"cardinalityThreshold = {RELATED_COMMON_PERCENT}",
        "",
        "[params]",
        f"entity_types = [{', '.join(_q(k) for k in ENTITY_TYPES)}]",
        f"list_max = {LIST_MAX}",
        f"entity_list_max = {ENTITY_LIST_MAX}",
    ]
    for weight, lang in enumerate(LANGS, start=1):
        strings = i18n.STRINGS[lang]
        lines += ["", f"[languages.{lang}]", f"label = {_q(LANGUAGE_NAMES[lang])}",
                  f"direction = {_q('rtl' if lang == 'ar' else 'ltr')}",
                  f"weight = {weight}",
                  f"title = {_q(site.get('title', {}).get(lang, 'Nashra'))}",
                  f"[languages.{lang}.params]",
                  f"description = {_q(site.get('description', {}).get(lang, ''))}",
                  f"[languages.{lang}.params.labels]",
                  *(f"{key} = {_q(strings[name])}" for key, name in LABEL_KEYS.items())]
    return "\n".join(lines) + "\n"


def _q(text: str) -> str:
    """A TOML basic string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def briefing_entities(project: Path) -> tuple[Archive, dict[str, tuple[str, ...]]]:
    """The archive and, per briefing, the entities whose Nashra page lists it (by id)."""
    linked, problems = link_stage(project)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise SystemExit("\n".join(str(p) for p in errors))
    # Inverting the linker's entity -> briefings index gives Hugo's terms exactly the
    # briefings Nashra's entity pages list (named or only referred to by adjective).
    tags: dict[str, list[str]] = {}
    for entity, slugs in sorted(linked.entity_briefings.items()):
        for slug in slugs:
            tags.setdefault(slug, []).append(entity)
    return linked.archive, {slug: tuple(ids) for slug, ids in tags.items()}


def term_files(e: Entity, years: list[int]) -> dict[str, str]:
    """The term page of one entity, per language; `years` when it has a page per year."""
    files = {}
    for lang in LANGS:
        other = "en" if lang == "ar" else "ar"
        meta: dict[str, Any] = {"title": e.name.get(lang), "params": {
            "entity_type": e.type, "other_name": e.name.get(other),
            "aliases_ar": [a for a in e.aliases_ar if a != e.name.ar],
            "aliases_en": [a for a in e.aliases_en if a != e.name.en],
            "year_pages": [f"{e.id}-{y}" for y in years]}}
        files[lang] = dump(meta, e.description.get(lang))
    return files


def write(path: Path, meta: dict[str, Any], body: str = "") -> None:
    """One Hugo content file (folders made as needed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump({k: v for k, v in meta.items() if v is not None}, body), "utf-8")


def convert(project: Path, out: Path) -> HugoSite:
    """Write the Hugo site of `project` into `out` (replacing it), theme included."""
    project = project.resolve()
    archive, tags = briefing_entities(project)
    if out.exists():
        shutil.rmtree(out)
    content = out / "content"
    content.mkdir(parents=True)
    (out / "hugo.toml").write_text(config_toml(project), "utf-8")
    install_theme(out)
    # The taxonomies' own list pages stand for nothing Nashra has: never rendered.
    hidden = {"build": {"render": "never"}}
    for lang in LANGS:
        strings = i18n.STRINGS[lang]
        write(content / f"_index.{lang}.md", {"title": archive.config.title.get(lang)})
        write(content / "briefings" / f"_index.{lang}.md", {"title": strings["archive"]})
        write(content / "entities" / f"_index.{lang}.md", {"title": strings["entities"]})
        write(content / "years" / f"_index.{lang}.md", {"title": strings["years"], **hidden})
        write(content / "entity-years" / f"_index.{lang}.md", {"title": "", **hidden})
    translations = {t.slug: t for t in archive.translations}
    published = [b for b in archive.briefings if b.status == "published"]
    year_of = {b.slug: b.date.year for b in published}
    counts = Counter(e for b in published for e in tags.get(b.slug, ()))
    split = {e for e, n in counts.items() if n > ENTITY_LIST_MAX}
    for b in published:
        entities = list(tags.get(b.slug, ()))
        shared = {"date": b.date.isoformat(), "entities": entities, "years": [str(b.date.year)],
                  "entity-years": [f"{e}-{b.date.year}" for e in entities if e in split]}
        ar = {"title": b.title, **shared, "source": b.source.name, "dateline": b.dateline,
              "summary": b.summary}
        tr = translations.get(b.slug)
        if tr is not None:
            en = {"title": tr.title, **shared, "source": b.source.name_en or b.source.name,
                  "summary": tr.summary, "key_points": list(tr.key_points)}
            en_body = tr.body
        else:  # Nashra publishes the English page with a "pending" notice
            en = {"title": b.title, **shared, "notice": i18n.STRINGS["en"]["pending"]}
            en_body = ""
        for lang, meta, body in (("ar", ar, b.body), ("en", en, en_body)):
            write(content / "briefings" / f"{b.slug}.{lang}.md", meta, body)
    entity_years: dict[str, set[int]] = {}
    for slug, ids in tags.items():
        for e in ids:
            if e in split and slug in year_of:
                entity_years.setdefault(e, set()).add(year_of[slug])
    for e in archive.entities:
        years = sorted(entity_years.get(e.id, ()), reverse=True)
        for lang, text in term_files(e, years).items():
            (content / "entities" / e.id).mkdir(exist_ok=True)
            (content / "entities" / e.id / f"_index.{lang}.md").write_text(text, "utf-8")
        for y in years:
            for lang in LANGS:
                write(content / "entity-years" / f"{e.id}-{y}" / f"_index.{lang}.md",
                      {"title": f"{e.name.get(lang)} · {y}", "params": {"entity": e.id}})
    return HugoSite(out, len(published), len(archive.entities))


def install_theme(site: Path) -> None:
    """Copy the benchmark theme into the site (replacing an older copy)."""
    target = site / "themes" / THEME_NAME
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(THEME, target)


def add_term_alias(site: Path, ident: str, alias: str) -> None:
    """Hugo's side of "one entity's aliases changed": both term pages show the new alias."""
    for lang in LANGS:
        path = site / "content" / "entities" / ident / f"_index.{lang}.md"
        doc = parse(path.read_text("utf-8"))
        doc.meta["params"]["aliases_ar"] = [*doc.meta["params"]["aliases_ar"], alias]
        path.write_text(dump(doc.meta, doc.body), "utf-8")


def main() -> None:
    """Command line: convert.py PROJECT OUT."""
    if len(sys.argv) != 3:
        raise SystemExit(__doc__.splitlines()[2].strip())
    site = convert(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {site.briefings} briefings and {site.entities} entities into {site.root}")


if __name__ == "__main__":
    main()
