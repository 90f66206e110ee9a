"""The Turkish text layer, table by table."""

import datetime as dt

import pytest

from belde.turkish import (
    format_day,
    format_period,
    tr_capitalize,
    tr_casefold,
    tr_caps,
    tr_lower,
    tr_slugify,
    tr_sort_key,
    tr_upper,
)


@pytest.mark.parametrize(
    "text, lower, upper",
    [
        ("İSTANBUL", "istanbul", "İSTANBUL"),
        ("KAĞITHANE", "kağıthane", "KAĞITHANE"),
        ("Iğdır", "ığdır", "IĞDIR"),
        ("istanbul", "istanbul", "İSTANBUL"),
        ("ıslak", "ıslak", "ISLAK"),
        ("ŞİŞLİ", "şişli", "ŞİŞLİ"),
        ("Üsküdar", "üsküdar", "ÜSKÜDAR"),
    ],
)
def test_casing_follows_turkish_rules(text, lower, upper):
    assert tr_lower(text) == lower
    assert tr_upper(text) == upper


@pytest.mark.parametrize("word, expected", [("istanbul", "İstanbul"), ("ızmir", "Izmir"), ("İBB", "İbb")])
def test_capitalize(word, expected):
    assert tr_capitalize(word) == expected


@pytest.mark.parametrize(
    "a, b",
    [("Kâğıthane", "Kağıthane"), ("KAĞITHANE", "kağıthane"), ("  Kadıköy ", "kadıköy"), ("İmamoğlu", "imamoğlu")],
)
def test_casefold_matches_spellings(a, b):
    assert tr_casefold(a) == tr_casefold(b)


def test_casefold_keeps_turkish_letters_unless_asked():
    assert tr_casefold("Kagithane") != tr_casefold("Kağıthane")
    assert tr_casefold("Kagithane", ascii_fold=True) == tr_casefold("Kağıthane", ascii_fold=True)


def test_districts_sort_in_turkish_alphabet_order():
    names = ["Üsküdar", "Çatalca", "Şile", "Büyükçekmece", "Silivri", "Tuzla", "Ümraniye", "Zeytinburnu", "Cihangir"]
    assert sorted(names, key=tr_sort_key) == [
        "Büyükçekmece", "Cihangir", "Çatalca", "Silivri", "Şile", "Tuzla", "Ümraniye", "Üsküdar", "Zeytinburnu",
    ]  # fmt: skip


def test_dotless_i_sorts_before_dotted_i():
    assert sorted(["İzmir", "Işık", "Ilgaz", "ıhlamur"], key=tr_sort_key) == ["ıhlamur", "Ilgaz", "Işık", "İzmir"]


@pytest.mark.parametrize(
    "text, slug",
    [
        ("Kağıthane", "kagithane"),
        ("İmamoğlu", "imamoglu"),
        ("IĞDIR", "igdir"),
        ("Şişli Belediyesi'nde tören", "sisli-belediyesi-nde-toren"),
        ("Kâğıthane", "kagithane"),
        ("Çağan & Öz: “Söz”", "cagan-oz-soz"),
    ],
)
def test_slugs_are_ascii(text, slug):
    assert tr_slugify(text) == slug


def test_dates_in_turkish_without_os_locale():
    assert format_day(dt.date(2024, 4, 22)) == "22 Nisan 2024 Pazartesi"
    assert format_day(dt.date(2024, 2, 29), weekday=False) == "29 Şubat 2024"


@pytest.mark.parametrize(
    "start, end, precision, words",
    [
        ((2024, 4, 1), (2024, 6, 30), "month", "Nisan–Haziran 2024"),
        ((2024, 5, 1), (2024, 5, 31), "month", "Mayıs 2024"),
        ((2023, 12, 1), (2024, 1, 31), "month", "Aralık 2023–Ocak 2024"),
        ((2024, 1, 1), (2024, 12, 31), "year", "2024"),
        ((2024, 4, 22), (2024, 4, 24), "day", "22–24 Nisan 2024"),
    ],
)
def test_periods_are_worded_honestly(start, end, precision, words):
    assert format_period(dt.date(*start), dt.date(*end), precision) == words


@pytest.mark.parametrize(
    "html, wrapped",
    [
        ("İBB ve İSKİ", '<span class="caps">İBB</span> ve <span class="caps">İSKİ</span>'),
        ("AKP'den", '<span class="caps">AKP</span>\'den'),
        ("<code>İBB</code>", "<code>İBB</code>"),
        ('<a title="İBB">x</a>', '<a title="İBB">x</a>'),
        ("İstanbul", "İstanbul"),
        ("<h2>YENİ PARK AÇILDI</h2>", '<h2><span class="caps">YENİ PARK AÇILDI</span></h2>'),
    ],
)
def test_acronyms_with_turkish_capitals_are_wrapped(html, wrapped):
    assert tr_caps(html) == wrapped
