"""Progress on long work: nothing for short work, plain lines in a log, a bar on a terminal,
and never anything in the site."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys

import pytest
from support import REPO
from test_build import small_copy, tree_digest

from nashra.build.pipeline import build
from nashra.commands import progress as progress_module
from nashra.commands.cli import main
from nashra.commands.progress import Progress


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_short_work_shows_nothing_and_long_work_plain_lines_now_and_then():
    clock, log = Clock(), io.StringIO()
    p = Progress(log, live=False, clock=clock)
    p("load", 0, 0)
    clock.now += 0.5
    p("render", 0, 1000)
    p("render", 400, 1000)
    assert log.getvalue() == ""  # under a second: nothing at all
    clock.now += 1.0
    p("render", 500, 1000)
    clock.now += 3
    p("render", 600, 1000)  # too soon after the last line
    clock.now += 10
    p("render", 900, 1000)
    p("index", 0, 0)
    p.close()
    assert log.getvalue().splitlines() == [
        "nashra: render 500/1000 files (50%), 2s",
        "nashra: render 900/1000 files (90%), 14s",
        "nashra: index, 14s",
    ]


def test_the_bar_imports_rich_only_once_work_lasts():
    """The no-change rebuild must not pay ~0.4 s for importing rich."""
    code = """
import io, sys
from nashra.commands.progress import Progress
now = [0.0]
class Tty(io.StringIO):
    def isatty(self): return True
out = Tty()
p = Progress(out, clock=lambda: now[0])
p("scan", 0, 0); p("load", 0, 0); p.close()
print("rich" in sys.modules, end=" ")
now[0] = 5.0
p("render", 10, 20); p("render", 20, 20); p("index", 0, 0); p.close()
print("rich" in sys.modules, "render" in out.getvalue())
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert done.stdout == "False True True\n", done.stderr


def test_a_build_reports_every_stage_and_counts_the_files_it_writes(tmp_path):
    events: list[tuple[str, int, int]] = []
    project = small_copy(tmp_path)
    report = build(project, tmp_path / "a", search=False,
                   progress=lambda *e: events.append(e))
    stages = list(dict.fromkeys(e[0] for e in events))
    assert stages == ["scan", "load", "link", "plan", "render"]
    render = [e for e in events if e[0] == "render" and e[2]]
    assert render[0][1] == 0 and render[-1][1] == render[-1][2] == report.written
    link = [e for e in events if e[0] == "link" and e[2]]
    assert link[-1][1] == link[-1][2] == len(list((project / "content" / "briefings").glob("*.ar.md")))
    events.clear()
    build(project, tmp_path / "a", search=False, progress=lambda *e: events.append(e))
    assert events == [("scan", 0, 0)]  # nothing changed: one look, nothing else
    build(project, tmp_path / "b", search=False, clean=True)  # no progress: the same bytes
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")


def test_cli_build_and_ingest_print_progress_on_stderr_only(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(progress_module.Progress, "DELAY", 0.0)
    project = small_copy(tmp_path)
    assert main(["build", "--project", str(project), "--no-search"]) == 0
    captured = capsys.readouterr()
    assert "nashra: render 0/" in captured.err and "nashra: render" not in captured.out
    assert captured.out.startswith("Built ")
    seeds = project / "seeds"
    seeds.mkdir()
    for seed in sorted((REPO / "tests" / "fixtures" / "ingest").glob("*.txt")):
        shutil.copy(seed, seeds / seed.name)
    assert main(["ingest", "--project", str(project)]) == 0
    captured = capsys.readouterr()
    count = len(list(seeds.iterdir()))
    assert f"nashra: ingest {count}/{count} seeds (100%)" in captured.err
    assert captured.out.count(" -> ") == count


@pytest.mark.parametrize("live", [False, True])
def test_closing_twice_or_without_work_is_harmless(live):
    p = Progress(io.StringIO(), live=live)
    p.close()
    p.close()
