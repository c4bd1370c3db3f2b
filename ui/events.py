"""The application-wide hub that tells views what changed; views never call each other."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ProjectEvents(QObject):
    """Signals carry plain values so any view can react without knowing who sent them."""

    project_opened = Signal(object)  # ProjectSnapshot of a project just opened
    data_changed = Signal(object)  # ProjectSnapshot read again after its data changed
    changed = Signal(object)  # workbench.changes.OpChanges of a write, before the views refresh
