#!/usr/bin/env bash
# One command from a fresh Debian machine (python3 + apt-get only) to a working workbench.
#   bash scripts/bootstrap.sh app    set up, then open the desktop app on the sample project
#   bash scripts/bootstrap.sh test   set up, then run the whole test suite headless
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-app}
VENV=${WORKBENCH_VENV:-.venv}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian libraries Qt needs (offscreen and xcb), Xvfb for screenshots, pdftoppm for the
# PDF tests, and python3-venv where ensurepip is missing.
apt_pkgs=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3
  libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0 libxrender1
  libxi6 libsm6 libice6 xvfb xauth poppler-utils fonts-dejavu-core)
if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
  pyver=$(python3 -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  apt_pkgs+=("python${pyver}-venv" python3-venv)
fi
# Tests only: Debian's PostgreSQL server, which tests/pg_server.py starts as a throwaway
# cluster (initdb/pg_ctl in a temp dir) for the team-server backend tests.
if [ "$mode" = test ]; then
  apt_pkgs+=(postgresql)
fi
missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

stamp="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if [ ! -f "$stamp" ]; then
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e ".[gui,test]"
  touch "$stamp"
fi

case "$mode" in
  test)
    export QT_QPA_PLATFORM=offscreen
    "$VENV/bin/lint-imports"
    # Lint (rule set in pyproject.toml [tool.ruff]) and type check ([tool.mypy]): both clean.
    "$VENV/bin/ruff" check --quiet .
    "$VENV/bin/mypy"
    # -p no:cacheprovider: the suite may run from a read-only checkout.
    "$VENV/bin/python" -m pytest -p no:cacheprovider -n 2 --dist loadgroup -q "${@:2}"
    ;;
  app)
    # No --project: the app opens the user's own copy of the bundled sample project (made on
    # first run in the user data folder), so working in it never changes sample_data/.
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      echo "bootstrap: no screen here; rendering the app on a virtual screen to app-screenshot.png"
      exec xvfb-run -a -s "-screen 0 1440x900x24" "$VENV/bin/workbench" gui --screenshot app-screenshot.png
    fi
    exec "$VENV/bin/workbench" gui
    ;;
  *)
    echo "usage: bash scripts/bootstrap.sh app|test" >&2
    exit 2
    ;;
esac
