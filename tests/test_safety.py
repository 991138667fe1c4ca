"""Faults (issue 15): no data loss from --out, a cache of data only, one build at a time,
what killed or failed builds leave behind, and a site that is always one whole build."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import REPO

from nashra.build.pipeline import build
from nashra.build.report import BuildError
from nashra.output import emit

MARKER = ".nashra-site"  # the file that says Nashra built a folder
LOCK = Path(".nashra-cache") / "build.lock"

SMALL = Path(__file__).parent / "fixtures" / "small"


def small_project(where: Path) -> Path:
    """A copy of the small fixture with a git folder and an editor's note at its top."""
    import shutil

    project = where / "project"
    shutil.copytree(SMALL, project, ignore=shutil.ignore_patterns(".nashra-cache", "site"))
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (project / "NOTES.txt").write_text("an editor's notes\n")
    return project


def tree(root: Path, *, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Relative path -> sha256 of every file below root."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()
            and not p.relative_to(root).as_posix().startswith(skip)}


def nashra(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """The command line, run from this tree."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "nashra", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


# --- --out never deletes what Nashra did not write ----------------------------------------


@pytest.mark.parametrize("out", ["content", ".", "..", "seeds", "templates", "content/sub",
                                 "other", "a-file"])
def test_out_refuses_folders_nashra_did_not_build_and_deletes_nothing(tmp_path, out):
    import shutil

    project = small_project(tmp_path)
    (project / "seeds").mkdir(exist_ok=True)
    (project / "seeds" / "raw.txt").write_text("خبر\n", "utf-8")
    shutil.copytree(REPO / "nashra" / "theme", project / "templates")  # the project's theme
    (project / "templates" / "note.txt").write_text("mine\n")
    (project / "other").mkdir()
    (project / "other" / "photo.jpg").write_bytes(b"\xff\xd8 not ours")
    (project / "a-file").write_text("not a folder\n")
    (tmp_path / "beside.txt").write_text("a file beside the project\n")
    before = tree(tmp_path, skip=("project/.nashra-cache",))
    run = nashra("build", "--no-search", "--out", out, cwd=project)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith("error: ") and "(hint: " in run.stderr
    assert str((project / out).resolve()) in run.stderr  # the message names the folder
    assert tree(tmp_path, skip=("project/.nashra-cache",)) == before  # nothing deleted
    assert not (project / "site").exists()


def test_out_accepts_a_new_an_empty_and_a_marked_folder(tmp_path):
    project = small_project(tmp_path)
    build(project, tmp_path / "new" / "site", search=False)
    assert (tmp_path / "new" / "site" / MARKER).is_file()
    (tmp_path / "empty").mkdir()
    build(project, tmp_path / "empty", search=False)
    assert (tmp_path / "empty" / MARKER).is_file()
    report = build(project, tmp_path / "new" / "site", search=False, clean=True)
    assert report.written > 0  # a marked folder is Nashra's: rebuilt in place
    (tmp_path / "empty" / MARKER).unlink()
    with pytest.raises(Exception, match="Nashra did not build it"):
        build(project, tmp_path / "empty", search=False)  # unmarked again: refused
    assert (tmp_path / "empty" / "index.html").is_file()


def test_the_projects_own_site_from_before_markers_is_rebuilt_anything_else_refused(tmp_path):
    project = small_project(tmp_path)
    site = project / "site"
    build(project, site, search=False)
    (site / MARKER).unlink()  # as an earlier Nashra (or a CI cache from one) left it
    build(project, site, search=False, clean=True)
    assert (site / MARKER).is_file()
    (site / MARKER).unlink()
    (site / "photo.jpg").write_bytes(b"not ours")  # something Nashra never writes
    with pytest.raises(Exception, match="Nashra did not build it"):
        build(project, site, search=False, clean=True)
    assert (site / "photo.jpg").is_file()
    moved = tmp_path / "elsewhere"
    site.rename(moved)
    (moved / "photo.jpg").unlink()
    with pytest.raises(Exception, match="Nashra did not build it"):  # only the project's site/
        build(project, moved, search=False, clean=True)


# --- the cache holds data, never code -----------------------------------------------------


class Payload:
    """A pickle that, when loaded, creates a file (what an attacker's cache row would do)."""

    def __init__(self, flag: Path) -> None:
        self.flag = flag

    def __reduce__(self):
        return (Path.write_text, (self.flag, "code ran"))


def _cache_db(project: Path) -> Path:
    (db,) = (project / ".nashra-cache").glob("cache-*.sqlite")
    return db


def _rows(db: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as con:
        return {t: con.execute(f"SELECT * FROM {t}").fetchall()
                for t in ("meta", "files", "links", "heavy")}


def test_the_cache_holds_json_rows_only(tmp_path):
    project = small_project(tmp_path)
    build(project, search=False)
    rows = _rows(_cache_db(project))
    assert all(rows.values())
    for table, found in rows.items():
        for row in found:
            value = row[-1]
            assert isinstance(value, str), f"{table}: a {type(value).__name__} row"
            json.loads(value)


def test_every_cached_record_reads_back_equal(tmp_path):
    # a type the row format cannot hold would cost a clean build every time: caught here
    from nashra.build import cache
    from nashra.link import stored

    project = small_project(tmp_path)
    state = build(project, search=False).state
    assert state is not None and state.files and state.links
    for entry in state.files.values():
        assert cache.file_from_row(cache.file_to_row(entry)) == entry
    for _key, links in state.links.values():
        back = stored.from_row(stored.to_row(links))
        assert (back.record, back.name_counts, back.snippet_digests) == \
            (links.record, links.name_counts, links.snippet_digests)
        assert stored.heavy_from_row(stored.heavy_to_row(links.heavy())) == links.heavy()
    for key, value in {**state.meta, "outputs": state.outputs}.items():
        assert cache.meta_from_row(key, cache.meta_to_row(key, value)) == value, key
    logged: list[str] = []
    page = project / "content" / "briefings" / "2024-06-summit.ar.md"
    page.write_text(page.read_text("utf-8").replace("title: ", "title: X ", 1), "utf-8")
    report = build(project, search=False, log=logged.append)
    assert not [m for m in logged if "cache unusable" in m]
    assert report.rendered < len(report.pages)


@pytest.mark.parametrize("table", ["meta", "files", "links", "heavy"])
def test_a_crafted_cache_row_never_runs_and_costs_a_clean_build(tmp_path, table):
    project = small_project(tmp_path)
    build(project, search=False)
    flag = tmp_path / "pwned"
    evil = pickle.dumps(Payload(flag))
    with sqlite3.connect(_cache_db(project)) as con:
        column = {"meta": "v", "files": "entry", "links": "blob", "heavy": "blob"}[table]
        con.execute(f"UPDATE {table} SET {column} = ?", (evil,))
    # edits that make the build read files, links and every briefing's stored HTML
    page = project / "content" / "briefings" / "2024-06-summit.ar.md"
    page.write_text(page.read_text("utf-8").replace("title: ", "title: X ", 1), "utf-8")
    config = project / "nashra.toml"
    config.write_text(config.read_text("utf-8").replace("Test Bulletin", "Bulletin"), "utf-8")
    logged: list[str] = []
    build(project, search=False, log=logged.append)
    assert not flag.exists(), "a cache row ran code"
    assert any("cache unusable" in m for m in logged), logged
    build(project, tmp_path / "clean", search=False, clean=True)
    assert tree(project / "site") == tree(tmp_path / "clean")


def test_a_cache_row_of_the_wrong_shape_costs_a_clean_build(tmp_path):
    project = small_project(tmp_path)
    build(project, search=False)
    reference = tree(project / "site")
    with sqlite3.connect(_cache_db(project)) as con:
        entry = json.loads(con.execute("SELECT entry FROM files LIMIT 1").fetchone()[0])
        entry[2]["record"]["date"] = "not a date"
        con.execute("UPDATE files SET entry = ?", (json.dumps(entry),))
    page = project / "content" / "briefings" / "2024-06-summit.ar.md"
    page.write_text(page.read_text("utf-8").replace("title: ", "title: X ", 1), "utf-8")
    logged: list[str] = []
    report = build(project, search=False, log=logged.append)
    assert any("cache unusable" in m for m in logged), logged
    assert report.rendered == len(report.pages)  # everything built anew
    page.write_text(page.read_text("utf-8").replace("title: X ", "title: ", 1), "utf-8")
    build(project, search=False)
    assert tree(project / "site") == reference


# --- one build at a time; what killed and failed builds leave -----------------------------


def test_a_second_build_is_refused_while_one_runs(tmp_path):
    from nashra.build import safety

    project = small_project(tmp_path)
    with safety.project_lock(project):
        run = nashra("build", "--no-search", cwd=project)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"another build is running (pid {os.getpid()})" in run.stderr
    assert not (project / "site").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]


def test_two_builds_at_once_one_refused_no_leftovers(tmp_path):
    project = small_project(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    first = subprocess.Popen([sys.executable, "-m", "nashra", "build"], cwd=project, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lock = project / LOCK
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and first.poll() is None:
        if lock.is_file() and lock.read_text().strip() == str(first.pid):
            break
        time.sleep(0.005)
    second = nashra("build", cwd=project)
    _out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert second.returncode == 1 and "Traceback" not in second.stderr, second.stderr
    assert f"another build is running (pid {first.pid})" in second.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]
    assert not [p for p in (project / "site").rglob("*") if ".nashra-" in p.name
                and p.name != MARKER]


def test_what_a_killed_build_left_is_cleaned_at_the_next_start(tmp_path):
    project = small_project(tmp_path)
    build(project, search=False)
    reference = tree(project / "site")
    for name in (".site.building-k1l2", ".site.old-x9/site", ".site.pagefind-a1/en.pages",
                 "..site.building-k1l2.pagefind-b2"):
        (project / name).mkdir(parents=True)
        (project / name / "index.html").write_text("half a build")
    (project / "site" / "en" / ".index.html.nashra-new").write_text("half a page")
    (project / LOCK).write_text("999999999\n")  # the pid of a build that was killed
    logged: list[str] = []
    build(project, search=False, log=logged.append)
    assert sorted(p.name for p in project.glob(".site*")) == []
    assert sorted(p.name for p in project.glob("..site*")) == []
    assert tree(project / "site") == reference
    assert any("999999999" in m for m in logged), logged


def test_a_folder_at_an_output_path_is_repaired(tmp_path):
    project = small_project(tmp_path)
    build(project, search=False)
    reference = tree(project / "site")
    for lang in ("ar", "en"):
        page = project / "site" / lang / "index.html"
        page.unlink()
        (page / "inner").mkdir(parents=True)
        (page / "inner" / "x.html").write_text("in the way")
    (project / "site" / "ar" / "archive").rename(project / "site" / "ar" / "archive.old")
    (project / "site" / "ar" / "archive").write_text("a file where a folder belongs")
    build(project, search=False)
    assert tree(project / "site") == {**reference}
    assert not [p for p in (project / "site").rglob("*.nashra-*") if p.name != MARKER]


def test_a_failed_rename_leaves_the_old_site_whole(tmp_path, monkeypatch):
    project = small_project(tmp_path)
    build(project, search=False)
    before = tree(project / "site")
    for lang in ("ar", "en"):  # a change that touches both languages' pages
        path = project / "content" / "briefings" / f"2024-06-summit.{lang}.md"
        path.write_text(path.read_text("utf-8").replace("title: ", "title: NEW ", 1), "utf-8")
    real, calls = os.replace, []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 6:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(emit.os, "replace", flaky)
    with pytest.raises(OSError, match="No space"):
        build(project, search=False)
    monkeypatch.undo()
    assert tree(project / "site") == before  # the old build, not a mix of two
    assert len(calls) > 6  # the failing rename, then those put back
    build(project, search=False)
    after = tree(project / "site")
    assert after != before and not [p for p in after if ".nashra-" in p and MARKER not in p]


def test_a_failed_build_keeps_a_restored_search_index(tmp_path):
    import shutil

    project = small_project(tmp_path)
    build(project)
    assert (project / "site" / "pagefind" / "pagefind-entry.json").is_file()
    # site/ and the cache restored with cp -a: same bytes, new inodes
    for name in ("site", ".nashra-cache"):
        shutil.copytree(project / name, tmp_path / name, symlinks=True)
        shutil.rmtree(project / name)
        shutil.copytree(tmp_path / name, project / name, symlinks=True)
    before = tree(project / "site")
    bad = project / "content" / "briefings" / "2024-06-summit.ar.md"
    bad.write_text(bad.read_text("utf-8").replace("date: 2024-06-19", "date: 2024-06-31"),
                   "utf-8")
    with pytest.raises(BuildError):
        build(project)
    assert tree(project / "site") == before  # pagefind/ included


# --- kill -9 at random points ---------------------------------------------------------------

KILL_TRIALS = int(os.environ.get("NASHRA_KILL_TRIALS", "20"))


def _strays(project: Path) -> list[str]:
    """What a build left that no finished build leaves: work folders beside site/, temporary
    files in it."""
    beside = [p.name for p in project.iterdir() if p.name.startswith((".site.", "..site."))]
    inside = [p.relative_to(project).as_posix() for p in (project / "site").rglob("*")
              if p.name.endswith((".nashra-new", ".nashra-old", ".tmp"))]
    return sorted(beside + inside)


@pytest.mark.slow
def test_builds_killed_at_random_points_leave_nothing_and_the_next_build_repairs(tmp_path):
    import random
    import signal

    from support.incremental import EDITS, clean_reference, generate_project, tree_differences

    rng = random.Random(15)
    project = generate_project(tmp_path / "project", 14)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    assert nashra("build", cwd=project).returncode == 0
    references: dict[tuple[str, bool], Path] = {}
    done = []
    for trial in range(KILL_TRIALS):
        kind = rng.choice(["clean", "incremental"])
        search = rng.random() < 0.6
        if kind == "incremental":
            name = rng.choice(sorted(EDITS))
            done.append(f"{trial}: {name}: {EDITS[name](project, rng)}")
        flags = ["--clean"] * (kind == "clean") + ["--no-search"] * (not search)
        delay = rng.uniform(0.2, 2.5)
        killed = subprocess.Popen([sys.executable, "-m", "nashra", "build", *flags],
                                  cwd=project, env=env, start_new_session=True,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        os.killpg(killed.pid, signal.SIGKILL)  # the build, its workers and Pagefind
        killed.wait()
        done.append(f"{trial}: {kind} build (search={search}) killed after {delay:.2f}s")
        repair = nashra("build", *(["--no-search"] * (not search)), cwd=project)
        assert repair.returncode == 0, "\n".join(done) + "\n" + repair.stderr
        assert _strays(project) == [], "\n".join(done)
        sources = hashlib.sha256(repr(sorted(tree(project, skip=(
            "site", ".nashra-cache")).items())).encode()).hexdigest()
        key = (sources, search)
        if key not in references:
            references[key] = clean_reference(project, tmp_path / f"ref{len(references)}",
                                              search=search)
        differences = tree_differences(project / "site", references[key])
        assert differences == [], "\n".join(done + differences)
