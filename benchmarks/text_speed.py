"""Speed of the text stages: normalisation with offset maps, date finding, entity matching.

    python benchmarks/text_speed.py

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

from nashra.arabic import normalize_with_map  # noqa: E402
from nashra.build import load_stage  # noqa: E402
from nashra.dates import find_dates  # noqa: E402
from nashra.linking import Gazetteer  # noqa: E402

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
    seconds = cpu(lambda: [normalize_with_map(article) for _ in range(copies)])
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


if __name__ == "__main__":
    main()
