"""Static SVG pictures drawn at build time: timeline, map, mentions over time, co-occurrence.

Each module is a pure function of view data returning escaped SVG `Markup` (no script, no
fonts, no external files): `<svg role="img">` named by `aria-label` and `<title>`, the data
in words in `<desc>`, colours from CSS classes of `charts.css` (custom properties, so dark
mode follows the page) with `currentColor` fallbacks, coordinates rounded to one decimal so
the same input gives the same bytes. On right-to-left pages time runs right to left.
"""
