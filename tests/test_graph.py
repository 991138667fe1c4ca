"""The link stage: which mentions become links, which events attach, what is related."""

from __future__ import annotations

import re

import pytest
from support.content import link_files

ENTITIES = {
    "vladimir-putin": ("person", "فلاديمير بوتين", "Vladimir Putin", ["بوتين"], ["Putin"]),
    "kim-jong-un": ("person", "كيم جونغ أون", "Kim Jong Un", ["كيم جونج أون", "كيم"], ["Kim"]),
    "pyongyang": ("place", "بيونغ يانغ", "Pyongyang", ["بيونج يانج"], []),
    "russia": ("country", "روسيا", "Russia", [], []),
}
EVENTS = {
    "2024-06-treaty": ("2024-06-19", "معاهدة", "Treaty",
                       ["اتفاقية الشراكة الاستراتيجية الشاملة"], "[vladimir-putin, kim-jong-un]"),
    "2023-09-summit": ("2023-09-13", "قمة فوستوشني", "Vostochny summit", ["القمة"], "[kim-jong-un]"),
}


def entity_file(ident, kind, ar, en, aliases_ar, aliases_en):
    return (f"---\ntype: {kind}\nname: {{ar: {ar}, en: {en}}}\n"
            f"aliases: {{ar: [{', '.join(aliases_ar)}], en: [{', '.join(aliases_en)}]}}\n---\n"
            "<!-- ar -->\nوصف.\n\n<!-- en -->\nDescription.\n")


def event_file(date, ar, en, triggers, participants):
    return (f"---\ndate: {date}\ntitle: {{ar: {ar}, en: {en}}}\nparticipants: {participants}\n"
            f"triggers: {{ar: [{', '.join(triggers)}]}}\n---\n<!-- ar -->\nوصف.\n\n"
            "<!-- en -->\nDescription.\n")


def briefing(date, body, extra=""):
    return f"---\ntitle: عنوان\ndate: {date}\nsource: {{name: مصدر}}\n{extra}---\n{body}\n"


def linked_archive(briefings: dict[str, str], translations: dict[str, str] | None = None):
    files = {f"content/entities/{i}.md": entity_file(i, *v) for i, v in ENTITIES.items()}
    files |= {f"content/events/{i}.md": event_file(*v) for i, v in EVENTS.items()}
    files |= {f"content/briefings/{s}.ar.md": t for s, t in briefings.items()}
    files |= {f"content/briefings/{s}.en.md": t for s, t in (translations or {}).items()}
    linked, problems = link_files(files)
    assert [p for p in problems if p.severity == "error"] == []
    return linked


def links_in(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="entity" href="\.\./\.\./entities/([^/]+)/index\.html">([^<]+)</a>',
                      html)


def test_first_mention_per_paragraph_is_linked_whole_word_with_clitic():
    la = linked_archive({"a": briefing("2024-06-20", "التقى بوتين ولبوتين رأي.\n\nوقال فلاديمير بوتين")})
    blocks = la.briefings["a"].blocks_ar
    assert links_in(blocks[0]) == [("vladimir-putin", "بوتين")]
    assert links_in(blocks[1]) == [("vladimir-putin", "فلاديمير بوتين")]
    assert la.entity_briefings["vladimir-putin"] == ("a",)
    assert [m.block for m in la.mentions["vladimir-putin"] if m.lang == "ar"] == [0, 0, 1]


def test_short_alias_counts_when_the_full_name_is_elsewhere_in_the_briefing():
    la = linked_archive({"a": briefing("2024-06-20", "زار كيم جونغ أون روسيا.\n\nوقال كيم إن"),
                         "b": briefing("2024-06-20", "وقال كيم إن الزيارة ناجحة.")})
    assert links_in(la.briefings["a"].blocks_ar[1]) == [("kim-jong-un", "كيم")]
    assert links_in(la.briefings["b"].blocks_ar[0]) == []


def test_never_inside_headings_or_existing_links_and_never_nested():
    body = "## بوتين في بيونغ يانغ\n\n[بوتين](https://example.org) ثم بوتين."
    blocks = linked_archive({"a": briefing("2024-06-20", body)}).briefings["a"].blocks_ar
    assert links_in(blocks[0]) == []
    assert links_in(blocks[1]) == [("vladimir-putin", "بوتين")]
    assert blocks[1].count("<a ") == 2 and "<a href=\"https://example.org\">بوتين</a>" in blocks[1]


def test_suppress_in_front_matter_removes_links_and_back_links():
    la = linked_archive({"a": briefing("2024-06-20", "زار بوتين روسيا.", "suppress: [russia]\n")})
    assert links_in(la.briefings["a"].blocks_ar[0]) == [("vladimir-putin", "بوتين")]
    assert "russia" not in la.entity_briefings


def test_editor_links_add_a_phrase_the_gazetteer_misses():
    la = linked_archive({"a": briefing("2024-06-20", "قال الزعيم الشاب إن بوتين صديق.",
                                       "links: {الزعيم الشاب: kim-jong-un}\n")})
    assert links_in(la.briefings["a"].blocks_ar[0]) == [("kim-jong-un", "الزعيم الشاب"),
                                                        ("vladimir-putin", "بوتين")]


def test_dates_become_time_elements_and_link_to_the_event_of_that_day():
    body = "وقعت اتفاقية في 19 يونيو 2024 بعد حرب (1950-1953)."
    html = linked_archive({"a": briefing("2024-06-20", body)}).briefings["a"].blocks_ar[0]
    assert ('<a class="date-link" href="../../events/2024-06-treaty/index.html">'
            '<time datetime="2024-06-19">19 يونيو 2024</time></a>') in html
    assert '<time datetime="1950" data-end="1953">' in html


@pytest.mark.parametrize(("date", "text", "attached"), [
    ("2025-06-19", "ذكرى اتفاقية الشراكة الاستراتيجية الشاملة", ("2024-06-treaty",)),
    ("2024-01-01", "اتفاقية الشراكة الاستراتيجية الشاملة", ()),  # before the event was known
    ("2023-09-20", "بعد القمة في الشرق", ("2023-09-summit",)),  # a generic trigger, in window
    ("2024-06-20", "بعد القمة في الشرق", ()),  # the same generic trigger, far from its date
])
def test_event_triggers_respect_the_date_window(date, text, attached):
    la = linked_archive({"a": briefing(date, text)})
    assert la.briefings["a"].events == attached
    assert la.event_briefings.get("2024-06-treaty", ()) == (("a",) if "2024-06-treaty" in attached
                                                            else ())


def test_front_matter_events_and_entities_attach_without_mentions():
    la = linked_archive({"a": briefing("2024-06-20", "نص بلا أسماء.",
                                       "events: [2023-09-summit]\nentities: [russia]\n")})
    assert la.briefings["a"].events == ("2023-09-summit",)
    assert la.entity_briefings["russia"] == ("a",)


def test_english_translation_is_linked_with_english_aliases():
    la = linked_archive({"a": briefing("2024-06-20", "زار بوتين.")},
                        {"a": "---\ntitle: T\ntranslation: editorial\n---\nPutin's visit.\n"})
    assert links_in(la.briefings["a"].blocks_en[0]) == [("vladimir-putin", "Putin's")]


def test_related_briefings_rank_shared_events_and_rare_entities_first():
    la = linked_archive({
        "a": briefing("2024-06-20", "بوتين وكيم جونغ أون.", "events: [2024-06-treaty]\n"),
        "b": briefing("2024-06-21", "كيم جونغ أون في بيونغ يانغ.", "events: [2024-06-treaty]\n"),
        "c": briefing("2024-06-22", "بوتين في روسيا."),
        "d": briefing("2024-06-23", "نص آخر."),
    })
    assert la.related["a"][:2] == ("b", "c")
    assert "d" not in la.related["a"]
    assert dict(la.cooccurrence["vladimir-putin"]) == {"kim-jong-un": 1, "russia": 1}
