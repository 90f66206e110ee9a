"""Writing a file of the output: a new file replaces the old one in one step. And removing the
folders a removed file leaves empty, as a build from scratch would never have made them.

A build writes into a staging folder whose files are hard links to the published output's
(belde.staging), so writing into an existing file would change the live site under a running
build, and leave it changed if the build then failed.
"""

import os


def write_atomically(path, data: str | bytes) -> None:
    """Write `data` (text as UTF-8) to a new file, then put it in `path`'s place."""
    path = os.fspath(path)
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "wb") as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)
    os.replace(temporary, path)


def write_if_changed(path, data: str | bytes) -> bool:
    """write_atomically, unless the file holds these bytes already: a file left as it was keeps
    its inode, and with it its compressed copies (publish/compress.py). True when written."""
    data = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with open(path, "rb") as handle:  # a file of another size is not read
            if os.fstat(handle.fileno()).st_size == len(data) and handle.read() == data:
                return False
    except FileNotFoundError:
        pass
    write_atomically(path, data)
    return True


def remove_empty_folders(folder, root) -> None:
    """Remove `folder` and the folders above it, up to `root`, as long as they are empty."""
    folder, root = os.path.abspath(folder), os.path.abspath(root)
    while folder != root and folder.startswith(root + os.sep):
        try:
            os.rmdir(folder)
        except OSError:  # not empty
            return
        folder = os.path.dirname(folder)
