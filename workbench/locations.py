"""Where a project lives: a ``*.wbproj`` file (the default) or a team server URL.

Kept free of heavy imports: command modules use it to declare ``--project`` while
``workbench --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path

SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(target: object) -> bool:
    """True for ``postgresql://…`` (a team server project), False for a project file path."""
    return isinstance(target, str) and target.strip().lower().startswith(SERVER_SCHEMES)


def project_location(text: str) -> str | Path:
    """argparse ``type`` for ``--project``: a server URL stays a string, anything else is a path."""
    return text.strip() if is_server_url(text) else Path(text)
