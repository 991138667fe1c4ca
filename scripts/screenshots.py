"""Screenshots of built pages in Chromium, desktop (1280) and phone (390), light or dark.

    python scripts/screenshots.py SITE OUT [--dark] [--full] PAGE...   (PAGE: ar/map/index.html)

Writes OUT/<page-with-dashes>-<width>[-dark].png from file:// (how readers of a copied site
see it): the first screenful, or the whole page with --full.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

WIDTHS = (1280, 390)


def main(site: Path, out: Path, pages: list[str], dark: bool, full: bool) -> None:
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
                                full_page=full)
            context.close()
        browser.close()


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a not in ("--dark", "--full")]
    main(Path(args[0]), Path(args[1]), args[2:], "--dark" in sys.argv, "--full" in sys.argv)
