"""Small archives for tests, loaded and linked by the build's own stages (no test-only path)."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from nashra.build.cache import FileEntry
from nashra.build.pipeline import link_stage, load_stage
from nashra.build.survey import scan_inputs
from nashra.link.stored import StoredLinks
from nashra.model import Archive, LinkedArchive, Problem
from nashra.output.render import project_theme
from nashra.stamps import Stamp


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


def entity_file(kind: str, ar: str, en: str, aliases_ar: Sequence[str] = ()) -> str:
    """An entity's file."""
    return (f"---\ntype: {kind}\nname: {{ar: {ar}, en: {en}}}\n"
            f"aliases: {{ar: [{', '.join(aliases_ar)}]}}\n---\n"
            "<!-- ar -->\nوصف.\n\n<!-- en -->\nDescription.\n")


def event_file(date: str, ar: str, en: str, participants: Sequence[str] = ()) -> str:
    """An event's file."""
    return (f"---\ndate: {date}\ntitle: {{ar: {ar}, en: {en}}}\n"
            f"participants: [{', '.join(participants)}]\n---\n"
            "<!-- ar -->\nوصف.\n\n<!-- en -->\nDescription.\n")


def briefing_file(date: str, body: str, title: str = "عنوان") -> str:
    """An Arabic briefing's file."""
    return f"---\ntitle: {title}\ndate: {date}\nsource: {{name: مصدر}}\n---\n{body}\n"


def small_archive(briefings: int = 3) -> dict[str, str]:
    """A few briefings naming two entities, with an event and one English pair."""
    files = {
        "content/entities/vladimir-putin.md": entity_file("person", "فلاديمير بوتين",
                                                          "Vladimir Putin", ["بوتين"]),
        "content/entities/pyongyang.md": entity_file("place", "بيونغ يانغ", "Pyongyang"),
        "content/events/2024-06-summit.md": event_file("2024-06-19", "قمة", "Summit",
                                                       ["vladimir-putin"]),
        "content/briefings/b00.en.md": ("---\ntitle: A title\nsummary: Short.\n"
                                        "key_points: [one]\ntranslation: editorial\n---\n"
                                        "Putin went to Pyongyang.\n"),
    }
    for i in range(briefings):
        year = 2023 + i % 2
        files[f"content/briefings/b{i:02d}.ar.md"] = briefing_file(
            f"{year}-06-{1 + i % 28:02d}", f"زار بوتين بيونغ يانغ في الرحلة رقم {i}.",
            f"عنوان {i}")
    return files


@dataclass
class Staged:
    """A small project after the build's load and link stages, as stages.run has it."""

    project: Path
    inputs: dict[str, Stamp]
    archive: Archive
    files: dict[str, FileEntry]
    linked: LinkedArchive
    links: dict[str, tuple[str, StoredLinks]]
    cards: dict[str, str]


def staged(project: Path) -> Staged:
    """Load and link `project` with the build's own stage functions."""
    from nashra.build import stages

    inputs = scan_inputs(project, project_theme(project))
    archive, problems, files = stages.load_files(project, inputs, None, strict=False)
    assert [p for p in problems if p.severity == "error"] == []
    linked, links, cards, _, _ = stages.link_stage(archive, files, None)
    return Staged(project, inputs, archive, files, linked, links, cards)
