"""The application-wide hub that tells views what changed; views never call each other."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ProjectEvents(QObject):
    """Signals carry plain values so any view can react without knowing who sent them."""

    project_opened = Signal(object)  # ProjectSnapshot
    data_changed = Signal(object)  # ProjectSnapshot after an import
    alerts_changed = Signal()  # an alert run or a transition happened
    series_selected = Signal(int, int, str)  # region_id, indicator_id, group
    region_selected = Signal(int)  # region_id
