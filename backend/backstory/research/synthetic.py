"""Synthetic distractor events: other stories, invented but shaped like real news, to measure matching at scale.

Issue 5 asks that accuracy hold when the event set grows by 10,000 events of other stories. These are built
to compete the way real ones would: people with surnames in several languages' styles, spelled in Latin
(English, Polish, German, Lithuanian conventions), Cyrillic and now and then Greek or Georgian; invented
organisations (with acronyms) and towns; a few real capitals and unions that real news shares across stories;
counts, dates over 2023–2026 and stock phrases in several languages. Everything is deterministic for a seed,
and every id starts with ``syn-`` so a synthetic set never collides with curated ids.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from itertools import accumulate
from typing import TypeVar

from backstory.events.models import Catalog, Entity, EntityKind, Event, Source, Story

PREFIX = "syn-"
FIRST_DAY = dt.date(2023, 1, 1)
LAST_DAY = dt.date(2026, 12, 31)

# Invented words are spelt phonemically in these letters first, then written in each script below.
_ONSETS = ("b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gr", "kr", "st", "tr", "sh", "ch", "zh")  # fmt: skip
_NUCLEI = ("a", "e", "i", "o", "u", "a", "o")
_CODAS = ("", "", "", "", "n", "r", "l", "m", "s")
_SCRIPTS: dict[str, dict[str, str]] = {
    "cyrillic": dict(zip("abcdeghiklmnoprstuvz", "абцдегхиклмнопрстувз", strict=True))
    | {"sh": "ш", "ch": "ч", "zh": "ж"},
    "greek": dict(zip("aeiklmnoprstvz", "αεικλμνοπρστβζ", strict=True))
    | {"b": "μπ", "d": "ντ", "g": "γκ", "u": "ου", "sh": "σ", "ch": "τσ", "zh": "ζ"},
    "georgian": dict(zip("abdegiklmnoprstuvz", "აბდეგიკლმნოპრსტუვზ", strict=True)) | {"sh": "შ", "ch": "ჩ", "zh": "ჟ"},
}
_DIGRAPH = re.compile("sh|ch|zh|[a-z]")
# Latin spellings of the same surname by national convention (Petrovich, Petrowicz, Petrowitsch, Petrovič).
_LATIN: dict[str, dict[str, str]] = {
    "pl": {"sh": "sz", "ch": "cz", "zh": "ż", "v": "w"},
    "de": {"sh": "sch", "ch": "tsch", "zh": "sch", "v": "w"},
    "lt": {"sh": "š", "ch": "č", "zh": "ž"},
}
# (phonemic, Latin as usually written, Cyrillic as usually written); the feminine form where it differs.
_ENDINGS = (
    ("ov", "ov", "ов"), ("enko", "enko", "енко"), ("ski", "ski", "ский"), ("esku", "escu", "еску"),
    ("son", "son", "сон"), ("aitis", "aitis", "айтис"), ("ich", "ić", "ич"), ("ashvili", "ashvili", "ашвили"),
    ("ian", "yan", "ян"), ("oglu", "oğlu", "оглу"), ("man", "mann", "ман"), ("ovich", "ovich", "ович"),
    ("ets", "ets", "ец"),
)  # fmt: skip
_FEMININE = {"ov": ("ova", "ova", "ова"), "ski": ("ska", "ska", "ская")}
_FIRST_NAMES = (
    ("Anton", "Антон", "m"), ("Mirela", "Мирела", "f"), ("Dario", "Дарио", "m"), ("Ilona", "Илона", "f"),
    ("Tomas", "Томас", "m"), ("Vera", "Вера", "f"), ("Oskar", "Оскар", "m"), ("Lina", "Лина", "f"),
    ("Rustam", "Рустам", "m"), ("Greta", "Грета", "f"), ("Marek", "Марек", "m"), ("Nadia", "Надя", "f"),
    ("Emil", "Эмиль", "m"), ("Sabina", "Сабина", "f"), ("Bogdan", "Богдан", "m"), ("Irena", "Ирена", "f"),
    ("Levan", "Леван", "m"), ("Hanna", "Ханна", "f"), ("Viktor", "Виктор", "m"), ("Daria", "Дарья", "f"),
    ("Karel", "Карел", "m"), ("Alina", "Алина", "f"), ("Teodor", "Теодор", "m"), ("Zofia", "Зофия", "f"),
    ("Artur", "Артур", "m"), ("Elena", "Елена", "f"), ("Stefan", "Стефан", "m"), ("Ruta", "Рута", "f"),
)  # fmt: skip
_ORG_KINDS = (
    ("Holding", "Холдинг"), ("Group", "Груп"), ("Bank", "Банк"), ("Energy", "Энерджи"), ("Logistics", "Логистикс"),
    ("Airlines", "Эйрлайнс"), ("Minerals", "Минералс"), ("Telecom", "Телеком"), ("Shipping", "Шиппинг"),
)  # fmt: skip
_TOWN_SUFFIXES = (("grad", "град"), ("ovo", "ово"), ("burg", "бург"), ("ville", "виль"), ("itsa", "ица"), ("polis", "полис"))  # fmt: skip
# Acronyms real news is full of; an invented organisation must not take one of them.
_TAKEN_ACRONYMS = {"USA", "KGB", "CIA", "FBI", "BBC", "CNN", "EU", "UN", "NATO", "OMON", "OFAC", "OSCE", "IMF", "MFA"}

# Real places shared across stories, as real news shares them: (id suffix, kind, aliases in several languages).
# fmt: off
_SHARED: tuple[tuple[str, EntityKind, list[str]], ...] = (
    ("brussels", "place", ["Brussels", "Bruxelles", "Brüssel", "Bruksela", "Bruselas", "Briuselis", "Брюссель"]),
    ("washington", "place", ["Washington", "Waszyngton", "Vašingtonas", "Вашингтон"]),
    ("moscow", "place", ["Moscow", "Moskau", "Moskwa", "Moscou", "Mosca", "Maskva", "Москва"]),
    ("kyiv", "place", ["Kyiv", "Kiev", "Kijów", "Kiew", "Kyjiw", "Kijevas", "Київ", "Киев"]),
    ("warsaw", "place", ["Warsaw", "Warszawa", "Warschau", "Varsovie", "Varsavia", "Varšuva", "Варшава"]),
    ("berlin", "place", ["Berlin", "Berlino", "Berlynas", "Берлин"]),
    ("geneva", "place", ["Geneva", "Genf", "Genève", "Genewa", "Ginevra", "Женева"]),
    ("european-union", "org", ["European Union", "EU", "UE", "Unia Europejska", "Europäische Union", "Union européenne",
                               "Евросоюз", "ЕС", "ЄС"]),
    ("united-states", "place", ["United States", "US", "USA", "Stany Zjednoczone", "Vereinigte Staaten", "États-Unis",
                                "Stati Uniti", "США"]),
)
# fmt: on


@dataclass(frozen=True, slots=True)
class _Theme:
    key: str
    story: str
    """English story title; {p} is the story's town."""
    titles: tuple[str, ...]
    """English event titles; {a} an actor's surname, {o} an organisation, {p} a place."""
    ru: str
    unit: str
    phrases: tuple[str, ...]
    """Stock phrases of the theme in several languages, as events list them."""


# fmt: off
_THEMES = (
    _Theme("trade", "The {p} trade dispute", ("{a} announces tariffs on {p} exports", "{o} and {p} sign trade agreement", "{a} meets {o} over trade"), "торговый спор", "tonnes",
           ("trade agreement", "торговое соглашение", "umowa handlowa", "Handelsabkommen", "accord commercial", "acord comercial")),
    _Theme("election", "Early elections in {p}", ("{a} calls early election", "{a} wins vote in {p}", "Recount ordered in {p}"), "досрочные выборы", "votes",
           ("early election", "досрочные выборы", "przedterminowe wybory", "vorgezogene Neuwahlen", "élections anticipées")),
    _Theme("graft", "The {o} bribery affair", ("{a} detained in {o} bribery case", "{o} offices searched in {p}", "{a} charged over {o} contracts"), "коррупционное дело", "euros",
           ("bribery case", "дело о взятке", "afera korupcyjna", "Korruptionsaffäre", "caso di corruzione")),
    _Theme("pipeline", "The {p} gas pipeline", ("{o} halts gas pipeline works near {p}", "{a} approves pipeline route", "{o} signs gas contract"), "газопровод", "kilometres",
           ("gas pipeline", "газопровод", "gazociąg", "Gaspipeline", "gazoduc", "gasdotto")),
    _Theme("strike", "Strikes at {o}", ("{o} workers strike in {p}", "{a} meets strike leaders", "Strike at {o} ends"), "забастовка", "workers",
           ("general strike", "всеобщая забастовка", "strajk generalny", "Generalstreik", "grève générale", "sciopero generale")),
    _Theme("flood", "Floods in {p}", ("Floods hit {p}", "{a} declares state of emergency in {p}", "{o} pledges flood aid"), "наводнение", "homes",
           ("state of emergency", "чрезвычайное положение", "stan wyjątkowy", "Ausnahmezustand", "état d'urgence", "stato di emergenza")),
    _Theme("spy", "The {p} espionage case", ("{a} arrested on espionage charges", "{a} convicted of spying in {p}", "Embassy staff expelled from {p}"), "шпионское дело", "years",
           ("espionage charges", "обвинения в шпионаже", "zarzuty szpiegostwa", "Spionagevorwürfe", "accuse di spionaggio")),
    _Theme("talks", "Peace talks over {p}", ("{a} opens peace talks in {p}", "{a} and {o} agree ceasefire", "Talks on {p} stall"), "мирные переговоры", "soldiers",
           ("peace talks", "мирные переговоры", "rozmowy pokojowe", "Friedensgespräche", "pourparlers de paix", "colloqui di pace")),
    _Theme("swap", "Prisoner swap between {p} and its neighbour", ("{a} freed in prisoner swap", "{p} and {o} exchange detainees", "{a} pardons prisoners"), "обмен заключёнными", "prisoners",
           ("prisoner swap", "обмен заключёнными", "wymiana więźniów", "Gefangenenaustausch", "échange de prisonniers", "schimb de prizonieri")),
    _Theme("sanctions", "Sanctions on {o}", ("Sanctions package hits {o}", "{o} removed from sanctions list", "{a} seeks sanctions relief"), "санкции", "companies",
           ("sanctions package", "пакет санкций", "pakiet sankcji", "Sanktionspaket", "sanctions relief", "ослабление санкций")),
    _Theme("takeover", "The {o} takeover battle", ("{o} launches hostile takeover", "{a} blocks {o} deal", "{o} shareholders approve merger"), "борьба за поглощение", "million dollars",
           ("hostile takeover", "враждебное поглощение", "wrogie przejęcie", "feindliche Übernahme", "offre publique d'achat")),
)
# fmt: on


@dataclass(frozen=True, slots=True)
class _Name:
    entity: Entity
    short: str
    """Surname or short name for titles (English)."""
    cyrillic: str


class _Names:
    """Invents names that are unique across the whole synthetic set."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()
        self.serial = 0

    def _stem(self) -> str:
        while True:
            stem = "".join(self.rng.choice(_ONSETS) + self.rng.choice(_NUCLEI) + self.rng.choice(_CODAS) for _ in "ab")
            if stem not in self.used:
                self.used.add(stem)
                return stem

    def _id(self, kind: str, phonemic: str) -> str:
        self.serial += 1
        return f"{PREFIX}{kind}-{phonemic}-{self.serial}"

    def person(self) -> _Name:
        stem, (ending, latin_end, cyrillic_end) = self._stem(), self.rng.choice(_ENDINGS)
        first, first_cyr, gender = self.rng.choice(_FIRST_NAMES)
        if gender == "f" and ending in _FEMININE:
            ending, latin_end, cyrillic_end = _FEMININE[ending]
        if stem[-1] in "aeiou" and ending[0] in "aeiou":
            stem = stem[:-1]  # Bora + escu -> Borescu
        latin = (stem + latin_end).capitalize()
        cyrillic = (_spell(stem, "cyrillic") + cyrillic_end).capitalize()
        surnames = [latin, cyrillic]
        for convention in ("pl", "de", "lt"):
            if self.rng.random() < 0.5:
                surnames.append(_convention(stem + latin_end, convention))
        if self.rng.random() < 0.15:
            surnames.append(_spell(stem + ending, self.rng.choice(("greek", "georgian"))).capitalize())
        full = f"{first} {latin}"
        aliases = [f"{first_cyr} {cyrillic}", *dict.fromkeys(surnames)]
        entity = Entity(id=self._id("person", stem + ending), kind="person", name=full, aliases=aliases)
        return _Name(entity, latin, cyrillic)

    def org(self) -> _Name:
        stem = self._stem()
        kind, kind_cyr = self.rng.choice(_ORG_KINDS)
        name, cyrillic = f"{stem.capitalize()} {kind}", f"{_spell(stem, 'cyrillic').capitalize()} {kind_cyr}"
        aliases = [cyrillic, f"{_convention(stem, 'de')} {kind}"]
        acronym = (stem[0] + self.rng.choice("bdgklmnprstvz") + kind[0]).upper()
        if self.rng.random() < 0.5 and acronym not in _TAKEN_ACRONYMS and acronym not in self.used:
            self.used.add(acronym)
            aliases += [acronym, _spell(acronym.lower(), "cyrillic").upper()]
        aliases = [alias for alias in dict.fromkeys(aliases) if alias != name]
        entity = Entity(id=self._id("org", stem), kind="org", name=name, aliases=aliases)
        return _Name(entity, name, cyrillic)

    def town(self) -> _Name:
        stem = self._stem()
        suffix, suffix_cyr = self.rng.choice(_TOWN_SUFFIXES)
        latin, cyrillic = (stem + suffix).capitalize(), (_spell(stem, "cyrillic") + suffix_cyr).capitalize()
        spellings = [cyrillic, _convention(stem + suffix, "pl"), _convention(stem + suffix, "lt")]
        aliases = [alias for alias in dict.fromkeys(spellings) if alias != latin]
        entity = Entity(id=self._id("place", stem), kind="place", name=latin, aliases=aliases)
        return _Name(entity, latin, cyrillic)


def _spell(phonemic: str, script: str) -> str:
    table = _SCRIPTS[script]
    spelt = _DIGRAPH.sub(lambda m: table[m.group(0)], phonemic)
    return spelt[:-1] + "ς" if script == "greek" and spelt.endswith("σ") else spelt


def _convention(latin: str, convention: str) -> str:
    table = _LATIN[convention]
    spelt = re.sub("sh|ch|zh|v", lambda m: table.get(m.group(0), m.group(0)), latin)
    if convention == "lt":  # Lithuanian gives foreign surnames its own endings: Petrovas, Kovalenka.
        if spelt.endswith("o"):
            spelt = spelt[:-1] + "a"
        elif not spelt.endswith(("a", "e", "u", "s")):
            spelt += "s" if spelt.endswith("i") else "as"
    return spelt.capitalize()


_SHARED_ENTITIES = tuple(
    _Name(Entity(id=f"{PREFIX}{kind}-{key}", kind=kind, name=aliases[0], aliases=aliases[1:]), aliases[0], aliases[-1])
    for key, kind, aliases in _SHARED
)


def synthetic_catalog(n_events: int, *, seed: int = 0) -> Catalog:
    """``n_events`` events of about ``n_events / 8`` invented stories of 2 to 20 events each."""
    rng = random.Random(seed)
    names = _Names(rng)
    stories: list[Story] = []
    events: list[Event] = []
    entities: dict[str, Entity] = {}
    remaining = n_events
    while remaining > 0:
        size = min(2 + int(18 * rng.random() ** 1.8), remaining)  # mean about 8, long tail to 20
        if remaining - size == 1:  # never leave a story of one event behind
            size = size + 1 if size < 20 else size - 1
        story, story_events, cast = _story(rng, names, len(stories) + 1, size)
        stories.append(story)
        events += story_events
        used = {entity_id for event in story_events for entity_id in event.entities}
        entities.update((name.entity.id, name.entity) for name in cast if name.entity.id in used)
        remaining -= size
    return Catalog(stories=stories, events=events, entities=list(entities.values()))


def _story(rng: random.Random, names: _Names, number: int, size: int) -> tuple[Story, list[Event], list[_Name]]:
    theme = rng.choice(_THEMES)
    people = [names.person() for _ in range(rng.randint(2, 6))]
    orgs = [names.org() for _ in range(rng.randint(1, 3))]
    towns = [names.town() for _ in range(rng.randint(1, 2))]
    shared = rng.sample(_SHARED_ENTITIES, rng.choice((0, 0, 1, 1, 2)))
    story_id = f"{PREFIX}{number:05d}-{theme.key}"
    title = theme.story.format(p=towns[0].short, o=orgs[0].short)
    story = Story(
        id=story_id, title={"en": title}, summary={"en": f"{title}: an invented story for measuring matching."}
    )
    offsets = [0, *accumulate(rng.randint(1, 45) for _ in range(size - 1))]  # days after the story's first event
    start = FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days - offsets[-1]))
    story_numbers: list[str] = []
    events = []
    for k, offset in enumerate(offsets, start=1):
        cast = [
            *([people[0]] if rng.random() < 0.8 else []),
            *rng.sample(people[1:], rng.randint(0, min(2, len(people) - 1))),
            *([orgs[0]] if rng.random() < 0.6 else []),
            *rng.sample(orgs[1:], rng.randint(0, len(orgs) - 1)),
            *([towns[0]] if rng.random() < 0.7 else []),
            *(place for place in [*towns[1:], *shared] if rng.random() < 0.4),
        ] or [people[0]]
        numbers = [_count(rng, story_numbers) for _ in range(rng.choice((0, 1, 1, 2, 3)))]
        story_numbers += numbers
        actor = next((n for n in cast if n.entity.kind == "person"), rng.choice(people))
        template = rng.choice(theme.titles)
        event_title = template.format(a=actor.short, o=orgs[0].short, p=towns[0].short)
        # Whoever the title names takes part, first: the entities are listed most central first.
        named = [name for name, slot in ((actor, "{a}"), (orgs[0], "{o}"), (towns[0], "{p}")) if slot in template]
        figure = f" The figure given is {numbers[0]} {theme.unit}." if numbers else ""
        event_id = f"{story_id}-{k:02d}"
        title_ru = f"{actor.cyrillic}: {theme.ru}"
        events.append(
            Event(
                id=event_id, story_id=story_id, date=start + dt.timedelta(days=offset),
                title={"en": event_title, **({"ru": title_ru} if rng.random() < 0.3 else {})},
                summary={"en": f"{event_title}.{figure} {actor.entity.name} commented on it."},
                entities=list(dict.fromkeys(n.entity.id for n in [*named, *cast])),
                numbers=list(dict.fromkeys(numbers)),
                phrases=rng.sample(theme.phrases, rng.choice((0, 1, 1, 2, 3))),
                sources=[Source(url=f"https://news.example/syn/{event_id}", publisher="News Example")],
            )
        )  # fmt: skip
    return story, events, [*people, *orgs, *towns, *shared]


def _count(rng: random.Random, earlier: list[str]) -> str:
    """A count from 2 to 5000, small ones likelier (log-uniform); stories repeat their numbers now and then."""
    if earlier and rng.random() < 0.25:
        return rng.choice(earlier)
    return str(min(5000, round(2 * 2500 ** rng.random())))


R = TypeVar("R", Story, Entity, Event)


def merge_catalogs(a: Catalog, b: Catalog) -> Catalog:
    """Both catalogs as one; a record both hold must be the same in both (e.g. a shared place)."""
    return Catalog(
        stories=_union(a.stories, b.stories), events=_union(a.events, b.events), entities=_union(a.entities, b.entities)
    )


def _union(first: list[R], second: list[R]) -> list[R]:
    merged = {record.id: record for record in first}
    for record in second:
        if merged.setdefault(record.id, record) != record:
            raise ValueError(f"both catalogs hold a different {type(record).__name__.lower()} {record.id!r}")
    return list(merged.values())
