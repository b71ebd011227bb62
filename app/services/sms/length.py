"""How many text messages (segments) a text takes: the one place that counts them.

A text is sent in the GSM 03.38 alphabet (7-bit) when every character is in it: 160 characters
fit one message, 153 each once it is split; the extension characters ({ } [ ] ~ \\ ^ | € and
form feed) take two places each. A single character outside it (an emoji, a curly quote, most
accented letters not in the table) makes the whole text go as UCS-2: 70 UTF-16 code units in one
message, 67 each once split (an emoji takes two). A split never cuts an extension character or
an emoji in half, as gateways do not.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from app.i18n import translate

# GSM 03.38 basic character set (the escape code 0x1B excluded).
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# The extension table: each is sent as the escape code and the character, two places.
GSM_EXTENDED = frozenset("\f^{}\\[]~|€")

GSM_SINGLE, GSM_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67


@dataclass(frozen=True)
class Length:
    """What a text takes: its encoding, its length in that encoding's units, how many text
    messages, and the first character (if any) that made it UCS-2."""

    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    segments: int
    forced_by: str | None = None

    @property
    def per_segment(self) -> int:
        """How many units each text message of a split text holds."""
        return GSM_PART if self.encoding == "GSM-7" else UCS2_PART


def _first_outside_gsm(text: str) -> str | None:
    return next((ch for ch in text if ch not in GSM_BASIC and ch not in GSM_EXTENDED), None)


def _widths(text: str, ucs2: bool) -> list[int]:
    """Each character's units, kept whole when split: 2 for an extension character (GSM-7) or a
    character beyond the Basic Multilingual Plane (UCS-2), else 1."""
    if ucs2:
        return [2 if ord(ch) > 0xFFFF else 1 for ch in text]
    return [2 if ch in GSM_EXTENDED else 1 for ch in text]


def _split_count(widths: list[int], part: int) -> int:
    segments, used = 1, 0
    for width in widths:
        if used + width > part:
            segments, used = segments + 1, 0
        used += width
    return segments


def measure(text: str) -> Length:
    """The text's encoding, length and number of text messages (an empty text: one)."""
    forced = _first_outside_gsm(text)
    ucs2 = forced is not None
    widths = _widths(text, ucs2)
    units = sum(widths)
    single, part = (UCS2_SINGLE, UCS2_PART) if ucs2 else (GSM_SINGLE, GSM_PART)
    segments = 1 if units <= single else _split_count(widths, part)
    return Length("UCS-2" if ucs2 else "GSM-7", units, segments, forced)


def segments(text: str) -> int:
    """How many text messages `text` is sent as."""
    return measure(text).segments


def _shown(ch: str) -> str:
    """A character as a sentence names it: itself in quotes, or what it is when it is unseen."""
    if ch.isprintable() and not ch.isspace():
        return f"“{ch}”"
    name = unicodedata.name(ch, f"U+{ord(ch):04X}").lower()
    return translate("sms", "an unseen character ({name})").format(name=name)


def too_long(length: Length, limit: int) -> str:
    """The refusal of a text that `length` says is more than `limit` text messages."""
    if length.forced_by is not None:
        return translate(
            "sms",
            "The text is too long for {limit} text messages: it would be sent as {count}. "
            "Because it contains {char}, each text message holds only {each} characters instead "
            "of {usual}: emoji and special characters (such as curly quotes) make every text "
            "shorter. Replace or remove {char}, or shorten the text.",
        ).format(limit=limit, count=length.segments, char=_shown(length.forced_by),
                 each=UCS2_PART, usual=GSM_PART)  # fmt: skip
    return translate(
        "sms",
        "The text is too long for {limit} text messages: it would be sent as {count}. Shorten "
        "it: each text message holds {usual} characters; {{ }} [ ] ~ ^ | € count as two, and an "
        "emoji or special character (such as a curly quote) makes every text shorter.",
    ).format(limit=limit, count=length.segments, usual=GSM_PART)
