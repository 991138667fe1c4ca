"""The default site is valid: every page by the Nu checker, its XML well-formed, feeds Atom."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from support import format_messages, vnu_check

pytestmark = pytest.mark.slow

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
# RFC 3339 date-time, as Atom requires for <updated>.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
LANGUAGES = ("ar", "en")
NOINDEX = re.compile(r"<meta\s[^>]*name=[\"']?robots[^>]*noindex", re.I)


def ours(site: Path, pattern: str) -> list[Path]:
    """Files of the site matching `pattern`, leaving out the third-party Pagefind bundle."""
    return sorted(p for p in site.rglob(pattern) if "pagefind" not in p.relative_to(site).parts)


@pytest.fixture(scope="module")
def checked(default_site: Path) -> tuple[list[Path], list[dict]]:
    """One Nu checker run over every HTML page and the site's own CSS and SVG."""
    pages = sorted(default_site.rglob("*.html"))
    files = pages + ours(default_site, "*.css") + ours(default_site, "*.svg")
    return pages, vnu_check(files, css=True, svg=True)


def test_every_html_page_is_valid(
    default_site: Path, checked: tuple[list[Path], list[dict]]
) -> None:
    pages, messages = checked
    names = {p.relative_to(default_site).as_posix() for p in pages}
    assert {"index.html", "404.html", "ar/index.html", "en/index.html"} <= names
    html = [m for m in messages if m["file"].endswith((".html", ".htm"))]
    assert html == [], (
        f"{len(html)} Nu checker error(s) in {len({m['file'] for m in html})} of "
        f"{len(pages)} pages:\n{format_messages(html, default_site)}"
    )


def test_own_css_and_svg_are_valid(
    default_site: Path, checked: tuple[list[Path], list[dict]]
) -> None:
    assert ours(default_site, "*.css"), "the site has no CSS of its own"
    _, messages = checked
    other = [m for m in messages if not m["file"].endswith((".html", ".htm"))]
    assert other == [], format_messages(other, default_site)


def local_file(site: Path, base: str, url: str) -> Path:
    """The file of the site an absolute URL under `base` names (folders mean index.html)."""
    assert url.startswith(base), f"{url} is not under the site's base URL {base}"
    path = url[len(base):].split("#", 1)[0].split("?", 1)[0]
    if path == "" or path.endswith("/"):
        path += "index.html"
    return site / path


def site_base(urls: list[str]) -> str:
    """The base URL that all of `urls` share, up to and including its last '/'."""
    first, last = min(urls), max(urls)
    pairs = enumerate(zip(first, last, strict=False))
    size = next((i for i, (a, b) in pairs if a != b), len(first))
    prefix = first[:size]
    return prefix[: prefix.rfind("/") + 1]


def test_sitemap_is_wellformed_and_names_real_pages(default_site: Path) -> None:
    root = ET.parse(default_site / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    locs = [(u.findtext(f"{SITEMAP}loc") or "").strip() for u in root.findall(f"{SITEMAP}url")]
    assert locs and all(re.match(r"^https?://[^/]+/", loc) for loc in locs), locs[:5]
    assert len(set(locs)) == len(locs), "a page is listed twice"
    alternates = [link for link in root.iter(f"{XHTML}link")]
    hrefs = [link.get("href", "") for link in alternates]
    base = site_base(locs + hrefs)
    missing = [u for u in locs + hrefs if not local_file(default_site, base, u).is_file()]
    assert missing == [], f"sitemap URLs with no page in the site (base {base}):\n" + "\n".join(
        missing)
    assert {link.get("hreflang") for link in alternates} <= {*LANGUAGES, "x-default"}
    # Every page of both languages that robots may index is listed, so search engines find it.
    listed = {local_file(default_site, base, u) for u in locs}
    pages = [p for lang in LANGUAGES for p in ours(default_site / lang, "*.html")]
    unlisted = [str(p.relative_to(default_site)) for p in pages
                if p not in listed and not NOINDEX.search(p.read_text(encoding="utf-8"))]
    assert unlisted == [], "pages missing from the sitemap:\n" + "\n".join(unlisted)


def feeds(site: Path) -> list[Path]:
    """Every XML file of the site except the sitemap."""
    return [p for p in ours(site, "*.xml") if p.name != "sitemap.xml"]


def test_each_language_has_a_feed(default_site: Path) -> None:
    names = {p.relative_to(default_site).as_posix() for p in feeds(default_site)}
    assert {f"{lang}/feed.xml" for lang in LANGUAGES} <= names


def test_feeds_are_wellformed_atom(default_site: Path) -> None:
    problems: list[str] = []
    assert feeds(default_site), "the site has no feed"
    for path in feeds(default_site):
        name = path.relative_to(default_site).as_posix()
        feed = ET.parse(path).getroot()
        if feed.tag != f"{ATOM}feed":
            problems.append(f"{name}: root is {feed.tag}, not an Atom feed")
            continue
        problems += [f"{name}: {p}" for p in atom_problems(feed)]
    assert problems == [], "\n".join(problems)


def atom_problems(feed: ET.Element) -> list[str]:
    """What RFC 4287 requires of a feed and its entries, as far as ElementTree can tell."""
    problems = [f"feed has no <{tag}>" for tag in ("id", "title", "updated")
                if not (feed.findtext(f"{ATOM}{tag}") or "").strip()]
    problems += timestamp_problems(feed, "feed")
    entries = feed.findall(f"{ATOM}entry")
    if not entries:
        problems.append("feed has no entries")
    feed_author = feed.find(f"{ATOM}author") is not None
    ids = []
    for number, entry in enumerate(entries, 1):
        where = f"entry {number}"
        problems += [f"{where} has no <{tag}>" for tag in ("id", "title", "updated")
                     if not (entry.findtext(f"{ATOM}{tag}") or "").strip()]
        problems += timestamp_problems(entry, where)
        links = [link.get("href") for link in entry.findall(f"{ATOM}link")]
        if not any(links):
            problems.append(f"{where} has no <link href>")
        if not feed_author and entry.find(f"{ATOM}author/{ATOM}name") is None:
            problems.append(f"{where} has no author and the feed has none either")
        ids.append(entry.findtext(f"{ATOM}id"))
    if len(set(ids)) != len(ids):
        problems.append("two entries share an <id>")
    return problems


def timestamp_problems(element: ET.Element, where: str) -> list[str]:
    """Atom dates must be RFC 3339 date-times."""
    return [f"{where} <{tag}> {value!r} is not an RFC 3339 date-time"
            for tag in ("updated", "published")
            if (value := element.findtext(f"{ATOM}{tag}")) is not None
            and not RFC3339.match(value.strip())]


@pytest.mark.parametrize(
    ("text", "ok"),
    [("2024-06-19T00:00:00Z", True), ("2024-06-19T10:30:00+03:00", True),
     ("2024-06-19", False), ("19 June 2024", False), ("2024-06-19T10:30:00", False)],
)
def test_rfc3339_check_itself(text: str, ok: bool) -> None:
    assert bool(RFC3339.match(text)) is ok


_ENTRY = ("<entry><title>t</title><id>urn:e{n}</id><updated>2024-06-19T00:00:00Z</updated>"
          '<link href="https://x.example/{n}"/>{author}</entry>')
_AUTHOR = "<author><name>Desk</name></author>"


def atom(head: str = "<id>urn:f</id><title>f</title><updated>2024-06-19T00:00:00Z</updated>",
         entries: str | None = None) -> ET.Element:
    """A small Atom feed for checking the checker."""
    if entries is None:
        entries = _ENTRY.format(n=1, author=_AUTHOR) + _ENTRY.format(n=2, author=_AUTHOR)
    return ET.fromstring(f'<feed xmlns="http://www.w3.org/2005/Atom">{head}{entries}</feed>')


@pytest.mark.parametrize(
    ("feed", "problem"),
    [
        (atom(), None),
        (atom(head="<title>f</title><updated>2024-06-19T00:00:00Z</updated>"), "no <id>"),
        (atom(head="<id>urn:f</id><title>f</title><updated>June 2024</updated>"), "RFC 3339"),
        (atom(entries=""), "no entries"),
        (atom(entries=_ENTRY.format(n=1, author="")), "no author"),
        (atom(entries=_ENTRY.format(n=1, author=_AUTHOR) * 2), "share an <id>"),
        (atom(entries=_ENTRY.format(n=1, author=_AUTHOR).replace(
            '<link href="https://x.example/1"/>', "")), "no <link href>"),
    ],
)
def test_atom_check_itself(feed: ET.Element, problem: str | None) -> None:
    problems = atom_problems(feed)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


@pytest.mark.parametrize(
    ("urls", "base"),
    [
        (["https://n.example/", "https://n.example/ar/", "https://n.example/en/x/"],
         "https://n.example/"),
        (["https://n.example/sub/ar/", "https://n.example/sub/en/"], "https://n.example/sub/"),
        (["https://n.example/sub/archive/", "https://n.example/sub/ar/"],
         "https://n.example/sub/"),
    ],
)
def test_site_base_is_the_shared_folder(urls: list[str], base: str) -> None:
    assert site_base(urls) == base
    assert local_file(Path("/s"), base, urls[-1]).name == "index.html"
