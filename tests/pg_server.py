"""A real, throwaway PostgreSQL server for the server-backend tests (no mocks).

Debian's ``postgresql`` package (``scripts/bootstrap.sh test`` installs it) provides
``initdb`` and ``pg_ctl``. The cluster lives in a temporary folder, listens on a free
localhost port and a socket in that folder, trusts local connections, and is stopped and
deleted at the end of the session. PostgreSQL refuses to run as root, so under root the
server runs as a system user ``wbtest`` (created when missing).

The superuser ``workbench`` is trusted from localhost (what most tests use); every other
login must give its password (``scram-sha-256``), as on an office server, so the role
tests (tests/test_server_roles.py) log in for real. ``server.log`` is the server's log,
read by the tests that check what values reach it.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

SERVER_USER = "wbtest"


def find_bindir() -> Path | None:
    """The folder with initdb/pg_ctl: on PATH, or Debian's /usr/lib/postgresql/<major>/bin."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVER_USER],
                       check=True, capture_output=True)
    return ["runuser", "-u", SERVER_USER, "--", *cmd]


@dataclass
class PgServer:
    """A running cluster: ``new_database()`` gives each test its own empty database."""

    host: str
    port: int
    user: str
    log: Path | None = None

    def url(self, database: str, user: str | None = None) -> str:
        return f"postgresql://{user or self.user}@{self.host}:{self.port}/{database}"

    def admin_sql(self, statement: str, database: str = "postgres") -> None:
        """Run one statement as the superuser (autocommit: CREATE ROLE, ALTER DATABASE ...)."""
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            conn.execute(statement)

    def new_login(self, name: str, password: str) -> None:
        """A login (re)created with this password; it connects only with the password."""
        self.admin_sql(f'DROP ROLE IF EXISTS "{name}"')
        self.admin_sql(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{password}'")

    def new_database(self) -> str:
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    bindir = find_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed; "
                    "install Debian's 'postgresql' package (scripts/bootstrap.sh test does)")
    with throwaway_server(bindir) as server:
        yield server


@contextmanager
def throwaway_server(bindir: Path) -> Iterator[PgServer]:
    """Start a cluster in a temporary folder; stop and delete it when the block ends (the
    fixture above, and benchmarks/bench_server_roles.py)."""
    root = Path(tempfile.mkdtemp(prefix="wb-pg-"))
    data, log = root / "data", root / "server.log"
    if os.geteuid() == 0:
        _as_server_user(["true"])  # make sure the user exists before chown
        entry = pwd.getpwnam(SERVER_USER)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    root.chmod(0o700)
    port, user = _free_port(), "workbench"
    try:
        subprocess.run(_as_server_user([str(bindir / "initdb"), "-D", str(data), "-U", user, "--auth=trust",
                                        "-E", "UTF8", "--no-locale", "--no-sync"]),
                       check=True, capture_output=True, timeout=120)
        hba = data / "pg_hba.conf"
        hba.write_text(f"local all all trust\nhost all {user} 127.0.0.1/32 trust\n"
                       "host all all 127.0.0.1/32 scram-sha-256\n", encoding="utf-8")
        if os.geteuid() == 0:
            os.chown(hba, entry.pw_uid, entry.pw_gid)
        opts = (f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=40 -c deadlock_timeout=100ms")
        subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", opts,
                                        "-w", "-t", "60", "start"]),
                       check=True, capture_output=True, timeout=90)
    except subprocess.CalledProcessError as err:
        detail = (err.stderr or b"").decode(errors="replace")
        if log.exists():
            detail += log.read_text(errors="replace")
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"could not start the test PostgreSQL server: {detail[-2000:]}") from None
    try:
        yield PgServer("127.0.0.1", port, user, log)
    finally:
        subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    """A fresh, empty database on the session's server."""
    return pg_server.new_database()
