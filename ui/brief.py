"""Writing the meeting brief from the app, in the app's own process, off the GUI thread.

The work runs on the window's TaskRunner: :func:`alerts.brief_data.collect_brief` reads what
the brief shows (the same numbers the inbox shows), then the writer ``workbench report``
would use for that extension (the ``workbench.report_formats`` entry points) writes the file.
The PDF writer paints with QPainter on images and the PDF device only - no widgets - so it
runs on the worker too. *Cancel* is honoured between the steps; every writer writes to a
temporary name and moves the file into place only when it is complete, so a cancelled or
failed brief never leaves a half-written file under the name the user chose.

The brief is written in the language the app shows (``workbench_language``, set by
:func:`ui.app.install_translations` from View → Language or the system's), read on the GUI
thread when the request is made; the core's catalogues translate it (:mod:`workbench.i18n`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from alerts.brief_data import collect_brief
from alerts.brief_formats import find_writer
from workbench.errors import Cancelled, ProjectError, WorkbenchError
from workbench.progress import CancelToken, ProgressCallback, no_progress
from workbench.store import project_exists

#: Save-dialog filters: the format comes from the extension, the paper from the PDF filter chosen.
# Translated where shown (MainWindow.write_brief_dialog); listed here for lupdate.
XLSX_FILTER = QT_TRANSLATE_NOOP("MainWindow", "Excel workbook (*.xlsx)")
PDF_A4_FILTER = QT_TRANSLATE_NOOP("MainWindow", "PDF brief, A4 paper (*.pdf)")
PDF_LETTER_FILTER = QT_TRANSLATE_NOOP("MainWindow", "PDF brief, US Letter paper (*.pdf)")
FILTERS = (XLSX_FILTER, PDF_A4_FILTER, PDF_LETTER_FILTER)


@dataclass(frozen=True)
class BriefRequest:
    """What the save dialog decided: where, which format (by extension), which paper; and the
    language to write it in (the app's; None: the user's setting)."""

    out: Path
    paper: str
    language: str | None = None
    #: the brief records the meeting (the marker moves to it); False: ``report --keep-marker``
    mark_meeting: bool = True


def app_language() -> str | None:
    """The language the app shows (a code of :data:`ui.app.LANGUAGES`), None before one is set."""
    app = QCoreApplication.instance()
    code = app.property("workbench_language") if app is not None else None
    return str(code) if code else None


def request_from_dialog(path: str, selected_filter: str) -> BriefRequest:
    """Complete the dialog's answer: add the filter's extension when the name has none."""
    out = Path(path)
    wants_pdf = selected_filter in (PDF_A4_FILTER, PDF_LETTER_FILTER)
    if out.suffix.lower() not in (".xlsx", ".pdf"):
        out = out.with_name(out.name + (".pdf" if wants_pdf else ".xlsx"))
    paper = "letter" if selected_filter == PDF_LETTER_FILTER else "a4"
    return BriefRequest(out, paper, app_language())


def _check(cancel: CancelToken | None) -> None:
    if cancel is not None and cancel.cancelled:
        raise Cancelled("cancelled by the user; no brief was written")


def write_brief(project: Path, request: BriefRequest, *, progress: ProgressCallback = no_progress,
                cancel: CancelToken | None = None) -> str:
    """Write the brief ``request`` asks for; returns the writer's one-line summary naming the file."""
    out = request.out
    if not out.parent.is_dir():
        raise WorkbenchError(f"cannot write {out}: the folder {out.parent} does not exist")
    from workbench.outputs import check_output_target

    check_output_target(out, inputs=[project], what="brief")  # a brief never overwrites its project
    writer = find_writer(out)
    if not project_exists(project):
        raise ProjectError(f"project {project} does not exist")
    progress(0.05, f"Reading {Path(project).name}…")
    data = collect_brief(project)
    _check(cancel)
    progress(0.6, f"Writing {out.name}…")
    summary = writer(project, out, paper=request.paper, data=data, language=request.language)
    if cancel is not None and cancel.cancelled:
        out.unlink(missing_ok=True)  # finished just as the user cancelled: they asked for nothing
        raise Cancelled("cancelled by the user; no brief was written")
    from alerts.operations import brief_written

    # The brief records the meeting: the marker moves to when its data were read (unless asked not to).
    marker_line = (brief_written(project, data.generated_at.isoformat()) if request.mark_meeting
                   else "the meeting marker was left as it was")
    progress(1.0, "")
    return f"{summary}; {marker_line}"
