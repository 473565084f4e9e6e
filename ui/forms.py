"""What every form and query string takes alike: record ids (the ids of ticked rows, a
cursor) and typed text, refused with a clear error rather than handed to the database."""

from django import forms
from django.core.exceptions import BadRequest
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

MOST_AT_ONCE = 100  # a few pages' worth; the grid shows 25 a page

LARGEST_ID = 2**63 - 1  # a BigAutoField's; larger numbers overflow the database driver

NOT_UNDERSTOOD = gettext_lazy("The selection was not understood; reload the page.")


class IdListField(forms.Field):
    """The ids of the ticked rows: every `ids` value of the form, at most MOST_AT_ONCE
    (its "too_many" error message says so in the form's own words)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "too_many": format_lazy(
            gettext_lazy("Choose at most {count} at a time."), count=MOST_AT_ONCE
        )
    }

    def to_python(self, value):
        try:
            ids = sorted({int(item) for item in value or []})
        except (TypeError, ValueError):
            raise forms.ValidationError(NOT_UNDERSTOOD) from None
        if ids and not (ids[0] >= 1 and ids[-1] <= LARGEST_ID):
            raise forms.ValidationError(NOT_UNDERSTOOD)
        return ids

    def validate(self, value):
        super().validate(value)
        if len(value) > MOST_AT_ONCE:
            raise forms.ValidationError(self.error_messages["too_many"], code="too_many")


# Python refuses to read a number of more than 4,300 digits (ValueError), and past this
# many digits no text can be an id anyway: its length is checked first.
ID_DIGITS = len(str(LARGEST_ID))

NO_NUL = ProhibitNullCharactersValidator()  # the message Django's CharField gives


def parse_id(text) -> int | None:
    """`text` (from a URL or a form) as a record id from 1 to LARGEST_ID, or None.

    Only ASCII digits count: `int()` would also read "²", "١" or " 12 ", which the
    database would not take for the same number.
    """
    text = str(text or "")
    if not (text.isascii() and text.isdigit() and len(text) <= ID_DIGITS):
        return None
    number = int(text)
    return number if 1 <= number <= LARGEST_ID else None


def refuse_nul(text: str) -> str:
    """`text`, unless it holds a NUL character, which no database column takes
    (PostgreSQL refuses it outright, SQLite's full-text search chokes on it)."""
    NO_NUL(text)
    return text


def typed_text(params, name: str, *, max_length: int = 200) -> str:
    """What was typed into a search-as-you-type box (`params[name]`), cut to
    `max_length` characters. A NUL in it is no typing mistake: BadRequest (400)."""
    text = str(params.get(name, ""))[:max_length]
    try:
        return refuse_nul(text)
    except forms.ValidationError as error:
        raise BadRequest(f"“{name}”: {error.messages[0]}") from None
