"""Where a project lives: a ``*.wbproj`` file (the default) or a team server URL.

Kept free of heavy imports: command modules use it to declare ``--project`` while
``workbench --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(target: object) -> bool:
    """True for ``postgresql://…`` (a team server project), False for a project file path."""
    return isinstance(target, str) and target.strip().lower().startswith(SERVER_SCHEMES)


def project_location(text: str) -> str | Path:
    """argparse ``type`` for ``--project``: a server URL stays a string, anything else is a path."""
    return text.strip() if is_server_url(text) else Path(text)


_PROJECT_HELP = {
    "either": "project file (*.wbproj) or team server URL (postgresql://user@host/db)",
    "file": "project file (*.wbproj)",
    "server": "postgresql://owner@host:port/database",
}


def add_project_argument(parser: Any, *, where: str = "either", required: bool = True, help: str | None = None) -> None:
    """Declare ``--project`` on a command's parser: the one declaration every command uses.

    ``where``: ``either`` a project file or a team server URL (the default), ``file`` only a
    file (commands that work on the file itself: backups, boundaries), ``server`` only a
    server URL (administering the server).
    """
    kind = {"either": project_location, "file": Path, "server": str}[where]
    parser.add_argument("--project", required=required, type=kind, metavar="URL" if where == "server" else "P",
                        help=help or _PROJECT_HELP[where])


#: Connection parameters whose value is a secret (libpq's names), wherever they appear.
SECRET_PARAMS = ("password", "sslpassword")


def redact(url: str) -> str:
    """The URL without its passwords (``user:***@`` and ``?password=***``), for messages, logs
    and the metadata of a checked-out copy."""
    try:
        parts = urlsplit(url)
        has_password = parts.password is not None
    except ValueError:  # not even a URL: show nothing of it that could be a secret
        return "the server project"
    if has_password:
        netloc = parts.netloc.rsplit("@", 1)
        user = netloc[0].split(":", 1)[0]
        parts = parts._replace(netloc=f"{user}:***@{netloc[1]}")
    if parts.query:
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        if any(k.lower() in SECRET_PARAMS for k, _ in pairs):
            query = urlencode([(k, "***" if k.lower() in SECRET_PARAMS else v) for k, v in pairs], safe="*/")
            parts = parts._replace(query=query)
    return urlunsplit(parts)


def shown(target: object) -> str:
    """How a message names a project: a path as it is, a server URL without its password
    (also a URL that became a ``Path``, as ``postgresql:/…``)."""
    text = str(target)
    if text.lower().startswith(("postgresql:/", "postgres:/")):
        if not is_server_url(text):
            text = text.replace(":/", "://", 1)
        return redact(text)
    return text
