"""A team server project with four real logins, for the role and secrets tests.

``server init`` run by the superuser, then ``amina`` (analyst), ``jean`` (coordinator),
``boss`` (admin) and ``nobody`` (no role) - logins with passwords, read from a password file
(``PGPASSFILE``) as docs/deployment.md advises - and data imported and run by ``boss``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from alerts_factory import noise_series, with_step, write_series
from pg_server import PgServer, pg_server  # noqa: F401 - fixture

LOGINS = {"amina": "analyst", "jean": "coordinator", "boss": "admin", "nobody": None}


def password(login: str) -> str:
    return f"pw-{login}-7Qe!"


@dataclass
class Team:
    server: PgServer
    database: str
    owner_url: str  # the superuser who ran `server init`

    def url(self, login: str) -> str:
        return self.server.url(self.database, login)

    def sql(self, login: str):  # noqa: ANN201 - a psycopg connection as that login, like psql
        import psycopg

        return psycopg.connect(self.url(login), password=password(login), autocommit=True)


@pytest.fixture(scope="module")
def logins(pg_server: PgServer, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: F811
    """The four logins, and a password file (PGPASSFILE) holding their passwords."""
    for login in LOGINS:
        pg_server.new_login(login, password(login))
    passfile = tmp_path_factory.mktemp("pgpass") / "pgpass"
    passfile.write_text("".join(f"{pg_server.host}:{pg_server.port}:*:{login}:{password(login)}\n"
                                for login in LOGINS), encoding="utf-8")
    passfile.chmod(0o600)
    return passfile


def _series() -> dict[tuple[str, str], np.ndarray]:
    return {
        ("Kibali", "trust"): with_step(noise_series(48, 1), 36, 8.0),
        ("Ruzizi", "trust"): noise_series(48, 2),
        ("Kibali", "incidents"): with_step(noise_series(48, 3), 40, 9.0),
        ("Ruzizi", "incidents"): with_step(noise_series(48, 4), 30, 9.0),
        ("Mbeya", "trust"): with_step(noise_series(48, 5), 38, 8.0),
        ("Mbeya", "incidents"): with_step(noise_series(48, 6), 34, 9.0),
    }


@pytest.fixture
def team(pg_server: PgServer, logins: Path, monkeypatch: pytest.MonkeyPatch, run_cli) -> Team:  # noqa: F811, ANN001
    """A fresh project: set up by the superuser, roles given, data imported and run by boss."""
    monkeypatch.setenv("PGPASSFILE", str(logins))
    owner_url = pg_server.new_database()
    database = owner_url.rsplit("/", 1)[1]
    code, out, err = run_cli("server", "init", "--project", owner_url)
    assert code == 0, err
    for login, role in LOGINS.items():
        if role:
            code, out, err = run_cli("server", "grant", login, role, "--project", owner_url)
            assert code == 0, err
    t = Team(pg_server, database, owner_url)
    write_series(t.url("boss"), _series())
    code, out, err = run_cli("run", "--project", t.url("boss"))
    assert code == 0, err
    return t
