"""The stages of a build after the no-change check: load, link, render, write, index.

Each stage reuses what the previous build's state says is unchanged and redoes the rest;
with no state, everything is done and written into a staging folder swapped in at the end.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import multiprocessing
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from nashra import stamps
from nashra.build import cache
from nashra.build.cache import FileEntry, State
from nashra.build.report import BuildError, BuildReport
from nashra.build.survey import Survey
from nashra.link import archive as graph
from nashra.link.briefing import Matchers, build_matchers, link_one
from nashra.link.stored import StoredLinks
from nashra.load.config import load_config
from nashra.load.content import ParsedFile, SourceFile, combine, parse_file, read_source
from nashra.load.seeds import pending_briefings, seeds_with_briefings
from nashra.model import Archive, Briefing, Event, LinkedArchive, Problem, Translation
from nashra.output import emit, render
from nashra.output.staging import Output, discard, staging_folder, swap_into_place
from nashra.pages import catalogue as pages
from nashra.pages import site as plan
from nashra.pages.graph import ENTITY_LIST_MAX
from nashra.pages.views import Page
from nashra.stamps import OutputEntry, Stamp, digest

# Below this many briefings to link, starting worker processes costs more than it saves.
PARALLEL_MIN = 64


def load_files(project: Path, inputs: Mapping[str, Stamp], state: State | None, *,
               strict: bool) -> tuple[Archive, list[Problem], dict[str, FileEntry]]:
    """Parse content files that changed, reuse the rest, and check them all together."""
    config, problems = load_config(project, strict=strict)
    files: dict[str, FileEntry] = {}
    if state is not None and state.meta.get("config_strict") != config.strict:
        state = None  # files were checked under other rules
    for rel, stamp in inputs.items():
        if not (rel.startswith("content/") and rel.endswith((".md", "/"))):
            continue
        old = state.files.get(rel) if state else None
        if old is not None and old.stamp == stamp:
            files[rel] = old
            continue
        source = read_source(project, rel, config.max_file_bytes)
        sha = hashlib.sha256(source.text.encode() if isinstance(source, SourceFile)
                             else str(source).encode()).hexdigest()
        if old is not None and old.sha == sha:
            files[rel] = FileEntry(stamp, sha, old.parsed, old.card)
            continue
        parsed = parse_file(source, config.strict) if isinstance(source, SourceFile) \
            else ParsedFile(rel, "", None, (source,))
        record = parsed.record
        card = digest(dataclasses.replace(record, body=bool(record.body.strip()))) \
            if isinstance(record, (Briefing, Translation)) else ""
        files[rel] = FileEntry(stamp, sha, parsed, card)
    claimed = {r.seed for e in files.values() if (r := e.parsed.record) is not None
               and isinstance(r, Briefing) and r.seed}
    claimed |= seeds_with_briefings([s for rel, e in files.items() if e.parsed.kind == "briefings"
                                     and e.parsed.record is None and isinstance(
                                         s := read_source(project, rel, config.max_file_bytes),
                                         SourceFile)])
    extra, seed_problems = pending_briefings(project, claimed, config.max_file_bytes)
    archive, content_problems = combine(config, [e.parsed for e in files.values()], extra)
    return archive, problems + seed_problems + content_problems, files


def briefing_digests(b: Briefing, files: Mapping[str, FileEntry]) -> tuple[str, str]:
    """Digests of a briefing's card (what lists show) and of everything its files say."""
    ar = files.get(b.path)
    if ar is None:  # a seed published in memory
        return digest(dataclasses.replace(b, body="")), digest(b)
    en = files.get(b.path.removesuffix(".ar.md") + ".en.md")
    return digest(ar.card, en.card if en else None), digest(ar.sha, en.sha if en else None)


_WORK: tuple[Matchers, dict[str, Translation], dict[str, Event], bool] | None = None


def _link_chunk(chunk: Sequence[Briefing]) -> list[StoredLinks]:
    assert _WORK is not None
    m, translations, events, adjectives = _WORK
    return [StoredLinks.of(link_one(b, translations.get(b.slug), m, events, adjectives))
            for b in chunk]


def link_briefings(todo: Sequence[Briefing], archive: Archive, m: Matchers) -> list[StoredLinks]:
    """Link the briefings that changed, over every core when there are many."""
    global _WORK
    _WORK = (m, {t.slug: t for t in archive.translations}, {e.id: e for e in archive.events},
             archive.config.link_adjectives)
    workers = min(os.cpu_count() or 1, 8)
    if len(todo) < PARALLEL_MIN or workers < 2 or "fork" not in \
            multiprocessing.get_all_start_methods():
        return _link_chunk(todo)
    size = max(1, len(todo) // (workers * 4))
    chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
    # fork: the workers share the matchers already built instead of pickling them
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return [x for part in pool.map(_link_chunk, chunks) for x in part]


def link_stage(archive: Archive, files: Mapping[str, FileEntry], state: State | None
               ) -> tuple[LinkedArchive, dict[str, tuple[str, StoredLinks]], dict[str, str],
                          tuple[str, Mapping[str, tuple[str, ...]]], tuple[str, Matchers]]:
    """Link changed briefings (all of them when entities or events changed) and index."""
    matchers = digest(archive.entities, archive.events, archive.config.link_adjectives)
    kept = state.memo.get("matchers") if state else None
    # A process that builds again (nashra serve) keeps the automata while entities and
    # events stay the same: building them is a good part of a one-page rebuild.
    m = kept[1] if kept and kept[0] == matchers else build_matchers(archive)
    both = {b.slug: briefing_digests(b, files) for b in archive.briefings}
    cards = {slug: card for slug, (card, _) in both.items()}
    keys = {slug: digest(whole, matchers) for slug, (_, whole) in both.items()}
    old = state.links if state else {}
    todo = [b for b in archive.briefings if old.get(b.slug, ("",))[0] != keys[b.slug]]
    fresh = {x.record.slug: x for x in link_briefings(todo, archive, m)}
    links = {b.slug: old[b.slug] if b.slug not in fresh else (keys[b.slug], fresh[b.slug])
             for b in archive.briefings}
    # Related lists depend on every briefing's tags and date only: a text edit keeps them.
    tagging = digest([(b.slug, b.date, links[b.slug][1].record.entities,
                       links[b.slug][1].record.adjectives, links[b.slug][1].record.events)
                      for b in archive.briefings])
    same = state is not None and state.meta.get("related", ("",))[0] == tagging
    linked = graph.assemble(archive, {s: v[1] for s, v in links.items()}, m,
                            state.meta["related"][1] if same else None)  # type: ignore[union-attr]
    return linked, links, cards, (tagging, linked.related), (matchers, m)


class Digests:
    """The digest of each data key a page can depend on, computed once per build on demand."""

    def __init__(self, f: plan.SiteFacts, site: str, cards: Mapping[str, str],
                 links: Mapping[str, tuple[str, StoredLinks]], page_list: str) -> None:
        self.f, self.cards, self.links = f, cards, links
        linked = f.linked
        dates = [b.date for b in linked.archive.briefings]
        self.memo: dict[str, str] = {
            pages.SITE: site, "pages": page_list,
            "span": digest(min(dates, default=None), max(dates, default=None))}
        self.lazy = {
            "published": lambda: digest([(b.slug, cards[b.slug]) for b in f.published]),
            "entities": lambda: digest(linked.archive.entities),
            "events": lambda: digest(linked.archive.events),
            "counts": lambda: digest(linked.mention_counts,
                                     {e: len(s) for e, s in linked.entity_briefings.items()}),
            "evcounts": lambda: digest({e: len(s) for e, s in linked.event_briefings.items()}),
            "years": lambda: digest({y: len(bs) for y, bs in f.look.published_by_year.items()}),
        }
        self.indexes = {"cooc": linked.cooccurrence, "ee": linked.entity_events,
                        "nc": linked.name_counts, "entity": f.look.entities,
                        "event": f.look.events}

    def __getitem__(self, key: str) -> str:
        if key in self.memo:
            return self.memo[key]
        kind, _, arg = key.partition(":")
        if kind in self.lazy:
            value = self.lazy[kind]()
        elif kind == "card":
            value = self.cards[arg]
        elif kind == "body":
            value = self.links[arg][0]
        elif kind == "mentioning":  # an entity's briefings (all, latest, one year) in context
            ident, _, part = arg.partition(":")
            slugs = self.f.linked.entity_briefings.get(ident, ())
            if part == "latest":
                slugs = slugs[:ENTITY_LIST_MAX]
            elif part:
                slugs = self.f.look.entity_years(ident).get(int(part), ())
            value = digest([(s, self.cards[s], self.links[s][1].snippet_digests.get(ident))
                            for s in slugs])
        elif kind == "mentioned":  # when an entity was mentioned: its chart and year list
            value = digest([(s, self.f.look.briefings[s].date)
                            for s in self.f.linked.entity_briefings.get(arg, ())])
        elif kind == "year":  # the published briefings of one year, as cards
            value = digest([(b.slug, self.cards[b.slug])
                            for b in self.f.look.published_by_year.get(int(arg), ())])
        elif kind == "eventsin":  # the events starting in one year
            value = digest(self.f.look.events_by_year.get(int(arg), ()))
        elif kind == "covering":  # an event's briefings: those reporting it, dating it
            value = digest([(s, self.cards[s]) for key in ("event_briefings",
                                                           "event_date_mentions")
                            for s in getattr(self.f.linked, key).get(arg, ())])
        elif kind == "related":  # a briefing's related briefings, as cards
            value = digest([(s, self.cards[s]) for s in self.f.linked.related.get(arg, ())])
        else:
            value = digest(self.indexes[kind].get(arg))
        self.memo[key] = value
        return value

    def fingerprint(self, deps: Sequence[str]) -> str:
        """One digest over every key a page reads."""
        return hashlib.blake2b("\n".join(f"{k}={self[k]}" for k in deps).encode(),
                               digest_size=12).hexdigest()


def theme_digest(templates: Path, inputs: Mapping[str, Stamp]) -> str:
    """A digest of the theme's files, by content."""
    h = hashlib.sha256()
    for rel in sorted(k for k in inputs if k.startswith("theme:")):
        h.update(rel.encode() + b"\0" + (templates / rel.removeprefix("theme:")).read_bytes())
    return h.hexdigest()


def _intact(path: Path, entry: OutputEntry) -> OutputEntry | None:
    """For a file whose stamp changed since it was written: its entry, re-stamped, if it
    still holds the bytes last written (as after cp -a or a CI cache restore), else None."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    now = stamps.output_stamp(st)
    if now == entry.stamp:
        return entry
    if st.st_size == entry.stamp[0] and hashlib.sha256(path.read_bytes()).hexdigest() == entry.sha:
        return OutputEntry(entry.fp, entry.sha, now)
    return None


def remove_stale(out: Path, old: Mapping[str, OutputEntry], keep: Mapping[str, OutputEntry],
                 strays: Sequence[str]) -> list[str]:
    """Delete the last build's files no page makes any more, files no build made, and
    folders left empty."""
    gone = sorted({*(rel for rel in old if rel not in keep), *strays} - keep.keys())
    for rel in gone:
        (out / rel).unlink(missing_ok=True)
        folder = (out / rel).parent
        while folder != out and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return gone


@dataclass(frozen=True)
class Planned:
    """Every page of the site, what each was built from, and the files to make now."""

    specs: list[pages.PageSpec]
    fps: dict[str, str]  # output path -> fingerprint of its inputs
    kept: dict[str, OutputEntry]  # pages whose inputs and file are as last built
    jobs: list[emit.Job]  # pages to render, assets and robots.txt
    rendered: int  # pages among the jobs


def plan_stage(project: Path, out: Path, templates: Path, inputs: Mapping[str, Stamp],
               linked: LinkedArchive, cards: Mapping[str, str],
               links: Mapping[str, tuple[str, StoredLinks]], state: State | None,
               survey: Survey) -> Planned:
    """Fingerprint every page and keep those whose inputs and file did not change."""
    archive = linked.archive
    assets = render.collect_assets(templates)
    asset_map = render.asset_map(assets)
    f = plan.facts(linked, asset_map)
    specs = pages.catalogue(f)
    site = digest(cache.code_version(), archive.config, sorted(asset_map.items()),
                  theme_digest(templates, inputs))
    digests = Digests(f, site, cards, links,
                      digest([(s.path, s.lang, s.other_path) for s in specs]))
    old = state.outputs if state else {}
    fps = {spec.path: digests.fingerprint(spec.deps) for spec in specs}
    claims = Output()  # refuses two files at one path before anything is written
    kept: dict[str, OutputEntry] = {}
    env = render.environment(templates, project / cache.CACHE_DIR / "templates")
    jobs: list[emit.Job] = []
    for spec in specs:
        claims.claim(spec.path, owner=spec.path)
        prev = old.get(spec.path)
        same = None
        if prev is not None and prev.fp == fps[spec.path]:
            same = prev if spec.path in survey.unchanged else _intact(out / spec.path, prev)
        if same is not None:
            kept[spec.path] = same
        else:
            jobs.append((spec.path, functools.partial(_page_bytes, env, spec.make)))
    rendered = len(jobs)
    for asset in assets:
        claims.claim(asset.path, owner=f"assets/{asset.name}")
        jobs.append((asset.path, functools.partial(bytes, asset.data)))
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {archive.config.base_url}sitemap.xml\n"
    claims.claim("robots.txt", owner="robots")
    jobs.append(("robots.txt", functools.partial(bytes, robots.encode())))
    if len(jobs) >= emit.PARALLEL_MIN:  # workers forked later share the compiled code
        render.preload(env, templates)
    return Planned(specs, fps, kept, jobs, rendered)


def run(project: Path, out: Path, templates: Path, inputs: dict[str, Stamp],
        state: State | None, options: str, report: BuildReport, survey: Survey, *,
        strict: bool, search: bool, keep_index: bool, write_lock: AbstractContextManager[object],
        clean: bool = False) -> BuildReport:
    """Load, link, render, write and index what changed since `state` (everything if None)."""
    with report.stage("load"):
        archive, problems, files = load_files(project, inputs, state, strict=strict)
    errors = [p for p in problems if p.severity == "error" or strict]
    report.warnings = [p for p in problems if p.severity == "warning"]
    if errors:
        raise BuildError(problems)

    with report.stage("link"):
        linked, links, cards, related, matchers = link_stage(archive, files, state)
        report.warnings += list(linked.warnings)
    if strict and linked.warnings:
        raise BuildError(list(linked.warnings))

    with report.stage("plan"):
        planned = plan_stage(project, out, templates, inputs, linked, cards, links,
                             state, survey)
    specs, fps, kept, jobs = planned.specs, planned.fps, planned.kept, planned.jobs
    old = state.outputs if state else {}
    report.rendered = planned.rendered
    report.pages = [s.path for s in specs]

    langs = tuple(archive.config.languages)
    indexed = search  # whether this build ran the indexer (a clean build does, with search)
    if state is None:
        entries = _write_clean(out, jobs, fps, report, search=search, reuse=not clean)
        stale = set() if search else set(langs)
    else:
        with report.stage("render"):
            written = emit.emit(jobs, out, old, two_phase=True)
        with report.stage("write"), write_lock:
            written, changed = emit.commit(out, written)
            entries = {**kept, **{w.path: w.entry(fps.get(w.path, "")) for w in written}}
            gone = remove_stale(out, old, entries, survey.strays)
            report.written, report.removed = len(changed), len(gone)
            if not keep_index:  # a site built without search has no index, stale or not
                shutil.rmtree(out / "pagefind", ignore_errors=True)
        stale = set(state.meta.get("stale_index", ())) | _languages_of(
            [*changed, *gone], langs)
        indexed = search and (bool(stale) or not (out / "pagefind").is_dir())
        if indexed:
            with report.stage("index"):
                _index(out, sorted(stale) if (out / "pagefind").is_dir() else None)
            stale = set()
    index: dict[str, Stamp] = {}
    if keep_index and (out / "pagefind").is_dir():
        index = cache.index_stamps(out) if indexed or state is None \
            else state.meta.get("index", {})  # as the survey found it at the start
    report.files = len(entries) + len(index)
    report.stale_index = tuple(sorted(stale))

    new_state = State(cache.code_version(), options, files=files, links=links, outputs=entries,
                      meta={"inputs": inputs, "pages": report.pages, "index": index,
                            "stale_index": report.stale_index, "related": related,
                            "config_strict": archive.config.strict},
                      memo={"matchers": matchers})
    cache.save(project, new_state, state)
    report.state = new_state
    return report


def _languages_of(paths: Sequence[str], langs: Sequence[str]) -> set[str]:
    """The languages whose search index a change to these output files makes stale."""
    found: set[str] = set()
    for rel in paths:
        if rel.endswith(".html"):
            top = rel.split("/", 1)[0]
            found |= {top} if top in langs else set(langs)
    return found


def build_search_index(project: Path, out: Path, langs: Sequence[str], *,
                       write_lock: AbstractContextManager[object]) -> None:
    """Re-index search for `langs` after a build that deferred it."""
    _index(out, langs)


def _index(site: Path, langs: Sequence[str] | None = None, previous: Path | None = None
           ) -> None:
    """Index `langs` (all when None), reusing what is unchanged here or in `previous`."""
    from nashra import index as search_stage

    search_stage.index_site(site, langs, previous=previous)
    search_stage.write_offline_bundle(site, langs, previous=previous)


def _page_bytes(env: object, make: Callable[[], Page]) -> bytes:
    return render.render_page(env, make())  # type: ignore[arg-type]


def _write_clean(out: Path, jobs: Sequence[emit.Job], fps: Mapping[str, str],
                 report: BuildReport, *, search: bool, reuse: bool) -> dict[str, OutputEntry]:
    """Write everything into a staging folder, index it, and swap it in for `out`.

    With `reuse`, search index shards whose pages did not change come from `out`."""
    staged = staging_folder(out)
    try:
        with report.stage("render"):
            written = emit.emit(jobs, staged, {}, two_phase=False)
        if search:
            with report.stage("index"):
                _index(staged, previous=out if reuse and (out / "pagefind").is_dir() else None)
        swap_into_place(staged, out)
    except BaseException:
        discard(staged)
        raise
    report.written = len(written)
    return {w.path: w.entry(fps.get(w.path, "")) for w in written}
