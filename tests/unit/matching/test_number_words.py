from __future__ import annotations

from backstory.matching.number_words import number_words


class TestNumberWords:
    def test_a_number_is_spelled_in_many_languages(self) -> None:
        spellings = number_words("52")
        assert {"fifty-two", "пятьдесят два", "zweiundfünfzig", "pięćdziesiąt dwa"} <= set(spellings)

    def test_single_digits_and_numbers_over_a_hundred_get_no_words(self) -> None:
        assert number_words("3") == () and number_words("1300") == ()
