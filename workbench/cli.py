"""The ``workbench`` command line: a thin dispatcher over sub-command plugins.

Each sub-command lives in its own module and is found through the ``workbench.commands``
entry-point group, so ``alerts`` and ``ui`` can add commands without the core importing
them (the layers run ``ui -> alerts -> workbench`` only). A command module's ``register``
adds an argparse sub-parser whose ``handler(args) -> int`` does the work; modules import
their heavy dependencies inside the handler so that ``workbench --help`` stays fast.

Errors never reach the user as a traceback: a :class:`WorkbenchError` becomes one
``error:`` line with its exit code; a mistyped argument too (argparse's usage block is
replaced by one line naming ``--help``); an operating-system error that escaped a command
(a full disk, a name too long) is one line with exit code 2; anything unexpected is logged
to a file and reported as one line too. Everything printed passes
:class:`workbench.exports.safe_cells.SafeStream`, so no name or note read from a file can
send an escape sequence to the terminal.
"""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import entry_points
from typing import Sequence

from workbench import __version__
from workbench.errors import WorkbenchError


class UsageError(WorkbenchError):
    """A command line argparse could not read (exit code 2, like argparse's own)."""

    exit_code = 2


class OneLineParser(argparse.ArgumentParser):
    """argparse with one ``error:`` line instead of a usage block and ``prog: error:``."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{' '.join(message.split())}; see `{self.prog} --help`")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="workbench",
        description="Cohesion Early-Warning Workbench. With no command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for ep in sorted(entry_points(group="workbench.commands"), key=lambda e: e.name):
        try:
            register = ep.load()
        except ImportError:
            # A layer that is not installed (e.g. the GUI on a headless server) simply
            # offers no commands; the core keeps working.
            continue
        register(sub)
    return parser


def _choices(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._subparsers._group_actions if parser._subparsers else []:
        return set(action.choices or {})
    return set()


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # A console that cannot show a district's name (a Windows code page, say) must not turn
    # a finished import into an "internal error" while its report is printed.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    from workbench.exports.safe_cells import SafeStream

    saved = sys.stdout, sys.stderr
    # A windowed build has no console (the streams are None, and print() then prints nothing).
    if sys.stdout is not None:
        sys.stdout = SafeStream(sys.stdout)  # type: ignore[assignment]
    if sys.stderr is not None:
        sys.stderr = SafeStream(sys.stderr)  # type: ignore[assignment]
    try:
        return _dispatch(argv)
    finally:
        sys.stdout, sys.stderr = saved


def _dispatch(argv: list[str]) -> int:
    parser = build_parser()
    if not argv:
        argv = ["gui"]
    if argv[0] == "gui" and "gui" not in _choices(parser):
        print("error: the desktop app is not installed here; install the [gui] extra", file=sys.stderr)
        return 2
    try:
        args = parser.parse_args(argv)
    except WorkbenchError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.exit_code
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return int(handler(args) or 0)
    except WorkbenchError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.exit_code
    except BrokenPipeError:
        # The reader went away (``workbench data ... | head``): that is not an error.
        # Point stdout at devnull so the interpreter's final flush does not complain.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("error: interrupted; nothing was changed", file=sys.stderr)
        return 1
    except MemoryError:
        print("error: not enough memory to finish; nothing was changed", file=sys.stderr)
        return 2
    except RecursionError:
        print("error: an input is nested too deeply to be read; nothing was changed", file=sys.stderr)
        return 2
    except OSError as err:
        # A file or folder the command was given could not be used (a full disk, a name too
        # long, a medium that went away); the project is written only in transactions.
        from workbench.inputs import os_reason, shown

        name = f" {shown(err.filename)}" if err.filename else ""
        print(f"error: could not use{name}: {os_reason(err)}; nothing was changed", file=sys.stderr)
        return 2
    except Exception as err:  # noqa: BLE001 - the contract forbids tracebacks on stderr
        from workbench.logs import log_exception

        where = log_exception(err)
        print(f"error: internal error ({type(err).__name__}); details in {where}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
