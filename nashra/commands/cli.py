"""Command line: nashra build | check | ingest | new | init | serve | translate | suggest |
status."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from nashra import __version__
from nashra.model import Archive, Problem


def _print_problems(problems: Sequence[Problem]) -> None:
    for p in sorted(problems, key=lambda p: (p.path, p.line, p.message)):
        print(p, file=sys.stderr)


def _approximate(problems: Sequence[Problem]) -> str:
    """' 3 briefing(s) carry an approximate date.' when seeds were published without a date."""
    from nashra.load.seeds import APPROXIMATE_DATE

    n = sum(p.message.startswith(APPROXIMATE_DATE) for p in problems)
    return f" {n} briefing(s) carry an approximate date (listed above)." if n else ""


def _summary(problems: Sequence[Problem]) -> tuple[int, int]:
    errors = sum(p.severity == "error" for p in problems)
    return errors, len(problems) - errors


def _notice(message: str) -> None:
    """What a quiet build still says: a cache it threw away, a lock or leftovers it took over."""
    if message.startswith(("cache unusable", "a build that stopped", "removed what")):
        print(message, file=sys.stderr)


def _base_url(args: argparse.Namespace) -> tuple[str, str] | None:
    """The base URL given for this run (--base-url, else $NASHRA_BASE_URL), and where from."""
    if args.base_url:
        return args.base_url, "--base-url"
    if os.environ.get("NASHRA_BASE_URL"):  # empty = unset: CI expressions give "" for none
        return os.environ["NASHRA_BASE_URL"], "NASHRA_BASE_URL"
    return None


def cmd_build(args: argparse.Namespace) -> int:
    """Build the site."""
    from nashra.build.pipeline import build
    from nashra.build.report import BuildError
    from nashra.build.safety import BuildRefused
    from nashra.commands.progress import Progress

    out = Path(args.out) if args.out else None
    progress = Progress()
    try:
        report = build(Path(args.project), out, strict=args.strict, search=not args.no_search,
                       clean=args.clean, log=print if args.verbose else _notice,
                       base_url=_base_url(args), progress=progress)
    except BuildRefused as exc:
        progress.close()
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BuildError as exc:
        progress.close()
        _print_problems(exc.problems)
        errors, warnings = _summary(exc.problems)
        if args.strict:
            errors, warnings = errors + warnings, 0
        print(f"Build failed: {errors} error(s), {warnings} warning(s). "
              f"The previous site was left untouched.", file=sys.stderr)
        return 1
    progress.close()
    _print_problems(report.warnings)
    if args.stats_json:
        Path(args.stats_json).write_text(json.dumps(report.stats(), indent=1, sort_keys=True))
    total = sum(report.timings.values())
    stages = ", ".join(f"{k} {v:.2f}s" for k, v in report.timings.items())
    print(f"Built {len(report.pages)} pages ({report.files} files) into {report.out} "
          f"in {total:.2f}s ({stages}); {len(report.warnings)} warning(s)."
          + _approximate(report.warnings))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate content and configuration without writing anything."""
    from nashra.build.pipeline import load_stage

    _archive, problems = load_stage(Path(args.project).resolve(), strict=args.strict,
                                    base_url=_base_url(args))
    _print_problems(problems)
    errors, warnings = _summary(problems)
    failed = errors or (args.strict and warnings)
    print(f"{'Check failed' if failed else 'OK'}: {errors} error(s), {warnings} warning(s)."
          + _approximate(problems),
          file=sys.stderr if failed else sys.stdout)
    return 1 if failed else 0


INGEST_BATCH = 25  # seeds between two progress reports


def cmd_ingest(args: argparse.Namespace) -> int:
    """Turn raw seed articles into briefing drafts."""
    from nashra.ingest import ingest

    if args.report is not None:
        return _ingest_report(Path(args.report))
    project = Path(args.project)
    seeds = [Path(s) for s in args.seeds] or sorted((project / "seeds").glob("*.txt"))
    missing = [s for s in seeds if not s.is_file()]
    if missing:
        for s in missing:
            print(f"{s}: no such seed file", file=sys.stderr)
        return 1
    from nashra.commands.progress import Progress

    progress = Progress()
    rejected = False
    try:
        for start in range(0, len(seeds), INGEST_BATCH):
            for o in ingest(seeds[start:start + INGEST_BATCH], project / "content" / "briefings",
                            force=args.force):
                if o.action == "rejected":
                    print(o.message, file=sys.stderr)
                    rejected = True
                    continue
                print(f"{o.action:>15}  {o.seed} -> {o.target}"
                      + (f"  ({o.message})" if o.message else ""))
            progress("ingest", min(start + INGEST_BATCH, len(seeds)), len(seeds))
    finally:
        progress.close()
    return 1 if rejected else 0


def _ingest_report(folder: Path) -> int:
    """Per-field accuracy of ingest over a folder of NAME.txt + NAME.gold.json articles."""
    from nashra.ingest.evaluate import evaluate, report_lines

    if not folder.is_dir() or not any(folder.glob("*.gold.json")):
        print(f"{folder}: no NAME.gold.json files here (hint: each article NAME.txt needs "
              "one; see tests/fixtures/ingest_corpus)", file=sys.stderr)
        return 1
    scores = evaluate(folder)
    print("\n".join(report_lines(scores)))
    if scores.misses:
        print("\nmisses:")
        print("\n".join(f"  {m}" for m in scores.misses))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Create a new content file from a template; never overwrites."""
    from nashra.commands.new import create
    from nashra.commands.suggest import create_from_suggestion

    if args.from_suggestion is not None and args.kind != "entity":
        print("error: --from-suggestion makes entities only", file=sys.stderr)
        return 1
    try:
        if args.from_suggestion is not None:
            archive = _archive_or_problems(Path(args.project).resolve())
            if archive is None:
                return 1
            path = create_from_suggestion(Path(args.project), args.id, archive,
                                          args.from_suggestion)
        else:
            path = create(Path(args.project), args.kind, args.id)
    except (FileExistsError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Created {path}")
    return 0


def _archive_or_problems(project: Path) -> Archive | None:
    """The loaded archive, or None after printing the errors that stop it loading."""
    from nashra.build.pipeline import load_stage

    archive, problems = load_stage(project)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        _print_problems(errors)
        print(f"The content has {len(errors)} error(s); fix them first (nashra check).",
              file=sys.stderr)
        return None
    return archive


def cmd_translate(args: argparse.Namespace) -> int:
    """Machine-translate briefings into content/briefings/<slug>.en.md."""
    from nashra.commands import translate as tr
    from nashra.link.gazetteer import Gazetteer

    project = Path(args.project).resolve()
    try:
        engine = tr.engine_from(project, args.command, args.name, args.timeout)
    except tr.TranslateError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    archive = _archive_or_problems(project)
    if archive is None:
        return 1
    chosen, unknown = tr.select(archive, project, args.slugs, missing=args.missing)
    if unknown:
        print(f"error: no briefing named {', '.join(unknown)} (hint: nashra status lists them)",
              file=sys.stderr)
        return 1
    try:
        outcomes = tr.translate(project, archive, Gazetteer.build(archive.entities), chosen,
                                engine, force=args.force)
    except tr.TranslateError as exc:
        print(f"error: {exc}; nothing was written.", file=sys.stderr)
        return 1
    for o in outcomes:
        print(f"{o.action:>10}  {o.slug}" + (f"  ({o.message})" if o.message else ""))
    counts = {a: sum(o.action == a for o in outcomes)
              for a in ("translated", "updated", "unchanged", "skipped")}
    print(f"Engine {engine.name}: " + ", ".join(f"{n} {a}" for a, n in counts.items()) + ", "
          f"{sum(o.sent for o in outcomes)} texts sent.")
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    """List names the archive mentions that the gazetteer lacks."""
    from nashra.commands.suggest import format_suggestions, suggestions

    archive = _archive_or_problems(Path(args.project).resolve())
    if archive is None:
        return 1
    print(format_suggestions(suggestions(archive), args.top))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    """One line per briefing: its English, date and unknown names; then totals."""
    from nashra.commands.suggest import format_status, status_lines

    archive = _archive_or_problems(Path(args.project).resolve())
    if archive is None:
        return 1
    print(format_status(status_lines(archive)))
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    """Write a new archive that builds at once, with its CI and deploy files."""
    from nashra.commands.init import InitError, init

    folder = Path(args.folder)
    try:
        done = init(folder, spec=args.nashra_spec, existing=args.existing)
    except InitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for rel in done.written:
        print(f"  created  {folder / rel}")
    for rel in done.kept:
        print(f"     kept  {folder / rel} (already there)")
    print(f"A new archive in {folder}: `cd {folder} && nashra build`, then see its README.md.")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Preview server with rebuild on change and live reload."""
    from nashra.commands.serve import serve

    return serve(Path(args.project), host=args.host, port=args.port)


def parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    top = argparse.ArgumentParser(prog="nashra", description="Build a bilingual (Arabic / English) "
                                  "news-briefing archive as static files.")
    top.add_argument("--version", action="version", version=f"nashra {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, func: object, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--project", default=".", help="the project folder (default: .)")
        p.set_defaults(func=func)
        return p

    b = command("build", cmd_build, "Build the site into site/ (atomically).")
    b.add_argument("--out", help="output folder (default: <project>/site)")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    b.add_argument("-v", "--verbose", action="store_true", help="print the time of each stage")
    b.add_argument("--clean", action="store_true",
                   help="ignore .nashra-cache/ and rebuild every page from scratch")
    b.add_argument("--stats-json", metavar="FILE",
                   help="write the build's figures (stage times, pages rendered, files written)")

    c = command("check", cmd_check, "Validate content/ and nashra.toml without writing.")
    c.add_argument("--strict", action="store_true", help="treat warnings as errors")
    for p in (b, c):
        p.add_argument("--base-url", metavar="URL",
                       help="use this site.base_url instead of nashra.toml's, e.g. a fork's "
                       "Pages URL (default: $NASHRA_BASE_URL if set)")

    i = command("ingest", cmd_ingest, "Turn raw seed articles into briefing drafts "
                "(content/briefings/<slug>.ar.md); never overwrites an edited briefing.")
    i.add_argument("seeds", nargs="*", help="seed files (default: every seeds/*.txt)")
    i.add_argument("--force", action="store_true",
                   help="overwrite briefings even if an editor changed them")
    i.add_argument("--report", metavar="DIR", default=None,
                   help="print per-field accuracy over a folder of NAME.txt + NAME.gold.json "
                        "articles instead of ingesting")

    n = command("new", cmd_new, "Create a new briefing, entity or event file from a template.")
    n.add_argument("kind", choices=["briefing", "entity", "event"], help="what to create")
    n.add_argument("id", help="the slug or id (lower-case ASCII, hyphens)")
    n.add_argument("--from-suggestion", type=int, metavar="N",
                   help="an entity from suggestion N of 'nashra suggest', with its spellings")

    g = command("suggest", cmd_suggest, "List names the briefings mention that no entity "
                "has: people, organisations, places; most widely mentioned first.")
    g.add_argument("--top", type=int, default=30, help="how many to list (0: all; default 30)")

    command("status", cmd_status, "One line per briefing: English (editorial, machine, "
            "digest, Arabic only), date, unknown names; then totals.")

    t = command("translate", cmd_translate, "Machine-translate briefings through an external "
                "engine into content/briefings/<slug>.en.md (translation: machine).")
    t.add_argument("slugs", nargs="*", metavar="SLUG", help="briefings (default: all)")
    t.add_argument("--missing", action="store_true",
                   help="only briefings that have no .en.md yet")
    t.add_argument("--force", action="store_true", help="replace a machine translation edited "
                   "by hand, or a 'translation: none' file (never an editorial one)")
    t.add_argument("--command", help="the engine's command line (default: [translate] command "
                   "in nashra.toml); it reads and writes JSON lines {\"id\", \"text\"}")
    t.add_argument("--name", help="the engine's name shown on English pages")
    t.add_argument("--timeout", type=float, help="seconds before the engine is stopped "
                   "(default: [translate] timeout or 600)")

    init_help = ("Write a new archive into FOLDER (nashra.toml, content/, seeds/, a README, "
                 "GitHub and GitLab Pages publishing) that builds at once.")
    a = sub.add_parser("init", help=init_help, description=init_help)
    a.add_argument("folder", metavar="FOLDER", help="a new or empty folder")
    a.add_argument("--existing", action="store_true",
                   help="write into a folder that is not empty; files already there are kept")
    a.add_argument("--nashra-spec", metavar="REQUIREMENT",
                   help="the Nashra the CI files install, as a pip requirement "
                   f"(default: nashra=={__version__})")
    a.set_defaults(func=cmd_init)

    s = command("serve", cmd_serve, "Preview the site with live reload on 127.0.0.1.")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on")
    s.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `nashra` command."""
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
