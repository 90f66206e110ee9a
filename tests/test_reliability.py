"""Hostile input: every file is built or refused with one clear line, and nothing is lost.

The catalogue below is the README's "Reliability" list; each case names its file under
tests/data/hostile/ and the message an editor sees.
"""

import json
import os
import re
import shutil
import time
import weakref
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TEST_REGISTRY, make_site

from belde.press import sanitize, state
from belde.yamlfile import MAX_VALUES, FastTextDateLoader, RefusedYAML, TextDateLoader, load_yaml, loader_for

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"
HOSTILE_SITE = Path(__file__).resolve().parent / "data" / "hostile-site"
GOOD_URL = "2024/05/beykoz-da-iyi-haber/"

REFUSALS = [
    ("billion-laughs.md", f"front matter refused at line 10: anchors and aliases expand to more than {MAX_VALUES} values; write the values out"),
    ("python-object.md", "front matter refused at line 2: the tag '!!python/object/apply:os.system' is not allowed; write plain text, lists and 'key: value' lines"),
    ("custom-tag.md", "front matter refused at line 4: the tag '!ilce' is not allowed; write plain text, lists and 'key: value' lines"),
    ("list-dateline.md", "'dateline' must be text, not a list; write one line"),
    ("dict-district.md", "'district' must be a name or a list of names, not dict"),
    ("date-before-1900.md", "field 'date': '1850-05-01' is out of range; dates run from 1900 to 2100"),
    ("month-13.md", "field 'date': '2024-13-01' is not a day of the calendar; check the day and month"),
    ("status-draf.md", "field 'status' is 'draf'; did you mean 'draft'?"),
    ("javascript-image.md", "field 'image' uses 'javascript:'; write an http(s) address or a path on the site such as /images/x.jpg"),
    ("data-image.md", "field 'image' uses 'data:'; write an http(s) address or a path on the site such as /images/x.jpg"),
    ("image-named-md.md", "the file is binary, not text; keep only Markdown items under content/"),
]  # fmt: skip


@pytest.mark.parametrize("name, message", REFUSALS)
def test_hostile_item_is_refused_and_the_good_one_still_published(build_site, content_dir, name, message):
    content_dir("2024/05/good.md", source=HOSTILE / "good.md")
    content_dir(f"2024/05/{name}", source=HOSTILE / name)
    started = time.monotonic()
    site = build_site(content_dir.folder)
    assert time.monotonic() - started < 30
    path = f"content/2024/05/{name}"
    assert site.ledger.refused == {path: message}
    assert site.ledger.summary() == "2 read, 1 published, 1 refused"
    assert f"refused {path}: {message}" in site.log
    assert "Traceback" not in site.log
    assert site.path(GOOD_URL).is_file()


def test_alias_bomb_is_refused_while_it_is_read():
    text = (HOSTILE / "billion-laughs.md").read_text(encoding="utf-8").split("---")[1]
    started = time.monotonic()
    with pytest.raises(RefusedYAML):
        load_yaml(text)
    assert time.monotonic() - started < 1


def test_yaml_limits_keep_ordinary_anchors_and_safe_types():
    assert load_yaml("a: &x [Beykoz]\nb: *x\nc: !!str 2024\nd: 2024-05-01") == {
        "a": ["Beykoz"], "b": ["Beykoz"], "c": "2024", "d": "2024-05-01",
    }  # fmt: skip
    deep = ["[" * 60 + "]" * 60, "[\n" * 60 + "]\n" * 60, "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "x",
            "- " * 60 + "x", "".join("  " * i + "- k:\n" for i in range(30)) + "  " * 30 + "- x"]  # fmt: skip
    for text in deep:  # libyaml (fast, for plain text) is never handed one of these
        assert loader_for(text) is TextDateLoader
        with pytest.raises(RefusedYAML, match="nested more than 50 deep"):
            load_yaml(text)


@pytest.mark.skipif(FastTextDateLoader is None, reason="PyYAML without libyaml")
def test_a_registry_is_read_by_libyaml():
    """Registry files hold dates, list items and a flow mapping per term: plain text, nothing to guard."""
    for path in sorted((ROOT / "content" / "registry").glob("*.yaml")) + sorted(TEST_REGISTRY.glob("*.yaml")):
        assert loader_for(path.read_text(encoding="utf-8")) is FastTextDateLoader, path.name
    with pytest.raises(RefusedYAML, match="more than 100 aliases"):
        load_yaml("a: &a 1\nb: [" + ", ".join(["*a"] * 101) + "]")
    with pytest.raises(yaml.YAMLError):  # a Python name is never looked up, let alone called
        load_yaml("x: !!python/name:os.system")


def test_unknown_key_is_a_warning_with_did_you_mean(build_site, content_dir):
    content_dir("2024/05/unknown-key.md", source=HOSTILE / "unknown-key.md")
    site = build_site(content_dir.folder)
    assert site.ledger.ok and site.ledger.published == 1
    assert "content/2024/05/unknown-key.md: unknown field 'distrct' is ignored; did you mean 'district'?" in site.log


def test_every_build_in_one_process_reports_its_warnings(build_site, content_dir):
    """`belde serve` builds many times in one process; Pelican's log filter would drop a warning
    it saw before, and every warning after the fifth of its kind."""
    content_dir("2024/05/unknown-key.md", source=HOSTILE / "unknown-key.md")
    warning = "content/2024/05/unknown-key.md: unknown field 'distrct' is ignored; did you mean 'district'?"
    for _ in range(6):
        site = build_site(content_dir.folder, BELDE_INCREMENTAL=False)
        assert warning in site.log


def test_a_process_that_builds_again_frees_the_previous_build(tmp_path):
    """`belde serve` builds again and again in one process: each build's items must go once the
    next build has started (Pelican's memoized methods and the set-aside objects hand them back)."""
    make_site("archive", tmp_path / "output")
    first = weakref.ref(state.writer().context["articles"][0])
    make_site("archive", tmp_path / "output")
    assert first() is None


@pytest.mark.parametrize(
    "first, second, message",
    [
        ("slug-first.md", "slug-second.md", "its address 2024/05/meclis-toplandi/ is already taken by content/2024/05/slug-first.md; give one of them another 'slug'"),
        ("same-a.md", "same-b.md", "same title and date as content/2024/05/same-a.md; remove the duplicate, or change the title if the two items differ"),
    ],
)  # fmt: skip
def test_duplicates_are_refused_never_overwritten(build_site, content_dir, first, second, message):
    content_dir(f"2024/05/{first}", source=HOSTILE / first)
    content_dir(f"2024/05/{second}", source=HOSTILE / second)
    site = build_site(content_dir.folder)
    assert site.ledger.refused == {f"content/2024/05/{second}": message}
    assert site.ledger.summary() == "2 read, 1 published, 1 refused"
    assert "to be overwritten" not in site.log
    kept = (HOSTILE / first).read_text(encoding="utf-8").split("---")[2].split(":")[0].strip()  # its body's first word
    dropped = (HOSTILE / second).read_text(encoding="utf-8").split("---")[2].split(":")[0].strip()
    everything = "\n".join(p.read_text(encoding="utf-8") for p in site.output.rglob("*") if p.suffix in (".html", ".xml"))
    assert kept in everything
    assert dropped not in everything  # not on its page, the index, the district, the feeds


def test_duplicate_refusal_follows_path_order_not_reading_order(build_site, content_dir):
    content_dir("2024/05/b.md", source=HOSTILE / "same-a.md")
    content_dir("2024/04/z.md", source=HOSTILE / "same-b.md")  # earlier path, same title and date
    site = build_site(content_dir.folder)
    assert list(site.ledger.refused) == ["content/2024/05/b.md"]
    assert "content/2024/04/z.md" in site.ledger.refused["content/2024/05/b.md"]


def test_same_slug_in_another_month_is_a_different_address(build_site, content_dir):
    content_dir("2024/05/slug-first.md", source=HOSTILE / "slug-first.md")
    later = (HOSTILE / "slug-second.md").read_text(encoding="utf-8").replace("2024-05-20", "2024-06-20")
    content_dir("2024/06/slug-second.md", later)
    site = build_site(content_dir.folder)
    assert site.ledger.ok and site.ledger.published == 2
    assert site.path("2024/05/meclis-toplandi/").is_file() and site.path("2024/06/meclis-toplandi/").is_file()


@pytest.mark.parametrize(
    "name, url, title",
    [
        ("crlf.md", "2024/05/windows-satir-sonlari/", "Windows satır sonları"),
        ("bom.md", "2024/05/bayt-sirasi-isaretli/", "Bayt sırası işaretli"),
        ("bom-crlf-native.md", "2024/05/yerli-baslik-ve-bom/", "Yerli başlık ve BOM"),
        ("Kağıthane haberi ağustos.md", "2024/05/kagithane-de-cocuk-oyun-alani-acildi/", "Kağıthane’de çocuk oyun alanı açıldı"),
    ],
)
def test_line_endings_byte_order_marks_and_turkish_file_names_build(build_site, content_dir, name, url, title):
    content_dir(f"2024/05/{name}", source=HOSTILE / name)
    site = build_site(content_dir.folder)
    assert site.ledger.ok and site.ledger.summary() == "1 read, 1 published, 0 refused"
    page = site.page(url)
    assert page.h1.get_text(strip=True) == title
    html = site.path(url).read_text(encoding="utf-8")
    assert "\r" not in html and "\ufeff" not in html and "---" not in page.article.get_text() if page.article else True


def test_crlf_item_keeps_its_paragraphs_and_tags(build_site, content_dir):
    content_dir("2024/05/crlf.md", source=HOSTILE / "crlf.md")
    site = build_site(content_dir.folder)
    page = site.page("2024/05/windows-satir-sonlari/")
    paragraphs = [" ".join(p.get_text().split()) for p in page.find_all("p")]
    assert "İlk paragraf." in paragraphs and "İkinci paragraf." in paragraphs
    assert site.path("konu/ulasim/").is_file()


def test_a_large_item_is_refused_with_its_size(build_site, content_dir):
    content_dir("2024/05/good.md", source=HOSTILE / "good.md")
    head = (HOSTILE / "good.md").read_text(encoding="utf-8").replace("iyi haber", "uzun haber")
    paragraph = "Uzun bir paragraf, yine ve yeniden. " * 30 + "\n\n"
    content_dir("2024/05/huge.md", head + paragraph * (10 * 1024 * 1024 // len(paragraph.encode())))
    started = time.monotonic()
    site = build_site(content_dir.folder)
    assert time.monotonic() - started < 30
    assert site.ledger.refused == {
        "content/2024/05/huge.md": "the file is 10.0 MB, over the 5 MB limit (BELDE_MAX_ITEM_BYTES); "
        "split the item or move attachments out of it"
    }
    assert site.path(GOOD_URL).is_file()


def test_the_size_limit_is_a_setting(build_site, content_dir):
    content_dir("2024/05/good.md", source=HOSTILE / "good.md")
    site = build_site(content_dir.folder, BELDE_MAX_ITEM_BYTES=100)
    assert site.ledger.refused["content/2024/05/good.md"].startswith("the file is 111 bytes, over the 100 bytes limit")
    assert build_site(content_dir.folder, BELDE_MAX_ITEM_BYTES=0).ledger.ok  # 0: no limit


def test_a_link_out_of_content_is_refused(build_site, content_dir, tmp_path):
    content_dir("2024/05/good.md", source=HOSTILE / "good.md")
    outside = tmp_path / "secret.md"
    shutil.copy(HOSTILE / "good.md", outside)
    link = content_dir.folder / "2024" / "05" / "link.md"
    os.symlink(outside, link)
    site = build_site(content_dir.folder)
    reason = site.ledger.refused["content/2024/05/link.md"]
    assert reason.startswith("the file is a link that points outside content/ (to ")
    assert reason.endswith("); copy the item into content/ instead")
    assert site.ledger.summary() == "2 read, 1 published, 1 refused"


def test_a_link_inside_content_is_read(build_site, content_dir):
    content_dir("drafts/good.md", source=HOSTILE / "good.md")
    os.makedirs(content_dir.folder / "2024" / "05")
    os.symlink(content_dir.folder / "drafts" / "good.md", content_dir.folder / "2024" / "05" / "good.md")
    site = build_site(content_dir.folder, ARTICLE_EXCLUDES=["registry", "pages", "drafts"])
    assert site.ledger.ok and site.ledger.published == 1


def test_an_image_under_content_is_not_an_item(build_site, content_dir):
    content_dir("2024/05/good.md", source=HOSTILE / "good.md")
    content_dir("2024/05/photo.png", source=HOSTILE / "photo.png")
    content_dir("images/photo.png", source=HOSTILE / "photo.png")
    site = build_site(content_dir.folder)
    assert site.ledger.ok and site.ledger.summary() == "1 read, 1 published, 0 refused"
    assert (site.output / "images" / "photo.png").read_bytes() == (HOSTILE / "photo.png").read_bytes()


# Raw HTML in a body ---------------------------------------------------------------------

RAW_BODY = """Önce <b>kalın</b> ve <span onclick="alert(1)">tık</span>.

<script>alert("gövde")</script>

<iframe src="https://example.org/"></iframe>
<img src="/images/a.png" onerror="alert(2)"> ![kötü](javascript:alert(3)) [bağ](JaVaScRiPt:alert(4))
<style>body { display: none }</style>

| ilçe | nüfus |
|:-----|------:|
| Beykoz | 250.000 |

[İBB](https://www.ibb.istanbul/) ve [ilçe](/ilce/beykoz/).
"""


def _convert(policy: str) -> str:
    import markdown

    settings = {"extensions": ["markdown.extensions.extra"], "extension_configs": {}, "output_format": "html5"}
    return sanitize.clean(markdown.Markdown(**sanitize.markdown_settings(settings, policy)).convert(RAW_BODY), policy)


def test_sanitize_keeps_formatting_and_removes_scripts():
    html = _convert("sanitize")
    for kept in ("<b>kalın</b>", '<img src="/images/a.png">', '<th style="text-align:left">ilçe</th>',
                 '<a href="https://www.ibb.istanbul/">İBB</a>', '<a href="/ilce/beykoz/">ilçe</a>', "<span>tık</span>"):  # fmt: skip
        assert kept in html
    for gone in ("<script", "gövde", "<iframe", "onclick", "onerror", "javascript", "<style", "display"):
        assert gone not in html.lower()


def test_escape_shows_html_as_text_and_still_drops_unsafe_urls():
    html = _convert("escape")
    assert "&lt;b&gt;kalın&lt;/b&gt;" in html and "&lt;script&gt;" in html
    assert "<script" not in html and "<b>" not in html and "javascript" not in html.lower()
    assert '<a href="https://www.ibb.istanbul/">İBB</a>' in html and "<table>" in html


def test_allow_publishes_html_as_written():
    assert '<script>alert("gövde")</script>' in _convert("allow")


def test_an_unknown_policy_is_named():
    with pytest.raises(ValueError, match="BELDE_RAW_HTML is 'strip'; set it to one of sanitize, escape, allow"):
        sanitize.policy({"BELDE_RAW_HTML": "strip"})


@pytest.mark.parametrize("policy, shown", [("sanitize", "<p>Önce <b>kalın</b>"), ("escape", "<p>Önce &lt;b&gt;kalın&lt;/b&gt;")])
def test_the_policy_applies_to_built_pages(build_site, content_dir, policy, shown):
    head = (HOSTILE / "good.md").read_text(encoding="utf-8").split("---\n", 2)[1]
    content_dir("2024/05/raw.md", f"---\n{head}---\n{RAW_BODY}")
    site = build_site(content_dir.folder, BELDE_RAW_HTML=policy)
    html = site.path(GOOD_URL).read_text(encoding="utf-8")
    assert shown in html
    assert "<script>alert" not in html and "<iframe" not in html
    assert _markup_problems(html) == []


# Script injection: every output file ------------------------------------------------------

RAW_NEEDLES = ("<script>alert", "<b>zarar", "<img src=x", "<span onclick", "<iframe")
UNSAFE_URL = re.compile(r"^(javascript|data|vbscript):", re.I)
INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f]")


class _Markup(HTMLParser):
    """Every element, attribute and script text of an HTML document or fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.scripts, self._open = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._open.append((tag, attrs))
        if tag == "script":
            self.scripts.append([attrs, ""])
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"event handler <{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction", "srcset", "poster") and value:
                if UNSAFE_URL.match(INVISIBLE.sub("", value)):
                    self.problems.append(f"unsafe URL <{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed", "style"):
            self.problems.append(f"injected element <{tag}>")

    def handle_endtag(self, tag):
        while self._open and self._open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self._open and self._open[-1][0] == "script":
            self.scripts[-1][1] += data
        elif "zarar" in data and any(tag == "b" for tag, _ in self._open):
            self.problems.append("injected <b> element")


def _markup_problems(html: str) -> list:
    parser = _Markup()
    parser.feed(html)
    parser.close()
    problems = parser.problems
    for attrs, text in parser.scripts:
        kind = attrs.get("type", "")
        if attrs.get("src"):
            continue
        if kind != "application/ld+json":
            problems.append(f"inline script of type {kind!r}: {text[:60]!r}")
            continue
        if "</" in text or "<!--" in text:
            problems.append("JSON-LD text could close its script element")
        json.loads(text)  # still valid JSON
    return problems


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    return make_site(HOSTILE_SITE / "content", root / "output", registry=HOSTILE_SITE / "registry")


def _files(site, *suffixes):
    return [p for p in sorted(site.output.rglob("*")) if p.is_file() and p.suffix in suffixes and "pagefind" not in p.parts]


def test_hostile_site_builds_every_item(hostile_site):
    assert hostile_site.ledger.ok, hostile_site.ledger.refused
    assert hostile_site.ledger.summary() == "3 read, 3 published, 0 refused"


def test_no_output_file_carries_injected_markup(hostile_site):
    files = _files(hostile_site, ".html", ".xml", ".json")
    assert len(files) > 20
    for path in files:
        where = path.relative_to(hostile_site.output)
        text = path.read_text(encoding="utf-8")
        for needle in RAW_NEEDLES:
            assert needle not in text, f"{needle!r} unescaped in {where}"
        if path.suffix == ".html":
            assert _markup_problems(text) == [], where
        elif path.suffix == ".json":
            json.loads(text)


def test_feeds_are_valid_xml_and_their_html_is_clean(hostile_site):
    import xml.etree.ElementTree as ET

    feeds = _files(hostile_site, ".xml")
    assert any(p.name == "atom.xml" for p in feeds)
    for path in feeds:
        root = ET.parse(path).getroot()  # well-formed: every '<' and '&' escaped
        for element in root.iter():
            if element.get("type") == "html" and element.text:
                assert _markup_problems(element.text) == [], f"{path.relative_to(hostile_site.output)} <{element.tag}>"


def test_injected_text_is_shown_as_text(hostile_site):
    title = "</script><script>alert(1)</script> “title” <b>zarar</b>"  # typography curls the quotes
    page = hostile_site.page("2024/05/script-alert-1-script-title/")
    assert page.h1.get_text() == title
    assert title in page.title.get_text()
    assert page.find("meta", property="og:title")["content"].startswith(title)
    [ld] = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json") if "headline" in s.string]
    ld = ld[0] if isinstance(ld, list) else ld
    assert ld["headline"] == title
    caption = page.find("figcaption")
    if caption is not None:
        assert caption.get_text().strip() == '"><img src=x onerror=alert(1)></figcaption><script>alert(1)</script>'
    person = hostile_site.page("kisi/orhan-sen/")
    names = json.dumps([json.loads(s.string) for s in person.find_all("script", type="application/ld+json")], ensure_ascii=False)
    assert '<script>alert(\\"alias\\")</script>' in names


def test_a_javascript_link_in_a_summary_loses_its_address(hostile_site):
    import feedparser

    feed = feedparser.parse(hostile_site.output / "atom.xml")
    assert not feed.bozo, feed.bozo_exception
    [entry] = [e for e in feed.entries if "zarar" in e.title]
    assert "javascript" not in entry.summary and "bağ" in entry.summary


def test_the_search_index_holds_text_and_the_search_page_inserts_it_as_text(hostile_site):
    import gzip

    fragments = list(hostile_site.output.glob("*/fragment/*.pf_fragment"))
    for fragment in fragments:
        data = gzip.decompress(fragment.read_bytes())
        data = data[data.index(b"{"):]
        record = json.loads(data)
        if "zarar" in record.get("meta", {}).get("title", ""):
            assert record["meta"]["title"] == "</script><script>alert(1)</script> “title” <b>zarar</b>"
    script = (hostile_site.output / "theme" / "js" / "search.js")
    if script.is_file():
        code = script.read_text(encoding="utf-8")
        assert "innerHTML" not in code and "insertAdjacentHTML" not in code and "document.write" not in code


# Registry edits reach every page on the next build ---------------------------------------

ITEM = """---
title: Beykoz'da sahil projesi
date: 2024-05-02
district: Beykoz
officials: [Orhan Şen]
---
Metin.
"""


def _text_of(site, url):
    return " ".join(site.page(url).get_text(" ").split())


def test_registry_edits_update_every_page_on_the_next_build(tmp_path, content_dir):
    registry = tmp_path / "registry"
    shutil.copytree(TEST_REGISTRY, registry)
    content_dir("2024/05/sahil.md", ITEM)
    output = tmp_path / "output"
    urls = ("2024/05/beykoz-da-sahil-projesi/", "ilce/beykoz/", "kisi/orhan-sen/")

    first = make_site(content_dir.folder, output, registry=registry)
    assert first.ledger.ok
    before = {url: _text_of(first, url) for url in urls}
    assert all("Orhan Şen" in text for text in before.values())
    assert "30 Ekim 2024" in before["kisi/orhan-sen/"]

    people = registry / "people.yaml"
    text = people.read_text(encoding="utf-8")
    assert text.count("name: Orhan Şen") == 1 and "2024-10-30" in text
    # A spelling fix keeps the person's address with 'id'; the term now ends earlier.
    edited = text.replace("- name: Orhan Şen\n", "- name: Orhan Şenol\n  id: orhan-sen\n").replace("2024-10-30", "2024-10-20")
    people.write_text(edited, encoding="utf-8")
    os.utime(people, ns=(time.time_ns(), time.time_ns() + 10**9))  # a new stamp even on coarse clocks
    (content_dir.folder / "2024/05/sahil.md").write_text(ITEM.replace("Orhan Şen]", "Orhan Şenol]"), encoding="utf-8")

    second = make_site(content_dir.folder, output, registry=registry)
    assert second.ledger.ok, second.ledger.refused
    item = _text_of(second, "2024/05/beykoz-da-sahil-projesi/")
    district = _text_of(second, "ilce/beykoz/")
    assert "Orhan Şenol" in item and "Orhan Şenol" in district
    assert "Orhan Şen " not in item + " " and "Orhan Şen " not in district + " "
    person = _text_of(second, "kisi/orhan-sen/")
    assert "Orhan Şenol" in person and "20 Ekim 2024" in person and "30 Ekim 2024" not in person


def test_a_new_alias_is_understood_on_the_next_build(tmp_path, content_dir):
    registry = tmp_path / "registry"
    shutil.copytree(TEST_REGISTRY, registry)
    content_dir("2024/05/sahil.md", ITEM.replace("[Orhan Şen]", "[Başkan Şen]"))
    output = tmp_path / "output"
    first = make_site(content_dir.folder, output, registry=registry)
    assert "unknown person 'Başkan Şen'" in first.ledger.refused["content/2024/05/sahil.md"]

    people = registry / "people.yaml"
    text = people.read_text(encoding="utf-8")
    people.write_text(text.replace("- name: Orhan Şen\n", "- name: Orhan Şen\n  aliases: [Başkan Şen]\n", 1), encoding="utf-8")
    os.utime(people, ns=(time.time_ns(), time.time_ns() + 10**9))
    second = make_site(content_dir.folder, output, registry=registry)
    assert second.ledger.ok, second.ledger.refused
    assert "Orhan Şen" in _text_of(second, "2024/05/beykoz-da-sahil-projesi/")


def test_a_body_that_opens_like_a_header_line_is_kept(build_site, content_dir):
    head = (HOSTILE / "good.md").read_text(encoding="utf-8").split("---\n", 2)[1]
    content_dir("2024/05/good.md", f"---\n{head}---\nKadıköy: yeni park açıldı.\nİkinci satır.\n")
    site = build_site(content_dir.folder)
    body = " ".join(site.page(GOOD_URL).find(class_="item-body").get_text().split())
    assert body == "Kadıköy: yeni park açıldı. İkinci satır."
