from __future__ import annotations

import pytest

from backstory.context import text_length


def _counted_one_by_one(text: str) -> int:
    dense = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF))
    return len(text) + 2 * sum(1 for c in text if any(lo <= ord(c) <= hi for lo, hi in dense))


class TestTextLength:
    @pytest.mark.parametrize(
        "text",
        [
            "",
            "Officials confirmed the talks in Minsk.",
            "Переговоры в Минске продолжались два часа.",
            "官员证实，与代表团的会谈持续了两个多小时。",
            "서울에서 회담이 열렸다.",
            "ミンスクで会談が行われた。",
            "The envoy 特使 met 卢卡申科 in Minsk (ミンスク) on 12 March.",
        ],
    )
    def test_a_dense_character_counts_as_three(self, text: str) -> None:
        assert text_length(text) == _counted_one_by_one(text)

    def test_chinese_says_in_one_character_what_latin_says_in_three(self) -> None:
        assert text_length("会谈") == 6 and text_length("talks") == 5
