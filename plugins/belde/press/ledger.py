"""Counting every item a build reads, so that none is ever dropped in silence.

Pelican logs "Could not process" for a file its reader rejects and carries on;
the ledger records why each file was refused and tells the caller at the end.
"""

import logging
import os
from dataclasses import dataclass, field

logger = logging.getLogger("belde")
# Pelican's logger class drops a message it has logged before, even in a later build;
# every build's refusals and summary must be printed.
if hasattr(logger, "disable_filter"):
    logger.disable_filter()
# Doubts about items keep Pelican's limit: after a few, one line says more were found.
doubts = logging.getLogger("belde.items")


class ItemRefused(ValueError):
    """An item cannot be published; the message names the file, the field and the fix."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.reason = message


@dataclass
class Ledger:
    read: int = 0
    published: int = 0
    drafts: int = 0
    refused: dict = field(default_factory=dict)  # path -> reason
    warnings: list = field(default_factory=list)
    warned: dict = field(default_factory=dict)  # path -> its warnings, as reported
    lines: list = field(default_factory=list)  # the build's closing figures, set by belde.build

    def refuse(self, path: str, reason: str) -> None:
        self.refused[path] = reason

    def warn(self, path: str, message: str) -> None:
        self.warnings.append(f"{path}: {message}")
        self.warned.setdefault(path, []).append(message)
        doubts.warning("%s: %s", path, message, extra={"limit_msg": "more items with warnings; the summary counts them"})

    @property
    def ok(self) -> bool:
        return not self.refused

    def summary(self) -> str:
        line = f"{self.read} read, {self.published} published, {len(self.refused)} refused"
        if self.drafts:
            line += f", {self.drafts} drafts"
        if self.warnings:
            line += f", {len(self.warnings)} warnings"
        return line


class RefusalFilter(logging.Filter):
    """Drops Pelican's bare "Could not process" line for files the ledger already explained."""

    def __init__(self, ledger_getter):
        super().__init__()
        self._ledger = ledger_getter

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg == "Could not process %s" and record.args:
            # Pelican names the file from the content folder ('./x.md'); the ledger from the project.
            name = "/" + os.path.normpath(str(record.args[0])).replace(os.sep, "/")
            return not any(("/" + path).endswith(name) for path in self._ledger().refused)
        return True
