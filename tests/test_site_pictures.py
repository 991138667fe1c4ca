"""The pictures on the built default site: on their pages, named in both languages, the
Arabic timeline right to left, every mapped place on the map page, byte-identical builds."""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

import pytest

from nashra.build.pipeline import build, load_stage

pytestmark = pytest.mark.slow
ROOT = Path(__file__).parent.parent
NAMES = {"ar": {"timeline": "الخط الزمني", "map": "خريطة", "mentions": "الإشارات عبر الزمن",
                "cooccurrence": "من يظهر مع من"},
         "en": {"timeline": "Timeline", "map": "Map", "mentions": "Mentions over time",
                "cooccurrence": "Who appears with whom"}}
SVG_RE = re.compile(r'<svg class="chart-svg (c-[a-z]+)"[^>]* role="img" aria-label="([^"]*)"'
                    r'[^>]*><title>([^<]*)</title>')


@pytest.fixture(scope="module")
def archive():
    return load_stage(ROOT)[0]


def pictures(site: Path, path: str) -> dict[str, tuple[str, str]]:
    """class -> (aria-label, title) of each picture on a page."""
    html = (site / path).read_text(encoding="utf-8")
    return {m[1]: (m[2], m[3]) for m in SVG_RE.finditer(html)}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_each_page_kind_has_its_named_pictures(default_site: Path, lang: str) -> None:
    names = NAMES[lang]
    expected = {
        f"{lang}/timeline/index.html": {"c-timeline": names["timeline"]},
        f"{lang}/timeline/2024/index.html": {"c-timeline": names["timeline"]},
        f"{lang}/map/index.html": {"c-map": names["map"]},
        f"{lang}/entities/vladimir-putin/index.html": {
            "c-mentions": names["mentions"], "c-cooccurrence": names["cooccurrence"]},
        f"{lang}/entities/pyongyang/index.html": {"c-map": names["map"],
                                                  "c-mentions": names["mentions"]},
    }
    for path, kinds in expected.items():
        found = pictures(default_site, path)
        for cls, name in kinds.items():
            assert cls in found, (path, cls)
            label, title = found[cls]
            assert label.startswith(name) and title == label, (path, label, title)
    assert "c-map" not in pictures(default_site, f"{lang}/entities/vladimir-putin/index.html")


def tick_xs(site: Path, path: str) -> list[float]:
    """x of the axis labels of a page's timeline, in time order (as the SVG lists them)."""
    html = (site / path).read_text(encoding="utf-8")
    svg = html[html.index('class="chart-svg c-timeline"'):]
    svg = svg[: svg.index("</svg>")]
    return [float(x) for x in re.findall(r'<text x="([\d.]+)" y="[\d.]+" class="c-tick"', svg)]


@pytest.mark.parametrize("path", ["timeline/index.html", "timeline/2024/index.html"])
def test_the_arabic_timeline_runs_right_to_left(default_site: Path, path: str) -> None:
    ar, en = tick_xs(default_site, f"ar/{path}"), tick_xs(default_site, f"en/{path}")
    assert len(ar) >= 2 and len(ar) == len(en)
    assert ar == sorted(ar, reverse=True)  # a later date sits further left
    assert en == sorted(en)
    assert [round(960 - x, 1) for x in ar] == en  # the same axis, mirrored


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_map_page_links_every_place_with_coordinates(default_site: Path, archive,
                                                         lang: str) -> None:
    html = (default_site / lang / "map" / "index.html").read_text(encoding="utf-8")
    mapped = [e for e in archive.entities if e.lat is not None]
    assert len(mapped) >= 20
    for e in mapped:
        assert f'href="../entities/{e.id}/index.html"' in html, e.id
    listed = html[html.index('class="chips map-places"'):]
    listed = listed[: listed.index("</ul>")]
    assert listed.count("<li>") == len(mapped)
    home = (default_site / lang / "index.html").read_text(encoding="utf-8")
    assert 'href="map/index.html"' in home  # in the header of every page
    sitemap = (default_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/{lang}/map/</loc>" in sitemap


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "seeds", project / "seeds")
    shutil.copy(ROOT / "nashra.toml", project / "nashra.toml")
    outs = [tmp_path / "one", tmp_path / "two"]
    for out in outs:
        build(project, out)
    files = sorted(p.relative_to(outs[0]) for p in outs[0].rglob("*") if p.is_file())
    assert [p for p in files if p.parts[0] != "pagefind"]
    assert files == sorted(p.relative_to(outs[1]) for p in outs[1].rglob("*") if p.is_file())
    different = [p for p in files if not filecmp.cmp(outs[0] / p, outs[1] / p, shallow=False)]
    assert different == []
    svg_pages = [p for p in files if p.suffix == ".html" and
                 'role="img"' in (outs[0] / p).read_text(encoding="utf-8")]
    assert len(svg_pages) > 50
