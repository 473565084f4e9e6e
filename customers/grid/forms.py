from django import forms
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.core.owners import OwnerChoiceField
from customers.grid.columns import OPTIONAL
from customers.models import Customer, Tag
from ui.forms import MOST_AT_ONCE, IdListField


class BulkAction(models.TextChoices):
    ASSIGN_OWNER = "assign_owner", gettext_lazy("Assign owner")
    ADD_TAG = "add_tag", gettext_lazy("Add tag")
    SET_STATUS = "set_status", gettext_lazy("Set status")
    DELETE = "delete", gettext_lazy("Delete selected")


class BulkActionForm(forms.Form):
    """One action on the ticked customers, with the one value that action needs."""

    ids = IdListField(
        required=True,
        error_messages={
            "required": gettext_lazy("Select at least one customer first."),
            "too_many": format_lazy(
                gettext_lazy("Select at most {count} customers at a time."), count=MOST_AT_ONCE
            ),
        },
    )
    action = forms.ChoiceField(choices=BulkAction.choices)
    owner = OwnerChoiceField(label=gettext_lazy("New owner"))
    tag = forms.ModelChoiceField(
        queryset=Tag.objects.all(),
        required=False,
        label=gettext_lazy("Tag to add"),
        empty_label=gettext_lazy("Choose a tag"),
    )
    status = forms.ChoiceField(
        choices=[("", gettext_lazy("Choose a status")), *Customer.Status.choices],
        required=False,
        label=gettext_lazy("New status"),
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="bulk-%s", **kwargs)

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action == BulkAction.ADD_TAG and not cleaned.get("tag"):
            self.add_error("tag", _("Choose the tag to add."))
        if action == BulkAction.SET_STATUS and not cleaned.get("status"):
            self.add_error("status", _("Choose the new status."))
        return cleaned


def column_choices() -> list[tuple[str, str]]:
    """The optional columns, by name, labelled with their headers (translated when read)."""
    from customers.grid.tables import CustomerTable

    return [(name, CustomerTable.base_columns[name].verbose_name) for name in OPTIONAL]


class GridColumnsForm(forms.Form):
    """Which optional columns the grid shows; none ticked leaves the name and actions."""

    columns = forms.MultipleChoiceField(
        label=gettext_lazy("Columns"),
        choices=column_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": gettext_lazy(
                "“%(value)s” is not one of the grid's columns. Choose from the list."
            ),
            "invalid_list": gettext_lazy("Choose the columns from the list."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="grid-columns-%s", **kwargs)
