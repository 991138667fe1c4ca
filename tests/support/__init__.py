"""Test helpers that prove the built site in real tools: a server, Chromium, Nu, axe."""

from .axe import WCAG_TAGS, axe_check, format_violations, serious
from .browser import (
    CHROMIUM_ARGS,
    ConsoleLog,
    browser_unavailable_reason,
    launch_chromium,
    must_fail_when_missing,
)
from .crawl import CrawlResult, Failure, PageInfo, classify, crawl
from .paths import AXE_JS, CHROMIUM, INSTALL_HINT, REPO, VNU_JAR
from .server import serve
from .vnu import format_messages, vnu_check

__all__ = [
    "AXE_JS",
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "INSTALL_HINT",
    "REPO",
    "VNU_JAR",
    "WCAG_TAGS",
    "ConsoleLog",
    "CrawlResult",
    "Failure",
    "PageInfo",
    "axe_check",
    "browser_unavailable_reason",
    "classify",
    "crawl",
    "format_messages",
    "format_violations",
    "launch_chromium",
    "must_fail_when_missing",
    "serious",
    "serve",
    "vnu_check",
]
