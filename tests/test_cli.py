"""The command line: every command has help; errors exit non-zero; new never overwrites."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nashra.commands.cli import main, parser

SMALL = Path(__file__).parent / "fixtures" / "small"
COMMANDS = sorted(parser()._subparsers._group_actions[0].choices)


def test_the_expected_commands_exist():
    assert COMMANDS == ["build", "check", "ingest", "init", "new", "serve", "status",
                        "suggest", "translate"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert f"usage: nashra {command}" in out
    assert "--project" in out or command == "init"  # init is given its folder


def readme_commands() -> dict[str, str]:
    """README's command table: the command's name -> its row."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Commands", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, str] = {}
    for line in table.splitlines():  # a command may take more than one row
        if line.startswith("| `nashra "):
            name = re.match(r"\| `nashra ([a-z-]+)", line).group(1)
            rows[name] = rows.get(name, "") + line
    return rows


def test_every_command_and_option_is_in_the_readme_table():
    """As sqlite-utils does: a command or option the README's table leaves out fails here."""
    rows = readme_commands()
    assert sorted(rows) == COMMANDS
    for name, sub in parser()._subparsers._group_actions[0].choices.items():
        for action in sub._actions:
            if action.dest in ("help", "project"):
                continue  # every command has them: said once under the table
            if action.option_strings:
                assert any(o in rows[name] for o in action.option_strings), (name, action.dest)
            elif action.choices:  # a sub-command such as `new briefing|entity|event`
                assert all(c in rows[name] for c in action.choices), (name, action.dest)


def test_build_reports_all_errors_and_exits_non_zero(tmp_path, capsys):
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    (project / "content/briefings/x.en.md").write_text("---\ntitle: X\n---\nText\n", "utf-8")
    bad = project / "content/events/2024-06-pyongyang-summit.md"
    bad.write_text(bad.read_text("utf-8").replace("place: pyongyang", "place: pyongyng"), "utf-8")
    code = main(["build", "--project", str(project), "--no-search"])
    err = capsys.readouterr().err
    assert code == 1
    assert "content/briefings/x.en.md:1: error: translation without its original x.ar.md" in err
    assert ("content/events/2024-06-pyongyang-summit.md:5: error: unknown entity 'pyongyng' in "
            "'place' (hint: did you mean 'pyongyang'?)") in err
    assert "Build failed: 2 error(s), 0 warning(s). The previous site was left untouched." in err
    assert not (project / "site").exists()


def test_check_strict_fails_on_warnings(tmp_path, capsys):
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    (project / "content/notes.md").write_text("---\ntitle: x\n---\n", "utf-8")
    assert main(["check", "--project", str(project)]) == 0
    assert main(["check", "--project", str(project), "--strict"]) == 1
    assert "content/notes.md:1: error: file outside briefings/" in capsys.readouterr().err


def test_new_creates_a_loadable_file_and_never_overwrites(tmp_path, capsys):
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    assert main(["new", "entity", "kim-jong-un", "--project", str(project)]) == 0
    path = project / "content/entities/kim-jong-un.md"
    text = path.read_text("utf-8")
    assert main(["new", "entity", "kim-jong-un", "--project", str(project)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_text("utf-8") == text
    assert main(["new", "event", "Bad Slug", "--project", str(project)]) == 1


def test_python_build_py_is_nashra_build(tmp_path):
    out = tmp_path / "out"
    root = Path(__file__).parent.parent
    done = subprocess.run([sys.executable, str(root / "build.py"), "--project", str(SMALL),
                           "--out", str(out), "--no-search"], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert re.search(r"Built \d+ pages", done.stdout) and (out / "en/index.html").is_file()
