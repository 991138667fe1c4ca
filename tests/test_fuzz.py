"""Hypothesis fuzz of what editors and seeds can hand Nashra: random bytes, random YAML,
random Markdown with links. Never a traceback; a `path:` message or a page; never a link
that is script once decoded; site/ byte-identical after a failed build.

The in-memory properties run in the fast loop with few examples; the whole-build one is slow.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_build import small_copy, tree_digest
from test_faults import control_characters, unsafe_in, unsafe_urls

from nashra.build.pipeline import build
from nashra.build.report import BuildError
from nashra.load.content import SourceFile, parse_file
from nashra.load.seeds import pending_briefings
from nashra.model import Briefing, Problem
from nashra.text.blocks import to_html
from nashra.text.files import decode_text

FAST = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PATH = "content/briefings/fuzz.ar.md"

# Pieces hostile URLs are made of: schemes in any case, the entities and characters a
# browser decodes or drops before it reads the scheme, and ordinary URL parts.
URL_PIECES = st.sampled_from([
    "javascript", "JaVaScRiPt", "java", "script", "vbscript", "data", "file", "http", "https",
    "mailto", ":", "&colon;", "&#58;", "&#x3a;", "&#X3A;", "&#0000058;", "&#106;", "&#x6A;",
    "&#x09;", "&Tab;", "&NewLine;", "&#10;", "&#13;", "&amp;", "&", "#", ";", "\t", " ",
    "\x00", "\x01", "\x1f", "%20", "%3A", "/", "//", "?", "alert(1)", "a", "\\", "<", ">",
    "\u00a0", "\u2028", "\ufeff", "'", '"', "(", ")",
])
URLS = st.lists(URL_PIECES, min_size=1, max_size=10).map("".join)


def link_markdown(target: str, form: int, text: str) -> str:
    """One of the ways Markdown takes a link or an image target."""
    return [f"[{text}]({target})", f"![{text}]({target})", f"[{text}](<{target}>)",
            f"[{text}][r]\n\n[r]: {target}", f"<{target}>", f'[{text}]({target} "t")'][form]


MARKDOWN = st.lists(st.one_of(
    st.builds(link_markdown, URLS, st.integers(0, 5), st.sampled_from(["x", "رابط", ""])),
    st.text(alphabet=st.sampled_from(list("كيم بوتين ab\n*_`[]()<>!&#;:\\-=|\t\x00\u2066")),
            max_size=30),
), min_size=1, max_size=6).map("\n".join)

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20),
                    st.sampled_from(["2024-06-19", "2024-13-45", "published", "draft", "*a",
                                     "&a", "!!python/object:os.system", "<script>"]))
YAML_VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8)
FIELDS = st.sampled_from(["title", "date", "summary", "source", "status", "events", "entities",
                          "links", "seed", "dateline", "suppress", "unknown"])
YAML_LINES = st.text(alphabet=st.sampled_from([*"ab: -&*!|>'\"#[]{},?\n\t%@`", "\u2066"]),
                     max_size=60)


@st.composite
def front_matter_files(draw: st.DrawFn) -> str:
    """A content file: front matter from real YAML or from YAML-shaped noise, then Markdown."""
    if draw(st.booleans()):
        meta = draw(st.dictionaries(FIELDS, YAML_VALUES, max_size=6))
        fm = yaml.safe_dump(meta, allow_unicode=True)
    else:
        fm = draw(YAML_LINES)
    return f"---\n{fm}\n---\n{draw(MARKDOWN)}\n"


def assert_located(problems, path: str) -> None:
    for p in problems:
        assert isinstance(p, Problem) and str(p).startswith(f"{path}:"), str(p)


@FAST
@given(st.binary(max_size=400))
@example(b"\xff\xfe\x00a")
@example(b"---\ntitle: \x00\n---\n")
@example("\ufeff---\n".encode() + b"\x80")
def test_any_bytes_are_text_or_one_located_problem(raw):
    got = decode_text(raw, PATH)
    if isinstance(got, Problem):
        assert_located([got], PATH)
    else:
        assert "\x00" not in got and not got.startswith("\ufeff")


@FAST
@given(front_matter_files())
@example("---\na: &a [1]\nb: *a\n---\nx")
@example("---\ntitle: t\ntitle: u\n---\nx")
@example("---\ndate: !!python/object/apply:os.system ['true']\n---\n")
@example(f"---\ntitle: t\ndate: {'9' * 5000}\n---\n")
def test_any_front_matter_gives_a_record_or_located_problems(text):
    parsed = parse_file(SourceFile(PATH, text), strict=False)
    assert_located(parsed.problems, PATH)
    if isinstance(parsed.record, Briefing):
        assert unsafe_in(to_html(parsed.record.body)) == []


@FAST
@given(MARKDOWN)
@example("[x](javascript&colon;alert(document.domain))")
@example("[x](&#106;avascript:alert(1))")
@example("[x](jav&#x09;ascript:alert(1))")
@example("[x](&amp;#106;avascript:alert(1))")
@example("<javascript&colon;alert(1)>")
def test_no_markdown_link_is_script_once_decoded(source):
    html = to_html(source)
    assert unsafe_in(html) == []
    assert "\x00" not in html


SEED_TEXT = st.one_of(
    st.binary(max_size=300),
    st.lists(st.sampled_from(["موسكو - ", "19 يونيو 2024", " قال الرئيس", "\n", "(رويترز)",
                              "، ", ".", "\x00", "\x07", "\u2066", "&#106;", "[x](javascript:1)",
                              " كلمة أخرى في الخبر"]), max_size=60
             ).map(lambda parts: "".join(parts).encode("utf-8")),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SEED_TEXT, min_size=1, max_size=3))
@example(["موسكو - 19 يونيو 2024\n\nقال الرئيس\x00 في بيان إن الوفد وصل صباح اليوم إلى العاصمة "
          "في زيارة رسمية تستمر ثلاثة أيام.\n".encode()])
def test_any_seed_is_a_briefing_or_a_located_problem(seeds):
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        (project / "seeds").mkdir()
        for i, raw in enumerate(seeds):
            (project / f"seeds/s{i}.txt").write_bytes(raw)
        briefings, problems = pending_briefings(project, set())
        for p in problems:
            assert str(p).startswith("seeds/s"), str(p)
        for b in briefings:
            assert unsafe_in(to_html(b.body)) == [] and "\x00" not in b.title + b.body


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = small_copy(tmp_path_factory.mktemp("fuzz"))
    build(project, project / "site", search=False)
    return project


@pytest.mark.slow
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(front_matter_files(), st.binary(max_size=200))
@example("---\ntitle: t\ndate: 2024-01-01\n---\n[x](javascript&colon;alert(1))\n", b"")
def test_a_whole_build_of_fuzzed_files_fails_cleanly_or_publishes_safely(built, text, seed):
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "p"
        shutil.copytree(built, project, symlinks=True)
        (project / PATH).write_text(text, "utf-8", errors="surrogatepass")
        (project / "seeds").mkdir()
        (project / "seeds/fuzz.txt").write_bytes(seed)
        before = tree_digest(project / "site")
        try:
            build(project, project / "site", search=False)
        except BuildError as exc:
            # every problem names a file of the project
            assert all(p.path and str(p).startswith(f"{p.path}:{p.line}: ") for p in exc.problems)
            assert any(p.path in (PATH, "seeds/fuzz.txt") for p in exc.problems)
            assert tree_digest(project / "site") == before
            return
        assert unsafe_urls(project / "site") == []
        assert control_characters(project / "site") == []
