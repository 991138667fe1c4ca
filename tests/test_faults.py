"""Bad input, hostile content and faults: a `path:line: message`, never a traceback, never
script in a page, and site/ byte-identical after every failed build (issue 15)."""

from __future__ import annotations

import errno
import os
import pathlib
import re
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_build import small_copy, tree_digest

from nashra.build.pipeline import build
from nashra.commands.cli import main
from nashra.text.blocks import to_html

BRIEFING = "content/briefings/2023-09-vostochny.ar.md"  # no translation to keep aligned
PAGE = "site/ar/briefings/2023-09-vostochny/index.html"
HEADER = "---\ntitle: عنوان\ndate: 2024-06-19\n"
SAFE_SCHEMES = {"http", "https", "mailto"}


# --- what a page may never hold ---------------------------------------------------------

class _Urls(HTMLParser):
    """Every URL-valued attribute of a page, decoded as the browser decodes it."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [v or "" for k, v in attrs if k in {"href", "src", "action", "formaction",
                                                          "xlink:href", "poster", "data"}]


def browser_scheme(url: str) -> str | None:
    """The scheme a browser reads from `url` (WHATWG: tabs/newlines dropped, ends trimmed)."""
    url = re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(33))))
    m = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    return m.group(1).lower() if m else None


def unsafe_in(markup: str) -> list[str]:
    """URLs in `markup` that a click would hand to a scheme other than http(s) or mailto."""
    parser = _Urls()
    parser.feed(markup)
    parser.close()
    return [u for u in parser.urls if (s := browser_scheme(u)) is not None
            and s not in SAFE_SCHEMES]


def unsafe_urls(site: Path) -> list[str]:
    """unsafe_in over every HTML and XML file of a built site."""
    return [f"{path.name}: {u!r}" for path in site.rglob("*")
            if path.suffix in (".html", ".xml") and "pagefind" not in path.parts
            for u in unsafe_in(path.read_text("utf-8"))]


def control_characters(site: Path) -> list[str]:
    """Output files holding NUL or another control character a page cannot show."""
    bad = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
    return [p.name for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".xml")
            and bad.search(p.read_text("utf-8"))]


# --- a built project per test -------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture, built once (without search: the cases are about input)."""
    project = small_copy(tmp_path_factory.mktemp("faults"))
    build(project, project / "site", search=False)
    return project


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A copy of the built project (site/ and cache included) that a test may break."""
    copy = tmp_path / "p"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Run the `nashra` command in-process: exit code and stderr (a traceback fails the test)."""
    code = main(list(args))
    return code, capsys.readouterr().err


def failed_build(project: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    """Build `project`, which must fail with messages and leave site/ byte-identical."""
    before = tree_digest(project / "site")
    code, err = run(capsys, "build", "--project", str(project), "--no-search", *extra)
    assert code == 1, err
    assert tree_digest(project / "site") == before
    return err


def good_build(project: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    code, err = run(capsys, "build", "--project", str(project), "--no-search", *extra)
    assert code == 0, err
    return err


# --- URLs that are script once decoded ------------------------------------------------------

@pytest.mark.parametrize("target", [
    "javascript&colon;alert(document.domain)",
    "&#106;avascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "&#x6A;&#x61;vascript&#58;alert(1)",
    "&amp;#106;avascript:alert(1)",
    "java&NewLine;script:alert(1)",
    "%20javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data&colon;text/html,<script>alert(1)</script>",
])
def test_a_link_that_decodes_to_script_is_removed(project, capsys, target):
    path = project / BRIEFING
    path.write_text(path.read_text("utf-8") + f"\n[انقر هنا]({target}) و![صورة]({target})\n",
                    "utf-8")
    good_build(project, capsys, "--strict")
    assert unsafe_urls(project / "site") == []
    page = (project / PAGE).read_text("utf-8")
    assert "انقر هنا" in page  # the text stays, only the target goes


def test_safe_links_keep_their_targets(project, capsys):
    path = project / BRIEFING
    path.write_text(path.read_text("utf-8") + "\n[أ](https://example.org/a?b=1&c=2) "
                    "[ب](mailto:desk@example.org) [ج](../../entities/pyongyang/index.html)\n",
                    "utf-8")
    good_build(project, capsys, "--strict")
    page = (project / PAGE).read_text("utf-8")
    for href in ('href="https://example.org/a?b=1&amp;c=2"', 'href="mailto:desk@example.org"',
                 'href="../../entities/pyongyang/index.html"'):
        assert href in page


@pytest.mark.parametrize("source", [
    "[" * 20_000,                                            # was 99 s
    "- " * 5000 + "x",                                       # was a RecursionError
    "\n".join("  " * i + "- بند" for i in range(1200)),      # was minutes
    "\n".join("> " * 15 + "اقتباس" for _ in range(2000)),
], ids=["brackets", "deep-list", "stair-list", "quotes"])
def test_pathological_markdown_renders_in_bounded_time(source):
    start = time.perf_counter()
    html = to_html(source)
    assert time.perf_counter() - start < 6
    assert html.startswith("<") and unsafe_in(html) == []


# --- content files that are not text --------------------------------------------------------

@pytest.mark.parametrize(("data", "message"), [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file, not text"),
    (HEADER.encode() + b"---\n\xff\xfe caf\xe9 text\n", "not UTF-8 text (byte 0xff"),
    (f"{HEADER}---\nنص\n".encode("utf-16"), "file is UTF-16 text, not UTF-8"),
    (f"{HEADER}---\nنص\x00 مخفي\n".encode(), "NUL character in the text"),
])
def test_a_file_that_is_not_utf8_text_is_named(project, capsys, data, message):
    (project / "content/briefings/bad.ar.md").write_bytes(data)
    err = failed_build(project, capsys)
    line = [x for x in err.splitlines() if x.startswith("content/briefings/bad.ar.md:")]
    assert line and message in line[0], err


def test_the_nul_line_is_given(project, capsys):
    (project / "content/briefings/bad.ar.md").write_bytes(
        f"{HEADER}---\nفقرة\n\nنص\x00\n".encode())
    assert "content/briefings/bad.ar.md:7: error: NUL character" in failed_build(project, capsys)


def test_a_file_over_the_configured_limit_is_refused_unread(project, capsys):
    config = project / "nashra.toml"
    config.write_text(config.read_text("utf-8") + "\n[limits]\nmax_file_bytes = 4000\n", "utf-8")
    (project / "content/briefings/big.ar.md").write_text(HEADER + "---\n" + "كلمة " * 2000,
                                                         "utf-8")
    err = failed_build(project, capsys)
    assert "content/briefings/big.ar.md:1: error: file is 18,043 bytes, over the limit of 4,000" \
        in err


def test_control_characters_never_reach_a_page(project, capsys):
    path = project / BRIEFING
    path.write_text(path.read_text("utf-8") + "\nنص\x01 فيه\x1b[31m رموز\x7f تحكم\x08\n", "utf-8")
    good_build(project, capsys)
    assert control_characters(project / "site") == []


# --- YAML ---------------------------------------------------------------------------------

BOMB = ('a: &a ["x","x","x","x","x","x","x","x","x"]\n'
        + "".join(f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n"
                  for a, b in zip("abcdefgh", "bcdefghi", strict=True)))


@pytest.mark.parametrize("field", ["date", "status", "title"])
def test_a_yaml_alias_bomb_is_refused_at_once(project, capsys, field):
    (project / "content/briefings/bomb.ar.md").write_text(
        f"---\ntitle: t\ndate: 2024-01-01\n{BOMB}{field}: *i\n---\nنص\n", "utf-8")
    start = time.perf_counter()
    err = failed_build(project, capsys)
    assert time.perf_counter() - start < 5
    assert "content/briefings/bomb.ar.md:" in err and "YAML alias" in err
    assert len(err) < 2000


def test_a_huge_value_is_not_copied_into_the_message(project, capsys):
    (project / "content/briefings/long.ar.md").write_text(
        f"---\ntitle: t\ndate: '{'9' * 200_000}'\nstatus: {'x' * 100_000}\n---\nنص\n", "utf-8")
    err = failed_build(project, capsys)
    assert "content/briefings/long.ar.md:3: error: 'date' is not a valid ISO date" in err
    assert "content/briefings/long.ar.md:4: error: 'status' must be draft or published" in err
    assert max(map(len, err.splitlines())) < 400


def test_a_number_too_long_for_python_is_a_message(project, capsys):
    (project / "content/briefings/long.ar.md").write_text(
        f"---\ntitle: t\ndate: {'9' * 200_000}\n---\nنص\n", "utf-8")
    err = failed_build(project, capsys)
    assert "long.ar.md:2: error: a value in the front matter cannot be read" in err
    assert len(err) < 1000


@pytest.mark.parametrize("fm", ["x: " + "[" * 100_000 + "]" * 100_000,   # crashed Python
                                "x: " + "{a: " * 20_000 + "1" + "}" * 20_000,
                                "x:\n  " + "- " * 100_000 + "v"],           # crashed Python
                         ids=["flow-lists", "flow-maps", "compact-lists"])
def test_front_matter_nested_too_deep_is_refused(project, capsys, fm):
    (project / "content/briefings/deep.ar.md").write_text(f"---\n{fm}\n---\nنص\n", "utf-8")
    err = failed_build(project, capsys)
    assert "content/briefings/deep.ar.md:2: error: front matter is nested too deeply" in err


def test_a_duplicate_key_names_both_lines(project, capsys):
    (project / "content/briefings/dup.ar.md").write_text(
        "---\ntitle: الأول\ndate: 2024-01-01\ntitle: الثاني\n---\nنص\n", "utf-8")
    err = failed_build(project, capsys)
    assert "content/briefings/dup.ar.md:4: error: duplicate key 'title' (lines 2 and 4)" in err


def test_a_duplicate_nested_key_is_reported(project, capsys):
    (project / "content/briefings/dup.ar.md").write_text(
        "---\ntitle: t\ndate: 2024-01-01\nsource: {name: أ, name: ب}\n---\nنص\n", "utf-8")
    assert "dup.ar.md:4: error: duplicate key 'name'" in failed_build(project, capsys)


# --- symlinks -----------------------------------------------------------------------------

def test_a_symlinked_file_from_outside_the_project_is_refused(project, capsys, tmp_path):
    secret = tmp_path / "outside.md"
    secret.write_text(f"{HEADER}---\nسر من خارج المشروع\n", "utf-8")
    (project / "content/briefings/leak.ar.md").symlink_to(secret)
    err = failed_build(project, capsys)
    assert "content/briefings/leak.ar.md:1: error: symlink points outside the project" in err


def test_a_symlinked_folder_from_outside_the_project_is_refused(project, capsys, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.ar.md").write_text(f"{HEADER}---\nسر\n", "utf-8")
    (project / "content/briefings/more").symlink_to(outside)
    err = failed_build(project, capsys)
    assert "content/briefings/more:1: error: symlink points outside the project" in err


@pytest.mark.parametrize("target", ["loop.ar.md", "../briefings/other.ar.md"])
def test_a_symlink_loop_is_reported(project, capsys, target):
    (project / "content/briefings/loop.ar.md").symlink_to(target)
    if "other" in target:
        (project / "content/briefings/other.ar.md").symlink_to("loop.ar.md")
    assert "content/briefings/loop.ar.md:1: error: symlink loop" in failed_build(project, capsys)


def test_a_folder_linked_to_its_parent_is_reported_not_walked_forever(project, capsys):
    (project / "content/briefings/again").symlink_to("..")
    (project / "content/up").symlink_to("..")
    err = failed_build(project, capsys)
    assert "content/briefings/again:1: error: linked folder loops back" in err
    assert "content/up:1: error: linked folder loops back" in err


# --- titles -------------------------------------------------------------------------------

def test_bidi_controls_in_a_title_are_balanced_in_every_page(project, capsys):
    path = project / "content/briefings/2024-06-summit.ar.md"
    path.write_text(path.read_text("utf-8").replace(
        "title: بوتين يصل", "title: \u2066بوتين\u202e يصل\u2069\u2069\u202c"), "utf-8")
    good_build(project, capsys)
    touched = 0
    for page in (project / "site").rglob("*"):
        if page.suffix in (".html", ".xml"):
            text = page.read_text("utf-8")
            touched += "\u2066" in text
            opens = sum(text.count(c) for c in "\u2066\u2067\u2068")
            assert (opens, text.count("\u202e")) == (text.count("\u2069"), text.count("\u202c"))
    assert touched > 2


# --- nashra.toml --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "message"), [
    (b'[site]\ntitle = "\xff"\n', "nashra.toml:2: error: not UTF-8 text"),
    (b'site = "x"\n', "nashra.toml:1: error: 'site' must be a table"),
    (b'[[site]]\ntitle = "x"\n', "nashra.toml:1: error: 'site' must be a table"),
    (b'linking = 3\n', "nashra.toml:1: error: 'linking' must be a table"),
    (b'[site]\ntitle = ""\n', "nashra.toml:2: error: site.title must not be empty"),
    (b'[site]\ntitle = {ar = " ", en = "x"}\n', "site.title must not be empty"),
    (b'[site]\nbase_url = "https://a.org/\\"><script>alert(1)</script>"\n', "site.base_url holds"),
    (b'[site]\nbase_url = "https://a.org/?x=1"\n', "must not have a ?query or #fragment"),
    (b'[site]\nbase_url = "https://a.org/#top"\n', "must not have a ?query or #fragment"),
    (b'[site]\nbase_url = "https://a.org:99999/"\n', "invalid host or port"),
    (b'[site]\nbase_url = "javascript:alert(1)//"\n', "must start with http:// or https://"),
    (b'[site]\nbase_url = "https://user:pw@a.org/"\n', "user name or password"),
    (b'[site]\nbase_url = "https://a.org/a b/"\n', "site.base_url holds"),
    (b'[limits]\nmax_file_bytes = "big"\n', "limits.max_file_bytes must be"),
    (b"a = " + b"[" * 50_000 + b"]" * 50_000, "nashra.toml:1: error: nested too deeply"),
])
def test_a_bad_nashra_toml_gets_a_message(project, capsys, text, message):
    (project / "nashra.toml").write_bytes(text)
    assert message in failed_build(project, capsys)


def test_nashra_toml_as_a_folder_gets_a_message(project, capsys):
    (project / "nashra.toml").unlink()
    (project / "nashra.toml").mkdir()
    assert "nashra.toml:1: error: is a folder, not a file" in failed_build(project, capsys)


@pytest.mark.parametrize("text", ["", "\n# every key is optional\n", "[site]\n", "[linking]\n"])
def test_an_empty_or_partial_nashra_toml_takes_the_defaults(project, capsys, text):
    (project / "nashra.toml").write_text(text, "utf-8")
    good_build(project, capsys, "--strict")
    assert "<title>" in (project / "site/en/index.html").read_text("utf-8")
    assert "Sitemap: https://example.org/sitemap.xml" in (project / "site/robots.txt").read_text()


def test_a_clean_base_url_reaches_robots_txt(project, capsys):
    (project / "nashra.toml").write_text('[site]\nbase_url = "https://news.example/ar-en"\n')
    good_build(project, capsys)
    assert "Sitemap: https://news.example/ar-en/sitemap.xml" in \
        (project / "site/robots.txt").read_text()


# --- other messages -------------------------------------------------------------------------

def test_the_unknown_entity_hint_names_the_entities_folder(project, capsys):
    path = project / "content/briefings/2024-06-summit.ar.md"
    path.write_text(path.read_text("utf-8").replace("entities: []", "entities: [zzqx]"), "utf-8")
    err = failed_build(project, capsys)
    assert "(hint: create content/entities/zzqx.md)" in err


def test_a_file_named_like_the_cache_folder_gets_a_message(project, capsys):
    shutil.rmtree(project / ".nashra-cache")
    (project / ".nashra-cache").write_text("notes of mine\n")
    err = failed_build(project, capsys)
    assert ".nashra-cache:1: error: is a file, but Nashra keeps its build cache" in err
    assert (project / ".nashra-cache").read_text() == "notes of mine\n"


def test_new_with_a_300_character_id_gets_a_message(project, capsys):
    code, err = run(capsys, "new", "event", "a" * 300, "--project", str(project))
    assert code == 1 and "keep it to 100 or fewer" in err


def test_stats_json_into_a_missing_folder_fails_before_building(project, capsys):
    path = project / "content/briefings/new.ar.md"
    path.write_text(f"{HEADER}---\nنص جديد\n", "utf-8")
    before = tree_digest(project / "site")
    code, err = run(capsys, "build", "--project", str(project), "--no-search",
                    "--stats-json", str(project / "no/such/stats.json"))
    assert code == 2 and "no/such/stats.json: error: the folder" in err and "does not exist" in err
    assert tree_digest(project / "site") == before


@pytest.mark.parametrize(("code", "said"), [(errno.ENOSPC, "the disk is full"),
                                            (errno.EROFS, "the disk is read-only"),
                                            (errno.EACCES, "permission denied")])
def test_a_write_that_fails_says_why(project, capsys, monkeypatch, code, said):
    path = project / BRIEFING
    path.write_text(path.read_text("utf-8") + "\nفقرة أخرى.\n", "utf-8")
    real = pathlib.Path.write_bytes

    def failing(self: Path, data: bytes) -> int:
        if self.is_relative_to(project / "site") or ".site." in str(self):
            raise OSError(code, os.strerror(code), str(self))
        return real(self, data)

    monkeypatch.setattr(pathlib.Path, "write_bytes", failing)
    code_, err = run(capsys, "build", "--project", str(project), "--no-search")
    assert code_ == 1 and said in err and "Traceback" not in err


# --- seeds --------------------------------------------------------------------------------

SEED = """روسيا تزيد شحنات القمح إلى كوريا الشمالية

موسكو - الأربعاء 19 يونيو 2024

قالت مصادر تجارية إن شحنات من القمح الروسي وصلت إلى موانئ كوريا الشمالية خلال الأشهر
الماضية، في مؤشر جديد على تنامي التبادل التجاري بين البلدين رغم العقوبات الدولية.

وأضافت المصادر أن السفن أبحرت من ميناء فلاديفوستوك وأن الكميات تضاعفت مقارنة بالعام الماضي.
"""


def seed_text() -> str:
    return SEED


def test_a_seed_that_repeats_another_is_published_once(project, capsys):
    (project / "seeds").mkdir()
    (project / "seeds/first.txt").write_text(seed_text(), "utf-8")
    (project / "seeds/second.txt").write_text(seed_text().replace("\n", "\r\n") + "\n\n", "utf-8")
    err = good_build(project, capsys)
    assert "seeds/second.txt:1: warning: same text as seeds/first.txt" in err
    assert (project / "site/ar/briefings/first/index.html").is_file()
    assert not (project / "site/ar/briefings/second").exists()


@pytest.mark.parametrize("text", ["2024-06-19\n", "الأربعاء 19 يونيو 2024\n",
                                  "موسكو - 19/6/2024\n\nعاجل\n"])
def test_a_seed_with_only_a_date_is_not_a_page(project, capsys, text):
    (project / "seeds").mkdir()
    (project / "seeds/stub.txt").write_text(text, "utf-8")
    # an error, as for a seed of boilerplate only: the editor must see it before it ships
    err = failed_build(project, capsys)
    assert "seeds/stub.txt:1: error:" in err and "it is not published" in err
    assert not (project / "site/ar/briefings/stub").exists()


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8), "binary file, not text"),
    (lambda p: p.write_bytes("خبر".encode("utf-16")), "file is UTF-16 text"),
    (lambda p: p.mkdir(), "is a folder, not a file"),
    (lambda p: p.symlink_to(p), "symlink loop"),
    (lambda p: p.symlink_to("/etc/hostname"), "symlink points outside the project"),
])
def test_a_bad_seed_is_reported_at_build_time(project, capsys, make, message):
    (project / "seeds").mkdir()
    make(project / "seeds/bad.txt")
    err = failed_build(project, capsys)
    assert f"seeds/bad.txt:1: error: {message}" in err


def test_a_seed_that_is_a_pipe_is_reported_not_read_forever(project, capsys):
    (project / "seeds").mkdir()
    os.mkfifo(project / "seeds/pipe.txt")
    err = failed_build(project, capsys)
    assert "seeds/pipe.txt:1: error: not a regular file" in err


def test_file_names_that_are_not_utf8_are_reported(project, capsys):
    (project / "seeds").mkdir()
    (project / os.fsdecode(b"seeds/\xff\xfe.txt")).write_text(SEED, "utf-8")
    (project / os.fsdecode(b"content/briefings/\xff.ar.md")).write_text(f"{HEADER}---\nنص\n")
    err = failed_build(project, capsys)
    assert "seeds/\ufffd\ufffd.txt:1: error: the file name is not valid UTF-8" in err
    assert "content/briefings/\ufffd.ar.md:1: error: the file name is not valid UTF-8" in err


def test_ingest_reports_every_bad_seed_before_writing_any_draft(project, capsys):
    seeds = project / "seeds"
    seeds.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (seeds / name).write_text(seed_text().replace("القمح", f"القمح {name}"), "utf-8")
    (seeds / "d.txt").write_bytes(b"\x00\x01binary\x00" * 50)
    (seeds / "e.txt").mkdir()
    (seeds / "f.txt").symlink_to("/etc/hostname")
    before = tree_digest(project / "content")
    code, err = run(capsys, "ingest", "--project", str(project))
    assert code == 1
    assert "seeds/d.txt:1: error: binary file" in err and "seeds/e.txt:1: error: is a folder" in err
    assert "seeds/f.txt:1: error: symlink points outside the project" in err
    assert tree_digest(project / "content") == before


def test_ingest_passes_over_a_briefing_that_is_not_text(project, capsys):
    (project / "seeds").mkdir()
    (project / "seeds/fresh.txt").write_text(SEED, "utf-8")
    (project / "content/briefings/broken.ar.md").write_bytes(b"\x89PNG\r\n" + bytes(300))
    code, err = run(capsys, "ingest", "--project", str(project))
    assert code == 0, err
    assert (project / "content/briefings/fresh.ar.md").is_file()


def test_bidi_controls_in_a_seed_headline_are_balanced(project, capsys):
    (project / "seeds").mkdir()
    (project / "seeds/rlo.txt").write_text("\u202eعنوان \u2067مقلوب\n" + SEED.split("\n", 1)[1],
                                           "utf-8")
    good_build(project, capsys)
    page = (project / "site/ar/briefings/rlo/index.html").read_text("utf-8")
    # (ingest may drop them altogether: either way nothing is left open)
    assert page.count("\u202e") == page.count("\u202c")
    assert page.count("\u2067") == page.count("\u2069")


def test_control_characters_and_a_bom_in_a_seed_never_reach_a_page(project, capsys):
    (project / "seeds").mkdir()
    (project / "seeds/ctl.txt").write_text("\ufeff" + seed_text().replace("القمح", "القمح\x07\x1b"),
                                           "utf-8")
    good_build(project, capsys)
    assert (project / "site/ar/briefings/ctl/index.html").is_file()
    assert control_characters(project / "site") == []


def test_escaped_entities_in_text_stay_text(project, capsys):
    path = project / BRIEFING
    path.write_text(path.read_text("utf-8") + "\n&lt;script&gt;alert(1)&lt;/script&gt; "
                    "<script>alert(2)</script> <img src=x onerror=alert(3)>\n", "utf-8")
    good_build(project, capsys)
    page = (project / PAGE).read_text("utf-8")
    body = page[page.index("<main"):page.index("</main>")]
    assert "<script" not in body and "<img" not in body
    assert "&lt;script&gt;alert(2)" in body and "&lt;img src=x onerror=alert(3)&gt;" in body


@pytest.fixture
def small_disk(tmp_path: Path):
    """mount(size, read_only) -> a folder on a tmpfs of that size (needs root, as in CI's box)."""
    import subprocess

    mounted: list[Path] = []

    def mount(size: str, read_only: bool = False) -> Path:
        where = tmp_path / f"disk{len(mounted)}"
        where.mkdir()
        opts = f"size={size}" + (",ro" if read_only else "")
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(where)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        mounted.append(where)
        return where

    yield mount
    for where in mounted:
        subprocess.run(["umount", str(where)], check=False)


@pytest.mark.slow
@pytest.mark.parametrize(("size", "read_only", "said"), [
    ("200k", False, "the disk is full"),   # the page writes fail
    ("800k", False, "the disk is full"),   # Pagefind runs out of space (and exits 0)
    ("2m", True, "the disk is read-only"),
])
def test_a_real_full_or_read_only_disk_is_named(project, capsys, small_disk, size, read_only,
                                                said):
    out = small_disk(size, read_only) / "site"
    code, err = run(capsys, "build", "--project", str(project), "--out", str(out))
    assert code == 1 and said in err and "Traceback" not in err
