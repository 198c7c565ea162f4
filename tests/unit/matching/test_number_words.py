from __future__ import annotations

import pytest

from backstory.matching.number_words import number_words


class TestNumberWords:
    @pytest.mark.parametrize(
        ("spelling", "lang"),
        [("fifty-two", "en"), ("пятьдесят два", "ru"), ("zweiundfünfzig", "de"), ("pięćdziesiąt dwa", "pl")],
    )
    def test_a_number_is_spelled_in_many_languages(self, spelling: str, lang: str) -> None:
        assert lang in number_words("52")[spelling]

    @pytest.mark.parametrize(("spelling", "lang"), [("on", "en"), ("ti", "de")])
    def test_a_spelling_belongs_only_to_the_languages_that_write_it(self, spelling: str, lang: str) -> None:
        # Turkish "on" and Norwegian "ti" are 10; in English and German they are other words.
        assert lang not in number_words("10")[spelling]

    def test_detector_codes_are_used(self) -> None:
        assert {"kk"} <= number_words("10")["он"] and {"nb", "no"} <= number_words("10")["ti"]

    def test_single_digits_and_numbers_over_a_hundred_get_no_words(self) -> None:
        assert number_words("3") == {} and number_words("1300") == {}
