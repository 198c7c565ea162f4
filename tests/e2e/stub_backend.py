"""A stand-in for the backend in the end-to-end tests that need to see what the extension sends, to make the backend
fail in ways the real one does not on demand (slow answers, problem details), or to answer with the parts of the
contract the popup words itself (abstain codes, card reasons, source dates and languages).

The contract it speaks, as the popup expects it from the real backend:

- ``POST /v1/context[?summary_lang=xx]`` → 200 ``ContextResponse``, with ``abstain_code`` ("too_short" |
  "no_evidence" | "low_confidence" | null), each card's ``reason`` ({code: "reported" | "shared_entities" |
  "same_story", entities: [{id, name, as_written}]}) and each source's ``{url, title, publisher, date, lang}``.
- ``POST /v1/feedback`` with ``{url, event_id, verdict: "wrong" | "missed", comment?}`` → 201 ``{"id": str}``.
- ``GET /healthz`` → 200 ``{"status": "ok"}``.
- Errors are problem+json; 429 carries ``Retry-After``, 5xx a ``request_id`` (and ``X-Request-ID``).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Event, Lock, Thread
from typing import Any

STORY = {"id": "stub-story", "title": "The stub story: envoys, prisoners and sanctions"}


def _source(publisher: str | None, url: str, *, date: str | None = None, lang: str | None = None) -> dict[str, Any]:
    return {"url": url, "title": None, "publisher": publisher, "date": date, "lang": lang}


def _card(
    event_id: str, date: str, title: str, summary: str, relation: str, reason: dict[str, Any], *sources: dict[str, Any]
) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "date": date,
        "title": title,
        "summary": summary,
        "sources": list(sources),
        "relation": relation,
        "why": f"English reason for API users about {event_id}.",
        "reason": reason,
    }


SAME_STORY: dict[str, Any] = {"code": "same_story", "entities": []}
COALE = {"id": "john-coale", "name": "John Coale", "as_written": "Coale"}
LUKASHENKO = {"id": "alexander-lukashenko", "name": "Alexander Lukashenko", "as_written": "Lukashenko"}

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
    "abstain_code": None,
    "abstain_reason": None,
    "story": STORY,
    "related_story": None,
    "cards": [
        _card(
            "stub-event",
            "2025-09-11",
            "The stub event",
            "What the stub says happened, told at some length so that the summary runs to more than two lines "
            "in the popup and has to be shortened there, with the rest a click away.",
            "this",
            {"code": "reported", "entities": []},
            _source("Stub Wire", "https://source.example/stub", date="2025-09-11", lang="en"),
        ),
        _card(
            "stub-call",
            "2025-08-15",
            "A phone call between the two presidents about prisoners and sanctions",
            "The presidents spoke by phone for the first time in years and agreed to keep talking.",
            "earlier",
            {"code": "shared_entities", "entities": [LUKASHENKO]},
            _source(None, "https://www.agency.example/call", lang="ru"),
            _source(None, "http://203.0.113.7/call"),
        ),
        _card(
            "stub-visit",
            "2025-06-21",
            "An envoy visits the capital; fourteen prisoners are released",
            "The first visit of a senior envoy in years ended with fourteen prisoners crossing the border.",
            "earlier",
            {"code": "shared_entities", "entities": [COALE, LUKASHENKO]},
            _source("Press Example", "https://press.example/june", date="2025-06-22", lang="en"),
        ),
        _card(
            "stub-embassy",
            "2022-02-28",
            "The embassy suspends its work",
            "Staff left the capital and the embassy closed its doors.",
            "earlier",
            SAME_STORY,
            _source("Daily Example", "https://daily.example/embassy"),
        ),
        _card(
            "stub-later",
            "2025-10-14",
            "Talk of a bigger deal",
            "A month later, talk turned to a wider agreement.",
            "later",
            SAME_STORY,
            _source("Daily Example", "https://daily.example/deal"),
        ),
    ],
    "timings_ms": {"total": 1.0},
}


def abstained_response(code: str = "low_confidence") -> dict[str, Any]:
    """No event claimed, the related story's timeline shown; the English reason names scores, as APIs may."""
    response = copy.deepcopy(CONTEXT_RESPONSE)
    response.update(
        abstained=True,
        abstain_code=code,
        abstain_reason="Best candidate's confidence 0.31 is below the threshold 0.50",
        story=None,
        related_story=STORY,
    )
    response["matches"][0]["confidence"] = 0.31
    response["cards"] = [{**card, "relation": "earlier", "reason": SAME_STORY} for card in response["cards"][:4]]
    return response


@dataclass(frozen=True)
class Answer:
    status: int = 200
    body: Any = field(default_factory=lambda: CONTEXT_RESPONSE)
    content_type: str = "application/json"
    delay_s: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


class StubBackend:
    """Answers POST /v1/context with the queued answers in turn (then with a match), POST /v1/feedback with 201 and
    a new id, GET /healthz with ok; records each request."""

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
        """Queue answers for the next context requests."""
        with self._lock:
            self._answers.extend(answers)

    def requests_to(self, path: str) -> list[Received]:
        """The requests received at a path, its query left out."""
        with self._lock:
            return [request for request in self.received if request.path.split("?")[0] == path]

    def close(self) -> None:
        self._closing.set()  # lets a delayed answer go at once
        self._server.shutdown()
        self._server.server_close()

    def _next(self, received: Received) -> Answer:
        with self._lock:
            self.received.append(received)
            path = received.path.split("?")[0]
            if path == "/v1/feedback":
                return Answer(status=201, body={"id": f"fb-{len(self.received)}"})
            if path == "/healthz":
                return Answer(body={"status": "ok"})
            if path != "/v1/context":
                return Answer(
                    status=404, body={"title": "Not found", "status": 404}, content_type="application/problem+json"
                )
            return self._answers.pop(0) if self._answers else Answer()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._serve({})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                self._serve(json.loads(self.rfile.read(length) or b"{}"))

            def _serve(self, body: dict[str, Any]) -> None:
                headers = {k.lower(): v for k, v in self.headers.items()}
                answer = stub._next(Received(self.command, self.path, headers, body))
                stub._closing.wait(answer.delay_s)
                payload = answer.body if isinstance(answer.body, str) else json.dumps(answer.body)
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", answer.content_type)
                    self.send_header("Content-Length", str(len(payload.encode())))
                    # The extension reads Retry-After and X-Request-ID across origins only when they are exposed.
                    self.send_header("Access-Control-Allow-Origin", "*")
                    self.send_header("Access-Control-Expose-Headers", "Retry-After, X-Request-ID")
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(payload.encode())
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the extension gave up waiting, as it should after its time limit

            def do_OPTIONS(self) -> None:
                # A preflight, for a browser that sends one for the JSON POST from an extension origin.
                self.send_response(204)
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Access-Control-Allow-Methods", "GET, POST")
                self.send_header("Access-Control-Allow-Headers", "Content-Type, Authorization")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler
