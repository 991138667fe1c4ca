"""Shared fixtures: a real Chromium, a page that fails its test on console errors, the site."""

from __future__ import annotations

import fnmatch
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from support import (
    REPO,
    ConsoleLog,
    browser_unavailable_reason,
    launch_chromium,
    must_fail_when_missing,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytest_plugins = ["pytester"]

# Top-level entries of the repo that are not part of the project a build reads.
_NOT_PROJECT = (
    ".git", ".ci", "node_modules", "tests", "benchmarks", "build", "site", "site.*",
    ".nashra-cache", ".pytest_cache", ".ruff_cache", ".hypothesis", "*.egg-info",
)

_skipped_browser: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker that lets one test accept named console errors."""
    config.addinivalue_line(
        "markers",
        "console_allow(*fragments): console errors containing one of these do not fail the test",
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say loudly, at the end, that browser tests did not run and how to make them run."""
    if _skipped_browser:
        terminalreporter.section("BROWSER TESTS DID NOT RUN", sep="!", red=True, bold=True)
        terminalreporter.write_line(_skipped_browser[0], red=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, started once; missing is a failure on CI and a loud skip elsewhere."""
    reason = browser_unavailable_reason()
    if reason is not None:
        if must_fail_when_missing():
            pytest.fail(f"CI=true but {reason}")
        _skipped_browser.append(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh page; the test fails if the page logged any console error or page error."""
    marker = request.node.get_closest_marker("console_allow")
    log = ConsoleLog(allow=tuple(marker.args) if marker else ())
    context = browser.new_context()
    new_page = context.new_page()
    log.attach(new_page)
    yield new_page
    context.close()
    if log.errors:
        pytest.fail(
            f"{len(log.errors)} console/page error(s):\n" + "\n".join(log.errors), pytrace=False
        )


def _outside_project(folder: str, names: list[str]) -> set[str]:
    """copytree filter: repo-level tooling and outputs, and caches at any depth."""
    skip = {n for n in names if n == "__pycache__"}
    if Path(folder) == REPO:
        skip |= {n for n in names if any(fnmatch.fnmatch(n, p) for p in _NOT_PROJECT)}
    return skip


@pytest.fixture(scope="session")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repo's default site, built once from a copy of the project (the repo stays clean)."""
    try:
        from nashra.build.pipeline import build
    except ImportError as error:
        raise ImportError(
            f"the site tests need nashra.build.pipeline.build(project, out, *, strict=False): {error}"
        ) from error
    project = tmp_path_factory.mktemp("project") / "nashra"
    shutil.copytree(REPO, project, ignore=_outside_project)
    out = tmp_path_factory.mktemp("default-site") / "site"
    build(project, out)
    assert (out / "index.html").is_file(), f"build() wrote no {out / 'index.html'}"
    return out
