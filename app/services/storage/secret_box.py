"""Secrets the practice keeps in its database (the webhook secret, the fallback SMTP password).

They are encrypted with Fernet (`cryptography`: AES in CBC mode with an HMAC-SHA256 seal).
The key comes from the file every desk shares when FRONTDESK_SECRETS_KEY_FILE names one, else
(a practice on one desk) from this computer's keyring, else from `secrets.key` (0600) in the
data folder, copied beside the backups with the audit key. A sealed value is stored as {"sealed": "fernet", "token": …};
a plain string is a value saved before encryption: still read, sealed on the next save or at
the next start.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.db import SYSTEM_ACTOR, Database, UnitOfWork
from app.errors import FrontDeskError, ValidationError
from app.i18n import translate
from app.models import PracticeSettings
from app.services import practice
from app.services.audit import chain as audit
from app.services.storage.key_files import SECRETS_KEY, KeptKeyFile

log = logging.getLogger(__name__)

KEYRING_SERVICE = "FrontDesk secrets"
MARK = "fernet"
KEY_FILE, KEY_ENV = SECRETS_KEY


class SecretLostError(ValidationError):
    """A saved secret was locked with a key this desk does not have (lost or never copied)."""


def is_sealed(value: object) -> bool:
    """True for a value stored encrypted."""
    return isinstance(value, dict) and value.get("sealed") == MARK and "token" in value


def _new_key() -> bytes:
    # cryptography loads only when a secret is sealed or opened, not at every start (~7 ms).
    from cryptography.fernet import Fernet

    return Fernet.generate_key()


def _keyring_key(account: str, create: bool) -> bytes | None:
    """This computer's keyring entry for the data folder; None when no keyring works here."""
    try:
        import keyring

        found = keyring.get_password(KEYRING_SERVICE, account)
        if found is None and create:
            keyring.set_password(KEYRING_SERVICE, account, _new_key().decode("ascii"))
            found = keyring.get_password(KEYRING_SERVICE, account)  # some backends drop writes
    except Exception as exc:  # no backend, locked wallet, D-Bus down: the key file instead
        log.info("keyring unavailable for the secrets key: %s", exc)
        return None
    return found.encode("ascii") if isinstance(found, str) and found else None


class SecretKeys:
    """The keys this desk can open secrets with; the first one seals new values."""

    def __init__(self, data_dir: Path, *, use_keyring: bool = True) -> None:
        self.file = KeptKeyFile(data_dir, KEY_FILE, KEY_ENV)
        self.account = str(data_dir)
        self.use_keyring = use_keyring
        self._keys: list[bytes] | None = None
        self._lock = threading.Lock()

    def keys(self, *, create: bool = False, fresh: bool = False) -> list[bytes]:
        """Keyring first (unless a shared file is named), then the key file; made with `create`."""
        with self._lock:
            if self._keys is None or fresh or (create and not self._keys):
                self._keys = self._load(create)
            return list(self._keys)

    def _load(self, create: bool) -> list[bytes]:
        found: list[bytes] = []
        if self.use_keyring and not os.environ.get(KEY_ENV):
            ring = _keyring_key(self.account, create)
            found += [ring] if ring else []
        make = _new_key if create and not found else None
        raw = self.file.read(make)
        if raw is not None:
            found.append(self._checked(raw))
        return found

    def _checked(self, raw: bytes) -> bytes:
        from cryptography.fernet import Fernet

        key = raw.strip()
        try:
            Fernet(key)
        except ValueError:
            raise ValidationError(
                translate(
                    "storage",
                    "The secrets key file {path} is damaged. Put back its copy from the backups folder ({key_file}), or remove it and enter the webhook secret and the mail password again in Settings.",
                ).format(path=self.file.path, key_file=KEY_FILE)
            ) from None
        return key

    def seal(self, plain: str) -> dict[str, str]:
        """The value as stored: encrypted with the first key."""
        from cryptography.fernet import Fernet

        token = Fernet(self.keys(create=True)[0]).encrypt(plain.encode("utf-8"))
        return {"sealed": MARK, "token": token.decode("ascii")}

    def open(self, value: dict[str, Any]) -> str | None:
        """The plain text of a sealed value, or None when no key of this desk opens it."""
        from cryptography.fernet import Fernet, InvalidToken, MultiFernet

        token = str(value.get("token") or "").encode("ascii", errors="replace")
        for fresh in (False, True):  # a key file put back since is read again once
            keys = self.keys(fresh=fresh)
            if not keys:
                continue
            try:
                return MultiFernet([Fernet(k) for k in keys]).decrypt(token).decode("utf-8")
            except (InvalidToken, UnicodeDecodeError):
                continue
        return None


_BY_FOLDER: dict[str, SecretKeys] = {}
_BY_FOLDER_LOCK = threading.Lock()


def keys_for(data_dir: Path, *, use_keyring: bool = True) -> SecretKeys:
    """The secrets keys of a data folder (read once per process: keyrings can be slow)."""
    name = f"{data_dir}|{os.environ.get(KEY_ENV, '')}|{use_keyring}"
    with _BY_FOLDER_LOCK:
        if name not in _BY_FOLDER:
            _BY_FOLDER[name] = SecretKeys(data_dir, use_keyring=use_keyring)
        return _BY_FOLDER[name]


@dataclass(frozen=True)
class SecretKind:
    """Which secret: how the sentence names it, where it is entered, which field it fills."""

    config: str  # the settings column's name
    entry: str  # its entry in that column
    what: str
    where: str
    field: str


WEBHOOK_SECRET = SecretKind(
    "integration_config",
    "secret",
    "webhook signing secret",
    "Tools ▸ Settings ▸ Integration",
    "secret",
)
SMTP_PASSWORD = SecretKind(
    "smtp_config", "password", "mail password", "Tools ▸ Settings ▸ Email", "password"
)


def keys_of(uow: UnitOfWork) -> SecretKeys:
    """The secrets keys of the data folder this database was opened with.

    A practice on PostgreSQL is shared by several desks, which must all open its secrets: its
    key is a file to copy to each desk (as the audit key is), never one computer's keyring.
    """
    shared = uow.session.get_bind().dialect.name != "sqlite"
    return keys_for(audit.audit_keys(uow).data_dir, use_keyring=not shared)


def seal(uow: UnitOfWork, plain: str) -> dict[str, str] | str:
    """`plain` as it is stored: sealed, or "" for no secret."""
    return keys_of(uow).seal(plain) if plain else ""


def reveal(uow: UnitOfWork, value: object, kind: SecretKind) -> str:
    """The plain text of a stored value (sealed or still plain); "" when none is saved.

    Raises SecretLostError (a sentence asking to enter it again) when this desk cannot open it.
    """
    if not is_sealed(value):
        return value if isinstance(value, str) else ""
    assert isinstance(value, dict)
    keys = keys_of(uow)
    plain = keys.open(value)
    if plain is None:
        raise SecretLostError(
            translate(
                "storage",
                "The {what} saved for this practice cannot be read on this desk: the key it was locked with is missing here ({key_file} or this computer's keyring). Enter the {what2} again in {where}, or put back the practice's {key_file2}.",
            ).format(
                what=kind.what,
                key_file=KEY_FILE,
                what2=kind.what,
                where=kind.where,
                key_file2=KEY_FILE,
            ),
            field=kind.field,
        )
    return plain


def problem(uow: UnitOfWork, value: object, kind: SecretKind) -> str | None:
    """The sentence for a saved secret this desk cannot read, or None when it can."""
    try:
        reveal(uow, value, kind)
    except SecretLostError as exc:
        return exc.message
    return None


def sealed(uow: UnitOfWork, value: object) -> object:
    """A stored value ready to keep: a plain one sealed, a sealed one as it is."""
    return seal(uow, value) if isinstance(value, str) else value


def seal_plain(uow: UnitOfWork) -> list[str]:
    """Seal the secrets still stored in plain text (saved by an older FrontDesk); audited."""
    row = practice.settings(uow)
    done: list[str] = []
    for kind in (WEBHOOK_SECRET, SMTP_PASSWORD):
        config: dict[str, Any] = dict(getattr(row, kind.config) or {})
        value = config.get(kind.entry)
        if isinstance(value, str) and value:
            config[kind.entry] = seal(uow, value)
            setattr(row, kind.config, config)
            done.append(kind.what)
    if done:
        audit.record(
            uow, "settings.secrets_sealed", "practice_settings", row.id, after={"sealed": done}
        )
    return done


def seal_at_start(db: Database) -> list[str]:
    """At start: seal what an older FrontDesk left in plain text; never stops the start."""
    try:
        with db.read() as uow:
            row = uow.session.get(PracticeSettings, 1)
            if row is None:  # a practice being created: nothing saved yet
                return []
            plain = any(
                isinstance(v, str) and v
                for v in ((row.integration_config or {}).get("secret"),
                          (row.smtp_config or {}).get("password"))
            )  # fmt: skip
        if not plain:
            return []
        with db.write(SYSTEM_ACTOR) as uow:
            return seal_plain(uow)
    except (FrontDeskError, LookupError, OSError) as exc:  # sealed at the next save instead
        log.warning("secrets not sealed at start: %s", exc)
        return []
