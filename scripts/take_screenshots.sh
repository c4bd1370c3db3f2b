#!/usr/bin/env bash
# Every tab of the desktop app at 1440x900 and 1280x720 (and the dark Series) into a folder.
#   bash scripts/take_screenshots.sh PROJECT [OUT_DIR]     (OUT_DIR defaults to docs/screenshots)
# Build the project first with scripts/build_sample_project.sh. Needs xvfb-run.
set -euo pipefail
cd "$(dirname "$0")/.."
project=${1:?usage: take_screenshots.sh PROJECT [OUT_DIR]}
out=${2:-docs/screenshots}
wb=${WORKBENCH:-.venv/bin/workbench}
shot() {  # size tab file [extra args]
  local size=$1 tab=$2 file=$3; shift 3
  xvfb-run -a -s "-screen 0 ${size}x24" "$wb" gui --project "$project" --screenshot "$out/$file" \
    --size "$size" --tab "$tab" "$@"
}
for size in 1440x900 1280x720; do
  for tab in Alerts Series Heatmap Map Index Data Imports; do
    shot "$size" "$tab" "$(echo "$tab" | tr '[:upper:]' '[:lower:]')-$size.png"
  done
done
shot 1440x900 Series series-dark-1440x900.png --theme dark
cp "$out/alerts-1440x900.png" "$out/main-1440x900.png"
QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/compact_png.py "$out"/*.png --max-kb 400
ls -l "$out"/*.png
