from __future__ import annotations

import pytest

from backstory.articles.language import SAMPLE_CHARS, LanguageDetectorService
from backstory.settings import Settings

SENTENCES = {
    "ru": "Президент встретился с посланником и обсудил освобождение заключённых и снятие санкций.",
    "uk": "Президент зустрівся з посланцем і обговорив звільнення в'язнів та зняття санкцій.",
    "be": "Прэзідэнт сустрэўся з пасланцом і абмеркаваў вызваленне вязняў і зняцце санкцый.",
    "pl": "Prezydent spotkał się z wysłannikiem i omówił uwolnienie więźniów oraz zniesienie sankcji.",
    "de": "Der Präsident traf den Gesandten und sprach über die Freilassung der Gefangenen.",
    "lt": "Prezidentas susitiko su pasiuntiniu ir aptarė kalinių paleidimą bei sankcijų panaikinimą.",
    "vi": "Tổng thống đã gặp đặc phái viên và thảo luận về việc trả tự do cho các tù nhân.",
    "kk": "Президент елшімен кездесіп, тұтқындарды босату және санкцияларды алып тастау туралы сөйлесті.",
    "hy": "Նախագահը հանդիպեց բանագնացի հետ և քննարկեց բանտարկյալների ազատ արձակումը։",
    "ka": "პრეზიდენტი შეხვდა ელჩს და განიხილა პატიმრების გათავისუფლება.",
    "fa": "رئیس جمهور با فرستاده دیدار کرد و درباره آزادی زندانیان گفتگو کرد.",
    "hi": "राष्ट्रपति ने दूत से मुलाकात की और कैदियों की रिहाई पर चर्चा की।",
    "no": "Presidenten møtte utsendingen og snakket om løslatelsen av fangene og opphevelsen av sanksjonene.",
}


@pytest.fixture(scope="module")
def detector() -> LanguageDetectorService:
    return LanguageDetectorService(Settings().language_codes)


class TestLanguageDetector:
    @pytest.mark.parametrize(("lang", "text"), SENTENCES.items())
    def test_it_tells_close_languages_apart(self, detector: LanguageDetectorService, lang: str, text: str) -> None:
        assert detector.detect(text) == lang

    def test_belarusian_in_lacinka_is_belarusian(self, detector: LanguageDetectorService) -> None:
        text = "Prezident sustreŭsia z paslancom i abmierkavaŭ vyzvalennie viazniaŭ i zniaccie sankcyj, skazaŭ jon."
        assert detector.detect(text) == "be"

    @pytest.mark.parametrize(
        ("lang", "text"),
        [
            ("sr", "Predsednik je posle sastanka rekao da će razgovori biti nastavljeni sledeće nedelje u Beogradu."),
            ("hr", "Predsjednik je poslije sastanka rekao da će se razgovori nastaviti sljedeće nedjelje u Zagrebu."),
        ],
    )
    def test_serbian_in_latin_letters_is_told_by_its_ekavian_forms(
        self, detector: LanguageDetectorService, lang: str, text: str
    ) -> None:
        assert detector.detect(text) == lang

    def test_unknown_codes_are_refused(self) -> None:
        with pytest.raises(ValueError, match="xx"):
            LanguageDetectorService(["en", "xx"])

    def test_it_answers_none_for_no_language(self, detector: LanguageDetectorService) -> None:
        assert detector.detect("12345 !!!") is None

    def test_it_reads_the_start_of_a_long_text(self, detector: LanguageDetectorService) -> None:
        # The language of the title and lead decides; a long page's later parts (quotes, comments) do not.
        start = SENTENCES["uk"] * (SAMPLE_CHARS // len(SENTENCES["uk"]) + 1)
        assert detector.detect(start + SENTENCES["de"] * 100) == "uk"
