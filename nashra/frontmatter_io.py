"""Split a content file into front matter and body, keeping line numbers for errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import frontmatter
import yaml

# libyaml's loader is ~5x faster than the pure-Python one and parses the same YAML.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FrontMatterError(ValueError):
    """Front matter that cannot be parsed; carries the 1-based line."""

    def __init__(self, message: str, line: int, hint: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.hint = hint


@dataclass(frozen=True)
class Document:
    """A parsed content file: metadata, where each key sits, and the body."""

    meta: dict[str, Any]
    key_lines: dict[str, int]  # top-level key -> 1-based line in the file
    body: str
    body_line: int  # 1-based line of the body's first line

    def line(self, key: str) -> int:
        """Line of `key`, or of the front matter's start when the key is absent."""
        return self.key_lines.get(key, 1)


def parse(text: str) -> Document:
    """Parse `---`-delimited YAML front matter and a Markdown body."""
    text = text.removeprefix("\ufeff")
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        raise FrontMatterError(
            "no front matter", 1, "Did you forget the front matter? Start the file with a "
            "line '---', the YAML fields, and another line '---'")
    try:
        fm_text, body = handler.split(text)
    except ValueError as exc:
        raise FrontMatterError("front matter is not closed", 1,
                               "add a line '---' after the last field") from exc
    offset = 2  # the opening '---' is line 1, the YAML starts on line 2
    try:
        node = yaml.compose(fm_text, Loader=_LOADER)
        meta = yaml.load(fm_text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = offset + mark.line if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise FrontMatterError(f"invalid YAML in front matter: {problem}", line,
                               "check indentation, colons and quotes") from exc
    if meta is None:
        meta, node = {}, None
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter must be a mapping of fields", offset,
                               "write one 'key: value' per line")
    key_lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key_lines[str(key_node.value)] = offset + key_node.start_mark.line
    # the body starts after the closing delimiter line
    fm_lines = fm_text.count("\n") + 1
    body_line = offset + fm_lines + 1
    # python-frontmatter strips the body's leading newlines: count them back
    raw_after = text.split("\n", fm_lines + 2)[-1] if text.count("\n") > fm_lines + 1 else ""
    body_line += len(raw_after) - len(raw_after.lstrip("\n"))
    return Document(meta=meta, key_lines=key_lines, body=body.strip("\n"), body_line=body_line)


def dump(meta: dict[str, Any], body: str) -> str:
    """Front matter + body as a file's text (keys kept in the given order)."""
    fm = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{fm}---\n\n{body.strip()}\n"
