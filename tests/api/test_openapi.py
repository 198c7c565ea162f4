from __future__ import annotations

import json
from pathlib import Path

from backstory.openapi import openapi_json

EXPORTED = Path(__file__).parents[2] / "shared" / "api" / "openapi.json"


def test_the_exported_contract_is_current() -> None:
    """shared/api/openapi.json is what `make openapi` writes; regenerate it when the API changes."""
    assert EXPORTED.read_text(encoding="utf-8") == openapi_json(), "run `make openapi` and commit the result"


def test_the_admin_api_is_documented_behind_a_bearer_scheme() -> None:
    schema = json.loads(openapi_json())

    assert schema["components"]["securitySchemes"]["AdminToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schema["components"]["securitySchemes"]["AdminToken"]["description"],
    }
    admin_operations = [
        operation
        for path, item in schema["paths"].items()
        if path.startswith("/v1/admin/")
        for operation in item.values()
    ]
    assert {"/v1/admin/stories", "/v1/admin/events/{record_id}", "/v1/admin/import", "/v1/admin/audit"} <= set(
        schema["paths"]
    )
    assert admin_operations and all(op["security"] == [{"AdminToken": []}] for op in admin_operations)
    assert "application/x-ndjson" in schema["paths"]["/v1/admin/import"]["post"]["requestBody"]["content"]
