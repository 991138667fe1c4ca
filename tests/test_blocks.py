"""Markdown blocks: alignment units, and HTML that no input can turn into script."""

from __future__ import annotations

import pytest

from nashra.blocks import split_blocks, to_html


@pytest.mark.parametrize(("source", "forbidden", "kept"), [
    ("<script>alert(1)</script>", "<script>", "&lt;script&gt;"),
    ("<img src=x onerror=alert(1)>", "<img", "&lt;img"),
    ("[x](javascript:alert(1))", "javascript:", "<a>x</a>"),
    ("[x]( JAVASCRIPT:alert(1))", "JAVASCRIPT:", "<a>x</a>"),
    ("![x](data:text/html;base64,PHNjcmlwdD4=)", "data:", '<img alt="x"'),
    ("[ok](../a/index.html) and [web](https://example.org)", "javascript", 'href="https://example.org"'),
])
def test_markdown_cannot_inject_script(source, forbidden, kept):
    html = to_html(source)
    assert forbidden not in html and kept in html


def test_blocks_keep_their_file_lines_and_kinds():
    blocks = split_blocks("فقرة\nتكملة\n\n\n## عنوان\n\n- بند\n\n> اقتباس", first_line=7)
    assert [(b.line, b.kind) for b in blocks] == [(7, "paragraph"), (11, "heading"),
                                                   (13, "list"), (15, "quote")]
