"""Fault tests run real processes: a private PostgreSQL cluster, a private Redis, ``backstory serve`` on loopback.

They never need ``BACKSTORY_TEST_DATABASE_URL`` and are never skipped: the services they break are their own
(see ``services.py``), so restarting them disturbs no one else on the machine.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.faults.services import BackstoryServer, PrivatePostgres, PrivateRedis


@pytest.fixture(scope="session")
def private_postgres() -> Iterator[PrivatePostgres]:
    """One cluster for the session; a test that stops it starts it again (each test gets its own database)."""
    cluster = PrivatePostgres()
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        cluster.close()


@pytest.fixture
def postgres_url(private_postgres: PrivatePostgres) -> str:
    """A new, empty database in the private cluster (thrown away with the cluster)."""
    if not private_postgres.running:  # a test before this one failed while the server was down
        private_postgres.start()
    return private_postgres.create_database(f"backstory_{secrets.token_hex(4)}")


@pytest.fixture
def private_redis() -> Iterator[PrivateRedis]:
    server = PrivateRedis()
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[Callable[..., BackstoryServer]]:
    """Make ``backstory serve`` processes (not yet started); every one still running is stopped at the end."""
    made: list[BackstoryServer] = []

    def make(name: str, **settings: str) -> BackstoryServer:
        server = BackstoryServer(tmp_path, name, {f"BACKSTORY_{key.upper()}": value for key, value in settings.items()})
        made.append(server)
        return server

    try:
        yield make
    finally:
        for server in made:
            server.stop()
