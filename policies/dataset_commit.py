"""Publish an episode into a dataset all at once: a crash leaves the dataset as it was before or after.

An episode changes several files (data, videos, meta/episodes, tasks, stats, info). They are written in
full under ``<root>/.staging/`` first; then a journal naming where each goes is written atomically (the
commit point), the files are renamed into place, and the journal is removed. Whoever opens the dataset
next (writer or reader) finishes a journal left by a killed process and clears the staging folder, so a
half-published episode is either completed or never seen. One writer at a time holds a lock on the root.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import uuid
from pathlib import Path

from robotstack.atomic import fsync_path

STAGING = ".staging"
_JOURNAL = "commit.json"


class DatasetBusyError(RuntimeError):
    """Another process is writing the dataset."""


class RootLock:
    """An exclusive, non-blocking lock on the dataset folder, released when its holder exits or dies."""

    def __init__(self, root: Path) -> None:
        self._fd: int | None = os.open(root, os.O_RDONLY)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._fd)
            self._fd = None
            raise DatasetBusyError(f"{root}: another DatasetWriter has this dataset open") from None

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class Staging:
    """The staging folder of one dataset, owned by the writer that holds its lock."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.dir = root / STAGING

    def path(self, suffix: str) -> Path:
        """A fresh file name in the staging folder."""
        self.dir.mkdir(exist_ok=True)
        return self.dir / f"{uuid.uuid4().hex}{suffix}"

    def publish(self, moves: dict[Path, Path]) -> None:
        """Move staged files (keys) to their places in the dataset (values), all or none."""
        for staged in moves:
            fsync_path(staged)
        journal = {"moves": [[str(s.relative_to(self.root)), str(d.relative_to(self.root))]
                             for s, d in moves.items()]}
        tmp = self.path(".json")
        tmp.write_text(json.dumps(journal))
        fsync_path(tmp)
        os.replace(tmp, self.dir / _JOURNAL)
        recover(self.root)


def recover(root: Path) -> None:
    """Finish an interrupted publish, if any, and drop staged files that were never published.

    Only call with the root's lock held (or where no writer can run)."""
    journal = root / STAGING / _JOURNAL
    if journal.exists():
        for staged, dest in json.loads(journal.read_text())["moves"]:
            if (root / staged).exists():  # absent: already moved before the interruption
                (root / dest).parent.mkdir(parents=True, exist_ok=True)
                os.replace(root / staged, root / dest)
    shutil.rmtree(root / STAGING, ignore_errors=True)


def has_pending_publish(root: Path) -> bool:
    return (root / STAGING / _JOURNAL).exists()


