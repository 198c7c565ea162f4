from __future__ import annotations

from pathlib import Path

from backstory.openapi import openapi_json

EXPORTED = Path(__file__).parents[2] / "shared" / "api" / "openapi.json"


def test_the_exported_contract_is_current() -> None:
    """shared/api/openapi.json is what `make openapi` writes; regenerate it when the API changes."""
    assert EXPORTED.read_text(encoding="utf-8") == openapi_json(), "run `make openapi` and commit the result"
