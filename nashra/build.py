"""One build, read top to bottom: scan -> load -> link -> render -> write -> index.

Incremental by default: unchanged files are not parsed again, unchanged briefings not
linked again, pages whose inputs did not change not rendered again, and only files whose
bytes changed are written (see pages.py and cache.py). `clean=True` builds from scratch
into a staging folder and swaps it in.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from nashra import cache
from nashra.model import Archive, Briefing, Problem, Source


class BuildError(Exception):
    """The input has errors: nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{len(errors)} error(s) in the input")


@dataclass
class BuildReport:
    """What a build did: pages, files, problems and the time of each stage."""

    out: Path
    pages: list[str] = field(default_factory=list)
    files: int = 0
    warnings: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    state: cache.State | None = None  # handed to the next build by `nashra serve`
    rendered: int = 0  # pages rendered this build (the rest were unchanged)
    written: int = 0  # files whose bytes changed
    removed: int = 0  # files of the previous build that no longer exist
    stale_index: tuple[str, ...] = ()  # languages whose search index is out of date

    def stats(self) -> dict[str, object]:
        """The figures of this build, for --stats-json and benchmarks."""
        return {"timings": dict(self.timings), "pages": len(self.pages), "files": self.files,
                "rendered": self.rendered, "written": self.written, "removed": self.removed,
                "warnings": len(self.warnings)}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time one stage."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = time.perf_counter() - start


# A project without its own templates/ uses the theme that ships beside the package.
DEFAULT_THEME = Path(__file__).resolve().parent.parent / "templates"

SEED_FIELD = re.compile(r"^seed:\s*['\"]?([^'\"\n#]+?)['\"]?\s*(?:#.*)?$", re.M)


def seeds_with_briefings(files: list) -> set[str]:
    """Seed file names that an .ar.md already names in its `seed:` field."""
    return {m.group(1).strip() for f in files if f.path.endswith(".ar.md")
            for m in SEED_FIELD.finditer(f.text.split("\n---", 2)[0] + "\n")}


def pending_briefings(project: Path, claimed: set[str]) -> tuple[list[Briefing], list[Problem]]:
    """Seeds nobody has ingested yet, cleaned in memory and published as Arabic-only briefings."""
    seeds_dir = project / "seeds"
    waiting = [s for s in sorted(seeds_dir.glob("*.txt")) if s.name not in claimed]
    if not waiting:
        return [], []
    from nashra import ingest  # imported here: only needed when a raw seed is waiting
    from nashra.frontmatter_io import parse

    briefings: list[Briefing] = []
    problems: list[Problem] = []
    for seed in waiting:
        raw = seed.read_bytes()
        rel = seed.relative_to(project).as_posix()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(rel, 1, f"seed is not UTF-8 text ({exc.reason})",
                                    "save the file as UTF-8"))
            continue
        article = ingest.clean(text)
        date = article.date_candidates[0] if article.date_candidates else None
        if date is None:
            problems.append(Problem(rel, 1, "no publication date found in this seed; "
                                    "it is not published", f"run 'nashra ingest {rel}' and set "
                                    "'date:' in the briefing it writes", "warning"))
            continue
        draft = parse(ingest.draft_markdown(article, seed_name=seed.name,
                                            seed_sha256=hashlib.sha256(raw).hexdigest()))
        outlet = article.outlet
        first_words = " ".join(draft.body.split()[:12])
        briefings.append(Briefing(
            slug=ingest.default_slug(seed.name), path=rel,
            title=article.title or first_words, date=date,
            source=Source(name=outlet.name if outlet else "",
                          name_en=outlet.name_en if outlet else None,
                          url=outlet.url if outlet else None, author=article.author),
            body=draft.body, body_line=1, dateline=article.dateline, seed=seed.name,
            seed_sha256=hashlib.sha256(raw).hexdigest(), pending=True))
    return briefings, problems


def load_stage(project: Path, *, strict: bool = False) -> tuple[Archive, list[Problem]]:
    """Read and validate nashra.toml, content/ and waiting seeds; problems are collected."""
    from nashra.stages import load_files

    archive, problems, _files = load_files(project, scan_inputs(project, DEFAULT_THEME),
                                           None, strict=strict)
    return archive, problems


def scan_inputs(project: Path, templates: Path) -> dict[str, cache.Stamp]:
    """The stamp of every input: content/, seeds/, the theme and nashra.toml."""
    found: dict[str, cache.Stamp] = {}

    def walk(folder: Path, prefix: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except FileNotFoundError:
            return
        for entry in entries:
            if entry.is_dir():
                walk(Path(entry.path), f"{prefix}{entry.name}/")
            elif entry.is_file():
                found[prefix + entry.name] = cache.stamp(entry.stat())

    walk(project / "content", "content/")
    walk(project / "seeds", "seeds/")
    walk(templates, "theme:")
    config = project / "nashra.toml"
    if config.is_file():
        found["nashra.toml"] = cache.stamp(config.stat())
    return found


@dataclass(frozen=True)
class Survey:
    """site/ as found before a build, against what the last build wrote there."""

    unchanged: frozenset[str]  # outputs whose stamp is the one last written
    strays: tuple[str, ...]  # files no build wrote (to delete)
    intact: bool  # exactly the last build's pages and assets, as written
    index_intact: bool  # the search index's files, as written


def survey_outputs(out: Path, outputs: dict[str, cache.OutputEntry],
                   index: dict[str, cache.Stamp]) -> Survey:
    """One walk of `out` (stat-ing each file once for the whole build)."""
    unchanged: set[str] = set()
    strays: list[str] = []
    index_seen, index_broken = 0, False

    def walk(folder: str, prefix: str, in_index: bool) -> None:
        nonlocal index_seen, index_broken
        for entry in os.scandir(folder):
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path, rel + "/", in_index or rel == "pagefind")
                continue
            now = cache.output_stamp(entry.stat(follow_symlinks=False))
            if in_index:
                index_seen += 1
                index_broken = index_broken or index.get(rel) != now
            elif rel not in outputs:
                strays.append(rel)
            elif outputs[rel].stamp == now:
                unchanged.add(rel)

    try:
        walk(str(out), "", False)
    except OSError:
        return Survey(frozenset(), tuple(sorted(strays)), False, False)
    return Survey(frozenset(unchanged), tuple(sorted(strays)),
                  not strays and len(unchanged) == len(outputs),
                  not index_broken and index_seen == len(index))


def build(project: Path, out: Path | None = None, *, strict: bool = False, search: bool = True,
          clean: bool = False, log: Callable[[str], None] = lambda _msg: None,
          previous: cache.State | None = None, defer_index: bool = False,
          write_lock: AbstractContextManager[object] | None = None) -> BuildReport:
    """Build `project` into `out` (default: project/site); raise BuildError on bad input.

    `previous` is the state of the last build in this process (skips reading the cache);
    `defer_index` leaves re-indexing search to the caller (report.stale_index says which
    languages); `write_lock` is held while files in `out` are replaced.
    """
    project = project.resolve()
    out = (out or project / "site").resolve()
    report = BuildReport(out=out)
    templates = project / "templates" if (project / "templates").is_dir() else DEFAULT_THEME
    options = cache.digest(str(out), str(templates), strict)

    with report.stage("scan"):
        inputs = scan_inputs(project, templates)
        state = None
        if not clean:
            usable = previous is not None and previous.options == options
            state = previous if usable else cache.load(project, options)
        if state is None:
            index_ok = False
        elif search and not defer_index:
            index_ok = not state.meta.get("stale_index") and (out / "pagefind").is_dir()
        else:  # without search there is no index; a deferred one is the caller's business
            index_ok = defer_index or not (out / "pagefind").exists()
        survey = survey_outputs(out, state.outputs, state.meta.get("index", {})) if state \
            else Survey(frozenset(), (), False, False)
        if state is not None and search and not defer_index and not survey.index_intact:
            shutil.rmtree(out / "pagefind", ignore_errors=True)  # damaged: index anew
            index_ok = False
        if state is not None and state.meta.get("inputs") == inputs and index_ok \
                and survey.intact:
            report.stale_index = tuple(state.meta.get("stale_index", ()))
            report.state, report.pages = state, state.meta.get("pages", [])
            report.files = len(state.outputs) + len(state.meta.get("index", {}))
            return _logged(report, log)
        if state is not None:
            try:
                state.fill()
            except Exception as exc:  # a damaged cache only costs a clean build
                log(f"cache unusable ({type(exc).__name__}: {exc}); building from scratch")
                state = None

    from nashra.stages import run

    def attempt(state: cache.State | None) -> BuildReport:
        return run(project, out, templates, inputs, state, options, report, survey, strict=strict,
                   search=search and not defer_index, keep_index=search,
                   write_lock=write_lock or nullcontext(), clean=clean)

    try:
        return _logged(attempt(state), log)
    except cache.StaleCacheError as exc:  # the cache changed on disk under this build
        log(f"cache unusable ({exc}): building from scratch")
        report.timings.clear()
        return _logged(attempt(None), log)


def _logged(report: BuildReport, log: Callable[[str], None]) -> BuildReport:
    for name, seconds in report.timings.items():
        log(f"{name:>7}: {seconds * 1000:7.0f} ms")
    log(f"rendered {report.rendered} of {len(report.pages)} pages, wrote {report.written} "
        f"files, removed {report.removed}")
    return report
