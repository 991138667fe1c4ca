"""The package layout: imports only go down the pipeline, and no module outgrows a file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MAX_LINES = 800


def test_imports_only_go_down_the_pipeline() -> None:
    """import-linter's layers contract in pyproject.toml holds."""
    lint = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(lint), "--no-cache"], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 kept, 0 broken" in run.stdout


def test_no_module_is_over_800_lines() -> None:
    """Long modules hide their parts: split them along their sections."""
    long = {p.relative_to(REPO).as_posix(): n for p in (REPO / "nashra").rglob("*.py")
            if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES}
    assert not long, long
