"""Incremental correctness (issue 6): after any edits, an incremental build equals a clean one.

A generated project is built once and snapshot; each test restores it (same path) and builds
once so that the cache matches the files on disk, edits the sources as an editor would,
builds incrementally into site/ and compares the tree byte for byte with a clean build of a
copy of the sources. To hunt with more random edit sequences:
NASHRA_INCREMENTAL_SCENARIOS=60 python -m pytest tests/test_incremental.py -k equals_clean
(NASHRA_INCREMENTAL_BRIEFINGS=30 also gives entities with a page per year).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from random import Random

import pytest
from support.incremental import (
    EDITS,
    briefing_files,
    clean_reference,
    edit_body_sentence,
    generate_project,
    outputs_beside,
    restore,
    retitle_briefing,
    tree_differences,
    tree_digest,
)

import nashra
from nashra.build.pipeline import build
from nashra.build.report import BuildError, BuildReport
from nashra.text.frontmatter import dump, parse

# Random edit sequences per run (CI keeps N small; raise it to hunt).
SCENARIOS = int(os.environ.get("NASHRA_INCREMENTAL_SCENARIOS", "4"))
# Briefings in the generated project (more make entities big enough for pages per year).
BRIEFINGS = int(os.environ.get("NASHRA_INCREMENTAL_BRIEFINGS", "14"))
# In the session of every edit, compare with a clean build after this many edits.
CHECKPOINT = 9


@dataclass(frozen=True)
class Scenario:
    """Edits in order; after those marked, an incremental build runs before the next edit."""

    steps: tuple[tuple[str, bool], ...]
    seed: int

    def __str__(self) -> str:
        return "+".join(name + ("|build" if then_build else "") for name, then_build in self.steps)


def make_scenarios(n: int, seed: int = 6) -> list[Scenario]:
    """`n` random sequences of 1-3 edits, some with a build in between."""
    rng = Random(seed)
    groups = [rng.choices(sorted(EDITS), k=rng.randint(1, 3)) for _ in range(n)]
    return [Scenario(tuple((name, i < len(g) - 1 and rng.random() < 0.3)
                           for i, name in enumerate(g)), rng.randrange(1 << 16)) for g in groups]


@dataclass(frozen=True)
class Base:
    """The generated project after one full build, and a snapshot to restore it from."""

    project: Path
    snapshot: Path
    stats: dict[str, object]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Base:
    """Generate a small project, build it once, snapshot project + site + cache."""
    root = tmp_path_factory.mktemp("incremental")
    project = generate_project(root / "project", BRIEFINGS)
    report = build(project, search=False)
    snapshot = root / "snapshot"
    shutil.copytree(project, snapshot, symlinks=True)
    return Base(project, snapshot, report.stats())


def fresh(base: Base) -> Path:
    """The project right after a build: restored, then built so the cache matches the disk.

    A copy gives every file a new inode and ctime, which the cache rightly distrusts; the
    settling build must still produce the same site.
    """
    project = restore(base.snapshot, base.project)
    build(project, search=False)
    assert_same_as_base(base, project, ["a copy of the project, built again"])
    return project


def apply(scenario: Scenario, project: Path, *, search: bool = False) -> list[str]:
    """Run the scenario's edits (and intermediate builds); what was done, for messages."""
    rng = Random(scenario.seed)
    done = []
    for name, then_build in scenario.steps:
        done.append(f"{name}: {EDITS[name](project, rng)}")
        if then_build:
            incremental(project, done, search=search)
            done.append("(incremental build)")
    return done


def _assert_same_tree(project: Path, want: Path, done: list[str], against: str) -> None:
    """project/site equals `want` file for file; the message lists the edits and differences."""
    differences = tree_differences(project / "site", want)
    if differences:
        steps = "\n".join(f"  {i}. {d}" for i, d in enumerate(done, 1))
        pytest.fail(f"site/ differs from {against} after:\n{steps}\n"
                    + "\n".join(f"  - {d}" for d in differences), pytrace=False)
    assert not outputs_beside(project), f"builds left {outputs_beside(project)} beside site/"


def incremental(project: Path, done: list[str], **options: object) -> BuildReport:
    """An incremental build; if it rejects the input, say whether a clean build does too."""
    try:
        return build(project, **options)  # type: ignore[arg-type]
    except BuildError as error:
        steps = "\n".join(f"  {i}. {d}" for i, d in enumerate(done, 1))
        problems = "\n".join(f"  - {p}" for p in error.problems)
        with tempfile.TemporaryDirectory() as where:
            try:
                clean_reference(project, Path(where), search=False)
            except BuildError:
                verdict = "a clean build rejects it too: the edits made invalid input"
            else:
                verdict = "a clean build of the same sources succeeds"
        pytest.fail(f"incremental build failed ({verdict}) after:\n{steps}\n{problems}",
                    pytrace=False)


def assert_same_as_clean(project: Path, where: Path, done: list[str], *, search: bool) -> None:
    """site/ equals a clean build of the same sources: same files, same bytes."""
    reference = clean_reference(project, where, search=search)
    _assert_same_tree(project, reference, done, "a clean build")


def assert_same_as_base(base: Base, project: Path, done: list[str]) -> None:
    """site/ equals the first build's (the sources did not change, whatever else did)."""
    _assert_same_tree(project, base.snapshot / "site", done, "the first build of the same sources")


@pytest.mark.slow
@pytest.mark.parametrize("scenario", make_scenarios(SCENARIOS), ids=str)
def test_incremental_build_equals_clean_build(base: Base, tmp_path: Path,
                                              scenario: Scenario) -> None:
    project = fresh(base)
    done = apply(scenario, project)
    incremental(project, done, search=False)
    assert_same_as_clean(project, tmp_path, done, search=False)


@pytest.mark.slow
def test_a_session_of_every_edit(base: Base, tmp_path: Path) -> None:
    # Every kind of edit once, each followed by a build: alternately from the state kept in
    # memory (as `nashra serve` rebuilds) and from the cache on disk (as `nashra build`).
    project = fresh(base)
    rng = Random(12)
    names = sorted(EDITS)
    rng.shuffle(names)
    state = None
    done: list[str] = []
    for i, name in enumerate(names, 1):
        done.append(f"{name}: {EDITS[name](project, rng)}")
        options = {"previous": state} if state is not None and i % 2 else {}
        state = getattr(incremental(project, done, search=False, **options), "state", None)
        done.append("(build from the state in memory)" if options else "(build)")
        if i % CHECKPOINT == 0 or i == len(names):
            assert_same_as_clean(project, tmp_path / str(i), done, search=False)


@pytest.mark.slow
def test_search_index_follows_edits_and_the_search_switch(base: Base, tmp_path: Path) -> None:
    # Search switched on, then edits and a build with it, then off: pagefind/ must appear,
    # follow the edits, and vanish.
    project = fresh(base)
    rng = Random(11)
    done = [edit_body_sentence(project, rng)]
    incremental(project, done, search=True)
    done += ["(incremental build with search)", EDITS["delete_briefing"](project, rng),
             retitle_briefing(project, rng)]
    incremental(project, done, search=True)
    assert_same_as_clean(project, tmp_path, done, search=True)
    with_search = tree_digest(project / "site")
    build(project, search=False)
    without = {p: h for p, h in with_search.items() if not p.startswith("pagefind/")}
    assert tree_digest(project / "site") == without, (
        f"after {done} and a build without search, site/ is not the same minus pagefind/")


@pytest.mark.slow
def test_a_deleted_search_index_file_is_restored(base: Base) -> None:
    project = fresh(base)
    build(project, search=True)
    indexed = tree_digest(project / "site")
    index_file = sorted(p for p in (project / "site" / "pagefind").rglob("*") if p.is_file())[0]
    index_file.unlink()
    build(project, search=True)
    after = tree_digest(project / "site")
    assert after == indexed, (
        f"rm {index_file.relative_to(project)}, then a build with search: "
        f"missing {sorted(indexed.keys() - after.keys())}, "
        f"new {sorted(after.keys() - indexed.keys())}, "
        f"changed {sorted(p for p in indexed.keys() & after.keys() if indexed[p] != after[p])}")


def test_one_sentence_edit_renders_few_pages(base: Base) -> None:
    project = fresh(base)
    what = edit_body_sentence(project, Random(3))
    stats = build(project, search=False).stats()
    assert 0 < int(stats["rendered"]) < int(stats["pages"]) // 10, (  # type: ignore[call-overload]
        f"{what}: rendered {stats['rendered']} of {stats['pages']} pages")


def test_rebuild_without_changes_writes_nothing(base: Base) -> None:
    project = fresh(base)
    stats = build(project, search=False).stats()
    assert_same_as_base(base, project, ["no change"])
    assert (stats["written"], stats["removed"]) == (0, 0), stats


def _damage_site(site: Path, how: str) -> None:
    """Change the built site behind the build's back."""
    if how == "damaged":
        pages = sorted(site.glob("en/briefings/*/index.html"))
        pages[0].unlink()
        pages[1].write_bytes(b"edited by hand")
        sorted((site / "assets").rglob("*.css"))[0].unlink()
        shutil.rmtree(site / "ar" / "events")
    elif how == "stray file":
        (site / "ar" / "stray.html").write_text("<p>left over</p>", "utf-8")
    elif how == "no site":
        shutil.rmtree(site)


@pytest.mark.parametrize("how", ["damaged", "stray file", "no site"])
def test_next_build_repairs_the_site(base: Base, how: str) -> None:
    # damaged: a page deleted, a page overwritten, the stylesheet deleted, ar/events/ deleted.
    project = fresh(base)
    _damage_site(project / "site", how)
    build(project, search=False)
    assert_same_as_base(base, project, [f"{how} site/"])


def _cache_files(project: Path) -> list[Path]:
    return sorted(p for p in (project / ".nashra-cache").rglob("*") if p.is_file())


def _damage_cache(project: Path, rng: Random) -> str:
    """Random bytes, truncation, emptiness or deletion, file by file."""
    files = _cache_files(project)
    for i, path in enumerate(files):
        how = i % 4
        if how == 0:
            path.write_bytes(rng.randbytes(max(1, path.stat().st_size // 2 + rng.randrange(64))))
        elif how == 1:
            path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
        elif how == 2:
            path.write_bytes(b"")
        else:
            path.unlink()
    return f"damaged {len(files)} cache file(s): random bytes, truncated, emptied, deleted"


@pytest.mark.slow
def test_garbage_in_the_cache_falls_back_to_a_correct_build(base: Base, tmp_path: Path) -> None:
    project = fresh(base)
    rng = Random(5)
    done = [_damage_cache(project, rng), edit_body_sentence(project, rng)]
    build(project, search=False)
    assert_same_as_clean(project, tmp_path, done, search=False)


def test_cache_of_another_nashra_version_is_ignored(base: Base, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import nashra.build.cache as cache

    project = fresh(base)
    # The cache on disk was written by this code; pretend the code has changed since.
    monkeypatch.setattr(cache, "code_version", lambda: f"{nashra.__version__}-other")
    done = ["Nashra's code version changed", edit_body_sentence(project, Random(8))]
    stats = build(project, search=False).stats()
    assert stats["rendered"] == stats["pages"], f"{done}: the old cache was used: {stats}"
    assert_same_as_clean(project, tmp_path, done, search=False)


def _add_sentence(ar: Path) -> str:
    """Append a sentence to one briefing's body."""
    ar.write_text(ar.read_text("utf-8").rstrip("\n") + " وجملة أخرى.\n", "utf-8")
    return f"add a sentence to {ar.name}"


def test_deleting_the_cache_between_builds_of_one_process(base: Base, tmp_path: Path) -> None:
    # "Deleting the folder is always safe" (cache.py), also under a process that keeps
    # building, as nashra serve does.
    project = fresh(base)
    ar = briefing_files(project)[0]
    done = [_add_sentence(ar)]
    incremental(project, done, search=False)
    shutil.rmtree(project / ".nashra-cache")
    done += ["(incremental build)", "rm -r .nashra-cache", _add_sentence(ar)]
    incremental(project, done, search=False)
    done += ["(incremental build)", EDITS["edit_template"](project, Random(2))]
    incremental(project, done, search=False)
    assert_same_as_clean(project, tmp_path, done, search=False)


@pytest.mark.slow
def test_a_build_into_another_folder_does_not_fool_the_next_build(base: Base,
                                                                  tmp_path: Path) -> None:
    # `nashra build --out elsewhere` (with or without --clean) between two builds of site/:
    # whatever the cache remembers of elsewhere/ must not be taken for site/.
    project = fresh(base)
    rng = Random(9)
    elsewhere = tmp_path / "elsewhere"
    done = [edit_body_sentence(project, rng)]
    build(project, elsewhere, search=False, clean=True)
    done += ["(clean build into another folder)", retitle_briefing(project, rng)]
    build(project, elsewhere, search=False)
    done += ["(incremental build into another folder)", EDITS["edit_asset"](project, rng)]
    build(project, search=False)
    assert_same_as_clean(project, tmp_path / "reference", done, search=False)


def _same_size_edits(project: Path) -> list[str]:
    """Change a briefing and a template without changing sizes or mtimes (one clock tick)."""
    ar = briefing_files(project)[0]
    doc = parse(ar.read_text("utf-8"))
    title = str(doc.meta["title"])
    assert "ن" in title, f"{ar.name}: no ن in the title to replace"
    template = project / "templates" / "briefing.html"
    edits = {
        ar: dump({**doc.meta, "title": title.replace("ن", "م", 1)}, doc.body),  # 2 bytes for 2
        template: template.read_text("utf-8").replace("<article", "<section", 1)
        .replace("</article>", "</section>", 1)}
    for path, text in edits.items():
        before = path.stat()
        assert len(text.encode("utf-8")) == before.st_size, f"{path.name}: the size changed"
        path.write_text(text, "utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    return [f"same-size edit of {p.relative_to(project)}, mtime kept" for p in edits]


@pytest.mark.slow
def test_edits_keeping_size_and_mtime_are_seen(base: Base, tmp_path: Path) -> None:
    project = fresh(base)
    done = _same_size_edits(project)
    build(project, search=False)
    assert_same_as_clean(project, tmp_path, done, search=False)
