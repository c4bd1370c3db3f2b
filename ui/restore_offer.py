"""Offering the newest automatic backup when a project turns out to be damaged on open.

The store already says, in one line, that the file is damaged and where the last backup is
(``workbench.store.project.damaged_error``); the app adds the one-click way back. Restoring
goes through ``workbench.store.backup.restore_backup``, the same function as
``workbench restore``, which keeps the damaged file as ``NAME.damaged-TIME``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from workbench.store.backup import Backup, list_backups


def is_damage_message(path: Path, message: str) -> bool:
    """Whether a failed open reported damage (the store's wording, see ``damaged_error``)."""
    return message.startswith(f"{Path(path).name} is damaged (")


def backup_to_offer(path: Path, message: str) -> Backup | None:
    """The newest automatic backup, when the open failed because the file is damaged."""
    if not is_damage_message(path, message):
        return None
    backups = list_backups(path)
    return backups[0] if backups else None


def restore_box(parent: QWidget | None, path: Path, message: str, backup: Backup) -> QMessageBox:
    """The question, built apart from asking it so that it can be shown, tested and captured."""
    box = QMessageBox(parent)
    box.setObjectName("restore_offer")
    box.setIcon(QMessageBox.Warning)
    box.setWindowTitle(QCoreApplication.translate("RestoreOffer", "Damaged project"))
    box.setText(QCoreApplication.translate("RestoreOffer", "This project file is damaged and cannot be opened."))
    damage = message.split("; the last automatic backup", 1)[0]
    box.setInformativeText(
        damage + "\n\n"
        + QCoreApplication.translate("RestoreOffer", "The last automatic backup is the project as it was before its last import, model run "
                 "or merge, on %1. Restoring puts it in place and keeps the damaged file beside it as "
                 "%2.damaged-DATE-TIME.").replace("%1", backup.describe()).replace("%2", Path(path).name)
    )
    box.setDetailedText(message)
    restore = box.addButton(QCoreApplication.translate("RestoreOffer", "Restore the backup from %1").replace("%1", backup.describe()),
                            QMessageBox.AcceptRole)
    restore.setObjectName("restore_button")
    box.addButton(QMessageBox.Cancel)
    box.setDefaultButton(restore)
    return box


def ask_restore(parent: QWidget | None, path: Path, message: str, backup: Backup) -> bool:
    """True when the user chose to put the backup back."""
    box = restore_box(parent, path, message, backup)
    box.exec()
    chosen = box.clickedButton()
    return chosen is not None and chosen.objectName() == "restore_button"
