"""Realistic news pages for the benchmark: 60–150 KB each, most of it what a news site wraps around an article.

Real pages weigh 60–150 KB mostly in scripts, styles, menus, ads, related links and comments; the article is a few
KB of it. Extraction cost follows the page, matching cost the article, so both must be realistic. The article
text is invented (sentence templates per language filled with invented names, now and then a name of the bundled
story so matching has evidence to weigh); eval articles are never used. Deterministic for a seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from html import escape

MIN_PAGE_BYTES = 60_000
MAX_PAGE_BYTES = 150_000

# Sentence templates per language: {p} a person, {o} an organisation, {t} a town, {n} a number, {d} a weekday.
# fmt: off
_SENTENCES: dict[str, tuple[str, ...]] = {
    "en": ("{p} said on {d} that {o} would not change its plans for {t}.",
           "About {n} people gathered outside the offices of {o} in {t}, according to local reporters.",
           "Officials in {t} confirmed that talks with {p} had lasted more than {n} minutes.",
           "The decision, announced by {p}, surprised analysts who had expected a delay until next year.",
           "Critics of {o} say the agreement leaves too many questions open for the residents of {t}."),
    "ru": ("{p} заявил в {d}, что {o} не изменит своих планов в отношении города {t}.",
           "Около {n} человек собрались у здания {o} в городе {t}, сообщают местные журналисты.",
           "Чиновники подтвердили, что переговоры с {p} продолжались более {n} минут.",
           "Решение, объявленное {p}, удивило аналитиков, ожидавших отсрочки до следующего года.",
           "Критики {o} считают, что соглашение оставляет слишком много открытых вопросов."),
    "uk": ("{p} заявив у {d}, що {o} не змінить своїх планів щодо міста {t}.",
           "Близько {n} людей зібралися біля будівлі {o} у місті {t}, повідомляють місцеві журналісти.",
           "Посадовці підтвердили, що переговори з {p} тривали понад {n} хвилин.",
           "Рішення, оголошене {p}, здивувало аналітиків, які чекали відтермінування."),
    "pl": ("{p} powiedział w {d}, że {o} nie zmieni swoich planów wobec miasta {t}.",
           "Około {n} osób zebrało się przed siedzibą {o} w mieście {t}, podają lokalni dziennikarze.",
           "Urzędnicy potwierdzili, że rozmowy z {p} trwały ponad {n} minut.",
           "Decyzja ogłoszona przez {p} zaskoczyła analityków, którzy spodziewali się opóźnienia."),
    "de": ("{p} sagte am {d}, dass {o} seine Pläne für {t} nicht ändern werde.",
           "Rund {n} Menschen versammelten sich vor dem Sitz von {o} in {t}, berichten lokale Medien.",
           "Beamte bestätigten, dass die Gespräche mit {p} mehr als {n} Minuten gedauert hätten.",
           "Die von {p} verkündete Entscheidung überraschte Beobachter, die mit einem Aufschub gerechnet hatten."),
    "fr": ("{p} a déclaré {d} que {o} ne changerait pas ses projets pour {t}.",
           "Environ {n} personnes se sont rassemblées devant le siège de {o} à {t}, selon la presse locale.",
           "Les responsables ont confirmé que les discussions avec {p} avaient duré plus de {n} minutes.",
           "La décision annoncée par {p} a surpris les analystes, qui attendaient un report."),
    "el": ("Ο {p} δήλωσε την {d} ότι η {o} δεν θα αλλάξει τα σχέδιά της για την πόλη {t}.",
           "Περίπου {n} άνθρωποι συγκεντρώθηκαν έξω από τα γραφεία της {o} στην πόλη {t}.",
           "Αξιωματούχοι επιβεβαίωσαν ότι οι συνομιλίες με τον {p} διήρκεσαν πάνω από {n} λεπτά."),
    "ar": ("قال {p} يوم {d} إن {o} لن تغير خططها بشأن مدينة {t}.",
           "تجمع نحو {n} شخص أمام مقر {o} في مدينة {t} بحسب صحفيين محليين.",
           "أكد مسؤولون أن المحادثات مع {p} استمرت أكثر من {n} دقيقة."),
    "zh": ("{p}在{d}表示，{o}不会改变其在{t}的计划。",
           "据当地记者报道，约有{n}人聚集在{o}位于{t}的办公楼外。",
           "官员证实，与{p}的会谈持续了{n}多分钟。"),
}
_DAYS = {"en": ("Monday", "Tuesday", "Friday"), "ru": ("понедельник", "среду", "пятницу"),
         "uk": ("понеділок", "середу", "п'ятницю"), "pl": ("poniedziałek", "środę", "piątek"),
         "de": ("Montag", "Mittwoch", "Freitag"), "fr": ("lundi", "mercredi", "vendredi"),
         "el": ("Δευτέρα", "Τετάρτη", "Παρασκευή"), "ar": ("الاثنين", "الأربعاء", "الجمعة"), "zh": ("周一", "周三", "周五")}
# Invented names by script, plus a few of the bundled story's, so some articles carry real evidence.
_PEOPLE = {"latin": ("Marek Dolnik", "Ilona Varga", "Tomas Brenner", "Aleksander Lukashenko", "Sviatlana Tsikhanouskaya"),
           "cyrillic": ("Марек Дольник", "Илона Варга", "Томас Бреннер", "Александр Лукашенко"),
           "greek": ("Μάρεκ Ντόλνικ", "Ιλόνα Βάργκα"), "arabic": ("مارك دولنيك", "إيلونا فارغا"), "han": ("多尔尼克", "瓦尔加")}
_ORGS = {"latin": ("Nordava Energy", "Kestrel Bank", "Belavia"), "cyrillic": ("Нордава Энерджи", "Кестрел Банк", "Белавиа"),
         "greek": ("Νορντάβα", "Κέστρελ"), "arabic": ("نوردافا", "كيستريل"), "han": ("诺达瓦能源", "凯斯特尔银行")}
_TOWNS = {"latin": ("Velmora", "Ostrava", "Minsk"), "cyrillic": ("Вельмора", "Острава", "Минск"),
          "greek": ("Βελμόρα",), "arabic": ("فيلمورا",), "han": ("维尔莫拉",)}
_SCRIPT_OF = {"en": "latin", "pl": "latin", "de": "latin", "fr": "latin", "ru": "cyrillic", "uk": "cyrillic",
              "el": "greek", "ar": "arabic", "zh": "han"}
_MENU = ("Home", "World", "Politics", "Business", "Markets", "Tech", "Science", "Health", "Sport", "Culture",
         "Opinion", "Video", "Podcasts", "Weather", "Travel", "Food", "Cars", "Jobs", "Property", "Obituaries")
_COMMENTS = ("Who pays for this?", "Good reporting.", "Not again.", "Source?", "Finally some news.", "Agreed.")
# fmt: on
LANGUAGES = tuple(_SENTENCES)


@dataclass(frozen=True, slots=True)
class BenchPage:
    url: str
    html: str
    lang: str
    """The language the article was written in (not declared in the page)."""
    text_chars: int
    """Length of the article text inside the page."""


def article_text(rng: random.Random, lang: str, sentences: int) -> tuple[str, str]:
    """(headline, body paragraphs joined by blank lines) of an invented article in ``lang``."""
    script = _SCRIPT_OF[lang]

    def sentence() -> str:
        return rng.choice(_SENTENCES[lang]).format(
            p=rng.choice(_PEOPLE[script]),
            o=rng.choice(_ORGS[script]),
            t=rng.choice(_TOWNS[script]),
            n=rng.randint(12, 4000),
            d=rng.choice(_DAYS[lang]),
        )

    headline = sentence().rstrip(".。")
    paragraphs = [" ".join(sentence() for _ in range(rng.randint(2, 5))) for _ in range(max(1, sentences // 3))]
    return headline, "\n\n".join(paragraphs)


def news_pages(count: int, *, seed: int = 0) -> list[BenchPage]:
    """``count`` pages cycling through the languages, with article lengths from a few paragraphs to a long read."""
    rng = random.Random(seed)
    return [_page(rng, LANGUAGES[i % len(LANGUAGES)], i) for i in range(count)]


def _page(rng: random.Random, lang: str, number: int) -> BenchPage:
    # Chinese says in one character what alphabets say in three: as many sentences make a shorter text.
    sentences = rng.choice((12, 20, 40, 80, 120)) * (3 if lang == "zh" else 1)
    headline, body = article_text(rng, lang, sentences)
    url = f"https://news.example/{lang}/2025/{number:05d}"
    target = rng.randint(MIN_PAGE_BYTES, MAX_PAGE_BYTES)
    paragraphs = "".join(f"<p>{escape(p)}</p>\n" for p in body.split("\n\n"))
    menu = "".join(
        f'<li class="nav__item"><a href="/{escape(m.lower())}/{k}">{escape(m)} {k}</a></li>'
        for m in _MENU
        for k in range(rng.randint(3, 8))
    )
    related = "".join(
        f'<li><a href="/related/{rng.getrandbits(32):08x}">{escape(article_text(rng, lang, 1)[0])}</a></li>'
        for _ in range(rng.randint(6, 15))
    )
    comments = "".join(
        f'<div class="comment"><span class="comment__author">reader{rng.randint(1, 9999)}</span>'
        f"<p>{escape(rng.choice(_COMMENTS))}</p></div>"
        for _ in range(rng.randint(5, 40))
    )
    head = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{escape(headline)} | Meridian Daily</title>
<meta property="og:type" content="article"><meta property="og:title" content="{escape(headline)}">
<meta property="article:published_time" content="2025-0{1 + number % 9}-1{number % 10}T08:00:00+00:00">
<link rel="canonical" href="{url}">
<style>{_css(rng)}</style>
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{escape(headline)}"}}</script>
</head><body>
<div class="cookie-banner"><p>We and our partners use cookies to personalise content and ads.</p><button>Accept</button></div>
<header><a class="logo" href="/">Meridian Daily</a><nav><ul>{menu}</ul></nav></header>
<div class="ad-slot"><span>Ad</span><p>Solar panels with storage from 89 a month.</p></div>
<main><article class="story"><h1>{escape(headline)}</h1><p class="byline">Dana Whitcombe</p>
{paragraphs}</article>
<aside class="related"><h2>Read also</h2><ul>{related}</ul></aside>
<section class="comments"><h2>Comments</h2>{comments}</section></main>
<footer><ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy</a></li></ul></footer>
"""
    scripts = []
    size = len(head.encode())
    while size < target:
        chunk = _script(rng)
        scripts.append(chunk)
        size += len(chunk.encode())
    html = head + "".join(scripts) + "</body></html>\n"
    return BenchPage(url=url, html=html, lang=lang, text_chars=len(headline) + len(body))


def _css(rng: random.Random) -> str:
    rules = (
        f".c{rng.getrandbits(24):06x}{{margin:{rng.randint(0, 24)}px;color:#{rng.getrandbits(24):06x}}}"
        for _ in range(200)
    )
    return "".join(rules)


def _script(rng: random.Random) -> str:
    """An analytics or ad-loader script with a configuration blob, as sites inline them (2–6 KB)."""
    keys = ",".join(f'"k{rng.getrandbits(20):05x}":"{rng.getrandbits(64):016x}"' for _ in range(rng.randint(60, 180)))
    return (
        f"<script>(function(w,d){{var cfg={{{keys}}};w.__ads=w.__ads||[];"
        f"w.__ads.push(cfg);var s=d.createElement('script');s.async=true;s.src='/static/ads.js';"
        f"d.head.appendChild(s);}})(window,document);</script>\n"
    )
