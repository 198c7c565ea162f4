"""Numbers written as words ("fifty-two", "шестнадцать", "sechzehn") as spellings of an event's key numbers.

The words come from num2words for the languages it knows; digits stay the usual way news writes counts, so
this only catches what a headline or a quote spells out. A spelling counts only in its own language: Turkish
"on" (10) is an English preposition, Norwegian "to" (2) an English one.
"""

from __future__ import annotations

from functools import cache

from num2words import num2words

# Languages of this product's press that num2words can spell (Belarusian, Bulgarian and Macedonian it cannot).
LANGUAGES = (
    "en", "ru", "uk", "pl", "de", "fr", "it", "es", "pt", "ro", "lt", "lv", "cs", "sk", "sl", "sr", "hu",
    "nl", "sv", "da", "no", "fi", "tr", "az", "ar", "he", "kz",
)  # fmt: skip
# num2words' codes that differ from the ISO 639-1 codes the language detector answers.
_DETECTOR_CODES = {"kz": ("kk",), "no": ("no", "nb", "nn"), "sr": ("sr", "hr", "bs")}
# Larger numbers are written in digits in practice; spelling them would only grow the index.
LARGEST = 100


@cache
def number_words(value: str) -> dict[str, frozenset[str]]:
    """Every spelling of a plain-digit number in the supported languages, with the languages (ISO 639-1) that
    write it so (none for large numbers)."""
    if not value.isdigit() or not 10 <= int(value) <= LARGEST:
        return {}
    spellings: dict[str, set[str]] = {}
    for lang in LANGUAGES:
        try:
            spelling = num2words(int(value), lang=lang)
        except (NotImplementedError, KeyError, ValueError, AttributeError):
            continue
        spellings.setdefault(spelling, set()).update(_DETECTOR_CODES.get(lang, (lang,)))
    return {spelling: frozenset(langs) for spelling, langs in spellings.items()}
