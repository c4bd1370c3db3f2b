"""Errors that reach the user as one ``error:`` line and an exit code.

The command-line contract (docs/cli.md) fixes the codes: 1 when the command ran but the
user must act on something, 2 when the input itself was unusable.
"""

from __future__ import annotations


class WorkbenchError(Exception):
    """A problem the user must act on; ``str(err)`` is the whole message they see."""

    exit_code = 1


class UnusableInputError(WorkbenchError):
    """The input file is unreadable, corrupt, encrypted, too large or of the wrong kind."""

    exit_code = 2


class ProjectError(WorkbenchError):
    """The project file is missing, damaged, locked or of a newer schema."""

    exit_code = 2


class ProjectBusyError(ProjectError):
    """Another program holds the project's write lock longer than the busy timeout."""

    exit_code = 1


class Cancelled(WorkbenchError):
    """The user cancelled a long operation; nothing was written."""

    exit_code = 1
