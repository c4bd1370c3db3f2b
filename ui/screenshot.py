"""Render the main window off-screen after every background load finished, and save it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from workbench.errors import WorkbenchError
from workbench.locations import is_server_url

LOAD_TIMEOUT_S = 120.0


def take_screenshot(
    project: Path | str | None, out: Path, size: tuple[int, int], *, tab: str | None = None, theme: str | None = None,
    language: str | None = None,
) -> Path:
    from PySide6.QtWidgets import QApplication

    from ui.app import apply_theme, make_app
    from ui.main_window import MainWindow
    from workbench.outputs import atomic_output, check_output_target

    if not out.parent.exists():
        raise WorkbenchError(f"folder {out.parent} does not exist")
    files = [] if is_server_url(project) else [project]  # a server project is no file to protect
    check_output_target(out, inputs=files, what="screenshot")
    app = make_app()
    if language:
        from ui.app import install_translations

        install_translations(app, language)
    if theme:
        apply_theme(app, theme)
    window = MainWindow()
    window._headless = True
    window.resize(*size)
    window.show()
    if project is not None:
        window.open_project(project, remember=False)
    wait_until_idle(window)
    if getattr(window, "last_error", None):
        window.close()
        raise WorkbenchError(window.last_error)
    if tab:
        window.select_tab(tab)
        # A tab computes its content when first shown (the Index, a Series chart): wait for
        # that work too, or the picture shows "Computing…".
        wait_until_idle(window)
    window.resize(*size)
    for _ in range(5):
        QApplication.processEvents()
        time.sleep(0.02)
    pixmap = window.grab()
    try:
        with atomic_output(out, inputs=files, what="screenshot") as tmp:
            if not pixmap.save(str(tmp), "PNG", 0):  # 0 = smallest file (slowest compression)
                raise WorkbenchError(f"could not write {out}")
    finally:
        window.close()
    return out


def wait_until_idle(window: object, timeout: float = LOAD_TIMEOUT_S) -> None:
    """Spin the event loop until the runner has nothing left (follow-on tasks included)."""
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    quiet = 0
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if window.runner.is_busy():  # type: ignore[attr-defined]
            quiet = 0
        else:
            quiet += 1
            if quiet > 50:  # half a second without work: debounced tasks (forecasts) have started by then
                return
        time.sleep(0.01)
    raise WorkbenchError(f"the project did not finish loading within {timeout:.0f} s")


class WindowShots:
    """An off-screen main window in one language and the light theme, for the scripts that
    take a series of screenshots of it (``scripts/take_meeting_*screenshots.py``): each shot
    first lets the window settle (background loads, deferred layout) for ``settle`` seconds."""

    def __init__(self, out: Path, language: str, settle: float = 0.4) -> None:
        from ui.app import install_translations, make_app
        from ui.main_window import MainWindow

        self.app = make_app()
        install_translations(self.app, language)
        self.window = MainWindow()
        self.window._headless = True
        self.window.set_theme("light")
        self.out, self.settle = out, settle
        out.mkdir(parents=True, exist_ok=True)

    def spin(self, seconds: float) -> None:
        """Run the event loop for ``seconds`` (timers and queued signals included)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.01)

    def shot(self, name: str, widget: Any = None) -> Path:
        """Save ``widget`` (default: the window) as ``out/name``; print and return the path."""
        self.spin(self.settle)
        path = self.out / name
        (widget or self.window).grab().save(str(path), "PNG", 0)
        print(path)
        return path
