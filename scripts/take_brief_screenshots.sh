#!/usr/bin/env bash
# Screenshots of the PDF brief in English, French and Arabic (docs/screenshots/brief/).
#   bash scripts/take_brief_screenshots.sh [OUT_DIR]
# On a copy of the sample project: a meeting marker on 2026-11-20, a few decisions and a note
# since (so the meeting page has an agenda and a record), then one brief per language, each
# from its own copy (writing a brief moves the marker). Page 1 and the meeting page at 80 dpi.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-docs/screenshots/brief}
W="$PWD/.venv/bin/workbench"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export WORKBENCH_CONFIG_DIR="$work/config" QT_QPA_PLATFORM=offscreen
mkdir -p "$OUT"
cp sample_data/sample.wbproj "$work/m.wbproj"
P="$work/m.wbproj"
"$W" meeting --project "$P" --set 2026-11-20 --actor coordinator >/dev/null
"$W" alert 384 --project "$P" --set acknowledged --note "Field team called; checking with the district office" --actor amina
"$W" alert 384 --project "$P" --set verified --likelihood 4 --consequence 4 --outcome respond \
  --note "Confirmed by two partner reports" --actor amina
"$W" alert 65 --project "$P" --set acknowledged --note "Seen in the meeting" --actor jean
"$W" alert 231 --project "$P" --set dismissed --reason data_error --note "Duplicate survey round" --actor jean
"$W" alert 321 --project "$P" --note "Partner NGO reports calm; watch next month" --actor amina
for lang in en fr ar; do
  cp "$P" "$work/$lang.wbproj"
  "$W" report --project "$work/$lang.wbproj" --out "$work/brief-$lang.pdf" --language "$lang" >/dev/null
  pdftoppm -r 80 -png -f 1 -l 1 -singlefile "$work/brief-$lang.pdf" "$OUT/brief-$lang-page1"
  meeting=$(for p in 2 3; do pdftotext -f $p -l $p "$work/brief-$lang.pdf" - | grep -q "2026-11-20" && echo $p; done | head -1)
  pdftoppm -r 80 -png -f "$meeting" -l "$meeting" -singlefile "$work/brief-$lang.pdf" "$OUT/brief-$lang-meeting"
done
ls "$OUT"
