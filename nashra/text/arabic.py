"""Arabic (and Latin) text normalisation with offset maps, tokens and clitic forms.

One normalisation serves linking, indexing and the search box (templates/assets/js/arabic.js
is its port, tested against this module on the same cases). What `normalize` does, in order:

1. Arabic presentation forms (U+FB50-FDFF, U+FE70-FEFF: PDF and old-site text) are
   replaced by their NFKC letters (ﻻ → لا, ﷲ → الله) and then normalised like any text.
2. One `str.translate` table folds letters one for one:
   - alef forms أ إ آ ٱ ٲ ٳ ٵ → ا; ى → ي; ة → ه; ؤ → و; ئ → ي (hamza seats folded the
     `tasheel` way, never pyarabic's default `uniform` way that turns them into ء);
   - Persian/Urdu/Kurdish/Maghrebi forms to the Arabic letter of the same skeleton:
     ک ڪ گ ڭ → ك, ی ې ے ۓ ٸ → ي, ۀ ە ہ ۂ ۃ ھ → ه, ٶ ٷ → و, پ → ب, ڤ ڥ → ف, چ → ج,
     ژ → ز, ڧ ڨ → ق (foreign names are spelled both ways: ڤلاديمير / فلاديمير);
   - Arabic-Indic and Persian digits → 0-9, ٫ → ".", ٬ → ",", ٪ → "%";
   - Latin, Greek, Cyrillic capitals → lower case (one for one; İ → i), so English goes
     through the same function;
   - every white-space character → " ".
3. One regex pass deletes tashkeel (harakat, tanwin, shadda, sukun, superscript alef,
   maddah/hamza marks), Quranic annotation marks, invisible and bidi controls (ZWSP, ZWNJ,
   ZWJ, LRM, RLM, ALM, LRE..RLO, LRI..PDI, word joiner, BOM, soft hyphen, variation
   selectors); deletes tatweel, except that a tatweel touching no Arabic letter on either
   side is a dash ("(1917 ـ 1991)", "الروسي ـ الكوري") and becomes "-"; folds runs of
   white space to one " " (ends are not trimmed, so every normalised span maps back).
4. Standalone hamza ء is kept: it is a letter, and dropping it merges common words
   (ماء/ما، بناء/بنا، جاء/جا، سماء/سما). One exception: ء written right after ي or ى is
   the misspelt seat of ئ (الهادىء = الهادئ, شيء/شئ, بريء/برئ, مليء/ملئ), so it is
   deleted and both spellings meet at ي.

What it does not do: no stemming, no article (ال) stripping, no Latin accent folding
(é stays é), no trimming.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from nashra.text.fold import letter_map

# --- character classes (kept in step with templates/assets/js/arabic.js) -----------------

# Tashkeel, Quranic annotation marks, Arabic format characters (number signs, end of ayah).
_ARABIC_MARKS = (
    "\u0600-\u0605\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dd\u06df-\u06e8\u06ea-\u06ed"
    "\u0890\u0891\u0898-\u089f\u08ca-\u08ff"
)
# Invisible and bidi controls: soft hyphen, CGJ, ALM, Mongolian vowel separator,
# ZWSP/ZWNJ/ZWJ/LRM/RLM, LRE..RLO, word joiner.., LRI..PDI and deprecated format chars,
# variation selectors, BOM.
_INVISIBLE = (
    "\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufe00-\ufe0f\ufeff"
)
_REMOVABLE = _ARABIC_MARKS + _INVISIBLE
_TATWEEL = "\u0640"
_WHITESPACE_CHARS = (
    "\t\n\u000b\u000c\r\u001c\u001d\u001e\u001f\u0085\u00a0\u1680"
    + "".join(chr(cp) for cp in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
)
# Arabic letters that can still occur after folding (tatweel U+0640 and the full stop
# U+06D4 are not letters).
ARABIC_LETTERS = (
    "\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u08a0-\u08c9"
)
# Word characters of other scripts: digits, Latin (with combining accents), Greek, Cyrillic.
OTHER_WORD_CHARS = (
    "0-9A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f"
    "\u0370-\u03ff\u0400-\u052f\u1e00-\u1eff"
)
_PRESENTATION = "\ufb50-\ufdff\ufe70-\ufeff"

# Upper-case ranges folded to lower case, one character for one (JS uses the same ranges).
_CASE_RANGES = ((0x0041, 0x058F), (0x1E00, 0x1FFF))


def _fold_table() -> dict[int, str]:
    """The one-for-one translate table: letters, digits, case, white space."""
    table: dict[int, str] = {}
    for lo, hi in _CASE_RANGES:
        for cp in range(lo, hi + 1):
            lower = chr(cp).lower()
            if len(lower) == 1 and lower != chr(cp):
                table[cp] = lower
    table[0x0130] = "i"  # İ lower-cases to two characters; the dot is not worth keeping
    for ch, target in letter_map().items():
        table[ord(ch)] = target
    for digit in range(10):
        table[0x0660 + digit] = str(digit)
        table[0x06F0 + digit] = str(digit)
    for ch in _WHITESPACE_CHARS:
        table[ord(ch)] = " "
    return table


_FOLD = _fold_table()
# The same table as a list indexed by code point: str.translate looks a list up about
# twice as fast as a dict. Code points past its end raise IndexError, a LookupError, and
# so stay as they are.
_FOLD_LIST = [_FOLD.get(cp, chr(cp)) for cp in range(max(_FOLD) + 1)]


# The folds most Arabic text needs, done with str.replace (a fast scan each): str.translate
# costs a table lookup per character on non-ASCII text, ~300 machine instructions each.
_COMMON_FOLDS = tuple((ch, _FOLD[ord(ch)]) for ch in "أإآىةؤئ")
_RARE_FOLD_RE = re.compile(
    "[" + re.escape("".join(chr(cp) for cp in sorted(_FOLD) if chr(cp) not in "أإآىةؤئ")) + "]")


def _fold(text: str) -> str:
    """The one-for-one folds of step 2."""
    if text.isascii():
        return text.translate(_FOLD_LIST)  # CPython translates ASCII text fast
    for source, target in _COMMON_FOLDS:
        text = text.replace(source, target)  # no target is a source: the order is free
    if _RARE_FOLD_RE.search(text) is None:
        return text
    return text.translate(_FOLD_LIST)

_PRESENTATION_RE = re.compile(f"[{_PRESENTATION}]")
# Alternatives, tried in order at each position (see _rewrite for what each does). Only a
# tatweel run emits anything; the others are deleted: ء (and the marks around it) after ي,
# the rest of a run of spaces and marks after a space, marks. Written with lookbehinds so
# that every match starts on a mark, tatweel, ء or a second space (_rewrite_matches).
_REWRITE_RE = re.compile(
    f"(?P<yahamza>(?<=ي)(?:[{_REMOVABLE}{_TATWEEL}]*ء)+)"
    f"|(?P<space>(?<= )[ {_REMOVABLE}]+)"
    f"|(?P<tatweel>[{_REMOVABLE}]*{_TATWEEL}[{_TATWEEL}{_REMOVABLE}]*)"
    f"|(?P<removable>[{_REMOVABLE}]+)"
)
_REWRITE_START_RE = re.compile(f"[{_REMOVABLE}{_TATWEEL}ء]")
_ARABIC_LETTER_RE = re.compile(f"[{ARABIC_LETTERS}]")
_TOKEN_RE = re.compile(f"[{ARABIC_LETTERS}]+|[{OTHER_WORD_CHARS}]+")
_ARABIC_WORD_RE = re.compile(f"[{ARABIC_LETTERS}]+")


@dataclass(frozen=True)
class Normalized:
    """Normalised text with, for each of its characters, where it came from."""

    text: str
    # The offset map in pieces: normalised char at[k] + j comes from original char
    # origin[k] + j, up to the next piece. Most texts need one piece or a few (every
    # deleted mark starts one), so the map costs little more than the text.
    at: tuple[int, ...]
    origin: tuple[int, ...]
    length: int  # len(original): where the end of the text maps
    expanded: bool = False  # presentation forms were expanded (ﻻ → لا): see span

    def offset(self, i: int) -> int:
        """Index in the original of normalised char i (len(original) for i == len(text))."""
        if i >= len(self.text):
            return self.length
        k = bisect_right(self.at, i) - 1 if len(self.at) > 1 else 0
        return self.origin[k] + i - self.at[k]

    @functools.cached_property
    def offsets(self) -> tuple[int, ...]:
        """The whole map: len(text)+1 entries, offsets[i] = offset(i).

        Non-decreasing; equal neighbours only inside the expansion of one
        presentation-form character (ﻻ → لا).
        """
        return tuple(self.offset(i) for i in range(len(self.text) + 1))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the normalised span [start, end), whole characters."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside 0:{len(self.text)}")
        first = self.offset(start)
        if start == end:
            return first, first
        last = self.offset(end)
        if not self.expanded:
            return first, last  # the map is strictly increasing: no expansion to widen to
        while end < len(self.text) and last == self.offset(end - 1):
            end += 1  # cut inside an expansion: take the whole original character
            last = self.offset(end)
        return first, last


@dataclass(frozen=True)
class Token:
    """One word: its normalised form and its span in the original text."""

    text: str
    start: int
    end: int


def _is_joining(text: str, index: int) -> bool:
    """Whether text[index] exists and is an Arabic letter (a tatweel can attach to it)."""
    return 0 <= index < len(text) and _ARABIC_LETTER_RE.match(text[index]) is not None


class _Pieces:
    """Builds an offset map piece by piece (see Normalized); a piece that continues the
    previous one one for one is merged into it."""

    def __init__(self) -> None:
        self.at: list[int] = []
        self.origin: list[int] = []

    def add(self, at: int, origin: int) -> None:
        """Normalised char `at` (and those after it) comes from original char `origin`."""
        if self.at and origin - self.origin[-1] == at - self.at[-1]:
            return
        self.at.append(at)
        self.origin.append(origin)


def _rewrite_matches(text: str) -> list[re.Match[str]]:
    """What _REWRITE_RE.finditer(text) gives, tried only where a match can start.

    Every match starts on a mark, a tatweel, a ء, or a space after a space. One character
    class is a fast scan; _REWRITE_RE is not (the regex engine cannot skip ahead over a
    pattern that opens with a lookbehind), and trying it everywhere was most of the cost
    of normalising.
    """
    starts = [m.start() for m in _REWRITE_START_RE.finditer(text)]
    double = text.find("  ")
    while double != -1:
        starts.append(double + 1)
        double = text.find("  ", double + 1)
    matches: list[re.Match[str]] = []
    pos = 0
    for start in sorted(starts):
        if start >= pos and (m := _REWRITE_RE.match(text, start)):
            matches.append(m)
            pos = m.end()
    return matches


def _keep(pieces: _Pieces, carried: list[tuple[int, int]], size: int, start: int, end: int,
          carry: int | None) -> None:
    """Map input text[start:end], kept as it is, to output from `size` on."""
    if carry is None:
        pieces.add(size, start)
        return
    carried.append((size, start))  # its first char takes over the elongation before it
    pieces.add(size, carry)
    if end - start > 1:
        pieces.add(size + 1, start + 1)


def _rewrite(text: str, pieces: _Pieces | None) -> tuple[str, list[tuple[int, int]]]:
    """Apply the regex pass to folded text.

    Returns the output and the (output index, own input index) pairs of chars that took
    over a deleted elongation before them (their offset points at the elongation, not at
    themselves); with `pieces`, records where each output char came from.
    """
    matches = _rewrite_matches(text)
    if not matches:  # most blocks: nothing to delete or fold
        if pieces is not None:
            pieces.add(0, 0)
        return text, []
    out: list[str] = []
    carried: list[tuple[int, int]] = []
    size = pos = 0  # output length so far; input consumed so far
    carry: int | None = None  # start of a deleted run that belongs to the next character

    for m in matches:
        start, end = m.span()
        if start > pos:
            out.append(text[pos:start])
            if pieces is not None:
                _keep(pieces, carried, size, pos, start, carry)
                carry = None
            size += start - pos
        pos = end
        if m.lastgroup != "tatweel":
            continue
        # A tatweel run is an elongation (deleted) unless it touches no Arabic letter (a dash)
        before = _is_joining(text, start - 1)
        after = _is_joining(text, end)
        if before or after:
            if not before and carry is None:
                carry = start  # "ـب": the elongation belongs to the next letter
            continue
        emitted = "-"
        at = start + m.group().index(_TATWEEL)
        out.append(emitted)
        if pieces is not None:
            if carry is None:
                pieces.add(size, at)
            else:
                carried.append((size, at))
                pieces.add(size, carry)
                carry = None
        size += 1
    if pos < len(text):
        out.append(text[pos:])
        if pieces is not None:
            _keep(pieces, carried, size, pos, len(text), carry)
    return "".join(out), carried


def _expand_presentation(text: str) -> tuple[str, list[int]] | None:
    """Replace presentation forms by their NFKC letters; None when there are none."""
    if _PRESENTATION_RE.search(text) is None:
        return None
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        piece = unicodedata.normalize("NFKC", ch) if _PRESENTATION_RE.match(ch) else ch
        out.append(piece)
        offsets.extend([i] * len(piece))
    offsets.append(len(text))
    return "".join(out), offsets


@functools.lru_cache(maxsize=16)
def normalize_with_map(text: str) -> Normalized:
    """Normalise `text` (see the module docstring) and keep the offset map.

    Cached: the entity and event matchers normalise the same block one after the other.
    """
    pieces = _Pieces()
    expanded = _expand_presentation(text)
    if expanded is None:
        result, _ = _rewrite(_fold(text), pieces)
        return Normalized(result, tuple(pieces.at), tuple(pieces.origin), len(text))
    # Presentation forms are rare (PDF and old-site text): map through the expansion
    # char by char.
    source, first = expanded
    result, carried = _rewrite(_fold(source), pieces)
    inner = Normalized(result, tuple(pieces.at), tuple(pieces.origin), len(source))
    offsets = [first[inner.offset(i)] for i in range(len(result))]
    for index, own in carried:
        # An elongation before an expansion (ـﻻ) belongs to all of the expansion's chars.
        j = index + 1
        while j < len(result) and offsets[j] == first[own]:
            offsets[j] = offsets[index]
            j += 1
    composed = _Pieces()
    for i, origin in enumerate(offsets):
        composed.add(i, origin)
    return Normalized(result, tuple(composed.at), tuple(composed.origin), len(text), True)


def normalize(text: str) -> str:
    """Normalise `text`: the search key used by linking, indexing and the query side."""
    expanded = _expand_presentation(text)
    source = expanded[0] if expanded else text
    return _rewrite(_fold(source), None)[0]


def _word_spans(normalized: str) -> Iterator[re.Match[str]]:
    """Word matches in normalised text: runs of Arabic letters, or of Latin letters/digits."""
    return _TOKEN_RE.finditer(normalized)


def tokens(text: str) -> tuple[Token, ...]:
    """Word tokens of `text`: normalised form plus original offsets."""
    norm = normalize_with_map(text)
    return tuple(
        Token(m.group(), *norm.span(m.start(), m.end())) for m in _word_spans(norm.text)
    )


# --- attached proclitics -------------------------------------------------------------------
# Conjunctions و ف may precede a preposition ب ل ك (the pairs وب ول وك فب فل فك); before a
# word with the article ال, ل absorbs the alef: ل + الرئيس is written للرئيس.
CONJUNCTIONS = "وف"
PREPOSITIONS = "بلك"
MIN_STEM = 2  # never strip down to a single letter


def _strip_preposition(word: str) -> list[str]:
    """`word` without a leading preposition, and ل+ال restored from لل."""
    forms: list[str] = []
    if word[:1] in PREPOSITIONS and len(word) - 1 >= MIN_STEM:
        forms.append(word[1:])
    if word.startswith("لل") and len(word) - 2 >= MIN_STEM:
        forms.append("ا" + word[1:])
    return forms


def clitic_variants(word: str) -> tuple[str, ...]:
    """The normalised word, then the forms with attached proclitics stripped.

    Rules: one conjunction (و ف), then one preposition (ب ل ك), each optional; لل at the
    start also gives ال (للرئيس → الرئيس, وللرئيس → الرئيس); a stem keeps ≥ 2 letters.
    Only whole Arabic words are stripped; Latin words and numbers come back as they are.
    The forms over-generate on purpose (بوتين also gives وتين): they feed search and are
    checked against the gazetteer when linking, never shown.
    """
    return _variants(normalize(word).strip())


@functools.lru_cache(maxsize=200_000)
def _variants(w: str) -> tuple[str, ...]:
    """clitic_variants of an already normalised word (cached: news reuses its vocabulary)."""
    if not w:
        return ()
    if _ARABIC_WORD_RE.fullmatch(w) is None:
        return (w,)
    forms = [w, *_strip_preposition(w)]
    if w[0] in CONJUNCTIONS and len(w) - 1 >= MIN_STEM:
        forms += [w[1:], *_strip_preposition(w[1:])]
    return tuple(dict.fromkeys(forms))


def search_terms(text: str) -> str:
    """Normalised words and their clitic-stripped forms, first-seen order, no repeats."""
    seen: dict[str, None] = {}
    for m in _word_spans(normalize(text)):
        for form in _variants(m.group()):
            seen.setdefault(form, None)
    return " ".join(seen)
