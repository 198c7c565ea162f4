"""``backstory serve`` with several workers (serving.py): forked workers, one socket each, supervised."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import httpx
import pytest
from uvicorn.config import STARTUP_FAILURE

from backstory.serving import listening_sockets

START_S = 90.0
"""Generous: the machine running the tests may be busy. A bound to wait for, never a figure being tested."""


def test_the_workers_sockets_share_one_port() -> None:
    sockets = listening_sockets("127.0.0.1", 0, 2)
    try:
        ports = {sock.getsockname()[1] for sock in sockets}
        assert len(sockets) == 2 and len(ports) == 1
        assert all(sock.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) for sock in sockets)
    finally:
        for sock in sockets:
            sock.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"not {what} within {START_S:g} s")


def test_a_dead_worker_is_replaced_and_sigterm_stops_them_all(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "BACKSTORY_HOST": "127.0.0.1",
        "BACKSTORY_PORT": str(port),
        "BACKSTORY_WORKERS": "2",
        "BACKSTORY_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'serve.db'}",
        "BACKSTORY_LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "backstory", "serve"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip

    def ready() -> bool:
        assert server.poll() is None, f"backstory serve exited with {server.returncode}"
        try:
            return httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        _until(lambda: ready() and len(_children(server.pid)) == 2, "ready with two workers")
        first, second = _children(server.pid)
        os.kill(first, signal.SIGKILL)
        _until(lambda: len(set(_children(server.pid)) - {first, second}) == 1, "a worker started in place of it")
        _until(ready, "ready again")
        workers = _children(server.pid)
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=START_S) == 0
        for worker in workers:
            _until(lambda worker=worker: not Path(f"/proc/{worker}").exists(), f"worker {worker} gone")
    finally:
        with suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=30)


def test_a_port_in_use_is_refused_even_by_the_workers_sockets() -> None:
    sockets = listening_sockets("127.0.0.1", 0, 2)
    try:
        for sock in sockets:
            sock.listen()
        with pytest.raises(SystemExit) as refused:
            listening_sockets("127.0.0.1", sockets[0].getsockname()[1], 2)
        assert refused.value.code == STARTUP_FAILURE
    finally:
        for sock in sockets:
            sock.close()
