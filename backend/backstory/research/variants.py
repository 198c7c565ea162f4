"""Robustness variants of an eval item: the same article sent as a full page, cut short or without its headline.

Issue 5 asks for accuracy per variant. ``html`` stands in for the unseen set's page run (``shared/eval/README.md``):
a news page with navigation, cookie banner, ads, related links and comments, the publish date only in the page's
metadata and a URL that says nothing about the article. Everything happens in memory; eval text is never stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Literal

# Imported where used: the command line reads VARIANTS for its options without loading the matching pipeline.
if TYPE_CHECKING:
    from backstory.context import ArticleInput, ContextResult
    from backstory.research.evaluation import EvalItem, ItemOutcome

Variant = Literal["text", "html", "lead600", "no_headline"]
VARIANTS: tuple[Variant, ...] = ("text", "html", "lead600", "no_headline")
LEAD_CHARS = 600
# A first line longer than this is prose, not a headline: the dev set's texts start with one only "where it had one".
HEADLINE_MAX_CHARS = 300


@dataclass(frozen=True, slots=True)
class _Chrome:
    """What a news site prints around an article, in the site's language."""

    menu: tuple[str, ...]
    cookies: str
    accept: str
    ads: tuple[str, ...]
    related: str
    related_links: tuple[str, ...]
    comments: str
    replies: tuple[str, ...]
    footer: tuple[str, ...]


# fmt: off
_CHROME = {
    "en": _Chrome(
        ("Home", "World", "Politics", "Business", "Sport", "Culture", "Opinion"),
        "We and our partners use cookies to personalise content and ads and to analyse our traffic.", "Accept all",
        ("Solar panels with storage from 89 a month. Free quote today.", "Holiday flats by the sea: book now, pay later.",
         "Learn a language in 15 minutes a day. Try it free."),
        "Read also", ("Storms expected over the weekend", "Central bank keeps rates on hold", "Local team wins the cup final"),
        "Comments", ("Who is paying for all this?", "Good reporting, thank you.", "We have heard this before."),
        ("About us", "Contact", "Privacy policy", "Terms of use"),
    ),
    "ru": _Chrome(
        ("Главная", "В мире", "Политика", "Экономика", "Спорт", "Культура", "Мнения"),
        "Мы и наши партнёры используем файлы cookie для персонализации материалов и рекламы.", "Принять все",
        ("Солнечные панели с аккумулятором в рассрочку. Бесплатный расчёт.", "Квартиры у моря: бронируйте сейчас.",
         "Английский за 15 минут в день. Первый урок бесплатно."),
        "Читайте также", ("На выходных ожидаются грозы", "Центробанк сохранил ставку", "Местная команда выиграла кубок"),
        "Комментарии", ("А кто за это платит?", "Спасибо за материал.", "Это мы уже слышали."),
        ("О нас", "Контакты", "Политика конфиденциальности", "Условия использования"),
    ),
    "uk": _Chrome(
        ("Головна", "Світ", "Політика", "Економіка", "Спорт", "Культура", "Думки"),
        "Ми та наші партнери використовуємо файли cookie для персоналізації матеріалів і реклами.", "Прийняти все",
        ("Сонячні панелі з акумулятором у розстрочку.", "Квартири біля моря: бронюйте зараз.",
         "Англійська за 15 хвилин на день. Перший урок безкоштовно."),
        "Читайте також", ("На вихідних очікуються грози", "Нацбанк зберіг облікову ставку", "Місцева команда виграла кубок"),
        "Коментарі", ("А хто за це платить?", "Дякую за матеріал.", "Це ми вже чули."),
        ("Про нас", "Контакти", "Політика конфіденційності", "Умови використання"),
    ),
    "pl": _Chrome(
        ("Strona główna", "Świat", "Polityka", "Biznes", "Sport", "Kultura", "Opinie"),
        "My i nasi partnerzy używamy plików cookie, aby dopasować treści i reklamy.", "Akceptuję wszystkie",
        ("Fotowoltaika z magazynem energii od 89 zł miesięcznie.", "Apartamenty nad morzem: rezerwuj teraz.",
         "Angielski w 15 minut dziennie. Pierwsza lekcja gratis."),
        "Czytaj także", ("Burze nad Polską w weekend", "Rada polityki pieniężnej nie zmienia stóp",
                         "Miejscowa drużyna wygrywa puchar"),
        "Komentarze", ("A kto za to zapłaci?", "Dziękuję za tekst.", "To już słyszeliśmy."),
        ("O nas", "Kontakt", "Polityka prywatności", "Regulamin"),
    ),
    "de": _Chrome(
        ("Startseite", "Ausland", "Politik", "Wirtschaft", "Sport", "Kultur", "Meinung"),
        "Wir und unsere Partner verwenden Cookies, um Inhalte und Anzeigen zu personalisieren.", "Alle akzeptieren",
        ("Solaranlage mit Speicher ab 89 Euro im Monat.", "Ferienwohnungen am Meer: jetzt buchen.",
         "Sprachen lernen in 15 Minuten am Tag. Jetzt gratis testen."),
        "Mehr zum Thema", ("Unwetter zum Wochenende erwartet", "Notenbank lässt Leitzins unverändert",
                           "Heimteam gewinnt das Pokalfinale"),
        "Kommentare", ("Wer bezahlt das eigentlich?", "Danke für den Bericht.", "Das kennen wir schon."),
        ("Über uns", "Kontakt", "Datenschutz", "Impressum"),
    ),
}
_SITES = ("Meridian Daily", "Northgate Herald", "Vesta News", "Polaris Courier", "Lantern Post", "Harbour Gazette")
_AUTHORS = ("Dana Whitcombe", "Ilya Marten", "Oona Valdez", "Piotr Halsk", "Greta Lindqvist", "Tomas Rell")
# fmt: on


def neutral_url(item: EvalItem) -> str:
    """A URL that says nothing about the article, stable for an item."""
    return f"https://news.example/a/{_digest(item).hex()[:12]}"


def make_request(item: EvalItem, variant: Variant) -> ArticleInput:
    """The request of one variant; never the item's language or label.

    ``text`` is the eval README's request (the item's url, text and published date). The other variants model
    the unseen set's conditions, so they use a URL that says nothing about the article.
    """
    from backstory.context import ArticleInput
    from backstory.research.evaluation import plain_request

    if variant == "text":
        return plain_request(item)
    if variant == "html":
        # The date is only in the page's metadata, as on the unseen set's pages: the service must find it there.
        return ArticleInput(url=neutral_url(item), html=news_page(item))
    if variant == "lead600":
        return ArticleInput(url=neutral_url(item), text=item.text.strip()[:LEAD_CHARS], published=item.published)
    if variant == "no_headline":
        return ArticleInput(url=neutral_url(item), text=without_headline(item.text), published=item.published)
    raise ValueError(f"unknown variant {variant!r}; expected one of {', '.join(VARIANTS)}")


def without_headline(text: str) -> str:
    """The text without its first line when that line is a headline; a text that starts with prose stays whole."""
    first, _, rest = text.strip().partition("\n")
    return rest.strip() if len(first) <= HEADLINE_MAX_CHARS else text.strip()


def run_variant(
    build: Callable[[ArticleInput], ContextResult], items: Iterable[EvalItem], variant: Variant
) -> Iterator[ItemOutcome]:
    """``evaluation.run`` over one variant: the same outcomes, timing and error handling."""
    from backstory.research.evaluation import run

    return run(build, items, lambda item: make_request(item, variant))


def news_page(item: EvalItem) -> str:
    """The item's text as an article on an invented news site, chrome in the item's language where we have it.

    The page declares no ``lang``: that would hand the item's labelled language to the service.
    """
    digest = _digest(item)
    chrome = _CHROME.get(item.lang, _CHROME["en"])
    site, author = _SITES[digest[0] % len(_SITES)], _AUTHORS[digest[1] % len(_AUTHORS)]
    lines = [line.strip() for line in item.text.strip().split("\n") if line.strip()]
    headline = lines[0] if lines and len(lines[0]) <= HEADLINE_MAX_CHARS else None
    paragraphs = lines[1:] if headline else lines  # no <h1> for a text that starts with prose
    ads = [f'<div class="ad-slot ad-slot--{n}"><span>Ad</span><p>{escape(text)}</p></div>' for n, text in enumerate(chrome.ads)]  # fmt: skip
    body = [f"<p>{escape(p)}</p>" for p in paragraphs]
    if digest[2] % 2:  # a third ad, between paragraphs as many sites place one
        body.insert(min(2, len(body)), ads[2])
    meta = [f'<meta property="og:site_name" content="{site}">', '<meta property="og:type" content="article">']
    if headline:
        meta.append(f'<meta property="og:title" content="{escape(headline)}">')
    if item.published:
        meta.append(f'<meta property="article:published_time" content="{item.published.isoformat()}T08:00:00+00:00">')
    related = "".join(
        f'<li><a href="/a/{_digest(item, str(n)).hex()[:12]}">{escape(t)}</a></li>'
        for n, t in enumerate(chrome.related_links)
    )
    replies = "".join(
        f'<div class="comment"><span class="comment__author">reader{digest[n + 3]}</span><p>{escape(t)}</p></div>'
        for n, t in enumerate(chrome.replies)
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>{escape(headline) + " | " if headline else ""}{site}</title>
{"".join(meta)}
<link rel="canonical" href="{neutral_url(item)}"></head>
<body>
<div class="cookie-banner" id="consent"><p>{escape(chrome.cookies)}</p><button>{escape(chrome.accept)}</button></div>
<header class="site-header"><a class="logo" href="/">{site}</a>
<nav class="main-nav"><ul>{"".join(f'<li><a href="/{n}">{escape(m)}</a></li>' for n, m in enumerate(chrome.menu))}</ul></nav>
</header>
{ads[0]}
<main><article class="story">
{f'<h1 class="story__headline">{escape(headline)}</h1>' if headline else ""}
<p class="story__byline">{author}</p>
{"".join(body)}
</article>
<aside class="sidebar">{ads[1]}<section class="related"><h2>{escape(chrome.related)}</h2><ul>{related}</ul></section></aside>
<section class="comments" id="comments"><h2>{escape(chrome.comments)}</h2>{replies}</section>
</main>
<footer class="site-footer"><ul>{"".join(f'<li><a href="/info/{n}">{escape(f)}</a></li>' for n, f in enumerate(chrome.footer))}</ul>
<p>&copy; {site}</p></footer>
</body></html>
"""


def _digest(item: EvalItem, salt: str = "") -> bytes:
    return hashlib.sha256(f"{item.id}{salt}".encode()).digest()
