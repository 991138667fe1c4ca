"""Lighthouse (npm, run with Debian's Chromium against the site on localhost): the home,
a briefing, an entity and the search page score at least 95 in every category."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import CHROMIUM, serve
from support.paths import INSTALL_HINT, LIGHTHOUSE

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MINIMUM = 0.95
# Lighthouse's own advice: scores vary between runs on a busy machine, so judge a page by
# its best of a few runs (performance especially: the simulated timings scale with CPU).
RUNS = 3
PAGES = {"home": "{lang}/index.html",
         "briefing": "{lang}/briefings/2024-06-putin-pyongyang-pact-revenge-on-west/index.html",
         "entity": "{lang}/entities/vladimir-putin/index.html",
         "search": "{lang}/search/index.html"}


@pytest.fixture(scope="module")
def base_url(default_site: Path) -> Iterator[str]:
    """The default site over http, as Lighthouse audits hosted pages."""
    if not LIGHTHOUSE.exists():
        pytest.fail(f"{LIGHTHOUSE} is missing; {INSTALL_HINT}")
    with serve(default_site) as base:
        yield base


def lighthouse(url: str, report: Path) -> dict[str, float]:
    """One Lighthouse run (its default mobile profile, simulated throttling): scores by category."""
    flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", f"--chrome-flags={flags}", "--output=json",
         f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}"],
        check=True, timeout=240, env={**os.environ, "CHROME_PATH": str(CHROMIUM)})
    found = json.loads(report.read_text(encoding="utf-8"))
    return {name: found["categories"][name]["score"] for name in CATEGORIES}


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_lighthouse_scores(base_url: str, tmp_path: Path, kind: str, lang: str) -> None:
    best: dict[str, float] = {}
    for run in range(RUNS):
        scores = lighthouse(base_url + PAGES[kind].format(lang=lang), tmp_path / f"{run}.json")
        best = {name: max(best.get(name, 0), scores[name] or 0) for name in CATEGORIES}
        print(f"lighthouse {kind} {lang} run {run + 1}: {scores}")  # the table, with -s
        if min(best.values()) >= MINIMUM:
            break
    low = {name: score for name, score in best.items() if score < MINIMUM}
    assert low == {}, f"{kind} ({lang}), best of {run + 1} runs: {best}"
