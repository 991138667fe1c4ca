"""axe-core on every kind of page of the default site, in both languages: no serious or
critical WCAG 2.1 A/AA violation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from support import axe_check, format_violations, serious, serve

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LANGUAGES = ("ar", "en")

# Page kinds of the URL layout (DESIGN.md): kind → (glob under the site, required?).
# Globs with several matches are sampled at both ends of their sorted list.
KINDS = {
    "landing": ("index.html", True),
    "404": ("404.html", True),
    "home": ("{lang}/index.html", True),
    "archive": ("{lang}/archive/index.html", True),
    "archive-year": ("{lang}/archive/*/index.html", True),
    "briefing": ("{lang}/briefings/*/index.html", True),
    "entities": ("{lang}/entities/index.html", False),
    "entity": ("{lang}/entities/*/index.html", False),
    "events": ("{lang}/events/index.html", False),
    "event": ("{lang}/events/*/index.html", False),
    "timeline": ("{lang}/timeline/index.html", False),
    "timeline-year": ("{lang}/timeline/*/index.html", False),
    "map": ("{lang}/map/index.html", True),
    "search": ("{lang}/search/index.html", False),
}
CASES = [(kind, None) for kind, (glob, _) in KINDS.items() if "{lang}" not in glob] + [
    (kind, lang) for kind, (glob, _) in KINDS.items() if "{lang}" in glob for lang in LANGUAGES
]


def sample(site: Path, kind: str, lang: str | None) -> list[str]:
    """The first and last page of one kind (paths inside the site)."""
    glob, _ = KINDS[kind]
    found = sorted(site.glob(glob.format(lang=lang)))
    picked = dict.fromkeys([found[0], found[-1]]) if found else {}
    return [p.relative_to(site).as_posix() for p in picked]


@pytest.fixture(scope="module")
def base_url(default_site: Path) -> Iterator[str]:
    """The default site over http, as readers of the hosted site get it."""
    with serve(default_site) as base:
        yield base


@pytest.mark.parametrize(
    ("kind", "lang"), CASES, ids=[f"{kind}-{lang}" if lang else kind for kind, lang in CASES]
)
def test_no_serious_accessibility_violation(
    page: Page, default_site: Path, base_url: str, kind: str, lang: str | None
) -> None:
    paths = sample(default_site, kind, lang)
    if not paths:
        if KINDS[kind][1]:
            pytest.fail(f"the default site has no {kind} page ({KINDS[kind][0]})")
        pytest.skip(f"the default site has no {kind} pages")
    report = []
    for path in paths:
        page.goto(base_url + path, wait_until="load")
        found = serious(axe_check(page))
        if found:
            report.append(format_violations(found, where=f"{path}: "))
    assert report == [], "\n".join(report)
