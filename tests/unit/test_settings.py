from __future__ import annotations

import pytest

from backstory.settings import Settings


class TestSettings:
    def test_defaults_serve_locally_on_sqlite(self) -> None:
        settings = Settings.from_env({})
        assert (settings.host, settings.port) == ("127.0.0.1", 8000)
        assert settings.database_url.startswith("sqlite+aiosqlite:///./var/")

    def test_environment_variables_are_read_and_converted(self) -> None:
        settings = Settings.from_env(
            {"BACKSTORY_PORT": "9000", "BACKSTORY_FETCH_ALLOW_PRIVATE": "true", "BACKSTORY_CONFIDENCE_THRESHOLD": "0.7"}
        )
        assert (settings.port, settings.fetch_allow_private, settings.confidence_threshold) == (9000, True, 0.7)

    def test_overrides_win_over_the_environment(self) -> None:
        assert Settings.from_env({"BACKSTORY_PORT": "9000"}, port=9100).port == 9100

    def test_a_bad_value_names_the_variable(self) -> None:
        with pytest.raises(ValueError, match="port"):
            Settings.from_env({"BACKSTORY_PORT": "eighty"})

    def test_languages_are_a_comma_separated_list(self) -> None:
        assert Settings.from_env({"BACKSTORY_LANGUAGES": "en, ru ,be"}).language_codes == ["en", "ru", "be"]
