"""A text's length in text messages: GSM-7 (extension characters take two places) or UCS-2 when
one character is outside the GSM alphabet (an emoji takes two UTF-16 code units)."""

from __future__ import annotations

import pytest

from app.errors import ValidationError
from app.services.sms.length import measure, segments
from app.services.sms.reminder_rules import SMS_LIMIT, check_length


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (1, "GSM-7", 0)),
        ("a" * 160, (1, "GSM-7", 160)),
        ("a" * 161, (2, "GSM-7", 161)),
        ("a" * 306, (2, "GSM-7", 306)),
        ("a" * 307, (3, "GSM-7", 307)),
        ("a" * 612, (4, "GSM-7", 612)),
        ("a" * 613, (5, "GSM-7", 613)),
        ("é" * 160, (1, "GSM-7", 160)),  # é, É, ñ, ü, à … are in the GSM table
        ("{" * 80, (1, "GSM-7", 160)),  # an extension character takes two places
        ("€" * 81, (2, "GSM-7", 162)),
        ("a" * 152 + "[" + "a" * 6, (1, "GSM-7", 160)),
        ("a" * 152 + "[" + "a" * 7, (2, "GSM-7", 161)),
        ("a" * 70, (1, "GSM-7", 70)),
        ("a" * 69 + "’", (1, "UCS-2", 70)),  # a curly quote: UCS-2
        ("a" * 70 + "’", (2, "UCS-2", 71)),
        ("’" + "a" * 267, (4, "UCS-2", 268)),
        ("’" + "a" * 268, (5, "UCS-2", 269)),
        ("😀" * 35, (1, "UCS-2", 70)),  # an emoji is two UTF-16 code units
        ("😀" * 36, (2, "UCS-2", 72)),
        ("ç" + "a" * 69, (1, "UCS-2", 70)),  # only the capital Ç is in the table
    ],
)
def test_a_text_is_counted_as_the_gateway_sends_it(
    text: str, expected: tuple[int, str, int]
) -> None:
    found = measure(text)
    assert (found.segments, found.encoding, found.units) == expected
    assert segments(text) == expected[0]


def test_a_split_keeps_an_extension_character_and_an_emoji_whole() -> None:
    # 152 septets, then "€" (2): it does not fit the first part's last place, so a third part
    # is needed only once the second is full.
    assert measure("a" * 152 + "€" + "a" * 151).segments == 2
    assert measure("a" * 152 + "€" + "a" * 152).segments == 3
    # 66 units then an emoji (2) that would straddle the first part's end.
    assert measure("’" + "a" * 65 + "😀" + "a" * 65).segments == 2
    assert measure("’" + "a" * 65 + "😀" + "a" * 66).segments == 3


def test_the_limit_is_four_text_messages() -> None:
    assert SMS_LIMIT == 4
    check_length("a" * 612, "sms")
    with pytest.raises(ValidationError) as refused:
        check_length("a" * 613, "sms")
    assert "too long for 4 text messages: it would be sent as 5" in str(refused.value)


def test_an_emoji_makes_each_text_shorter_and_the_refusal_names_it() -> None:
    with pytest.raises(ValidationError) as refused:
        check_length("See you soon 😀 " + "a" * 300, "sms")
    said = str(refused.value)
    assert said.startswith("The text is too long for 4 text messages: it would be sent as 5.")
    assert "Because it contains “😀”, each text message holds only 67 characters" in said


def test_extension_characters_count_twice() -> None:
    check_length("[" * 304, "sms")  # 76 to a text (152 places; one is never split in two)
    with pytest.raises(ValidationError) as refused:
        check_length("[" * 305, "sms")
    assert "count as two" in str(refused.value)


def test_placeholders_are_counted_as_written_without_their_braces_costing_twice() -> None:
    # 51 placeholders of 12 characters: 612 places, braces not counted as extension characters.
    check_length("{first_name}" * 51, "sms")
    with pytest.raises(ValidationError):
        check_length("{first_name}" * 51 + "a", "sms")


def test_an_e_mail_keeps_its_limit_in_characters() -> None:
    check_length("😀" * 600, "email")
    with pytest.raises(ValidationError) as refused:
        check_length("a" * 613, "email")
    assert str(refused.value) == "The text is 613 characters long; the limit is 612."
