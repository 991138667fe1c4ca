"""One build, read top to bottom: load -> validate -> link -> render -> write -> index -> swap."""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from nashra import graph, plan, render
from nashra.config import load_config
from nashra.content import build_archive, read_content
from nashra.frontmatter_io import parse
from nashra.model import Archive, Briefing, Problem, Source
from nashra.writer import Output, discard, staging_folder, swap_into_place


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
    rendered: int = 0  # pages rendered this build (the rest were unchanged)
    written: int = 0  # files whose bytes changed
    removed: int = 0  # files of the previous build that no longer exist

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
    config, problems = load_config(project, strict=strict)
    files = read_content(project)
    extra, seed_problems = pending_briefings(project, seeds_with_briefings(files))
    archive, content_problems = build_archive(config, files, extra)
    return archive, problems + seed_problems + content_problems


def build(project: Path, out: Path | None = None, *, strict: bool = False, search: bool = True,
          clean: bool = False, log: Callable[[str], None] = lambda _msg: None) -> BuildReport:
    """Build `project` into `out` (default: project/site); raise BuildError on bad input."""
    project = project.resolve()
    out = (out or project / "site").resolve()
    report = BuildReport(out=out)
    templates = project / "templates" if (project / "templates").is_dir() else DEFAULT_THEME

    with report.stage("load"):
        archive, problems = load_stage(project, strict=strict)
    config = archive.config
    errors = [p for p in problems if p.severity == "error" or strict]
    report.warnings = [p for p in problems if p.severity == "warning"]
    if errors:
        raise BuildError(problems)

    with report.stage("link"):
        linked = graph.link(archive)
        report.warnings += list(linked.warnings)
    if strict and linked.warnings:
        raise BuildError(list(linked.warnings))

    with report.stage("render"):
        assets = render.collect_assets(templates)
        pages = plan.plan(linked, render.asset_map(assets))
        output = Output()
        render.render_pages(render.environment(templates), pages, output)
        render.add_assets(assets, output)
        output.add("robots.txt", f"User-agent: *\nAllow: /\n\nSitemap: "
                                 f"{config.base_url}sitemap.xml\n", owner="robots")
    report.pages = [p.path for p in pages]

    staged = staging_folder(out)
    try:
        with report.stage("write"):
            output.write_to(staged)
        if search:
            with report.stage("index"):
                from nashra import search as search_stage

                search_stage.index_site(staged)
                search_stage.write_offline_bundle(staged)
        report.files = sum(1 for p in staged.rglob("*") if p.is_file())
        swap_into_place(staged, out)
    except BaseException:
        discard(staged)
        raise
    for name, seconds in report.timings.items():
        log(f"{name:>7}: {seconds * 1000:7.0f} ms")
    return report
