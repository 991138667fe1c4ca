"""`nashra translate` with a real engine subprocess (tests/fixtures/english/engine.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.english import ENGINE, SEEDS, english_project, seed_slug

from nashra.build.pipeline import build, load_stage
from nashra.commands.cli import main
from nashra.commands.translate import TranslateError, parse_answers, protect, restore
from nashra.link.gazetteer import Gazetteer
from nashra.text.blocks import split_blocks
from nashra.text.frontmatter import parse

SLUGS = [seed_slug(s) for s in SEEDS]


def run(project: Path, *args: str, engine: str = ENGINE) -> int:
    return main(["translate", "--project", str(project), "--command", engine, *args])


def snapshot(project: Path) -> dict[str, bytes]:
    folder = project / "content" / "briefings"
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.en.md"))}


@pytest.fixture
def project(tmp_path) -> Path:
    return english_project(tmp_path)


@pytest.fixture
def log(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "engine.log"
    monkeypatch.setenv("ENGINE_LOG", str(path))
    return path


def sent(log: Path) -> list[str]:
    return log.read_text("utf-8").split() if log.exists() else []


def test_missing_translates_every_seed_aligned_and_a_second_run_writes_nothing(
        project, log, capsys):
    before = snapshot(project)
    assert run(project, "--missing") == 0
    out = capsys.readouterr().out
    archive, _ = load_stage(project)
    by_slug = {b.slug: b for b in archive.briefings}
    files = snapshot(project)
    assert set(files) - set(before) == {f"{s}.en.md" for s in SLUGS}
    assert all(files[name] == data for name, data in before.items())  # editorial untouched
    for slug in SLUGS:
        doc = parse((project / "content" / "briefings" / f"{slug}.en.md").read_text("utf-8"))
        assert doc.meta["translation"] == "machine" and doc.meta["engine"] == "engine.py"
        n = len(split_blocks(by_slug[slug].body))
        assert len(split_blocks(doc.body)) == n
        assert len(doc.meta["source_hashes"]["paragraphs"]) == n
        assert f"translated  {slug}" in out
    shoigu = (project / "content" / "briefings" / "106-shoigu-security.en.md").read_text("utf-8")
    assert "Sergei Shoigu" in shoigu and "Kim Jong Un" in shoigu and "[[E" not in shoigu
    # the summary is the lead paragraph, not the date line the seed opens with
    assert parse(shoigu).meta["summary"].startswith("wsl amyn Security Council of Russia")
    assert "Engine engine.py: 12 translated" in out
    first = len(sent(log))
    assert first > 12 * 4

    assert run(project, "--missing") == 0 and run(project) == 0
    assert snapshot(project) == files and len(sent(log)) == first  # nothing sent or written
    assert "0 translated, 0 updated, 12 unchanged, 5 skipped, 0 texts sent" in \
        capsys.readouterr().out


def test_an_edited_arabic_paragraph_is_the_only_text_sent_again(project, log, capsys):
    assert run(project, "101-lavrov-wonsan") == 0
    seed = project / "seeds" / "101_lavrov_wonsan.txt"
    seed.write_text(seed.read_text("utf-8").replace("ثلاثة أيام", "أربعة أيام"), "utf-8")
    log.unlink()
    assert run(project, "101-lavrov-wonsan") == 0
    assert sent(log) == ["101-lavrov-wonsan/p0"]
    assert "updated  101-lavrov-wonsan  (1 of 5 parts sent)" in capsys.readouterr().out
    text = (project / "content" / "briefings" / "101-lavrov-wonsan.en.md").read_text("utf-8")
    assert "arb'a" in text  # the engine's spelling of أربعة


def test_the_english_page_says_machine_translation_with_the_engine(project):
    assert run(project, "106-shoigu-security") == 0
    report = build(project, search=False)
    assert not [w for w in report.warnings if "106" in w.path]
    html = (project / "site/en/briefings/106-shoigu-security/index.html").read_text("utf-8")
    assert '<p class="notice" role="note" data-pagefind-ignore>Machine translation (engine.py)' \
           in html
    assert '<section class="parallel"' in html
    assert re.search(r'<a class="entity" href="[^"]*sergei-shoigu[^"]*">Sergei Shoigu</a>', html)
    home = (project / "site/en/index.html").read_text("utf-8")
    assert "Machine translation (engine.py)" in home


def test_editorial_is_never_overwritten_and_edited_machine_files_need_force(project, capsys):
    editorial = project / "content/briefings/2024-06-putin-pyongyang-pact-revenge-on-west.en.md"
    kept = editorial.read_bytes()
    assert run(project, "--force", "2024-06-putin-pyongyang-pact-revenge-on-west") == 0
    assert editorial.read_bytes() == kept
    assert "translation: editorial is never overwritten" in capsys.readouterr().out

    assert run(project, "104-tumen-bridge") == 0
    machine = project / "content/briefings/104-tumen-bridge.en.md"
    edited = machine.read_text("utf-8").replace("\n\n", "\n\nAn editor's fix. ", 1)
    machine.write_text(edited, "utf-8")
    assert run(project, "104-tumen-bridge") == 0
    assert machine.read_text("utf-8") == edited
    assert "edited by hand; --force translates it again" in capsys.readouterr().out
    assert run(project, "--force", "104-tumen-bridge") == 0
    assert "An editor's fix" not in machine.read_text("utf-8")


@pytest.mark.parametrize(("mode", "message"), [
    ("crash", "exited with status 3: engine: model file not found"),
    ("hang", "did not finish within 2 s and was stopped"),
    ("badjson", "invalid JSON on output line 1"),
    ("wrongid", "answered ids it was not sent: 101-lavrov-wonsan/title-x"),
    ("short", "wrote 10 lines for 11 inputs; missing: 102-kursk-troops/p4"),
    ("empty", "returned an empty text for 101-lavrov-wonsan/p0"),
])
def test_a_failing_engine_writes_nothing(project, monkeypatch, capsys, mode, message):
    monkeypatch.setenv("ENGINE_MODE", mode)
    before = snapshot(project)
    assert run(project, "--timeout", "2", "101-lavrov-wonsan", "102-kursk-troops") == 1
    err = capsys.readouterr().err
    assert message in err and "nothing was written" in err
    assert snapshot(project) == before


def test_answers_with_blank_lines_stay_one_paragraph_each(project, monkeypatch):
    monkeypatch.setenv("ENGINE_MODE", "split")
    assert run(project, "103-sanctions-panel") == 0
    archive, problems = load_stage(project)
    doc = parse((project / "content/briefings/103-sanctions-panel.en.md").read_text("utf-8"))
    original = next(b for b in archive.briefings if b.slug == "103-sanctions-panel")
    assert len(split_blocks(doc.body)) == len(split_blocks(original.body))
    assert "\n" not in doc.meta["title"]
    assert not [p for p in problems if "103" in p.path]


def test_no_engine_and_unknown_slugs_are_clear_errors(project, capsys):
    assert main(["translate", "--project", str(project)]) == 1
    assert "no translation engine: give --command" in capsys.readouterr().err
    assert run(project, "no-such-briefing") == 1
    assert "no briefing named no-such-briefing" in capsys.readouterr().err
    assert run(project, "101-lavrov-wonsan", engine="/nonexistent/engine") == 1
    assert "cannot start the engine" in capsys.readouterr().err


def test_the_engine_command_comes_from_nashra_toml(project, capsys):
    with (project / "nashra.toml").open("a", encoding="utf-8") as f:
        f.write(f'\n[translate]\ncommand = "{ENGINE}"\nname = "Test Engine 1.0"\n')
    assert main(["translate", "--project", str(project), "105-kalma-tourists"]) == 0
    text = (project / "content/briefings/105-kalma-tourists.en.md").read_text("utf-8")
    assert "engine: Test Engine 1.0" in text
    assert not load_stage(project)[1]  # [translate] is a known section


def test_placeholders_keep_clitics_and_restore_english_names(project):
    archive, _ = load_stage(project)
    gazetteer = Gazetteer.build(archive.entities)
    entities = {e.id: e for e in archive.entities}
    p = protect("التقى بوتين وكيم جونغ أون في بيونغ يانغ وللكرملين رأي", gazetteer, entities)
    assert p.text == "التقى [[E1]] و [[E2]] في [[E3]] ول [[E4]] رأي"
    assert p.names == ("Vladimir Putin", "Kim Jong Un", "Pyongyang", "Kremlin")
    assert restore("[[E1]] met [[ E2 ]] in [[E3]]; [[E9]]", p.names) == \
        "Vladimir Putin met Kim Jong Un in Pyongyang; [[E9]]"


def test_answers_are_checked_line_by_line():
    assert parse_answers('{"id": "a", "text": "A"}\n{"id": "b", "text": "B"}\n', ["a", "b"],
                         "e") == {"a": "A", "b": "B"}
    for out, message in (('{"id": "a", "text": "A"}\n{"id": "a", "text": "A"}', "twice"),
                         ('{"id": "a"}\n{"id": "b", "text": "B"}', "is not"),
                         ('[1]\n', "is not")):
        with pytest.raises(TranslateError, match=message):
            parse_answers(out, ["a", "b"], "e")
