"""Roles on a team server, enforced by PostgreSQL itself.

A project file has no logins: whoever holds the file decides, and ``--actor`` is a name they
type. A server project is shared by several people, so the server decides who may do what,
and it does so where no client can skip it: in grants and triggers that the workbench
installs once (``workbench server init``) and that bind every login, the app and ``psql``
alike.

Three group roles per project (``<prefix>_analyst`` ⊂ ``<prefix>_coordinator`` ⊂
``<prefix>_admin``; the prefix is the database name unless chosen); a login gets one with
``workbench server grant``:

- **analyst**: read everything (alerts, history, data, briefs, exports, checkout), add
  notes, acknowledge a new alert;
- **coordinator**: also verify, escalate, close, dismiss, reopen and snooze, and set the
  meeting date (the one project setting it may write);
- **admin**: also import data, run the models, change the rules, merge a checked-out copy
  back, save index definitions and boundaries;
- **owner**: the login that owns the tables (it ran ``server init``) and superusers. The
  server's rules do not bind them (PostgreSQL lets an owner drop any trigger), so that login
  belongs to whoever runs the server, never to an analyst.

What enforces it (the SQL is in :mod:`workbench.store.pg_guards`):

- *Grants*: every role reads; ``INSERT`` on ``alert_event`` and ``UPDATE`` of an alert's
  state columns for analysts; ``INSERT`` on ``alert`` (a reopened copy) and ``INSERT``/``UPDATE``
  on ``meta``, narrowed by the meta guard to the meeting marker, for coordinators;
  ``INSERT``/``UPDATE`` on the data tables for admins. Nobody but the owner has
  ``DELETE``, ``TRUNCATE``, ``TRIGGER`` or ownership, so no login can delete or truncate
  history or disable, drop or replace a trigger; no login is a member of the owner or of
  another login, so ``SET ROLE`` cannot borrow rights.
- *A trigger on every new event* (:data:`~workbench.store.pg_guards.EVENT_GUARD`) stamps ``recorded_by`` with the
  session's login (PostgreSQL's ``session_user``, which ``SET ROLE`` does not change),
  requires ``actor`` to be that login, allows only the transitions of the lifecycle that the
  role may take, from the alert's current status, and gives the event the server's uid,
  clock and origin. Only an admin's events may differ: the model run's (``system``,
  with its run) and events merged from another copy (another origin, keeping that copy's
  actor and time; ``recorded_by`` names the admin who merged them).
- *A check at commit* (:data:`~workbench.store.pg_guards.STATE_CHECK`, a deferred constraint trigger) that every
  touched alert's status, snooze and verification equal the replay of its history, so an
  alert's state changes only together with an event that says who changed it.
- *The append-only triggers* of the schema (no ``UPDATE``/``DELETE`` of events) and a
  ``TRUNCATE`` guard, which even the owner must drop on purpose.

The replay in SQL mirrors :func:`alerts.history.replay`; the transitions, the roles they
need and the states' properties are generated from :mod:`workbench.vocabulary`, the table
``alerts.lifecycle`` enforces too; a test checks that they agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.errors import ProjectError, WorkbenchError
from workbench.store.pg_guards import CONSTRAINT_TRIGGERS, TRIGGERS, guard_sql
from workbench.vocabulary import DISMISS_REASONS, person_transitions, status_role  # noqa: F401 - re-exported

from workbench.store.pg_role_model import (  # noqa: F401 - the model, re-exported here as before
    ADMIN_PRIVILEGES, DECISION_KEYS, HISTORY_TABLES, IDENTITY_KEYS, LEVEL_NAMES, LEVELS, REOPEN_COPIES,
    ROLE_RIGHTS, ROLES, STATE_COLUMNS, TRANSITION_ROLE,
)


def role_names(prefix: str) -> dict[str, str]:
    return {role: f"{prefix}_{role}" for role in ROLES}


class ServerPermissionError(ProjectError):
    """The server refused this login the change (or the read): it needs another role."""

    exit_code = 1


# -- installing, granting, listing ------------------------------------------------------------------
@dataclass
class Installed:
    """What ``server init`` set up, for its message."""

    prefix: str
    names: dict[str, str]
    created_roles: list[str] = field(default_factory=list)
    bypass: list[tuple[str, str]] = field(default_factory=list)


def _sql() -> Any:
    from psycopg import sql

    return sql


def _one(raw: Any, query: Any, params: tuple = ()) -> Any:
    row = raw.execute(query, params or None).fetchone()
    return row[0] if row else None


def installed_names(raw: Any) -> dict[str, str] | None:
    """The role names of an installed role model, or None when ``server init`` never ran here."""
    if _one(raw, "SELECT to_regprocedure(quote_ident(current_schema()) || '.wb_roles()')") is None:
        return None
    rows = raw.execute("SELECT role, role_name FROM wb_roles()").fetchall()
    return {role: name for role, name in rows}


def session_level(raw: Any) -> tuple[str, int | None]:
    """(login, level) of this connection: the level is None when no role model is installed."""
    login = _one(raw, "SELECT session_user")
    if _one(raw, "SELECT to_regprocedure(quote_ident(current_schema()) || '.wb_level()')") is None:
        return login, None
    return login, int(_one(raw, "SELECT wb_level()"))


def _owner(raw: Any) -> str:
    return _one(raw, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = to_regclass("
                     "quote_ident(current_schema()) || '.alert_event')")


def _require_owner(raw: Any, location: str, what: str) -> tuple[bool, bool]:
    """(superuser, createrole) of this login; refuses unless it owns the project's tables."""
    sup, createrole = raw.execute(
        "SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = session_user").fetchone()
    owner = _owner(raw)
    if not sup and not _one(raw, "SELECT pg_has_role(session_user, %s::name, 'MEMBER')", (owner,)):
        login = _one(raw, "SELECT session_user")
        raise ServerPermissionError(
            f"{login} cannot {what} on {location}: that is for the owner of the project's tables ({owner}) "
            "or a superuser, e.g. `sudo -u postgres workbench server ...`")
    return bool(sup), bool(createrole)


def install(project: Any, prefix: str | None = None) -> Installed:
    """Create the roles (if missing) and install grants and guards; run as the owner, idempotent.

    ``project`` is an open, writable :class:`~workbench.store.pg.PgProject` whose schema is
    current. Everything happens in one transaction: a failure leaves the server as it was.
    """
    sql = _sql()
    raw = project.conn.raw
    present = installed_names(raw)
    dbname = _one(raw, "SELECT current_database()")
    if present is not None:
        current_prefix = present["analyst"][: -len("_analyst")]
        if prefix is not None and prefix != current_prefix:
            raise WorkbenchError(f"{project.location} is already set up with the roles {current_prefix}_*; "
                                 "run `workbench server init` without --prefix")
        prefix = current_prefix
    prefix = prefix or dbname
    names = role_names(prefix)
    if max(len(n.encode()) for n in names.values()) > 63:
        raise WorkbenchError(f"role names from the prefix {prefix!r} would be longer than PostgreSQL's 63 bytes; "
                             "choose a shorter one with --prefix")
    result = Installed(prefix, names)
    with project.transaction():
        sup, createrole = _require_owner(raw, project.location, "set up roles")
        schema = _one(raw, "SELECT current_schema()")
        s = sql.Identifier(schema)
        for role in ROLES:
            if _one(raw, "SELECT 1 FROM pg_roles WHERE rolname = %s", (names[role],)) is None:
                if not (sup or createrole):
                    raise ServerPermissionError(
                        f"the role {names[role]} does not exist and this login may not create roles; run "
                        "`workbench server init` as a superuser (sudo -u postgres …) or a login with CREATEROLE")
                raw.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(names[role])))
                result.created_roles.append(names[role])
        ident = {r: sql.Identifier(n) for r, n in names.items()}
        raw.execute(sql.SQL("GRANT {} TO {}").format(ident["analyst"], ident["coordinator"]))
        raw.execute(sql.SQL("GRANT {} TO {}").format(ident["coordinator"], ident["admin"]))
        db = sql.Identifier(dbname)
        raw.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(db))
        raw.execute(sql.SQL("REVOKE CREATE ON SCHEMA {} FROM PUBLIC").format(s))
        raw.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(db, ident["analyst"]))
        raw.execute(sql.SQL("GRANT TEMPORARY ON DATABASE {} TO {}").format(db, ident["admin"]))  # import staging
        raw.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(s, ident["analyst"]))
        schema_ident = s.as_string(raw)
        for statement in guard_sql(schema_ident, names):
            raw.execute(statement)
        apply_grants(raw, names)  # after the guards: the coordinator's meta grant relies on the meta guard
        # The observation guard looks a revision up by its key (imports revise thousands at once).
        raw.execute(sql.SQL("CREATE INDEX IF NOT EXISTS wb_revision_key ON {}.revision"
                            " (region_id, indicator_id, period, grp)").format(s))
        for name, table, timing, each, fn in TRIGGERS:
            raw.execute(sql.SQL("DROP TRIGGER IF EXISTS {} ON {}.{}").format(
                sql.Identifier(name), s, sql.Identifier(table)))
            raw.execute(sql.SQL("CREATE TRIGGER {} " + timing + " ON {}.{} " + each + " EXECUTE FUNCTION {}.{}()")
                        .format(sql.Identifier(name), s, sql.Identifier(table), s, sql.Identifier(fn)))
        for name, table, timing, *when in CONSTRAINT_TRIGGERS:
            raw.execute(sql.SQL("DROP TRIGGER IF EXISTS {} ON {}.{}").format(
                sql.Identifier(name), s, sql.Identifier(table)))
            raw.execute(sql.SQL("CREATE CONSTRAINT TRIGGER {} " + timing + " ON {}.{} DEFERRABLE INITIALLY DEFERRED"
                                " FOR EACH ROW " + " ".join(when) + " EXECUTE FUNCTION {}.wb_state_check()")
                        .format(sql.Identifier(name), s, sql.Identifier(table), s))
        result.bypass = bypassing_logins(raw)
    return result


def _tables(raw: Any) -> list[str]:
    return [r[0] for r in raw.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename").fetchall()]


def apply_grants(raw: Any, names: dict[str, str]) -> None:
    """Table privileges of the three roles (again after a schema upgrade adds tables)."""
    sql = _sql()
    ident = {r: sql.Identifier(n) for r, n in names.items()}
    everyone = sql.SQL(", ").join(ident.values())
    for table in _tables(raw):
        t = sql.Identifier(table)
        raw.execute(sql.SQL("REVOKE ALL ON {} FROM PUBLIC, {}").format(t, everyone))
        raw.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(t, ident["analyst"]))
        for privilege in ADMIN_PRIVILEGES.get(table, ("INSERT", "UPDATE")):
            raw.execute(sql.SQL("GRANT " + privilege + " ON {} TO {}").format(t, ident["admin"]))
    raw.execute(sql.SQL("GRANT INSERT ON alert_event TO {}").format(ident["analyst"]))
    cols = sql.SQL(", ").join(sql.Identifier(c) for c in STATE_COLUMNS)
    raw.execute(sql.SQL("GRANT UPDATE ({}) ON alert TO {}").format(cols, ident["analyst"]))
    raw.execute(sql.SQL("GRANT INSERT ON alert TO {}").format(ident["coordinator"]))
    # The meeting marker: a coordinator runs the weekly meeting and moves it. The table grant
    # is narrowed to exactly COORDINATOR_META_KEYS by the meta guard, so it is given only
    # where that guard is installed (an older server's guard would let every key through
    # until its owner runs `server init` again).
    if _one(raw, "SELECT to_regprocedure(quote_ident(current_schema()) || '.wb_coordinator_meta_keys()')"):
        raw.execute(sql.SQL("GRANT INSERT, UPDATE ON meta TO {}").format(ident["coordinator"]))


def regrant_after_upgrade(raw: Any) -> None:
    """After a schema upgrade by the owner: the new tables get the roles' privileges too."""
    names = installed_names(raw)
    if names is not None:
        apply_grants(raw, names)


def bypassing_logins(raw: Any) -> list[tuple[str, str]]:
    """Logins the server's rules do not bind, and why (superuser, owner, may give itself roles)."""
    owner = _owner(raw)
    rows = raw.execute(
        "SELECT rolname, rolsuper, pg_has_role(oid, %s::name, 'MEMBER'), rolcreaterole FROM pg_roles"
        " WHERE rolcanlogin ORDER BY rolname", (owner,)).fetchall()
    out = []
    for name, sup, owns, createrole in rows:
        if sup:
            out.append((name, "superuser"))
        elif owns:
            out.append((name, f"owns the project's tables ({owner})" if name == owner
                        else f"member of the tables' owner {owner}"))
        elif createrole:
            out.append((name, "CREATEROLE: may give itself any role"))
    return out


@dataclass(frozen=True)
class Member:
    login: str
    role: str


def members(project: Any) -> list[Member]:
    """Every login with one of this project's roles (its highest)."""
    raw = project.conn.raw
    names = _names_or_fail(project)
    found: dict[str, str] = {}
    for role in ROLES:  # lowest first: a higher role overwrites
        rows = raw.execute("SELECT r.rolname FROM pg_roles r WHERE r.rolcanlogin AND pg_has_role(r.oid, %s::name, 'MEMBER')"
                           " AND NOT r.rolsuper ORDER BY r.rolname", (names[role],)).fetchall()
        for (login,) in rows:
            found[login] = role
    return [Member(login, role) for login, role in sorted(found.items())]


def _names_or_fail(project: Any) -> dict[str, str]:
    names = installed_names(project.conn.raw)
    if names is None:
        raise WorkbenchError(f"{project.location} has no roles yet; set them up with "
                             f"`workbench server init --project {project.location}`")
    return names


def grant(project: Any, login: str, role: str) -> list[str]:
    """Give ``login`` exactly ``role`` on this project; returns warnings to show."""
    sql = _sql()
    raw = project.conn.raw
    names = _names_or_fail(project)
    if role not in ROLES:
        raise WorkbenchError(f"unknown role {role!r}; use one of: {', '.join(ROLES)}")
    with project.transaction():
        _require_owner(raw, project.location, "give roles")
        row = raw.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", (login,)).fetchone()
        if row is None:
            raise WorkbenchError(f"there is no login {login!r} on this server; create it first, e.g. "
                                 f"`sudo -u postgres createuser --pwprompt {login}`")
        if login in names.values() or not row[0]:
            raise WorkbenchError(f"{login!r} is not a login; give roles to the logins people sign in with")
        for other in ROLES:
            raw.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(names[other]), sql.Identifier(login)))
        raw.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(names[role]), sql.Identifier(login)))
        return [f"warning: {name} {why}; the server's rules do not bind it" for name, why in bypassing_logins(raw)
                if name == login]


def revoke(project: Any, login: str) -> None:
    sql = _sql()
    raw = project.conn.raw
    names = _names_or_fail(project)
    with project.transaction():
        _require_owner(raw, project.location, "take roles away")
        if _one(raw, "SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)) is None:
            raise WorkbenchError(f"there is no login {login!r} on this server")
        for role in ROLES:
            raw.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(names[role]), sql.Identifier(login)))


__all__ = [
    "DECISION_KEYS", "LEVELS", "ROLES", "ROLE_RIGHTS", "STATE_COLUMNS", "TRANSITION_ROLE", "Installed", "Member",
    "ServerPermissionError", "apply_grants", "bypassing_logins", "grant", "install",
    "installed_names", "members", "regrant_after_upgrade", "revoke", "role_names", "session_level", "status_role",
]
