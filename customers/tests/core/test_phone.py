"""Phone numbers as people type them, stored in E.164 and shown readably."""

import pytest
from django.core.exceptions import ValidationError

from customers.core.phone import format_phone, normalize_phone

INVALID_CHARACTERS = (
    "A phone number may contain only digits, spaces, dashes, dots, brackets and a leading +."
)
TOO_LONG = "A phone number has at most 15 digits."
INVALID_NUMBER = "Enter a valid phone number, with its country code, e.g. +44 20 7946 0958."


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("(202) 555-0143", "+12025550143"),  # no country code: the default region, US
        ("202.555.0143", "+12025550143"),
        ("+1 202 555 0143", "+12025550143"),
        ("+44 20 7946 0958", "+442079460958"),
        ("+44 (20) 7946-0958", "+442079460958"),
        ("011 44 20 7946 0958", "+442079460958"),  # dialled from the US
        ("  +44 20 7946 0958  ", "+442079460958"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_typed_numbers_are_stored_in_e164(typed, stored):
    assert normalize_phone(typed) == stored


def test_a_national_number_refused_says_which_region_it_was_read_in(settings):
    settings.PHONE_DEFAULT_REGION = "US"

    with pytest.raises(ValidationError) as refused:
        normalize_phone("020 7946 0958")

    assert refused.value.messages == [
        "Enter a valid phone number. Without a country code it was read as a number of "
        "region US (+1); for another country, start with + and its code, "
        "e.g. +44 20 7946 0958."
    ]


def test_national_numbers_follow_the_configured_default_region(settings):
    settings.PHONE_DEFAULT_REGION = "GB"

    assert normalize_phone("020 7946 0958") == "+442079460958"
    assert normalize_phone("0044 20 7946 0958") == "+442079460958"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("call me", INVALID_CHARACTERS),
        ("555-0143 ext 2", INVALID_CHARACTERS),
        ("20+7946", INVALID_CHARACTERS),  # a + only at the start
        ("+1 202 555 0143 0000 0", TOO_LONG),
        ("1234567890123456", TOO_LONG),
        ("+1 123", INVALID_NUMBER),
        ("+999 1234 5678", INVALID_NUMBER),
    ],
)
def test_unusable_numbers_are_refused_with_a_clear_message(typed, message):
    with pytest.raises(ValidationError) as error:
        normalize_phone(typed)

    assert error.value.messages == [message]


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+442079460958", "+44 20 7946 0958"),
        ("+12025550143", "+1 202-555-0143"),
        ("", ""),
    ],
)
def test_stored_numbers_are_shown_readably(stored, shown):
    assert format_phone(stored) == shown
