"""The site's URL layout and relative links between output paths."""

from __future__ import annotations

INDEX = "index.html"


def page(*parts: str) -> str:
    """Output path of a page folder: page('en', 'archive') -> en/archive/index.html."""
    return "/".join([*parts, INDEX])


def home(lang: str) -> str:
    """The home page of one language."""
    return page(lang)


def briefing(lang: str, slug: str) -> str:
    """A briefing page."""
    return page(lang, "briefings", slug)


def entity(lang: str, ident: str) -> str:
    """An entity page."""
    return page(lang, "entities", ident)


def event(lang: str, ident: str) -> str:
    """An event page."""
    return page(lang, "events", ident)


def section(lang: str, name: str) -> str:
    """A section index: archive, entities, timeline, search."""
    return page(lang, name)


def root_prefix(from_path: str) -> str:
    """Relative prefix from an output file to the site root ('' at the root, '../' one down)."""
    return "../" * from_path.count("/")


def relative(from_path: str, to_path: str) -> str:
    """Relative URL from one output file to another (always names the file)."""
    # posixpath.relpath is correct but ~10x slower; a site links tens of thousands of times.
    src = from_path.split("/")[:-1]
    dst = to_path.split("/")
    common = 0
    while common < len(src) and common < len(dst) - 1 and src[common] == dst[common]:
        common += 1
    return "../" * (len(src) - common) + "/".join(dst[common:])


def absolute(base_url: str, path: str) -> str:
    """Canonical absolute URL of an output file; folders are named without index.html."""
    if path == INDEX:
        return base_url
    if path.endswith("/" + INDEX):
        path = path[: -len(INDEX)]
    return base_url + path
