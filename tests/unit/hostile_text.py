"""Hypothesis strategies for hostile text and HTML, shared by the property tests."""

from __future__ import annotations

from hypothesis import strategies as st

# Characters that break naive code: zero-width and direction marks, soft hyphen, combining marks, surrogate-range
# neighbours, NUL and controls, homoglyphs of Latin letters, CJK, right-to-left scripts, emoji with joiners.
NASTY = (
    "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u00ad"
    "\u0301\u0308\u0327\u20dd\x00\x01\x08\x0b\x0c\x1b\x7f\u0085\u2028\u2029\ufffd\ufffe"
    "аеорсхіјԁɡοΑΒΕΗΙΚΜΝΟΡΤΧ"
    "ЛукашенкоŁukaszenkaLukašenkaЛукашэнка"
    "北京東京서울عربيةעברית"
    # Vowel points and signs, and letters each script writes foreign sounds with (normalise.fold_word reads them).
    "\u05b8\u05bc\u064e\u0651\u0670पुतिनज़फ़ंเฟนวิกՊուտինΜπάιντεν"
    "👩‍👩‍👧🏳️‍🌈"
    "0123456789.,'’ -–—\n\t"
)

hostile_text = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(NASTY)),
    st.text(alphabet=st.characters(codec="utf-8")),
    st.lists(
        st.sampled_from(["Lukashenko", "52", "Belavia", "Coale", "1,300", "2025-09-11", "\u200b", "Лукашенко"])
    ).map(" ".join),
)

_TAGS = ["html", "head", "body", "article", "main", "div", "p", "span", "h1", "a", "script", "style", "table",
         "td", "tr", "li", "ul", "meta", "time", "title", "br", "img", "svg", "math", "template", "!--", "![CDATA["]  # fmt: skip
_ATTRIBUTES = st.sampled_from(
    ['', ' lang="ru"', ' class="content"', ' property="article:published_time" content="2025-09-11"',
     ' href="javascript:alert(1)"', ' style="display:none"', ' lang=', ' x="\u202e"', " a='b", ' itemprop="datePublished"']
)  # fmt: skip


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda tag, attributes, inner, closed: f"<{tag}{attributes}>{inner}" + (f"</{tag}>" if closed else ""),
        st.sampled_from(_TAGS),
        _ATTRIBUTES,
        st.lists(children, max_size=4).map("".join),
        st.booleans(),
    )


hostile_html = st.one_of(
    st.recursive(hostile_text, _element, max_leaves=30),
    st.text(alphabet=st.sampled_from("<>/=\"'!-[]&;# apdivhtml\u200b\x00")),
    st.builds("<!DOCTYPE html><html><body><article><p>{}</p></article></body></html>".format, hostile_text),
)
