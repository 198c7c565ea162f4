"""How much of a page or text is read: bounds that keep the work of one request small, whatever is sent.

A request's time limit (``BACKSTORY_REQUEST_TIMEOUT_S``) answers the caller, but it cannot stop the worker
thread doing the work: Python threads cannot be killed. So the work itself is bounded before it starts, and
the time limit is the backstop. Measured here: extraction grows with the number of elements (60,000 paragraphs
took 8 s) and matching with the length of the text (11 million characters took 14 s); real article pages have a
few hundred to a few thousand elements and articles fewer than 100,000 characters.
"""

from __future__ import annotations

MAX_HTML_CHARS = 1_000_000
"""A page is read up to here; the article is near the top of a page, and what follows is comments and footers."""
MAX_HTML_TAGS = 20_000
"""Markup beyond this many tags is not parsed: bounds parsing time and nesting depth alike."""
MAX_TEXT_CHARS = 100_000
"""Matching reads at most this much of an article's text."""


def bounded_html(html: str) -> str:
    """The page cut at ``MAX_HTML_CHARS`` characters or before its ``MAX_HTML_TAGS``-th tag, whichever comes first."""
    html = html[:MAX_HTML_CHARS]
    # Counted in C first: a news page has a few thousand tags, and finding them one by one in Python took ~0.5 ms.
    if html.count("<") < MAX_HTML_TAGS:
        return html
    position = -1
    for _ in range(MAX_HTML_TAGS):
        position = html.find("<", position + 1)
        if position < 0:
            return html
    return html[:position]


def bounded_text(text: str) -> str:
    """The text cut at ``MAX_TEXT_CHARS`` characters."""
    return text[:MAX_TEXT_CHARS]
