"""Debian's Chromium driven by Playwright, and a recorder of what a page logs as an error."""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .paths import CHROMIUM, INSTALL_HINT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright

# As root Chromium needs --no-sandbox; the rest stop it from reaching for Google's hosts,
# which this machine's closed network refuses many times over at every start.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def launch_chromium(playwright: Playwright) -> Browser:
    """Start Debian's headless Chromium (Playwright cannot download its own here)."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), headless=True
    )


def browser_unavailable_reason(
    chromium: Path = CHROMIUM, *, playwright_installed: bool | None = None
) -> str | None:
    """Why browser tests cannot run here, or None when they can."""
    if playwright_installed is None:
        playwright_installed = importlib.util.find_spec("playwright") is not None
    missing = []
    if not chromium.exists():
        missing.append(f"{chromium} (apt-get install chromium)")
    if not playwright_installed:
        missing.append("python playwright (pip install -e '.[test]')")
    if not missing:
        return None
    return f"browser tests need {' and '.join(missing)}; {INSTALL_HINT}"


def must_fail_when_missing(environ: dict[str, str] | None = None) -> bool:
    """True on CI, where a missing browser is a broken install rather than a local choice."""
    env = os.environ if environ is None else environ
    return env.get("CI") == "true"


@dataclass
class ConsoleLog:
    """Console errors and uncaught page errors seen on one page, with the URL they came from."""

    allow: tuple[str, ...] = ()
    errors: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> ConsoleLog:
        """Start recording on `page`."""
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self._record(f"page error at {page.url}: {error}"))
        return self

    def _console(self, page: Page, message: ConsoleMessage) -> None:
        """Keep console messages of type error."""
        if message.type != "error":
            return
        where = message.location.get("url") or page.url
        # Chromium asks every http origin for /favicon.ico by itself, once per browser,
        # whether or not a page names an icon: that 404 says nothing about the page. An
        # icon a page does declare is checked by crawl() like any other resource.
        if urlsplit(where).path == "/favicon.ico":
            return
        self._record(f"console error at {where}: {message.text}")

    def _record(self, text: str) -> None:
        """Keep `text` unless an allow-listed fragment occurs in it."""
        if not any(fragment in text for fragment in self.allow):
            self.errors.append(text)
