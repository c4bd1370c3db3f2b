"""Screenshots for issue 17: every language, both themes, a laptop and a full-HD screen.

    bash scripts/take_meeting_screenshots.sh [PROJECT] [OUT_DIR]

(the shell script runs this file once per language and scaling under Xvfb). One run:

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/take_meeting_screenshots.py \\
        --project COPY.wbproj --out docs/screenshots/meeting --language fr [--scale 1.5]

writes ``alerts-<lang>-<theme>-<size>.png`` for 1366x768 and 1920x1080 in the light and the
dark theme (the dark one by switching the theme at run time, as a user does before a
projector meeting) and ``series-<lang>-light-1366x768.png``; at 150 % scaling the inbox
and the import wizard's layout page on a 1366x768 screen (911x512 to lay out), and the
keyboard focus ring on the decision's note field. Never run it on the shipped sample.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent



def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--project", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--language", default="en")
    parser.add_argument("--scale", default="1")
    args = parser.parse_args()

    from ui.screenshot import WindowShots, wait_until_idle

    shots = WindowShots(args.out, args.language, settle=0.4)
    app, w, shot, lang = shots.app, shots.window, shots.shot, args.language

    if args.scale != "1":
        suffix = f"-{int(float(args.scale) * 100)}"
        w.setGeometry(app.primaryScreen().availableGeometry())
        w.show()
        w.open_project(args.project, remember=False)
        wait_until_idle(w)
        w.select_tab("alerts")
        shot(f"alerts-{lang}-light-1366x768{suffix}.png")
        w.start_import(ROOT / "sample_data" / "partner_survey_wide.xlsx")
        wizard = w._wizard
        deadline = time.monotonic() + 60
        while wizard.preview is None and time.monotonic() < deadline:
            shots.spin(0.05)
        wizard.next()
        shot(f"import-wizard-{lang}-1366x768{suffix}.png", wizard)
        wizard.reject()
        w.close()
        return

    w.resize(1366, 768)
    w.show()
    w.open_project(args.project, remember=False)
    wait_until_idle(w)
    for theme in ("light", "dark"):
        w.set_theme(theme)
        for width, height in ((1366, 768), (1920, 1080)):
            w.resize(width, height)
            w.select_tab("alerts")
            wait_until_idle(w)
            shot(f"alerts-{lang}-{theme}-{width}x{height}.png")
    w.set_theme("light")
    w.resize(1366, 768)
    w.select_tab("series")
    wait_until_idle(w)
    shot(f"series-{lang}-light-1366x768.png")
    if lang == "en":
        w.select_tab("alerts")
        w.activateWindow()
        w.inbox.detail.note_edit.setFocus()
        shot("alerts-en-light-1366x768-focus.png")
    w.close()


if __name__ == "__main__":
    os.environ.setdefault("WORKBENCH_LOG_DIR", "/tmp/workbench-screenshot-logs")
    main()
