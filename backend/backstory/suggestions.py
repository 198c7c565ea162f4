"""Alias suggestions: spellings of entities learnt from the articles matched with high confidence.

When an article is claimed with a confidence of at least ``suggest_confidence``, each name of the claimed event
it shows in a spelling the entity's curated names do not already cover (as written, folded, or inflected; a
person's surname alone counts as covered, since matching finds it by itself) is noted: the entity id and the
spelling, nothing else of the article. So the suggestions are exactly the spellings matching found by its own
means (consonant keys, vowel variants, CLDR place names), which a curator can confirm as aliases.

On the request path, ``note`` only keeps a confident answer in a buffer (a comparison and an append; comparing
its spellings with the entity's names took a millisecond, too much there); the spellings are worked out and
written when the lifespan's task flushes the buffer (and before suggestions are listed, so a curator reads this
instance's latest). A failed flush is logged and never reaches a reader's request.

Accepting a suggestion is a curation write like any other: ``CurationService.patch`` of the entity's aliases with
the entity's current ETag, audited in the curator's name, live in matching at once. Rejecting one keeps it as
rejected, so that spelling is never suggested again.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from backstory.context import ContextResult
from backstory.curation import CurationService
from backstory.errors import Conflict
from backstory.events.models import Entity, EntityKind
from backstory.events.suggestions import Order, Spelling, Status, Suggestion, SuggestionPage, SuggestionStore
from backstory.matching.aliases import surnames
from backstory.matching.automatic import ID_PREFIX
from backstory.matching.index import key_matches
from backstory.matching.normalise import fold_phrase, stem

log = logging.getLogger(__name__)

# Spellings held in memory between flushes; beyond this they are dropped (a suggestion needs only some of them).
MAX_BUFFERED = 10_000
# Longer text is no name's spelling.
MAX_SPELLING_CHARS = 120


def covered(spelling: str, entity: Entity) -> bool:
    """Whether matching already finds ``spelling`` from the entity's curated names: the same folded words, or
    inflected forms of them (``index.key_matches``), or a person's surname alone."""
    keys = fold_phrase(spelling)
    if not keys:
        return True
    for name_keys in _name_keys(entity.kind, entity.name, tuple(entity.aliases)):
        if len(name_keys) == len(keys) and all(
            key_matches(key, name_key, stem(name_key)) for key, name_key in zip(keys, name_keys, strict=True)
        ):
            return True
    return False


@lru_cache(maxsize=4096)
def _name_keys(kind: EntityKind, name: str, aliases: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The folded names an entity is found by (cached: folding every alias per article took milliseconds)."""
    entity = Entity(id="cached", kind=kind, name=name, aliases=list(aliases))
    return tuple(fold_phrase(text) for text in [name, *aliases, *surnames(entity)])


def spellings_to_suggest(result: ContextResult, threshold: float, seen: dt.datetime) -> list[Spelling]:
    """The new spellings a confidently claimed article uses for its event's entities (none below ``threshold``)."""
    claimed = result.claimed
    if claimed is None or claimed.confidence < threshold:
        return []
    index = result.snapshot.index
    event = index.events.get(claimed.event_id)
    if event is None:
        return []
    found: dict[tuple[str, tuple[str, ...]], Spelling] = {}
    for item in claimed.evidence:
        entity_id = item.entity_id
        # Entities found automatically (countries from CLDR) are not stored, so they take no aliases.
        if item.kind != "name" or entity_id is None or entity_id.startswith(ID_PREFIX):
            continue
        entity = index.entities.get(entity_id)
        text = " ".join(item.text.split())
        if entity is None or entity_id not in event.entities or not text or len(text) > MAX_SPELLING_CHARS:
            continue
        if not covered(text, entity):
            keys = fold_phrase(text)
            found.setdefault((entity_id, keys), Spelling(entity_id, " ".join(keys), text, seen))
    return list(found.values())


@dataclass
class SuggestionRecorder:
    """An in-process buffer of confident answers, turned into spellings and written to the store by ``flush``
    (the lifespan runs ``run``): on the request path, ``note`` only compares a number and appends."""

    store: SuggestionStore
    threshold: float
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)
    _pending: list[tuple[ContextResult, dt.datetime]] = field(default_factory=list)
    _flushing: asyncio.Lock = field(default_factory=asyncio.Lock)

    def note(self, result: ContextResult) -> None:
        """Keep ``result`` if it may teach something; never raises, so an answer never fails because of it."""
        try:
            confident = result.claimed is not None and result.claimed.confidence >= self.threshold
            if confident and len(self._pending) < MAX_BUFFERED:
                self._pending.append((result, self.clock()))
        except Exception:
            log.warning("alias suggestion skipped", exc_info=True)

    async def flush(self) -> int:
        """Write the spellings of the answers noted since the last flush; on failure they are dropped and logged
        (they are only hints). Returns how many spellings were written."""
        async with self._flushing:
            noted, self._pending = self._pending, []
            try:
                batch = [item for result, seen in noted for item in spellings_to_suggest(result, self.threshold, seen)]
                if batch:
                    await self.store.add(batch)
            except Exception:
                log.warning("alias suggestions not written", extra={"answers": len(noted)}, exc_info=True)
                return 0
            return len(batch)

    async def run(self, interval_s: float) -> None:
        """Flush every ``interval_s`` until cancelled, then once more."""
        try:
            while True:
                await asyncio.sleep(interval_s)
                await self.flush()
        finally:
            await asyncio.shield(self.flush())


@dataclass
class SuggestionService:
    store: SuggestionStore
    curation: CurationService
    recorder: SuggestionRecorder | None = None

    async def list(self, *, status: Status, order: Order, cursor: str | None, limit: int) -> SuggestionPage:
        if self.recorder is not None:
            await self.recorder.flush()
        return await self.store.list(status=status, order=order, cursor=cursor, limit=limit)

    async def accept(self, suggestion_id: str, *, actor: str) -> Suggestion:
        """Add the spelling to the entity's aliases (an audited write, live at once) and mark it accepted."""
        suggestion = await self._open(suggestion_id)
        current = await self.curation.get("entity", suggestion.entity_id)
        entity = current.record
        assert isinstance(entity, Entity)
        if suggestion.spelling not in [entity.name, *entity.aliases]:
            await self.curation.patch(
                "entity",
                entity.id,
                {"aliases": [*entity.aliases, suggestion.spelling]},
                actor=actor,
                if_match=current.etag,
            )
        return await self.store.decide(suggestion_id, "accepted", actor=actor)

    async def reject(self, suggestion_id: str, *, actor: str) -> Suggestion:
        await self._open(suggestion_id)
        return await self.store.decide(suggestion_id, "rejected", actor=actor)

    async def _open(self, suggestion_id: str) -> Suggestion:
        suggestion = await self.store.get(suggestion_id)
        if suggestion.status != "open":
            raise Conflict(f"alias suggestion {suggestion_id} was already {suggestion.status}")
        return suggestion
