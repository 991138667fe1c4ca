"""Output paths claimed once each, and the staging folder a clean build is swapped in from."""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
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
    """Replace `target` with `staged`: in one atomic exchange where the system has one, so
    that `target` is always the old site or the new one, even if the build is killed."""
    os.chmod(staged, 0o755)  # mkdtemp makes 0700 folders; a web server must read it
    if target.exists() and _exchange(staged, target):
        shutil.rmtree(staged, ignore_errors=True)  # now the old site
        return
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rename(target, old / "site")
    try:
        os.rename(staged, target)
    except BaseException:
        if old is not None:
            os.rename(old / "site", target)  # put the old site back
            old.rmdir()
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def discard(staged: Path) -> None:
    """Remove a staging folder after a failed build."""
    shutil.rmtree(staged, ignore_errors=True)
