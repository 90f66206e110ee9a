"""Tagging through the registry: Turkish morphology, about versus mentioned, false friends."""

import datetime as dt
from pathlib import Path

import pytest

from belde.importer.evaluate import DEFAULT_SET, evaluate
from belde.importer.tagger import Tagger
from belde.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "content" / "registry"


@pytest.fixture(scope="module")
def tagger():
    return Tagger(load_registry(REGISTRY))


def tag(tagger, lead, title="Haber", body=(), day=dt.date(2024, 6, 10), dateline=""):
    parts = [("title", title), ("lead", lead)] + [("body", b) for b in body]
    return tagger.tag(parts, day, day, dateline=dateline)


PHENOMENA = [
    # (lead, districts, officials)
    ("Ekipler Kağıthane'de çalıştı.", ["Kağıthane"], []),
    ("Ekipler Beykoz’un sahilinde çalıştı.", ["Beykoz"], []),
    ("Ekipler Maltepe‘de çalıştı.", ["Maltepe"], []),
    ("Ekipler KAĞITHANE'DE çalıştı.", ["Kağıthane"], []),
    ("Ekipler Kâğıthane'de çalıştı.", ["Kağıthane"], []),
    ("Ekipler Kagithane'de calisti.", ["Kağıthane"], []),
    ("Ziyaret: İBB Başkanı EKREM İMAMOĞLU’NDAN açıklama geldi.", ["İstanbul"], ["Ekrem İmamoğlu"]),
    ("Sarıyer Belediye Başkanı M. Oktay Aksu sahili gezdi.", ["Sarıyer"], ["Mustafa Oktay Aksu"]),
    ("Bakırköy Belediye Başkanı Doç. Dr. Ayşegül Ovalıoğlu pazarı açtı.", ["Bakırköy"], ["Ayşegül Ovalıoğlu"]),
    ("Törende Başkan Öztekin konuştu.", ["Kağıthane"], ["Mevlüt Öztekin"]),
    ("Özgür Başkanımız sahili gezdi.", ["Şile"], ["Özgür Kabadayı"]),
    ("Eyüp Sultan'da çeşme onarıldı.", ["Eyüpsultan"], []),
    ("Sultanbeyli'nin Fatih Mahallesi'nde park açıldı.", ["Sultanbeyli"], []),
    ("Şarkıcı Fatih Erkoç Pendik'te sahne aldı.", ["Pendik"], []),
    ("Bosna Hersek'in Tuzla kentinde festival yapıldı.", [], []),
    ("Ankara'nın Çankaya ilçesine bağlı Bahçelievler semtinde toplantı yapıldı.", [], []),
    ("Trabzon'da Ortahisar Belediye Başkanı Ahmet Kaya konuştu.", [], []),
    ("Kadıköy Belediye Başkanı Mesut Kösedağı ile Üsküdar Belediye Başkanı Sinem Dedetaş protokol imzaladı.",
     ["Kadıköy", "Üsküdar"], ["Mesut Kösedağı", "Sinem Dedetaş"]),
]


@pytest.mark.parametrize("lead, districts, officials", PHENOMENA, ids=[p[0][:40] for p in PHENOMENA])
def test_phenomena(tagger, lead, districts, officials):
    tags = tag(tagger, lead)
    assert sorted(tags.districts) == sorted(districts)
    assert sorted(tags.officials) == sorted(officials)


def test_surname_alone_counts_after_a_full_mention(tagger):
    tags = tag(tagger, "Beykoz Belediye Başkanı Alaattin Köseler dereyi inceledi.", title="KÖSELER’DEN İNCELEME")
    found = {f.name: f for f in tags.found}
    assert sorted(e[1] for e in found["Alaattin Köseler"].evidence) == ["Alaattin Köseler", "KÖSELER"]
    assert found["Alaattin Köseler"].about


def test_a_surname_alone_without_a_full_mention_or_title_is_not_tagged(tagger):
    tags = tag(tagger, "Yüksel Can sahilde yürüdü.", day=dt.date(2024, 6, 10))
    assert tags.officials == []


def test_body_only_districts_and_former_office_holders_are_mentions(tagger):
    tags = tag(
        tagger,
        "Maltepe Belediyesi kütüphane açtı. Açılışa Maltepe Belediye Başkanı Esin Köymen katıldı.",
        body=["İlk bina eski Maltepe Belediye Başkanı Ali Kılıç döneminde yapıldı. Benzeri Kadıköy'de de var."],
        day=dt.date(2024, 10, 1),
    )
    assert tags.districts == ["Maltepe"] and tags.officials == ["Esin Köymen"]
    assert sorted(tags.mentions) == ["Ali Kılıç", "Kadıköy"]


@pytest.mark.parametrize(
    "lead, day",
    [
        ("AKP İstanbul İl Başkanı Abdullah Özdemir teşkilatla buluştu.", dt.date(2025, 5, 12)),
        ("CHP Üsküdar Belediye Başkan Adayı Sinem Dedetaş projelerini tanıttı.", dt.date(2024, 3, 15)),
        ("Sinem Dedetaş projelerini tanıttı.", dt.date(2023, 12, 1)),
    ],
)
def test_people_without_public_office_are_not_tagged(tagger, lead, day):
    tags = tag(tagger, lead, day=day)
    assert tags.officials == [] and tags.mentions == []
    assert tags.skipped, "the reason must be reported"


def test_unknown_office_holder_goes_to_review_with_the_sentence(tagger):
    tags = tag(tagger, "Pendik Belediye Başkanı Ahmet Cin, Ortahisar Belediye Başkanı Ahmet Kaya ile protokol imzaladı.")
    assert tags.officials == ["Ahmet Cin"]
    (what, why, sentence), = tags.review
    assert what == "Ortahisar Belediye Başkanı Ahmet Kaya"
    assert "registry" in why and sentence.startswith("Pendik Belediye Başkanı")


def test_ibb_is_a_body_and_a_city_wide_item_is_istanbul(tagger):
    tags = tag(tagger, "İstanbul Büyükşehir Belediyesi gece seferlerini artırdı.")
    assert tags.bodies == ["İBB"] and tags.districts == ["İstanbul"]
    tags = tag(tagger, "İBB Başkanı Ekrem İmamoğlu Kağıthane'de ziyarette bulundu.")
    assert tags.bodies == ["İBB"] and tags.districts == ["Kağıthane"]


def test_dateline_place_is_about(tagger):
    tags = tag(tagger, "Ekipler sahili temizledi.", dateline="ŞİLE / İSTANBUL")
    assert tags.districts == ["Şile"]


def test_evaluation_meets_the_targets():
    count, districts, people = evaluate(ROOT / DEFAULT_SET, REGISTRY)
    assert count >= 30
    for score in (districts, people):
        assert score.precision >= 0.95, score.errors
        assert score.recall >= 0.95, score.errors
