"""Speed of the text stages: normalisation with offset maps, date finding, entity matching,
and the whole link stage per briefing.

    python benchmarks/text_speed.py [PROJECT]

PROJECT (default: this repository) is the archive the link stage is timed on, e.g. one
written by `python benchmarks/generate.py 1000 /tmp/n1k`. Its text caches are cleared before
each briefing: the synthetic archives repeat paragraphs, and a real archive would not hit
them across briefings.

Figures for the notes, never assertions in tests (the machine's load varies). Targets:
normalise ~10 MB with the map in ~2 s; no input shape makes date finding slow.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nashra.build.pipeline import load_stage  # noqa: E402
from nashra.link import gazetteer as linking  # noqa: E402
from nashra.link.briefing import build_matchers, link_one  # noqa: E402
from nashra.link.gazetteer import Gazetteer  # noqa: E402
from nashra.link.related import related_briefings  # noqa: E402
from nashra.text import arabic  # noqa: E402
from nashra.text.arabic import normalize_with_map  # noqa: E402
from nashra.text.dates import find_dates  # noqa: E402

DEGENERATE = {
    "month-chain": "يناير - " * 5000 + "2024", "spaces": " " * 100_000, "numbers": "1 " * 20_000,
    "cues": "في " * 10_000 + "2024", "tatweel": "ـ" * 50_000, "digits": "١" * 50_000,
    "days": "19 " * 10_000 + "يونيو 2024", "pairs": "يونيو/" * 10_000 + "الماضي",
    "parens": "(" * 20_000 + "2024" + ")" * 20_000,
}


def cpu(func: Callable[[], object]) -> float:
    """CPU seconds of one call (other jobs on the machine do not count)."""
    begin = time.process_time()
    func()
    return time.process_time() - begin


def main() -> None:
    """Print the figures."""
    article = "\n".join(p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    copies = 10_000_000 // len(article) + 1
    uncached = normalize_with_map.__wrapped__  # the same text again would hit the cache
    seconds = cpu(lambda: [uncached(article) for _ in range(copies)])
    print(f"normalize_with_map: {len(article) * copies / 1e6:.1f} MB in {seconds:.2f} s CPU")
    text = article * 10
    seconds = cpu(lambda: find_dates(text, "ar", dt.date(2024, 6, 20)))
    print(f"find_dates: {len(text) / 1000:.0f}k chars in {seconds * 1000:.0f} ms CPU")
    for name, degenerate in DEGENERATE.items():
        seconds = cpu(lambda d=degenerate: find_dates(d, "ar", dt.date(2024, 6, 20)))
        print(f"find_dates degenerate {name:12}: {seconds * 1000:7.1f} ms CPU")
    archive, _ = load_stage(ROOT)
    gazetteer = Gazetteer.build(archive.entities)
    seconds = cpu(lambda: [gazetteer.find(b.body, "ar") for b in archive.briefings])
    print(f"Gazetteer.find: {len(archive.briefings)} articles in {seconds * 1000:.1f} ms CPU")
    link_stage(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT)


def link_stage(project: Path) -> None:
    """CPU per briefing of link_one (best of three runs), and of related_briefings."""
    archive, _ = load_stage(project)
    translations = {t.slug: t for t in archive.translations}
    events = {ev.id: ev for ev in archive.events}
    matchers = build_matchers(archive)
    caches = (linking.Gazetteer._first_pass, linking._Scan.of, arabic.normalize_with_map)

    def run() -> dict[str, object]:
        out = {}
        for b in archive.briefings:
            for cache in caches:
                cache.cache_clear()
            out[b.slug] = link_one(b, translations.get(b.slug), matchers, events,
                                   archive.config.link_adjectives).record
        return out

    n = len(archive.briefings)
    seconds = min(cpu(run) for _ in range(3))
    print(f"link_one: {seconds * 1000 / n:.2f} ms CPU per briefing ({n} briefings)")
    linked = run()
    dates = {b.slug: b.date for b in archive.briefings}
    seconds = cpu(lambda: related_briefings(linked, dates))
    print(f"related_briefings: {n} briefings in {seconds * 1000:.0f} ms CPU")


if __name__ == "__main__":
    main()
