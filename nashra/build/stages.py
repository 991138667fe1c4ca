"""The stages of a build after the no-change check: load, link, render, write, index.

Each stage reuses what the previous build's state says is unchanged and redoes the rest;
with no state, everything is done and written into a staging folder swapped in at the end.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import re
import shutil
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from nashra import pool, stamps
from nashra.build import cache, safety
from nashra.build.cache import FileEntry, State
from nashra.build.report import BuildError, BuildReport
from nashra.build.survey import Survey
from nashra.link import archive as graph
from nashra.link.briefing import Matchers, build_matchers, link_one
from nashra.link.stored import StoredLinks
from nashra.load.config import load_config
from nashra.load.content import SourceFile, combine, parse_file
from nashra.load.seeds import pending_briefings, seeds_with_briefings
from nashra.model import Archive, Briefing, Event, LinkedArchive, Problem, Translation
from nashra.output import emit, render
from nashra.output.staging import Output, discard, staging_folder, swap_into_place
from nashra.pages import catalogue as pages
from nashra.pages import english
from nashra.pages.deps import Digests
from nashra.pages.facts import SiteFacts
from nashra.pages.views import Page
from nashra.stamps import OutputEntry, Stamp, digest

# The pages the search index is made of (they carry data-pagefind-body).
INDEXED = re.compile(r"^[a-z]{2}/(briefings|entities|events)/[^/]+/index\.html$")


def load_files(project: Path, inputs: Mapping[str, Stamp], state: State | None, *,
               strict: bool, base_url: tuple[str, str] | None = None
               ) -> tuple[Archive, list[Problem], dict[str, FileEntry]]:
    """Parse content files that changed, reuse the rest, and check them all together."""
    config, problems = load_config(project, strict=strict, base_url=base_url)
    files: dict[str, FileEntry] = {}
    if state is not None and state.meta.get("config_strict") != config.strict:
        state = None  # files were checked under other rules
    for rel, stamp in inputs.items():
        if not (rel.startswith("content/") and rel.endswith(".md")):
            continue
        old = state.files.get(rel) if state else None
        if old is not None and old.stamp == stamp:
            files[rel] = old
            continue
        raw = (project / rel).read_bytes()
        sha = hashlib.sha256(raw).hexdigest()
        if old is not None and old.sha == sha:
            files[rel] = FileEntry(stamp, sha, old.parsed, old.card)
            continue
        parsed = parse_file(SourceFile(rel, raw.decode("utf-8")), config.strict)
        record = parsed.record
        card = digest(dataclasses.replace(record, body=bool(record.body.strip()))) \
            if isinstance(record, (Briefing, Translation)) else ""
        files[rel] = FileEntry(stamp, sha, parsed, card)
    claimed = {r.seed for e in files.values() if (r := e.parsed.record) is not None
               and isinstance(r, Briefing) and r.seed}
    claimed |= seeds_with_briefings([SourceFile(rel, (project / rel).read_text("utf-8"))
                                     for rel, e in files.items() if e.parsed.kind == "briefings"
                                     and e.parsed.record is None])
    extra, seed_problems = pending_briefings(project, claimed)
    archive, content_problems = combine(config, [e.parsed for e in files.values()], extra)
    return archive, problems + seed_problems + content_problems, files


def briefing_digests(b: Briefing, files: Mapping[str, FileEntry]) -> tuple[str, str]:
    """Digests of a briefing's card (what lists show) and of everything its files say."""
    ar = files.get(b.path)
    if ar is None:  # a seed published in memory
        return digest(dataclasses.replace(b, body="")), digest(b)
    en = files.get(b.path.removesuffix(".ar.md") + ".en.md")
    return digest(ar.card, en.card if en else None), digest(ar.sha, en.sha if en else None)


def _link_part(work: tuple[Matchers, dict[str, Translation], dict[str, Event], bool],
               part: Sequence[Briefing]) -> list[StoredLinks]:
    m, translations, events, adjectives = work
    return [link_one(b, translations.get(b.slug), m, events, adjectives) for b in part]


def link_briefings(todo: Sequence[Briefing], archive: Archive, m: Matchers,
                   tick: Callable[[int], None] = lambda _n: None) -> list[StoredLinks]:
    """Link the briefings that changed, over every core when there are many; `tick` is told
    of each batch done."""
    work = (m, {t.slug: t for t in archive.translations}, {e.id: e for e in archive.events},
            archive.config.link_adjectives)
    return pool.fork_map(_link_part, work, todo, chunks_per_worker=4, tick=tick)


def link_stage(archive: Archive, files: Mapping[str, FileEntry], state: State | None,
               report: BuildReport | None = None
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
    tick = report.counter("link", len(todo)) if report else (lambda _n: None)
    fresh = {x.record.slug: x for x in link_briefings(todo, archive, m, tick)}
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


def theme_digest(theme: render.Theme, inputs: Mapping[str, Stamp]) -> str:
    """A digest of every theme layer's files, by content (which layer a file is in counts:
    adding or removing a project's override changes it)."""
    h = hashlib.sha256()
    folders = theme.folders()
    for key in sorted(inputs):
        prefix, colon, rel = key.partition(":")
        if colon and prefix in folders:
            h.update(key.encode() + b"\0" + (folders[prefix] / rel).read_bytes())
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
        try:
            (out / rel).unlink(missing_ok=True)
        except (NotADirectoryError, IsADirectoryError):  # a file and a folder traded places
            continue
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


def plan_stage(project: Path, out: Path, theme: render.Theme, inputs: Mapping[str, Stamp],
               linked: LinkedArchive, cards: Mapping[str, str],
               links: Mapping[str, tuple[str, StoredLinks]], state: State | None,
               survey: Survey) -> Planned:
    """Fingerprint every page and keep those whose inputs and file did not change."""
    archive = linked.archive
    assets = render.collect_assets(theme)
    asset_map = render.asset_map(assets)
    f = SiteFacts.of(linked, asset_map)
    cards = english.CardKeys(f.translations, cards)  # + the English the build makes
    specs = pages.catalogue(f)
    site = digest(cache.code_version(), archive.config, sorted(asset_map.items()),
                  theme_digest(theme, inputs))
    digests = Digests(f, site, cards, links,
                      digest([(s.path, s.lang, s.other_path) for s in specs]))
    old = state.outputs if state else {}
    fps = {spec.path: digests.fingerprint(spec.deps) for spec in specs}
    claims = Output()  # refuses two files at one path before anything is written
    kept: dict[str, OutputEntry] = {}
    env = render.environment(theme, project / cache.CACHE_DIR / "templates")
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
    if pool.parallel(len(jobs)):  # workers forked later share the compiled code
        render.preload(env, theme)
    return Planned(specs, fps, kept, jobs, rendered)


def run(project: Path, out: Path, theme: render.Theme, inputs: dict[str, Stamp],
        state: State | None, options: str, report: BuildReport, survey: Survey, *,
        strict: bool, search: bool, keep_index: bool, write_lock: AbstractContextManager[object],
        clean: bool = False, index_damaged: bool = False,
        base_url: tuple[str, str] | None = None) -> BuildReport:
    """Load, link, render, write and index what changed since `state` (everything if None)."""
    with report.stage("load"):
        archive, problems, files = load_files(project, inputs, state, strict=strict,
                                              base_url=base_url)
    errors = [p for p in problems if p.severity == "error" or strict]
    report.warnings = [p for p in problems if p.severity == "warning"]
    if errors:
        raise BuildError(problems)

    with report.stage("link"):
        linked, links, cards, related, matchers = link_stage(archive, files, state, report)
        report.warnings += list(linked.warnings)
    if strict and linked.warnings:
        raise BuildError(list(linked.warnings))

    with report.stage("plan"):
        planned = plan_stage(project, out, theme, inputs, linked, cards, links,
                             state, survey)
    specs, fps, kept, jobs = planned.specs, planned.fps, planned.kept, planned.jobs
    old = state.outputs if state else {}
    report.rendered = planned.rendered
    report.pages = [s.path for s in specs]

    if search and not any(INDEXED.match(s.path) for s in specs):
        search = False  # nothing to search yet (a new, empty archive): built without an index
    langs = tuple(archive.config.languages)
    indexed = search  # whether this build ran the indexer (a clean build does, with search)
    if state is None:
        entries = _write_clean(out, jobs, fps, report, search=search, reuse=not clean)
        stale = set() if search else set(langs)
    else:
        tick = report.counter("render", len(jobs))  # first: progress shows the count at once
        with report.stage("render"):
            written = emit.emit(jobs, out, old, two_phase=True, tick=tick)
        with report.stage("write"), write_lock:
            written, changed = emit.commit(out, written)
            entries = {**kept, **{w.path: w.entry(fps.get(w.path, "")) for w in written}}
            gone = remove_stale(out, old, entries, survey.strays)
            safety.write_marker(out)
            report.written, report.removed = len(changed), len(gone)
            if not keep_index or index_damaged:  # no index, or one to make anew
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


def build_search_index(out: Path, langs: Sequence[str]) -> None:
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
        tick = report.counter("render", len(jobs))  # first: progress shows the count at once
        with report.stage("render"):
            written = emit.emit(jobs, staged, {}, two_phase=False, tick=tick)
            safety.write_marker(staged)
        if search:
            with report.stage("index"):
                _index(staged, previous=out if reuse and (out / "pagefind").is_dir() else None)
        swap_into_place(staged, out)
    except BaseException:
        discard(staged)
        raise
    report.written = len(written)
    return {w.path: w.entry(fps.get(w.path, "")) for w in written}
