#!/usr/bin/env bash
# Issue 17, items 1-3: the meeting view, decisions and corrections, heatmap, map and index, in English,
# French and Arabic at 1366x768.
#   bash scripts/take_meeting_view_screenshots.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots/meeting-view}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp sample_data/sample.wbproj "$work/sample.wbproj"
py=${PYTHON:-.venv/bin/python}
mkdir -p "$out"
WORKBENCH_CONFIG_DIR="$work" "$py" scripts/take_meeting_view_screenshots.py --project "$work/sample.wbproj" \
  --out "$out" --prepare
for lang in en ar fr; do
  mkdir -p "$work/config-$lang"
  printf '[tour]\nseen=true\n' > "$work/config-$lang/gui.ini"
  WORKBENCH_CONFIG_DIR="$work/config-$lang" xvfb-run -a -s "-screen 0 1366x768x24" \
    "$py" scripts/take_meeting_view_screenshots.py --project "$work/sample.wbproj" --out "$out" --language "$lang"
done
QT_QPA_PLATFORM=offscreen "$py" scripts/compact_png.py "$out"/meeting-*.png --max-kb 150
ls -l "$out"/meeting-*.png
