from __future__ import annotations

import pytest

from backstory.matching.dates import find_dates
from backstory.matching.normalise import prepare, tokenise


def _dates(text: str, lang: str) -> list[tuple[int, int, int | None]]:
    return [(d.day, d.month, d.year) for d in find_dates(prepare(text), tokenise(text), [lang])]


class TestFindDates:
    @pytest.mark.parametrize(
        ("text", "lang"),
        [
            ("встреча 12 февраля в столице", "ru"),
            ("the meeting on Feb. 12 in the capital", "en"),
            ("the meeting on 12 February", "en"),
            ("spotkanie 12 lutego w stolicy", "pl"),
            ("зустріч 12 лютого у столиці", "uk"),
            ("сустрэча 12 лютага ў сталіцы", "be"),
            ("susitikimas vasario 12 d. sostinėje", "lt"),
            ("das Treffen am 12. Februar", "de"),
            ("la réunion du 12 février", "fr"),
        ],
    )
    def test_day_and_month_are_read_in_many_languages(self, text: str, lang: str) -> None:
        assert _dates(text, lang) == [(12, 2, None)]

    def test_a_following_year_is_kept(self) -> None:
        assert _dates("on 4 November 2025 it ended", "en") == [(4, 11, 2025)]

    def test_numeric_dates_are_read(self) -> None:
        assert _dates("am 13.12.2025 und 2025-11-04", "de") == [(13, 12, 2025), (4, 11, 2025)]

    @pytest.mark.parametrize("text", ["2025-12-13: talks", "13.12.2025 talks", "talks, 2025-12-13", "v.2 13.12.2025"])
    def test_numeric_dates_are_read_wherever_they_stand(self, text: str) -> None:
        assert _dates(text, "en") == [(13, 12, 2025)]

    def test_a_month_name_without_a_day_is_no_date(self) -> None:
        assert _dates("later in February", "en") == []
