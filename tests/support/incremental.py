"""Incremental-build tests: a generated project, the edits an editor makes, tree comparison."""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import importlib.util
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from random import Random

from nashra.build.pipeline import build
from nashra.build.report import BuildError
from nashra.load.content import SLUG_RE
from nashra.text.blocks import split_blocks
from nashra.text.frontmatter import dump, parse

from .paths import REPO

# An edit changes the project's sources and says what it did (the failure message lists them).
Edit = Callable[[Path, Random], str]

# Seeds that the pending-briefing path publishes (the others have no date the cleaner finds).
PENDING_SEEDS = ("002_ab6b5b9001fbb228.txt", "004_27e97ed49c2dcbd3.txt")
NOT_SOURCES = ("site", "site.*", ".site.*", ".nashra-cache")


# --- the project ------------------------------------------------------------------------


def generate_project(dest: Path, n: int = 14) -> Path:
    """benchmarks/generate.py's project, trimmed, plus the theme, a raw seed and gaps to fill."""
    spec = importlib.util.spec_from_file_location("nashra_generate",
                                                  REPO / "benchmarks" / "generate.py")
    assert spec and spec.loader
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    generator.generate(n, dest, people=12, events=8)
    # A project with its own templates/ renders with them: the template and CSS edits need it.
    shutil.copytree(REPO / "nashra" / "theme", dest / "templates")
    (dest / "seeds").mkdir()
    shutil.copy(REPO / "seeds" / PENDING_SEEDS[0], dest / "seeds" / PENDING_SEEDS[0])
    real = [p.stem for p in _events(dest) if "synthetic" not in p.stem]
    named = real[::3]
    for i, ar in enumerate(briefing_files(dest)):
        if i % 3 == 1:  # named events, so renaming an event has references to follow
            _set_meta(ar, events=[named[i % len(named)]])
        if i % 5 == 2:  # briefings without a translation, so one can be added
            english(ar).unlink()
    _trim(dest, keep_events=set(named), rng=Random(n))
    return dest


def _trim(project: Path, keep_events: set[str], rng: Random) -> None:
    """Fewer real events and entities: every page kind stays, the build takes a second."""
    needed: set[str] = set()
    for event in _events(project):
        if "synthetic" in event.stem or event.stem in keep_events:
            meta = _meta(event)
            needed |= {*meta.get("participants", ()), *([meta["place"]] if "place" in meta else [])}
        else:
            event.unlink()
    entities = _entities(project)
    others = [p for p in entities if p.stem not in needed and "synthetic" not in p.stem]
    for path in others[::2] + rng.sample(others[1::2], len(others[1::2]) // 2):
        path.unlink()


def briefing_files(project: Path) -> list[Path]:
    """The project's Arabic originals, sorted."""
    return sorted((project / "content" / "briefings").glob("*.ar.md"))


def _events(project: Path) -> list[Path]:
    return sorted((project / "content" / "events").glob("*.md"))


def _entities(project: Path) -> list[Path]:
    return sorted((project / "content" / "entities").glob("*.md"))


def english(ar: Path) -> Path:
    """The translation file beside an original."""
    return ar.with_name(ar.name.replace(".ar.md", ".en.md"))


def copy_sources(project: Path, dest: Path) -> Path:
    """Copy a project without its outputs (site, staging folders, cache) at its top level."""

    def outputs(folder: str, names: list[str]) -> set[str]:
        if Path(folder) != project:
            return set()
        return {n for n in names if any(fnmatch.fnmatch(n, p) for p in NOT_SOURCES)}

    shutil.copytree(project, dest, ignore=outputs)
    return dest


def restore(snapshot: Path, project: Path) -> Path:
    """Put `project` back to the snapshot, at the same path (mtimes kept, as after a build)."""
    if project.exists():
        shutil.rmtree(project)
    shutil.copytree(snapshot, project, symlinks=True)
    return project


def clean_reference(project: Path, where: Path, *, search: bool) -> Path:
    """A clean build of a copy of `project`'s sources, untouched by its site and cache."""
    if where.exists():
        shutil.rmtree(where)
    copy = copy_sources(project, where / "project")
    out = where / "site"
    build(copy, out, search=search, clean=True)
    return out


# --- comparing trees --------------------------------------------------------------------


def tree_digest(root: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file below root."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def tree_differences(got: Path, want: Path, *, most: int = 12) -> list[str]:
    """How `got` differs from `want`, one line per file (missing, stale or other bytes)."""
    a, b = tree_digest(got), tree_digest(want)
    lines = [f"missing from the incremental build: {p}" for p in sorted(b.keys() - a.keys())]
    lines += [f"stale (no clean build writes it): {p}" for p in sorted(a.keys() - b.keys())]
    lines += [f"differs: {p}: {_first_difference((got / p).read_bytes(), (want / p).read_bytes())}"
              for p in sorted(a.keys() & b.keys()) if a[p] != b[p]]
    return lines if len(lines) <= most else [*lines[:most], f"… and {len(lines) - most} more"]


def _first_difference(got: bytes, want: bytes) -> str:
    """Where two files part, with a little context from each."""
    at = next((i for i, (x, y) in enumerate(zip(got, want, strict=False)) if x != y),
              min(len(got), len(want)))
    start = max(0, at - 40)

    def show(data: bytes) -> str:
        return repr(data[start:at + 60].decode("utf-8", "replace"))

    return f"byte {at}: incremental {show(got)} vs clean {show(want)}"


def outputs_beside(project: Path) -> list[str]:
    """Staging or old-site folders a build left beside site/ (a finished build leaves none)."""
    return sorted(p.name for p in project.glob(".site.*"))


# --- editing sources --------------------------------------------------------------------


def _set_meta(path: Path, **changes: object) -> None:
    """Rewrite one content file with some front-matter fields changed."""
    doc = parse(path.read_text("utf-8"))
    path.write_text(dump({**doc.meta, **changes}, doc.body), "utf-8")


def _meta(path: Path) -> dict:
    return parse(path.read_text("utf-8")).meta


def _body(path: Path) -> str:
    return parse(path.read_text("utf-8")).body


def _set_body(path: Path, body: str) -> None:
    doc = parse(path.read_text("utf-8"))
    path.write_text(dump(doc.meta, body), "utf-8")


def _rel(project: Path, path: Path) -> str:
    return path.relative_to(project).as_posix()


WORD = re.compile(r"[\u0621-\u0652A-Za-z]{3,}")


def _words(text: str, rng: Random) -> str:
    """Two neighbouring words of `text` (letters only), as a new alias might be."""
    tokens = text.split()
    i = rng.choice([i for i in range(len(tokens) - 1)
                    if WORD.fullmatch(tokens[i]) and WORD.fullmatch(tokens[i + 1])])
    return f"{tokens[i]} {tokens[i + 1]}"


def retitle_briefing(project: Path, rng: Random) -> str:
    """Change a briefing's Arabic title, English title, or both."""
    ar = rng.choice(briefing_files(project))
    which = rng.choice(["ar", "en", "both"]) if english(ar).exists() else "ar"
    mark = rng.randrange(1000)
    if which in ("ar", "both"):
        _set_meta(ar, title=f"{_meta(ar)['title']} (تحديث {mark})")
    if which in ("en", "both"):
        _set_meta(english(ar), title=f"{_meta(english(ar))['title']} (update {mark})")
    return f"retitle ({which}) {_rel(project, ar)}"


def edit_body_sentence(project: Path, rng: Random) -> str:
    """Add a few words to one paragraph of a briefing (and of its translation)."""
    ar = rng.choice(briefing_files(project))
    paragraphs = _body(ar).split("\n\n")
    i = rng.randrange(len(paragraphs))
    paragraphs[i] += " وأضاف المحرر جملة قصيرة."
    _set_body(ar, "\n\n".join(paragraphs))
    also = english(ar).exists() and rng.random() < 0.5
    if also:
        en = _body(english(ar)).split("\n\n")
        en[min(i, len(en) - 1)] += " The editor added a short sentence."
        _set_body(english(ar), "\n\n".join(en))
    return f"edit paragraph {i} of {_rel(project, ar)}" + (" and its translation" if also else "")


def change_briefing_date(project: Path, rng: Random) -> str:
    """Move a briefing to another year of the archive."""
    ar = rng.choice(briefing_files(project))
    old = dt.date.fromisoformat(str(_meta(ar)["date"]))
    year = rng.choice([y for y in range(2000, 2025) if y != old.year])
    new = dt.date(year, old.month, min(old.day, 28))
    _set_meta(ar, date=new.isoformat())
    return f"date of {_rel(project, ar)}: {old} -> {new}"


def add_entity_alias(project: Path, rng: Random) -> str:
    """Give an entity an alias that some briefing contains, so new mentions appear."""
    ar = rng.choice(briefing_files(project))
    lang = "en" if english(ar).exists() and rng.random() < 0.3 else "ar"
    phrase = _words(_body(english(ar) if lang == "en" else ar), rng)
    entity = rng.choice(_entities(project))
    aliases = dict(_meta(entity).get("aliases") or {})
    aliases[lang] = [*(aliases.get(lang) or []), phrase]
    _set_meta(entity, aliases=aliases)
    return f"alias {lang} {phrase!r} (from {ar.name}) added to {_rel(project, entity)}"


def remove_entity_alias(project: Path, rng: Random) -> str:
    """Drop one alias of an entity, preferably one the briefings use."""
    text = " ".join(_body(p) for p in briefing_files(project))
    used = [(p, a) for p in _entities(project)
            for a in (_meta(p).get("aliases") or {}).get("ar") or [] if a in text]
    entity, alias = rng.choice(used)
    aliases = dict(_meta(entity)["aliases"])
    aliases["ar"] = [a for a in aliases["ar"] if a != alias]
    _set_meta(entity, aliases=aliases)
    return f"alias {alias!r} removed from {_rel(project, entity)}"


def add_entity(project: Path, rng: Random) -> str:
    """A new person whose name some briefing contains."""
    ar = rng.choice(briefing_files(project))
    phrase = _words(_body(ar), rng)
    ident = f"added-person-{rng.randrange(10_000)}"
    meta = {"type": "person", "name": {"ar": phrase, "en": f"Added {ident}"},
            "aliases": {"ar": [phrase], "en": []}}
    (project / "content" / "entities" / f"{ident}.md").write_text(
        dump(meta, "<!-- ar -->\nشخص مضاف.\n\n<!-- en -->\nAn added person.\n"), "utf-8")
    return f"new entity {ident} named {phrase!r} (from {ar.name})"


def delete_briefing(project: Path, rng: Random) -> str:
    """Delete a briefing: its original and its translation."""
    ar = rng.choice(briefing_files(project))
    ar.unlink()
    english(ar).unlink(missing_ok=True)
    return f"delete {_rel(project, ar)} (and its translation)"


def add_briefing(project: Path, rng: Random) -> str:
    """Copy a briefing (and its translation) under a new slug; a seed has one briefing only."""
    ar = rng.choice(briefing_files(project))
    slug = f"{ar.name[:7]}-added-{rng.randrange(10_000)}"
    new = ar.with_name(f"{slug}.ar.md")
    meta = {k: v for k, v in _meta(ar).items() if k not in ("seed", "seed_sha256", "draft_sha256")}
    new.write_text(dump({**meta, "title": f"{meta['title']} (نسخة)"}, _body(ar)), "utf-8")
    if english(ar).exists():
        english(new).write_text(english(ar).read_text("utf-8"), "utf-8")
    return f"add {_rel(project, new)} as a copy of {ar.name}"


def set_draft(project: Path, rng: Random) -> str:
    """Unpublish a briefing (status: draft), or publish a draft again."""
    ar = rng.choice(briefing_files(project))
    status = "published" if _meta(ar).get("status") == "draft" else "draft"
    _set_meta(ar, status=status)
    return f"status of {_rel(project, ar)} -> {status}"


def add_translation(project: Path, rng: Random) -> str:
    """Write the English translation of a briefing that had none."""
    lacking = [p for p in briefing_files(project) if not english(p).exists()]
    if not lacking:
        return remove_translation(project, rng) + " (no briefing lacked one)"
    ar = rng.choice(lacking)
    blocks = split_blocks(_body(ar))
    meta = {"title": f"Translated {ar.name[:-6]}", "summary": "A new translation.",
            "key_points": ["One point."], "translation": "machine"}
    body = "\n\n".join(f"Paragraph {i + 1} in English." for i in range(len(blocks)))
    english(ar).write_text(dump(meta, body), "utf-8")
    return f"add translation {_rel(project, english(ar))}"


def edit_translation(project: Path, rng: Random) -> str:
    """Change only the English file: its summary or its key points."""
    en = rng.choice(sorted((project / "content" / "briefings").glob("*.en.md")))
    meta = _meta(en)
    if rng.random() < 0.5:
        _set_meta(en, summary=f"{meta.get('summary', '')} Revised.".strip())
        return f"new summary in {_rel(project, en)}"
    _set_meta(en, key_points=[*meta.get("key_points", ()), "An added point."])
    return f"new key point in {_rel(project, en)}"


def remove_translation(project: Path, rng: Random) -> str:
    """Delete the translation of a briefing."""
    en = rng.choice(sorted((project / "content" / "briefings").glob("*.en.md")))
    en.unlink()
    return f"delete translation {_rel(project, en)}"


def _referenced_event(project: Path, rng: Random) -> Path:
    """An event a briefing names in `events:` when there is one, else any event."""
    named = {e for p in briefing_files(project) for e in _meta(p).get("events") or []}
    events = _events(project)
    return rng.choice([p for p in events if p.stem in named] or events)


def retitle_event(project: Path, rng: Random) -> str:
    """Change an event's title in one or both languages."""
    event = _referenced_event(project, rng)
    title = dict(_meta(event)["title"])
    lang = rng.choice(["ar", "en"])
    title[lang] += " (معدل)" if lang == "ar" else " (revised)"
    _set_meta(event, title=title)
    return f"retitle ({lang}) {_rel(project, event)}"


def rename_event(project: Path, rng: Random) -> str:
    """Give an event a new id (its file name) and follow every briefing's `events:` list."""
    event = _referenced_event(project, rng)
    new_id = f"{event.stem}-renamed"
    assert SLUG_RE.match(new_id)
    event.rename(event.with_name(f"{new_id}.md"))
    followed = 0
    for ar in briefing_files(project):
        named = _meta(ar).get("events") or []
        if event.stem in named:
            _set_meta(ar, events=[new_id if e == event.stem else e for e in named])
            followed += 1
    return f"rename event {event.stem} -> {new_id} ({followed} briefing(s) follow)"


def change_event_date(project: Path, rng: Random) -> str:
    """Move an event (that has a single date) by up to a year, keeping its precision."""
    event = rng.choice([p for p in _events(project) if "date" in _meta(p)])
    old = str(_meta(event)["date"])
    shift = dt.timedelta(days=rng.choice([-1, 1]) * rng.randrange(1, 400))
    parts = old.split("-")
    first = dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1,
                    int(parts[2]) if len(parts) > 2 else 1)
    moved = (first + shift).isoformat()[:len(old)]
    if moved == old:  # a year event moved within its year: move it a whole year
        moved = str(int(old[:4]) + 1) + old[4:]
    _set_meta(event, date=moved)
    return f"date of {_rel(project, event)}: {old} -> {moved}"


TEMPLATE_EDITS = (
    ("templates/briefing.html", "{% block main %}", "{% block main %}\n<!-- edited {n} -->"),
    ("templates/base.html", "</body>", "<!-- edited {n} -->\n</body>"),
    ("templates/partials/macros.html", '<p class="meta">', '<p class="meta" data-edited="{n}">'),
)


def edit_template(project: Path, rng: Random) -> str:
    """Add text to a page template, the base layout, or a macro every listing imports."""
    copied = _theme(project)
    rel, old, new = rng.choice(TEMPLATE_EDITS)
    path = project / rel
    text = path.read_text("utf-8")
    assert old in text, f"{rel} no longer contains {old!r}: update TEMPLATE_EDITS"
    path.write_text(text.replace(old, new.replace("{n}", str(rng.randrange(1000))), 1), "utf-8")
    return f"{copied}edit {rel}"


def edit_asset(project: Path, rng: Random) -> str:
    """Append a rule to a stylesheet or a statement to a script (their hashed names change)."""
    copied = _theme(project)
    rel, addition = rng.choice([
        ("templates/assets/css/site.css", "\n.edited-{n} {{ color: inherit; }}\n"),
        ("templates/assets/css/search.css", "\n.edited-{n} {{ margin: 0; }}\n"),
        ("templates/assets/js/arabic.js", "\n// edited {n}\n")])
    path = project / rel
    path.write_text(path.read_text("utf-8") + addition.format(n=rng.randrange(1000)), "utf-8")
    return f"{copied}edit {rel}"


TITLE_LINE = re.compile(r'^title = \{ ar = "(.*)", en = "(.*)" \}$', re.M)


def _edit_config(project: Path, old: str, new: str) -> None:
    path = project / "nashra.toml"
    text = path.read_text("utf-8")
    assert old in text, f"nashra.toml has no {old!r}: update the edit"
    path.write_text(text.replace(old, new, 1), "utf-8")


def edit_site_title(project: Path, rng: Random) -> str:
    """Change nashra.toml's site title in one language."""
    m = TITLE_LINE.search((project / "nashra.toml").read_text("utf-8"))
    assert m, "nashra.toml's title line changed form: update TITLE_LINE"
    lang = rng.choice(["ar", "en"])
    ar, en = (m[1] + " الجديد", m[2]) if lang == "ar" else (m[1], m[2] + " (new)")
    _edit_config(project, m[0], f'title = {{ ar = "{ar}", en = "{en}" }}')
    return f"site title ({lang}) in nashra.toml"


def add_seed(project: Path, rng: Random) -> str:
    """Drop a raw article into seeds/ (published as a pending briefing)."""
    waiting = [s for s in PENDING_SEEDS if not (project / "seeds" / s).exists()]
    if not waiting:
        return edit_seed(project, rng)
    name = rng.choice(waiting)
    shutil.copy(REPO / "seeds" / name, project / "seeds" / name)
    return f"add seeds/{name}"


def edit_seed(project: Path, rng: Random) -> str:
    """Change a sentence of a raw seed's text."""
    seed = rng.choice(sorted((project / "seeds").glob("*.txt")))
    lines = seed.read_text("utf-8").split("\n")
    i = rng.randrange(1, min(len(lines), 6))
    lines[i] += " وأضاف المحرر جملة."
    seed.write_text("\n".join(lines), "utf-8")
    return f"edit line {i + 1} of seeds/{seed.name}"


def _mentioned_entity(project: Path, rng: Random) -> Path:
    """An entity whose name or an alias some briefing contains, else any entity."""
    text = " ".join(_body(p) for p in briefing_files(project))
    entities = _entities(project)
    used = [p for p in entities
            if any(a in text for a in (_meta(p).get("aliases") or {}).get("ar") or ())]
    return rng.choice(used or entities)


def edit_entity(project: Path, rng: Random) -> str:
    """Change what an entity's page and every link to it show: a name, the type or a description."""
    entity = _mentioned_entity(project, rng)
    meta = _meta(entity)
    what = rng.choice(["name", "type", "description"])
    if what == "name":
        lang = rng.choice(["ar", "en"])
        name = dict(meta["name"])
        name[lang] += " (معدل)" if lang == "ar" else " (revised)"
        _set_meta(entity, name=name)
    elif what == "type":
        kinds = ["person", "country", "place", "organisation"]
        _set_meta(entity, type=rng.choice([k for k in kinds if k != meta["type"]]))
    else:
        _set_body(entity, _body(entity).replace("<!-- en -->", "سطر مضاف.\n\n<!-- en -->", 1))
    return f"{what} of {_rel(project, entity)}"


def edit_event(project: Path, rng: Random) -> str:
    """Change an event's participants, place, description or trigger phrases."""
    event = _referenced_event(project, rng)
    meta = _meta(event)
    what = rng.choice(["participants", "place", "description", "trigger"])
    ids = [p.stem for p in _entities(project)]
    if what == "participants":
        had = list(meta.get("participants") or [])
        _set_meta(event, participants=had[1:] if had and rng.random() < 0.5
                  else [*had, rng.choice([i for i in ids if i not in had])])
    elif what == "place":
        _set_meta(event, place=rng.choice(ids))
    elif what == "description":
        _set_body(event, _body(event) + "\nA sentence added to the description.")
    else:  # a phrase some briefing contains now announces this event
        phrase = _words(_body(rng.choice(briefing_files(project))), rng)
        triggers = dict(meta.get("triggers") or {})
        triggers["ar"] = [*(triggers.get("ar") or []), phrase]
        _set_meta(event, triggers=triggers)
        what += f" {phrase!r}"
    return f"{what} of {_rel(project, event)}"


def edit_briefing_links(project: Path, rng: Random) -> str:
    """An editor's overrides: suppress an entity, link a phrase, tag an entity or an event."""
    ar = rng.choice(briefing_files(project))
    meta = _meta(ar)
    ids = [p.stem for p in _entities(project)]
    what = rng.choice(["suppress", "links", "entities", "events"])
    if what == "suppress":
        text = _body(ar)
        seen = [p.stem for p in _entities(project)
                if any(a in text for a in (_meta(p).get("aliases") or {}).get("ar") or ())]
        _set_meta(ar, suppress=[*(meta.get("suppress") or []), rng.choice(seen or ids)])
    elif what == "links":
        _set_meta(ar, links={**(meta.get("links") or {}), _words(_body(ar), rng): rng.choice(ids)})
    elif what == "entities":
        _set_meta(ar, entities=[*(meta.get("entities") or []), rng.choice(ids)])
    else:
        events = [p.stem for p in _events(project) if p.stem not in (meta.get("events") or [])]
        _set_meta(ar, events=[*(meta.get("events") or []), rng.choice(events)])
    return f"{what} override in {_rel(project, ar)}: {_meta(ar)[what]}"


def edit_briefing_meta(project: Path, rng: Random) -> str:
    """Change what a briefing's cards and header show: summary, source, dateline, translation kind."""
    ar = rng.choice(briefing_files(project))
    meta = _meta(ar)
    what = rng.choice(["summary", "source", "dateline", "translation"])
    if what == "summary":
        _set_meta(ar, summary=f"{meta.get('summary') or ''} ملخص معدل.".strip())
    elif what == "source":
        _set_meta(ar, source={**(meta.get("source") or {}), "name": "مصدر آخر",
                              "name_en": "Another outlet", "author": "كاتب جديد"})
    elif what == "dateline":
        _set_meta(ar, dateline=rng.choice(["موسكو", "بيونغ يانغ", "سول"]))
    elif english(ar).exists():
        kind = _meta(english(ar)).get("translation", "editorial")
        _set_meta(english(ar), translation="machine" if kind != "machine" else "editorial")
    else:
        what = "translation (none to change)"
    return f"{what} of {_rel(project, ar)}"


def _references(project: Path) -> dict[str, set[str]]:
    """Entity id -> the files that name it (events' place/participants, briefings' lists)."""
    named: dict[str, set[str]] = {}
    for event in _events(project):
        meta = _meta(event)
        for ident in [*meta.get("participants", ()), *([meta["place"]] if "place" in meta else [])]:
            named.setdefault(ident, set()).add(_rel(project, event))
    for ar in briefing_files(project):
        meta = _meta(ar)
        for ident in [*(meta.get("entities") or ()), *(meta.get("suppress") or ()),
                      *(meta.get("links") or {}).values()]:
            named.setdefault(ident, set()).add(_rel(project, ar))
    return named


def rename_entity(project: Path, rng: Random) -> str:
    """Give an entity a new id (its file name) and follow every event and briefing naming it."""
    named = _references(project)
    entities = _entities(project)
    entity = rng.choice([p for p in entities if p.stem in named] or entities)
    old, new = entity.stem, f"{entity.stem}-renamed"
    entity.rename(entity.with_name(f"{new}.md"))

    def swap(ids: object) -> object:
        return [new if i == old else i for i in ids] if isinstance(ids, list) else ids

    for rel in sorted(named.get(old, ())):
        path = project / rel
        meta = _meta(path)
        changes = {k: swap(meta[k]) for k in ("participants", "entities", "suppress")
                   if k in meta}
        if meta.get("place") == old:
            changes["place"] = new
        if isinstance(meta.get("links"), dict):
            changes["links"] = {k: new if v == old else v for k, v in meta["links"].items()}
        _set_meta(path, **changes)
    return f"rename entity {old} -> {new} ({len(named.get(old, ()))} file(s) follow)"


def delete_entity(project: Path, rng: Random) -> str:
    """Delete an entity no file names by id (its mentions just stop being links)."""
    named = _references(project)
    entity = rng.choice([p for p in _entities(project) if p.stem not in named])
    entity.unlink()
    return f"delete {_rel(project, entity)}"


def ingest_seed(project: Path, rng: Random) -> str:
    """`nashra ingest` a waiting seed: its in-memory briefing becomes a file with the same slug."""
    from nashra.ingest import ingest

    seed = rng.choice(sorted((project / "seeds").glob("*.txt")))
    outcomes = ingest([seed], project / "content" / "briefings")
    return f"ingest seeds/{seed.name}: " + ", ".join(f"{o.action} {o.target}" for o in outcomes)


def toggle_link_adjectives(project: Path, rng: Random) -> str:
    """Flip nashra.toml's [linking] link_adjectives (every briefing's links change)."""
    text = (project / "nashra.toml").read_text("utf-8")
    now = "link_adjectives = true" in text
    _edit_config(project, f"link_adjectives = {str(now).lower()}",
                 f"link_adjectives = {str(not now).lower()}")
    return f"link_adjectives -> {not now}"


def edit_base_url(project: Path, rng: Random) -> str:
    """Move the site to another base URL (canonical links, feeds, sitemap, robots.txt)."""
    text = (project / "nashra.toml").read_text("utf-8")
    url = re.search(r'^base_url = "(.*)"$', text, re.M)
    assert url, "nashra.toml has no base_url line"
    new = f"https://news{rng.randrange(100)}.example.net/archive/"
    _edit_config(project, url[0], f'base_url = "{new}"')
    return f"base_url -> {new}"


def toggle_theme(project: Path, rng: Random) -> str:
    """Delete the project's templates/ (the package theme takes over), or bring it back."""
    if (project / "templates").is_dir():
        shutil.rmtree(project / "templates")
        return "delete templates/ (the package's theme is used)"
    shutil.copytree(REPO / "nashra" / "theme", project / "templates")
    return "copy the package's theme into templates/"


def _theme(project: Path) -> str:
    """Make sure the project has its own theme to edit; say so when it had to be copied."""
    if (project / "templates").is_dir():
        return ""
    shutil.copytree(REPO / "nashra" / "theme", project / "templates")
    return "copy the package's theme into templates/, then "


def _a_briefing(project: Path, rng: Random) -> Path:
    return rng.choice(briefing_files(project))


def _the_briefing_template(project: Path, rng: Random) -> Path:
    _theme(project)
    return project / "templates" / "briefing.html"


# (what, which file, how it breaks): content errors, and a theme that cannot render.
BREAKAGES: tuple[tuple[str, Callable[[Path, Random], Path], Callable[[str], str]], ...] = (
    ("an impossible date", _a_briefing,
     lambda text: re.sub(r"^date: .*$", "date: '2024-02-30'", text, count=1, flags=re.M)),
    ("an unknown event", _a_briefing,
     lambda text: dump({**parse(text).meta, "events": ["no-such-event"]}, parse(text).body)),
    ("unclosed front matter", _a_briefing, lambda text: text.replace("\n---\n", "\n", 1)),
    ("a template syntax error", _the_briefing_template,
     lambda text: text.replace("{% block main %}", "{% block main %}{% if %}", 1)),
)


def break_then_fix(project: Path, rng: Random) -> str:
    """Make an input invalid, prove the failed build leaves site/ alone, then undo it."""
    what, target, breakage = rng.choice(BREAKAGES)
    path = target(project, rng)
    good = path.read_text("utf-8")
    bad = breakage(good)
    assert bad != good, f"the breakage {what!r} did not change {path.name}"
    site = project / "site"
    before = tree_digest(site) if site.exists() else {}
    path.write_text(bad, "utf-8")
    try:
        build(project, search=False)
    except BuildError:
        pass
    except Exception as error:  # a theme error is not the content's: any clear error will do
        if path.suffix != ".html":
            raise
        what += f" ({type(error).__name__})"
    else:
        raise AssertionError(f"{what} in {path.name} did not fail the build")
    after = tree_digest(site) if site.exists() else {}
    assert after == before, f"a failed build ({what} in {path.name}) changed site/"
    assert not outputs_beside(project), f"a failed build left {outputs_beside(project)}"
    path.write_text(good, "utf-8")
    return f"break {_rel(project, path)} with {what}, failed build, then undo"


EDITS: dict[str, Edit] = {f.__name__: f for f in (
    retitle_briefing, edit_body_sentence, change_briefing_date, add_entity_alias,
    remove_entity_alias, add_entity, delete_briefing, add_briefing, set_draft, add_translation,
    edit_translation, remove_translation, retitle_event, rename_event, change_event_date, edit_template,
    edit_asset, edit_site_title, add_seed, edit_seed, break_then_fix, rename_entity,
    delete_entity, ingest_seed, toggle_link_adjectives, edit_base_url, toggle_theme,
    edit_entity, edit_event, edit_briefing_links, edit_briefing_meta)}
