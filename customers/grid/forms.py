from django import forms
from django.db import models

from customers.core.owners import OwnerChoiceField
from customers.models import Customer, Tag
from ui.forms import MOST_AT_ONCE, IdListField


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
