from __future__ import annotations

import pytest

from backstory.events.models import Entity
from backstory.suggestions import covered

HARBOUR_MASTER = Entity(id="oskar-wendrovich", kind="person", name="Oskar Wendrovich", aliases=["Оскар Вендрович"])


class TestCovered:
    @pytest.mark.parametrize(
        "spelling",
        ["Oskar Wendrovich", "oskar wendrowich", "Wendrovich", "Wendrovicha", "Оскар Вендровичем", "Вендрович"],
    )
    def test_what_matching_reaches_from_the_curated_names_is_covered(self, spelling: str) -> None:
        assert covered(spelling, HARBOUR_MASTER)

    @pytest.mark.parametrize("spelling", ["Vandrovych", "Oskar Vandrovych", "ואנדרוביץ'"])
    def test_other_spellings_are_not(self, spelling: str) -> None:
        assert not covered(spelling, HARBOUR_MASTER)
