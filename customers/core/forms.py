from django import forms
from django.utils.translation import gettext_lazy

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
            "name": {"required": gettext_lazy("Enter the customer's name.")},
            "email": {
                "required": gettext_lazy("Enter the customer's email address."),
                "invalid": gettext_lazy("Enter a valid email address, like name@example.com."),
            },
        }
        # Here rather than as the model's verbose names, which would need a migration.
        labels = {
            "name": gettext_lazy("Name"),
            "email": gettext_lazy("Email"),
            "phone": gettext_lazy("Phone"),
            "company": gettext_lazy("Company"),
            "status": gettext_lazy("Status"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].keep(self.instance.owner_id)
