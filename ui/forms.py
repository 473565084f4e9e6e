"""Form fields for what htmx pages post: the ids of ticked rows."""

from django import forms

MOST_AT_ONCE = 100  # a few pages' worth; the grid shows 25 a page

LARGEST_ID = 2**63 - 1  # a BigAutoField's; larger numbers overflow the database driver

NOT_UNDERSTOOD = "The selection was not understood; reload the page."


class IdListField(forms.Field):
    """The ids of the ticked rows: every `ids` value of the form, at most MOST_AT_ONCE
    (its "too_many" error message says so in the form's own words)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"too_many": f"Choose at most {MOST_AT_ONCE} at a time."}

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
