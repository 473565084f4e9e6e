from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from ui.forms import MOST_AT_ONCE, IdListField


class TrashSelectionForm(forms.Form):
    """The customers to restore: one from the trash page, or all an Undo brings back."""

    ids = IdListField(
        required=True,
        error_messages={
            "required": gettext_lazy("Choose what to restore."),
            "too_many": format_lazy(
                gettext_lazy("Restore at most {count} customers at a time."), count=MOST_AT_ONCE
            ),
        },
    )
