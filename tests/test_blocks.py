"""Markdown blocks: alignment units, and HTML that no input can turn into script."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from nashra.text.blocks import markdown_to_html, split_blocks, to_html

# Letters and spaces (the plain paragraphs to_html renders itself), every character
# Markdown gives a meaning to, and white space of every kind.
MARKDOWN_TEXT = st.text(
    alphabet=st.sampled_from(list("كيم جونغ أون١٢ab Z09.,:;()«»\"'?!،؛؟ـ\u064b") +
                             list("\\`*_[]<>&#-+=|~\n\t\r\x02\x03\u00a0\u2028/")),
    min_size=1, max_size=40)


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


@given(MARKDOWN_TEXT)
@example("كيم جونغ أون في بيونغ يانغ (2024).\nسطر ثان")
@example("1. بند")
@example("سطر  \nبعد فاصل")
@example("عنوان\n===")
@example("a & b")
def test_plain_paragraphs_render_as_python_markdown_does(source):
    assert to_html(source) == markdown_to_html(source)
