"""Pre-compressed copies (.gz, .br) for hosts that serve them instead of compressing on the fly.

Both are written at the highest level and reproducibly (gzip with no name and a zero mtime),
so that two builds of the same site give the same bytes. A copy is kept only if it is smaller.
"""

import gzip
from pathlib import Path

from ..atomic import write_atomically


def precompress(output: Path, suffixes, min_bytes: int) -> int:
    import brotli  # only publish builds need it

    count = 0
    for path in sorted(output.rglob("*")):
        if not path.is_file() or path.suffix not in suffixes:
            continue
        data = path.read_bytes()
        if len(data) < min_bytes:
            continue
        written = False
        for suffix, packed in (
            (".gz", gzip.compress(data, compresslevel=9, mtime=0)),
            (".br", brotli.compress(data, quality=11)),
        ):
            target = path.with_name(path.name + suffix)
            if len(packed) < len(data):
                write_atomically(target, packed)
                written = True
            elif target.exists():
                target.unlink()
        count += written
    return count
