#!/usr/bin/env bash
# Build the default site on a fresh machine: installs Nashra's Python dependencies, then
# runs `nashra build` (extra arguments are passed through, e.g. --strict or --out DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e . 
exec python3 build.py -v "$@"
