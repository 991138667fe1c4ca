"""Cleaning one raw article: debris removed, header found, blocks kept (`clean`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from nashra.ingest.debris import (
    _NAV,
    Removed,
    _credit_lines,
    _is_paragraph,
    _kept,
    _line_rule,
    _related_cut,
    _summary,
    _teaser_titles,
    _tweet_texts,
)
from nashra.ingest.header import (
    _byline,
    _choose_outlet,
    _date_candidates,
    _evidence,
    _interview_outlet,
    _is_heading,
    _is_headline,
    _line_signal,
    _pull_quote_statement,
    _same_text,
    _Signal,
    _split_title,
    repeats_article,
    split_dateline,
)
from nashra.ingest.lines import Block, CleanArticle, _fold, _Line, _segments
from nashra.ingest.outlets import Outlet

# ---------------------------------------------------------------- clean


_EDGE = re.compile(r"^[\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+|"
                   r"[\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+$")


def _split_lines(text: str) -> list[_Line]:
    """The seed's non-empty lines, numbered from 1, edges trimmed of spaces and bidi marks."""
    lines = []
    for no, raw in enumerate(text.splitlines(), start=1):
        stripped = _EDGE.sub("", raw)
        if stripped:
            lines.append(_Line(no, stripped, _fold(stripped)))
    return lines


def _debris(lines: Sequence[_Line]) -> tuple[Removed, tuple[str, ...]]:
    """Every debris rule over the seed's lines: which line goes by which rule, and the summary."""
    removed: Removed = {ln.no: rule for ln in lines if (rule := _line_rule(ln))}
    removed = _related_cut(lines, removed)
    removed = _teaser_titles(lines, removed)
    removed = _tweet_texts(lines, removed)
    removed, points = _summary(lines, removed)
    return _section_label(lines, _credit_lines(lines, removed)), points


def _section_label(lines: Sequence[_Line], removed: Removed) -> Removed:
    """A lone section name above the headline ('سياسة', 'أخبار العالم') is a category label."""
    kept = _kept(lines, removed)
    if len(kept) >= 3 and 1 <= _segments(kept[0].text, _NAV) <= 2 and _is_headline(kept[1].text):
        return removed | {kept[0].no: "category"}
    return removed


def _bylines(kept: Sequence[_Line]) -> tuple[Removed, str | None]:
    """Short byline lines ('بقلم: فلان') and the first author they name."""
    found = {ln.no: name for ln in kept if (name := _byline(ln.text))}
    return dict.fromkeys(found, "byline"), next(iter(found.values()), None)


def _header(title: _Line | None, body: Sequence[_Line]) -> Removed:
    """Lines before the first paragraph that repeat the headline."""
    removed: Removed = {}
    for line in body:
        if title is not None and _same_text(line.text, title.text):
            removed[line.no] = "repeated-headline"
        elif _is_paragraph(line.text):
            break
    return removed


def _pull_quotes(body: Sequence[_Line]) -> Removed:
    """Highlight quotes that repeat a paragraph of the article (kept when they say more)."""
    removed: Removed = {}
    for line in body[1:]:
        statement = _pull_quote_statement(line.text)
        others = [o.text for o in body if o.no != line.no]
        if statement and repeats_article(statement, others):
            removed[line.no] = "pull-quote"
    return removed


@dataclass(frozen=True)
class _Body:
    """The article's blocks and the dateline taken off its first paragraph."""

    blocks: tuple[Block, ...]
    dateline: str | None = None
    agency: Outlet | None = None  # an agency or outlet named in the dateline
    dateline_line: _Line | None = None
    removed: tuple[int, ...] = ()  # a line that held nothing but the dateline


def _blocks(body: Sequence[_Line]) -> _Body:
    """Body lines as blocks: headings marked, the dateline taken off the first paragraph."""
    blocks: list[Block] = []
    found: tuple[str, Outlet | None, _Line] | None = None
    removed: list[int] = []
    for index, line in enumerate(body):
        heading = index + 1 < len(body) and _is_heading(line.text)
        text = line.text
        split = split_dateline(text) if all(b.heading for b in blocks) and not found else None
        if split and not (heading and split[2]):  # a heading-like line only if it is all dateline
            found, text, heading = (split[0], split[1], line), split[2], False
        if text:
            blocks.append(Block(text, heading, line.no))
        else:
            removed.append(line.no)
    if found is None:
        return _Body(tuple(blocks))
    return _Body(tuple(blocks), found[0], found[1], found[2], tuple(removed))


def _signals(lines: Sequence[_Line], removed: Removed, title: _Line | None,
             title_outlet: Outlet | None, body: _Body) -> list[_Signal]:
    """Every place in the article that names its outlet, strongest first."""
    by_no = {ln.no: ln for ln in lines}
    signals = [s for no, rule in sorted(removed.items()) if (s := _line_signal(by_no[no], rule))]
    if title_outlet and title:
        signals.append(_Signal(2, True, title_outlet, _evidence(title, "title suffix")))
    if body.agency and body.dateline_line:
        signals.append(_Signal(3, True, body.agency, _evidence(body.dateline_line, "dateline")))
    for block in body.blocks:
        found = _interview_outlet(block.text)
        if found:
            line = _Line(block.line, found[1], "")
            signals.append(_Signal(4, True, found[0], _evidence(line, "interview")))
            break
    return sorted(signals, key=lambda s: s.rank)


def clean(text: str) -> CleanArticle:
    """Raw scraped article text -> headline, byline, dateline, outlet, paragraphs and dates."""
    lines = _split_lines(text)
    removed, points = _debris(lines)
    byline_removed, author = _bylines(_kept(lines, removed))
    removed |= byline_removed
    kept = _kept(lines, removed)
    title_line = kept[0] if len(kept) >= 2 and _is_headline(kept[0].text) else None
    title, title_author, title_outlet = _split_title(title_line.text) if title_line else (
        None, None, None)
    removed |= _header(title_line, kept[1:] if title_line else kept)
    removed |= _pull_quotes(_kept(kept[1:] if title_line else kept, removed))
    body = _blocks(_kept(kept[1:] if title_line else kept, removed))
    removed |= dict.fromkeys(body.removed, "dateline")

    signals = _signals(lines, removed, title_line, title_outlet, body)
    outlet, original = _choose_outlet(signals)
    by_no = {ln.no: ln for ln in lines}
    dated = [by_no[no].text for no, rule in removed.items()
             if rule in ("timestamp", "tweet", "byline")]
    return CleanArticle(
        title=title, author=title_author or author, dateline=body.dateline, outlet=outlet,
        blocks=body.blocks, summary_points=points,
        date_candidates=_date_candidates([*([title] if title else []),
                                          *(b.text for b in body.blocks), *dated]),
        removed=tuple((no, rule, by_no[no].text) for no, rule in sorted(removed.items())),
        original_outlet=original, evidence=tuple(s.evidence for s in signals))
