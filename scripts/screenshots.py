"""Screenshots of built pages in Chromium, desktop (1280) and phone (390), light or dark.

    python scripts/screenshots.py SITE OUT [--dark] PAGE...   (PAGE like ar/map/index.html)

Writes OUT/<page-with-dashes>-<width>[-dark].png, full page, from file:// (how readers of
a copied site see it).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

WIDTHS = (1280, 390)


def main(site: Path, out: Path, pages: list[str], dark: bool) -> None:
    """One full-page screenshot per page and width."""
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                     args=["--no-sandbox", "--disable-gpu"])
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900},
                                          color_scheme="dark" if dark else "light")
            page = context.new_page()
            for name in pages:
                page.goto((site / name).resolve().as_uri(), wait_until="load")
                stem = name.removesuffix("/index.html").replace("/", "-")
                page.screenshot(path=out / f"{stem}-{width}{'-dark' if dark else ''}.png",
                                full_page=True)
            context.close()
        browser.close()


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--dark"]
    main(Path(args[0]), Path(args[1]), args[2:], "--dark" in sys.argv)
