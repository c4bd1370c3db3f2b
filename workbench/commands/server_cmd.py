"""``workbench server init|grant|revoke|roles --project postgresql://…``: set up a team server.

``init`` creates (or upgrades) the project's tables and installs its role model: three
group roles and the grants and triggers that make the server itself refuse what a login's
role does not allow (:mod:`workbench.store.pg_roles`). ``grant`` gives a login one role,
``revoke`` takes it away, ``roles`` lists who has which and who is not bound by them. All
four are for the server's administrator: ``init``, ``grant`` and ``revoke`` run as the owner
of the project's tables or a superuser (docs/deployment.md, "How an office sets it up").
"""

from __future__ import annotations

import argparse
from workbench.locations import add_project_argument

ROLE_CHOICES = ("analyst", "coordinator", "admin")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "server",
        help="set up a team server project: create it, give logins roles, list them",
        description="Set up a team server project (PostgreSQL). Run init, grant and revoke as the owner of the "
        "project's tables or a superuser. Roles: analyst (notes, acknowledge), coordinator (also verify, escalate, "
        "close, dismiss, reopen, snooze), admin (also import, run, rules, merge).",
    )
    sub = p.add_subparsers(dest="server_action", metavar="ACTION", required=True)
    init = sub.add_parser("init", help="create or upgrade the project and install its roles (idempotent)")
    add_project_argument(init, where="server")
    init.add_argument("--prefix", metavar="NAME",
                      help="role names are NAME_analyst, NAME_coordinator, NAME_admin (default: the database name)")
    init.set_defaults(handler=_init)
    grant = sub.add_parser("grant", help="give a login one role on the project (replacing its other roles)")
    grant.add_argument("login", metavar="LOGIN")
    grant.add_argument("role", choices=ROLE_CHOICES, metavar="ROLE", help="analyst, coordinator or admin")
    add_project_argument(grant, where="server")
    grant.set_defaults(handler=_grant)
    revoke = sub.add_parser("revoke", help="take a login's roles on the project away")
    revoke.add_argument("login", metavar="LOGIN")
    add_project_argument(revoke, where="server")
    revoke.set_defaults(handler=_revoke)
    roles = sub.add_parser("roles", help="who has which role, and which logins the roles do not bind")
    add_project_argument(roles, where="server")
    roles.add_argument("--format", choices=("table", "csv", "json"), default="table")
    roles.set_defaults(handler=_roles)


def _open(url: str, *, create: bool = False, readonly: bool = False):  # noqa: ANN202
    from workbench.errors import UnusableInputError
    from workbench.locations import is_server_url
    from workbench.store import open_project

    if not is_server_url(url):
        raise UnusableInputError(f"{url} is not a server URL; `workbench server` sets up postgresql://… projects "
                                 "(a project file has no logins or roles)")
    return open_project(url, create=create, readonly=readonly)


def _init(args: argparse.Namespace) -> int:
    from workbench.store.pg_roles import ROLE_RIGHTS, ServerPermissionError, install
    from workbench.store.schema import SCHEMA_VERSION

    try:
        project = _open(args.project, create=True)
    except ServerPermissionError as err:
        raise ServerPermissionError(f"{err}. Run `workbench server init` as the database's owner or a superuser, "
                                    "e.g. `sudo -u postgres workbench server init --project postgresql:///DATABASE`"
                                    ) from None
    with project:
        done = install(project, args.prefix)
        where = project.location
    print(f"{where} is ready (schema {SCHEMA_VERSION}); its roles:")
    for role, name in done.names.items():
        created = " (created)" if name in done.created_roles else ""
        print(f"  {role:<12} {name}{created}: {ROLE_RIGHTS[role]}")
    print(f"give a login a role: workbench server grant LOGIN analyst|coordinator|admin --project {where}")
    if done.bypass:
        print("not bound by the roles (keep these for the server's administrator): "
              + ", ".join(f"{login} ({why})" for login, why in done.bypass))
    return 0


def _grant(args: argparse.Namespace) -> int:
    import sys

    from workbench.store.pg_roles import grant

    with _open(args.project) as project:
        warnings = grant(project, args.login, args.role)
        where = project.location
    print(f"{args.login} is now {'an' if args.role[0] in 'aeiou' else 'a'} {args.role} on {where}")
    for line in warnings:
        print(line, file=sys.stderr)
    return 0


def _revoke(args: argparse.Namespace) -> int:
    from workbench.store.pg_roles import revoke

    with _open(args.project) as project:
        revoke(project, args.login)
        where = project.location
    print(f"{args.login} has no role on {where} any more")
    return 0


def _roles(args: argparse.Namespace) -> int:
    import json

    import pandas as pd

    from workbench.exports.safe_cells import safe_frame
    from workbench.store.pg_roles import bypassing_logins, members

    with _open(args.project, readonly=True) as project:
        rows = [(m.login, m.role, "") for m in members(project)]
        rows += [(login, "owner", why) for login, why in bypassing_logins(project.conn.raw)]
    df = pd.DataFrame(rows, columns=["login", "role", "not_bound_because"])
    if args.format == "json":
        print(json.dumps(df.to_dict("records"), ensure_ascii=False, indent=1))
    elif args.format == "csv":
        print(safe_frame(df).to_csv(index=False, lineterminator="\n"), end="")
    else:
        print(df.to_string(index=False) if len(df) else "no login has a role yet")
    return 0
