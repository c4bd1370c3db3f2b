"""Writing the meeting brief from the app: the ``workbench report`` command, run off the GUI thread.

The work runs on the window's TaskRunner, but inside that worker it starts the very command
line a person would type (``workbench report --project P --out F --paper X``), which looks
up the same ``workbench.report_formats`` writers. A child process rather than a call in the
worker thread because the PDF writer draws its charts with pyqtgraph widgets, and Qt widgets
may only exist on a process's GUI thread; and because a child process can really be stopped
when the user presses *Cancel*. The child writes into a scratch folder next to the target and
the file is moved into place only when it is complete, so a cancelled or failed brief never
leaves a half-written file under the name the user chose.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP

from workbench.errors import Cancelled, WorkbenchError
from workbench.progress import CancelToken, ProgressCallback, no_progress

#: Save-dialog filters: the format comes from the extension, the paper from the PDF filter chosen.
# Translated where shown (MainWindow.write_brief_dialog); listed here for lupdate.
XLSX_FILTER = QT_TRANSLATE_NOOP("MainWindow", "Excel workbook (*.xlsx)")
PDF_A4_FILTER = QT_TRANSLATE_NOOP("MainWindow", "PDF brief, A4 paper (*.pdf)")
PDF_LETTER_FILTER = QT_TRANSLATE_NOOP("MainWindow", "PDF brief, US Letter paper (*.pdf)")
FILTERS = (XLSX_FILTER, PDF_A4_FILTER, PDF_LETTER_FILTER)
POLL_SECONDS = 0.1


@dataclass(frozen=True)
class BriefRequest:
    """What the save dialog decided: where, which format (by extension), which paper."""

    out: Path
    paper: str


def request_from_dialog(path: str, selected_filter: str) -> BriefRequest:
    """Complete the dialog's answer: add the filter's extension when the name has none."""
    out = Path(path)
    wants_pdf = selected_filter in (PDF_A4_FILTER, PDF_LETTER_FILTER)
    if out.suffix.lower() not in (".xlsx", ".pdf"):
        out = out.with_name(out.name + (".pdf" if wants_pdf else ".xlsx"))
    paper = "letter" if selected_filter == PDF_LETTER_FILTER else "a4"
    return BriefRequest(out, paper)


def report_command(project: Path, out: Path, paper: str) -> list[str]:
    """The ``workbench report`` command line, for a source install or the frozen app."""
    exe = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "workbench"]
    return [*exe, "report", "--project", str(project), "--out", str(out), "--paper", paper]


def write_brief(project: Path, request: BriefRequest, *, progress: ProgressCallback = no_progress,
                cancel: CancelToken | None = None) -> str:
    """Run ``workbench report`` in a child process; returns its one-line summary naming ``request.out``."""
    from workbench.outputs import check_output_target, replace_into

    out = request.out
    if not out.parent.is_dir():
        raise WorkbenchError(f"cannot write {out}: the folder {out.parent} does not exist")
    check_output_target(out, inputs=[project], what="brief")
    try:
        scratch = Path(tempfile.mkdtemp(prefix=".brief-", dir=out.parent))
    except OSError as err:
        raise WorkbenchError(f"cannot write in {out.parent}: {err.strerror or err}") from None
    try:
        part = scratch / out.name
        progress(0.0, f"Writing {out.name}…")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")  # the child draws pages, never windows
        with subprocess.Popen(report_command(project, part, request.paper), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env) as child:
            while True:
                try:
                    stdout, stderr = child.communicate(timeout=POLL_SECONDS)
                    break
                except subprocess.TimeoutExpired:
                    if cancel is not None and cancel.cancelled:
                        child.kill()
                        child.communicate()
                        raise Cancelled("cancelled by the user; no brief was written") from None
        if child.returncode != 0:
            raise WorkbenchError(_one_line_error(stderr, child.returncode).replace(str(part), str(out)))
        if cancel is not None and cancel.cancelled:
            raise Cancelled("cancelled by the user; no brief was written")
        replace_into(part, out, inputs=[project], what="brief")
        progress(1.0, "")
        return stdout.strip().replace(str(part), str(out))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _one_line_error(stderr: str, code: int) -> str:
    """The command's own ``error:`` line, which already says what to do."""
    for line in reversed(stderr.splitlines()):
        if line.startswith("error: "):
            return line[len("error: "):]
    return f"the brief could not be written (workbench report stopped with code {code})"
