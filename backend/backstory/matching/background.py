"""The words with which news opens a passage of background: "Напомним, ...", "Przypomnijmy, ...", "يذكر أن".

Much of the world's press sets off what it recalls with a fixed formula rather than a date: Slavic news closes with
"let us recall" paragraphs, Arabic and Urdu with "it is worth mentioning that", Hindi with "let us tell you",
Hebrew with "as is remembered". The events named there are the background of the news, not the news, so a sentence
holding one of these looks back as a sentence with "last week" does (``recall.py``).

Only formulas that set off background are listed, not words that also date the news ("earlier on Monday"): a
language's entry holds its formulas as written, folded when read (``normalise.fold_phrase``). CLDR has no such
data; the lists were written here.
"""

from __future__ import annotations

BACKGROUND_MARKERS: dict[str, tuple[str, ...]] = {
    "en": ("as a reminder", "as previously reported"),
    "ru": ("напомним", "напоминаем", "ранее сообщалось", "как сообщалось ранее", "как мы сообщали"),
    "uk": ("нагадаємо", "нагадуємо", "раніше повідомлялося", "як повідомлялося раніше", "як ми повідомляли"),
    "be": ("нагадаем", "нагадваем", "раней паведамлялася"),
    "bg": ("припомняме", "да припомним", "както писахме"),
    "mk": ("потсетуваме", "да потсетиме"),
    "sr": ("podsetimo", "podsjetimo", "подсетимо", "подсјетимо"),
    "hr": ("podsjetimo", "podsjećamo"),
    "bs": ("podsjetimo", "podsjećamo"),
    "sl": ("spomnimo", "naj spomnimo"),
    "pl": ("przypomnijmy", "przypominamy", "jak informowaliśmy"),
    "cs": ("připomeňme", "připomínáme", "jak jsme informovali"),
    "sk": ("pripomeňme", "pripomíname", "ako sme informovali"),
    "lt": ("primename", "priminsime"),
    "lv": ("atgādinām", "jau ziņots"),
    "et": ("meenutame", "tuletame meelde"),
    "fi": ("muistutettakoon",),
    "hu": ("emlékeztetünk", "emlékeztetőül", "mint arról beszámoltunk"),
    "ro": ("amintim că", "reamintim că", "reamintim faptul că"),
    "de": ("zur erinnerung", "wie berichtet"),
    "nl": ("ter herinnering",),
    "fr": ("pour rappel", "rappelons que", "pour mémoire"),
    "it": ("ricordiamo che", "si ricorda che", "come già riportato"),
    "es": ("cabe recordar", "recordemos que", "como se informó"),
    "ca": ("cal recordar", "recordem que"),
    "pt": ("vale lembrar", "recorde-se que", "relembre"),
    "el": ("υπενθυμίζεται", "θυμίζουμε", "υπενθυμίζουμε"),
    "tr": ("hatırlanacağı üzere", "hatırlatmak gerekirse", "hatırlatalım"),
    "az": ("xatırladaq ki", "xatırladırıq ki", "qeyd edək ki"),
    "kk": ("еске салсақ", "еске сала кетейік"),
    "ka": ("შეგახსენებთ",),
    "hy": ("հիշեցնենք", "հիշեցնում ենք"),
    "ar": ("يذكر أن", "يُذكر أن", "تجدر الإشارة إلى أن"),
    "fa": ("گفتنی است", "یادآوری می‌شود"),
    "ur": ("واضح رہے کہ", "یاد رہے کہ"),
    "he": ("כזכור", "יצוין כי"),
    "hi": ("गौरतलब है कि", "बता दें कि", "उल्लेखनीय है कि"),
    "bn": ("উল্লেখ্য",),
    "vi": ("trước đó", "như đã đưa tin"),
    "id": ("sebelumnya", "seperti diberitakan"),
    "ms": ("sebelum ini",),
    "sq": ("kujtojmë",),
}
"""Per language, the formulas that open a passage of background."""
