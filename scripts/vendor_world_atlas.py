"""Vendor Natural Earth country outlines from the npm `world-atlas` package into the theme.

Run once when updating the package (`npm install` first), then commit the result:

    python scripts/vendor_world_atlas.py [node_modules/world-atlas] [nashra/pages/charts/data]

It decodes the 1:110m TopoJSON (quantized, delta-encoded shared arcs) into plain rings of
longitude/latitude in tenths of a degree, drops Antarctica (no archive needs it and it
stretches every projection), and writes `countries-110m.json` plus the package's LICENSE
and README beside it. The build only reads the compact file and never needs Node.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

SOURCE_FILE = "countries-110m.json"
DROP = {"Antarctica"}
SCALE = 10  # tenths of a degree: finer than the 1:110m outlines themselves


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Every arc as absolute (lon, lat) points."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[int]:
    """One ring from its arc indexes (~i is arc i reversed), flat [lon, lat, ...] in tenths."""
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    # Outlines cut at the antimeridian (Russia, Fiji) jump from 180 to -180 inside one ring;
    # unwrapping keeps each ring continuous (past 180, where a map's frame clips it) instead
    # of a line drawn across the whole world.
    for i in range(1, len(points)):
        step = points[i][0] - points[i - 1][0]
        if abs(step) > 180:
            shift = -360 if step > 0 else 360
            points[i:] = [(lon + shift, lat) for lon, lat in points[i:]]
    flat: list[int] = []
    last = None
    for lon, lat in points:
        here = (round(lon * SCALE), round(lat * SCALE))
        if here != last:
            flat.extend(here)
            last = here
    return flat


def countries(topo: dict) -> list[dict]:
    """Each country's id, English name and rings, by id."""
    arcs = decode_arcs(topo)
    out = []
    for g in topo["objects"]["countries"]["geometries"]:
        name = g["properties"]["name"]
        if name in DROP or g.get("type") is None:
            continue
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        rings = [r for poly in polygons for r in (ring(x, arcs) for x in poly) if len(r) >= 8]
        if rings:
            out.append({"id": g.get("id", ""), "name": name, "rings": rings})
    return sorted(out, key=lambda c: (c["id"], c["name"]))


def main(source: Path, target: Path) -> None:
    """Write the compact outlines and the package's licence and readme into `target`."""
    package = json.loads((source / "package.json").read_text())
    topo = json.loads((source / SOURCE_FILE).read_text())
    data = {"source": f"world-atlas {package['version']} {SOURCE_FILE} (Natural Earth, "
                      "public domain); lon/lat in tenths of a degree",
            "scale": SCALE, "countries": countries(topo)}
    target.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    (target / SOURCE_FILE).write_text(text.replace('},{"id"', '},\n{"id"') + "\n")
    shutil.copyfile(source / "LICENSE", target / "world-atlas-LICENSE")
    shutil.copyfile(source / "README.md", target / "world-atlas-README.md")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(Path(args[0] if args else "node_modules/world-atlas"),
         Path(args[1] if len(args) > 1 else "nashra/pages/charts/data"))
