from django import forms
from django.db import models

from customers.forms.owners import OwnerChoiceField
from customers.models import Customer, Tag

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


class BulkAction(models.TextChoices):
    ASSIGN_OWNER = "assign_owner", "Assign owner"
    ADD_TAG = "add_tag", "Add tag"
    SET_STATUS = "set_status", "Set status"
    DELETE = "delete", "Delete selected"


class BulkActionForm(forms.Form):
    """One action on the ticked customers, with the one value that action needs."""

    ids = IdListField(
        required=True,
        error_messages={
            "required": "Select at least one customer first.",
            "too_many": f"Select at most {MOST_AT_ONCE} customers at a time.",
        },
    )
    action = forms.ChoiceField(choices=BulkAction.choices)
    owner = OwnerChoiceField(label="New owner")
    tag = forms.ModelChoiceField(
        queryset=Tag.objects.all(), required=False, label="Tag to add", empty_label="Choose a tag"
    )
    status = forms.ChoiceField(
        choices=[("", "Choose a status"), *Customer.Status.choices],
        required=False,
        label="New status",
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="bulk-%s", **kwargs)

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action == BulkAction.ADD_TAG and not cleaned.get("tag"):
            self.add_error("tag", "Choose the tag to add.")
        if action == BulkAction.SET_STATUS and not cleaned.get("status"):
            self.add_error("status", "Choose the new status.")
        return cleaned
