"""Tests for nashra.link.gazetteer: every rule on a small constructed gazetteer, then a gold list."""

from __future__ import annotations

import csv
import dataclasses
import itertools
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nashra.build.pipeline import load_stage
from nashra.link.gazetteer import Gazetteer, Mention
from nashra.model import Entity, LangText
from nashra.text.arabic import normalize

ROOT = Path(__file__).parent.parent
GOLD = Path(__file__).parent / "fixtures" / "linking" / "gold.tsv"


def entity(ident: str, kind: str, ar: str, en: str, aliases_ar: tuple[str, ...] = (),
           aliases_en: tuple[str, ...] = (), adjectives: tuple[str, ...] = ()) -> Entity:
    """A test entity."""
    return Entity(ident, f"content/entities/{ident}.md", kind, LangText(ar, en),  # type: ignore[arg-type]
                  aliases_ar, aliases_en, adjectives)


PUTIN = entity("vladimir-putin", "person", "فلاديمير بوتين", "Vladimir Putin", ("بوتين",),
               ("Putin",))
KIM = entity("kim-jong-un", "person", "كيم جونغ أون", "Kim Jong Un",
             ("كيم جونج أون", "كيم"), ("Kim Jong-un", "Kim"))
XI = entity("xi-jinping", "person", "شي جين بينغ", "Xi Jinping", ("شي",), ("Xi",))
KHAMENEI = entity("ali-khamenei", "person", "علي خامنئي", "Ali Khamenei", ("علي",))
RUSSIA = entity("russia", "country", "روسيا", "Russia", ("روسيا الاتحادية",),
                ("Russian Federation",), ("الروسي", "الروس"))
NORTH_KOREA = entity("north-korea", "country", "كوريا الشمالية", "North Korea",
                     ("جمهورية كوريا الديمقراطية الشعبية",), ("DPRK",), ("الكوري الشمالي",))
SOUTH_KOREA = entity("south-korea", "country", "كوريا الجنوبية", "South Korea", (),
                     (), ("الكوري الجنوبي",))
UNITED_STATES = entity("united-states", "country", "الولايات المتحدة", "United States", (),
                       ("US", "U.S."), ("الأمريكي",))
PYONGYANG = entity("pyongyang", "place", "بيونغ يانغ", "Pyongyang", ("بيونج يانج", "بيونغيانغ"))
SEOUL = entity("seoul", "place", "سول", "Seoul", ("سيول", "سيئول"))
KYIV = entity("kyiv", "place", "كييف", "Kyiv", ("كيف",), ("Kiev",))
KREMLIN = entity("kremlin", "organisation", "الكرملين", "Kremlin")
UNSC = entity("un-security-council", "organisation", "مجلس الأمن الدولي", "UN Security Council",
              ("مجلس الأمن",), ("Security Council", "UNSC"))
US_NSC = entity("us-national-security-council", "organisation", "مجلس الأمن القومي الأمريكي",
                "US National Security Council", ("مجلس الأمن القومي",),
                ("National Security Council",))
AL_JAZEERA = entity("al-jazeera", "organisation", "الجزيرة نت", "Al Jazeera Net",
                    ("الجزيرة", "قناة الجزيرة"))
PENINSULA = entity("korean-peninsula", "place", "شبه الجزيرة الكورية", "Korean Peninsula")
UN = entity("united-nations", "organisation", "الأمم المتحدة", "United Nations")
FORUM = entity("eastern-economic-forum", "organisation", "المنتدى الاقتصادي الشرقي",
               "Eastern Economic Forum")
BRUCE = entity("bruce-klingner", "person", "بروس كلينجنر", "Bruce Klingner")
TASS = entity("tass", "organisation", "وكالة تاس", "TASS", ("تاس",))

ALL = (PUTIN, KIM, XI, KHAMENEI, RUSSIA, NORTH_KOREA, SOUTH_KOREA, UNITED_STATES, PYONGYANG,
       SEOUL, KYIV, KREMLIN, UNSC, AL_JAZEERA, UN, FORUM, TASS)
GAZETTEER = Gazetteer.build(ALL)


def found(text: str, lang: str = "ar", gazetteer: Gazetteer = GAZETTEER,
          **kwargs: object) -> list[tuple[str, str, str]]:
    """(surface, entity, kind) of every mention, checking the offsets on the way."""
    mentions = gazetteer.find(text, lang, **kwargs)  # type: ignore[arg-type]
    for m in mentions:
        assert isinstance(m, Mention) and m.surface == text[m.start : m.end]
    assert list(mentions) == sorted(mentions, key=lambda m: m.start)
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))
    return [(m.surface, m.entity, m.kind) for m in mentions]


def names(*pairs: tuple[str, str]) -> list[tuple[str, str, str]]:
    """Expected name mentions."""
    return [(surface, ident, "name") for surface, ident in pairs]


# --- Arabic -------------------------------------------------------------------------------

ARABIC_CASES = [
    # plain names, spelling variants, marks
    ("زار بوتين بيونغ يانغ", names(("بوتين", "vladimir-putin"), ("بيونغ يانغ", "pyongyang"))),
    ("وصل إلى بيونج يانج ثم بيونغيانغ", names(("بيونج يانج", "pyongyang"),
                                          ("بيونغيانغ", "pyongyang"))),
    ("زار سيئول وسيول", names(("سيئول", "seoul"), ("وسيول", "seoul"))),
    ("قال بوتينُ", names(("بوتينُ", "vladimir-putin"))),
    ("بوتــين", names(("بوتــين", "vladimir-putin"))),
    ("\u200fبوتين\u200f قال", names(("بوتين\u200f", "vladimir-putin"))),
    ("قال كيم جونغ-أون", names(("كيم جونغ-أون", "kim-jong-un"))),
    ("قال كيم جونغ أون", names(("كيم جونغ أون", "kim-jong-un"))),
    # attached proclitics: single, pairs, ل+ال written لل
    ("وبوتين وفبوتين", names(("وبوتين", "vladimir-putin"))),  # فب+و is not a clitic pair
    ("لبيونغ يانغ وببيونغ يانغ", names(("لبيونغ يانغ", "pyongyang"),
                                     ("وببيونغ يانغ", "pyongyang"))),
    ("للكرملين وللكرملين فللكرملين", names(("للكرملين", "kremlin"), ("وللكرملين", "kremlin"),
                                          ("فللكرملين", "kremlin"))),
    ("بالكرملين وبالكرملين كالكرملين", names(("بالكرملين", "kremlin"),
                                            ("وبالكرملين", "kremlin"),
                                            ("كالكرملين", "kremlin"))),
    ("لالكرملين", []),  # ل before ال is always written لل
    ("لكرملين", []),  # ...and لل needs its second ل
    # whole words only
    ("البوتينية وبوتينيون", []),
    ("سول مدينة كبيرة والرسول والطالب كسول", names(("سول", "seoul"))),
    ("سول مدينة كبيرة ولسول وبسول", names(("سول", "seoul"), ("ولسول", "seoul"),
                                         ("وبسول", "seoul"))),
    # the tanwin guard: an indefinite adjective is not the name
    ("قدمت روسيا تعهداً روسياً", [("روسيا", "russia", "name"), ("روسياً", "russia", "adjective")]),
    ("دعم روسيًا واضح", [("روسيًا", "russia", "adjective")]),
    ("دعم روسيا واضح", names(("روسيا", "russia"))),
    # على is never the name علي, whatever the gazetteer says
    ("قال علي خامنئي إن الهجوم على إيران خطأ، وعلى الجميع أن يسمع علي",
     names(("علي خامنئي", "ali-khamenei"), ("علي", "ali-khamenei"))),
    # شيء ("thing") folds onto شي (Xi): spelled شيء / شئ it is never the name
    ("قال شي جين بينغ إنه لا شيء يمنع، ولا شئ، وقال شي", names(
        ("شي جين بينغ", "xi-jinping"), ("شي", "xi-jinping"))),
    # a short name followed by the rest of ANOTHER name of the same family
    ("كيم جونغ أون ووالده كيم جونغ إيل وكيم", names(
        ("كيم جونغ أون", "kim-jong-un"), ("وكيم", "kim-jong-un"))),
    # Egyptian spelling: final ي written ى everywhere
    ("التقى الرئيس الروسى بوتين بالزعيم الكورى الشمالى كيم جونج أون فى بيونج يانج", [
        ("الروسى", "russia", "adjective"), ("بوتين", "vladimir-putin", "name"),
        ("الكورى الشمالى", "north-korea", "adjective"), ("كيم جونج أون", "kim-jong-un", "name"),
        ("بيونج يانج", "pyongyang", "name")]),
    # كيف is never Kyiv
    ("كيف ستتصرف كييف؟", names(("كييف", "kyiv"))),
    # short aliases need the full name in the same text
    ("قال كيم إن بوتين", names(("بوتين", "vladimir-putin"))),
    ("قال كيم جونغ أون ثم قال كيم لكيم", names(("كيم جونغ أون", "kim-jong-un"),
                                            ("كيم", "kim-jong-un"), ("لكيم", "kim-jong-un"))),
    ("التقى بوتين شي", names(("بوتين", "vladimir-putin"))),
    ("التقى بوتين شي جين بينغ ثم شي", names(("بوتين", "vladimir-putin"),
                                            ("شي جين بينغ", "xi-jinping"), ("شي", "xi-jinping"))),
    ("نقلت تاس", []),
    ("نقلت وكالة تاس ثم تاس", names(("وكالة تاس", "tass"), ("تاس", "tass"))),
    ("كيم جونغ\n\nأون", []),  # a name never runs across paragraphs
    # مجلس الأمن: leftmost-longest, and a nisba after a generic organisation name
    ("قرار مجلس الأمن الدولي", names(("مجلس الأمن الدولي", "un-security-council"))),
    ("قرار مجلس الأمن التابع للأمم المتحدة", names(("مجلس الأمن", "un-security-council"),
                                                 ("للأمم المتحدة", "united-nations"))),
    ("اجتماع مجلس الأمن الطارئ", names(("مجلس الأمن", "un-security-council"))),
    ("قرار مجلس الأمن الأخير", names(("مجلس الأمن", "un-security-council"))),
    ("مجلس الأمن القومي", []),
    ("مجلس الأمن الروسي", [("الروسي", "russia", "adjective")]),
    ("مجلس الأمن القومي الكوري الشمالي", [("الكوري الشمالي", "north-korea", "adjective")]),
    ("برنامج الأمم المتحدة الإنمائي", []),
    ("على هامش المنتدى الاقتصادي الشرقي السنوي", names(("المنتدى الاقتصادي الشرقي",
                                                      "eastern-economic-forum"))),
    ("المنتدى الاقتصادي الشرقي الروسي", [("الروسي", "russia", "adjective")]),
    # الجزيرة نت vs شبه الجزيرة
    ("قال للجزيرة نت إن الجزيرة تبث", names(("للجزيرة نت", "al-jazeera"),
                                            ("الجزيرة", "al-jazeera"))),
    ("في شبه الجزيرة وفي شبه الجزيرة العربية", []),
    # ب + روس inside بروس (Bruce): a bare adjective takes only و / ف
    ("كتب بروس كلينجنر أن روسيا", names(("روسيا", "russia"))),
    ("بحسب مراقبين روس وروس في روسيا", [("روس", "russia", "adjective"),
                                          ("وروس", "russia", "adjective"),
                                          ("روسيا", "russia", "name")]),
    ("قال دينيس روس", []),  # short: no Russia named
    # adjectives, written and derived
    ("الزعيم الكوري الشمالي والرئيس الروسي", [("الكوري الشمالي", "north-korea", "adjective"),
                                              ("الروسي", "russia", "adjective")]),
    ("الجنود الكوريين الشماليين والقوات الروسية والكوريون الشماليون",
     [("الكوريين الشماليين", "north-korea", "adjective"), ("الروسية", "russia", "adjective"),
      ("والكوريون الشماليون", "north-korea", "adjective")]),
    ("للروس وكالروسي وبالروسية", [("للروس", "russia", "adjective"),
                                   ("وكالروسي", "russia", "adjective"),
                                   ("وبالروسية", "russia", "adjective")]),
    ("مسؤول روسي وصواريخ روسية وبروسي", [("روسي", "russia", "adjective"),
                                          ("روسية", "russia", "adjective")]),
    ("التعاون الروسي ـ الكوري الشمالي", [("الروسي", "russia", "adjective"),
                                          ("الكوري الشمالي", "north-korea", "adjective")]),
    ("الكوريّة الشماليّة", [("الكوريّة الشماليّة", "north-korea", "adjective")]),
    # leftmost-longest between entities and within one
    ("روسيا الاتحادية", names(("روسيا الاتحادية", "russia"))),
    ("جمهورية كوريا الديمقراطية الشعبية", names(("جمهورية كوريا الديمقراطية الشعبية",
                                                 "north-korea"))),
    ("", []),
    ("نص بلا أسماء.", []),
]


@pytest.mark.parametrize(("text", "expected"), ARABIC_CASES, ids=[c[0][:40] for c in ARABIC_CASES])
def test_arabic(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


def test_longer_councils_win_when_they_are_entities() -> None:
    gazetteer = Gazetteer.build((UNSC, US_NSC, RUSSIA, UNITED_STATES))
    text = "قال مجلس الأمن القومي الأمريكي ومجلس الأمن القومي إن مجلس الأمن يجتمع"
    assert found(text, gazetteer=gazetteer) == names(
        ("مجلس الأمن القومي الأمريكي", "us-national-security-council"),
        ("ومجلس الأمن القومي", "us-national-security-council"),
        ("مجلس الأمن", "un-security-council"),
    )


@pytest.mark.parametrize(
    "text", ["مجلس الأمن القومي", "مجلس الأمن الروسي", "مجلس الأمن الوطني", "مجلس الأمن الإيراني"]
)
def test_only_the_un_council_known_never_matches_another_council(text: str) -> None:
    assert found(text, gazetteer=Gazetteer.build((UNSC,))) == []


def test_peninsula_wins_when_it_is_an_entity() -> None:
    gazetteer = Gazetteer.build((AL_JAZEERA, PENINSULA))
    assert found("في شبه الجزيرة الكورية", gazetteer=gazetteer) == names(
        ("شبه الجزيرة الكورية", "korean-peninsula"))


def test_named_lets_short_aliases_count() -> None:
    text = "وقال كيم لشي"
    assert found(text) == []
    assert found(text, named={"kim-jong-un", "xi-jinping"}) == names(
        ("كيم", "kim-jong-un"), ("لشي", "xi-jinping"))
    body = "قال كيم جونغ أون\n\nثم قال كيم"
    paragraph = body.split("\n\n")[1]
    assert found(paragraph) == []
    named = GAZETTEER.names_in(body, "ar")
    assert "kim-jong-un" in named
    assert found(paragraph, named=named) == names(("كيم", "kim-jong-un"))


# --- English ------------------------------------------------------------------------------

ENGLISH_CASES = [
    ("Putin's visit", names(("Putin's", "vladimir-putin"))),
    ("PUTIN’S visit", names(("PUTIN’S", "vladimir-putin"))),
    ("Vladimir Putin met Kim Jong-un", names(("Vladimir Putin", "vladimir-putin"),
                                             ("Kim Jong-un", "kim-jong-un"))),
    ("Kim Jong Un and Kim", names(("Kim Jong Un", "kim-jong-un"), ("Kim", "kim-jong-un"))),
    ("Kim smiled", []),  # short
    ("Kim Jong Un and his father Kim Jong Il; Kim said", names(
        ("Kim Jong Un", "kim-jong-un"), ("Kim", "kim-jong-un"))),
    ("the US told us", names(("US", "united-states"))),  # acronyms: capitals only
    ("the U.S. said", names(("U.S.", "united-states"))),
    ("Kyiv, Kiev and Kievan Rus", names(("Kyiv", "kyiv"), ("Kiev", "kyiv"))),
    ("the UN Security Council and the Security Council", names(
        ("UN Security Council", "un-security-council"),
        ("Security Council", "un-security-council"))),
    ("Russian Federation", names(("Russian Federation", "russia"))),
    ("Russians", []),
    ("Pyongyang-based", names(("Pyongyang", "pyongyang"))),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), ENGLISH_CASES, ids=[c[0][:40] for c in ENGLISH_CASES])
def test_english(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text, "en") == expected


# --- the gazetteer ------------------------------------------------------------------------


def test_warnings() -> None:
    messages = [(w.path, w.severity, w.message) for w in GAZETTEER.warnings]
    assert messages == [("content/entities/kyiv.md", "warning",
                         "aliases.ar: alias 'كيف' is the common word 'كيف'; it is never matched")]


def test_shared_alias_is_dropped_with_a_warning_on_both() -> None:
    north = dataclasses.replace(NORTH_KOREA, aliases_ar=("كوريا",))
    south = dataclasses.replace(SOUTH_KOREA, aliases_ar=("كوريا",))
    gazetteer = Gazetteer.build((north, south))
    assert sorted(w.path for w in gazetteer.warnings) == [
        "content/entities/north-korea.md", "content/entities/south-korea.md"]
    assert all("never matched" in w.message for w in gazetteer.warnings)
    assert found("زار كوريا ثم كوريا الشمالية", gazetteer=gazetteer) == names(
        ("كوريا الشمالية", "north-korea"))


def test_derived_forms_never_collide_loudly() -> None:
    # الكوري الشمالي and الكوري الجنوبي derive many forms; none is shared, none warned about.
    gazetteer = Gazetteer.build((NORTH_KOREA, SOUTH_KOREA))
    assert gazetteer.warnings == ()
    assert found("كوري جنوبي وكورية شمالية", gazetteer=gazetteer) == [
        ("كوري جنوبي", "south-korea", "adjective"), ("وكورية شمالية", "north-korea", "adjective")]


def test_gazetteer_is_immutable_and_order_independent() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        GAZETTEER.warnings = ()  # type: ignore[misc]
    text = " ".join(case[0] for case in ARABIC_CASES)
    reverse = Gazetteer.build(tuple(reversed(ALL)))
    assert reverse.find(text, "ar") == GAZETTEER.find(text, "ar")
    assert GAZETTEER.find(text, "ar") == GAZETTEER.find(text, "ar")


def test_alias_written_with_tanwin_is_exempt_from_the_guard() -> None:
    trigger = entity("event:summit", "organisation", "قمة", "Summit",
                     ("الرئيسان التقيا سابقاً",))
    gazetteer = Gazetteer.build((trigger, RUSSIA))
    assert found("وكان الرئيسان التقيا سابقاً في روسياً", gazetteer=gazetteer) == [
        ("الرئيسان التقيا سابقاً", "event:summit", "name"), ("روسياً", "russia", "adjective")]


def test_empty_gazetteer() -> None:
    assert Gazetteer.build(()).find("بوتين", "ar") == ()
    assert Gazetteer.build(()).warnings == ()


VOCABULARY = [
    "بوتين", "وبوتين", "لبوتين", "كيم", "كيم جونغ أون", "روسيا", "روسياً", "الروسي", "للروس",
    "روس", "بروس", "سول", "كسول", "على", "علي", "كيف", "كييف", "مجلس الأمن", "القومي",
    "الدولي", "الجزيرة", "شبه", "الكرملين", "للكرملين", "بيونغ يانغ", "بيونج", "يانغ", "قال",
    "في", "إن", "،", ".", "ـ", "\n", "\n\n", "\u200f", "ّ", "ً", "Putin", "Kim's",
]


@given(st.lists(st.sampled_from(VOCABULARY), max_size=30), st.sampled_from([" ", ""]))
def test_mentions_are_whole_ordered_and_normalise_to_an_alias(words: list[str], sep: str) -> None:
    text = sep.join(words) if sep == "" else " ".join(words)
    for lang in ("ar", "en"):
        mentions = GAZETTEER.find(text, lang)  # type: ignore[arg-type]
        assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))
        for m in mentions:
            assert m.surface == text[m.start : m.end]
            assert normalize(m.surface).strip() == normalize(m.surface)
            assert m.kind in ("name", "adjective")


@given(st.lists(st.lists(st.sampled_from(VOCABULARY[:-6]), min_size=1, max_size=8),
                max_size=6))
def test_names_in_blocks_is_names_in_or_declines(blocks: list[list[str]]) -> None:
    texts = [" ".join(words).strip() or "قال" for words in blocks]
    body = "\n\n".join(texts)
    for lang in ("ar", "en"):
        names = GAZETTEER.names_in_blocks(texts, lang)  # type: ignore[arg-type]
        assert names is None or names == GAZETTEER.names_in(body, lang)  # type: ignore[arg-type]


@pytest.mark.parametrize("blocks", [
    ["التقى كيم", "جونغ إيل في بيونغ يانغ"],  # the next word makes it another Kim
    ["قال إن شبه", "الجزيرة الكورية هادئة"],  # the previous word makes it a peninsula
    ["اجتمع مجلس الأمن", "القومي في واشنطن"],  # the next word makes it another council
])
def test_names_in_blocks_declines_when_a_rule_crosses_blocks(blocks: list[str]) -> None:
    assert GAZETTEER.names_in_blocks(blocks, "ar") is None
    assert GAZETTEER.names_in_blocks(blocks[:1], "ar") is not None


# --- the gold list --------------------------------------------------------------------------


def cleaned_paragraphs() -> dict[str, list[str]]:
    """Seed file name -> paragraphs of its cleaned article text.

    From content/briefings/*.ar.md when a briefing names the seed, else from ingest.clean
    (which is what a build publishes for a seed nobody has edited yet).
    """
    import frontmatter

    from nashra import ingest

    texts: dict[str, list[str]] = {}
    for path in sorted((ROOT / "content" / "briefings").glob("*.ar.md")):
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
        if post.get("seed"):
            blocks = [b.strip() for b in post.content.split("\n\n") if b.strip()]
            texts[str(post["seed"])] = [b.removeprefix("## ") for b in blocks]
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        if seed.name not in texts:
            article = ingest.clean(seed.read_text(encoding="utf-8"))
            texts[seed.name] = [b.text for b in article.blocks]
    return texts


def real_entities() -> tuple[Entity, ...]:
    """The entities of content/entities, loaded the way a build loads them."""
    return load_stage(ROOT)[0].entities


def score(gold: Counter[tuple[str, ...]], got: Counter[tuple[str, ...]]) -> tuple[float, float]:
    """Precision and recall of `got` against `gold` (multisets)."""
    hits = sum((gold & got).values())
    return hits / max(sum(got.values()), 1), hits / max(sum(gold.values()), 1)


def test_gold_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert any((ROOT / "content" / "entities").glob("*.md")), "no real gazetteer to measure"
    paragraphs = cleaned_paragraphs()
    with GOLD.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(
            (line for line in handle if not line.startswith("#")), delimiter="\t")]
    stale = [r for r in rows if r["surface"] not in paragraphs[r["seed"]][int(r["paragraph"])]]
    assert stale == [], "gold.tsv no longer matches the cleaned text: re-check these rows"
    gold: Counter[tuple[str, ...]] = Counter(
        (r["seed"], r["paragraph"], r["surface"], r["entity"], r["kind"]) for r in rows)
    gazetteer = Gazetteer.build(real_entities())
    got: Counter[tuple[str, ...]] = Counter()
    per_block: Counter[tuple[str, ...]] = Counter()
    for seed, blocks in paragraphs.items():
        body = "\n\n".join(blocks)
        starts = list(itertools.accumulate((len(b) + 2 for b in blocks), initial=0))
        for m in gazetteer.find(body, "ar"):
            index = max(i for i, s in enumerate(starts) if s <= m.start)
            got[(seed, str(index), m.surface, m.entity, m.kind)] += 1
        for index, block in enumerate(blocks):  # what a caller that ignores `named` gets
            for m in gazetteer.find(block, "ar"):
                per_block[(seed, str(index), m.surface, m.entity, m.kind)] += 1
    report = []
    for label, kinds in (("names", {"name"}), ("adjectives", {"adjective"}),
                         ("all", {"name", "adjective"})):
        g = Counter({k: v for k, v in gold.items() if k[4] in kinds})
        o = Counter({k: v for k, v in got.items() if k[4] in kinds})
        b = Counter({k: v for k, v in per_block.items() if k[4] in kinds})
        precision, recall = score(g, o)
        block_precision, block_recall = score(g, b)
        report.append(f"{label}: gold {sum(g.values())}, found {sum(o.values())}, "
                      f"precision {precision:.3f}, recall {recall:.3f} "
                      f"(per paragraph without `named`: {block_precision:.3f} / "
                      f"{block_recall:.3f})")
    misses = sorted((gold - got).elements())
    false_hits = sorted((got - gold).elements())
    with capsys.disabled():
        print("\n" + "\n".join(report))
        print("misses:", *("  " + "\t".join(k) for k in misses), sep="\n")
        print("false hits:", *("  " + "\t".join(k) for k in false_hits), sep="\n")
    names_gold = Counter({k: v for k, v in gold.items() if k[4] == "name"})
    names_got = Counter({k: v for k, v in got.items() if k[4] == "name"})
    precision, recall = score(names_gold, names_got)
    assert precision >= 0.98 and recall >= 0.97
    precision, recall = score(gold, got)
    assert precision >= 0.98 and recall >= 0.95
