from __future__ import annotations

import datetime as dt

import pytest

from backstory.articles.extract import extract_page
from backstory.context import ArticleInput, ContextResult
from backstory.errors import NotAnArticle
from backstory.research.evaluation import EvalItem
from backstory.research.variants import LEAD_CHARS, VARIANTS, make_request, run_variant

HEADLINE = "Harbour of Port Veln fines Bluefin Air for 1,300 late declarations"
BODY = [
    "The harbour authority of Port Veln said on Tuesday it had fined the airline Bluefin Air for 1,300 late cargo "
    "declarations, the largest penalty in its history.",
    "Mirko Zaslavsky, who chairs the authority, told reporters the airline had ignored several warnings over the "
    "past year and that patience had run out.",
    "The airline said it would appeal and called the fines disproportionate, adding that most declarations had "
    "been filed only hours late.",
    "Analysts expect the dispute to weigh on talks about new routes between Port Veln and the capital.",
]


def _item(lang: str = "en", published: dt.date | None = dt.date(2025, 7, 9)) -> EvalItem:
    return EvalItem(
        id=f"inv-{lang}", url="https://paper.example/2025/07/09/port-veln-fines-bluefin-air", lang=lang,
        published=published, event="cargo-fine", kind="positive", text=HEADLINE + "\n\n" + "\n\n".join(BODY),
    )  # fmt: skip


class TestMakeRequest:
    def test_text_is_the_eval_readme_request(self) -> None:
        item = _item()
        assert make_request(item, "text") == ArticleInput(url=item.url, text=item.text, published=item.published)

    @pytest.mark.parametrize("lang", ["en", "ru", "ar"])
    def test_the_page_extracts_back_to_headline_and_body_dated_by_its_metadata(self, lang: str) -> None:
        request = make_request(_item(lang), "html")
        assert request.html is not None and request.published is None and request.text is None
        page = extract_page(request.html, request.url)
        assert page.title == HEADLINE and page.published == dt.date(2025, 7, 9)
        assert page.text.startswith(HEADLINE) and all(paragraph in page.text for paragraph in BODY)

    def test_the_page_has_the_chrome_of_a_news_site_and_the_date_only_in_its_metadata(self) -> None:
        html = make_request(_item(), "html").html or ""
        for marker in ("<nav", 'class="cookie-banner"', 'class="ad-slot', 'class="related"', 'class="comments"', "<footer"):  # fmt: skip
            assert marker in html
        assert html.count("2025-07-09") == 1 and 'property="article:published_time"' in html

    def test_the_page_and_the_cut_variants_get_a_url_that_says_nothing(self) -> None:
        for variant in ("html", "lead600", "no_headline"):
            url = make_request(_item(), variant).url
            assert url.startswith("https://news.example/a/") and "veln" not in url

    def test_a_page_without_a_publish_date_has_no_date_at_all(self) -> None:
        request = make_request(_item(published=None), "html")
        assert "published_time" not in (request.html or "")
        assert extract_page(request.html or "", request.url).published is None

    def test_lead600_keeps_the_first_600_characters(self) -> None:
        request = make_request(_item(), "lead600")
        assert request.text is not None and len(request.text) == LEAD_CHARS and _item().text.startswith(request.text)
        assert request.published == dt.date(2025, 7, 9)

    def test_no_headline_drops_the_first_line(self) -> None:
        request = make_request(_item(), "no_headline")
        assert request.text is not None and request.text.startswith(BODY[0]) and HEADLINE not in request.text
        assert request.published == dt.date(2025, 7, 9)

    def test_no_headline_keeps_a_text_that_starts_with_prose(self) -> None:
        item = _item()
        item.text = " ".join(BODY) + "\n" + BODY[0]
        assert make_request(item, "no_headline").text == item.text

    def test_an_unknown_variant_is_refused(self) -> None:
        with pytest.raises(ValueError, match="unknown variant"):
            make_request(_item(), "pdf")  # type: ignore[arg-type]


class TestRunVariant:
    @pytest.mark.parametrize("variant", VARIANTS)
    def test_it_sends_the_variant_request_and_keeps_the_item_outcome(self, variant: str) -> None:
        sent: list[ArticleInput] = []

        def build(request: ArticleInput) -> ContextResult:
            sent.append(request)
            raise NotAnArticle("stub")

        (outcome,) = run_variant(build, [_item()], variant)  # type: ignore[arg-type]
        assert sent == [make_request(_item(), variant)]  # type: ignore[arg-type]
        assert (outcome.id, outcome.expected, outcome.claimed) == ("inv-en", "cargo-fine", None)
