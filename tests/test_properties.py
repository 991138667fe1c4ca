"""Property tests: front matter round-trips, relative URLs resolve, slugs are URL-safe."""

from __future__ import annotations

import posixpath
import string

from hypothesis import given
from hypothesis import strategies as st

from nashra import urls
from nashra.ingest import default_slug
from nashra.load.content import SLUG_RE
from nashra.text.frontmatter import dump, parse

keys = st.text(alphabet=string.ascii_lowercase + "_", min_size=1, max_size=12)
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
values = st.one_of(texts, st.integers(), st.booleans(), st.none(), st.lists(texts, max_size=4))
segments = st.text(alphabet=string.ascii_lowercase + string.digits + "-", min_size=1, max_size=8)


@given(st.dictionaries(keys, values, min_size=1, max_size=6),
       st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=200))
def test_front_matter_survives_dump_then_parse(meta, body):
    doc = parse(dump(meta, body))
    assert doc.meta == meta
    assert doc.body == body.strip()
    assert list(doc.key_lines) == list(meta)


@given(st.lists(segments, max_size=4), st.lists(segments, max_size=4))
def test_relative_links_resolve_to_their_target(a, b):
    src, dst = urls.page(*a), urls.page(*b)
    rel = urls.relative(src, dst)
    assert not rel.startswith("/") and rel.endswith("index.html")
    assert posixpath.normpath(posixpath.join(posixpath.dirname(src), rel)) == dst


@given(st.text(max_size=60))
def test_default_slugs_are_url_safe(name):
    slug = default_slug(name + ".txt")
    assert SLUG_RE.match(slug), slug
