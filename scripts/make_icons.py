"""Re-draw the theme's PNG icons from its SVG logo with Chromium (a one-off, not the build).

    python scripts/make_icons.py

Writes nashra/theme/assets/img/icon-{32,180,512}.png: the favicon for browsers without SVG
icons, the touch icon, and the picture that Open Graph and Twitter cards show.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

IMG = Path(__file__).resolve().parent.parent / "nashra" / "theme" / "assets" / "img"
SIZES = (32, 180, 512)


def main() -> None:
    """Screenshot the SVG at each size with a transparent background."""
    svg = (IMG / "logo.svg").read_text(encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for size in SIZES:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(f"<style>html,body{{margin:0;background:transparent}}"
                             f"svg{{display:block;width:{size}px;height:{size}px}}</style>{svg}")
            page.screenshot(path=str(IMG / f"icon-{size}.png"), omit_background=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
