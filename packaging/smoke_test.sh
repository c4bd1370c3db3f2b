#!/usr/bin/env bash
# Smoke-test the frozen one-folder build:  bash packaging/smoke_test.sh [dist/CohesionWorkbench]
#
# The app folder is copied to a fresh temporary folder (so nothing can come from the checkout
# or its .venv) and run with an empty environment: no venv on PATH, no PYTHONPATH, a new
# HOME (so platformdirs' real per-user folders are used and start empty). It checks:
#   1. --version;
#   2. a plain first start, `gui --screenshot` with no project, headless (offscreen): the PNG is
#      1440x900 and not blank; the sample project was COPIED into the user data folder and the
#      bundled one is byte-for-byte unchanged;
#   2b. a plain interactive first start shows the guided tour and writes no crash log;
#   3. `import` of a bundled sample workbook into a new project, then `data --format csv`;
#   3b. `run`, `alerts --format json` and `report` (.xlsx and .pdf) on the sample copy;
#   3c. the detectors ran compiled, their code cached in the user's cache folder;
#   4. an unusable input gives exit code 2 and one `error:` line, no traceback;
#   5. no network: every run happens inside `unshare -n` (no network interfaces but loopback)
#      when the kernel allows it, and under strace no AF_INET/AF_INET6 socket is ever created;
#   6. every shared library in the folder resolves (ldd), including the xcb platform plugin;
#   7. when Xvfb is installed, the app also renders on a real X display through xcb;
#   8. the folder stays within a size budget (SIZE_BUDGET_MB, default 520; numba's LLVM is ~170 MB of it).
# The build and this test are slow-ish and run here, not in the pytest suite.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="${1:-$ROOT/dist/CohesionWorkbench}"
CHECK_PY="${CHECK_PYTHON:-$ROOT/.venv/bin/python}"  # only for checking the PNG, never to run the app
[ -x "$SRC/CohesionWorkbench" ] || { echo "error: no build at $SRC; run packaging/build_linux.sh" >&2; exit 2; }

WORK="$(mktemp -d /tmp/wb-smoke.XXXXXX)"
trap 'rc=$?; if [ "$rc" -eq 0 ] && [ "${KEEP:-}" != 1 ]; then rm -rf "$WORK"; else echo "kept $WORK for a look"; fi' EXIT
cp -a "$SRC" "$WORK/app"
APP="$WORK/app/CohesionWorkbench"
BUNDLED="$WORK/app/_internal/sample_data/sample.wbproj"
mkdir -p "$WORK/home" "$WORK/run"
cd "$WORK/run"

NET_PREFIX=()
if unshare -n true 2>/dev/null; then
    NET_PREFIX=(unshare -n)
    echo "network: every run below is inside 'unshare -n' (no network)"
else
    echo "network: unshare -n is not permitted here; relying on the strace check"
fi
TRACE=()
if command -v strace >/dev/null; then
    TRACE=(strace -f -qq -e trace=socket,connect -o "$WORK/trace.txt")
fi

EXTRA_ENV=()  # set around one step when it needs a variable
run() {  # the frozen app with an empty environment: nothing from the venv or the checkout
    env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "${EXTRA_ENV[@]}" \
        "${NET_PREFIX[@]}" "$APP" "$@"
}
fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

# 1. version
version="$(run --version)"
[[ "$version" == workbench\ * ]] || fail "--version printed '$version'"
pass "$version"

# 2. first run, headless screenshot, with a trace of every socket the app opens
before="$(sha256sum "$BUNDLED" | cut -d' ' -f1)"
start=$(date +%s.%N)
env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    "${NET_PREFIX[@]}" "${TRACE[@]}" "$APP" gui --screenshot "$WORK/frozen.png" \
    || fail "gui --screenshot exited with $?"
end=$(date +%s.%N)
cp "$WORK/frozen.png" /tmp/frozen.png
QT_QPA_PLATFORM=offscreen "$CHECK_PY" - "$WORK/frozen.png" <<'EOF' || fail "screenshot check"
import sys
import numpy as np
from PySide6.QtGui import QImage
img = QImage(sys.argv[1]).convertToFormat(QImage.Format.Format_RGB32)
assert (img.width(), img.height()) == (1440, 900), (img.width(), img.height())
px = np.frombuffer(img.constBits(), np.uint8).reshape(900, img.bytesPerLine() // 4, 4)[:, :1440, :3]
colours = len(np.unique(px.reshape(-1, 3), axis=0))
spread = float(px.std())
assert colours > 50 and spread > 10, f"blank-looking screenshot: {colours} colours, std {spread:.1f}"
print(f"screenshot 1440x900, {colours} distinct colours, pixel std {spread:.1f}")
EOF
pass "gui --screenshot in $(printf '%.1f' "$(echo "$end - $start" | bc)") s -> /tmp/frozen.png"
copy="$(find "$WORK/home" -name '*.wbproj' | head -1)"
[ -n "$copy" ] || fail "the first run did not copy the sample project into the user data folder"
pass "first-run project copied to ${copy#$WORK/}"
[ "$(sha256sum "$BUNDLED" | cut -d' ' -f1)" = "$before" ] || fail "the bundled sample project was modified"
pass "bundled sample project unchanged"
if [ ${#TRACE[@]} -gt 0 ]; then
    if grep -E 'socket\((AF_INET|AF_INET6|PF_INET)' "$WORK/trace.txt"; then fail "the app opened an internet socket"; fi
    pass "strace: no AF_INET/AF_INET6 socket ($(grep -c 'socket(' "$WORK/trace.txt" || true) local sockets in all)"
fi

# 2b. a real interactive first start (no --screenshot) for 25 s: the tour must have been shown
# (remembered in the settings file) and no crash log written. timeout's exit 124 is expected.
set +e
env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    "${NET_PREFIX[@]}" timeout 25 "$APP" > plain.txt 2>&1
code=$?
set -e
[ "$code" -eq 124 ] || fail "a plain start ended by itself with exit code $code: $(cat plain.txt)"
grep -qs '^seen=true' "$WORK/home/.config/CohesionWorkbench/Workbench.conf" \
    || fail "a plain first start did not show the guided tour: $(cat plain.txt)"
if find "$WORK/home" -name 'crash-*.log' | grep -q .; then fail "the plain start wrote a crash log"; fi
pass "plain first start: sample opened, guided tour shown once, no crash log"

# 3. command line: import a bundled workbook, then read the canonical data back
run import "$WORK/app/_internal/sample_data/partner_survey_wide.xlsx" --project "$WORK/run/field.wbproj" \
    > import.txt || fail "import exited with $?: $(cat import.txt)"
run data --project "$WORK/run/field.wbproj" --format csv > data.csv || fail "data exited with $?"
header="$(head -1 data.csv | tr -d '\r')"
[ "$header" = "region,indicator,period,value,group" ] || fail "data header is '$header'"
rows=$(($(wc -l < data.csv) - 1))
[ "$rows" -gt 100 ] || fail "only $rows rows came back"
grep -q "confidence_in_local_institutions" data.csv || fail "the imported indicator is missing"
pass "import + data: $rows observations of partner_survey_wide.xlsx"

# 3b. the models, the alert list and both briefs on the user's copy of the sample (this pulls
# in statsmodels/scipy and Qt's PDF writer, which are imported lazily and easy to miss)
# The sample is small enough for the numpy detectors; MIN_CELLS=0 makes this run compiled.
EXTRA_ENV=(WORKBENCH_NUMBA_MIN_CELLS=0)
run run --project "$copy" > run.txt || fail "run exited with $?: $(cat run.txt)"
EXTRA_ENV=()
run alerts --project "$copy" --format json > alerts.json || fail "alerts exited with $?"
n_alerts=$(grep -c '"rule":' alerts.json || true)
[ "$n_alerts" -gt 0 ] || fail "the sample raised no alerts: $(cat run.txt)"
run report --project "$copy" --out brief.xlsx > /dev/null || fail "report .xlsx exited with $?"
run report --project "$copy" --out brief.pdf > /dev/null || fail "report .pdf exited with $?"
[ "$(head -c 4 brief.pdf)" = "%PDF" ] && [ "$(head -c 2 brief.xlsx)" = "PK" ] || fail "the briefs are not PDF/xlsx"
pass "run + alerts + report: $n_alerts alerts, brief.pdf $(du -k brief.pdf | cut -f1) kB, brief.xlsx $(du -k brief.xlsx | cut -f1) kB"

# 3c. the detectors ran compiled (numba), with their machine code cached in the user's cache
# folder: the app folder is not writable for a field user, so the cache cannot live there
cached=$(find "$WORK/home/.cache" -name '*.nbi' 2>/dev/null | wc -l)
[ "$cached" -gt 0 ] || fail "no compiled detector kernels cached under $WORK/home/.cache (numba missing from the build?)"
[ -z "$(find "$WORK/app" -name '*.nbi' -newer "$WORK/home" 2>/dev/null)" ] || fail "numba wrote its cache into the app folder"
pass "compiled detectors: $cached kernels cached in the user cache folder"

# 4. unusable input: exit 2, one error line, no traceback
printf 'PK\003\004 not really a workbook' > broken.xlsx
set +e
run import broken.xlsx --project "$WORK/run/field.wbproj" > out.txt 2> err.txt
code=$?
set -e
[ "$code" -eq 2 ] || fail "a broken file gave exit code $code"
grep -q '^error: ' err.txt || fail "no error: line ($(cat err.txt))"
if grep -q Traceback err.txt out.txt; then fail "a traceback reached the user"; fi
pass "broken input -> exit 2: $(head -1 err.txt)"

# 5./6. every bundled library resolves (xcb included), against the bundle and the system
missing=$(cd "$WORK/app/_internal" && find . -name '*.so*' -type f -print0 \
    | LD_LIBRARY_PATH="$PWD:$PWD/PySide6/Qt/lib" xargs -0 ldd 2>/dev/null | grep 'not found' | sort -u || true)
[ -z "$missing" ] || fail "unresolved libraries: $missing"
pass "every shared library resolves"

# 7. a real X display (the xcb plugin a Linux desktop uses), when Xvfb is installed
if command -v Xvfb >/dev/null; then
    display=":$((50 + RANDOM % 400))"
    Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp > /dev/null 2>&1 &
    xvfb_pid=$!
    sleep 2
    set +e
    env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8 DISPLAY="$display" QT_QPA_PLATFORM=xcb \
        "${NET_PREFIX[@]}" "$APP" gui --screenshot "$WORK/xcb.png" > xcb.txt 2>&1
    code=$?
    set -e
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
    [ "$code" -eq 0 ] && [ -s "$WORK/xcb.png" ] || fail "gui on an X display (xcb) failed: $(cat xcb.txt)"
    pass "xcb platform plugin: gui --screenshot on an Xvfb display"
else
    echo "skip: Xvfb is not installed; the xcb plugin was only checked with ldd"
fi

[ "$(sha256sum "$BUNDLED" | cut -d' ' -f1)" = "$before" ] || fail "the bundled sample project was modified"
pass "bundled sample project still unchanged after run/report on the copy"

# 8. a size budget, so an optional heavy library (pyarrow, Dask, …) pulled in by a new import
# is noticed here and not on a field laptop's disk
budget_mb="${SIZE_BUDGET_MB:-520}"
size_mb=$(du -sm "$SRC" | cut -f1)
[ "$size_mb" -le "$budget_mb" ] || fail "the folder is $size_mb MB, over the $budget_mb MB budget (see docs/installer.md)"
pass "folder $size_mb MB <= budget $budget_mb MB"

echo "folder: $(du -sh "$SRC" | cut -f1), $(find "$SRC" -type f | wc -l) files"
echo "SMOKE TEST PASSED"
