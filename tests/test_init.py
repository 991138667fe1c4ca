"""`nashra init`: a new archive that builds at once; and Nashra as an editor gets it, a wheel
installed into a fresh venv outside the repository, starting and building an archive."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support import REPO

from nashra import __version__
from nashra.build.pipeline import build
from nashra.commands.cli import main
from nashra.commands.init import FILES, FOLDERS, InitError, init

# A raw article written for these tests (not taken from any outlet).
SEED = """افتتاح سوق أسبوعية جديدة للمزارعين في وسط المدينة
الخميس 14 مارس/آذار 2024
افتتحت البلدية صباح اليوم سوقا أسبوعية جديدة يبيع فيها المزارعون خضرهم وفاكهتهم مباشرة إلى السكان، من دون وسطاء.
وقال رئيس البلدية إن السوق ستفتح أبوابها كل يوم جمعة من الساعة السابعة صباحا حتى الظهر.
وأضاف أن المزارعين لن يدفعوا أي رسوم خلال الأشهر الثلاثة الأولى، تشجيعا لهم على المشاركة.
"""
OWN_404 = '{% extends "nashra/404.html" %}{% block head %}<meta name="x-own" content="1">{% endblock %}\n'


def test_init_writes_an_archive_that_builds_strictly_at_once(tmp_path, capsys):
    folder = tmp_path / "archive"
    assert main(["init", str(folder)]) == 0
    assert "created" in capsys.readouterr().out
    for rel in FILES:
        assert (folder / rel).is_file(), rel
    for rel in FOLDERS:
        assert (folder / rel / ".gitkeep").is_file()
    assert os.access(folder / "scripts" / "publish.sh", os.X_OK)
    for rel in (".github/workflows/publish.yml", ".gitlab-ci.yml"):
        text = (folder / rel).read_text()
        assert f'NASHRA_SPEC: "nashra=={__version__}"' in text and 'NASHRA_SPEC: "."' not in text
    flow = yaml.safe_load((folder / ".github/workflows/publish.yml").read_text())
    assert flow["env"]["NASHRA_SPEC"] == f"nashra=={__version__}"
    report = build(folder, strict=True)
    assert {"index.html", "ar/index.html", "en/index.html", "404.html",
            "sitemap.xml"} <= set(report.pages)
    assert not report.warnings
    (folder / "seeds" / "market.txt").write_text(SEED, encoding="utf-8")
    report = build(folder, strict=True, search=False)  # search: the wheel test below
    assert "ar/briefings/market/index.html" in report.pages


def test_init_refuses_a_folder_that_is_not_empty_and_never_overwrites(tmp_path, capsys):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "nashra.toml").write_text("# mine\n")
    assert main(["init", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "is not empty; nothing was written" in err and "Traceback" not in err
    assert sorted(p.name for p in folder.iterdir()) == ["nashra.toml"]
    assert main(["init", "--existing", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "kept" in out and "nashra.toml (already there)" in out
    assert (folder / "nashra.toml").read_text() == "# mine\n"
    assert (folder / ".gitlab-ci.yml").is_file()
    with pytest.raises(InitError, match="is a file"):
        init(folder / "nashra.toml")


def test_init_names_the_nashra_the_ci_files_install(tmp_path):
    init(tmp_path / "a", spec="nashra @ git+https://example.org/nashra.git@v0.1.0")
    text = (tmp_path / "a" / ".gitlab-ci.yml").read_text()
    assert 'NASHRA_SPEC: "nashra @ git+https://example.org/nashra.git@v0.1.0"' in text
    with pytest.raises(InitError):
        init(tmp_path / "b", spec='x"\nevil: 1')
    assert not (tmp_path / "b").exists()


@pytest.mark.slow
def test_pre_commit_hook_stops_a_commit_with_broken_front_matter(tmp_path):
    folder = tmp_path / "archive"
    init(folder)
    shim = tmp_path / "bin"  # the hook runs `nashra`: this checkout's, on PATH
    shim.mkdir()
    (shim / "nashra").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m nashra "$@"\n')
    (shim / "nashra").chmod(0o755)
    env = {**os.environ, "PATH": f"{shim}:{os.environ['PATH']}", "PYTHONPATH": str(REPO),
           "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=folder, env=env, capture_output=True, text=True,
                              timeout=120)

    assert run("git", "init", "-q").returncode == 0
    assert run(sys.executable, "-m", "pre_commit", "install").returncode == 0
    run("git", "add", "-A")
    good = run("git", "commit", "-qm", "new archive")
    assert good.returncode == 0, good.stdout + good.stderr
    bad = folder / "content" / "briefings" / "x.ar.md"
    bad.write_text("---\ntitle: [unclosed\n---\nنص.\n", encoding="utf-8")
    run("git", "add", "-A")
    refused = run("git", "commit", "-qm", "broken")
    assert refused.returncode == 1
    said = refused.stdout + refused.stderr
    assert "content/briefings/x.ar.md:" in said and "Check failed" in said
    assert run("git", "log", "--oneline").stdout.count("\n") == 1


@pytest.mark.slow
def test_a_wheel_in_a_fresh_venv_starts_and_builds_an_archive(tmp_path):
    """As an editor gets Nashra: a wheel (python -m build), pip-installed into a new venv
    outside the repository, with no source tree in reach."""
    source = tmp_path / "source"  # the package's source only: the wheel needs nothing else
    shutil.copytree(REPO / "nashra", source / "nashra",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    # cwd: not the repository, whose build.py would shadow the `build` module
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist"),
                    str(source)], cwd=tmp_path, env=env, check=True, capture_output=True,
                   timeout=600)
    wheel = next((tmp_path / "dist").glob("nashra-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python, nashra = venv / "bin" / "python", venv / "bin" / "nashra"
    archive = tmp_path / "editor" / "archive"
    run_env = {**env, "PATH": f"{venv / 'bin'}:{env['PATH']}"}

    def run(*args: object, cwd: Path = tmp_path) -> str:
        done = subprocess.run([str(a) for a in args], cwd=cwd, env=run_env, capture_output=True,
                              text=True, timeout=900)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    run(nashra.parent / "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade",
        "pip")
    run(nashra.parent / "pip", "install", "--quiet", "--disable-pip-version-check", wheel)
    where = run(python, "-c", "import nashra; print(nashra.__file__)")
    assert where.startswith(str(venv)) and str(REPO) not in where
    run(nashra, "init", archive)
    (archive / "seeds" / "market.txt").write_text(SEED, encoding="utf-8")
    (archive / "templates").mkdir()
    (archive / "templates" / "404.html").write_text(OWN_404, encoding="utf-8")
    # CI's steps, as the archive's own script runs them with the venv's Python.
    run_env.update(PYTHON=str(python), NASHRA_BASE_URL="https://editor.github.io/archive",
                   NASHRA_SPEC=str(wheel))
    assert run("bash", "scripts/publish.sh", "install", cwd=archive) == f"nashra {__version__}\n"
    assert run("bash", "scripts/publish.sh", "version", cwd=archive).startswith(__version__)
    out = run("bash", "scripts/publish.sh", "build", "site", cwd=archive)
    assert "OK: 0 error(s), 0 warning(s)." in out and "0 warning(s)." in out.splitlines()[-1]
    site = archive / "site"
    page = (site / "en" / "briefings" / "market" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://editor.github.io/archive/en/briefings/market/">' \
        in page
    css = [p.name for p in (site / "assets" / "css").iterdir()]
    assert any(name.startswith("site.") and name in page for name in css)
    assert '<meta name="x-own" content="1">' in (site / "404.html").read_text(encoding="utf-8")
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert (site / "ar" / "index.html").is_file() and (site / "index.html").is_file()
