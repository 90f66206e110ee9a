"""The benchmark's corpus generator: deterministic, complete, fictional, and buildable by Belde."""

import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import generate  # noqa: E402
from belde.build import build  # noqa: E402

N = 30


def files(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    _, header, _ = text.split("---\n", 2)
    return yaml.safe_load(header)


def items(out: Path) -> list:
    return [p for p in sorted((out / "content").rglob("*.md")) if "registry" not in p.parts]


def build_corpus(corpus: Path, output: Path, **settings):
    """Belde's build of the generated corpus into output (its cache beside it)."""
    overrides = {
        "PATH": str(corpus / "content"),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(output.parent / "cache"),
        "BELDE_REGISTRY_PATH": str(corpus / "content" / "registry"),
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        **settings,
    }
    return build(str(ROOT / "pelicanconf.py"), overrides)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate.generate(out, N, seed=7)
    return out


def test_same_seed_same_bytes(corpus, tmp_path):
    generate.generate(tmp_path, N, seed=7)
    assert files(tmp_path / "content") == files(corpus / "content")
    assert files(tmp_path / "pelican-content") == files(corpus / "pelican-content")


def test_another_seed_another_corpus(corpus, tmp_path):
    generate.generate(tmp_path, N, seed=8)
    assert files(tmp_path / "content") != files(corpus / "content")


def test_requested_number_of_items_in_both_formats(corpus):
    assert len(items(corpus)) == N
    assert len(list((corpus / "pelican-content").rglob("*.md"))) == N
    for path in items(corpus):
        year, month = path.parent.parent.name, path.parent.name
        assert front_matter(path)["date"].startswith(f"{year}-{month}-")


def test_no_duplicate_slugs_unless_asked(corpus, tmp_path):
    slugs = [front_matter(p)["slug"] for p in items(corpus)]
    assert len(set(slugs)) == N
    generate.generate(tmp_path, N, seed=7, collide=2)
    slugs = [front_matter(p)["slug"] for p in items(tmp_path)]
    assert len(slugs) == N and len(set(slugs)) == N - 2


def test_every_turkish_letter_in_every_item(corpus):
    for path in items(corpus):
        body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
        missing = [c for c in generate.TURKISH_LOWER + generate.TURKISH_UPPER if c not in body]
        assert not missing, f"{path.name} lacks {missing}"


def test_items_fit_the_schema_and_name_only_generated_people(corpus):
    registry = yaml.safe_load((corpus / "content" / "registry" / "people.yaml").read_text(encoding="utf-8"))
    generated = {person["name"] for person in registry["people"]}
    real = yaml.safe_load((ROOT / "content" / "registry" / "people.yaml").read_text(encoding="utf-8"))
    real_names = {person["name"] for person in real.get("people") or ()}
    assert len(generated) >= 200 and not generated & real_names
    districts = {d["name"] for d in yaml.safe_load((ROOT / "content" / "registry" / "bodies.yaml").read_text(encoding="utf-8"))["districts"]}
    for path in items(corpus):
        meta = front_matter(path)
        assert 1 <= len(meta["district"]) <= 3 and set(meta["district"]) <= districts
        assert 1 <= len(meta["officials"]) <= 4 and set(meta["officials"]) <= generated
        assert 2 <= len(meta["tags"]) <= 4
        assert "2019-01-01" <= meta["date"] <= "2025-12-31"


def test_pelican_format_carries_the_same_items(corpus):
    for path in items(corpus):
        meta = front_matter(path)
        plain = (corpus / "pelican-content" / path.relative_to(corpus / "content")).read_text(encoding="utf-8")
        header = dict(line.split(": ", 1) for line in plain.split("\n\n", 1)[0].splitlines())
        assert header["Title"] == meta["title"] and header["Slug"] == meta["slug"]
        assert header["Category"] == meta["district"][0]
        assert header["Tags"].split(", ") == [*meta["tags"], *meta["district"], *meta["officials"]]


def test_belde_builds_the_corpus_with_nothing_refused(corpus, tmp_path):
    ledger = build_corpus(corpus, tmp_path / "output", BELDE_SEARCH=False)
    assert (ledger.read, ledger.published, len(ledger.refused)) == (N, N, 0), ledger.refused
    assert not ledger.warnings


def test_the_bench_reads_the_search_step_from_the_build(corpus, tmp_path):
    """The search line a build prints gives bench/run.py the step's time and the memory its
    Pagefind runs held together."""
    from bench import run

    text = "\n".join(build_corpus(corpus, tmp_path / "output").lines)
    pages, seconds = run.SEARCH_LINE.search(text).group(1, 2)
    assert int(pages) == N and float(seconds) > 0
    assert 0 < float(run.SEARCH_MEMORY.search(text).group(1)) < 1024


def test_the_search_page_timing_counts_what_the_reader_loads(corpus, tmp_path):
    """bench/search_page.py on a built corpus: the first results are shown, and the requests it
    counts are the search index's files the page needs, none of the filters'."""
    from tests.browser_support import chromium_path

    if chromium_path() is None:
        pytest.skip("the search page timing needs Chromium (make test installs it when run as root)")
    from bench import search_page

    output = tmp_path / "output"
    assert build_corpus(corpus, output).ok
    found = search_page.measure(output, latency_ms=0, query="belediye", then="kagithane")
    assert "sonuç bulundu" in found["status"]
    first = found["first"]
    assert first["kinds"]["shard"] >= 2 and first["kinds"]["index"] >= 1 and first["kinds"]["fragment"] >= 1
    assert "filter" not in first["kinds"], "no filter index is loaded before a filter is chosen"
    assert found["second"]["requests"] >= 1 and found["second"]["seconds"] > 0


def test_the_cold_build_is_compared_site_with_site_and_index_with_index():
    from bench import run

    belde = {"cold_s": 150.0, "search_s": 90.0}  # Belde's build runs its search step
    belde.update(run.cold_parts(belde, 1000, index_in_build=True))
    pelican = {"cold_s": 300.0, "search_s": 140.0}  # Pagefind runs after Pelican's build
    pelican.update(run.cold_parts(pelican, 1000, index_in_build=False))
    assert (belde["cold_site_s"], belde["cold_site_index_s"]) == (60.0, 150.0)
    assert (pelican["cold_site_s"], pelican["cold_site_index_s"]) == (300.0, 440.0)
    printed = run.table({"belde": belde, "pelican": pelican}, 1000)
    site = next(line for line in printed.splitlines() if line.startswith("cold build, site (s)"))
    both = next(line for line in printed.splitlines() if line.startswith("cold build, site and search index"))
    assert "0.200×" in site and site.endswith("pass")
    assert "0.341×" in both and both.endswith("FAIL")
