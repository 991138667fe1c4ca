"""The package layout: imports only go down the pipeline, and no module outgrows a file."""

from __future__ import annotations

import re
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


def test_every_package_is_described_in_internals() -> None:
    """docs/internals.md names every package and top-level module under nashra/."""
    text = (REPO / "docs" / "internals.md").read_text("utf-8")
    parts = [f"nashra/{p.name}/" for p in (REPO / "nashra").iterdir()
             if p.is_dir() and ((p / "__init__.py").is_file() or p.name == "theme")]
    parts += [f"nashra/{p.name}" for p in (REPO / "nashra").glob("*.py")
              if p.name not in ("__init__.py", "__main__.py")]
    assert sorted(parts), "no packages found"
    missing = [p for p in sorted(parts) if f"`{p}`" not in text]
    assert not missing, f"docs/internals.md does not describe {missing}"


def test_readme_points_to_docs_that_exist() -> None:
    """README's links into the repository resolve (no ../shared/ a clone does not have)."""
    readme = (REPO / "README.md").read_text("utf-8")
    targets = re.findall(r"\]\(([^)#:]+)\)", readme)
    assert "docs/design.md" in targets and "docs/internals.md" in targets
    assert [t for t in targets if not (REPO / t).exists()] == []
