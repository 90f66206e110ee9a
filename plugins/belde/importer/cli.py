"""python -m belde import FILE... : press releases to items under content/YYYY/MM/.

Every input is read, parsed and tagged before anything is written; one bad input
stops the run with a one-line message naming the file and the fix, and nothing is
written. The report (stderr) lists each tag with its evidence and what needs review.
"""

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..period import parse_period
from ..registry import RegistryError, load_registry
from . import ImportRefused
from .decode import decode_bytes
from .extract import extract
from .parse import parse_release
from .render import FINGERPRINT_KEY, body_fingerprint, item_slug, render_item
from .tagger import Tagger

AGENCIES = ("ANKA", "DHA", "İHA", "AA")


@dataclass
class Planned:
    origin: str
    path: Path
    text: str
    fingerprint: str
    report: list
    duplicate_of: Path | None = None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="press releases: .txt, saved .html pages, Atom/RSS feeds")
    parser.add_argument("--date", help="the item's date when the text states none: 2024-04-22, 2024-04, 2024 or 2024-04/2024-06")
    parser.add_argument("--source", help="ANKA, DHA, İHA, AA or a municipality's name, when the text names no agency")
    parser.add_argument("--out", default="content", help="the content folder (default: content)")
    parser.add_argument("--registry", default=None, help="the registry folder (default: <out>/registry)")
    parser.add_argument("--dry-run", action="store_true", help="print the items, write nothing")
    parser.add_argument("--force", action="store_true", help="replace an existing item at the same path")


def existing_fingerprints(out: Path) -> dict:
    """fingerprint → path of every item already under out."""
    known = {}
    for path in sorted(out.rglob("*.md")) if out.is_dir() else ():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if not text.startswith("---"):
            continue
        head = text[3:].split("\n---", 1)[0]
        try:
            meta = yaml.safe_load(head) or {}
        except yaml.YAMLError:
            continue
        if isinstance(meta, dict) and meta.get(FINGERPRINT_KEY):
            known[str(meta[FINGERPRINT_KEY])] = path
    return known


def plan_file(path: str, args, tagger: Tagger, registry) -> list[Planned]:
    file = Path(path)
    if not file.is_file():
        raise ImportRefused(path, "no such file; check the path")
    try:
        data = file.read_bytes()
    except OSError as error:
        raise ImportRefused(path, f"cannot be read ({error.strerror}); check its permissions") from None
    text, encoding = decode_bytes(data, path)
    planned = []
    for source in extract(path, text):
        planned.append(plan_source(source, encoding, args, tagger, registry))
    return planned


def _source_name(value: str, registry, origin: str) -> str:
    for agency in AGENCIES:
        if value.casefold() == agency.casefold() or (value.upper() == "IHA" and agency == "İHA"):
            return agency
    body = registry.find_body(value)
    if body is not None:
        return body.name
    raise ImportRefused(origin, f"--source '{value}' is unknown; write one of {', '.join(AGENCIES)} or a municipality's name")


def plan_source(source, encoding: str, args, tagger: Tagger, registry) -> Planned:
    origin = source.origin
    if not source.text.strip():
        raise ImportRefused(origin, "has no article text; give the release's full text")
    release = parse_release(source.text, tagger.place_keys, title_hint=source.title, date_hint=source.date)
    if not release.blocks:
        raise ImportRefused(origin, "has a dateline or title but no paragraphs; give the release's full text")
    report = [f"read as {source.kind}, {encoding}"]
    if args.date:
        try:
            period = parse_period(args.date)
        except ValueError as error:
            raise ImportRefused(origin, f"--date: {error}") from None
        if release.date and not (period.start <= release.date.start <= period.end):
            report.append(f"note: the text states {release.date_evidence!r}; --date {args.date} is used")
    elif release.date:
        period = release.date
        report.append(f"date {period.iso()} from {release.date_evidence!r}")
    else:
        raise ImportRefused(origin, "states no date; pass --date 2024-04-22 (or 2024-04, or 2024-04/2024-06)")

    source_name = _source_name(args.source, registry, origin) if args.source else release.agency
    if not source_name:
        report.append("no agency named in the text; pass --source to record one")

    parts = [("title", release.title)]
    parts += [("lead" if index == 0 else "body", text) for index, (_, text) in enumerate(release.blocks)]
    tags = tagger.tag(parts, period.start, period.end, dateline=release.dateline)

    slug = item_slug(release.title) or "haber"
    fingerprint = body_fingerprint(release.blocks)
    needs_review = bool(tags.review) or release.title_derived
    meta = {
        "title": release.title,
        "date": period.iso(),
        "district": tags.districts,
        "officials": tags.officials,
        "tags": [],
        "summary": release.lead,
        "source": source_name,
        "dateline": release.dateline,
        "slug": slug,
        "status": "draft" if needs_review else "published",
        "mentions": tags.mentions,
        "bodies": tags.bodies,
        FINGERPRINT_KEY: fingerprint,
    }
    from .render import typography

    meta["title"] = typography(meta["title"])
    meta["summary"] = typography(meta["summary"])
    text = render_item(meta, release.blocks)
    path = Path(args.out) / f"{period.start.year:04d}" / f"{period.start.month:02d}" / f"{slug}.md"

    report += release.notes
    for entry in tags.found:
        role = "body" if entry.kind == "body" else ("about" if entry.about else "mentioned")
        zone, matched, sentence = entry.evidence[0]
        report.append(f"tagged {entry.kind} {entry.name} ({role}): '{matched}' in {zone}: {_short(sentence)}")
    for what, why, sentence in tags.skipped:
        report.append(f"not tagged '{what}': {why}: {_short(sentence)}")
    for what, why, sentence in tags.review:
        report.append(f"REVIEW '{what}': {why}: {_short(sentence)}")
    return Planned(origin, path, text, fingerprint, report)


def _short(sentence: str, limit: int = 140) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


def run(args) -> int:
    out = Path(args.out)
    registry_folder = Path(args.registry) if args.registry else out / "registry"
    try:
        registry = load_registry(registry_folder)
    except RegistryError as error:
        print(f"belde import: {error}", file=sys.stderr)
        return 2
    tagger = Tagger(registry)
    planned, failed = [], []
    for name in args.files:
        try:
            planned.extend(plan_file(name, args, tagger, registry))
        except ImportRefused as refusal:
            failed.append(str(refusal))
        except Exception as error:  # a last guard: one line, never a traceback
            failed.append(f"{name}: could not be imported ({type(error).__name__}: {error}); report this file")
    if failed:
        for line in failed:
            print(f"belde import: {line}", file=sys.stderr)
        print(f"belde import: nothing written ({len(failed)} of {len(args.files)} inputs refused)", file=sys.stderr)
        return 1

    known = existing_fingerprints(out)
    seen = {}
    for item in planned:
        item.duplicate_of = known.get(item.fingerprint) or seen.get(item.fingerprint)
        seen.setdefault(item.fingerprint, item.path)
    clashes = [i for i in planned if i.duplicate_of is None and i.path.exists() and not args.force]
    if clashes and not args.dry_run:
        for item in clashes:
            print(f"belde import: {item.origin}: {item.path} already exists with other text; rename the title or pass --force", file=sys.stderr)
        print("belde import: nothing written", file=sys.stderr)
        return 1

    written = 0
    for item in planned:
        print(f"== {item.origin} → {item.path}", file=sys.stderr)
        for line in item.report:
            print(f"   {line}", file=sys.stderr)
        if item.duplicate_of is not None and not args.force:
            print(f"   already imported as {item.duplicate_of}; skipped (pass --force to rewrite it)", file=sys.stderr)
            continue
        if args.dry_run:
            sys.stdout.write(item.text)
            sys.stdout.write("\n")
            continue
        target = item.duplicate_of if item.duplicate_of is not None and args.force else item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(item.text, encoding="utf-8")
        written += 1
    if args.dry_run:
        print(f"belde import: dry run, {len(planned)} item(s), nothing written", file=sys.stderr)
    else:
        print(f"belde import: {written} item(s) written", file=sys.stderr)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="belde import", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
