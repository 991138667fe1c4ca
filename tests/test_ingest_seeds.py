"""Seeds at build time and on the command line: never dropped silently, bad input refused."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from nashra import ingest
from nashra.commands.cli import main
from nashra.load.seeds import pending_briefings

FIXTURES = Path(__file__).resolve().parent / "fixtures"
UNDATED = """هل ينتقم بوتين من الغرب باتفاق إستراتيجي مع بيونغ يانغ؟
وتعد رحلة بوتين، وهي الأولى له إلى كوريا الشمالية منذ سنة 2000، لفتة دبلوماسية للرد على تلك التي قام بها الزعيم الكوري الشمالي.
وأضاف أن العلاقات الثنائية بين روسيا وكوريا الشمالية ضعفت منذ انهيار الاتحاد السوفييتي، لكن الحرب الأوكرانية أضفت أهمية جديدة.
"""
DATED = "نشر في: 19 يونيو 2024\n" + UNDATED
BOILERPLATE = "الرئيسية | أخبار | سياسة | اقتصاد\nشارك الخبر:\nفيسبوك تويتر واتساب\nجميع الحقوق محفوظة © 2024\n"


def project(tmp_path: Path) -> Path:
    """A copy of the small fixture project with a seeds/ folder."""
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "small", root)
    (root / "seeds").mkdir()
    return root


def git(root: Path, *args: str, when: str = "2024-03-05T10:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_undated_seed_is_published_with_the_day_its_commit_added_it(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "seeds" / "a.txt").write_text(UNDATED, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "seeds/a.txt")
    git(root, "commit", "-qm", "add a seed", when="2024-03-05T23:30:00+00:00")
    (root / "seeds" / "a.txt").write_text(UNDATED + "\nفقرة أخرى.\n", encoding="utf-8")
    git(root, "commit", "-qam", "edit it", when="2025-01-01T10:00:00+00:00")
    briefings, problems = pending_briefings(root, set())
    (b,) = briefings
    assert (b.date, b.date_approximate) == (dt.date(2024, 3, 5), True)
    assert [p.severity for p in problems] == ["warning"]
    assert str(problems[0]).startswith("seeds/a.txt:1: warning: no dated evidence in this seed; "
                                       "published with the day it entered the repository "
                                       "(2024-03-05)")


def test_without_git_the_file_time_is_the_approximate_date(tmp_path: Path) -> None:
    root = project(tmp_path)
    seed = root / "seeds" / "a.txt"
    seed.write_text(UNDATED, encoding="utf-8")
    stamp = dt.datetime(2023, 11, 14, 12, 0, tzinfo=dt.UTC).timestamp()
    os.utime(seed, (stamp, stamp))
    assert ingest.added_on(seed) == (dt.date(2023, 11, 14), "the seed file's modification time")


def test_dated_seed_keeps_its_stated_date(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "seeds" / "a.txt").write_text(DATED, encoding="utf-8")
    (b,), problems = pending_briefings(root, set())
    assert (b.date, b.date_approximate, problems) == (dt.date(2024, 6, 19), False, [])


@pytest.mark.parametrize(("content", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "seed is a binary file, not article text"),
    (b"\xff\xfe\xfa broken", "seed is not UTF-8 text"),
    (b"  \n\n", "seed is empty"),
    (BOILERPLATE.encode(), "seed holds only boilerplate"),
])
def test_bad_seed_is_refused_with_a_located_message(tmp_path: Path, content: bytes,
                                                    message: str) -> None:
    root = project(tmp_path)
    (root / "seeds" / "bad.txt").write_bytes(content)
    briefings, problems = pending_briefings(root, set())
    assert briefings == []
    (p,) = problems
    assert p.severity == "error" and p.hint
    assert str(p).startswith(f"seeds/bad.txt:1: error: {message}")
    assert "it is not published" in p.message
    (outcome,) = ingest.ingest([root / "seeds" / "bad.txt"], root / "out")
    assert outcome.action == "rejected" and message in outcome.message
    assert "(hint: " in outcome.message and not outcome.target.exists()


@pytest.mark.slow  # two full checks of the small project (~3 s)
def test_check_lists_and_counts_approximate_dates_and_strict_fails(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    (root / "seeds" / "a.txt").write_text(UNDATED, encoding="utf-8")
    (root / "seeds" / "b.txt").write_text(UNDATED, encoding="utf-8")
    assert main(["check", "--project", str(root)]) == 0
    out = capsys.readouterr()
    assert "seeds/a.txt:1: warning: no dated evidence" in out.err
    assert "2 briefing(s) carry an approximate date" in out.out
    assert main(["check", "--project", str(root), "--strict"]) == 1


def test_cli_ingest_refuses_a_binary_seed_without_a_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    (root / "seeds" / "x.txt").write_bytes(b"\x00\x01\x02")
    assert main(["ingest", "--project", str(root)]) == 1
    err = capsys.readouterr().err
    assert "x.txt: seed is a binary file, not article text; nothing written (hint: " in err
    assert not list((root / "content" / "briefings").glob("x*"))


def test_cli_report_prints_per_field_accuracy(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "--report", str(FIXTURES / "ingest_corpus")]) == 0
    out = capsys.readouterr().out
    for field in ("headline", "date exact", "outlet (where named)", "boilerplate lines kept",
                  "body paragraphs lost"):
        assert field in out
    assert main(["ingest", "--report", str(FIXTURES / "ingest")]) == 1  # no gold files there


def test_readers_see_an_approximate_date_as_added_on(tmp_path: Path) -> None:
    from nashra.pages.views import meta_for

    root = project(tmp_path)
    (root / "seeds" / "a.txt").write_text(UNDATED, encoding="utf-8")
    (b,), _ = pending_briefings(root, set())
    assert meta_for(b, "ar").date_text.startswith("أضيف في ")
    assert meta_for(b, "en").date_text.startswith("added on ")
    (d,), _ = pending_briefings(_dated(tmp_path), set())
    assert not meta_for(d, "en").date_text.startswith("added on")


def _dated(tmp_path: Path) -> Path:
    root = tmp_path / "dated"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "a.txt").write_text(DATED, encoding="utf-8")
    return root


def test_an_ingested_undated_seed_is_a_loadable_draft_shown_as_added_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    (root / "seeds" / "a.txt").write_text(UNDATED, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "seeds/a.txt")
    git(root, "commit", "-qm", "add a seed", when="2024-03-05T10:00:00+00:00")
    assert main(["ingest", "--project", str(root)]) == 0
    (draft,) = (root / "content" / "briefings").glob("a*.ar.md")
    text = draft.read_text(encoding="utf-8")
    assert "date: 2024-03-05  # APPROXIMATE" in text
    assert "date_evidence: {kind: added-to-repository, text: the commit that added the seed" in text
    capsys.readouterr()
    assert main(["check", "--project", str(root)]) == 0
    out = capsys.readouterr()
    assert f"content/briefings/{draft.name}:3: warning: no dated evidence in this seed" in out.err
    assert "1 briefing(s) carry an approximate date" in out.out
    from nashra.build.pipeline import load_stage

    archive, _ = load_stage(root.resolve(), strict=False)
    (b,) = [b for b in archive.briefings if b.seed == "a.txt"]
    assert (b.date, b.date_approximate, b.pending) == (dt.date(2024, 3, 5), True, False)


def test_build_summary_counts_approximate_dates_and_the_page_says_added_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    (root / "seeds" / "a.txt").write_text(UNDATED, encoding="utf-8")
    os.utime(root / "seeds" / "a.txt", (1709632800, 1709632800))  # 2024-03-05, no git here
    out = tmp_path / "site"
    assert main(["build", "--project", str(root), "--out", str(out), "--no-search"]) == 0
    printed = capsys.readouterr()
    assert "1 briefing(s) carry an approximate date" in printed.out
    assert "seeds/a.txt:1: warning: no dated evidence in this seed" in printed.err
    pages = {p.relative_to(out).parts[0]: p.read_text(encoding="utf-8")
             for p in out.glob(f"**/briefings/{ingest.default_slug('a.txt')}/index.html")}
    assert "أضيف في" in pages["ar"] and 'datetime="2024-03-05"' in pages["ar"]
    assert "added on" in pages["en"]
    assert main(["build", "--project", str(root), "--out", str(out), "--no-search",
                 "--strict"]) == 1
