"""Time the inbox's landing view (since the meeting) against the Active and All views on a copy of the sample (median of 20); run: .venv/bin/python benchmarks/bench_meeting_view.py"""
import os, shutil, statistics, sys, tempfile, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication.instance() or QApplication([])
from alerts import operations
from alerts.meeting import MARKER_KEY, marker_time, parse_marker
from ui.alerts_inbox import SituationTableModel
from ui.snapshot import load_snapshot
d = Path(tempfile.mkdtemp()); p = d / "s.wbproj"; shutil.copy("sample_data/sample.wbproj", p)
operations.set_meeting(p, "2026-01-01", actor="bench")
snap = load_snapshot(p)
m = SituationTableModel(); m.set_meeting(snap.events, marker_time(parse_marker(snap.meta.get(MARKER_KEY)))); m.set_alerts(snap.alerts, refilter=False)
def t(status):
    xs = []
    for _ in range(20):
        a = time.perf_counter(); n = m.apply_filter(status=status, severity=None); xs.append(time.perf_counter() - a)
    return statistics.median(xs) * 1000, n
for s in ("active", "meeting", None):
    ms, n = t(s); print(f"{s or 'all'}: {ms:.1f} ms median, {n} rows ({len(snap.alerts)} alerts, {len(snap.events)} events)")
shutil.rmtree(d)
from alerts.meeting import since_meeting
xs=[]
for _ in range(20):
    a=time.perf_counter(); since_meeting(snap.alerts, snap.events, "2026-01-01"); xs.append(time.perf_counter()-a)
print(f"since_meeting alone (first view after a load or decision): {statistics.median(xs)*1000:.1f} ms median")
