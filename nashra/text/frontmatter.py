"""Split a content file into front matter and body, keeping line numbers for errors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader (~5x faster), with dates kept as text for our own validation."""


# PyYAML raises a bare ValueError on 2024-02-30; the content checker reports it with a line.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node:
                        loader.construct_scalar(node))
_LOADER = _Loader


MAX_DEPTH = 100
_BRACKETS = re.compile(r"[\[\]{}]")
_COMPACT = re.compile(rf"^[ \t]*(?:[-?:][ \t]+){{{MAX_DEPTH}}}", re.M)  # "- - - - x"


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
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise FrontMatterError(
            "no front matter", 1, "Did you forget the front matter? Start the file with a "
            "line '---', the YAML fields, and another line '---'")
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), None)
    if close is None:
        raise FrontMatterError("front matter is not closed", 1,
                               "add a line '---' after the last field")
    fm_text = "\n".join(lines[1:close])
    offset = 2  # the opening '---' is line 1, the YAML starts on line 2
    if _too_deep(fm_text):
        raise FrontMatterError("front matter is nested too deeply", offset,
                               f"nest lists and mappings at most {MAX_DEPTH} levels deep")
    try:
        if "*" in fm_text:
            _refuse_aliases(fm_text, offset)
        node = yaml.compose(fm_text, Loader=_LOADER)
        if node is not None:
            _refuse_duplicate_keys(node, offset)
        loader = _LOADER("")
        try:
            meta = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except FrontMatterError:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = offset + mark.line if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise FrontMatterError(f"invalid YAML in front matter: {problem[:200]}", line,
                               "check indentation, colons and quotes") from exc
    except RecursionError as exc:
        raise FrontMatterError("front matter is nested too deeply", offset,
                               "write flat 'key: value' fields") from exc
    except ValueError as exc:  # e.g. an integer of 5,000 digits (Python refuses to read it)
        raise FrontMatterError(f"a value in the front matter cannot be read: {str(exc)[:80]}",
                               offset, "quote long numbers as text") from exc
    if meta is None:
        meta, node = {}, None
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter must be a mapping of fields", offset,
                               "write one 'key: value' per line")
    key_lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key_lines[str(key_node.value)] = offset + key_node.start_mark.line
    # the body's first line: the first non-blank line after the closing delimiter
    first = next((i for i in range(close + 1, len(lines)) if lines[i].strip()), close + 1)
    body = "\n".join(lines[close + 1:])
    return Document(meta=meta, key_lines=key_lines, body=body.strip("\n"), body_line=first + 1)


def _too_deep(fm_text: str) -> bool:
    """Nesting libyaml must not see: 100,000 '[' or '- ' deep crash the process (its C
    stack overflows) and 20,000 take seconds. Quotes are not skipped: only over-counts."""
    if _COMPACT.search(fm_text):
        return True
    if fm_text.count("[") + fm_text.count("{") <= MAX_DEPTH:
        return False
    depth = 0
    for bracket in _BRACKETS.findall(fm_text):
        depth += 1 if bracket in "[{" else -1
        if depth > MAX_DEPTH:
            return True
    return False


def _refuse_aliases(fm_text: str, offset: int) -> None:
    """YAML aliases (*name) are refused: a few lines of them expand to gigabytes."""
    for event in yaml.parse(fm_text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise FrontMatterError(
                f"YAML alias '*{str(event.anchor)[:40]}' in front matter", offset +
                event.start_mark.line, "write the value out in full: aliases are not allowed")


def _refuse_duplicate_keys(node: yaml.Node, offset: int) -> None:
    """A key written twice would silently keep the last value: say where both are."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[object, int] = {}
            for key_node, value_node in current.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
                line = offset + key_node.start_mark.line
                if key in seen:
                    raise FrontMatterError(
                        f"duplicate key '{str(key)[:60]}' (lines {seen[key]} and {line})", line,
                        "keep one of the two: YAML would silently use the last one")
                seen[key] = line
                stack.append(value_node)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def dump(meta: dict[str, Any], body: str) -> str:
    """Front matter + body as a file's text (keys kept in the given order)."""
    fm = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{fm}---\n\n{body.strip()}\n"
