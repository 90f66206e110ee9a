"""Properties over arbitrary input: the front-matter parser, the Turkish text layer, the importer,
and the shortcuts that spare a library work it has none of (typography, Markdown, search folding).

Each answers with a result or its own refusal (ItemRefused, ImportRefused), never another
exception; each shortcut gives what the library gives. Example counts stay modest so that the
suite stays fast.
"""

import argparse
import re
from pathlib import Path

import markdown
import pytest
import smartypants
from conftest import ROOT, TEST_REGISTRY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pelican.readers import Readers
from pelican.settings import read_settings
from typogrify.filters import amp, widont

from belde.importer import ImportRefused
from belde.importer.cli import plan_file
from belde.importer.tagger import Tagger
from belde.press import plain_markdown, reader, sanitize, schema, typeset
from belde.press.ledger import ItemRefused
from belde.press.press import DEFAULTS
from belde.press.reader import decode, split_front_matter
from belde.press.schema import FIELDS, normalise
from belde.registry import load_registry
from belde.search import search as search_module
from belde.turkish import tr_lower, tr_slugify, tr_sort_key, tr_upper

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TURKISH = "abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ"
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

REGISTRY = load_registry(TEST_REGISTRY)
SETTINGS = read_settings(str(ROOT / "pelicanconf.py"), override={"BELDE_REGISTRY_PATH": str(TEST_REGISTRY), **DEFAULTS})

# Front matter --------------------------------------------------------------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
    st.sampled_from(["2024-05-02", "2024-05", "2024", "2024-04/2024-06", "2024-02-30", "1850-01-01",
                     "Beykoz", "Kağıthane", "İstanbul", "Orhan Şen", "published", "draft", "javascript:x"]),
)  # fmt: skip
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
keys = st.one_of(st.sampled_from(FIELDS), st.text(max_size=12), st.integers())


def _normalise(raw):
    return normalise(raw, "content/x.md", REGISTRY, SETTINGS, warn=lambda message: None)


@FAST
@given(st.dictionaries(keys, values, max_size=8))
def test_any_front_matter_dict_gives_metadata_or_a_refusal(raw):
    try:
        metadata = _normalise(raw)
    except ItemRefused as refusal:
        assert refusal.reason and "\n" not in refusal.reason.strip()
        return
    assert metadata["title"] and metadata["date"] and SLUG.match(metadata["slug"])


@FAST
@given(st.dictionaries(st.sampled_from(FIELDS), values, max_size=6))
def test_known_fields_with_any_values_give_metadata_or_a_refusal(raw):
    raw = {"title": "Başlık", "date": "2024-05-02", **raw}
    try:
        _normalise(raw)
    except ItemRefused:
        pass


@FAST
@given(st.text(max_size=300))
def test_any_text_splits_or_is_refused(text):
    try:
        raw, body = split_front_matter(text, "content/x.md")
    except ItemRefused:
        return
    assert isinstance(raw, dict) and isinstance(body, str)
    try:
        _normalise(raw)
    except ItemRefused:
        pass


yaml_lines = st.lists(
    st.one_of(
        st.sampled_from(["title: Başlık", "date: 2024-05-02", "district: Beykoz", "tags: [a, b]", "officials: [Orhan Şen]",
                         "a: &x [1, 2]", "b: *x", "c: !!python/object:os.system", "- liste", "  girinti: 1", "key: 'tırnak",
                         "d: {", "status: draf", "date: 2024-13-01", "district: {name: Beykoz}", "? karmaşık", "<<: *x"]),
        st.text(max_size=20).map(lambda t: t.replace("\n", " ")),
    ),
    max_size=8,
)  # fmt: skip


@FAST
@given(yaml_lines, st.text(max_size=50))
def test_any_yaml_front_matter_is_read_or_refused(lines, body):
    text = "---\n" + "\n".join(lines) + "\n---\n" + body
    try:
        raw, _ = split_front_matter(text, "content/x.md")
        _normalise(raw)
    except ItemRefused:
        pass


@FAST
@given(st.binary(max_size=200))
def test_any_bytes_decode_or_are_refused(data):
    try:
        text = decode(data, "content/x.md")
    except ItemRefused:
        return
    assert "\r" not in text and not text.startswith("\ufeff")


# The Turkish text layer ----------------------------------------------------------------------

turkish_text = st.text(alphabet=TURKISH + " -'", max_size=30)


@FAST
@given(turkish_text)
def test_upper_and_lower_round_trip_on_turkish_letters(text):
    assert tr_upper(tr_lower(text)) == tr_upper(text)
    assert tr_lower(tr_upper(text)) == tr_lower(text)
    assert len(tr_upper(text)) == len(text) == len(tr_lower(text))


def test_dotted_and_dotless_i_keep_their_dots():
    assert tr_upper("ıi") == "Iİ" and tr_lower("Iİ") == "ıi"


@FAST
@given(st.lists(st.text(alphabet=TURKISH + " '-0123456789âîû", max_size=12), max_size=12), st.randoms())
def test_sort_key_is_total_deterministic_and_consistent_with_equality(words, random):
    shuffled = list(words)
    random.shuffle(shuffled)
    assert sorted(words, key=tr_sort_key) == sorted(shuffled, key=tr_sort_key)  # one order, whatever the input order
    for a in words:
        for b in words:
            assert (tr_sort_key(a) == tr_sort_key(b)) == (a == b)
            assert (tr_sort_key(a) < tr_sort_key(b)) + (tr_sort_key(b) < tr_sort_key(a)) + (a == b) == 1


def test_sort_key_follows_the_turkish_alphabet():
    assert sorted(["Üsküdar", "Çatalca", "ılık", "İzmir", "Ortaköy", "Ceyhan", "Şile", "Sarıyer"], key=tr_sort_key) == [
        "Ceyhan", "Çatalca", "ılık", "İzmir", "Ortaköy", "Sarıyer", "Şile", "Üsküdar",
    ]  # fmt: skip


@FAST
@given(st.text(max_size=40))
def test_sort_key_accepts_any_text(text):
    assert tr_sort_key(text) == tr_sort_key(str(text))
    sorted([text, "Çay", "çay", "Ilgaz", "İlker"], key=tr_sort_key)


@FAST
@given(st.text(max_size=60))
def test_slugs_are_ascii_words_joined_by_hyphens_or_empty(text):
    slug = tr_slugify(text)
    assert slug == "" or SLUG.match(slug), slug
    assert tr_slugify(slug) == slug


@FAST
@given(turkish_text)
def test_slugs_of_turkish_text_fold_the_letters(text):
    slug = tr_slugify(text)
    assert not set(slug) & set("çğıöşüÇĞİÖŞÜ")


# Typography ----------------------------------------------------------------------------------

# Pieces of a typeset body: the tags and characters that smartypants and widont act on or stop
# at (block ends, inline tags, the elements and comments smartypants skips, a '>' in text), words
# long enough to reach past the end of a block that widont reads first, and a few of them put
# together as Markdown writes them, so that the rare cases come up in a thousand examples.
body_pieces = st.sampled_from([
    "<p>", "</p>", "<h2>", "</h2>", "<ul>", "</ul>", "<li>", "</li>", "<dl>", "<dt>", "</dt>", "<dd>", "</dd>",
    "<em>", "</em>", "<b>", "</b>", "<br>", '<a href="x y">', "</a>", '<span class="caps">', "</span>",
    "<pre>", "</pre>", "<code>", "</code>", "<!-- a > b -->", "<blockquote>", "</blockquote>",
    "\n", "\n\n", " ", "  ", "'", '"', "`", "``", "''", "\\", "--", "...", ". . .", "&quot;", "&amp;", "&", ">", "<",
    "İBB", "Kağıthane'de", "dedi", " söz ", " & ", " &amp; ", "2024", "'alıntı'", '"alıntı"', "</p>\n<p>",
    "<pre>\n<code>", "</code></pre>\n", "x >\n<b>", "dedi çok-uzun-bir-kelime-ki-bloğun-sonundan-kırk-karakterden-uzun",
    "<em>söz çok-uzun-bir-vurgulu-kelime-ve-bir-tane-daha</em>",
])  # fmt: skip


@settings(max_examples=1000, deadline=None)  # cheap, and the cases that tell apart are rare
@given(st.lists(body_pieces, max_size=40).map("".join))
def test_typogrify_filters_run_where_they_act_equal_them_run_over_the_whole_body(body):
    curled = smartypants.smartypants(body, typeset._SMARTYPANTS)
    assert typeset._amp(body) == amp(body)
    assert typeset._smartypants(body) == curled
    assert typeset._widont(body) == widont(body)
    assert typeset._widont(curled) == widont(curled)


# Quotes beside every kind of character that convert_quotes' rules tell apart: spaces of several
# kinds, letters, digits (ASCII and not) and '_', brackets, dashes, punctuation, tags, entities,
# escapes, other quotes, and the "'s" that one rule reads after a quote.
quote_pieces = st.sampled_from([
    "'", '"', "'", '"', "'", '"', "a", "ş", "İ", "s", "S", "1", "٣", "²", "_", " ", "\xa0", "\t", "\n", "\u2003",
    "\f", ".", ",", ";", "!", "?", ":", "(", ")", "[", "]", "{", "}", "-", "—", "<p>", "</p>", "<em>", "</em>",
    '<a href="x\'y">', "&", "&amp;", "&nbsp;", "&#8211;", "&quot;", "`", "\\", "..", "...", "--", ">", "<", "80s",
    "Kağıthane", "'s", "s ", "’", "”", "'_a", "a'1", "'٣", '"_a', "a's'", "'s's",
])  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(quote_pieces, min_size=1, max_size=16).map("".join))
def test_plain_quotes_are_curled_as_smartypants_curls_them(part):
    curled = typeset.curled_quotes(part)
    if curled is not None:
        assert curled == smartypants.smartypants(part, typeset._SMARTYPANTS)


def test_the_quotes_of_press_prose_take_the_shortcut():
    part = """<p>Başkan Ayşe Yıldız, "Kağıthane'de 12 park açtık" dedi; 'yeşil' plan 2024'te biter.</p>"""
    curled = typeset.curled_quotes(part)
    assert curled == smartypants.smartypants(part, typeset._SMARTYPANTS)
    assert "&#8220;Kağıthane&#8217;de 12 park açtık&#8221; dedi; &#8216;yeşil&#8217; plan 2024&#8217;te" in curled


# Plain Markdown ------------------------------------------------------------------------------

# The bodies' Markdown as pelicanconf.py sets it once Pelican's readers have listed `extra` among
# the extensions (read_settings alone leaves it configured but not loaded), and the summaries'.
MARKDOWN = markdown.Markdown(extensions=["markdown.extensions.extra"], output_format="html5")
SUMMARY_MARKDOWN = schema._summary_markdown()

# Bodies of lines of prose, as items have them, separated by line breaks and blank lines. A
# line may start with what makes Markdown start a block there (indentation, a list, a setext
# rule, a definition, a heading, Unicode spaces and digits) or end in whitespace (a hard
# break); some bodies hold a character that opens inline markup, an entity, a table and the
# like, or one of Markdown's own placeholders.
prose = st.lists(st.sampled_from([
    "Kağıthane'de", "park", "açıldı.", "İBB", "“yeni”", '"alıntı"', "2024", "yıl,", "(x)", "%", "—", "…", "!", "@",
    "http://x.y", "a@b.c", "#etiket", "#", "a\tb", "İ", "ı",
]), min_size=1, max_size=4).map(" ".join)  # fmt: skip
line_starts = st.sampled_from([
    "#", "# ", "## ", "##  ", "###### ", "####### ", "- ", "-", "+ ", "=", ": ", ":", "1. ", "2024. ", "²", "٣. ",
    " ", "    ", "\t", "\u00a0", "\u2028",
])  # fmt: skip
line_ends = st.sampled_from(["  ", " ", "\u00a0", "\t"])
rules = st.sampled_from(["===", "---", "- - -", "=", "-", ": tanım", "## başlık #", "1. madde"])  # whole lines
line = st.one_of(prose, st.tuples(line_starts, prose).map("".join), st.tuples(prose, line_ends).map("".join), rules)
special = st.sampled_from([
    "<", "<b>", ">", "> ", "&", "&amp;", "&#39;", "*vurgu*", "**güçlü**", "* ", "_vurgu_", "`kod`", "\\.", "\\-",
    "[bağ](http://x.y)", "![resim](x.png)", "[^1]", "\n\n[^1]: not\n", "*[İBB]: İstanbul", "\n{: .sınıf}\n",
    "\n\n~~~\nkod\n~~~\n\n", "\n\n|a|b|\n|-|-|\n|1|2|\n\n", "\x02", "\x03",
])  # fmt: skip
body_lines = st.lists(st.tuples(line, st.sampled_from(["\n", "\n\n", "\n\n\n", ""])), max_size=4).map(
    lambda parts: "".join(text + end for text, end in parts)
)
markdown_bodies = st.one_of(body_lines, body_lines, st.tuples(body_lines, special, body_lines).map("".join))


@settings(max_examples=2000, deadline=None)  # cheap, and the cases that tell apart are rare
@given(markdown_bodies)
def test_plain_bodies_get_markdowns_html_without_markdown(text):
    html = plain_markdown.plain_html(text)
    if html is not None:
        assert html == MARKDOWN.reset().convert(text)
        assert html == SUMMARY_MARKDOWN.reset().convert(text)


def test_prose_and_headings_take_the_shortcut_and_other_settings_do_not():
    body = "İlk paragraf, “alıntı” ve 2024.\nİkinci satır.\n\n## Ara başlık\n\nSon paragraf (İBB).\n"
    assert plain_markdown.plain_html(body) == MARKDOWN.reset().convert(body)
    built = read_settings(str(ROOT / "pelicanconf.py"))
    Readers(built)  # as a build does: Pelican's readers complete MARKDOWN
    for policy in sanitize.POLICIES:  # the reader's own converters, under every raw-HTML policy
        assert reader._converter(built, policy)[1], policy
    assert plain_markdown.applies({"extensions": ["markdown.extensions.extra"], "extension_configs": {"markdown.extensions.extra": {}}})
    for other in ({"extensions": ["markdown.extensions.nl2br"]}, {"extensions": ["extra", "toc"]},
                  {"extension_configs": {"markdown.extensions.extra": {"footnotes": {"BACKLINK_TEXT": "^"}}}},
                  {"extensions": ["extra"], "lazy_ol": False}):  # fmt: skip
        assert not plain_markdown.applies(other)


# Search folding ------------------------------------------------------------------------------

# Text as item bodies have it, and the characters that decide where a word starts and ends:
# apostrophes (a suffix is dropped), underscores and combining marks (not word characters),
# Unicode whitespace besides the space, digits, and punctuation glued to words.
fold_text = st.lists(
    st.one_of(
        st.sampled_from([" ", "  ", "\n", "\u00a0", "\u2009", "\t", "'", "’", "_", "-", ",", ".", "“", "”", "(", ")",
                         "\u0307", "İ", "ı", "I", "i", "2024", "Kağıthane'de", "İBB’nin", "ılık", "Işık", "snake_case",
                         "çalışma,", "(Sarıyer)", "a'ğ", "ğ'a", "x\u0307y", "ǅ", "²", "٣"]),
        st.text(alphabet=TURKISH + "0123456789 '’_-.,", max_size=8),
    ),
    max_size=40,
).map("".join)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(fold_text)
def test_search_fold_finds_the_words_the_word_pattern_finds_over_the_whole_text(text):
    whole = list(dict.fromkeys(w for w in search_module._words(text) if not w.isascii()))
    assert list(search_module._unique_non_ascii_words(text)) == whole


# The importer --------------------------------------------------------------------------------

TAGGER = Tagger(REGISTRY)


def _plan(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    args = argparse.Namespace(date=None, source=None, out=str(tmp_path / "content"), registry=None, dry_run=True, force=False)
    try:
        planned = plan_file(str(path), args, TAGGER, REGISTRY)
    except ImportRefused as refusal:
        assert refusal.reason and str(path) in str(refusal)
        return None
    for item in planned:
        assert item.text.startswith("---\n") and item.path.suffix == ".md"
    return planned


release_text = st.lists(
    st.one_of(
        st.sampled_from(["İSTANBUL (DHA) - Beykoz Belediyesi yeni parkı açtı.", "22 Nisan 2024", "Kağıthane'de kütüphane",
                         "Orhan Şen törene katıldı.", "<p>Paragraf</p>", "<html><body><p>Metin</p></body></html>",
                         "<?xml version='1.0'?><rss><channel><item><title>T</title></item></channel></rss>", ""]),
        st.text(max_size=60),
    ),
    max_size=6,
).map("\n\n".join)  # fmt: skip


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["a.txt", "a.html", "a.xml"]), release_text)
def test_any_release_text_is_planned_or_refused(tmp_path, name, text):
    _plan(tmp_path, name, text.encode("utf-8"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["a.txt", "a.html", "a.rss"]), st.binary(max_size=300))
def test_any_bytes_are_planned_or_refused(tmp_path, name, data):
    _plan(tmp_path, name, data)


@pytest.mark.parametrize("data", [b"", b"\0\0\0", b"\xff\xfe\x00", "İSTANBUL (DHA) - Beykoz'da park açıldı.".encode("cp1254")])
def test_importer_edge_cases(tmp_path, data):
    _plan(tmp_path, "edge.txt", data)
