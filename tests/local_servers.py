"""Real web servers on loopback addresses for the fetch tests, and a resolver the tests control.

Each server answers ``/page`` with a page naming the server, ``/redirect?to=URL`` with a 302 to URL, ``/big``
with 2 MB, ``/chain/N`` with a redirect to ``/chain/N+1``, and records every path it was asked for.
"""

from __future__ import annotations

import asyncio
import ssl
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

ARTICLE = (
    "<html><head><title>Belarus frees 52 prisoners</title></head><body><article><h1>Belarus frees 52 prisoners</h1>"
    "<p>Belarus released 52 prisoners on Thursday after a visit to Minsk by the US envoy John Coale, who said "
    "Washington would lift its sanctions on the state airline Belavia. Most of the freed were driven to "
    "Lithuania, where they were met by diplomats and relatives.</p></article></body></html>"
)


@dataclass
class LocalServer:
    host: str
    port: int
    requests: list[str] = field(default_factory=list)

    def url(self, path: str, host: str | None = None, scheme: str = "http") -> str:
        return f"{scheme}://{host or self.host}:{self.port}{path}"


def _handler(server: LocalServer, name: str) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            server.requests.append(self.path)
            parts = urlsplit(self.path)
            if parts.path == "/page":
                self._answer(200, f"<!-- served by {name} -->{ARTICLE}".encode())
            elif parts.path == "/redirect":
                self.send_response(302)
                self.send_header("Location", parse_qs(parts.query)["to"][0])
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif parts.path.startswith("/chain/"):
                self.send_response(302)
                self.send_header("Location", f"/chain/{int(parts.path.rsplit('/', 1)[1]) + 1}")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif parts.path == "/big":
                self._answer(200, b"<html><body><p>" + b"x" * 2_000_000 + b"</p></body></html>")
            else:
                self._answer(404, b"not here")

        def _answer(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def serving(host: str, name: str, tls: ssl.SSLContext | None = None) -> Iterator[LocalServer]:
    """A server on ``host`` (a loopback address) at a free port, answering as ``name``."""
    server = LocalServer(host, 0)
    httpd = ThreadingHTTPServer((host, 0), _handler(server, name))
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    server.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()


def self_signed(directory: Path, name: str) -> tuple[Path, Path]:
    """(certificate, key) for ``name``, made with the openssl command."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


class TestResolver:
    """Answers from a table the test writes; a list of answers is given out one per call (DNS rebinding)."""

    __test__ = False  # not a pytest test class

    def __init__(self, table: dict[str, set[str] | list[set[str]]]) -> None:
        self.table = table
        self.calls: list[str] = []

    async def __call__(self, host: str, port: int) -> set[str]:
        self.calls.append(host)
        answer = self.table.get(host)
        if answer is None:
            return set()
        if isinstance(answer, list):
            return answer.pop(0) if len(answer) > 1 else answer[0]
        return answer


class TcpProxy:
    """A TCP forwarder on 127.0.0.1 that can be stopped and started again on the same port.

    Stands between a client and a shared service (Redis) so a test can cut the service off and bring it back
    without stopping the service for anyone else on the machine.
    """

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port, reuse_address=True)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        assert self._server is not None
        self._server.close()
        for writer in list(self._writers):
            writer.close()
        await self._server.wait_closed()
        self._server = None

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        self._writers |= {writer, upstream_writer}

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            try:
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                sink.close()
                self._writers.discard(sink)

        await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))
