"""Jinja2 environment, static assets with content hashes, and page rendering."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2

from nashra.pages.views import Page

# The theme that ships inside the package; a project's templates/ overrides it file by file.
DEFAULT_THEME = Path(__file__).resolve().parent.parent / "theme"
# A project template may extend the package's own version of itself as "nashra/<name>".
PACKAGE_PREFIX = "nashra"


@dataclass(frozen=True)
class Theme:
    """The theme's folders, first wins file by file: a project's templates/, then the
    package's theme (Hugo's lookup order). Each is named by its prefix in the build's inputs."""

    layers: tuple[tuple[str, Path], ...]

    def folders(self) -> dict[str, Path]:
        """Input-key prefix -> folder."""
        return dict(self.layers)

    def files(self, under: str = "") -> dict[str, Path]:
        """Relative path -> the file that wins, for every file below `under` in any layer."""
        found: dict[str, Path] = {}
        for _prefix, folder in self.layers:
            root = folder / under if under else folder
            for file in sorted(p for p in root.rglob("*") if p.is_file()):
                found.setdefault(file.relative_to(root).as_posix(), file)
        return dict(sorted(found.items()))


def project_theme(project: Path) -> Theme:
    """The project's templates/ (if it has one) over the package's theme."""
    own = project / "templates"
    layers = (("templates", own),) if own.is_dir() else ()
    return Theme((*layers, ("theme", DEFAULT_THEME)))


@dataclass(frozen=True)
class Asset:
    """A static file from the theme's assets/, renamed with its content hash."""

    name: str  # logical name, e.g. "css/site.css"
    path: str  # output path, e.g. "assets/css/site.3f2a9c1b.css"
    data: bytes


# Files loaded by name at run time (not through a hashed <link>/<script> URL) keep their names,
# and so do the fonts' licence files, read by people.
UNHASHED_SUFFIXES = (".woff2", ".json", ".txt")


def collect_assets(theme: Theme) -> tuple[Asset, ...]:
    """Every file under the theme's assets/ (a project's file wins over the package's at the
    same relative path), with a content hash in its output name."""
    assets = []
    for rel, file in theme.files("assets").items():
        data = file.read_bytes()
        stem, dot, ext = rel.rpartition(".")
        if dot and not rel.endswith(UNHASHED_SUFFIXES):
            digest = hashlib.sha256(data).hexdigest()[:10]
            out = f"assets/{stem}.{digest}.{ext}"
        else:
            out = f"assets/{rel}"
        assets.append(Asset(rel, out, data))
    return tuple(assets)


def environment(theme: Theme, compiled: Path | None = None) -> jinja2.Environment:
    """Autoescaping, strict Jinja2 environment over the theme's folders (first wins);
    `compiled` keeps compiled templates between builds (checked against each source)."""
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
    loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader([str(folder) for _prefix, folder in theme.layers]),
        jinja2.PrefixLoader({PACKAGE_PREFIX: jinja2.FileSystemLoader(str(DEFAULT_THEME))}),
    ])
    return jinja2.Environment(
        loader=loader,
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


def preload(env: jinja2.Environment, theme: Theme) -> None:
    """Compile every template now, so worker processes forked later share the code."""
    for name in theme.files():
        if name.endswith((".html", ".xml")) and not name.startswith("assets/"):
            env.get_template(name)


def asset_map(assets: Iterable[Asset]) -> Mapping[str, str]:
    """Logical asset name -> output path."""
    return {a.name: a.path for a in assets}
