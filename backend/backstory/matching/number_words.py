"""Numbers written as words ("fifty-two", "шестнадцать", "sechzehn") as spellings of an event's key numbers.

The words come from num2words for the languages it knows; digits stay the usual way news writes counts, so
this only catches what a headline or a quote spells out.
"""

from __future__ import annotations

from functools import cache

from num2words import num2words

# Languages of this product's press that num2words can spell (Belarusian, Bulgarian and Macedonian it cannot).
LANGUAGES = (
    "en", "ru", "uk", "pl", "de", "fr", "it", "es", "pt", "ro", "lt", "lv", "cs", "sk", "sl", "sr", "hu",
    "nl", "sv", "da", "no", "fi", "tr", "az", "ar", "he", "kz",
)  # fmt: skip
# Larger numbers are written in digits in practice; spelling them would only grow the index.
LARGEST = 100


@cache
def number_words(value: str) -> tuple[str, ...]:
    """Every spelling of a plain-digit number in the supported languages (none for large numbers)."""
    if not value.isdigit() or not 10 <= int(value) <= LARGEST:
        return ()
    spellings: dict[str, None] = {}
    for lang in LANGUAGES:
        try:
            spellings[num2words(int(value), lang=lang)] = None
        except (NotImplementedError, KeyError, ValueError, AttributeError):
            continue
    return tuple(spellings)
