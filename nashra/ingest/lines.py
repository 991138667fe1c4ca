"""The records ingest returns, and the line and word helpers its rules share."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from nashra.ingest.outlets import Outlet


@dataclass(frozen=True)
class Block:
    """One paragraph or sub-heading of the article."""

    text: str
    heading: bool
    line: int  # 1-based line in the seed


@dataclass(frozen=True)
class DateEvidence:
    """Why the draft carries its date: the kind of evidence, its text and line."""

    kind: str  # "published", "wire-dateline", "today", "stamp", "byline", ...
    text: str
    line: int


@dataclass(frozen=True)
class CleanArticle:
    """What the cleaner kept and found in one raw article."""

    title: str | None
    author: str | None
    dateline: str | None  # "موسكو" from "موسكو- ..." (removed from the paragraph)
    outlet: Outlet | None  # the publisher the text shows
    blocks: tuple[Block, ...]
    summary_points: tuple[str, ...]  # the outlet's own bullet summary: data, not body
    date_candidates: tuple[dt.date, ...]  # full dates in the text, latest first
    removed: tuple[tuple[int, str, str], ...]  # (line, rule, text) for every removed line
    original_outlet: Outlet | None = None  # who first published it when `outlet` reposts it
    evidence: tuple[str, ...] = ()  # the lines that named the outlet(s), for the editor
    date: dt.date | None = None  # the publication date the evidence supports best
    date_evidence: DateEvidence | None = None
    proposed_title: str | None = None  # no headline in the text: one from the first sentence


Action = Literal["written", "unchanged", "skipped-edited", "overwritten", "rejected"]


@dataclass(frozen=True)
class IngestOutcome:
    """What ingest did with one seed."""

    seed: str
    target: Path  # the briefing file (found by its `seed:` field, so it may have been renamed)
    action: Action
    message: str


@dataclass(frozen=True)
class _Line:
    """One non-empty line of the seed: its text and a spelling-folded copy for matching."""

    no: int
    text: str
    fold: str


# ---------------------------------------------------------------- text helpers

_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")  # tashkeel, dagger alef, tatweel
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_LETTER_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_ARABIC = re.compile(
    r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W_]", re.U)
_CLOSERS = "\"'”’»)]}›"
_SENTENCE_END = ".!…:;،,؛"  # a line ending in one of these is a sentence or a lead-in, not a title


def _fold(text: str) -> str:
    """Text with marks and invisible controls removed, alef/ya/ta-marbuta folded, spaces single."""
    folded = _INVISIBLE.sub("", _MARKS.sub("", text.replace(" ـ ", " - "))).translate(_LETTER_FOLD)
    return " ".join(folded.split())


def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a pattern written in natural spelling so that it matches `_fold`ed text."""
    return re.compile(_MARKS.sub("", pattern).translate(_LETTER_FOLD), flags | re.I)


def _words(text: str) -> list[str]:
    """Whitespace tokens that carry a letter or digit (a free-standing dash is not a word)."""
    return [w for w in text.split() if _WORD.search(w)]


def _last_mark(text: str) -> str:
    """The last character that is not a closing quote, bracket or space."""
    stripped = text.rstrip().rstrip(_CLOSERS + " ")
    return stripped[-1:] if stripped else ""


def _latin_dominant(text: str) -> bool:
    """True when a line is mostly Latin script (an English caption inside an Arabic article)."""
    latin = len(_LATIN.findall(text))
    return latin >= 4 and latin > 2 * len(_ARABIC.findall(text))


_PROSE_MARK = re.compile(r"[.؟?!\"“”«»()\d]")


def _segments(text: str, vocabulary: frozenset[str]) -> int:
    """How many vocabulary words exactly tile `text` (glued or separated); 0 if they do not."""
    if len(text) > 200 or _PROSE_MARK.search(text):  # menus and share rows are short, bare lists
        return 0
    glued = re.sub(r"[\s|•·/\\,،\-–—_:>»]+", "", _fold(text).casefold())
    if not glued:
        return 0
    best: list[int | None] = [0] + [None] * len(glued)
    longest = max(len(w) for w in vocabulary)
    for end in range(1, len(glued) + 1):
        for start in range(max(0, end - longest), end):
            prior = best[start]
            if prior is not None and glued[start:end] in vocabulary:
                count = prior + 1
                if best[end] is None or count < (best[end] or 0):
                    best[end] = count
    return best[-1] or 0


def _vocabulary(words: str) -> frozenset[str]:
    """A set of folded, space-free words from a whitespace- and '/'-separated list."""
    return frozenset(re.sub(r"\s+", "", _fold(w).casefold()) for w in words.split("/") if w.strip())
