"""Phone numbers: stored in E.164 (`+` and at most 15 digits), shown readably."""

import re
from functools import lru_cache

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

ALLOWED_CHARACTERS = re.compile(r"^\+?[\d\s().\-/]+$")
MAX_DIGITS = 15

INVALID_CHARACTERS = gettext_lazy(
    "A phone number may contain only digits, spaces, dashes, dots, brackets and a leading +."
)
TOO_LONG = gettext_lazy("A phone number has at most 15 digits.")
INVALID_NUMBER = gettext_lazy(
    "Enter a valid phone number, with its country code, e.g. +44 20 7946 0958."
)
# Said when the number had no country code, so the user sees why a right number failed.
INVALID_NATIONAL_NUMBER = gettext_lazy(
    "Enter a valid phone number. Without a country code it was read as a number of "
    "region {region} (+{code}); for another country, start with + and its code, "
    "e.g. +44 20 7946 0958."
)


def normalize_phone(raw: str, region: str | None = None) -> str:
    """Return `raw` in E.164 form, or "" for a blank value.

    A number typed without a country code is read as one of PHONE_DEFAULT_REGION.
    """
    raw = (raw or "").strip()
    if not raw:
        return ""
    if raw in _NORMAL:
        return raw
    normal = _normalized(raw, region or settings.PHONE_DEFAULT_REGION)
    if len(_NORMAL) >= NORMAL_KEPT:
        _NORMAL.clear()  # start afresh: no iterating a dict another thread may change
    _NORMAL[normal] = None
    return normal


# The numbers normalize_phone() has returned: each is its own normal form, whatever the
# region (it starts with its country code). A number is read again as stored, when the
# customer and its history row are saved, and parsing it anew is slow.
NORMAL_KEPT = 8192
_NORMAL: dict[str, None] = {}


# Saving one customer reads its number several times (cleaning it, then preparing it
# for the row and for its history row, each through the field's to_python()): parsing
# is slow, and an import checks a whole batch of rows before it saves them, so the cache
# holds more numbers than a batch has rows. Errors are not cached; they are raised each
# time.
@lru_cache(maxsize=8192)
def _normalized(raw: str, region: str) -> str:
    if not ALLOWED_CHARACTERS.match(raw):
        raise ValidationError(INVALID_CHARACTERS, code="invalid_characters")
    if len(re.sub(r"\D", "", raw)) > MAX_DIGITS:
        raise ValidationError(TOO_LONG, code="too_long")
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise invalid(raw, region) from None
    if not phonenumbers.is_valid_number(number):
        raise invalid(raw, region)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def invalid(raw: str, region: str) -> ValidationError:
    if raw.startswith("+") or raw.startswith("00"):
        return ValidationError(INVALID_NUMBER, code="invalid")
    code = phonenumbers.country_code_for_region(region)
    message = INVALID_NATIONAL_NUMBER.format(region=region, code=code)
    return ValidationError(message, code="invalid")


@lru_cache(maxsize=4096)  # parsing is slow, and a page shows the same numbers again
def format_phone(e164: str) -> str:
    """`+442079460958` -> `+44 20 7946 0958`; anything unparsable is shown as stored."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
