"""The plan stage (build.stages.plan_stage) and the page catalogue, on a small archive."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.content import Staged, small_archive, staged, write_project

from nashra import urls
from nashra.build.cache import State
from nashra.build.stages import plan_stage
from nashra.build.survey import Survey
from nashra.output.render import project_theme
from nashra.pages.catalogue import catalogue
from nashra.pages.facts import SiteFacts
from nashra.stamps import OutputEntry

NO_SURVEY = Survey(frozenset(), (), False, False)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Staged:
    return staged(write_project(tmp_path_factory.mktemp("small"), small_archive(3)))


def plan(s: Staged, out: Path, state: State | None = None, survey: Survey = NO_SURVEY):
    return plan_stage(s.project, out, project_theme(s.project), s.inputs, s.linked, s.cards, s.links,
                      state, survey)


def test_the_catalogue_pairs_every_page_with_its_other_language(small: Staged) -> None:
    specs = catalogue(SiteFacts.of(small.linked, {}))
    paths = [s.path for s in specs]
    assert len(paths) == len(set(paths))
    by_path = {s.path: s for s in specs}
    for s in specs:
        if s.other_path is not None:
            assert by_path[s.other_path].other_path == s.path
            assert by_path[s.other_path].lang != s.lang
    for slug in ("b00", "b01", "b02"):
        assert urls.briefing("ar", slug) in by_path and urls.briefing("en", slug) in by_path
    assert {"index.html", "404.html", "sitemap.xml", "ar/feed.xml", "en/feed.xml"} <= set(paths)


def test_a_page_is_made_from_facts_alone(small: Staged) -> None:
    f = SiteFacts.of(small.linked, {"site.css": "assets/site.css"})
    spec = next(s for s in catalogue(f) if s.path == urls.briefing("en", "b00"))
    page = spec.make()
    assert (page.path, page.template, page.chrome.lang) == (spec.path, "briefing.html", "en")
    assert page.chrome.assets["site.css"] == "../../../assets/site.css"
    assert page.view.parallel  # b00 has an English translation of its one paragraph


def test_a_first_build_renders_every_page(small: Staged, tmp_path: Path) -> None:
    planned = plan(small, tmp_path / "site")
    assert planned.rendered == len(planned.specs) and planned.kept == {}
    assert [p for p, _ in planned.jobs][:planned.rendered] == [s.path for s in planned.specs]
    assert {"robots.txt"} <= {p for p, _ in planned.jobs[planned.rendered:]}
    html = dict(planned.jobs)[urls.briefing("ar", "b01")]()
    assert b'<html lang="ar" dir="rtl"' in html and "بوتين".encode() in html


def test_pages_whose_inputs_and_files_are_unchanged_are_kept(small: Staged,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = plan(small, out)
    outputs = {s.path: OutputEntry(first.fps[s.path], "sha", (0, 0, 0, 0))
               for s in first.specs}
    kept_all = Survey(frozenset(outputs), (), True, True)  # site/ as last written
    state = State("v", "o", outputs=outputs)
    again = plan(small, out, state, kept_all)
    assert again.rendered == 0 and again.kept.keys() == outputs.keys()
    edited = {**small.cards, "b02": "another card"}
    changed = plan_stage(small.project, out, project_theme(small.project), small.inputs, small.linked, edited,
                         small.links, state, kept_all)
    redone = {p for p, _ in changed.jobs[:changed.rendered]}
    assert urls.briefing("ar", "b02") in redone and "404.html" not in redone
    assert redone < outputs.keys()
