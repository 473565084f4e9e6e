from django import forms

from ui.forms import MOST_AT_ONCE, IdListField


class TrashSelectionForm(forms.Form):
    """The customers to restore: one from the trash page, or all an Undo brings back."""

    ids = IdListField(
        required=True,
        error_messages={
            "required": "Choose what to restore.",
            "too_many": f"Restore at most {MOST_AT_ONCE} customers at a time.",
        },
    )
