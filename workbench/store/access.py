"""Who is acting, and may they: the same two questions for a project file and a team server.

A project file has no logins: the person holding it acts, under the name they give
(``--actor``), else ``WORKBENCH_ACTOR``, else the name saved under "Your name" (the user's
settings, :mod:`workbench.settings`, shared by the app and the command line), else their
computer's user name: the same person on the same laptop is recorded the same way whichever
interface they use. A team server
project knows who is connected (the database login) and what that login's role allows
(:mod:`workbench.store.pg_roles`); there the actor *is* the login, and a name given on the
command line may only repeat it. Commands ask these helpers instead of telling the two
backends apart.
"""

from __future__ import annotations

import os
from typing import Any

from workbench import settings
from workbench.errors import WorkbenchError
from workbench.store.pg_role_model import LEVELS


def local_user() -> str:
    """The operating system's user name, the actor of a project file when none is given."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name on some systems; the event still needs an actor
        return "unknown"


def default_actor() -> str:
    """Who acts in a project file when no name is given: ``WORKBENCH_ACTOR``, the name saved
    under "Your name", or the computer's user name."""
    return os.environ.get("WORKBENCH_ACTOR") or settings.load().actor or local_user()


def event_actor(project: Any, requested: str | None) -> str:
    """The actor recorded for an event written through ``project``.

    A file: ``requested`` (``--actor``) or :func:`default_actor`. A server: the login;
    ``requested`` naming anyone else is refused (the server would refuse the event too).
    """
    login = getattr(project, "login", None)
    if login is None:
        return requested if requested else default_actor()
    if requested is not None and requested != login:
        raise WorkbenchError(
            f"on a server project an event is recorded under the login that makes it ({login}); "
            f"--actor {requested!r} cannot name someone else (leave --actor out)")
    return login


def may(project: Any, role: str) -> bool:
    """Whether this login's role includes ``role`` (a file: always; a server without roles:
    assumed, the server decides), for writes that are only a convenience, like storing a
    default a read computed."""
    level = getattr(getattr(project, "conn", None), "level", None)
    if getattr(project, "login", None) is None or level is None:
        return True
    return level >= LEVELS[role]


def require_role(project: Any, role: str, action: str) -> None:
    """Refuse early, in words, when the server login's role does not allow ``action``; a
    project file has no roles (whoever holds it may do everything)."""
    check = getattr(project, "require", None)
    if check is not None:
        check(role, action)


__all__ = ["default_actor", "event_actor", "local_user", "may", "require_role"]
