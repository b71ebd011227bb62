"""Client email by SMTP: settings, the message (Message-ID from the idempotency key), sending."""

from __future__ import annotations

import base64
import hashlib
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from typing import Any

from app.i18n import translate
from app.services.outbox import passwords
from app.services.outbox.dto import DeliveryError, OutgoingMessage
from app.services.outbox.smtp_problems import mail_server_problem
from app.services.outbox.templates import render, render_together

SECURITY = ("none", "starttls", "ssl")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}
DEFAULT_TIMEOUT = 15.0
DEFAULT_MAX_ATTEMPTS = 8


@dataclass(frozen=True)
class SmtpConfig:
    """Where and how to send; the password is looked up when sending, not kept here."""

    host: str
    port: int
    security: str = "starttls"
    username: str = ""
    from_address: str = ""
    timeout: float = DEFAULT_TIMEOUT
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    stored_password: str = ""  # only when no keyring holds it (or a typed one being tested)
    problem: str = ""  # the saved password cannot be read on this desk: each send says so

    @classmethod
    def from_settings(cls, data: dict[str, Any]) -> SmtpConfig | None:
        """The config in `practice_settings.smtp_config`, or None when email is not set up."""
        host = str(data.get("host") or "").strip()
        if not host:
            return None
        security = str(data.get("security") or "starttls")
        return cls(
            host=host,
            port=int(data.get("port") or DEFAULT_PORTS.get(security, 587)),
            security=security if security in SECURITY else "starttls",
            username=str(data.get("username") or ""),
            from_address=str(data.get("from_address") or ""),
            timeout=float(data.get("timeout") or DEFAULT_TIMEOUT),
            max_attempts=int(data.get("max_attempts") or DEFAULT_MAX_ATTEMPTS),
            stored_password=str(data.get("password") or ""),
        )

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    def password(self) -> str:
        """From the settings if kept there (no keyring, or a typed one under test), else the keyring."""
        if not self.username:
            return ""
        return self.stored_password or passwords.read(self.host, self.username) or ""


def message_id(key: str, from_address: str) -> str:
    """The same Message-ID for every attempt at one change, so a server or client can dedupe."""
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    domain = from_address.rpartition("@")[2] or "frontdesk.invalid"
    return f"<frontdesk.{digest}@{domain}>"


def build_message(
    msg: OutgoingMessage, config: SmtpConfig, practice: str, now: datetime, *, with_reason: bool
) -> EmailMessage:
    """The MIME message for one outbox row (or the rows going together): plain text with an
    HTML alternative."""
    if not msg.recipient:
        raise DeliveryError(translate("outbox", "The client has no email address."), permanent=True)
    if msg.together:  # a series' or a closure's notices to one client: one e-mail listing them
        facts = [m.payload for m in msg.together]
        body = render_together(msg.topic, facts, with_reason=with_reason)
    else:
        body = render(msg.topic, msg.payload, with_reason=with_reason)
    email = EmailMessage()
    email["Subject"] = msg.subject
    email["From"] = formataddr((practice, config.from_address))
    email["To"] = msg.recipient
    email["Date"] = format_datetime(now)
    email["Message-ID"] = message_id(msg.key, config.from_address)
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(body.text)
    email.add_alternative(body.html, subtype="html")
    attached = msg.payload.get("attachment")
    if isinstance(attached, dict) and attached.get("pdf"):  # an invoice's PDF
        data = base64.b64decode(str(attached["pdf"]))
        email.add_attachment(data, maintype="application", subtype="pdf",
                             filename=str(attached.get("name") or "invoice.pdf"))  # fmt: skip
    return email


class SmtpTransport:
    """One connection for a pass; once the server is unreachable the rest fail fast."""

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config
        self._smtp: smtplib.SMTP | None = None
        self._down: DeliveryError | None = None

    def _connect(self) -> smtplib.SMTP:
        c = self.config
        context = ssl.create_default_context()
        smtp: smtplib.SMTP
        if c.security == "ssl":
            smtp = smtplib.SMTP_SSL(c.host, c.port, timeout=c.timeout, context=context)
        else:
            smtp = smtplib.SMTP(c.host, c.port, timeout=c.timeout)
        try:
            if c.security == "starttls":
                smtp.starttls(context=context)
            if c.username:
                smtp.login(c.username, c.password())
        except BaseException:
            smtp.close()
            raise
        return smtp

    def send(self, email: EmailMessage) -> None:
        """Send one message; raises DeliveryError with the reason."""
        if self._down is not None:
            raise self._down
        if self.config.problem:
            raise DeliveryError(self.config.problem)
        if self._smtp is None:
            try:
                self._smtp = self._connect()
            except OSError as exc:  # smtplib's errors are OSErrors too
                # Unreachable or refusing us: the rest of this pass fails fast, no timeout each.
                self._down = mail_server_problem(exc, self.config)
                raise self._down from exc
        try:
            self._smtp.send_message(email)
        except smtplib.SMTPRecipientsRefused as exc:
            raise mail_server_problem(exc, self.config) from exc
        except OSError as exc:
            self.close()
            error = mail_server_problem(exc, self.config)
            lost = isinstance(exc, smtplib.SMTPServerDisconnected)
            if lost or not isinstance(exc, smtplib.SMTPException):
                self._down = error
            raise error from exc

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()


def send_test_email(config: SmtpConfig, to: str, practice: str, now: datetime) -> str:
    """Send a short test message now; returns the sentence to show, raises DeliveryError."""
    if "@" not in to:
        raise DeliveryError(translate("outbox", "Enter the address the test email should go to."))
    email = EmailMessage()
    email["Subject"] = f"{practice}: FrontDesk test email"
    email["From"] = formataddr((practice, config.from_address))
    email["To"] = to
    email["Date"] = format_datetime(now)
    email["Message-ID"] = message_id(f"test:{now.isoformat()}:{to}", config.from_address)
    email.set_content(
        f"This is a test from FrontDesk at {practice}.\n"
        "If you can read it, client notifications will reach their inboxes.\n"
    )
    transport = SmtpTransport(config)
    try:
        transport.send(email)
    finally:
        transport.close()
    return translate("outbox", "A test email was sent to {to} through {where}.").format(
        to=to, where=config.where
    )
