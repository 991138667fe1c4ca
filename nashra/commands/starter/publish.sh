#!/usr/bin/env bash
# Publish the archive. GitHub Actions (.github/workflows/publish.yml) and GitLab CI
# (.gitlab-ci.yml) run these steps, and Nashra's own tests run this very script, so what is
# tested there is what runs here.
#
#   bash scripts/publish.sh install      install Nashra: pip install "$NASHRA_SPEC"
#   bash scripts/publish.sh version      Nashra's code version (the build cache's key)
#   bash scripts/publish.sh build OUT    nashra check --strict, then build OUT with search
#
# Environment: NASHRA_SPEC (a pip requirement: nashra==X.Y, a git URL, a wheel, or "."),
# NASHRA_BASE_URL (replaces nashra.toml's base_url: a fork's own Pages URL), NASHRA_STATS
# (write the build's figures there as JSON), PYTHON (default python3).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
python=${PYTHON:-python3}

case "${1:-}" in
  install)
    "$python" -m pip install --disable-pip-version-check --quiet \
      "${NASHRA_SPEC:?set NASHRA_SPEC to a pip requirement, e.g. nashra==0.1.0}"
    "$python" -m nashra --version
    ;;
  version)
    # A cache written by other Nashra code is never used: key the CI cache on the same.
    "$python" -c 'from nashra.build.cache import code_version; print(code_version())'
    ;;
  build)
    out=${2:?usage: scripts/publish.sh build OUT}
    "$python" -m nashra check --strict
    stats=()
    if [ -n "${NASHRA_STATS:-}" ]; then stats=(--stats-json "$NASHRA_STATS"); fi
    # .nashra-cache/ (and OUT, when CI restored them) make this an incremental build.
    "$python" -m nashra build --strict --verbose --out "$out" "${stats[@]}"
    ;;
  *)
    echo "usage: scripts/publish.sh install | version | build OUT" >&2
    exit 2
    ;;
esac
