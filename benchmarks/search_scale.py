"""Search indexing at scale (issue 6): time, peak memory and bundle size of nashra.index.

    python benchmarks/search_scale.py /tmp/n10k                  # a project (built if needed)
    python benchmarks/search_scale.py /tmp/n10k --shard-pages 2500
    python benchmarks/search_scale.py /tmp/n1k --whole           # also the old whole-site run

PROJECT is a synthetic project from generate.py; its site/ is built without search when it
has no pages yet (`python -m nashra build --project P --no-search`). The pages are
hard-linked into a scratch folder (--work) and every scenario runs in its own subprocess:
wall time from start to exit, peak memory from os.wait4 (ru_maxrss: the largest of the
process and the descendants it waited for, Pagefind included). Scenarios:

- fresh: index_site + write_offline_bundle with no bundle yet (every language indexed);
- nochange: the same again over that bundle (pages hashed, nothing re-run);
- one page: one briefing page of the first language changes, index_site(site, [lang])
  and write_offline_bundle(site, [lang]);
- fresh folder: the pages in a new folder, index_site(new, previous=old) and
  write_offline_bundle(new, previous=old) (a build that writes into a staging folder and
  swaps it in);
- whole (with --whole): one Pagefind CLI over the whole site, as before issue 6.

Figures for the notes and the report, never assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nashra import index as search  # noqa: E402

MB = 1024 * 1024


def measured(command: list[str]) -> tuple[float, float, int, str]:
    """Run `command`; wall seconds, CPU seconds and peak RSS in bytes (its tree), stdout."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}")
    return (time.perf_counter() - started, usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss * 1024, output)


def index_once(site: str, langs: str, previous: str, shard_pages: str) -> None:
    """The child: index and bundle `site`, print the report as JSON."""
    started = time.perf_counter()
    report = search.index_site(Path(site), langs.split(",") if langs else None,
                               previous=Path(previous) if previous else None,
                               shard_pages=int(shard_pages) if shard_pages else None)
    indexed = time.perf_counter()
    search.write_offline_bundle(Path(site), langs.split(",") if langs else None,
                                previous=Path(previous) if previous else None)
    offline = Path(site) / search.BUNDLE_DIR / search.OFFLINE_DIR
    print(json.dumps({
        "index_seconds": indexed - started,
        "offline_seconds": time.perf_counter() - indexed,
        "seconds_per_language": report.seconds_per_language,
        "shards": {lang: len(names) for lang, names in report.shards.items()},
        "reindexed": len(report.reindexed),
        "pagefind_peak": report.peak_rss,
        "pages": report.pages,
        "bytes_per_language": report.bytes_per_language,
        "offline_bytes": sum(p.stat().st_size for p in offline.rglob("*") if p.is_file()),
    }))


def pages_of(site: Path, lang: str) -> int:
    """How many pages of `lang` carry data-pagefind-body."""
    return len(search.scan_site(site, [lang]).get(lang, ()))


def link_pages(site: Path, dest: Path) -> None:
    """A copy of the built site without its bundle, sharing the files (hard links)."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(site, dest, copy_function=os.link,
                    ignore=shutil.ignore_patterns(search.BUNDLE_DIR))


def edit_one_page(site: Path, lang: str) -> str:
    """Change one word of a mid-archive briefing page of `lang` (a new file, as a writer
    replaces it); its path."""
    pages = sorted((site / lang / "briefings").glob("*/index.html"))
    page = pages[len(pages) // 2]
    text = page.read_text(encoding="utf-8")
    page.unlink()  # the original is hard-linked to the built site: never write through it
    at = text.index("data-pagefind-body")
    cut = text.index("</p>", at)
    page.write_text(text[:cut] + " edited" + text[cut:], encoding="utf-8")
    return page.relative_to(site).as_posix()


def main() -> None:
    """Build if needed, run the scenarios, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--work", type=Path, default=Path("/tmp/nashra-search-scale"))
    parser.add_argument("--shard-pages", type=int, default=None)
    parser.add_argument("--whole", action="store_true", help="also one Pagefind over the site")
    args = parser.parse_args()
    site = args.project / "site"
    if not any(site.glob("*/briefings/*/index.html")):
        seconds, _, peak, _ = measured([sys.executable, "-m", "nashra", "build",
                                        "--project", str(args.project), "--no-search"])
        print(f"built {site} without search in {seconds:.1f} s, peak {peak / MB:.0f} MB")
    langs = sorted(search.scan_site(site))  # also checks the markup contract
    child = [sys.executable, __file__, "--child"]
    shard = str(args.shard_pages or "")
    first, second = args.work / "a", args.work / "b"
    rows = []

    link_pages(site, first)

    def scenario(name: str, folder: Path, lang: str = "", previous: str = "") -> None:
        """Run one scenario in a child process and keep its row."""
        seconds, cpu, peak, out = measured([*child, str(folder), lang, previous, shard])
        rows.append((name, seconds, cpu, peak, json.loads(out)))

    scenario("fresh", first)
    scenario("nochange", first)
    edited = edit_one_page(first, langs[0])
    scenario(f"one page ({edited}), langs=[{langs[0]}]", first, langs[0])
    link_pages(first, second)
    scenario("fresh folder, previous= the last one", second, previous=str(first))

    print(f"\n{platform.node()} · Python {platform.python_version()} · "
          f"Pagefind {search.PAGEFIND_VERSION} · load {os.getloadavg()[0]:.1f} · "
          f"shard_pages={args.shard_pages}")
    fresh = rows[0][-1]
    print("\n| language | pages | shards | index data MB | seconds (fresh) |")
    print("| --- | --- | --- | --- | --- |")
    for lang in langs:
        print(f"| {lang} | {pages_of(site, lang)} | {fresh['shards'].get(lang, 0)} | "
              f"{fresh['bytes_per_language'].get(lang, 0) / MB:.1f} | "
              f"{fresh['seconds_per_language'].get(lang, 0):.1f} |")
    print(f"\noffline bundle: {fresh['offline_bytes'] / MB:.1f} MB")
    print("\n| scenario | wall s | CPU s | index s | offline s | Pagefind runs "
          "| Pagefind peak MB | process tree peak MB |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, seconds, cpu, peak, stats in rows:
        print(f"| {name} | {seconds:.1f} | {cpu:.1f} | {stats['index_seconds']:.1f} | "
              f"{stats['offline_seconds']:.1f} | {stats['reindexed']} | "
              f"{stats['pagefind_peak'] / MB:.0f} | {peak / MB:.0f} |")
    if args.whole:
        out = args.work / "whole"
        shutil.rmtree(out, ignore_errors=True)
        seconds, cpu, peak, _ = measured([sys.executable, "-m", "pagefind", "--site", str(site),
                                          "--output-path", str(out), "--keep-index-url",
                                          "--quiet"])
        print(f"| one Pagefind over the whole site (before) | {seconds:.1f} | {cpu:.1f} | | "
              f"| 1 | {peak / MB:.0f} | {peak / MB:.0f} |")
    shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        index_once(*sys.argv[2:6])
    else:
        main()
