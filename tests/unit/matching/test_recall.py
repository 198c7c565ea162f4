from __future__ import annotations

import datetime as dt

import pytest

from backstory.matching.document import build_document
from backstory.matching.normalise import fold_phrase
from backstory.matching.recall import Lookbacks, lookback_phrases, sentence_starts
from backstory.matching.sequels import AFTER, BEFORE

DECEMBER = dt.date(2025, 12, 18)


def _marked(text: str, lang: str = "en", published: dt.date | None = DECEMBER) -> list[str]:
    doc = build_document(text, None, [lang])
    spans = Lookbacks(doc.text, doc.tokens, doc.dates, doc.langs, published).all_marked()
    return [doc.text[start:end].strip() for start, end in spans]


class TestLookbackPhrases:
    def test_cldr_gives_last_week_and_days_ago_in_many_languages(self) -> None:
        phrases = lookback_phrases(("ru", "pl"))
        last_week = fold_phrase("на прошлой неделе")
        assert last_week in phrases.last[last_week[0]]
        assert any(after[-1] == "temu" for after_list in phrases.ago.values() for _, after in after_list)

    def test_yesterday_is_not_a_look_back(self) -> None:
        assert all(
            "iesterdai" not in keys for keys_list in lookback_phrases(("en",)).last.values() for keys in keys_list
        )

    def test_an_unknown_language_has_none(self) -> None:
        phrases = lookback_phrases(("xx",))
        assert phrases.last == {} and phrases.ago == {}


class TestLookbackSentences:
    def test_last_week_marks_its_sentence_only(self) -> None:
        text = "Zaslavsky spoke today. Last week the harbour reopened. Ships are waiting."
        assert _marked(text) == ["Last week the harbour reopened."]

    def test_relative_phrases_in_russian(self) -> None:
        text = "Заславский выступил сегодня. На прошлой неделе порт открылся. Это было 5 дней назад, по его словам."
        assert _marked(text, "ru") == ["На прошлой неделе порт открылся.", "Это было 5 дней назад, по его словам."]

    def test_last_friday_looks_back_in_every_language_cldr_knows(self) -> None:
        assert _marked("Talks began last Friday. They go on.", published=None) == ["Talks began last Friday."]
        assert _marked("В прошлую пятницу начались переговоры. Они идут.", "ru", published=None) == [
            "В прошлую пятницу начались переговоры."
        ]
        assert _marked("Les discussions ont commencé vendredi dernier.", "fr", published=None) == [
            "Les discussions ont commencé vendredi dernier."
        ]
        # "This Friday" is news.
        assert _marked("Talks began this Friday.", published=None) == []

    def test_relative_phrases_count_without_a_publish_date(self) -> None:
        assert _marked("Last week the harbour reopened.", published=None) == ["Last week the harbour reopened."]

    def test_an_earlier_month_or_year_marks_the_past(self) -> None:
        text = (
            "The deal was signed today. In September talks began. Sanctions came in 2021. The ships sail in December."
        )
        assert _marked(text) == ["In September talks began.", "Sanctions came in 2021."]

    def test_without_a_publish_date_only_sentences_with_a_relative_phrase_are_marked(self) -> None:
        text = "In September talks began. Zaslavsky spoke. Last week the harbour reopened. Ships wait 3 days ago."
        marked = ["Last week the harbour reopened.", "Ships wait 3 days ago."]
        assert _marked(text, published=None) == marked

    def test_months_and_years_need_the_publish_date(self) -> None:
        assert _marked("In September talks began. Sanctions came in 2021.", published=None) == []

    def test_a_date_days_before_publication_is_past_but_yesterday_is_news(self) -> None:
        text = "Talks were held on 10 December. The deal came on 17 December."
        assert _marked(text) == ["Talks were held on 10 December."]

    def test_a_date_without_year_shortly_after_publication_is_to_come(self) -> None:
        assert _marked("The summit is set for 20 December.", published=dt.date(2025, 12, 5)) == []
        assert _marked("The summit is set for 20 January.", published=dt.date(2025, 12, 5)) == []
        assert _marked("The summit was in March.", published=dt.date(2025, 12, 5)) == ["The summit was in March."]

    def test_words_that_only_look_like_months_are_left(self) -> None:
        # English writes months with a capital, Russian without: "may" and the name "Марта" are not months.
        assert _marked("Zaslavsky may sign the deal.") == []
        assert _marked("Марта Фенвик прилетела в порт.", "ru") == []
        assert _marked("В марте Марта прилетела в порт.", "ru") == ["В марте Марта прилетела в порт."]
        # Folded, Polish "mają" (they have) is "maja" (of May); as written it is not.
        assert _marked("Statki mają wpłynąć do portu.", "pl") == []
        assert _marked("We wrześniu statki wpłynęły do portu.", "pl") == ["We wrześniu statki wpłynęły do portu."]


class TestWeekdays:
    """A weekday is the latest one on or before publication: three days back or more, it is background."""

    THURSDAY = DECEMBER
    TUESDAY = dt.date(2025, 12, 16)

    def test_a_weekday_days_before_publication_is_past_but_yesterday_is_news(self) -> None:
        text = "Talks were held on Monday. The deal came on Wednesday. It holds on Thursday."
        assert self.THURSDAY.weekday() == 3
        assert _marked(text, published=self.THURSDAY) == ["Talks were held on Monday."]

    def test_weekdays_need_the_publish_date(self) -> None:
        assert _marked("Talks were held on Monday.", published=None) == []

    def test_inflected_in_languages_that_inflect_them(self) -> None:
        assert _marked("Переговоры прошли в пятницу.", "ru", published=self.TUESDAY) == ["Переговоры прошли в пятницу."]
        assert _marked("Statki wpłynęły w sobotę.", "pl", published=self.TUESDAY) == ["Statki wpłynęły w sobotę."]
        assert _marked("Переговори відбулися в середу.", "uk", published=self.TUESDAY.replace(day=22)) == [
            "Переговори відбулися в середу."
        ]

    def test_words_that_only_fold_like_weekdays_are_left(self) -> None:
        monday = dt.date(2025, 12, 22)
        # Ukrainian "серед" (among) is the stem of середа (Wednesday), with no ending.
        assert _marked("Серед звільнених є журналісти.", "uk", published=monday) == []
        # Greek writes Τρίτη (Tuesday) with a capital; τρίτη is "third".
        assert _marked("Είναι η τρίτη συνάντηση.", "el", published=self.THURSDAY.replace(day=19)) == []
        assert _marked("Η συνάντηση έγινε την Τρίτη.", "el", published=self.THURSDAY.replace(day=19)) == [
            "Η συνάντηση έγινε την Τρίτη."
        ]
        # Folded, Arabic الثالث (the third) is الثلاثاء (Tuesday); as written it is not.
        assert _marked("هذا هو الاجتماع الثالث.", "ar", published=self.THURSDAY.replace(day=19)) == []
        assert _marked("عقد الاجتماع يوم الثلاثاء.", "ar", published=self.THURSDAY.replace(day=19)) == [
            "عقد الاجتماع يوم الثلاثاء."
        ]


def test_sentences_start_after_terminal_punctuation_and_line_breaks() -> None:
    assert sentence_starts("One. Two!\nThree") == [0, 5, 10]


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("A.\n\nB", [0, 4]),  # the punctuation takes the line breaks after it
        ("A\n\n\nB", [0, 4]),  # a run of line breaks is one end
        ("A. \n B", [0, 5]),
        ("A?  B", [0, 4]),
        ("Wait… what", [0, 6]),
        ("x!\u00a0y", [0, 3]),
        ("\nA", [0, 1]),
        ("A.B", [0]),  # no space after the dot: no end (79.7, U.S.)
        ("End.", [0]),
    ],
)
def test_sentence_ends_take_the_spaces_after_them(text: str, starts: list[int]) -> None:
    assert sentence_starts(text) == starts


class TestBackgroundFormulas:
    def test_a_formula_marks_its_sentence_and_the_rest_of_its_paragraph(self) -> None:
        text = (
            "Делегации встретились в Стамбуле. Обсуждали обмен.\n"
            "Напомним, первая встреча прошла 16 мая. Тогда договорились об обмене.\n"
            "Следующий раунд назначен на июль."
        )
        assert _marked(text, "ru", published=None) == [
            "Напомним, первая встреча прошла 16 мая.",
            "Тогда договорились об обмене.",
        ]

    def test_a_formula_alone_on_its_line_opens_the_next_paragraph(self) -> None:
        text = "Делегації зустрілися.\n\nНагадаємо\n\nПерша зустріч пройшла 16 травня. Тоді домовилися.\n\nІнше."
        assert _marked(text, "uk", published=None) == [
            "Нагадаємо",
            "Перша зустріч пройшла 16 травня.",
            "Тоді домовилися.",
        ]

    @pytest.mark.parametrize(
        ("lang", "text"),
        [
            ("pl", "Przypomnijmy, że rozmowy zaczęły się w Stambule."),
            ("ar", "يذكر أن المحادثات بدأت في إسطنبول."),
            ("he", "כזכור, השיחות החלו באיסטנבול."),
            ("hi", "गौरतलब है कि बातचीत इस्तांबुल में शुरू हुई थी।"),
            ("tr", "Hatırlanacağı üzere görüşmeler İstanbul'da başladı."),
        ],
    )
    def test_formulas_in_other_languages_and_scripts(self, lang: str, text: str) -> None:
        assert _marked(text, lang, published=None) == [text]

    def test_the_same_words_elsewhere_or_in_another_language_are_news(self) -> None:
        # "Przypomnijmy" opens background in Polish only; a formula must be whole ("Напомним" is one, "помним" not).
        assert _marked("Przypomnijmy talks began in Istanbul.", "en", published=None) == []
        assert _marked("Мы помним, как прошла первая встреча.", "ru", published=None) == []

    def test_a_date_in_background_is_recalled_and_one_in_the_news_is_not(self) -> None:
        news = build_document("Переговоры прошли 2 июня в Стамбуле.", None, ["ru"])
        background = build_document("Переговоры прошли.\nНапомним, первые прошли 16 мая.", None, ["ru"])
        for doc, expected in ((news, False), (background, True)):
            lookbacks = Lookbacks(doc.text, doc.tokens, doc.dates, doc.langs, None)
            assert [lookbacks.in_background(date.start) for date in doc.dates] == [expected]


def _clauses(text: str, lang: str) -> list[str]:
    doc = build_document(text, None, [lang])
    lookbacks = Lookbacks(doc.text, doc.tokens, doc.dates, doc.langs, DECEMBER)
    return [doc.text[start:end].strip(" ,.") for start, end in lookbacks.sequel_clauses()]


class TestSequels:
    """A clause opened or closed by "a day after", "in response to" names an earlier development."""

    def test_a_phrase_within_the_sentence_marks_the_rest_of_it(self) -> None:
        text = "Putin received Araghchi on Monday, a day after the US bombed Fordow. Talks went on."
        assert _clauses(text, "en") == ["a day after the US bombed Fordow"]

    def test_a_phrase_opening_the_sentence_marks_up_to_its_comma(self) -> None:
        assert _clauses("In response to the strikes, Iran fired missiles at Al Udeid.", "en") == [
            "In response to the strikes"
        ]

    @pytest.mark.parametrize(
        ("lang", "text", "clause"),
        [
            ("es", "Merz viajó a París, un día después de su elección.", "un día después de su elección"),
            (
                "sr",
                "Путин је примио Арагчија, дан након што су САД напале Фордоу.",
                "дан након што су САД напале Фордоу",
            ),
            ("ar", "أغلقت باكستان مجالها الجوي ردا على قرارات الهند.", "ردا على قرارات الهند"),
        ],
    )
    def test_phrases_that_open_their_clause_in_other_languages(self, lang: str, text: str, clause: str) -> None:
        assert _clauses(text, lang) == [clause]

    @pytest.mark.parametrize(
        ("lang", "text", "words"),
        [
            (
                "tr",
                "Putin, ABD'nin saldırısından bir gün sonra Arakçi'yi kabul etti.",
                "ABD'nin saldırısından bir gün sonra",
            ),
            ("hi", "भारत के फैसलों के जवाब में पाकिस्तान ने हवाई क्षेत्र बंद किया।", "भारत के फैसलों के जवाब में"),
        ],
    )
    def test_phrases_that_close_their_clause_mark_back_to_the_comma_or_the_start(
        self, lang: str, text: str, words: str
    ) -> None:
        assert _clauses(text, lang) == [words]

    def test_in_scripts_written_without_spaces(self) -> None:
        (clause,) = _clauses("プーチン大統領は、米国の攻撃を受けて、アラグチ外相と会談した。", "ja")
        assert clause.replace(" ", "") == "米国の攻撃を受けて"

    def test_evidence_in_the_clause_is_recalled_and_the_rest_is_news(self) -> None:
        doc = build_document("Putin received Araghchi in Moscow, a day after the US bombed Fordow.", None, ["en"])
        lookbacks = Lookbacks(doc.text, doc.tokens, doc.dates, doc.langs, DECEMBER)
        assert doc.text.index("Fordow") in lookbacks
        assert doc.text.index("Araghchi") not in lookbacks

    @pytest.mark.parametrize(
        ("lang", "text", "clause"),
        [
            ("en", "Three weeks after his release, the activist spoke.", "weeks after his release"),
            ("ru", "Спустя три недели после освобождения, активист дал интервью.", "недели после освобождения"),
        ],
    )
    def test_weeks_and_months_after(self, lang: str, text: str, clause: str) -> None:
        # An interview weeks after a release recalls the release.
        assert _clauses(text, lang) == [clause]

    def test_a_bare_after_is_news(self) -> None:
        assert _clauses("After talks in Geneva, the two sides signed a deal.", "en") == []
        assert _clauses("Putin received Araghchi after the strikes.", "en") == []

    @pytest.mark.parametrize("table", [BEFORE, AFTER])
    def test_every_phrase_folds_to_words(self, table: dict[str, tuple[str, ...]]) -> None:
        for phrases in table.values():
            for phrase in phrases:
                assert fold_phrase(phrase), phrase


class TestUndatedYear:
    """An undated article was written in the latest year it names, up to that of the latest event."""

    def _marked(self, text: str, latest: int | None = 2025) -> list[str]:
        doc = build_document(text, None, ["en"])
        spans = Lookbacks(doc.text, doc.tokens, doc.dates, doc.langs, None, latest).all_marked()
        return [doc.text[start:end].strip() for start, end in spans]

    def test_an_earlier_year_is_the_past(self) -> None:
        text = "She flew to the station in 2024. The next mission flew in 2025."
        assert self._marked(text) == ["She flew to the station in 2024."]

    def test_one_year_alone_marks_nothing(self) -> None:
        assert self._marked("She flew to the station in 2024. It was a success.") == []

    def test_a_year_after_the_latest_event_is_a_target_not_the_present(self) -> None:
        assert self._marked("Emissions fell in 2024. The goal is set for 2035.") == []

    def test_without_the_latest_year_nothing_is_inferred(self) -> None:
        assert self._marked("She flew in 2024. The next mission flew in 2025.", latest=None) == []
