"""`nashra init DIR`: a new archive that builds at once, with its CI and deploy files."""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from nashra import __version__

STARTER = Path(__file__).resolve().parent / "starter"
# Path in the new archive -> file in starter/ (stored without leading dots: package data).
FILES = {
    "nashra.toml": "nashra.toml",
    "README.md": "README.md",
    ".gitignore": "gitignore",
    ".github/workflows/publish.yml": "publish.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
    "scripts/publish.sh": "publish.sh",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
}
# Empty folders keep a .gitkeep, so a commit of the new archive keeps them too.
FOLDERS = ("content/briefings", "content/entities", "content/events", "seeds")
# The CI files say where Nashra comes from; this repository's own copies say "." (itself).
SPEC_LINE = 'NASHRA_SPEC: "."'


class InitError(Exception):
    """The folder cannot take a new archive (not empty, or not a folder)."""


@dataclass(frozen=True)
class Created:
    """What `init` did: files written, and files that were there already and were kept."""

    written: tuple[str, ...]
    kept: tuple[str, ...]


def init(folder: Path, *, spec: str | None = None, existing: bool = False) -> Created:
    """Write a new archive into `folder` (made if missing). A folder with anything in it is
    refused unless `existing`; even then no file already there is overwritten."""
    if folder.exists() and not folder.is_dir():
        raise InitError(f"{folder} is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not existing:
        raise InitError(f"{folder} is not empty; nothing was written (hint: an empty or new "
                        "folder, or --existing to add only the files that are missing)")
    spec = spec or f"nashra=={__version__}"
    if '"' in spec or "\n" in spec:
        raise InitError(f"--nashra-spec must be one pip requirement, not {spec!r}")
    files = {rel: (STARTER / name).read_text(encoding="utf-8") for rel, name in FILES.items()}
    for rel in (".github/workflows/publish.yml", ".gitlab-ci.yml"):
        files[rel] = files[rel].replace(SPEC_LINE, f'NASHRA_SPEC: "{spec}"')
    files |= {f"{d}/.gitkeep": "" for d in FOLDERS}
    written, kept = [], []
    for rel, text in files.items():
        path = folder / rel
        if path.exists():
            kept.append(rel)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(rel)
    script = folder / "scripts" / "publish.sh"
    if "scripts/publish.sh" in written:
        script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return Created(tuple(written), tuple(kept))
