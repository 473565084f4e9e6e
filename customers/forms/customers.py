from django import forms

from customers.forms.owners import OwnerChoiceField
from customers.models import Customer


def changed_values(form: forms.Form) -> dict:
    """The cleaned values of the fields the user changed, for an update service."""
    return {name: form.cleaned_data[name] for name in form.changed_data}


class CustomerForm(forms.ModelForm):
    owner = OwnerChoiceField()

    class Meta:
        model = Customer
        fields = ["name", "email", "phone", "company", "status", "owner"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "company": forms.TextInput(attrs={"autocomplete": "off"}),
        }
        error_messages = {
            "name": {"required": "Enter the customer's name."},
            "email": {
                "required": "Enter the customer's email address.",
                "invalid": "Enter a valid email address, like name@example.com.",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.owner_id:
            # An owner who has since been deactivated is not offered to other customers,
            # but stays on this one's list: otherwise the select would fall back to "No
            # owner" and saving an unrelated change would quietly take the customer away.
            owner = self.fields["owner"]
            owner.queryset = owner.queryset | owner.queryset.model.objects.filter(
                pk=self.instance.owner_id
            )
