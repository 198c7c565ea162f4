"""Properties of matching that must hold for any article: spelling a name another way changes nothing."""

from __future__ import annotations

import datetime as dt
import unicodedata

from anyascii import anyascii
from hypothesis import given, settings
from hypothesis import strategies as st

from backstory.events.models import Catalog
from backstory.events.store import read_bundled
from backstory.matching.document import build_document
from backstory.matching.evidence import find_terms
from backstory.matching.index import EventIndex
from backstory.matching.score import score

INDEX = EventIndex.build(Catalog.of(read_bundled()))

# Invented articles, in several languages and scripts.
ARTICLES = [
    (
        "Лукашэнка вызваліў 52 палітвязні пасля сустрэчы з Джонам Коўлам\nПасля перамоў у Мінску амерыканскі "
        "пасланнік Джон Коўл паведаміў, што ЗША здымаюць санкцыі з авіякампаніі «Белавія». Вызваленыя "
        "палітвязні былі вывезены ў Літву.",
        dt.date(2025, 9, 11),
        "be",
    ),
    (
        "Łukaszenka ułaskawił 123 więźniów, wśród nich Alesia Bialackiego i Marię Kalesnikawą\nStany "
        "Zjednoczone znoszą sankcje na białoruski potas. Uwolnieni trafili na Litwę i Ukrainę, poinformowała "
        "Swiatłana Cichanouska.",
        dt.date(2025, 12, 13),
        "pl",
    ),
    (
        "Lukaschenko telefoniert mit Trump vor dem Gipfel in Alaska\nDonald Trump dankte Alexander Lukaschenko "
        "für die Freilassung von 16 Gefangenen und sprach über 1.300 weitere politische Gefangene in Belarus.",
        dt.date(2025, 8, 15),
        "de",
    ),
    (
        "Лукашенко помиловал 31 гражданина Украины\nПо договорённости с Дональдом Трампом Александр Лукашенко "
        "помиловал 31 украинца; их передали украинской стороне, сообщила пресс-секретарь Наталья Эйсмонт.",
        dt.date(2025, 11, 22),
        "ru",
    ),
]


def _deaccent(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def _outcome(text: str, published: dt.date, lang: str) -> tuple[str | None, bool]:
    result = score(build_document(text, None, [lang]), INDEX, published=published)
    top = result.candidates[0].event_id if result.candidates else None
    return top, result.claimed is not None


@settings(max_examples=60, deadline=None)
@given(
    article=st.sampled_from(ARTICLES),
    spell=st.sampled_from([anyascii, _deaccent]),
    chosen=st.lists(st.booleans(), min_size=40, max_size=40),
)
def test_respelling_names_does_not_change_the_match(
    article: tuple[str, dt.date, str], spell, chosen: list[bool]
) -> None:  # type: ignore[no-untyped-def]
    text, published, lang = article
    doc = build_document(text, None, [lang])
    respelled = doc.text
    hits = [h for h in find_terms(doc, INDEX) if h.term.kind == "name"]
    # Replace from the end so earlier offsets stay valid; which names are respelled is drawn by hypothesis.
    for hit, pick in sorted(zip(hits, chosen, strict=False), key=lambda pair: -pair[0].start):
        if pick:
            first, last = doc.tokens[hit.start], doc.tokens[hit.end - 1]
            start, end = first.start, last.start + len(last.raw)
            respelled = respelled[:start] + spell(respelled[start:end]) + respelled[end:]
    assert _outcome(respelled, published, lang) == _outcome(text, published, lang)


def test_the_articles_are_matched_at_all() -> None:
    """The property above means something only if the articles match an event to begin with."""
    assert all(_outcome(text, published, lang)[0] for text, published, lang in ARTICLES)


def test_a_wholly_transliterated_article_gets_the_same_match() -> None:
    for text, published, lang in ARTICLES:
        assert _outcome(anyascii(text), published, lang) == _outcome(text, published, lang)
