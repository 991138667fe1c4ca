"""The few SVG helpers every picture shares: numbers, text, the accessible root element."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

FONT = 13  # px in viewBox units; charts.css keeps the family the page's
CHAR_WIDTH = 0.56  # average advance of a letter, in ems, to keep labels from colliding


def num(x: float) -> str:
    """A coordinate with one decimal at most: stable bytes, small files."""
    text = f"{round(x, 1):.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def text_width(label: str, size: float = FONT) -> float:
    """An estimate of a label's drawn width (no font metrics at build time)."""
    return len(label) * size * CHAR_WIDTH


def clip(label: str, chars: int) -> str:
    """A label cut to `chars` characters with an ellipsis."""
    return label if len(label) <= chars else label[: chars - 1].rstrip() + "…"


def text(x: float, y: float, label: str, cls: str = "c-label", anchor: str = "start",
         size: float | None = None, *, halo: bool = False) -> str:
    """A <text> element; the anchor is logical, so on RTL pages it flips with the page.
    `halo`: drawn first in the background colour, a thick outline keeps the label readable
    over lines and shapes (CSS paint-order would do it, but validators reject it)."""
    extra = f' font-size="{num(size)}"' if size else ""
    one = (f'<text x="{num(x)}" y="{num(y)}" class="{{cls}}" text-anchor="{anchor}"'
           f' fill="currentColor"{extra}>{escape(label)}</text>')
    return (one.format(cls=f"c-halo {cls}") if halo else "") + one.format(cls=cls)


def root(width: float, height: float, name: str, description: str, parts: Iterable[str],
         cls: str) -> Markup:
    """The <svg role="img"> element: named `name`, described by `description`."""
    body = "".join(parts)
    return Markup(
        f'<svg class="chart-svg {cls}" viewBox="0 0 {num(width)} {num(height)}"'
        f' role="img" aria-label="{escape(name)}" xmlns="http://www.w3.org/2000/svg"'
        f' font-size="{FONT}"><title>{escape(name)}</title><desc>{escape(description)}</desc>'
        f"{body}</svg>")
