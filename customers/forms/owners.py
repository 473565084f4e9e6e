from django import forms

from customers.owners import display_name, possible_owners


class OwnerChoiceField(forms.ModelChoiceField):
    """A select of active users by name, with "No owner" for nobody."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Owner")
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_label", "No owner")
        super().__init__(queryset=possible_owners(), **kwargs)

    def label_from_instance(self, obj):
        return display_name(obj)
