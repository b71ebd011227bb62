"""What went wrong talking to the mail server, as the sentence staff read: on the Email page's
test and beside an outbox message that did not go. A mistyped server name, the wrong security
for the port, a refused or silent port and a refused password each say what to type or choose
instead; what the network library said goes to the log only."""

from __future__ import annotations

import errno
import logging
import smtplib
import socket
import ssl
from typing import TYPE_CHECKING

from app.i18n import translate
from app.services.outbox.dto import DeliveryError

if TYPE_CHECKING:
    from app.services.outbox.email import SmtpConfig

log = logging.getLogger(__name__)

SSL_PORT = 465
STARTTLS_PORTS = (25, 587, 2525)
# A TLS handshake answered by a plain "220 …" greeting: OpenSSL's words for it vary by version.
NOT_TLS = ("WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "UNKNOWN_PROTOCOL",
           "PACKET_LENGTH_TOO_LONG", "HTTP_REQUEST")  # fmt: skip
# The name service could not be asked (no network), as opposed to "no such name".
LOOKUP_FAILED = {getattr(socket, "EAI_AGAIN", -3), 11002}  # 11002: WSATRY_AGAIN on Windows
UNREACHABLE = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN, errno.EHOSTDOWN}
HOSTNAME_MISMATCH = 62  # X509_V_ERR_HOSTNAME_MISMATCH


def _not_tls(exc: ssl.SSLError) -> bool:
    reason = str(getattr(exc, "reason", "") or "")
    return reason in NOT_TLS or any(r.lower().replace("_", " ") in str(exc) for r in NOT_TLS)


def _silent(exc: BaseException) -> bool:
    """The server said nothing or hung up: what a plain connection to an SSL port gets."""
    return isinstance(
        exc, TimeoutError | socket.timeout | smtplib.SMTPServerDisconnected | ConnectionResetError
    )


def _security(exc: BaseException, c: SmtpConfig) -> str | None:
    """The sentence when the security chosen does not fit the port, else None."""
    if c.security == "ssl" and isinstance(exc, ssl.SSLError) and _not_tls(exc):
        if c.port in STARTTLS_PORTS:
            return translate(
                "outbox",
                "Port {port} uses STARTTLS, not SSL: choose STARTTLS, or use port 465 for SSL.",
            ).format(port=c.port)
        return translate(
            "outbox",
            "The mail server {host} does not use SSL on port {port}: choose STARTTLS, or ask "
            "your e-mail provider which port uses SSL (usually 465).",
        ).format(host=c.host, port=c.port)
    if c.security != "ssl" and c.port == SSL_PORT and _silent(exc):
        if c.security == "starttls":
            return translate(
                "outbox",
                "Port 465 uses SSL, not STARTTLS: choose SSL, or use port 587 for STARTTLS.",
            )
        return translate("outbox", "Port 465 uses SSL: choose SSL, or use port 587 with STARTTLS.")
    if isinstance(exc, smtplib.SMTPNotSupportedError) and "STARTTLS" in str(exc):
        return translate(
            "outbox",
            "The mail server {host} does not offer STARTTLS on port {port}: use port 587 for "
            "STARTTLS, or choose SSL with port 465.",
        ).format(host=c.host, port=c.port)
    if isinstance(exc, smtplib.SMTPNotSupportedError) and "AUTH" in str(exc):
        return translate(
            "outbox",
            "The mail server {host} does not take a user name and password on port {port} with "
            "this security: choose STARTTLS with port 587 or SSL with port 465, or leave the "
            "user name empty if the server needs none.",
        ).format(host=c.host, port=c.port)
    return None


def _certificate(exc: ssl.SSLCertVerificationError, c: SmtpConfig) -> str:
    if getattr(exc, "verify_code", None) == HOSTNAME_MISMATCH:
        return translate(
            "outbox",
            "The mail server's security certificate is not made out to {host}. Type the "
            "server's name exactly as your e-mail provider gives it, like smtp.office365.com.",
        ).format(host=c.host)
    return translate(
        "outbox",
        "The mail server {host} showed a security certificate this computer does not trust "
        "(expired or home-made). Check the server's name with your e-mail provider.",
    ).format(host=c.host)


def _connection(exc: BaseException, c: SmtpConfig) -> str | None:
    """The sentence for a server that could not be found, reached or spoken to, else None."""
    if isinstance(exc, socket.gaierror):
        if exc.errno in LOOKUP_FAILED:
            return translate(
                "outbox",
                "The mail server {host} could not be looked up: check that this computer is "
                "connected to the internet, then try again.",
            ).format(host=c.host)
        return translate(
            "outbox",
            "The mail server {host} could not be found. Check the spelling of the server name "
            "(your e-mail provider gives it, like smtp.office365.com) and that this computer is "
            "connected to the internet.",
        ).format(host=c.host)
    if isinstance(exc, ssl.SSLCertVerificationError):
        return _certificate(exc, c)
    if isinstance(exc, ssl.SSLError):
        return translate(
            "outbox",
            "The secure connection to {where} failed. Check that Security fits the port: "
            "STARTTLS on 587, SSL on 465.",
        ).format(where=c.where)
    if isinstance(exc, ConnectionRefusedError):
        return translate(
            "outbox",
            "The mail server {host} refused a connection on port {port}. Check the port: "
            "usually 587 for STARTTLS or 465 for SSL.",
        ).format(host=c.host, port=c.port)
    if isinstance(exc, OSError) and exc.errno in UNREACHABLE:
        return translate(
            "outbox",
            "The mail server {where} could not be reached: check that this computer is "
            "connected to the internet, then try again.",
        ).format(where=c.where)
    if isinstance(exc, TimeoutError | socket.timeout):
        return translate(
            "outbox",
            "The mail server {where} did not answer within {timeout:g} seconds. Check the server "
            "name and the port (usually 587 for STARTTLS or 465 for SSL), and that this "
            "computer is connected to the internet.",
        ).format(where=c.where, timeout=c.timeout)
    if _silent(exc):
        return translate(
            "outbox",
            "The mail server {where} closed the connection. Check that Security fits the "
            "port (STARTTLS on 587, SSL on 465); if it does, try again later.",
        ).format(where=c.where)
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return translate(
            "outbox",
            "The mail server {where} refused the user name or password. Check both in Tools ▸ "
            "Settings ▸ Email; some providers (Gmail, Microsoft 365) want an app password here, "
            "not the usual one.",
        ).format(where=c.where)
    return None


def _answer(exc: BaseException, c: SmtpConfig) -> DeliveryError:
    """The server's own answer about a message (it may name the client: never logged)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return DeliveryError(
            translate("outbox", "The mail server refused the address ({reason}).").format(
                reason=exc
            ),
            permanent=bool(codes) and all(500 <= c < 600 for c in codes),
        )
    assert isinstance(exc, smtplib.SMTPResponseException)
    raw = exc.smtp_error
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw or "")
    return DeliveryError(
        translate("outbox", "The mail server {where} answered {answer}.").format(
            where=c.where, answer=f"{exc.smtp_code} {text}".strip()
        ),
        permanent=exc.smtp_code >= 500 and not isinstance(exc, smtplib.SMTPSenderRefused),
    )


def mail_server_problem(exc: BaseException, config: SmtpConfig) -> DeliveryError:
    """The sentence for what went wrong talking to the mail server; the library's words are
    logged, never shown."""
    said = _security(exc, config) or _connection(exc, config)
    if said is None and isinstance(
        exc, smtplib.SMTPRecipientsRefused | smtplib.SMTPResponseException
    ):
        return _answer(exc, config)
    log.warning("Mail server %s (security %s): %s", config.where, config.security,
                type(exc).__name__, exc_info=exc)  # fmt: skip
    if said is None:
        said = translate(
            "outbox",
            "Could not send through {where}. Check the settings in Tools ▸ Settings ▸ Email; "
            "if they are right, tell the practice's administrator (the details are in the log).",
        ).format(where=config.where)
    return DeliveryError(said)
