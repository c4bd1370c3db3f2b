"""Screenshots for issue 17, items 1-3 (the meeting view, decisions per alert, corrections):

    bash scripts/take_meeting_view_screenshots.sh [OUT_DIR]

On a copy of the sample project (never the shipped file): the meeting marker is set to before
the sample's run, then a few decisions are taken as a team would (acknowledge, verify and
escalate, a wrong dismissal corrected), so the landing view shows new, changed and escalated
rows. One run per language writes, at 1366x768: the inbox's landing view, the whole-situation
confirmation, the correction dialog, the heatmap (last 6 months) and the map (raised in the
recent window, 6 months by default, named districts).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path



def prepare(project: Path) -> None:
    """The week before the meeting: decisions on the sample's copy, through the core operations."""
    from alerts import operations
    from alerts.listing import read_alerts
    from workbench.store import open_project

    operations.set_meeting(project, "2026-01-01", actor="Amina (head of office)")
    with open_project(project, readonly=True) as p:
        a = read_alerts(p.conn)
    active = a[a["active"].astype(bool)]
    ids = [int(i) for i in active["id"].head(4)]
    operations.decide(project, [ids[0]], status="acknowledged", note="district office called", actor="omar")
    operations.decide(project, [ids[0]], status="verified", likelihood=4, consequence=4, outcome="respond",
                      note="confirmed by two partners", actor="omar")
    operations.decide(project, [ids[0]], status="escalated", note="regional office informed", actor="amina")
    operations.decide(project, [ids[1]], status="dismissed", reason="false_alarm", actor="jean")
    operations.correct(project, ids[1], status="new", note="dismissed the wrong alert", actor="amina")
    operations.decide(project, [ids[2]], status="acknowledged", actor="jean")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--project", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--language", default="en")
    parser.add_argument("--prepare", action="store_true")
    args = parser.parse_args()
    if args.prepare:
        prepare(args.project)
        return

    from PySide6.QtWidgets import QDialog

    from ui.screenshot import WindowShots, wait_until_idle

    shots = WindowShots(args.out, args.language, settle=0.5)
    w, shot, lang = shots.window, shots.shot, args.language

    w.resize(1366, 768)
    w.show()
    w.open_project(args.project, remember=False)
    wait_until_idle(w)
    w.select_tab("alerts")
    wait_until_idle(w)
    inbox, detail = w.inbox, w.inbox.detail
    # The situation with the most alerts still new: the one a group decision is about.
    a = w.snapshot.alerts
    new = a[a["status"] == "new"]
    sid = int(new.groupby("situation_id")["id"].count().idxmax())
    first = int(new.loc[new["situation_id"] == sid, "id"].iloc[0])
    inbox.select_row(0)
    wait_until_idle(w)
    shot(f"meeting-inbox-{lang}-1366x768.png")

    inbox.select_situation_of_alert(first)
    wait_until_idle(w)
    detail.all_alerts.setChecked(True)

    def show_group(dialog):
        dialog.resize(520, 300)
        dialog.show()
        shot(f"meeting-group-confirm-{lang}.png", dialog)
        return QDialog.Rejected

    detail.exec_dialog = show_group
    detail.buttons["acknowledged"].click()
    detail.all_alerts.setChecked(False)
    detail.buttons["dismissed"].click()  # no reason chosen: the pane says so
    shot(f"meeting-decision-required-{lang}-1366x768.png")

    detail.select_alert(first)
    with_decision = a[(a["status"] != "new") & a["status"].isin(("acknowledged", "escalated"))]
    if len(with_decision):
        inbox.select_situation_of_alert(int(with_decision["id"].iloc[0]))
        wait_until_idle(w)

        def show_correction(dialog):
            dialog.target.setCurrentIndex(dialog.target.findData("verified"))
            dialog.resize(460, dialog.sizeHint().height())
            dialog.show()
            shot(f"meeting-correction-{lang}.png", dialog)
            return QDialog.Rejected

        detail.exec_dialog = show_correction
        detail.correct_button.click()

    w.select_tab("heatmap")
    wait_until_idle(w)
    shot(f"meeting-heatmap-{lang}-1366x768.png")
    w.select_tab("map")
    wait_until_idle(w)
    shot(f"meeting-map-{lang}-1366x768.png")
    w.select_tab("index")  # computed when first shown: wait for it, or the picture says "Computing…"
    wait_until_idle(w)
    shot(f"meeting-index-{lang}-1366x768.png")
    w.close()


if __name__ == "__main__":
    os.environ.setdefault("WORKBENCH_LOG_DIR", "/tmp/workbench-screenshot-logs")
    main()
