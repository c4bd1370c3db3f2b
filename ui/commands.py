"""The ``gui`` command: open the desktop app, or render one screenshot and exit."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from workbench.locations import add_project_argument, is_server_url
from workbench.settings import LANGUAGES


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("gui", help="open the desktop app")
    add_project_argument(p, required=False,
                         help="project to open: a file (*.wbproj) or a team server URL (postgresql://user@host/db)")
    p.add_argument("--screenshot", type=Path, metavar="OUT.png",
                   help="load, render the main window, save it as PNG and exit")
    p.add_argument("--size", default="1440x900", help="window size for --screenshot (default 1440x900)")
    p.add_argument("--tab", default=None, help="tab to show in the screenshot (e.g. Series, Data, Heatmap, Map, Alerts)")
    p.add_argument("--theme", choices=("light", "dark"), default=None, help="palette for this session")
    p.add_argument("--language", choices=LANGUAGES, default=None,
                   help="language for this session (default: View → Language, else the system's)")
    p.set_defaults(handler=run_gui)


def _parse_size(text: str) -> tuple[int, int]:
    from workbench.errors import WorkbenchError

    m = re.fullmatch(r"\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*", text)
    if not m:
        raise WorkbenchError(f"--size must look like 1440x900, not {text!r}")
    return int(m.group(1)), int(m.group(2))


def default_project() -> Path | None:
    """The most recent project that still exists, else the user's copy of the bundled sample.

    Never the bundled file itself: running models writes to the project, and the install
    folder must stay as shipped (see workbench/paths.py).
    """
    from workbench import settings
    from workbench.errors import ProjectError
    from workbench.paths import first_run_project

    for p in settings.load().recent:
        if Path(p).is_file():
            return Path(p)
    try:
        return first_run_project()
    except ProjectError:
        return None


def _set_window_icon(app: object) -> None:
    from PySide6.QtGui import QIcon

    from workbench.paths import app_icon

    if app_icon().is_file():
        app.setWindowIcon(QIcon(str(app_icon())))  # type: ignore[attr-defined]


def run_gui(args: argparse.Namespace) -> int:
    from workbench.errors import ProjectError

    project = args.project
    if project is not None and not is_server_url(project) and not Path(project).is_file():
        from workbench.locations import shown

        raise ProjectError(f"project {shown(project)} does not exist")
    size = _parse_size(args.size)
    if args.screenshot is not None:
        from ui.screenshot import take_screenshot

        take_screenshot(project or default_project(), Path(args.screenshot), size, tab=args.tab, theme=args.theme,
                        language=args.language)
        return 0

    from ui.app import apply_theme, make_app
    from ui.crash import install_crash_handler
    from ui.main_window import MainWindow
    from ui.tour import install_tour

    app = make_app()
    if args.language:
        from ui.app import install_translations

        install_translations(app, args.language)
    install_crash_handler(app)
    _set_window_icon(app)
    if args.theme:
        apply_theme(app, args.theme)
    window = MainWindow()
    window.show()
    project = project or default_project()
    if project is not None:
        window.open_project(project)
    install_tour(window)
    return int(app.exec())
