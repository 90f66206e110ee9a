"""Datelines, dates, titles, subheadings and typography, table-driven."""

import datetime as dt

import pytest

from belde.importer.parse import find_date, is_subheading, parse_release
from belde.importer.render import typography

PLACES = {"istanbul", "sile", "kadikoy", "catalca", "ankara"}

DATELINES = [
    ("(İSTANBUL) - İBB yeni hat açtı.", "İSTANBUL", "", "İBB yeni hat açtı."),
    ("(İSTANBUL) – İBB yeni hat açtı.", "İSTANBUL", "", "İBB yeni hat açtı."),
    ("(İSTANBUL - ANKA) - İBB yeni hat açtı.", "İSTANBUL", "ANKA", "İBB yeni hat açtı."),
    ("İSTANBUL, (DHA)- İBB yeni hat açtı.", "İSTANBUL", "DHA", "İBB yeni hat açtı."),
    ("İSTANBUL(DHA)-İBB yeni hat açtı.", "İSTANBUL", "DHA", "İBB yeni hat açtı."),
    ("KADIKÖY (İHA) – Belediye park açtı.", "KADIKÖY", "İHA", "Belediye park açtı."),
    ("ŞİLE / İSTANBUL - Belediye sahili temizledi.", "ŞİLE / İSTANBUL", "", "Belediye sahili temizledi."),
    ("(İSTANBUL)-Glued lead starts here.", "İSTANBUL", "", "Glued lead starts here."),
]


@pytest.mark.parametrize("lead, dateline, agency, rest", DATELINES)
def test_datelines(lead, dateline, agency, rest):
    release = parse_release(f"Başlık burada\n\n{lead}\n\nİkinci paragraf.", PLACES)
    assert (release.dateline, release.agency, release.lead) == (dateline, agency, rest)
    assert release.title == "Başlık burada"


def test_dateline_on_its_own_line():
    release = parse_release("Şile'de temizlik\n\nŞİLE / İSTANBUL\n\nEkipler sahili temizledi.\n\nİkinci.", PLACES)
    assert (release.title, release.dateline, release.lead) == ("Şile'de temizlik", "ŞİLE / İSTANBUL", "Ekipler sahili temizledi.")


def test_an_all_caps_title_is_not_a_dateline():
    release = parse_release("İMAMOĞLU’NDAN ZİYARET\n\n(İSTANBUL) - Ziyaret yapıldı.\n\nSon.", PLACES)
    assert release.title == "İMAMOĞLU’NDAN ZİYARET" and release.dateline == "İSTANBUL"


DATES = [
    ("22 Nisan 2024", dt.date(2024, 4, 22)),
    ("22 Nisan 2024 Pazartesi", dt.date(2024, 4, 22)),
    ("22.04.2024", dt.date(2024, 4, 22)),
    ("22/04/2024 14:30", dt.date(2024, 4, 22)),
    ("1 ŞUBAT 2025", dt.date(2025, 2, 1)),
    ("Tarih: 05.11.2024", dt.date(2024, 11, 5)),
]


@pytest.mark.parametrize("line, day", DATES)
def test_date_lines(line, day):
    release = parse_release(f"Başlık\n\n{line}\n\n(İSTANBUL) - Lead.\n\nBody.", PLACES)
    assert release.date.start == day and release.date.is_exact
    assert find_date(line)[0] == day


def test_a_date_inside_a_sentence_is_not_the_items_date():
    release = parse_release("(İSTANBUL) - 31 Mart 2024 seçimlerinden sonra ziyaret yapıldı.\n\nSon.", PLACES)
    assert release.date is None


def test_a_date_line_at_the_end():
    release = parse_release("Başlık\n\n(İSTANBUL) - Lead.\n\nBody.\n\n14 Eylül 2024 Cumartesi", PLACES)
    assert release.date.start == dt.date(2024, 9, 14)
    assert release.blocks == [("p", "Lead."), ("p", "Body.")]


def test_agency_line_at_the_end():
    release = parse_release("Başlık\n\n(İSTANBUL) - Lead.\n\nBody.\n\n(ANKA)", PLACES)
    assert release.agency == "ANKA" and release.blocks[-1] == ("p", "Body.")


def test_title_derived_from_the_lead_when_there_is_no_title_line():
    text = (
        "(İSTANBUL) - İBB Başkanı Ekrem İmamoğlu, Kağıthane'de AKP'den yeniden belediye başkanı seçilen "
        "Mevlüt Öztekin'e tebrik ziyaretinde bulundu. İmamoğlu konuştu.\n\nİkinci paragraf."
    )
    release = parse_release(text, PLACES)
    assert release.title_derived
    assert release.title == "İBB Başkanı Ekrem İmamoğlu, Mevlüt Öztekin'e tebrik ziyaretinde bulundu"
    assert release.lead.startswith("İBB Başkanı")


SUBHEADINGS = [
    ('"İstanbul\'un yereli çok güçlü olmalı"', True),
    ('Öztekin: "İnşallah güzel hizmetlerle beraber ilçemize hizmet etmeye devam ederiz"', True),
    ("Çocuklar için oyun alanı", True),
    ("Öztekin'i ziyaret ettiğini vurgulayan İmamoğlu, şunları söyledi:", False),
    ('"Bunu bitirdikten sonra düzenli bir biçimde çalışacağız."', False),
    ("Kreşte 80 çocuk eğitim alacak.", False),
]


@pytest.mark.parametrize("block, expected", SUBHEADINGS)
def test_subheadings(block, expected):
    assert is_subheading(block) is expected


TYPOGRAPHY = [
    ('İmamoğlu, " İstanbul\'un 39 ilçesi" dedi.', "İmamoğlu, “İstanbul’un 39 ilçesi” dedi."),
    ("Başkanımıza 'hoş geldiniz' diyoruz", "Başkanımıza ‘hoş geldiniz’ diyoruz"),
    ("İstanbul ’un parkları", "İstanbul’un parkları"),
    ("Maltepe‘de pazar", "Maltepe’de pazar"),
    ("Kadıköy - Üsküdar hattı", "Kadıköy – Üsküdar hattı"),
    ("Tonguç Bey'e -sağ olsun beraberiz- teşekkür", "Tonguç Bey’e -sağ olsun beraberiz- teşekkür"),
]


@pytest.mark.parametrize("raw, expected", TYPOGRAPHY)
def test_typography_changes_no_words(raw, expected):
    result = typography(raw)
    assert result == expected
    strip = lambda s: "".join(ch for ch in s if ch.isalnum())  # noqa: E731
    assert strip(result) == strip(raw)
