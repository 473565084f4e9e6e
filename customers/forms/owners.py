from django import forms

from customers.owners import display_name, possible_owners


class UserChoiceField(forms.ModelChoiceField):
    """A select of users, by their full name where they have one."""

    def label_from_instance(self, obj):
        return display_name(obj)


class OwnerChoiceField(UserChoiceField):
    """A select of active users by name, with "No owner" for nobody."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Owner")
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_label", "No owner")
        super().__init__(queryset=possible_owners(), **kwargs)

    def keep(self, owner_id: int | None) -> None:
        """Offer the current owner even if they have since been deactivated.

        Otherwise the select would fall back to "No owner", and saving an unrelated
        change would quietly take the record away from them.
        """
        if owner_id:
            model = self.queryset.model
            self.queryset = self.queryset | model.objects.filter(pk=owner_id)
