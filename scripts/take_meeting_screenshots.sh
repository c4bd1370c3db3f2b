#!/usr/bin/env bash
# Issue 17's screenshots: English, French and Arabic; light and dark; 1366x768 and 1920x1080;
# and at 150 % scaling on a 1366x768 screen (the inbox and the import wizard).
#   bash scripts/take_meeting_screenshots.sh [PROJECT] [OUT_DIR]
# PROJECT defaults to a copy of sample_data/sample.wbproj (the shipped file is never opened).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${2:-docs/screenshots/meeting}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "${1:-sample_data/sample.wbproj}" "$work/sample.wbproj"
py=${PYTHON:-.venv/bin/python}
mkdir -p "$out"
for lang in en fr ar; do
  mkdir -p "$work/config-$lang"
  printf '[tour]\nseen=true\n' > "$work/config-$lang/gui.ini"
  WORKBENCH_CONFIG_DIR="$work/config-$lang" xvfb-run -a -s "-screen 0 1920x1080x24" \
    "$py" scripts/take_meeting_screenshots.py --project "$work/sample.wbproj" --out "$out" --language "$lang"
done
for lang in en ar; do
  mkdir -p "$work/config150-$lang"
  printf '[tour]\nseen=true\n' > "$work/config150-$lang/gui.ini"
  WORKBENCH_CONFIG_DIR="$work/config150-$lang" QT_SCALE_FACTOR=1.5 xvfb-run -a -s "-screen 0 1366x768x24" \
    "$py" scripts/take_meeting_screenshots.py --project "$work/sample.wbproj" --out "$out" --language "$lang" --scale 1.5
done
QT_QPA_PLATFORM=offscreen "$py" scripts/compact_png.py "$out"/*.png --max-kb 150
ls -l "$out"/*.png
