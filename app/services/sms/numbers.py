"""Clients' phone numbers as the SMS gateway takes them: E.164 (+61412345678).

Parsed with `phonenumbers` (Google's libphonenumber metadata): "0412 345 678" typed on an
Australian desk, "+61 412 345 678" and "61412345678" all become +61412345678; a number written
with another country's code keeps it.
"""

from __future__ import annotations

import phonenumbers

from app.errors import ValidationError
from app.i18n import translate

_MOBILE = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)


def _parsed(raw: str | None, country: str) -> phonenumbers.PhoneNumber | None:
    text = (raw or "").strip()
    if not text:
        return None
    region = (country or "AU").upper()
    candidates = [text]
    digits = "".join(ch for ch in text if ch.isdigit())
    if not text.startswith(("+", "0")) and digits:
        candidates.append("+" + digits)  # "61412345678": the country code without its plus
    for candidate in candidates:
        try:
            number = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number
    return None


def e164(raw: str | None, country: str = "AU") -> str | None:
    """The number in E.164 (`+61412345678`), or None when it is not a valid phone number.

    `country` is the practice's two-letter country code: it gives numbers written without a
    country code their country ("0412 345 678" on an Australian desk).
    """
    number = _parsed(raw, country)
    if number is None:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_mobile(raw: str | None, country: str = "AU") -> bool:
    """True for a number that can receive a text (a mobile, or a plan that does not tell)."""
    return texting_number(raw, country) is not None


def texting_number(raw: str | None, country: str = "AU") -> str | None:
    """Where a text to this client can go: the number in E.164 when it is a mobile (or a plan
    that does not tell), else None (a landline, no number, not a number). Reminders and waitlist
    offers both ask here."""
    number = _parsed(raw, country or "AU")
    if number is None or phonenumbers.number_type(number) not in _MOBILE:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def example_mobile(country: str = "AU") -> str:
    """A mobile number as the practice's country writes it, for the sentences that show one:
    "0412 345 678" (AU), "07400 123456" (GB), "06 12 34 56 78" (FR)."""
    region = (country or "AU").upper()
    mobile = phonenumbers.PhoneNumberType.MOBILE
    number = phonenumbers.example_number_for_type(region, mobile)
    if number is None:  # a region libphonenumber has no example for
        return "0412 345 678"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def mobile_e164(raw: str | None, country: str = "AU", *, field: str = "number") -> str:
    """A mobile number typed by staff, in E.164; refuses anything else with a plain sentence
    (its example written the country's way)."""
    text = (raw or "").strip()
    example = example_mobile(country)
    if not text:
        raise ValidationError(
            translate("sms", "Enter a mobile number, like {example}.").format(example=example),
            field=field,
        )
    number = _parsed(text, country)
    if number is None:
        raise ValidationError(
            translate(
                "sms", "{text} is not a phone number. Enter a mobile number, like {example}."
            ).format(text=text, example=example),
            field=field,
        )
    if phonenumbers.number_type(number) not in _MOBILE:
        raise ValidationError(
            translate(
                "sms", "{text} is not a mobile number, so it cannot receive a text message."
            ).format(text=text),
            field=field,
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
