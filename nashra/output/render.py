"""Jinja2 environment, static assets with content hashes, and page rendering."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2

from nashra.pages.views import Page

# A project without its own templates/ uses the theme that ships inside the package.
DEFAULT_THEME = Path(__file__).resolve().parent.parent / "theme"


@dataclass(frozen=True)
class Asset:
    """A static file from templates/assets, renamed with its content hash."""

    name: str  # logical name, e.g. "css/site.css"
    path: str  # output path, e.g. "assets/css/site.3f2a9c1b.css"
    data: bytes


# Files loaded by name at run time (not through a hashed <link>/<script> URL) keep their names.
UNHASHED_SUFFIXES = (".woff2", ".json")


def collect_assets(templates: Path) -> tuple[Asset, ...]:
    """Every file under templates/assets, with a content hash in its output name."""
    root = templates / "assets"
    assets = []
    for file in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = file.relative_to(root).as_posix()
        data = file.read_bytes()
        stem, dot, ext = rel.rpartition(".")
        if dot and not rel.endswith(UNHASHED_SUFFIXES):
            digest = hashlib.sha256(data).hexdigest()[:10]
            out = f"assets/{stem}.{digest}.{ext}"
        else:
            out = f"assets/{rel}"
        assets.append(Asset(rel, out, data))
    return tuple(assets)


def environment(templates: Path, compiled: Path | None = None) -> jinja2.Environment:
    """Autoescaping, strict Jinja2 environment over the theme folder; `compiled` keeps
    compiled templates between builds (checked against each template's source)."""
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(compiled)) if compiled else None,
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_page(env: jinja2.Environment, page: Page) -> bytes:
    """One page's bytes."""
    template = env.get_template(page.template)
    return template.render(page=page.chrome, view=page.view,
                           t=page.chrome.t if page.chrome else {}).encode("utf-8")


def preload(env: jinja2.Environment, templates: Path) -> None:
    """Compile every template now, so worker processes forked later share the code."""
    for path in sorted(templates.rglob("*")):
        if path.suffix in (".html", ".xml") and "assets" not in path.relative_to(templates).parts:
            env.get_template(path.relative_to(templates).as_posix())


def asset_map(assets: Iterable[Asset]) -> Mapping[str, str]:
    """Logical asset name -> output path."""
    return {a.name: a.path for a in assets}
