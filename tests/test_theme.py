"""A project's templates/ overrides the package's theme file by file, assets likewise, and
incremental builds notice an override added, edited or removed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_build import small_copy, tree_digest

from nashra.build.pipeline import build
from nashra.output.render import DEFAULT_THEME, collect_assets, project_theme

MARK_404 = """{% extends "base.html" %}
{% block main %}<p class="project-404">OWN-404 {{ view.editions[0].title }}</p>{% endblock %}
"""
# The project's base.html extends the package's own and adds to one block.
BASE = """{% extends "nashra/base.html" %}
{% block head %}<meta name="x-project-theme" content="own">{% endblock %}
"""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def clean_build(project: Path, out: Path) -> dict[str, str]:
    """What a build from scratch of the project as it is now writes."""
    shutil.rmtree(out, ignore_errors=True)
    build(project, out, search=False, clean=True)
    return tree_digest(out)


def test_one_template_overrides_and_the_rest_comes_from_the_package(tmp_path):
    project = small_copy(tmp_path)
    plain = tmp_path / "plain"
    build(project, plain, search=False)
    write(project / "templates" / "404.html", MARK_404)
    out = tmp_path / "own"
    build(project, out, search=False)
    assert "OWN-404" in (out / "404.html").read_text(encoding="utf-8")
    # Every other page is what the package's theme makes.
    a, b = tree_digest(plain), tree_digest(out)
    assert {k for k in a if a[k] != b.get(k)} == {"404.html"}
    assert a.keys() == b.keys()


def test_a_project_template_can_extend_the_package_version_of_itself(tmp_path):
    project = small_copy(tmp_path)
    write(project / "templates" / "base.html", BASE)
    out = tmp_path / "site"
    build(project, out, search=False)
    for rel in ("ar/index.html", "en/briefings/2024-06-summit/index.html", "404.html"):
        html = (out / rel).read_text(encoding="utf-8")
        assert '<meta name="x-project-theme" content="own">' in html
        assert "<main" in html  # the rest of the package's base.html is still there


def test_an_asset_with_the_same_path_wins_and_others_are_added(tmp_path):
    project = small_copy(tmp_path)
    write(project / "templates" / "assets" / "css" / "search.css", "/* own search */\n")
    write(project / "templates" / "assets" / "img" / "project-mark.svg", "<svg/>\n")
    assets = {a.name: a for a in collect_assets(project_theme(project))}
    package = {a.name for a in collect_assets(project_theme(tmp_path / "no-such-project"))}
    assert assets["css/search.css"].data == b"/* own search */\n"
    assert assets["css/site.css"].data == (DEFAULT_THEME / "assets/css/site.css").read_bytes()
    assert set(assets) == package | {"img/project-mark.svg"}
    out = tmp_path / "site"
    build(project, out, search=False)
    html = (out / "en" / "search" / "index.html").read_text(encoding="utf-8")
    own = next(p for p in (out / "assets" / "css").iterdir() if p.name.startswith("search."))
    assert own.read_bytes() == b"/* own search */\n" and own.name in html
    assert (out / assets["img/project-mark.svg"].path).read_text() == "<svg/>\n"


@pytest.mark.slow  # several builds
def test_incremental_builds_follow_overrides_added_edited_and_removed(tmp_path):
    project = small_copy(tmp_path)
    out, fresh = tmp_path / "site", tmp_path / "fresh"
    build(project, out, search=False)
    plain = tree_digest(out)
    steps = [
        lambda: write(project / "templates" / "404.html", MARK_404),
        lambda: write(project / "templates" / "404.html", MARK_404.replace("OWN", "EDITED")),
        lambda: write(project / "templates" / "assets" / "css" / "site.css", "main{}\n"),
        lambda: write(project / "templates" / "partials" / "macros.html",
                      (DEFAULT_THEME / "partials" / "macros.html").read_text("utf-8")
                      + "{# project copy #}\n"),
        lambda: (project / "templates" / "assets" / "css" / "site.css").unlink(),
        lambda: shutil.rmtree(project / "templates"),
    ]
    seen = []
    for step in steps:
        step()
        report = build(project, out, search=False)
        assert tree_digest(out) == clean_build(project, fresh)
        assert report.rendered > 0  # the change was noticed, not skipped as "no change"
        seen.append((out / "404.html").read_text(encoding="utf-8"))
    assert "OWN-404" in seen[0] and "EDITED-404" in seen[1]
    assert tree_digest(out) == plain  # every override gone: the package's theme again


def test_a_rebuild_with_an_override_and_nothing_changed_renders_nothing(tmp_path):
    project = small_copy(tmp_path)
    write(project / "templates" / "404.html", MARK_404)
    out = tmp_path / "site"
    build(project, out, search=False)
    report = build(project, out, search=False)
    assert report.rendered == 0 and report.written == 0
