from __future__ import annotations

from importlib import resources

import msgspec

from backstory.matching.calendar import (
    CALENDAR_FILE,
    CalendarTable,
    calendar_of,
    cldr_calendar,
    cldr_table,
)
from backstory.research.calendar import default_languages


class TestShippedCalendars:
    """``calendar.json`` is what ``python -m backstory.research.calendar`` writes from Babel's CLDR."""

    def test_it_holds_every_language_the_detector_reports_by_default(self) -> None:
        assert set(self._shipped().languages) == set(default_languages())

    def test_it_is_what_the_installed_babel_gives(self) -> None:
        shipped = self._shipped()
        current = cldr_table(default_languages())

        if shipped.babel == current.babel:
            assert shipped == current
        else:
            # Another Babel carries another CLDR release: spellings get corrected, the months stay.
            for lang in ("en", "ru", "pl", "ar"):
                assert {m for m, _ in shipped.languages[lang].months} == set(range(1, 13)), lang

    @staticmethod
    def _shipped() -> CalendarTable:
        data = resources.files("backstory.matching").joinpath(CALENDAR_FILE).read_bytes()
        return msgspec.json.decode(data, type=CalendarTable)


class TestCalendarOf:
    def test_a_shipped_language_has_its_month_names_and_lookbacks(self) -> None:
        russian = calendar_of("ru")

        assert russian is not None and not russian.capitalised
        assert (2, "февраля") in russian.months
        assert "на прошлой неделе" in russian.last
        assert (4, "пятница") in russian.weekdays and {day for day, _ in russian.weekdays} == set(range(7))

    def test_another_language_comes_from_babel(self) -> None:
        # Afrikaans is not among the default languages: read from Babel when an article comes in it.
        assert calendar_of("af") == cldr_calendar("af")
        assert calendar_of("af") is not None

    def test_an_unknown_language_has_none(self) -> None:
        assert calendar_of("qq") is None
