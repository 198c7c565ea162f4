from __future__ import annotations

import pytest

from backstory.matching.numbers import find_numbers


class TestFindNumbers:
    @pytest.mark.parametrize("written", ["1,300", "1 300", "1.300", "1\u00a0300", "1\u202f300", "1300"])
    def test_thousands_separators_are_read_away(self, written: str) -> None:
        assert [n.value for n in find_numbers(f"about {written} people")] == ["1300"]

    def test_decimals_are_not_counts(self) -> None:
        assert find_numbers("turnout was 79.7 percent") == []

    @pytest.mark.parametrize(
        "text", ["용의자 2명 기소...5명 추가 체포", "charged...5 more held", "charged, 5 more held"]
    )
    def test_a_number_after_an_ellipsis_or_a_comma_is_a_count(self, text: str) -> None:
        # NFKC writes the ellipsis of CJK headlines (…) as three dots: a decimal's dot follows a digit.
        assert "5" in [n.value for n in find_numbers(text)]

    def test_numbers_inside_codes_are_found(self) -> None:
        assert [n.value for n in find_numbers("flight XY4978 landed")] == ["4978"]

    def test_inflected_numerals_keep_their_digits(self) -> None:
        assert [n.value for n in find_numbers("освобождение 52-х человек")] == ["52"]

    def test_raw_text_and_offset_are_kept(self) -> None:
        (number,) = find_numbers("freed 14 people")
        assert (number.raw, number.start) == ("14", 6)

    @pytest.mark.parametrize(
        "text",
        [
            "his 31-year rule",
            "a 52-year-old activist",
            "for 31 years in power",
            "31 год у власти",
            "после 31 лет правления",
            "52-letni działacz",
            "ein 52-jähriger Aktivist",
            "durante 31 años",
        ],
    )
    def test_numbers_of_years_are_no_counts(self, text: str) -> None:
        assert find_numbers(text) == []

    def test_a_count_before_another_word_is_kept(self) -> None:
        assert [n.value for n in find_numbers("31 Ukrainians and 52 prisoners")] == ["31", "52"]

    def test_a_word_that_merely_starts_like_a_unit_does_not_count(self) -> None:
        assert [n.value for n in find_numbers("52 Latvians and 14 annual reports")] == ["52", "14"]


class TestDigitsOfOtherScripts:
    @pytest.mark.parametrize("text", ["a plan of ۲۸ points", "a plan of ٢٨ points", "a plan of २८ points"])
    def test_digits_of_any_script_are_read(self, text: str) -> None:
        assert [m.value for m in find_numbers(text)] == ["28"]
