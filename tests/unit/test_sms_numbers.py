"""Clients' numbers in E.164 for the SMS gateway, and the gateway settings' refusals."""

from __future__ import annotations

import pytest

from app.errors import ValidationError
from app.services.sms import settings as sms
from app.services.sms.numbers import e164, is_mobile, mobile_e164


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        ("0412 345 678", "AU", "+61412345678"),
        ("0412-345-678", "AU", "+61412345678"),
        ("+61 412 345 678", "AU", "+61412345678"),
        ("61412345678", "AU", "+61412345678"),
        ("(02) 9876 5432", "AU", "+61298765432"),
        ("021 123 4567", "NZ", "+64211234567"),
        ("+44 7911 123456", "AU", "+447911123456"),
        ("12", "AU", None),
        ("", "AU", None),
        (None, "AU", None),
        ("call me", "AU", None),
    ],
)
def test_numbers_become_e164(raw: str | None, country: str, expected: str | None) -> None:
    assert e164(raw, country) == expected


def test_only_a_mobile_can_receive_a_text() -> None:
    assert is_mobile("0412 345 678", "AU") and not is_mobile("(02) 9876 5432", "AU")
    assert mobile_e164("0412 345 678", "AU") == "+61412345678"
    with pytest.raises(ValidationError, match=r"^\(02\) 9876 5432 is not a mobile number"):
        mobile_e164("(02) 9876 5432", "AU")
    with pytest.raises(ValidationError, match="^12 is not a phone number"):
        mobile_e164("12", "AU")
    with pytest.raises(ValidationError, match="^Enter a mobile number"):
        mobile_e164("  ", "AU")


@pytest.mark.parametrize(
    ("draft", "words"),
    [
        (sms.SmsDraft(username="key", api_key=None), "Enter the API secret"),  # MessageMedia's word
        (sms.SmsDraft(username="a key", api_key="s"), "without spaces"),
        (sms.SmsDraft(username="key", api_key="s", sender="FrontDeskClinic"), "up to 11 letters"),
        (sms.SmsDraft(username="key", api_key="s", sender="+61 2"), "is not a phone number"),
        (
            sms.SmsDraft(username="key", api_key="s", base_url="http://sms.example.com"),
            "Use an https:// address",
        ),  # fmt: skip
        (
            sms.SmsDraft(username="key", api_key="s", base_url="sms.example.com"),
            "Enter the gateway's address",
        ),  # fmt: skip
        (sms.SmsDraft(username="key", api_key="s", offer_gap_minutes=0), "1 to 1440 minutes"),
    ],
)
def test_gateway_settings_refuse_what_cannot_work(draft: sms.SmsDraft, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        sms.check_sms(draft, key_saved=False)


def test_gateway_settings_accept_a_name_a_saved_key_and_loopback_http() -> None:
    d = sms.check_sms(
        sms.SmsDraft(username=" key ", sender="Clinic 1", base_url="http://127.0.0.1:8080/"),
        key_saved=True,
    )
    assert (d.username, d.sender, d.base_url) == ("key", "Clinic 1", "http://127.0.0.1:8080")
    assert sms.check_sms(sms.SmsDraft(), key_saved=False).username == ""  # off: nothing needed
