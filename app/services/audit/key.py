"""The practice's audit key: 32 random bytes in a 0600 file that sign the audit chain.

The file holds one key per line (hex), the current one first; keys replaced by
`frontdesk audit new-key` stay below it so the events they signed can still be checked.
A copy sits in the backups folder, so a backup restored on another computer can be checked.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.errors import AuditKeyError
from app.i18n import translate
from app.paths import private_folder, write_private
from app.services.storage.key_files import AUDIT_KEY, KeptKeyFile

# KEY_ENV names a key file every desk of a shared practice can read.
KEY_FILE, KEY_ENV = AUDIT_KEY
CHECKPOINT_DIR = "audit-checkpoints"
KEY_BYTES = 32

__all__ = ["AuditKey", "AuditKeys", "private_folder", "sign", "signer", "write_private"]


def sign(secret: bytes, body: bytes) -> str:
    """HMAC-SHA256 of `body` as hex."""
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


def signer(secret: bytes) -> Callable[[bytes], str]:
    """`sign` with this secret, for many bodies: the key is worked into the HMAC once, and
    each body's signing starts from a copy of that state."""
    keyed = hmac.new(secret, digestmod=hashlib.sha256)

    def signed(body: bytes) -> str:
        mac = keyed.copy()
        mac.update(body)
        return mac.hexdigest()

    return signed


@dataclass(frozen=True)
class AuditKey:
    """One signing key; `key_id` names it in the database without giving it away."""

    secret: bytes

    @property
    def key_id(self) -> str:
        return sign(self.secret, b"frontdesk audit key id")[:16]


def _parse(path: Path, raw: str) -> tuple[AuditKey, ...]:
    keys = []
    for line in raw.split():
        try:
            secret = bytes.fromhex(line)
        except ValueError:
            secret = b""
        if len(secret) != KEY_BYTES:
            raise AuditKeyError(
                translate(
                    "audit",
                    "The audit key file {path} is damaged. Put back the copy from the backups "
                    "folder (audit.key) or from another desk of the practice, then try again.",
                ).format(path=path)
            )
        keys.append(AuditKey(secret))
    return tuple(keys)


def _render(keys: tuple[AuditKey, ...]) -> bytes:
    return "".join(k.secret.hex() + "\n" for k in keys).encode("ascii")


class AuditKeys:
    """Where this desk keeps the practice's audit key and its checkpoints: the data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._file = KeptKeyFile(data_dir, KEY_FILE, KEY_ENV)
        self._keys: tuple[AuditKey, ...] | None = None
        self._lock = threading.Lock()

    @classmethod
    def default(cls) -> AuditKeys:
        """The keys of the default data folder (a database opened without one)."""
        from app.paths import default_paths

        return cls(default_paths().data_dir)

    @property
    def key_file(self) -> Path:
        return self._file.path

    @property
    def backup_copy(self) -> Path:
        return self._file.backup_copy

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
            self._file.write(_render(self._keys))
        return fresh

    def keep_backup_copy(self) -> None:
        """The key file's copy beside the backups (made or refreshed when it differs)."""
        self._file.keep_backup_copy()

    def _load(self, create: bool) -> tuple[AuditKey, ...]:
        path = self.key_file
        make = (lambda: _render((AuditKey(secrets.token_bytes(KEY_BYTES)),))) if create else None
        raw = self._file.read(make)
        if raw is None:
            return ()
        keys = _parse(path, raw.decode("ascii", errors="replace"))
        if not keys:
            raise AuditKeyError(
                translate(
                    "audit",
                    "The audit key file {path} is empty. Put back its copy, then try again.",
                ).format(path=path)
            )
        return keys
