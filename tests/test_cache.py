"""The build's state between builds (nashra.build.cache), on a small archive."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.content import Staged, small_archive, staged, write_project

from nashra.build import cache
from nashra.build.cache import State
from nashra.stamps import OutputEntry


@pytest.fixture
def small(tmp_path: Path) -> Staged:
    return staged(write_project(tmp_path, small_archive(3)))


def saved(s: Staged, options: str = "opts") -> State:
    state = State(cache.code_version(), options, files=s.files, links=s.links,
                  outputs={"ar/index.html": OutputEntry("fp", "sha", (1, 2, 3, 4))},
                  meta={"inputs": s.inputs})
    cache.save(s.project, state, None)
    return state


def test_a_saved_state_reads_back_with_its_links_html_on_demand(small: Staged) -> None:
    state = saved(small)
    back = cache.load(small.project, "opts")
    assert back is not None and back.outputs == state.outputs
    assert back.meta["inputs"] == small.inputs
    assert back.files == {} and back.links == {}  # read only when something changed
    back.fill()
    assert back.files.keys() == small.files.keys()
    assert {s: k for s, (k, _) in back.links.items()} == {s: k for s, (k, _) in small.links.items()}
    for slug, (_, links) in back.links.items():
        fresh = small.links[slug][1]
        assert links.record == fresh.record
        assert links.snippet_digests == fresh.snippet_digests
        assert links.full_record() == fresh.full_record()  # the HTML, read from the heavy table
        assert links.mentions == fresh.mentions


@pytest.mark.parametrize("why", ["other options", "other code", "damaged file"])
def test_a_state_that_cannot_be_trusted_is_none(small: Staged, why: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    saved(small)
    options = "opts"
    if why == "other options":
        options = "other"
    elif why == "other code":
        monkeypatch.setattr(cache, "code_version", lambda: "0-other")
    else:
        for path in (small.project / cache.CACHE_DIR).glob("cache-*.sqlite"):
            path.write_bytes(b"not a database" * 100)
    assert cache.load(small.project, options) is None


def test_html_of_other_links_is_refused_as_stale(small: Staged) -> None:
    saved(small)
    back = cache.load(small.project, "opts")
    assert back is not None
    back.fill()
    slug = next(iter(back.links))
    changed = {**small.links, slug: ("another key", small.links[slug][1])}
    cache.save(small.project, State(cache.code_version(), "opts", files=small.files,
                                    links=changed), back)
    with pytest.raises(cache.StaleCacheError):
        back.links[slug][1].full_record()


def test_save_keeps_only_this_versions_cache(small: Staged) -> None:
    folder = small.project / cache.CACHE_DIR
    folder.mkdir()
    (folder / "cache-0.0.1-old.sqlite").write_bytes(b"old")
    saved(small)
    assert [p.name for p in folder.glob("cache-*.sqlite")] == \
        [f"cache-{cache.code_version()}.sqlite"]
