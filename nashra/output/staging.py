"""Output paths claimed once each, and the staging folder a clean build is swapped in from."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


class DuplicateOutputError(RuntimeError):
    """Two pages tried to write the same output path."""


class Output:
    """The site's output paths, each claimed once: a second claim on a path is refused
    (as Pelican does) before anything is written."""

    def __init__(self) -> None:
        self._owners: dict[str, str] = {}

    def claim(self, path: str, owner: str = "") -> None:
        """Reserve `path` for the file `owner` makes."""
        if path.startswith("/") or ".." in path.split("/"):
            raise ValueError(f"output path escapes the site folder: {path}")
        if path in self._owners:
            raise DuplicateOutputError(
                f"two writes to {path}: {self._owners[path] or '?'} and {owner or '?'}")
        self._owners[path] = owner


def staging_folder(target: Path) -> Path:
    """A fresh empty folder beside `target` (same file system, so the swap is a rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))


def swap_into_place(staged: Path, target: Path) -> None:
    """Replace `target` with `staged`; the old site stays until the new one is in place."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rename(target, old / "site")
    os.rename(staged, target)
    os.chmod(target, 0o755)  # mkdtemp makes 0700 folders; a web server must read it
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def discard(staged: Path) -> None:
    """Remove a staging folder after a failed build."""
    shutil.rmtree(staged, ignore_errors=True)
