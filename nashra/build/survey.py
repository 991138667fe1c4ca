"""Before a build: the stamp of every input, and site/ as found against the last build."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from nashra import stamps
from nashra.build.safety import MARKER
from nashra.stamps import OutputEntry, Stamp

if TYPE_CHECKING:
    from nashra.output.render import Theme


def scan_inputs(project: Path, theme: Theme) -> dict[str, Stamp]:
    """The stamp of every input: content/, seeds/, every theme layer's files (a file a
    project overrides still counts: `nashra/<name>` can extend it) and nashra.toml."""
    found: dict[str, Stamp] = {}

    def walk(folder: Path, prefix: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except FileNotFoundError:
            return
        for entry in entries:
            if entry.is_dir():
                walk(Path(entry.path), f"{prefix}{entry.name}/")
            elif entry.is_file():
                found[prefix + entry.name] = stamps.stamp(entry.stat())

    walk(project / "content", "content/")
    walk(project / "seeds", "seeds/")
    for prefix, folder in theme.layers:
        walk(folder, f"{prefix}:")
    config = project / "nashra.toml"
    if config.is_file():
        found["nashra.toml"] = stamps.stamp(config.stat())
    return found


@dataclass(frozen=True)
class Survey:
    """site/ as found before a build, against what the last build wrote there."""

    unchanged: frozenset[str]  # outputs whose stamp is the one last written
    strays: tuple[str, ...]  # files no build wrote (to delete)
    intact: bool  # exactly the last build's pages and assets, as written
    index_intact: bool  # the search index's files, as written


def survey_outputs(out: Path, outputs: dict[str, OutputEntry],
                   index: dict[str, Stamp]) -> Survey:
    """One walk of `out` (stat-ing each file once for the whole build)."""
    unchanged: set[str] = set()
    strays: list[str] = []
    index_seen, index_broken = 0, False

    def walk(folder: str, prefix: str, in_index: bool) -> None:
        nonlocal index_seen, index_broken
        for entry in os.scandir(folder):
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path, rel + "/", in_index or rel == "pagefind")
                continue
            if rel == MARKER:
                continue  # the marker is not a page: every build checks and writes it
            now = stamps.output_stamp(entry.stat(follow_symlinks=False))
            if in_index:
                index_seen += 1
                index_broken = index_broken or index.get(rel) != now
            elif rel not in outputs:
                strays.append(rel)
            elif outputs[rel].stamp == now:
                unchanged.add(rel)

    try:
        walk(str(out), "", False)
    except OSError:
        return Survey(frozenset(), tuple(sorted(strays)), False, False)
    return Survey(frozenset(unchanged), tuple(sorted(strays)),
                  not strays and len(unchanged) == len(outputs),
                  not index_broken and index_seen == len(index))
