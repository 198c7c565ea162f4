"""Processes the fault and load tests start, stop and kill: a private PostgreSQL, a private Redis, Backstory servers.

Nothing here touches the machine's shared PostgreSQL (5432) or Redis (6379), which other tests use: each service
runs from a temporary folder on a free loopback port, and every process started is stopped by its owner's
``finally`` (the fixtures in ``conftest.py``), also when a test fails. Every wait is bounded by a deadline.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path
from typing import Any

import httpx

PG_BIN = Path("/usr/lib/postgresql/15/bin")
ROOT = Path(__file__).resolve().parents[2]
# Loading the language models and building the index takes seconds, more on a busy shared machine.
SERVER_START_S = 180.0


def free_port() -> int:
    """A port nobody listens on right now (the kernel's choice; taken back before the caller binds it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for(condition: Any, timeout_s: float, what: str, interval_s: float = 0.1) -> None:
    """Poll ``condition()`` until it is true; AssertionError naming ``what`` after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval_s)
    raise AssertionError(f"{what}: not within {timeout_s:g} s")


class PrivatePostgres:
    """A PostgreSQL 15 cluster of its own: initdb into a temporary folder, trust authentication, loopback only.

    PostgreSQL refuses to run as root, so when the tests run as root its commands run as the ``postgres`` user,
    which owns the folder. ``stop()`` and ``start()`` are a real server restart: every connection is cut.
    """

    def __init__(self) -> None:
        # Not pytest's tmp_path: its parent folders are private to the user running the tests.
        self.folder = Path(tempfile.mkdtemp(prefix="backstory-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "postgres.log"
        self.port = free_port()
        self.running = False
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        # --no-sync: a cluster thrown away after the tests needs no durable initdb; the server itself fsyncs.
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "-t", "60", "start")  # fmt: skip
        self.running = True

    def stop(self, mode: str = "fast") -> None:
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")
        self.running = False

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> str:
        """Run one statement with psql; its output, unaligned and without headers."""
        done = subprocess.run(
            [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database,
             "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", statement],
            check=True, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        return done.stdout.strip()

    def create_database(self, name: str) -> str:
        self.sql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def close(self) -> None:
        try:
            if self.running:
                self.stop("immediate")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


class PrivateRedis:
    """A ``redis-server`` of its own on a free loopback port, without persistence; stop and start it at will."""

    def __init__(self) -> None:
        self.port = free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        assert self._process is None, "already running"
        self._process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(self._answers, 10, f"redis-server on port {self.port}")

    def stop(self) -> None:
        if self._process is not None:
            _end(self._process)
            self._process = None

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False


class BackstoryServer:
    """``backstory serve`` as a process of its own on a free loopback port, its JSON log in a file."""

    def __init__(self, folder: Path, name: str, settings: Mapping[str, str]) -> None:
        self.name = name
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log = folder / f"{name}.log"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", "/tmp"),
            "BACKSTORY_HOST": "127.0.0.1",
            "BACKSTORY_PORT": str(self.port),
            "BACKSTORY_RATE_LIMIT_PER_MINUTE": "0",
            # One process, so that its memory and its death are the server's (a release serving with a worker per
            # core is killed and measured as a process group all the same; see kill() and rss_kib()).
            "BACKSTORY_WORKERS": "1",
            **settings,
        }
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self) -> None:
        assert self.process is None, "already running"
        with self.log.open("ab") as log:
            # A session of its own: the server and any worker processes it forks form one group to signal.
            self.process = subprocess.Popen(
                [sys.executable, "-m", "backstory", "serve"],
                env=self.env, cwd=ROOT, stdout=log, stderr=log, start_new_session=True,
            )  # fmt: skip
        wait_for(self._ready, SERVER_START_S, f"{self.name} ready (log: {self.log})", interval_s=0.25)

    def _ready(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise AssertionError(f"{self.name} exited with {self.process.returncode}:\n{self.log.read_text()[-3000:]}")
        try:
            return httpx.get(f"{self.base_url}/readyz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def stop(self) -> None:
        if self.process is not None:
            _end(self.process, group=True)
            self.process = None

    def kill(self) -> None:
        """SIGKILL to the server's process group: no shutdown, no rollback, no flush; gone before this returns."""
        assert self.process is not None
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.process = None

    def rss_kib(self) -> int:
        """Resident memory of the server's processes now (the server and its workers, if any), from /proc."""
        return sum(_rss_kib(pid) for pid in _group(self.pid))

    def log_entries(self) -> list[dict[str, Any]]:
        """The JSON lines of the server's log (other lines, like the banner, skipped)."""
        entries = []
        for line in self.log.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("{"):
                try:
                    entries.append(json.loads(line))
                except ValueError:
                    continue
        return entries


def run_cli(*args: str, env: Mapping[str, str]) -> str:
    """``backstory ARGS`` in a process of its own; its standard output."""
    done = subprocess.run(
        [sys.executable, "-m", "backstory", *args],
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"), **env},
        cwd=ROOT, check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return done.stdout


def create_token(database_url: str, name: str) -> str:
    """An admin token made the documented way: ``backstory admin create-token`` prints it on its last line."""
    output = run_cli("admin", "create-token", "--name", name, env={"BACKSTORY_DATABASE_URL": database_url})
    return output.strip().splitlines()[-1]


def _end(process: subprocess.Popen[bytes], group: bool = False) -> None:
    """SIGTERM, then SIGKILL if it has not gone within 15 s; to its whole process group when ``group``."""

    def signal_it(number: int) -> None:
        with suppress(ProcessLookupError):
            if group:
                os.killpg(process.pid, number)
            else:
                process.send_signal(number)

    if process.poll() is None:
        signal_it(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            signal_it(signal.SIGKILL)
            process.wait(timeout=15)
    elif group:  # the leader is gone; workers it left behind are not
        signal_it(signal.SIGKILL)


def _group(leader: int) -> list[int]:
    """The processes of ``leader``'s process group (the server and any workers it forked)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with suppress(OSError, ValueError):
                # /proc/PID/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces, so split after its ")".
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[2]) == leader:
                    pids.append(int(entry.name))
    return pids


def _rss_kib(pid: int) -> int:
    with suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0
