"""Loading and validating content: every problem located at path:line with a hint."""

from __future__ import annotations

import datetime as dt

import pytest
from support.content import load_files

BRIEFING = """---
title: عنوان
date: 2024-06-19
source: {name: الجزيرة نت, name_en: Al Jazeera Net}
---
فقرة أولى.

فقرة ثانية.
"""
TRANSLATION = """---
title: A title
summary: Short.
key_points: [one, two]
translation: editorial
---
First paragraph.

Second paragraph.
"""
ENTITY = """---
type: person
name: {ar: فلاديمير بوتين, en: Vladimir Putin}
aliases: {ar: [بوتين], en: [Putin]}
---
<!-- ar -->
رئيس روسيا.

<!-- en -->
President of Russia.
"""
EVENT = """---
date: "2023-09"
title: {ar: قمة, en: Summit}
participants: [vladimir-putin]
---
<!-- ar -->
وصف.

<!-- en -->
Description.
"""


def load(files: dict[str, str], strict: bool = False):
    """The archive and problems a build loads from these files."""
    return load_files(files, strict=strict)


def messages(problems) -> list[str]:
    """Problems as the CLI prints them."""
    return sorted(str(p) for p in problems)


def test_valid_tree_loads_into_typed_records():
    archive, problems = load({
        "content/briefings/a.ar.md": BRIEFING, "content/briefings/a.en.md": TRANSLATION,
        "content/entities/vladimir-putin.md": ENTITY, "content/events/2023-09-summit.md": EVENT})
    assert problems == []
    (b,) = archive.briefings
    assert (b.slug, b.date, b.source.name_en) == ("a", dt.date(2024, 6, 19), "Al Jazeera Net")
    assert b.body_line == 6
    (tr,) = archive.translations
    assert tr.key_points == ("one", "two") and tr.body_line == 7
    (e,) = archive.entities
    assert e.description.ar == "رئيس روسيا." and e.description.en == "President of Russia."
    (ev,) = archive.events
    assert (ev.start, ev.precision) == (dt.date(2023, 9, 1), "month")


@pytest.mark.parametrize(("path", "text", "expected"), [
    ("content/briefings/a.ar.md", "title: x\n",
     "content/briefings/a.ar.md:1: error: no front matter (hint: Did you forget the front "
     "matter? Start the file with a line '---', the YAML fields, and another line '---')"),
    ("content/briefings/a.ar.md", "---\ntitle: x\ndate: 2024-02-30\n---\nنص\n",
     "content/briefings/a.ar.md:3: error: 'date' is not a valid ISO date: '2024-02-30' "
     "(hint: write the date as YYYY-MM-DD, e.g. 2024-06-19)"),
    ("content/briefings/a.ar.md", "---\ndate: 2024-02-03\n---\nنص\n",
     "content/briefings/a.ar.md:1: error: missing required field 'title' "
     "(hint: add 'title: …' to the front matter)"),
    ("content/briefings/a.ar.md", "---\ntitle: [1, 2]\ndate: 2024-02-03\n---\nنص\n",
     "content/briefings/a.ar.md:2: error: 'title' must be a non-empty text "
     "(hint: title: some text)"),
    ("content/briefings/Bad_Slug.ar.md", BRIEFING,
     "content/briefings/Bad_Slug.ar.md:1: error: 'Bad_Slug' is not a safe URL slug (hint: use "
     "lower-case ASCII letters, digits and single hyphens, e.g. 2024-06-putin-visit)"),
    ("content/briefings/a.ar.md", "---\ntitle: x\ndate: 2024-01-01\n  bad: [\n---\nنص\n",
     "content/briefings/a.ar.md:4: error: invalid YAML in front matter: mapping values are not "
     "allowed in this context (hint: check indentation, colons and quotes)"),
    ("content/entities/x.md", ENTITY.replace("type: person", "type: persn"),
     "content/entities/x.md:2: error: 'type' must be one of person, country, place, "
     "organisation, not 'persn'"),
    ("content/events/e.md", EVENT.replace('"2023-09"', '"2023-13"'),
     "content/events/e.md:2: error: 'date' is not a valid date: '2023-13' "
     "(hint: write YYYY-MM-DD, \"YYYY-MM\" or \"YYYY\")"),
])
def test_single_error_names_file_line_and_hint(path, text, expected):
    files = {path: text, "content/entities/vladimir-putin.md": ENTITY}
    _, problems = load(files)
    assert expected in messages(problems)


def test_all_problems_are_reported_together():
    _, problems = load({
        "content/briefings/a.ar.md": BRIEFING.replace("2024-06-19", "2024-13-01"),
        "content/briefings/b.en.md": TRANSLATION,
        "content/events/e.md": EVENT.replace("vladimir-putin", "vladimir-puttin"),
    })
    assert messages(problems) == [
        "content/briefings/a.ar.md:3: error: 'date' is not a valid ISO date: '2024-13-01' "
        "(hint: write the date as YYYY-MM-DD, e.g. 2024-06-19)",
        "content/briefings/b.en.md:1: error: translation without its original b.ar.md "
        "(hint: add content/briefings/b.ar.md or rename this file)",
        "content/events/e.md:4: error: unknown entity 'vladimir-puttin' in 'participants' "
        "(hint: create content/entitys/vladimir-puttin.md)",
    ]


def test_unknown_references_suggest_the_closest_id():
    _, problems = load({
        "content/briefings/a.ar.md": BRIEFING.replace("---\nفقرة",
                                                      "events: [2023-09-sumit]\n---\nفقرة"),
        "content/entities/vladimir-putin.md": ENTITY,
        "content/events/2023-09-summit.md": EVENT})
    assert messages(problems) == [
        "content/briefings/a.ar.md:5: error: unknown event '2023-09-sumit' in 'events' "
        "(hint: did you mean '2023-09-summit'?)"]


def test_unknown_keys_warn_and_fail_under_strict():
    text = BRIEFING.replace("title:", "titel: x\ntitle:")
    _, problems = load({"content/briefings/a.ar.md": text})
    assert messages(problems) == ["content/briefings/a.ar.md:2: warning: unknown field 'titel' "
                                  "(hint: did you mean 'title'?)"]
    _, strict = load({"content/briefings/a.ar.md": text}, strict=True)
    assert [p.severity for p in strict] == ["error"]


def test_duplicate_slugs_ignoring_case_and_seed_reuse():
    seeded = BRIEFING.replace("---\nفقرة", "seed: s.txt\n---\nفقرة")
    _, problems = load({"content/briefings/a.ar.md": seeded,
                        "content/briefings/b.ar.md": seeded})
    assert messages(problems) == [
        "content/briefings/b.ar.md:1: error: seed s.txt already has a briefing "
        "(hint: content/briefings/a.ar.md uses the same seed; remove one)"]


def test_translation_must_align_paragraph_for_paragraph():
    short = TRANSLATION.replace("\nSecond paragraph.\n", "")
    _, problems = load({"content/briefings/a.ar.md": BRIEFING, "content/briefings/a.en.md": short})
    assert messages(problems) == [
        "content/briefings/a.en.md:7: warning: the translation has 1 paragraphs but "
        "content/briefings/a.ar.md has 2 (hint: translate paragraph for paragraph (blank line "
        "between paragraphs) so the parallel view lines up)"]


def test_briefings_sorted_newest_first_then_slug():
    files = {f"content/briefings/{slug}.ar.md": BRIEFING.replace("2024-06-19", date)
             for slug, date in [("b", "2024-01-01"), ("a", "2024-01-01"), ("c", "2025-01-01")]}
    archive, _ = load(files)
    assert [b.slug for b in archive.briefings] == ["c", "a", "b"]
