"""`belde serve` shows a saved item first, rendered from the last build, then rebuilds exactly.

The first look (press/preview.py) must already be the page the rebuild writes, and the rebuild
must render again, or remove, every page the first look wrote.
"""

import shutil

import pytest
from conftest import DATA, TEST_REGISTRY, make_site, shard_stamps, snapshot

from belde.press.preview import preview

IN_PLACE = {"BELDE_ATOMIC": False}  # as belde serve builds


def _edit(old: str, new: str, page: str):
    """An edit of the item on Beykoz's shore works; `page` is its page afterwards."""

    def change(content):
        path = content / "2024" / "beykoz-orhan.md"
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        return path, page

    return change


_edit_body = _edit("Beykoz sahilinde", "Beykoz'un kuzey sahilinde", "2024/10/beykoz-da-sahil-duzenlemesi/index.html")
_edit_title = _edit("sahil düzenlemesi", "sahil yenilendi", "2024/10/beykoz-da-sahil-yenilendi/index.html")
# A new date moves the item between its neighbours, and to another address.
_move = _edit("date: 2024-10-29", "date: 2025-02-11", "2025/02/beykoz-da-sahil-duzenlemesi/index.html")


def _add(content):
    path = content / "2025" / "yeni-haber.md"
    path.write_text(
        "---\ntitle: Beykoz'da yeni park\ndate: 2025-03-05\ndistrict: Beykoz\nofficials: [Ümit Ilgaz]\n"
        "tags: [sahil, park]\n---\nYeni park açıldı.\n",
        encoding="utf-8",
    )
    return path, "2025/03/beykoz-da-yeni-park/index.html"


@pytest.mark.parametrize("change", [_edit_body, _edit_title, _move, _add], ids=["body", "title", "date", "add"])
def test_the_first_look_is_the_page_the_rebuild_writes(tmp_path, change):
    content = tmp_path / "content"
    shutil.copytree(DATA / "archive", content)
    output = tmp_path / "output"
    make_site(content, output, **IN_PLACE)
    path, page = change(content)

    written = preview([path])
    first_look = (output / page).read_bytes()
    rebuilt = make_site(content, output, **IN_PLACE)
    cold = make_site(content, tmp_path / "cold")

    assert written == [page]
    assert rebuilt.ledger.ok
    assert first_look == (cold.output / page).read_bytes(), "neighbours, related items and notes as the rebuild has them"
    assert snapshot(output) == snapshot(cold.output)


@pytest.mark.parametrize(
    "old, new, page",
    [
        ("date: 2024-10-29", "date: 2024-10-29\nslug: beykoz-kopya", "2024/10/beykoz-kopya/index.html"),
        ("title: Beykoz'da sahil düzenlemesi", "title: Beykoz sahili yeniden\nslug: beykoz-da-sahil-duzenlemesi",
         "2024/10/beykoz-da-sahil-duzenlemesi/index.html"),
    ],
    ids=["same-title-and-date", "same-address"],
)  # fmt: skip
def test_a_first_look_at_an_item_the_rebuild_refuses_is_undone(tmp_path, old, new, page):
    """A copy of an item, after the original by path (so the original keeps its place): the
    first look writes the copy's page; the rebuild refuses the copy and removes that page, or
    gives its address back to the original, whose own digest never changed."""
    content = tmp_path / "content"
    shutil.copytree(DATA / "archive", content)
    output = tmp_path / "output"
    make_site(content, output, **IN_PLACE)
    copy = content / "2024" / "beykoz-yinelenen.md"
    copy.write_text((content / "2024" / "beykoz-orhan.md").read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    written = preview([copy])
    first_look = (output / page).read_bytes()
    rebuilt = make_site(content, output, **IN_PLACE)
    cold = make_site(content, tmp_path / "cold")

    assert written == [page]
    assert "content/2024/beykoz-yinelenen.md" in rebuilt.ledger.refused
    assert snapshot(output) == snapshot(cold.output)
    assert not (output / page).exists() or (output / page).read_bytes() != first_look


def test_an_item_the_build_would_refuse_gets_no_first_look(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(DATA / "archive", content)
    output = tmp_path / "output"
    make_site(content, output, **IN_PLACE)
    path = content / "2024" / "beykoz-orhan.md"
    path.write_text(path.read_text(encoding="utf-8").replace("district: Beykoz", "district: Beykozz"), encoding="utf-8")
    before = snapshot(output)

    assert preview([path]) == []
    assert snapshot(output) == before


def test_a_staged_build_gets_no_first_look(tmp_path):
    """`belde build` publishes a staging folder: the pages of its last build are not where it wrote them."""
    content = tmp_path / "content"
    shutil.copytree(DATA / "archive", content)
    make_site(content, tmp_path / "output", TEST_REGISTRY)
    path, _ = _edit_body(content)
    assert preview([path]) == []


def test_an_item_shown_first_is_indexed_again_by_a_rebuild_under_other_settings(tmp_path):
    """The first look wrote the item's new bytes: the rebuild finds its page as it renders it,
    yet the search index still holds the old text, so the item's shard is indexed again."""
    content = tmp_path / "content"
    shutil.copytree(DATA / "archive", content)
    output = tmp_path / "output"
    make_site(content, output, BELDE_SEARCH=True, **IN_PLACE)
    before = shard_stamps(output)
    path, _ = _edit_body(content)
    preview([path])
    rebuilt = make_site(content, output, BELDE_SEARCH=True, DEFAULT_PAGINATION=2, **IN_PLACE)
    after = shard_stamps(output)
    assert rebuilt.ledger.ok
    assert {shard for shard in before if after[shard] != before[shard]} == {"2024"}  # the item's year
