"""Follow every internal link of a built site in a real browser and list what is broken."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urldefrag, urlsplit, urlunsplit
from urllib.request import url2pathname

if TYPE_CHECKING:
    from playwright.sync_api import Page, Request, Response, Route

PAGE_SUFFIXES = (".html", ".htm")
# URLs that name no file: nothing to fetch or check.
_INLINE = ("data", "blob", "about", "javascript")
_NOT_OURS = ("inline", "external")

# Everything in a page that names another URL. `a` entries are navigated to when they name
# a page; the rest are checked to exist. URLs are resolved by the browser (document.baseURI).
_COLLECT = r"""() => {
  const found = [];
  const add = (kind, value) => {
    if (value === null || value === undefined) return;
    value = String(value).trim();
    if (value === "") return;
    try { found.push([kind, new URL(value, document.baseURI).href]); }
    catch (e) { found.push(["bad", value]); }
  };
  const all = (selector) => Array.from(document.querySelectorAll(selector));
  all("a[href], area[href]").forEach((e) => add("a", e.getAttribute("href")));
  all("form[action]").forEach((e) => add("a", e.getAttribute("action")));
  all("link[href]").forEach((e) => {
    const rel = (e.getAttribute("rel") || "").toLowerCase().split(/\s+/);
    const page = rel.includes("alternate") && /html/.test(e.getAttribute("type") || "html");
    add(page ? "a" : "res", e.getAttribute("href"));
  });
  all("meta[http-equiv]").forEach((e) => {
    if (e.getAttribute("http-equiv").toLowerCase() !== "refresh") return;
    const m = /url\s*=\s*['"]?([^'"]+)/i.exec(e.getAttribute("content") || "");
    if (m) add("a", m[1]);
  });
  const srcs = "img[src], script[src], source[src], iframe[src], embed[src], video[src]," +
               "audio[src], track[src], input[type=image][src], video[poster]";
  all(srcs).forEach((e) => add("res", e.getAttribute("src") || e.getAttribute("poster")));
  all("object[data]").forEach((e) => add("res", e.getAttribute("data")));
  all("img[srcset], source[srcset]").forEach((e) =>
    e.getAttribute("srcset").split(",").forEach((c) => add("res", c.trim().split(/\s+/)[0])));
  const ids = all("[id]").map((e) => e.id).concat(all("a[name]").map((e) => e.name));
  const root = document.documentElement;
  return {links: found, ids: ids, lang: root.getAttribute("lang"),
          dir: root.getAttribute("dir"), title: document.title};
}"""


@dataclass(frozen=True)
class Failure:
    """A URL that did not load, why, and the page that named it ('' for a start URL)."""

    url: str
    reason: str
    found_on: str


@dataclass(frozen=True)
class PageInfo:
    """One page loaded in the browser: its final URL and the <html> attributes that matter."""

    url: str
    lang: str | None
    dir: str | None
    title: str


@dataclass(frozen=True)
class CrawlResult:
    """Everything one crawl saw."""

    pages: tuple[PageInfo, ...]
    resources: tuple[str, ...]
    failures: tuple[Failure, ...]
    external: tuple[str, ...]

    def report(self) -> str:
        """The failures, one per line, for an assertion message."""
        return "\n".join(f"{f.url}\n    {f.reason}\n    linked from {f.found_on or '(start)'}"
                         for f in self.failures)


@dataclass
class _State:
    """The mutable bookkeeping of one crawl."""

    root: str
    queue: deque[tuple[str, str]] = field(default_factory=deque)
    seen: set[str] = field(default_factory=set)
    pages: dict[str, PageInfo] = field(default_factory=dict)
    ids: dict[str, set[str]] = field(default_factory=dict)
    resources: set[str] = field(default_factory=set)
    failures: dict[str, Failure] = field(default_factory=dict)
    external: set[str] = field(default_factory=set)
    anchors: list[tuple[str, str]] = field(default_factory=list)
    current: str = ""

    def fail(self, url: str, reason: str, found_on: str) -> None:
        """Record the first failure of `url`."""
        self.failures.setdefault(url, Failure(url, reason, found_on))


def crawl(
    page: Page,
    start_url: str | Iterable[str],
    *,
    same_root: str,
    max_pages: int = 50_000,
) -> CrawlResult:
    """Load every page reachable from `start_url` (one or several) under `same_root`."""
    root = same_root if same_root.endswith("/") else same_root + "/"
    state = _State(root=root)
    starts = [start_url] if isinstance(start_url, str) else list(start_url)
    for url in starts:
        _visit(state, page, "a", url, "")
    guard = _attach(state, page)
    try:
        while state.queue:
            url, found_on = state.queue.popleft()
            if len(state.pages) >= max_pages:
                state.fail(url, f"not loaded: the crawl stopped at {max_pages} pages", found_on)
                break
            _load(state, page, url, found_on)
    finally:
        guard()
    _check_anchors(state)
    return CrawlResult(
        pages=tuple(state.pages[k] for k in sorted(state.pages)),
        resources=tuple(sorted(state.resources)),
        failures=tuple(state.failures[k] for k in sorted(state.failures)),
        external=tuple(sorted(state.external)),
    )


def classify(url: str, root: str) -> str:
    """'inline', 'external', 'outside', 'directory', 'page' or 'resource' for an absolute URL."""
    parts = urlsplit(url)
    base = urlsplit(root)
    if parts.scheme in _INLINE:
        return "inline"
    if parts.scheme not in ("http", "https", "file"):
        return "external"
    if parts.scheme == "file" and base.scheme != "file":
        return "outside"
    if parts.scheme != base.scheme or parts.netloc != base.netloc:
        return "external"
    if not _strip(url).startswith(root):
        return "outside"
    name = unquote(parts.path).rsplit("/", 1)[-1]
    if name == "" or "." not in name:
        return "directory"
    return "page" if name.lower().endswith(PAGE_SUFFIXES) else "resource"


def _strip(url: str) -> str:
    """The URL without query and fragment: the identity of the file it names."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def _visit(state: _State, page: Page, kind: str, url: str, found_on: str) -> None:
    """Decide what to do with one URL named by `found_on`."""
    if kind == "bad":
        state.fail(url, "not a valid URL", found_on)
        return
    target, fragment = urldefrag(url)
    where = classify(url, state.root)
    if where == "inline":
        return
    if where == "external":
        state.external.add(url)
        return
    key = _strip(target)
    if kind == "a" and fragment and fragment.lower() != "top":
        state.anchors.append((url, found_on))
    if key in state.seen:
        return
    state.seen.add(key)
    if where == "outside":
        state.fail(key, f"points outside the site root {state.root}", found_on)
    elif where == "directory":
        state.fail(key, "links to a directory, not a file: over file:// that shows a folder "
                   "listing (name the index.html)", found_on)
    elif kind == "a" and where == "page":
        state.queue.append((target, found_on))
    else:
        state.resources.add(key)
        _check_resource(state, page, key, found_on)


def _check_resource(state: _State, page: Page, url: str, found_on: str) -> None:
    """A non-page URL must exist: on disk over file://, with a status below 400 over http."""
    if url.startswith("file:"):
        if not _local_path(url).is_file():
            state.fail(url, "no such file", found_on)
        return
    response = page.context.request.get(url, fail_on_status_code=False, max_redirects=5)
    if response.status >= 400:
        state.fail(url, f"HTTP {response.status}", found_on)
    response.dispose()


def _load(state: _State, page: Page, url: str, found_on: str) -> None:
    """Open one page in the browser, record it, and queue what it links to."""
    from playwright.sync_api import Error as PlaywrightError

    if url.startswith("file:") and not _local_path(url).is_file():
        state.fail(_strip(url), "no such file", found_on)
        return
    state.current = url
    try:
        response = page.goto(url, wait_until="load")
    except PlaywrightError as error:
        state.fail(_strip(url), str(error).splitlines()[0], found_on)
        return
    if response is not None and response.status >= 400:
        state.fail(_strip(url), f"HTTP {response.status}", found_on)
        return
    try:
        seen = page.evaluate(_COLLECT)
    except PlaywrightError:
        # The page navigated on by itself (a script or meta refresh): read where it landed.
        page.wait_for_load_state("load")
        seen = page.evaluate(_COLLECT)
    final = page.url
    key = _strip(final)
    state.seen.add(key)
    if classify(final, state.root) == "outside":
        state.fail(key, f"{url} went to a page outside the site root", found_on)
        return
    state.pages[key] = PageInfo(final, seen["lang"], seen["dir"], seen["title"])
    state.ids[key] = set(seen["ids"])
    for kind, link in seen["links"]:
        _visit(state, page, kind, link, final)


def _attach(state: _State, page: Page) -> Callable[[], None]:
    """Watch the browser's own requests; block external ones. Returns the undo function."""

    # Navigations are judged by _load, which knows the page that linked there.
    def on_response(response: Response) -> None:
        if response.request.is_navigation_request():
            return
        if response.status >= 400 and classify(response.url, state.root) not in _NOT_OURS:
            state.fail(_strip(response.url), f"HTTP {response.status} (browser)", state.current)

    def on_failed(request: Request) -> None:
        reason = request.failure or "failed"
        # An aborted request is the browser leaving the page, not a broken link.
        if request.is_navigation_request() or "ERR_ABORTED" in reason:
            return
        if "ERR_FILE_NOT_FOUND" in reason:
            reason = "no such file"
        if classify(request.url, state.root) not in _NOT_OURS:
            state.fail(_strip(request.url), f"{reason} (browser)", state.current)

    def on_request(request: Request) -> None:
        if not request.is_navigation_request() and classify(request.url, state.root) == "external":
            state.external.add(request.url)
            state.fail(request.url, "the page loads an external resource (offline readers "
                       "cannot)", state.current)

    # Routing keeps the test off the network where Playwright can intercept (pages over
    # http); from file:// pages on_request still reports the attempt.
    def on_route(route: Route) -> None:
        if classify(route.request.url, state.root) == "external":
            route.abort()
        else:
            route.continue_()

    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    page.on("request", on_request)
    page.route("**/*", on_route)

    def undo() -> None:
        page.remove_listener("response", on_response)
        page.remove_listener("requestfailed", on_failed)
        page.remove_listener("request", on_request)
        page.unroute("**/*", on_route)

    return undo


def _check_anchors(state: _State) -> None:
    """A link to page#id must find that id on the page (checked only for pages that loaded)."""
    for url, found_on in state.anchors:
        target, fragment = urldefrag(url)
        ids = state.ids.get(_strip(target))
        if ids is not None and unquote(fragment) not in ids:
            state.fail(url, f"no element with id {unquote(fragment)!r} on the page", found_on)


def _local_path(url: str) -> Path:
    """The file a file:// URL names."""
    return Path(url2pathname(urlsplit(url).path))
