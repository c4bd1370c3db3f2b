#!/usr/bin/env bash
# The core's catalogues (the meeting brief's texts): extract, update, compile, with Babel.
#   bash scripts/i18n.sh           extract the texts into workbench/locale/workbench.pot, merge
#                                  them into each language's .po, then compile the .mo files
#   bash scripts/i18n.sh compile   compile only (after translating the .po files)
# New or changed texts arrive in the .po files untranslated (or fuzzy); translate them, run
# with "compile", and commit the .po and .mo together: tests/test_i18n_core.py fails on an
# untranslated or fuzzy entry, on a .mo older than its .po and on a text missing from the .pot.
# The desktop's Qt catalogues are separate (ui/translations, lupdate/lrelease).
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=${PYBABEL:-.venv/bin/pybabel}
LOCALE=workbench/locale
DOMAIN=workbench
# Every file that writes a text of the brief or of an alert's explanation (tests/test_i18n_core.py
# lists the same).
SOURCES=(workbench/i18n.py alerts/brief_words.py alerts/brief_data.py alerts/report_xlsx.py ui/report_pdf.py alerts/explain_text.py)
if [ "${1:-all}" != compile ]; then
  "$PYBABEL" extract --project cohesion-workbench --copyright-holder "the workbench authors" --no-location --sort-output -k N_ -o "$LOCALE/$DOMAIN.pot" "${SOURCES[@]}"
  for lang in fr ar; do
    po="$LOCALE/$lang/LC_MESSAGES/$DOMAIN.po"
    if [ -f "$po" ]; then
      "$PYBABEL" update --ignore-obsolete -i "$LOCALE/$DOMAIN.pot" -d "$LOCALE" -D "$DOMAIN" -l "$lang"
    else
      "$PYBABEL" init -i "$LOCALE/$DOMAIN.pot" -d "$LOCALE" -D "$DOMAIN" -l "$lang"
    fi
  done
fi
"$PYBABEL" compile --statistics -d "$LOCALE" -D "$DOMAIN"
