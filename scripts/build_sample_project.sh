#!/usr/bin/env bash
# Rebuild the bundled sample project from scratch: files, imports, boundaries, model run.
#   bash scripts/build_sample_project.sh            writes sample_data/ (the shipped sample)
#   bash scripts/build_sample_project.sh /tmp/s     writes /tmp/s/ instead (for trying it out)
# The alert engine lives in alerts/, which the core (workbench/) must not import, so the
# model run is a separate `workbench run` rather than part of `workbench sample`.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-sample_data}
shift || true
wb=${WORKBENCH:-.venv/bin/workbench}
project="$out/sample.wbproj"

rm -f "$project" "$project.partial" "$project-wal" "$project-shm"
"$wb" sample --out "$out" --project "$project" "$@" >/dev/null
echo "sample: files and project written to $out"
# `sample --project` already stores the boundaries; storing them again checks the CLI path
# a team uses for its own country and prints how many districts matched.
"$wb" boundaries "$out/boundaries.geojson" --project "$project"
"$wb" run --project "$project"
n_active=$("$wb" alerts --project "$project" --active --situations --format csv | tail -n +2 | grep -c . || true)
n_all=$("$wb" alerts --project "$project" --situations --format csv | tail -n +2 | grep -c . || true)
echo "situations: $n_active active (need a decision now) of $n_all"
# The shipped sample carries no automatic backups of its own build steps.
rm -f "$out"/.sample.wbproj.backup-*
