#!/usr/bin/env bash
# Build the one-folder Linux app:  bash packaging/build_linux.sh
# Result: dist/CohesionWorkbench/ (run dist/CohesionWorkbench/CohesionWorkbench).
# Slow (minutes): it runs here, not in the pytest suite. Then: bash packaging/smoke_test.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-$ROOT/.venv/bin/python}"

if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
    echo "error: PyInstaller is missing; install it with: $PY -m pip install -e '.[packaging]'" >&2
    exit 2
fi
if [ ! -f sample_data/sample.wbproj ]; then
    echo "error: sample_data/sample.wbproj is missing; build it first (see docs/sample_data.md)" >&2
    exit 2
fi

# Metadata (entry points of the sub-commands) must match pyproject.toml.
"$PY" -m pip install -q --no-deps -e . >/dev/null 2>&1 || true

start=$(date +%s)
QT_QPA_PLATFORM=offscreen "$PY" -m PyInstaller --noconfirm --clean \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
    --log-level WARN packaging/workbench.spec
end=$(date +%s)

APPDIR="$ROOT/dist/CohesionWorkbench"
echo "built $APPDIR in $((end - start)) s"
echo "folder size: $(du -sh "$APPDIR" | cut -f1) ($(find "$APPDIR" -type f | wc -l) files)"
