"""A project for the English tests: the default archive plus twelve new Arabic seeds."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .paths import REPO

FIXTURE = REPO / "tests" / "fixtures" / "english"
SEEDS = sorted((FIXTURE / "seeds").glob("*.txt"))
ENGINE = f"{sys.executable} {FIXTURE / 'engine.py'}"


def english_project(dest: Path) -> Path:
    """The repo's content, seeds and nashra.toml, with the twelve test seeds added."""
    project = dest / "project"
    project.mkdir(parents=True)
    shutil.copytree(REPO / "content", project / "content")
    shutil.copytree(REPO / "seeds", project / "seeds")
    shutil.copy(REPO / "nashra.toml", project / "nashra.toml")
    for seed in SEEDS:
        shutil.copy(seed, project / "seeds" / seed.name)
    return project


def seed_slug(seed: Path) -> str:
    """The slug a seed's briefing gets when nobody ingested it ('101_x_y.txt' -> '101-x-y')."""
    from nashra.ingest import default_slug

    return default_slug(seed.name)
