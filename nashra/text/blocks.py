"""Markdown bodies as aligned blocks, rendered to safe HTML."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Literal
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

BlockKind = Literal["heading", "paragraph", "list", "quote", "other"]
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})  # and relative URLs (no scheme)
# What a browser's URL parser drops before it reads the scheme (WHATWG URL: tabs and
# newlines anywhere, C0 controls and spaces at either end).
_TAB_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Control characters no page may hold (the file reader drops them already; bodies built
# in memory, by ingest for instance, pass here too). STX/ETX are Python-Markdown's own.
_UNSHOWABLE = re.compile(r"[\x00\x01\x04-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Python-Markdown's output holds only these; anything else is dropped by the sanitiser.
_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre",
         "code", "em", "strong", "a", "img", "hr", "br"}
_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}


def safe_url(value: str) -> str | None:
    """The URL a browser would follow, if its scheme is http(s), mailto or none; else None.

    Entities are decoded (repeatedly: `&amp;#106;` must not survive as `&#106;`) and the
    characters a browser ignores are removed *before* the scheme is read, so that
    `javascript&colon;`, `&#106;avascript:` and `jav&#x09;ascript:` are all refused.
    """
    for _ in range(8):
        decoded = html.unescape(value)
        if decoded == value:
            break
        value = decoded
    else:
        return None  # still decoding after 8 rounds: nobody writes such a URL in good faith
    value = _TAB_NEWLINE.sub("", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b"
                                             "\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16"
                                             "\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    if _CONTROL.search(value):
        return None
    scheme = _SCHEME.match(value)
    if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
        return None
    return value


@dataclass(frozen=True)
class Block:
    """One blank-line-separated block of a body: the unit the parallel view aligns."""

    source: str
    line: int  # 1-based line in the content file
    kind: BlockKind


def split_blocks(body: str, first_line: int = 1) -> tuple[Block, ...]:
    """Split a Markdown body at blank lines, keeping each block's line number."""
    blocks: list[Block] = []
    current: list[str] = []
    start = first_line
    for offset, line in enumerate([*body.splitlines(), ""]):
        if line.strip():
            if not current:
                start = first_line + offset
            current.append(line)
        elif current:
            text = "\n".join(current)
            blocks.append(Block(text, start, _kind(text)))
            current = []
    return tuple(blocks)


def _kind(text: str) -> BlockKind:
    if re.match(r"#{1,6}\s", text):
        return "heading"
    if re.match(r"(?:[-*+]|\d+[.)])\s", text):
        return "list"
    if text.startswith(">"):
        return "quote"
    return "paragraph"


class _SanitizeLinks(Treeprocessor):
    """Drops link and image targets with script-capable schemes (javascript:, data: …)."""

    def run(self, root: Element) -> None:
        for el in root.iter():
            for attr in ("href", "src"):
                value = el.get(attr)
                if value is None:
                    continue
                url = safe_url(value)
                if url is None:
                    del el.attrib[attr]
                else:  # what was checked is what the page says: no entity left to decode
                    el.set(attr, url)


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    # Raw HTML is escaped instead of passed through: no input can inject script into a page.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_SanitizeLinks(md), "sanitize_links", 0)
    return md


_MD = _markdown()
MAX_LINK_OPENERS = 200  # '[' in one block; a news paragraph has a handful at most
# A line indented more than 64 columns, or 16 quote / list markers deep.
_DEEP = re.compile(r"^[ \t]{65}|^(?:[ \t]*(?:>|[-*+]|\d+[.)])[ \t]+){16}", re.M)
# What can make Python-Markdown do more than wrap a block in <p>: an inline marker or a
# character it escapes or strips anywhere; a line that starts with white space or with what
# opens a heading, list, quote, rule or setext underline; white space ending a line (a hard
# break). Anything else is one plain paragraph.
_NOT_PLAIN = re.compile(r"[\\`*_\[\]<>&\t\r\x02\x03]|^[\s>+=#-]|^\d+[.)]|\s$", re.M)


def to_html(source: str) -> str:
    """Markdown -> HTML with raw HTML escaped and unsafe URLs removed."""
    source = _UNSHOWABLE.sub("", source)
    if source and _NOT_PLAIN.search(source) is None:
        # Nearly every news paragraph: the same bytes Python-Markdown gives (tests hold the
        # two together), without its ~0.8 ms per block.
        return f"<p>{source}</p>"
    return markdown_to_html(source)


def markdown_to_html(source: str) -> str:
    """to_html through Python-Markdown itself, for any source, then through nh3."""
    source = _UNSHOWABLE.sub("", source)
    if source.count("[") > MAX_LINK_OPENERS:
        # Python-Markdown looks for a link's end from every '[': 20,000 of them took 99 s.
        # So many are no links anyway; escaped, they are shown as text in linear time.
        source = source.replace("[", "\\[")
    _MD.reset()
    try:
        if _DEEP.search(source):
            # Python-Markdown's time grows steeply with nesting (3,000 ever deeper list
            # items took 7 minutes); no article nests that deep: shown as plain text.
            raise RecursionError
        converted = _MD.convert(source)
    except RecursionError:  # lists or quotes nested thousands deep: shown as plain text
        converted = f"<p>{html.escape(source, quote=False)}</p>"
    return sanitize(converted)


def sanitize(fragment: str) -> str:
    """HTML cut down by nh3 (Ammonia) to the tags, attributes and URL schemes a body may use.

    The check above is ours; this one is a maintained HTML parser's, which reads the
    markup as a browser does. Its serialiser writes U+00A0 as `&nbsp;`: put the character
    back so the bytes stay those of Python-Markdown (and of the plain-paragraph path).
    """
    cleaned = nh3.clean(fragment, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=SAFE_SCHEMES,
                        link_rel=None, strip_comments=True)
    return cleaned.replace("&nbsp;", "\xa0")

