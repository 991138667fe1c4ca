"""The default archive's editorial content is complete, aligned and consistent."""

from __future__ import annotations

from pathlib import Path

import pytest

from nashra.build.pipeline import link_stage, load_stage
from nashra.text.blocks import split_blocks

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def loaded():
    archive, problems = load_stage(ROOT, strict=True)
    return archive, problems


@pytest.fixture(scope="module")
def linked():
    return link_stage(ROOT, strict=True)[0]


def test_default_content_loads_without_any_problem_under_strict(loaded, linked):
    _, problems = loaded
    assert [str(p) for p in problems] == []
    assert [str(p) for p in linked.warnings] == []


def test_every_seed_has_an_edited_briefing_and_an_english_pair(loaded):
    archive, _ = loaded
    seeds = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert sorted(b.seed for b in archive.briefings) == seeds
    assert not any(b.pending for b in archive.briefings)
    english = {t.slug: t for t in archive.translations}
    for b in archive.briefings:
        tr = english.get(b.slug)
        assert tr is not None, f"{b.path} has no English briefing"
        assert tr.translation == "editorial" and tr.summary and 3 <= len(tr.key_points) <= 6
        assert b.summary, f"{b.path} has no Arabic summary"


def test_every_translation_has_as_many_paragraphs_as_its_original(loaded):
    archive, _ = loaded
    originals = {b.slug: b for b in archive.briefings}
    for tr in archive.translations:
        ar = split_blocks(originals[tr.slug].body)
        en = split_blocks(tr.body)
        assert len(en) == len(ar), f"{tr.path}: {len(en)} paragraphs, original {len(ar)}"
        assert [b.kind == "heading" for b in en] == [b.kind == "heading" for b in ar], tr.path


def test_every_entity_has_both_names_and_descriptions(loaded):
    archive, _ = loaded
    assert len(archive.entities) >= 80
    for e in archive.entities:
        assert e.name.ar and e.name.en, e.path
        assert e.description.ar and e.description.en, e.path


def test_every_event_has_a_date_both_titles_and_a_briefing_that_reports_it(loaded, linked):
    archive, _ = loaded
    assert 15 <= len(archive.events) <= 40
    for ev in archive.events:
        assert ev.start and ev.title.ar and ev.title.en, ev.path
        reported = (*linked.event_briefings.get(ev.id, ()),
                    *linked.event_date_mentions.get(ev.id, ()))
        assert reported, f"{ev.path}: no briefing reports this event"
