"""Small archives for tests, loaded and linked by the build's own stages (no test-only path)."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path

from nashra.build.pipeline import link_stage, load_stage
from nashra.model import Archive, LinkedArchive, Problem


def write_project(root: Path, files: Mapping[str, str]) -> Path:
    """Write `files` (project-relative path -> text) under `root`; returns `root`."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def load_files(files: Mapping[str, str], *, strict: bool = False
               ) -> tuple[Archive, list[Problem]]:
    """The archive a build loads from these files, and its problems."""
    with tempfile.TemporaryDirectory() as root:
        return load_stage(write_project(Path(root), files), strict=strict)


def link_files(files: Mapping[str, str]) -> tuple[LinkedArchive, list[Problem]]:
    """The linked archive a build makes from these files, and the loading problems."""
    with tempfile.TemporaryDirectory() as root:
        return link_stage(write_project(Path(root), files))
