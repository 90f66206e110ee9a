"""The registry: loading, checking, and the questions items ask of it."""

import datetime as dt
from pathlib import Path

import pytest

from belde.registry import RegistryError, load_registry

ROOT = Path(__file__).resolve().parent.parent
D = dt.date


@pytest.fixture(scope="module")
def registry():
    return load_registry(ROOT / "content" / "registry")


def test_shipped_registry_has_every_district_and_ibb(registry):
    assert len(registry.districts) == 39
    assert registry.metropolitan.short == "İBB"
    assert {d.side for d in registry.districts} == {"Avrupa", "Anadolu"}
    assert sum(d.side == "Avrupa" for d in registry.districts) == 25


@pytest.mark.parametrize("spelling", ["Kağıthane", "KAĞITHANE", "Kâğıthane", "kağıthane"])
def test_district_spellings_resolve(registry, spelling):
    assert registry.find_body(spelling).name == "Kağıthane"


def test_ascii_spelling_is_suggested_not_accepted(registry):
    assert registry.find_body("Kagithane") is None
    assert registry.suggest_body("Kagithane") == "Kağıthane"


@pytest.mark.parametrize("spelling", ["İstanbul", "İBB", "ibb", "İstanbul Büyükşehir Belediyesi"])
def test_city_wide_names_resolve_to_ibb(registry, spelling):
    assert registry.find_body(spelling) is registry.metropolitan


@pytest.mark.parametrize("spelling", ["Ekrem İmamoğlu", "EKREM İMAMOĞLU", "İmamoğlu", "Ekrem Imamoglu"])
def test_person_spellings_resolve(registry, spelling):
    assert registry.find_person(spelling).name == "Ekrem İmamoğlu"


def test_honorifics_and_aliases_resolve(registry):
    assert registry.find_person("Doç. Dr. Ayşegül Ovalıoğlu").name == "Ayşegül Ovalıoğlu"
    assert registry.find_person("M. Oktay Aksu") is registry.find_person("Oktay Aksu")


def test_heads_of_a_district_on_a_day_and_over_an_interval(registry):
    kagithane = registry.find_body("Kağıthane")
    assert [r.person.name for r in registry.heads_of(kagithane, D(2024, 5, 1))] == ["Mevlüt Öztekin"]
    terms = registry.heads_of(kagithane, D(2024, 3, 1), D(2024, 4, 30))
    assert [(r.person.name, r.start.start.year) for r in terms] == [("Mevlüt Öztekin", 2019), ("Mevlüt Öztekin", 2024)]


def test_ibb_heads_across_the_removal_and_the_acting_mayor(registry):
    ibb = registry.metropolitan
    assert [r.person.name for r in registry.heads_of(ibb, D(2024, 5, 1))] == ["Ekrem İmamoğlu"]
    assert registry.heads_of(ibb, D(2025, 3, 24)) == []  # between removal and the council's vote
    assert [(r.person.name, r.office) for r in registry.heads_of(ibb, D(2025, 4, 1))] == [("Nuri Aslan", "acting_mayor")]


def test_all_roles_of_a_person(registry):
    roles = registry.find_person("Mevlüt Öztekin").roles
    assert [(r.office, r.body.name, r.start.iso(), r.end.iso() if r.end else None) for r in roles] == [
        ("mayor", "Kağıthane", "2019-03-31", "2024-03-31"),
        ("mayor", "Kağıthane", "2024-03-31", None),
    ]


def _write(folder: Path, people: str, bodies: str | None = None) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "bodies.yaml").write_text(
        bodies or "bodies:\n- {id: ibb, kind: metropolitan, name: İstanbul Büyükşehir Belediyesi, short: İBB}\n"
        "districts:\n- {name: Kağıthane, side: Avrupa}\n- {name: Beykoz, side: Anadolu}\n",
        encoding="utf-8",
    )
    (folder / "people.yaml").write_text(people, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "people, message",
    [
        (
            "people:\n- name: A B\n  roles:\n  - {office: mayor, body: Kagithane, from: 2019-03-31}\n",
            "unknown body 'Kagithane'; did you mean 'Kağıthane'?",
        ),
        (
            "people:\n- name: A B\n  roles:\n  - {office: mayor, body: Beykoz, from: 2020-01-01, to: 2019-01-01}\n",
            "'to' 2019-01-01 is before 'from' 2020-01-01",
        ),
        (
            "people:\n- name: A B\n  roles:\n  - {office: mayor, body: Beykoz, from: 2019-01-01, to: 2024-04-10}\n"
            "- name: C D\n  roles:\n  - {office: mayor, body: Beykoz, from: 2024-03-31}\n",
            "Beykoz has two heads at once: A B",
        ),
        ("people:\n- name: A B\n- name: a b\n", "'a b' also names 'A B'"),
        (
            "people:\n- name: A B\n  roles:\n  - {office: mayr, body: Beykoz, from: 2019-01-01}\n",
            "unknown office 'mayr'",
        ),
        (
            "people:\n- name: A B\n  roles:\n  - {office: mayor, body: Beykoz, from: 2019-02-30}\n",
            "'2019-02-30' is not a day of the calendar",
        ),
        ("people: [\n", "not valid UTF-8 YAML"),
    ],
)
def test_registry_contradictions_are_refused_with_the_fix(tmp_path, people, message):
    folder = _write(tmp_path / "registry", people)
    with pytest.raises(RegistryError) as error:
        load_registry(folder)
    assert message in str(error.value)
    assert "people.yaml" in str(error.value)


def test_handover_on_the_same_day_is_not_an_overlap(tmp_path):
    folder = _write(
        tmp_path / "registry",
        "people:\n- name: A B\n  roles:\n  - {office: mayor, body: Beykoz, from: 2019-03-31, to: 2024-03-31}\n"
        "- name: C D\n  roles:\n  - {office: mayor, body: Beykoz, from: 2024-03-31}\n",
    )
    registry = load_registry(folder)
    beykoz = registry.find_body("Beykoz")
    assert [r.person.name for r in registry.heads_of(beykoz, D(2024, 3, 30))] == ["A B"]
    assert [r.person.name for r in registry.heads_of(beykoz, D(2024, 3, 31))] == ["C D"]
