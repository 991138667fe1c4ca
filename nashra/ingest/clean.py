"""Cleaning one raw article: debris removed, header found, blocks kept (`clean`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from nashra.ingest.debris import (
    _NAV,
    _SOCIAL,
    Removed,
    _credit_lines,
    _date_words_only,
    _is_paragraph,
    _kept,
    _line_rule,
    _ranked_lists,
    _related_cut,
    _summary,
    _teaser_titles,
    _tweet_texts,
)
from nashra.ingest.header import (
    _PLACES,
    _byline,
    _choose_outlet,
    _date_candidates,
    _evidence,
    _interview_outlet,
    _is_heading,
    _is_headline,
    _line_signal,
    _looks_like_name,
    _pull_quote_statement,
    _same_text,
    _Signal,
    _split_title,
    repeats_article,
    split_dateline,
)
from nashra.ingest.lines import (
    Block,
    CleanArticle,
    _fold,
    _last_mark,
    _Line,
    _rx,
    _segments,
    _words,
)
from nashra.ingest.masthead import page_outlet
from nashra.ingest.outlets import Outlet, find_outlet, fold_name, named_outlet
from nashra.ingest.pubdate import Layout, _full_dates, publication_date

# Lines whose dates are never the article's: embedded posts, comments, lists of other articles.
_UNDATED_RULES = frozenset({"tweet", "related-news", "teaser", "comments"})

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
    removed = _ranked_lists(lines, _related_cut(lines, removed))
    removed = _teaser_titles(lines, removed)
    removed = _tweet_texts(lines, removed)
    removed, points = _summary(lines, removed)
    removed = _trailing_tags(lines, _editor_credits(lines, _credit_lines(lines, removed)))
    removed = _closing_name(lines, _share_runs(lines, removed))
    return _section_label(lines, removed), points


def _section_label(lines: Sequence[_Line], removed: Removed) -> Removed:
    """A lone section name above the headline ('سياسة', 'أخبار العالم') is a category label."""
    kept = _kept(lines, removed)
    if len(kept) >= 3 and 1 <= _segments(kept[0].text, _NAV) <= 2 and _is_headline(kept[1].text):
        return removed | {kept[0].no: "category"}
    return removed


def _editor_credits(lines: Sequence[_Line], removed: Removed) -> Removed:
    """'عبدالناصر منعم/ مصطفى بدر الدين' after the last paragraph: the desk's editors."""
    kept = _kept(lines, removed)
    last = max((i for i, ln in enumerate(kept) if _is_paragraph(ln.text)), default=None)
    if last is None:
        return removed
    extra = {ln.no: "credit" for ln in kept[last + 1:] if _desk_credit(ln.text)}
    return removed | extra


# 'تحرير: فلان / فلان', 'إعداد ومراجعة: ...': the desk's sign-off under the article.
_SIGNOFF = _rx(r"^(?:تحرير|إعداد|اعداد|مراجعة|تدقيق|ترجمة|متابعة|تنسيق|editing|edited by)"
               r"(?:\s+و(?:تحرير|إعداد|مراجعة|تدقيق|ترجمة))?\s*[:：\-–—]\s*")
_DESK_INITIALS = re.compile(r"^(?:[^\W\d_]{1,2}\s*\.\s*){1,3}[^\W\d_]{1,2}\.?$")


def _desk_credit(text: str) -> bool:
    """Editors' names joined by '/', with or without 'تحرير:', or the desk's initials ('ع.ف')."""
    if _DESK_INITIALS.match(text.strip()):
        return True
    signed = _SIGNOFF.match(_fold(text))
    names = [p.strip() for p in _SIGNOFF.sub("", _fold(text)).split("/")]
    if signed:  # after the marker: short name-shaped parts, no digits, no sentence
        return all(1 <= len(_words(p)) <= 4 and not any(c.isdigit() for c in p)
                   and _last_mark(p) not in ".!؟?،," for p in names)
    return "/" in text and all(_looks_like_name(p) for p in names)


def _trailing_tags(lines: Sequence[_Line], removed: Removed) -> Removed:
    """Two or more short bare lines closing the text ('السعودية', 'اقتصاد السعودية'): tags."""
    kept = _kept(lines, removed)
    run: list[_Line] = []
    for line in reversed(kept):
        if len(_words(line.text)) > 3 or _last_mark(line.text) in ".!؟?…:،," or _is_paragraph(
                line.text):
            break
        run.append(line)
    if len(run) < 2 or len(run) == len(kept) or not any(_is_paragraph(ln.text) for ln in kept):
        return removed
    return removed | {ln.no: "tags" for ln in run}


def _closing_name(lines: Sequence[_Line], removed: Removed) -> Removed:
    """A reporter's name alone on the last line after the article ('ريهام سعيد')."""
    kept = _kept(lines, removed)
    if len(kept) >= 3 and _looks_like_name(kept[-1].text) and any(
            _is_paragraph(ln.text) for ln in kept[:-1]):
        return removed | {kept[-1].no: "byline"}
    return removed


def _share_runs(lines: Sequence[_Line], removed: Removed) -> Removed:
    """'Facebook', 'X' alone on the lines after a share row: its buttons, one per line."""
    extra: Removed = {}
    for prev, line in pairwise(lines):
        before = extra.get(prev.no) or removed.get(prev.no)
        after_share = before == "share" or (before and _segments(prev.text, _SOCIAL) == 1)
        if after_share and _segments(line.text, _SOCIAL) == 1:
            extra[line.no] = "share"
    return removed | extra


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


# A photo caption without a credit describes a scene: 'جانب من أشغال ...', 'مقر المصرف في
# طرابلس', 'مراجعون في أحد المراكز'. A sub-heading names a topic in a few words ('خيار عقلاني').
_CAPTION_OPENER = _rx(r"^(?:جانب من|جانبا من|لقطة|مشهد|منظر|صورة|صور|مقر|من داخل|من أمام|"
                      r"لحظة|أثناء|خلال)\s")
_SCENE = _rx(r"\s(?:في|أمام|داخل|قرب|وسط|غرب|شرق|شمال|جنوب|على هامش)\s")
_VERB_AFTER_NOUN = _rx(r"^ال\S+(?:\s+ال\S+)*\s+[يت]\S{2,}\s")


def _is_caption(text: str) -> bool:
    """A short scene description standing alone between paragraphs: an uncredited caption."""
    n = len(_words(text))
    if not (_is_heading(text) and 5 <= n <= 12) or _last_mark(text) in "؟?:：" or (
            _PULL_SPEAKER.match(text)):
        return False
    folded = _fold(text)
    return bool(_CAPTION_OPENER.match(folded) or _SCENE.search(folded)
                or _VERB_AFTER_NOUN.match(folded))


_PULL_SPEAKER = re.compile(r"^[^:：]{1,30}[:：]")


def _captions(body: Sequence[_Line]) -> Removed:
    """Caption-shaped lines after the first paragraph (a heading never closes the text)."""
    first = next((i for i, ln in enumerate(body) if _is_paragraph(ln.text)), None)
    if first is None:
        return {}
    rest = body[first + 1:]
    found = {ln.no: "photo-caption" for ln in rest if _is_caption(ln.text)}
    # Two or more heading-shaped lines: an article in sections, whose headings may be long
    # ('الحرب في السودان تدخل عامها الثالث'); only a caption's own opener still tells.
    if sum(1 for ln in rest[:-1] if _is_heading(ln.text)) >= 2:
        found = {no: r for no, r in found.items()
                 if _CAPTION_OPENER.match(next(ln.fold for ln in rest if ln.no == no))}
    return found


def _highlights(body: Sequence[_Line]) -> Removed:
    """'ما تفاصيل الاجتماع؟' and its one-line answer above the article: a Q&A highlight box.

    The answer repeats what the article says below; a question the text goes on to answer
    in its own paragraphs is kept.
    """
    removed: Removed = {}
    i = 0
    while i + 2 < len(body) and _last_mark(body[i].text) in "؟?" and len(
            _words(body[i].text)) <= 10:
        answer = body[i + 1]
        later = [ln.text for ln in body[i + 2:]]
        if len(_words(answer.text)) > 15 or not repeats_article(answer.text, later):
            break
        removed |= {body[i].no: "highlight", answer.no: "highlight"}
        i += 2
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


_HIJRI_DATE = re.compile(r"\d\s*هـ")
_BYLINE_START = re.compile(r"^(?:بقلم|كتب|كتبت|إعداد|اعداد|by)\b", re.I)
_TICKER = re.compile(r"^(?:عاجل|breaking|مباشر|live)\b|\d{1,2}:\d{2}|\.\.\.$|…$", re.I)


def _title_shaped(text: str) -> bool:
    """A headline candidate: 4+ words, no date, time, menu bar or ticker mark."""
    return (len(_words(text)) >= 4 and _is_headline(text) and not _full_dates(text)
            and not _HIJRI_DATE.search(text) and not _TICKER.search(text))
# A masthead's full name opens with the kind of outlet it is ('وكالة الأنباء ...', 'صحيفة ...').
_TAGLINE = _rx(r"^(?:وكالة|صحيفة|جريدة|موقع|قناة|شبكة|إذاعة|اذاعة|تلفزيون|مجلة|بوابة|مؤسسة)\s")
_OUTLET_PLACE = re.compile(r"^(?P<outlet>.{2,30}?)\s+من\s+(?P<place>\S+(?:\s\S+)?)\s*[:：]?$")
_OUTLET_REST = re.compile(r"^(?P<outlet>[^-–—/|]{2,30}?)\s*[-–—/|]\s*(?P<rest>[^-–—/|]{2,40})$")
_HANDLE = re.compile(r"\s*@?\w*@\w*\s*$|\s+@\w+\s*$")
_ROLE = re.compile(r"\s+(?:صحافي|صحافية|صحفي|صحفية|مراسل|مراسلة|محرر|محررة|كاتب|كاتبة)\s*$")
_NAME_PLACE = re.compile(r"^(?P<name>[^()]{3,40}?)\s*\((?P<place>[^()]{2,20})\)\s*$")
_INITIAL_NAME = re.compile(r"^[^\W\d_]\.\s*[^\W\d_]{2,}(?:\s[^\W\d_]{2,})?$")
_GENERIC_BY = frozenset(_fold(w) for w in ("متابعات", "وكالات", "خاص", "ديجيتال", "digital"))


def _name_line(text: str) -> str | None:
    """The person a byline-shaped line names: 'سارة المصري', 'خالد الشهري (جدة) x@', 'ب. عيسى'."""
    found = _byline(text.rstrip(" :："))
    if found:
        return found
    bare = _ROLE.sub("", _HANDLE.sub("", text.strip()))
    m = _NAME_PLACE.match(bare)
    if m:
        bare = m.group("name")
    if _looks_like_name(bare) or _INITIAL_NAME.match(bare):
        return bare.strip()
    return None


_SITE_WORD = _rx(r"^(?:وكالة|صحيفة|جريدة|موقع|قناة|شبكة|إذاعة|اذاعة|تلفزيون|تلفزيون|مجلة|بوابة|"
                 r"نيوز|news|أونلاين|اونلاين|online|برس|press|بوست|post|تايمز|times|تي في|tv|"
                 r"إف إم|fm|ميديا|media|عربي|عربية|24|نت|net|بالعربي|بالعربية|الآن|اليوم)$")
_COLON_CREDIT = re.compile(r"^[^:：\-–—]{2,30}[:：]\s*\S")


def _credited_person(text: str, credit: str) -> str | None:
    """The reporter of 'الرباط: سعيد أمزيان' (a colon names a person; 'دبي - البيان' an outlet)."""
    if find_outlet(credit) or _fold(credit.strip()) in _GENERIC_BY:
        return None
    name = _name_line(credit)
    if name:
        return name
    words = _words(credit)
    if not 2 <= len(words) <= 3 or any(c.isdigit() for c in credit):
        return None
    if _COLON_CREDIT.match(text):
        return credit.strip(" .:،,")
    # 'المنامة - زهراء حبيب': a person's name has no article or outlet word ('بوابة الوسط',
    # 'السومرية نيوز', 'تلفزيون سوريا' are sites).
    folded = [_fold(w) for w in words]
    if not any(w.startswith("ال") or _SITE_WORD.match(w) for w in folded):
        return credit.strip(" .:،,")
    return None


@dataclass(frozen=True)
class _Head:
    """What the lines above the first paragraph hold."""

    title: _Line | None
    removed: Removed
    author: str | None = None
    place: str | None = None
    signals: tuple[_Signal, ...] = ()


def _head(kept: Sequence[_Line]) -> _Head:
    """Headline, outlet labels, bylines and section labels above the first paragraph, by shape."""
    first = next((i for i, ln in enumerate(kept) if _is_paragraph(ln.text) and not (
        _full_dates(ln.text) and _last_mark(ln.text) not in ".!؟?…")), len(kept))
    # A long headline (12+ words, no full stop) looks like a paragraph by length alone: the
    # headline may stand up to the first line that ends like a sentence.
    # A question is a headline's shape too ('هل ينتقم بوتين ...؟').
    loose = next((i for i, ln in enumerate(kept) if len(_words(ln.text)) >= 30 or (
        _is_paragraph(ln.text) and _last_mark(ln.text) in ".!…")), len(kept))
    zone = kept[:max(first, loose)]
    removed: Removed = {}
    signals: list[_Signal] = []
    author = place = None
    for line in zone:
        text = line.text.strip()
        outlet = find_outlet(text)
        m = _OUTLET_PLACE.match(text) or _OUTLET_REST.match(text)
        wire = split_dateline(text)
        if wire and len(_words(wire[2])) <= 3:  # 'الدوحة - قنا', 'دبي - البيان' alone on a line
            removed[line.no] = "dateline"
            place = place or wire[0]
            person = None if wire[1] else _credited_person(text, wire[2])
            signed = wire[1] or (named_outlet(wire[2]) if wire[2] and not person else None)
            author = author or person
            if signed:
                signals.append(_Signal(3, True, signed, _evidence(line, "dateline")))
        elif outlet:
            removed[line.no] = "outlet-label"
            signals.append(_Signal(0, True, outlet, _evidence(line, "outlet-label")))
        elif m and find_outlet(m.group("outlet")):
            removed[line.no] = "outlet-label"
            signals.append(_Signal(0, True, find_outlet(m.group("outlet")),
                                   _evidence(line, "outlet-label")))
            rest = m.groupdict().get("rest")
            if m.groupdict().get("place"):
                place = place or m.group("place")
            elif rest and _fold(rest.strip()) not in _GENERIC_BY and _name_line(rest):
                author = author or _name_line(rest)
        elif (name := _name_line(text)) and len(_words(text)) <= 7:
            removed[line.no] = "byline"
            author = author or name
            np = _NAME_PLACE.match(_HANDLE.sub("", text))
            if np and fold_name(np.group("place")) in _PLACES:
                place = place or np.group("place").strip()
    rest = [ln for ln in zone if ln.no not in removed]
    shaped = [ln for ln in rest if _title_shaped(ln.text)]
    while len(shaped) >= 2 and _TAGLINE.match(shaped[0].fold) and len(_words(shaped[0].text)) <= 5:
        removed[shaped[0].no] = "outlet-label"  # 'وكالة الأنباء ...' under the logo: a tagline
        shaped = shaped[1:]
    title = shaped[0] if shaped else None
    rest = [ln for ln in rest if ln.no not in removed]
    if title is None:  # a short headline, but never a one-word label ('سياسة', a site's name)
        pool = [ln for ln in kept if ln.no not in removed]
        title = pool[0] if len(pool) >= 2 and _is_headline(pool[0].text) and len(
            _words(pool[0].text)) >= 2 else None
    strict = {ln.no for ln in kept[:first]}
    if title is None:  # no headline: a lone word above the text is a label or the site's name
        removed |= {ln.no: "category" for ln in rest if ln.no in strict
                    and len(_words(ln.text)) == 1}
    for ln in rest:
        if title is not None and ln.no < title.no:
            removed[ln.no] = "category"  # section names, tags and labels above the headline
        elif (title is not None and ln.no > title.no and ln.no in strict
              and len(_words(ln.text)) <= 3):
            removed[ln.no] = "label"
    # A byline may follow the standfirst: name-shaped short lines among the first few after it.
    after = [ln for ln in kept if title is not None and ln.no > title.no][:4]
    for ln in after:
        name = None if ln.no in removed or _is_paragraph(ln.text) else _name_line(ln.text)
        if name and len(_words(ln.text)) <= 7 and (_HANDLE.search(ln.text) or _ROLE.search(
                _HANDLE.sub("", ln.text)) or _NAME_PLACE.match(ln.text) or _BYLINE_START.match(
                ln.text)):
            removed[ln.no] = "byline"
            author = author or name
    return _Head(title, removed, author, place, tuple(signals))


_WEEKDAY = r"(?:يوم\s+)?(?:ال)?(?:سبت|أحد|احد|اثنين|إثنين|ثلاثاء|أربعاء|اربعاء|خميس|جمعة)"
_STAMP_PLACE = re.compile(rf"^(?P<place>[^\W\d_]+(?:\s[^\W\d_]+)?)\s*[-–—،,]?\s*(?=\d|{_WEEKDAY})")


_HIJRI_WORDS = frozenset(_fold(w) for w in """محرم صفر ربيع الأول الاول الآخر الاخر الثاني جمادى
جمادي الأولى الاولى الآخرة الاخرة رجب شعبان رمضان شوال ذو ذي القعدة الحجة الموافق هـ م ميلادي
هجري""".split())


def _stamp_lines(body: Sequence[_Line]) -> Removed:
    """'الرياض 07 ربيع الأول 1446 هـ الموافق 10 سبتمبر 2024 م واس' under the headline: a city,
    a Gregorian and a Hijri date and at most an agency's name, and no sentence: a stamp."""
    removed: Removed = {}
    for line in body[:2]:
        m = _STAMP_PLACE.match(line.text)
        if not (m and fold_name(m.group("place")) in _PLACES and _full_dates(line.text)
                and _HIJRI_DATE.search(line.text)):
            continue
        rest = [w for w in re.split(r"[\s،,\-–—|/()]+", _fold(line.text[m.end():])) if w]
        other = [w for w in rest if not (any(c.isdigit() for c in w) or w in _HIJRI_WORDS
                                         or _date_words_only(w + " 1"))]
        if len(other) <= 2:
            removed[line.no] = "timestamp"
    return removed


def _stamp_place(lines: Sequence[_Line], first_body: int | None) -> str | None:
    """'مأرب - الأحد 13 أكتوبر 2024 م الموافق ...', 'الرياض 07 ربيع الأول 1446 هـ': the place a
    header stamp line opens with (Gregorian and Hijri dates after a known city)."""
    for line in lines:
        if first_body is not None and line.no >= first_body:
            break
        m = _STAMP_PLACE.match(line.text)
        if m and fold_name(m.group("place")) in _PLACES and (
                _full_dates(line.text) or _HIJRI_DATE.search(line.text)):
            return m.group("place")
    return None


_FIRST_SENTENCE = re.compile(r"^(?P<s>.{20,200}?[.!؟?])(?:\s|$)")


def _proposed_title(blocks: Sequence[Block]) -> str | None:
    """A headline proposal from the first sentence of the first paragraph (for the editor)."""
    first = next((b.text for b in blocks if not b.heading), None)
    if first is None:
        return None
    m = _FIRST_SENTENCE.match(first)
    sentence = m.group("s") if m else first
    words = sentence.split()
    return " ".join(words[:14]).rstrip("،,.؛:") + ("…" if len(words) > 14 else "")


def clean(text: str) -> CleanArticle:
    """Raw scraped article text -> headline, byline, dateline, outlet, paragraphs and dates."""
    lines = _split_lines(text)
    removed, points = _debris(lines)
    byline_removed, author = _bylines(_kept(lines, removed))
    removed |= byline_removed
    head = _head(_kept(lines, removed))
    removed |= head.removed
    author = author or head.author
    paragraphs = [ln.no for ln in _kept(lines, removed) if _is_paragraph(ln.text)]
    page, page_line, closing = page_outlet(lines, removed, head.title,
                                           paragraphs[-1] if paragraphs else None)
    removed |= closing
    kept = _kept(lines, removed)
    title_line = head.title
    title, title_author, title_outlet = _split_title(title_line.text) if title_line else (
        None, None, None)
    removed |= _header(title_line, kept[1:] if title_line else kept)
    removed |= _pull_quotes(_kept(kept[1:] if title_line else kept, removed))
    removed |= _stamp_lines(_kept(kept[1:] if title_line else kept, removed))
    removed |= _captions(_kept(kept[1:] if title_line else kept, removed))
    removed |= _highlights([ln for ln in lines if (title_line is None or ln.no > title_line.no)
                            and removed.get(ln.no) in (None, "label")])
    body = _blocks(_kept(kept[1:] if title_line else kept, removed))
    removed |= dict.fromkeys(body.removed, "dateline")

    dateline = body.dateline or head.place or _stamp_place(
        lines, body.blocks[0].line if body.blocks else None)
    extra: list[_Signal] = []
    labels = {fold_name(ln.text) for ln in lines if removed.get(ln.no) in ("category",
                                                                             "outlet-label")}
    if body.dateline and not body.agency and fold_name(body.dateline) in labels:
        # 'عمون - أعلنت ...' under a masthead 'عمون': the site signs the text, no place is named
        dateline = head.place
        signed = named_outlet(body.dateline)
        if signed and body.dateline_line:
            extra.append(_Signal(3, True, signed, _evidence(body.dateline_line, "signature")))
    if page and page_line:
        extra.append(_Signal(1, True, page, _evidence(page_line, "masthead")))
    signals = sorted([*head.signals, *extra,
                      *_signals(lines, removed, title_line, title_outlet, body)],
                     key=lambda s: s.rank)
    outlet, original = _choose_outlet(signals)
    by_no = {ln.no: ln for ln in lines}
    dated = [by_no[no].text for no, rule in removed.items()
             if rule in ("timestamp", "tweet", "byline")]
    blocks = [b for b in body.blocks if not b.heading]
    layout = Layout(
        title=title_line.no if title_line else None,
        first_body=body.blocks[0].line if body.blocks else None,
        last_body=body.blocks[-1].line if body.blocks else None,
        lead=tuple(b.line for b in blocks[:2]),
        lead_end=blocks[2].line if len(blocks) > 2 else None,
        ignored=frozenset(no for no, rule in removed.items() if rule in _UNDATED_RULES),
        bylines=frozenset(no for no, rule in removed.items() if rule == "byline"))
    date, date_evidence = publication_date(lines, layout)
    return CleanArticle(
        title=title, author=title_author or author, dateline=dateline,
        outlet=outlet,
        blocks=body.blocks, summary_points=points,
        date_candidates=_date_candidates([*([title] if title else []),
                                          *(b.text for b in body.blocks), *dated]),
        removed=tuple((no, rule, by_no[no].text) for no, rule in sorted(removed.items())),
        original_outlet=original, evidence=tuple(s.evidence for s in signals),
        date=date, date_evidence=date_evidence,
        proposed_title=None if title else _proposed_title(body.blocks))
