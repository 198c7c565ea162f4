"""The phrases with which news sets an earlier development inside a sentence: "a day after", "in response to".

A report of what followed a development names that development in the same sentence: "Putin received Araghchi on
Monday, a day after the US bombed Fordow", "Pakistan closed its airspace in response to India's measures", "Merz flew
to Paris a day after his election". The clause the phrase opens is the earlier development, recalled as background
is (``recall.py``); the sentence's other words are the news. A report of the earlier development itself rarely
speaks of it so.

Languages put the phrase on either side of its clause:

- ``BEFORE``: the phrase opens its clause ("a day after the strikes", Arabic "ردا على", Spanish "un día después de"),
  which runs to the end of the sentence, or to the first comma when the phrase opens the sentence ("A day after the
  strikes, Iran fired...");
- ``AFTER``: the phrase closes its clause (Turkish "saldırıdan bir gün sonra", Japanese "攻撃を受けて", Hindi "के जवाब
  में"), which runs back to the comma before it, or to the start of the sentence.

Only phrases that tie the clause to an earlier development are listed ("a day after", "in response to", "in
retaliation for"), not a bare "after", which also orders the news itself ("after talks, they signed"). CLDR has no
such data; the lists were written here, written as in news and folded when read (``normalise.fold_phrase``). Thai,
which writes its words unspaced, has none: a phrase would have to be found inside a run of words.
"""

from __future__ import annotations

BEFORE: dict[str, tuple[str, ...]] = {
    "en": (
        "a day after", "one day after", "the day after", "two days after", "days after", "hours after",
        "a week after", "weeks after", "a month after", "months after", "in response to", "in retaliation for",
        "in the wake of",
    ),
    "fr": (
        "au lendemain de", "au lendemain du", "au lendemain des", "un jour après", "deux jours après",
        "jours après", "semaines après", "mois après",
        "en réponse à", "en réponse au", "en réponse aux", "en représailles à", "en représailles au", "en riposte à",
    ),
    "es": (
        "un día después de", "un día después del", "al día siguiente de", "dos días después de", "horas después de",
        "días después de", "semanas después de", "meses después de",
        "en respuesta a", "en respuesta al", "en represalia por",
    ),
    "ca": ("un dia després de", "l'endemà de", "en resposta a", "en represàlia per"),
    "it": (
        "il giorno dopo", "un giorno dopo", "all'indomani", "due giorni dopo", "giorni dopo", "settimane dopo",
        "mesi dopo", "in risposta a", "in risposta al",
        "in risposta alla", "in risposta alle", "per rappresaglia",
    ),
    "pt": (
        "um dia depois de", "um dia depois do", "um dia depois da", "um dia após", "no dia seguinte a",
        "dias depois de", "semanas depois de", "meses depois de", "dias após", "semanas após",
        "em resposta a", "em resposta ao", "em resposta à", "em retaliação",
    ),
    "de": (
        "einen tag nach", "einen tag nachdem", "am tag nach", "zwei tage nach", "tage nach", "wochen nach",
        "monate nach", "als reaktion auf", "in reaktion auf",
        "als antwort auf", "als vergeltung für",
    ),
    "nl": (
        "een dag na", "een dag nadat", "daags na", "dagen na", "weken na", "maanden na", "als reactie op",
        "in reactie op", "als vergelding voor",
    ),
    "sv": ("en dag efter", "dagen efter", "som svar på", "som hämnd för"),
    "no": ("en dag etter", "dagen etter", "som svar på", "som hevn for"),
    "da": ("en dag efter", "dagen efter", "som svar på", "som hævn for"),
    "fi": ("päivä sen jälkeen", "vastauksena", "kostona"),
    "et": ("päev pärast", "vastuseks"),
    "lv": ("dienu pēc", "atbildot uz", "atbildot uz to"),
    "lt": ("dieną po", "atsakydama į", "atsakydamas į", "reaguodama į", "reaguodamas į"),
    "ru": (
        "на следующий день после", "через день после", "спустя день после", "в ответ на", "в отместку за",
        "день спустя после", "дня после", "дней после", "неделю после", "недели после", "недель после",
        "месяц после", "месяца после", "месяцев после",
    ),
    "uk": (
        "наступного дня після", "через день після", "у відповідь на", "в відповідь на", "на наступний день після",
        "днів після", "дні після", "тиждень після", "тижні після", "тижнів після", "місяць після", "місяці після",
        "місяців після",
    ),
    "be": ("на наступны дзень пасля", "праз дзень пасля", "у адказ на"),
    "bg": ("ден след", "в отговор на"),
    "mk": ("ден по", "ден откако", "како одговор на"),
    "sr": ("dan nakon", "dan posle", "дан након", "дан после", "kao odgovor na", "као одговор на"),
    "hr": ("dan nakon", "dan poslije", "kao odgovor na"),
    "bs": ("dan nakon", "dan poslije", "kao odgovor na"),
    "sl": ("dan po", "kot odgovor na"),
    "pl": (
        "dzień po", "nazajutrz po", "dni po", "tydzień po", "tygodnie po", "tygodni po", "miesiąc po",
        "miesiące po", "miesięcy po", "w odpowiedzi na", "w odwecie za",
    ),
    "cs": ("den po", "den poté", "v reakci na", "v odvetu za"),
    "sk": ("deň po", "deň potom", "v reakcii na", "v odvete za"),
    "ro": ("o zi după", "a doua zi după", "ca răspuns la", "drept răspuns la", "ca ripostă la"),
    "hu": ("egy nappal azután", "egy nappal a"),
    "sq": ("një ditë pas", "në përgjigje të", "si përgjigje ndaj", "si kundërpërgjigje"),
    "el": ("μια μέρα μετά", "μία ημέρα μετά", "μια ημέρα μετά", "ως απάντηση", "σε απάντηση", "σε αντίποινα"),
    "hy": ("ի պատասխան", "որպես պատասխան"),
    "ar": ("بعد يوم من", "غداة", "بعد يومين من", "ردا على", "رداً على", "ردًا على", "في رد على", "انتقاما من"),
    "fa": ("یک روز پس از", "یک روز بعد از", "در پاسخ به", "در واکنش به", "در تلافی"),
    "he": ("יום אחרי", "יום לאחר", "בתגובה", "כתגובה"),
    "vi": ("một ngày sau khi", "một ngày sau", "để đáp trả", "nhằm đáp trả", "để trả đũa"),
    "id": ("sehari setelah", "satu hari setelah", "sebagai tanggapan atas", "sebagai balasan atas"),
    "ms": ("sehari selepas", "sehari selepas itu", "sebagai tindak balas", "sebagai balasan"),
    "zh": ("为报复",),
}  # fmt: skip
"""Per language, the phrases that open a clause naming an earlier development."""

AFTER: dict[str, tuple[str, ...]] = {
    "tr": (
        "bir gün sonra", "ertesi gün", "gün sonra", "hafta sonra", "ay sonra", "karşılık olarak",
        "misilleme olarak", "yanıt olarak", "cevap olarak",
    ),
    "az": ("bir gün sonra", "cavab olaraq"),
    "kk": ("бір күннен кейін", "жауап ретінде"),
    "hu": ("válaszul", "válaszként", "megtorlásul"),
    "ka": ("ერთი დღის შემდეგ", "საპასუხოდ"),
    "hy": ("մեկ օր անց",),
    "hi": ("के एक दिन बाद", "के जवाब में", "की प्रतिक्रिया में", "के जवाब मे"),
    "ur": ("کے ایک دن بعد", "کے جواب میں", "کے ردعمل میں"),
    "bn": ("একদিন পর", "এক দিন পর", "জবাবে", "প্রতিক্রিয়ায়"),
    "ja": ("翌日", "を受けて", "への報復として", "に対抗して"),
    "ko": ("다음 날", "하루 뒤", "대응해", "대응하여", "보복으로"),
    "zh": ("一天后", "一天之后", "次日", "周后", "个月后"),
}  # fmt: skip
"""Per language, the phrases that close a clause naming an earlier development."""
