"""Inserting links and <time> into rendered HTML text nodes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nashra.link.annotate import Mark, parse_block, render_block, snippet_bounds
from nashra.text.blocks import to_html


def test_text_nodes_know_when_they_are_inside_links_and_headings():
    parsed = parse_block('<p>a <a href="x">b <em>c</em></a> d</p>')
    inside = {parsed.text[n.start:n.end]: n.in_link for n in parsed.nodes if n.end > n.start}
    assert inside == {"a ": False, "b ": True, "c": True, " d": False}
    heading = parse_block("<h2>عنوان فرعي</h2>")
    assert all(n.in_heading for n in heading.nodes if n.end > n.start)


def test_marks_wrap_whole_words_and_escape_text():
    parsed = parse_block(to_html("وقال لبوتين إن 5 < 6 & أكثر"))
    start = parsed.text.index("لبوتين")
    html = render_block(parsed, [Mark(start, start + 6, '<a href="p">', "</a>")])
    assert html == '<p>وقال <a href="p">لبوتين</a> إن 5 &lt; 6 &amp; أكثر</p>'


def test_marks_that_cross_inline_tags_or_overlap_are_refused():
    parsed = parse_block("<p>ab <strong>cd</strong></p>")
    with pytest.raises(ValueError, match="crosses"):
        render_block(parsed, [Mark(1, 5, "<i>", "</i>")])
    with pytest.raises(ValueError, match="overlapping"):
        render_block(parsed, [Mark(0, 2, "<i>", "</i>"), Mark(1, 2, "<b>", "</b>")])


@pytest.mark.parametrize(("text", "start", "end", "expected"), [
    ("one two three four five", 8, 13, "one two three four five"),
    ("a " * 60 + "X" + " b" * 60, 120, 121, None),
])
def test_snippets_end_on_word_boundaries(text, start, end, expected):
    left, right = snippet_bounds(text, start, end, width=70)
    window = text[left:right]
    assert text[start:end] in window
    assert left == 0 or text[left - 1] == " "
    assert right == len(text) or text[right] == " "
    if expected is not None:
        assert window == expected


words = st.text(alphabet="بوتينكيمa <>&\"'", min_size=1, max_size=60)


@given(words)
def test_rendering_without_marks_round_trips_the_html(text):
    html = to_html(text)
    assert render_block(parse_block(html), []) == html


@given(words, st.data())
def test_a_mark_keeps_the_text_and_adds_exactly_its_tags(text, data):
    parsed = parse_block(to_html(text))
    nodes = [n for n in parsed.nodes if n.end > n.start]
    if not nodes:
        return
    node = data.draw(st.sampled_from(nodes))
    a = data.draw(st.integers(node.start, node.end - 1))
    b = data.draw(st.integers(a + 1, node.end))
    html = render_block(parsed, [Mark(a, b, "<mark>", "</mark>")])
    again = parse_block(html)
    assert again.text == parsed.text
    assert html.count("<mark>") == 1 and html.count("</mark>") == 1
