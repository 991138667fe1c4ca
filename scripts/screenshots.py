"""Screenshots of a built site for docs/screenshots/ (a one-off, not part of the build).

    python -m nashra build --out /tmp/site && python scripts/screenshots.py /tmp/site

Takes a briefing, an entity, a place, the map, the timeline and a year of it in both
languages on a 1280 px desktop and a 390 px phone, over file:// so the pictures show
exactly what a reader opening the folder sees.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}
PAGES = {"briefing": "{lang}/briefings/2024-06-putin-pyongyang-pact-revenge-on-west/index.html",
         "entity": "{lang}/entities/vladimir-putin/index.html",
         "place": "{lang}/entities/pyongyang/index.html",
         "map": "{lang}/map/index.html",
         "timeline": "{lang}/timeline/index.html",
         "timeline-year": "{lang}/timeline/2024/index.html"}


def main(site: Path, out: Path = OUT, full: bool = False) -> None:
    """Save <kind>-<lang>-<viewport>.png for every page kind, language and viewport."""
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for name, (width, height) in VIEWPORTS.items():
            context = browser.new_context(viewport={"width": width, "height": height},
                                          device_scale_factor=1)
            page = context.new_page()
            for kind, pattern in PAGES.items():
                for lang in ("ar", "en"):
                    page.goto((site / pattern.format(lang=lang)).as_uri())
                    page.evaluate("document.fonts.ready")
                    page.screenshot(path=str(out / f"{kind}-{lang}-{name}.png"), full_page=full)
            context.close()
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else OUT,
         full="--full" in sys.argv)
