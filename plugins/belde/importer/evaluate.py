"""Precision and recall of the importer's district and person tags on a labelled set.

python -m belde.importer.evaluate [--set tests/data/importer/eval] [--registry content/registry]
"""

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..period import parse_period
from ..registry import load_registry
from .decode import decode_bytes
from .extract import extract
from .parse import parse_release
from .tagger import Tagger

DEFAULT_SET = Path("tests/data/importer/eval")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, name: str, got: list, want: list) -> None:
        got, want = set(got), set(want)
        self.tp += len(got & want)
        self.fp += len(got - want)
        self.fn += len(want - got)
        if got != want:
            self.errors.append(f"{name}: got {sorted(got)}, want {sorted(want)}")


def tag_file(path: Path, tagger: Tagger, date: str | None):
    text, _ = decode_bytes(path.read_bytes(), str(path))
    results = []
    for source in extract(str(path), text):
        release = parse_release(source.text, tagger.place_keys, title_hint=source.title, date_hint=source.date)
        period = parse_period(date) if date else release.date
        if period is None:
            raise ValueError(f"{path}: no date in the text and none in the expectations")
        parts = [("title", release.title)] + [
            ("lead" if i == 0 else "body", t) for i, (_, t) in enumerate(release.blocks)
        ]
        results.append((release, tagger.tag(parts, period.start, period.end, dateline=release.dateline)))
    return results


def evaluate(folder: Path, registry_folder: Path):
    expectations = yaml.safe_load((folder / "expectations.yaml").read_text(encoding="utf-8"))["items"]
    tagger = Tagger(load_registry(registry_folder))
    districts, people = Score(), Score()
    for entry in expectations:
        date = str(entry["date"]) if entry.get("date") else None
        (release, tags), *_ = tag_file(folder / entry["file"], tagger, date)
        if entry.get("date_in_text") and (release.date is None or release.date.iso() != str(entry["date_in_text"])):
            districts.errors.append(f"{entry['file']}: date {release.date and release.date.iso()}, want {entry['date_in_text']}")
        districts.add(entry["file"], tags.districts, entry.get("district") or [])
        people.add(entry["file"], tags.officials, entry.get("officials") or [])
    return len(expectations), districts, people


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m belde.importer.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--set", default=str(DEFAULT_SET), help="folder with expectations.yaml and the items")
    parser.add_argument("--registry", default="content/registry")
    args = parser.parse_args(argv)
    count, districts, people = evaluate(Path(args.set), Path(args.registry))
    print(f"items: {count}")
    for label, score in (("district", districts), ("person", people)):
        print(f"{label:8} precision {score.precision:.3f}  recall {score.recall:.3f}  (tp {score.tp}, fp {score.fp}, fn {score.fn})")
    for line in districts.errors + people.errors:
        print(f"  miss: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
