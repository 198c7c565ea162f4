"""The API contract as JSON, exported to ``shared/api/openapi.json`` by ``backstory openapi``."""

from __future__ import annotations

import json

from backstory.app import create_app
from backstory.settings import Settings


def openapi_json() -> str:
    """The OpenAPI document of the app built with default settings; stable key order, trailing newline."""
    schema = create_app(Settings()).openapi_schema.to_schema()
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
