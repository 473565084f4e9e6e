from django import forms

from customers.core.owners import OwnerChoiceField
from customers.core.versioned import VersionedFormMixin
from customers.models import Customer


class CustomerForm(VersionedFormMixin, forms.ModelForm):
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
        self.fields["owner"].keep(self.instance.owner_id)
