"""Keys kept in the data folder: a 0600 file, its copy beside the backups, a shared override.

One home for every key FrontDesk keeps on disk (the audit key, the secrets key): made once
even when two desks start together, never overwritten by a second desk, copied into the
backups folder so a backup restored on another computer can still be read, and taken back
from that copy when the data folder lost it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from app.paths import write_private

BACKUP_DIR = "backups"


class KeptKeyFile:
    """One key file: `name` in the data folder, unless the environment variable `env` names one."""

    def __init__(self, data_dir: Path, name: str, env: str) -> None:
        self.data_dir = data_dir
        self.name = name
        self.env = env

    @property
    def path(self) -> Path:
        override = os.environ.get(self.env)
        return Path(override).expanduser() if override else self.data_dir / self.name

    @property
    def backup_copy(self) -> Path:
        return self.data_dir / BACKUP_DIR / self.name

    def read(self, make: Callable[[], bytes] | None = None) -> bytes | None:
        """The file's bytes; a lost file is taken back from its backup copy, else made by `make`.

        None when there is no file and nothing to make it with.
        """
        path = self.path
        if not path.exists() and self.backup_copy.exists():
            write_private(path, self.backup_copy.read_bytes(), replace=False)
        if not path.exists():
            if make is None:
                return None
            if write_private(path, make(), replace=False):  # a desk that lost the race keeps theirs
                self.keep_backup_copy()
        return path.read_bytes()

    def write(self, data: bytes) -> None:
        """Replace the file (0600) and its copy beside the backups."""
        write_private(self.path, data)
        self.keep_backup_copy()

    def keep_backup_copy(self) -> None:
        """The file's copy beside the backups (made or refreshed when it differs)."""
        if not self.path.exists() or not self.backup_copy.parent.is_dir():
            return
        data = self.path.read_bytes()
        if not self.backup_copy.exists() or self.backup_copy.read_bytes() != data:
            write_private(self.backup_copy, data)


# Every key kept this way: (file name, environment variable naming a file every desk shares).
AUDIT_KEY = ("audit.key", "FRONTDESK_AUDIT_KEY_FILE")
SECRETS_KEY = ("secrets.key", "FRONTDESK_SECRETS_KEY_FILE")
KEPT = (AUDIT_KEY, SECRETS_KEY)


def keep_backup_copies(data_dir: Path) -> None:
    """Copy every kept key file of `data_dir` beside the backups (each backup calls this)."""
    for name, env in KEPT:
        KeptKeyFile(data_dir, name, env).keep_backup_copy()
