"""A stand-in for the backend in the end-to-end tests that need to see what the extension sends, or to make the
backend fail in ways the real one does not on demand (slow answers, problem details)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Event, Lock, Thread
from typing import Any

CONTEXT_RESPONSE: dict[str, Any] = {
    "article": {
        "url": "http://127.0.0.1/stub",
        "title": "Stub article",
        "lang": "en",
        "lang_source": "detected",
        "published": "2025-09-12",
        "published_source": "page",
        "chars": 1200,
    },
    "matches": [
        {
            "event_id": "stub-event",
            "story_id": "stub-story",
            "title": "The stub event",
            "date": "2025-09-11",
            "score": 9.0,
            "confidence": 0.9,
            "evidence": [{"kind": "name", "text": "Stub", "matched": "Stub", "weight": 1.0}],
        }
    ],
    "abstained": False,
    "abstain_reason": None,
    "story": {"id": "stub-story", "title": "The stub story"},
    "related_story": None,
    "cards": [
        {
            "event_id": "stub-event",
            "date": "2025-09-11",
            "title": "The stub event",
            "summary": "What the stub says happened.",
            "sources": [{"url": "https://source.example/stub", "title": "Stub", "publisher": "Stub Wire"}],
            "relation": "this",
            "why": "The event this article reports.",
        }
    ],
    "timings_ms": {"total": 1.0},
}


@dataclass(frozen=True)
class Answer:
    status: int = 200
    body: Any = field(default_factory=lambda: CONTEXT_RESPONSE)
    content_type: str = "application/json"
    delay_s: float = 0.0


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


class StubBackend:
    """Answers POST /v1/context with the queued answers in turn (then with a match), and records each request."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self._answers: list[Answer] = []
        self._lock = Lock()
        self._closing = Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._server.block_on_close = False
        Thread(target=self._server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def answer(self, *answers: Answer) -> None:
        with self._lock:
            self._answers.extend(answers)

    def close(self) -> None:
        self._closing.set()  # lets a delayed answer go at once
        self._server.shutdown()
        self._server.server_close()

    def _next(self, received: Received) -> Answer:
        with self._lock:
            self.received.append(received)
            return self._answers.pop(0) if self._answers else Answer()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                answer = stub._next(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                stub._closing.wait(answer.delay_s)
                payload = answer.body if isinstance(answer.body, str) else json.dumps(answer.body)
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", answer.content_type)
                    self.send_header("Content-Length", str(len(payload.encode())))
                    self.end_headers()
                    self.wfile.write(payload.encode())
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the extension gave up waiting, as it should after its time limit

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler
