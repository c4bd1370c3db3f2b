"""The inbox's landing view ("since the last meeting") against the Active and All views.

On a copy of the sample project with the meeting marker at 2026-01-01, the inbox's table
model is filtered 20 times per view and the median printed; the Active view is the
reference measured in the same run. Then ``alerts.meeting.since_meeting`` alone (what a
load or a decision recomputes once).

Run: ``.venv/bin/python benchmarks/bench_meeting_view.py``
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402 - after the platform is chosen

from alerts import operations  # noqa: E402
from alerts.meeting import MARKER_KEY, marker_time, parse_marker, since_meeting  # noqa: E402
from ui.alerts_inbox import SituationTableModel  # noqa: E402
from ui.snapshot import load_snapshot  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "sample.wbproj"
REPEAT = 20


def median_ms(call) -> tuple[float, object]:
    times, result = [], None
    for _ in range(REPEAT):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


def main() -> None:
    _app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp())
    try:
        project = folder / "sample.wbproj"
        shutil.copy(SAMPLE, project)
        operations.set_meeting(project, "2026-01-01", actor="bench")
        snap = load_snapshot(project)
        model = SituationTableModel()
        model.set_meeting(snap.events, marker_time(parse_marker(snap.meta.get(MARKER_KEY))))
        model.set_alerts(snap.alerts, refilter=False)
        reference = None
        for status in ("active", "meeting", None):
            ms, rows = median_ms(lambda s=status: model.apply_filter(status=s, severity=None))
            reference = reference or ms
            print(f"{status or 'all'}: {ms:.1f} ms median, {rows} rows, {ms / reference:.2f}x the Active view "
                  f"({len(snap.alerts)} alerts, {len(snap.events)} events)")
        ms, _ = median_ms(lambda: since_meeting(snap.alerts, snap.events, "2026-01-01"))
        print(f"since_meeting alone (once per load or decision): {ms:.1f} ms median")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
