"""Page dependencies (nashra.pages.deps): typed keys, made and read in one module."""

from __future__ import annotations

import pytest
from support.content import Staged, small_archive, staged, write_project

from nashra.pages.catalogue import catalogue
from nashra.pages.deps import SITE, Dep, Digests, Key, UnknownKey
from nashra.pages.facts import ENTITY_LIST_MAX, SiteFacts


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Staged:
    return staged(write_project(tmp_path_factory.mktemp("small"), small_archive(3)))


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Staged:
    """An entity named in more briefings than its page lists: it splits into years."""
    files = small_archive(ENTITY_LIST_MAX + 4)
    return staged(write_project(tmp_path_factory.mktemp("big"), files))


def digests(s: Staged, cards: dict[str, str] | None = None) -> Digests:
    f = SiteFacts.of(s.linked, {})
    return Digests(f, "site-digest", cards or s.cards, s.links, "page-list")


@pytest.mark.parametrize("bad", [
    lambda: Key(Dep.CARD),  # a card of which briefing?
    lambda: Key(Dep.SITE, "x"),  # the site is one
    lambda: Key(Dep.YEAR, "x"),  # a year, not a name
    lambda: Key(Dep.ENTITY_YEAR, "vladimir-putin"),  # which year?
    lambda: Key("card", "x"),  # a string is not a kind
])
def test_a_key_of_the_wrong_shape_is_refused(bad) -> None:
    with pytest.raises(UnknownKey):
        bad()


def test_keys_print_as_kind_and_names() -> None:
    assert str(Key(Dep.ENTITY_YEAR, "vladimir-putin", 2024)) == "entity-year:vladimir-putin:2024"
    assert str(Key(Dep.YEAR, year=2023)) == "year:2023" and str(SITE) == "site"


@pytest.mark.parametrize("key", [
    Key(Dep.CARD, "no-such-briefing"), Key(Dep.RELATED, "no-such-briefing"),
    Key(Dep.ENTITY, "no-such-entity"), Key(Dep.SHOWN, "no-such-entity"),
    Key(Dep.EVENT, "no-such-event"), Key(Dep.COVERING, "no-such-event"),
    Key(Dep.ENTITY_YEAR, "vladimir-putin", 1999),  # its page does not split at all
    "card:b00",  # an old-style string key
])
def test_a_key_naming_what_the_site_lacks_raises(small: Staged, key: object) -> None:
    with pytest.raises(UnknownKey):
        digests(small)[key]  # type: ignore[index]


def test_every_key_of_every_page_has_a_digest(small: Staged, big: Staged) -> None:
    for s in (small, big):
        d = digests(s)
        specs = catalogue(d.f)
        assert specs and all(d.fingerprint(spec.deps) for spec in specs)
        assert all(isinstance(k, Key) for spec in specs for k in spec.deps)


def test_fingerprints_follow_exactly_the_data_a_page_shows(small: Staged) -> None:
    before = digests(small)
    after = digests(small, {**small.cards, "b01": "another card"})
    changed = {spec.path for spec in catalogue(before.f)
               if before.fingerprint(spec.deps) != after.fingerprint(spec.deps)}
    assert {"ar/briefings/b01/index.html", "en/briefings/b01/index.html",
            "ar/index.html", "en/feed.xml"} <= changed
    lists_b01 = {"b00", "b02"} & set(small.linked.related.get("b01", ()))
    assert all(f"ar/briefings/{s}/index.html" in changed for s in lists_b01)
    assert not {"404.html", "ar/search/index.html", "ar/events/index.html"} & changed


def test_a_big_entity_lists_its_latest_and_keys_each_year(big: Staged) -> None:
    d = digests(big)
    shown = d.f.entity_shown("vladimir-putin")
    assert len(shown) == ENTITY_LIST_MAX
    assert shown == big.linked.entity_briefings["vladimir-putin"][:ENTITY_LIST_MAX]
    years = d.f.entity_years("vladimir-putin")
    assert sorted(years) == [2023, 2024]
    assert all(d[Key(Dep.ENTITY_YEAR, "vladimir-putin", y)] for y in years)
    oldest = big.linked.entity_briefings["vladimir-putin"][-1]
    edited = digests(big, {**big.cards, oldest: "edited"})
    # an edit to a briefing the page does not list leaves its list's key alone
    assert edited[Key(Dep.SHOWN, "vladimir-putin")] == d[Key(Dep.SHOWN, "vladimir-putin")]


def test_a_small_entity_lists_every_briefing(small: Staged) -> None:
    f = SiteFacts.of(small.linked, {})
    assert f.entity_shown("vladimir-putin") == small.linked.entity_briefings["vladimir-putin"]
    assert f.entity_years("vladimir-putin") == {}
