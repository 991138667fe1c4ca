"""One build, read top to bottom: scan -> load -> link -> render -> write -> index.

Incremental by default: unchanged files are not parsed again, unchanged briefings not
linked again, pages whose inputs did not change not rendered again, and only files whose
bytes changed are written (see pages.py and cache.py). `clean=True` builds from scratch
into a staging folder and swaps it in.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from nashra.build import cache, safety
from nashra.build.report import BuildReport, Progress
from nashra.build.survey import Survey, scan_inputs, survey_outputs
from nashra.model import Archive, LinkedArchive, Problem
from nashra.output.render import project_theme
from nashra.stamps import digest


def load_stage(project: Path, *, strict: bool = False, base_url: tuple[str, str] | None = None
               ) -> tuple[Archive, list[Problem]]:
    """Read and validate nashra.toml, content/ and waiting seeds; problems are collected."""
    from nashra.build.stages import load_files

    archive, problems, _files = load_files(project, scan_inputs(project, project_theme(project)),
                                           None, strict=strict, base_url=base_url)
    return archive, problems


def link_stage(project: Path, *, strict: bool = False
               ) -> tuple[LinkedArchive, list[Problem]]:
    """Load and link `project` as a clean build does, without rendering (tests, tools)."""
    from nashra.build.stages import link_stage, load_files

    archive, problems, files = load_files(project, scan_inputs(project, project_theme(project)),
                                          None, strict=strict)
    return link_stage(archive, files, None)[0], problems


def build(project: Path, out: Path | None = None, *, strict: bool = False, search: bool = True,
          clean: bool = False, log: Callable[[str], None] = lambda _msg: None,
          previous: cache.State | None = None, defer_index: bool = False,
          write_lock: AbstractContextManager[object] | None = None,
          base_url: tuple[str, str] | None = None,
          progress: Progress | None = None) -> BuildReport:
    """Build `project` into `out` (default: project/site); raise BuildError on bad input.

    `base_url` (url, where it was given) replaces nashra.toml's site.base_url; `progress`
    is told of each stage and of the pages rendered.
    `previous` is the state of the last build in this process (skips reading the cache);
    `defer_index` leaves re-indexing search to the caller (report.stale_index says which
    languages); `write_lock` is held while files in `out` are replaced. BuildRefused when
    `out` holds files Nashra did not write, or another build of the project is running.
    """
    project = project.resolve()
    out = (out or project / "site").resolve()
    safety.check_out(project, out)
    with safety.project_lock(project, log):
        safety.clean_leftovers(out, log)
        return _build(project, out, strict=strict, search=search, clean=clean, log=log,
                      previous=previous, defer_index=defer_index, write_lock=write_lock,
                      base_url=base_url, progress=progress)


def _build(project: Path, out: Path, *, strict: bool, search: bool, clean: bool,
           log: Callable[[str], None], previous: cache.State | None, defer_index: bool,
           write_lock: AbstractContextManager[object] | None,
           base_url: tuple[str, str] | None, progress: Progress | None) -> BuildReport:
    """build() once the output folder is checked and the project locked."""
    report = BuildReport(out=out, progress=progress) if progress else BuildReport(out=out)
    theme = project_theme(project)
    # Which layers, not where the package lives: a runner's new Python patch release moves
    # site-packages, and the package theme's files are digested with the other inputs.
    options = digest(str(out), [prefix for prefix, _ in theme.layers], strict,
                     base_url and base_url[0])

    with report.stage("scan"):
        inputs = scan_inputs(project, theme)
        state = None
        if not clean:
            usable = previous is not None and previous.options == options
            state = previous if usable else cache.load(project, options, log)
        if state is None:
            index_ok = False
        elif search and not defer_index:
            index_ok = not state.meta.get("stale_index") and (out / "pagefind").is_dir()
        else:  # without search there is no index; a deferred one is the caller's business
            index_ok = defer_index or not (out / "pagefind").exists()
        survey = survey_outputs(out, state.outputs, state.meta.get("index", {})) if state \
            else Survey(frozenset(), (), False, False)
        # a damaged index is indexed anew, but only removed once the pages are in place:
        # a build that fails on bad input leaves site/ with its search as it was
        index_damaged = state is not None and search and not defer_index \
            and not survey.index_intact
        index_ok = index_ok and not index_damaged
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

    from nashra.build.stages import run

    def attempt(state: cache.State | None) -> BuildReport:
        return run(project, out, theme, inputs, state, options, report, survey, strict=strict,
                   search=search and not defer_index, keep_index=search,
                   write_lock=write_lock or nullcontext(), clean=clean,
                   index_damaged=index_damaged, base_url=base_url)

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
