"""Names the archive mentions that the gazetteer lacks: candidates for new entities.

No Arabic NER model runs offline here (NOTES.md), so candidates come from the patterns
Arabic news writes names in, each checked against the gazetteer:
- people after a title or role (الرئيس، وزير الخارجية الروسي، المتحدث باسم الكرملين …): the
  descriptive words after the title (with ال, or باسم/لدى + a noun) are skipped and the next
  two or three words without ال are the name;
- organisations: a head noun (وكالة، لجنة، مجلس، حزب، جهاز، شركة …) and the words that
  name it (a run of words with ال, or of words without);
- places: a place word (مدينة، بلدة، إقليم، ميناء، نهر …), often after في/إلى/من, and the
  name after it;
- transliterated foreign names: two or three words without ال of which one has an ending
  Arabic words rarely have (-وف، -سكي، -فيتش، -ونغ …).
Candidates are grouped by their normalised form (spellings kept) and ranked by the number
of briefings that mention them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick

from nashra.link.gazetteer import Gazetteer
from nashra.model import Archive, Briefing
from nashra.text.arabic import normalize

CONTEXT = 45  # characters of context either side of a mention
_N = normalize

TITLES = frozenset(_N(w) for w in """
الرئيس الرئيسة رئيس رئيسة وزير وزيرة الوزير الوزيرة السفير السفيرة سفير المتحدث المتحدثة
متحدث الزعيم زعيم المستشار المستشارة مستشار الجنرال اللواء العميد العقيد الأدميرال الأمين أمين
حاكم الحاكم نائب النائب المحلل المحللة الباحث الباحثة الخبير الخبيرة المحاضر المحاضرة مدير مديرة
المدير المديرة الملك الأمير الشيخ السيناتور المبعوث المبعوثة المندوب المندوبة قائد القائد
الكاتب الكاتبة الصحفي الصحفية المراسل المراسلة البروفيسور الدكتور الدكتورة الأستاذ المفوض
المفوضة رئيس الوزراء نظيره نظيرته عضو مسؤول مسؤولة المسؤول المسؤولة المقرر المقررة
""".split())
# Words that may stand between a title and the name besides words with ال.
ROLE_LINKS = frozenset(_N(w) for w in "باسم لدى في شؤون العام العامة لشؤون".split())
ORG_HEADS = frozenset(_N(w) for w in """
وكالة لجنة مجلس حزب جهاز منظمة هيئة معهد مركز جامعة وزارة صندوق شركة بنك مؤسسة اتحاد جبهة
مجموعة تحالف أكاديمية
""".split())
PLACE_WORDS = frozenset(_N(w) for w in """
مدينة بلدة قرية منطقة إقليم مقاطعة محافظة ولاية جزيرة جزر ميناء منتجع قاعدة محطة نهر بحر جبل
مطار العاصمة عاصمة شبه
""".split())
STOPWORDS = frozenset(_N(w) for w in """
في من على إلى عن أن إن أنه إنه أنها إنها التي الذي الذين هذا هذه ذلك تلك مع ما لا لم لن قد كان
كانت هو هي هم بين بعد قبل حتى أو ثم كما بل غير عند منذ كل أي إذا حيث إذ لكن وقال قال قالت وقالت
أعلن أعلنت أكد أكدت يقول تقول خلال نحو حول ضد عبر لدى دون أيضا اليوم أمس غدا الذي إلا فيما بينما
وفق وفقا برفقة بشأن إزاء تجاه عام سنة يوم شهر أسبوع بلاده بلادها له لها مقابل
""".split())
# Endings of transliterated names that Arabic words rarely have (and تش inside a word:
# at its start it is a verb's prefix, تشير، تشمل).
FOREIGN = re.compile(r"(?:وف|يف|وفا|يفا|سكي|سكايا|فيتش|يتش|ينغ|ونغ|انغ|ييف|شفيلي|يانو|ينكو)$|.تش")
# Words that follow a name without being part of it (حزب العمال الكوري الحاكم).
AFTER_NAME = frozenset(_N(w) for w in """
الحاكم الحاكمة الجديد الجديدة الحالي الحالية السابق السابقة المقبل المقبلة الماضي الماضية
المعارض المعارضة الشهير الشهيرة الأخرى
""".split())
# Surname endings safe to look for on their own (Korean syllables like جونغ are not).
SURNAME = re.compile(r"(?:وف|يف|وفا|يفا|سكي|سكايا|فيتش|يتش|ييف|شفيلي|ينكو)$")
# Common foreign given names as Arabic outlets spell them: one opens a transliterated name.
GIVEN = frozenset(_N(w) for w in """
سيرغي سيرجي ديمتري دميتري يوري فلاديمير فولوديمير ألكسندر ألكسندر أليكسي أليكسندر إيلينا يلينا ماريا
أوليغ إيغور ميخائيل نيكولاي فاسيلي فياتشيسلاف أندريه بافل إيفان أنطون ماكسيم فيكتور بوريس
رمضان يفغيني إيفجيني غينادي ليونيد ناتاليا تاتيانا آنا جون جو جوزيف دونالد مايكل ديفيد روبرت جيمس
ويليام وليام ريتشارد توماس ماري ليندا جيك أنتوني كامالا هيلاري مارك بيتر بول كريستوفر ستيفن
إيمانويل أولاف أنغيلا شيغيرو تاكيشي يوشيهيدي فوميو شينزو
""".split())
_SENTENCE = re.compile(r"[.!?؟؛:«»\"“”()\[\]\n،,|–—\-\d٠-٩]+")
_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u064b-\u0652\u0640]+")
_CLITICS = ("و", "ف", "ب", "ل", "وب", "ول", "فب", "فل", "ك")
_CLITIC = re.compile(r"^(?:و|ف|ب|ل|وب|ول|فب|فل|ك)(?=\S{3,})")


@dataclass(frozen=True)
class Context:
    """One mention in context."""

    slug: str
    before: str
    match: str
    after: str


@dataclass(frozen=True)
class Suggestion:
    """A name the gazetteer lacks, with where and how it is written."""

    key: str  # normalised form
    kind: str  # person | organisation | place
    spellings: tuple[str, ...]  # as written, most frequent first
    briefings: tuple[str, ...]  # slugs, newest first
    mentions: int
    contexts: tuple[Context, ...]  # up to two, from different briefings where possible

    @property
    def name(self) -> str:
        """The most frequent spelling."""
        return self.spellings[0]


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    kind: str
    rule: int  # lower wins when two candidates overlap


class _W(NamedTuple):
    """One Arabic word: where it is, its normalised form, and what its spelling shows."""

    start: int
    end: int
    norm: str
    article: bool  # written with the article (ال، وال، بال، لل …), not أل of ألكسندر
    tanwin: bool  # an indefinite word: never a name (NOTES.md)


_ARTICLE = re.compile(r"^(?:[وف]?ب?ال|[وف]?لل)(?=\S{2})")


def _words(text: str) -> list[_W]:
    """The Arabic words of a text."""
    return [_W(m.start(), m.end(), _N(m.group(0)), bool(_ARTICLE.match(m.group(0))),
               bool(re.search("[\u064b-\u064d]", m.group(0)))) for m in _WORD.finditer(text)]


def _bare(w: _W) -> bool:
    """A word that can be part of a name: no article or tanwin, no pronoun suffix or ta
    marbuta (ه once normalised), not a function word, two letters or more."""
    stem = _strip_clitic(w.norm)
    return len(w.norm) >= 2 and not w.article and not w.tanwin \
        and (not w.norm.endswith("ه") or _foreign(w)) \
        and not {w.norm, stem} & (STOPWORDS | TITLES | ORG_HEADS | PLACE_WORDS)


def _foreign(w: _W) -> bool:
    """A word spelled as transliterated names are."""
    return bool(FOREIGN.search(w.norm)) or w.norm in GIVEN


def _strip_clitic(word: str) -> str:
    return _CLITIC.sub("", word)


def _run(words: Sequence[_W], i: int, most: int, test: Callable[[_W], bool]) -> int:
    """How many words from i on pass `test`, at most `most`."""
    n = 0
    while i + n < len(words) and n < most and test(words[i + n]):
        n += 1
    return n


def candidates(text: str) -> list[_Found]:
    """Candidate name spans in one piece of Arabic text (one sentence or clause)."""
    words = _words(text)
    found: list[_Found] = []
    for i, w in enumerate(words):
        stem = _strip_clitic(w.norm)
        head = stem if stem in (TITLES | ORG_HEADS | PLACE_WORDS) else w.norm
        if head in TITLES:
            j = i + 1
            while j < len(words) and j - i <= 6 and (words[j].article
                                                      or words[j].norm in ROLE_LINKS
                                                      or words[j].norm in TITLES):
                j += 1
            n = _run(words, j, 3, _bare)
            if n >= 2 or (n == 1 and _foreign(words[j])):
                found.append(_Found(words[j].start, words[j + n - 1].end, "person", 0))
        if head in ORG_HEADS and i + 1 < len(words):
            if words[i + 1].article:  # وكالة الفضاء الروسية
                n = _run(words, i + 1, 3, lambda x: x.article and x.norm not in STOPWORDS
                         and x.norm not in AFTER_NAME)
            else:  # شركة فوستوك إنترو; an indefinite noun is a description (لجنة خبراء)
                n = _run(words, i + 1, 2, _bare)
                n = n if any(_foreign(words[k]) for k in range(i + 1, i + 1 + n)) else 0
            if n:
                found.append(_Found(w.end - len(head), words[i + n].end, "organisation", 1))
        if head in PLACE_WORDS and i + 1 < len(words) and _bare(words[i + 1]) \
                and not words[i + 1].norm.endswith("يه"):  # قاعدة صناعية: an adjective
            n = 2 if i + 2 < len(words) and _bare(words[i + 2]) and _foreign(words[i + 2]) \
                and words[i + 2].norm not in GIVEN else 1
            found.append(_Found(words[i + 1].start, words[i + n].end, "place", 2))
        if w.norm in GIVEN:  # سيرغي لافروف، ديمتري بيسكوف
            n = _run(words, i + 1, 2, _bare)
            if n:
                found.append(_Found(w.start, words[i + n].end, "person", 3))
    i = 0
    while i < len(words):  # other transliterated names: bare words that all look foreign
        n = _run(words, i, 3, lambda x: _bare(x) and _foreign(x))
        if n >= 2:
            found.append(_Found(words[i].start, words[i + n - 1].end, "person", 4))
        i += max(n, 1)
    return found


def _choose(found: Iterable[_Found]) -> list[_Found]:
    """Non-overlapping candidates, the more specific rule first."""
    chosen: list[_Found] = []
    for f in sorted(found, key=lambda f: (f.rule, f.start)):
        if not any(f.start < c.end and c.start < f.end for c in chosen):
            chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)


def _texts(b: Briefing) -> list[str]:
    return [b.title, *((b.summary and [b.summary]) or []), b.body]


def _key(surface: str) -> str:
    """The grouping form: normalised, each word without a leading conjunction or preposition
    (the text is searched in the same form)."""
    return " ".join(_strip_clitic(w) for w in normalize(surface).split())


def discover(archive: Archive, gazetteer: Gazetteer) -> dict[str, str]:
    """Pass 1: the normalised names the patterns find and the gazetteer lacks -> kind."""
    kinds: defaultdict[str, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    known: dict[str, bool] = {}
    for b in archive.briefings:
        for text in _texts(b):
            for piece in _SENTENCE.split(text):
                found = _choose(candidates(piece))
                # a candidate that touches a name the gazetteer finds in its sentence is
                # (part of) a known name: "افتتحه كيم جونغ" of كيم جونغ أون
                names = [(m.start, m.end) for m in gazetteer.find(piece, "ar")
                         if m.kind == "name"] if found else []
                for f in found:
                    surface = piece[f.start:f.end]
                    key = _key(surface)
                    if len(key) < 3 or any(a < f.end and f.start < z for a, z in names):
                        continue
                    if key not in known:
                        known[key] = any(m.kind == "name" for m in gazetteer.find(surface, "ar"))
                    if not known[key]:
                        kinds[key][f.kind] += 1
    return {k: max(v.items(), key=lambda kv: (kv[1], kv[0]))[0] for k, v in kinds.items()}


def _aliases(kinds: dict[str, str]) -> dict[str, str]:
    """Match form -> key: every key, and a person's transliterated surname on its own
    (لافروف for سيرغي لافروف) unless two people share it."""
    forms = {k: k for k in kinds}
    surnames: defaultdict[str, set[str]] = defaultdict(set)
    for k, kind in kinds.items():
        words = k.split()
        if kind == "person" and len(words) > 1 and len(words[-1]) >= 5 \
                and SURNAME.search(words[-1]):
            surnames[words[-1]].add(k)
    for last, keys in surnames.items():
        if len(keys) == 1:
            forms[last] = next(iter(keys))  # a surname found alone joins the full name
    return forms


def suggest(archive: Archive, gazetteer: Gazetteer) -> list[Suggestion]:
    """Every candidate name the gazetteer does not know, most widely mentioned first.

    Pass 1 finds names by their patterns; pass 2 counts every mention of each (also where
    no pattern stands around it), so the ranking is by the briefings that name it."""
    kinds = discover(archive, gazetteer)
    if not kinds:
        return []
    forms = _aliases(kinds)
    automaton = ahocorasick.Automaton()
    for form, key in forms.items():
        automaton.add_word(f" {form} ", (form, key))
    automaton.make_automaton()
    slugs: defaultdict[str, list[str]] = defaultdict(list)
    spellings: defaultdict[str, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    contexts: defaultdict[str, list[Context]] = defaultdict(list)
    for b in archive.briefings:  # newest first
        for text in _texts(b):
            words = _words(text)
            joined, starts = " ", {}
            for i, w in enumerate(words):
                starts[len(joined)] = i
                joined += _strip_clitic(w.norm) + " "
            for end, (form, key) in automaton.iter(joined):
                first = starts[end - len(form) - 1 + 1]
                last = first + form.count(" ")
                a, z = words[first].start, words[last].end
                if _SENTENCE.search(text, a, z):
                    continue  # the words are not one phrase
                surface = text[a:z]
                if b.slug not in slugs[key]:
                    slugs[key].append(b.slug)
                spellings[key][surface] += 1
                # two contexts, from two briefings where the name is in two
                if len(contexts[key]) < 3 and (len(contexts[key]) < 1 or all(
                        c.slug != b.slug for c in contexts[key])):
                    contexts[key].append(Context(
                        b.slug, text[max(0, a - CONTEXT):a].replace("\n", " "), surface,
                        text[z:z + CONTEXT].replace("\n", " ")))
    found = []
    for key, where in slugs.items():
        seen = spellings[key]
        total = sum(seen.values())
        # a spelling that is another one with a clitic before it (ولافروف) is not listed
        seen = {x: n for x, n in seen.items()
                if not any(x == c + y for y in seen for c in _CLITICS)}
        full = [s for s in seen if _key(s) == key] or list(seen)
        found.append(Suggestion(
            key=key, kind=kinds[key],
            spellings=tuple(sorted(full, key=lambda s: (-seen[s], s))) + tuple(
                sorted((s for s in seen if s not in full), key=lambda s: (-seen[s], s))),
            briefings=tuple(where), mentions=total, contexts=_two(contexts[key])))
    return sorted(found, key=lambda s: (-len(s.briefings), -s.mentions, s.key))


def _two(found: Sequence[Context]) -> tuple[Context, ...]:
    """Two contexts, from two briefings when there are."""
    distinct = [c for i, c in enumerate(found) if all(c.slug != d.slug for d in found[:i])]
    return tuple((distinct + [c for c in found if c not in distinct])[:2])


def unknown_by_briefing(suggestions: Iterable[Suggestion]) -> dict[str, list[str]]:
    """Slug -> the suggested names it mentions (for `nashra status`)."""
    by_slug: defaultdict[str, list[str]] = defaultdict(list)
    for s in suggestions:
        for slug in s.briefings:
            by_slug[slug].append(s.name)
    return dict(by_slug)
