#!/usr/bin/env bash
# Set-up and entry points: `./tasks.sh run` starts the dashboard, `./tasks.sh test` runs lint and every test,
# `./tasks.sh check` is the fast loop (lint, format, the tests without a browser or a server, on both cores).
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
VENV=.venv

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "$@"
}

venv() {
  # Debian and Ubuntu ship python3 without venv/pip; install them once if needed.
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV" 2>/dev/null || { rm -rf "$VENV"; apt_install python3-venv python3-pip; "$PYTHON" -m venv "$VENV"; }
  fi
  local req=$1 stamp="$VENV/.installed-$(basename "$1" .txt)"
  # Reinstall only when the requirement files changed.
  if [ ! -f "$stamp" ] || [ requirements.txt -nt "$stamp" ] || [ "$req" -nt "$stamp" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -r "$req"
    touch "$stamp"
  fi
}

lint() {
  "$VENV/bin/ruff" check .
  "$VENV/bin/ruff" format --check .
}

chromium_path() { command -v chromium || command -v chromium-browser || true; }

need_nginx() {
  # Debian's nginx in front of the app processes (`serve`, the deployment tests), with brotli where it is packaged.
  if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
    apt_install nginx openssl
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q \
      libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static || echo "nginx without brotli: gzip only" >&2
  fi
}

case "${1:-}" in
  run)
    venv requirements.txt
    shift
    # auth.required without a sign-in provider: refuse to start at all.
    "$VENV/bin/python" -m analytics.settings
    exec "$VENV/bin/streamlit" run dashboard.py "$@"
    ;;
  test)
    venv requirements-dev.txt
    # The browser tests drive Debian's Chromium; Playwright's own browser download is not used.
    if [ -z "${CHROMIUM_PATH:-}" ] && [ -z "$(chromium_path)" ]; then apt_install chromium; fi
    need_nginx
    # The brief's tests render its PDF to PNG with pdftoppm (Debian's poppler-utils).
    if ! command -v pdftoppm >/dev/null; then apt_install poppler-utils; fi
    shift
    lint
    exec "$VENV/bin/python" -m pytest "$@"
    ;;
  check)
    venv requirements-dev.txt
    shift
    lint
    # Tests marked slow (a browser, a server of its own, the benchmark, national-scale data) run in `test` only.
    exec "$VENV/bin/python" -m pytest -q -n 2 -m "not slow and not browser" "$@"
    ;;
  bench)
    # Playwright drives Chromium in the benchmark as in the browser tests.
    venv requirements-dev.txt
    if [ -z "${CHROMIUM_PATH:-}" ] && [ -z "$(chromium_path)" ]; then apt_install chromium; fi
    shift
    exec "$VENV/bin/python" -m bench.run "$@"
    ;;
  serve)
    # The province server's parts on this computer for a try-out: two app processes on 127.0.0.1 and nginx
    # with a self-signed certificate on https://127.0.0.1:8443/ (deploy/). Ctrl-C stops them.
    venv requirements.txt
    need_nginx
    shift
    exec "$VENV/bin/python" -m deploy.stack "$@"
    ;;
  build)
    venv requirements.txt
    shift
    exec "$VENV/bin/python" -m etl build "$@"
    ;;
  *)
    echo "usage: ./tasks.sh run|test|check|build|bench|serve [args]" >&2
    exit 2
    ;;
esac
