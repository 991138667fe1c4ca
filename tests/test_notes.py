"""Editor's notes, corrections and reposted texts: front matter, pages, feeds, default archive."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from nashra.build.pipeline import build
from nashra.build.report import BuildError
from nashra.load.content import SourceFile, parse_file

REPO = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"
HANOI = "2023-09-russian-move-north-korea-worries-washington"
PACT = "2024-06-putin-pyongyang-pact-revenge-on-west"
WANT = "2024-06-what-russia-and-north-korea-want"

BRIEFING = """---
title: عنوان
date: 2024-06-19
source: {name: كنعان, name_en: Kana'an, original: الأخبار, original_en: Al-Akhbar,
         republished: 2024-06-22}
notes:
  - {paragraph: 2, ar: ملاحظة على الفقرة الثانية, en: A note on the second paragraph}
corrections:
  - {date: 2024-07-01, ar: تصحيح أول, en: First correction}
  - {date: 2024-08-01, ar: تصحيح ثان, en: Second correction}
---
الفقرة الأولى.

الفقرة الثانية.
"""


def parse(text: str, path: str = "content/briefings/x.ar.md"):
    """One briefing file through the loader."""
    return parse_file(SourceFile(path, text), strict=True)


def test_notes_corrections_and_repost_fields_are_read() -> None:
    parsed = parse(BRIEFING)
    assert parsed.problems == ()
    b = parsed.record
    assert [(n.paragraph, n.text.en) for n in b.notes] == [(2, "A note on the second paragraph")]
    assert [c.date.isoformat() for c in b.corrections] == ["2024-07-01", "2024-08-01"]
    assert (b.source.original, b.source.original_en) == ("الأخبار", "Al-Akhbar")
    assert b.source.republished.isoformat() == "2024-06-22"


@pytest.mark.parametrize("paragraph", [0, 3, -1, "two", True])
def test_a_note_on_a_paragraph_the_text_lacks_is_an_error_at_its_line(paragraph) -> None:
    text = BRIEFING.replace("{paragraph: 2,", f"{{paragraph: {paragraph},")
    problems = parse(text).problems
    assert len(problems) == 1, problems
    p = problems[0]
    assert (p.path, p.line, p.severity) == ("content/briefings/x.ar.md", 6, "error")
    assert "2 paragraph(s)" in p.message and "1 to 2" in p.hint


@pytest.mark.parametrize(("old", "new", "words"), [
    ("ar: ملاحظة على الفقرة الثانية, ", "", "exactly ar, en, paragraph"),
    ("{date: 2024-07-01,", "{date: July,", "no valid date"),
    ("republished: 2024-06-22", "republished: soon", "source.republished"),
    ("  - {date: 2024-07-01, ar: تصحيح أول, en: First correction}\n"
     "  - {date: 2024-08-01, ar: تصحيح ثان, en: Second correction}\n",
     "  - yesterday\n", "must be a list of mappings"),
])
def test_malformed_notes_and_corrections_are_located_errors(old, new, words) -> None:
    assert old in BRIEFING
    problems = parse(BRIEFING.replace(old, new)).problems
    assert problems and all(p.severity == "error" for p in problems)
    assert any(words in p.message for p in problems), problems


def test_entities_and_events_take_corrections() -> None:
    entity = parse("---\ntype: person\nname: {ar: س, en: S}\ncorrections:\n"
                   "  - {date: 2024-01-02, ar: ت, en: Fixed the rank}\n---\n",
                   "content/entities/s.md")
    event = parse("---\ndate: 2024-01-01\ntitle: {ar: ح, en: E}\ncorrections:\n"
                  "  - {date: 2024-01-03, ar: ت, en: Removed a participant}\n---\n",
                  "content/events/e.md")
    assert entity.problems == () and event.problems == ()
    assert entity.record.corrections[0].text.en == "Fixed the rank"
    assert event.record.corrections[0].date.isoformat() == "2024-01-03"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The default archive, built without the search index (fast)."""
    project = tmp_path_factory.mktemp("notes") / "project"
    project.mkdir()
    shutil.copytree(REPO / "content", project / "content")
    shutil.copytree(REPO / "seeds", project / "seeds")
    shutil.copy(REPO / "nashra.toml", project / "nashra.toml")
    out = project / "site"
    build(project, out, search=False, strict=True)
    return out


def html(site: Path, lang: str, *parts: str) -> str:
    """One page's HTML."""
    return (site / lang / Path(*parts) / "index.html").read_text("utf-8")


def notes_in(page: str) -> list[tuple[str, str]]:
    """(lang, text) of every editor's note on a page."""
    return re.findall(r'<aside class="editor-note" role="note" lang="(\w+)" dir="\w+"'
                      r'[^>]*><p>(.*?)</p></aside>', page, re.S)


def test_the_hanoi_note_stands_beside_its_paragraph_in_both_languages(site) -> None:
    ar = html(site, "ar", "briefings", HANOI)
    notes = notes_in(ar)
    assert [lang for lang, _ in notes] == ["ar", "ar"]
    assert "ملاحظة المحرر" in notes[0][1] and "هانوي" in notes[0][1]
    # right after the paragraph it is about, before the next one
    paragraph = ar.index("مون جاي إين")
    assert paragraph < ar.index("قمة هانوي") < ar.index("وإذا تحقق هذا اللقاء")
    en = html(site, "en", "briefings", HANOI)
    row = en[en.index("Moon Jae-in</a>. The communist"):en.index("If this meeting with")]
    assert "Editor&#39;s note:</strong> The Hanoi summit" in row  # the translation's column
    assert 'lang="ar" dir="rtl"' in row and "قمة هانوي" in row  # and the original's


def test_corrections_are_listed_and_move_the_feed_entry(site) -> None:
    page = html(site, "en", "briefings", PACT)
    corrections = page[page.index('<section class="corrections"'):]
    assert "4 December 2026" in corrections and "top rung" in corrections
    feed = ET.parse(site / "en" / "feed.xml").getroot()
    entries = {e.find(f"{ATOM}link").get("href"): e for e in feed.iter(f"{ATOM}entry")}
    entry = next(e for url, e in entries.items() if PACT in url)
    assert entry.find(f"{ATOM}published").text == "2024-06-20T00:00:00Z"
    assert entry.find(f"{ATOM}updated").text == "2026-12-04T00:00:00Z"
    assert feed.find(f"{ATOM}updated").text == "2026-12-04T00:00:00Z"
    untouched = next(e for url, e in entries.items() if "first-year" in url)
    assert untouched.find(f"{ATOM}updated").text == untouched.find(f"{ATOM}published").text


def before_corrections(page: str) -> str:
    """A page without its corrections (listed, and in JSON-LD), which quote the old wording."""
    page = re.sub(r'<script type="application/ld\+json">.*?</script>', "", page, flags=re.S)
    return page.split('<section class="corrections"')[0]


def test_the_overstated_summaries_now_say_what_their_articles_say(site) -> None:
    pact = before_corrections(html(site, "en", "briefings", PACT))
    want = before_corrections(html(site, "en", "briefings", WANT))
    assert "highest level ever" not in pact and "highest level in the history" not in pact
    assert "Pyongyang is receiving food" not in want
    assert "South Korean officials say it receives" in want
    assert "أعلى مستوياتها" not in before_corrections(html(site, "ar", "briefings", PACT))


def test_entity_and_event_texts_are_corrected(site) -> None:
    kirby = before_corrections(html(site, "ar", "entities", "john-kirby"))
    assert "أميرال متقاعد" not in kirby and "لواء بحري" in kirby
    assert "13 September 2024" in html(site, "en", "entities", "sergei-shoigu")
    event = html(site, "en", "events", "2023-07-shoigu-pyongyang-visit")
    participants = event[event.index("Participants"):]
    assert "Krivoruchko" not in participants.split("</dd>")[0]
    assert '<section class="corrections"' in event
    assert "general" not in html(site, "en", "entities", "alexei-krivoruchko").split(
        "One article in the archive")[0]


def test_a_reposted_text_names_its_first_publisher(site) -> None:
    en, ar = html(site, "en", "briefings", HANOI), html(site, "ar", "briefings", WANT)
    assert "first published by Al-Akhbar" in en
    assert "نشرته أولاً سي إن إن" in ar


def test_a_note_out_of_range_fails_the_build_with_its_line(tmp_path) -> None:
    project = tmp_path / "p"
    (project / "content" / "briefings").mkdir(parents=True)
    (project / "content" / "briefings" / "x.ar.md").write_text(
        BRIEFING.replace("{paragraph: 2,", "{paragraph: 24,"), "utf-8")
    with pytest.raises(BuildError) as failed:
        build(project, project / "site", search=False)
    assert [str(p) for p in failed.value.problems if p.severity == "error"] == [
        "content/briefings/x.ar.md:6: error: note 1 is on paragraph 24, but the text has 2 "
        "paragraph(s) (hint: use a number from 1 to 2)"]
    assert not (project / "site").exists()


def json_ld(page: str) -> dict:
    """The page's JSON-LD object."""
    import json

    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    return json.loads(raw)


def test_json_ld_carries_the_corrections(site) -> None:
    article = json_ld(html(site, "en", "briefings", PACT))
    assert article["dateModified"] == "2026-12-04"
    assert [c["@type"] for c in article["correction"]] == ["CorrectionComment"]
    assert "top rung" in article["correction"][0]["text"]
    assert "correction" not in json_ld(html(site, "en", "briefings", "2025-06-russia-north-korea-partnership-first-year"))
    kirby = json_ld(html(site, "ar", "entities", "john-kirby"))
    assert kirby["subjectOf"]["correction"][0]["datePublished"] == "2026-12-04"
    assert "لواء بحري" in kirby["subjectOf"]["correction"][0]["text"]
    event = json_ld(html(site, "en", "events", "2023-07-shoigu-pyongyang-visit"))
    assert "Krivoruchko" in event["subjectOf"]["correction"][0]["text"]
