"""Insert entity links and <time> marks into the text nodes of rendered HTML blocks."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

TAG = re.compile(r"(<[^>]*>)")
OPEN = re.compile(r"<\s*([a-zA-Z][a-zA-Z0-9]*)")
CLOSE = re.compile(r"<\s*/\s*([a-zA-Z][a-zA-Z0-9]*)")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass(frozen=True)
class Node:
    """A text node of a block, located in the block's plain text."""

    index: int  # position among the split segments
    start: int
    end: int
    in_link: bool
    in_heading: bool


@dataclass(frozen=True)
class ParsedBlock:
    """A block's HTML split into tags and text nodes, with its plain text."""

    segments: tuple[str, ...]  # alternating text / tag, as TAG.split gives them
    text: str  # the unescaped text of every text node, concatenated
    nodes: tuple[Node, ...]

    def node_at(self, start: int, end: int) -> Node | None:
        """The one text node holding [start, end), or None if the span crosses nodes."""
        for node in self.nodes:
            if node.start <= start and end <= node.end:
                return node
        return None


@dataclass(frozen=True)
class Mark:
    """Markup to wrap around text[start:end]: an opening and closing tag."""

    start: int
    end: int
    open: str
    close: str


def parse_block(block_html: str) -> ParsedBlock:
    """Split HTML into text nodes (with link and heading context) and tags."""
    if block_html.startswith("<p>") and block_html.endswith("</p>"):
        inner = block_html[3:-4]
        if "<" not in inner and "&" not in inner:
            # A plain paragraph (most blocks): what the general case below gives it.
            end = len(inner)
            return ParsedBlock(("", "<p>", inner, "</p>", ""), inner, (
                Node(0, 0, 0, False, False), Node(2, 0, end, False, False),
                Node(4, end, end, False, False)))
    segments = TAG.split(block_html)
    nodes: list[Node] = []
    parts: list[str] = []
    pos = 0
    stack: list[str] = []
    for i, seg in enumerate(segments):
        if i % 2:  # a tag
            if m := CLOSE.match(seg):
                name = m.group(1).lower()
                if name in stack:
                    del stack[len(stack) - 1 - stack[::-1].index(name):]
            elif (m := OPEN.match(seg)) and not seg.endswith("/>"):
                name = m.group(1).lower()
                if name not in {"br", "img", "hr", "wbr"}:
                    stack.append(name)
            continue
        text = html.unescape(seg)
        nodes.append(Node(i, pos, pos + len(text), "a" in stack, bool(HEADINGS & set(stack))))
        parts.append(text)
        pos += len(text)
    return ParsedBlock(tuple(segments), "".join(parts), tuple(nodes))


def render_block(parsed: ParsedBlock, marks: Sequence[Mark]) -> str:
    """The block's HTML with `marks` inserted; marks must not overlap or cross nodes."""
    by_node: dict[int, list[Mark]] = {}
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        node = parsed.node_at(mark.start, mark.end)
        if node is None:
            raise ValueError(f"mark {mark.start}-{mark.end} crosses an inline tag")
        by_node.setdefault(node.index, []).append(mark)
    segments = list(parsed.segments)
    for node in parsed.nodes:
        node_marks = by_node.get(node.index)
        if not node_marks:
            continue
        text = parsed.text[node.start:node.end]
        out: list[str] = []
        cursor = 0
        for mark in node_marks:
            a, b = mark.start - node.start, mark.end - node.start
            if a < cursor:
                raise ValueError(f"overlapping marks at {mark.start}")
            out.append(html.escape(text[cursor:a], quote=False))
            out.append(mark.open + html.escape(text[a:b], quote=False) + mark.close)
            cursor = b
        out.append(html.escape(text[cursor:], quote=False))
        segments[node.index] = "".join(out)
    return "".join(segments)


def snippet_bounds(text: str, start: int, end: int, width: int = 70) -> tuple[int, int]:
    """Bounds of a keyword-in-context window, widened to whole words."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    return left, right
