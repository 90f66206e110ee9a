"""A deterministic corpus of fictional press items, for Belde and for plain Pelican.

    python -m bench.generate --n 2000 --out .bench/corpus-2000 [--seed 1] [--collide K]

writes
    <out>/content/YYYY/MM/<slug>.md          Belde items (YAML front matter)
    <out>/content/registry/bodies.yaml       the real districts and İBB (copied from content/registry)
    <out>/content/registry/people.yaml       a FICTIONAL registry: every person in the corpus is invented
    <out>/pelican-content/YYYY/MM/<slug>.md  the same items in Pelican's native Markdown header format
    <out>/manifest.json                      n, seed, collide and the generator's version

Every person is fictional: names are composed from lists of common Turkish first names and surnames,
and names of people in Belde's real registry are never produced. The districts are real. Items are
built from a seeded random.Random per item, so the same seed gives the same bytes, and a corpus of N
items is the first N items of any larger one.
"""

import argparse
import datetime as dt
import json
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from belde.turkish import tr_slugify  # noqa: E402

VERSION = 2
REAL_REGISTRY = ROOT / "content" / "registry"
FIRST_DAY = dt.date(2019, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)

TURKISH_LOWER = "abcçdefgğhıijklmnoöprsştuüvyz"
TURKISH_UPPER = "ABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ"

FIRST_NAMES = [
    "Ahmet", "Ayşe", "Mehmet", "Fatma", "Mustafa", "Emine", "Ali", "Hatice", "Hüseyin", "Zeynep",
    "Hasan", "Elif", "İbrahim", "Meryem", "İsmail", "Şerife", "Osman", "Zehra", "Yusuf", "Sultan",
    "Murat", "Hanife", "Ömer", "Merve", "Ramazan", "Havva", "Halil", "Zeliha", "Süleyman", "Esra",
    "Abdullah", "Özlem", "Mahmut", "Yasemin", "Recep", "Hacer", "Salih", "Gülsüm", "Fatih", "Ümmühan",
    "Kemal", "Şükran", "Kadir", "Gülşen", "Orhan", "Nurcan", "Cengiz", "Sevgi", "Tuncay", "Çiğdem",
    "Uğur", "Dilek", "Erdal", "Gökçe", "Levent", "İpek", "Serkan", "Aslı", "Tolga", "Jale",
    "Volkan", "Pınar", "Burak", "Ebru", "Çağrı", "Nihan", "Doğan", "Müge", "Oğuz", "Ilgın",
]
SURNAMES = [
    "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir",
    "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek",
    "Polat", "Özcan", "Korkmaz", "Çakır", "Erdem", "Yavuz", "Can", "Acar", "Şen", "Aktaş",
    "Güler", "Yalçın", "Güneş", "Bozkurt", "Bulut", "Keskin", "Ünal", "Turan", "Gül", "Özer",
    "Işık", "Kaplan", "Avcı", "Sarı", "Tekin", "Taş", "Köse", "Yüksel", "Ateş", "Aksoy",
    "Çınar", "Karagöz", "Uçar", "Gündoğdu", "Ilıcak", "Jandar", "Vural", "Zengin", "Fidan", "Hızlı",
]
PARTIES = ["CHP", "AKP", "İYİ", "MHP", "DEM"]
SOURCES = ["ANKA", "DHA", "İHA", "AA", None]  # None: the first district's municipality

TOPICS = [
    "ulaşım", "kentsel dönüşüm", "deprem hazırlığı", "çevre", "iklim", "eğitim", "sağlık", "kültür",
    "spor", "altyapı", "sosyal yardım", "gençlik", "kadın", "çocuk", "yaşlı bakımı", "engelli hakları",
    "park ve bahçeler", "su ve kanalizasyon", "atık yönetimi", "geri dönüşüm", "bütçe", "ihale",
    "imar", "tarihî yapılar", "turizm", "esnaf", "istihdam", "gıda güvenliği", "hayvan hakları",
    "afet yönetimi", "toplu taşıma", "bisiklet yolları", "kütüphane", "meclis kararı", "kreş",
    "aşevi", "sağlıklı yaşam", "festival", "mahalle muhtarları", "yerel seçim",
]
NOUNS = [
    "proje", "hizmet", "çalışma", "yatırım", "mahalle", "cadde", "sokak", "meydan", "park", "okul",
    "kütüphane", "spor salonu", "kreş", "otopark", "köprü", "yol", "kavşak", "durak", "hat", "sefer",
    "bütçe", "ihale", "sözleşme", "yönetmelik", "karar", "meclis", "komisyon", "toplantı", "etkinlik",
    "festival", "konser", "sergi", "atölye", "kurs", "burs", "yardım", "kart", "başvuru", "kayıt",
    "vatandaş", "esnaf", "öğrenci", "gönüllü", "aile", "çocuk", "genç", "emekli", "muhtar", "mühendis",
    "işçi", "personel", "ekip", "araç", "otobüs", "minibüs", "vapur", "bisiklet", "yağmur suyu",
    "kanal", "boru hattı", "arıtma tesisi", "çöp", "ağaç", "fidan", "çiçek", "orman", "dere", "sahil",
    "bina", "konut", "dükkân", "pazar yeri", "hal", "fırın", "aşevi", "sağlık ocağı", "poliklinik",
    "hastane", "ambulans", "itfaiye", "toplanma alanı", "deprem", "risk", "güçlendirme", "yıkım",
    "dönüşüm", "imar planı", "ruhsat", "denetim", "ceza", "şikâyet", "talep", "anket", "rapor",
    "veri", "uygulama", "internet sitesi", "sosyal medya", "çağrı merkezi", "ışıklandırma", "kaldırım",
    "asfalt", "rampa", "asansör", "jeneratör", "güneş paneli", "enerji", "su", "doğalgaz", "ısınma",
]
ADJECTIVES = [
    "yeni", "büyük", "küçük", "modern", "tarihî", "kapsamlı", "ücretsiz", "güvenli", "erişilebilir",
    "yeşil", "temiz", "sağlıklı", "hızlı", "düzenli", "kalıcı", "geçici", "yerel", "ortak", "sosyal",
    "kültürel", "çevreci", "ekonomik", "verimli", "dayanıklı", "depreme dayanıklı", "engelsiz",
    "akıllı", "dijital", "şeffaf", "katılımcı", "özgün", "güçlü", "köklü", "yoğun", "önemli",
]
VERBS = [
    "hizmete açıldı", "tamamlandı", "başladı", "sürüyor", "planlanıyor", "onaylandı", "ertelendi",
    "genişletildi", "yenilendi", "denetlendi", "tanıtıldı", "kuruldu", "düzenlendi", "güçlendirildi",
    "ihaleye çıkıldı", "görüşüldü", "kabul edildi", "değerlendirildi", "hazırlandı", "ölçüldü",
    "yaygınlaştırıldı", "takip ediliyor", "incelendi", "paylaşıldı", "duyuruldu",
]
PLACES = ["Caddesi", "Sokağı", "Meydanı", "Parkı", "Mahallesi", "Bulvarı", "Yolu"]
WEEKDAYS = ["pazartesi", "salı", "çarşamba", "perşembe", "cuma", "cumartesi", "pazar"]
MONTHS = ["ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık"]
# A word for each letter, so that an item that lacks a letter can be given one.
LETTER_WORDS = {
    "a": "alan", "b": "bina", "c": "cadde", "ç": "çevre", "d": "durak", "e": "etkinlik", "f": "fidan",
    "g": "gönüllü", "ğ": "değer", "h": "hizmet", "ı": "ışık", "i": "ilçe", "j": "jeneratör", "k": "kavşak",
    "l": "liste", "m": "meydan", "n": "nüfus", "o": "okul", "ö": "öğrenci", "p": "proje", "r": "rapor",
    "s": "sokak", "ş": "şehir", "t": "tesis", "u": "ulaşım", "ü": "ücret", "v": "vatandaş", "y": "yol",
    "z": "zaman",
}
OFFICE_WORDS = {
    "mayor": "Belediye Başkanı",
    "acting_mayor": "Belediye Başkanvekili",
    "trustee": "Kayyum",
    "deputy_mayor": "Belediye Başkan Yardımcısı",
}


# --- Turkish morphology, enough for suffixes that read naturally ----------------------------------
BACK = set("aıou")
FRONT = set("eiöü")
HARD = set("çfhkpsşt")


def tr_upper(text: str) -> str:
    return text.replace("i", "İ").replace("ı", "I").upper()


def tr_lower(text: str) -> str:
    return text.replace("İ", "i").replace("I", "ı").lower()


def _last_vowel(word: str) -> str:
    for char in reversed(tr_lower(word)):
        if char in BACK or char in FRONT or char in "âîû":
            return {"â": "a", "î": "i", "û": "u"}.get(char, char)
    return "e"


def cap(text: str) -> str:
    """The first letter in capitals, the Turkish way (ihale -> İhale); the rest untouched."""
    return tr_upper(text[:1]) + text[1:]


def _compound(word: str) -> bool:
    """'yağmur suyu', 'Taş Meydanı': a possessive compound, which takes n before a case ending."""
    return " " in word and tr_lower(word[-1]) in "ıiuü"


def suffix(word: str, case: str, proper: bool = False) -> str:
    """word + a case suffix by vowel harmony: 'de' (locative), 'den', 'e' (dative), 'i' (accusative),
    'in' (genitive), 'ler' (plural). Proper nouns take an apostrophe: Kağıthane'de, Fatih'te, İBB'nin."""
    spoken = tr_lower(word)
    if proper and len(word) > 1 and word.isupper():
        spoken += "e"  # an acronym is read by its letters: İBB -> i-be-be
    vowel = _last_vowel(spoken)
    two = "a" if vowel in BACK else "e"
    four = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "i": "i", "ö": "ü", "ü": "ü"}[vowel]
    last = spoken[-1]
    ends_vowel = last in BACK or last in FRONT or last in "âîû"
    hard = last in HARD
    compound = not proper and _compound(word)
    if case == "ler" and compound:
        return word  # yağmur suyu -> yağmur suları is irregular; leave it singular
    if compound:
        ending = {"de": "nd" + two, "den": "nd" + two + "n", "e": "n" + two, "i": "n" + four, "in": "n" + four + "n"}[case]
        return word + ending
    if case == "de":
        ending = ("t" if hard else "d") + two
    elif case == "den":
        ending = ("t" if hard else "d") + two + "n"
    elif case == "e":
        ending = ("y" if ends_vowel else "") + two
    elif case == "i":
        ending = ("y" if ends_vowel else "") + four
    elif case == "in":
        ending = ("n" if ends_vowel else "") + four + "n"
    elif case == "ler":
        ending = ("l" + two + "r")
    else:
        raise ValueError(case)
    if proper:
        return f"{word}'{ending}"
    syllables = sum(1 for c in spoken.split()[-1] if c in BACK or c in FRONT)
    if ending[0] in BACK | FRONT and syllables > 1 and last in "çkp" and spoken[-2] in BACK | FRONT:
        word = word[:-1] + {"ç": "c", "k": "ğ", "p": "b"}[last]  # araç -> aracı, sokak -> sokağı
    return word + ending


# --- the fictional registry ---------------------------------------------------------------------
@dataclass
class Role:
    office: str
    body: str
    party: str | None
    start: dt.date
    end: dt.date | None

    def active(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass
class Person:
    name: str
    roles: list = field(default_factory=list)


@dataclass
class Registry:
    ibb: str  # İBB's short name as items write it
    districts: list  # names, in bodies.yaml order
    people: list  # Person
    heads: dict  # body name -> [Role] (mayor, acting_mayor, trustee), in order
    deputies: dict  # district name -> [Role]

    def __post_init__(self):
        self.roles_of = {person.name: person.roles for person in self.people}

    def head(self, body: str, day: dt.date) -> Role:
        return next(r for r in self.heads[body] if r.active(day))


def load_bodies(folder: Path = REAL_REGISTRY) -> tuple:
    with (folder / "bodies.yaml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    ibb = next(b for b in data["bodies"] if b.get("id") == "ibb")
    return ibb.get("short") or ibb["name"], [d["name"] for d in data["districts"]]


def _real_names(folder: Path = REAL_REGISTRY) -> set:
    path = folder / "people.yaml"
    if not path.is_file():
        return set()
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    names = set()
    for person in data.get("people") or ():
        names.add(tr_lower(person["name"]))
        names.update(tr_lower(alias) for alias in person.get("aliases") or ())
    return names


def _day_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def make_registry(seed: int, deputies: int = 200) -> Registry:
    """Two mayors per municipality (the term changes near the middle of 2019–2025), acting mayors
    in five districts and trustees in two after a removal, and `deputies` deputy mayors."""
    rng = random.Random(f"registry-{seed}")
    ibb, districts = load_bodies()
    taken = _real_names()
    names = [f"{first} {last}" for first in FIRST_NAMES for last in SURNAMES]
    rng.shuffle(names)
    pool = iter(n for n in names if tr_lower(n) not in taken)
    people, heads, deputy_roles = [], {}, {d: [] for d in districts}
    bodies = [ibb, *districts]
    span = (LAST_DAY - FIRST_DAY).days
    removed = rng.sample(districts, 7)
    acting, trustees = set(removed[:5]), set(removed[5:])

    def add(office, body, party, start, end):
        person = Person(next(pool))
        role = Role(office, body, party, start, end)
        role.person = person.name  # type: ignore[attr-defined]
        person.roles.append(role)
        people.append(person)
        return role

    for body in bodies:
        change = FIRST_DAY + dt.timedelta(days=int(span * rng.uniform(0.4, 0.6)))
        first = add("mayor", body, rng.choice(PARTIES), FIRST_DAY, change)
        second = add("mayor", body, rng.choice(PARTIES), change, None)
        heads[body] = [first, second]
        if body in acting or body in trustees:
            removal = _day_between(rng, change + dt.timedelta(days=120), LAST_DAY - dt.timedelta(days=200))
            second.end = removal
            if body in acting:
                heads[body].append(add("acting_mayor", body, second.party, removal, None))
            else:
                heads[body].append(add("trustee", body, None, removal, None))
    for number in range(deputies):
        district = districts[number % len(districts)]
        kind = number // len(districts)
        change = heads[district][1].start
        if kind < 2:
            start, end = FIRST_DAY, None
        elif kind == 2:
            start, end = FIRST_DAY, change
        elif kind == 3:
            start, end = change, None
        else:
            start = _day_between(rng, FIRST_DAY, LAST_DAY - dt.timedelta(days=400))
            end = _day_between(rng, start + dt.timedelta(days=200), LAST_DAY)
        deputy_roles[district].append(add("deputy_mayor", district, rng.choice(PARTIES), start, end))
    return Registry(ibb, districts, people, heads, deputy_roles)


def registry_yaml(registry: Registry) -> str:
    lines = [
        "# A FICTIONAL registry generated by bench/generate.py: every person here is invented.",
        "# Terms are half-open: 'to' is the day the office passed on.",
        "people:",
    ]
    for person in registry.people:
        lines.append(f"- name: {person.name}")
        lines.append("  roles:")
        for role in person.roles:
            party = role.party if role.party else "null"
            end = role.end.isoformat() if role.end else "null"
            lines.append(
                f"  - {{office: {role.office}, body: {role.body}, party: {party}, "
                f"from: {role.start.isoformat()}, to: {end}}}"
            )
    return "\n".join(lines) + "\n"


# --- items ---------------------------------------------------------------------------------------
@dataclass
class Item:
    index: int
    title: str
    slug: str
    date: dt.datetime
    districts: list
    officials: list
    topics: list
    source: str
    summary: str
    body: str
    filename: str = ""

    def belde_text(self) -> str:
        front = {
            "title": self.title,
            "date": self.date.date().isoformat(),
            "district": self.districts,
            "officials": self.officials,
            "tags": self.topics,
            "source": self.source,
            "dateline": "İSTANBUL",
            "slug": self.slug,
            "summary": self.summary,
        }
        header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=None)
        return f"---\n{header}---\n{self.body}"

    def pelican_text(self) -> str:
        tags = [*self.topics, *self.districts, *self.officials]
        return (
            f"Title: {self.title}\n"
            f"Date: {self.date:%Y-%m-%d %H:%M}\n"
            f"Category: {self.districts[0]}\n"
            f"Tags: {', '.join(tags)}\n"
            f"Slug: {self.slug}\n"
            f"Summary: {self.summary}\n"
            f"\n{self.body}"
        )

    def relpath(self) -> str:
        return f"{self.date:%Y}/{self.date:%m}/{self.filename or self.slug}.md"


class Writer:
    """Sentences for one item, from its own random stream."""

    def __init__(self, rng, registry, districts, people, topics, day):
        self.rng, self.registry, self.districts, self.people, self.topics, self.day = (
            rng, registry, districts, people, topics, day,
        )
        self.titles = {}

    def pick(self, seq):
        return self.rng.choice(seq)

    def noun(self):
        return self.pick(NOUNS)

    def place(self):
        return f"{self.pick(SURNAMES)} {self.pick(PLACES)}"

    def number(self):
        return self.pick([str(self.rng.randint(2, 99)), str(self.rng.randint(100, 9999)), f"{self.rng.randint(1, 950)} milyon"])

    def title_of(self, name):
        if name not in self.titles:
            role = next(r for r in self.registry.roles_of[name] if r.active(self.day))
            word = "Başkanı" if role.body == self.registry.ibb and role.office == "mayor" else OFFICE_WORDS[role.office]
            self.titles[name] = f"{role.body} {word}"
        return self.titles[name]

    def sentence(self):
        d, rng = self.pick(self.districts), self.rng
        n1, n2, n3 = self.noun(), self.noun(), self.noun()
        a1, a2 = self.pick(ADJECTIVES), self.pick(ADJECTIVES)
        topic = self.pick(self.topics)
        person = self.pick(self.people)
        forms = [
            lambda: f"{suffix(d, 'de', True)} {a1} {n1} {self.pick(VERBS)}.",
            lambda: f"{self.place()} üzerindeki {suffix(n1, 'ler')} için {a1} bir {n2} {self.pick(VERBS)}.",
            lambda: f"{self.title_of(person)} {person}, {topic} alanındaki {suffix(n1, 'i')} {a1} bir {suffix(n2, 'in')} parçası olarak değerlendirdi.",
            lambda: f"{suffix(person, 'in', True)} açıklamasına göre {self.number()} {n1} bu yıl içinde {a2} hâle getirilecek.",
            lambda: f"{self.title_of(person)} {person}, \"{suffix(d, 'de', True)} {n1} konusunda {a1} ve {a2} bir yol izliyoruz; {suffix(n2, 'ler')} bunu görüyor\" dedi.",
            lambda: f"{cap(self.pick(WEEKDAYS))} günü {suffix(self.place(), 'de')} yapılan {n1} toplantısına {self.number()} kişi katıldı.",
            lambda: f"{cap(suffix(n1, 'ler'))} ve {suffix(n2, 'ler')} için ayrılan bütçe {self.number()} lira olarak açıklandı.",
            lambda: f"Çalışmalar {self.pick(MONTHS)} ayında {suffix(d, 'in', True)} {self.rng.randint(2, 40)} mahallesinde {suffix(n3, 'e')} yayılacak.",
            lambda: f"{suffix(self.registry.ibb, 'in', True)} desteğiyle yürütülen {a1} {n1} projesi {suffix(topic, 'e')} katkı sağlıyor.",
            lambda: f"Vatandaşlar {suffix(n1, 'ler')} hakkındaki görüşlerini çağrı merkezine ve {suffix(n2, 'e')} iletebilecek.",
            lambda: f"Ekipler {self.place()} çevresinde {a1} {suffix(n1, 'i')} ölçerek {self.number()} noktada {n2} kurdu.",
            lambda: f"{person}, \"Önceliğimiz {a1} {n1}, {a2} {n2} ve herkes için {n3}\" diye konuştu.",
            lambda: f"İlçe genelinde {suffix(topic, 'e')} yönelik {self.number()} başvuru alındı; {suffix(n1, 'ler')} ağustos sonuna kadar incelenecek.",
            lambda: f"Öğrenciler, gençler ve emekliler {suffix(n1, 'den')} ücretsiz yararlanabilecek.",
            lambda: f"Işıklandırma, kaldırım ve {n1} çalışmalarının {self.rng.randint(2, 24)} ay süreceği öngörülüyor.",
            lambda: f"Güzergâhtaki {suffix(n1, 'ler')} yeniden düzenlenirken {suffix(n2, 'ler')} geçici olarak {suffix(self.place(), 'e')} taşındı.",
            lambda: f"Jeoloji raporu, {suffix(d, 'in', True)} {a1} {suffix(n1, 'i')} için {self.number()} yapının güçlendirilmesini öneriyor.",
            lambda: f"Şehir meclisinde görüşülen {n1} teklifi oy birliğiyle kabul edildi.",
        ]
        return self.pick(forms)()

    def paragraph(self, sentences):
        return " ".join(self.sentence() for _ in range(sentences))


def _complete_alphabet(body: str) -> str:
    """Append a line carrying every Turkish letter the body lacks, in both cases."""
    missing_lower = [c for c in TURKISH_LOWER if c not in body]
    missing_upper = [c for c in TURKISH_UPPER if c not in body]
    if not missing_lower and not missing_upper:
        return body
    words = [LETTER_WORDS[c] for c in missing_lower]
    caps = [tr_upper(LETTER_WORDS[tr_lower(c)]) for c in missing_upper]
    line = "Ayrıntılar: " + ", ".join(words) if words else ""
    if caps:
        line = (line + ". " if line else "") + " ".join(caps)
    return body + "\n\n" + line + ".\n"


def make_item(seed: int, index: int, registry: Registry, words: int = 700, at: dt.datetime | None = None) -> Item:
    """Item number index; `at` dates it at that moment instead of a random one."""
    rng = random.Random(f"item-{seed}-{index}")
    start = dt.datetime.combine(FIRST_DAY, dt.time(8))
    day = FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
    moment = dt.datetime.combine(day, dt.time(rng.randint(8, 19), rng.choice((0, 15, 30, 45))))
    if at is not None:
        day, moment = at.date(), at
    assert moment >= start
    districts = rng.sample(registry.districts, rng.randint(1, 3))
    heads = [registry.head(d, day).person for d in districts]
    others = [r.person for d in districts for r in registry.deputies[d] if r.active(day)]
    others.append(registry.head(registry.ibb, day).person)
    others = [p for p in dict.fromkeys(others) if p not in heads]
    count = rng.randint(1, 4)
    people = [heads[0]]
    candidates = heads[1:] + others
    people += rng.sample(candidates, min(count - 1, len(candidates)))
    topics = rng.sample(TOPICS, rng.randint(2, 4))
    writer = Writer(rng, registry, districts, people, topics, day)
    main, topic = districts[0], topics[0]
    title = rng.choice([
        f"{suffix(main, 'de', True)} {topic} için {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}",
        f"{main} Belediyesi {rng.choice(NOUNS)} {rng.choice(VERBS)}",
        f"{suffix(main, 'in', True)} {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} projesi {rng.choice(VERBS)}",
        f"{cap(rng.choice(ADJECTIVES))} {rng.choice(NOUNS)}: {main} {topic} programı",
    ])
    parts, count_words = [], 0
    headings = 0
    while count_words < words:
        if parts and headings < 2 and rng.random() < 0.25:
            heading = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} ve {rng.choice(topics)}"
            parts.append("## " + (tr_upper(heading) if rng.random() < 0.5 else cap(heading)))
            headings += 1
            continue
        paragraph = writer.paragraph(rng.randint(3, 6))
        parts.append(paragraph)
        count_words += len(paragraph.split())
    body = _complete_alphabet("\n\n".join(parts) + "\n")
    summary = writer.sentence()
    return Item(
        index=index,
        title=cap(title),
        slug="",
        date=moment,
        districts=districts,
        officials=people,
        topics=topics,
        source=rng.choice(SOURCES) or main,
        summary=summary,
        body=body,
    )


def make_items(seed: int, n: int, registry: Registry, collide: int = 0) -> list:
    items, seen = [], set()
    for index in range(n):
        item = make_item(seed, index, registry)
        item.slug = unique_slug(item.title, seen)
        items.append(item)
    for k in range(min(collide, n // 2)):
        # The last k items take the slug (and month) of the first k: same URL, different file.
        victim, original = items[n - 1 - k], items[k]
        victim.date = victim.date.replace(year=original.date.year, month=original.date.month, day=min(original.date.day, 28))
        victim.filename = f"{original.slug}-kopya"
        victim.slug = original.slug
    return items


def unique_slug(title: str, seen: set) -> str:
    base = tr_slugify(title)[:80].strip("-") or "haber"
    slug, number = base, 1
    while slug in seen:
        number += 1
        slug = f"{base}-{number}"
    seen.add(slug)
    return slug


def write_item(out: Path, item: Item) -> tuple:
    belde = out / "content" / item.relpath()
    plain = out / "pelican-content" / item.relpath()
    for path, text in ((belde, item.belde_text()), (plain, item.pelican_text())):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return belde, plain


def generate(out, n: int, seed: int = 1, collide: int = 0) -> dict:
    out = Path(out)
    for sub in ("content", "pelican-content"):
        if (out / sub).exists():
            shutil.rmtree(out / sub)
    registry = make_registry(seed)
    folder = out / "content" / "registry"
    folder.mkdir(parents=True)
    shutil.copyfile(REAL_REGISTRY / "bodies.yaml", folder / "bodies.yaml")
    (folder / "people.yaml").write_text(registry_yaml(registry), encoding="utf-8")
    (out / "pelican-content").mkdir(parents=True)
    items = make_items(seed, n, registry, collide)
    for item in items:
        write_item(out, item)
    manifest = {"version": VERSION, "n": n, "seed": seed, "collide": collide, "people": len(registry.people)}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="bench.generate", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="number of items (default 2000)")
    parser.add_argument("--out", default=str(ROOT / ".bench" / "corpus"), help="output folder")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--collide", type=int, default=0, metavar="K", help="give K items the slug of another item")
    args = parser.parse_args(argv)
    manifest = generate(args.out, args.n, args.seed, args.collide)
    print(f"{manifest['n']} items and {manifest['people']} fictional people in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
