"""A team's shared project on an office PostgreSQL server, behind the same store API.

``open_project("postgresql://user@host:5432/db")`` returns a :class:`PgProject`: the same
:class:`~workbench.store.project.Project` methods over a connection adapter that offers the
part of the sqlite3 API the code uses (``execute`` → cursor with ``fetchone/fetchall/
fetchmany/rowcount``, ``executemany``, ``commit``/``rollback``). The store writes each
statement once and says where the databases differ itself (:mod:`workbench.store.dialect`:
null-safe comparisons, new rows' ids); the adapter only spells the placeholders as psycopg
takes them (:func:`~workbench.store.dialect.pyformat`). The tables are the project file's:
the schema's migrations, given to PostgreSQL by :func:`workbench.store.schema.postgresql_ddl`.
Parameters are bound on the server (psycopg's default cursor, the extended
query protocol): the statement text holds only ``$1, $2, …`` and the values travel apart,
so a note, a district name or a value never appears in the server's statement log or in
the ``STATEMENT:`` line it logs for a failed statement (docs/privacy.md). (A
``ClientCursor`` would splice the values into the text.)

Concurrency: every write is one ``READ COMMITTED`` transaction; a decision that depends on
an alert's state first locks that alert row (``SELECT … FOR UPDATE``, see
:func:`workbench.store.dialect.for_update`), so two analysts' transitions queue instead of
overwriting each other, and events are only ever appended. A deadlock or serialization
failure rolls the transaction back and raises :class:`ServerConflictError`;
:meth:`Project.transact` retries such a unit of work.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlsplit

import numpy as np

from workbench import __version__
from workbench.errors import ProjectBusyError, ProjectError, WorkbenchError
from workbench.locations import SECRET_PARAMS, redact
from workbench.store.pg_roles import LEVEL_NAMES, LEVELS, ServerPermissionError, regrant_after_upgrade, session_level
from workbench.store.dialect import pyformat
from workbench.store.project import Project, utc_now
from workbench.store.schema import MIGRATIONS, SCHEMA_VERSION, postgresql_ddl

T = TypeVar("T")
_MIGRATION_LOCK = "cohesion-workbench-schema"
RETRIES = 5


class ServerConflictError(ProjectBusyError):
    """Another analyst's transaction collided with this one; it was rolled back and may be retried."""


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise ProjectError(
            "this installation cannot open server projects: install the [server] extra "
            "(pip install 'cohesion-workbench[server]')"
        ) from None
    return psycopg


class PgCursor:
    """The sqlite3 cursor surface over a psycopg cursor."""

    def __init__(self, cur: Any) -> None:
        self._cur = cur

    @property
    def lastrowid(self) -> int:
        """Not offered: PostgreSQL has no last row id; a statement that needs the new row's id
        asks for it (:func:`workbench.store.dialect.insert_id`), so a forgotten one fails here
        rather than reading None."""
        raise AttributeError("a server cursor has no lastrowid: use workbench.store.dialect.insert_id")

    @property
    def rowcount(self) -> int:
        return self._cur.rowcount

    @property
    def description(self) -> Any:
        return self._cur.description

    def fetchone(self) -> tuple | None:
        return self._cur.fetchone() if self._cur.description is not None else None

    def fetchall(self) -> list[tuple]:
        return self._cur.fetchall() if self._cur.description is not None else []

    def fetchmany(self, size: int = 1) -> list[tuple]:
        return self._cur.fetchmany(size) if self._cur.description is not None else []

    def __iter__(self) -> Iterator[tuple]:
        return iter(self.fetchall())

    def close(self) -> None:
        self._cur.close()


class PgConnection:
    """The sqlite3.Connection surface the store, importer and alerts use, over psycopg.

    It knows its login and that login's role (``login``, ``level``: None when the server has
    no role model, see :mod:`workbench.store.pg_roles`), so a refusal by the server reaches
    the user as one line that says who was refused and what to ask for.
    """

    dialect = "postgresql"

    def __init__(self, raw: Any, location: str = "the server project") -> None:
        self.raw = raw
        self.location = location
        self.login, self.level = session_level(raw)

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> PgCursor:
        cur = self.raw.cursor()
        try:
            cur.execute(pyformat(sql), _params(params))
        except _psycopg().Error as err:
            refused = self.refusal(err)
            if refused is None:
                raise
            raise refused from err
        return PgCursor(cur)

    def executemany(self, sql: str, rows: Any) -> PgCursor:
        cur = self.raw.cursor()
        try:
            cur.executemany(pyformat(sql), [_params(r) for r in rows])
        except _psycopg().Error as err:
            refused = self.refusal(err)
            if refused is None:
                raise
            raise refused from err
        return PgCursor(cur)

    @property
    def role(self) -> str | None:
        """'analyst', 'coordinator', 'admin', 'owner'; '' for a login without a role; None
        when the server has no role model (``workbench server init`` never ran)."""
        if self.level is None:
            return None
        return LEVEL_NAMES.get(self.level, "")

    def refusal(self, err: BaseException) -> WorkbenchError | None:
        """The server refused this login (a privilege, or one of the role model's rules), in
        one line; None for any other error."""
        state = getattr(err, "sqlstate", None)
        diag = getattr(err, "diag", None)
        text = " ".join(str((diag.message_primary if diag is not None else None) or err).split())
        if state == "42501":
            if not text.startswith("permission denied"):
                return ServerPermissionError(text)  # the role model's own words: who, what, which role
            who = f"{self.login} ({_role_words(self.role)})"
            if self.level == 0:
                hint = (f"the server's administrator gives it a role with "
                        f"`workbench server grant {self.login} analyst --project {self.location}`")
            elif self.level is None:
                hint = "ask the server's administrator for access"
            else:
                hint = f"ask the server's administrator for a role with more rights ({_rights_hint(self.location)})"
            return ServerPermissionError(f"{who} may not do this on {self.location}: the server refused ({text}); "
                                         f"{hint}")
        if state == "P0001":  # RAISE in a trigger: the append-only history or a rule of the role model
            return ServerRefusedError(f"{self.location} refused the change: {text}; nothing was written")
        return None

    def commit(self) -> None:
        self.raw.execute("COMMIT")

    def rollback(self) -> None:
        self.raw.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close()

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != self.raw.info.transaction_status.IDLE


class ServerRefusedError(WorkbenchError):
    """A trigger of the server project refused a change (append-only history, lifecycle rules)."""


def _role_words(role: str | None) -> str:
    return {None: "no role model on this server", "": "no role on this project"}.get(role, role or "")


def _rights_hint(location: str) -> str:
    return f"`workbench server roles --project {location}` lists who has which"


def _params(params: Sequence[Any] | None) -> tuple:
    if params is None:
        return ()
    return tuple(v.item() if isinstance(v, np.generic) else v for v in params)


def _numeric_loader() -> type:
    """``sum()`` of integers is NUMERIC in PostgreSQL; give back int or float as SQLite does."""
    from psycopg.adapt import Loader

    class NumericLoader(Loader):
        def load(self, data: Any) -> int | float:
            text = bytes(data).decode()
            try:
                return int(text)
            except ValueError:
                return float(text)

    return NumericLoader


def _connect(url: str, readonly: bool) -> PgConnection:
    psycopg = _psycopg()
    where = redact(url)
    try:
        raw = psycopg.connect(url, autocommit=True,
                              connect_timeout=10, application_name="cohesion-workbench")
    except psycopg.Error as err:
        why = " ".join(str(err).split()) or type(err).__name__
        for secret in _secrets(url):  # libpq never echoes a password, but make sure of it
            why = why.replace(secret, "***")
        if "permission denied for database" in why:
            user = urlsplit(url).username or "this login"
            raise ServerPermissionError(
                f"{user} has no role on the server project {where} (the server refused the connection); the "
                f"server's administrator gives it one with `workbench server grant {user} analyst --project {where}`"
            ) from None
        raise ProjectError(f"cannot open the server project {where}: {why}") from None
    try:
        raw.adapters.register_loader("numeric", _numeric_loader())
        raw.execute("SET TIME ZONE 'UTC'")
        if readonly:
            raw.execute("SET default_transaction_read_only = on")
        return PgConnection(raw, where)
    except psycopg.Error as err:
        raw.close()
        why = " ".join(str(err).split()) or type(err).__name__
        raise ProjectError(f"cannot open the server project {where}: {why}") from None


def _secrets(url: str) -> list[str]:
    """The password(s) in ``url``, to be sure no message repeats them."""
    try:
        parts = urlsplit(url)
        found = [parts.password] if parts.password else []
        found += [v for k, v in parse_qsl(parts.query) if k.lower() in SECRET_PARAMS and v]
    except ValueError:
        return []
    return found


def _conflict(err: BaseException) -> bool:
    return getattr(err, "sqlstate", None) in ("40001", "40P01")  # serialization failure, deadlock


class PgProject(Project):
    """A project in a PostgreSQL database; every :class:`Project` method works unchanged."""

    backend = "postgresql"
    conn: PgConnection  # type: ignore[assignment]  # the sqlite3.Connection surface, over psycopg

    def __init__(self, url: str, conn: PgConnection, readonly: bool) -> None:
        super().__init__(Path(urlsplit(url).path.lstrip("/") or "postgres"), conn, readonly)  # type: ignore[arg-type]
        self.url = url
        self.location = redact(url)

    # -- who is working: the login, never a typed name -------------------------------------------
    @property
    def login(self) -> str:
        """The database login of this session: on a server, the only actor an event may name."""
        return self.conn.login

    @property
    def role(self) -> str | None:
        return self.conn.role

    def require(self, role: str, action: str) -> None:
        """Stop early, in words, when this login's role does not allow ``action`` (the server
        would refuse it anyway; this only spares a long computation before the refusal)."""
        level = self.conn.level
        if level is None or level >= LEVELS[role]:
            return
        if level == 0:
            raise ServerPermissionError(
                f"{self.login} has no role on {self.location}; the server's administrator gives it one with "
                f"`workbench server grant {self.login} analyst --project {self.location}`")
        raise ServerPermissionError(
            f"{self.login} is {_article(self.role)} on {self.location}: {action} needs the {role} role "
            f"({_rights_hint(self.location)})")

    # The transaction itself is Project.transaction; these are the server's steps of it.
    def _begin(self) -> None:
        self.conn.raw.execute("BEGIN ISOLATION LEVEL READ COMMITTED")

    def _prepare(self, backup: bool) -> None:
        # A server is backed up with ``pg_dump`` by its administrator (docs/deployment.md),
        # not per write. Bulk writers (imports, model runs, merges: what a file project backs
        # up first) decide over many alerts at once; analysts' changes queue meanwhile.
        if backup:
            # Only admins write in bulk (a role model's refusal named here, before the lock).
            self.require("admin", "importing data, running the models or merging a copy")
            self.conn.execute("LOCK TABLE alert IN EXCLUSIVE MODE")

    def _failure(self, err: BaseException) -> Exception | None:
        refused = self.conn.refusal(err) if isinstance(err, _psycopg().Error) else None
        if refused is not None:
            return refused
        if _conflict(err):
            return ServerConflictError(
                f"another analyst changed the same records of {self.location} at the same moment; "
                "nothing was written, try again"
            )
        if isinstance(err, _psycopg().OperationalError):  # connection lost, server shutting down, ...
            why = " ".join(str(err).split())
            return ProjectError(f"{self.location} stopped the change ({why}); nothing was written")
        return None

    def _commit(self) -> None:
        psycopg = _psycopg()
        try:
            self.conn.commit()
        except psycopg.Error as err:
            self._rollback()
            if _conflict(err):
                raise ServerConflictError(
                    f"another analyst's change to {self.location} collided with this one; "
                    "nothing was written, try again") from None
            refused = self.conn.refusal(err)
            if refused is not None:  # the role model's check at commit
                raise refused from None
            raise ProjectError(f"could not save to {self.location}: {err}; nothing was written") from None

    def _rollback(self) -> None:
        try:
            self.conn.rollback()
        except Exception:  # noqa: BLE001 - a dead connection has rolled back on the server already
            pass

    def transact(self, work: Callable[[Any], T], *, backup: bool = False, attempts: int = RETRIES) -> T:
        """Run ``work(conn)`` in one transaction, retrying after a collision with another analyst."""
        for attempt in range(attempts):
            try:
                with self.transaction(backup=backup) as conn:
                    return work(conn)
            except ServerConflictError:
                if attempt == attempts - 1:
                    raise
                time.sleep(random.uniform(0.02, 0.1) * (attempt + 1))
        raise AssertionError("unreachable")

    def _stage(self, rows: Iterable[tuple]) -> None:
        """COPY the rows (numbered) into a scratch table, then keep the last of each key."""
        c = self.conn
        c.execute("CREATE TEMP TABLE IF NOT EXISTS staging_in (n BIGINT, region_id BIGINT, indicator_id BIGINT,"
                  " period TEXT, grp TEXT, freq TEXT, value DOUBLE PRECISION)")
        c.execute("TRUNCATE staging_in")
        with c.raw.cursor() as cur, cur.copy("COPY staging_in FROM STDIN") as copy:
            for n, row in enumerate(rows):
                copy.write_row((n, *row))
        c.execute("INSERT INTO staging SELECT DISTINCT ON (region_id, indicator_id, period, grp)"
                  " region_id, indicator_id, period, grp, freq, value FROM staging_in"
                  " ORDER BY region_id, indicator_id, period, grp, n DESC")
        c.execute("TRUNCATE staging_in")

    @contextmanager
    def snapshot(self) -> Iterator[Any]:
        """A consistent read of the whole project while others keep writing (checkout)."""
        self.conn.raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            yield self.conn
        finally:
            self._rollback()

    @property
    def schema_version(self) -> int:
        if not _has_meta(self.conn):
            return 0
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0


def _article(role: str | None) -> str:
    return {"analyst": "an analyst", "admin": "an admin", "owner": "the owner"}.get(role or "", f"a {role}")


def _has_meta(conn: PgConnection) -> bool:
    # A catalog query, not to_regclass(): that may answer from a cache not yet told about a
    # table another session created while this one waited for the schema lock.
    return conn.execute("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables"
                        " WHERE schemaname = current_schema() AND tablename = 'meta')").fetchone()[0]  # type: ignore[index]


def _other_tables(conn: PgConnection) -> int:
    return conn.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
    ).fetchone()[0]  # type: ignore[index]  # an aggregate always returns a row


def _migrate(project: PgProject, create: bool) -> None:
    current = project.schema_version
    if current == SCHEMA_VERSION:
        return
    where = project.location
    if current > SCHEMA_VERSION:
        raise ProjectError(f"{where} was saved by a newer version of the workbench (schema {current}, "
                           f"this version reads up to {SCHEMA_VERSION}); update the workbench")
    if current == 0 and not create:
        raise ProjectError(f"there is no workbench project in {where}; the server's administrator creates it "
                           f"with `workbench server init --project {where}`")
    if project.readonly:
        from workbench.store.project import OlderSchemaError

        # open_for_reading() upgrades on this error, as it does a file; other read-only
        # opens say which command does it.
        raise OlderSchemaError(f"{where} uses an older schema ({current}); the server's administrator upgrades it "
                               f"once with `workbench server init --project {where}`")
    try:
        _apply_migrations(project)
    except ServerPermissionError:
        login = project.login
        if current == 0:
            raise ServerPermissionError(
                f"{login} may not create the project's tables in {where}; the server's administrator sets a new "
                f"project up with `workbench server init --project {where}`") from None
        raise ServerPermissionError(
            f"{where} uses an older schema ({current}) and {login} may not upgrade it; the server's administrator "
            f"does it once with `workbench server init --project {where}`") from None


def _apply_migrations(project: PgProject) -> None:
    where = project.location
    with project.transaction() as c:
        # Two analysts opening a new server at once: the second waits, then finds it done.
        c.execute("SELECT pg_advisory_xact_lock(hashtext(?))", (_MIGRATION_LOCK,))
        current = project.schema_version
        if current == SCHEMA_VERSION:
            return
        if current == 0 and _other_tables(project.conn):  # project.conn is c, typed as the server's
            raise ProjectError(f"{where} already holds other tables; give the workbench an empty database")
        for version in range(current + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[version - 1]:
                for ddl in postgresql_ddl(statement):
                    c.execute(ddl)
        regrant_after_upgrade(project.conn.raw)  # tables a migration added get the roles' privileges
        c.execute("INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(SCHEMA_VERSION),))
        if current == 0:
            # The server is one office: its identity is fixed now, not raced for by the first writers.
            for key, value in (("project_id", uuid.uuid4().hex), ("created_at", utc_now()),
                               ("created_by_version", __version__), ("office_id", uuid.uuid4().hex)):
                c.execute("INSERT INTO meta(key, value) VALUES (?, ?)", (key, value))


def open_pg_project(url: str, *, create: bool = False, readonly: bool = False) -> PgProject:
    """Open (and with ``create``, initialise) the project in a PostgreSQL database."""
    url = url.strip()
    conn = _connect(url, readonly)
    project = PgProject(url, conn, readonly)
    try:
        _migrate(project, create)
    except BaseException:
        project.close()
        raise
    return project


def server_project_exists(url: str) -> bool:
    conn = _connect(url.strip(), readonly=True)
    try:
        return _has_meta(conn)
    finally:
        conn.close()
