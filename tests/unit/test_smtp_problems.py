"""The mail server's common failures, as the exceptions Python's libraries really raise, become
sentences saying what is wrong and what to type or choose instead; the library's words are
logged and never shown."""

from __future__ import annotations

import errno
import logging
import smtplib
import socket
import ssl

import pytest

from app.services.outbox.email import SmtpConfig
from app.services.outbox.smtp_problems import mail_server_problem


def _config(
    host: str = "smtp.gmial.com", port: int = 587, security: str = "starttls"
) -> SmtpConfig:
    return SmtpConfig(host=host, port=port, security=security, timeout=15)


def _tls_answered_in_plain() -> ssl.SSLError:
    """What OpenSSL raises when an SSL handshake is answered by a plain SMTP greeting (SSL
    chosen for a STARTTLS port), made in memory: no network."""
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls = ssl.create_default_context().wrap_bio(incoming, outgoing, server_hostname="smtp.x.com")
    with pytest.raises(ssl.SSLError) as raised:
        try:
            tls.do_handshake()
        except ssl.SSLWantReadError:
            incoming.write(b"220 smtp.x.com ESMTP ready\r\n")
            tls.do_handshake()
    return raised.value


def _said(exc: BaseException, config: SmtpConfig, caplog: pytest.LogCaptureFixture) -> str:
    caplog.set_level(logging.WARNING, "app.services.outbox.smtp_problems")
    said = mail_server_problem(exc, config).message
    assert str(exc) not in said, "the library's words are for the log"
    assert any(r.exc_info and r.exc_info[1] is exc for r in caplog.records), "logged"
    return said


def test_a_mistyped_mail_server_name_says_to_check_its_spelling(
    caplog: pytest.LogCaptureFixture,
) -> None:
    exc = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    assert _said(exc, _config(), caplog) == (
        "The mail server smtp.gmial.com could not be found. Check the spelling of the server "
        "name (your e-mail provider gives it, like smtp.office365.com) and that this computer "
        "is connected to the internet."
    )


def test_a_name_that_cannot_be_looked_up_offline_says_to_check_the_connection(
    caplog: pytest.LogCaptureFixture,
) -> None:
    exc = socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
    assert _said(exc, _config("smtp.gmail.com"), caplog) == (
        "The mail server smtp.gmail.com could not be looked up: check that this computer is "
        "connected to the internet, then try again."
    )


def test_ssl_chosen_on_port_587_says_to_choose_starttls(caplog: pytest.LogCaptureFixture) -> None:
    exc = _tls_answered_in_plain()
    assert exc.reason == "WRONG_VERSION_NUMBER"
    said = _said(exc, _config("smtp.gmail.com", 587, "ssl"), caplog)
    assert said == "Port 587 uses STARTTLS, not SSL: choose STARTTLS, or use port 465 for SSL."


def test_ssl_chosen_on_another_plain_port_says_which_port_uses_ssl(
    caplog: pytest.LogCaptureFixture,
) -> None:
    said = _said(_tls_answered_in_plain(), _config("mail.example.com", 8025, "ssl"), caplog)
    assert said == (
        "The mail server mail.example.com does not use SSL on port 8025: choose STARTTLS, or "
        "ask your e-mail provider which port uses SSL (usually 465)."
    )


@pytest.mark.parametrize(
    "exc",
    [
        TimeoutError("timed out"),
        smtplib.SMTPServerDisconnected("Connection unexpectedly closed: timed out"),
        ConnectionResetError(errno.ECONNRESET, "Connection reset by peer"),
    ],
)
def test_starttls_chosen_on_port_465_says_to_choose_ssl(
    exc: BaseException, caplog: pytest.LogCaptureFixture
) -> None:
    said = _said(exc, _config("smtp.gmail.com", 465, "starttls"), caplog)
    assert said == "Port 465 uses SSL, not STARTTLS: choose SSL, or use port 587 for STARTTLS."


def test_a_refused_connection_says_to_check_the_port(caplog: pytest.LogCaptureFixture) -> None:
    exc = ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")
    assert _said(exc, _config("smtp.gmail.com", 588), caplog) == (
        "The mail server smtp.gmail.com refused a connection on port 588. Check the port: "
        "usually 587 for STARTTLS or 465 for SSL."
    )


def test_a_server_that_does_not_answer_says_how_long_it_waited(
    caplog: pytest.LogCaptureFixture,
) -> None:
    said = _said(TimeoutError("timed out"), _config("smtp.gmail.com", 587), caplog)
    assert said == (
        "The mail server smtp.gmail.com:587 did not answer within 15 seconds. Check the server "
        "name and the port (usually 587 for STARTTLS or 465 for SSL), and that this computer "
        "is connected to the internet."
    )


def test_a_refused_password_says_to_check_it_and_mentions_app_passwords(
    caplog: pytest.LogCaptureFixture,
) -> None:
    exc = smtplib.SMTPAuthenticationError(
        535, b"5.7.8 Username and Password not accepted. For more information, go to"
    )
    said = _said(exc, _config("smtp.gmail.com", 587), caplog)
    assert said == (
        "The mail server smtp.gmail.com:587 refused the user name or password. Check both in "
        "Tools ▸ Settings ▸ Email; some providers (Gmail, Microsoft 365) want an app password "
        "here, not the usual one."
    )
    assert "Username and Password not accepted" not in said


def test_a_server_without_starttls_says_which_port_to_use(
    caplog: pytest.LogCaptureFixture,
) -> None:
    exc = smtplib.SMTPNotSupportedError("STARTTLS extension not supported by server.")
    said = _said(exc, _config("mail.example.com", 25), caplog)
    assert said.startswith("The mail server mail.example.com does not offer STARTTLS on port 25")


def test_any_other_failure_points_to_the_settings_and_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    exc = OSError(errno.EIO, "Input/output error")
    said = _said(exc, _config("smtp.gmail.com", 587), caplog)
    assert said.startswith("Could not send through smtp.gmail.com:587. Check the settings")


def test_a_refused_recipient_is_the_servers_answer_and_is_not_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    exc = smtplib.SMTPRecipientsRefused({"ann@x.example": (550, b"5.1.1 No such user")})
    error = mail_server_problem(exc, _config())
    assert error.permanent and "550" in error.message
    assert not caplog.records, "a server's reply may name a client: never in the log"
