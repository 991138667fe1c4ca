"""Entity mentions: a gazetteer of every alias, matched over normalised text.

Arabic text is normalised with `arabic.normalize_with_map` and searched with one
Aho-Corasick automaton of normalised aliases; each hit is then checked against the rules
below, and the survivors are chosen leftmost-longest. Mentions carry offsets in the
ORIGINAL text and cover the whole word, clitic included, so a link never splits the joined
letters of a word.

Rules (Arabic):
- Whole words: a hit starts at a word start, or right after attached proclitics, and ends
  at a word end (no suffixes: كيمي is not كيم).
- Proclitics (arabic.CONJUNCTIONS, arabic.PREPOSITIONS): و ف ب ل ك and the pairs وب ول وك
  فب فل فك. Before an alias starting with ال, ل merges into لل (للكرملين, وللكرملين).
  ك ("like") and its pairs only before a stem of four letters or more, or one with ال:
  before a short name the result is usually a word of its own (كسول "lazy", not ك+سول).
  An adjective without ال (روسي، روس) takes only و / ف: a preposition before a bare nisba
  is rare, and ب+روس is far more often the name بروس (Bruce).
- Tanwin guard: proper names never carry tanwin, so a name whose last letter (or the
  letter before a final alef) carried tanwin in the original is an indefinite word:
  "تعهداً روسياً" is "a Russian pledge", not Russia. An alias written with tanwin (a
  phrase such as an event trigger ending in سابقاً) is exempt.
- Folded words: a few words that fold onto a name (على → علي once ى → ي, شيء → شي) are
  never read as that name when spelled as the word; aliases that ARE common words (كيف
  "how", never Kyiv) are dropped from the gazetteer with a warning.
- Compounds: a name right after شبه ("quasi-": شبه الجزيرة، شبه القارة) is not the name.
- Generic organisation names: an organisation alias made of common nouns (more than one
  word, every word after the first with ال: مجلس الأمن، الأمم المتحدة) followed by a nisba
  adjective names another body (مجلس الأمن القومي، مجلس الأمن الروسي، برنامج الأمم المتحدة
  الإنمائي), unless a longer alias covers the adjective (مجلس الأمن الدولي): leftmost-longest
  tries the longer alias first. Limited to organisations on purpose: after a person or a
  place the adjective usually belongs to the whole phrase ("زيارة بوتين التاريخية").
- Short aliases (one word of at most three letters that is not the entity's own name: كيم،
  شي، Kim, Xi) count only where a longer name of the same entity occurs in the same text
  (or the caller says it occurs nearby: `named`), and not when followed by the next word of
  one of the entity's longer names without the rest of it (كيم جونغ إيل is Kim Jong Il,
  not Kim Jong Un). English acronyms in capitals (US, NSC) are not short: they must match
  in capitals instead.
- An alias shared by two entities is ambiguous and dropped, with a warning.

English: case-insensitive whole words through the same normalisation; hyphen and space
are the same (Kim Jong-un = Kim Jong Un); a possessive 's / ’s is part of the mention;
acronyms of at most three capitals (US, UN, EU) must be written in capitals ("us" is a
pronoun).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, NamedTuple

import ahocorasick

from nashra.model import Entity, Lang, Problem
from nashra.text.arabic import (
    ARABIC_LETTERS,
    CONJUNCTIONS,
    OTHER_WORD_CHARS,
    PREPOSITIONS,
    Normalized,
    normalize,
    normalize_with_map,
)

MentionKind = Literal["name", "adjective"]

# Words that are never names whatever the gazetteer says (normalised): function words,
# and كيف ("how"), which some outlets also use for Kyiv.
COMMON_WORDS = frozenset(
    normalize(word)
    for word in (
        "من في إلى عن مع أن إن لا ما لم لن قد هل أو ثم بل كيف أين متى حتى لدى إذا لكن كما "
        "بأن لأن كان كانت هذا هذه ذلك تلك التي الذي الذين بين بعد قبل عند كل بعض غير حيث "
        "هو هي هم نحن أنا يوم عام سنة"
    ).split()
)
# Words that fold onto a name (على → علي once ى → ي; شيء → شي, Xi, once ء after ي goes):
# spelled this way, letter for letter, they are never the name.
FOLDED_WORDS = frozenset("على إلى الى حتى متى لدى سوى شيء شئ شيئ".split())
# Adjectives that make a generic organisation name another body (مجلس الأمن القومي), besides
# the demonyms the gazetteer knows (see _names_another_body).
BODY_ADJECTIVES = frozenset(
    normalize(word)
    for word in "القومي الوطني الاتحادي الفيدرالي الإقليمي العربي الأوروبي الأفريقي "
    "الإسلامي الخليجي".split()
)
# The word before a noun that makes it part of a compound (شبه الجزيرة = peninsula).
COMPOUND_HEADS = frozenset(("شبه",))
SHORT_LETTERS = 3  # one-word aliases of at most this many letters are "short"
ACRONYM_LETTERS = 3  # all-capital aliases of at most this many letters match in capitals only

_ARABIC_RE = re.compile(f"[{ARABIC_LETTERS}]")
_OTHER_RE = re.compile(f"[{OTHER_WORD_CHARS}]")


def _chars(spec: str) -> frozenset[str]:
    """The characters of a regex class body made of single characters and ranges (a-z)."""
    chars: set[str] = set()
    i = 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            chars.update(map(chr, range(ord(spec[i]), ord(spec[i + 2]) + 1)))
            i += 3
        else:
            chars.add(spec[i])
            i += 1
    return frozenset(chars)


# Set lookups: the word-boundary tests run several times per hit, a regex match each
# was a tenth of the time of `find`.
_ARABIC_CHARS = _chars(ARABIC_LETTERS)
_OTHER_CHARS = _chars(OTHER_WORD_CHARS)
_ARABIC_WORD_RE = re.compile(f"[{ARABIC_LETTERS}]+")
_NEXT_WORD_RE = re.compile(f" ([{ARABIC_LETTERS}]+|[{OTHER_WORD_CHARS}]+)")
_TANWIN_AT_END_RE = re.compile(
    f"[\u064b-\u064d][^{ARABIC_LETTERS}]*(?:ا[^{ARABIC_LETTERS}]*)?$"
)
_TANWIN_RE = re.compile("[\u064b-\u064d]")
_PARAGRAPH_BREAK_RE = re.compile(r"\n[^\S\n]*\n")
_POSSESSIVES = ("'s", "’s")
_PREFIXES_BARE = frozenset(
    ("", *CONJUNCTIONS, *PREPOSITIONS, *(c + p for c in CONJUNCTIONS for p in PREPOSITIONS))
)
_PREFIXES_ARTICLE = _PREFIXES_BARE - {"ل", "ول", "فل"}  # ل+ال is written لل (_collect)
_PREFIXES_ADJECTIVE = frozenset(("", *CONJUNCTIONS))
_PREFIXES_LAM = frozenset(("", *CONJUNCTIONS))  # what may stand before the ل of لل


@dataclass(frozen=True)
class Mention:
    """One entity mention: offsets in the ORIGINAL text, whole word with its clitic."""

    entity: str  # entity id
    start: int
    end: int
    surface: str  # original text of the span
    kind: MentionKind


@dataclass(frozen=True)
class _Key:
    """One normalised alias of one entity, with what its hits must satisfy."""

    entity: str
    kind: MentionKind
    alias: str  # as written in the entity file
    short: bool
    generic_org: bool  # an organisation name made of common nouns (see the module doc)
    lam: bool  # the ل+ال form: the key lacks the alef and must follow ل (للرئيس)
    article: bool  # starts with ال
    acronym: bool  # English all-capital short alias: case matters
    letters: int  # letters in the alias, spaces not counted
    tanwin: bool = False  # an adjective's accusative form: only counts WITH tanwin
    written_tanwin: bool = False  # the alias itself ends with tanwin (a phrase, not a name)
    # For a short alias: the words that follow it in the entity's longer names (كيم → جونغ).
    # Followed by one of them without the rest, it is another person (كيم جونغ إيل).
    continuations: frozenset[str] = frozenset()


class _Hit(NamedTuple):
    """A candidate mention in normalised offsets (start includes the clitic).

    A named tuple, not a dataclass: a block makes a dozen and creating them showed up.
    """

    start: int
    end: int
    key: _Key
    a: int  # the span in the original text
    b: int

    @property
    def rank(self) -> tuple[int, int, int, str]:
        """Leftmost, then longest, then names before adjectives, then by id."""
        return (self.start, self.start - self.end, self.key.kind != "name", self.key.entity)


def _match_key(text: str) -> str:
    """The form aliases and text are matched in: normalised, hyphens as spaces (1 for 1)."""
    return text.replace("-", " ")


def _letters(key: str) -> int:
    """How many letters (not spaces or marks) a key has."""
    return sum(1 for ch in key if _ARABIC_RE.match(ch) or _OTHER_RE.match(ch))


def _is_generic(key: str) -> bool:
    """A multi-word name whose words after the first all carry the article."""
    words = key.split(" ")
    return len(words) > 1 and all(w.startswith("ال") for w in words[1:])


def _same_word(a: str, b: str) -> bool:
    """Whether two adjacent characters belong to one word (same script class)."""
    return (a in _ARABIC_CHARS and b in _ARABIC_CHARS) or (a in _OTHER_CHARS and b in _OTHER_CHARS)


def _word_start(text: str, i: int) -> bool:
    """Whether a word starts at text[i]."""
    return i == 0 or not _same_word(text[i - 1], text[i])


def _is_nisba(word: str, original: str) -> bool:
    """Whether a normalised word is a definite nisba adjective (القومي، الروسية)."""
    if not word.startswith("ال"):
        return False
    stem = word[2:]
    base = stem[:-2] if stem.endswith("يه") else stem[:-1] if stem.endswith("ي") else ""
    letters = [ch for ch in original if _ARABIC_RE.match(ch)]
    ending = "".join(letters[-2:])
    hamza_seat = ending.endswith("ئ") or ending in ("ئة", "ئه")  # الطارئ، الطارئة: no nisba
    return len(base) >= 3 and not hamza_seat


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Every alias of every entity, ready to match; built once per build, never changed."""

    warnings: tuple[Problem, ...]
    _keys: dict[str, dict[str, tuple[_Key, ...]]] = field(repr=False)
    _automata: dict[str, ahocorasick.Automaton | None] = field(repr=False)

    @classmethod
    def build(cls, entities: Sequence[Entity]) -> Gazetteer:
        """The gazetteer of `entities`, with warnings about aliases it had to drop."""
        warnings: list[Problem] = []
        keys: dict[str, dict[str, tuple[_Key, ...]]] = {}
        automata: dict[str, ahocorasick.Automaton | None] = {}
        for lang in ("ar", "en"):
            table = _collect(entities, lang, warnings)
            keys[lang] = table
            automata[lang] = _automaton(table)
        return cls(tuple(warnings), keys, automata)

    def find(self, text: str, lang: Lang, *, named: Collection[str] = ()) -> tuple[Mention, ...]:
        """Entity mentions in `text`, sorted and non-overlapping.

        `named`: entity ids whose full name occurs elsewhere in the same document, so that
        their short aliases count here too (the text alone decides otherwise).
        """
        return tuple(_mention(h, text, lang) for h in self._chosen(text, lang, named)[1])

    def _chosen(self, text: str, lang: Lang, named: Collection[str]
                ) -> tuple[_Scan, list[_Hit]]:
        """The hits `find` reports, in normalised offsets, and the scan they are in."""
        scan, hits, chosen = self._first_pass(text, lang)
        if not hits:
            return scan, hits
        strong = {h.key.entity for h in chosen if h.key.kind == "name" and not h.key.short}
        # `named` is asked only about short names the text itself does not back up: a
        # caller may compute it lazily (the whole document's names cost a full scan).
        if any(h.key.short and h.key.entity not in strong and h.key.entity not in named
               for h in chosen):
            chosen = _choose([h for h in hits if not h.key.short or h.key.entity in strong
                              or h.key.entity in named])
        return scan, chosen

    @functools.lru_cache(maxsize=256)  # noqa: B019 - gazetteers live as long as a build
    def _first_pass(self, text: str, lang: Lang) -> tuple[_Scan, list[_Hit], list[_Hit]]:
        """A text's hits that pass every rule, and the leftmost-longest choice among them.

        Cached (the lists are never changed): names_in_blocks scans a body's blocks before
        find annotates them one by one.
        """
        automaton = self._automata[lang]
        if automaton is None or not text:
            return _NOTHING, [], []
        scan = _Scan.of(text, lang)
        hits = _hits(scan, automaton, self._keys[lang])
        if any(h.key.generic_org for h in hits):
            adjective_starts = {h.start for h in hits if h.key.kind == "adjective"}
            hits = [h for h in hits if not (h.key.generic_org and _names_another_body(
                h, scan.haystack, scan.norm, text, adjective_starts))]
        return scan, hits, _choose(hits)

    def names_in_blocks(self, blocks: Sequence[str], lang: Lang) -> frozenset[str] | None:
        """names_in of a text made of `blocks` separated by blank lines, block by block.

        The same set as names_in over the whole text (no hit spans a paragraph break), from
        the passes find reuses for the blocks; None when a hit sits at a block's edge with a
        rule that looks at the next or previous word (the caller then scans the whole text).
        """
        passes = [self._first_pass(block, lang) for block in blocks]
        for i, (scan, hits, _) in enumerate(passes):
            haystack = scan.haystack
            for h in hits:
                if (i + 1 < len(passes) and (h.key.continuations or h.key.generic_org)
                        and not haystack[h.end:].strip(" ")):
                    return None  # the next word is in the next block
                if i and not haystack[:h.start].strip(" "):
                    before = passes[i - 1][0].haystack.rstrip(" ")
                    if not before or before.rsplit(" ", 1)[-1] in COMPOUND_HEADS:
                        return None  # the previous word is in an earlier block
        strong = {h.key.entity for _, _, chosen in passes for h in chosen
                  if h.key.kind == "name" and not h.key.short}
        names: set[str] = set()
        for _, hits, chosen in passes:
            if any(h.key.short and h.key.entity not in strong for h in chosen):
                chosen = _choose([h for h in hits if not h.key.short or h.key.entity in strong])
            names.update(h.key.entity for h in chosen if h.key.kind == "name")
        return frozenset(names)

    def names_in(self, text: str, lang: Lang) -> frozenset[str]:
        """Entities named in `text` by a full (not short) name: pass them as `named`."""
        return frozenset(h.key.entity for h in self._chosen(text, lang, ())[1]
                         if h.key.kind == "name")


def _aliases(entity: Entity, lang: str) -> Iterable[tuple[str, MentionKind, str]]:
    """(alias, kind, field) of one entity in one language, the name first."""
    if lang == "ar":
        yield entity.name.ar, "name", "name.ar"
        yield from ((a, "name", "aliases.ar") for a in entity.aliases_ar)
        yield from ((a, "adjective", "adjectives.ar") for a in entity.adjectives_ar)
    else:
        yield entity.name.en, "name", "name.en"
        yield from ((a, "name", "aliases.en") for a in entity.aliases_en)


def _normal_key(alias: str) -> str:
    """The match key of an alias: normalised, hyphens as spaces, single spaces, no ends."""
    return re.sub(" +", " ", _match_key(normalize(alias))).strip()


def _adjective_forms(key: str) -> list[tuple[str, bool]]:
    """Other forms of an adjective: (key, needs tanwin).

    Every adjective also comes with and without ال (الروس / مراقبين روس). A nisba (every
    word ending in ي) also gets its feminine (ة, folded to ه), its sound plurals (ون، ين)
    and its indefinite accusative with tanwin (روسياً → روسيا), the one form that needs
    the tanwin the names' guard rejects.
    """
    bases = [w.removeprefix("ال") for w in key.split(" ")]
    nisba = all(b.endswith("ي") and len(b) >= 3 for b in bases)
    suffixes = ("", "ه", "ون", "ين") if nisba else ("",)
    forms = [
        (" ".join(article + b + suffix for b in bases), False)
        for article in ("", "ال")
        for suffix in suffixes
    ]
    if nisba:
        forms.append((" ".join(b + "ا" for b in bases), True))
    return forms


def _collect(
    entities: Sequence[Entity], lang: str, warnings: list[Problem]
) -> dict[str, tuple[_Key, ...]]:
    """Normalised match key -> its _Keys, ambiguous and common-word aliases removed.

    Aliases as written win over forms derived from adjectives: a derived form that another
    entity spells out, or that two entities derive, is dropped without a warning.
    """
    written: dict[str, dict[str, tuple[_Key, Entity, str]]] = defaultdict(dict)
    derived: dict[str, dict[str, _Key]] = defaultdict(dict)
    for entity in entities:
        own_name = _normal_key(entity.name.get(lang))
        for alias, kind, source in _aliases(entity, lang):
            key = _normal_key(alias)
            if not key:
                continue
            if key in COMMON_WORDS:
                warnings.append(_warning(entity, source, f"alias {alias!r} is the common word "
                                         f"{key!r}; it is never matched",
                                         "remove it, or give a longer form"))
                continue
            acronym = lang == "en" and alias.isupper() and _letters(key) <= ACRONYM_LETTERS
            item = _Key(
                entity=entity.id, kind=kind, alias=alias,
                # an acronym in capitals (US, UN) is distinctive enough to stand alone
                short=(" " not in key and _letters(key) <= SHORT_LETTERS and key != own_name
                       and not acronym),
                generic_org=entity.type == "organisation" and kind == "name" and _is_generic(key),
                lam=False, article=key.startswith("ال"), acronym=acronym, letters=_letters(key),
                written_tanwin=_TANWIN_AT_END_RE.search(alias) is not None,
            )
            held = written[key].get(entity.id)
            if held is None or (kind == "name" and held[0].kind != "name"):
                written[key][entity.id] = (item, entity, source)
            if kind == "adjective" and lang == "ar":
                for form, tanwin in _adjective_forms(key):
                    derived[form].setdefault(entity.id, replace(
                        item, article=form.startswith("ال"), letters=_letters(form),
                        short=" " not in form and _letters(form) <= SHORT_LETTERS,
                        tanwin=tanwin))
    table: dict[str, list[_Key]] = defaultdict(list)
    for key, owners in written.items():
        if len(owners) == 1:
            table[key].extend(item for item, _, _ in owners.values())
            continue
        ids = sorted(owners)
        for ident in ids:
            item, entity, source = owners[ident]
            others = ", ".join(i for i in ids if i != ident)
            warnings.append(_warning(entity, source, f"alias {item.alias!r} is also an alias "
                                     f"of {others}; it is never matched",
                                     "keep it on one entity, or make it longer"))
    for key, owners in derived.items():
        (ident, item), *rest = owners.items()
        if rest or set(written.get(key, {})) - {ident}:
            continue
        if not any(k.entity == ident and k.tanwin == item.tanwin for k in table[key]):
            table[key].append(item)
    follows: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key, items in table.items():
        first, _, rest = key.partition(" ")
        for item in items:
            if rest and item.kind == "name":
                follows[(item.entity, first)].add(rest.split(" ")[0])
    for key, items in table.items():
        table[key] = [replace(item, continuations=frozenset(follows[(item.entity, key)]))
                      if item.short else item for item in items]
    if lang == "ar":
        lam = [(key[1:], replace(item, lam=True))
               for key, items in table.items() for item in items if item.article]
        for key, item in lam:
            table[key].append(item)
    return {key: tuple(items) for key, items in table.items() if items}


def _warning(entity: Entity, source: str, message: str, hint: str) -> Problem:
    """A gazetteer warning located at the entity's file."""
    return Problem(entity.path, 1, f"{source}: {message}", hint, severity="warning")


def _automaton(table: dict[str, tuple[_Key, ...]]) -> ahocorasick.Automaton | None:
    """An Aho-Corasick automaton of the table's keys (None when there are none)."""
    if not table:
        return None
    automaton = ahocorasick.Automaton()
    for key in table:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


@dataclass(frozen=True)
class _Scan:
    """One text being matched, with what the rules ask of it more than once."""

    text: str
    norm: Normalized
    haystack: str
    lang: str
    # Whole-text checks done once, so the rules below skip their search on most hits.
    breaks: bool  # a paragraph break somewhere in the text
    tanwin: bool  # a tanwin mark somewhere in the text
    heads: bool  # a compound head (شبه) somewhere in the haystack

    @classmethod
    @functools.lru_cache(maxsize=256)  # both gazetteers scan each block (after names_in_blocks)
    def of(cls, text: str, lang: str) -> _Scan:
        """Normalise `text` and look it over once."""
        norm = normalize_with_map(text)
        haystack = _match_key(norm.text)
        return cls(text, norm, haystack, lang,
                   breaks="\n" in text and _PARAGRAPH_BREAK_RE.search(text) is not None,
                   tanwin=_TANWIN_RE.search(text) is not None,
                   heads=any(head in haystack for head in COMPOUND_HEADS))


_NOTHING = _Scan.of("", "ar")


def _hits(scan: _Scan, automaton: ahocorasick.Automaton, table: dict[str, tuple[_Key, ...]]
          ) -> list[_Hit]:
    """Every hit of every key that passes the rules."""
    haystack = scan.haystack
    size = len(haystack)
    hits: list[_Hit] = []
    for last, key in automaton.iter(haystack):
        end = last + 1
        if end < size and _same_word(haystack[last], haystack[end]):
            continue  # not at a word end
        start = end - len(key)
        for item in table[key]:
            begin = _word_begin(haystack, start, item, scan.lang)
            if begin is not None and (span := _passes(scan, begin, start, end, item)):
                hits.append(_Hit(begin, end, item, *span))
    return hits


def _word_begin(haystack: str, start: int, item: _Key, lang: str) -> int | None:
    """Where the whole word of a hit begins (before its clitics), or None if it may not."""
    if lang != "ar":
        return start if _word_start(haystack, start) else None
    if item.lam:
        if start == 0 or haystack[start - 1] != "ل":
            return None
        start -= 1
    if _word_start(haystack, start):
        begin = start
    elif start >= 1 and _word_start(haystack, start - 1):
        begin = start - 1
    elif start >= 2 and _word_start(haystack, start - 2):
        begin = start - 2
    else:
        return None  # the hit is inside a word, not after clitics
    if begin == start:
        return begin  # no clitic: every rule allows that
    prefix = haystack[begin:start]
    allowed = (
        _PREFIXES_LAM if item.lam
        else _PREFIXES_ADJECTIVE if item.kind == "adjective" and not item.article
        else _PREFIXES_ARTICLE if item.article else _PREFIXES_BARE
    )
    if prefix not in allowed:
        return None
    if "ك" in prefix and not item.article and item.letters < 4:
        return None  # كسول is "lazy", not ك + سول
    return begin


def _passes(scan: _Scan, begin: int, start: int, end: int, item: _Key
            ) -> tuple[int, int] | None:
    """The context rules of the module docstring, for one hit: its original span if it
    passes, else None."""
    norm, text, haystack = scan.norm, scan.text, scan.haystack
    a, b = span = norm.span(begin, end)
    if scan.breaks and _PARAGRAPH_BREAK_RE.search(text, a, b):
        return None
    if item.continuations:
        following = _NEXT_WORD_RE.match(haystack, end)
        if following and following.group(1) in item.continuations:
            return None  # كيم جونغ إيل: another person who shares the short name
    if scan.lang == "en":
        return span if not item.acronym or text[a:b] == item.alias else None
    surface = text[norm.offset(start):b]
    tanwin = scan.tanwin and _has_tanwin(surface) and _TANWIN_AT_END_RE.search(surface) is not None
    if tanwin != item.tanwin and (item.kind == "name" or item.tanwin) and not item.written_tanwin:
        return None
    if _is_folded_word(surface):
        return None
    if scan.heads and begin > 0 and haystack[begin - 1] == " ":
        previous = haystack[haystack.rfind(" ", 0, begin - 1) + 1 : begin - 1]
        if previous in COMPOUND_HEADS:
            return None
    return span


def _has_tanwin(surface: str) -> bool:
    """Whether a short string holds a tanwin mark (three substring tests beat a regex)."""
    return "\u064b" in surface or "\u064c" in surface or "\u064d" in surface


@functools.lru_cache(maxsize=4096)
def _is_folded_word(surface: str) -> bool:
    """Whether a surface is one of FOLDED_WORDS letter for letter (cached: names repeat)."""
    return _letters_as_written(surface) in FOLDED_WORDS


def _names_another_body(hit: _Hit, haystack: str, norm: Normalized, text: str,
                        adjective_starts: Collection[int]) -> bool:
    """Whether a generic organisation name is followed by an adjective naming another body.

    Blocked: a known demonym (the start of an adjective hit: مجلس الأمن الروسي), a word of
    BODY_ADJECTIVES (مجلس الأمن القومي), or, after a name that ends in a noun (مجلس الأمن،
    الأمم المتحدة), any nisba. A name that already ends in a nisba (المنتدى الاقتصادي
    الشرقي) keeps an ordinary one after it (السنوي "annual").
    """
    if haystack[hit.end : hit.end + 1] != " ":
        return False
    following = _ARABIC_WORD_RE.match(haystack, hit.end + 1)
    if following is None:
        return False
    word = following.group()
    if following.start() in adjective_starts or _masculine(word) in BODY_ADJECTIVES:
        return True
    last_word = haystack[hit.start : hit.end].rsplit(" ", 1)[-1]
    original = text[slice(*norm.span(*following.span()))]
    return not _is_nisba(last_word, last_word) and _is_nisba(word, original)


def _masculine(word: str) -> str:
    """A nisba's masculine form (الوطنيه → الوطني); other words unchanged."""
    return word[:-1] if word.endswith("يه") else word


def _letters_as_written(surface: str) -> str:
    """The Arabic letters of a surface, unfolded (marks, tatweel and controls dropped)."""
    return "".join(ch for ch in surface if _ARABIC_RE.match(ch))


def _choose(hits: Sequence[_Hit]) -> list[_Hit]:
    """Leftmost-longest, non-overlapping."""
    chosen: list[_Hit] = []
    reach = 0
    for hit in sorted(hits, key=lambda h: h.rank):
        if hit.start >= reach:
            chosen.append(hit)
            reach = hit.end
    return chosen


def _mention(hit: _Hit, text: str, lang: str) -> Mention:
    """The Mention of a chosen hit, in original offsets (possessive 's included)."""
    start, end = hit.a, hit.b
    if lang == "en" and text[end : end + 2].lower() in _POSSESSIVES and (
        end + 2 == len(text) or not _OTHER_RE.match(text[end + 2])
    ):
        end += 2
    return Mention(hit.key.entity, start, end, text[start:end], hit.key.kind)
