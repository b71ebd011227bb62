"""The SMTP password in the OS keyring where this computer has one; never fatal when it has not."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

SERVICE = "FrontDesk SMTP"


def account(host: str, username: str) -> str:
    """The keyring entry's name: one per mail server and user."""
    return f"{username}@{host}"


def read(host: str, username: str) -> str | None:
    """The stored password, or None when there is none or no keyring works here."""
    try:
        import keyring

        value = keyring.get_password(SERVICE, account(host, username))
    except Exception as exc:  # no backend, locked wallet, D-Bus down: fall back to settings
        log.info("keyring unavailable: %s", exc)
        return None
    return value if isinstance(value, str) else None


def store(host: str, username: str, password: str) -> bool:
    """Keep the password in the keyring; False when this computer has no usable keyring."""
    try:
        import keyring

        keyring.set_password(SERVICE, account(host, username), password)
    except Exception as exc:  # the caller keeps it in the settings instead and says so
        log.info("keyring unavailable: %s", exc)
        return False
    return True
