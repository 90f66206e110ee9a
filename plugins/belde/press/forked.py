"""Work spread over forked processes that see the whole build's objects copy-on-write.

Parsed items, related items, page digests and rendered pages depend only on objects the
main process holds; forked children work through slices of them without the objects being
copied or pickled, and send back only their results (parses, positions, digests; rendered
files are written directly).
"""

import os
import pickle
import traceback


def workers(settings) -> int:
    """BELDE_WORKERS processes, or one per core."""
    return int(settings.get("BELDE_WORKERS") or os.cpu_count() or 1)


def forked_map(function, items: list, workers: int, least: int = 500) -> list:
    """[function(item) for item in items], with the items dealt round-robin to `workers`
    processes (the main one included); results must pickle. Each process gets at least
    `least` items, or the work is not worth a fork."""
    workers = max(1, min(workers, len(items) // least or 1))
    if workers == 1:
        return [function(item) for item in items]
    children = []
    for index in range(1, workers):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            os.close(read_end)
            status = 0
            try:
                payload = pickle.dumps(("ok", [function(item) for item in items[index::workers]]))
            except BaseException:  # noqa: BLE001 - reported to the parent, then exit
                payload = pickle.dumps(("failed", traceback.format_exc()))
                status = 1
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            os._exit(status)
        os.close(write_end)
        children.append((index, pid, read_end))
    results = [None] * len(items)
    results[0::workers] = [function(item) for item in items[0::workers]]
    failures = []
    for index, pid, read_end in children:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
        try:
            kind, value = pickle.loads(data)  # noqa: S301 - written by this process's own child
        except (pickle.UnpicklingError, EOFError, ValueError):
            kind, value = "failed", f"worker {pid} sent no result"
        if kind == "ok":
            results[index::workers] = value
        else:
            failures.append(value)
    if failures:
        raise RuntimeError("a worker process failed:\n" + "\n".join(failures))
    return results
