"""The practice's audit key: 32 random bytes in a 0600 file that sign the audit chain.

The file holds one key per line (hex), the current one first; keys replaced by
`frontdesk audit new-key` stay below it so the events they signed can still be checked.
A copy sits in the backups folder, so a backup restored on another computer can be checked.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import socket
import threading
from dataclasses import dataclass
from pathlib import Path

from app.services.errors import AuditKeyError

KEY_FILE = "audit.key"
KEY_ENV = "FRONTDESK_AUDIT_KEY_FILE"  # a key every desk of a shared practice can read
CHECKPOINT_DIR = "audit-checkpoints"
BACKUP_DIR = "backups"
KEY_BYTES = 32


def sign(secret: bytes, body: bytes) -> str:
    """HMAC-SHA256 of `body` as hex."""
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class AuditKey:
    """One signing key; `key_id` names it in the database without giving it away."""

    secret: bytes

    @property
    def key_id(self) -> str:
        return sign(self.secret, b"frontdesk audit key id")[:16]


def private_folder(folder: Path) -> None:
    """Create `folder` readable by this user only (0700 on POSIX)."""
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700, exist_ok=True)
        with contextlib.suppress(OSError):
            folder.chmod(0o700)


def write_private(path: Path, data: bytes, *, replace: bool = True) -> bool:
    """Write `path` as 0600 through a temporary file; without `replace`, never overwrite.

    Returns False when `path` already existed and was left alone.
    """
    private_folder(path.parent)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if replace:
            os.replace(tmp, path)
            return True
        try:
            os.link(tmp, path)  # fails when another desk made the file first: keep theirs
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links: create it in place, exclusively
            return _create_exclusive(path, data)
        return True
    finally:
        tmp.unlink(missing_ok=True)


def _create_exclusive(path: Path, data: bytes) -> bool:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    return True


def _parse(path: Path, raw: str) -> tuple[AuditKey, ...]:
    keys = []
    for line in raw.split():
        try:
            secret = bytes.fromhex(line)
        except ValueError:
            secret = b""
        if len(secret) != KEY_BYTES:
            raise AuditKeyError(
                f"The audit key file {path} is damaged. Put back the copy from the backups "
                "folder (audit.key) or from another desk of the practice, then try again."
            )
        keys.append(AuditKey(secret))
    return tuple(keys)


def _render(keys: tuple[AuditKey, ...]) -> bytes:
    return "".join(k.secret.hex() + "\n" for k in keys).encode("ascii")


class AuditKeys:
    """Where this desk keeps the practice's audit key and its checkpoints: the data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._keys: tuple[AuditKey, ...] | None = None
        self._lock = threading.Lock()

    @classmethod
    def default(cls) -> AuditKeys:
        """The keys of the default data folder (a database opened without one)."""
        from app.paths import default_paths

        return cls(default_paths().data_dir)

    @property
    def key_file(self) -> Path:
        override = os.environ.get(KEY_ENV)
        return Path(override).expanduser() if override else self.data_dir / KEY_FILE

    @property
    def backup_copy(self) -> Path:
        return self.data_dir / BACKUP_DIR / KEY_FILE

    @property
    def checkpoint_dir(self) -> Path:
        return self.data_dir / CHECKPOINT_DIR

    @property
    def desk(self) -> str:
        """This desk's name in the checkpoints it records (several desks share PostgreSQL)."""
        return f"{socket.gethostname()}:{self.data_dir}"

    def all_keys(self, *, create: bool = False) -> tuple[AuditKey, ...]:
        """Every key this desk has, current first; a new key is made only with `create`."""
        with self._lock:
            if self._keys is None:
                self._keys = self._load(create) or None
            return self._keys or ()

    def current(self) -> AuditKey:
        """The key new events are signed with (made on first use)."""
        return self.all_keys(create=True)[0]

    def find(self, key_id: str) -> AuditKey | None:
        """The key named `key_id`, current or retired, if this desk has it."""
        return next((k for k in self.all_keys() if k.key_id == key_id), None)

    def new_key(self) -> AuditKey:
        """Start signing with a fresh key; the old ones stay in the file, below it."""
        with self._lock:
            old = self._load(create=False) if self.key_file.exists() else ()
            fresh = AuditKey(secrets.token_bytes(KEY_BYTES))
            self._keys = (fresh, *old)
            write_private(self.key_file, _render(self._keys))
        self.keep_backup_copy()
        return fresh

    def keep_backup_copy(self) -> None:
        """The key file's copy beside the backups (made or refreshed when it differs)."""
        if not self.key_file.exists() or not self.backup_copy.parent.is_dir():
            return
        data = self.key_file.read_bytes()
        if not self.backup_copy.exists() or self.backup_copy.read_bytes() != data:
            write_private(self.backup_copy, data)

    def _load(self, create: bool) -> tuple[AuditKey, ...]:
        path = self.key_file
        if not path.exists() and self.backup_copy.exists():
            write_private(path, self.backup_copy.read_bytes(), replace=False)
        if not path.exists():
            if not create:
                return ()
            fresh = AuditKey(secrets.token_bytes(KEY_BYTES))
            if write_private(path, _render((fresh,)), replace=False):
                self.keep_backup_copy()
        keys = _parse(path, path.read_text("ascii", errors="replace"))
        if not keys:
            raise AuditKeyError(
                f"The audit key file {path} is empty. Put back its copy, then try again."
            )
        return keys
