"""Who may use the admin API: tokens, read-only tokens, revocation, and a closed API before any token exists."""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from backstory.app import create_app
from backstory.events.store import open_store
from backstory.events.tokens import TokenStore, digest
from backstory.settings import Settings

from .admin_data import STORY

PROBLEM = "urn:backstory:problem:"


class TestTokens:
    async def test_without_a_token_it_is_401_with_a_bearer_challenge(self, anonymous: AsyncTestClient[Any]) -> None:
        response = await anonymous.get("/v1/admin/stories")

        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert response.json()["type"] == PROBLEM + "unauthorized"

    @pytest.mark.parametrize("header", ["Bearer bsk_not-a-real-token", "Basic dXNlcjpwYXNz", "Bearer", "bsk_raw"])
    async def test_a_wrong_token_is_401(self, anonymous: AsyncTestClient[Any], header: str) -> None:
        response = await anonymous.get("/v1/admin/stories", headers={"Authorization": header})

        assert response.status_code == 401

    async def test_a_read_only_token_reads_but_cannot_write(
        self, anonymous: AsyncTestClient[Any], admin_tokens: dict[str, str]
    ) -> None:
        headers = {"Authorization": f"Bearer {admin_tokens['reader']}"}

        read = await anonymous.get("/v1/admin/stories", headers=headers)
        write = await anonymous.post("/v1/admin/stories", json=STORY, headers=headers)

        assert read.status_code == 200
        assert write.status_code == 403 and write.json()["type"] == PROBLEM + "forbidden"
        assert (await anonymous.get(f"/v1/stories/{STORY['id']}")).status_code == 404

    async def test_a_revoked_token_is_refused_at_once(
        self, anonymous: AsyncTestClient[Any], admin_tokens: dict[str, str], database_url: str
    ) -> None:
        headers = {"Authorization": f"Bearer {admin_tokens['curator']}"}
        assert (await anonymous.get("/v1/admin/stories", headers=headers)).status_code == 200

        async with open_store(database_url, bundled=False) as store:
            await TokenStore(store.engine).revoke("curator")

        assert (await anonymous.get("/v1/admin/stories", headers=headers)).status_code == 401

    async def test_writes_are_made_in_the_tokens_name(self, admin: AsyncTestClient[Any]) -> None:
        await admin.post("/v1/admin/stories", json=STORY)

        entry = (await admin.get("/v1/admin/audit", params={"limit": 1})).json()["entries"][0]

        assert (entry["actor"], entry["action"], entry["target"]) == ("curator", "create", f"story:{STORY['id']}")

    async def test_the_public_api_needs_no_token(self, anonymous: AsyncTestClient[Any]) -> None:
        assert (await anonymous.get("/v1/stories")).status_code == 200

    @pytest.fixture
    async def anonymous(self, database_url: str, admin_tokens: dict[str, str]) -> AsyncIterator[AsyncTestClient[Any]]:
        async with AsyncTestClient(create_app(Settings(database_url=database_url))) as client:
            yield client


class TestNoTokenYet:
    async def test_the_admin_api_is_closed_and_says_how_to_open_it(self, client: AsyncTestClient[Any]) -> None:
        response = await client.get("/v1/admin/stories", headers={"Authorization": "Bearer anything"})

        assert response.status_code == 503
        assert response.json()["type"] == PROBLEM + "admin-not-configured"
        assert "backstory admin create-token" in response.json()["detail"]

    async def test_a_database_holding_only_tokens_still_gets_the_bundled_story(
        self, admin: AsyncTestClient[Any]
    ) -> None:
        # The admin fixture created its tokens before the app first opened the database.
        assert [s["id"] for s in (await admin.get("/v1/stories")).json()] == ["us-belarus-2025"]


class TestTokenStore:
    async def test_only_a_digest_is_stored(self, store_url: str) -> None:
        async with open_store(store_url, bundled=False) as store:
            token = await TokenStore(store.engine).create("alice")
            async with store.engine.connect() as connection:
                stored = (await connection.exec_driver_sql("SELECT digest FROM admin_tokens")).scalar_one()

        assert token.startswith("bsk_") and token not in stored and stored == digest(token)

    async def test_a_check_costs_the_same_whatever_the_guess(self, store_url: str) -> None:
        """Not a timing assertion: the check compares against every active token whatever the guess, which is
        what makes its time independent of the token given. Counted here by wrapping the comparison."""
        async with open_store(store_url, bundled=False) as store:
            tokens = TokenStore(store.engine)
            real = await tokens.create("alice")
            await tokens.create("bob")
            calls: list[int] = []
            original = hmac.compare_digest

            def counting(a: Any, b: Any) -> bool:
                calls.append(1)
                return original(a, b)

            hmac.compare_digest = counting  # type: ignore[assignment]
            try:
                counts = []
                for guess in (real, real[:-1] + "x", "", "bsk_" + "a" * 43):
                    calls.clear()
                    await tokens.check(guess)
                    counts.append(len(calls))
            finally:
                hmac.compare_digest = original
        assert counts == [2, 2, 2, 2]

    @pytest.fixture
    def store_url(self, database_url: str) -> str:
        return database_url
