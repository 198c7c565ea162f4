"""Kept: a bounded cache of values worked out when first asked."""

from __future__ import annotations

from backstory.matching.kept import Kept


class TestKept:
    def test_it_makes_a_value_once_and_keeps_only_the_last_ones_asked_for(self) -> None:
        made: list[int] = []

        def make(key: int) -> int:
            made.append(key)
            return key * 10

        kept: Kept[int, int] = Kept(2, make)
        assert [kept[1], kept[1], kept[2], kept[3], kept[1]] == [10, 10, 20, 30, 10]
        # 1 was made again: keeping 2, it had been dropped when 3 came.
        assert made == [1, 2, 3, 1]
